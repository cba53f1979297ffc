"""One document from lines to finished facts: sentences, context, readers, names.

Each sentence is read by every reader in turn (`read_sentence`); a table row by `tablerows`.
After all sentences are read, commune names are corrected in one batch per district
(`names.resolve_communes`), criteria counts borrow the criteria set their commune's criteria
list settled on, and each fact becomes its output record (`facts.Fact.record`).
"""

from __future__ import annotations

import dataclasses as dc
import gc
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places.gazetteer import available_vintages
from ntm_analysis.sources.reports.bands import read_bands
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.counts import read_counts
from ntm_analysis.sources.reports.dates import stated
from ntm_analysis.sources.reports.facts import (
    OUTPUT_SET,
    CriteriaBandCount,
    CriteriaCount,
    CriteriaStatus,
    Fact,
    RecognisedDistrict,
    RecognisedVillage,
    TierCount,
)
from ntm_analysis.sources.reports.header import HEADER_LINES, read_header
from ntm_analysis.sources.reports.incomes import read_incomes
from ntm_analysis.sources.reports.money import read_funding
from ntm_analysis.sources.reports.names import Unit, resolve_communes, resolve_district, title_name
from ntm_analysis.sources.reports.percents import read_percents
from ntm_analysis.sources.reports.reading import Line, iter_lines
from ntm_analysis.sources.reports.recognitions import read_named
from ntm_analysis.sources.reports.scores import read_scores
from ntm_analysis.sources.reports.sentence_view import SentenceView
from ntm_analysis.sources.reports.sentences import Sentence, iter_sentences
from ntm_analysis.sources.reports.statuses import criterion_name, read_statuses
from ntm_analysis.sources.reports.tablerows import cells, read_row
from ntm_analysis.sources.reports.targets import sentence_target

# Sentences read before the context is set up: the header, the title and the first district
# names (a commune's plan may name only its district) lie within them.
HEAD_SENTENCES = 80


def read_sentence(s: Sentence, ctx: Context) -> list[Fact]:
    """All facts of one sentence, in reading order (a table row: see `tablerows`).

    >>> v = SentenceView.example("Năm 2023 có thêm 2 xã đạt chuẩn NTM, tỷ lệ hộ nghèo còn 2,1%.")
    >>> [f.kind for f in read_sentence(v.s, v.ctx)]
    ['recognised_count', 'percent']
    """
    if cells(s.text) is not None:
        found = read_row(s, ctx)
        if found is not None:
            return found
        # a row of a table the row reader does not know ("| Ngân sách tỉnh | 42,3 tỷ đồng |"):
        # read it as text
    else:
        ctx.table = None
        ctx.prev_text = s.text
    v = SentenceView.of(s, ctx)
    facts = read_named(v)
    districts = {f.start for f in facts if isinstance(f, RecognisedDistrict)}
    if districts:
        v.areas.drop(districts)
    facts += read_bands(v)  # before counts: "12 xã đạt 15-18 tiêu chí nâng cao" is no stock
    facts += read_counts(v)
    facts += read_scores(v)
    facts += read_statuses(v)
    facts += read_incomes(v)
    facts += read_funding(v)
    v.shares = [f for f in facts if isinstance(f, TierCount) and f.pct is not None]
    facts += read_percents(v)
    facts.sort(key=lambda f: f.start)
    own = sentence_target(s)
    if own is not None:
        ctx.para_target = (s.block, own)
    elif ctx.para_target is not None and ctx.para_target[0] != s.block:
        ctx.para_target = None
    return facts


@dataclass
class Report:
    """One document read: its facts (names resolved, in reading order) and its province."""

    facts: list[Fact]
    province: str | None


def read_report(lines: Iterable[Line], keep_sentences: bool = False) -> Report:
    """Read one document's numbered lines. Lines are consumed one at a time; the context is
    set up from the first `HEAD_SENTENCES`. A fact the document states again in the same
    words is kept once as it is read (memory stays bounded by what the document says, not by
    how often); with ``keep_sentences`` each fact keeps the sentence it was read from."""
    # What is alive now lives for the process (the gazetteer, the lexicons, compiled patterns
    # and name caches loaded by the documents read before): the cyclic collector need not
    # scan it again and again while this document is read (a tenth of the time of a short one)
    gc.freeze()
    sentences = iter_sentences(lines)
    head = list(islice(sentences, HEAD_SENTENCES))
    ctx = Context(head)
    facts: list[Fact] = []
    headlines: list[tuple[Fact, bool]] = []  # a title's facts, and whether it states a date
    seen: set[tuple] = set()
    for s in chain(head, sentences):
        ctx.enter(s)
        found = read_sentence(s, ctx)
        ctx.note(s, found)
        if found and is_headline(s):
            headlines += [(_kept(f, s, keep_sentences), bool(stated(s.text))) for f in found]
            continue
        for f in found:
            key = _key(f)
            if key in seen:
                continue
            seen.add(key)
            facts.append(_kept(f, s, keep_sentences))
    resolved = _resolve_names([f for f, _ in headlines] + facts, ctx)
    n = len(headlines)
    titles = [(f, dated) for f, (_, dated) in zip(resolved[:n], headlines)]
    facts = _fill_criteria_sets(_restated(titles, resolved[n:]))
    return Report(facts, ctx.province.name if ctx.province else None)


