"""Written place names in the forms the matcher compares.

A name is normalised, an abbreviated type prefix is written in full ("TT. Bắc Sơn" →
"Thị trấn Bắc Sơn"), the type prefix is split off, damaged or not ("Xa Dong Y" → "Dong Y"),
and its `textnorm.ocr_forms` are computed once and cached per level. Type prefixes and their
abbreviations come from the vocabulary. `matching` scores these forms against the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import (
    fold,
    normalize,
    ocr_forms,
    ocr_forms_many,
    ocr_key,
    strip_diacritics,
)
from ntm_analysis.model.csv_files import ESCAPE, FORMULA_START, is_formula_like

# Type prefixes per level, from the vocabulary: abbreviated ("TT. Bắc Sơn", "P.1",
# "TP. Hải Phòng") and full, folded ("thi tran").
_LEVELS = ("commune", "district", "province")
_ABBREV = {level: vocabulary.unit_type_abbreviations(level) for level in _LEVELS}
_PREFIXES = {
    level: tuple(dict.fromkeys(fold(n) for n in vocabulary.unit_type_names(level)))
    for level in _LEVELS
}
_PREFIX_SET = {level: frozenset(p) for level, p in _PREFIXES.items()}
_PREFIX_FIRST = {level: frozenset(x.split(" ")[0] for x in p) for level, p in _PREFIXES.items()}
_ABBREV_RE = re.compile(r"^([A-Za-zĐđ]{1,2})\s*\.\s*|^([A-Za-zĐđ]{1,2})\s+(?=\S)")


class Spelling:
    """A written name's spelling keys: enough to look it up by exact or diacritic-free
    spelling, without the OCR forms (see `Name`)."""

    __slots__ = ("bare", "exact_keys", "fold_keys", "full", "plain", "refused", "short")

    def __init__(
        self, full: str, short: str, fold_keys: tuple[str, str], bare: bool, refused: str = ""
    ) -> None:
        self.full, self.short = full, short
        self.refused = refused  # why the text is not read as a name at all (a formula)
        cf = full.casefold()
        self.exact_keys = (cf, cf if short == full else short.casefold())
        self.fold_keys = fold_keys
        self.bare = bare  # typed without any diacritics ("Xa Nga Thanh")
        # the name's own words without diacritics ("Xã Gia Phuong" too: a typed or
        # expanded prefix may carry them)
        self.plain = bare or (short != full and strip_diacritics(short) == short)


class Name(Spelling):
    """One written name in the forms the matcher compares (keys computed once).

    A plain slotted class: it is built once per distinct name, and a NamedTuple's generated
    constructor showed up as a tenth of the matching time.
    """

    __slots__ = ("forms", "short_forms")

    def __init__(
        self,
        full: str,
        short: str,
        forms: tuple[str, str, str],
        short_forms: tuple[str, str, str],
        bare: bool,
        refused: str = "",
    ) -> None:
        super().__init__(full, short, (forms[0], short_forms[0]), bare, refused)
        self.forms, self.short_forms = forms, short_forms  # `textnorm.ocr_forms` of each


@lru_cache(maxsize=65_536)
def casefold_key(text: str) -> str:
    """The key of an exact spelling: normalised and case-folded ("Xã Đồng Ý" → "xã đồng ý")."""
    return normalize(text).casefold()


@lru_cache(maxsize=4096)
def _is_prefix_key(key: str, level: str) -> bool:
    """Whether an OCR key (see `textnorm.ocr_key`) of a name's first word(s) is a type prefix."""
    n = key.count(" ") + 1
    return any(
        key == prefix or (len(prefix) >= 4 and fuzz.ratio(key, prefix) >= 80)
        for prefix in _PREFIXES[level]
        if prefix.count(" ") + 1 == n
    )


_SEPARATOR = re.compile(r"[^\w\s]")  # anything that could split or vanish from a word's key
_NAMES: dict[str, dict[str, Name]] = {level: {} for level in _PREFIXES}
_SPELLINGS: dict[str, dict[str, Spelling]] = {level: {} for level in _PREFIXES}
_NAMES_MAX = 200_000  # per level; the cache is emptied when it grows past this


def _expand_abbreviation(text: str, level: str) -> str:
    """Normalise, and write an abbreviated type prefix ("TT.", "P.", "TP.") in full."""
    s = text if text.isascii() and "  " not in text else normalize(text)
    m = _ABBREV_RE.match(s)
    if m:
        dotted = m.group(1) is not None
        abbrev = (m.group(1) or m.group(2)).lower()
        if abbrev in _ABBREV[level] and (dotted or len(abbrev) == 2):
            s = f"{_ABBREV[level][abbrev]} {s[m.end() :]}".strip()
    return s


