"""Dates a report states, and the one that dates a figure: its year and its "as of" date.

A figure is dated by the nearest date of its own clause, else of its sentence ("năm 2023",
"tính đến ngày 30/8/2023", "tháng 6/2025", the date of the decision that recognises it),
else by its paragraph's or table's heading, else by the document's report year (`context`).
What is not a figure's date:

* a comparison's base ("so với cuối năm 2021", "cùng kỳ năm 2022");
* a period named for context ("giai đoạn 2011-2015", "năm 2021-2025"): it dates only the
  figures stated for it (funding periods, `money`);
* the date of a document cited for context ("Kế hoạch số 120/KH-UBND ngày 15/4/2022"):
  only a decision's date ("Quyết định số 1669/QĐ-UBND ngày 4/7/2024") dates what it decides.

A date introduced by "tính đến", "đến", "tới", "lũy kế đến" (up to) at the precision of a
month or a day is the figure's ``as_of`` (ISO 8601: "2023-08-30", "2025-06").

>>> [(d.year, d.iso, d.as_of) for d in stated("Tính đến ngày 30/8/2023, toàn tỉnh có")]
[(2023, '2023-08-30', True)]
>>> [(d.year, d.iso) for d in stated("so với cuối năm 2021; giai đoạn 2011-2015; tháng 6/2025")]
[(2025, '2025-06')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.folding import word as W

_Y = r"(?P<y>(?:19|20)\d\d)(?![\d])"
_DAY_MONTH = r"(?P<d>\d{1,2})\s?[/-]\s?(?P<m>\d{1,2})\s?[/-]\s?"
_WORDED = (
    r"ng\S{0,3}y\W{0,2}(?P<wd>\d{1,2})\W{0,2}th\S{0,3}ng\W{0,2}(?P<wm>\d{1,2})\W{0,2}"
    r"n\S{0,3}m\W{0,2}(?P<wy>(?:19|20)\d\d)(?!\d)"
)
_NUMERIC = rf"(?<![\d/.,-]){_DAY_MONTH}{_Y}"
_MONTH = (
    r"(?<![a-z])th\S{0,3}ng\W{0,2}(?P<mm>\d{1,2})\s?(?:[/-]|\W{0,2}n\S{0,3}m\W{0,2})\s?"
    r"(?P<my>(?:19|20)\d\d)(?![\d])"
)
_DATE = re.compile(rf"{_WORDED}|{_NUMERIC}|{_MONTH}")
_YEAR = re.compile(T.YEAR)
_PERIOD_AFTER = re.compile(r"\s?[-–]\s?(?:19|20)\d\d")  # "năm 2021-2025": a period, not a year
_COMPARED = re.compile(
    rf"(?:{W('so với')}|{W('cùng kỳ')}|{W('so cùng kỳ')})"
    rf"(?:\W{{1,3}}(?:{W('cuối')}|{W('đầu')}|{W('ngày')}))?\W{{1,3}}$"
)
# "tính đến (hết) ngày", "đến hết tháng", "lũy kế đến", "tới": a stock up to that date
_AS_OF = re.compile(
    rf"(?:{W('tính')}\W{{1,2}})?(?:{W('đến')}|{W('tới')})(?:\W{{1,2}}(?:{W('hết')}|{W('cuối')}))?"
    rf"(?:\W{{1,2}}{W('ngày')})?\W{{0,2}}$"
)
# "… số 1669/QĐ-UBND ngày 4/7/2024": the number of the document the date belongs to
_DOCUMENT_NO = re.compile(r"(\d+/[\w./\-–Đđ]+)\W{1,3}(?:ng\S{0,3}y\W{0,2})?$")
DOCUMENT_REACH = 40  # the document number stands this close before its date
# a sub-clause boundary ("," not inside a number, "thì" of "nếu … thì …") before a date
_NEXT_STATEMENT = re.compile(rf",(?!\d)|{W('thì')}")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Stated:
    """A date or year stated in a text: where, its parts, and whether it is an "as of"."""

    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None
    as_of: bool = False

    @property
    def iso(self) -> str:
        """The date at the precision stated ("2023-08-30", "2025-06", "2023")."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def _valid(month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _cited(text: str, start: int) -> bool:
    """Whether the date at ``start`` is the date of a document other than a decision."""
    m = _DOCUMENT_NO.search(text[max(0, start - DOCUMENT_REACH) : start])
    return bool(m) and vocabulary.document_type_of(m.group(1)) != "quyet_dinh"


