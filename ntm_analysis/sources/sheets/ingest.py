"""Commune spreadsheets into data-model tables: `ntm check` and `ntm ingest`.

`sheets` finds each sheet's header and kind; this module turns the cells below it into rows
of the data model (``criteria_status``, ``commune_status``, ``facts``, ``funding``), judges
every value, and reports each problem as ``FILE:SHEET:ROW:COLUMN: message`` with the row and
column as Excel shows them (``-`` where one does not apply; CSV files have sheet ``-``).

Accounting is per spreadsheet row: every non-blank data row is either written (all the
records it yields are valid) or rejected with every reason. Summary rows ("Tổng cộng") are
checked against the rows above and counted as rejected with the reason "summary row".
``rows in = rows out + rows rejected`` holds for every sheet, and `IngestResult.balanced`
asserts it.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import process

from ntm_analysis.lexicon import criteria
from ntm_analysis.lexicon.numbers import NumberFormatError, format_number, parse_number
from ntm_analysis.lexicon.textnorm import fold, normalize
from ntm_analysis.model import validate
from ntm_analysis.model.conform import build_table
from ntm_analysis.model.dictionary import raw_columns
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import match_units
from ntm_analysis.sources.sheets import layout as sheets

REJECT_COLUMNS = ["file", "sheet", "row", "column", "kind", "reason", "values"]

# An amount above this for one row (area × source × period) is taken for a unit mistake.
ABSURD_VND = {"commune": 10**12, "district": 10**13, "province": 10**14}
_STATUS_MET = {"dat", "x", "1", "v", "co", "yes", "y", "met", "true", "pass", "passed"}
_STATUS_NOT = {"", "chua dat", "khong dat", "0", "no", "n", "not met", "false", "chua", "k"}
_STATUS_SYMBOLS = {
    "✓": "met",
    "✔": "met",
    "☑": "met",
    "✗": "not_met",
    "✘": "not_met",
    "-": "not_met",
}
_SUMMARY = re.compile(
    r"^(tong|tong cong|tong so|cong|total|grand total|toan tinh|toan huyen|toan thanh pho|ca nuoc)"
    r"( .*)?$"
)
_FOOTER = re.compile(r"^(ghi chu|chu thich|note|notes|nguon|source|nguoi lap|ngay)\b")
_TITLE_AREA = re.compile(r"^(?:ubnd |uy ban nhan dan )?(tinh|huyen) ([a-z][a-z ]{1,30})$")
_TIER_ABBREV = {"ntmkm": "model", "ntm km": "model", "ntmnc": "advanced", "ntm nc": "advanced"}
_WORKS_MEASURES = {
    "works_planned": ("works_planned", "works"),
    "works_completed": ("works_completed", "works"),
    "works_in_progress": ("works_in_progress", "works"),
    "progress_pct": ("works_progress_pct", "pct"),
    "length_km": ("works_length_km", "km"),
    "value": ("works_value_vnd", "vnd"),
}
_COUNT_LABEL = {
    "communes_total": "total communes",
    "communes_ntm": "NTM communes",
    "communes_advanced": "advanced communes",
    "communes_model": "model communes",
}


# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Problem:
    """One problem, located as Excel shows it."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        return f"{self.file}:{self.sheet}:{row}:{self.column or '-'}: {self.message}"


@dataclass
class SheetSummary:
    """Row accounting of one sheet."""

    file: str
    sheet: str
    kind: str
    rows_in: int = 0
    rows_out: int = 0
    rows_rejected: int = 0
    records: int = 0


@dataclass
class IngestResult:
    """Everything `ingest_files` found: table rows, rejects, problems and row accounting."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=raw_columns("sources"))
    )
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECT_COLUMNS))
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return sum(s.rows_in for s in self.sheets)

    @property
    def rows_out(self) -> int:
        return sum(s.rows_out for s in self.sheets)

    @property
    def rows_rejected(self) -> int:
        return sum(s.rows_rejected for s in self.sheets)

    @property
    def balanced(self) -> bool:
        """True when rows in = rows out + rows rejected for every sheet."""
        return all(s.rows_in == s.rows_out + s.rows_rejected for s in self.sheets)

    def summary(self) -> str:
        """One line per sheet and a total line: rows in = out + rejected, records written."""
        lines = [
            f"{s.file}:{s.sheet}: {s.kind}: rows in {s.rows_in} = out {s.rows_out} + rejected "
            f"{s.rows_rejected} ({s.records} records)"
            for s in self.sheets
        ]
        recs = ", ".join(f"{t} {len(df)}" for t, df in self.tables.items() if len(df))
        lines.append(
            f"total: rows in {self.rows_in} = rows out {self.rows_out} + rows rejected "
            f"{self.rows_rejected}; records written: {recs or 'none'}"
            + (f"; {len(self.failed_files)} file(s) unreadable" if self.failed_files else "")
        )
        return "\n".join(lines)


@dataclass
class Options:
    """What a sheet may not state itself; used only when the sheet does not say."""

    vintage: str = "legacy"
    province: str | None = None
    district: str | None = None
    year: int | None = None
    criteria_set: str | None = None
    unit: int | None = None
    flow: str | None = None


# ---------------------------------------------------------------------------- cell values


def cell_text(v: object) -> str:
    """A cell as text: blanks '', whole floats without '.0', other values normalised."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        if v != v:
            return ""
        if v.is_integer():
            return str(int(v))
    return normalize(str(v))


def cell_number(v: object) -> Decimal:
    """A numeric cell: Excel numbers as they are, text in Vietnamese format (1.234,5).

    Raises:
        NumberFormatError: the text is not a number; the message says why.
    """
    if isinstance(v, bool):
        raise NumberFormatError(f"{v!r}: not a number")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))
    text = normalize(str(v)).replace(" ", "").rstrip("%")
    try:
        return parse_number(text)
    except NumberFormatError:
        if re.fullmatch(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}", text):  # an English decimal point
            return Decimal(text)
        raise


def status_of(v: object) -> str | None:
    """met / not_met for a criterion cell (Đạt, x, 1, ✓ … / Chưa đạt, 0, blank), else None."""
    if v is None or v == "":
        return "not_met"
    if isinstance(v, bool):
        return "met" if v else "not_met"
    if isinstance(v, (int, float)):
        return {1: "met", 0: "not_met"}.get(v)  # type: ignore[call-overload]
    text = normalize(str(v))
    if text in _STATUS_SYMBOLS:
        return _STATUS_SYMBOLS[text]
    key = fold(text)
    if not key:
        return None
    if key in _STATUS_MET:
        return "met"
    if key in _STATUS_NOT:
        return "not_met"
    return None


def tier_of(text: str) -> str:
    """none / ntm / advanced / model from a tier label (abbreviations NTMNC, NTMKM too)."""
    key = fold(text)
    if key in _TIER_ABBREV:
        return _TIER_ABBREV[key]
    if key in ("chua dat", "chua", "khong", "none", "not yet", "no"):
        return "none"
    return criteria.normalise_tier(text)


def _fmt_vnd(amount: int) -> str:
    if abs(amount) >= 10**9:
        return f"{format_number(Decimal(amount) / 10**9)} tỷ đồng"
    return f"{format_number(Decimal(amount) / 10**6)} triệu đồng"


# ---------------------------------------------------------------------------- sheet state


