"""Score `ntm extract` on the five seed reports against the facts transcribed in data/raw.

Usage: python benchmarks/eval_extract.py [--seeds DIR] [--raw DIR] [-v]

The matching rule (seed, line tolerance, is_target, values per family) is documented in
`ntm_analysis.sources.reports.evaluate`. Exits 1 when precision < 0.9 or recall < 0.85 overall.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ntm_analysis.paths import RAW, SHARED
from ntm_analysis.sources.reports.evaluate import evaluate, format_score

PRECISION_TARGET = 0.9
RECALL_TARGET = 0.85


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--raw", type=Path, default=RAW)
    parser.add_argument("-v", "--verbose", action="store_true", help="list unmatched rows")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"no seeds folder at {args.seeds}", file=sys.stderr)
        return 2
    score = evaluate(args.seeds, args.raw)
    print(format_score(score, args.verbose))
    o = score.overall
    return 0 if o["precision"] >= PRECISION_TARGET and o["recall"] >= RECALL_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
