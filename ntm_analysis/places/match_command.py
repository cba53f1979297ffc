"""``ntm match``: a CSV of place names in, the same rows with gazetteer codes out."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from ntm_analysis.model.csv_files import write_csv
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import STATUSES, MatchInputError, match_units


def read_table(path: Path, required: tuple[str, ...] = ("province", "commune")) -> pd.DataFrame:
    """Read a CSV (UTF-8, BOM allowed) as text columns; errors name the file and column."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise MatchInputError(f"{path}: cannot read as CSV ({e})") from e
    for col in required:
        if col not in df.columns:
            raise MatchInputError(f"{path}: no column {col!r} (columns: {', '.join(df.columns)})")
    return df


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
            "Read INPUT.csv with columns province, commune and optionally district; write every "
            "row, in order, with ward_code, matched_name, match_score, match_status "
            "(exact|fuzzy|ambiguous|unmatched) and match_candidates."
        ),
    )
    p.add_argument("input", type=Path, metavar="INPUT.csv")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTPUT.csv")
    p.add_argument("--vintage", choices=["legacy", "2025", "pre2023"], default="legacy")
    p.set_defaults(func=run_match)
