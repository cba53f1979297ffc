"""Who takes part in the commune NTM programme: each unit's eligibility on a date.

Reads the ``eligibility`` table (rows by unit type or by unit, each with its source and the
dates between which it holds) and answers for commune-level units of one vintage whether they
are in the programme. A unit row overrides its type's row (the four Cát Hải communes inside
the Đình Vũ–Cát Hải economic zone are xã but outside the programme); a unit whose type has no
row (a 2025 đặc khu) is unknown, not guessed. Every denominator counts only units that are in
(`in_programme` True).
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.lexicon import formats

_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
ELIGIBILITY_COLUMNS = [
    "in_programme",
    "eligibility_basis",
    "eligibility_source_id",
    "eligibility_note",
]
RULE_COLUMNS = [
    "admin_vintage",
    "unit_code",
    "unit_type",
    "in_programme",
    "valid_from",
    "valid_to",
    "source_id",
    "note",
]


def date_key(value: object, end: bool = True) -> pd.Timestamp | None:
    """A date given at any precision as a timestamp: its last day (``end``) or its first.

    A period "2021-2022" is taken as its last (or first) year.

    >>> str(date_key("2024-12").date()), str(date_key("2025", end=False).date())
    ('2024-12-31', '2025-01-01')
    >>> str(date_key("2021-2022").date())
    '2022-12-31'
    """
    period = _PERIOD.match(str(value)) if value is not None else None
    if period:
        return date_key(period.group(2 if end else 1), end)
    parts = formats.parse_date(value)
    if parts is None:
        return None
    y, m, d = parts
    if d is not None:
        return pd.Timestamp(y, m, d)
    if m is not None:
        first = pd.Timestamp(y, m, 1)
        return first + pd.offsets.MonthEnd(0) if end else first
    return pd.Timestamp(y, 12, 31) if end else pd.Timestamp(y, 1, 1)


def _holds(rules: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.Series:
    """Rules in force on ``as_of`` (every rule when it is None)."""
    if as_of is None:
        return pd.Series(True, index=rules.index)
    start = rules["valid_from"].map(lambda v: date_key(v, end=False))
    stop = rules["valid_to"].map(date_key)
    return (start.isna() | (start <= as_of)) & (stop.isna() | (stop >= as_of))


def rules_frame(tables: dict[str, pd.DataFrame] | None) -> pd.DataFrame:
    """The ``eligibility`` table of ``tables`` (an empty frame with its columns when absent)."""
    df = (tables or {}).get("eligibility")
    if df is None or df.empty or not set(RULE_COLUMNS) <= set(df.columns):
        return pd.DataFrame(columns=RULE_COLUMNS)
    return df


def rule_notes(rules: pd.DataFrame, lang: str) -> pd.Series:
    """The note of each rule in ``lang``: ``note_vi`` in Vietnamese where the row has one,
    else the analysts' ``note`` (English), which is also the English note."""
    note = rules["note"].astype("object") if "note" in rules else pd.Series(pd.NA, rules.index)
    if lang != "vi" or "note_vi" not in rules:
        return note
    vi = rules["note_vi"].astype("object")
    has_vi = vi.notna() & (vi.astype(str).str.strip() != "")
    return vi.where(has_vi, note)


def unit_eligibility(
    units: pd.DataFrame,
    rules: pd.DataFrame,
    vintage: str,
    as_of: pd.Timestamp | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """Eligibility of each unit (``unit_code`` and ``unit_type`` columns of ``units``).

    Returns `ELIGIBILITY_COLUMNS` indexed like ``units``: ``in_programme`` (boolean, NA when no
    rule covers the unit), ``eligibility_basis`` (``unit``, ``unit_type`` or ``none``), the
    source of the deciding rule and its note in ``lang`` (`rule_notes`).
    """
    rules = rules[_holds(rules, as_of)].assign(note=lambda r: rule_notes(r, lang))
    by_unit = rules[rules["unit_code"].notna() & (rules["admin_vintage"] == vintage)]
    by_unit = by_unit.drop_duplicates("unit_code", keep="last").set_index("unit_code")
    by_type = rules[
        rules["unit_code"].isna()
        & rules["unit_type"].notna()
        & (rules["admin_vintage"].isna() | (rules["admin_vintage"] == vintage))
    ]
    by_type = by_type.drop_duplicates("unit_type", keep="last").set_index("unit_type")
    codes, types = units["unit_code"].astype(str), units["unit_type"].astype("string")
    out = pd.DataFrame(index=units.index)
    for col, src in (
        ("in_programme", "in_programme"),
        ("eligibility_source_id", "source_id"),
        ("eligibility_note", "note"),
    ):
        unit_v = codes.map(by_unit[src]) if len(by_unit) else pd.Series(pd.NA, index=units.index)
        type_v = types.map(by_type[src]) if len(by_type) else pd.Series(pd.NA, index=units.index)
        out[col] = unit_v.astype("object").where(unit_v.notna(), type_v.astype("object"))
    out["in_programme"] = out["in_programme"].astype("boolean")
    has_unit = codes.isin(by_unit.index)
    has_type = types.isin(by_type.index).fillna(False).astype(bool)
    out["eligibility_basis"] = "none"
    out.loc[has_type.to_numpy(), "eligibility_basis"] = "unit_type"
    out.loc[has_unit.to_numpy(), "eligibility_basis"] = "unit"
    return out[ELIGIBILITY_COLUMNS]
