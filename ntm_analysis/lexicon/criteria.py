"""NTM criteria sets and tiers: look-ups by (criteria_set, criterion_no) and by name.

The reference ships as package data (``ntm_analysis/data``): ``criteria.csv`` (one row per
criterion of a set, with its source URL), ``criteria_sets.csv`` (set registry and sizes),
``criteria_topics.csv`` (how the basic and advanced commune numberings line up),
``criteria_indicators.csv``, ``model_rules.csv`` and ``criteria_guidance.csv`` (the body
that guides a criterion, from its guidance documents). A criterion number means nothing without
its set: in the 2021–2025 basic commune set 15 is Y tế, in the advanced set 14 is.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from functools import cache

import pandas as pd
from rapidfuzz import fuzz, process

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.paths import PACKAGE_DATA

TIER_ORDER = vocabulary.keys("tiers", level="")


@dataclass(frozen=True)
class Criterion:
    """One criterion of one set."""

    criteria_set: str
    criterion_no: int | None
    name_vi: str
    name_en: str
    level: str
    tier: str
    legal_basis: str
    source_url: str


def _read(name: str, **kw: object) -> pd.DataFrame:
    return pd.read_csv(PACKAGE_DATA / name, dtype="string", keep_default_na=False, **kw)


@cache
def _criteria() -> pd.DataFrame:
    df = _read("criteria.csv")
    df["criterion_no"] = pd.array(
        [int(v) if v else pd.NA for v in df["criterion_no"]], dtype="Int64"
    )
    df["key"] = [fold(v or e) for v, e in zip(df["criterion_name_vi"], df["criterion_name_en"])]
    return df


@cache
def _sets() -> pd.DataFrame:
    df = _read("criteria_sets.csv")
    df["size"] = pd.array([int(v) if v else pd.NA for v in df["size"]], dtype="Int64")
    return df


def criteria_table() -> pd.DataFrame:
    """Every criterion of every set in the reference (a copy)."""
    return _criteria().drop(columns="key").copy()


def criteria_sets() -> pd.DataFrame:
    """The registry of criteria sets with their size where a source states it (a copy)."""
    return _sets().copy()


def criteria_topics() -> pd.DataFrame:
    """Topic crosswalk between the basic and advanced commune sets of 2021–2025."""
    return _read("criteria_topics.csv")


@cache
def _guidance() -> pd.DataFrame:
    df = _read("criteria_guidance.csv")
    df["criterion_no"] = df["criterion_no"].astype(int)
    for r in df.itertuples():
        if not is_valid_number(r.criteria_set, r.criterion_no):
            raise ValueError(
                f"criteria_guidance.csv: {r.criteria_set} has no criterion {r.criterion_no}"
            )
    return df


def criteria_guidance() -> pd.DataFrame:
    """Who guides each criterion, where a guidance document shows it (a copy).

    One row per (criteria_set, criterion_no) with a source: ``body_vi``, ``body_en``,
    ``body_level`` (ministry, provincial_department, statistics_office), ``document``,
    ``basis`` (``stated``: the page names the criterion; ``inferred``: the body's guidance
    for its field, matched by subject), ``coverage_note``, ``source_url``, ``locator``.
    Criteria without a row have no source here; see ``criteria_guidance.source.yml``.
    """
    return _guidance().copy()


def known_sets() -> list[str]:
    """Ids of all criteria sets in the reference."""
    return _sets()["criteria_set"].tolist()


def _check_set(criteria_set: str) -> None:
    if criteria_set not in set(known_sets()):
        raise KeyError(
            f"unknown criteria set {criteria_set!r}; known sets: {', '.join(known_sets())}"
        )


def set_name(criteria_set: str, lang: str = "vi", short: bool = False) -> str:
    """The name of a criteria set for readers (``short`` for axis labels and legends).

    >>> set_name("commune_advanced_2021_2025", short=True)
    'Bộ tiêu chí xã NTM nâng cao 2021–2025'
    >>> set_name("commune_ntm_2021_2025", "en")
    'National criteria for NTM communes, 2021–2025'
    """
    _check_set(criteria_set)
    if lang not in vocabulary.LANGS:
        raise ValueError(f"lang must be one of {vocabulary.LANGS}, not {lang!r}")
    column = f"{'short' if short else 'name'}_{lang}"
    return str(_sets().set_index("criteria_set").at[criteria_set, column])


@cache
def criterion_name(criteria_set: str, criterion_no: int, lang: str = "vi") -> str:
    """A criterion's name in ``lang``, or "Tiêu chí N" / "Criterion N" when the reference
    has no name for it.

    >>> criterion_name("commune_advanced_2021_2025", 14)
    'Y tế'
    """
    try:
        c = get_criterion(criteria_set, criterion_no)
    except KeyError:
        return f"{'Tiêu chí' if lang == 'vi' else 'Criterion'} {criterion_no}"
    return (c.name_vi if lang == "vi" else c.name_en) or c.name_vi


def set_size(criteria_set: str) -> int | None:
    """Number of criteria in a set, or None when no source states it."""
    _check_set(criteria_set)
    size = _sets().set_index("criteria_set").at[criteria_set, "size"]
    return None if pd.isna(size) else int(size)


def criterion_numbers(criteria_set: str) -> list[int]:
    """Criterion numbers of a set that the reference lists (may be partial; see set_size)."""
    _check_set(criteria_set)
    df = _criteria()
    nos = df.loc[df["criteria_set"] == criteria_set, "criterion_no"].dropna()
    return sorted(int(n) for n in nos)


def is_valid_number(criteria_set: str, criterion_no: int) -> bool:
    """Whether ``criterion_no`` exists in the set.

    For a set of known size every number 1..size exists even when the reference does not list
    its name; for a set of unknown size only the listed numbers are known to exist.
    """
    size = set_size(criteria_set)
    if size is not None:
        return 1 <= int(criterion_no) <= size
    return int(criterion_no) in criterion_numbers(criteria_set)


def _row_to_criterion(r: pd.Series) -> Criterion:
    no = r["criterion_no"]
    return Criterion(
        criteria_set=r["criteria_set"],
        criterion_no=None if pd.isna(no) else int(no),
        name_vi=r["criterion_name_vi"],
        name_en=r["criterion_name_en"],
        level=r["level"],
        tier=r["tier"],
        legal_basis=r["legal_basis"],
        source_url=r["source_url"],
    )


def get_criterion(criteria_set: str, criterion_no: int) -> Criterion:
    """The criterion with this number in this set.

    >>> get_criterion("commune_ntm_2021_2025", 15).name_vi
    'Y tế'
    >>> get_criterion("commune_advanced_2021_2025", 14).name_vi
    'Y tế'
    """
    _check_set(criteria_set)
    df = _criteria()
    hit = df[(df["criteria_set"] == criteria_set) & (df["criterion_no"] == int(criterion_no))]
    if hit.empty:
        listed = criterion_numbers(criteria_set)
        raise KeyError(
            f"criterion {criterion_no} is not in {criteria_set}"
            + (f" (numbers listed: {listed[0]}–{listed[-1]})" if listed else " (none listed)")
        )
    return _row_to_criterion(hit.iloc[0])


def _score(query: str, choice: str, **_: object) -> float:
    # Whole-name similarity, with credit for a query that is a damaged prefix of a long name
    # ("Thuy loi" for "Thủy lợi và phòng, chống thiên tai").
    whole = fuzz.ratio(query, choice)
    head = fuzz.ratio(query, choice[: len(query)]) if len(query) >= 4 else 0.0
    return max(whole, 0.95 * head)


def find_criteria(
    name: str, criteria_set: str | None = None, limit: int = 5, min_score: float = 60.0
) -> pd.DataFrame:
    """Candidate criteria for a possibly OCR-damaged name, best first.

    Returns columns ``criteria_set, criterion_no, criterion_name_vi, score`` (0–100). Without
    ``criteria_set`` every set is searched, so the same topic may appear under several sets
    with different numbers.

    >>> int(find_criteria("Y té", "commune_advanced_2021_2025").iloc[0]["criterion_no"])
    14
    """
    df = _criteria()
    if criteria_set is not None:
        _check_set(criteria_set)
        df = df[df["criteria_set"] == criteria_set]
    query = fold(name)
    hits = process.extract(query, df["key"].tolist(), scorer=_score, limit=None)
    rows = [
        (
            df.iloc[i]["criteria_set"],
            df.iloc[i]["criterion_no"],
            df.iloc[i]["criterion_name_vi"],
            round(float(score), 1),
        )
        for _, score, i in hits
        if score >= min_score
    ]
    out = pd.DataFrame(rows, columns=["criteria_set", "criterion_no", "criterion_name_vi", "score"])
    out = out.sort_values(["score", "criteria_set", "criterion_no"], ascending=[False, True, True])
    return out.head(limit).reset_index(drop=True)


def lookup_criterion(name: str, criteria_set: str, min_score: float = 70.0) -> Criterion:
    """The criterion of ``criteria_set`` whose name best matches ``name``.

    Raises LookupError when nothing scores ``min_score`` or when two different criteria tie
    within 3 points (the caller must decide; nothing is resolved silently).

    >>> lookup_criterion("Thuy 1gi va phong chong thién tai", "commune_ntm_2021_2025").criterion_no
    3
    """
    cands = find_criteria(name, criteria_set, limit=2, min_score=min_score)
    if cands.empty:
        raise LookupError(f"no criterion of {criteria_set} matches {name!r}")
    if len(cands) == 2 and cands.at[0, "score"] - cands.at[1, "score"] < 3:
        pair = "; ".join(f"{r.criterion_no} {r.criterion_name_vi}" for r in cands.itertuples())
        raise LookupError(f"{name!r} is ambiguous in {criteria_set}: {pair}")
    return get_criterion(criteria_set, int(cands.at[0, "criterion_no"]))


def normalise_tier(label: str) -> str:
    """Map a tier label in Vietnamese (any accents) or English to none/ntm/advanced/model.

    The spellings are the vocabulary's (`vocabulary.tier_of`).

    >>> normalise_tier("Xã NTM nâng cao")
    'advanced'
    >>> normalise_tier("nông thôn mới kiểu mẫu")
    'model'
    """
    tier = vocabulary.tier_of(label)
    if tier is None or tier not in vocabulary.keys("tiers", level=""):
        raise ValueError(f"unrecognised tier label {label!r} (expected NTM, nâng cao, kiểu mẫu…)")
    return tier


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``criteria`` subcommand."""
    p = sub.add_parser(
        "criteria",
        help="look up NTM criteria by set and number, or by a (possibly OCR-damaged) name",
        description=(
            "Without options: list the criteria sets. With --set: list that set. With --set and "
            "--no: show one criterion. With --name: find criteria by name (in --set if given)."
        ),
    )
    p.add_argument("--set", dest="criteria_set", help="criteria set id, e.g. commune_ntm_2021_2025")
    p.add_argument("--no", type=int, help="criterion number within --set")
    p.add_argument("--name", help="criterion name, accents optional, OCR damage tolerated")
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    try:
        if args.name:
            print(find_criteria(args.name, args.criteria_set).to_string(index=False))
        elif args.criteria_set and args.no is not None:
            c = get_criterion(args.criteria_set, args.no)
            print(f"{c.criteria_set} {c.criterion_no}: {c.name_vi} ({c.name_en})")
            print(f"  legal basis: {c.legal_basis}\n  source: {c.source_url}")
        elif args.criteria_set:
            df = criteria_table()
            df = df[df["criteria_set"] == args.criteria_set]
            _check_set(args.criteria_set)
            print(
                df[["criterion_no", "criterion_name_vi", "criterion_name_en"]].to_string(
                    index=False
                )
            )
        else:
            print(
                criteria_sets()[["criteria_set", "level", "tier", "period", "size"]].to_string(
                    index=False
                )
            )
    except (KeyError, LookupError) as err:
        print(f"error: {err.args[0]}")
        return 1
    return 0
