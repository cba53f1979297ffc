"""What the data says about one area: which names and parts it had before the July-2025
reform, its stated figures, and the latest figure of each key measure up to a date.

A province merged on 1 Jul 2025 is the sum of its legacy provinces (the new Hải Phòng = old
Hải Phòng, the East, + old Hải Dương, the West); their figures are kept apart, each under
the name of the part it describes ("Hải Phòng (cũ)", "Hải Dương (cũ)"), never added up.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ntm_analysis.lexicon import formats
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer

# The measures a briefing's key-figures table shows, in reading order.
KEY_MEASURES = (
    "communes_total",
    "communes_ntm",
    "communes_ntm_pct",
    "communes_advanced",
    "communes_advanced_pct",
    "communes_model",
    "communes_model_pct",
    "avg_criteria_per_commune",
    "districts_total",
    "districts_ntm",
    "districts_advanced",
    "model_works_total",
    "model_works_completed",
    "rural_income_mn_vnd_per_person_year",
    "poverty_rate_pct",
    "funding_mobilised_total",
    "budget_city_investment_vnd",
    "budget_city_recurrent_vnd",
)
OLD = " (cũ)"


def _key(name: object) -> str:
    text = fold(str(name or "")).removesuffix(fold(OLD)).strip()
    for prefix in ("thanh pho ", "tinh ", "tp ", "huyen ", "xa "):
        text = text.removeprefix(prefix)
    return text


@cache
def _merged() -> dict[str, tuple[str, ...]]:
    """2025 province (folded) → the legacy provinces it was formed from."""
    return {_key(new): olds for new, olds in gazetteer.province_mergers().items()}


def legacy_parts(area: str) -> tuple[str, ...]:
    """The legacy provinces a 2025 province was formed from; () when ``area`` is not a
    2025 province formed by a merger.

    >>> legacy_parts("Hải Phòng"), legacy_parts("Bắc Sơn")
    (('Hải Dương', 'Hải Phòng'), ())
    """
    parts = _merged().get(_key(area), ())
    return parts if len(parts) > 1 else ()


def legacy_names(area: str | list[str] | tuple[str, ...]) -> str | list[str]:
    """The legacy areas ``area`` stands for on maps and status tables: one name of a 2025
    province formed by merger is its legacy provinces; any other name, or a list of names
    (legacy names, as a map of the parts is asked for), as given.

    >>> legacy_names("Hải Phòng"), legacy_names("Bắc Sơn"), legacy_names(["Hải Phòng", "B"])
    (['Hải Dương', 'Hải Phòng'], 'Bắc Sơn', ['Hải Phòng', 'B'])
    """
    if not isinstance(area, str):
        return list(area)
    parts = legacy_parts(area)
    return list(parts) if parts else area


def legacy_codes(units: pd.DataFrame, area: str | list[str] | tuple[str, ...]) -> set[str]:
    """The legacy unit codes (province, districts, communes) of the areas ``area`` stands for
    (`legacy_names`); a name the gazetteer does not know, or knows several times, adds none.

    ``units`` is the processed units table."""
    from ntm_analysis.places import geo  # geometry libraries load only when this is asked

    legacy = units[units["admin_vintage"] == "legacy"]
    names = legacy_names(area)
    codes: set[str] = set()
    for name in [names] if isinstance(names, str) else names:
        try:
            found = geo.resolve_areas(name, "legacy")
        except ValueError:
            continue
        for r in found.itertuples():
            if r.level == "province":
                inside = legacy["province_code"] == r.code
            elif r.level == "district":
                inside = (legacy["unit_code"] == r.code) | (legacy["parent_code"] == r.code)
            else:
                continue
            codes |= {r.code, *legacy.loc[inside, "unit_code"].astype(str)}
    return codes


def area_facts(facts: pd.DataFrame, area: str) -> pd.DataFrame:
    """Facts about ``area`` or, for a merged 2025 province, about its legacy parts, with a
    ``part`` column naming what each row describes ("Hải Dương (cũ)" for a legacy part)."""
    parts = legacy_parts(area)
    names = {_key(area), *(_key(p) for p in parts)}
    keys = facts["area_name"].map(_key)
    out = facts[keys.isin(names)].copy()
    is_old = (out["admin_vintage"] == "legacy") | out["area_name"].str.endswith(OLD)
    base = out["area_name"].str.removesuffix(OLD)
    out["part"] = base.where(~(is_old & bool(parts)), base + OLD)
    return out


def _order(value: object) -> tuple[int, int, int]:
    parts = formats.parse_date(value)
    if not parts:
        return (0, 0, 0)
    y, m, d = parts
    return (y, m or 12, d or 31)


def fact_date(facts: pd.DataFrame) -> pd.Series:
    """The date of each fact at its precision: as-of date, else year, else the period's end."""
    year = facts["year"].astype("string")
    end = facts["period"].astype("string").str[-4:]
    return facts["as_of"].astype("string").fillna(year).fillna(end)


def key_figures(
    facts: pd.DataFrame,
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    measures: tuple[str, ...] = KEY_MEASURES,
) -> pd.DataFrame:
    """The latest stated figure of each key measure for each part of ``area``, dated at most
    ``as_of`` (or the end of ``year``). Columns: ``part, measure, value, unit, qualifier,
    date, source_id, source_locator, note``, in the order of ``measures``."""
    f = area_facts(facts, area)
    f = f[f["measure"].isin(measures)].assign(date=lambda d: fact_date(d))
    cutoff = as_of or (str(year) if year else None)
    if cutoff:
        limit = _order(cutoff)
        f = f[pd.Series([_order(d) <= limit for d in f["date"]], index=f.index, dtype=bool)]
    cols = ["part", "measure", "value", "unit", "qualifier", "date", "source_id"]
    cols += ["source_locator", "note"]
    if f.empty:
        return f[cols].reset_index(drop=True)
    f = f.assign(when=[_order(d) for d in f["date"]], order=f["measure"].map(measures.index))
    latest = f.sort_values(["part", "measure", "when"]).groupby(["part", "measure"]).tail(1)
    return latest.sort_values(["part", "order"])[cols].reset_index(drop=True)
