"""Named recognitions: ``recognised_commune``, ``recognised_village``, ``recognised_district``.

Every list of names in a sentence (`lists`: "các xã A, B (huyện C)", "gồm: A, B; D – huyện
E", a list in brackets or under a ":" whose items follow as bullets) is read in its own
clause. Its *frame* — the tier, and the words that state it — is the recognising verb right
after the names ("A, B và C (huyện D) được công nhận đạt chuẩn NTM nâng cao") or, failing
that, the last one before them in the same clause ("6 xã đạt chuẩn NTM nâng cao, gồm: …",
"Các xã được công nhận … năm 2023 là: …"). The year, the recognising decision, the model
field and whether it is a plan are read from that frame; a district attached to a commune
("(huyện C)") is where the commune is looked up, never a recognition of the district. A
count right before the list ("6 xã … gồm") is the list's flow; when it does not match the
names found, the names are kept at a lower confidence. A district is recognised only when a
verb says so of it; "huyện" with no name is the report's own district ("Huyện đã đạt chuẩn
…"), or its aim ("hoàn thành các tiêu chí huyện NTM nâng cao").

>>> def named(text):
...     return [(f.kind, getattr(f, "name", None), f.tier, f.year, getattr(f, "field_key", None))
...             for f in read_named(SentenceView.example(text))]
>>> named("Xã Gio An được công nhận đạt chuẩn NTM kiểu mẫu về giáo dục năm 2023.")
[('recognised_commune', 'Gio An', 'model', 2023, 'education')]
>>> named("X4 Gio An duoc cong nhan dat chuin ndng thén madi kiéu mau vé gido duc nam 2023.")
[('recognised_commune', 'Gio An', 'model', 2023, 'education')]
>>> named("Huyện Cam Lộ và huyện Gio Linh đã đạt chuẩn NTM năm 2022.")
... # doctest: +NORMALIZE_WHITESPACE
[('recognised_district', 'Cam Lộ', 'ntm', 2022, None),
 ('recognised_district', 'Gio Linh', 'ntm', 2022, None)]
>>> named("Năm 2023 có 2 xã đạt chuẩn NTM nâng cao gồm: Gio Mỹ (huyện Gio Linh); Cam Thủy.")
... # doctest: +NORMALIZE_WHITESPACE
[('recognised_commune', 'Gio Mỹ', 'advanced', 2023, None),
 ('recognised_commune', 'Cam Thủy', 'advanced', 2023, None),
 ('recognised_count', None, 'advanced', 2023, None)]
>>> named("Xã Hải Lệ đạt 17/19 tiêu chí.")  # a score, not a recognition
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.ceremonies import received
from ntm_analysis.sources.reports.clauses import (
    DECISION,
    clause_end,
    decision_number,
    word_number,
)
from ntm_analysis.sources.reports.facts import (
    Fact,
    RecognisedCommune,
    RecognisedCount,
    RecognisedDistrict,
    RecognisedVillage,
    area_fields,
)
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.lists import NameList, capture, read_list
from ntm_analysis.sources.reports.model_fields import model_field, respective_fields
from ntm_analysis.sources.reports.names import Unit, resolve_district
from ntm_analysis.sources.reports.sentence_view import SentenceView

# Reaches, in characters of the sentence.
LOCATING_REACH = 16  # "5 xã thuộc huyện X": a word this close before "huyện" locates, not names
CRITERIA_REACH = 25  # "tiêu chí" this close after the verb: a score, not a recognition
NOT_YET_REACH = 5  # "chưa đạt" this close after the verb: not recognised
VERB_TAIL = 4  # the tier is looked for from the verb's last letters ("…dat chuan NTM")
TIER_SPAN = 60  # the tier's words run this long after the verb
SUBJECT_REACH = 8  # "toàn huyện", "các huyện" right before the word: a group, not the subject
AIM_SPAN = 40  # the tier after "Huyện đã đạt chuẩn"
MODEL_WORD_REACH = 40  # "kiểu mẫu" may stand this far after the frame's start
FIELD_REACH = 90  # the model field may be named this far after "kiểu mẫu"
COUNT_REACH = 40  # a count this close before the list (or its introducing words) is its flow
EITHER_REACH = 40  # "đạt chuẩn hoặc" this far before the frame's "hoàn thành nhiệm vụ"
DECISION_BEFORE = 250  # the decision may be printed this far before the names

_AGENT = (
    rf"{W('thủ tướng')}(?:\W{{1,3}}{W('chính phủ')})?|{W('chủ tịch')}\W{{1,3}}"
    rf"(?:{W('ubnd')}|{W('ủy ban nhân dân')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
    rf"|(?:{W('ubnd')}|{W('ủy ban nhân dân')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
)
# Words a list's own verb may follow: "đã được", "cũng", "năm 2023", and the criteria met
# first ("đã hoàn thành các tiêu chí và được công nhận …").
_CRITERIA_FIRST = (
    rf"(?:{W('đã')}\W{{1,3}})?(?:{T.HOAN_THANH}|{T.DAT})\W{{1,3}}(?:{W('đủ')}\W{{1,3}})?"
    rf"(?:{W('các')}|\d{{1,2}}\s?/\s?\d{{1,2}})\W{{1,3}}{T.TIEU_CHI}\W{{1,3}}(?:{W('và')}\W{{1,3}})?"
)
# "A, B là 2 xã được công nhận …": the names, then the count they make up
# "công nhận xã A, xã B là xã đạt chuẩn …", "… là xã NTM kiểu mẫu": the unit word restated
_ARE_UNITS = (
    rf"{W('là')}\W{{1,3}}(?:(?:\d{{1,3}}|[a-z]{{2,4}})\s{{1,2}})?"
    rf"(?:{T.XA}|{T.DISTRICT}|{T.VILLAGE})"
)
_NAMED_TRIGGER = re.compile(
    rf"\W{{0,3}}(?:{_CRITERIA_FIRST})?(?:(?:{W('đã')}|{W('được')}|{W('cơ bản')}|{W('sẽ')}"
    rf"|{W('dự kiến')}|{W('cũng')}|{W('đều')}|{W('vừa')}|{W('chính thức')}"
    rf"|{W('phấn đấu')}|(?<![a-z])ph[a-z&4]{{1,2}}n\W{{1,2}}d[a-z&4]{{0,2}}u|{W('tiếp tục')}"
    rf"|{W('sớm')}|{W('đăng ký')}|{W('năm')}\s\d{{4}}|{W('trong năm')}\s\d{{4}}"
    rf"|{_ARE_UNITS})"
    rf"\W{{1,3}}){{0,3}}"
    rf"(?:{T.DAT}|{T.CONG_NHAN}|{T.HOAN_THANH}|{T.FINISHED}|{_ARE_UNITS}(?=\W{{1,3}}{T.NTM})"
    rf"|(?<![a-z])d[a-z&]{{1,4}}c\W{{1,3}}{T.CONG_NHAN}"
    rf"|(?<![a-z])d[a-z&]{{1,4}}c\W{{1,3}}(?:{_AGENT})\W{{1,3}}{T.CONG_NHAN})"
)
_INTRO_VERB = re.compile(
    rf"{T.DAT_CHUAN}|{T.CONG_NHAN}|{T.HOAN_THANH}|{T.FINISHED}"
    rf"|(?:{T.XA}|{T.DISTRICT}|{T.VILLAGE})\W{{1,3}}{T.NTM}"
)
# A district right after a name ("Cao Sơn, huyện X", "– huyện X") or a bracket ("(huyện X)"):
# where that name lies, even when OCR left the name's own unit word unreadable.
_ATTACHED = re.compile(r"(?:\(|(?<!\S)(?P<w>[^\s,;()]+)\s*[,–-])\s*$")
_DISTRICT_WORD = re.compile(T.DISTRICT)
_LOCATING = re.compile(rf"(?:{W('thuộc')}|{W('của')}|{W('tại')}|{W('trên địa bàn')})\W{{1,2}}$")
_TIEU_CHI = re.compile(T.TIEU_CHI)
_NOT_YET = re.compile(T.NOT_YET)
_NOT_BEFORE = re.compile(rf"{W('chưa')}\W{{1,3}}$")
_COUNT_FOLLOWS = re.compile(rf"\W{{0,3}}(?:{T.THEM}\W{{1,3}}|cho\W{{1,3}})?\d")
_SUBJECT_LEAD = re.compile(r"^\W*(?:[a-z0-9]{1,3}[.)]\W*)?")  # "a) ", "2. " before the subject
_GROUP_BEFORE = re.compile(rf"{W('toàn')}\W{{1,2}}$|{W('các')}\W{{1,2}}$")
_REACHED = re.compile(
    rf"\W{{0,3}}(?:(?:{W('đã')}|{W('được')}|{W('cơ bản')})\W{{1,3}})?"
    rf"(?:(?:{W('công nhận')}\W{{1,3}})?{T.DAT_CHUAN}|{T.FINISHED}"
    rf"|(?P<duty>{T.HOAN_THANH}\W{{1,3}}{W('nhiệm vụ')}))"
)
_DOSSIER_OF = re.compile(  # "(hồ sơ) đề nghị (xét) công nhận huyện đạt chuẩn …"
    rf"(?:{W('xét')}|{W('đề nghị')}|{T.CONG_NHAN})\W{{1,3}}$"
)
_DISTRICT_AIM = re.compile(
    rf"(?:{T.HOAN_THANH}\W{{1,3}}(?:{W('các')}\W{{1,3}})?{T.TIEU_CHI}|{T.DAT_CHUAN})\W{{1,3}}"
    rf"{T.HUYEN}\W{{1,3}}(?P<tier>{T.NTM}(?:\W{{1,3}}(?:{T.ADVANCED}|{T.MODEL}))?)"
)
_STOCK_WORDS = re.compile(
    rf"{W('lũy kế')}|{W('luỹ kế')}|{T.TONG_SO}|{W('đến nay')}|{W('hiện nay')}|{W('hiện có')}"
)
_HUYEN = re.compile(T.HUYEN)
# a district-level word standing for a district ("huyện", "thị xã", "thành phố", "quận")
_DISTRICT_UNIT = re.compile(rf"(?<![a-z]){T.spelled('unit_types', level='district')}")
_UNIT_BEFORE = re.compile(rf"(?<![a-z])(?:{T.spelled('unit_types', level='district')})\s*$")
_DUTY = re.compile(T.spelled("tiers", "completed"))
_CONG_NHAN = re.compile(T.CONG_NHAN)
_DAT_CHUAN_RX = re.compile(T.DAT_CHUAN)
# "Huyện có 14 xã …, 1 xã đạt chuẩn NTM kiểu mẫu (xã A)": what the area has, no event; unless
# the clause adds, recognises or dates ("có thêm", "công nhận", "năm 2023 có …")
_HAS = re.compile(rf"{W('có')}(?!{T.SEP}{W('thêm')})")
_EVENT = re.compile(rf"{W('thêm')}|{W('công nhận')}|{W('mới')}|{T.YEAR}")
_MODEL = re.compile(T.MODEL)
_COUNT_WORD = r"\d{1,3}|[a-z]{2,4}"
# Where a list read as the object of the words before it may end: the clause ends with it.
# The names end their clause: at a stop, or at a bracket that only cites the recognising
# decision or its date ("là xã A và xã B (Quyết định số 3456/QĐ-UBND ngày …)").
_LIST_ENDS = re.compile(
    r"\s*(?:[.;:),]|$|\((?=\s*(?:theo\s+)?(?:quyet\s+dinh|qd|ngay|so)(?![a-z])))"
)
_BULLET_MARK = re.compile(r"^\s*(?:[-+•*–]\s*|\(?\d{1,2}[.)]\s*|[a-zđ]\)\s*)")
_KINDS = {"commune": RecognisedCommune, "village": RecognisedVillage}
# A numbered item of a list ("2. Khánh Cư – huyện Yên Khánh"): short, its number arabic.
_NUMBERED_ITEM = re.compile(r"\s*\d{1,3}[.)]\s+\S")
ITEM_MAX = 90  # a numbered line longer than this is a heading of its own, not a list item


@dataclass(frozen=True)
class Frame:
    """What a list is recognised as: the tier and the span of the words stating it."""

    tier: str
    start: int
    end: int


def read_named(v: SentenceView) -> list[Fact]:
    """``recognised_commune`` / ``recognised_village`` / ``recognised_district`` facts, and
    the count that introduces a named list."""
    facts: list[Fact] = []
    for level in ("village", "commune", "district"):
        facts.extend(_named_lists(v, level))
    named = {fold(f.name) for f in facts if isinstance(f, RecognisedDistrict)}
    if not named:
        for m in _DISTRICT_UNIT.finditer(v.bare):
            facts.extend(_this_district(v, m))
    named |= {fold(f.name) for f in facts if isinstance(f, RecognisedDistrict)}
    facts.extend(f for f in _read_district_aim(v) if fold(f.name) not in named)
    facts.extend(_open_list(v))
    return facts


# ---------------------------------------------------------------------------- frames


def _tail_frame(v: SentenceView, nl: NameList, hi: int) -> Frame | None:
    """The recognising verb right after the names and the tier it states."""
    folded = v.folded
    stop = min(hi, clause_end(folded, nl.end))
    window = folded[nl.end : stop]
    trig = _NAMED_TRIGGER.match(window)
    lead = len(window) - len(window.lstrip(" ,"))
    if trig is None:  # the decision received stands between the names and "công nhận"
        lead, verb = received(window) or (0, None)
    else:
        verb = trig.end()
    if verb is None or _TIEU_CHI.search(window[verb - VERB_TAIL : verb + CRITERIA_REACH]):
        return None
    if _COUNT_FOLLOWS.match(window[verb:]):
        return None  # "huyện X được công nhận thêm 5 xã …": a count of its communes
    if _NOT_YET.search(window[: verb + NOT_YET_REACH]):
        return None
    seg = window[verb - VERB_TAIL : verb + TIER_SPAN]
    tier = T.tier_of(re.split(r"[,;(]", seg)[0] if verb > VERB_TAIL else seg)
    if tier == "ntm" and T.tier_of(window[: verb + TIER_SPAN].split(",")[0]) == "completed":
        tier = "completed"  # "thị xã X hoàn thành nhiệm vụ xây dựng NTM": no "đạt chuẩn"
    if tier is None:
        return None
    start = nl.end + lead
    end = nl.end + verb + len(re.split(r"[,;(]", seg[VERB_TAIL:])[0])
    return Frame(tier, start, end)


def _intro_frame(v: SentenceView, start: int, lo: int) -> Frame | None:
    """The last recognising verb with a tier in the clause before ``start`` (not before
    ``lo``, the end of the previous list)."""
    folded = v.folded
    begin = max(lo, folded.rfind(";", 0, start) + 1)
    seg = folded[begin:start]
    best = None
    for m in _INTRO_VERB.finditer(seg):
        window = re.split(r"[,;:(]", seg[m.start() : m.start() + TIER_SPAN])[0]
        tier = T.tier_of(window) or _tier_before(folded, begin, m.group(0))
        if tier is None or _NOT_BEFORE.search(seg[: m.start()]):
            continue
        if _TIEU_CHI.search(window[: CRITERIA_REACH + len(m.group(0))]):
            continue  # "đạt 19/19 tiêu chí": a score
        best = Frame(tier, begin + m.start(), begin + m.start() + len(window.rstrip()))
    return best


def _tier_before(folded: str, begin: int, verb: str) -> str | None:
    """The tier of "công nhận thêm 2 xã là A và B", which names none: the tier of the clause
    before it in the sentence ("… có 18/22 xã đạt chuẩn NTM; năm 2024 phấn đấu công nhận
    thêm 2 xã là A và B"), else None."""
    if not _CONG_NHAN.match(verb) or begin == 0:
        return None
    before = folded[folded.rfind(";", 0, begin - 1) + 1 : begin]
    return T.tier_of(before) if _DAT_CHUAN_RX.search(before) else None


def _named_lists(v: SentenceView, level: str) -> list[Fact]:
    """Recognitions of the names of every list of ``level`` in the sentence."""
    out: list[Fact] = []
    lists = v.lists(level)
    opened = v.ctx.open_list
    if opened is not None and opened.level != level:
        opened = None
    if opened is not None and _holder_heading(v, level) is not None:
        return []  # "Huyện Cần Giuộc:" among the items: the district of those that follow
    # the names after "… gồm:" — bullets, or the next line when the sentence wrapped there
    head = len(v.text) - len(_BULLET_MARK.sub("", v.text, count=1))
    if not lists and opened is not None:
        item = read_list(v.text, v.folded, head, level, head > 0)  # "- Nghĩa Mai, … (huyện …)"
        lists = [item] if item else []
    if opened is not None and not _is_item(v) and (not lists or lists[0].start > head):
        opened = None  # a sentence after the ":" that does not open with the names
    lo = 0
    for i, nl in enumerate(lists):
        hi = lists[i + 1].start if i + 1 < len(lists) else len(v.folded)
        lead = v.bare[max(0, nl.start - LOCATING_REACH) : nl.start]
        attached = _DISTRICT_WORD.match(v.folded, nl.start) and _attached(
            v.text[max(0, nl.start - 40) : nl.start]
        )
        if level == "district" and (_LOCATING.search(lead) or attached):
            lo = nl.end
            continue  # "5 xã thuộc huyện X", "A (huyện X)", "A, huyện X": X holds communes
        if level == "district":
            nl = _without_province(v, nl)
        frame = _tail_frame(v, nl, hi) if nl.items else None
        if frame is None and nl.items and _LIST_ENDS.match(v.folded, nl.end):
            frame = _intro_frame(v, nl.start, lo)  # the names end their clause: "gồm: A, B."
        if frame is None and opened is not None:
            out.extend(_facts_of(v, nl, opened.frame, level, inherited=opened))
        elif frame is not None:
            for part, part_frame in _own_clauses(v, nl, frame, lo):
                out.extend(_facts_of(v, part, part_frame, level))
        lo = nl.end
    return out


def _own_clauses(
    v: SentenceView, nl: NameList, tail: Frame, lo: int
) -> list[tuple[NameList, Frame]]:
    """A list that runs over a ";" between a frame before it and one after it is two lists of
    two clauses ("3 xã đạt chuẩn NTM nâng cao gồm A, B, C; xã D đạt chuẩn NTM kiểu mẫu"): the
    names before the last ";" take the frame before them, the names after it the frame after
    them. Any other list keeps its one frame."""
    if tail.start < nl.end:  # the frame found is the one before the list
        return [(nl, tail)]
    cut = max(
        (
            k
            for k in range(len(nl.items) - 1)
            if ";" in v.folded[nl.items[k].end : nl.items[k + 1].start]
        ),
        default=None,
    )
    intro = _intro_frame(v, nl.start, lo) if cut is not None else None
    if cut is None or intro is None:
        return [(nl, tail)]
    head, rest = nl.items[: cut + 1], nl.items[cut + 1 :]
    return [
        (NameList(head, nl.start, head[-1].end, nl.level), intro),
        (NameList(rest, rest[0].start, nl.end, nl.level), tail),
    ]


def _attached(before: str) -> bool:
    """Whether a district word is attached to the name before it: a bracket, or a capitalised
    name and "," or a dash ("Cao Sơn, huyện X"; not "… kiểu mẫu, huyện X đạt …"), or a
    bracket still open ("(xã A, huyện X)")."""
    if before.rfind("(") > before.rfind(")"):
        return True  # inside a bracket: "(xã Bản Phố, huyện Bắc Hà)"
    m = _ATTACHED.search(before)
    return bool(m) and (m.group("w") is None or m.group("w")[:1].isupper())


def _without_province(v: SentenceView, nl: NameList) -> NameList:
    """A list of districts without the names that are the document's province ("thành phố
    Hải Phòng hoàn thành nhiệm vụ …" is the province's, not a district's)."""
    province = v.ctx.province
    if province is None:
        return nl
    keep = tuple(
        i
        for i in nl.items
        if resolve_district(i.name, province.code) is not None
        or fold(i.name) != fold(province.name)
    )
    return NameList(keep, nl.start, nl.end, nl.level)


@dataclass(frozen=True)
class OpenList:
    """A frame stated before ":" whose names follow as bullets, with what it decided."""

    level: str
    frame: Frame
    year: int | None
    target: bool
    decision: str | None
    field_key: str | None
    holder: str | None = None  # the unit holding the names, from a heading among the items


def _open_list(v: SentenceView) -> list[Fact]:
    """Remember a sentence ending with ":" that introduces names to come ("… công nhận 4 xã
    đạt chuẩn NTM kiểu mẫu, cụ thể:"); forget it at the first sentence that is no item. A
    count in brackets before the ":" ("Xã đạt chuẩn NTM kiểu mẫu năm 2024 (03 xã):") is the
    flow the names to come make up."""
    ctx = v.ctx
    text = v.text.rstrip(" *_")
    if text.endswith(":"):
        for level in ("commune", "district"):
            lists = v.lists(level)
            lo = lists[-1].end if lists else 0
            frame = _intro_frame(v, len(v.folded.rstrip(" :*_")), lo)
            near = v.folded[max(0, frame.start - 60) : len(text)] if frame else ""
            if frame and re.search(_UNIT_WORDS[level], near):
                ctx.open_list = OpenList(
                    level,
                    frame,
                    v.year_near(frame.start, frame.end),
                    v.target_at(frame.start),
                    _decision(v, frame.start, frame.end),
                    _field_of(v, frame) if frame.tier == "model" else None,
                )
                return _bracket_count(v, ctx.open_list, len(text))
    holder = _holder_heading(v, ctx.open_list.level) if ctx.open_list else None
    if holder is not None:  # "Huyện Đức Hòa:" between the items: the names that follow are its
        ctx.open_list = replace(ctx.open_list, holder=holder)
    elif not _is_item(v):
        ctx.open_list = None
    return []


def _is_item(v: SentenceView) -> bool:
    """Whether the sentence is an item of a list: a bullet, or a short numbered line ("1.
    Khánh Hội – huyện Yên Khánh") that the sentence splitter read as a heading."""
    if v.s.bullet:
        return True
    return (
        v.s.heading is not None
        and len(v.text) <= ITEM_MAX
        and _NUMBERED_ITEM.match(v.text) is not None
    )


_HEADING_HOLDER = {"commune": T.DISTRICT, "village": T.XA}
_HEADING_END = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*[:*_ ]*$")


def _holder_heading(v: SentenceView, level: str) -> str | None:
    """The name of a heading that only names the unit holding the items to come ("Huyện Đức
    Hòa:", "b) Thị xã Kỳ Anh (02 xã):"): the district of the communes listed under it (the
    commune of villages), or None."""
    unit = _HEADING_HOLDER.get(level)
    if unit is None or not v.text.rstrip(" *_").endswith(":"):
        return None
    m = re.compile(rf"[\W_]*(?:[a-z0-9]{{1,2}}[.)]\s*)?(?:{unit})\s+").match(v.folded)
    cap = capture(v.text, m.end(), after_unit=True) if m else None
    if cap is None or not _HEADING_END.match(v.folded, cap[1]):
        return None
    return cap[0]


def _bracket_count(v: SentenceView, opened: OpenList, end: int) -> list[Fact]:
    """The count before the ":" of an open list ("… năm 2024 (03 xã):", "Năm 2024 có 2 xã
    đạt chuẩn NTM kiểu mẫu là:"): the flow the names to come make up, read as for a list in
    the sentence (`_list_count`)."""
    pending = NameList((), end, end, opened.level)
    count = _list_count(
        v, pending, opened.frame, opened.level, opened.year, opened.decision, opened.target
    )
    return [count] if count is not None else []


_UNIT_WORDS = {"commune": T.XA, "district": T.DISTRICT, "village": T.VILLAGE}


# ---------------------------------------------------------------------------- facts


def _decision(v: SentenceView, start: int, end: int) -> str | None:
    """The number of the recognising decision printed near the frame, nearest first."""
    before = list(DECISION.finditer(v.folded, max(0, start - DECISION_BEFORE), end))
    if before:
        return decision_number(v.text, before[-1])
    after = DECISION.search(v.folded, end, clause_end(v.folded, end))
    return decision_number(v.text, after) if after else None


def _field_of(v: SentenceView, frame: Frame) -> str | None:
    km = _MODEL.search(v.folded[frame.start : frame.end + MODEL_WORD_REACH])
    if km is None:
        return None
    after = frame.start + km.end()
    return model_field(v.folded[after : after + FIELD_REACH])


def _respective_fields(v: SentenceView, nl: NameList, frame: Frame) -> list[str] | None:
    """One field a listed name, given in order after "lần lượt" (`respective_fields`)."""
    km = _MODEL.search(v.folded[frame.start : frame.end + MODEL_WORD_REACH])
    after = frame.start + km.end() if km else frame.end
    return respective_fields(v.folded[after : after + 2 * FIELD_REACH], len(nl.items))


def _holder_unit(v: SentenceView, holder: str | None, level: str) -> Unit | None:
    """The district a listed commune is attached to, resolved in the document's province; as
    written (no code) when OCR damaged it beyond a sure match, so that the commune is still
    looked up among the districts it resembles."""
    if holder is None or level != "commune":
        return None
    province = v.ctx.province.code if v.ctx.province else None
    unit = resolve_district(holder, province, v.ctx.vintage)
    return unit or Unit(holder, None, "district", v.ctx.vintage, 0.0)


def _facts_of(
    v: SentenceView,
    nl: NameList,
    frame: Frame,
    level: str,
    inherited: OpenList | None = None,
) -> list[Fact]:
    """One recognition per listed name, and the list's count when one introduces it."""
    if inherited is not None:
        year, target = inherited.year, inherited.target
        decision, key = inherited.decision, inherited.field_key
    else:
        year = v.year_near(frame.start, frame.end)
        if _held(v, nl):
            year = None  # "1 xã … kiểu mẫu (xã A)": A holds the tier, recognised when unsaid
        target = v.target_at(frame.start)
        decision = _decision(v, min(frame.start, nl.start), max(frame.end, nl.end))
        key = _field_of(v, frame) if frame.tier == "model" else None
    keys = _respective_fields(v, nl, frame) if frame.tier == "model" and not inherited else None
    head = v.head(nl.start, max(nl.end, frame.end) if frame.start >= nl.start else nl.end, target)
    count = None if inherited else _list_count(v, nl, frame, level, year, decision, target)
    confidence = 0.9
    if count is not None and count.count != len(nl.items):
        confidence = 0.7  # the names found do not add up to the count printed before them
    out: list[Fact] = []
    if level == "district":
        either = _either_tier(v, frame)
        out += [
            RecognisedDistrict(
                **{**head, "confidence": confidence},
                district=i.name,
                tier=_own_tier(v, i.start) if either else frame.tier,
                year=year,
            )
            for i in nl.items
        ]
    else:
        cls = _KINDS[level]
        for n, item in enumerate(nl.items):
            key = keys[n] if keys else key
            field = vocabulary.label("model_fields", key).lower() if key else None
            holder = item.holder or (inherited.holder if inherited else None)
            within = _holder_unit(v, holder, level) or v.areas.at(nl.start, "commune")
            out.append(
                cls(
                    **{**head, "confidence": confidence},
                    **{level: item.name},
                    tier=frame.tier,
                    year=year,
                    field=field,
                    field_key=key,
                    decision=decision,
                    within=within,
                )
            )
    if count is not None and level != "district":  # "hai huyện A và B": the names say it
        out.append(count)
    return out


def _either_tier(v: SentenceView, frame: Frame) -> bool:
    """Whether a districts' frame states both ends of the programme, "đạt chuẩn hoặc hoàn
    thành nhiệm vụ xây dựng NTM": rural districts reach the standard, towns and cities
    complete the task, each listed unit by its own type word (`_own_tier`)."""
    if frame.tier not in ("ntm", "completed"):
        return False
    span = v.folded[max(0, frame.start - EITHER_REACH) : frame.end]
    return bool(_DAT_CHUAN_RX.search(span) and _DUTY.search(span))


def _own_tier(v: SentenceView, at: int) -> str:
    """The tier of a district-level unit by the type word before its name: "huyện" reaches
    the standard, "thị xã", "thành phố", "quận" complete the task."""
    m = _UNIT_BEFORE.search(v.folded[max(0, at - 14) : at])
    return "completed" if m and not _HUYEN.match(m.group(0)) else "ntm"


def held_stock(folded: str, pos: int) -> bool:
    """Whether the count at ``pos`` is what the area has (a stock), not a recognition.

    >>> held_stock("huyen co 14 xa dat chuan, 1 xa dat chuan ntm kieu mau (xa a)", 26)
    True
    >>> held_stock("nam 2023, huyen co 1 xa dat chuan ntm kieu mau (xa a)", 19)
    False
    """
    clause = folded[folded.rfind(";", 0, pos) + 1 : pos]
    return bool(_HAS.search(clause)) and not _EVENT.search(clause)


def _held(v: SentenceView, nl: NameList) -> bool:
    """Whether a list names the units of a stock count right before it ("1 xã … (xã A)")."""
    folded = v.folded
    begin = max(folded.rfind(";", 0, nl.start) + 1, nl.start - COUNT_REACH - 80)
    counted = list(re.finditer(rf"(?<![\w/.,])\d+\s{{1,2}}{T.XA}", folded[begin : nl.start]))
    if not counted:
        return False
    at = begin + counted[-1].start()  # "có 4 xã được công nhận … là A, B": an event after all
    return held_stock(folded, at) and not _CONG_NHAN.search(folded, at, nl.start)


def _list_count(
    v: SentenceView,
    nl: NameList,
    frame: Frame,
    level: str,
    year: int | None,
    decision: str | None,
    target: bool,
) -> RecognisedCount | None:
    """The count printed right before the list or its introducing words ("6 xã … gồm:",
    "3 xã A, B, C"), read as the flow the names make up (a stock word before it, "lũy kế",
    "đến nay", leaves it to `counts`)."""
    folded = v.folded
    begin = max(folded.rfind(";", 0, nl.start) + 1, nl.start - COUNT_REACH - 80)
    seg = folded[begin : nl.start + 12]
    counted = re.compile(rf"(?<![\w/.,])(?P<n>{_COUNT_WORD})\s{{1,2}}{_UNIT_WORDS[level]}")
    found = None
    last = nl.items[-1].end if nl.items else nl.end  # "A, B và C là ba xã": after the names
    after = [(m.start(), _value(m.group("n"))) for m in counted.finditer(folded, last, nl.end)]
    before = [(begin + m.start(), _value(m.group("n"))) for m in counted.finditer(seg)]
    for at, value in [c for c in after if c[1]] or before:
        if value:
            found = (at, value)
    if found is None or (found[0], "count") in v.used:
        return None
    pos, value = found
    if _TIEU_CHI.search(folded, pos, nl.start):
        return None  # "một xã đạt 19/19 tiêu chí (xã A đã được công nhận)": the band's count
    if _STOCK_WORDS.search(folded[max(folded.rfind(";", 0, pos) + 1, pos - 60) : pos]):
        return None
    if held_stock(folded, pos):
        return None
    v.used.add((pos, "count"))
    v.list_counts[pos] = (max(frame.end, nl.end), frame.tier)
    end = max(frame.end, nl.start)
    return RecognisedCount(
        **v.head(pos, min(end, pos + 200), target),
        unit_level=level,
        tier=frame.tier,
        count=value,
        year=year,
        as_of=v.as_of(pos, end),
        decision=decision,
        **area_fields(v.areas.at(pos, level)),
    )


def _value(n: str) -> int | None:
    return int(n) if n.isdigit() else word_number(n)


# ---------------------------------------------------------------------------- districts


def _this_district(v: SentenceView, m: re.Match[str]) -> list[Fact]:
    """ "Huyện đã đạt chuẩn NTM nâng cao năm 2023" with no name: the district the report is
    about (its header or section), never "toàn huyện có …" (a stock); also the district a
    dossier is for ("Huyện X … hồ sơ đề nghị công nhận huyện đạt chuẩn …")."""
    bare = v.bare
    lead = bare[: m.start()]
    lead = lead[lead.rfind(";") + 1 :]
    dossier = _DOSSIER_OF.search(lead)
    unit = v.ctx.district
    if dossier:  # the district named before it in the sentence, not the section's
        named = [u for p, u in v.areas.items if u.level == "district" and p < m.start()]
        unit = named[0] if named else None
    elif _SUBJECT_LEAD.sub("", lead).strip():
        return []  # only as the subject ("Huyện đã đạt …"), not "công nhận huyện đạt chuẩn …"
    if unit is None or unit.level != "district":
        return []
    if _GROUP_BEFORE.search(bare[max(0, m.start() - SUBJECT_REACH) : m.start()]):
        return []
    trig = _REACHED.match(bare[m.end() :])
    if trig is None:
        return []
    verb_end = m.end() + trig.end()
    seg = re.split(r"[,;(]", bare[verb_end : verb_end + AIM_SPAN])[0]
    tier = T.tier_of(seg)  # after "đạt chuẩn", a tier not named higher is the first tier
    if trig.group("duty"):  # "… công nhận thị xã hoàn thành nhiệm vụ xây dựng NTM"
        tier = "completed"
    end = verb_end + len(seg.rstrip())
    return [
        RecognisedDistrict(
            **v.head(m.start(), end),
            district=unit.name,
            tier=tier if tier in ("model", "advanced", "completed") else "ntm",
            year=v.year_near(m.start(), end),
            code=unit.code,
            admin_vintage=unit.vintage,
            resolved=True,
        )
    ]


def _read_district_aim(v: SentenceView) -> list[RecognisedDistrict]:
    """ "(Huyện X …) hoàn thành các tiêu chí huyện NTM nâng cao": the district of the sentence
    (or of the section) aims at a tier."""
    m = _DISTRICT_AIM.search(v.folded)
    if not m:
        return []
    districts = {u.code: u for _, u in v.areas.items if u.level == "district"}
    if len(districts) > 1:
        return []
    unit = next(iter(districts.values()), None) or v.ctx.district
    if unit is None or unit.level != "district":
        return []
    return [
        RecognisedDistrict(
            **v.head(m.start(), m.end()),
            district=unit.name,
            tier=T.tier_of(m.group("tier")) or "ntm",  # the group holds the tier's name
            year=v.year_near(m.start(), m.end()),
            code=unit.code,
            admin_vintage=unit.vintage,
            resolved=True,
        )
    ]
