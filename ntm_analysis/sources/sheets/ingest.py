"""Commune spreadsheets into data-model tables: the run behind `ntm check` and `ntm ingest`.

Each file is read into grids (`grids`), each sheet's header and kind found (`layout`), and
its rows handed to the handler of its kind (`HANDLERS`), which turns cells into records of
``criteria_status``, ``commune_status``, ``facts`` or ``funding`` and rejects the rows it
cannot read. The records are then judged by the data model's schema and rules, like the
rows `ntm build` reads. Summary rows ("Tổng cộng") and group headings are checked against
the rows they sum and rejected with the reason that they are not data.

Every column of a recognised table is read or reported; hidden sheets and rows are read and
noticed; a problem shared by every data row of a sheet is said once for the sheet
(`IngestResult.problems`), while `IngestResult.located` keeps each at its cell (for the
annotated copy of ``ntm check --xlsx``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model import validate
from ntm_analysis.model.conform import build_table
from ntm_analysis.model.dictionary import raw_columns
from ntm_analysis.sources.sheets import (
    area_facts,
    commune_tiers,
    criteria_status,
    funding,
    headers,
)
from ntm_analysis.sources.sheets.areas import Communes
from ntm_analysis.sources.sheets.cells import cell_text
from ntm_analysis.sources.sheets.grids import Grid, SheetReadError, column_letter, read_grids
from ntm_analysis.sources.sheets.layout import (
    HEADER_SCAN_ROWS,
    Layout,
    Unread,
    read_layout,
    titled_notice,
)
from ntm_analysis.sources.sheets.messages import CATALOGUE, Msg, msg
from ntm_analysis.sources.sheets.results import IngestResult, Options, Problem, SheetSummary
from ntm_analysis.sources.sheets.sheet import Sheet
from ntm_analysis.sources.sheets.totals import unchecked_notices

Handler = Callable[[Sheet, Communes], dict[str, pd.DataFrame]]

# The handler of each kind of table in `kinds.KINDS`.
HANDLERS: dict[str, Handler] = {
    "criteria_status": criteria_status.read,
    "commune_tiers": commune_tiers.read,
    "area_counts": area_facts.read,
    "funding": funding.read,
    "works": area_facts.read,
}


def source_id_of(path: Path) -> str:
    """Stable source id of a spreadsheet file, from its name: ``sheet_`` + the folded stem
    + 6 hex digits of the name, so that a corrected copy of a file ingested again replaces
    the earlier one's tables.

    >>> source_id_of(Path("Báo cáo Can Lộc 2024.xlsx"))
    'sheet_bao_cao_can_loc_2024_a0391f'
    """
    stem = re.sub(r"[^a-z0-9]+", "_", fold(path.stem)).strip("_")[:40] or "file"
    h = hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:6]
    return f"sheet_{stem}_{h}"


def _unread_columns(sh: Sheet) -> None:
    """Columns of the table that are not read: unrecognised headers, and values without a
    header."""
    data_rows = sh.rows_in
    grid = sh.grid.rows

    def filled(c: int) -> bool:
        return any(c < len(grid[r]) and cell_text(grid[r][c]) for r in data_rows)

    named = set(sh.layout.fields) | set(sh.layout.unnamed)
    if sh.layout.stt_col is not None:
        named.add(sh.layout.stt_col)
    derived = sh.layout.kind == "criteria_status"
    for c, t in sorted(sh.layout.unnamed.items()):
        if derived and headers.DERIVED(t, fold(t)):
            sh.problem(sh.layout.header_row, c, msg("column_derived", text=t))
        elif filled(c):
            sh.problem(sh.layout.header_row, c, msg("column_not_read", text=t))
        elif sh.layout.kind == "criteria_status":
            sh.problem(sh.layout.header_row, c, msg("column_unknown", text=t))
    width = max((len(grid[r]) for r in data_rows), default=0)
    for c in range(width):
        if c not in named and filled(c):
            sh.problem(sh.layout.header_row, c, msg("column_no_header"))


_FIGURE = re.compile(r"[+-]?\d[\d.,\s]*%?")


def _notes_only(texts: list[list[str]]) -> bool:
    """A sheet of text lines only ("Ghi chú", "1. Xã Đức Lạc đã sáp nhập …"): one cell per
    non-blank row, none of them a figure; no table to read."""
    lines = [[t for t in row if t] for row in texts]
    lines = [row for row in lines if row]
    return bool(lines) and all(len(row) == 1 and not _FIGURE.fullmatch(row[0]) for row in lines)


def _unknown_sheet(
    file: str, grid: Grid, result: IngestResult, lang: str, why: Unread | None = None
) -> None:
    """A sheet without a known header: one problem (and why a header was refused), every
    non-blank row rejected."""
    texts = [[cell_text(v) for v in row] for row in grid.rows]
    lines = [(i, t) for i, t in enumerate(texts) if any(t)]
    if grid.hidden:
        result.problems.append(Problem(file, grid.sheet, None, None, msg("sheet_hidden_unread")))
    notes = why is None and _notes_only(texts)
    said = msg("notes_only", n=len(lines)) if notes else None
    said = said or msg("no_header", scan=HEADER_SCAN_ROWS, n=len(lines))
    result.problems.append(Problem(file, grid.sheet, None, None, said))
    if why is not None:
        result.problems.append(Problem(file, grid.sheet, why.row + 1, None, why.message))
    n = len(lines)
    result.sheets.append(SheetSummary(file, grid.sheet, "unknown", rows_in=n, rows_rejected=n))
    reason = msg("notes_only_reason" if notes else "no_header_reason").render(lang)
    rej = [
        {
            "file": file,
            "sheet": grid.sheet,
            "row": i + 1,
            "column": "",
            "kind": "unknown",
            "reason": reason,
            "values": " | ".join(t),
        }
        for i, t in lines
    ]
    result.rejects = pd.concat([result.rejects, pd.DataFrame(rej)], ignore_index=True)


def _reject_rows(sh: Sheet, rejected: set[int]) -> list[dict[str, object]]:
    """One reject row per rejected grid row, with every reason and column."""
    structure = set(sh.summary_rows) | set(sh.headings)
    lang = sh.opts.lang
    out = []
    for r in sorted(rejected):
        reasons = sh.row_reasons.get(r, [])
        if r in structure and not reasons:
            reasons = [(None, sh.structure_reason(r))]
        src = sh.grid.rows[r] if r < len(sh.grid.rows) else []
        out.append(
            {
                "file": sh.file,
                "sheet": sh.name,
                "row": r + 1,
                "column": ";".join(dict.fromkeys(c for c, _ in reasons if c)),
                "kind": sh.layout.kind,
                "reason": "; ".join(dict.fromkeys(m.render(lang) for _, m in reasons)),
                "values": " | ".join(cell_text(v) for v in src),
            }
        )
    return out


def _notices(sh: Sheet) -> None:
    if sh.grid.hidden:
        sh.problem(None, None, msg("sheet_hidden"))
    titled = titled_notice(sh.layout)
    if titled is not None and sh.layout.title_budget is not None:
        sh.problem(sh.layout.title_budget.row, None, titled)
    table = set(sh.layout.fields) | set(sh.layout.unnamed)
    cols = [c for c in sh.grid.hidden_cols if c in table]
    if cols:
        shown = ", ".join(column_letter(c) for c in cols)
        sh.problem(sh.layout.header_row, cols[0], msg("columns_hidden", cols=shown))
    hidden = [r for r in sh.grid.hidden_rows if r in set(sh.rows_in)]
    if hidden:
        sh.problem(None, None, msg("rows_hidden", rows=", ".join(str(r + 1) for r in hidden)))


def _said_once(sh: Sheet) -> list[Problem]:
    """The sheet's problems as shown: one shared by every data row is said once."""
    rows = set(sh.data.index)
    if len(rows) < 2:
        return sh.problems
    by_text: dict[tuple[str | None, Msg], list[Problem]] = {}
    for p in sh.problems:
        if p.row is not None:
            by_text.setdefault((p.column, p.msg), []).append(p)
    shared = {
        key: ps
        for key, ps in by_text.items()
        if {p.row - 1 for p in ps} >= rows  # type: ignore[operator]
    }
    out: list[Problem] = []
    done: set[tuple] = set()
    for p in sh.problems:
        key = (p.column, p.msg)
        if key not in shared:
            out.append(p)
        elif key not in done:
            done.add(key)
            every = msg("every_row", n=len(rows), message=p.msg)
            out.append(Problem(sh.file, sh.name, None, p.column, every))
    return out