class _Sheet:
    """One located sheet while it is turned into records."""

    def __init__(self, file: str, grid: sheets.Grid, layout: sheets.Layout, opts: Options):
        self.file, self.grid, self.layout, self.opts = file, grid, layout, opts
        self.name = grid.sheet
        self.problems: list[Problem] = []
        self.row_reasons: dict[int, list[tuple[str | None, str]]] = {}
        self.summary_rows: list[int] = []
        self.conflicts: set[str] = set()
        self.col_of = {f: c for c, f in layout.fields.items()}
        self.data = self._data_rows()

    # -- locations
    def cell(self, r: int, c: int | None) -> tuple[int, str | None]:
        """Excel row number and column letter of grid row ``r`` and column ``c``."""
        return r + 1, None if c is None else sheets.column_letter(c)

    def problem(self, r: int | None, c: int | None, message: str) -> None:
        row = None if r is None else r + 1
        col = None if c is None else sheets.column_letter(c)
        self.problems.append(Problem(self.file, self.name, row, col, message))

    def reject(self, r: int, c: int | None, message: str, report: bool = True) -> None:
        """Reject grid row ``r`` for ``message`` (also a problem unless ``report`` is False)."""
        self.row_reasons.setdefault(r, []).append(
            (None if c is None else sheets.column_letter(c), message)
        )
        if report:
            self.problem(r, c, message)

    def reject_all(self, rows: list[int], message: str) -> None:
        """Reject every data row for one sheet-level reason (reported once)."""
        for r in rows:
            self.row_reasons.setdefault(r, []).append((None, message))

    # -- rows
    def _data_rows(self) -> pd.DataFrame:
        """Data rows under the header as text, indexed by grid row; blank and footer rows out."""
        rows = self.grid.rows
        first = self.layout.first_data_row
        cols = sorted(self.layout.fields)
        width = max(cols) + 1 if cols else 0
        body = rows[first:]
        frame = pd.DataFrame(
            [r[:width] + [""] * (width - len(r)) if len(r) < width else r[:width] for r in body],
            index=range(first, first + len(body)),
            columns=range(width),
            dtype=object,
        )
        raw = frame[cols] if cols else frame
        self.raw = raw
        filled = frame.notna() & (frame != "")
        keep = filled.any(axis=1)
        # notes under the table ("Ghi chú: …", "Người lập biểu") are not rows
        lead = frame.where(filled).bfill(axis=1).iloc[:, 0] if width else pd.Series(dtype=object)
        footer = lead.map(
            lambda v: bool(_FOOTER.match(fold(str(v)))) if isinstance(v, str) else False
        )
        for r in footer[footer & keep].index:
            # a footer row may state the money unit ("Ghi chú: đơn vị triệu đồng")
            unit = sheets.money_unit(str(lead[r]))
            if unit is not None:
                self.layout.context.setdefault("unit", []).append(sheets.Stated(unit, r, None))
        keep &= ~footer
        return raw[keep]

    def text(self, field_name: str) -> pd.Series | None:
        """A field's column as text (None when the sheet has no such column)."""
        c = self.col_of.get(field_name)
        if c is None:
            return None
        return self.data[c].map(cell_text)

    def stated(self, key: str) -> object | None:
        """A title/note statement, or the option; conflicting statements are a problem."""
        found = self.layout.context.get(key, [])
        values = list(dict.fromkeys(s.value for s in found))
        if len(values) > 1:
            if key not in self.conflicts:
                self.conflicts.add(key)
                first = found[0]
                shown = ", ".join(_shown(key, v) for v in values)
                self.problem(
                    first.row, first.col, f"the sheet states several {key} values: {shown}"
                )
            return None
        if values:
            return values[0]
        return getattr(self.opts, key, None) if hasattr(self.opts, key) else None


def _shown(key: str, value: object) -> str:
    if key == "unit":
        return {1: "đồng", 10**3: "nghìn đồng", 10**6: "triệu đồng", 10**9: "tỷ đồng"}.get(
            value,  # type: ignore[arg-type]
            str(value),
        )
    return str(value)


# ---------------------------------------------------------------------------- areas


def _title_areas(sh: _Sheet) -> None:
    """'TỈNH LẠNG SƠN' / 'HUYỆN BẮC SƠN' lines of the title block as province/district."""
    for r in range(sh.layout.header_rows[0]):
        for c, v in enumerate(sh.grid.rows[r]):
            text = cell_text(v)
            m = _TITLE_AREA.match(fold(text)) if text and len(text) < 40 else None
            if m:
                key = "province" if m.group(1) == "tinh" else "district"
                name = " ".join(text.split()[1:]) if not fold(text).startswith("ubnd") else text
                name = re.sub(r"(?i)^(ubnd|ủy ban nhân dân)\s+", "", name)
                name = re.sub(r"(?i)^(tỉnh|huyện)\s+", "", name)
                sh.layout.context.setdefault(key, []).append(sheets.Stated(name.title(), r, c))


def _area_columns(sh: _Sheet) -> tuple[pd.Series, pd.Series]:
    """Province and district text of every data row, from columns or the title block."""
    n = len(sh.data)
    prov = sh.text("province")
    dist = sh.text("district")
    p_stated = sh.stated("province")
    d_stated = sh.stated("district")
    if prov is None:
        prov = pd.Series([str(p_stated or "")] * n, index=sh.data.index, dtype=object)
    elif p_stated:
        prov = prov.where(prov != "", str(p_stated))
    if dist is None:
        dist = pd.Series([str(d_stated or "")] * n, index=sh.data.index, dtype=object)
    elif d_stated:
        dist = dist.where(dist != "", str(d_stated))
    return prov, dist


def _candidates_text(cands: str) -> str:
    out = []
    for part in (cands or "").split("|"):
        code, _, name = part.partition(":")
        if name:
            out.append(f"{name} ({code})")
    return ", ".join(out)


class _Communes:
    """Commune matching with a cache shared by every sheet of a run."""

    def __init__(self, vintage: str):
        self.vintage = vintage
        self.cache: dict[tuple[str, str, str], tuple] = {}

    def match(self, prov: pd.Series, dist: pd.Series, comm: pd.Series) -> pd.DataFrame:
        keys = list(zip(prov, dist, comm, strict=True))
        todo = sorted({k for k in keys if k not in self.cache})
        if todo:
            df = pd.DataFrame(todo, columns=["province", "district", "commune"])
            out = match_units(df, vintage=self.vintage)
            names = self.names()
            for k, row in zip(todo, out.itertuples(index=False), strict=True):
                short, dist_name, prov_name = names.get(row.ward_code, (None, k[1], k[0]))
                self.cache[k] = (
                    row.ward_code,
                    short or _short_name(None, k[2]),
                    row.match_status,
                    row.match_candidates,
                    prov_name,
                    dist_name,
                    row.matched_name,
                )
        vals = [self.cache[k] for k in keys]
        return pd.DataFrame(
            vals,
            index=prov.index,
            columns=["code", "short", "status", "cands", "province", "district", "name"],
        )

    def names(self) -> dict[str, tuple[str, str, str]]:
        """Commune code -> (short name, district short name, province short name)."""
        if not hasattr(self, "_names"):
            u = gazetteer.load_units(self.vintage)
            c = u[u["level"] == "commune"]
            prov = c["province_name"].fillna("").str.replace(_PROVINCE_PREFIX, "", regex=True)
            dist = c["district_name"].fillna("").str.replace(_DISTRICT_PREFIX, "", regex=True)
            self._names = dict(
                zip(
                    c["unit_code"],
                    zip(c["unit_name_short"], dist, prov, strict=True),
                    strict=True,
                )
            )
        return self._names


