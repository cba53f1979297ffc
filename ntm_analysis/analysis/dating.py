"""Dates at the precision a source gives them: the stated date of a row, its span, comparisons
and as-of windows.

A figure is dated by its ``as_of`` (ISO 8601 at day, month or year precision) or, failing
that, by its ``year``. Nothing is padded: "2024-12" is the month of December 2024 (its span
runs from the 1st to the 31st), never 31/12/2024, and "2019" is the whole year. Two dates
"differ only in precision" when the coarser one is a prefix of the finer one ("2019-09" and
"2019-09-09"); a date is "before" another only when its whole span ends before the other's
span starts. Readers see dates through `lexicon.formats.date`, at the same precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pandas as pd

from ntm_analysis.lexicon import formats
from ntm_analysis.sources.reference import DATING_FILE

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _text(value: object) -> str:
    if value is None or value is pd.NA:
        return ""
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):
        return ""
    text = str(value).strip()
    return text[:-2] if re.fullmatch(r"\d{4}\.0", text) else text


def stated_date(year: object, as_of: object = None) -> str:
    """The date of a row as its source gives it: ``as_of`` if set, else the year, else "".

    >>> stated_date(2023, "2023-11-28"), stated_date(2024, None), stated_date(None, "")
    ('2023-11-28', '2024', '')
    """
    as_of_text = _text(as_of)
    if as_of_text:
        return as_of_text
    return _text(year)


def stated_dates(df: pd.DataFrame) -> pd.Series:
    """`stated_date` of every row of a frame with ``year`` and (optionally) ``as_of``."""
    as_of = df["as_of"] if "as_of" in df else pd.Series(None, index=df.index, dtype="object")
    return pd.Series(
        [stated_date(y, a) for y, a in zip(df["year"], as_of, strict=True)],
        index=df.index,
        dtype="object",
    )


def precision(date: str) -> str:
    """``day``, ``month``, ``year`` or "" (not an ISO date).

    >>> precision("2025-11"), precision("2025"), precision("2025-Q1")
    ('month', 'year', '')
    """
    m = _ISO.match(_text(date))
    if not m:
        return ""
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def span(date: object) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a date at its precision; None when it is not ISO.

    >>> span("2024-12"), span("2019")[1], span("2023-11-28")[0], span("end of year")
    ((datetime.date(2024, 12, 1), datetime.date(2024, 12, 31)), datetime.date(2019, 12, 31), \
datetime.date(2023, 11, 28), None)
    """
    m = _ISO.match(_text(date))
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        day = dt.date(y, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        mo = int(m.group(2))
        return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def same_up_to_precision(a: object, b: object) -> bool:
    """True when two dates agree at the coarser one's precision ("2019-09" and "2019-09-09").

    >>> same_up_to_precision("2019-09", "2019-09-09"), same_up_to_precision("2024", "2024-12")
    (True, True)
    >>> same_up_to_precision("2025-01-03", "2025-04-30"), same_up_to_precision("", "2024")
    (False, False)
    """
    a, b = _text(a), _text(b)
    if not precision(a) or not precision(b):
        return False
    short, long = sorted((a, b), key=len)
    return long == short or long.startswith(short + "-")


def before(a: object, b: object) -> bool:
    """True when the whole span of ``a`` ends before the span of ``b`` starts.

    >>> before("2024-12", "2025-11"), before("2024", "2024-12"), before("2019-09", "2020")
    (True, False, True)
    """
    sa, sb = span(a), span(b)
    return bool(sa and sb and sa[1] < sb[0])


def window(as_of: object, months: int) -> tuple[dt.date, dt.date]:
    """The ``months`` ending with the last day of ``as_of`` (a date at any precision).

    >>> window("2023-12-31", 12), window("2023", 6)
    ((datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)), \
(datetime.date(2023, 7, 1), datetime.date(2023, 12, 31)))
    """
    s = span(as_of)
    if s is None:
        raise ValueError(f"as_of must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {as_of!r}")
    if months < 1:
        raise ValueError("a window is at least one month long")
    end = s[1]
    month_index = end.year * 12 + end.month - 1 - (months - 1)
    return dt.date(month_index // 12, month_index % 12 + 1, 1), end


def within(date: object, start: dt.date, end: dt.date) -> bool:
    """True when the whole span of ``date`` lies between ``start`` and ``end``.

    >>> within("2023", *window("2023-12-31", 12)), within("2022-12", *window("2023-12-31", 12))
    (True, False)
    """
    s = span(date)
    return bool(s and start <= s[0] and s[1] <= end)


def label(date: object, lang: str = "vi") -> str:
    """A date for readers, at the precision given ("tháng 02/2021", "năm 2023", "30/4/2025").

    >>> label("2021-02"), label("2023"), label("2025-04-30", "en"), label("")
    ('tháng 02/2021', 'năm 2023', '30 Apr 2025', '–')
    """
    text = _text(date)
    return formats.date(text, lang) if text else "–"


def _row_start(year: object, as_of: object, period: object) -> dt.date | None:
    s = span(stated_date(year, as_of))
    if s:
        return s[0]
    m = re.match(r"^(\d{4})", _text(period))
    return dt.date(int(m.group(1)), 1, 1) if m else None


def up_to(df: pd.DataFrame, as_of: object) -> pd.DataFrame:
    """Rows dated (or, for a period, starting) no later than ``as_of``; undated rows stay.

    Works on `facts` and `commune_status` (``year``/``as_of``/``period``) and on `funding`
    (``year_start``).
    """
    if as_of in (None, ""):
        return df
    end = span(as_of)
    if end is None:
        raise ValueError(f"as_of must be an ISO date, not {as_of!r}")
    year = df["year"] if "year" in df else df.get("year_start")
    as_of_col = df["as_of"] if "as_of" in df else pd.Series(None, index=df.index, dtype="object")
    period = df["period"] if "period" in df else pd.Series(None, index=df.index, dtype="object")
    starts = [_row_start(y, a, p) for y, a, p in zip(year, as_of_col, period, strict=True)]
    keep = [s is None or s <= end[1] for s in starts]
    return df[pd.Series(keep, index=df.index, dtype=bool)]


def tables_up_to(tables: dict[str, pd.DataFrame], as_of: object) -> dict[str, pd.DataFrame]:
    """The processed tables with facts, funding and commune records dated after ``as_of``
    left out (targets, units and sources unchanged)."""
    out = dict(tables)
    for name in ("facts", "funding", "commune_status"):
        if name in out and out[name] is not None:
            out[name] = up_to(out[name], as_of)
    return out


INFERRED = {"vi": "ước định; trang không ghi ngày", "en": "inferred; the page gives no date"}


def inferred(note: object) -> bool:
    """Whether a row's date was filed by the project for a page that gives none (the stager
    says so in the note: ``data/raw/mappings/reference_dates.csv``)."""
    return isinstance(note, str) and DATING_FILE in note


def mark_inferred(text: str, note: object, lang: str = "vi") -> str:
    """A date as readers see it, marked "(ước định; trang không ghi ngày)" when the project
    filed it (`inferred`).

    >>> mark_inferred("2021–2022", "…; filed by mappings/reference_dates.csv: …")
    '2021–2022 (ước định; trang không ghi ngày)'
    """
    return f"{text} ({INFERRED[lang]})" if text and inferred(note) else text
