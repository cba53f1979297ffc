"""Document context while reading a report: province, date, sections, year, area, plan.

A small state machine fed one sentence at a time. Numbered headings open sections (a
deeper heading nests, a same-or-shallower one closes); a section remembers whether it
is a plan (``Kế hoạch``, ``Mục tiêu``, ``Nhiệm vụ`` …) or a results section, its year,
district, commune and tier. Sentence-initial "Năm 2023," sets the year of the section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.dates import stated
from ntm_analysis.sources.reports.facts import Fact, RecognisedCommune
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.names import (
    Unit,
    capture_name,
    find_province,
    province_of,
    resolve_district,
    resolve_province,
    subject_provinces,
    vintage_for,
)
from ntm_analysis.sources.reports.sentences import Sentence, is_dateline
from ntm_analysis.sources.reports.targets import plan_before

_DATE = re.compile(  # a date written out: "ngày 20 tháng 12 năm 2023"
    r"ng\S{0,3}y\W{0,2}(?:\d{1,2}|\s)*\W{0,2}th\S{0,3}ng\W{0,2}(?P<m>\d{1,2})\W{0,2}"
    r"n\S{0,3}m\W{0,2}(?P<y>(?:19|20)\d\d)"
)
_HEADER_LINES = 15
_TITLE_LINES = 15
# The document's kind, printed above its title ("BÁO CÁO", "KẾ HOẠCH" …): the title after it
# names the year the document reports on.
_TITLE_WORD = re.compile(
    r"(?<![a-z])(?:bao cao|ke hoach|thong bao|ket luan|to trinh|nghi quyet|chuong trinh)(?![a-z])"
)
_DEMONSTRATIVE = re.compile(r"^\W*(?:day|do)\s+(?:(?:cung|chinh|con)\s+)?la\s")
LEAD_REACH = 40  # "Năm 2023, …", "Đối với huyện X, …" open a sentence within this many characters
DISTRICT_SEARCH_SENTENCES = 60  # a province told by its districts is looked for this early


@dataclass
class Section:
    """One open section: its depth and what it says about the text under it."""

    depth: int
    plan: bool | None = None
    year: int | None = None
    district: Unit | None = None
    commune: str | None = None
    tier: str | None = None
    heading: str = ""


class Context:
    """What the reader knows at the current sentence."""

    def __init__(self, sentences: list[Sentence]) -> None:
        header = " ".join(s.text for s in sentences if s.lines[0] <= _HEADER_LINES)
        folded = fold(header)
        self.doc_year, self.doc_month = _document_date(sentences, header)
        self.vintage = vintage_for(self.doc_year, self.doc_month)
        title_year = _title_year(sentences)
        if title_year:  # "BÁO CÁO kết quả … năm 2023" dated January 2024 reports on 2023
            self.doc_year = title_year
        self.table = None  # the table being read (`tablerows.Table`)
        self.prev_text = ""  # the sentence before (a table's unit, flow and date are stated there)
        self.province = find_province(header, self.vintage) or find_province(header, "legacy")
        if self.province is None:  # "Vĩnh Long, ngày 20 tháng 12 …": where it was signed
            self.province = _province_of_place(header, self.vintage)
        if self.province is None:  # a commune's plan may name only its district
            self.province = _province_from_districts(sentences)
        if self.province is None:  # "Nghệ An hiện có …": a press article names its subject
            self.province = _province_from_subjects(sentences, self.vintage)
        self.province_is_city = bool(
            self.province and re.search(r"thanh pho\s+" + fold(self.province.name), folded)
        )
        self.header_commune = _header_unit(header, T.XA)
        self.header_district = None
        hd = _header_unit(header, T.DISTRICT)
        if hd and self.province:
            self.header_district = resolve_district(hd, self.province.code)
        self.sections: list[Section] = [Section(0, year=self.doc_year)]
        self.block = -1
        self.last_bullet = ""  # folded text of the last "-" bullet, parent of "+" items
        self.last_status: str | None = None  # status of a criteria list running on
        self.para_target: tuple[int, bool] | None = None  # (block, plan?) of the last marker
        self.block_year: tuple[int, int] | None = None  # (block, year) a block opened with
        self.open_list = None  # a list introduced by a sentence ending with ":" (recognitions)
        self.last_year: int | None = None  # the year of the last fact of the sentence before
        self.back_year: int | None = None  # that year, when this sentence refers back to it
        if self.header_district is None and self.province:
            title = fold(" ".join(s.text for s in sentences if s.lines[0] <= _TITLE_LINES))
            names = set(re.findall(rf"dia ban {T.HUYEN} ((?:[a-z]+ ){{1,3}})", title + " "))
            units = {resolve_district(n, self.province.code) for n in names} - {None}
            if len(units) == 1:
                self.header_district = units.pop()

    # -- state updates -------------------------------------------------------------------
    def enter(self, s: Sentence) -> None:
        """Update the state with a sentence before its facts are read."""
        if s.heading is not None:
            while len(self.sections) > 1 and self.sections[-1].depth >= s.heading:
                self.sections.pop()
            sec = Section(s.heading, heading=s.folded)
            head = s.folded
            done, plan = T.HEADING_DONE.search(head), T.HEADING_PLAN.search(head)
            sec.plan = False if done else (True if plan else None)
            years = [int(y.group("year")) for y in re.finditer(T.YEAR, head)]
            # "a) Toàn huyện có 10/15 xã …; huyện đạt chuẩn … năm 2023": an item that states
            # figures is not a title; its years belong to its own figures
            statement = len(s.text) > 90 or re.search(r"\d\s?/\s?\d|%", head)
            sec.year = years[-1] if years and not statement else None
            sec.district = self.find_district(s.text, s.folded)
            sec.commune = self.find_commune(s.text, s.folded)
            sec.tier = T.tier_of(head) if re.search(T.DAT_CHUAN, head) else None
            self.sections.append(sec)
        lead = s.folded[:LEAD_REACH]
        m = re.match(r"^\W*(?:trong\s+)?" + T.YEAR, lead)
        if m:  # "Năm 2023, …" dates its own block (paragraph), not the rest of the section
            self.block_year = (s.block, int(m.group("year")))
        elif (label := _year_label(s.folded)) is not None:  # "Kết quả năm 2023:" likewise
            self.block_year = (s.block, label)
        # "Đây là đơn vị cấp huyện thứ 7 …": a demonstrative subject speaks of what the
        # sentence before it (in its paragraph) stated, and of its date
        back = s.block == self.block and _DEMONSTRATIVE.match(s.folded)
        self.back_year = self.last_year if back else None
        self.block = s.block
        if re.match(r"^\W*(?:doi voi|rieng|tai)\s", _loose(lead)):
            d = self.find_district(s.text, s.folded)
            if d is not None:
                self.sections[-1].district = d
        if s.bullet and s.text.lstrip().startswith(("-", "–", "•")):
            self.last_bullet = s.folded
        elif not s.bullet:
            self.last_bullet = ""

    def _get(self, attr: str):
        for sec in reversed(self.sections):
            value = getattr(sec, attr)
            if value is not None:
                return value
        return None

    def note(self, s: Sentence, facts: Sequence[Fact]) -> None:
        """A plain sentence naming one commune's aim ("Xây dựng xã X đạt chuẩn …") sets the
        section's commune and tier, like a heading would."""
        years = [y for f in facts if (y := getattr(f, "year", None)) is not None]
        self.last_year = years[-1] if years else None
        named = [f for f in facts if isinstance(f, RecognisedCommune)]
        sec = self.sections[-1]
        aim = len(named) == 1 and named[0].is_target  # a recognition report sets nothing
        if s.heading is None and not s.bullet and aim and sec.commune is None:
            sec.commune, sec.tier = named[0].commune, named[0].tier

    @property
    def heading(self) -> str:
        """Folded text of the open headings, outermost first."""
        return " ".join(sec.heading for sec in self.sections)

    @property
    def year(self) -> int | None:
        """Year of the sentence before when this one refers back to it ("Đây là …"), else of
        the current block when it opened with one ("Năm 2023, …"), else of the innermost
        section that states one, else the document year."""
        if self.back_year is not None:
            return self.back_year
        if self.block_year is not None and self.block_year[0] == self.block:
            return self.block_year[1]
        return self._get("year")

    @property
    def plan(self) -> bool:
        """Whether the innermost section that says so is a plan section."""
        return bool(self._get("plan"))

    @property
    def district(self) -> Unit | None:
        """District the current section is about (else the header's)."""
        return self._get("district") or self.header_district

    @property
    def commune(self) -> str | None:
        """Commune the current section is about (else the header's issuing commune)."""
        return self._get("commune") or self.header_commune

    @property
    def tier(self) -> str | None:
        """Tier the current section aims at (from its heading)."""
        return self._get("tier")

    # -- look-ups ------------------------------------------------------------------------
    def find_district(self, text: str, folded: str) -> Unit | None:
        """The first district named in a sentence ("huyện Bắc Sơn"), resolved."""
        for m in re.finditer(T.HUYEN, folded):
            cap = capture_name(text, m.end())
            if cap:
                unit = resolve_district(cap[0], self.province.code if self.province else None)
                if unit is not None:
                    return unit
        return None

    def find_commune(self, text: str, folded: str) -> str | None:
        """The first commune named in a sentence ("xã Long Đống"), as written."""
        for m in re.finditer(T.XA, folded):
            cap = capture_name(text, m.end())
            if cap:
                return cap[0]
        return None


