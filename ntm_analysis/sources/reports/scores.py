"""Scores against the criteria: ``avg_criteria``, ``criteria_band_count``, ``criteria_count``.

An average ("bình quân đạt 16,8 tiêu chí/xã"), communes per band of criteria met ("06 xã đạt
15-18 tiêu chí", "đạt 19 tiêu chí: 33 xã"), one unit's score ("Xã Gio Hải đạt 17/19 tiêu
chí NTM"). Scores state a current assessment: inside a plan section they are still not
targets unless their own sentence says so.

>>> def scores(text):
...     return [(f.kind, getattr(f, "value", None) or getattr(f, "met", None) or f.count)
...             for f in read_scores(SentenceView.example(text))]
>>> scores("Bình quân toàn tỉnh đạt 16,8 tiêu chí/xã; có 06 xã đạt từ 15-18 tiêu chí.")
[('avg_criteria', 16.8), ('criteria_band_count', 6)]
>>> scores("Binh quan toan tinh dat 16,8 tiéu chi/x4; c6 06 xa dat tir 15-18 tiéu chi.")
[('avg_criteria', 16.8), ('criteria_band_count', 6)]
>>> [(f.commune, f.met, f.of, f.criteria_set) for f in read_scores(
...     SentenceView.example("Xã Gio Hải đạt 17/19 tiêu chí xã NTM nâng cao."))]
[('Gio Hải', 17, 19, 'commune_advanced')]
"""

from __future__ import annotations

import re

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import clause_start, is_rural_thon, number
from ntm_analysis.sources.reports.facts import (
    CRITERIA_SETS,
    OUTPUT_SET,
    AverageCriteria,
    CriteriaBandCount,
    CriteriaCount,
    Fact,
    area_fields,
)
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.names import capture_name, names_after
from ntm_analysis.sources.reports.sentence_view import SentenceView

# Reaches, in characters of the sentence.
BAND_LABEL_REACH = 12  # "đạt 15-18 tiêu chí (NTM): 06 xã": words between the band and ":"
NOT_MET_BEFORE = 30  # "chưa đạt … 17/19 tiêu chí": the negation this far before the score
NOT_MET_AFTER = 6  # or overlapping its first characters
SET_REACH = 45  # "đạt 17/19 tiêu chí xã NTM nâng cao": the set named after the score
SET_TIER_REACH = 12  # "nâng cao"/"kiểu mẫu" right after "NTM"

# "Bình quân (toàn tỉnh, các xã còn lại) đạt 16,4 tiêu chí": up to nine words in between.
_AVG = re.compile(
    rf"{T.BINH_QUAN}\W{{1,3}}(?:[a-z]+\W{{1,3}}){{0,9}}?(?:{T.DAT}\W{{1,3}})?(?P<v>{T.NUM})"
    rf"\s{{0,2}}{T.TIEU_CHI}"
)
_RANGE = (
    rf"(?:(?P<below>{W('dưới')})\W{{1,3}})?(?:{W('từ')}\W{{1,3}})?(?P<lo>\d{{1,2}})"
    rf"(?:(?:\s?[-–]\s?|\s(?:{W('đến')}|{W('tới')})\s)(?P<hi>\d{{1,2}}))?"
)
# label first: "(Số) xã đạt 15-18 tiêu chí: 06 xã", "đạt từ 10-14 tiêu chí: 30 xã"
_BAND_LABEL_FIRST = re.compile(
    rf"(?:{T.XA}\W{{1,3}})?(?<![a-z]){T.DAT}\W{{1,3}}{_RANGE}"
    rf"(?:\s?/\s?(?P<of>\d{{1,2}}))?\s{{1,2}}{T.TIEU_CHI}[^:;]{{0,{BAND_LABEL_REACH}}}?[:\s]"
    rf"\W{{0,3}}(?P<n>\d{{1,3}})\s{{1,2}}{T.XA}"
)
# count first: "06 xã đạt (từ) 15-18 tiêu chí", "03 xã đạt dưới 15 tiêu chí"
_BAND_COUNT_FIRST = re.compile(
    rf"(?<![\w/])(?P<n>\d{{1,3}})\s{{1,2}}{T.XA}[\s,]{{1,3}}{T.DAT}\W{{1,3}}{_RANGE}"
    rf"\s{{1,2}}{T.TIEU_CHI}"
)
_BAND_NAMES = re.compile(rf"\s*\(\s*(?:(?:{W('gồm')}|{W('là')})\W{{1,3}})?(?:{T.XA}\s+)?")
_MET = re.compile(
    rf"(?P<verb>{T.DAT}|{T.HOAN_THANH})\W{{1,3}}(?P<met>\d{{1,2}})\s?/\s?(?P<of>\d{{1,2}})"
    rf"\s{{0,2}}{T.TIEU_CHI}"
)
_NOT_MET = re.compile(T.NOT_MET)
_XA = re.compile(T.XA)
_THON = re.compile(T.THON)
_SET_NAMED = re.compile(rf"\W{{0,3}}(?:{T.XA}\W{{1,3}})?(?:{W('đạt chuẩn')}\W{{1,3}})?{T.NTM}")
_NOT_COMMUNE_SET = re.compile(rf"\W{{0,3}}(?:{T.THON}|{T.DISTRICT})")
_MODEL_AFTER = re.compile(rf"\W{{1,3}}{T.MODEL}")
_ADVANCED_AFTER = re.compile(rf"\W{{1,3}}{T.ADVANCED}")