_PROVINCE_PREFIX = r"^(?:Tỉnh|Thành phố)\s+"
_DISTRICT_PREFIX = r"^(?:Huyện|Quận|Thị xã|Thành phố)\s+"


def _short_name(full: str | None, fallback: str) -> str:
    if not full:
        return re.sub(r"(?i)^(xã|phường|thị trấn|xa|phuong|thi tran)\s+", "", fallback).strip()
    return re.sub(r"^(Xã|Phường|Thị trấn|Đặc khu)\s+", "", full)


def _commune_rows(sh: _Sheet, communes: _Communes) -> pd.DataFrame | None:
    """Match the commune column; rows with unknown/ambiguous names are rejected with hints."""
    comm = sh.text("commune")
    c_col = sh.col_of.get("commune")
    if comm is None:
        return None
    prov, dist = _area_columns(sh)
    if sh.opts.vintage == "2025":
        dist = pd.Series([""] * len(dist), index=dist.index, dtype=object)
    m = communes.match(prov, dist, comm)
    names, provs, dists = comm.to_numpy(), prov.to_numpy(), dist.to_numpy()
    status, cands, codes = m["status"].to_numpy(), m["cands"].to_numpy(), m["code"].to_numpy()
    p_col = sh.col_of.get("province", c_col)
    bad = (names == "") | (provs == "") | (status == "ambiguous") | (status == "unmatched")
    for i in np.flatnonzero(bad):
        r, name, p = comm.index[i], names[i], provs[i]
        if not name:
            sh.reject(r, c_col, "commune name is blank")
        elif not p:
            sh.reject(
                r, p_col, "province not stated: add a 'Tỉnh' column or 'Tỉnh: …' above the header"
            )
        elif status[i] == "ambiguous":
            sh.reject(
                r,
                c_col,
                f"ambiguous commune {name!r} in {p}: {_candidates_text(cands[i])}; "
                "add the district or the commune code",
            )
        else:
            where = p + (f" / {dists[i]}" if dists[i] else "")
            hint = f"; did you mean {_candidates_text(cands[i])}?" if cands[i] else ""
            sh.reject(r, c_col, f"unknown commune {name!r} in {where}{hint}")
    given = sh.text("unit_code")
    if given is not None:
        g = given.to_numpy()
        wrong = (g != "") & ~bad & (g != np.where(pd.isna(codes), "", codes).astype(str))
        for i in np.flatnonzero(wrong):
            sh.reject(
                comm.index[i],
                sh.col_of["unit_code"],
                f"commune code {g[i]!r} does not match {names[i]!r} "
                f"(the gazetteer has {m['name'].iat[i]} = {codes[i]})",
            )
    out = pd.DataFrame(
        {
            "commune_name": m["short"].to_numpy(),
            "district_name": m["district"].to_numpy(),
            "province_name": m["province"].to_numpy(),
            "unit_code": codes,
            "note": np.where(
                status == "fuzzy", [f"name written {n!r} in the sheet" for n in names], None
            ),
        },
        index=comm.index,
    )
    missing = pd.isna(codes)
    key = codes.astype(object).copy()
    key[missing] = ["name:" + fold(n) if n else "" for n in names[missing]]
    _duplicates(sh, pd.Series(key, index=comm.index), c_col, "commune", comm)
    return out


def _duplicates(sh: _Sheet, key: pd.Series, col: int | None, what: str, shown: pd.Series) -> None:
    """Reject rows repeating an earlier row's key (``what`` names it in the message)."""
    rejected = set(sh.row_reasons)
    dup_all = key.duplicated(keep=False) & (key != "")
    if not dup_all.any():
        return
    live = key[[r not in rejected for r in key.index]]
    dup = live.duplicated(keep=False) & (live != "")
    first: dict[str, int] = {}
    for r, k in live[dup].items():
        if k not in first:
            first[k] = r
            continue
        sh.reject(r, col, f"duplicate {what} {shown[r]!r}: already on row {first[k] + 1}")
    for k, r in first.items():
        again = [x + 1 for x, kk in live[dup].items() if kk == k and x != r]
        sh.reject(
            r, col, f"duplicate {what} {shown[r]!r}: again on row(s) {', '.join(map(str, again))}"
        )


_AREA_INDEX: dict[str, pd.DataFrame] = {}


def _area_units(vintage: str) -> pd.DataFrame:
    if vintage not in _AREA_INDEX:
        u = gazetteer.load_units(vintage)
        u = u[u["level"].isin(["province", "district"])].copy()
        u["key"] = u["unit_name_short"].map(fold)
        u["pkey"] = u["province_name"].map(lambda s: fold(re.sub(r"^(Tỉnh|Thành phố)\s+", "", s)))
        _AREA_INDEX[vintage] = u
    return _AREA_INDEX[vintage]


def _strip_area_prefix(text: str) -> str:
    return re.sub(
        r"(?i)^(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|tinh|thanh pho|huyen|quan|thi xa)\s+",
        "",
        text,
    ).strip()


def _area_code(sh: _Sheet, r: int, c: int | None, name: str, level: str, province: str) -> str:
    """Gazetteer code of a province or district name; unknown names are rejected with hints."""
    units = _area_units(sh.opts.vintage)
    key = fold(_strip_area_prefix(name))
    pool = units[units["level"] == level]
    if level == "district" and province:
        pool = pool[pool["pkey"] == fold(_strip_area_prefix(province))]
    hit = pool[pool["key"] == key]
    if len(hit) == 1:
        return str(hit["unit_code"].iloc[0])
    if len(hit) > 1:
        shown = ", ".join(f"{n} ({cd})" for n, cd in zip(hit["unit_name"], hit["unit_code"]))
        sh.reject(r, c, f"ambiguous {level} {name!r}: {shown}; add the province")
        return ""
    best = process.extract(key, pool["key"].tolist(), limit=3, score_cutoff=60)
    hint = ""
    if best:
        names = [pool["unit_name"].iloc[i] for _, _, i in best]
        hint = f"; did you mean {', '.join(names)}?"
    sh.reject(r, c, f"unknown {level} {name!r}{hint}")
    return ""


# ---------------------------------------------------------------------------- values


def _year_column(sh: _Sheet, rows: pd.Index) -> pd.Series | None:
    """The year of every row: a year column, else a stated year; None (problem) if neither."""
    col = sh.col_of.get("year")
    stated = sh.stated("year")
    years = pd.Series([stated] * len(rows), index=rows, dtype=object)
    if col is not None:
        for r in rows:
            v = sh.data.at[r, col]
            t = cell_text(v)
            if not t:
                if stated is None:
                    sh.reject(r, col, "year is blank")
                continue
            try:
                y = int(cell_number(v))
            except (NumberFormatError, ValueError):
                sh.reject(r, col, f"{t!r} is not a year")
                continue
            if not 1990 <= y <= 2100:
                sh.reject(r, col, f"year {y} is out of range (1990–2100)")
                continue
            years[r] = y
        return years
    if stated is None:
        return None
    return years


