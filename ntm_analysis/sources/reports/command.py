"""The ``ntm extract`` command: many files in, one fact per output line, failures reported."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import nullcontext
from pathlib import Path

from ntm_analysis.sources.reports.document import extract_file
from ntm_analysis.sources.reports.reading import SUFFIXES, ReadError
from ntm_analysis.sources.reports.writers import make_writer

EPILOG = """\
Output (JSON lines, one fact per line; schema ntm_analysis/data/extract_fact.schema.json):
  every fact: source, line (1-based; .docx paragraph; PDF running line + page), kind, text
  (the span as printed), confidence (0-1), is_target (plan/target/registration vs achievement)
  kinds: tier_count (unit_level, tier, count, total, pct, area, year)
         recognised_count (unit_level, tier, count, area, year, decision)
         recognised_commune|recognised_district|recognised_village (commune|district|village,
           tier, year, field (giáo dục, văn hóa, …) and field_key, code, admin_vintage)
         avg_criteria (value, area, year)
         criteria_count (commune|scope, met, of, criteria_set: commune_ntm|commune_advanced|null)
         criteria_band_count (count, min_met, max_met, of, communes, commune_codes)
         criteria_status (commune, criteria_set, criterion_no (null unless printed),
           criterion_name, status: met|not_met|difficult)
         funding (source_category, amount_vnd, qualifier, budget_type, flow, area, period,
           per_commune)
         percent (measure, value, qualifier, area, year)
  names are corrected against the gazetteer; area_code/code come with admin_vintage.

Exit status: 0 every file read, 1 some file could not be read (reported on stderr, the
others are still extracted), 2 usage error or an output file that cannot be written.

Examples:
  ntm extract report.txt                       # JSON lines on stdout
  ntm extract reports/*.pdf -o facts.jsonl
  ntm extract a.docx b.md --format csv -o facts.csv
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``extract`` subcommand."""
    p = subparsers.add_parser(
        "extract",
        help="pull NTM figures (counts, recognitions, criteria, funding, percentages) from reports",
        description=(
            "Extract the figures an NTM report states (communes/districts by tier, recognitions, "
            "criteria met, funding, percentages) from .txt, .md, .docx and text-layer PDF files, "
            "clean or OCR-damaged, one fact per output line."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help=f"{', '.join(SUFFIXES)}")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="default jsonl")
    p.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract every file; return 0 when all were read, 1 when some failed, 2 when the output
    cannot be written."""
    from tqdm import tqdm

    failed = 0
    show = not args.quiet and sys.stderr.isatty()
    try:
        target = (
            open(args.output, "w", encoding="utf-8", newline="")
            if args.output
            else nullcontext(sys.stdout)
        )
    except OSError as err:
        print(f"ntm extract: error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
        return 2
    with target as out:
        writer = make_writer(args.format, out)
        bar = tqdm(args.files, desc="extract", unit="file", file=sys.stderr, disable=not show)
        for path in bar:
            try:
                facts = extract_file(path)
            except ReadError as err:
                failed += 1
                bar.write(f"ntm extract: skipped: {err}", file=sys.stderr)
                continue
            try:
                for fact in facts:
                    writer.write(fact)
            except BrokenPipeError:  # `ntm extract … | head`: the reader has gone
                sys.stdout = open(os.devnull, "w")  # silence the flush at exit
                return 1 if failed else 0
    if failed:
        print(
            f"ntm extract: {failed} of {len(args.files)} file(s) could not be read", file=sys.stderr
        )
    return 1 if failed else 0
