"""The whole pipeline behind ``ntm report``: build the processed tables, then execute every
notebook with the same parameters (area, year, data date, language, data folder) and write
the reader and analyst views (`present.report`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_analysis import paths
from ntm_analysis.build import build, format_summary
from ntm_analysis.present.report import render_reports


def notebook_params(
    area: str | None = None,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    processed: Path | None = None,
) -> dict[str, Any]:
    """The parameters every notebook receives (only those given; the notebooks' own
    defaults stand for the rest, except LANG)."""
    params: dict[str, Any] = {"LANG": lang}
    if area is not None:
        params["AREA"] = area
    if year is not None:
        params["YEAR"] = year
    if as_of is not None:
        params["AS_OF"] = as_of
    if processed is not None:
        params["PROCESSED"] = str(Path(processed).resolve())
    return params


def run_report(
    nb_dir: Path = paths.NOTEBOOKS,
    out_dir: Path = paths.REPORTS,
    params: dict[str, Any] | None = None,
    build_data: bool = True,
) -> list[str]:
    """Build the data (into ``params['PROCESSED']`` when given), execute every notebook and
    write its views; returns the problems found."""
    params = dict(params or {})
    if build_data:
        out = Path(params["PROCESSED"]) if params.get("PROCESSED") else paths.PROCESSED
        print(
            format_summary(build(paths.RAW, out, user_dir=paths.USER, verbose=False), reasons=False)
        )
    return render_reports(nb_dir, out_dir, params)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="build the data, execute every notebook, write reports/*.html and figures",
        description=(
            "Run `ntm build`, then execute each numbered notebook in NOTEBOOKS top to bottom "
            "with the same AREA, YEAR, AS_OF, LANG and PROCESSED (injected below the cell "
            "tagged 'parameters'), and write for each OUT/<name>.html (the reader view: the "
            "report's language, no code) and OUT/analyst/<name>.html (with the code); the "
            "notebooks save their figures to OUT/figures. Progress is printed per notebook. "
            "A notebook that fails does not stop the others; the exit status is 1 if any "
            "failed or wrote warnings."
        ),
    )
    p.add_argument(
        "--area",
        default=None,
        help="province or district the reports are about, e.g. 'Hải Phòng' or 'Bắc Sơn' "
        "(default: each notebook's own)",
    )
    p.add_argument("--year", type=int, default=None, help="the year reported on (figures up to it)")
    p.add_argument(
        "--as-of",
        default=None,
        help="data date: figures dated after it are left out (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    p.add_argument(
        "--lang",
        choices=["vi", "en"],
        default="vi",
        help="language of the reports: prose, tables and charts (default: %(default)s)",
    )
    p.add_argument(
        "--processed",
        type=Path,
        default=None,
        help="folder of the processed tables (default: data/processed)",
    )
    p.add_argument(
        "--notebooks",
        type=Path,
        default=paths.NOTEBOOKS,
        help="folder of notebooks (default: %(default)s)",
    )
    p.add_argument(
        "--out", type=Path, default=paths.REPORTS, help="output folder (default: %(default)s)"
    )
    p.add_argument("--no-build", action="store_true", help="use the processed tables as they are")
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    params = notebook_params(args.area, args.year, args.as_of, args.lang, args.processed)
    problems = run_report(args.notebooks, args.out, params, build_data=not args.no_build)
    for p in problems:
        print(f"warning: {p}")
    return 1 if problems else 0
