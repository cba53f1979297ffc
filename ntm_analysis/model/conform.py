"""Rows of the data model checked against it: raw CSV files read as text, each table's rows
typed (`schemas`) and judged (`validate`), split into valid rows and rejects with every reason.

`ntm build` (raw → processed) and `ntm ingest` (spreadsheets → raw tables) both judge rows
here, so a row that ingest writes is a row the build accepts.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ntm_analysis.model import schemas, validate
from ntm_analysis.model.csv_files import unescape_cell
from ntm_analysis.model.dictionary import DERIVED, TABLES, processed_columns

REJECT_COLUMNS = ["table", "raw_row", "column", "value", "reason", "raw_values"]


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
    """NFC, single spaces, and the formula escape of `csv_files` taken off."""
    return " ".join(unicodedata.normalize("NFC", unescape_cell(value)).split())


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


def concat_frames(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
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
        failures = concat_frames(
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
    all_rejects = concat_frames(
        [pre_rejects, pd.DataFrame(rejects, columns=REJECT_COLUMNS)], REJECT_COLUMNS
    )
    return TableResult(table, valid, all_rejects, rows_read=len(raw) + len(pre_rejects))
