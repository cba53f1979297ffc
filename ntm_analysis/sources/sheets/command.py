"""`ntm check` and `ntm ingest`: the command-line side of reading commune spreadsheets."""

from __future__ import annotations

import argparse
import sys

from ntm_analysis.lexicon import criteria, vocabulary
from ntm_analysis.model.dictionary import FUNDING_FLOWS
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.outputs import write_result
from ntm_analysis.sources.sheets.results import Options


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
        choices=vocabulary.keys("money_units"),
        help="money unit, when the sheet does not state it",
    )
    p.add_argument(
        "--flow", choices=FUNDING_FLOWS, help="funding flow, when the sheet does not state it"
    )


def _options(args: argparse.Namespace) -> Options:
    return Options(
        vintage=args.vintage,
        province=args.province,
        district=args.district,
        year=args.year,
        criteria_set=args.criteria_set,
        unit=vocabulary.multiplier(args.unit) if args.unit else None,
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
        for s in result.sheets:
            if s.rows_in != s.rows_out + s.rows_rejected:
                print(
                    f"error: {s.file}:{s.sheet}: rows in != rows out + rows rejected",
                    file=sys.stderr,
                )
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
