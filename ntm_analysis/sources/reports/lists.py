"""Lists of place names as reports print them, read as a structure rather than a wording.

A list is names separated by ",", ";", "và" or "&", the unit word repeated or not ("xã A, xã
B và C"); a group of names may be attached to the unit that holds them, in any of the shapes
reports use::

    A, B (huyện C); D (H.E)          bracket, with or without the type word (also "(C)")
    A – huyện C; D - huyện E          dash
    xã A, xã B, huyện C; xã D, TP E   comma and a type word
    A, B, C thuộc huyện D             thuộc / của / tại

An attachment belongs to every name since the previous one. `read_list` reads one list from
where its first name starts; `find_lists` finds the lists of a sentence: after a unit word
("các xã A, B"), after an introducing word when the clause before names the unit ("6 xã …
gồm: A, B", "… là: A, B", "…: A, B"), or in a bracket after such a clause ("4 xã đạt chuẩn
NTM nâng cao (A, B, C, D)"). What a list means (recognitions, scores, a band's members) is
decided by the readers from the words around it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import NUMBER_WORD, is_rural_thon
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.names import is_stop_word

MAX_NAME_WORDS = 4  # "Thạnh Thới An Đông"
INTRO_REACH = 160  # how far back the clause before an introducing word may name the unit
MAX_ITEMS = 60  # a list longer than this is not a list of names

# Type words of the unit that holds a listed name, written out or abbreviated ("H.", "TP.").
_ABBREV = "|".join(
    re.escape(fold(s.text))
    for s in vocabulary.spellings("unit_types")
    if s.scope == "abbrev" and s.key in ("huyen", "quan", "thi_xa", "thanh_pho", "tinh")
)
_HOLDER_WORDS = {
    "commune": rf"(?:{T.DISTRICT}|{T.PROVINCE}|(?:{_ABBREV})\s?\.\s?|(?:tp|tx)\s)",
    "village": rf"(?:{T.XA}|{T.DISTRICT}|(?:{_ABBREV})\s?\.\s?)",
    "district": rf"(?:{T.PROVINCE}|{T.CITY}|tp\s?\.?\s?)",
}
_HOLDER_UP = {"village": "commune", "commune": "district"}  # the level a holder's holder is
_UNIT_WORDS = {"commune": T.XA, "village": T.VILLAGE, "district": T.DISTRICT}
# A capitalised word that starts a two-word unit type ("Thị xã", "Thành phố", "Thị trấn")
# ends a name; one-word types ("Huyện", "Xã") are stop words (`names.STOP_WORDS`).
_OTHER_UNIT = re.compile(
    "|".join(re.escape(fold(t)) + r"(?![a-z])" for t in T.prose_spellings("unit_types") if " " in t)
)
_SEPARATOR = re.compile(rf"\s*(?:[,;&]|{W('và')})(?:\s*(?:,|{W('và')}))?\s*")
# "đều", "cùng" (or a short word OCR left unreadable) between names and "thuộc huyện D"
_ADVERB = rf"(?:{W('đều')}|{W('cùng')}|(?<![a-z])[a-z&0-9]{{2,3}}(?=\s+{W('thuộc')}))"
_OF = re.compile(
    rf"\s*,?\s*(?:{_ADVERB}\s+)?(?:{W('thuộc')}|{W('của')}|{W('tại')}|{W('ở')})\s+"
    rf"(?:{W('địa bàn')}\s+)?"
)
_DASH = re.compile(r"\s*[-–—]\s*")
_OPEN = re.compile(r"\s*\(\s*")
_SPACES = re.compile(r"\s*")
_DAMAGED_TYPE = re.compile(r"(?:[a-z][a-z0-9&.]{0,5}\s){1,2}(?=\S)")
_CLOSE = re.compile(r"\s*\)")
_IN_BRACKET_SEP = re.compile(r"\s*[,;–-]\s*")
_TIEU_CHI = re.compile(T.TIEU_CHI)
# Lower-case words that follow a name in report prose: a damaged name word is never one.
_GRAMMAR = set(
    "dat duoc da dang con chua co la va voi hien hoan thanh tiep tuc cung deu vua se du kien"
    " phan dau nam trong tai thuoc cua huyen xa thon ban tinh thi pho ve theo do de nen"
    " nhung tuy van luon cac gom bao cu the nhu doi cho tu den sau truoc tren duoi ngay thang"
    " cong nhan chuan nong moi nang cao kieu mau tieu chi ntm nhiem vu xay dung tang giam"
    " khong mot hai ba bon sau bay tam chin muoi so ty le chiem linh vuc can dich".split()
)
_ONE_FOR_L = re.compile(r"^[1|][^\W\d_]{1,6}$")  # "1én", "1ong": OCR's 1 for a capital
_CLOSES_NAME = re.compile(r"\s*(?:[,;:()\-–.]|$|và\b|va\b|[A-ZÀ-ỸĐ])")
_TEXT_END = re.compile(r"\s*[.;]?\s*$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
# Verbs that follow a commune's name: a lower-case word before one of them ends the name.
_VERBS_AFTER_NAME = {"dat", "duoc", "da", "con", "chua", "hoan", "hien", "co", "la", "thuoc"}
_NUMERAL = re.compile(r"^(?:\d{1,2}|I{1,3}|IV|V|VI{0,3}|[A-D])$")  # "Gia Tân 3", "Tam Xuân II"
_WORD = re.compile(r"([^\s,;:.()/\[\]\"“”]+)(\s?)")
_INTRO = re.compile(
    rf"(?:{W('bao gồm')}|{W('gồm')}|{W('là')}|{W('cụ thể')}|{W('như')}|{W('đối với')}|{W('cho')})"
    rf"(?:\W{{1,3}}{W('các')})?(?:\W{{1,3}}(?:{T.XA}|{T.DISTRICT}|{T.VILLAGE}))?\s*:?\s*"
)


@dataclass(frozen=True)
class Listed:
    """One listed name: as written (type word dropped), where it stands, and the holding unit
    named with it (district of a commune, commune of a village, province of a district)."""

    name: str
    start: int
    end: int
    holder: str | None = None


@dataclass(frozen=True)
class NameList:
    """Names read as one list, from the first name (or its unit word) to the last attachment."""

    items: tuple[Listed, ...]
    start: int
    end: int
    level: str

    @property
    def names(self) -> list[str]:
        """The names, in order."""
        return [i.name for i in self.items]


def capture(text: str, pos: int, after_unit: bool = False) -> tuple[str, int] | None:
    """The place name starting at ``text[pos:]`` (after spaces): capitalised words, and a
    numeral closing it ("Gia Tân 3"); stops at report words and unit words. Right after a
    unit word (``after_unit``) the first letter may be OCR's "1" for "l"/"Y" ("huyện 1én").

    >>> capture("xã Gia Tân 3, Gia Kiệm", 2), capture("Tam Xuân II (huyện", 0)
    (('Gia Tân 3', 12), ('Tam Xuân II', 11))
    """
    m = _SPACES.match(text, pos)
    i = m.end() if m else pos
    words: list[str] = []
    end = i
    while (wm := _WORD.match(text, end)) is not None:  # words must follow one another
        w = wm.group(1)
        numeral = bool(words) and bool(_NUMERAL.match(w))
        ok = numeral or _is_name_word(w, text, wm.start(), bool(words))
        ok = ok or (after_unit and not words and _lost_capital(w, text, wm.end()))
        if not ok and not (words and _damaged_name_word(w, text, wm.start() + len(w))):
            break
        words.append(w)
        end = wm.start() + len(w)
        if len(words) == MAX_NAME_WORDS or numeral or not wm.group(2):
            break
        end = wm.end()
    if not words:
        return None
    name = " ".join(words)
    return name, i + len(name)


def _is_name_word(w: str, text: str, at: int, inside: bool) -> bool:
    """A capitalised word that can be part of a place name (not a report word, an
    abbreviation in capitals, nor the start of a unit word such as "Thị xã")."""
    if not w[:1].isupper() or not any(c.isalpha() for c in w):
        return False
    f = fold_chars(w)
    if (f != "ket" and is_stop_word(w, f)) or (w.isupper() and len(w) > 3 and inside):
        return False
    if f == "ket" and re.match(r"\S+\s+[a-zđ]", text[at : at + 30]):  # "Kết quả", not "Đoàn Kết"
        return False
    return not _OTHER_UNIT.match(fold_chars(text[at : at + 12]))


def _lost_capital(w: str, text: str, after: int) -> bool:
    """The first word of a name, right after its unit word or a list's separator, whose
    capital OCR lost: "1én" for "Yên", or a lower-case word that is no word of the report's
    grammar before a capitalised name word ("xã phuoc Lâm", "huyện phu Cát")."""
    if _ONE_FOR_L.match(w):
        return True
    if len(w) > 7 or not w.isalpha() or fold_chars(w) in _GRAMMAR:
        return False
    nxt = _WORD.match(text, after)
    return (
        bool(nxt)
        and after > 0
        and text[after - 1] == " "
        and _is_name_word(nxt.group(1), text, nxt.start(), True)
    )


def _damaged_name_word(w: str, text: str, end: int) -> bool:
    """A later word of a name whose capital OCR lost ("Xuan 1uong", "Dong pht"): short, not
    a word of the report's grammar, and closing the name (a separator, a bracket, the end or
    the next capitalised name follows); a word of the grammar only when it ends the text, as
    the last word of a bullet ("- Xã Bình phan")."""
    f = fold_chars(w)
    if len(w) > 7 or not re.search(r"[^\W\d_]", w):
        return False
    if f in _GRAMMAR:  # never a verb that follows names ("xã A đạt")
        return f not in _VERBS_AFTER_NAME and bool(_TEXT_END.match(text, end))
    if _CLOSES_NAME.match(text, end):
        return True
    after = _NEXT_WORD.match(text, end)  # "Quynh phu đạt chuẩn": a report word follows it
    return bool(after) and fold_chars(after.group(1)) in _VERBS_AFTER_NAME


def _holder(text: str, folded: str, pos: int, level: str) -> tuple[str, int] | None:
    """The holding unit's type word and name at ``pos`` ("huyện Yên Sơn", "H.Thống Nhất")."""
    m = re.compile(_HOLDER_WORDS[level]).match(folded, pos)
    if m is None:
        return None
    cap = capture(text, m.end(), after_unit=True)
    return cap if cap else None


