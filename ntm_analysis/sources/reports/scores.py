"""Scores against the criteria: ``avg_criteria`` and ``criteria_count`` (bands: `bands`).

An average ("bình quân đạt 16,8 tiêu chí/xã", "Số tiêu chí bình quân/xã: 16,13", "bình quân
mỗi xã đạt 10,2 tiêu chí"), one unit's score ("Xã Gio Hải đạt 17/19 tiêu chí NTM", "các xã
A, B đạt 18/19 tiêu chí", "xã A (11/19 tiêu chí)"; "33/35 chỉ tiêu" beside it is no score of
criteria). Scores state a current assessment: inside a plan section they are still not
targets unless their own sentence says so.

>>> def scores(text):
...     return [(f.kind, getattr(f, "value", None) or f.met, getattr(f, "commune", None))
...             for f in read_scores(SentenceView.example(text))]
>>> scores("Bình quân toàn tỉnh đạt 16,8 tiêu chí/xã; xã Gio Mỹ, Gio Hải đạt 18/19 tiêu chí.")
[('avg_criteria', 16.8, None), ('criteria_count', 18, 'Gio Mỹ'), ('criteria_count', 18, 'Gio Hải')]
>>> scores("Binh quan toan tinh dat 16,8 tiéu chi/x4.")
[('avg_criteria', 16.8, None)]
>>> [(f.commune, f.met, f.of, f.criteria_set) for f in read_scores(
...     SentenceView.example("Xã Gio Hải đạt 17/19 tiêu chí xã NTM nâng cao."))]
[('Gio Hải', 17, 19, 'commune_advanced')]
"""

from __future__ import annotations

import re

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import NUMBER_WORD, clause_start, is_rural_thon, number
from ntm_analysis.sources.reports.facts import (
    CRITERIA_SETS,
    OUTPUT_SET,
    AverageCriteria,
    CriteriaCount,
    Fact,
    area_fields,
)
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.lists import NameList, capture
from ntm_analysis.sources.reports.names import Unit, resolve_district
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
# "đạt 17/19 tiêu chí", "hoàn thành 19 tiêu chí", "có 19/19 tiêu chí đạt chuẩn", "(thấp nhất)
# với 9/19 tiêu chí"
_MET = re.compile(
    rf"(?P<verb>{T.DAT}|{T.HOAN_THANH}|(?P<has>{W('có')})|(?P<with>{W('với')}))\W{{1,3}}"
    rf"(?P<met>\d{{1,2}})"
    rf"(?:\s?/\s?(?P<of>\d{{1,2}}))?\s{{0,2}}{T.TIEU_CHI}"
)
CRITERIA_OF = 19  # a commune's score printed without its total is out of the sets' 19
HAS_STATUS_REACH = 24  # "có 19/19 tiêu chí đạt chuẩn": the status stated after the score
_NOT_MET = re.compile(T.NOT_MET)
_SCORE_LEAD = re.compile(
    rf"\W{{0,3}}(?:(?:{W('hiện')}|{W('hiện nay')}|{W('đều')}|{W('đã')}|{W('cùng')}"
    rf"|{W('đến nay')}|{W('mới')}|{W('chỉ')})\W{{1,3}}){{0,3}}"
)
_BRACKET_SCORE = re.compile(
    rf"\s*\(\s*(?:{T.DAT}\W{{1,3}})?(?P<met>\d{{1,2}})\s?/\s?(?P<of>\d{{1,2}})\s{{0,2}}"
    rf"{T.TIEU_CHI}[^()]{{0,30}}\)"
)
_XA = re.compile(T.XA)
# a count of communes right before the score: the score is the band of a group, not one's
_COUNTED = re.compile(
    rf"(?:(?<![\w/.,])\d{{1,3}}|{NUMBER_WORD})\s{{1,2}}{T.XA}(?:\W{{1,3}}{W('đều')})?\W{{0,3}}$"
)
# a counted group of communes ("40 xã …", "hai xã …"), and the verb ending its words
_GROUP = re.compile(rf"(?:(?<![\w/.,])\d{{1,3}}(?:\.\d{{3}})*|{NUMBER_WORD})\s{{1,2}}{T.XA}")
_VERB_END = re.compile(rf"\W*(?:{T.DAT}|{W('có')})?\W*$")
_THON = re.compile(T.THON)
_SET_NAMED = re.compile(rf"\W{{0,3}}(?:{T.XA}\W{{1,3}})?(?:{W('đạt chuẩn')}\W{{1,3}})?{T.NTM}")
_NOT_COMMUNE_SET = re.compile(rf"\W{{0,3}}(?:{T.THON}|{T.DISTRICT})")
# "đạt 8/9 tiêu chí huyện …": the set of a district, no commune's score
_DISTRICT_SET = re.compile(rf"\W{{0,3}}(?:{W('của')}\W{{1,3}})?{T.DISTRICT}(?![a-z])")
_SUBJECT = re.compile(rf"\W*(?:[^,;:]{{0,30}}?,\s*)?{T.DISTRICT}\s+[A-ZÀ-ỸĐa-z]", re.I)
_COUNTED_UNITS = re.compile(rf"\d{{1,3}}\s?/\s?\d{{1,3}}\s{{1,2}}(?:{T.XA}|{T.VILLAGE})")
# "lần lượt (là/đạt) 8/19, 10/19 và 12/19 tiêu chí" after a list: one score per name
_RATIO = re.compile(r"(?P<met>\d{1,2})\s?/\s?(?P<of>\d{1,2})")
_RESPECTIVELY = re.compile(
    rf"\W{{0,3}}(?:(?:{W('hiện')}|{W('đã')}|{W('đến nay')})\W{{1,3}})?"
    rf"(?:(?:{T.DAT}|{T.HOAN_THANH})\W{{1,3}})?{W('lần lượt')}\W{{1,3}}"
    rf"(?:(?:{T.DAT}|{W('là')}|{T.HOAN_THANH})\W{{1,3}})?"
    rf"(?P<seq>\d{{1,2}}\s?/\s?\d{{1,2}}(?:(?:\W{{1,3}}|\W{{0,3}}{W('và')}\W{{1,3}})"
    rf"\d{{1,2}}\s?/\s?\d{{1,2}})+)\s{{0,2}}{T.TIEU_CHI}"
)
# "tăng/giảm (thêm) 1,2 tiêu chí" with no "lên/còn" before the figure: a change of the
# average ("tăng từ 15,2 lên 16,4 tiêu chí" states the average after the change)
_CHANGED = re.compile(rf"(?:{W('tăng')}|{W('giảm')}|{T.THEM})(?!.*(?:{T.LEN}|{W('còn')}|{T.DAT}))")
_MODEL_AFTER = re.compile(rf"\W{{1,3}}{T.MODEL}")
_ADVANCED_AFTER = re.compile(rf"\W{{1,3}}{T.ADVANCED}")


