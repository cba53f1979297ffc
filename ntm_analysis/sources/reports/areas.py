"""The places a sentence names (provinces, cities, districts), for giving each figure its area.

"Huyện Chi Lăng có 10/20 xã …, huyện Văn Quan có 8/23 xã …": each count takes the place named
last before it (or inside its own clause). A place word that names a budget level or the body
that recognises ("ngân sách tỉnh", "được UBND tỉnh công nhận") is not the figure's place.
"""

from __future__ import annotations

import re

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import blank_parens
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.names import (
    Unit,
    capture_name,
    resolve_commune,
    resolve_district,
    resolve_province,
    strip_prefix,
    subject_provinces,
)
from ntm_analysis.sources.reports.sentences import Sentence

_PLACE_WORD = re.compile(
    rf"(?P<province>{T.PROVINCE})|(?P<city>{T.CITY})|(?P<district>{T.HUYEN}"
    rf"|{T.spelled('unit_types', 'thi_xa', 'quan')})|(?P<commune>{T.XA})"
)
# A word right before the place word that makes it a budget level or the recognising body.
NOT_A_PLACE_REACH = 18
_NOT_A_PLACE = re.compile(
    rf"(?:{W('ngân sách')}|{W('cấp')}|{W('vốn')}|{W('ubnd')}|{W('được')}"
    rf"|{W('ủy ban nhân dân')}|{W('uỷ ban nhân dân')})\W{{1,2}}$"
)
# "huyện Quảng Trạch (cũ)": a unit of before the 2025 mergers; the mark spans a few characters
OLD_MARK_REACH = 8
_OLD_MARK = re.compile(r"\s*\(\s*c[u\W]\s*\)")
_RANK = {"country": -1, "province": 0, "district": 1, "commune": 2, "village": 3}
# A place named as the subject: the whole country ("cả nước có …", "bình quân cả nước đạt …";
# not "đứng thứ hai cả nước về …"), a province without its type word ("Nghệ An hiện có …").
SUBJECT_VERB = re.compile(rf"\s{{1,2}}{T.SUBJECT_VERB}")
_COUNTRY_SUBJECT = re.compile(rf"{T.WHOLE_COUNTRY}(?=\s{{1,2}}{T.SUBJECT_VERB})")
COUNTRY = Unit("Việt Nam", None, "country", "", 100.0)


def _spelled_as(unit: Unit | None, name: str) -> bool:
    """Whether a resolved unit is the one written, not one OCR-similar to it."""
    return unit is not None and fold(unit.name) == fold(strip_prefix(name))


class Areas:
    """Places named in one sentence, in order, for assigning an area to each fact.

    >>> from ntm_analysis.sources.reports.sentence_view import SentenceView
    >>> v = SentenceView.example("Huyện Chi Lăng có 10/20 xã, huyện Văn Quan có 8/23 xã.")
    >>> [(p, u.name, u.code) for p, u in v.areas.items]
    [(0, 'Chi Lăng', '187'), (28, 'Văn Quan', '184')]
    """

    def __init__(self, s: Sentence, ctx: Context, bare: str | None = None) -> None:
        self.items: list[tuple[int, Unit]] = []
        self.ctx = ctx
        self.folded = s.folded
        self.text = s.text
        for m in _PLACE_WORD.finditer(blank_parens(s.folded) if bare is None else bare):
            lead = s.folded[max(0, m.start() - NOT_A_PLACE_REACH) : m.start()]
            if _NOT_A_PLACE.search(lead):
                continue  # "ngân sách tỉnh", "được UBND tỉnh công nhận": not the fact's place
            cap = capture_name(s.text, m.end())
            unit = self._unit(m, cap[0] if cap else None)
            if unit is None:
                continue
            end = cap[1] if cap else m.end()
            if _OLD_MARK.match(s.folded[end : end + OLD_MARK_REACH]):
                unit = Unit(f"{unit.name} (cũ)", unit.code, unit.level, "legacy", unit.score)
            self.items.append((m.start(), unit))
        self._subjects(s, bare if bare is not None else blank_parens(s.folded))

    def _subjects(self, s: Sentence, bare: str) -> None:
        """Places named as a subject without a type word: the country, a province."""
        found = [(m.start(), COUNTRY) for m in _COUNTRY_SUBJECT.finditer(bare)]
        found += subject_provinces(s.text, bare, SUBJECT_VERB, self.ctx.vintage)
        if found:
            self.items = sorted([*self.items, *found], key=lambda x: x[0])

    def _unit(self, m: re.Match[str], name: str | None) -> Unit | None:
        """The unit a place word and the name after it stand for ("tỉnh" alone: the document's
        province; "thành phố" alone: the province when it is a city)."""
        ctx = self.ctx
        province_code = ctx.province.code if ctx.province else None
        if name is None:
            if m.group("province") and ctx.province:
                return ctx.province
            if m.group("city") and ctx.province and ctx.province_is_city:
                return ctx.province
            return None
        if m.group("commune"):  # "của xã Mai Pha": resolved when a figure asks (`at`)
            return Unit(name, None, "commune", ctx.vintage, 0.0)
        if m.group("province") or m.group("city"):
            unit = resolve_province(name, ctx.vintage) or resolve_province(name)
            if m.group("city") and not _spelled_as(unit, name):
                # "thành phố Phổ Yên": a district-level city of the province spelled exactly
                # beats a province that only resembles it (Phú Yên)
                district = resolve_district(name, province_code)
                if district is not None and (unit is None or _spelled_as(district, name)):
                    unit = district
            return unit
        kind = self.text[m.start() : m.end()]  # "thị xã Kỳ Anh", not "huyện Kỳ Anh"
        return resolve_district(name, province_code, kind=kind)

    def at(self, pos: int, unit_level: str | None = None, window_end: int | None = None) -> Unit:
        """The area for a fact at ``pos``: the last place named before it (or in its window).

        A count of districts cannot sit in a district, nor communes in a commune.
        """
        ok = (lambda u: _RANK[u.level] < _RANK[unit_level]) if unit_level else (lambda u: True)
        if window_end:  # a place after the figure counts within the figure's own clause only
            cuts = [i for i in (self.folded.find(c, pos) for c in ",;") if i >= 0]
            window_end = min([window_end, *cuts])
        inside = [u for p, u in self.items if pos <= p < (window_end or pos) and ok(u)]
        if inside:
            return self._resolved(inside[0])
        before = [u for p, u in self.items if p < pos and ok(u)]
        if before:
            return self._resolved(before[-1])
        district = self.ctx.district
        if district is not None and ok(district):
            return district
        return self.ctx.province  # type: ignore[return-value]

    def _resolved(self, unit: Unit) -> Unit:
        """A commune named in the sentence, looked up when a figure is found to be its."""
        if unit.level != "commune" or unit.code is not None:
            return unit
        ctx = self.ctx
        province = ctx.province.name if ctx.province else None
        district = ctx.district.name if ctx.district else None
        found = resolve_commune(unit.name, province, district, ctx.vintage)
        if found is None:  # not in the gazetteer: the province's figure, as before
            return ctx.district or ctx.province  # type: ignore[return-value]
        return found

    def drop(self, starts: set[int]) -> None:
        """Forget the places named at ``starts`` (districts that are a sentence's subject)."""
        self.items = [(p, u) for p, u in self.items if p not in starts]
