"""Counts of units by tier: stocks (``tier_count``) and flows (``recognised_count``).

A count is a number (or ratio) right before a unit word (xã, thôn/bản/…, huyện/thị xã/…);
its tier is named by the verb after the unit ("… xã đạt chuẩn NTM nâng cao") or right
after it ("… khu dân cư NTM kiểu mẫu"), or carried from before ("nâng tổng số xã đạt chuẩn
NTM lên 75 xã"). Words before it tell a stock ("có", "toàn", "lũy kế") from a flow ("thêm",
"công nhận", "đăng ký"); a count listed right after a flow is a flow too.

>>> def counts(text):
...     return [(f.kind, f.count, getattr(f, "total", None), getattr(f, "pct", None), f.tier,
...              f.year)
...             for f in read_counts(SentenceView.example(text))]
>>> counts("Năm 2022, toàn tỉnh có 75/101 xã đạt chuẩn NTM, chiếm 74,3%.")
[('tier_count', 75, 101, 74.3, 'ntm', 2022)]
>>> counts("Nam 2022, toan tinh c6 75/101 x4 dat chuin ndng thén madi, chiém 74,3%.")
[('tier_count', 75, 101, 74.3, 'ntm', 2022)]
>>> counts("Năm 2023 công nhận thêm 6 xã đạt chuẩn NTM nâng cao, 2 xã NTM kiểu mẫu.")
... # doctest: +NORMALIZE_WHITESPACE
[('recognised_count', 6, None, None, 'advanced', 2023),
 ('recognised_count', 2, None, None, 'model', 2023)]
>>> counts("Tỷ lệ xã đạt chuẩn NTM đạt 66,3%; 58,4% số xã đạt chuẩn NTM nâng cao.")
... # doctest: +NORMALIZE_WHITESPACE
[('tier_count', None, None, 58.4, 'advanced', None),
 ('tier_count', None, None, 66.3, 'ntm', None)]
"""

from __future__ import annotations

import dataclasses as dc
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import (
    DECISION,
    clause_end,
    clause_start,
    decision_number,
    is_rural_thon,
    number,
    qualifier,
)
from ntm_analysis.sources.reports.clauses import unit_level as level_of
from ntm_analysis.sources.reports.facts import Fact, RecognisedCount, TierCount, area_fields
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.sentence_view import SentenceView

# Reaches, in characters of the sentence.
TIER_REACH = 90  # the verb naming a tier may start this far after the unit word
TIER_SPAN = 70  # and its tier words run this long ("được công nhận đạt chuẩn NTM nâng cao")
STOCK_WORD_REACH = 40  # a stock word ("có", "lũy kế", "toàn") this far before the count
FLOW_WORD_REACH = 30  # a flow word ("thêm", "công nhận") this far before the count
FLOW_CUE_REACH = 40  # "công nhận/thêm/có" before a count whose tier follows its unit directly
FLOW_AFTER_REACH = 40  # "… được công nhận", "… mới đạt" this far after the unit word
LIST_GAP = 25  # a count this close after a flow continues it ("thêm 4 xã NTM, 3 xã nâng cao")
SHARE_REACH = 25  # "…xã, chiếm 80%" right after the unit word
SHARE_IN_CLAUSE_REACH = 120  # "… đạt chuẩn NTM, chiếm 80%" later in the clause
BRACKET_SHARE_REACH = 30  # "… đạt chuẩn NTM (chiếm 81,02%)" right after the tier words
DECISION_REACH = 60  # the recognising decision may be printed this far after the clause
DECISION_BEFORE = 200  # or this far before the count
RATE_REACH = 80  # "Tỷ lệ xã đạt chuẩn NTM đạt 66,3%": the rate within this many characters
PAREN_REACH = 3  # "(A, B, C)": a bracket right after the count's tier words

