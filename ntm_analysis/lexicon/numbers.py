"""Vietnamese numbers, money, percentages and ratios: exact parsers and their formatters.

Rules (Vietnamese convention, as printed in the reports):

* ``.`` groups thousands and ``,`` marks decimals: ``3.504,98`` is 3504.98.
* A ``.`` must be followed by exactly three digits, so ``1.234`` is 1234 and ``1.23`` is
  rejected (it would be an English decimal); digits after ``,`` must not contain ``.``
  (``1,5.3`` is rejected). There is at most one ``,``.
* Amounts are returned as integer VND, computed with `decimal.Decimal` (no float rounding):
  ``3.504,98 triệu đồng`` is 3_504_980_000. An amount that is not a whole number of đồng,
  or that has no unit, is an error.
* Unit words tolerate OCR damage (``ty dong``, ``tỷ dông``, ``trieu déng``) through
  `textnorm.ocr_key` and a fuzzy match on the currency word.

Every parser raises `NumberFormatError` (a `ValueError`) saying what was wrong.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import normalize, ocr_key

__all__ = [
    "NumberFormatError",
    "Rate",
    "Ratio",
    "format_number",
    "format_percent",
    "format_ratio",
    "format_vnd",
    "parse_amount",
    "parse_number",
    "parse_percent",
    "parse_rate",
    "parse_ratio",
]

_NUMBER = re.compile(r"^[+-]?\d[\d.,]*$")
_LEADING_NUMBER = re.compile(r"^\s*([+-]?\d[\d.,]*)\s*(.*)$", re.S)
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


@lru_cache(maxsize=1)
def _money_words() -> tuple[dict[str, int], tuple[str, ...]]:
    """Multiplier words (first word of each money-unit spelling, as an OCR key, see
    `textnorm.ocr_key`) and currency words, from the vocabulary; built on first use."""
    mult: dict[str, int] = {}
    currency = {"d"}  # "đ" written alone after a number
    for s in vocabulary.spellings("money_units"):
        words = ocr_key(s.text.replace(".", " ")).split()
        if not words:
            continue
        if s.key == "dong":
            currency.add(words[0])
        elif (
            s.key != "nghin_ty"
            and words[0].isalpha()
            and not words[0].startswith(
                ("billion", "million", "thousand", "trillion", "bn", "mn", "vnd")
            )
        ):
            mult.setdefault(words[0], vocabulary.multiplier(s.key))
    mult.setdefault("ng", 10**3)  # "ng." abbreviates nghìn in tables
    return mult, tuple(sorted(currency))


class NumberFormatError(ValueError):
    """Text that is not a number in Vietnamese format, or is ambiguous; says why.

    ``reason`` names the fault for callers that say it in their own words (`parse_number`:
    ``not_a_number``, ``two_commas``, ``point_after_comma``, ``comma_at_end``,
    ``bad_grouping``); "" for the other parsers.
    """

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


class Ratio(NamedTuple):
    """``count`` out of ``total`` (``137/137 xã``), with the counted unit if printed."""

    count: int
    total: int
    unit: str | None = None


class Rate(NamedTuple):
    """A quantity per unit (``14,29 tiêu chí/xã``)."""

    value: Decimal
    unit: str | None
    per: str


def parse_number(text: str) -> Decimal:
    """Parse a number written the Vietnamese way into an exact `Decimal`.

    >>> parse_number("3.504,98")
    Decimal('3504.98')
    >>> parse_number("1.234")
    Decimal('1234')
    >>> parse_number("14,29")
    Decimal('14.29')
    >>> parse_number("1,5.3")
    Traceback (most recent call last):
    ...
    ntm_analysis.lexicon.numbers.NumberFormatError: '1,5.3': '.' after the decimal ',' ...
    """
    s = normalize(text).replace(" ", "")
    if not _NUMBER.match(s):
        raise NumberFormatError(
            f"{text!r}: not a number (digits with '.' and ',' only)", "not_a_number"
        )
    sign = "-" if s.startswith("-") else ""
    s = s.lstrip("+-")
    if s.count(",") > 1:
        raise NumberFormatError(f"{text!r}: more than one decimal ','", "two_commas")
    whole, _, frac = s.partition(",")
    if "." in frac:
        raise NumberFormatError(
            f"{text!r}: '.' after the decimal ',' (Vietnamese '.' groups thousands)",
            "point_after_comma",
        )
    if "," in s and not frac:
        raise NumberFormatError(f"{text!r}: decimal ',' with no digits after it", "comma_at_end")
    if "." in whole:
        if not _GROUPED.match(whole):
            raise NumberFormatError(
                f"{text!r}: '.' must separate groups of exactly 3 digits "
                "(Vietnamese thousands); is this an English decimal point?",
                "bad_grouping",
            )
        whole = whole.replace(".", "")
    return Decimal(f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}")


def _split_number(text: str) -> tuple[Decimal, str]:
    m = _LEADING_NUMBER.match(normalize(text))
    if not m:
        raise NumberFormatError(f"{text!r}: does not start with a number")
    return parse_number(m.group(1)), m.group(2).strip()


def _multiplier(unit: str, text: str) -> int:
    words = ocr_key(unit).split()
    if not words:
        raise NumberFormatError(f"{text!r}: amount has no unit (đồng, triệu đồng, tỷ đồng…)")
    multipliers, currency = _money_words()
    factor = 1
    if len(words) > 1 and multipliers.get(words[0]) == 10**3 and multipliers.get(words[1]) == 10**9:
        factor, words = 10**12, words[2:]  # "nghìn tỷ đồng"
    elif words[0] in multipliers:
        factor, words = multipliers[words[0]], words[1:]
    elif words[0].startswith(("trd", "tyd")):  # "trđ", "tỷđ"
        factor, words = multipliers[words[0][:-1]], [words[0][-1:], *words[1:]]
    if not words and factor == 1:
        raise NumberFormatError(f"{text!r}: amount has no unit (đồng, triệu đồng, tỷ đồng…)")
    if words and (len(words) > 1 or max(fuzz.ratio(words[0], c) for c in currency) < 70):
        raise NumberFormatError(f"{text!r}: unknown money unit {unit!r}")
    return factor


def parse_amount(text: str) -> int:
    """Parse a money amount with its unit into whole VND.

    >>> parse_amount("3.504,98 triệu đồng")
    3504980000
    >>> parse_amount("3.783 tỷ đồng")
    3783000000000
    >>> parse_amount("14.574 trieu déng")
    14574000000
    >>> parse_amount("45 ty dong")
    45000000000
    >>> parse_amount("1,2 nghìn tỷ đồng")
    1200000000000
    """
    value, unit = _split_number(text)
    amount = value * _multiplier(unit, text)
    if amount != amount.to_integral_value():
        raise NumberFormatError(f"{text!r}: not a whole number of đồng ({amount})")
    return int(amount)


def parse_percent(text: str) -> Decimal:
    """Parse a percentage into its number of percent.

    >>> parse_percent("58,4%")
    Decimal('58.4')
    >>> parse_percent("100 %")
    Decimal('100')
    """
    value, rest = _split_number(text)
    if rest != "%":
        raise NumberFormatError(f"{text!r}: a percentage must end with '%'")
    return value


def parse_ratio(text: str) -> Ratio:
    """Parse ``count/total [unit]``.

    >>> parse_ratio("137/137 xã")
    Ratio(count=137, total=137, unit='xã')
    >>> parse_ratio("04/19")
    Ratio(count=4, total=19, unit=None)
    """
    m = re.match(r"^\s*(\d[\d.]*)\s*/\s*(\d[\d.]*)\s*(.*)$", normalize(text), re.S)
    if not m:
        raise NumberFormatError(f"{text!r}: not a ratio 'count/total'")
    count, total = parse_number(m.group(1)), parse_number(m.group(2))
    if total == 0:
        raise NumberFormatError(f"{text!r}: total is zero")
    return Ratio(int(count), int(total), m.group(3).strip() or None)


def parse_rate(text: str) -> Rate:
    """Parse ``value [unit]/per`` such as an average per commune.

    >>> parse_rate("14,29 tiêu chí/xã")
    Rate(value=Decimal('14.29'), unit='tiêu chí', per='xã')
    """
    value, rest = _split_number(text)
    unit, slash, per = rest.rpartition("/")
    if not slash or not per.strip():
        raise NumberFormatError(f"{text!r}: a rate needs '/unit' after the number")
    return Rate(value, unit.strip() or None, per.strip())


# ---------------------------------------------------------------------------- formatters


def format_number(value: Decimal | int | str) -> str:
    """Write a number the Vietnamese way, exactly (no rounding, no trailing zeros).

    >>> format_number(Decimal("3504.98"))
    '3.504,98'
    >>> format_number(-1234567)
    '-1.234.567'
    """
    d = Decimal(value)
    if not d.is_finite():
        raise NumberFormatError(f"{value!r}: not a finite number")
    sign = "-" if d < 0 else ""
    text = format(abs(d).normalize(), "f")
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def format_vnd(amount_vnd: int, unit: int = 10**6) -> str:
    """Write whole VND in a unit of 1, 10**3, 10**6 or 10**9 đồng, exactly.

    >>> format_vnd(3_504_980_000)
    '3.504,98 triệu đồng'
    >>> format_vnd(3_783_000_000_000, unit=10**9)
    '3.783 tỷ đồng'
    """
    names = {t.value: t.label_vi for t in vocabulary.terms("money_units") if t.value <= 10**9}
    if unit not in names:
        raise ValueError(f"unit must be one of {sorted(names)}")
    return f"{format_number(Decimal(int(amount_vnd)) / unit)} {names[unit]}"


def format_percent(value: Decimal | int | str) -> str:
    """Write a percentage.

    >>> format_percent(Decimal("58.4"))
    '58,4%'
    """
    return f"{format_number(value)}%"


def format_ratio(count: int, total: int, unit: str | None = None) -> str:
    """Write ``count/total [unit]``.

    >>> format_ratio(137, 137, "xã")
    '137/137 xã'
    """
    text = f"{format_number(count)}/{format_number(total)}"
    return f"{text} {unit}" if unit else text
