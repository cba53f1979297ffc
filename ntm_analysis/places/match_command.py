"""``ntm match``: a CSV of place names in, the same rows with gazetteer codes out."""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ntm_analysis.model.csv_files import write_csv
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import STATUSES, MatchInputError, match_units


def read_table(path: Path, required: tuple[str, ...] = ("province", "commune")) -> pd.DataFrame:
    """Read a CSV (UTF-8, BOM allowed) as text columns; errors name the file, row and column.

    Every row must have as many fields as the header: a row with more or fewer (an unquoted
    comma in a name, a field lost) would shift values into the wrong columns, so the rows
    are listed and nothing is matched. Blank lines are skipped.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header, rows, ragged = _records(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise MatchInputError(f"{path}: cannot read as CSV ({e})") from e
    if header is None:
        raise MatchInputError(f"{path}: empty file, no header row")
    if ragged:
        shown = "; ".join(f"line {line}: {n} fields" for line, n in ragged[:10])
        more = f" (and {len(ragged) - 10} more)" if len(ragged) > 10 else ""
        raise MatchInputError(
            f"{path}: {len(ragged)} row(s) do not have the header's {len(header)} fields, "
            f"so their values would land in the wrong columns: {shown}{more}. Quote names "
            "that contain commas and give every row all its fields"
        )
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise MatchInputError(f"{path}: column(s) {', '.join(map(repr, dupes))} appear twice")
    df = pd.DataFrame(rows, columns=header, dtype="string").astype(object)
    for col in required:
        if col not in df.columns:
            raise MatchInputError(f"{path}: no column {col!r} (columns: {', '.join(df.columns)})")
    return df


def _records(reader: Iterator[list[str]]) -> tuple[list[str] | None, list[list[str]], list]:
    """(header, rows, [(line, fields) of rows whose length differs from the header's])."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    ragged: list[tuple[int, int]] = []
    start = 1
    for record in reader:
        line, start = start, reader.line_num + 1  # type: ignore[attr-defined]
        if not record or all(not c.strip() for c in record):
            continue
        if header is None:
            header = [h.strip() for h in record]
        elif len(record) != len(header):
            ragged.append((line, len(record)))
        else:
            rows.append(record)
    return header, rows, ragged


def summarize(matched: pd.DataFrame) -> str:
    """One line: rows in and the count per status."""
    counts = Counter(matched["match_status"])
    parts = ", ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES)
    return f"rows in: {len(matched)}; {parts}"


def run_match(args: argparse.Namespace) -> int:
    """``ntm match``: exit 0 when written, 1 on an input error."""
    try:
        df = read_table(args.input)
        out = match_units(df, vintage=args.vintage)
    except MatchInputError as e:
        print(f"ntm match: error: {e}", file=sys.stderr)
        return 1
    except gazetteer.GazetteerUnavailable as e:
        print(f"ntm match: error: {e}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_csv(out, args.output)
    print(summarize(out))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ntm match`` to the command line."""
    p = subparsers.add_parser(
        "match",
        help="attach gazetteer codes to a CSV of place names",
        description=(
            "Read INPUT.csv (UTF-8) with columns province, commune and optionally district; "
            "write every row, in order, with all its columns and ward_code, matched_name, "
            "match_score, match_status (exact|fuzzy|ambiguous|unmatched), match_candidates "
            "and match_note (why a row is not matched). Names may be full ('Xã Đồng Ý') or "
            "short, with or without diacritics. Formulas ('=...'), totals ('Tổng cộng') and "
            "headings ('Huyện ...' among communes) are never matched. A row with more or "
            "fewer fields than the header is an error naming its line: nothing is written. "
            "Cells a spreadsheet would run as formulas are written with a leading apostrophe."
        ),
    )
    p.add_argument("input", type=Path, metavar="INPUT.csv")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTPUT.csv")
    p.add_argument("--vintage", choices=["legacy", "2025", "pre2023"], default="legacy")
    p.set_defaults(func=run_match)