def read_scores(v: SentenceView) -> list[Fact]:
    """``avg_criteria``, ``criteria_band_count`` and ``criteria_count`` facts."""
    return [*_averages(v), *_bands(v), *_unit_scores(v)]


def _averages(v: SentenceView) -> list[Fact]:
    return [
        AverageCriteria(
            **v.head(m.start(), m.end(), v.target_at(m.start(), inherit=False)),
            value=number(m.group("v")),
            year=v.year_near(m.start(), m.end()),
            **area_fields(v.areas.at(m.start(), "commune")),
        )
        for m in _AVG.finditer(v.folded)
    ]


def _bands(v: SentenceView) -> list[Fact]:
    """Communes per band; the communes of a band may be listed in brackets after it."""
    folded, facts = v.folded, []
    taken: set[int] = set()
    for rx in (_BAND_LABEL_FIRST, _BAND_COUNT_FIRST):
        for m in rx.finditer(folded):
            if m.start("n") in taken:
                continue
            taken.add(m.start("n"))
            lo, hi = int(m.group("lo")), int(m.group("hi") or m.group("lo"))
            if m.group("below"):  # "dưới 15 tiêu chí": 0 to 14
                lo, hi = 0, lo - 1
            end = m.end()
            names: list[str] = []
            par = _BAND_NAMES.match(folded[end:])
            if par:
                close = folded.find(")", end)
                names, _ = names_after(v.text, folded, end + par.end(), T.XA)
                end = close + 1 if close > 0 else end
            within = v.areas.at(m.start(), "commune")
            facts.append(
                CriteriaBandCount(
                    **v.head(m.start(), end, False),
                    count=int(m.group("n")),
                    min_met=lo,
                    max_met=hi,
                    of=int(m.group("of")) if m.groupdict().get("of") else None,
                    communes=tuple(names),
                    year=v.year_near(m.start(), m.end()),
                    **area_fields(within),
                    within=within,
                )
            )
    return facts


def _unit_scores(v: SentenceView) -> list[Fact]:
    """ "Xã A đạt 17/19 tiêu chí": the commune named in the clause before (else the section's),
    or the villages the clause names ("Các thôn còn lại đạt 15/19 tiêu chí")."""
    folded, facts = v.folded, []
    for m in _MET.finditer(folded):
        if _NOT_MET.search(folded[max(0, m.start() - NOT_MET_BEFORE) : m.start() + NOT_MET_AFTER]):
            continue
        lead_at = clause_start(folded, m.start())
        before = folded[lead_at : m.start()]
        commune = None
        xm = list(_XA.finditer(before))
        if xm:
            cap = capture_name(v.text, lead_at + xm[-1].end())
            commune = cap[0] if cap else None
        scope = None
        if commune is None and _THON.search(before) and not is_rural_thon(before, len(before)):
            scope = v.text[lead_at : m.start()].strip(" -:;,") or None
        elif commune is None:
            commune = v.ctx.commune
        criteria_set = set_named_after(folded[m.end() : m.end() + SET_REACH])
        facts.append(
            CriteriaCount(
                **v.head(m.start(), m.end(), v.target_at(m.start(), inherit=False)),
                commune=commune,
                met=int(m.group("met")),
                of=int(m.group("of")),
                criteria_set=OUTPUT_SET[criteria_set] if criteria_set else None,
                scope=scope,
                unit_level="village" if scope else None,
                year=v.year_near(m.start(), m.end()),
                within=v.areas.at(m.start(), "commune"),
            )
        )
    return facts


def set_named_after(folded_after: str) -> str | None:
    """The commune set a score names right after it: "… tiêu chí (xã) NTM (nâng cao)".

    >>> set_named_after(" tieu chi xa ntm nang cao"[10:]), set_named_after(" ntm")
    ('commune_advanced_2021_2025', 'commune_ntm_2021_2025')
    >>> set_named_after(" huyen ntm") is None
    True
    """
    m = _SET_NAMED.match(folded_after)
    if not m or _NOT_COMMUNE_SET.match(folded_after):
        return None
    rest = folded_after[m.end() : m.end() + SET_TIER_REACH]
    if _MODEL_AFTER.match(rest):
        return None  # model communes meet the advanced set plus conditions: no set of their own
    return CRITERIA_SETS[1] if _ADVANCED_AFTER.match(rest) else CRITERIA_SETS[0]
