"""Score `ntm extract` on the team's development corpus (clean and OCR-damaged passages).

Usage: python benchmarks/eval_corpus.py [eval|eval2|…|eval5|dev|tester|all]
       [--ids odd|even|all] [-v]

The corpus and its matching rule are described in `ntm_analysis.sources.reports.corpus`; the
evaluation half (``eval``) was written and committed before the rules were changed for it,
the development half (``dev``) is the one the rules were worked on, and the tester set
(``tester``: eight real passages an independent tester ran, rewritten in the team's words,
clean only) was committed with its expected facts before the rules were changed for it.
The second evaluation half (``eval2``) was written by someone who had not read the rules, in
other provinces and phrasings, and committed before `ntm extract` was run on it; the third
(``eval3``) likewise, in yet other provinces and constructions, and the fourth (``eval4``) by
another writer who read only the corpus format, the fact schema and the earlier evaluation
files, after studying published NTM reports and articles; the fifth (``eval5``) likewise, by
yet another writer, in 22 other provinces.
Prints precision and recall per kind for the clean passages, the damaged ones and both
together. ``--ids odd`` (or ``even``) keeps only the items whose id ends in an odd (even)
number, so that one half of a held-out file can be worked on while the other stays unread.
Exits 1 when an evaluation half (``eval`` … ``eval5``, both variants together) is below
precision 0.9 or recall 0.8.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ntm_analysis.sources.reports.corpus import by_construction, format_score, load, score

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "extract" / "corpus"
PRECISION_TARGET = 0.9
RECALL_TARGET = 0.8
HELD_OUT = ("eval", "eval2", "eval3", "eval4", "eval5")


def keep_id(item_id: str, parity: str) -> bool:
    """Whether an item id (``h017``) is kept for ``--ids odd|even|all``.

    >>> keep_id("h017", "odd"), keep_id("h017", "even"), keep_id("d004", "all")
    (True, False, True)
    """
    if parity == "all":
        return True
    digits = "".join(ch for ch in item_id if ch.isdigit())
    return bool(digits) and (int(digits) % 2 == 1) == (parity == "odd")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "half",
        nargs="?",
        default="eval",
        choices=(*HELD_OUT, "dev", "tester", "all"),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--constructions", action="store_true", help="P/R per construction")
    parser.add_argument(
        "--ids", default="all", choices=("odd", "even", "all"), help="keep items by id parity"
    )
    args = parser.parse_args(argv)
    halves = (*HELD_OUT, "dev", "tester") if args.half == "all" else (args.half,)
    both_items = []
    for half in halves:
        for variant in ("", "_ocr"):
            path = CORPUS / f"{half}{variant}.yaml"
            if not path.is_file():
                continue
            items = [i for i in load(path) if keep_id(i.id, args.ids)]
            both_items += items
            s = score(items)
            print(f"== {path.name}: {len(items)} passages")
            print(format_score(s, args.verbose))
            if args.constructions:
                for c, d in by_construction(s).items():
                    print(f"  {c:<28} P={d['precision']:.3f} R={d['recall']:.3f}")
            print()
    total = score(both_items)
    print(f"== {' + '.join(halves)}, clean and damaged together")
    print(format_score(total))
    o = total.overall
    ok = o["precision"] >= PRECISION_TARGET and o["recall"] >= RECALL_TARGET
    return 0 if ok or args.half not in HELD_OUT else 1


if __name__ == "__main__":
    sys.exit(main())