def head_lines(sentences: list[Sentence], last: int = _TITLE_LINES) -> list[tuple[int, str]]:
    """The document's first lines (up to line ``last``) as printed, from its sentences."""
    out: list[tuple[int, str]] = []
    for s in sentences:
        if s.lines[0] > last:
            break
        bounds = [*s.starts, len(s.text)]
        out += [
            (no, s.text[a:b].strip())
            for no, a, b in zip(s.lines, bounds, bounds[1:])
            if no <= last and s.text[a:b].strip()
        ]
    return out


def _document_date(sentences: list[Sentence], header: str) -> tuple[int | None, int | None]:
    """Year and month of the document: its dateline ("Nghệ An, ngày 10 tháng 01 năm 2024",
    "26/09/2023"), else a date written out in its header, else the latest year its first
    lines state outside a plan (a period named for context, "giai đoạn 2011-2015", and a
    comparison's base, "so với năm 2022", date nothing)."""
    lines = head_lines(sentences, _HEADER_LINES)
    for _, text in lines:
        if is_dateline(text):
            found = stated(text)
            if found:
                return found[-1].year, found[-1].month
    m = _DATE.search(fold(header))
    if m:
        return int(m.group("y")), int(m.group("m"))
    years = [
        d.year
        for s in sentences
        if s.lines[0] <= _HEADER_LINES
        for d in stated(s.text)
        if not plan_before(s.folded, d.start)  # "phấn đấu đến năm 2025": the plan's year
    ]
    return (max(years) if years else None), None