def _years_or_reject(sh: _Sheet, sheet_named: bool = False) -> pd.Series | None:
    """`_year_column` of every data row; when no year is stated anywhere, one problem on the
    header row and every row rejected (None). ``sheet_named``: the kind also takes the year
    from a sheet named after it, and the message says so."""
    years = _year_column(sh, sh.data.index)
    if years is None:
        where = (
            "'Năm' column, 'Năm: 2024' above the header, a sheet named 2024,"
            if sheet_named
            else "'Năm' column or 'Năm: 2024' above the header,"
        )
        sh.problem(sh.layout.header_row, None, f"year not stated: add a {where} or pass --year")
        sh.reject_all(list(sh.data.index), "year not stated")
    return years


def _number(sh: _Sheet, r: int, c: int, label: str) -> Decimal | None:
    """A numeric cell; blank is None; bad text rejects the row with the parser's reason."""
    v = sh.data.at[r, c]
    t = cell_text(v)
    if not t:
        return None
    try:
        return cell_number(v)
    except NumberFormatError as err:
        sh.reject(r, c, f"{label}: {err}")
        return None


def _count(sh: _Sheet, r: int, c: int, label: str) -> int | None:
    x = _number(sh, r, c, label)
    if x is None:
        return None
    if x < 0:
        sh.reject(r, c, f"{label} {format_number(x)} is negative")
        return None
    if x != x.to_integral_value():
        sh.reject(r, c, f"{label} {format_number(x)} is not a whole number")
        return None
    return int(x)


# ---------------------------------------------------------------------------- kinds


def _criteria_status(sh: _Sheet, communes: _Communes) -> dict[str, pd.DataFrame]:
    lay = sh.layout
    cset = sh.text("criteria_set")
    stated = sh.stated("criteria_set")
    if cset is None and stated is None:
        sh.problem(
            lay.header_row,
            None,
            "criteria set not stated: write 'Bộ tiêu chí: xã NTM' or 'xã NTM nâng cao' above "
            "the header, or pass --criteria-set",
        )
        sh.reject_all(list(sh.data.index), "criteria set not stated")
        return {}
    set_id = str(stated) if stated else None
    crit_cols: dict[int, int] = {}
    for c, f in sorted(lay.fields.items()):
        if not f.startswith("criterion:"):
            continue
        n = int(f.split(":")[1])
        if set_id and not criteria.is_valid_number(set_id, n):
            nums = criteria.criterion_numbers(set_id)
            sh.problem(
                lay.header_row,
                c,
                f"criterion {n} does not exist in {set_id} (criteria {min(nums)}–{max(nums)}); "
                "the column is not read",
            )
            continue
        crit_cols[c] = n
    years = _years_or_reject(sh, sheet_named=True)
    if years is None:
        return {}
    units = _commune_rows(sh, communes)
    if units is None:
        return {}
    # statuses, vectorised over distinct cell values
    block = sh.data[list(crit_cols)]
    flat = pd.Series(block.to_numpy(dtype=object).ravel())
    uniq = {}
    for v in pd.unique(flat):
        key = v if not isinstance(v, float) or v == v else ""
        try:
            uniq[v] = status_of(key)
        except TypeError:
            uniq[v] = None
    status = flat.map(uniq).to_numpy(dtype=object).reshape(block.shape)
    bad = np.argwhere(pd.isna(status))
    cols = list(crit_cols)
    for i, j in bad:
        r, c = block.index[i], cols[j]
        sh.reject(
            r,
            c,
            f"{cell_text(block.iat[i, j])!r} is not a criterion status "
            "(Đạt/x/1/✓ = met; Chưa đạt/0/blank = not met)",
        )
    row_sets = (
        cset.where(cset != "", stated or "").map(lambda s: sheets.criteria_set_of(s) or s)
        if cset is not None
        else pd.Series([set_id] * len(sh.data), index=sh.data.index)
    )
    n_rows, n_crit = block.shape
    nums = np.tile(np.array(list(crit_cols.values())), n_rows)
    rows_rep = np.repeat(block.index.to_numpy(), n_crit)
    letters = np.tile(np.array([sheets.column_letter(c) for c in cols], dtype=object), n_rows)
    rec = pd.DataFrame(
        {
            "commune_name": np.repeat(units["commune_name"].to_numpy(dtype=object), n_crit),
            "province_name": np.repeat(units["province_name"].to_numpy(dtype=object), n_crit),
            "unit_code": np.repeat(units["unit_code"].to_numpy(dtype=object), n_crit),
            "note": np.repeat(units["note"].to_numpy(dtype=object), n_crit),
            "admin_vintage": sh.opts.vintage,
            "year": np.repeat(years.to_numpy(dtype=object), n_crit),
            "criteria_set": np.repeat(row_sets.to_numpy(dtype=object), n_crit),
            "criterion_no": nums,
            "status": status.ravel(),
            "source_locator": sh.name + "!" + letters + (rows_rep + 1).astype(str),
            "_row": rows_rep,
        }
    )
    return {"criteria_status": rec}


def _commune_tiers(sh: _Sheet, communes: _Communes) -> dict[str, pd.DataFrame]:
    lay = sh.layout
    units = _commune_rows(sh, communes)
    if units is None:
        return {}
    year_col = sh.col_of.get("year")
    recognition = year_col is not None and bool(
        re.search(r"cong nhan|dat chuan|recogni", fold(lay.headers[year_col]))
    )
    set_id = sh.stated("criteria_set")
    recs = []
    yearcols = {c: int(f.split(":")[1]) for c, f in lay.fields.items() if f.startswith("yearcol:")}
    tier_c = sh.col_of.get("tier")
    met_c = sh.col_of.get("criteria_met")
    field_c = sh.col_of.get("model_field")
    dec_c = sh.col_of.get("decision")
    if yearcols:  # wide: one column per year holding the tier
        for r in sh.data.index:
            n = 0
            for c, y in sorted(yearcols.items()):
                t = cell_text(sh.data.at[r, c])
                if not t:
                    continue
                try:
                    tier = tier_of(t)
                except ValueError:
                    sh.reject(r, c, f"{t!r} is not a tier (Chưa đạt, NTM, NTM nâng cao, kiểu mẫu)")
                    continue
                n += 1
                recs.append(
                    {
                        "_row": r,
                        "year": y,
                        "tier": tier,
                        "record_kind": "assessment",
                        "source_locator": f"{sh.name}!{sheets.column_letter(c)}{r + 1}",
                    }
                )
            if n == 0 and r not in sh.row_reasons:
                sh.reject(r, None, "no tier in any year column")
    else:
        years = _years_or_reject(sh)
        if years is None:
            return {}
        for r in sh.data.index:
            rec: dict[str, object] = {
                "_row": r,
                "year": years[r],
                "record_kind": "recognition" if recognition else "assessment",
                "source_locator": f"{sh.name}!A{r + 1}",
            }
            if tier_c is not None:
                t = cell_text(sh.data.at[r, tier_c])
                if t:
                    try:
                        rec["tier"] = tier_of(t)
                    except ValueError:
                        sh.reject(
                            r,
                            tier_c,
                            f"{t!r} is not a tier (Chưa đạt, NTM, NTM nâng cao, kiểu mẫu)",
                        )
            if met_c is not None:
                met = _count(sh, r, met_c, "criteria met")
                row_set = _row_set(sh, r) or set_id
                if met is not None:
                    if not row_set:
                        sh.reject(
                            r,
                            met_c,
                            "criteria met given but the criteria set is not "
                            "stated ('Bộ tiêu chí: …' above the header)",
                        )
                    else:
                        size = criteria.set_size(str(row_set))
                        if size is not None and met > size:
                            sh.reject(
                                r,
                                met_c,
                                f"criteria met {met} is above the {size} criteria of {row_set}",
                            )
                        rec.update(criteria_met=met, criteria_total=size, criteria_set=row_set)
            if field_c is not None:
                rec["model_field"] = _model_field(sh, r, field_c, rec.get("tier"))
            if dec_c is not None:
                rec["decision"] = cell_text(sh.data.at[r, dec_c]) or None
            if "tier" not in rec and "criteria_met" not in rec and r not in sh.row_reasons:
                sh.reject(r, tier_c, "neither a tier nor a criteria count is given")
            recs.append(rec)
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    u = units.loc[df["_row"]].reset_index(drop=True)
    df = pd.concat([u, df], axis=1)
    df["admin_vintage"] = sh.opts.vintage
    key = df["unit_code"].fillna(df["commune_name"]) + "|" + df["year"].astype(str)
    key += "|" + df["record_kind"]
    dup = key.duplicated(keep=False)
    for _k, grp in df[dup].groupby(key[dup]):
        rows = sorted(set(grp["_row"]))
        if len(rows) > 1:
            for r in rows[1:]:
                sh.reject(
                    r,
                    sh.col_of.get("commune"),
                    f"duplicate commune "
                    f"{grp['commune_name'].iloc[0]!r} in {grp['year'].iloc[0]}: already on "
                    f"row {rows[0] + 1}",
                )
    return {"commune_status": df}


