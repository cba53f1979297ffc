"""Criteria one commune has met, not met or finds difficult (``criteria_status``).

Criteria are listed by number ("chưa đạt tiêu chí số 10 (Thu nhập), số 15 (…)", "gồm: 10 -
Thu nhập; 14 - Y tế", "Thu nhập - 10") or by name only ("đã đạt các tiêu chí: Giao thông,
Thủy lợi, Điện"). The status word before the list, or one right after a criterion ("… còn
khó khăn"), decides; a list running on over several sentences keeps its status. Which
commune set a numbered list follows is told by the printed names (`guess_set`).

>>> def statuses(text):
...     return [(f.commune, f.criterion_no, f.criterion_name, f.status)
...             for f in read_statuses(SentenceView.example(text))]
>>> statuses("Xã Vũ Sơn chưa đạt tiêu chí số 10 (Thu nhập), số 15 (Hành chính công).")
[('Vũ Sơn', 10, 'Thu nhập', 'not_met'), ('Vũ Sơn', 15, 'Hành chính công', 'not_met')]
>>> statuses("Xa Vu Son chua dat tieu chi s6 10 (Thu nhap), s6 15 (Hanh chinh cong).")
[('Vu Son', 10, 'Thu nhập', 'not_met'), ('Vu Son', 15, 'Hành chính công', 'not_met')]
>>> statuses("Xã Minh Hòa đã đạt các tiêu chí: Giao thông, Điện; còn khó đạt tiêu chí Thu nhập.")
... # doctest: +NORMALIZE_WHITESPACE
[('Minh Hòa', 2, 'Giao thông', 'met'), ('Minh Hòa', 4, 'Điện', 'met'),
 ('Minh Hòa', 10, 'Thu nhập', 'difficult')]
"""

from __future__ import annotations

import re
from functools import cache

from ntm_analysis.lexicon.criteria import find_criteria, get_criterion
from ntm_analysis.lexicon.textnorm import ocr_similarity
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import NUMBER_WORD, clause_end, is_rural_thon
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.facts import CRITERIA_SETS, OUTPUT_SET, CriteriaStatus, Fact
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.lists import capture
from ntm_analysis.sources.reports.sentence_view import SentenceView

SET_MARGIN = 40  # summed name similarity one set must lead by to be the list's set
NAME_RUN = 4  # a criterion's name may hold up to three separators ("Thủy lợi và phòng, chống …")
NAME_MIN_SCORE = 85  # a name-only criterion must match a reference name this closely
_NAME = r"[^:;,()]{3,60}?"  # a printed criterion name: 3 to 60 characters, no list punctuation

# "tiêu chí (số) 10 …", not "10/19" nor "10 xã"
# ("các tiêu chí: số 2 (…), số 6 (…)": after a colon only with "số")
_ITEM = re.compile(
    rf"{T.TIEU_CHI}(?:[ \t]{{1,2}}(?:s\S?\.?[ \t]{{1,2}})?|\s?:\s{{0,2}}s\S?\.?[ \t]{{1,2}})"
    rf"(?P<no>\d{{1,2}})(?!\d|\s?/|\s?{T.XA})"
    r"\s?[-–:.]?\s?"
)
# "…, số 15 (…)": a later item of a numbered list without "tiêu chí"
_ITEM_MORE = re.compile(
    r"(?:[,;]\s{0,2}|\)?\s(?:va|&)\s{1,2})(?P<so>s[o6]\S?\.?)\s{1,2}(?P<no>\d{1,2})(?!\d|\s?/)"
    r"\s?[-–:.]?\s?"
)
# "gồm: 10 - Thu nhập; 14 - Y tế" and "gồm: Thu nhập - 10; Y tế - 14" (original text)
_ITEM_NUM_FIRST = re.compile(
    r"(?<![\d/])(?P<no>\d{1,2})\s?[-–.]\s?(?P<name>[^\d:;,()]{3,60}?)(?=\s*[;.,)]|\s*$)"
)
_ITEM_REV = re.compile(rf"(?P<name>{_NAME})\s?[-–]\s?(?P<no>\d{{1,2}})(?=\s*[;.,)]|\s*$)")
_INCLUDING = re.compile(rf"{W('gồm')}\W{{0,3}}:?")
_STATUS = re.compile(
    rf"(?P<not>{T.NOT_MET})|(?P<diff>{T.DIFFICULT})"
    rf"|(?P<met>{T.MET}|{T.DAT}\W{{1,3}}\d|{T.HOAN_THANH}(?=\W{{1,3}}{T.TIEU_CHI}))"
)
# "số 17 về Môi trường còn khó khăn": a status stated right after the criterion
_OWN_STATUS = re.compile(
    rf"(?:{W('còn')}\W{{1,3}})?(?:(?P<not>{T.NOT_MET})|(?P<diff>{T.DIFFICULT}))"
)
_AND_END = re.compile(r"\)?\s+(?:và|va|&)\s*$")  # "(Thu nhập) và": the joining word of the next
# "Tiêu chí A và tiêu chí B của xã C còn khó khăn": the commune they are of, between the
# criteria and their status
_OWNER = re.compile(rf"\s*(?:{W('của')}|{W('tại')}|{W('ở')})\s+{T.XA}\s+")
_NOT_MET = re.compile(T.NOT_MET)
_DIFFICULT = re.compile(T.DIFFICULT)
_THON = re.compile(T.THON)