UNIT_WORD = re.compile(rf"(?P<xa>{T.XA})|(?P<thon>{T.VILLAGE})|(?P<huyen>{T.DISTRICT})")
_COUNT = re.compile(
    rf"(?<![\w/.,])(?:{T.RATIO}|(?P<n>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,4}}))\s{{0,2}}"
    rf"(?=(?:{UNIT_WORD.pattern}))"
)
# "359 xã và 700 thôn/bản đạt chuẩn …", "13 đơn vị cấp huyện, 366 xã đạt chuẩn …": counts of
# units of different levels joined before one verb share its tier
_COORDINATOR = re.compile(rf"\s*(?:,|&|{W('và')}|{W('cùng')})\s*")
# "58,4% số xã đạt chuẩn NTM", "100% xã đạt chuẩn NTM nâng cao" (without "số" the tier must
# be named: "100% xã có nhà văn hóa đạt chuẩn" is no share of a tier)
_PCT_OF = re.compile(
    rf"{T.PCT}\s{{1,2}}(?:(?P<of>{T.SO}|{W('các')})\s{{1,2}})?(?={UNIT_WORD.pattern})"
)
# "Tỷ lệ xã đạt chuẩn NTM …", or "số xã đạt chuẩn NTM nâng cao chiếm 28,8%" (a "số" label
# states a share only with "chiếm")
_RATE_OF = re.compile(
    rf"(?:(?:{W('tỷ lệ')}|{W('tỉ lệ')})\W{{1,3}}(?:{T.SO}\W{{1,3}})?|(?P<so>{T.SO})\W{{1,3}})"
    rf"(?={UNIT_WORD.pattern})"
)
TRIGGER = re.compile(
    rf"{T.DAT}|{T.CONG_NHAN}|{T.HOAN_THANH}|{W('được')}\s{T.CONG_NHAN}|(?P<finished>{T.FINISHED})"
)
_STOCK_BEFORE = re.compile(
    rf"(?:{T.NANG_TONG}|{T.TONG_SO}|{W('lũy kế')}|{W('luỹ kế')}|{T.CO}|(?P<area>{W('toàn')}))"
    rf"[^;]{{0,{STOCK_WORD_REACH}}}$"
)
_FLOW_BEFORE = re.compile(
    rf"(?:{T.THEM}|{T.CONG_NHAN}|{W('tăng')}|{W('đăng ký')}|{W('phấn đấu')})"
    rf"[^;,]{{0,{FLOW_WORD_REACH}}}$"
)
# "… được (UBND tỉnh) công nhận", "3 xã mới đạt chuẩn" (right after the unit: not "nông thôn
# mới, đạt …")
_FLOW_AFTER = re.compile(
    rf"{W('được')}(?:\s[^\s,;.:]+){{0,5}}?{T.SEP}{T.CONG_NHAN}|^\W{{0,3}}(?:{W('vừa')}\s{{1,2}})?{W('mới')}\s{{1,2}}{T.DAT}"
    rf"|^\W{{0,3}}{W('đăng ký')}|{T.FINISHED}"
)
# where a count's tier words end: a comma, or "và" before the next figure
_NEXT_CLAUSE = re.compile(rf",|\s{W('và')}\s{{1,2}}(?=(?:[a-z]+\s){{0,2}}\d)")
_FLOW_CUE = re.compile(rf"{T.CONG_NHAN}|{T.THEM}|{T.CO}")
_THEM = re.compile(T.THEM)
_INCREASED = re.compile(W("tăng"))
# "công nhận thêm 12 khu dân cư NTM kiểu mẫu": the tier's name right after the unit word
_TIER_AFTER_UNIT = re.compile(rf"\W{{0,3}}{T.NTM}(?:\W{{1,3}}(?:{T.ADVANCED}|{T.MODEL}))?")
# the words whose end is the end of a named tier
_TIER_PHRASES = tuple(re.compile(p) for p in (T.MODEL, T.ADVANCED, T.NTM, T.DAT_CHUAN, T.COMPLETED))
# "nâng tổng số … lên", "đưa tổng số … lên", "nâng số xã … lên"
_RAISED_TO = re.compile(
    rf"(?:{W('nâng')}|{W('đưa')}|{W('tăng')})\W{{1,3}}(?:{W('tổng')}\W{{1,3}})?"
    rf"(?:{T.SO}\W{{1,3}})?(?P<mid>.*?){T.LEN}\W*$"
)
# "số xã đạt chuẩn NTM nâng cao là 129 xã", "Số xã đạt chuẩn NTM: 12 xã", "… có 14 xã"
_LABELLED = re.compile(
    rf"(?:{T.SO}\W{{1,3}})(?:{T.XA}|{T.VILLAGE}|{T.DISTRICT})(?P<mid>[^;:]*?)"
    rf"(?:{W('là')}|:|{W('có')}|{W('đạt')})\W{{0,3}}$"
)
# a ratio right after its label, its verb unread ("số xã đạt chuẩn NTM nâng cao của tỉnh ga
# 82/112 xã": OCR printed "là" as "ga")
_LABELLED_RATIO = re.compile(
    rf"(?:{T.SO}\W{{1,3}})(?:{T.XA}|{T.VILLAGE}|{T.DISTRICT})(?P<mid>[^;:]*?)\s(?:\S{{1,3}}\s{{1,2}})?$"
)
_TOTAL_OF = re.compile(rf"{T.TONG_SO}\W{{1,3}}{T.XA}(?P<mid>[^:]*):?\W*$")  # "Tổng số xã …:"
# "… thì đến cuối năm 2024 con số này đã là 74 xã": the figure before, restated later
_RESTATED = re.compile(
    rf"{W('con số')}\W{{1,3}}(?:{W('này')}|{W('đó')}|{W('trên')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
    rf"\W{{1,3}}(?:{W('là')}|{T.LEN})\W{{1,3}}$"
)
# "…, vượt 1 xã so với kế hoạch (đề ra) là 2 xã": the plan the figure before is measured on
_PLANNED = re.compile(
    rf"(?:{W('kế hoạch')}|{W('chỉ tiêu')}|{W('mục tiêu')})(?:\W{{1,3}}[a-z0-9]+){{0,3}}?"
    rf"\W{{1,3}}(?:(?:{W('là')}|:)\W{{0,3}})?$"
)
# "Số xã đạt chuẩn NTM, NTM nâng cao và NTM kiểu mẫu … lần lượt là 119 xã, 74 xã và 26 xã"
_RESPECTIVELY = re.compile(W("lần lượt"))
# "đạt (từ) 15-18 tiêu chí (nâng cao)", "đạt 17/19 tiêu chí": criteria met, not a tier
_BAND_AFTER = re.compile(
    rf"{T.DAT}\W{{1,3}}(?:[a-z]{{2,4}}\W{{1,3}})?\d{{1,2}}(?:\s?(?:-|–|/|{W('đến')})\s?\d{{1,2}})?"
    rf"\W{{1,3}}{T.TIEU_CHI}"
)
# a label that names a flow: "số xã đạt chuẩn … được (UBND tỉnh) công nhận là 15 xã", "số
# thôn được công nhận thêm …" (not "số thôn được công nhận đạt chuẩn …": the units holding it)
_FLOW_LABEL = re.compile(
    rf"{W('được')}(?:\s[^\s,;.:]+){{0,3}}?{T.SEP}{T.CONG_NHAN}(?!{T.SEP}{T.DAT})|{T.THEM}"
)
_CUMULATIVE = re.compile(rf"{W('lũy kế')}|{W('luỹ kế')}|{T.TONG_SO}|{T.NOW.pattern}")
# the words between two flows of one tier in different years: "(vào) năm 2023 và", ", năm
# 2023 là"
_YEAR_ONLY = re.compile(
    rf"\W*(?:(?:{W('vào')}|{W('trong')})\W{{1,3}})?(?:{T.YEAR})?\W*(?:(?:{W('và')}|{W('là')})\W*)?$"
)
_LABEL_PARTS = re.compile(rf",|&|\s{W('và')}\s")
_NEGATED = re.compile(rf"{W('chưa')}\W{{1,3}}$")  # "63 xã chưa đạt chuẩn": not of the tier
_YEAR_END = re.compile(T.YEAR + r"$")
_NOT_YET = re.compile(T.NOT_YET)
# the words that state a count as a share: "chiếm", "bằng", "tương ứng (tỷ lệ)", "tương đương"
_AS_SHARE = (
    rf"(?:{T.CHIEM}|{W('bằng')}|(?:{W('tương ứng')}|{W('tương đương')})"
    rf"(?:\W{{1,3}}(?:{W('với')}|{W('tỷ lệ')}|{W('tỉ lệ')}))?)"
)
_SHARE_AFTER = re.compile(rf"^\W{{0,3}}(?:{T.DAT}|{_AS_SHARE})?\W{{0,3}}{T.PCT}")
_SHARE_LATER = re.compile(
    rf"(?:(?:{T.DAT}\W{{1,3}})?(?:{W('tỷ lệ')}|{W('tỉ lệ')})|{_AS_SHARE})\W{{0,3}}{T.PCT}"
)
_RATIO_BRACKET = re.compile(rf"\s*\(\s*{T.RATIO}\s{{0,2}}(?:{T.XA}|{T.VILLAGE}|{T.DISTRICT})?\s*\)")
# "(chiếm 81,02%)", "(đạt gần 73%)": a qualifier word may stand before the share
_SHARE_QUALIFIER = (
    rf"(?:(?:{W('gần')}|{W('khoảng')}|{W('hơn')}|{W('trên')}|{W('xấp xỉ')})\W{{1,2}})?"
)
_SHARE_BRACKET = re.compile(
    rf"\s*\(\s*(?:{T.DAT}|{_AS_SHARE}|{W('tỷ lệ')}|{W('tỉ lệ')})?\W{{0,3}}"
    rf"(?P<q>{_SHARE_QUALIFIER}){T.PCT}\s*\)"
)
# "105/160 xã đạt chuẩn NTM, đạt 65,6%": a share said with "đạt" after the tier words, taken
# only when it is the ratio's own (a plan's share is said alike: "đạt 100% kế hoạch")
_RATIO_SHARE = re.compile(rf"\W{{1,3}}{T.DAT}\W{{1,3}}{T.PCT}(?!\s*(?:{W('kế hoạch')}|{W('so')}))")
RATIO_SHARE_SLACK = 0.1  # percentage points the stated share may differ from the ratio's
_RATE_VALUE = re.compile(rf"(?:{T.DAT}|{W('là')}|{T.CHIEM})?\W{{0,3}}{T.PCT}")
_CHIEM_VALUE = re.compile(rf"{T.CHIEM}\W{{0,3}}{T.PCT}")
# "87,3% (103/118 xã)", "28,8% (34 xã)": the count (over the total) the share is of
_COUNT_BRACKET = re.compile(
    rf"\s*\(\s*(?:{T.RATIO}|(?P<n>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,4}}))\s{{0,2}}"
    rf"(?:{T.XA}|{T.VILLAGE}|{T.DISTRICT})?\s*\)"
)