def _kept(f: Fact, s: Sentence, keep_sentences: bool) -> Fact:
    return dc.replace(f, sentence=s.as_printed) if keep_sentences else f


# A title stands alone in the document's first lines, without a sentence's closing mark.
HEADLINE_LINES = 3
_CLOSING = (".", "!", "?", "…", ":", ";")


def is_headline(s: Sentence) -> bool:
    """Whether a sentence is the document's title (a headline): in its first lines, alone,
    no heading, bullet or table row, and not closed like a sentence."""
    return (
        s.lines[0] <= HEADLINE_LINES
        and s.heading is None
        and not s.bullet
        and cells(s.text) is None
        and not s.text.rstrip(' *_"”').endswith(_CLOSING)
    )


# What the body may add to a fact its title states: the date (when the title gives none),
# the decision, the share and the total.
_COMPLETED = ("year", "as_of", "decision", "pct", "pct_qualifier", "total")


def _restates(body: Fact, title: Fact, title_dated: bool) -> bool:
    """Whether ``body`` states ``title``'s fact again (no field of theirs disagrees)."""
    if type(body) is not type(title):
        return False
    for f in dc.fields(title):
        if f.name in _POSITION or f.metadata.get("output") == "never":
            continue
        a, b = getattr(title, f.name), getattr(body, f.name)
        if f.name in _COMPLETED:
            if (f.name != "year" or title_dated) and None not in (a, b) and a != b:
                return False
        elif a != b:
            return False
    return True


def _restated(titles: list[tuple[Fact, bool]], body: list[Fact]) -> list[Fact]:
    """The facts with each title fact the body states again written once, where the body
    states it, completed with what the title adds ("Tính tới tháng 7/2024, …": the as_of of
    a flow whose decision the body prints); a title fact the body does not state is kept."""
    out = list(body)
    kept: list[Fact] = []
    for f, dated in titles:
        i = next((i for i, b in enumerate(out) if _restates(b, f, dated)), None)
        if i is None:
            kept.append(f)
            continue
        fill = {k: getattr(f, k, None) for k in _COMPLETED if getattr(out[i], k, 0) is None}
        out[i] = dc.replace(out[i], **{k: v for k, v in fill.items() if v is not None})
    return kept + out


_POSITION = {"line", "page", "text", "confidence", "start", "sentence"}


def _key(f: Fact) -> tuple:
    """What a fact states, without where it was printed."""
    return (type(f), *(getattr(f, x.name) for x in dc.fields(f) if x.name not in _POSITION))


def read_document(lines: Iterable[Line]) -> list[Fact]:
    """The facts of one document's numbered lines, names resolved, in reading order."""
    return read_report(lines).facts


def extract_lines(
    lines: Iterable[Line], source: str, context: bool = False
) -> list[dict[str, Any]]:
    """Facts from the numbered lines of one document as output records (``source`` names it);
    with ``context``, each record also holds the ``sentence`` it was read from and the
    document's province (``doc_province``) and its own description (``doc_source``: type,
    number, date, issuer and title from its first lines, `header.read_header`), for review.

    >>> extract_lines([Line(1, "Tỷ lệ hộ nghèo còn 3,15%.")], "r.txt")[0]["measure"]
    'poverty_rate'
    """
    lines = list(lines)
    report = read_report(lines, keep_sentences=context)
    about = dc.asdict(read_header([x.text for x in lines[:HEADER_LINES]])) if context else {}
    extra = (
        (lambda f: {"sentence": f.sentence, "doc_province": report.province, "doc_source": about})
        if context
        else (lambda f: {})
    )
    return without_repeats({**f.record(source), **extra(f)} for f in report.facts)


# What tells two facts apart: everything but where and how they were printed.
_WHERE = (
    "source", "line", "page", "text", "confidence", "sentence", "doc_province", "doc_source",
)  # fmt: skip


