"""Communes per band of criteria met (``criteria_band_count``), in every form reports print.

A band is a range of criteria ("từ 15 đến 18 tiêu chí", "15-18 tiêu chí", "10 ÷ 14", "dưới
10 tiêu chí", "trên 15", "từ 15 tiêu chí trở lên", "19 tiêu chí"); its count of communes is
printed before it ("06 xã đạt 15-18 tiêu chí"), after it as a label's value ("Số xã đạt 15-18
tiêu chí: 29 xã", "… có 14 xã", "… là 165 xã"), or as none ("không còn xã dưới 15 tiêu chí",
"Số xã dưới 8 tiêu chí: Không có"). The communes of a band may be listed right after it,
in brackets or after "gồm". A band open above ends at the set's size, 19 for both 2021–2025
commune sets.

>>> def bands(text):
...     return [(f.count, f.min_met, f.max_met) for f in read_bands(SentenceView.example(text))]
>>> bands("Có 05 xã đạt từ 15 đến 18 tiêu chí; 03 xã đạt dưới 15 tiêu chí.")
[(5, 15, 18), (3, 0, 14)]
>>> bands("Số xã đạt 19 tiêu chí: 33 xã; số xã dưới 10 tiêu chí: không có.")
[(33, 19, 19), (0, 0, 9)]
>>> bands("Số xã đạt từ 10 tiêu chí trở lên là 160 xã; không còn xã dưới 5 tiêu chí.")
[(160, 10, 19), (0, 0, 4)]
>>> bands("Có một xã đạt 19/19 tiêu chí (xã Hòa An), hai xã đạt 18 tiêu chí.")
[(1, 19, 19), (2, 18, 18)]
"""

from __future__ import annotations

import re

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import NUMBER_WORD, word_number
from ntm_analysis.sources.reports.facts import CriteriaBandCount, Fact, area_fields
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.lists import read_list
from ntm_analysis.sources.reports.sentence_view import SentenceView

SET_SIZE = 19  # criteria of the 2021–2025 commune sets, basic and advanced alike
LABEL_REACH = 14  # "đạt 15-18 tiêu chí (NTM): 06 xã": words between the band and its value
NAMES_REACH = 14  # the band's communes may be listed this far after it

# "từ 15 đến 18 tiêu chí", "15-18 tiêu chí", "từ 15 tiêu chí đến 18 tiêu chí"
_BAND = re.compile(
    rf"(?:(?P<below>{W('dưới')})|(?P<above>{W('trên')})|{W('từ')})?\W{{0,3}}"
    rf"(?<![\d/.,])(?P<lo>\d{{1,2}})(?:(?:\s{{1,2}}{T.TIEU_CHI})?"
    rf"\s?(?:[-–÷]|{W('đến')}|{W('tới')})\s?(?P<hi>\d{{1,2}}))?"
    rf"(?:\s?/\s?(?P<of>\d{{1,2}}))?\s{{0,2}}{T.TIEU_CHI}"
    rf"(?:\W{{1,3}}(?P<up>{W('trở lên')}))?"
)
_ZERO = rf"{W('không')}\W{{1,3}}(?:{W('còn')}|{W('có')})"
# the count before the band: "06 xã (đều) đạt", "không còn xã"
_COUNT_BEFORE = re.compile(
    rf"(?:(?<![\w/.,])(?P<n>\d{{1,3}})|(?P<w>{NUMBER_WORD})|(?P<zero>{_ZERO}))\s{{1,2}}{T.XA}"
    rf"(?:\s{{1,2}}{W('nào')})?(?:[\s,]{{1,3}}(?:{W('đều')}|{W('cùng')}))?(?:[\s,]{{1,3}}{T.DAT})?[\s,]{{0,3}}$"
)
# the band as a label: "(Số) xã đạt …", "nhóm xã …"
_LABEL_BEFORE = re.compile(rf"{T.XA}(?:\W{{1,3}}{T.DAT})?\W{{0,3}}$")
_VALUE_AFTER = re.compile(
    rf"[^:;.]{{0,{LABEL_REACH}}}?(?::|{W('có')}|{W('là')}|{W('gồm')})\W{{0,3}}"
    rf"(?:(?P<n>\d{{1,3}})\s{{1,2}}{T.XA}|(?P<zero>{W('không có')}|{W('không')})(?![a-z]))"
)