@dataclass
class _Run:
    """What the counts read so far in the sentence pass on to the next one."""

    tier: str | None = None
    flow: bool = False
    end: int = 0
    # counts after "lần lượt": position -> (tier named for it before, flow?)
    respective: dict[int, tuple[str, bool]] = dc.field(default_factory=dict)


@dataclass
class _Stated:
    """One count before its kind is decided: the number, its unit word, clause and tier."""

    m: re.Match[str]
    unit: re.Match[str]
    stop: int  # end of the count's window: the next count or the end of its clause
    window: str  # bare text from the unit word to ``stop``
    before: str  # bare text from the clause start to the number
    tier: str | None = None
    tier_end: int = 0
    verb: re.Match[str] | None = None  # "đạt", "công nhận" … after the unit word
    inherited: bool = False  # the tier was carried from the count before
    labelled: bool = False  # "số xã … là N xã": a stock named before its figure
    flow: bool | None = None  # the kind when the words before the count tell it
    target: bool | None = None  # a plan stated beside a result ("so với kế hoạch là 2 xã")
    negated: bool = False  # "… xã chưa đạt chuẩn": the units that have not reached the tier
    raised: bool = False  # "…, nâng tổng số lên 112 xã": the total a flow brought, an aside


def read_counts(v: SentenceView) -> list[Fact]:
    """Stocks (``tier_count``) and flows (``recognised_count``) of units by tier."""
    facts: list[Fact] = []
    matches = list(_COUNT.finditer(v.bare))
    run = _Run(respective=_respective_tiers(v.bare, matches))
    for i, m in enumerate(matches):
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(v.bare)
        if m.start() in v.list_counts:  # a flow read with its list of names: the run goes on
            run.end, run.tier = v.list_counts[m.start()]
            run.flow = True
            continue
        st = _stated(v, m, nxt, run)
        if st is None and i + 1 < len(matches):
            st = _coordinated(v, matches, i, run)
        if st is None or (m.start(), "count") in v.used:
            continue
        v.used.add((m.start(), "count"))
        facts.append(_count_fact(v, st, run))
    facts.extend(_read_pct_of(v))
    facts.extend(_read_rate_of(v))
    facts.extend(_read_ordinals(v))
    return facts


