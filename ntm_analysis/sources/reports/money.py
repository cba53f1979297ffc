"""Money: amounts with their source category, flow and period (``funding``).

An amount is a number and a money unit ("25,3 tỷ đồng", "18.500 triệu đồng"); its source is
named by the words since the previous amount ("…, ngân sách tỉnh 12,5 tỷ đồng"), a label
before ":", the words right after it, or the "-" bullet a "+" item hangs from. A breakdown in
brackets ("63,5 tỷ đồng (vốn đầu tư 50 tỷ, vốn sự nghiệp 13,5 tỷ)") refines its parent.
Unit words, categories and flows are the vocabulary's (`terms.MONEY_UNIT`, `terms.keyed`).

>>> def money(text):
...     return [(f.source_category, f.amount_vnd, f.qualifier, f.per_commune)
...             for f in read_funding(SentenceView.example(text))]
>>> money("Vốn ngân sách trung ương 420 tỷ đồng, nhân dân đóng góp trên 35,7 tỷ đồng.")
[('central', 420000000000, 'exact', False), ('community', 35700000000, 'more_than', False)]
>>> money("Vén ngan sach trung uong 420 ty déng, nhan dan déng gop trén 35,7 ty ddng.")
[('central', 420000000000, 'exact', False), ('community', 35700000000, 'more_than', False)]
>>> money("Tỉnh hỗ trợ 1,5 tỷ đồng/xã.")
[('provincial', 1500000000, 'exact', True)]
>>> money("Thu nhập bình quân đạt 60 triệu đồng/người/năm.")  # a rate, not funding
[]
"""

from __future__ import annotations

import re
from decimal import Decimal

from ntm_analysis.lexicon.numbers import NumberFormatError, parse_amount
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import clause_start, decimal, qualifier
from ntm_analysis.sources.reports.facts import Fact, Funding, area_fields
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.sentence_view import SentenceView

# Reaches, in characters of the sentence.
AFTER_REACH = 12  # "/xã", "/người", "mỗi xã" right after the amount
CUE_AFTER_REACH = 40  # a money word may follow the amount this far
OWN_WORDS_REACH = 40  # the amount's own words before it (not the previous item's)
FLOW_REACH = 120  # "giải ngân", "huy động" … this far before the amount (or in its heading)
PERIOD_REACH = 40  # "giai đoạn 2021-2025" up to this far after the amount

# Which category wins when a phrase names several ("vốn đầu tư ngân sách trung ương").
_CATEGORY_ORDER = (
    "central_investment", "central_recurrent", "central", "credit", "enterprise",
    "community", "commune", "district", "provincial", "total", "other",
)  # fmt: skip
_CATEGORIES = T.keyed("funding_categories")
CATEGORIES = [(k, _CATEGORIES[k]) for k in _CATEGORY_ORDER if k in _CATEGORIES] + [
    (k, rx) for k, rx in _CATEGORIES.items() if k not in _CATEGORY_ORDER
]
_FLOWS = T.keyed("funding_flows")
# The flow a phrase names, the first found of these; "planned" is not read from words: an
# amount is planned when it is a target (`targets.target_at`) and names no other flow.
_FLOW_ORDER = ("mobilised", "allocated", "disbursed")
_NGAN_SACH = W("ngân sách")
_INVESTMENT = re.compile(W("đầu tư"))
_RECURRENT = re.compile(W("sự nghiệp"))
# A sentence about money names a money noun or verb, or a funding flow. ("Góp", "đóng góp" are
# the verb "contribute" here, "thưởng" a reward; sources such as "nhân dân" are no cue:
# "người dân tham gia BHYT".)
_MONEY_WORDS = ("vốn", "ngân sách", "kinh phí", "nguồn lực", "đầu tư", "hỗ trợ", "thưởng")
_CONTRIBUTE = rf"{W('góp')}(?!\W{{1,3}}{W('phần')})"  # "góp phần": contribute to (no money)
_MONEY_CUE = re.compile(
    "|".join(
        [W(w) for w in _MONEY_WORDS] + [_CONTRIBUTE] + [_FLOWS[k].pattern for k in _FLOW_ORDER]
    )
)
_AMOUNT = re.compile(T.AMOUNT)
_PER_UNIT = re.compile(r"\s?/\s?(?!x)|\s?/\s?$")  # "/người", "/ha": a rate, not an amount
_PER_COMMUNE_AFTER = re.compile(  # "… /xã", "… mỗi xã", "… cho mỗi xã"
    rf"\s?/\s?{T.XA}|\W{{0,2}}(?:{W('cho')}\s)?{W('mỗi')}{T.SEP}{T.XA}"
)
_PER_COMMUNE_BEFORE = re.compile(rf"(?:{W('mỗi')}|{W('bình quân')})\W{{1,3}}{T.XA}")
_PROVINCE_PAYS = re.compile(rf"{_NGAN_SACH}|{_CATEGORIES['provincial'].pattern}")
_PERIOD = re.compile(T.PERIOD)
# "…, trong đó …", "…, gồm …": the amount before it is the whole its parts break down
_OF_WHICH = re.compile(rf"{W('trong đó')}|{W('gồm')}")
_OF_WHICH_AFTER = re.compile(rf"[^;.]{{0,20}}?{W('trong đó')}")
# "Ngoài nguồn vốn đầu tư của trung ương, tỉnh đã huy động …", "Bên cạnh ngân sách tỉnh, …": a
# source named to set it apart; the amount after it comes from elsewhere ("ngoài ra": besides)
_BESIDES = re.compile(rf"(?:{W('ngoài')}(?!\W{{1,2}}{W('ra')})|{W('bên cạnh')})[^,;:]*")