@cache
def reference_name(criteria_set: str, no: int) -> str:
    """The reference name of criterion ``no`` of a commune set (cached: every list asks)."""
    return get_criterion(criteria_set, no).name_vi


@cache
def best_criterion(name: str) -> tuple[float, str] | None:
    """The reference criterion a printed name matches closely, as (score, reference name)."""
    cand = find_criteria(name, limit=1, min_score=NAME_MIN_SCORE)
    if cand.empty:
        return None
    return float(cand.at[0, "score"]), str(cand.at[0, "criterion_name_vi"])


@cache
def number_of(name: str, criteria_set: str | None) -> int | None:
    """The number of the criterion a reference name names in the commune set that applies:
    in ``criteria_set`` when it is known, else the number every 2021–2025 commune set that
    names it gives it ("Thu nhập" is 10 in both; "Y tế" is 15 or 14: None).

    >>> number_of("Thu nhập", None), number_of("Y tế", None)
    (10, None)
    >>> number_of("Y tế", "commune_ntm_2021_2025")
    15
    """
    cand = find_criteria(name, limit=8, min_score=NAME_MIN_SCORE)
    numbers = {
        int(no)
        for cs, no in zip(cand["criteria_set"], cand["criterion_no"])
        if cs == criteria_set or (criteria_set is None and cs in CRITERIA_SETS)
    }
    return numbers.pop() if len(numbers) == 1 else None


def _status_word(group: str) -> str:
    return rf"(?P<{group}>{T.NOT_MET}|{T.DIFFICULT}|{T.MET}|{T.DAT})"


