"""How numbers, shares, money and dates are written for readers, per language (Babel/CLDR).

Every reader-facing channel (charts, tables, maps, reports, the Word briefing) formats through
here. Vietnamese follows administrative usage: 1.234,5; 49,7 %; 3.783 tỷ đồng; dates as in
Nghị định 30/2020/NĐ-CP (a day below 10 and the months 1 and 2 written with a leading zero:
05/01/2025, 30/4/2025) and "tháng 11/2025" for a month. English: 1,234.5; 49.7%; VND 3,783
billion; 30 Apr 2025, Nov 2025.

A date is given with the precision the source gives it ("2025", "2025-11", "2025-11-30"); it is
never padded to a month end or a year end.

(`lexicon.numbers.format_number` is the exact, unrounded writer used in messages about cells.)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from ntm_analysis.lexicon import vocabulary

LANGS = ("vi", "en")
_LOCALE = {"vi": "vi_VN", "en": "en_GB"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pd.NA raise or compare unequal
    except (TypeError, ValueError):
        return True


def number(value: float | int | Decimal, lang: str = "vi", decimals: int | None = None) -> str:
    """A number with grouping; ``decimals`` fixed, or up to 2 without trailing zeros.

    >>> number(1234.5), number(1234.5, "en"), number(44400.0), number(14.2857, decimals=2)
    ('1.234,5', '1,234.5', '44.400', '14,29')
    """
    if _missing(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "" if decimals == 0 else ".##")
    return format_decimal(value, format=pattern, locale=_LOCALE[_lang(lang)])


def percent(value_pct: float | int | Decimal, lang: str = "vi", decimals: int = 1) -> str:
    """A share given in percent (49.7 → '49,7 %'); whole values without decimals.

    >>> percent(49.7), percent(100), percent(49.7, "en"), percent(21.19, decimals=1)
    ('49,7 %', '100 %', '49.7%', '21,2 %')
    """
    if _missing(value_pct):
        return "–"
    v = float(value_pct)
    places = 0 if float(round(v, decimals)).is_integer() else decimals
    text = number(v, lang, decimals=places)
    return f"{text} %" if lang == "vi" else f"{text}%"


def ratio(count: int, total: int, lang: str = "vi") -> str:
    """'75/151' with grouping ('1.234/1.580')."""
    return f"{number(count, lang, 0)}/{number(total, lang, 0)}"


_MONEY_STEPS = ("nghin_ty", "ty", "trieu", "nghin", "dong")


def money(vnd: int | float | Decimal, lang: str = "vi", unit: str | None = None) -> str:
    """An amount in đồng written in a readable unit (tỷ, triệu…), or in ``unit`` (a money-unit
    key of the vocabulary).

    >>> money(3_783_000_000_000), money(19_980_000_000, "en"), money(652_100_000, unit="trieu")
    ('3.783 tỷ đồng', 'VND 19.98 billion', '652,1 triệu đồng')
    """
    if _missing(vnd):
        return "–"
    if unit is None:
        unit = next((u for u in _MONEY_STEPS[1:] if abs(vnd) >= vocabulary.multiplier(u)), "dong")
        if unit == "nghin":  # "nghìn đồng" is rare in reports; write millions
            unit = "trieu"
    value = Decimal(str(vnd)) / vocabulary.multiplier(unit)
    text = number(value, lang)
    name = vocabulary.label("money_units", unit, lang)
    if lang == "vi":
        return f"{text} {name}"
    return f"VND {text} {name.removesuffix(' VND')}".removesuffix(" VND")


def parse_date(value: object) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date given at any precision, or None.

    >>> parse_date("2025-11"), parse_date(dt.date(2025, 4, 30)), parse_date("")
    ((2025, 11, None), (2025, 4, 30), None)
    """
    if _missing(value):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return (value.year, value.month, value.day)
    if hasattr(value, "year") and hasattr(value, "month"):  # pandas Timestamp
        return (int(value.year), int(value.month), int(value.day))
    m = _DATE.match(str(value).strip())
    if not m:
        return None
    y, mo, d = m.groups()
    return (int(y), int(mo) if mo else None, int(d) if d else None)


def date(value: object, lang: str = "vi") -> str:
    """A date at the precision it is given: day, month or year.

    >>> date("2025-04-30"), date("2025-01-05"), date("2025-11"), date("2024"), date("2025-11", "en")
    ('30/4/2025', '05/01/2025', 'tháng 11/2025', 'năm 2024', 'Nov 2025')
    """
    parts = parse_date(value)
    if parts is None:
        return "–" if _missing(value) or not str(value).strip() else str(value)
    y, mo, d = parts
    loc = _LOCALE[_lang(lang)]
    if mo is None:
        return f"năm {y}" if lang == "vi" else str(y)
    if d is None:
        if lang == "vi":
            return f"tháng {mo:02d}/{y}" if mo <= 2 else f"tháng {mo}/{y}"
        return format_date(dt.date(y, mo, 1), "MMM yyyy", locale=loc)
    when = dt.date(y, mo, d)
    if lang == "vi":
        return format_date(when, "dd/MM/yyyy" if mo <= 2 else "dd/M/yyyy", locale=loc)
    return format_date(when, "d MMM yyyy", locale=loc)


def year_or_date(value: object, lang: str = "vi") -> str:
    """Like `date`, but a bare year is written as the number alone ('2024')."""
    parts = parse_date(value)
    if parts and parts[1] is None:
        return str(parts[0])
    return date(value, lang)


def is_number(value: object) -> bool:
    """True for a finite int/float/Decimal (not bool)."""
    return (
        isinstance(value, int | float | Decimal)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )
