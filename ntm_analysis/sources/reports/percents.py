"""Percentages of a named indicator (``percent``), keyed by measure.

The measure is named before the figure ("Tỷ lệ hộ nghèo còn 3,15%") or right after it ("đạt
93,2% dân số tham gia bảo hiểm y tế"); "trong đó khu vực nông thôn 4,1%" refines the measure
before. A rate with no known measure, "tỷ lệ <tên> đạt N%", is keyed by its folded name at a
lower confidence. Shares of units ("chiếm 80%" after a count) are read by `counts` first.

>>> def pcts(text):
...     return [(f.measure, f.value, f.qualifier, f.confidence)
...             for f in read_percents(SentenceView.example(text))]
>>> pcts("Tỷ lệ hộ nghèo còn 3,15%, trong đó khu vực nông thôn 4,1%.")
[('poverty_rate', 3.15, 'exact', 0.9), ('rural_poverty_rate', 4.1, 'exact', 0.9)]
>>> pcts("Ty 1é hé ngheo con 3,15%; tham gia bao hiém y té dat trén 93,2%.")
[('poverty_rate', 3.15, 'exact', 0.9), ('health_insurance_coverage', 93.2, 'more_than', 0.9)]
>>> pcts("Đến năm 2025 có 50% số xã đạt chuẩn NTM; hiện nay tỷ lệ này đạt 45,3%.")
[]
>>> pcts("Tỷ lệ hộ dùng khí sinh học đạt 12%.")
[('ho_dung_khi_sinh_hoc', 12, 'exact', 0.6)]
"""

from __future__ import annotations

import dataclasses as dc
import re

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import number, qualifier
from ntm_analysis.sources.reports.facts import Fact, Percent, area_fields
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.sentence_view import SentenceView

UNIT_AFTER_REACH = 10  # "80% xã …": a unit word right after the figure makes it a share of units
RATE_NAME_WORDS = 6  # "tỷ lệ <name> đạt": a name of up to six words
RATE_KEY_LENGTH = 48  # the key made of such a name is cut to this many characters


def _then(first: str, second: str, reach: int, stops: str = ";") -> str:
    """``first``, then ``second`` within ``reach`` characters of the same clause."""
    return rf"(?:{first})[^{stops}]{{0,{reach}}}(?:{second})"