# "đã đạt các tiêu chí:", "chưa đạt 02 tiêu chí:", "các tiêu chí chưa đạt gồm:"
_NAMED_LIST = re.compile(
    rf"(?:{_status_word('st')}\W{{1,3}}(?:{W('các')}\W{{1,3}}|\d{{1,2}}\W{{1,3}})?{T.TIEU_CHI}"
    rf"|(?:\d{{1,2}}\W{{1,3}})?{T.TIEU_CHI}\W{{1,3}}{_status_word('st2')})"
    rf"\W{{0,3}}(?:{W('là')}|{W('gồm')}|{W('như')})?\W{{0,3}}:?\s*"
)
# "các tiêu chí chưa đạt của xã A là: …": the commune owning the list named before its names
_OWNED_LIST = re.compile(
    rf"(?:{W('các')}\W{{1,3}}|\d{{1,2}}\W{{1,3}})?{T.TIEU_CHI}\W{{1,3}}(?:{W('còn')}\W{{1,3}})?"
    rf"{_status_word('st')}\W{{1,3}}(?:{W('của')}|{W('tại')}|{W('ở')})\W{{1,3}}{T.XA}\W{{1,3}}"
    rf"[^;:.]{{2,30}}?\W{{1,3}}(?:{W('là')}|{W('gồm')}|:)\W{{0,3}}:?\s*"
)
# "Thu nhập, Nghèo đa chiều là hai tiêu chí (mà) xã A chưa hoàn thành": names first
# "Nghèo đa chiều vẫn là tiêu chí khó thực hiện nhất đối với xã A": one criterion, its status
# right after "tiêu chí"
_NAMES_FIRST = re.compile(
    rf"(?:(?:{W('vẫn')}|{W('đều')}|{W('cũng')}|{W('hiện')})\W{{1,3}})?"
    rf"(?<![a-z0-9])[l1]a\W{{1,3}}(?:(?:{NUMBER_WORD}|\d{{1,2}}|{W('các')}|{W('những')})\W{{1,3}}"
    rf"{T.TIEU_CHI}[^;.]{{0,40}}?|{T.TIEU_CHI}\W{{1,3}})(?:{W('còn')}\W{{1,3}})?"
    rf"{_status_word('st')}"
)
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;+]|\bva\b)\s*")
# "tiêu chí Thu nhập …" (a name, not "tiêu chí số 10" nor "tiêu chí:")
_TIEU_CHI_NAMED = re.compile(rf"{T.TIEU_CHI}\s+(?![sS]\S?\.?\s{{0,2}}\d|\d)(?=[^\W\d_])")
_STATUS_AFTER = re.compile(
    rf"\W{{0,3}}(?:(?:{W('hiện')}|{W('hiện nay')}|{W('đang')}|{W('còn')}|{W('vẫn')}|{W('đều')}"
    rf"|{W('đã')})\W{{1,3}}){{0,2}}(?:{W('gặp')}\W{{1,3}}(?:{W('nhiều')}\W{{1,3}})?)?"
    rf"(?P<st>{T.NOT_MET}|{T.DIFFICULT}|{T.MET})"
)
_STATUS_LATER = re.compile(
    rf"(?:(?:{W('còn')}|{W('vẫn')}|{W('đều')}|{W('đã')})\W{{1,3}})?(?:{T.NOT_MET}|{T.DIFFICULT}|{T.MET})"
)
_STATUS_NAMES = ("met", "not_met", "difficult")
_STATUS_CODE = {name: i for i, name in enumerate(_STATUS_NAMES)}
# "Tiêu chí Giao thông" (written without marks) in a list of names: the word is dropped
_CRITERIA_WORD_LEAD = re.compile(rf"^(?:{W('tiêu chí')}\W{{1,3}})", re.I)
_ABOUT = re.compile(r"^(?:về|ve|vé|vê)\s+", re.I)  # "tiêu chí số 13 về …"


def read_statuses(v: SentenceView) -> list[Fact]:
    """Criteria listed as met / not met / difficult, by number and/or name."""
    if not v.names_criteria:
        v.ctx.last_status = None
        return []
    items = _numbered_items(v)
    if not items:
        v.ctx.last_status = None
        return _read_named_list(v)
    folded = v.folded
    markers = list(_STATUS.finditer(folded))
    carried = v.ctx.last_status
    criteria_set = guess_set([(no, name) for _, _, no, name in items], v.ctx)
    commune = _commune_before(v, items[0][0]) or v.ctx.commune
    facts: list[Fact] = []
    for start, end, no, name in items:
        before = [mk for mk in markers if mk.start() < start]
        name_at = end - len(name)
        own = _OWN_STATUS.search(folded, name_at, end)
        if own:
            name = v.text[name_at : own.start()].strip(" ,.;:-–")
            status = "not_met" if own.group("not") else "difficult"
        elif before:
            mk = before[-1]
            status = "not_met" if mk.group("not") else "difficult" if mk.group("diff") else "met"
        elif carried:
            status = carried
        else:
            continue
        v.ctx.last_status = status
        facts.append(
            CriteriaStatus(
                **v.head(start, end, False),
                confidence=0.6 if criteria_set is None or not 1 <= no <= 19 else 0.9,
                commune=commune,
                criteria_set=OUTPUT_SET[criteria_set] if criteria_set else None,
                criterion_no=no,
                criterion_name=criterion_name(criteria_set, no, name),
                status=status,
                year=v.ctx.year,
                within=v.areas.at(start, "commune"),
            )
        )
    return facts


