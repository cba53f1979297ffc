"""The ``ntm`` command line. Each subcommand lives in the module that owns its logic.

A command module exposes ``register(subparsers)``, which adds its parser and sets
``func`` (called with the parsed namespace, returning an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Modules that contribute subcommands, in the order `ntm --help` lists them.
COMMAND_MODULES = [
    "ntm_analysis.build",
    "ntm_analysis.analysis.consistency",
    "ntm_analysis.analysis.status_command",
    "ntm_analysis.lexicon.criteria",
    "ntm_analysis.model.dictionary",
    "ntm_analysis.sources.reports.command",
    "ntm_analysis.sources.sheets.command",
    "ntm_analysis.present.maps.command",
    "ntm_analysis.places.match_command",
    "ntm_analysis.pipeline",
    "ntm_analysis.present.brief",
]


# Which module owns each command, so that running one command imports only its module
# (`ntm --help` still imports them all). tests/test_cli.py keeps this in step.
COMMAND_OWNERS = {
    "build": "ntm_analysis.build",
    "check-facts": "ntm_analysis.analysis.consistency",
    "criteria": "ntm_analysis.lexicon.criteria",
    "dictionary": "ntm_analysis.model.dictionary",
    "extract": "ntm_analysis.sources.reports.command",
    "check": "ntm_analysis.sources.sheets.command",
    "ingest": "ntm_analysis.sources.sheets.command",
    "template": "ntm_analysis.sources.sheets.command",
    "map": "ntm_analysis.present.maps.command",
    "match": "ntm_analysis.places.match_command",
    "report": "ntm_analysis.pipeline",
    "status": "ntm_analysis.analysis.status_command",
    "brief": "ntm_analysis.present.brief",
}


def make_parser(modules: Sequence[str] = tuple(COMMAND_MODULES)) -> argparse.ArgumentParser:
    """The top-level parser with the subcommands of ``modules`` (default: all) registered."""
    parser = argparse.ArgumentParser(
        prog="ntm",
        description=(
            "Clean, check and report data on Vietnam's National Target Program on New Rural "
            "Development (NTM). Run `ntm COMMAND --help` for a command's options."
        ),
    )
    from ntm_analysis import __version__

    parser.add_argument("--version", action="version", version=f"ntm-analysis {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ntm`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    owner = COMMAND_OWNERS.get(argv[0]) if argv else None
    parser = make_parser([owner] if owner else COMMAND_MODULES)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
