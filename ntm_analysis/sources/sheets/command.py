"""`ntm check` and `ntm ingest`: the command-line side of reading commune spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ntm_analysis.lexicon import criteria, vocabulary
from ntm_analysis.model.dictionary import FUNDING_FLOWS
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.messages import LANGS, msg
from ntm_analysis.sources.sheets.outputs import write_result
from ntm_analysis.sources.sheets.results import IngestResult, Options


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
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="vi",
        help="language of the messages and reject reasons (default: vi)",
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
        lang=args.lang,
    )


def _annotated_copies(result: IngestResult, files: list[str], out: str, lang: str) -> list[Path]:
    """``--xlsx``: one annotated copy per readable file (OUT itself for one file; for
    several, OUT is a folder of ``<name>.checked.xlsx``)."""
    from ntm_analysis.sources.sheets.annotate import write_annotated

    readable = [f for f in files if f not in result.failed_files]
    written = []
    for f in readable:
        target = Path(out) if len(files) == 1 else Path(out) / f"{Path(f).stem}.checked.xlsx"
        problems = [p for p in result.located if p.file == f]
        written.append(write_annotated(f, problems, target, lang))
    return written


def _check_cli(args: argparse.Namespace) -> int:
    result = ingest_files(args.files, _options(args))
    for p in result.problems:
        print(p.render(args.lang))
    if args.xlsx:
        for path in _annotated_copies(result, args.files, args.xlsx, args.lang):
            print(msg("run_annotated", path=str(path)).render(args.lang), file=sys.stderr)
    errors = len(result.errors)
    if not args.quiet:
        notices = len(result.problems) - errors
        line = msg(
            "run_check",
            errors=errors,
            notices=notices,
            files=len(args.files),
            rows_in=result.rows_in,
            rows_out=result.rows_out,
            rows_rejected=result.rows_rejected,
        )
        print(line.render(args.lang), file=sys.stderr)
    return 1 if errors else 0


def _ingest_cli(args: argparse.Namespace) -> int:
    result = ingest_files(args.files, _options(args))
    if not args.quiet:
        for p in result.problems:
            print(p.render(args.lang), file=sys.stderr)
    written = write_result(result, args.output)
    print(result.summary(args.lang))
    rejects = msg(
        "run_rejects", path=str(written["rejects"]), n=len(result.rejects), output=str(args.output)
    )
    print(rejects.render(args.lang))
    if not result.balanced:  # pragma: no cover - guarded by tests
        for s in result.sheets:
            if s.rows_in != s.rows_out + s.rows_rejected:
                line = msg("run_unbalanced", where=f"{s.file}:{s.sheet}")
                print(line.render(args.lang), file=sys.stderr)
        return 2
    return 1 if result.failed_files or result.unread_files else 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``ntm check``, ``ntm ingest`` and ``ntm template``."""
    from ntm_analysis.sources.sheets import template

    template.register(sub)
    p = sub.add_parser(
        "check",
        help="validate commune spreadsheets without writing (one line per problem)",
        description="Validate spreadsheets (xlsx, xls, ods, csv). Prints one line per problem "
        "as FILE:SHEET:ROW:COLUMN: message, with row and column as Excel shows them (CSV "
        "sheet is '-'); a problem shared by every row of a sheet is printed once for the "
        "sheet. Notices (hidden rows, a repeated column, a commune recorded under its "
        "earlier code) are printed too but do not fail the check. Exit 1 if there is any "
        "problem, 0 if the files are clean.",
    )
    _add_options(p)
    p.add_argument(
        "--xlsx",
        metavar="OUT.xlsx",
        help="also write a copy of the workbook with each problem cell highlighted and its "
        "message as a cell comment (several input files: OUT is a folder)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.set_defaults(func=_check_cli)
    p = sub.add_parser(
        "ingest",
        help="turn commune spreadsheets into data-model tables (rows in = out + rejected)",
        description="Read spreadsheets, recognise each sheet's table from its headers, validate "
        "every value and write the valid rows as raw data-model tables under DIR "
        "(<table>/<source_id>.csv, usable by ntm build), every rejected row with its reasons "
        "to DIR/rejects.csv, and the row accounting to DIR/ingest_summary.csv. The source id "
        "comes from the file name: ingesting a corrected file of the same name into the same "
        "DIR replaces its earlier tables, rejects and accounting. Problems go to stderr. "
        "Exit 1 when a file could not be read or holds no known table (every sheet "
        "unrecognised or empty).",
    )
    _add_options(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the problems")
    p.set_defaults(func=_ingest_cli)