def _row_set(sh: _Sheet, r: int) -> str | None:
    """The criteria set a row's own 'Bộ tiêu chí' cell names (None when blank or absent)."""
    c = sh.col_of.get("criteria_set")
    if c is None:
        return None
    t = cell_text(sh.data.at[r, c])
    if not t:
        return None
    found = sheets.criteria_set_of(t) or sheets.criteria_set_of(f"bộ tiêu chí {t}")
    if found is None:
        sh.reject(r, c, f"{t!r} is not a known criteria set (e.g. xã NTM, xã NTM nâng cao)")
    return found


_FIELDS = {
    "giao duc": "education",
    "van hoa": "culture",
    "san xuat": "production",
    "moi truong": "environment",
    "du lich": "tourism",
    "y te": "health",
    "an ninh": "security",
    "chuyen doi so": "digital",
    "so": "digital",
}


def _model_field(sh: _Sheet, r: int, c: int, tier: object) -> str | None:
    t = cell_text(sh.data.at[r, c])
    if not t:
        return None
    key = fold(t)
    for word, value in _FIELDS.items():
        if word in key or key == value:
            if tier != "model":
                sh.reject(r, c, "a model field is only for model (kiểu mẫu) communes")
            return value
    sh.reject(
        r,
        c,
        f"{t!r} is not a model field (giáo dục, văn hóa, sản xuất, môi trường, du lịch, "
        "y tế, an ninh, chuyển đổi số)",
    )
    return None


def _area_of_rows(sh: _Sheet, communes: _Communes) -> pd.DataFrame | None:
    """area_name / area_level / area_code of each row of an area-level sheet."""
    if "commune" in sh.col_of:
        units = _commune_rows(sh, communes)
        if units is None:
            return None
        return pd.DataFrame(
            {
                "area_name": units["commune_name"],
                "area_level": "commune",
                "area_code": units["unit_code"],
                "_parent": units["province_name"],
            }
        )
    prov, dist = _area_columns(sh)
    rows = []
    d_col = sh.col_of.get("district")
    p_col = sh.col_of.get("province")
    for r in sh.data.index:
        p, d = prov[r], dist[r]
        if d_col is not None and dist[r]:
            code = _area_code(sh, r, d_col, d, "district", p)
            rows.append((r, _strip_area_prefix(d), "district", code, p))
        elif p:
            code = _area_code(sh, r, p_col, p, "province", "")
            rows.append((r, _strip_area_prefix(p), "province", code, ""))
        else:
            sh.reject(r, d_col if d_col is not None else p_col, "area name is blank")
            rows.append((r, "", "", "", ""))
    out = pd.DataFrame(rows, columns=["_r", "area_name", "area_level", "area_code", "_parent"])
    return out.set_index("_r")


def _is_summary(sh: _Sheet) -> pd.Series:
    """Rows whose area cell says "Tổng cộng", "Toàn tỉnh", "Total"…"""
    out = pd.Series(False, index=sh.data.index)
    for f in ("commune", "district", "province"):
        c = sh.col_of.get(f)
        if c is not None:
            out |= sh.data[c].map(lambda v: bool(_SUMMARY.match(fold(cell_text(v)))))
    return out


def _pop_summary_rows(sh: _Sheet) -> list[int]:
    """Take summary rows ("Tổng cộng") out of the data; they are checked, not ingested."""
    summary = _is_summary(sh)
    rows = list(summary[summary].index)
    sh.summary_rows = rows
    sh.summary_data = sh.data.loc[rows]
    sh.data = sh.data.drop(index=rows)
    return rows


def _check_summary(
    sh: _Sheet, values: dict[str, dict[int, Decimal | None]], cols: dict[str, int]
) -> None:
    """Compare each summary row with the sum of the rows above it (per numeric column)."""
    for r in sh.summary_rows:
        above = [x for x in sh.data.index if x < r and x not in sh.row_reasons]
        for name, c in cols.items():
            v = sh.summary_data.at[r, c]
            if not cell_text(v):
                continue
            try:
                total = cell_number(v)
            except NumberFormatError:
                continue
            parts = [values[name].get(x) for x in above]
            s = sum((p for p in parts if p is not None), Decimal(0))
            if parts and s != total:
                sh.problem(
                    r,
                    c,
                    f"summary row gives {format_number(total)} but the rows above "
                    f"add up to {format_number(s)}",
                )


def _area_counts(sh: _Sheet, communes: _Communes) -> dict[str, pd.DataFrame]:
    _pop_summary_rows(sh)
    areas = _area_of_rows(sh, communes)
    if areas is None:
        return {}
    years = _years_or_reject(sh)
    if years is None:
        return {}
    cols = {f.split(":")[1]: c for c, f in sh.layout.fields.items() if f.startswith("count:")}
    values: dict[str, dict[int, Decimal | None]] = {k: {} for k in cols}
    recs = []
    for r in sh.data.index:
        got = {}
        for name, c in cols.items():
            x = _count(sh, r, c, _COUNT_LABEL[name])
            values[name][r] = None if x is None else Decimal(x)
            if x is not None:
                got[name] = x
        order = ["communes_total", "communes_ntm", "communes_advanced", "communes_model"]
        present = [k for k in order if k in got]
        for hi, lo in itertools.pairwise(present):
            if got[lo] > got[hi]:
                sh.reject(
                    r,
                    cols[lo],
                    f"{_COUNT_LABEL[lo]} ({got[lo]}) exceed {_COUNT_LABEL[hi]} ({got[hi]})",
                )
        for name, x in got.items():
            recs.append(
                {
                    "_row": r,
                    "measure": name,
                    "value": x,
                    "unit": "communes",
                    "source_locator": f"{sh.name}!{sheets.column_letter(cols[name])}{r + 1}",
                }
            )
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, "no count in the row")
    _check_summary(sh, values, cols)
    key = areas["area_level"] + "|" + areas["area_name"].map(fold) + "|" + years.astype(str)
    _duplicates(sh, key, None, "area and year", areas["area_name"] + " " + years.astype(str))
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    df["year"] = years.loc[df["_row"]].to_numpy()
    df["admin_vintage"] = np.where(df["area_code"].fillna("") != "", sh.opts.vintage, "")
    return {"facts": df.drop(columns="_parent")}


