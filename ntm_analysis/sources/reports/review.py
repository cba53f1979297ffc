"""A workbook to review extracted facts in, and reading the reviewed workbook back.

``ntm extract FILES --review facts.xlsx`` writes one row per fact: an ``accept`` column
(pre-filled ``yes`` for facts read with confidence of at least `ACCEPT_CONFIDENCE`, empty
for the others), a one-line ``what`` in words, the ``sentence`` the fact was read from, the
span as printed, where it stands (file, line, page), then every field of the fact. The
reviewer writes ``yes`` or ``no`` in ``accept`` and may correct any field (a name, a year, a
criteria set, a funding flow); ``ntm extract facts.xlsx --to-raw DIR`` then writes the rows
marked yes as data-model rows (`to_raw`). Text that a spreadsheet would run as a formula is
stored as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ntm_analysis.sources.reports.writers import CSV_COLUMNS

ACCEPT_CONFIDENCE = 0.8
SHEET = "facts"
ACCEPTED = {"yes", "y", "x", "1", "true", "có", "co", "đồng ý", "ok", "✓", "✔"}
LEAD = ["accept", "what", "sentence", "text", "source", "line", "page", "source_id", "kind"]
COLUMNS = [*LEAD, *[c for c in CSV_COLUMNS if c not in LEAD]]
CONTEXT = ["doc_province"]
LIST_COLUMNS = {"communes", "commune_codes"}
BOOL_COLUMNS = {"is_target", "per_commune"}
INT_COLUMNS = {
    "line", "page", "count", "total", "met", "of", "min_met", "max_met", "criterion_no",
    "amount_vnd", "year",
}  # fmt: skip
FLOAT_COLUMNS = {"pct", "value", "confidence"}
README = [
    "How to review",
    "",
    "Each row of the sheet 'facts' is one figure `ntm extract` read from a report, with the"
    " sentence it was read from.",
    "Write yes or no in the column 'accept' (yes is pre-filled for facts read with confidence"
    f" of at least {ACCEPT_CONFIDENCE}).",
    "Correct any field if the reading is wrong: a name, a year, a tier, criteria_set"
    " (commune_ntm or commune_advanced), flow (allocated, disbursed, mobilised, planned).",
    "Leave the columns source, line, page, source_id and kind as they are.",
    "Then: ntm extract THIS_FILE.xlsx --to-raw DIR  (writes the rows marked yes as data-model"
    " tables that ntm build --raw DIR reads).",
]


def what(f: dict[str, Any]) -> str:
    """A fact in a few words, for the reviewer.

    >>> what({"kind": "tier_count", "count": 12, "total": 15, "unit_level": "commune",
    ...       "tier": "ntm", "area": "Nghệ An", "year": 2023, "is_target": False})
    'tier_count: 12/15 commune ntm, Nghệ An 2023'
    """
    kind = f.get("kind", "")
    name = f.get("commune") or f.get("district") or f.get("village") or f.get("area") or ""
    parts: list[str] = []
    if kind in ("tier_count", "recognised_count"):
        n = f"{f.get('count')}/{f.get('total')}" if f.get("total") else f"{f.get('count')}"
        pct = f" ({f['pct']}%)" if f.get("pct") is not None else ""
        parts = [f"{n} {f.get('unit_level')} {f.get('tier')}{pct},"]
    elif kind.startswith("recognised_"):
        parts = [f"{f.get('tier')},"]
    elif kind == "criteria_count":
        parts = [f"{f.get('met')}/{f.get('of')} {f.get('criteria_set') or ''},"]
    elif kind == "criteria_band_count":
        parts = [f"{f.get('count')} communes at {f.get('min_met')}-{f.get('max_met')},"]
    elif kind == "criteria_status":
        parts = [f"{f.get('criterion_no') or ''} {f.get('criterion_name')} {f.get('status')},"]
    elif kind in ("funding", "money_per_person"):
        parts = [f"{f.get('amount_vnd'):,} VND {f.get('source_category') or f.get('measure')},"]
    elif kind in ("percent", "avg_criteria"):
        parts = [f"{f.get('measure') or ''} {f.get('value')},"]
    when = f.get("year") or f.get("period") or ""
    target = " (target)" if f.get("is_target") else ""
    return " ".join([f"{kind}:", *parts, f"{name} {when}".strip()]).strip(" ,") + target


def write_review(facts: list[dict[str, Any]], source_ids: dict[str, str], path: Path) -> None:
    """Write the review workbook (`openpyxl`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header = [*COLUMNS, *CONTEXT]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for f in facts:
        row = {**f, "source_id": source_ids.get(f["source"], ""), "what": what(f)}
        row["accept"] = "yes" if (f.get("confidence") or 0) >= ACCEPT_CONFIDENCE else ""
        ws.append([_cell(row.get(c)) for c in header])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    choice = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    ws.add_data_validation(choice)
    choice.add(f"A2:A{max(ws.max_row, 2)}")
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = ws.dimensions
    widths = {"accept": 8, "what": 48, "sentence": 80, "text": 40, "source": 24}
    for i, name in enumerate(header, start=1):
        letter = ws.cell(1, i).column_letter
        ws.column_dimensions[letter].width = widths.get(name, 14)
    for cell in ws["C"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    notes = wb.create_sheet("README")
    for line in README:
        notes.append([line])
    wb.save(path)


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return " | ".join("" if x is None else str(x) for x in value)
    return value


def read_review(path: Path) -> list[dict[str, Any]]:
    """The facts marked accepted in a reviewed workbook, typed back as `ntm extract` writes
    them (lists, booleans, numbers), corrections included.

    Raises:
        ValueError: the workbook has no 'facts' sheet or lacks its columns.
    """
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    if SHEET not in wb.sheetnames:
        raise ValueError(f"{path}: no sheet {SHEET!r}; was it written by ntm extract --review?")
    rows = wb[SHEET].iter_rows(values_only=True)
    header = [str(h or "") for h in next(rows, ())]
    missing = {"accept", "kind", "source", "line", "source_id"} - set(header)
    if missing:
        raise ValueError(f"{path}: columns missing from {SHEET!r}: {', '.join(sorted(missing))}")
    out = []
    for values in rows:
        rec = dict(zip(header, values))
        if str(rec.get("accept") or "").strip().lower() not in ACCEPTED:
            continue
        out.append({k: _typed(k, v) for k, v in rec.items() if k not in ("accept", "what")})
    wb.close()
    return out


def _typed(column: str, value: Any) -> Any:
    """A cell value as `ntm extract` types it."""
    if value is None or value == "":
        return [] if column in LIST_COLUMNS else None
    if column in LIST_COLUMNS:
        return [x.strip() or None for x in str(value).split("|")] if value != "[]" else []
    if column in BOOL_COLUMNS:
        return value if isinstance(value, bool) else str(value).strip().lower() in ACCEPTED
    if column in INT_COLUMNS:
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return value
    if column in FLOAT_COLUMNS:
        try:
            number = float(value)
        except (TypeError, ValueError):
            return value
        return int(number) if number.is_integer() else number
    return value
