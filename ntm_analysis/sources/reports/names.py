"""Place names in report text: capture them, correct OCR damage against the gazetteer.

Owns the choice of vintage for a document (units in force on its date) and the resolution
of province, district and commune names to gazetteer units. Commune names go through
`matching.match_units`; provinces and districts are compared with
`textnorm.ocr_similarity` among the candidates of the enclosing unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold, normalize, ocr_similarity
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import match_units
from ntm_analysis.sources.reports.terms import prose_spellings

ACCEPT = 78.0
MARGIN = 4.0
# Unit-type words a name may carry in front ("xã Đồng Ý"), every level, from the vocabulary.
_PREFIX = re.compile(
    r"^(?:" + "|".join(re.escape(t) for t in prose_spellings("unit_types")) + r")\s+",
    re.I,
)
_VILLAGE_TYPES = set(prose_spellings("unit_types", level="village"))
_PREFIX_ABOVE_VILLAGE = re.compile(
    r"^(?:"
    + "|".join(re.escape(t) for t in prose_spellings("unit_types") if t not in _VILLAGE_TYPES)
    + r")\s+",
    re.I,
)
# Words that start with a capital letter but are not part of a place name: the grammar of a
# report, the first tier's abbreviation and the unit types a name is introduced by (shared
# with `lists`).
_STOP_SPELLINGS = {
    "ubnd", "hđnd", "nq", "qđ", "kh", "ủy", "uỷ", "theo", "và", "ngày", "trong", "tại",
    "của", "thuộc", "trên", "đến", "với", "cho", "kết",
} | {
    t.lower()
    for t in [
        *prose_spellings("unit_types", "tinh", "huyen", "xa", "thon"),
        *(t for t in prose_spellings("tiers", "ntm") if t.isupper()),
    ]
    if " " not in t
}  # fmt: skip
STOP_WORDS = {fold(t) for t in _STOP_SPELLINGS}


def is_stop_word(word: str, folded: str) -> bool:
    """Whether a capitalised word (``folded`` its folded key) is a report word rather than part
    of a name. A word written with its diacritics in full is compared as written: "Chợ" (of
    "Chợ Lách") and "Tài" (of "Cát Tài") are names, not "cho" and "tại"; a word whose
    diacritics were lost, or whose letters OCR changed, is compared folded.

    >>> is_stop_word("Tại", "tai"), is_stop_word("Tài", "tai"), is_stop_word("Tai", "tai")
    (True, False, True)
    """
    if folded not in STOP_WORDS:
        return False
    plain = fold(word)
    if plain == word.lower() or plain != folded:  # no diacritics, or letters damaged
        return True
    return normalize(word).lower() in _STOP_SPELLINGS


@dataclass(frozen=True)
class Unit:
    """A resolved unit: corrected short name, code, level and vintage (code None if unmatched)."""

    name: str
    code: str | None
    level: str
    vintage: str
    score: float


def vintage_for(year: int | None, month: int | None = None) -> str:
    """Admin vintage in force for a document dated ``year``/``month`` (2025-07-01 cut-over)."""
    if year is None:
        return "legacy"
    return "2025" if (year, month or 1) >= (2025, 7) else "legacy"


def title_name(name: str) -> str:
    """Capitalise every syllable of a place name ("Đồng ý" → "Đồng Ý").

    >>> title_name("Đồng ý")
    'Đồng Ý'
    """
    return " ".join(w[:1].upper() + w[1:] for w in normalize(name).split())


def strip_prefix(name: str) -> str:
    """A name without its unit-type word ("xã Đồng Ý" → "Đồng Ý")."""
    return _PREFIX.sub("", normalize(name))


def commune_key(name: str) -> str:
    """A commune's name without a commune-or-higher unit word: a village word opening it is
    part of the name ("Bản Liền", "xã Bản Phố" → "Bản Phố").

    >>> commune_key("xã Bản Phố"), commune_key("Bản Liền")
    ('Bản Phố', 'Bản Liền')
    """
    return _PREFIX_ABOVE_VILLAGE.sub("", normalize(name))


def capture_name(text: str, pos: int, max_words: int = 3) -> tuple[str, int] | None:
    """Capitalised words starting at ``text[pos:]`` (after spaces): the name and its end.

    >>> capture_name("xã Long Đống đạt chuẩn", 2)
    ('Long Đống', 12)
    """
    m = re.compile(r"\s*").match(text, pos)
    i = m.end() if m else pos
    words: list[str] = []
    end = i
    for wm in re.compile(r"([^\s,;:.()/]+)(\s?)").finditer(text, i):
        if wm.start() != end:
            break
        w = wm.group(1)
        if (
            not w[:1].isupper()
            or is_stop_word(w, fold(w))
            or (words and w.isupper() and len(w) > 3)
        ):
            break
        words.append(w)
        end = wm.start() + len(w)
        if len(words) == max_words or not wm.group(2):
            break
        end = wm.end()
    if not words:
        return None
    name = " ".join(words)
    return name, i + len(name)


_LIST_SEPARATOR = r"\s*(?:,|và|va|\W{{0,1}}&)\s*(?:{unit}\s+)?"


def names_after(text: str, folded: str, pos: int, unit_re: str) -> tuple[list[str], int]:
    """Names listed from ``pos`` and where the list ends: "Long Đống", "A, xã B và C" (the unit
    word ``unit_re`` may repeat before each name).

    >>> from ntm_analysis.sources.reports.folding import fold_chars
    >>> t = "xã Vũ Lễ, Vũ Lăng và xã Long Đống đạt"
    >>> names_after(t, fold_chars(t), 2, "xa")
    (['Vũ Lễ', 'Vũ Lăng', 'Long Đống'], 33)
    """
    names: list[str] = []
    separator = re.compile(_LIST_SEPARATOR.format(unit=unit_re))
    i = pos
    while True:
        cap = capture_name(text, i)
        if cap is None:
            break
        names.append(cap[0])
        i = cap[1]
        sep = separator.match(folded, i)
        if not sep or not sep.group(0).strip():
            break
        nxt = capture_name(text, sep.end())
        if nxt is None:
            break
        i = sep.end()
    return names, i


@cache
def _units(vintage: str) -> pd.DataFrame:
    return gazetteer.load_units(vintage)


@cache
def _candidates(
    level: str, province_code: str | None, vintage: str, unit_type: str | None = None
) -> tuple[tuple[int, str], ...]:
    """(row index, short name) of the units of a level (in one province when given; of one
    type, "Thị xã", when given)."""
    units = _units(vintage)
    cands = units[units["level"] == level]
    if province_code:
        cands = cands[cands["province_code"] == province_code]
    if unit_type:
        cands = cands[cands["unit_type"] == unit_type]
    return tuple(cands["unit_name_short"].items())


def _type_named(name: str, level: str) -> str | None:
    """The gazetteer type a name's own type word names ("Thị xã Kỳ Anh" → "Thị xã")."""
    m = _PREFIX.match(normalize(name) + " ")
    key = vocabulary.unit_type_of(m.group(0).strip(), level) if m else None
    return vocabulary.label("unit_types", key) if key else None


