"""Named recognitions: ``recognised_commune``, ``recognised_village``, ``recognised_district``.

A unit word and its name(s) followed by a recognising verb and a tier ("Xã Gio Mỹ được công
nhận đạt chuẩn NTM năm 2022"), names after the tier ("… nâng cao cho 04 huyện (A, B)"), a
report's own district as the subject ("Huyện đã đạt chuẩn …"), or a district's aim
("hoàn thành các tiêu chí huyện NTM nâng cao"). Model communes carry their field.

>>> def named(text):
...     return [(f.kind, f.name, f.tier, f.year, getattr(f, "field_key", None))
...             for f in read_named(SentenceView.example(text))]
>>> named("Xã Gio An được công nhận đạt chuẩn NTM kiểu mẫu về giáo dục năm 2023.")
[('recognised_commune', 'Gio An', 'model', 2023, 'education')]
>>> named("X4 Gio An duoc cong nhan dat chuin ndng thén madi kiéu mau vé gido duc nam 2023.")
[('recognised_commune', 'Gio An', 'model', 2023, 'education')]
>>> named("Huyện Cam Lộ và huyện Gio Linh đã đạt chuẩn NTM năm 2022.")
... # doctest: +NORMALIZE_WHITESPACE
[('recognised_district', 'Cam Lộ', 'ntm', 2022, None),
 ('recognised_district', 'Gio Linh', 'ntm', 2022, None)]
>>> named("Xã Hải Lệ đạt 17/19 tiêu chí.")  # a score, not a recognition
[]
"""

from __future__ import annotations

import re

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import clause_end, is_rural_thon
from ntm_analysis.sources.reports.facts import (
    Fact,
    RecognisedCommune,
    RecognisedCount,
    RecognisedDistrict,
    RecognisedVillage,
    area_fields,
)
from ntm_analysis.sources.reports.folding import clipped
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.names import names_after
from ntm_analysis.sources.reports.sentence_view import SentenceView

# Reaches, in characters of the sentence.
LOCATING_REACH = 16  # "5 xã thuộc huyện X": a word this close before "huyện" locates, not names
BRACKET_GAP = 3  # more blanks than this after the names: a blanked "(huyện B)" to step over
CRITERIA_REACH = 25  # "tiêu chí" this close after the verb: a score, not a recognition
NOT_YET_REACH = 5  # "chưa đạt" this close after the verb: not recognised
VERB_TAIL = 4  # the tier is looked for from the verb's last letters ("…dat chuan NTM")
TIER_SPAN = 60  # the tier's words run this long after the verb
SUBJECT_REACH = 8  # "toàn huyện", "các huyện" right before the word: a group, not the subject
AIM_SPAN = 40  # the tier after "Huyện đã đạt chuẩn"
MODEL_WORD_REACH = 40  # "kiểu mẫu" may stand this far after the recognised names
FIELD_REACH = 90  # the model field may be named this far after "kiểu mẫu"
AFTER_TIER_SPAN = 60  # "công nhận huyện đạt chuẩn NTM nâng cao" before "cho" or a bracket
NAMES_TAIL_REACH = 30  # "cho 04 huyện (A, B)": the count and unit word after the tier

# The body that recognises, between "được" and "công nhận": a few words after "UBND".
_AGENT = (
    rf"{W('thủ tướng')}(?:\W{{1,3}}{W('chính phủ')})?|{W('chủ tịch')}\W{{1,3}}"
    rf"(?:{W('ubnd')}|{W('ủy ban nhân dân')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
    rf"|(?:{W('ubnd')}|{W('ủy ban nhân dân')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
)
# Up to three auxiliaries ("đã được", "dự kiến sẽ", "năm 2023") before the verb.
_NAMED_TRIGGER = re.compile(
    rf"\W{{0,3}}(?:(?:{W('đã')}|{W('được')}|{W('cơ bản')}|{W('sẽ')}|{W('dự kiến')}"
    rf"|{W('phấn đấu')}|(?<![a-z])ph[a-z&4]{{1,2}}n\W{{1,2}}d[a-z&4]{{0,2}}u|{W('tiếp tục')}"
    rf"|{W('sớm')}|{W('đăng ký')}|{W('năm')}\s\d{{4}}|{W('trong năm')}\s\d{{4}})"
    rf"\W{{1,3}}){{0,3}}"
    rf"(?:{T.DAT}|{T.CONG_NHAN}|{T.HOAN_THANH}|(?<![a-z])d[a-z&]{{1,4}}c\W{{1,3}}{T.CONG_NHAN}"
    # "được Thủ tướng Chính phủ / UBND tỉnh công nhận": the body that recognises in between
    rf"|(?<![a-z])d[a-z&]{{1,4}}c\W{{1,3}}(?:{_AGENT})\W{{1,3}}{T.CONG_NHAN})"
)
_LOCATING = re.compile(rf"(?:{W('thuộc')}|{W('của')}|{W('tại')}|{W('trên địa bàn')})\W{{1,2}}$")
_TIEU_CHI = re.compile(T.TIEU_CHI)
_NOT_YET = re.compile(T.NOT_YET)
# "huyện X được công nhận thêm 5 xã …": a count of its communes follows the verb
_COUNT_FOLLOWS = re.compile(rf"\W{{0,3}}(?:{T.THEM}\W{{1,3}}|cho\W{{1,3}})?\d")
_SUBJECT_LEAD = re.compile(r"^\W*(?:[a-z0-9]{1,3}[.)]\W*)?")  # "a) ", "2. " before the subject
_GROUP_BEFORE = re.compile(rf"{W('toàn')}\W{{1,2}}$|{W('các')}\W{{1,2}}$")
_REACHED = re.compile(
    rf"\W{{0,3}}(?:(?:{W('đã')}|{W('được')}|{W('cơ bản')})\W{{1,3}})?"
    rf"(?:{W('công nhận')}\W{{1,3}})?{T.DAT_CHUAN}"
)
_DISTRICT_AIM = re.compile(
    rf"(?:{T.HOAN_THANH}\W{{1,3}}(?:{W('các')}\W{{1,3}})?{T.TIEU_CHI}|{T.DAT_CHUAN})\W{{1,3}}"
    rf"{T.HUYEN}\W{{1,3}}(?P<tier>{T.NTM}(?:\W{{1,3}}(?:{T.ADVANCED}|{T.MODEL}))?)"
)
_AFTER_TIER = re.compile(rf"{T.DAT_CHUAN}|{T.CONG_NHAN}")
_NAMES_TAIL = re.compile(
    rf"\s*(?:cho\s+)?(?:(?P<n>\d{{1,3}})\s+)?(?:(?P<h>{T.HUYEN})|(?P<x>{T.XA}))?\s*(?P<par>\()?"
    rf"\s*(?:(?:(?P<h2>{T.HUYEN})|(?P<x2>{T.XA}))\s+)?"
)
_MODEL = re.compile(T.MODEL)
_FIELD_DIRECT = re.compile(
    rf"\W{{0,3}}(?:{W('về')}|{W('lĩnh vực')}|{W('trên lĩnh vực')})?\W{{0,3}}"
    r"(?P<f>[a-z0-9 ]{2,20})"  # the field: a few words
)
_FIELD_LATER = re.compile(rf"{W('lĩnh vực')}\W{{1,3}}(?P<f>[a-z0-9 ]{{2,20}})")  # as above
_FIELDS = T.keyed("model_fields")
# A field whose last word OCR left unreadable ("chuyển đổi s6"), tried after the full words.
_FIELDS_CLIPPED = [
    (key, re.compile(clipped(text)))
    for key in _FIELDS
    for text in T.prose_spellings("model_fields", key)
    if " " in text
]

_KINDS = {
    "commune": (RecognisedCommune, T.XA),
    "village": (RecognisedVillage, T.THON),
    "district": (RecognisedDistrict, T.HUYEN),
}


