"""The whole pipeline behind ``ntm report``: build data/processed, then execute the notebooks
and write the HTML reports (`present.report`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ntm_analysis import paths
from ntm_analysis.build import build, format_summary
from ntm_analysis.present.report import render_reports


def run_report(
    nb_dir: Path = paths.NOTEBOOKS,
    out_dir: Path = paths.REPORTS,
    params: dict[str, Any] | None = None,
    build_data: bool = True,
) -> list[str]:
    """Build the data, execute every notebook and write HTML; returns warnings found."""
    if build_data:
        print(format_summary(build(user_dir=paths.USER, verbose=False), reasons=False))
    return render_reports(nb_dir, out_dir, params)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="build the data, execute every notebook, write reports/*.html and figures",
        description=(
            "Run `ntm build`, then execute each numbered notebook in NOTEBOOKS top to bottom "
            "(parameters injected below the cell tagged 'parameters'), write OUT/<name>.html "
            "(self-contained) and let the notebooks save figures to OUT/figures. Exits 1 if a "
            "notebook fails or writes warnings to stderr."
        ),
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
    p.add_argument(
        "--lang",
        choices=["vi", "en"],
        default="vi",
        help="language of chart labels (default: %(default)s)",
    )
    p.add_argument("--no-build", action="store_true", help="use data/processed as it is")
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    problems = run_report(
        args.notebooks, args.out, {"LANG": args.lang}, build_data=not args.no_build
    )
    for p in problems:
        print(f"warning: {p}")
    return 1 if problems else 0