def _best(name: str, candidates: tuple[tuple[int, str], ...]) -> tuple[int | None, float]:
    if not candidates:
        return None, 0.0
    scores = sorted(((ocr_similarity(name, short), i) for i, short in candidates), reverse=True)
    top, idx = scores[0]
    if top < ACCEPT or (len(scores) > 1 and top - scores[1][0] < MARGIN):
        return None, top
    return idx, top


@cache
def resolve_province(name: str, vintage: str = "legacy") -> Unit | None:
    """The province named (OCR damage tolerated), or None."""
    units = _units(vintage)
    idx, score = _best(strip_prefix(name), _candidates("province", None, vintage))
    if idx is None:
        return None
    row = units.loc[idx]
    return Unit(title_name(row["unit_name_short"]), row["unit_code"], "province", vintage, score)


@cache
def resolve_district(
    name: str, province_code: str | None, vintage: str = "legacy", kind: str | None = None
) -> Unit | None:
    """A district of the province (all districts when the province is unknown), or None. A
    type word written with the name ("Thị xã Kỳ Anh") or given as ``kind`` picks the unit of
    that type when two share the name."""
    units = _units(vintage)
    words = strip_prefix(name).split()
    idx, score = None, 0.0
    typed = _type_named(f"{kind or ''} {name}".strip(), "district")
    for unit_type in dict.fromkeys([typed, None]):
        cands = _candidates("district", province_code, vintage, unit_type)
        for n in range(len(words), 0, -1):  # "Bắc Sơn Kết" (a capitalised word after the name)
            idx, score = _best(" ".join(words[:n]), cands)
            if idx is not None:
                break
        if idx is not None:
            break
    if idx is None:
        return None
    row = units.loc[idx]
    return Unit(title_name(row["unit_name_short"]), row["unit_code"], "district", vintage, score)