def read_scores(v: SentenceView) -> list[Fact]:
    """``avg_criteria`` and ``criteria_count`` facts (bands: `bands`)."""
    if not v.names_criteria:
        return []
    return [*_averages(v), *_unit_scores(v)]


def _averages(v: SentenceView) -> list[Fact]:
    """Averages of the area ("bình quân toàn tỉnh đạt 16,8 tiêu chí/xã"), or of a counted
    group of communes named as the subject ("Riêng 40 xã trong lộ trình … đạt trung bình 14,9
    tiêu chí": ``scope``, and a plan word among the group's words makes no target)."""
    out: list[Fact] = []
    for m in _AVG.finditer(v.folded):
        if _CHANGED.search(v.folded, m.start(), m.start("v")):
            continue  # "bình quân tăng 1,2 tiêu chí/xã": a change of the average, not it
        group = _group_before(v, m.start())
        skip = group or (0, 0)
        scope = v.text[group[0] : group[1]].strip() if group else None
        out.append(
            AverageCriteria(
                **v.head(m.start(), m.end(), v.target_at(m.start(), inherit=False, skip=skip)),
                value=number(m.group("v")),
                scope=scope,
                year=v.year_near(m.start(), m.end()),
                as_of=v.as_of(m.start(), m.end()),
                **area_fields(v.areas.at(m.start(), "commune")),
            )
        )
    return out


def _group_before(v: SentenceView, pos: int) -> tuple[int, int] | None:
    """The span of a counted group of communes that is the subject of the average at ``pos``
    (in its own comma clause: "40 xã nằm trong lộ trình …"), without the verb after it."""
    folded = v.folded
    cs = max(folded.rfind(c, 0, pos) for c in ",;:(") + 1
    g = _GROUP.search(folded, cs, pos)
    if g is None:
        return None
    verb = _VERB_END.search(folded, g.start(), pos)
    return g.start(), verb.start() if verb else pos


def _unit_scores(v: SentenceView) -> list[Fact]:
    """One unit's score: the communes listed right before it ("các xã A, B (huyện C) đạt
    18/19 tiêu chí"), each in brackets after its name ("xã A (11/19 tiêu chí)"), the commune
    named in the clause before (else the section's), or the villages the clause names ("Các
    thôn còn lại đạt 15/19 tiêu chí")."""
    folded, facts = v.folded, []
    facts.extend(_bracketed_scores(v))
    facts.extend(_respective_scores(v))
    for m in _MET.finditer(folded):
        if (m.start("met"), "score") in v.used:
            continue
        if _NOT_MET.search(folded[max(0, m.start() - NOT_MET_BEFORE) : m.start() + NOT_MET_AFTER]):
            continue
        if not _plain_score(folded, m):
            continue
        if _DISTRICT_SET.match(folded, m.end()) or _district_subject(v, m.start()):
            continue  # "huyện đạt 8/9 tiêu chí huyện NTM": the district's own score
        listed = _list_before(v, m.start())
        if listed is not None:
            facts.extend(
                _score(v, m, m.start(), item.name, _holder(v, item.holder)) for item in listed.items
            )
            continue
        lead_at = clause_start(folded, m.start())
        before = folded[lead_at : m.start()]
        if _COUNTED.search(before):
            continue  # "một xã đạt 19/19 tiêu chí", "25 xã đạt 15/19": a band (`bands`)
        commune = None
        for xm in reversed(list(_XA.finditer(before))):  # "Xã A … là xã có số tiêu chí …": A
            cap = capture(v.text, lead_at + xm.end(), after_unit=True)
            if cap:
                commune = cap[0]
                break
        scope = None
        villages = (t for t in _THON.finditer(before) if not is_rural_thon(before, t.start()))
        if commune is None and next(villages, None) is not None:
            scope = v.text[lead_at : m.start()].strip(" -:;,") or None
        elif commune is None:
            commune = v.ctx.commune
        if commune is None and scope is None and (m.group("of") is None or m.group("with")):
            continue  # "… đạt 15 tiêu chí", "với 9/19 tiêu chí" of no commune named: no score
        facts.append(_score(v, m, m.start(), commune, None, scope))
    return facts