def _attachment(text: str, folded: str, pos: int, level: str) -> tuple[str, int] | None:
    """An attachment right after a name: (holder name, end of the attachment) or None."""
    b = _OPEN.match(folded, pos)
    if b:  # "(huyện C)", "(C)", "(hurén C)": a type word OCR damaged past recognition
        held = _holder(text, folded, b.end(), level) or capture(text, b.end())
        if held is None and (w := _DAMAGED_TYPE.match(folded, b.end())):
            held = capture(text, w.end(), after_unit=True)
        close = _CLOSE.match(folded, held[1]) if held else None
        if held and close is None and level in _HOLDER_UP:
            close = _outer_in_bracket(text, folded, held[1], _HOLDER_UP[level])
        if held and close:
            return held[0], close.end()
        return None
    for rx in (_DASH, _OF):  # "– huyện C", "thuộc huyện C"
        m = rx.match(folded, pos)
        if m:
            held = _holder(text, folded, m.end(), level)
            if held:
                return held
    m = re.compile(r"\s*,\s*").match(folded, pos)  # ", huyện C"
    if m:
        held = _holder(text, folded, m.end(), level)
        if held:
            return held
    return None


def _outer_in_bracket(text: str, folded: str, pos: int, up: str) -> re.Match[str] | None:
    """The close of a bracket that names the holder's own holder after it ("(xã Bản Phố,
    huyện Bắc Hà)", "(huyện A - tỉnh B)"), or None."""
    sep = _IN_BRACKET_SEP.match(folded, pos)
    outer = _holder(text, folded, sep.end(), up) if sep else None
    return _CLOSE.match(folded, outer[1]) if outer else None