def read_named(v: SentenceView) -> list[Fact]:
    """``recognised_commune`` / ``recognised_village`` / ``recognised_district`` facts."""
    facts: list[Fact] = []
    for level in _KINDS:
        facts.extend(_named_by_unit_word(v, level))
    facts.extend(_read_named_after_tier(v))
    named = {fold(f.district) for f in facts if isinstance(f, RecognisedDistrict)}
    aims = _read_district_aim(v)
    facts.extend(f for f in aims if fold(f.district) not in named)
    return facts


def _named_by_unit_word(v: SentenceView, level: str) -> list[Fact]:
    """ "Xã A, B và C đã được công nhận đạt chuẩn …": names after each unit word of ``level``."""
    facts: list[Fact] = []
    bare, unit_re = v.bare, _KINDS[level][1]
    covered = 0
    for m in re.finditer(unit_re, bare):
        if m.start() < covered or (level == "village" and is_rural_thon(bare, m.start())):
            continue
        lead = bare[max(0, m.start() - LOCATING_REACH) : m.start()]
        if level == "district" and _LOCATING.search(lead):
            continue  # "5 xã thuộc huyện X đạt chuẩn": X locates the communes
        names, end = names_after(v.text, v.folded, m.end(), unit_re)
        covered = end
        if not names:
            if level == "district":
                facts.extend(_this_district(v, m))
            continue
        found = _recognised_tier(v, end, level)
        if found is not None:
            tier, tier_end = found
            facts.extend(named_facts(v, level, names, m.start(), tier_end, tier))
    return facts


def _recognised_tier(v: SentenceView, end: int, level: str) -> tuple[str, int] | None:
    """The tier a recognising verb right after the names (ending at ``end``) states, and where
    its words end; None when what follows is no recognition."""
    bare = v.bare
    window = bare[end : clause_end(bare, end)]
    if window[:1] == " " and window.strip():  # "Xã A (huyện B) được công nhận …"
        skip = len(window) - len(window.lstrip())
        if skip > BRACKET_GAP:
            end, window = end + skip - 1, window[skip - 1 :]
    trig = _NAMED_TRIGGER.match(window)
    if not trig or _TIEU_CHI.search(window[: trig.end() + CRITERIA_REACH]):
        return None
    if _COUNT_FOLLOWS.match(window[trig.end() :]):
        return None  # "huyện X được công nhận thêm 5 xã …": a count of its communes
    if _NOT_YET.search(window[: trig.end() + NOT_YET_REACH]):
        return None
    seg = window[trig.end() - VERB_TAIL : trig.end() + TIER_SPAN]
    tier = T.tier_of(seg)
    if tier is None or (tier == "completed" and level != "district"):
        return None
    return tier, end + trig.end() + len(re.split(r"[,;(]", seg[VERB_TAIL:])[0])


