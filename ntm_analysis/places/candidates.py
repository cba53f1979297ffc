"""Candidate blocks: the units a written name is compared with, prepared for comparison.

A block holds the units sharing a parent (the provinces; a province's districts; a district's
or a province's communes) with their exact and diacritic-free spellings indexed, their
`textnorm.ocr_forms` for scoring, and which of them have a near neighbour. `matching`
builds them on first use (`block`) or all at once (`prepare`), once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ntm_analysis.lexicon.textnorm import combine_scores, fold, ocr_forms_many
from ntm_analysis.places import gazetteer
from ntm_analysis.places.name_forms import casefold_key

EXACT_GUARD = 80.0  # units at least this similar are each other's near neighbours


class Block:
    """Candidate units sharing a parent, with their comparison forms prepared on first use.

    The exact and diacritic-free spellings are indexed at once; the `textnorm.ocr_forms` of
    the short names (for scoring) and ``confusable`` are computed only when a name needs them.
    ``confusable`` marks units with a near neighbour in the block (similarity at least
    `EXACT_GUARD`): a diacritic-free spelling of such a unit may be a damaged spelling of the
    neighbour, so it is reported as fuzzy, never exact.
    """

    def __init__(self, codes: list[str], names: list[str], shorts: list[str]):
        self.codes = codes
        self.names = names  # full names ("Xã Đồng Ý")
        self.shorts = shorts  # without the type ("Đồng Ý")
        exact: dict[str, list[int]] = {}
        folded: dict[str, list[int]] = {}
        for i, (a, b) in enumerate(zip(names, shorts, strict=True)):
            for key in {casefold_key(a), casefold_key(b)}:
                exact.setdefault(key, []).append(i)
            for key in {fold(a), fold(b)}:
                folded.setdefault(key, []).append(i)
        # key -> sorted unit positions
        self.exact = {k: tuple(sorted(set(v))) for k, v in exact.items()}
        self.folded = {k: tuple(sorted(set(v))) for k, v in folded.items()}

    @cached_property
    def forms_short(self) -> tuple[list[str], list[str], list[str]]:
        """`ocr_forms` of the short names, one list per form."""
        fs = ocr_forms_many(self.shorts) if self.shorts else []
        return tuple(list(x) for x in zip(*fs, strict=True)) or ([], [], [])  # type: ignore[return-value]

    @cached_property
    def confusable(self) -> list[bool]:
        forms = self.forms_short
        sim = combine_scores(*(cdist(f, f, scorer=fuzz.ratio, dtype=np.float32) for f in forms))
        np.fill_diagonal(sim, 0)
        return (sim >= EXACT_GUARD).any(axis=1).tolist()

    @cached_property
    def first_words(self) -> frozenset[str]:
        """Folded first word and first two words of the short names."""
        return frozenset(
            " ".join(f.split(" ")[:n]) for f in self.forms_short[0] for n in (1, 2) if " " in f
        )


Members = list[tuple[str, str, str]]  # (code, full name, short name) in gazetteer order


def make_block(units: pd.DataFrame) -> Block:
    return Block(
        units["unit_code"].tolist(), units["unit_name"].tolist(), units["unit_name_short"].tolist()
    )


Members = list[tuple[str, str, str]]  # (code, full name, short name) in gazetteer order


@dataclass
class Index:
    vintage: str
    provinces: Block
    groups: dict[str, dict[str, Members]]  # kind -> parent code -> its units
    has_districts: bool


def _members(units: pd.DataFrame, parent: str) -> dict[str, Members]:
    out: dict[str, Members] = {}
    cols = (units[c].tolist() for c in (parent, "unit_code", "unit_name", "unit_name_short"))
    for p, *member in zip(*cols, strict=True):
        out.setdefault(p, []).append(tuple(member))  # type: ignore[arg-type]
    return out


@lru_cache(maxsize=4)
def index(vintage: str) -> Index:
    units = gazetteer.load_units(vintage)
    dist = units[units["level"] == "district"]
    comm = units[units["level"] == "commune"]
    groups = {
        "districts": _members(dist, "parent_code"),
        "communes_p": _members(comm, "province_code"),
        "communes_d": _members(comm, "parent_code") if len(dist) else {},
    }
    return Index(vintage, make_block(units[units["level"] == "province"]), groups, len(dist) > 0)


@lru_cache(maxsize=20_000)
def block(vintage: str, kind: str, parents: tuple[str, ...]) -> Block | None:
    """Candidates of ``kind`` under one or more parents (several when a parent is ambiguous)."""
    groups = index(vintage).groups[kind]
    members = [m for p in parents for m in groups.get(p, ())]
    if not members:
        return None
    codes, names, shorts = (list(x) for x in zip(*members, strict=True))
    return Block(codes, names, shorts)


def prepare(vintage: str = "legacy") -> int:
    """Build every candidate block of ``vintage`` now rather than on first use.

    A one-time cost per process (about a second for the legacy set); afterwards matching
    pays only per-name work. Returns the number of blocks built.
    """
    groups = index(vintage).groups
    n = 0
    for kind, by_parent in groups.items():
        for parent in by_parent:
            b = block(vintage, kind, (parent,))
            if b is not None:  # the scoring forms too, which are otherwise built on first need
                b.confusable, b.first_words  # noqa: B018
            n += 1
    return n