@cache
def _list_unit(level: str) -> re.Pattern[str]:
    """The unit word a listed name may stand after ("các xã", "xã", not the "xã" of "thị xã")."""
    if level == "commune":
        return re.compile(rf"(?:{W('các')}\s+)?(?<!th{_L}\s)(?<!th{_L}{_L}\s){T.XA}\s*:?\s*")
    return re.compile(rf"(?:{W('các')}\s+)?{_UNIT_WORDS[level]}\s*:?\s*")


def read_list(
    text: str, folded: str, pos: int, level: str = "commune", item: bool = False
) -> NameList | None:
    """The list whose first name starts at ``pos`` (its unit word may stand there); an
    ``item`` of a list (after its bullet or number) may open with a capital OCR lost.

    >>> from ntm_analysis.sources.reports.folding import fold_chars
    >>> t = "Thọ Sơn, Bình Sơn (huyện Anh Sơn); Tân Hợp – huyện Tân Kỳ và xã Hoa Sơn đạt"
    >>> [(i.name, i.holder) for i in read_list(t, fold_chars(t), 0).items]
    [('Thọ Sơn', 'Anh Sơn'), ('Bình Sơn', 'Anh Sơn'), ('Tân Hợp', 'Tân Kỳ'), ('Hoa Sơn', None)]
    """
    unit = _list_unit(level)
    items: list[Listed] = []
    group = 0
    i = pos
    while len(items) < MAX_ITEMS:
        um = unit.match(folded, i)
        at = um.end() if um else i
        cap = capture(text, at, after_unit=bool(um) or bool(items) or item)
        if cap is None:
            break
        items.append(Listed(cap[0], cap[1] - len(cap[0]), cap[1]))
        i = cap[1]
        att = _attachment(text, folded, i, level)
        if att:
            items[group:] = [Listed(x.name, x.start, x.end, att[0]) for x in items[group:]]
            group, i = len(items), att[1]
            up = _HOLDER_UP.get(level)  # "xã C (huyện D)": the holder's own holder
            outer = _attachment(text, folded, i, up) if up and _OPEN.match(folded, i) else None
            i = outer[1] if outer else i
        sep = _SEPARATOR.match(folded, i)
        if not sep:
            break
        nxt = unit.match(folded, sep.end())
        if capture(text, nxt.end() if nxt else sep.end(), after_unit=True) is None:
            break
        i = sep.end()
    if not items:
        return None
    return NameList(tuple(items), pos, i, level)