def _stated(v: SentenceView, m: re.Match[str], nxt: int, run: _Run) -> _Stated | None:
    """The count at ``m`` with its tier, or None when it is no count of units by tier."""
    bare = v.bare
    um = UNIT_WORD.match(bare, m.end())
    if um is None or (um.group("thon") and is_rural_thon(bare, um.start())):
        return None
    if m.group("n") and _YEAR_END.search(bare[: m.end()].rstrip()):
        return None  # "Năm 2022 xã …": a year, not a count
    stop = min(nxt, clause_end(bare, um.end()))
    # the words before the count, since its clause began or the count before it ended
    before = bare[max(clause_start(bare, m.start()), run.end) : m.start()]
    st = _Stated(m, um, stop, bare[um.end() : stop], before, tier_end=um.end())
    _tier_after(v, st)
    if st.negated:
        return None
    if st.tier is None and m.start() in run.respective:
        st.tier, st.flow = run.respective[m.start()]
    if st.tier is None and st.verb is not None and st.verb.group("finished"):
        # "… có 5 xã về đích": the tier of the counts before, else the first tier
        st.tier, st.inherited = run.tier or "ntm", run.tier is not None
    if st.tier is None and _tier_before(v, st, run):
        return st
    if (
        st.tier is None
        and run.flow
        and _YEAR_ONLY.fullmatch(before)
        and _YEAR_ONLY.match(st.window)
    ):
        # "… tăng lên 10 xã vào năm 2023 và 12 xã vào năm 2024": one more flow of the same
        # tier, in another year
        st.tier, st.inherited = run.tier, True
    if st.tier is None and run.tier and _FLOW_BEFORE.search(before) and not st.window.strip(" ,."):
        # "năm 2022 công nhận 6 xã đạt chuẩn NTM nâng cao; năm 2023 công nhận 9 xã": a flow
        # whose clause says nothing after its unit keeps the tier of the count before it
        st.tier, st.inherited = run.tier, True
    return st if st.tier is not None else None


def _respective_tiers(bare: str, matches: list[re.Match[str]]) -> dict[int, tuple[str, bool]]:
    """The tiers a label names in order, given to the counts stated after "lần lượt" ("Số xã
    đạt chuẩn NTM, NTM nâng cao và NTM kiểu mẫu lần lượt là 119 xã, 74 xã và 26 xã"); one
    tier named goes to every count. A "thêm"/"tăng" in the label makes them flows."""
    if len(matches) < 2:
        return {}
    out: dict[int, tuple[str, bool]] = {}
    for r in _RESPECTIVELY.finditer(bare):
        start = max(
            [clause_start(bare, r.start())] + [m.end() for m in matches if m.end() <= r.start()]
        )
        label = bare[start : r.start()]
        tiers = [t for t in (T.tier_of(p) for p in _LABEL_PARTS.split(label)) if t]
        stop = clause_end(bare, r.end())
        after = [m.start() for m in matches if r.end() <= m.start() < stop]
        if not tiers or len(tiers) not in (1, len(after)):
            continue
        flow = bool(_THEM.search(label) or _INCREASED.search(label))
        out.update((at, (tiers[min(i, len(tiers) - 1)], flow)) for i, at in enumerate(after))
    return out


def _coordinated(
    v: SentenceView, matches: list[re.Match[str]], i: int, run: _Run
) -> _Stated | None:
    """A count with no verb of its own joined to the next count of another unit level, whose
    verb it shares ("359 xã và 700 thôn/bản miền núi đạt chuẩn NTM"); None otherwise (a
    count of the same level before another is its total: "có 194 xã, 15 xã đạt chuẩn")."""
    bare, m, nm = v.bare, matches[i], matches[i + 1]
    um, num = UNIT_WORD.match(bare, m.end()), UNIT_WORD.match(bare, nm.end())
    if um is None or num is None or level_of(um) == level_of(num):
        return None
    if not _COORDINATOR.fullmatch(bare, um.end(), nm.start()):
        return None
    if m.group("n") and _YEAR_END.search(bare[: m.end()].rstrip()):
        return None
    after = matches[i + 2].start() if i + 2 < len(matches) else len(bare)
    shared = _stated(v, nm, after, _Run(run.tier, run.flow, run.end))
    if shared is None or shared.tier is None or shared.inherited:
        return None
    before = bare[max(clause_start(bare, m.start()), run.end) : m.start()]
    gap = bare[um.end() : nm.start()]
    return _Stated(m, um, nm.start(), gap, before, shared.tier, um.end(), shared.verb)


def _tier_after(v: SentenceView, st: _Stated) -> None:
    """The tier named after the unit word: by a verb ("đạt chuẩn NTM nâng cao") or directly
    ("12 khu dân cư NTM kiểu mẫu" after "công nhận", "thêm" or "có")."""
    um, window = st.unit, st.window
    st.verb = TRIGGER.search(window[:TIER_REACH])
    if st.verb and _NEGATED.search(window[: st.verb.start()]):
        st.negated = True
        return
    if st.verb and _BAND_AFTER.match(window, st.verb.start()):
        st.verb = None  # "12 xã đạt từ 15-18 tiêu chí nâng cao": a band of criteria met
        return
    if st.verb:
        seg = window[st.verb.start() : st.verb.start() + TIER_SPAN].split(";")[0]
        head = _NEXT_CLAUSE.split(seg)[0]
        seg = head if T.tier_of(head) else seg  # the tier's words end at their clause
        st.tier = T.tier_of(seg)
        if st.tier:
            ends = [x.end() for x in (p.search(seg) for p in _TIER_PHRASES) if x]
            st.tier_end = um.end() + st.verb.start() + max(ends)
        return
    direct = _TIER_AFTER_UNIT.match(window)
    if direct and _FLOW_CUE.search(v.bare[: st.m.start()][-FLOW_CUE_REACH:]):
        st.tier, st.tier_end = T.tier_of(direct.group(0)), um.end() + direct.end()


def _tier_before(v: SentenceView, st: _Stated, run: _Run) -> bool:
    """A tier carried from before the count ("nâng tổng số xã đạt chuẩn NTM lên 75 xã",
    "số xã đạt chuẩn NTM nâng cao là 129 xã"), or a total without a tier ("Tổng số xã …:
    17/17 xã"); False when the count has neither."""
    raised = _RAISED_TO.search(st.before)
    bare, start = v.bare, st.m.start()
    clause = bare[bare.rfind(";", 0, start) + 1 : start]
    total = _TOTAL_OF.search(clause)
    labelled = _LABELLED.search(clause) or (st.m.group("total") and _LABELLED_RATIO.search(clause))
    restated = run.tier is not None and _RESTATED.search(st.before)
    if raised and not restated:
        # "nâng tổng số xã đạt chuẩn lên 103/116 xã": the tier of the counts before it, else
        # the one its words name (a bare "đạt chuẩn" is the first tier)
        named = explicit_tier(raised.group("mid"))
        st.tier, st.inherited = named or run.tier or T.tier_of(raised.group("mid")), named is None
        st.flow, st.raised = False, True  # "tăng số xã … lên 80 xã": the stock raised to
    elif restated:  # "con số này (tăng) lên 10 xã": the figure before, of the same kind
        st.tier, st.inherited, st.flow = run.tier, True, run.flow
    elif run.tier and _PLANNED.search(st.before):
        st.tier, st.inherited, st.flow, st.target = run.tier, True, run.flow, True
    elif labelled and T.tier_of(labelled.group("mid")) and not _NOT_YET.search(labelled.group(0)):
        # "Số xã chưa đạt chuẩn còn lại: 38 xã …": units that have not reached it
        st.tier = T.tier_of(labelled.group("mid"))
        st.labelled = True
        # "Số xã đạt chuẩn NTM nâng cao được công nhận (thêm) là 15 xã": the label is a flow's
        # unless the sentence counts up to a date ("Lũy kế …, số xóm được công nhận … là 142")
        flow_label = _FLOW_LABEL.search(labelled.group("mid"))
        st.flow = bool(flow_label and not _CUMULATIVE.search(bare, 0, start)) or None
    elif not (total and st.m.group("total")):
        return False
    return st.tier is not None or total is not None


def _is_flow(v: SentenceView, st: _Stated, run: _Run) -> bool:
    """A flow: a flow word before (unless a stock word rules) or after the count, or a count
    listed right after a flow; a ratio or a labelled count is always a stock."""
    if st.flow is not None:
        return st.flow
    if st.m.group("total") or st.labelled:
        return False
    stock = _STOCK_BEFORE.search(st.before)
    # "có thêm 4 xã …, 3 xã …": a "thêm" after the stock word makes both flows
    added = bool(stock) and _THEM.search(st.before[stock.start() :])
    stock_before = bool(stock) and not added
    if stock and stock.group("area") and _FLOW_BEFORE.search(st.before, stock.end("area")):
        stock_before = False  # "toàn tỉnh công nhận 7 xã": "toàn" names the area only
    marker = (
        added
        or (_FLOW_BEFORE.search(st.before) and not stock_before)
        or _FLOW_AFTER.search(st.window[:FLOW_AFTER_REACH])
    )
    gap = " ".join(v.bare[run.end : st.m.start()].split())  # a "(A, B, C)" list is no gap
    return bool(marker) or (run.flow and not stock_before and (";" in gap or len(gap) < LIST_GAP))


def _count_fact(v: SentenceView, st: _Stated, run: _Run) -> Fact:
    """The stock or flow a stated count is, with its share, year, decision and area."""
    m, um = st.m, st.unit
    flow = _is_flow(v, st, run)
    end = max(st.tier_end, um.end())
    level = level_of(um)
    confidence = 0.6 if st.tier is None else 0.8 if st.inherited else 0.9
    if m.group("total"):
        count, total = number(m.group("count")), number(m.group("total"))
    else:
        count, total = int(number(m.group("n"))), None
    area = area_fields(v.areas.at(m.start(), level, st.stop))
    f: Fact
    if flow:
        decision = _decision(v, m.start(), st.stop)
        f = RecognisedCount(
            **v.head(m.start(), end, st.target),
            confidence=confidence,
            unit_level=level,
            tier=st.tier,
            count=count,
            year=v.year_near(m.start(), end),
            as_of=v.as_of(m.start(), end),
            decision=decision,
            **area,
        )
    else:
        pct, end, how = _share(v, st, end)
        f = TierCount(
            **v.head(m.start(), end, st.target),
            confidence=confidence,
            unit_level=level,
            tier=st.tier,
            count=count,
            total=total,
            pct=pct,
            pct_qualifier=how,
            year=v.year_near(m.start(), end),
            as_of=v.as_of(m.start(), end),
            **area,
        )
    # "có thêm 10 xã …, nâng tổng số … lên 112 xã; 6 xã …": the list of flows goes on
    run.tier, run.flow, run.end = st.tier or run.tier, flow or (st.raised and run.flow), end
    return f


