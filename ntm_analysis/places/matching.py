"""Match written place names (OCR-damaged, with or without diacritics) to gazetteer codes.

Owns `match_units` (a DataFrame in, the same rows with codes out): the scores and the
decisions. The units compared come from `candidates`; the forms of a written name from
`name_forms`; the check of a fuzzy match against OCR damage from `ocr_edits`; string
comparison from `textnorm`. ``ntm match`` is in `match_command`.

How a row is matched: the province is resolved among all provinces of the vintage, then
the district (legacy/pre2023, when given) among that province's districts, then the commune
among the communes of that block. At each level a name is compared in full ("Xã Đồng Ý")
and without its type prefix ("Đồng Ý"), so prefixes are optional and may be damaged;
a written prefix settles units that share a short name ("Xã Tân Thành", "Thị trấn Tân
Thạnh"). A name without diacritics in its own words ("Xa Gia Phuong", "Xã Gia Phuong")
stands for every unit it folds to, and is that unit when it folds to one only.

Statuses:

* ``exact``: at every level the name equals exactly one candidate, with its diacritics, or
  written without diacritics when no other candidate folds to the same letters and none is
  within `candidates.EXACT_GUARD` similarity (else a damaged spelling could hide behind
  it), with the unit's own type prefix if it has one.
* ``fuzzy``: the best candidate by `textnorm.ocr_similarity` scores at least `ACCEPT`,
  leads the next unit by at least `MARGIN` points, and differs from the name only where
  OCR is known to misread, unless the name is visibly damaged (`ocr_edits`).
* ``ambiguous``: several units are equally good (same folded name, or within `MARGIN`);
  they are listed in ``match_candidates`` as ``code:name|code:name`` and none is chosen.
* ``unmatched``: nothing is close enough, or the name is refused: a cell a spreadsheet
  would run as a formula ("=Chiêu Vũ"), a total or heading row ("Tổng cộng", "Toàn
  huyện"), a unit of another level ("Huyện Bắc Sơn" among communes). The nearest names are
  listed for review.

``match_note`` says why a row is not matched, or which level was not found (a district
not found: the commune is looked for in the whole province).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ntm_analysis.lexicon.textnorm import combine_scores, fold, strip_diacritics
from ntm_analysis.places import candidates, ocr_edits
from ntm_analysis.places.candidates import Block, Index
from ntm_analysis.places.name_forms import (
    Name,
    Spelling,
    aggregate_reason,
    clear_cache,
    distinct_texts,
    foreign_type,
    leading_words,
    parse_names,
    spell_names,
)
from ntm_analysis.places.ocr_edits import looks_damaged, unexplained_edits

ACCEPT = 72.0
MARGIN = 4.0
UNEXPLAINED = (
    "the nearest units differ from the name in letters that OCR is not known to change; "
    "none is chosen (see match_candidates)"
)
STATUSES = ("exact", "fuzzy", "ambiguous", "unmatched")
OUTPUT_COLUMNS = [
    "admin_vintage",
    "ward_code",
    "matched_name",
    "match_score",
    "match_status",
    "match_candidates",
    "match_note",
]


class MatchInputError(ValueError):
    """The input table cannot be matched (missing column, unreadable file)."""


def prepare(vintage: str = "legacy") -> int:
    """Build now, not on first use, what matching reads once per process: every candidate
    block of ``vintage`` (`candidates.prepare`) and the OCR knowledge (`ocr_edits.prepare`).
    Returns the number of blocks built."""
    blocks = candidates.prepare(vintage)
    ocr_edits.prepare()
    return blocks


def clear_caches() -> None:
    """Forget every name read so far (the gazetteer blocks stay): benchmarks time cold runs."""
    clear_cache()
    ocr_edits.clear_caches()


# ---------------------------------------------------------------------------- one level


class _Result:
    """The outcome of matching one name at one level."""

    __slots__ = ("candidates", "code", "codes", "name", "note", "parents", "score", "status")

    def __init__(
        self,
        status: str,
        code: str | None = None,
        name: str | None = None,
        score: float = 0.0,
        candidates: str = "",
        codes: tuple[str, ...] = (),
        note: str = "",
    ) -> None:
        self.status, self.code, self.name = status, code, name
        self.score, self.candidates = score, candidates
        self.codes = codes  # the ambiguous candidates' codes
        self.note = note  # why a name was refused (a formula, a total, a heading)
        # codes to search under at the next level: the match, or every tied candidate
        self.parents = (code,) if code is not None else codes if status == "ambiguous" else ()


def _fmt(block: Block, idx: list[int] | np.ndarray) -> str:
    return "|".join(f"{block.codes[i]}:{block.names[i]}" for i in idx)


def _tie(block: Block, idx: list[int] | np.ndarray, score: float) -> _Result:
    return _Result(
        "ambiguous",
        score=round(score, 2),
        candidates=_fmt(block, idx),
        codes=tuple(block.codes[i] for i in idx),
    )


def _resolve_exact(name: Spelling, block: Block) -> _Result | None:
    """Exact spelling (diacritics included), or diacritic-free spelling of one unit.

    The full name is tried before the short one, exactly and then folded, so a written type
    prefix settles a pair such as "Xã Tân Thành" and "Thị trấn Tân Thạnh" (or "Thi tran
    Thanh An" and "Xã Thạnh An"). A name typed without any diacritics
    stands for every unit it folds to ("Sa Pa": Sa Pa or Sa Pả); one whose own words lack
    them while the prefix has them ("Xã Gia Phuong") is read the same way.
    """
    exact, folded, bare = block.exact, block.folded, name.bare
    for k in (0, 1):
        # a short-name hit for a name written with a type prefix: the unit has another type
        other_type = k == 1 and name.short != name.full
        hits = exact.get(name.exact_keys[k])
        if hits:
            rivals = folded.get(name.fold_keys[k], ()) if bare else hits
            return _decide(block, hits, rivals, bare, other_type)
        # without diacritics in the name's own words, the folded letters are the spelling;
        # with other diacritics than a unit's they are OCR-like: the scores decide
        hits = folded.get(name.fold_keys[k]) if name.plain else None
        if hits:
            return _decide(block, hits, hits, True, other_type)
    return None


def _decide(
    block: Block,
    hits: tuple[int, ...],
    rivals: tuple[int, ...],
    unsure: bool,
    differs: bool = False,
) -> _Result:
    """One unit, or a tie when the spelling fits several ("Sa Pa" could be "Sa Pa" or "Sa
    Pả"). An ``unsure`` spelling (without diacritics) of a unit with a near neighbour, or one
    that ``differs`` from the unit's (its type prefix), is fuzzy, not exact. A unit whose own
    name has no diacritics ("Quang Trung") loses none when written so: exact."""
    if len(hits) > 1 or len(rivals) > 1:
        return _tie(block, sorted(set(hits) | set(rivals)), 100.0)
    i = hits[0]
    unsure = unsure and strip_diacritics(block.shorts[i]) != block.shorts[i]
    if differs or (unsure and block.confusable[i]):
        return _Result("fuzzy", block.codes[i], block.names[i], 100.0)
    return _Result("exact", block.codes[i], block.names[i], 100.0)


def _resolve(work: list[tuple[Block, str]], level: str) -> list[_Result]:
    """Resolve (candidate block, written name) pairs of one level, in order.

    Cheapest first: a formula is refused; a name whose spelling (exact, or diacritic-free,
    with or without its type prefix) hits the block is settled without OCR forms. The others
    are parsed in full (damaged prefixes, OCR forms); totals and headings are refused, and
    the rest are scored against their blocks in one batch.
    """
    texts = [t for _, t in work]
    out: list[_Result | None] = [_as_written(t, block) for block, t in work]
    todo = [i for i, r in enumerate(out) if r is None]
    for i, sp in zip(todo, spell_names([texts[i] for i in todo], level), strict=True):
        block = work[i][0]
        if sp.refused:
            out[i] = _Result("unmatched", note=sp.refused)
        elif not _needs_scores(sp, block):
            out[i] = _resolve_exact(sp, block)
    todo = [i for i, r in enumerate(out) if r is None]
    leading = leading_words()
    pending: list[int] = []
    names: list[Name] = []
    for i, n in zip(todo, parse_names([texts[i] for i in todo], level), strict=True):
        block = work[i][0]
        r = None if _needs_scores(n, block) else _resolve_exact(n, block)
        if r is None and n.fold_keys[0].partition(" ")[0] in leading:
            r = _refusal(texts[i], level, block)
        out[i] = r
        if out[i] is None:
            pending.append(i)
            names.append(n)
    if pending:
        scored = _score_pending(names, [work[i][0] for i in pending])
        for i, r in zip(pending, scored, strict=True):
            out[i] = r
    return out  # type: ignore[return-value]


def _as_written(text: str, block: Block) -> _Result | None:
    """A name written exactly as a unit's full or short name (case aside), settled without
    parsing: what `_resolve_exact` decides for it, reached faster. ``text`` is normalised."""
    hits = block.exact.get(text.casefold())
    if not hits:
        return None
    bare = text.isascii() or strip_diacritics(text) == text
    return _decide(block, hits, block.folded.get(fold(text), ()) if bare else hits, bare)


def _refusal(text: str, level: str, block: Block) -> _Result | None:
    """Unmatched, with the reason, for a total or heading row ("Tổng cộng", "Toàn huyện")
    and for a name that starts with another level's type ("Huyện Bắc Sơn" among communes)
    unless some candidate starts with that word too ("Bản Máy" is a commune)."""
    reason = aggregate_reason(text, level)
    other = foreign_type(text, level) if reason is None else None
    if other is not None and fold(other[0]) not in block.first_words:
        reason = f"starts with '{other[0]}', a type of {other[1]}: a heading, not a {level}"
    return None if reason is None else _Result("unmatched", note=reason)


def _judge(name: Name, order: np.ndarray, top: np.ndarray, block: Block) -> _Result:
    """Decide from the five best candidates (positions ``order``, scores ``top``)."""
    best = float(top[0])
    if best < ACCEPT:
        return _Result("unmatched", score=round(best, 2), candidates=_fmt(block, order[:3]))
    near = order[top >= best - MARGIN]
    if len(near) > 1:
        return _tie(block, near, best)
    return _fuzzy(name, block, order, best)


def _fuzzy(name: Name, block: Block, order: np.ndarray | list[int], score: float) -> _Result:
    """The best candidate ``order[0]``, unless the name is written in known words and OCR
    does not explain every difference (`ocr_edits`): then unmatched, the nearest listed. A
    clean spelling of another name, such as a commune merged away, is never taken for a
    neighbour."""
    j = order[0]
    if (
        name.short_forms[0] != block.forms_short[0][j]  # more than diacritics differ
        and not looks_damaged(name.full)
        and all(
            unexplained_edits(written, unit)
            # short or full as written, the first word maybe a damaged prefix ("Phuong Lién")
            for written, unit in (
                (name.short, block.shorts[j]),
                (name.full, block.shorts[j]),
                (name.full, block.names[j]),
            )
        )
    ):
        return _Result(
            "unmatched",
            score=round(score, 2),
            candidates=_fmt(block, order[:3]),
            note=UNEXPLAINED,
        )
    return _Result("fuzzy", block.codes[j], block.names[j], round(score, 2))


def _needs_scores(n: Spelling, block: Block) -> bool:
    """True when no spelling (exact, or diacritic-free for a bare name) hits the block."""
    ex, fd = block.exact, block.folded
    return not (
        n.exact_keys[0] in ex
        or n.exact_keys[1] in ex
        or (n.plain and (n.fold_keys[0] in fd or n.fold_keys[1] in fd))
    )


def _flat_scores(names: list[Name], blocks: list[Block]) -> tuple[list[int], np.ndarray]:
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


def _score_pending(names: list[Name], blocks: list[Block]) -> list[_Result]:
    """Judge names that no spelling resolved, each against its own block, in one batch."""
    order, scores = _flat_scores(names, blocks)
    results = _judge_flat([names[i] for i in order], [blocks[i] for i in order], scores)
    out: list[_Result] = [None] * len(names)  # type: ignore[list-item]
    for i, r in zip(order, results, strict=True):
        out[i] = r
    return out


def _judge_flat(names: list[Name], blocks: list[Block], scores: np.ndarray) -> list[_Result]:
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
    out = []
    for i, (block, b, k) in enumerate(zip(blocks, best.tolist(), n_near.tolist(), strict=True)):
        start, top = starts[i], min(5, int(sizes[i]))
        if b >= ACCEPT and k == 1:
            out.append(_fuzzy(names[i], block, local[start : start + top], b))
        else:
            out.append(
                _judge(names[i], local[start : start + top], ranked[start : start + top], block)
            )
    return out


def _resolve_jobs(
    vintage: str, kind: str, jobs: dict[tuple[str, ...], set[str]], level: str
) -> dict[tuple[tuple[str, ...], str], _Result]:
    """Resolve every (parents, text) job of one level (see `_resolve`)."""
    keys: list[tuple[tuple[str, ...], str]] = []
    work: list[tuple[Block, str]] = []
    for parents, texts in jobs.items():
        blk = candidates.block(vintage, kind, parents)
        if blk is not None:
            for t in sorted(x for x in texts if x):
                keys.append((parents, t))
                work.append((blk, t))
    results = _resolve(work, level)
    if kind != "districts":  # a district's own note is written with the commune's
        where = "district" if kind == "communes_d" else "province"
        for r in results:
            if r.code is None and not r.note:
                r.note = _why(r, where)
    return dict(zip(keys, results, strict=True))


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
        A copy of ``df`` with `OUTPUT_COLUMNS` added (``ward_code`` is the commune code;
        ``match_note`` says why a row is not matched, or which level was not found).
        When a province or district is ambiguous, the next level is searched under every
        tied candidate, so "Ha Giang" + a district settles Hà Giang vs Hậu Giang. Time
        grows with the number of distinct names, not of rows.

    Raises:
        MatchInputError: a required column is missing.
    """
    for col in (commune_col, province_col):
        if col not in df.columns:
            raise MatchInputError(f"input has no column {col!r} (columns: {list(df.columns)})")
    idx = candidates.index(vintage)
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
    idx: Index,
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
    got = dict(zip(wanted, _resolve([(idx.provinces, t) for t in wanted], "province")))
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
        pair_levels.append(_head(pr, dr, p_text[p], d_text[d]))
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


def _head(pr: _Result, dr: _Result | None, p_txt: str, d_txt: str) -> tuple:
    """What a (province, district) pair gives its communes: a finished row when the province
    is unresolved (the commune is never guessed), else (all exact, lowest score, note)."""
    if not pr.parents:
        why = pr.note or ("not found; nearest in match_candidates" if p_txt else "")
        note = f"province {p_txt!r}: {why}" if p_txt else "no province name"
        return (None, None, pr.score, "unmatched", pr.candidates, note)
    if dr is None:
        exact, score = pr.status == "exact", pr.score
    else:
        exact = pr.status == "exact" and dr.status == "exact"
        score = pr.score if pr.score < dr.score else dr.score
    note = ""
    if d_txt and (dr is None or not dr.parents):
        why = dr.note if dr is not None and dr.note else "not found"
        note = f"district {d_txt!r}: {why}; the commune was looked for in the whole province"
    return (exact, score, note)


def _joined(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _combine(
    pair_levels: list[tuple],
    t_pair: list[int],
    t_block: list[int],
    t_comm: list[int],
    blocks: list[tuple[str, tuple[str, ...]]],
    comm_of: dict[str, dict[tuple[tuple[str, ...], str], _Result]],
    c_text: list[str],
) -> list[tuple]:
    """One output tuple per distinct (province, district, commune): a commune is ``exact``
    only when every level is, and its score is the lowest of its levels' scores."""
    found = [(comm_of[kind], parents) for kind, parents in blocks]
    rows = []
    for pair, b, c in zip(t_pair, t_block, t_comm, strict=True):
        head = pair_levels[pair]
        if len(head) != 3:  # the province is unresolved
            rows.append(head)
            continue
        table, parents = found[b]
        cr = table.get((parents, c_text[c]))
        if cr is None:
            rows.append((None, None, 0.0, "unmatched", "", _joined(head[2], "no commune name")))
        elif cr.code is None:
            note = _joined(head[2], cr.note) if head[2] else cr.note
            rows.append((None, None, cr.score, cr.status, cr.candidates, note))
        else:
            exact = head[0] and cr.status == "exact"
            score = head[1] if head[1] < cr.score else cr.score
            rows.append((cr.code, cr.name, score, "exact" if exact else "fuzzy", "", head[2]))
    return rows


def _why(r: _Result, where: str) -> str:
    """The note of a name left unresolved among the units of ``where``."""
    if r.status == "ambiguous":
        return "several units fit equally well; none is chosen (see match_candidates)"
    return f"no unit of the {where} is close enough; nearest in match_candidates"