def _sheet_records(
    file: str,
    grid: Grid,
    opts: Options,
    communes: Communes,
    result: IngestResult,
    source_id: str,
    acc: dict[str, list[pd.DataFrame]],
    book_has_data: bool = False,
) -> None:
    """Turn one sheet into records (appended to ``acc``), problems, rejects and accounting."""
    if not any(cell_text(v) for row in grid.rows for v in row):
        # an empty sheet beside sheets with data (Sheet2, Sheet3) holds nothing to lose
        if not book_has_data:
            result.problems.append(Problem(file, grid.sheet, None, None, msg("sheet_empty")))
        result.sheets.append(SheetSummary(file, grid.sheet, "empty"))
        return
    layout = read_layout(grid)
    if not isinstance(layout, Layout):
        _unknown_sheet(file, grid, result, opts.lang, layout)
        return
    sh = Sheet(file, grid, layout, opts)
    _notices(sh)
    _unread_columns(sh)
    for r in sh.rows_above:
        sh.reject(r, None, msg("row_above_header"))
    if sh.next_table is not None:
        caption = next((cell_text(v) for v in grid.rows[sh.next_table] if cell_text(v)), "")
        sh.problem(sh.next_table, None, msg("next_table", text=caption))
    frames = HANDLERS[layout.kind](sh, communes) if sh.rows_in else {}
    unchecked_notices(sh)
    if not sh.rows_in:
        sh.problem(layout.first_data_row, None, msg("header_no_rows"))
    if sh.nil_cells:
        cells = [f"{column_letter(c)}{r + 1}" for r, c in dict.fromkeys(sh.nil_cells)]
        shown = ", ".join(cells[:10]) + (", …" if len(cells) > 10 else "")
        sh.problem(None, None, msg("nil_cells", n=len(cells), cells=shown))
    records, written = 0, set()
    for table, df in frames.items():
        df = _without_rejected(df.assign(source_id=source_id), sh)
        before = len(sh.row_reasons)
        _validate(table, df, sh)
        if len(sh.row_reasons) != before:
            df = _without_rejected(df, sh)
        records += len(df)
        written.update(df["_row"].unique())
        acc.setdefault(table, []).append(df.drop(columns="_row"))
    rejected = set(sh.row_reasons) | set(sh.summary_rows) | set(sh.headings)
    rej_rows = _reject_rows(sh, rejected)
    if rej_rows:
        result.rejects = pd.concat([result.rejects, pd.DataFrame(rej_rows)], ignore_index=True)
    result.located += sh.problems
    result.problems += _said_once(sh)
    # each count on its own: rows read, rows with records written, rows in the rejects
    result.sheets.append(
        SheetSummary(
            file,
            sh.name,
            layout.kind,
            rows_in=len(sh.rows_in) + len(sh.rows_above),
            rows_out=len(written),
            rows_rejected=len({rej["row"] for rej in rej_rows}),
            records=records,
        )
    )
    result.attached.setdefault(file, []).extend(
        str(s.value) for s in layout.context.get("attached", [])
    )
    if sh.next_table is not None:
        below = _table_below(grid, sh.next_table)
        _sheet_records(file, below, opts, communes, result, source_id, acc, book_has_data)


def _without_rejected(df: pd.DataFrame, sh: Sheet) -> pd.DataFrame:
    """The records of rows not rejected (the frame itself when none of its rows is)."""
    if not sh.row_reasons:
        return df
    keep = ~df["_row"].isin(list(sh.row_reasons))
    return df if keep.all() else df[keep]


def _table_below(grid: Grid, start: int) -> Grid:
    """The grid of another table below a sheet's first one (from its caption at ``start``):
    the rows above it blanked, so that its rows keep their numbers."""
    rows = [[] for _ in range(start)] + grid.rows[start:]
    merged = [m for m in grid.merged if m[0][0] >= start]
    hidden = [r for r in grid.hidden_rows if r >= start]
    return Grid(grid.sheet, rows, merged, grid.hidden, hidden, grid.unsaved, grid.hidden_cols)


def _as_text(s: pd.Series) -> pd.Series:
    """A record column as the text a raw CSV holds: whole numbers without '.0'."""
    if pd.api.types.is_float_dtype(s.dtype):
        whole = s.dropna()
        if (whole == whole.round()).all():
            return s.astype("Int64").astype("string")
    if s.dtype == object:
        texts = {v: _text(v) for v in pd.unique(s)}
        return s.map(texts).astype("string")
    return s.astype("string")