def category_named(folded: str) -> str | None:
    """The source category a folded phrase names, or None."""
    return next((cat for cat, rx in CATEGORIES if rx.search(folded)), None)


def funding_category(folded: str) -> str:
    """The source category a folded label names ("ngân sách trung ương" → central), else other.

    >>> funding_category("ngan sach trung uong"), funding_category("nhan dan dong gop")
    ('central', 'community')
    """
    return category_named(folded) or "other"


def read_funding(v: SentenceView) -> list[Fact]:
    """Money amounts with their source category (``funding``)."""
    folded = v.folded
    found = list(_AMOUNT.finditer(folded))
    known = [T.money_multiplier(m) for m in found]
    default = next((k for k in known if k), None)  # for a unit OCR left unreadable
    facts: list[Funding] = []
    starts: list[int] = []  # where each fact's amount stands
    prev_end = 0
    for m, mult in zip(found, known):
        if (m.start(), "money") in v.used:
            continue  # read as money per person (`incomes`)
        after = folded[m.end() : m.end() + AFTER_REACH]
        if _PER_UNIT.match(after):
            continue  # a rate per person, per hectare …
        clause_from = max(folded.rfind(";", 0, m.start()), _open_paren(folded, m.start())) + 1
        # the words since the previous amount name this one's source ("…, ngân sách tỉnh 150")
        raw_clause = folded[max(clause_from, prev_end) : m.start()]
        clause = _BESIDES.sub(_blank, raw_clause)
        prev_end = m.end()
        cue = folded[: m.start()] + after + folded[m.end() : m.end() + CUE_AFTER_REACH]
        if not _MONEY_CUE.search(cue):
            continue
        amount = _amount(v, m, mult or default)
        if amount is None:
            continue
        head = v.head(m.start(), m.end())
        near = f"{clause[-OWN_WORDS_REACH:]} {_tail(folded, m.end())}"  # its own words only
        whole = _whole_of(folded, m.start(), starts, facts)
        flow = _flow(v, m.start(), head["is_target"])
        if flow is None and whole is not None:  # a part takes the flow of the total it splits
            flow = facts[whole].flow
        per_commune = bool(_PER_COMMUNE_AFTER.match(after) or _PER_COMMUNE_BEFORE.search(clause))
        category = _category(v, m, clause, facts)
        if whole is not None and category in ("other", "central"):
            # "Trung ương giao 356,8 tỷ đồng, gồm 248 tỷ đồng vốn đầu tư …": a central part
            category = _central_part(facts[whole].source_category, near) or category
        if category == "other" and flow == "disbursed" and (paid := _paid_of(facts)):
            category = paid  # "Kế hoạch vốn NSTW … là X; đã giải ngân Y": Y of that source
        if not per_commune and category == "other" and _same_units_again(raw_clause, facts):
            per_commune, category = True, facts[-1].source_category
        if category == "other" and _stated_total(folded, m.end(), near, raw_clause, flow):
            category = "total"
        period = _period(v, m)
        if head["is_target"] and flow == "planned" and _past(period, v.ctx.doc_year):
            head["is_target"] = False  # a past year's plan: the money it allotted, not a goal
        facts.append(
            Funding(
                **head,
                confidence=0.9 if mult else 0.6,
                source_category=category if not per_commune or category != "total" else "other",
                amount_vnd=amount,
                qualifier=qualifier(folded[: m.start()]),
                budget_type=_budget_type(near),
                flow=flow,
                period=period,
                per_commune=per_commune,
                **area_fields(v.areas.at(m.start())),
            )
        )
        starts.append(m.start())
    return list(facts)