def _district_subject(v: SentenceView, pos: int) -> bool:
    """Whether the score at ``pos`` is said of a district: the sentence's subject is a district
    ("Huyện X đã có 9/9 xã đạt chuẩn và đạt 8/9 tiêu chí") and no commune or village is named
    between it and the score (a counted "9/9 xã" is no commune)."""
    folded = v.folded
    lead = _SUBJECT.match(folded)
    if lead is None or lead.end() > pos:
        return False
    between = _COUNTED_UNITS.sub(" ", folded[lead.end() : pos])
    return not (_XA.search(between) or _THON.search(between.replace("nong thon", "")))


def _respective_scores(v: SentenceView) -> list[Fact]:
    """ "các xã A, B, C lần lượt đạt 8/19, 10/19 và 12/19 tiêu chí": as many scores as names,
    the first score the first name's and so on."""
    out: list[Fact] = []
    for nl in v.lists("commune"):
        m = _RESPECTIVELY.match(v.folded, nl.end)
        if m is None:
            continue
        ratios = list(_RATIO.finditer(m.group("seq")))
        if len(ratios) != len(nl.items):
            continue
        for item, r in zip(nl.items, ratios, strict=True):
            at = m.start("seq") + r.start()
            v.used.add((at, "score"))
            out.append(_score(v, r, at, item.name, _holder(v, item.holder), base=m.start("seq")))
    return out


def _score(
    v: SentenceView,
    m: re.Match[str],
    start: int,
    commune: str | None,
    within: Unit | None,
    scope: str | None = None,
    base: int = 0,
) -> CriteriaCount:
    """A score ``m`` (of a text starting at ``base`` in the sentence) of a commune or scope."""
    end = base + m.end()
    criteria_set = set_named_after(v.folded[end : end + SET_REACH])
    return CriteriaCount(
        **v.head(start, end, v.target_at(start, inherit=False)),
        commune=commune,
        met=int(m.group("met")),
        of=int(m.group("of") or CRITERIA_OF),
        criteria_set=OUTPUT_SET[criteria_set] if criteria_set else None,
        scope=scope,
        unit_level="village" if scope else None,
        year=v.year_near(start, end),
        within=within or v.areas.at(start, "commune"),
    )


def _plain_score(folded: str, m: re.Match[str]) -> bool:
    """Whether a score match is a commune's score: a number without its total counts no more
    than the sets' criteria; "có N/19 tiêu chí" is a score only when "đạt" follows it (not
    "có 3 tiêu chí chưa đạt")."""
    if m.group("of") is None and (m.group("with") or not 0 < int(m.group("met")) <= CRITERIA_OF):
        return False  # "với 9 tiêu chí" without its total: no score
    if m.group("has") is None:
        return True
    after = folded[m.end() : m.end() + HAS_STATUS_REACH]
    return m.group("of") is not None and bool(_DAT_AFTER.match(after))


_DAT_AFTER = re.compile(rf"\W{{0,3}}(?:{W('đã')}\W{{1,3}})?{T.DAT}(?!\W{{1,3}}{W('được')})")


def _holder(v: SentenceView, holder: str | None) -> Unit | None:
    if holder is None:
        return None
    return resolve_district(holder, v.ctx.province.code if v.ctx.province else None)


def _list_before(v: SentenceView, pos: int) -> NameList | None:
    """The commune list whose clause ends in the score at ``pos`` (only auxiliary words, "hiện",
    "đều", "đã", "đến nay", between them)."""
    for nl in v.lists("commune"):
        if nl.end <= pos and _SCORE_LEAD.fullmatch(v.folded[nl.end : pos]):
            return nl
    return None


def _bracketed_scores(v: SentenceView) -> list[Fact]:
    """ "xã Thu Cúc (11/19 tiêu chí), xã Thạch Kiệt (13/19 tiêu chí)": a score in brackets
    right after each list of names."""
    out: list[Fact] = []
    for nl in v.lists("commune"):
        m = _BRACKET_SCORE.match(v.folded, nl.end)
        if m is None:
            continue
        v.used.add((m.start("met"), "score"))
        for item in nl.items:
            out.append(_score(v, m, nl.start, item.name, _holder(v, item.holder)))
    return out


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