PERCENT_MEASURES: list[tuple[str, str]] = [
    ("health_insurance_coverage", rf"{W('bảo hiểm y tế')}|bhyt"),
    (
        "rural_poverty_rate",
        _then(
            rf"{W('hộ nghèo')}|{W('nghèo đa chiều')}",
            # "khu vực nông thôn", its "nông" damaged by OCR ("khu vuc n6cg thon")
            rf"{W('khu vực')}\W{{1,2}}(?:{T.RURAL}|\S{{3,5}}\s{{1,2}}{W('thôn')})",
            25,
            ";%",
        ),
    ),
    ("poverty_rate", rf"{W('hộ nghèo')}|{W('nghèo đa chiều')}|h[o0]\W{{1,2}}ngh\S{{1,3}}o\b"),
    ("near_poverty_rate", rf"{W('hộ cận nghèo')}"),
    ("clean_water_households", rf"{W('nước sạch')}|{W('nước hợp vệ sinh')}"),
    ("schools_national_standard", _then(W("trường"), W("chuẩn quốc gia"), 30)),
    ("trained_labour_certified", rf"{W('bằng cấp')}|{W('chứng chỉ')}"),
    ("trained_labour", _then(W("lao động"), W("đào tạo"), 30)),
    ("disbursement_rate", rf"{W('giải ngân')}"),
    ("waste_collected", rf"{W('rác thải')}|{W('chất thải')}"),
    ("electricity_households", _then(W("hộ"), W("điện"), 40)),  # "hộ … nông thôn … sử dụng điện"
    ("solid_housing", rf"{W('nhà ở')}|{W('nhà tạm')}"),
    ("paved_roads", rf"{W('cứng hóa')}|{W('bê tông')}"),
    ("satisfaction", rf"{W('hài lòng')}"),
    ("forest_cover", rf"{W('che phủ rừng')}|{W('độ che phủ')}"),
    ("works_completed", _then(W("công trình"), W("hoàn thành"), 25)),
    ("construction_progress", rf"{W('thi công')}|{W('khối lượng')}|{W('tiến độ')}"),
]
_MEASURES = [(name, re.compile(rx)) for name, rx in PERCENT_MEASURES]
_RATE_NAME = re.compile(
    rf"(?:{W('tỷ lệ')}|{W('tỉ lệ')})\W{{1,3}}(?P<name>(?:[a-z]+\s){{1,{RATE_NAME_WORDS}}}?)"
    rf"(?:(?:{W('ước')}\s)?{T.DAT}|{W('là')}|{W('còn')}|{W('giảm còn')}|{W('tăng lên')}"
    rf"|{T.CHIEM}|{W('ở mức')})?\W{{0,3}}$"
)
# "tỷ lệ này/đó": the share stated before in the sentence, not a measure named "này"
_THIS_RATE = re.compile(
    rf"(?:{W('tỷ lệ')}|{W('tỉ lệ')})\W{{1,3}}(?:{W('này')}|{W('đó')}|{W('trên')})\W"
)
_UNIT_NAMED = re.compile(rf"{T.XA}|{T.DISTRICT}|{T.THON}")
_UNIT_AFTER = re.compile(rf"{T.XA}|{T.DISTRICT}")
_FIGURE = re.compile(rf"(?<![\d.,]){T.PCT}")
_OF_WHICH = re.compile(W("trong đó"))
_RURAL = re.compile(T.RURAL)
_WORD_AFTER = re.compile(r"\s[a-z]")
# "giảm 1,5% so với năm 2022", "tăng 0,6%": a change, not a level
_CHANGE_BEFORE = re.compile(
    rf"(?:{W('tăng')}|{W('giảm')}|{W('tăng thêm')}|{W('giảm thêm')})\W{{0,3}}"
    rf"(?:(?:{W('bình quân')}|{W('trung bình')}|{W('mỗi năm')}|{W('hằng năm')}|{W('hàng năm')}"
    rf"|{W('khoảng')}|{W('gần')}|{W('hơn')}|{W('trên')})\W{{1,3}}){{0,2}}$"
)  # "giảm bình quân 1,2%/năm": a yearly change
# "giảm từ 3,1% năm 2021 xuống còn 1,2%": the level before the change, dated by its own year
OWN_YEAR_REACH = 24  # "4,7% vào cuối năm 2022": the figure's own year right after it
CHANGE_REACH = 36  # "giảm bình quân khoảng " before the figure
_FROM_BEFORE = re.compile(rf"{W('từ')}\W{{0,3}}$")
_DOWN_TO = re.compile(rf"(?:{W('xuống')}|{W('lên')})(?:\W{{1,3}}{W('còn')})?\W{{0,3}}$")
# "4,7% năm 2021", "4,7% (năm 2021)", "4,7% vào đầu năm 2022", "1,9% cuối năm 2024"
# a clause that states only a year before its figure ("năm 2023 là", "cuối năm 2024 còn")
_YEAR_ONLY = re.compile(
    rf"\W*(?:(?:{W('đến')}|{W('đầu')}|{W('cuối')}|{W('hết')})\s{{1,2}})?{T.YEAR}\W{{0,3}}"
    rf"(?:(?:{W('là')}|{T.DAT}|{W('còn')}|{W('giảm còn')}|{W('tăng lên')})\W{{0,3}})?$"
)
_OWN_YEAR_AFTER = re.compile(
    rf"^\s{{0,2}}(?:\(\s?)?(?:{W('vào')}\s{{1,2}})?"
    rf"(?:(?:{W('đầu')}|{W('cuối')}|{W('giữa')}|{W('hết')})\s{{1,2}})?{T.YEAR}"
)
# where a figure's clause starts: ";", ":", "(" or a comma that is no decimal comma ("4,7%")
_CLAUSE_MARK = re.compile(r"[;:(]|,(?!\d)")
# the end of the words after a figure: a clause mark or the next figure
_AFTER_END = re.compile(r"[;(]|[,.](?!\d)|\d+(?:,\d+)?\s?%")


def measure_of(text: str) -> str | None:
    """The measure a folded phrase names, or None.

    >>> measure_of("ty le ho ngheo"), measure_of("do che phu rung"), measure_of("so xa")
    ('poverty_rate', 'forest_cover', None)
    """
    return next((name for name, rx in _MEASURES if rx.search(text)), None)


def rate_name(before: str) -> str | None:
    """A snake_case key for "tỷ lệ <name> đạt N%" when the name is not a known measure:
    the folded name itself ("tỷ lệ che phủ rừng" → ``che_phu_rung``).

    >>> rate_name("ty le ho dung khi sinh hoc dat ")
    'ho_dung_khi_sinh_hoc'
    """
    m = _RATE_NAME.search(before)
    if not m or _UNIT_NAMED.search(m.group("name")) or _THIS_RATE.match(m.group(0) + " "):
        return None  # a unit's share, or "tỷ lệ này" (this rate): no measure named
    return "_".join(m.group("name").split())[:RATE_KEY_LENGTH] or None