def _title_year(sentences: list[Sentence]) -> int | None:
    """The year the title names: the first year in the lines after a document-kind line in
    capitals ("BÁO CÁO", "KẾ HOẠCH" …) near the top."""
    lines = head_lines(sentences)
    for i, (_, text) in enumerate(lines):
        text = text.strip(" *_#")
        m = _TITLE_WORD.match(fold(text))
        if m and text[: m.end()].isupper():
            m = re.search(T.YEAR, " ".join(fold(t) for _, t in lines[i : i + 3]))
            return int(m.group("year")) if m else None
    return None


_PLACE_DATE = re.compile(
    r"(?:^|\s)(?P<place>[A-ZÀ-ỸĐ][^\W\d_]*(?:\s[A-ZÀ-ỸĐ][^\W\d_]*){0,2}),\s*ng"
)
PLACE_MIN_SCORE = 85  # the place of the date line must name a province this closely


def _province_of_place(header: str, vintage: str) -> Unit | None:
    """The province named as the place of the date line ("Vinh Long, ngay 20 thang 12 nam
    2023"), even when OCR damaged the issuing body's name above it."""
    for m in _PLACE_DATE.finditer(header):
        words = m.group("place").split()
        for n in (2, 3, 1):  # the place is the last words before ", ngày"
            if n > len(words):
                continue
            place = " ".join(words[-n:])
            unit = resolve_province(place, vintage) or resolve_province(place)
            district = resolve_district(place, None)
            if district is not None and unit is not None and district.score > unit.score:
                unit = None  # "Lạng Giang, ngày …": a district's name, close to "An Giang"
            if unit is not None and unit.score >= PLACE_MIN_SCORE:
                return unit
            if district is not None and district.score >= PLACE_MIN_SCORE:
                return province_of(district)
    return None


def _province_from_districts(sentences: list[Sentence]) -> Unit | None:
    """The province of the first district named that only one province has."""
    for s in sentences[:DISTRICT_SEARCH_SENTENCES]:
        for m in re.finditer(T.HUYEN, s.folded):
            cap = capture_name(s.text, m.end())
            unit = resolve_district(cap[0], None) if cap else None
            if unit is not None and unit.score >= 90:
                return province_of(unit)
    return None


_SUBJECT_VERB = re.compile(rf"\s{{1,2}}{T.SUBJECT_VERB}")


def _province_from_subjects(sentences: list[Sentence], vintage: str) -> Unit | None:
    """The first province named without its type word as a sentence's subject."""
    for s in sentences[:DISTRICT_SEARCH_SENTENCES]:
        found = subject_provinces(s.text, s.folded, _SUBJECT_VERB, vintage)
        if found:
            return found[0][1]
    return None


def _loose(folded: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "o", folded)


def _header_unit(header: str, word_re: str) -> str | None:
    """A unit named after its type word in the header, e.g. "UBND XÃ HỢP THỊNH"."""
    folded = fold_chars(header)
    m = re.search(r"(?:uy ban nhan dan|ubnd)\s+" + word_re, folded)  # "\s+": a boundary
    if not m:
        return None
    cap = re.match(r"\s*([A-ZÀ-ỸĐ][^\s]*(?:\s+[A-ZÀ-ỸĐ][^\s]*){0,2})", header[m.end() :])
    if not cap:
        return None
    words = [w for w in cap.group(1).split() if fold(w) not in {"cong", "hoa", "xa"}]
    return " ".join(w.capitalize() for w in words[:3]) or None


LABEL_LENGTH = 60  # "Kết quả thực hiện năm 2023:": a label line is short
_LABEL_YEAR = re.compile(rf"[^\d%/]{{0,{LABEL_LENGTH}}}?{T.YEAR}[^\d%/]{{0,20}}:\s*$")


def _year_label(folded: str) -> int | None:
    """The one year a short label ending with ":" names ("Kết quả năm 2023:"), or None.

    >>> _year_label("ket qua nam 2023:"), _year_label("nam 2023 co 5 xa dat 19/19 tieu chi:")
    (2023, None)
    """
    if len(folded) > LABEL_LENGTH or not folded.rstrip().endswith(":"):
        return None
    m = _LABEL_YEAR.fullmatch(folded)
    return int(m.group("year")) if m else None