def _money_unit(sh: _Sheet, c: int) -> int | None:
    return sh.layout.column_units.get(c) or sh.stated("unit") or sh.opts.unit  # type: ignore[return-value]


def _amount(sh: _Sheet, r: int, c: int, level: str, label: str) -> int | None:
    x = _number(sh, r, c, label)
    if x is None:
        return None
    unit = _money_unit(sh, c)
    if unit is None:
        sh.reject(
            r,
            c,
            "money unit not stated (write 'Đơn vị: triệu đồng' or put it in the "
            "header), or pass --unit",
            report=False,
        )
        return None
    vnd = x * unit
    if vnd < 0:
        sh.reject(r, c, f"{label}: negative amount {format_number(x)}")
        return None
    if vnd != vnd.to_integral_value():
        sh.reject(r, c, f"{label}: {format_number(x)} is not a whole number of đồng")
        return None
    limit = ABSURD_VND.get(level, ABSURD_VND["province"])
    if vnd > limit:
        sh.reject(
            r,
            c,
            f"{label}: {_fmt_vnd(int(vnd))} is implausible for one {level} "
            f"(more than {_fmt_vnd(limit)}); check the unit",
        )
        return None
    return int(vnd)


def _funding(sh: _Sheet, communes: _Communes) -> dict[str, pd.DataFrame]:
    lay = sh.layout
    _pop_summary_rows(sh)
    areas = _area_of_rows(sh, communes)
    if areas is None:
        return {}
    cat_cols = {f.split(":")[1]: c for c, f in lay.fields.items() if f.startswith("category:")}
    long = "source_category" in sh.col_of and "amount" in sh.col_of
    money_cols = list(cat_cols.values()) or [sh.col_of.get("amount")]
    sh.stated("unit")  # a conflict is reported once, not as a missing unit
    if "unit" not in sh.conflicts and any(
        _money_unit(sh, c) is None for c in money_cols if c is not None
    ):
        sh.problem(
            lay.header_row,
            None,
            "money unit not stated: write 'Đơn vị: triệu đồng' (or tỷ "
            "đồng) above or under the header, or pass --unit",
        )
    flow = sh.text("flow")
    stated_flow = sh.stated("flow")
    if flow is None and stated_flow is None:
        sh.problem(
            lay.header_row,
            None,
            "funding flow not stated: write 'Loại vốn: phân bổ' "
            "(or giải ngân, huy động, kế hoạch) above the header, or pass --flow",
        )
        sh.reject_all(list(sh.data.index), "funding flow not stated")
        return {}
    period_c = sh.col_of.get("period") or sh.col_of.get("year")
    stated_period = sh.stated("period") or sh.stated("year")
    recs = []
    values: dict[str, dict[int, Decimal | None]] = {k: {} for k in cat_cols}
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        period = cell_text(sh.data.at[r, period_c]) if period_c is not None else ""
        period = re.sub(r"\s*[-–]\s*", "-", period) or (str(stated_period) if stated_period else "")
        if not period:
            sh.reject(r, period_c, "year or period not stated")
            continue
        if not re.fullmatch(r"\d{4}(-\d{4})?", period):
            sh.reject(r, period_c, f"{period!r} is not a year or period (2024, 2021-2025)")
            continue
        f = (cell_text(sh.data.at[r, sh.col_of["flow"]]) if flow is not None else "") or stated_flow
        fl = sheets.flow_word(str(f)) if f and f not in validate_flows() else f
        if fl not in validate_flows():
            sh.reject(
                r,
                sh.col_of.get("flow"),
                f"{f!r} is not a funding flow (phân bổ, giải ngân, huy động, kế hoạch)",
            )
            continue
        if long:
            cat_text = cell_text(sh.data.at[r, sh.col_of["source_category"]])
            cat = _category_of(cat_text)
            if cat is None:
                sh.reject(r, sh.col_of["source_category"], f"{cat_text!r} is not a source of funds")
                continue
            items = [(cat, sh.col_of["amount"])]
        else:
            items = list(cat_cols.items())
        got = {}
        for cat, c in items:
            vnd = _amount(sh, r, c, level, _CATEGORY_LABEL.get(cat, cat))
            if cat in values:
                values[cat][r] = None if vnd is None else Decimal(vnd) / (_money_unit(sh, c) or 1)
            if vnd is not None:
                got[cat] = (vnd, c)
                recs.append(
                    {
                        "_row": r,
                        "period": period,
                        "source_category": cat,
                        "flow": fl,
                        "amount_vnd": vnd,
                        "source_locator": f"{sh.name}!{sheets.column_letter(c)}{r + 1}",
                    }
                )
        if "total" in got:
            parts = [
                v
                for k, (v, _) in got.items()
                if k not in ("total", "central_investment", "central_recurrent")
            ]
            if sum(parts) > got["total"][0]:
                sh.reject(
                    r,
                    got["total"][1],
                    f"sources add up to {_fmt_vnd(sum(parts))}, more "
                    f"than the total {_fmt_vnd(got['total'][0])}",
                )
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, "no amount in the row")
    _check_summary(sh, values, cat_cols)
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    key = (
        df["_row"].map(lambda r: f"{areas.at[r, 'area_level']}|{fold(areas.at[r, 'area_name'])}")
        + "|"
        + df["period"]
        + "|"
        + df["source_category"]
        + "|"
        + df["flow"]
    )
    dup = key.duplicated(keep="first")
    for i in df.index[dup]:
        first = int(df.loc[key == key[i], "_row"].iloc[0])
        r = int(df.at[i, "_row"])
        if r != first:
            sh.reject(
                r,
                None,
                f"duplicate: {areas.at[r, 'area_name']} {df.at[i, 'period']} "
                f"{df.at[i, 'source_category']} already on row {first + 1}",
            )
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    df["admin_vintage"] = np.where(df["area_code"].fillna("") != "", sh.opts.vintage, "")
    return {"funding": df.drop(columns="_parent")}


def validate_flows() -> tuple[str, ...]:
    from ntm_analysis.model.dictionary import FUNDING_FLOWS

    return FUNDING_FLOWS


_CATEGORY_LABEL = {
    "central_investment": "central investment",
    "central_recurrent": "central recurrent",
    "central": "central budget",
    "provincial": "provincial budget",
    "district": "district budget",
    "commune": "commune budget",
    "community": "community",
    "credit": "credit",
    "enterprise": "enterprises",
    "other": "other",
    "total": "total",
}


def _category_of(text: str) -> str | None:
    if text in _CATEGORY_LABEL:
        return text
    f = sheets.header_field(fold(text), "funding")
    if f and f.startswith("category:"):
        return f.split(":")[1]
    return None