@lru_cache(maxsize=256)  # every figure of a sentence asks again
def _stated(text: str) -> tuple[Stated, ...]:
    folded = fold_chars(text)
    out: list[Stated] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(folded):
        if m.group("wy"):
            y, mo, d = int(m.group("wy")), int(m.group("wm")), int(m.group("wd"))
        elif m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            y, mo, d = int(m.group("my")), int(m.group("mm")), None
        if not _valid(mo, d) or _COMPARED.search(folded[: m.start()]) or _cited(text, m.start()):
            continue
        as_of = bool(_AS_OF.search(folded[max(0, m.start() - 30) : m.start()]))
        out.append(Stated(m.start(), m.end(), y, mo, d, as_of))
        taken.append((m.start(), m.end()))
    for m in _YEAR.finditer(folded):
        if any(a <= m.start() < b for a, b in taken) or _PERIOD_AFTER.match(folded, m.end()):
            continue
        if _COMPARED.search(folded[: m.start()]):
            continue
        out.append(Stated(m.start(), m.end(), int(m.group("year"))))
    return tuple(sorted(out, key=lambda d: d.start))


def stated(text: str) -> tuple[Stated, ...]:
    """The dates and years of ``text`` that may date a figure, in order (see the module)."""
    return _stated(text)


def clause_stop(folded: str, end: int) -> int:
    """Where the clause after ``end`` stops: the next ";", sentence end, or plan word (a date
    after "phấn đấu", "mục tiêu" … dates the plan's own figures, not the one before it).

    >>> clause_stop("co 9/17 xa, phan dau den nam 2025 co 12/17 xa", 7)
    12
    """
    stop = min(
        [i for i in (folded.find(";", end), folded.find(".", end)) if i >= 0] or [len(folded)]
    )
    plan = T.PLAN.search(folded, end, stop)  # a plan word that starts before the stop
    return plan.start() if plan else stop


def date_near(text: str, start: int, end: int, folded: str = "") -> Stated | None:
    """The date of the span ``start:end``: one stated in its clause, in or after the span
    first (up to the clause's end), else before it in the clause, else earlier in the
    sentence; None when the sentence states none.

    >>> date_near("nam 2021 co 3 xa; nam 2022 them 2 xa", 27, 36).year
    2022
    >>> date_near("co 56 xa, tang 2 xa so voi cuoi nam 2023", 3, 9) is None
    True
    >>> date_near("den nam 2025 co 50% so xa; hien nay ty le nay dat 45,3%", 49, 54) is None
    True
    """
    found = stated(text)
    if not found:
        return None
    folded = folded or fold_chars(text)
    stop = clause_stop(folded, end)
    cs = max(folded.rfind(";", 0, start), folded.rfind(":", 0, start)) + 1
    before = [d for d in found if d.end <= start]
    in_clause = [d for d in before if d.start >= cs]
    after = [d for d in found if start <= d.start < stop]
    if after and not (in_clause and _opens_next(folded, end, after[0], stop)):
        return after[0]
    now = [m.start() for m in T.NOW.finditer(folded, cs, start)]
    if now and not [d for d in in_clause if d.start > now[-1]]:
        return None  # "hiện nay …": the document's date, not a year stated before
    if in_clause:
        return in_clause[-1]
    return before[-1] if before else None


def _opens_next(folded: str, end: int, d: Stated, stop: int) -> bool:
    """Whether the date ``d`` after a span opens the next statement of the clause, with its
    own figure ("năm 2022 công nhận 6 xã …, năm 2023 công nhận 9 xã", "Nếu như cuối năm 2021
    có 21 xã … thì đến cuối năm 2024 con số này đã là 74 xã"), rather than dating the span.

    >>> t = "nam 2021 co 21 xa, nam 2024 co 74 xa"
    >>> _opens_next(t, 17, stated(t)[1], len(t)), _opens_next(t[:27], 17, stated(t)[1], 27)
    (True, False)
    """
    between = folded[end : d.start]
    return bool(_NEXT_STATEMENT.search(between)) and bool(_DIGIT.search(folded, d.end, stop))


def as_of_near(text: str, start: int, end: int, folded: str = "") -> str | None:
    """The "as of" date (month or day precision) that dates the span, or None."""
    d = date_near(text, start, end, folded)
    return d.iso if d is not None and d.as_of and d.month else None
