"""Single cells read exactly: text, numbers, criterion statuses, tiers, model fields, money.

Each function takes one cell value as calamine or the csv module gives it and either returns
what it says or says it cannot (None or `NumberFormatError`/`ValueError`); what to do with a
cell that cannot be read is left to the caller, which reports it at its row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ntm_analysis.lexicon import criteria, vocabulary
from ntm_analysis.lexicon.numbers import NumberFormatError, format_vnd, parse_number
from ntm_analysis.lexicon.textnorm import fold, normalize

_STATUS_MET = {"dat", "x", "1", "v", "co", "yes", "y", "met", "true", "pass", "passed"}
_STATUS_NOT = {"", "chua dat", "khong dat", "0", "no", "n", "not met", "false", "chua", "k"}
_STATUS_SYMBOLS = {
    "✓": "met",
    "✔": "met",
    "☑": "met",
    "✗": "not_met",
    "✘": "not_met",
    "-": "not_met",
}
_TIER_ABBREV = {"ntmkm": "model", "ntm km": "model", "ntmnc": "advanced", "ntm nc": "advanced"}
_FIELDS = {
    "giao duc": "education",
    "van hoa": "culture",
    "san xuat": "production",
    "moi truong": "environment",
    "du lich": "tourism",
    "y te": "health",
    "an ninh": "security",
    "chuyen doi so": "digital",
    "so": "digital",
}
MODEL_FIELDS_SHOWN = (
    "giáo dục, văn hóa, sản xuất, môi trường, du lịch, y tế, an ninh, chuyển đổi số"
)


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
    """A numeric cell: Excel numbers as they are, text in Vietnamese format (1.234,5).

    Raises:
        NumberFormatError: the text is not a number; the message says why.
    """
    if isinstance(v, bool):
        raise NumberFormatError(f"{v!r}: not a number")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))
    text = normalize(str(v)).replace(" ", "").rstrip("%")
    try:
        return parse_number(text)
    except NumberFormatError:
        if re.fullmatch(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}", text):  # an English decimal point
            return Decimal(text)
        raise


def status_of(v: object) -> str | None:
    """met / not_met for a criterion cell (Đạt, x, 1, ✓ … / Chưa đạt, 0, blank), else None."""
    if v is None or v == "":
        return "not_met"
    if isinstance(v, bool):
        return "met" if v else "not_met"
    if isinstance(v, (int, float)):
        return {1: "met", 0: "not_met"}.get(v)  # type: ignore[call-overload]
    text = normalize(str(v))
    if text in _STATUS_SYMBOLS:
        return _STATUS_SYMBOLS[text]
    key = fold(text)
    if not key:
        return None
    if key in _STATUS_MET:
        return "met"
    if key in _STATUS_NOT:
        return "not_met"
    return None


def tier_of(text: str) -> str:
    """none / ntm / advanced / model from a tier label (abbreviations NTMNC, NTMKM too).

    Raises:
        ValueError: the text names no commune tier.
    """
    key = fold(text)
    if key in _TIER_ABBREV:
        return _TIER_ABBREV[key]
    if key in ("chua dat", "chua", "khong", "none", "not yet", "no"):
        return "none"
    return criteria.normalise_tier(text)


def model_field_of(text: str) -> str | None:
    """The model-commune field a cell names (giáo dục → education), or None."""
    key = fold(text)
    for word, value in _FIELDS.items():
        if word in key or key == value:
            return value
    return None


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


def vnd_text(amount: int) -> str:
    """An amount in đồng as a message shows it: in tỷ đồng from a billion, else triệu đồng."""
    return format_vnd(amount, 10**9 if abs(amount) >= 10**9 else 10**6)