def _decision(v: SentenceView, start: int, stop: int) -> str | None:
    """The recognising decision printed with a flow: in its clause after it, else the last
    one before it in the sentence ("Quyết định số 66/QĐ-UBND công nhận thêm 8 xã …")."""
    after = DECISION.search(v.folded, start, stop + DECISION_REACH)
    if after:
        return decision_number(v.text, after)
    before = list(DECISION.finditer(v.folded, max(0, start - DECISION_BEFORE), start))
    return decision_number(v.text, before[-1]) if before else None


def _share(v: SentenceView, st: _Stated, end: int) -> tuple[int | float | None, int, str | None]:
    """The share a stock states with it ("…, chiếm 74,3%", "(75%)", "(đạt gần 73%)"), the
    stock's new end and how exact the share is when not exactly ("gần" → approx)."""
    um = st.unit
    pm = _SHARE_AFTER.search(v.bare[um.end() : um.end() + SHARE_REACH])
    base = um.end()
    if pm is None:  # "122/193 xã (63,2%) đạt chuẩn …": the share in brackets after the unit
        pm = _SHARE_BRACKET.match(v.folded[um.end() : um.end() + BRACKET_SHARE_REACH])
    if pm is None and (st.verb or st.labelled):
        pm = _SHARE_LATER.search(st.window[:SHARE_IN_CLAUSE_REACH])
    if pm is None:  # "… đạt chuẩn NTM (chiếm 81,02%)", "… (75%)"
        pm = _SHARE_BRACKET.match(v.folded[st.tier_end : st.tier_end + BRACKET_SHARE_REACH])
        base = st.tier_end
    if pm is None and st.m.group("total"):
        pm = _RATIO_SHARE.match(v.bare[st.tier_end : st.tier_end + SHARE_REACH])
        if pm is not None and not _is_ratio_share(st.m, pm.group("pct")):
            pm = None
    if pm is None:
        return None, end, None
    v.used.add((base + pm.start("pct"), "pct"))
    how = qualifier(pm.group("q") or "") if "q" in pm.groupdict() else "exact"
    return number(pm.group("pct")), max(end, base + pm.end()), None if how == "exact" else how


def _is_ratio_share(m: re.Match[str], pct: str) -> bool:
    """Whether ``pct`` is the share the ratio ``count/total`` makes (rounded as printed).

    >>> _is_ratio_share(re.match(T.RATIO, "105/160"), "65,6")
    True
    """
    total = number(m.group("total"))
    return bool(total) and abs(100 * number(m.group("count")) / total - number(pct)) <= (
        0.05 + RATIO_SHARE_SLACK
    )


# "(là) đơn vị cấp huyện thứ 7 của tỉnh đạt chuẩn NTM": the seventh unit to reach a tier
# makes seven; the ordinal stands right after the unit word ("huyện miền núi đầu tiên" is the
# first of a kind, not a count of the province's districts)
_ORDINAL_WORDS = {
    "nhat": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10,
}  # fmt: skip
_ORDINAL = re.compile(
    rf"\s{{1,2}}{W('thứ')}\s{{1,2}}(?P<n>\d{{1,3}}|{'|'.join(_ORDINAL_WORDS)})(?![\w/])"
)
_UNIT_BEFORE = re.compile(rf"(?:(?P<xa>{T.XA})|(?P<huyen>{T.DISTRICT}))$")
UNIT_WORD_REACH = 20  # "đơn vị cấp huyện" before "thứ"


def _read_ordinals(v: SentenceView) -> Iterator[Fact]:
    """Stocks stated as the rank of the last unit to reach a tier ("đơn vị cấp huyện thứ 7
    của tỉnh Bắc Giang đạt chuẩn nông thôn mới": 7 district-level units)."""
    bare = v.bare
    for m in _ORDINAL.finditer(bare):
        unit = _UNIT_BEFORE.search(bare, max(0, m.start() - UNIT_WORD_REACH), m.start())
        if unit is None:
            continue
        stop = clause_end(bare, m.end())
        window = bare[m.end() : stop]
        trig = TRIGGER.search(window[:TIER_REACH])
        tier = T.tier_of(window[trig.start() : trig.start() + TIER_SPAN]) if trig else None
        if tier is None or (m.start("n"), "count") in v.used:
            continue
        v.used.add((m.start("n"), "count"))
        n = m.group("n")
        level = "commune" if unit.group("xa") else "district"
        end = m.end() + trig.start() + TIER_SPAN if trig else m.end()
        yield TierCount(
            **v.head(unit.start(), min(end, stop)),
            unit_level=level,
            tier=tier,
            count=int(n) if n.isdigit() else _ORDINAL_WORDS[n],
            year=v.year_near(unit.start(), m.end()),
            as_of=v.as_of(unit.start(), m.end()),
            **area_fields(v.areas.at(unit.start(), level, stop)),
        )