def _this_district(v: SentenceView, m: re.Match[str]) -> list[Fact]:
    """ "Huyện đã đạt chuẩn NTM nâng cao năm 2023" with no name: the district the report is
    about (its header or section), never "toàn huyện có …" (a stock)."""
    unit = v.ctx.district
    if unit is None or unit.level != "district":
        return []
    bare = v.bare
    lead = bare[: m.start()]
    lead = lead[lead.rfind(";") + 1 :]
    if _SUBJECT_LEAD.sub("", lead).strip():
        return []  # only as the subject ("Huyện đã đạt …"), not "công nhận huyện đạt chuẩn …"
    if _GROUP_BEFORE.search(bare[max(0, m.start() - SUBJECT_REACH) : m.start()]):
        return []
    trig = _REACHED.match(bare[m.end() :])
    if trig is None:
        return []
    verb_end = m.end() + trig.end()
    seg = re.split(r"[,;(]", bare[verb_end : verb_end + AIM_SPAN])[0]
    tier = T.tier_of(seg)  # after "đạt chuẩn", a tier not named higher is the first tier
    end = verb_end + len(seg.rstrip())
    return [
        RecognisedDistrict(
            **v.head(m.start(), end),
            district=unit.name,
            tier=tier if tier in ("model", "advanced") else "ntm",
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


def model_field(folded_after: str) -> str | None:
    """The model commune's field: right after the tier ("kiểu mẫu về giáo dục") or named as
    "lĩnh vực …" later in the sentence ("kiểu mẫu năm 2024 (lĩnh vực văn hóa)").

    >>> model_field(" ve giao duc"), model_field(" nam 2024 (linh vuc van hoa)")
    ('education', 'culture')
    >>> model_field(" ve chuyen doi s."), model_field(" ve chuyen dei s6")  # last word lost
    ('digital', 'digital')
    """
    for m in (_FIELD_DIRECT.match(folded_after), _FIELD_LATER.search(folded_after)):
        if m is None:
            continue
        named = next((key for key, rx in _FIELDS.items() if rx.match(m.group("f"))), None)
        named = named or next((key for key, rx in _FIELDS_CLIPPED if rx.match(m.group("f"))), None)
        if named:
            return named
    return None


def named_facts(
    v: SentenceView,
    level: str,
    names: list[str],
    start: int,
    end: int,
    tier: str,
    target: bool | None = None,
) -> list[Fact]:
    """One recognition of ``level`` per name, all stated by ``text[start:end]``."""
    year = v.year_near(start, end)
    head = v.head(start, end, target)
    if level == "district":
        return [RecognisedDistrict(**head, district=n, tier=tier, year=year) for n in names]
    key = None
    if tier == "model":
        km = _MODEL.search(v.folded[start : end + MODEL_WORD_REACH])
        if km:
            after = start + km.end()
            key = model_field(v.folded[after : after + FIELD_REACH])
    field = vocabulary.label("model_fields", key).lower() if key else None
    within = v.areas.at(start, "commune")
    cls = RecognisedCommune if level == "commune" else RecognisedVillage
    return [
        cls(**head, **{level: n}, tier=tier, year=year, field=field, field_key=key, within=within)
        for n in names
    ]


def _level_named(cm: re.Match[str]) -> str | None:
    """district or commune: the unit word after the tier, or inside the bracket after it
    ("(xã Long Đống)"); None for bare brackets, which hold no names."""
    if cm.group("h") or cm.group("x"):
        return "district" if cm.group("h") else "commune"
    if cm.group("par") and (cm.group("h2") or cm.group("x2")):
        return "district" if cm.group("h2") else "commune"
    return None


def _read_named_after_tier(v: SentenceView) -> list[Fact]:
    """Names after the tier: "công nhận huyện đạt chuẩn NTM nâng cao cho 04 huyện (A, B)",
    "Xã phấn đấu đạt chuẩn NTM (xã Long Đống)"."""
    out: list[Fact] = []
    folded = v.folded
    done = 0
    for m in _AFTER_TIER.finditer(folded):
        if m.start() < done:
            continue
        seg = re.split(r"[;(]|\bcho\b", folded[m.start() : m.start() + AFTER_TIER_SPAN])[0]
        tier = T.tier_of(seg)
        if tier is None:
            continue
        tail_at = m.start() + len(seg)
        cm = _NAMES_TAIL.match(folded[tail_at : tail_at + NAMES_TAIL_REACH])
        level = _level_named(cm) if cm else None
        if level is None:
            continue
        unit_re = T.XA if level == "commune" else T.DISTRICT
        names, end = names_after(v.text, folded, tail_at + cm.end(), unit_re)
        if not names:
            continue
        done = end
        if cm.group("n"):
            v.used.add((tail_at + cm.start("n"), "count"))
        out.extend(named_facts(v, level, names, m.start(), end, tier))
        if cm.group("n") and level == "district":
            out.append(
                RecognisedCount(
                    **v.head(m.start(), end + 1),
                    unit_level="district",
                    tier=tier,
                    count=int(cm.group("n")),
                    year=v.year_near(m.start(), end),
                    **area_fields(v.areas.at(m.start(), "district")),
                )
            )
    return out
