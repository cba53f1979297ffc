"""Match written place names (OCR-damaged, with or without diacritics) to gazetteer codes.

Owns `match_units` (a DataFrame in, the same rows with codes out): the candidate blocks, the
scores and the decisions. Units come from `gazetteer`; the forms of a written name from
`name_forms`; string comparison from `textnorm`. ``ntm match`` is in `match_command`.

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

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ntm_analysis.lexicon.textnorm import combine_scores, fold, ocr_forms
from ntm_analysis.places import gazetteer
from ntm_analysis.places.name_forms import Name, casefold_key, distinct_texts, parse_names

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


class MatchInputError(ValueError):
    """The input table cannot be matched (missing column, unreadable file)."""


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
        for key in {casefold_key(a), casefold_key(b)}:
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


def _resolve_exact(name: Name, block: _Block) -> _Result | None:
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


def _resolve_many(names: list[Name], block: _Block) -> list[_Result]:
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


def _needs_scores(n: Name, block: _Block) -> bool:
    """True when no spelling (exact, or diacritic-free for a bare name) hits the block."""
    ex, fd = block.exact, block.folded
    return not (
        n.exact_keys[0] in ex
        or n.exact_keys[1] in ex
        or (n.bare and (n.fold_keys[0] in fd or n.fold_keys[1] in fd))
    )


def _flat_scores(names: list[Name], blocks: list[_Block]) -> tuple[list[int], np.ndarray]:
    """Scores of every name against every candidate of its block, flattened.

    Names are taken block by block (``order`` gives their positions in ``names``) so that
    each block needs one `rapidfuzz.process.cdist` call per form: cdist prepares each
    query once for all of the block's candidates, several times faster than scoring the
    same pairs one by one. A prefixed name ("Phường 1") also scores in full, since the
    prefix may be part of the name; the better score counts.
    """
    groups: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        groups.setdefault(id(b), []).append(i)
    order: list[int] = []
    parts: tuple[list[np.ndarray], ...] = ([], [], [])
    full_parts: tuple[list[np.ndarray], ...] = ([], [], [])
    where: list[np.ndarray] = []
    offset = 0
    for members in groups.values():
        block = blocks[members[0]]
        group = [names[i] for i in members]
        n_cand = len(block.codes)
        for k in range(3):
            q = [n.short_forms[k] for n in group]
            parts[k].append(_cdist(q, block.forms_short[k]).ravel())
        prefixed = [j for j, n in enumerate(group) if n.short != n.full]
        if prefixed:
            for k in range(3):
                q = [group[j].forms[k] for j in prefixed]
                full_parts[k].append(_cdist(q, block.forms_short[k]).ravel())
            rows = offset + np.asarray(prefixed, dtype=np.int64) * n_cand
            where.append((rows[:, None] + np.arange(n_cand)).ravel())
        order.extend(members)
        offset += len(members) * n_cand
    scores = combine_scores(*(np.concatenate(p) for p in parts))
    if where:
        at = np.concatenate(where)
        full = combine_scores(*(np.concatenate(p) for p in full_parts))
        scores[at] = np.maximum(scores[at], full)
    return order, scores


def _cdist(queries: list[str], choices: list[str]) -> np.ndarray:
    return cdist(queries, choices, scorer=fuzz.ratio, dtype=np.float32)


def _score_pending(names: list[Name], blocks: list[_Block]) -> list[_Result]:
    """Judge names that no spelling resolved, each against its own block, in one batch."""
    order, scores = _flat_scores(names, blocks)
    results = _judge_flat([blocks[i] for i in order], scores)
    out: list[_Result] = [None] * len(names)  # type: ignore[list-item]
    for i, r in zip(order, results, strict=True):
        out[i] = r
    return out


def _judge_flat(blocks: list[_Block], scores: np.ndarray) -> list[_Result]:
    """`_judge` for many names at once: ``scores`` holds each name's candidates in turn."""
    sizes = np.fromiter((len(b.codes) for b in blocks), dtype=np.int64, count=len(blocks))
    qidx = np.repeat(np.arange(len(blocks)), sizes)
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
    names: list[Name] = []
    blocks: list[_Block] = []
    work = []
    for parents, texts in jobs.items():
        block = _block(vintage, kind, parents)
        if block is not None:
            work.extend((parents, block, t) for t in sorted(x for x in texts if x))
    parsed = parse_names([t for _, _, t in work], level)
    for (parents, block, t), n in zip(work, parsed, strict=True):
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
    with _gc_paused():
        columns = _match_columns(
            idx,
            distinct_texts(df[province_col]),
            distinct_texts(df[district_col])
            if use_district
            else (np.zeros(len(df), np.int64), [""]),
            distinct_texts(df[commune_col]),
        )
    out = df.copy()
    out["admin_vintage"] = vintage
    for col, values in zip(OUTPUT_COLUMNS[1:], columns, strict=True):
        out[col] = pd.Series(values, index=df.index, dtype=values.dtype)
    return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: matching allocates many small acyclic objects,
    and collections scanning the name caches cost about a quarter of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _match_columns(
    idx: _Index,
    provinces: tuple[np.ndarray, list[str]],
    districts: tuple[np.ndarray, list[str]],
    communes: tuple[np.ndarray, list[str]],
) -> list[np.ndarray]:
    """The output columns after ``admin_vintage``, one array per column, rows in order.

    Each level is resolved once per distinct (candidate block, text): provinces among all
    provinces, districts under their province's candidates, communes under their district's
    (or, without a district, their province's) candidates.
    """
    vintage = idx.vintage
    (p_row, p_text), (d_row, d_text), (c_row, c_text) = provinces, districts, communes
    unmatched = _Result("unmatched")
    wanted = sorted({t for t in p_text if t})
    got = dict(
        zip(
            wanted,
            _resolve_many(parse_names(wanted, "province"), idx.provinces),
            strict=True,
        )
    )
    prov = [got.get(t, unmatched) for t in p_text]

    # Districts: one lookup per distinct (province candidates, district text).
    pairs, pair_row = np.unique(p_row * len(d_text) + d_row, return_inverse=True)
    pair_p, pair_d = np.divmod(pairs, len(d_text))
    want: dict[tuple[str, ...], set[str]] = {}
    for p, d in zip(pair_p.tolist(), pair_d.tolist(), strict=True):
        if d_text[d] and prov[p].parents:
            want.setdefault(prov[p].parents, set()).add(d_text[d])
    dist_of = _resolve_jobs(vintage, "districts", want, "district")

    # Commune blocks: each distinct (province, district) pair gets its block's number.
    block_keys: dict[tuple[str, tuple[str, ...]], int] = {}
    pair_levels, pair_block = [], []
    for p, d in zip(pair_p.tolist(), pair_d.tolist(), strict=True):
        pr = prov[p]
        dr = dist_of.get((pr.parents, d_text[d])) if d_text[d] and pr.parents else None
        if dr is not None and dr.parents:
            key = ("communes_d", dr.parents)
        elif pr.parents:
            key = ("communes_p", pr.parents)
        else:
            key = None
        pair_levels.append((pr, dr))
        pair_block.append(-1 if key is None else block_keys.setdefault(key, len(block_keys)))
    blocks = list(block_keys)

    # Communes: one lookup per distinct (block, commune text).
    triples, row_triple = np.unique(pair_row * len(c_text) + c_row, return_inverse=True)
    t_pair, t_comm = np.divmod(triples, len(c_text))
    t_block = np.asarray(pair_block, dtype=np.int64)[t_pair]
    jobs: dict[str, dict[tuple[str, ...], set[str]]] = {"communes_d": {}, "communes_p": {}}
    for b, c in zip(t_block.tolist(), t_comm.tolist(), strict=True):
        if b >= 0 and c_text[c]:
            kind, parents = blocks[b]
            jobs[kind].setdefault(parents, set()).add(c_text[c])
    comm_of = {kind: _resolve_jobs(vintage, kind, by, "commune") for kind, by in jobs.items()}

    rows = _combine(
        pair_levels, t_pair.tolist(), t_block.tolist(), t_comm.tolist(), blocks, comm_of, c_text
    )
    per_triple = list(zip(*rows, strict=True)) if rows else [()] * (len(OUTPUT_COLUMNS) - 1)
    return [
        np.asarray(values, dtype="float64" if col == "match_score" else object)[row_triple]
        for col, values in zip(OUTPUT_COLUMNS[1:], per_triple, strict=True)
    ]