# Searched province-wide (no district known), a name is replaced by a gazetteer name only
# this close to it: a commune missing from the gazetteer can land near 80 on an unrelated
# one of the province's ~200 communes ("Đại An" → Đội Cấn 79.6). Within one district's
# dozen communes the matcher's own threshold stands (OCR damage such as "Vil Ling" → Vũ Lăng
# scores 74).
CORRECT_MIN = 85.0


def resolve_communes(
    names: list[str], province: str | None, district: str | None, vintage: str
) -> list[Unit | None]:
    """Communes by name within a province (and district when known), via `match_units`;
    without a district, fuzzy matches below `CORRECT_MIN` are not taken (None)."""
    if not names or not province:
        return [None] * len(names)
    keys = [(commune_key(n), province, district or "", vintage) for n in names]
    todo = [k for k in dict.fromkeys(keys) if k not in _RESOLVED]
    for k in todo:
        exact = _exact_commune(k[0], province, district, vintage)
        if exact is not None:
            _RESOLVED[k] = exact
    todo = [k for k in todo if k not in _RESOLVED]
    if todo:
        df = pd.DataFrame(
            {"province": province, "district": district or "", "commune": [k[0] for k in todo]}
        )
        out = match_units(df, vintage=vintage, district_col="district" if district else None)
        for k, row in zip(todo, out.itertuples(index=False)):
            good = row.match_status == "exact" or (
                row.match_status == "fuzzy" and (district or row.match_score >= CORRECT_MIN)
            )
            _RESOLVED[k] = None
            if good and row.ward_code:
                name = title_name(commune_key(row.matched_name))
                _RESOLVED[k] = Unit(name, row.ward_code, "commune", vintage, float(row.match_score))
    if len(_RESOLVED) > RESOLVED_CACHE:
        _RESOLVED.clear()
    return [_RESOLVED.get(k) for k in keys]


# Names already looked up: (name, province, district, vintage) → unit (None: not found).
_RESOLVED: dict[tuple[str, str, str, str], Unit | None] = {}
RESOLVED_CACHE = 200_000


@cache
def _commune_index(vintage: str) -> dict[tuple[str, str], tuple[tuple[str, Unit], ...]]:
    """(folded province, folded commune name) → (folded district, commune unit) per commune."""
    units = _units(vintage)
    communes = units[units["level"] == "commune"]
    index: dict[tuple[str, str], list[tuple[str, Unit]]] = {}
    for row in communes.itertuples(index=False):
        short = str(row.unit_name_short)
        unit = Unit(title_name(short), row.unit_code, "commune", vintage, 100.0)
        key = (fold(strip_prefix(str(row.province_name))), fold(short))
        district = fold(strip_prefix(str(row.district_name))) if row.district_name else ""
        index.setdefault(key, []).append((district, unit))
    return {k: tuple(v) for k, v in index.items()}


def _exact_commune(name: str, province: str, district: str | None, vintage: str) -> Unit | None:
    """The one commune of the province (and district) spelled exactly ``name`` (without
    diacritics), or None: the matcher is asked only about the others."""
    hits = _commune_index(vintage).get((fold(strip_prefix(province)), fold(commune_key(name))))
    if not hits:
        return None
    if district:
        hits = tuple(h for h in hits if h[0] == fold(strip_prefix(district)))
    return hits[0][1] if len(hits) == 1 else None