def explicit_tier(folded: str) -> str | None:
    """A tier only when named (NTM, nâng cao, kiểu mẫu); a bare "đạt chuẩn" names none.

    >>> explicit_tier("so xa dat chuan ntm "), explicit_tier("so xa dat chuan ")
    ('ntm', None)
    """
    tier = T.tier_of(folded)
    if tier == "ntm" and not T.names_tier(folded):
        return None
    return tier


def _read_rate_of(v: SentenceView) -> Iterator[Fact]:
    """``Tỷ lệ xã đạt chuẩn NTM đạt 66,3%``: a stock stated as a rate only."""
    bare = v.bare
    for m in _RATE_OF.finditer(bare):
        um = UNIT_WORD.match(bare, m.end())
        if um is None or (um.group("thon") and is_rural_thon(bare, um.start())):
            continue
        stop = clause_end(bare, um.end())
        window = bare[um.end() : min(stop, um.end() + RATE_REACH)]
        pm = (_CHIEM_VALUE if m.group("so") else _RATE_VALUE).search(window)
        trig = TRIGGER.search(window[: pm.start()]) if pm else None
        if trig is None or pm is None:
            continue
        tier = T.tier_of(window[trig.start() : pm.start()])
        pct_at = um.end() + pm.start("pct")
        if tier is None or (pct_at, "pct") in v.used:
            continue
        v.used.add((pct_at, "pct"))
        end = um.end() + pm.end()
        yield _with_bracket(v, _share_only(v, m.start(), end, um, stop, tier, pm.group("pct")), end)


def _with_bracket(v: SentenceView, fact: TierCount, at: int) -> TierCount:
    """A share's stock with the count (over the total) a bracket right after it gives."""
    bm = _COUNT_BRACKET.match(v.folded, at)
    if bm is None:
        return fact
    if bm.group("n"):
        return dc.replace(fact, count=number(bm.group("n")))
    return dc.replace(fact, count=number(bm.group("count")), total=number(bm.group("total")))


def _read_pct_of(v: SentenceView) -> Iterator[Fact]:
    """``58,4% số xã đạt chuẩn NTM kiểu mẫu``: a stock stated as a share only."""
    bare = v.bare
    found = list(_PCT_OF.finditer(bare))
    for i, m in enumerate(found):
        um = UNIT_WORD.match(bare, m.end())
        if um is None or (m.start("pct"), "pct") in v.used:
            continue
        # "100% số xã đạt chuẩn NTM và 50% số xã …": up to the next share at most
        stop = min([clause_end(bare, um.end()), *(x.start() for x in found[i + 1 : i + 2])])
        window = bare[um.end() : stop]
        trig = TRIGGER.search(window[:TIER_REACH])
        if not trig:
            continue
        seg = window[trig.start() : trig.start() + TIER_SPAN]
        head = _NEXT_CLAUSE.split(seg)[0]
        seg = head if T.tier_of(head) else seg  # "60% số xã đạt chuẩn NTM và ít nhất 30 xã …"
        tier = T.tier_of(seg) if m.group("of") else explicit_tier(seg)
        if tier is None:
            continue
        v.used.add((m.start("pct"), "pct"))
        end = um.end() + trig.start() + len(seg.rstrip())  # the year is looked for up to here
        fact = _share_only(v, m.start(), min(end, stop), um, stop, tier, m.group("pct"), end)
        # "100% số xã (207/207 xã) …", "gần 80% số xã của tỉnh (179/225 xã) đã đạt …": a
        # bracket before the verb
        ratio = _RATIO_BRACKET.search(v.folded, um.end(), um.end() + trig.start())
        if ratio:
            count, total = number(ratio.group("count")), number(ratio.group("total"))
            fact = dc.replace(fact, count=count, total=total)
        yield fact


def _approx(before: str) -> str | None:
    """The qualifier the words before a share give it; None when exact."""
    q = qualifier(before)
    return None if q == "exact" else q


def _share_only(
    v: SentenceView,
    start: int,
    end: int,
    um: re.Match[str],
    stop: int,
    tier: str,
    pct: str,
    year_end: int | None = None,
) -> TierCount:
    level = level_of(um)
    return TierCount(
        **v.head(start, end),
        unit_level=level,
        tier=tier,
        count=None,
        total=None,
        pct=number(pct),
        pct_qualifier=_approx(v.bare[max(0, start - 12) : start]),  # "gần 80% số xã …"
        year=v.year_near(start, year_end or end),
        as_of=v.as_of(start, year_end or end),
        **area_fields(v.areas.at(start, level, stop)),
    )