_NAMES_BRACKET = re.compile(rf"\s*\(\s*(?:(?:{W('gồm')}|{W('là')})\W{{1,3}})?(?:{W('các')}\s+)?")
_CLOSE = re.compile(r"\s*\)")
# "… 18 tiêu chí là Bình An và Bình Khương;": names without their unit word, closing the clause
_NAMES_AFTER = re.compile(rf"\W{{1,3}}(?:{W('gồm')}|{W('là')})\W{{1,3}}(?:{W('các')}\s+)?")
_CLAUSE_END = re.compile(r"\s*(?:[;.]|$)")


def read_bands(v: SentenceView) -> list[Fact]:
    """``criteria_band_count`` facts: communes per band of criteria met."""
    folded = v.folded
    facts: list[Fact] = []
    if not v.names_criteria:
        return facts
    for m in _BAND.finditer(folded):
        found = _count_of(folded, m)
        if found is None:
            continue
        count, at, end = found
        if (at, "count") in v.used:
            continue
        v.used.add((at, "count"))
        lo, hi = _bounds(m)
        start, stop = min(at, m.start()), max(end, m.end())
        names, codes_end = _members(v, stop)
        within = v.areas.at(start, "commune")
        facts.append(
            CriteriaBandCount(
                **v.head(start, max(stop, codes_end), False),
                count=count,
                min_met=lo,
                max_met=hi,
                of=int(m.group("of")) if m.group("of") else None,
                communes=tuple(names),
                year=v.year_near(start, stop),
                as_of=v.as_of(start, stop),
                **area_fields(within),
                within=within,
            )
        )
    return facts


# a table row's label that is a band alone: "Đạt 15 - 18 tiêu chí", "Dưới 10 tiêu chí"
_BAND_CELL = re.compile(rf"\W*(?:{T.DAT}\W{{1,3}})?(?:{_BAND.pattern})\W*")


def band_of(folded_cell: str) -> tuple[int, int] | None:
    """The least and most criteria met of a band a whole (folded) cell states, or None.

    >>> band_of("dat 15 - 18 tieu chi"), band_of("duoi 10 tieu chi"), band_of("ha noi")
    ((15, 18), (0, 9), None)
    """
    m = _BAND_CELL.fullmatch(folded_cell)
    return _bounds(m) if m else None


def _bounds(m: re.Match[str]) -> tuple[int, int]:
    """The band's least and most criteria met."""
    lo = int(m.group("lo"))
    top = int(m.group("of")) if m.group("of") else SET_SIZE
    if m.group("below"):  # "dưới 15": 0 to 14
        return 0, lo - 1
    if m.group("above"):  # "trên 15": 16 to the set's size
        return lo + 1, top
    if m.group("up"):  # "từ 15 tiêu chí trở lên"
        return lo, top
    return lo, int(m.group("hi") or lo)


def _count_of(folded: str, m: re.Match[str]) -> tuple[int, int, int] | None:
    """The band's count of communes, where it stands and where the band's words end."""
    before = _COUNT_BEFORE.search(folded[max(0, m.start() - 40) : m.start()])
    if before:
        at = max(0, m.start() - 40) + before.start()
        if before.group("zero"):
            return 0, at, m.end()
        n = before.group("n")
        return (int(n) if n else word_number(before.group("w")) or 0), at, m.end()
    if not _LABEL_BEFORE.search(folded[max(0, m.start() - 20) : m.start()]):
        return None
    after = _VALUE_AFTER.match(folded, m.end())
    if after is None:
        return None
    if after.group("zero"):
        return 0, m.start(), after.end()
    return int(after.group("n")), after.start("n"), after.end()


def _members(v: SentenceView, end: int) -> tuple[list[str], int]:
    """The communes listed right after a band ("(xã A, B, C)", ", gồm: A, B (huyện C)")."""
    for nl in v.lists("commune"):
        if end <= nl.start <= end + NAMES_REACH:
            return nl.names, nl.end
    bracket = _NAMES_BRACKET.match(v.folded, end)
    if bracket:
        nl = read_list(v.text, v.folded, bracket.end())
        close = _CLOSE.match(v.folded, nl.end) if nl else None
        if nl and close:
            return nl.names, close.end()
    after = _NAMES_AFTER.match(v.folded, end)
    if after:
        nl = read_list(v.text, v.folded, after.end())
        if nl and _CLAUSE_END.match(v.folded, nl.end):
            return nl.names, nl.end
    return [], end
