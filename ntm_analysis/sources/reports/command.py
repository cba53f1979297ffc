"""The ``ntm extract`` command: many files in, one fact per output line, failures reported."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from pathlib import Path

from ntm_analysis.sources.reports.document import extract_file
from ntm_analysis.sources.reports.reading import SUFFIXES, ReadError
from ntm_analysis.sources.reports.review import ACCEPT_CONFIDENCE, read_review, write_review
from ntm_analysis.sources.reports.to_raw import convert, source_id_of, write_raw
from ntm_analysis.sources.reports.writers import make_writer

EPILOG = """\
Output (JSON lines, one fact per line; schema ntm_analysis/data/extract_fact.schema.json):
  every fact: source, line (1-based; .docx paragraph; PDF running line + page), kind, text
  (the span as printed), confidence (0-1), is_target (plan/target/registration vs achievement)
  kinds: tier_count (unit_level, tier, count, total, pct, area, year)
         recognised_count (unit_level, tier, count, area, year, decision)
         recognised_commune|recognised_district|recognised_village (commune|district|village,
           tier, year, field (giáo dục, văn hóa, …) and field_key, decision, code,
           admin_vintage); read from lists of names with their districts ("gồm: A, B
           (huyện C); D – huyện E"), a district only when a verb recognises it
         avg_criteria (value, area, year)
         criteria_count (commune|scope, met, of, criteria_set: commune_ntm|commune_advanced|null)
         criteria_band_count (count, min_met, max_met, of, communes, commune_codes)
         criteria_status (commune, criteria_set, criterion_no (null unless printed),
           criterion_name, status: met|not_met|difficult)
         funding (source_category, amount_vnd, qualifier, budget_type, flow, area, period,
           per_commune)
         money_per_person (measure: income|rural_income, amount_vnd, per: year|month,
           qualifier, area, year)
         percent (measure, value, qualifier, area, year)
  names are corrected against the gazetteer; area_code/code come with admin_vintage.

Review and data-model rows:
  --review FILE.xlsx  one row per fact with its sentence and an accept column (yes pre-filled
                      from confidence 0.8); correct fields there, mark yes/no
  --to-raw DIR        accepted facts as data-model rows (facts, targets, commune_status,
                      criteria_status, funding) in DIR/<table>/<source_id>.csv with
                      DIR/sources/<source_id>.csv; the file and line are each row's
                      provenance; facts that make no valid row go to DIR/extract_rejects.csv
                      with the reason. From report files the facts of at least
                      --min-confidence are accepted; from a reviewed workbook, the rows
                      marked yes. `ntm build --raw DIR` builds them.

Exit status: 0 every file read, 1 some file could not be read (reported on stderr, the
others are still extracted), 2 usage error or an output file that cannot be written.

Examples:
  ntm extract report.txt                       # JSON lines on stdout
  ntm extract reports/*.pdf -o facts.jsonl
  ntm extract a.docx b.md --format csv -o facts.csv
  ntm extract reports/*.docx --review facts.xlsx   # then review, mark accept yes/no
  ntm extract facts.xlsx --to-raw data/user        # accepted rows, ready for ntm build
  ntm extract report.pdf --to-raw /tmp/raw && ntm build --raw /tmp/raw --out /tmp/out
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` subcommand."""
    p = subparsers.add_parser(
        "extract",
        help="pull NTM figures (counts, recognitions, criteria, funding, percentages) from reports",
        description=(
            "Extract the figures an NTM report states (communes/districts by tier, recognitions, "
            "criteria met, funding, percentages, income) from .txt, .md, .docx and text-layer "
            "PDF files, clean or OCR-damaged, one fact per output line; write them to a "
            "workbook to review, or as data-model rows that ntm build reads."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=f"{', '.join(SUFFIXES)}; or a reviewed .xlsx workbook with --to-raw",
    )
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="default jsonl")
    p.add_argument(
        "-o", "--output", type=Path, help="output file (default: stdout, unless --review/--to-raw)"
    )
    p.add_argument(
        "--review",
        type=Path,
        metavar="FILE.xlsx",
        help="write a workbook with each fact, its sentence and an accept column",
    )
    p.add_argument(
        "--to-raw",
        type=Path,
        metavar="DIR",
        help="write accepted facts as data-model rows (DIR/<table>/<source_id>.csv, "
        "DIR/sources/, DIR/extract_rejects.csv) for ntm build --raw DIR",
    )
    p.add_argument(
        "--min-confidence",
        type=float,
        default=ACCEPT_CONFIDENCE,
        metavar="X",
        help=f"with --to-raw from report files: facts accepted from this confidence "
        f"(default {ACCEPT_CONFIDENCE}; 0 takes every fact)",
    )
    p.add_argument(
        "--lang",
        choices=["vi", "en"],
        default="vi",
        help="language of the reasons in extract_rejects.csv and of the summary (default: vi)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _open_output(args: argparse.Namespace):
    if args.output:
        return open(args.output, "w", encoding="utf-8", newline="")
    if args.review or args.to_raw:
        return nullcontext(None)
    return nullcontext(sys.stdout)


def run(args: argparse.Namespace) -> int:
    """Extract every file; return 0 when all were read, 1 when some failed, 2 for a usage
    error or an output that cannot be written."""
    workbooks = [p for p in args.files if p.suffix.lower() in (".xlsx", ".xlsm")]
    if workbooks:
        return _from_workbooks(args, workbooks)
    try:
        target = _open_output(args)
    except OSError as err:
        print(f"ntm extract: error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return 2
    context = bool(args.review or args.to_raw)
    with target as out:
        collected, source_ids, failed = _extract_all(args, out, context)
    if failed is None:  # the reader of stdout has gone
        return 0
    status = 1 if failed else 0
    if args.review:
        status = max(status, _write_review(args, collected, source_ids))
    if args.to_raw:
        kept = [(f.get("confidence") or 0) >= args.min_confidence for f in collected]
        accepted = [f for f, k in zip(collected, kept) if k]
        below = [f for f, k in zip(collected, kept) if not k]
        status = max(status, _write_raw(args, accepted, source_ids, below))
    if failed:
        print(
            f"ntm extract: {failed} of {len(args.files)} file(s) could not be read", file=sys.stderr
        )
    return status


def _extract_all(args: argparse.Namespace, out, context: bool):
    """Extract each file, writing its facts to ``out`` (when given) as it goes; return the
    facts (kept only for --review/--to-raw), the source id per file and the number of files
    that failed (None when stdout closed)."""
    from tqdm import tqdm

    show = not args.quiet and sys.stderr.isatty()
    writer = make_writer(args.format, out) if out is not None else None
    collected: list[dict] = []
    source_ids: dict[str, str] = {}
    failed = 0
    bar = tqdm(args.files, desc="extract", unit="file", file=sys.stderr, disable=not show)
    for path in bar:
        try:
            facts = extract_file(path, context=context)
        except ReadError as err:
            failed += 1
            bar.write(f"ntm extract: skipped: {err}", file=sys.stderr)
            continue
        if context:
            source_ids[str(path)] = source_id_of(path)
            collected.extend(facts)
        try:
            for fact in facts if writer else ():
                writer.write({k: v for k, v in fact.items() if k not in CONTEXT_KEYS})
        except BrokenPipeError:  # `ntm extract … | head`: the reader has gone
            sys.stdout = open(os.devnull, "w")  # silence the flush at exit
            return collected, source_ids, None
    return collected, source_ids, failed


CONTEXT_KEYS = ("sentence", "doc_province", "doc_source")


def _write_review(args: argparse.Namespace, facts: list[dict], source_ids: dict) -> int:
    try:
        write_review(facts, source_ids, args.review)
    except OSError as err:
        print(f"ntm extract: error: cannot write {args.review}: {err.strerror}", file=sys.stderr)
        return 2
    print(f"ntm extract: {len(facts)} facts to review in {args.review}", file=sys.stderr)
    return 0


def _write_raw(
    args: argparse.Namespace, facts: list[dict], source_ids: dict, below: list[dict] = ()
) -> int:
    lang = getattr(args, "lang", "vi")
    result = convert(facts, source_ids, lang, (list(below), args.min_confidence))
    try:
        written = write_raw(result, args.to_raw)
    except OSError as err:
        print(f"ntm extract: error: cannot write {args.to_raw}: {err.strerror}", file=sys.stderr)
        return 2
    print(_summary(result, args, written["rejects"]), file=sys.stderr)
    return 0


def _summary(result, args: argparse.Namespace, rejects: Path) -> str:
    """What --to-raw wrote, in the language asked for: rows per table, rows written once,
    facts under the confidence threshold and facts that made no valid row (all of them in
    the rejects file)."""
    vi = getattr(args, "lang", "vi") == "vi"
    counts = ", ".join(f"{t} {len(r)}" for t, r in result.tables.items() if r)
    invalid = len(result.rejects) - result.below
    if vi:
        repeated = f"{result.repeated} dòng nêu lại chỉ ghi một lần; " if result.repeated else ""
        return (
            f"ntm extract: {result.facts_in} dữ kiện → các dòng trong {args.to_raw} "
            f"({counts or 'không có'}); {repeated}{result.below} dữ kiện có độ tin cậy dưới "
            f"{args.min_confidence} bị loại; {invalid} dữ kiện không tạo được dòng hợp lệ: xem "
            f"{rejects}"
        )
    repeated = f"{result.repeated} rows stated again written once; " if result.repeated else ""
    return (
        f"ntm extract: {result.facts_in} facts → rows in {args.to_raw} ({counts or 'none'}); "
        f"{repeated}{result.below} facts below confidence {args.min_confidence} left out; "
        f"{invalid} facts made no valid row: see {rejects}"
    )


def _from_workbooks(args: argparse.Namespace, workbooks: list[Path]) -> int:
    """``ntm extract reviewed.xlsx --to-raw DIR``: the accepted rows of reviewed workbooks."""
    if not args.to_raw or len(workbooks) != len(args.files):
        print(
            "ntm extract: error: a reviewed workbook is read with --to-raw DIR, without report "
            "files beside it",
            file=sys.stderr,
        )
        return 2
    facts: list[dict] = []
    for path in workbooks:
        try:
            facts.extend(read_review(path))
        except (OSError, ValueError, KeyError) as err:
            print(f"ntm extract: error: cannot read {path}: {err}", file=sys.stderr)
            return 1
    source_ids = {f["source"]: f.get("source_id") or source_id_of(f["source"]) for f in facts}
    return _write_raw(args, facts, source_ids)