def _numbered_items(v: SentenceView) -> list[tuple[int, int, int, str]]:
    """The numbered criteria of the sentence: (start, end, number, printed name)."""
    folded, text = v.folded, v.text
    items: list[tuple[int, int, int, str]] = []
    hits = [(m.start(), m.end(), int(m.group("no"))) for m in _ITEM.finditer(folded)]
    if hits:  # "tiêu chí số 10 (Thu nhập), số 15 (Hành chính công)": later items drop the word
        more = [
            (m.start("so"), m.end(), int(m.group("no")))
            for m in _ITEM_MORE.finditer(folded, hits[0][1])
            if not any(a <= m.start("so") < b for a, b, _ in hits)
        ]
        hits = sorted(hits + more)
    for i, (start, end, no) in enumerate(hits):
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(folded)
        name = _AND_END.sub("", text[end:stop].split(";")[0]).strip(" ,.;:-–()")
        at = text.find(name, end, stop) if name else end
        items.append((start, (at if at >= 0 else end) + len(name), no, name))
    if items:
        return items
    gm = _INCLUDING.search(folded)
    if gm:
        for m in _ITEM_REV.finditer(text, gm.end()):
            items.append((m.start(), m.end(), int(m.group("no")), m.group("name").strip()))
        if not items:  # "gồm: 10 - Thu nhập; 15 - Hành chính công"
            for m in _ITEM_NUM_FIRST.finditer(text, gm.end()):
                items.append((m.start(), m.end(), int(m.group("no")), m.group("name").strip()))
    return items


def _status_of(word: str) -> str:
    return "not_met" if _NOT_MET.match(word) else "difficult" if _DIFFICULT.match(word) else "met"


def _read_named_list(v: SentenceView) -> list[Fact]:
    """Criteria listed by name only, the status before them ("đã đạt các tiêu chí: Giao
    thông, Thủy lợi, Điện"; "còn 2 tiêu chí khó đạt là Thu nhập và Nghèo đa chiều"; "còn
    thiếu tiêu chí Thu nhập") or after them ("tiêu chí thu nhập, tiêu chí môi trường còn khó
    khăn"): each name must match a reference criterion closely; ``criterion_no`` is its
    number when the name tells it in the set that applies (`number_of`), else null."""
    folded = v.folded
    found: list[tuple[int, int, list[tuple[int, int, str]], str | None]] = []
    for m in [*_OWNED_LIST.finditer(folded), *_NAMED_LIST.finditer(folded)]:
        word = m.group("st") or m.group("st2")
        names = _named_criteria(v, m.end())
        if names and names[0][0] in {n[0] for _, _, ns, _ in found for n in ns}:
            continue
        found.append((m.start(), _STATUS_CODE[_status_of(word)], names, None))
    for m in _NAMES_FIRST.finditer(folded):
        names = _names_before(v, m.start())
        if names:
            found.append((m.start(), _STATUS_CODE[_status_of(m.group("st"))], names, None))
    taken = {n[0] for _, _, names, _ in found for n in names}
    for m in _TIEU_CHI_NAMED.finditer(folded):
        status_at = _STATUS_LATER.search(folded, m.end(), clause_end(folded, m.end()))
        if status_at is None:
            continue
        owner = _owner(v, m.end(), status_at.start())
        names = _named_criteria(v, m.start(), owner[0] if owner else status_at.start())
        if not names or names[0][0] in taken:
            continue
        after = _STATUS_AFTER.match(folded, owner[1] if owner else names[-1][1])
        if after:
            word = after.group("st")
            found.append((m.start(), _STATUS_CODE[_status_of(word)], names, owner and owner[2]))
            taken |= {n[0] for n in names}
    facts: list[Fact] = []
    tier_set = guess_set([], v.ctx)  # the set the section's tier tells, if any
    for at, code, names, own_commune in found:
        before = folded[:at]
        if any(not is_rural_thon(folded, t.start()) for t in _THON.finditer(before)):
            continue  # a village's own criteria, not a commune set's
        # the commune named before the names ("tiêu chí chưa đạt của xã A là …"), or after
        # names put first ("… là hai tiêu chí xã A chưa hoàn thành")
        if own_commune:
            commune = own_commune
        elif names and names[0][0] < at:
            commune = _commune_before(v, clause_end(folded, at), at)
            commune = commune or _commune_before(v, names[0][0])
        else:
            commune = _commune_before(v, max([at, *(n[0] for n in names[:1])]))
        commune = commune or v.ctx.commune
        if commune is None:
            continue
        status = _STATUS_NAMES[code]
        for start, end, found_name in names:
            facts.append(
                CriteriaStatus(
                    **v.head(start, end, False),
                    confidence=0.7,
                    commune=commune,
                    criteria_set=None,
                    criterion_no=number_of(found_name, tier_set),
                    criterion_name=found_name,
                    status=status,
                    year=v.ctx.year,
                    within=v.areas.at(start, "commune"),
                )
            )
    return facts