# "Mỗi xã … được tỉnh thưởng 1,5 tỷ đồng; xã … được thưởng 1 tỷ đồng": a clause led by the
# unit word again, after ";", says the same of other units of that kind
_UNIT_LEAD = re.compile(rf"^\W*(?:{W('mỗi')}\W{{1,3}})?{T.XA}")


def _same_units_again(clause: str, facts: list[Funding]) -> bool:
    """Whether an amount's clause, led by "xã", goes on from a per-commune amount before it."""
    return bool(facts and facts[-1].per_commune and _UNIT_LEAD.match(clause))


def _paid_of(facts: list[Funding]) -> str | None:
    """The source of the one amount before in the sentence, when it is not itself paid out
    (a plan, an allotment): the source a disbursement naming none is paid from."""
    if len(facts) != 1 or facts[0].flow == "disbursed":
        return None
    return facts[0].source_category


def _past(period: str | None, doc_year: int | None) -> bool:
    """Whether a period is a single year before the document's year."""
    return bool(period and period.isdigit() and doc_year and int(period) < doc_year)


def _open_paren(folded: str, pos: int) -> int:
    """Where the bracket open at ``pos`` starts, or -1 (a closed "(vốn sự nghiệp)" is none)."""
    at = folded.rfind("(", 0, pos)
    return at if at > folded.rfind(")", 0, pos) else -1


def _whole_of(folded: str, pos: int, starts: list[int], facts: list[Funding]) -> int | None:
    """The index of the amount a "trong đó" list (up to ``pos``) breaks down, or None: the
    last amount before the "trong đó" that opens the list the amount at ``pos`` is part of;
    without a readable "trong đó" (OCR), the last stated total of the sentence.

    >>> _whole_of("dat 2.298 ty dong, trong do ngan sach tinh 45 ty, huyen 4 ty", 55, [4, 43], [])
    0
    """
    cut = [m.start() for m in _OF_WHICH.finditer(folded, 0, pos)]
    before = [i for i, a in enumerate(starts) if cut and a < cut[-1]]
    if before:
        return before[-1]
    totals = [i for i, f in enumerate(facts) if f.source_category == "total"]
    return totals[-1] if totals else None


def _stated_total(folded: str, end: int, near: str, raw_clause: str, flow: str | None) -> bool:
    """Whether an amount that names no source is the total: one a "trong đó" list breaks
    down, or one mobilised, allocated or disbursed ("huy động được 8.332,69 triệu đồng"),
    unless it names "khác"/"lồng ghép" or is set apart from a source ("Ngoài vốn …")."""
    if _CATEGORIES["other"].search(near) or _BESIDES.search(raw_clause):
        return False
    return bool(_OF_WHICH_AFTER.match(folded, end)) or flow in _FLOW_ORDER


def _amount(v: SentenceView, m: re.Match[str], mult: int | None) -> int | None:
    """The amount in đồng: as `numbers.parse_amount` reads it, else the number times the
    unit's multiplier (``mult``); None when that is no whole number of đồng or no unit is
    readable in the sentence."""
    if mult is None:
        return None
    try:
        amount = parse_amount(v.text[m.start() : m.end()])
        if T.money_multiplier(m) is None:
            raise NumberFormatError("unit unreadable")
    except NumberFormatError:
        value = decimal(m.group("amount")) * Decimal(mult)
        if value != value.to_integral_value():
            return None
        amount = int(value)
    return amount


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