def read_percents(v: SentenceView) -> list[Fact]:
    """Percentages of a named indicator (``percent``)."""
    folded = v.folded
    facts: list[Fact] = []
    last_measure: str | None = None
    for m in _FIGURE.finditer(folded):
        if (m.start("pct"), "pct") in v.used:
            continue
        lead = folded[max(0, m.start() - 16) : m.start()]
        if _CHANGE_BEFORE.search(folded[max(0, m.start() - CHANGE_REACH) : m.start()]):
            continue  # a change, not a level
        year = v.year_near(m.start(), m.end())
        own = _OWN_YEAR_AFTER.match(folded[m.end() : m.end() + OWN_YEAR_REACH])
        if _FROM_BEFORE.search(lead):  # "từ 3,1% năm 2021 xuống …": only with its own year
            if own is None:
                continue
            year = int(own.group("year"))
        elif _DOWN_TO.search(lead) and own is None:  # "… xuống 4,0%": now, not the "từ" year
            year = v.ctx.year
        cut = _AFTER_END.search(folded, m.end())
        after = folded[m.end() : cut.start() if cut else len(folded)]
        start = _clause_from(folded, m.start())
        before = folded[start : m.start()]
        if _THIS_RATE.search(before) and v.shares:  # "hiện nay tỷ lệ này đạt 45,3%"
            facts.append(_share_again(v, m, before, start, year))
            continue
        measure, generic = _measure_at(folded, m.start(), before, after, last_measure)
        if measure is None or _UNIT_AFTER.search(after[:UNIT_AFTER_REACH]):
            continue
        named_after = bool(_WORD_AFTER.match(after))
        facts.append(
            Percent(
                **v.head(
                    start + len(before) - len(before.lstrip()),
                    m.end() + (len(after) if named_after else 0),
                ),
                confidence=0.6 if generic else 0.9,  # a name from the text, not a known key
                measure=measure,
                value=number(m.group("pct")),
                qualifier=qualifier(before),
                year=year,
                as_of=v.as_of(m.start(), m.end()) if own is None else None,
                **area_fields(v.areas.at(m.start())),
            )
        )
        last_measure = measure
        v.used.add((m.start("pct"), "pct"))
    return facts


def _clause_from(folded: str, pos: int) -> int:
    """Where the clause of the figure at ``pos`` starts (after its last clause mark).

    >>> _clause_from("ty le ho ngheo tu 4,7% nam 2022, con 1,9%", 38)
    32
    """
    last = -1
    for mk in _CLAUSE_MARK.finditer(folded, max(0, folded.rfind(";", 0, pos)), pos):
        last = mk.start()
    return last + 1


def _share_again(v: SentenceView, m: re.Match[str], before: str, start: int, year) -> Fact:
    """The share of units stated before in the sentence (its level, tier and area), at the
    value and date of "tỷ lệ này đạt N%"."""
    own = start + len(before) - len(before.lstrip())
    v.used.add((m.start("pct"), "pct"))
    return dc.replace(
        v.shares[-1],
        **v.head(own, m.end()),
        count=None,
        total=None,
        pct=number(m.group("pct")),
        pct_qualifier=None,
        year=year,
        as_of=v.as_of(m.start(), m.end()),
    )


def _measure_at(
    folded: str, pos: int, before: str, after: str, last: str | None
) -> tuple[str | None, bool]:
    """The measure of the figure at ``pos`` and whether it is a generic rate name: named
    right after it, in its own words before, in its clause, as the rural part of the measure
    before ("trong đó khu vực nông thôn …"), or as "tỷ lệ <name>"."""
    measure = measure_of(after) if _WORD_AFTER.match(after) else None
    measure = measure or measure_of(before)
    of_which = _OF_WHICH.search(before)
    if measure is None and not of_which:
        wide_from = max(folded.rfind(c, 0, pos) for c in ";:(") + 1
        measure = measure_of(folded[wide_from:pos])
        if measure is None and folded[wide_from - 1 : wide_from] == ":":
            # "Kết quả giải ngân …: tổng số 41,3 tỷ đồng, đạt 95,2%": the label names it
            measure = measure_of(folded[max(folded.rfind(c, 0, wide_from) for c in ";(") + 1 : pos])
    if measure is None and of_which and last and _RURAL.search(before):
        measure = f"rural_{last}"
    if measure is None and last and _YEAR_ONLY.match(before):
        measure = last  # "… năm 2022 là 0,9%; năm 2023 là 0,4%": the same measure, by year
    if measure is None:
        measure = rate_name(before)
        return measure, measure is not None
    return measure, False