def _owner(v: SentenceView, pos: int, until: int) -> tuple[int, int, str] | None:
    """The "của xã C" between criteria named from ``pos`` and their status at ``until``:
    (where it starts, where the name ends, the commune)."""
    m = _OWNER.search(v.folded, pos, until)
    cap = capture(v.text, m.end(), after_unit=True) if m else None
    if m is None or cap is None or cap[1] > until:
        return None
    return m.start(), cap[1], cap[0]


def _named_criteria(
    v: SentenceView, pos: int, until: int | None = None
) -> list[tuple[int, int, str]]:
    """Reference criteria named from ``pos`` to the end of the list (or ``until``): (start,
    end, name)."""
    folded = v.folded
    stops = [i for i in (folded.find(c, pos) for c in ".()") if i >= 0]
    stop = min([*stops, len(folded), until or len(folded)])
    bounds = [pos]
    for sep in _NAME_SEPARATOR.finditer(folded[pos:stop]):
        bounds += [pos + sep.start(), pos + sep.end()]
    bounds.append(stop)
    pieces = list(zip(bounds[::2], bounds[1::2]))
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(pieces):
        # a name may hold a separator ("Thủy lợi và phòng, chống thiên tai"): take the run of
        # up to `NAME_RUN` pieces that matches a reference name best, longer on ties
        best = None
        for j in range(min(len(pieces), i + NAME_RUN), i, -1):
            start, end = pieces[i][0], pieces[j - 1][1]
            name = v.text[start:end].strip(" .:;-–")
            lead = _CRITERIA_WORD_LEAD.match(fold_chars(name))
            name = name[lead.end() :] if lead else name
            if not name:
                continue
            found = best_criterion(name)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], j, start, end, found[1])
        if best is None:
            break  # a list of criteria names ends at the first item that is not one
        _, i, start, end, found_name = best
        out.append((start, end, found_name))
    return out


def _names_before(v: SentenceView, end: int) -> list[tuple[int, int, str]]:
    """Reference criteria named in the clause right before ``end``, the list running up to it
    (from the clause start, or after one of its commas: "Năm 2024, Thu nhập, Y tế là …")."""
    folded = v.folded
    begin = max(folded.rfind(c, 0, end) for c in ".;:") + 1
    for start in [begin, *(begin + i + 1 for i, c in enumerate(folded[begin:end]) if c == ",")]:
        names = _named_criteria(v, start, end)
        if names and not folded[names[-1][1] : end].strip(" ,"):
            return names
    return []


def _commune_before(v: SentenceView, pos: int, lo: int = 0) -> str | None:
    """The commune the sentence names before ``pos`` ("Xã Cộng Hòa: các tiêu chí …"), as written
    (not before ``lo``)."""
    found = None
    for m in re.compile(T.XA).finditer(v.folded, lo, pos):
        cap = capture(v.text, m.end(), after_unit=True)
        if cap and cap[1] <= pos:
            found = cap[0]
    return found


def guess_set(items: list[tuple[int, str]], ctx: Context) -> str | None:
    """Which commune criteria set a numbered list follows: compare printed names by number;
    when they do not tell, the tier the section aims at.

    >>> from ntm_analysis.sources.reports.context import Context
    >>> guess_set([(14, "Y tế")], Context([]))
    'commune_advanced_2021_2025'
    """
    scores = {}
    for cs in CRITERIA_SETS:
        total = 0.0
        for no, name in items:
            if not name or not 1 <= no <= 19:
                continue
            total += ocr_similarity(name, reference_name(cs, no))
        scores[cs] = total
    a, b = scores[CRITERIA_SETS[0]], scores[CRITERIA_SETS[1]]
    if abs(a - b) >= SET_MARGIN:
        return CRITERIA_SETS[0] if a > b else CRITERIA_SETS[1]
    if ctx.tier in ("advanced", "model"):
        return CRITERIA_SETS[1]
    if ctx.tier == "ntm":
        return CRITERIA_SETS[0]
    return None


def criterion_name(criteria_set: str | None, no: int | None, printed: str) -> str:
    """The reference name when the set is known, or when both sets name number ``no`` alike;
    else the printed name without a leading "về" ("tiêu chí số 13 về …").

    >>> criterion_name(None, 13, "về Tổ chức sản xuất")
    'Tổ chức sản xuất và phát triển kinh tế nông thôn'
    """
    if no is not None and 1 <= no <= 19:
        if criteria_set:
            return reference_name(criteria_set, no)
        names = {reference_name(cs, no) for cs in CRITERIA_SETS}
        if len(names) == 1:
            return names.pop()
    return _ABOUT.sub("", printed)
