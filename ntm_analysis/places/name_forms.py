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

# Type prefixes per level, from the vocabulary: abbreviated ("TT. Bắc Sơn", "P.1",
# "TP. Hải Phòng") and full, folded ("thi tran").
_LEVELS = ("commune", "district", "province")
_ABBREV = {level: vocabulary.unit_type_abbreviations(level) for level in _LEVELS}
_PREFIXES = {
    level: tuple(dict.fromkeys(fold(n) for n in vocabulary.unit_type_names(level)))
    for level in _LEVELS
}
_ABBREV_RE = re.compile(r"^([A-Za-zĐđ]{1,2})\s*\.\s*|^([A-Za-zĐđ]{1,2})\s+(?=\S)")


class Name:
    """One written name in the forms the matcher compares (keys computed once).

    A plain slotted class: it is built once per distinct name, and a NamedTuple's generated
    constructor showed up as a tenth of the matching time.
    """

    __slots__ = ("bare", "exact_keys", "fold_keys", "forms", "full", "short", "short_forms")

    def __init__(
        self,
        full: str,
        short: str,
        forms: tuple[str, str, str],
        short_forms: tuple[str, str, str],
        bare: bool,
    ) -> None:
        self.full, self.short = full, short
        self.forms, self.short_forms = forms, short_forms  # `textnorm.ocr_forms` of each
        cf = full.casefold()
        self.exact_keys = (cf, cf if short == full else short.casefold())
        self.fold_keys = (forms[0], short_forms[0])
        self.bare = bare  # written without any diacritics


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
        full = [_expand_abbreviation(t, level) for t in new]
        forms = ocr_forms_many(full)
        bare = strip_diacritics("\n".join(full)).split("\n")
        if len(bare) != len(full):  # a line break inside a name
            bare = [strip_diacritics(t) for t in full]
        for text, s, f, b in zip(new, full, forms, bare, strict=True):
            short = _short_name(s, f[1], level)
            short_forms = f if short == s else ocr_forms(short)
            cache[text] = Name(s, short, f, short_forms, b == s)
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