_ANY_UNIT = re.compile(rf"(?P<commune>{T.XA})|(?P<district>{T.DISTRICT})|(?P<village>{T.VILLAGE})")
# "thị xã": a district-level word, not "xã" (but "cụ thể: xã A", "có thêm xã A" are a commune's)
_L = r"[^\s:;,.()aeouy]"  # a letter of "thị", as OCR may print it (no other vowel)
_THI_BEFORE = re.compile(rf"(?<![a-z])th{_L}{{0,2}}\s$")


@lru_cache(maxsize=16)  # each sentence asks once per level
def _units(folded: str) -> tuple[re.Match[str], ...]:
    """Unit words of every level, without the "thôn" of "nông thôn" (rural, not a village)."""
    return tuple(
        m
        for m in _ANY_UNIT.finditer(folded)
        if m.lastgroup != "village" or not is_rural_thon(folded, m.start())
    )


@lru_cache(maxsize=16)
def _anchors(folded: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where a list may start after introducing words, ":" or "(", and the ends of "tiêu chí"."""
    anchors = {m.end() for m in _INTRO.finditer(folded)}
    anchors |= {m.end() for m in re.finditer(r"[:(]\s*", folded)}
    return tuple(sorted(anchors)), tuple(c.end() for c in _TIEU_CHI.finditer(folded))


def unit_words(folded: str, level: str) -> list[re.Match[str]]:
    """The unit words of ``level`` in a folded text ("xã" of "thị xã" is not a commune's)."""
    out = []
    for m in _units(folded):
        if m.lastgroup != level:
            continue
        if level == "commune" and _THI_BEFORE.search(folded[max(0, m.start() - 5) : m.start()]):
            continue
        out.append(m)
    return out


def _village_word_ok(text: str, folded: str, at: int) -> bool:
    """A village word ("thôn", "bản", "ấp") that is not part of a name ("xã Bản Phố"): in lower
    case, or opening the sentence or a clause."""
    if not text[at : at + 1].isupper():
        return True
    before = folded[:at].rstrip()
    if _ABBREV_DOT.search(before):
        return False  # "(H. Bến Lức)": the dot of a unit's abbreviation ends no clause
    return not before or before[-1:] in ".;:-+"


def _communes_named(text: str, folded: str, nl: NameList) -> bool:
    """Whether a list read after a capitalised village word ("Bản", "Thôn", "Ấp") names
    communes whose names start with that word ("…(03 xã): Bản Liền, Nậm Đét (huyện Bắc
    Hà)"): its names are held by a district, never by a commune, or the clause before the
    ":" it follows counts communes, not villages."""
    if not text[nl.start : nl.start + 1].isupper():
        return False
    held = [i for i in nl.items if i.holder is not None]
    if held and not _COMMUNE_HOLDER.search(folded, nl.items[0].end, nl.end):
        return True
    before = folded[: nl.start].rstrip()
    if not before.endswith(":"):
        return False
    units = [m for m in _units(before) if m.start() >= max(0, len(before) - INTRO_REACH)]
    return bool(units) and units[-1].lastgroup == "commune"


_COMMUNE_HOLDER = re.compile(rf"(?<!th{_L}\s)(?<!th{_L}{_L}\s){T.XA}")
_ABBREV_DOT = re.compile(rf"(?<![a-z])(?:{_ABBREV}|tp|tx)\s?\.$")


def find_lists(
    text: str, folded: str, level: str = "commune", skip: list[tuple[int, int]] | None = None
) -> list[NameList]:
    """The lists of names of ``level`` in a sentence, in order, none overlapping and none
    starting inside a span of ``skip`` (the lists of a lower level, whose holders they
    name): after a unit word, after an introducing word or ":" whose clause names the unit
    last, or in brackets after such a clause."""
    skip = skip or []
    units = _units(folded)
    starts: set[int] = set()
    for m in units:
        if m.lastgroup != level or (
            level == "village" and not _village_word_ok(text, folded, m.start())
        ):
            continue
        if level == "commune" and _THI_BEFORE.search(folded[max(0, m.start() - 5) : m.start()]):
            continue
        tail = re.compile(r"\s*:?\s*").match(folded, m.end())
        if capture(text, tail.end() if tail else m.end(), after_unit=True) is not None:
            starts.add(m.start())
    ends = [u.end() for u in units]
    anchors, criteria = _anchors(folded)
    for at in anchors:
        if at in starts:
            continue
        begin = max(folded.rfind(";", 0, at) + 1, at - INTRO_REACH)
        i = bisect.bisect_right(ends, at) - 1
        if i < 0 or units[i].start() < begin or units[i].lastgroup != level:
            continue  # the clause must name this unit last
        if capture(text, at) is None:
            continue
        if units[i].end() < at and capture(text, units[i].end(), after_unit=True) is not None:
            continue  # "huyện X có … là: …": a named unit is the subject, not the list's unit
        j = bisect.bisect_right(criteria, at) - 1
        if j >= 0 and criteria[j] > units[i].end():
            continue  # "… tiêu chí gồm:": criteria, not places
        starts.add(at)
    first = _names_first(text, folded, level)
    starts |= set(first)
    out: list[NameList] = []
    covered = -1
    for start in sorted(starts):
        if start < covered or any(a <= start < b for a, b in skip):
            continue
        found = first.get(start) or read_list(text, folded, start, level)
        if found is not None and level == "village" and _communes_named(text, folded, found):
            continue
        if found is not None:
            out.append(found)
            covered = found.end
    return out


# Names stated before their unit word: "A, B và C là ba xã (thuộc huyện D) …", or before
# the unit that holds them: "A, B, C (đều) thuộc huyện D …".
_NAMED_AS = re.compile(
    rf"(?:{W('đều')}\s+)?(?<![a-z0-9])[l1]a\s+(?:{NUMBER_WORD}|\d{{1,3}}|{W('các')}|{W('những')})\s+"
)
_THUOC = re.compile(rf"(?:{_ADVERB}\s+)?{W('thuộc')}\s+(?:{W('địa bàn')}\s+)?")
# what every names-first trigger contains (without the optional words before it): few
# sentences have it, so one search spares the three levels' trigger scans
_FIRST_CUE = re.compile(
    rf"(?<![a-z0-9])[l1]a\s+(?:{NUMBER_WORD}|\d{{1,3}}|{W('các')}|{W('những')})\s|{W('thuộc')}\s"
)
# the unit holding names-first names: the level right above theirs ("Ia Ka, Ia Nhin thuộc
# huyện D" are communes, not villages)
_FIRST_HOLDERS = {"commune": T.DISTRICT, "village": T.XA, "district": T.PROVINCE}
_HOLDER_LEVEL = {"commune": "district", "village": "commune"}  # in `_units`' groups
_CAPITAL = re.compile(r"(?<![^\s(\"“])[A-ZÀ-ỸĐ]")


@cache
def _first_patterns(level: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The unit word of ``level``, its holder after "thuộc", and what ends names put first."""
    holder = _THUOC.pattern + _FIRST_HOLDERS[level]
    trigger = rf"{_NAMED_AS.pattern}(?={_UNIT_WORDS[level]})|{holder}"
    return re.compile(_UNIT_WORDS[level]), re.compile(holder), re.compile(trigger)


@lru_cache(maxsize=16)  # asked once per level
def _first_cue(folded: str) -> bool:
    return _FIRST_CUE.search(folded) is not None


def _names_first(text: str, folded: str, level: str) -> dict[int, NameList]:
    """Lists whose names open their clause with no unit word before them, known as names of
    ``level`` by what follows: "là ba xã" (the unit word, and the holder after it: "là ba xã
    thuộc huyện D"), or "(đều) thuộc huyện D" (a holder of this level's units), by start."""
    out: dict[int, NameList] = {}
    if not _first_cue(folded):
        return out
    holder_level = _HOLDER_LEVEL.get(level)
    if holder_level and not any(m.lastgroup in (level, holder_level) for m in _units(folded)):
        return out  # neither the unit word nor its holder: no names put first
    unit, holder, trigger = _first_patterns(level)
    for m in trigger.finditer(folded):
        e = len(folded[: m.start()].rstrip(" ,"))
        b = max(folded.rfind(c, 0, e) for c in ".;:") + 1
        for c in _CAPITAL.finditer(text, b, e):
            if not text[c.start()].isupper():
                continue
            nl = read_list(text, folded, c.start(), level)
            if nl is None or nl.items[-1].end != e or unit.match(folded, c.start()):
                continue
            if holder.match(folded, m.start()) and nl.items[-1].holder is None:
                continue
            out[c.start()] = _held_after(text, folded, nl, m.end(), unit, level)
            break
    return out


def _held_after(
    text: str, folded: str, nl: NameList, at: int, unit: re.Pattern[str], level: str
) -> NameList:
    """A names-first list read up to its unit word and the holder named after it ("là ba xã
    thuộc huyện D": every name is D's)."""
    um = unit.match(folded, at)
    if um is None:
        return nl
    att = _attachment(text, folded, um.end(), level)
    if att is None:
        return NameList(nl.items, nl.start, um.end(), level)
    items = tuple(Listed(x.name, x.start, x.end, x.holder or att[0]) for x in nl.items)
    return NameList(items, nl.start, att[1], level)