@cache
def resolve_commune(
    name: str, province: str | None, district: str | None, vintage: str
) -> Unit | None:
    """One commune by name (see `resolve_communes`), cached: a sentence's places ask often."""
    return resolve_communes([name], province, district, vintage)[0]


def province_of(unit: Unit) -> Unit | None:
    """The province a district or commune belongs to."""
    units = _units(unit.vintage)
    row = units[(units["unit_code"] == unit.code) & (units["level"] == unit.level)]
    if row.empty:
        return None
    code = row.iloc[0]["province_code"]
    prov = units[(units["level"] == "province") & (units["unit_code"] == code)].iloc[0]
    return Unit(title_name(prov["unit_name_short"]), code, "province", unit.vintage, 100.0)


@cache
def _province_names(vintage: str) -> dict[str, Unit]:
    """Folded short name → province, for names written without their type word."""
    units = _units(vintage)
    rows = units[units["level"] == "province"]
    return {
        fold(str(short)): Unit(title_name(str(short)), code, "province", vintage, 100.0)
        for short, code in zip(rows["unit_name_short"], rows["unit_code"])
    }


_CAPITALISED = re.compile(r"[A-ZÀ-ỸĐ][^\W\d_]*")
_CAPITALISED_RUN = re.compile(r"(?<!\w)[A-ZÀ-ỸĐ][^\W\d_]*(?: [A-ZÀ-ỸĐ][^\W\d_]*)*")
_UNIT_WORDS = {fold(t) for t in prose_spellings("unit_types") if " " not in t} | {"ubnd"}
SUBJECT_REACH = 40  # a subject's name ends right before its verb: its words lie this close


def subject_provinces(
    text: str, folded: str, verbs: re.Pattern[str], vintage: str
) -> list[tuple[int, Unit]]:
    """Provinces named without their type word as the subject of a verb ("Nghệ An hiện có
    …", "Thanh Hóa đặt mục tiêu …"): (where the name starts, the province). ``verbs``
    matches the spaces and the verb after a subject.

    >>> import re
    >>> subject_provinces("Hiện tại Nghệ An có 299 xã", "", re.compile(" co"), "legacy")
    [(9, Unit(name='Nghệ An', code='40', level='province', vintage='legacy', score=100.0))]
    """
    folded = folded or fold(text)
    names = _province_names(vintage)
    out: list[tuple[int, Unit]] = []
    for run in _CAPITALISED_RUN.finditer(text):  # a name, then its verb
        if not verbs.match(folded, run.end()):
            continue
        lo = max(0, run.end() - SUBJECT_REACH)
        words = list(re.finditer(r"\S+", text[lo : run.end()]))
        for n in (3, 2, 1):
            if len(words) < n or not all(_CAPITALISED.fullmatch(w.group()) for w in words[-n:]):
                continue
            before = words[-n - 1].group() if len(words) > n else ""
            unit = names.get(fold(" ".join(w.group() for w in words[-n:])))
            if unit is not None and fold(before) not in _UNIT_WORDS:
                out.append((lo + words[-n].start(), unit))
                break
    return out


def find_province(text: str, vintage: str = "legacy") -> Unit | None:
    """The first province named in ``text`` after "tỉnh"/"thành phố" (header lines)."""
    folded = fold(text)
    for m in re.finditer(r"\b(?:tinh|thanh pho|tp)\s+((?:[a-z]+\s?){1,3})", folded):
        words = m.group(1).split()
        for n in (2, 3, 1):
            if len(words) >= n:
                name = " ".join(words[:n])
                unit = resolve_province(name, vintage)
                if unit is not None and unit.score >= 90:
                    city = None if m.group(0).startswith("tinh") else name
                    return _city_of_district(city, unit, vintage) or unit
    return None


def _city_of_district(name: str | None, unit: Unit, vintage: str) -> Unit | None:
    """The province of a district-level city written exactly ``name`` ("thành phố Phổ Yên"),
    when the province found only resembles the name (Phú Yên); None otherwise."""
    if name is None or fold(unit.name) == name:
        return None
    district = resolve_district(name, None, vintage)
    if district is None or fold(district.name) != name:
        return None
    return province_of(district)
