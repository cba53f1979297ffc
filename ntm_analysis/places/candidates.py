"""Candidate blocks: the units a written name is compared with, prepared for comparison.

A block holds the units sharing a parent (the provinces; a province's districts; a district's
or a province's communes) with their exact and diacritic-free spellings indexed, their
`textnorm.ocr_forms` for scoring, and which of them have a near neighbour. `matching`
builds them on first use (`block`) or all at once (`prepare`), once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ntm_analysis.lexicon.textnorm import combine_scores, fold, ocr_forms
from ntm_analysis.places import gazetteer
from ntm_analysis.places.name_forms import casefold_key

EXACT_GUARD = 80.0  # units at least this similar are each other's near neighbours


@dataclass
class Block:
    """Candidate units sharing a parent, with their comparison forms precomputed.

    ``confusable`` marks units with a near neighbour in the block (similarity at least
    `EXACT_GUARD`): a diacritic-free spelling of such a unit may be a damaged spelling of the
    neighbour, so it is reported as fuzzy, never exact.
    """

    codes: list[str]
    names: list[str]  # full names ("Xã Đồng Ý")
    shorts: list[str]  # without the type ("Đồng Ý")
    forms_short: tuple[list[str], list[str], list[str]]  # `ocr_forms` of the short names
    exact: dict[str, tuple[int, ...]]  # key -> sorted unit positions
    folded: dict[str, tuple[int, ...]]
    confusable: list[bool]
    first_words: frozenset[str]  # folded first word and first two words of the short names


def make_block(units: pd.DataFrame) -> Block:
    full, short = units["unit_name"].tolist(), units["unit_name_short"].tolist()
    fs = [ocr_forms(x) for x in short]
    exact: dict[str, list[int]] = {}
    folded: dict[str, list[int]] = {}
    for i, (a, b) in enumerate(zip(full, short, strict=True)):
        for key in {casefold_key(a), casefold_key(b)}:
            exact.setdefault(key, []).append(i)
        for key in {fold(a), fold(b)}:
            folded.setdefault(key, []).append(i)
    exact_t = {k: tuple(sorted(set(v))) for k, v in exact.items()}
    folded_t = {k: tuple(sorted(set(v))) for k, v in folded.items()}
    forms = tuple(list(x) for x in zip(*fs, strict=True))
    sim = combine_scores(*(cdist(f, f, scorer=fuzz.ratio, dtype=np.float32) for f in forms))
    np.fill_diagonal(sim, 0)
    return Block(
        codes=units["unit_code"].tolist(),
        names=full,
        shorts=short,
        forms_short=forms,  # type: ignore[arg-type]
        exact=exact_t,
        folded=folded_t,
        confusable=(sim >= EXACT_GUARD).any(axis=1).tolist(),
        first_words=frozenset(
            " ".join(f.split(" ")[:n]) for f in forms[0] for n in (1, 2) if " " in f
        ),
    )


@dataclass
class Index:
    vintage: str
    provinces: Block
    groups: dict[str, dict[str, pd.DataFrame]]  # kind -> parent code -> units
    has_districts: bool


@lru_cache(maxsize=4)
def index(vintage: str) -> Index:
    units = gazetteer.load_units(vintage)
    dist = units[units["level"] == "district"]
    comm = units[units["level"] == "commune"]
    groups = {
        "districts": dict(tuple(dist.groupby("parent_code"))),
        "communes_p": dict(tuple(comm.groupby("province_code"))),
        "communes_d": dict(tuple(comm.groupby("parent_code"))) if len(dist) else {},
    }
    return Index(vintage, make_block(units[units["level"] == "province"]), groups, len(dist) > 0)


@lru_cache(maxsize=20_000)
def block(vintage: str, kind: str, parents: tuple[str, ...]) -> Block | None:
    """Candidates of ``kind`` under one or more parents (several when a parent is ambiguous)."""
    groups = index(vintage).groups[kind]
    frames = [groups[p] for p in parents if p in groups]
    if not frames:
        return None
    return make_block(frames[0] if len(frames) == 1 else pd.concat(frames))


def prepare(vintage: str = "legacy") -> int:
    """Build every candidate block of ``vintage`` now rather than on first use.

    A one-time cost per process (about a second for the legacy set); afterwards matching
    pays only per-name work. Returns the number of blocks built.
    """
    groups = index(vintage).groups
    n = 0
    for kind, by_parent in groups.items():
        for parent in by_parent:
            block(vintage, kind, (parent,))
            n += 1
    return n
