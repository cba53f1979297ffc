"""Vietnamese text normalisation: NFC, whitespace, case and diacritics-folded keys.

Owns string keys used for comparison. Name matching against the gazetteer lives elsewhere.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Unicode NFC with runs of whitespace collapsed to one space and ends stripped.

    >>> normalize("  Xã\\u00a0 Đồng   Ý ")
    'Xã Đồng Ý'
    """
    return _WS.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (đ/Đ become d/D), keeping case.

    >>> strip_diacritics("Tiêu chí Đạt")
    'Tieu chi Dat'
    """
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare.replace("đ", "d").replace("Đ", "D"))


def fold(text: str) -> str:
    """Comparison key: diacritics removed, lower case, punctuation to single spaces.

    >>> fold("Thủy lợi và phòng, chống thiên tai")
    'thuy loi va phong chong thien tai'
    """
    return _NON_ALNUM.sub(" ", strip_diacritics(normalize(text)).lower()).strip()