def spell_names(texts: list[str], level: str) -> list[Spelling]:
    """The spelling keys of names of one level (cached): abbreviations expanded, a type
    prefix split off when written in full, with or without diacritics ("Xa", "Huyện").

    The cheap first reading: names that match a unit by spelling need nothing more.
    `parse_names` also splits off damaged prefixes and computes the OCR forms.
    """
    cache = _SPELLINGS[level]
    new = [t for t in dict.fromkeys(texts) if t not in cache]
    if new:
        if len(cache) + len(new) > _NAMES_MAX:
            cache.clear()
        prefixes = _PREFIX_SET[level]
        full = [_expand_abbreviation(t, level) for t in new]
        bare = _strip_lines(new)
        firsts = _PREFIX_FIRST[level]
        for text, s, f, b in zip(new, full, _fold_lines(full), bare, strict=True):
            if " " in f and f.split(" ", 1)[0] in firsts:
                short, short_fold = _split_clean_prefix(s, f, prefixes)
            else:
                short, short_fold = s, f
            refused = formula_reason(text) if text[:1] in _FORMULA_FIRST else ""
            cache[text] = Spelling(s, short, (f, short_fold), b == text, refused or "")
    return [cache[t] for t in texts]


_FORMULA_FIRST = frozenset((*FORMULA_START, ESCAPE))
_NON_ALNUM_LINES = re.compile(r"[^0-9a-z\n]+")


def _strip_lines(texts: list[str]) -> list[str]:
    """`textnorm.strip_diacritics` of each text, in one call over all of them."""
    out = strip_diacritics("\n".join(texts)).split("\n")
    return out if len(out) == len(texts) else [strip_diacritics(t) for t in texts]


def _fold_lines(texts: list[str]) -> list[str]:
    """`textnorm.fold` of each text (equal item by item), the string work done once over all
    of them."""
    lines = _NON_ALNUM_LINES.sub(" ", "\n".join(_strip_lines(texts)).lower()).split("\n")
    if len(lines) != len(texts):  # a line break inside a text
        return [fold(t) for t in texts]
    return [x.strip(" ") for x in lines]


def _split_clean_prefix(s: str, f: str, prefixes: frozenset[str]) -> tuple[str, str]:
    """(short name, its fold) of ``s`` (fold ``f``) without a type prefix written in full,
    with or without diacritics; ``(s, f)`` when it has none."""
    fw = f.split(" ")
    words = s.split(" ")
    aligned = len(fw) == len(words)
    for n in (2, 1):
        if len(words) > n:
            head = " ".join(fw[:n]) if aligned else fold(" ".join(words[:n]))
            if head in prefixes:
                short = " ".join(words[n:])
                return short, " ".join(fw[n:]) if aligned else fold(short)
    return s, f


def parse_names(texts: list[str], level: str) -> list[Name]:
    """Parse names of one level (cached): expand abbreviations, split off the type prefix.

    The prefix test reads each name's OCR key, which scoring needs anyway; the keys of all
    new names are computed in one batch (`textnorm.ocr_forms_many`). Names with punctuation,
    whose key words may not line up with the written words, are tested word by word.
    """
    cache = _NAMES[level]
    new = [t for t in dict.fromkeys(texts) if t not in cache]
    if new:
        if len(cache) + len(new) > _NAMES_MAX:
            cache.clear()
        spelled = spell_names(new, level)  # expanded, bare and refused are read there
        full = [sp.full for sp in spelled]
        forms = ocr_forms_many(full)
        shorts = [_short_name(s, f[1], level) for s, f in zip(full, forms, strict=True)]
        split = [i for i, (s, short) in enumerate(zip(full, shorts, strict=True)) if s != short]
        short_forms = list(forms)
        for i, sf in zip(split, ocr_forms_many([shorts[i] for i in split]), strict=True):
            short_forms[i] = sf
        for text, sp, short, f, sf in zip(new, spelled, shorts, forms, short_forms, strict=True):
            cache[text] = Name(sp.full, short, f, sf, sp.bare, sp.refused)
    return [cache[t] for t in texts]


def _short_name(s: str, key: str, level: str) -> str:
    """``s`` without its type prefix ("Xã", "Thị trấn", damaged or not); ``s`` itself if none."""
    words = s.split(" ")
    if len(words) < 2:
        return s
    key_words = key.split(" ")
    aligned = len(key_words) == len(words) and not _SEPARATOR.search(s)
    for n in (2, 1):
        if len(words) > n:
            head = " ".join(key_words[:n]) if aligned else ocr_key(" ".join(words[:n]))
            if _is_prefix_key(head, level):
                return " ".join(words[n:])
    return s