_TAIL_END = re.compile(r"[(;,]|\d")


def _tail(folded: str, end: int) -> str:
    """The words right after an amount, up to the next bracket, ``;``, ``,`` or number (the
    next amount's: "248 tỷ đồng vốn đầu tư và 108,8 tỷ đồng vốn sự nghiệp")."""
    stop = _TAIL_END.search(folded, end)
    return folded[end : stop.start() if stop else len(folded)]


def _category(v: SentenceView, m: re.Match[str], clause: str, facts: list[Funding]) -> str:
    """The source category: from a label before ":", the words after the amount, the words
    before it, or the parent bullet; a bracketed breakdown of a central amount is split by
    budget type."""
    folded, ctx = v.folded, v.ctx
    parent_bullet = ctx.last_bullet if v.s.bullet and v.text.lstrip()[:1] == "+" else ""
    context_text = f"{parent_bullet} " + clause
    label = clause[clause.rfind(":") + 1 :] if ":" in clause else ""
    tail = _tail(folded, m.end())
    central = _CATEGORIES["central"]
    category = "other"
    for text in (label, tail, clause, context_text):
        hit = category_named(text)
        if hit is None:
            continue
        # under a "- Ngân sách trung ương:" bullet, a "+" item's own "trung ương" adds nothing
        if hit == "central" and central.search(context_text) and text is not context_text:
            continue
        category = hit
        break
    if category == "provincial" and not _PROVINCE_PAYS.search(context_text + tail):
        category = "other"
    if category == "total" and (own := category_named(clause)) not in (None, "total", "other"):
        category = own  # "vốn sự nghiệp NSTW đã giải ngân: tổng số 30 tỷ": that source's total
    in_parens = folded.rfind("(", 0, m.start()) > folded.rfind(")", 0, m.start())
    if in_parens and facts and category in ("other", "central"):
        parent = facts[-1].source_category  # a breakdown of the amount before "("
        category = _central_part(parent, clause) or (parent if category == "other" else category)
    return category


def _central_part(parent: str, own_words: str) -> str | None:
    """The category of a part of a central amount, split by the budget type its own words
    name; None when the whole is not central."""
    if parent not in ("central", "central_investment", "central_recurrent"):
        return None
    budget = _budget_type(own_words)
    return f"central_{budget}" if budget else "central"


def _budget_type(near: str) -> str | None:
    """investment ("đầu tư"), recurrent ("sự nghiệp") or None, from the amount's own words."""
    if _INVESTMENT.search(near) and not _RECURRENT.search(near):
        return "investment"
    return "recurrent" if _RECURRENT.search(near) else None


def flow_named(folded: str) -> str | None:
    """The flow a folded phrase names (mobilised, allocated, disbursed), or None.

    >>> flow_named("tong nguon luc huy dong nam 2023"), flow_named("ke hoach von")
    ('mobilised', None)
    """
    return next((k for k in _FLOW_ORDER if _FLOWS[k].search(folded)), None)


def _flow(v: SentenceView, start: int, is_target: bool) -> str | None:
    """The flow the words before the amount name, the nearest one ("được giao 45,8 tỷ đồng,
    đã giải ngân 31,2 tỷ đồng": disbursed), else the heading's; planned for a target."""
    words = v.folded[max(0, start - FLOW_REACH) : start]
    found = [(m.start(), k) for k in _FLOW_ORDER for m in _FLOWS[k].finditer(words)]
    flow = max(found)[1] if found else flow_named(v.ctx.heading)
    return "planned" if is_target and flow is None else flow


def _period(v: SentenceView, m: re.Match[str]) -> str | None:
    """A period stated in the clause ("2021-2025"), else the year of the amount."""
    folded = v.folded
    pm = _PERIOD.search(folded[clause_start(folded, m.start()) : m.end() + PERIOD_REACH])
    if pm:
        return pm.group("period").replace(" ", "")
    year = v.year_near(m.start(), m.end())
    return str(year) if year else None
