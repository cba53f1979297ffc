"""Vietnamese text normalisation: NFC, whitespace, case and diacritics-folded keys.

Owns string keys used for comparison. OCR-aware comparison lives here too (see `ocr_key`).
Name matching against the gazetteer lives in `gazetteer`/`matching`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from ntm_analysis.paths import PACKAGE_DATA

_WS = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Unicode NFC with runs of whitespace collapsed to one space and ends stripped.

    >>> normalize("  Xã\\u00a0 Đồng   Ý ")
    'Xã Đồng Ý'
    """
    return _normalize(str(text))


@lru_cache(maxsize=65_536)
def _normalize(text: str) -> str:
    # cached: sheets repeat the same cells (statuses, names) on every row and sheet
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WS.sub(" ", text).strip()


def _strip_slow(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


class _StripTable(dict):
    """`str.translate` table: each character to itself without diacritics (filled lazily).

    One translate call replaces the per-string NFD → filter → NFC round trip; results are
    identical (a test compares both on the gazetteer's names and on arbitrary text).
    """

    def __missing__(self, codepoint: int) -> str:
        value = _strip_slow(chr(codepoint))
        self[codepoint] = value
        return value


_STRIP = _StripTable()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (đ/Đ become d/D), keeping case.

    >>> strip_diacritics("Tiêu chí Đạt")
    'Tieu chi Dat'
    """
    text = str(text)
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    out = text.translate(_STRIP)
    return out if out.isascii() else unicodedata.normalize("NFC", out)


def fold(text: str) -> str:
    """Comparison key: diacritics removed, lower case, punctuation to single spaces.

    >>> fold("Thủy lợi và phòng, chống thiên tai")
    'thuy loi va phong chong thien tai'
    """
    return _NON_ALNUM.sub(" ", strip_diacritics(text).lower()).strip()


# ---------------------------------------------------------------------------- OCR-aware keys
#
# OCR of Vietnamese reports drops or swaps diacritics and confuses letters with digits and
# symbols ("x4" for "xã", "chirc" for "chức", "Pong" for "Đồng"). The confusions are learned
# from the seed reports by scripts/learn_ocr_confusions.py and committed, with counts, in
# data/ocr_confusions.csv; nothing below names a seed word.

_UNIT = re.compile(r"ph|ir|ii|.", re.S)
_WORD_SPLIT = re.compile(r"[\s,.;:()\[\]{}\"“”‘’'/\\|?!*_=+<>«»…–—-]+")
_NON_KEY = re.compile(r"[^0-9a-z]")
_VOWELS = re.compile(r"[aeiouy]")
CONFUSIONS_CSV = PACKAGE_DATA / "ocr_confusions.csv"
RULE_MIN_COUNT = 3
RULE_MIN_SHARE = 0.5
RULE_MIN_SHARE_FOREIGN = 0.4  # share among the other classes, the unit's own excluded


def spelling_units(word: str, ocr: bool = True) -> list[str]:
    """Cut a lower-case word into the units OCR confuses: letters, ``ph``, and OCR's ``ir``/``ii``.

    ``ir`` and ``ii`` never occur in Vietnamese spelling; OCR prints them for ``ư`` and
    ``ũ``. With ``ocr=False`` (a correctly spelled word) they stay two letters.

    >>> spelling_units("phường")
    ['ph', 'ư', 'ờ', 'n', 'g']
    >>> spelling_units("chirc")
    ['c', 'h', 'ir', 'c']
    """
    units = _UNIT.findall(word)
    if ocr:
        return units
    return [part for u in units for part in ((u,) if u == "ph" else tuple(u))]


def _foreign(unit: str, pos: str) -> bool:
    """True for units that correct Vietnamese spelling never has at that position.

    Digits, symbols, the letters f, j, w, z, OCR's ``ir``/``ii``, and a word-initial ``p``
    not followed by ``h`` (native words start with ``ph``, never a bare ``p``).
    """
    if unit in ("ir", "ii") or (unit == "p" and pos == "initial"):
        return True
    base = _fold_unit(unit)
    return not base.isalpha() or base in "fjwz"


@lru_cache(maxsize=4096)
def _fold_unit(unit: str) -> str:
    return _NON_KEY.sub("", strip_diacritics(unit).lower())


@lru_cache(maxsize=1)
def load_confusions() -> pd.DataFrame:
    """The committed confusion table (columns correct, ocr, position, count)."""
    return pd.read_csv(CONFUSIONS_CSV, dtype={"correct": str, "ocr": str}, keep_default_na=False)


@lru_cache(maxsize=1)
def confusion_rules() -> dict[tuple[str, str], str]:
    """Key rules ``(ocr unit, position) -> letter class`` learned from the confusion table.

    A unit printed by the OCR becomes another letter class when, in the seeds, that
    class is what it stood for in at least `RULE_MIN_SHARE` of its occurrences at that
    position (word-initial or not) and at least `RULE_MIN_COUNT` times. Letters that are
    mostly themselves (the ``i`` sometimes printed for ``ă``) keep their own class; the
    similarity score, not the key, absorbs those. A unit that correct spelling never has
    there (see `_foreign`) takes the class it most often stood for when that class has at
    least `RULE_MIN_SHARE_FOREIGN` of its non-identity readings.
    """
    t = load_confusions()
    t = t[(t["ocr"] != "") & t["ocr"].map(lambda s: len(spelling_units(s)) == 1)]
    t = t.assign(cls=t["correct"].map(_fold_unit))
    rules: dict[tuple[str, str], str] = {}
    for (ocr, pos), grp in t.groupby(["ocr", "position"]):
        by_cls = grp.groupby("cls")["count"].sum()
        foreign = _foreign(ocr, pos)
        if foreign:  # it never stands for itself: take its commonest source
            by_cls = by_cls.drop(_fold_unit(ocr), errors="ignore")
        if by_cls.empty or not by_cls.index[by_cls.argmax()]:
            continue
        cls, n = by_cls.idxmax(), int(by_cls.max())
        if cls != _fold_unit(ocr) and n >= RULE_MIN_COUNT:
            if n / by_cls.sum() >= (RULE_MIN_SHARE_FOREIGN if foreign else RULE_MIN_SHARE):
                rules[(ocr, pos)] = cls
    return rules


@lru_cache(maxsize=200_000)
def _key_word(word: str) -> str:
    rules = confusion_rules()
    if not any(c.isalpha() for c in word):
        return _NON_KEY.sub("", word)  # numbers stay numbers: "Phường 1"
    out = []
    for i, unit in enumerate(spelling_units(word)):
        pos = "initial" if i == 0 else "other"
        out.append(rules.get((unit, pos)) or _fold_unit(unit))
    return "".join(out)


def ocr_key(text: str) -> str:
    """Coarse comparison key: `fold`, with OCR-confusable units collapsed to one class.

    >>> ocr_key("Xã Đồng Ý") == ocr_key("x4 Pong Y")
    True
    >>> ocr_key("Chương trình") == ocr_key("Chwong trinh")
    True
    """
    words = _WORD_SPLIT.split(normalize(text).lower())
    return " ".join(k for k in (_key_word(w) for w in words if w) if k)


@lru_cache(maxsize=200_000)
def ocr_forms(text: str) -> tuple[str, str, str]:
    """The three strings `ocr_similarity` compares: fold, OCR key, consonant skeleton."""
    key = ocr_key(text)
    return fold(text), key, _VOWELS.sub("", key)


_NOT_NORMALISED_WS = re.compile(r"[^\S\n ]|  | \n|\n |^ | $")
_NON_ALNUM_LINES = re.compile(r"[^0-9a-z\n]+")


def ocr_forms_many(texts: list[str]) -> list[tuple[str, str, str]]:
    """`ocr_forms` of many strings, equal item by item, with the string work batched.

    The texts are joined into one string so that normalising, folding and the vowel strip
    each run once over all of them; only the per-word OCR key stays a (cached) Python call.
    """
    big = "\n".join(texts)
    if big.count("\n") != len(texts) - 1:  # a text with a line break: no batching
        return [ocr_forms(t) for t in texts]
    if not unicodedata.is_normalized("NFC", big) or _NOT_NORMALISED_WS.search(big):
        big = "\n".join(normalize(t) for t in texts)
    folds = [
        x.strip(" ") for x in _NON_ALNUM_LINES.sub(" ", strip_diacritics(big).lower()).split("\n")
    ]
    word_key, split = _key_word, _WORD_SPLIT.split
    keys = [
        " ".join(filter(None, map(word_key, filter(None, split(line)))))
        for line in big.lower().split("\n")
    ]
    skeletons = _VOWELS.sub("", "\n".join(keys)).split("\n")
    return list(zip(folds, keys, skeletons, strict=True))


def combine_scores(fold_ratio: Any, key_ratio: Any, skeleton_ratio: Any) -> Any:
    """Blend per-form ratios (0–100) into one score; works on floats and numpy arrays.

    Diacritic-free spellings of the same name score 100 on the fold. Otherwise the OCR key
    carries most weight and the vowel-free skeleton breaks ties between vowel confusions.
    """
    return np.maximum(fold_ratio, 0.7 * np.asarray(key_ratio) + 0.3 * np.asarray(skeleton_ratio))


def ocr_similarity(a: str, b: str) -> float:
    """Similarity (0–100) of two strings, tolerant of OCR damage learned from the seeds.

    >>> ocr_similarity("Y té", "Y tế")
    100.0
    >>> ocr_similarity("Thuy 1gi", "Thủy lợi") > ocr_similarity("Thuy 1gi", "Thu nhập")
    True
    """
    fa, ka, sa = ocr_forms(a)
    fb, kb, sb = ocr_forms(b)
    score = combine_scores(fuzz.ratio(fa, fb), fuzz.ratio(ka, kb), fuzz.ratio(sa, sb))
    return round(float(score), 2)
