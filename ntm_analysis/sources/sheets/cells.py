"""Single cells read exactly: text, numbers, criterion statuses, tiers, model fields, money.

Each function takes one cell value as calamine or the csv module gives it and either returns
what it says or says it cannot (None or `NumberFormatError`/`ValueError`); what to do with a
cell that cannot be read is left to the caller, which reports it at its row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.numbers import NumberFormatError, parse_number
from ntm_analysis.lexicon.textnorm import normalize
from ntm_analysis.sources.sheets.messages import Figure

# What a criteria sheet's cell may say: met or not met ("unknown" is not a reading).
_STATUSES = ("met", "not_met")
_COMMUNE_TIERS = vocabulary.keys("tiers", level="")


def _prefix_pattern(*levels: str, abbreviated: bool = False) -> re.Pattern[str]:
    """A leading unit type of ``levels`` ("Huyện ", "huyen ", with ``abbreviated`` also
    "TX. ") as a case-insensitive pattern; the types are the vocabulary's."""
    alts = [vocabulary.spelling_pattern(n) for lv in levels for n in vocabulary.unit_type_names(lv)]
    if abbreviated:
        alts += [
            re.escape(a) + r"\.?" for lv in levels for a in vocabulary.unit_type_abbreviations(lv)
        ]
    return re.compile(r"^(?:" + "|".join(dict.fromkeys(alts)) + r")\s+", re.I)


_AREA_PREFIX = _prefix_pattern("province", "district", abbreviated=True)
_COMMUNE_PREFIX = _prefix_pattern("commune")


def cell_text(v: object) -> str:
    """A cell as text: blanks '', whole floats without '.0', other values normalised."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        if v != v:
            return ""
        if v.is_integer():
            return str(int(v))
    return normalize(str(v))


def cell_number(v: object) -> Decimal:
    """A numeric cell: Excel numbers as Excel shows them (15 significant digits), text in
    Vietnamese format (1.234,5) or with an English decimal point (12.5, never 2.345).

    >>> cell_number(0.1 + 0.2), cell_number(652.1), cell_number("1.234,5")
    (Decimal('0.3'), Decimal('652.1'), Decimal('1234.5'))

    Raises:
        NumberFormatError: the text is not a number; the message says why.
    """
    if isinstance(v, bool):
        raise NumberFormatError(f"{v!r}: not a number", "not_a_number")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        # as Excel shows it: 15 significant digits (a formula's 0.1 + 0.2 is 0.3)
        return Decimal(f"{v:.15g}")
    text = normalize(str(v)).replace(" ", "").rstrip("%")
    try:
        return parse_number(text)
    except NumberFormatError:
        if re.fullmatch(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}", text):  # an English decimal point
            return Decimal(text)
        raise


# A dash offices write in a figure's cell for "nil": read as no value, like a blank cell.
NIL_MARKS = frozenset({"-", "--", "–", "—"})


def is_nil(text: str) -> bool:
    """A figure's cell written as a dash ("-", "–"): no value.

    >>> is_nil("-"), is_nil(" – "), is_nil("-5")
    (True, True, False)
    """
    return text.strip() in NIL_MARKS


def status_of(v: object) -> str | None:
    """met / not_met for a criterion cell (Đạt, x, 1, ✓ … / Chưa đạt, 0, blank), else None.

    Written statuses are the vocabulary's (`vocabulary.status_of`); numbers 1 and 0 and
    booleans are read as such, and a blank cell is not met.
    """
    if v is None or v == "":
        return "not_met"
    if isinstance(v, bool):
        return "met" if v else "not_met"
    if isinstance(v, (int, float)):
        return {1: "met", 0: "not_met"}.get(v)  # type: ignore[call-overload]
    found = vocabulary.status_of(v)
    return found if found in _STATUSES else None


@lru_cache(maxsize=4096)
def tier_of(text: str) -> str:
    """none / ntm / advanced / model from a tier label or abbreviation (`vocabulary.tier_of`).

    Raises:
        ValueError: the text names no commune tier.
    """
    found = vocabulary.tier_of(text)
    if found not in _COMMUNE_TIERS:
        raise ValueError(f"{text!r} names no commune tier")
    return found


def model_field_of(text: str) -> str | None:
    """The model-commune field a cell names (giáo dục → education), or None."""
    return vocabulary.model_field_of(text)


def model_fields_shown() -> str:
    """The model-commune fields as a message lists them (the vocabulary's labels)."""
    return ", ".join(t.label_vi.lower() for t in vocabulary.terms("model_fields"))


def strip_area_prefix(text: str) -> str:
    """A province or district name without its unit type ("Huyện Bắc Sơn" → "Bắc Sơn")."""
    return _AREA_PREFIX.sub("", text).strip()


def strip_commune_prefix(text: str) -> str:
    """A commune name without its unit type ("Xã Vũ Sơn", "xa Vu Son" → the name)."""
    return _COMMUNE_PREFIX.sub("", text).strip()


def category_of(text: str) -> str | None:
    """The source-of-funds category a cell names: a key as it is, or a wording such as
    "Cộng đồng" or "Nhân dân đóng góp" (`vocabulary.funding_category_of`)."""
    if text in vocabulary.keys("funding_categories"):
        return text
    return vocabulary.funding_category_of(text)


def category_label(key: str) -> str:
    """How messages name a source-of-funds category: its English label, in lower case.

    >>> category_label("provincial")
    'provincial budget'
    """
    text = vocabulary.label("funding_categories", key, "en")
    return text[:1].lower() + text[1:]


def vnd_text(amount: int) -> Figure:
    """An amount in đồng as a message shows it: in tỷ đồng from a billion, else triệu đồng."""
    unit = 10**9 if abs(amount) >= 10**9 else 10**6
    return Figure(Decimal(amount) / unit, unit)