def without_repeats(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with a fact the document states again later left out (a summary repeating
    a recognition, a plan restated in its tasks): the first statement is kept, with its line.

    >>> r = {"source": "r", "line": 1, "kind": "percent", "value": 3}
    >>> [x["line"] for x in without_repeats([r, {**r, "line": 9}, {**r, "value": 4}])]
    [1, 1]
    """
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = tuple((k, repr(v)) for k, v in r.items() if k not in _WHERE)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def extract_file(path: str | Path, context: bool = False) -> list[dict[str, Any]]:
    """Facts from one report file (raises `reading.ReadError` when it cannot be read); see
    `extract_lines` for ``context``."""
    return extract_lines(iter_lines(path), str(path), context)


# ---------------------------------------------------------------------------- names


def _resolve_names(facts: list[Fact], ctx: Context) -> list[Fact]:
    """Facts with their place names corrected against the gazetteer: communes in one batch
    per district (retried province-wide), districts one by one, villages as written."""
    province = ctx.province.name if ctx.province else None
    out = list(facts)
    jobs: dict[str | None, list[tuple[int, str, int | None]]] = defaultdict(list)
    for i, f in enumerate(out):
        within: Unit | None = getattr(f, "within", None)
        dname = within.name if within is not None and within.level == "district" else None
        if isinstance(f, CriteriaBandCount):
            for j, name in enumerate(f.communes):
                jobs[dname].append((i, name, j))
        elif getattr(f, "commune", None):
            jobs[dname].append((i, f.commune, None))  # type: ignore[attr-defined]
        elif isinstance(f, RecognisedDistrict) and not f.resolved:
            unit = resolve_district(f.district, ctx.province.code if ctx.province else None)
            out[i] = _corrected(f, "district", f.district, unit)
        elif isinstance(f, RecognisedVillage):
            out[i] = dc.replace(f, village=title_name(f.village), code=None, admin_vintage=None)
    for dname, items in jobs.items():
        units = _communes([n for _, n, _ in items], province, dname, ctx.vintage)
        for (i, name, j), unit in zip(items, units):
            f = out[i]
            if isinstance(f, CriteriaBandCount) and j is not None:
                out[i] = _band_member(f, j, name, unit)
            else:
                out[i] = _corrected(f, "commune", name, unit)
    return out


def _communes(
    names: list[str], province: str | None, district: str | None, vintage: str
) -> list[Unit | None]:
    """Communes by name in their district, the misses retried province-wide. A document of
    before the 2023–2025 commune rearrangement may name a commune merged or moved since
    (Quỳnh Lương, 2024): a commune its district does not hold is looked up among that
    district's communes of before it (``pre2023``) before the whole province."""
    vintages = [vintage]
    if vintage == "legacy" and "pre2023" in available_vintages():
        vintages.append("pre2023")
    units: list[Unit | None] = [None] * len(names)
    for d in dict.fromkeys([district, None]):
        for v in vintages:
            missing = [k for k, u in enumerate(units) if u is None]
            if not missing:
                return units
            found = resolve_communes([names[k] for k in missing], province, d, v)
            for k, u in zip(missing, found):
                units[k] = u
    return units


def _corrected(f: Fact, key: str, raw: str, unit: Unit | None) -> Fact:
    """``f`` with its ``key`` name corrected to ``unit`` (title-cased as written and at most
    0.6 confidence when unmatched; at most 0.8 for a loose match)."""
    if unit is None:
        return dc.replace(
            f,
            **{key: title_name(raw)},
            code=None,
            admin_vintage=None,
            confidence=round(min(f.confidence, 0.6), 2),
        )
    confidence = round(min(f.confidence, 0.8), 2) if unit.score < 85 else f.confidence
    return dc.replace(
        f, **{key: unit.name}, code=unit.code, admin_vintage=unit.vintage, confidence=confidence
    )


def _band_member(f: CriteriaBandCount, j: int, raw: str, unit: Unit | None) -> CriteriaBandCount:
    """A band's ``j``-th listed commune corrected, with its code; the band's vintage is its
    area's, else its first matched commune's."""
    communes = list(f.communes)
    codes = list(f.commune_codes or (None,) * len(communes))
    communes[j] = unit.name if unit else title_name(raw)
    codes[j] = unit.code if unit else None
    vintage = f.admin_vintage or (unit.vintage if unit else None)
    return dc.replace(
        f, communes=tuple(communes), commune_codes=tuple(codes), admin_vintage=vintage
    )


def _fill_criteria_sets(facts: list[Fact]) -> list[Fact]:
    """A commune's criteria count takes the set its criteria list settled on, and a criteria
    list that does not tell its set takes the set the commune's score names ("đạt 16/19 tiêu
    chí NTM nâng cao"), when the document states one set for the commune."""
    sets: dict[tuple[str, type], set[str]] = defaultdict(set)
    for f in facts:
        if isinstance(f, (CriteriaStatus, CriteriaCount)) and f.commune and f.criteria_set:
            sets[(fold(f.commune), type(f))].add(f.criteria_set)
    other = {CriteriaCount: CriteriaStatus, CriteriaStatus: CriteriaCount}
    out = []
    for f in facts:
        if isinstance(f, (CriteriaStatus, CriteriaCount)) and f.commune and not f.criteria_set:
            found = sets.get((fold(f.commune), other[type(f)]), set())
            if len(found) == 1:
                f = _with_set(f, next(iter(found)))
        out.append(f)
    return out


def _with_set(f: CriteriaStatus | CriteriaCount, criteria_set: str) -> Fact:
    """``f`` in ``criteria_set`` (a numbered criterion takes the set's name for its number)."""
    if isinstance(f, CriteriaStatus) and f.criterion_no is not None:
        full = {v: k for k, v in OUTPUT_SET.items()}[criteria_set]
        name = criterion_name(full, f.criterion_no, f.criterion_name)
        return dc.replace(f, criteria_set=criteria_set, criterion_name=name)
    return dc.replace(f, criteria_set=criteria_set)