def _works(sh: _Sheet, communes: _Communes) -> dict[str, pd.DataFrame]:
    _pop_summary_rows(sh)
    areas = _area_of_rows(sh, communes)
    if areas is None:
        return {}
    years = _years_or_reject(sh)
    if years is None:
        return {}
    cols = {f.split(":")[1]: c for c, f in sh.layout.fields.items() if f.startswith("works:")}
    wt = sh.text("works_type")
    recs = []
    values: dict[str, dict[int, Decimal | None]] = {k: {} for k in cols}
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        got: dict[str, float] = {}
        for name, c in cols.items():
            measure, unit = _WORKS_MEASURES[name]
            if unit == "vnd":
                x = _amount(sh, r, c, level, "works value")
            elif unit == "works":
                x = _count(sh, r, c, measure.replace("_", " "))
            else:
                d = _number(sh, r, c, measure.replace("_", " "))
                x = None
                if d is not None and d < 0:
                    sh.reject(r, c, f"{measure.replace('_', ' ')} {format_number(d)} is negative")
                elif d is not None and unit == "pct" and d > 100:
                    sh.reject(r, c, f"progress {format_number(d)}% is above 100%")
                elif d is not None:
                    x = float(d)
            values[name][r] = None if x is None else Decimal(str(x))
            if x is not None:
                got[name] = x
                recs.append(
                    {
                        "_row": r,
                        "measure": measure,
                        "value": x,
                        "unit": unit,
                        "note": f"works type: {wt[r]}" if wt is not None and wt[r] else None,
                        "source_locator": f"{sh.name}!{sheets.column_letter(c)}{r + 1}",
                    }
                )
        for lo in ("works_completed", "works_in_progress"):
            if lo in got and "works_planned" in got and got[lo] > got["works_planned"]:
                sh.reject(
                    r,
                    cols[lo],
                    f"{lo.replace('_', ' ')} ({int(got[lo])}) exceed the "
                    f"planned works ({int(got['works_planned'])})",
                )
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, "no figure in the row")
    _check_summary(sh, values, {k: c for k, c in cols.items() if k != "progress_pct"})
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    df["year"] = years.loc[df["_row"]].to_numpy()
    df["admin_vintage"] = np.where(df["area_code"].fillna("") != "", sh.opts.vintage, "")
    return {"facts": df.drop(columns="_parent")}


_HANDLERS = {
    "criteria_status": _criteria_status,
    "commune_tiers": _commune_tiers,
    "area_counts": _area_counts,
    "funding": _funding,
    "works": _works,
}


# ---------------------------------------------------------------------------- files


def source_id_of(path: Path) -> str:
    """Stable source id of a spreadsheet file: ``sheet_`` + 10 hex digits of its SHA-1."""
    h = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    return f"sheet_{h}"


def _unrecognised_columns(sh: _Sheet) -> None:
    for c, text in sorted(sh.layout.unnamed.items()):
        if sh.raw[c].map(cell_text).ne("").any() if c in sh.raw.columns else False:
            sh.problem(
                sh.layout.header_row, c, f"column {text!r} not recognised; its values are not read"
            )
        elif sh.layout.kind == "criteria_status":
            sh.problem(sh.layout.header_row, c, f"column {text!r} not recognised")


def _sheet_records(
    file: str,
    grid: sheets.Grid,
    opts: Options,
    communes: _Communes,
    result: IngestResult,
    source_id: str,
    acc: dict[str, list[pd.DataFrame]],
) -> None:
    """Turn one sheet into records (appended to ``acc``), problems, rejects and accounting."""
    if not any(cell_text(v) for row in grid.rows for v in row):
        result.problems.append(Problem(file, grid.sheet, None, None, "sheet is empty"))
        result.sheets.append(SheetSummary(file, grid.sheet, "empty"))
        return
    layout = sheets.locate(grid)
    if layout is None:
        texts = [[cell_text(v) for v in row] for row in grid.rows]
        lines = [(i, t) for i, t in enumerate(texts) if any(t)]
        result.problems.append(
            Problem(
                file,
                grid.sheet,
                None,
                None,
                "no known table header found in the first "
                f"{sheets.HEADER_SCAN_ROWS} rows (see data/raw/templates); {len(lines)} "
                "non-blank row(s) not read",
            )
        )
        n = len(lines)
        result.sheets.append(SheetSummary(file, grid.sheet, "unknown", rows_in=n, rows_rejected=n))
        rej = [
            {
                "file": file,
                "sheet": grid.sheet,
                "row": i + 1,
                "column": "",
                "kind": "unknown",
                "reason": "no known table header",
                "values": " | ".join(t),
            }
            for i, t in lines
        ]
        result.rejects = pd.concat([result.rejects, pd.DataFrame(rej)], ignore_index=True)
        return
    sh = _Sheet(file, grid, layout, opts)
    _title_areas(sh)
    _unrecognised_columns(sh)
    rows_all = list(sh.data.index)
    frames = _HANDLERS[layout.kind](sh, communes) if rows_all else {}
    if not rows_all:
        sh.problem(layout.first_data_row, None, "the table has a header but no rows")
    written = 0
    records = 0
    for table, df in frames.items():
        df = df.copy()
        df["source_id"] = source_id
        df = df[~df["_row"].isin(list(sh.row_reasons))]
        _validate(table, df, sh)
        df = df[~df["_row"].isin(list(sh.row_reasons))]
        records += len(df)
        acc.setdefault(table, []).append(df.drop(columns="_row"))
    summary = set(sh.summary_rows)
    rejected = set(sh.row_reasons) | summary
    written = len([r for r in rows_all if r not in rejected])
    rej_rows = []
    for r in sorted(rejected):
        reasons = sh.row_reasons.get(r, [])
        if r in summary and not reasons:
            reasons = [(None, "summary row: checked against the rows above, not ingested")]
        src = sh.grid.rows[r] if r < len(sh.grid.rows) else []
        rej_rows.append(
            {
                "file": file,
                "sheet": sh.name,
                "row": r + 1,
                "column": ";".join(dict.fromkeys(c for c, _ in reasons if c)),
                "kind": layout.kind,
                "reason": "; ".join(dict.fromkeys(m for _, m in reasons)),
                "values": " | ".join(cell_text(v) for v in src),
            }
        )
    if rej_rows:
        result.rejects = pd.concat([result.rejects, pd.DataFrame(rej_rows)], ignore_index=True)
    result.problems += sh.problems
    result.sheets.append(
        SheetSummary(
            file,
            sh.name,
            layout.kind,
            rows_in=len(rows_all),
            rows_out=written,
            rows_rejected=len(rejected),
            records=records,
        )
    )


def _validate(table: str, df: pd.DataFrame, sh: _Sheet) -> None:
    """Run the data-model schema and rules on the records; failing records reject their row.

    A criteria sheet yields one record per row and criterion that differ only in the
    criterion (checked against the set at the header) and the status (mapped from the
    cell), so one record per row is validated, with the other criteria of the row in it.
    """
    if table == "criteria_status":
        df = df.drop_duplicates("_row")
    cols = raw_columns(table)
    text = pd.DataFrame(index=df.index)
    for c in cols:
        if c in df.columns:
            s = df[c]
            text[c] = s.astype("string").where(s.notna() & (s.astype(str) != ""), pd.NA)
        else:
            text[c] = pd.Series(pd.NA, index=df.index, dtype="string")
    text["raw_row"] = df["_row"].astype(str)
    ctx = validate.Context(source_ids={str(df["source_id"].iloc[0])} if len(df) else set())
    res = build_table(table, text.reset_index(drop=True), ctx)
    for rec in res.rejects.itertuples(index=False):
        r = int(rec.raw_row)
        if r not in sh.row_reasons:
            sh.reject(r, None, f"{table}: {rec.reason}")


