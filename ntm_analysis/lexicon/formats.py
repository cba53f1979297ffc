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
import numbers
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


def money(
    vnd: int | float | Decimal,
    lang: str = "vi",
    unit: str | None = None,
    qualifier: str | None = None,
) -> str:
    """An amount in đồng written in a readable unit (tỷ, triệu…), or in ``unit`` (a money-unit
    key of the vocabulary), after its ``qualifier`` ("trên", "khoảng") wherever it is written.

    >>> money(3_783_000_000_000), money(19_980_000_000, "en"), money(652_100_000, unit="trieu")
    ('3.783 tỷ đồng', 'VND 19.98 billion', '652,1 triệu đồng')
    >>> money(35_000_000_000_000, qualifier="more_than"), money(1e9, "en", qualifier="approx")
    ('trên 35.000 tỷ đồng', 'about VND 1 billion')
    """
    if _missing(vnd):
        return "–"
    q = QUALIFIERS.get(qualifier or "") if isinstance(qualifier, str) else None
    if q:
        return f"{q[_lang(lang)]} {money(vnd, lang, unit)}"
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


def period(value: object, lang: str = "vi") -> str:
    """A year range with an en dash ('2021-2025' → '2021–2025'); a single year or date as
    `year_or_date`.

    >>> period("2021-2025"), period("2024"), period("2025-11-30")
    ('2021–2025', '2024', '30/11/2025')
    """
    if _missing(value):
        return "–"
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    return f"{m.group(1)}–{m.group(2)}" if m else year_or_date(text, lang)


def when(
    year: object = None, as_of: object = None, period_: object = None, lang: str = "vi"
) -> str:
    """The date of a figure at the precision its source gives: the as-of date, else the year,
    else the period.

    >>> when(2024, "2024-12"), when(2024, None), when(None, "", "2021-2025"), when(None)
    ('tháng 12/2024', '2024', '2021–2025', '–')
    """
    if not _missing(as_of) and str(as_of).strip():
        return date(as_of, lang)
    if not _missing(year) and str(year).strip():
        return str(int(float(str(year))))
    return period(period_, lang)


QUALIFIERS = {
    "approx": {"vi": "khoảng", "en": "about"},
    "more_than": {"vi": "trên", "en": "more than"},
    "less_than": {"vi": "dưới", "en": "under"},
    "at_least": {"vi": "ít nhất", "en": "at least"},
    "at_most": {"vi": "tối đa", "en": "at most"},
}
_PERCENT_UNITS = ("pct",)
_MONEY_UNITS = ("vnd", "bn_vnd")


def _printed_decimals(value: float | int | Decimal) -> int:
    """The decimals a stated value carries (84.147 → 3, 44263.0 → 0): never rounded away.

    >>> _printed_decimals(84.147), _printed_decimals(44263.0), _printed_decimals(Decimal("1.50"))
    (3, 0, 1)
    """
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def quantity(
    value: float | int | Decimal,
    unit: str,
    lang: str = "vi",
    qualifier: str | None = None,
    decimals: int | None = None,
) -> str:
    """A stated figure with its unit (a `value_units` key of the vocabulary) and qualifier,
    with every decimal it was stated with unless ``decimals`` says otherwise.

    >>> quantity(137, "communes"), quantity(58.4, "pct"), quantity(3783, "bn_vnd")
    ('137 xã', '58,4 %', '3.783 tỷ đồng')
    >>> quantity(80, "pct", qualifier="more_than"), quantity(71.5, "mn_vnd_per_person_year", "en")
    ('trên 80 %', '71.5 million VND per person a year')
    >>> quantity(18.84, "criteria_per_commune"), quantity(1, "flag"), quantity(4, "districts", "en")
    ('18,84 tiêu chí/xã', 'có', '4 district-level units')
    >>> quantity(84.147, "mn_vnd_per_person_year")
    '84,147 triệu đồng/người/năm'
    """
    if _missing(value):
        return "–"
    lang = _lang(lang)
    if unit in _PERCENT_UNITS:
        text = percent(value, lang, decimals=1 if decimals is None else decimals)
    elif unit in _MONEY_UNITS:  # the qualifier as `money` writes it, in prose too
        amount = Decimal(str(value)) * vocabulary.term("value_units", unit).value
        return money(amount, lang, qualifier=qualifier)
    elif unit == "flag":
        text = ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    elif unit == "year":
        text = str(int(value))
    else:
        name = (
            vocabulary.label("value_units", unit, lang)
            if vocabulary.has_label("value_units", unit)
            else unit
        )
        places = _printed_decimals(value) if decimals is None else decimals
        text = f"{number(value, lang, places)} {name}".strip()
    q = QUALIFIERS.get(qualifier or "")
    return f"{q[lang]} {text}" if q else text


def cell(value: object, lang: str = "vi", decimals: int | None = None) -> str:
    """Any table value written for readers: numbers grouped, dates at their precision, missing
    values as '–', never NaN or scientific notation.

    >>> cell(44400.0), cell(float("nan")), cell(None), cell(3.5e-07, decimals=2), cell("x")
    ('44.400', '–', '–', '0,00', 'x')
    """
    if _missing(value):
        return "–"
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if isinstance(value, dt.date | dt.datetime):
        return date(value, lang)
    if isinstance(value, numbers.Number):
        return number(value, lang, decimals)  # type: ignore[arg-type]
    return str(value)


def is_number(value: object) -> bool:
    """True for a finite int/float/Decimal (not bool)."""
    return (
        isinstance(value, int | float | Decimal)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )
