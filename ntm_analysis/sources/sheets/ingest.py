"""Commune spreadsheets into data-model tables: the run behind `ntm check` and `ntm ingest`.

Each file is read into grids (`grids`), each sheet's header and kind found (`layout`), and
its rows handed to the handler of its kind (`HANDLERS`), which turns cells into records of
``criteria_status``, ``commune_status``, ``facts`` or ``funding`` and rejects the rows it
cannot read. The records are then judged by the data model's schema and rules, like the
rows `ntm build` reads. Summary rows ("Tổng cộng") are checked against the rows above and
rejected with the reason "summary row".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ntm_analysis.model import validate
from ntm_analysis.model.conform import build_table
from ntm_analysis.model.dictionary import raw_columns
from ntm_analysis.sources.sheets import area_facts, commune_tiers, criteria_status, funding
from ntm_analysis.sources.sheets.areas import Communes
from ntm_analysis.sources.sheets.cells import cell_text
from ntm_analysis.sources.sheets.grids import Grid, SheetReadError, read_grids
from ntm_analysis.sources.sheets.layout import HEADER_SCAN_ROWS, locate
from ntm_analysis.sources.sheets.results import IngestResult, Options, Problem, SheetSummary
from ntm_analysis.sources.sheets.sheet import Sheet

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
    """Stable source id of a spreadsheet file: ``sheet_`` + 10 hex digits of its SHA-1."""
    h = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    return f"sheet_{h}"


def _unrecognised_columns(sh: Sheet) -> None:
    for c, text in sorted(sh.layout.unnamed.items()):
        if sh.raw[c].map(cell_text).ne("").any() if c in sh.raw.columns else False:
            sh.problem(
                sh.layout.header_row, c, f"column {text!r} not recognised; its values are not read"
            )
        elif sh.layout.kind == "criteria_status":
            sh.problem(sh.layout.header_row, c, f"column {text!r} not recognised")


def _unknown_sheet(file: str, grid: Grid, result: IngestResult) -> None:
    """A sheet without a known header: one problem, every non-blank row rejected."""
    texts = [[cell_text(v) for v in row] for row in grid.rows]
    lines = [(i, t) for i, t in enumerate(texts) if any(t)]
    result.problems.append(
        Problem(
            file,
            grid.sheet,
            None,
            None,
            f"no known table header found in the first {HEADER_SCAN_ROWS} rows (see "
            f"data/raw/templates); {len(lines)} non-blank row(s) not read",
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


def _reject_rows(sh: Sheet, rejected: set[int]) -> list[dict[str, object]]:
    """One reject row per rejected grid row, with every reason and column."""
    summary = set(sh.summary_rows)
    out = []
    for r in sorted(rejected):
        reasons = sh.row_reasons.get(r, [])
        if r in summary and not reasons:
            reasons = [(None, "summary row: checked against the rows above, not ingested")]
        src = sh.grid.rows[r] if r < len(sh.grid.rows) else []
        out.append(
            {
                "file": sh.file,
                "sheet": sh.name,
                "row": r + 1,
                "column": ";".join(dict.fromkeys(c for c, _ in reasons if c)),
                "kind": sh.layout.kind,
                "reason": "; ".join(dict.fromkeys(m for _, m in reasons)),
                "values": " | ".join(cell_text(v) for v in src),
            }
        )
    return out


def _sheet_records(
    file: str,
    grid: Grid,
    opts: Options,
    communes: Communes,
    result: IngestResult,
    source_id: str,
    acc: dict[str, list[pd.DataFrame]],
) -> None:
    """Turn one sheet into records (appended to ``acc``), problems, rejects and accounting."""
    if not any(cell_text(v) for row in grid.rows for v in row):
        result.problems.append(Problem(file, grid.sheet, None, None, "sheet is empty"))
        result.sheets.append(SheetSummary(file, grid.sheet, "empty"))
        return
    layout = locate(grid)
    if layout is None:
        _unknown_sheet(file, grid, result)
        return
    sh = Sheet(file, grid, layout, opts)
    _unrecognised_columns(sh)
    frames = HANDLERS[layout.kind](sh, communes) if sh.rows_in else {}
    if not sh.rows_in:
        sh.problem(layout.first_data_row, None, "the table has a header but no rows")
    records, written = 0, set()
    for table, df in frames.items():
        df = df.copy()
        df["source_id"] = source_id
        df = df[~df["_row"].isin(list(sh.row_reasons))]
        _validate(table, df, sh)
        df = df[~df["_row"].isin(list(sh.row_reasons))]
        records += len(df)
        written.update(df["_row"].unique())
        acc.setdefault(table, []).append(df.drop(columns="_row"))
    rej_rows = _reject_rows(sh, set(sh.row_reasons) | set(sh.summary_rows))
    if rej_rows:
        result.rejects = pd.concat([result.rejects, pd.DataFrame(rej_rows)], ignore_index=True)
    result.problems += sh.problems
    # each count on its own: rows read, rows with records written, rows in the rejects
    result.sheets.append(
        SheetSummary(
            file,
            sh.name,
            layout.kind,
            rows_in=len(sh.rows_in),
            rows_out=len(written),
            rows_rejected=len({rej["row"] for rej in rej_rows}),
            records=records,
        )
    )


def _validate(table: str, df: pd.DataFrame, sh: Sheet) -> None:
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
    communes = Communes(opts.vintage)
    sources = []
    for p in paths:
        path = Path(p)
        file = str(p)
        try:
            grids = read_grids(path)
        except SheetReadError as err:
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
    files = list(dict.fromkeys(map(str, paths)))
    result.problems.sort(
        key=lambda p: (
            files.index(p.file) if p.file in files else 0,
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
