"""Money per person (``money_per_person``): the income per head the programme tracks.

"Thu nhập bình quân đầu người khu vực nông thôn đạt 70,5 triệu đồng/người/năm" is a rate, not
funding: an amount with a money unit, in a clause that names income ("thu nhập"), per person
per year unless it says per month ("/người/tháng", "một tháng"). The measure is
``rural_income`` when the clause speaks of the countryside ("khu vực nông thôn", "người dân
nông thôn"), else ``income``. A change ("tăng 3,8 triệu đồng so với năm 2023") is no level.

>>> def incomes(text):
...     return [(f.measure, f.amount_vnd, f.per, f.qualifier)
...             for f in read_incomes(SentenceView.example(text))]
>>> incomes("Thu nhập bình quân đầu người khu vực nông thôn đạt 58,2 triệu đồng/người/năm.")
[('rural_income', 58200000, 'year', 'exact')]
>>> incomes("Thu nhap binh quan dau nguoi toan tinh uoc dat 4,1 trieu dong/nguoi/thang.")
[('income', 4100000, 'month', 'approx')]
>>> incomes("Thu nhập bình quân tăng 3,8 triệu đồng so với năm 2023.")
[]
"""

from __future__ import annotations

import re
from decimal import Decimal

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import clause_end, clause_start, decimal, qualifier
from ntm_analysis.sources.reports.facts import Fact, MoneyPerPerson, area_fields
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.sentence_view import SentenceView

INCOME_REACH = 140  # "thu nhập …" this far before the amount, in its clause
PER_REACH = 24  # "/người/năm", "một tháng" this far after the amount

_AMOUNT = re.compile(T.AMOUNT)
_INCOME = re.compile(rf"{W('thu nhập')}|{W('thu nhap')}")
_RURAL = re.compile(rf"{T.RURAL}|{W('nông dân')}")
_MONTH = re.compile(
    rf"\s?/\s?(?:{W('người')}\s?/\s?)?{W('tháng')}|{W('một tháng')}|{W('mỗi tháng')}"
)
_PER = re.compile(rf"\s?/\s?(?:{W('người')}|{W('khẩu')}|{W('năm')}|{W('tháng')})")
# "…; năm 2024 ước đạt 66 triệu đồng": a clause of a date and a verb only restates the
# measure of the clause before it
_ELLIPSIS = re.compile(
    rf"^\W*(?:(?:{W('đến')}\s|{W('cuối')}\s|{W('trong')}\s)*{T.YEAR})?\W*"
    rf"(?:{W('ước')}\s|{W('dự kiến')}\s|{W('phấn đấu')}\s)?(?:{T.DAT}|{W('là')}|{W('lên')})\W*$"
)
# "Trên 82 triệu đồng/người/năm là mức thu nhập bình quân …": the figure put first
_NAMED_AFTER = re.compile(
    rf"\W{{0,3}}(?<![a-z0-9])[l1]a\W{{1,3}}(?:{W('mức')}\W{{1,3}})?(?:{_INCOME.pattern})"
)
_CHANGE = re.compile(rf"(?:{W('tăng')}|{W('giảm')}|{W('cao hơn')}|{W('thấp hơn')})\W{{0,3}}$")


def read_incomes(v: SentenceView) -> list[Fact]:
    """``money_per_person`` facts: income per head, per year or per month."""
    folded = v.folded
    facts: list[Fact] = []
    last_subject: str | None = None  # the income named by the clause before
    for m in _AMOUNT.finditer(folded):
        mult = T.money_multiplier(m)
        lead_from = max(clause_start(folded, m.start()), m.start() - INCOME_REACH)
        lead = folded[lead_from : m.start()]
        income = list(_INCOME.finditer(lead))
        restated = not income and last_subject is not None and _ELLIPSIS.match(lead)
        after = folded[m.end() : m.end() + PER_REACH]
        per_match = _PER.match(after)
        end = m.end() + (_per_end(after) if per_match else 0)
        first = per_match and not (income or restated) and _NAMED_AFTER.match(folded, end)
        if mult is None or not (income or restated or first) or _CHANGE.search(lead[-14:]):
            continue
        value = decimal(m.group("amount")) * Decimal(mult)
        if value != value.to_integral_value():
            continue
        v.used.add((m.start(), "money"))
        if first:
            subject = folded[first.start() : first.end() + INCOME_REACH]
            subject = subject[: clause_end(subject, 0)]
        else:
            subject = lead[income[-1].start() :] if income else f"{last_subject} {lead}"
        last_subject = subject
        facts.append(
            MoneyPerPerson(
                **v.head(lead_from + (income[-1].start() if income else 0), _end(first, end)),
                measure="rural_income" if _RURAL.search(subject) else "income",
                amount_vnd=int(value),
                per="month" if _MONTH.search(after) or _MONTH.search(subject) else "year",
                qualifier=qualifier(lead),
                year=v.year_near(m.start(), m.end()),
                as_of=v.as_of(m.start(), m.end()),
                **area_fields(v.areas.at(m.start())),
            )
        )
    return facts


def _end(first: re.Match[str] | None, end: int) -> int:
    """Where the fact's text ends: after the words naming the income when they follow."""
    return first.end() if first else end


def _per_end(after: str) -> int:
    """How far the "/người/năm" after an amount runs."""
    end = 0
    while (m := _PER.match(after, end)) is not None:
        end = m.end()
    return end
