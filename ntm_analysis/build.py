"""The raw → processed build: read data/raw, validate every row, write data/processed.

Each table of the data model is read from ``data/raw/<table>.csv`` and/or every
``data/raw/<table>/*.csv`` (files in name order), checked against its schema (`schemas`) and
rules (`validate`), and written as Parquet plus a UTF-8 CSV twin (with BOM, so Excel shows the
diacritics). Rows that fail go to ``rejects.csv`` with every reason; nothing is dropped
silently: for each table, rows read = rows written + rows rejected. Output is deterministic:
the same raw files give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ntm_analysis import consistency, paths, reference, schemas, validate
from ntm_analysis.dictionary import DERIVED, TABLES, dictionary_frame, processed_columns

TABLE_ORDER = list(TABLES)
REJECT_COLUMNS = ["table", "raw_row", "column", "value", "reason", "raw_values"]
SUMMARY_COLUMNS = ["table", "rows_read", "rows_written", "rows_rejected"]


@dataclass
class TableResult:
    """The outcome of building one table."""

    table: str
    valid: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int

    @property
    def counts(self) -> dict[str, int | str]:
        """rows read / written / rejected."""
        return {
            "table": self.table,
            "rows_read": self.rows_read,
            "rows_written": len(self.valid),
            "rows_rejected": len(self.rejects),
        }


def raw_files(table: str, raw_dir: Path) -> list[Path]:
    """Raw CSV files holding rows of ``table``: ``<table>.csv`` then ``<table>/*.csv``."""
    files = [raw_dir / f"{table}.csv"] if (raw_dir / f"{table}.csv").is_file() else []
    folder = raw_dir / table
    if folder.is_dir():
        files += sorted(p for p in folder.glob("*.csv") if p.is_file())
    return files


def _clean_cell(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def read_raw_file(path: Path, table: str, raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one raw CSV as text. Returns (rows, rejects) — header or shape problems reject rows.

    Each row gets ``raw_row`` = ``<path relative to raw_dir>:<line>`` (1-based line where the
    record starts). Blank lines are skipped; they are not rows.
    """
    rel = path.relative_to(raw_dir).as_posix()
    allowed = [c for c in TABLES[table].column_names if c not in DERIVED]
    required = {c.name for c in TABLES[table].columns if c.required and c.name not in DERIVED}
    rows, rejects = [], []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = None
            start = 1
            for record in reader:
                line, start = start, reader.line_num + 1
                if not record or all(not c.strip() for c in record):
                    continue
                if header is None:
                    header = [_clean_cell(h) for h in record]
                    unknown = [h for h in header if h not in allowed]
                    missing = sorted(required - set(header))
                    dupes = sorted({h for h in header if header.count(h) > 1})
                    header_problem = "; ".join(
                        [f"unexpected column {h!r} (not in the data dictionary)" for h in unknown]
                        + [f"missing required column {m!r}" for m in missing]
                        + [f"column {d!r} appears twice" for d in dupes]
                    )
                    continue
                raw_row = f"{rel}:{line}"
                values = dict(zip(header, (_clean_cell(c) for c in record)))
                if len(record) != len(header):
                    rejects.append(
                        _reject(
                            table,
                            raw_row,
                            "",
                            "",
                            f"row has {len(record)} fields, header has {len(header)}",
                            record,
                        )
                    )
                elif header_problem:
                    rejects.append(_reject(table, raw_row, "", "", header_problem, values))
                else:
                    rows.append({**values, "raw_row": raw_row})
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    cols = [*allowed, "raw_row"]
    frame = pd.DataFrame(rows, columns=cols if not rows else None, dtype="string")
    return frame, pd.DataFrame(rejects, columns=REJECT_COLUMNS)


def _reject(
    table: str, raw_row: str, column: str, value: object, reason: str, raw_values: object
) -> dict[str, str]:
    return {
        "table": table,
        "raw_row": raw_row,
        "column": column,
        "value": ""
        if value is None or (not isinstance(value, str) and pd.isna(value))
        else str(value),
        "reason": reason,
        "raw_values": json.dumps(raw_values, ensure_ascii=False, sort_keys=True),
    }


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Concatenate the non-empty frames; an empty frame with ``columns`` if none."""
    frames = [f for f in frames if f is not None and not f.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def _add_derived(df: pd.DataFrame, table: str) -> pd.DataFrame:
    if table == "funding":
        parts = df["period"].str.split("-", n=1)
        start = parts.str[0]
        end = parts.str[-1]
        df["year_start"] = pd.array(
            [int(v) if isinstance(v, str) and v.isdigit() else pd.NA for v in start], "Int64"
        )
        df["year_end"] = pd.array(
            [int(v) if isinstance(v, str) and v.isdigit() else pd.NA for v in end], "Int64"
        )
    return df


def build_table(
    table: str, raw: pd.DataFrame, ctx: validate.Context, pre_rejects: pd.DataFrame | None = None
) -> TableResult:
    """Validate the text rows of one table; split them into valid rows and rejects."""
    pre_rejects = pre_rejects if pre_rejects is not None else pd.DataFrame(columns=REJECT_COLUMNS)
    raw = raw.reset_index(drop=True)
    typed, failures = schemas.coerce(raw.drop(columns="raw_row"), table)
    typed["raw_row"] = raw["raw_row"]
    typed = _add_derived(typed, table)
    typed = typed[processed_columns(table)]
    if len(typed):
        failures = _concat(
            [
                failures,
                schemas.column_failures(typed, table),
                validate.rule_failures(typed, table, ctx),
            ],
            schemas.FAILURE_COLUMNS,
        )
    rejects = []
    if not failures.empty:
        failures = failures.dropna(subset=["index"])
        for idx, grp in failures.groupby("index", sort=True):
            idx = int(idx)
            grp = grp.drop_duplicates(subset=["column", "reason"])
            original = {k: v for k, v in raw.loc[idx].items() if k != "raw_row" and pd.notna(v)}
            rejects.append(
                _reject(
                    table,
                    raw.at[idx, "raw_row"],
                    ";".join(grp["column"].astype(str)),
                    grp["value"].iloc[0],
                    "; ".join(grp["reason"]),
                    original,
                )
            )
        bad = sorted({int(i) for i in failures["index"]})
    else:
        bad = []
    valid = typed.drop(index=bad).reset_index(drop=True)
    all_rejects = _concat(
        [pre_rejects, pd.DataFrame(rejects, columns=REJECT_COLUMNS)], REJECT_COLUMNS
    )
    return TableResult(table, valid, all_rejects, rows_read=len(raw) + len(pre_rejects))


def staged_frames(raw_dir: Path, stagers: list | None = None) -> dict[str, list[pd.DataFrame]]:
    """Text rows that stagers derive from raw files not in the data-model layout.

    Each stager maps ``raw_dir`` to ``{table: frame}``; a frame holds the table's raw columns
    as text plus ``raw_row`` naming the raw file and line it came from.
    """
    out: dict[str, list[pd.DataFrame]] = {}
    for stager in STAGERS if stagers is None else stagers:
        for table, frame in stager(raw_dir).items():
            out.setdefault(table, []).append(frame)
    return out


def stage_gazetteer_units(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Every unit of every gazetteer vintage installed (see `gazetteer.load_units`).

    Their ``raw_row`` is ``gazetteer:<vintage>``; ``source_locator`` points into the package.
    """
    from ntm_analysis import gazetteer

    units = gazetteer.load_units()
    sources = gazetteer.load_sources()
    return {
        "sources": sources.assign(raw_row="gazetteer:" + sources["source_id"]),
        "units": units.assign(raw_row="gazetteer:" + units["admin_vintage"]),
    }


# Functions (raw_dir) -> {table: frame of raw columns + raw_row}, run before the raw files.
STAGERS: list = [stage_gazetteer_units, reference.stage]


def build(
    raw_dir: Path = paths.RAW,
    out_dir: Path = paths.PROCESSED,
    verbose: bool = True,
    stagers: list | None = None,
) -> dict[str, TableResult]:
    """Build every table from ``raw_dir`` into ``out_dir``; returns the per-table results.

    ``stagers`` replaces `STAGERS` (``[]`` builds only the raw files, without the gazetteer).
    """
    ctx = validate.Context()
    results: dict[str, TableResult] = {}
    staged = staged_frames(raw_dir, stagers)
    for table in TABLE_ORDER:
        frames, pre = list(staged.get(table, [])), []
        for f in raw_files(table, raw_dir):
            rows, rej = read_raw_file(f, table, raw_dir)
            frames.append(rows)
            pre.append(rej)
        raw = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=[*processed_columns(table)], dtype="string")
        )
        raw = raw.reindex(
            columns=[c for c in processed_columns(table) if c not in DERIVED] + ["raw_row"]
        )
        pre_rejects = _concat(pre, REJECT_COLUMNS)
        result = build_table(table, raw, ctx, pre_rejects)
        if table == "sources":
            ctx.source_ids = set(result.valid["source_id"].dropna())
        results[table] = result
    write_outputs(results, out_dir)
    findings = consistency.check_facts({n: r.valid for n, r in results.items()})
    _write_csv(findings, out_dir / "consistency.csv")
    if verbose:
        print(format_summary(results))
        print(f"consistency: {len(findings)} finding(s) in consistency.csv (ntm check-facts)")
    return results


def _write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def write_outputs(results: dict[str, TableResult], out_dir: Path) -> None:
    """Write every table (Parquet + CSV), rejects, the summary and the data dictionary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, res in results.items():
        res.valid.to_parquet(out_dir / f"{name}.parquet", index=False, engine="pyarrow")
        _write_csv(res.valid, out_dir / f"{name}.csv")
    all_rejects = _concat([r.rejects for r in results.values()], REJECT_COLUMNS)
    _write_csv(all_rejects, out_dir / "rejects.csv")
    _write_csv(summary_frame(results), out_dir / "build_summary.csv")
    _write_csv(dictionary_frame(), out_dir / "DATA_DICTIONARY.csv")


def summary_frame(results: dict[str, TableResult]) -> pd.DataFrame:
    """Rows read / written / rejected per table."""
    return pd.DataFrame([r.counts for r in results.values()], columns=SUMMARY_COLUMNS)


def format_summary(results: dict[str, TableResult], reasons: bool = True) -> str:
    """The build summary as printed by ``ntm build`` (with the first reject reasons)."""
    df = summary_frame(results)
    lines = [f"{'table':<16}{'read':>8}{'written':>9}{'rejected':>10}"]
    for r in df.itertuples():
        lines.append(f"{r.table:<16}{r.rows_read:>8}{r.rows_written:>9}{r.rows_rejected:>10}")
    total_rej = int(df["rows_rejected"].sum())
    lines.append(
        f"{'total':<16}{df['rows_read'].sum():>8}{df['rows_written'].sum():>9}{total_rej:>10}"
    )
    if total_rej:
        lines.append(
            f"{total_rej} rejected row(s), reasons in rejects.csv" + (":" if reasons else "")
        )
        for res in results.values() if reasons else ():
            for r in res.rejects.head(20).itertuples():
                lines.append(f"  {r.raw_row}: {r.reason}")
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``build`` subcommand."""
    p = sub.add_parser(
        "build",
        help="build data/processed from data/raw (Parquet + CSV, rejects, summary)",
        description=(
            "Read every table of the data model from RAW (<table>.csv and <table>/*.csv), "
            "validate each row, write OUT/<table>.parquet and .csv, OUT/rejects.csv (every "
            "rejected row with its reasons), OUT/build_summary.csv and OUT/DATA_DICTIONARY.csv. "
            "Prints rows read / written / rejected per table."
        ),
    )
    p.add_argument(
        "--raw", type=Path, default=paths.RAW, help="raw data folder (default: %(default)s)"
    )
    p.add_argument(
        "--out", type=Path, default=paths.PROCESSED, help="output folder (default: %(default)s)"
    )
    p.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any row is rejected"
    )
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    try:
        results = build(args.raw, args.out)
    except ValueError as err:
        print(f"error: {err}")
        return 1
    rejected = sum(len(r.rejects) for r in results.values())
    return 1 if (args.strict and rejected) else 0