def _combine(
    pair_levels: list[tuple[_Result, _Result | None]],
    t_pair: list[int],
    t_block: list[int],
    t_comm: list[int],
    blocks: list[tuple[str, tuple[str, ...]]],
    comm_of: dict[str, dict[tuple[tuple[str, ...], str], _Result]],
    c_text: list[str],
) -> list[tuple]:
    """One output tuple per distinct (province, district, commune): a commune is ``exact``
    only when every level is, and its score is the lowest of its levels' scores."""
    heads = []  # per (province, district) pair: a finished row, or (all exact, min score)
    for pr, dr in pair_levels:
        if not pr.parents:  # province unresolved: report it, do not guess the commune
            heads.append((None, None, pr.score, "unmatched", pr.candidates))
        else:
            levels = (pr,) if dr is None else (pr, dr)
            heads.append((all(r.status == "exact" for r in levels), min(r.score for r in levels)))
    found = [(comm_of[kind], parents) for kind, parents in blocks]
    no_commune = (None, None, 0.0, "unmatched", "")
    rows = []
    for pair, b, c in zip(t_pair, t_block, t_comm, strict=True):
        head = heads[pair]
        if len(head) == 5:
            rows.append(head)
            continue
        cr = found[b][0].get((found[b][1], c_text[c])) if b >= 0 else None
        if cr is None:
            rows.append(no_commune)
        elif cr.code is None:
            rows.append((None, None, cr.score, cr.status, cr.candidates))
        else:
            exact = head[0] and cr.status == "exact"
            score = min(head[1], cr.score)
            rows.append((cr.code, cr.name, score, "exact" if exact else "fuzzy", ""))
    return rows