def cell_texts(col: pd.Series) -> list[str]:
    """`textnorm.normalize` of every cell (NFC, single spaces, stripped); blanks become ""."""
    nfc = unicodedata.normalize
    out = []
    for v in col.tolist():
        if not isinstance(v, str):
            out.append("" if v is None or v != v else " ".join(str(v).split()))
        elif v.isascii() or unicodedata.is_normalized("NFC", v):
            out.append(" ".join(v.split()))
        else:
            out.append(" ".join(nfc("NFC", v).split()))
    return out


def distinct_texts(col: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Per row, the position of its normalised text among the distinct texts (see `cell_texts`).

    Distinct raw values are normalised once; blanks and missing values become ``""``.
    """
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    texts = [*cell_texts(pd.Series(uniques, dtype=object)), ""]
    codes = np.where(codes < 0, len(texts) - 1, codes)
    recoded, distinct = pd.factorize(pd.Series(texts, dtype=object))
    return recoded[codes], distinct.tolist()


def clear_cache() -> None:
    """Forget every parsed name and its OCR forms (benchmarks time cold runs with this)."""
    for caches in (_NAMES, _SPELLINGS):
        for cache in caches.values():
            cache.clear()
    for cached in (ocr_forms, foreign_type, aggregate_reason):
        cached.cache_clear()


# ---------------------------------------------------------------------------- not a unit name

_LEVEL_WORDS = {"province": "a province", "district": "a district", "commune": "a commune"}
_ALL_LEVELS = (*_LEVELS, "village")


@lru_cache(maxsize=4)
def _foreign_types(level: str) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, type name, its level) of the unit types of the other levels, longest first:
    the written type word, with its own diacritics or none ("Huyện", "huyen", never
    "Huyền")."""
    own = {fold(n) for n in vocabulary.unit_type_names(level)}
    found = []
    for other in _ALL_LEVELS:
        for name in vocabulary.unit_type_names(other):
            if other != level and fold(name) not in own:
                rx = re.compile(vocabulary.spelling_pattern(name) + r"(?=\s)", re.I)
                found.append((rx, name, other))
    return tuple(sorted(found, key=lambda t: -len(t[1])))


@lru_cache(maxsize=1)
def leading_words() -> frozenset[str]:
    """Folded first words of every unit type and aggregate spelling: a name whose folded
    first word is none of them needs no closer look (`foreign_type`, `aggregate_reason`)."""
    texts = [n for lv in _ALL_LEVELS for n in vocabulary.unit_type_names(lv)]
    texts += [s.text for s in vocabulary.spellings("aggregates")]
    return frozenset(fold(t).split(" ")[0] for t in texts)


def _may_start_a_type(text: str) -> bool:
    head = text.split(" ", 1)[0]
    return fold(head) in leading_words() if head else False


@lru_cache(maxsize=65536)
def foreign_type(text: str, level: str) -> tuple[str, str] | None:
    """(type name, its level) when ``text`` starts with the type of another level
    ("Huyện Bắc Sơn" in a commune column: a heading or a district, not a commune)."""
    if not _may_start_a_type(text):
        return None
    for rx, name, other in _foreign_types(level):
        if rx.match(text):
            return name, other
    return None


def formula_reason(text: str) -> str | None:
    """Why a cell that a spreadsheet would execute ("=Chiêu Vũ", "+Tân Lập", also as
    written back with the apostrophe escape) is not read as a name; None for other text."""
    bare = text[1:] if text.startswith(ESCAPE) else text
    if is_formula_like(bare):
        return f"starts with {bare[:1]!r} like a spreadsheet formula; not read as a name"
    return None


@lru_cache(maxsize=65536)
def aggregate_reason(text: str, level: str) -> str | None:
    """Why a total, a sub-total or a heading row ("Tổng cộng", "Toàn huyện", "Trong đó")
    is not a unit; None for other text. Only whole cells or leading words count, so
    "Cộng Hòa" stays a name."""
    text = text.strip(" -–.:;,*•")  # list marks before "Tổng cộng"
    if not _may_start_a_type(text):
        return None
    key = vocabulary.cell_key("aggregates", text)
    if key is None:
        found = vocabulary.scan(text, ("aggregates",), scope="header")
        key = found[0].key if found and found[0].start == 0 else None
    if key is None:
        return None
    word = vocabulary.label("aggregates", key, "en").lower()
    return f"a row of the kind '{word}', not {_LEVEL_WORDS[level]}"