def _text(v: object) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _validate(table: str, df: pd.DataFrame, sh: Sheet) -> None:
    """Run the data-model schema and rules on the records; failing records reject their row.

    A criteria sheet yields one record per row and criterion that differ only in the
    criterion (checked against the set at the header) and the status (mapped from the
    cell), so one record per row is validated, with the other criteria of the row in it.
    """
    if table == "criteria_status":
        df = df.drop_duplicates("_row")
    cols = raw_columns(table)
    out = pd.DataFrame(index=df.index)
    for c in cols:
        if c in df.columns:
            s = _as_text(df[c])
            out[c] = s.where(s.notna() & (s != ""), pd.NA)
        else:
            out[c] = pd.Series(pd.NA, index=df.index, dtype="string")
    out["raw_row"] = df["_row"].astype(str)
    ctx = validate.Context(source_ids={str(df["source_id"].iloc[0])} if len(df) else set())
    res = build_table(table, out.reset_index(drop=True), ctx)
    for rec in res.rejects.itertuples(index=False):
        r = int(rec.raw_row)
        if r not in sh.row_reasons:
            for reason in str(rec.reason).split("; "):
                sh.reject(
                    r, None, msg("model_rule", table=table, reason=_model_reason(rec, reason))
                )


# The rules of `model.validate` for the tables sheets write, by the reason each gives.
MODEL_RULES = {
    CATALOGUE[k][0]: k
    for k in (
        "rule_unknown_source",
        "rule_area_code_vintage",
        "rule_unit_code_vintage",
        "rule_undated",
        "rule_percent",
        "rule_period_reversed",
        "rule_unknown_set",
        "rule_score_without_set",
        "rule_met_above_total",
        "rule_total_not_set_size",
        "rule_field_without_model",
        "rule_no_tier_no_score",
        "rule_criterion_not_in_set",
        "rule_duplicate_assessment",
    )
}


def _model_reason(rec: object, reason: str) -> Msg:
    """A data-model rule's reason in the catalogue's words (`MODEL_RULES`); a value the
    data dictionary refuses is named by its column and value."""
    key = MODEL_RULES.get(reason)
    if key is not None:
        return msg(key)
    column = str(getattr(rec, "column", "")).split(";")[0]
    value = getattr(rec, "value", None)
    if value is None or (isinstance(value, float) and value != value):
        return msg("model_value_missing", column=column)
    return msg("model_value", column=column, value=str(value))


def _source_row(path: Path, source_id: str, kinds: list[str], attached: list[str]) -> dict:
    note = "read by ntm ingest; tables: " + ", ".join(sorted(set(kinds)))
    if attached:
        note += "; attached to: " + "; ".join(dict.fromkeys(attached))
    return {
        "source_id": source_id,
        "kind": "dataset",
        "title": f"Spreadsheet {path.name}",
        "url": path.name,
        "note": note,
    }