def _source_row(path: Path, source_id: str, kinds: list[str]) -> dict[str, str]:
    return {
        "source_id": source_id,
        "kind": "dataset",
        "title": f"Spreadsheet {path.name}",
        "url": path.name,
        "note": "read by ntm ingest; tables: " + ", ".join(sorted(set(kinds))),
    }


def ingest_files(paths: list[str | Path], opts: Options | None = None) -> IngestResult:
    """Read, recognise and validate spreadsheets (xlsx, xls, ods, csv) into data-model rows.

    Unreadable files are reported (``FILE:-:-:-: reason``) and skipped; the rest continue.
    """
    opts = opts or Options()
    result = IngestResult()
    acc: dict[str, list[pd.DataFrame]] = {}
    communes = _Communes(opts.vintage)
    sources = []
    for p in paths:
        path = Path(p)
        file = str(p)
        try:
            grids = sheets.read_grids(path)
        except sheets.SheetReadError as err:
            result.problems.append(Problem(file, "-", None, None, str(err)))
            result.failed_files.append(file)
            continue
        sid = source_id_of(path)
        before = len(result.sheets)
        if not grids:
            result.problems.append(Problem(file, "-", None, None, "workbook has no worksheet"))
        for grid in grids:
            _sheet_records(file, grid, opts, communes, result, sid, acc)
        kinds = [s.kind for s in result.sheets[before:]]
        sources.append(_source_row(path, sid, kinds))
    for table, frames in acc.items():
        frames = [f for f in frames if len(f)]
        if frames:
            df = pd.concat(frames, ignore_index=True)
            result.tables[table] = df.reindex(columns=raw_columns(table))
    result.sources = pd.DataFrame(sources, columns=raw_columns("sources"))
    result.problems.sort(
        key=lambda p: (
            list(dict.fromkeys(map(str, paths))).index(p.file) if p.file in map(str, paths) else 0,
            _sheet_order(result, p),
            p.row or 0,
            len(p.column or ""),
            p.column or "",
        )
    )
    return result


def _sheet_order(result: IngestResult, p: Problem) -> int:
    for i, s in enumerate(result.sheets):
        if s.file == p.file and s.sheet == p.sheet:
            return i
    return -1


def check_files(paths: list[str | Path], opts: Options | None = None) -> list[Problem]:
    """Every problem `ingest_files` would report, without writing anything."""
    return ingest_files(paths, opts).problems


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 (with BOM) CSV of ``df``, quoting only where needed; fast for large tables."""
    import csv
    import io

    import pyarrow as pa
    import pyarrow.csv as pacsv

    arrays = []
    for c in df.columns:
        col = df[c]
        try:
            arrays.append(pa.array(col, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays.append(pa.array(col.astype("string"), from_pandas=True))
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerow(list(df.columns))
    with path.open("wb") as fh:
        fh.write(("\ufeff" + head.getvalue()).encode("utf-8"))
        table = pa.Table.from_arrays(arrays, names=[str(c) for c in df.columns])
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=False, quoting_style="needed"))


def write_result(result: IngestResult, out_dir: str | Path) -> dict[str, Path]:
    """Write the tables in the raw layout (``<table>/<source_id>.csv``) plus rejects and summary.

    The output folder can be given to ``ntm build`` as a raw folder, or merged into data/raw.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    frames = {"sources": result.sources, **result.tables}
    for table, df in frames.items():
        if df is None or df.empty:
            continue
        for sid, part in df.groupby("source_id", sort=True):
            path = out / table / f"{sid}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_csv(part, path)
            written[f"{table}/{sid}"] = path
    rej = out / "rejects.csv"
    result.rejects.to_csv(rej, index=False, encoding="utf-8-sig", lineterminator="\n")
    written["rejects"] = rej
    summ = out / "ingest_summary.csv"
    pd.DataFrame([s.__dict__ for s in result.sheets]).to_csv(
        summ, index=False, encoding="utf-8-sig", lineterminator="\n"
    )
    written["summary"] = summ
    return written


# ---------------------------------------------------------------------------- CLI


def _add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="xlsx, xls, ods or csv files")
    p.add_argument(
        "--vintage",
        choices=("legacy", "2025", "pre2023"),
        default="legacy",
        help="admin-unit vintage the commune names belong to (default: legacy)",
    )
    p.add_argument("--province", help="province, when neither a column nor the title states it")
    p.add_argument("--district", help="district, when neither a column nor the title states it")
    p.add_argument("--year", type=int, help="year, when the sheet does not state it")
    p.add_argument(
        "--criteria-set",
        choices=criteria.known_sets(),
        help="criteria set of criterion columns, when the title does not name it",
    )
    p.add_argument(
        "--unit",
        choices=("dong", "nghin", "trieu", "ty"),
        help="money unit, when the sheet does not state it",
    )
    p.add_argument(
        "--flow", choices=validate_flows(), help="funding flow, when the sheet does not state it"
    )


def _options(args: argparse.Namespace) -> Options:
    units = {"dong": 1, "nghin": 10**3, "trieu": 10**6, "ty": 10**9}
    return Options(
        vintage=args.vintage,
        province=args.province,
        district=args.district,
        year=args.year,
        criteria_set=args.criteria_set,
        unit=units.get(args.unit or ""),
        flow=args.flow,
    )


def _check_cli(args: argparse.Namespace) -> int:
    result = ingest_files(args.files, _options(args))
    for p in result.problems:
        print(p)
    if not args.quiet:
        print(
            f"{len(result.problems)} problem(s) in {len(args.files)} file(s); "
            f"rows read {result.rows_in}, rows with problems {result.rows_rejected}",
            file=sys.stderr,
        )
    return 1 if result.problems else 0


def _ingest_cli(args: argparse.Namespace) -> int:
    result = ingest_files(args.files, _options(args))
    if not args.quiet:
        for p in result.problems:
            print(p, file=sys.stderr)
    written = write_result(result, args.output)
    print(result.summary())
    print(
        f"rejects: {written['rejects']} ({len(result.rejects)} row(s)); tables under {args.output}"
    )
    if not result.balanced:  # pragma: no cover - guarded by tests
        print("error: rows in != rows out + rows rejected", file=sys.stderr)
        return 2
    return 1 if result.failed_files else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``ntm check`` and ``ntm ingest``."""
    p = sub.add_parser(
        "check",
        help="validate commune spreadsheets without writing (one line per problem)",
        description="Validate spreadsheets (xlsx, xls, ods, csv). Prints one line per problem "
        "as FILE:SHEET:ROW:COLUMN: message, with row and column as Excel shows them (CSV "
        "sheet is '-'). Exit 1 if there is any problem, 0 if the files are clean.",
    )
    _add_options(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.set_defaults(func=_check_cli)
    p = sub.add_parser(
        "ingest",
        help="turn commune spreadsheets into data-model tables (rows in = out + rejected)",
        description="Read spreadsheets, recognise each sheet's table from its headers, validate "
        "every value and write the valid rows as raw data-model tables under DIR "
        "(<table>/<source_id>.csv, usable by ntm build), every rejected row with its reasons "
        "to DIR/rejects.csv, and the row accounting to DIR/ingest_summary.csv. Problems go to "
        "stderr. Exit 1 when a file could not be read.",
    )
    _add_options(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the problems")
    p.set_defaults(func=_ingest_cli)
