"""Match written place names (OCR-damaged, with or without diacritics) to gazetteer codes.

Owns `match_units` (a DataFrame in, the same rows with codes out) and the ``ntm match``
command. Units come from `gazetteer`; string comparison from `textnorm`.

How a row is matched: the province is resolved among all provinces of the vintage, then
the district (legacy/pre2023, when given) among that province's districts, then the commune
among the communes of that block. At each level a name is compared in full ("Xã Đồng Ý")
and without its type prefix ("Đồng Ý"), so prefixes are optional and may be damaged.

Statuses:

* ``exact``: at every level the name equals exactly one candidate, with its diacritics, or
  written entirely without diacritics when no other candidate folds to the same letters and
  none is within `EXACT_GUARD` similarity (else a damaged spelling could hide behind it).
* ``fuzzy``: the best candidate by `textnorm.ocr_similarity` scores at least `ACCEPT` and
  leads the next unit by at least `MARGIN` points.
* ``ambiguous``: several units are equally good (same folded name, or within `MARGIN`);
  they are listed in ``match_candidates`` as ``code:name|code:name`` and none is chosen.
* ``unmatched``: nothing scores `ACCEPT`; the nearest names are listed for review.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist, cpdist

from ntm_analysis import gazetteer
from ntm_analysis.textnorm import (
    combine_scores,
    fold,
    normalize,
    ocr_forms,
    ocr_key,
    strip_diacritics,
)

ACCEPT = 72.0
MARGIN = 4.0
EXACT_GUARD = 80.0
STATUSES = ("exact", "fuzzy", "ambiguous", "unmatched")
OUTPUT_COLUMNS = [
    "admin_vintage",
    "ward_code",
    "matched_name",
    "match_score",
    "match_status",
    "match_candidates",
]

# Abbreviated type prefixes, per level ("TT. Bắc Sơn", "P.1", "TP. Hải Phòng").
_ABBREV = {
    "commune": {"tt": "Thị trấn", "p": "Phường", "x": "Xã", "xa": "Xã"},
    "district": {"q": "Quận", "h": "Huyện", "tx": "Thị xã", "tp": "Thành phố"},
    "province": {"tp": "Thành phố", "t": "Tỉnh"},
}
_PREFIXES = {
    "commune": ("xa", "phuong", "thi tran", "dac khu"),
    "district": ("huyen", "quan", "thi xa", "thanh pho"),
    "province": ("tinh", "thanh pho"),
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ABBREV_RE = re.compile(r"^([A-Za-zĐđ]{1,2})\s*\.\s*|^([A-Za-zĐđ]{1,2})\s+(?=\S)")


class MatchInputError(ValueError):
    """The input table cannot be matched (missing column, unreadable file)."""


# ---------------------------------------------------------------------------- names


class _Name:
    """One written name in the forms the matcher compares (keys computed once).

    A plain slotted class: it is built once per distinct name, and a NamedTuple's generated
    constructor showed up as a tenth of the matching time.
    """

    __slots__ = ("bare", "exact_keys", "fold_keys", "full", "short")

    def __init__(
        self,
        full: str,
        short: str,
        exact_keys: tuple[str, str],
        fold_keys: tuple[str, str],
        bare: bool,
    ) -> None:
        self.full, self.short = full, short
        self.exact_keys, self.fold_keys = exact_keys, fold_keys
        self.bare = bare  # written without any diacritics

    @classmethod
    def of(cls, full: str, short: str) -> _Name:
        """Keys of an already normalised name (see `textnorm.normalize`)."""
        bare_full = strip_diacritics(full)
        cf_full, fd_full = full.casefold(), _fold_stripped(bare_full)
        bare = bare_full == full
        if short == full:
            return cls(full, short, (cf_full, cf_full), (fd_full, fd_full), bare)
        return cls(full, short, (cf_full, short.casefold()), (fd_full, fold(short)), bare)


def _fold_stripped(stripped: str) -> str:
    """`textnorm.fold` of a string already without diacritics."""
    return _NON_ALNUM.sub(" ", stripped.lower()).strip()


def _casefold(text: str) -> str:
    return normalize(text).casefold()


def _has_diacritics(text: str) -> bool:
    return not text.isascii() and strip_diacritics(text) != unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _is_prefix(head: str, level: str) -> bool:
    """Whether the first word(s) of a name, possibly OCR-damaged, are a unit-type prefix."""
    key = ocr_key(head)
    n = head.count(" ") + 1
    return any(
        key == prefix or (len(prefix) >= 4 and fuzz.ratio(key, prefix) >= 80)
        for prefix in _PREFIXES[level]
        if prefix.count(" ") + 1 == n
    )


@lru_cache(maxsize=100_000)
def _parse_name(text: str, level: str) -> _Name:
    """Expand an abbreviated prefix ("TT.", "P.", "TP.") and split off the type prefix."""
    s = text if text.isascii() and "  " not in text else normalize(text)
    m = _ABBREV_RE.match(s)
    if m:
        dotted = m.group(1) is not None
        abbrev = (m.group(1) or m.group(2)).lower()
        if abbrev in _ABBREV[level] and (dotted or len(abbrev) == 2):
            s = f"{_ABBREV[level][abbrev]} {s[m.end() :]}".strip()
    words = s.split(" ")
    for n in (2, 1):
        if len(words) > n and _is_prefix(" ".join(words[:n]).lower(), level):
            return _Name.of(s, " ".join(words[n:]))
    return _Name.of(s, s)


# ---------------------------------------------------------------------------- candidate blocks


@dataclass
class _Block:
    """Candidate units sharing a parent, with their comparison forms precomputed.

    ``confusable`` marks units with a near neighbour in the block (similarity at least
    `EXACT_GUARD`): a diacritic-free spelling of such a unit may be a damaged spelling of the
    neighbour, so it is reported as fuzzy, never exact.
    """

    codes: np.ndarray
    names: np.ndarray
    forms_short: tuple[list[str], list[str], list[str]]
    forms_array: tuple[np.ndarray, np.ndarray, np.ndarray]  # the same as object arrays
    exact: dict[str, tuple[int, ...]]  # key -> sorted unit positions
    folded: dict[str, tuple[int, ...]]
    confusable: np.ndarray


def _make_block(units: pd.DataFrame) -> _Block:
    full, short = units["unit_name"].tolist(), units["unit_name_short"].tolist()
    fs = [ocr_forms(x) for x in short]
    exact: dict[str, list[int]] = {}
    folded: dict[str, list[int]] = {}
    for i, (a, b) in enumerate(zip(full, short, strict=True)):
        for key in {_casefold(a), _casefold(b)}:
            exact.setdefault(key, []).append(i)
        for key in {fold(a), fold(b)}:
            folded.setdefault(key, []).append(i)
    exact_t = {k: tuple(sorted(set(v))) for k, v in exact.items()}
    folded_t = {k: tuple(sorted(set(v))) for k, v in folded.items()}
    forms = tuple(list(x) for x in zip(*fs, strict=True))
    sim = combine_scores(*(cdist(f, f, scorer=fuzz.ratio, dtype=np.float32) for f in forms))
    np.fill_diagonal(sim, 0)
    return _Block(
        codes=units["unit_code"].to_numpy(dtype=object),
        names=units["unit_name"].to_numpy(dtype=object),
        forms_short=forms,  # type: ignore[arg-type]
        forms_array=tuple(np.array(f, dtype=object) for f in forms),  # type: ignore[arg-type]
        exact=exact_t,
        folded=folded_t,
        confusable=(sim >= EXACT_GUARD).any(axis=1),
    )


@dataclass
class _Index:
    vintage: str
    provinces: _Block
    groups: dict[str, dict[str, pd.DataFrame]]  # kind -> parent code -> units
    has_districts: bool


@lru_cache(maxsize=4)
def _index(vintage: str) -> _Index:
    units = gazetteer.load_units(vintage)
    dist = units[units["level"] == "district"]
    comm = units[units["level"] == "commune"]
    groups = {
        "districts": dict(tuple(dist.groupby("parent_code"))),
        "communes_p": dict(tuple(comm.groupby("province_code"))),
        "communes_d": dict(tuple(comm.groupby("parent_code"))) if len(dist) else {},
    }
    return _Index(vintage, _make_block(units[units["level"] == "province"]), groups, len(dist) > 0)


@lru_cache(maxsize=20_000)
def _block(vintage: str, kind: str, parents: tuple[str, ...]) -> _Block | None:
    """Candidates of ``kind`` under one or more parents (several when a parent is ambiguous)."""
    groups = _index(vintage).groups[kind]
    frames = [groups[p] for p in parents if p in groups]
    if not frames:
        return None
    return _make_block(frames[0] if len(frames) == 1 else pd.concat(frames))


def prepare(vintage: str = "legacy") -> int:
    """Build every candidate block of ``vintage`` now rather than on first use.

    A one-time cost per process (about a second for the legacy set); afterwards matching
    pays only per-name work. Returns the number of blocks built.
    """
    groups = _index(vintage).groups
    n = 0
    for kind, by_parent in groups.items():
        for parent in by_parent:
            _block(vintage, kind, (parent,))
            n += 1
    return n


# ---------------------------------------------------------------------------- one level


class _Result:
    """The outcome of matching one name at one level."""

    __slots__ = ("candidates", "code", "codes", "name", "score", "status")

    def __init__(
        self,
        status: str,
        code: str | None = None,
        name: str | None = None,
        score: float = 0.0,
        candidates: str = "",
        codes: tuple[str, ...] = (),
    ) -> None:
        self.status, self.code, self.name = status, code, name
        self.score, self.candidates = score, candidates
        self.codes = codes  # the ambiguous candidates' codes

    @property
    def parents(self) -> tuple[str, ...]:
        """Codes to search under at the next level: the match, or every tied candidate."""
        if self.code is not None:
            return (self.code,)
        return self.codes if self.status == "ambiguous" else ()


def _fmt(block: _Block, idx: list[int] | np.ndarray) -> str:
    return "|".join(f"{block.codes[i]}:{block.names[i]}" for i in idx)


def _tie(block: _Block, idx: list[int] | np.ndarray, score: float) -> _Result:
    return _Result(
        "ambiguous",
        score=round(score, 2),
        candidates=_fmt(block, idx),
        codes=tuple(block.codes[i] for i in idx),
    )


def _resolve_exact(name: _Name, block: _Block) -> _Result | None:
    """Exact spelling (diacritics included), or diacritic-free spelling of one unit."""
    bare = name.bare
    for keys, table in ((name.exact_keys, block.exact), (name.fold_keys, block.folded)):
        for k, key in enumerate(keys):
            hits = table.get(key)
            if not hits:
                continue
            if not bare and table is block.folded:
                return None  # same letters, other diacritics: OCR-like; let the scores decide
            rivals = block.folded.get(name.fold_keys[k], ()) if bare else hits
            if len(hits) > 1 or len(rivals) > 1:  # "Sa Pa" could be "Sa Pa" or "Sa Pả"
                return _tie(block, sorted(set(hits) | set(rivals)), 100.0)
            i = hits[0]
            if bare and block.confusable[i]:
                return _Result("fuzzy", block.codes[i], block.names[i], 100.0)
            return _Result("exact", block.codes[i], block.names[i], 100.0)
    return None


def _resolve_many(names: list[_Name], block: _Block) -> list[_Result]:
    """Resolve names against one block: spelling hits first, then scores."""
    results: list[_Result | None] = [
        None if _needs_scores(n, block) else _resolve_exact(n, block) for n in names
    ]
    todo = [i for i, r in enumerate(results) if r is None]
    if todo:
        scored = _score_pending([names[i] for i in todo], [block] * len(todo))
        for i, r in zip(todo, scored, strict=True):
            results[i] = r
    return results  # type: ignore[return-value]


def _judge(order: np.ndarray, top: np.ndarray, block: _Block) -> _Result:
    """Decide from the five best candidates (positions ``order``, scores ``top``)."""
    best = float(top[0])
    if best < ACCEPT:
        return _Result("unmatched", score=round(best, 2), candidates=_fmt(block, order[:3]))
    near = order[top >= best - MARGIN]
    if len(near) > 1:
        return _tie(block, near, best)
    j = order[0]
    return _Result("fuzzy", block.codes[j], block.names[j], round(best, 2))


# ---------------------------------------------------------------------------- rows


def _keys(col: pd.Series) -> list[str]:
    """`textnorm.normalize` of every cell (NFC, single spaces, stripped); blanks become ""."""
    nfc = unicodedata.normalize
    out = []
    for v in col.tolist():
        if not isinstance(v, str):
            out.append("" if v is None or v != v else " ".join(str(v).split()))
        elif v.isascii() or unicodedata.is_normalized("NFC", v):
            out.append(" ".join(v.split()))
        else:
            out.append(" ".join(nfc("NFC", v).split()))
    return out


def _needs_scores(n: _Name, block: _Block) -> bool:
    """True when no spelling (exact, or diacritic-free for a bare name) hits the block."""
    ex, fd = block.exact, block.folded
    return not (
        n.exact_keys[0] in ex
        or n.exact_keys[1] in ex
        or (n.bare and (n.fold_keys[0] in fd or n.fold_keys[1] in fd))
    )


def _pair_scores(texts: list[str], blocks: list[_Block]) -> np.ndarray:
    """Scores of every (query, candidate of its block) pair, queries in order, flattened.

    All pairs of all blocks go through one `rapidfuzz.process.cpdist` call per form, so
    the cost does not grow with the number of (small) blocks.
    """
    sizes = np.fromiter((len(b.codes) for b in blocks), dtype=np.int64, count=len(blocks))
    forms = [ocr_forms(t) for t in texts]
    parts = []
    for k in range(3):
        q = np.repeat(np.array([f[k] for f in forms], dtype=object), sizes)
        c = np.concatenate([b.forms_array[k] for b in blocks])
        parts.append(cpdist(q.tolist(), c.tolist(), scorer=fuzz.ratio, dtype=np.float32))
    return combine_scores(*parts)


def _score_pending(names: list[_Name], blocks: list[_Block]) -> list[_Result]:
    """Judge names that no spelling resolved, each against its own block, in one batch."""
    sizes = np.fromiter((len(b.codes) for b in blocks), dtype=np.int64, count=len(blocks))
    scores = _pair_scores([n.short for n in names], blocks)
    prefixed = [i for i, n in enumerate(names) if n.full != n.short]
    if prefixed:  # "Phường 1": the prefix may be part of the name; keep the better score
        ends = np.cumsum(sizes)
        starts = ends - sizes
        where = np.concatenate([np.arange(starts[i], ends[i]) for i in prefixed])
        full = _pair_scores([names[i].full for i in prefixed], [blocks[i] for i in prefixed])
        scores[where] = np.maximum(scores[where], full)
    qidx = np.repeat(np.arange(len(names)), sizes)
    # by query, best first; ties keep unit order (scores lie in 0..100)
    order = np.argsort(qidx * 1000.0 - scores, kind="stable")
    starts = np.cumsum(sizes) - sizes
    local = order - np.repeat(starts, sizes)  # candidate position within its block
    ranked = scores[order]
    # The decision of `_judge`, vectorised: best score, and how many of the five best are
    # within MARGIN of it; only unmatched and tied names need their candidate lists.
    best = ranked[starts]
    rank = np.arange(len(order)) - np.repeat(starts, sizes)
    near = (rank < 5) & (ranked >= np.repeat(best - MARGIN, sizes))
    n_near = np.add.reduceat(near.astype(np.int64), starts)
    first = local[starts].tolist()
    out = []
    for i, (block, b, k) in enumerate(zip(blocks, best.tolist(), n_near.tolist(), strict=True)):
        if b >= ACCEPT and k == 1:
            j = first[i]
            out.append(_Result("fuzzy", block.codes[j], block.names[j], round(b, 2)))
        else:
            start, top = starts[i], min(5, int(sizes[i]))
            out.append(_judge(local[start : start + top], ranked[start : start + top], block))
    return out


def _resolve_jobs(
    vintage: str, kind: str, jobs: dict[tuple[str, ...], set[str]], level: str
) -> dict[tuple[tuple[str, ...], str], _Result]:
    """Resolve every (parents, text) job of one level; spelling hits first, then scores."""
    out: dict[tuple[tuple[str, ...], str], _Result] = {}
    pending: list[tuple[tuple[str, ...], str]] = []
    names: list[_Name] = []
    blocks: list[_Block] = []
    for parents, texts in jobs.items():
        block = _block(vintage, kind, parents)
        if block is None:
            continue
        for t in sorted(x for x in texts if x):
            n = _parse_name(t, level)
            r = None if _needs_scores(n, block) else _resolve_exact(n, block)
            if r is None:
                pending.append((parents, t))
                names.append(n)
                blocks.append(block)
            else:
                out[(parents, t)] = r
    if pending:
        out.update(zip(pending, _score_pending(names, blocks), strict=True))
    return out


def match_units(
    df: pd.DataFrame,
    vintage: str = "legacy",
    province_col: str = "province",
    district_col: str | None = "district",
    commune_col: str = "commune",
) -> pd.DataFrame:
    """Attach commune codes of ``vintage`` to every row of ``df``; rows and order are kept.

    Args:
        df: Input rows; needs ``commune_col`` and ``province_col``. ``district_col`` is used
            when present and the vintage has districts (not ``2025``).
        vintage: ``legacy``, ``2025`` or ``pre2023`` (see `gazetteer`).
        province_col: Column with the province name.
        district_col: Column with the district name (optional).
        commune_col: Column with the commune/ward name.

    Returns:
        A copy of ``df`` with `OUTPUT_COLUMNS` added (``ward_code`` is the commune code).
        When a province or district is ambiguous, the next level is searched under every
        tied candidate, so "Ha Giang" + a district settles Hà Giang vs Hậu Giang.

    Raises:
        MatchInputError: a required column is missing.
    """
    for col in (commune_col, province_col):
        if col not in df.columns:
            raise MatchInputError(f"input has no column {col!r} (columns: {list(df.columns)})")
    idx = _index(vintage)
    use_district = bool(district_col) and district_col in df.columns and idx.has_districts
    provs = _keys(df[province_col])
    dists = _keys(df[district_col]) if use_district else [""] * len(df)
    comms = _keys(df[commune_col])

    distinct = sorted(set(provs) - {""})
    parsed = [_parse_name(p, "province") for p in distinct]
    prov_of = dict(zip(distinct, _resolve_many(parsed, idx.provinces), strict=True))

    # Districts: one lookup per (province candidates, district text).
    want: dict[tuple[str, ...], set[str]] = {}
    for p, d in zip(provs, dists, strict=True):
        pr = prov_of.get(p)
        if pr is not None and pr.parents and d:
            want.setdefault(pr.parents, set()).add(d)
    dist_of = _resolve_jobs(vintage, "districts", want, "district")

    # Communes: grouped by candidate block.
    jobs: dict[str, dict[tuple[str, ...], set[str]]] = {"communes_d": {}, "communes_p": {}}
    plan = []
    for p, d, c in zip(provs, dists, comms, strict=True):
        pr = prov_of.get(p, _Result("unmatched"))
        dr = dist_of.get((pr.parents, d)) if d and pr.parents else None
        if dr is not None and dr.parents:
            block_key = ("communes_d", dr.parents)
        elif pr.parents:
            block_key = ("communes_p", pr.parents)
        else:
            block_key = None
        if block_key and c:
            jobs[block_key[0]].setdefault(block_key[1], set()).add(c)
        plan.append((pr, dr, block_key, c))
    comm_of = {
        kind: _resolve_jobs(vintage, kind, by_parents, "commune")
        for kind, by_parents in jobs.items()
    }

    rows = [
        _combine(pr, dr, comm_of[bk[0]].get((bk[1], c)) if bk else None) for pr, dr, bk, c in plan
    ]
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(OUTPUT_COLUMNS) - 1)
    out = df.copy()
    out["admin_vintage"] = vintage
    for col, values in zip(OUTPUT_COLUMNS[1:], columns, strict=True):
        out[col] = pd.Series(
            values, index=df.index, dtype="float64" if col == "match_score" else "object"
        )
    return out


def _combine(pr: _Result, dr: _Result | None, cr: _Result | None) -> tuple:
    if not pr.parents:  # province unresolved: report it, do not guess the commune
        return (None, None, pr.score, "unmatched", pr.candidates)
    if cr is None:
        return (None, None, 0.0, "unmatched", "")
    if cr.code is None:
        return (None, None, cr.score, cr.status, cr.candidates)
    levels = [r for r in (pr, dr, cr) if r is not None]
    exact = all(r.status == "exact" for r in levels)
    score = min(r.score for r in levels)
    return (cr.code, cr.name, score, "exact" if exact else "fuzzy", "")


# ---------------------------------------------------------------------------- CLI


def read_table(path: Path, required: tuple[str, ...] = ("province", "commune")) -> pd.DataFrame:
    """Read a CSV (UTF-8, BOM allowed) as text columns; errors name the file and column."""
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise MatchInputError(f"{path}: cannot read as CSV ({e})") from e
    for col in required:
        if col not in df.columns:
            raise MatchInputError(f"{path}: no column {col!r} (columns: {', '.join(df.columns)})")
    return df


def summarize(matched: pd.DataFrame) -> str:
    """One line: rows in and the count per status."""
    counts = Counter(matched["match_status"])
    parts = ", ".join(f"{s} {counts.get(s, 0)}" for s in STATUSES)
    return f"rows in: {len(matched)}; {parts}"


def run_match(args: argparse.Namespace) -> int:
    """``ntm match``: exit 0 when written, 1 on an input error."""
    try:
        df = read_table(args.input)
        out = match_units(df, vintage=args.vintage)
    except MatchInputError as e:
        print(f"ntm match: error: {e}", file=sys.stderr)
        return 1
    except gazetteer.GazetteerUnavailable as e:
        print(f"ntm match: error: {e}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(args.output, index=False, encoding="utf-8-sig")
    print(summarize(out))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ntm match`` to the command line."""
    p = subparsers.add_parser(
        "match",
        help="attach gazetteer codes to a CSV of place names",
        description=(
            "Read INPUT.csv with columns province, commune and optionally district; write every "
            "row, in order, with ward_code, matched_name, match_score, match_status "
            "(exact|fuzzy|ambiguous|unmatched) and match_candidates."
        ),
    )
    p.add_argument("input", type=Path, metavar="INPUT.csv")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTPUT.csv")
    p.add_argument("--vintage", choices=["legacy", "2025", "pre2023"], default="legacy")
    p.set_defaults(func=run_match)