def _read_one(path: Path, file: str, result: IngestResult) -> list[Grid] | None:
    try:
        return read_grids(path)
    except SheetReadError as err:
        result.problems.append(Problem(file, "-", None, None, err.msg))
        result.failed_files.append(file)
        return None


class _Mark:
    """How far `IngestResult` had got before a file, to take back what a failed file added."""

    def __init__(self, result: IngestResult) -> None:
        self.sizes = (len(result.sheets), len(result.problems), len(result.located))
        self.rejects = len(result.rejects)

    def undo(self, result: IngestResult, file: str) -> None:
        """Drop the sheets, problems and rejects of the file that failed."""
        sheets, problems, located = self.sizes
        del result.sheets[sheets:], result.problems[problems:], result.located[located:]
        result.rejects = result.rejects.iloc[: self.rejects]
        result.attached.pop(file, None)
        result.source_ids.pop(file, None)


def _ingest_one(
    path: Path,
    file: str,
    opts: Options,
    communes: Communes,
    result: IngestResult,
    acc: dict[str, list[pd.DataFrame]],
) -> dict | None:
    """One file's sheets into ``acc`` and ``result``; its ``sources`` row (None: unread)."""
    grids = _read_one(path, file, result)
    if grids is None:
        return None
    sid = source_id_of(path)
    if sid in result.source_ids.values():  # another file of the same name in this run
        sid += "_" + hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:6]
    before = len(result.sheets)
    if not grids:
        result.problems.append(Problem(file, "-", None, None, msg("no_worksheet")))
    has_data = any(cell_text(v) for g in grids for row in g.rows for v in row)
    for grid in grids:
        _sheet_records(file, grid, opts, communes, result, sid, acc, has_data)
    kinds = [s.kind for s in result.sheets[before:]]
    result.source_ids[file] = sid
    return _source_row(path, sid, kinds, result.attached.get(file, []))


def ingest_files(paths: list[str | Path], opts: Options | None = None) -> IngestResult:
    """Read, recognise and validate spreadsheets (xlsx, xls, ods, csv) into data-model rows.

    Unreadable files are reported (``FILE:-:-:-: reason``) and skipped; the rest continue,
    as they do after a file whose reading failed unexpectedly (reported the same way, with
    nothing of that file kept).
    """
    opts = opts or Options()
    result = IngestResult()
    acc: dict[str, list[pd.DataFrame]] = {}
    communes = Communes(opts.vintage)
    sources = []
    for p in paths:
        file = str(p)
        mark = _Mark(result)
        own: dict[str, list[pd.DataFrame]] = {}
        try:
            source = _ingest_one(Path(p), file, opts, communes, result, own)
        except Exception as err:  # one file's fault never stops the others
            mark.undo(result, file)
            reason = f"{type(err).__name__}: {err}"
            result.problems.append(
                Problem(file, "-", None, None, msg("file_crashed", reason=reason))
            )
            result.failed_files.append(file)
            continue
        if source is not None:
            sources.append(source)
        for table, frames in own.items():
            acc.setdefault(table, []).extend(frames)
    for table, frames in acc.items():
        frames = [f for f in frames if len(f)]
        if frames:
            df = pd.concat(frames, ignore_index=True)
            result.tables[table] = df.reindex(columns=raw_columns(table))
    result.sources = pd.DataFrame(sources, columns=raw_columns("sources"))
    files = list(dict.fromkeys(map(str, paths)))
    order = {(s.file, s.sheet): i for i, s in enumerate(result.sheets)}

    def key(p: Problem) -> tuple:
        return (
            files.index(p.file) if p.file in files else 0,
            order.get((p.file, p.sheet), -1),
            p.row or 0,
            len(p.column or ""),
            p.column or "",
        )

    result.problems.sort(key=key)
    result.located.sort(key=key)
    return result


def check_files(paths: list[str | Path], opts: Options | None = None) -> list[Problem]:
    """Every problem `ingest_files` would report, without writing anything."""
    return ingest_files(paths, opts).problems
