"""What the consistency checks share: the finding record, area keys, and the long frame of
stated figures (facts plus funding rows) with each row's stated date.

A finding names both rows it compares (``raw_row``) and both sources; ``caveat`` says when a
finding rests on a date that other evidence puts in doubt. Nothing here corrects a value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.lexicon.textnorm import fold

FINDING_COLUMNS = [
    "check",
    "measure",
    "area",
    "when",
    "row_a",
    "source_a",
    "value_a",
    "row_b",
    "source_b",
    "value_b",
    "message",
    "caveat",
]


FACT_COLUMNS = [
    "area_name",
    "area_level",
    "area_code",
    "admin_vintage",
    "year",
    "as_of",
    "period",
    "measure",
    "value",
    "unit",
    "source_id",
    "raw_row",
]


def area_key(df: pd.DataFrame) -> pd.Series:
    """Level plus code-with-vintage, or plus the folded name when the row has no code."""
    code = df["area_code"].fillna("")
    name = df["area_name"].map(fold)
    vint = df["admin_vintage"].fillna("")
    return df["area_level"] + "|" + np.where(code != "", vint + ":" + code, name)


def when_text(date: object, period: object) -> str:
    """The date or period a finding is about, as the rows state it."""
    date_text = dating.stated_date(None, date)
    period_text = dating.stated_date(None, period)
    return date_text or period_text


def long_facts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Facts plus funding rows recast as ``funding_<category>_<flow>`` facts in VND.

    Adds ``area_key``, ``date`` (`dating.stated_date`) and ``when`` (date or period).
    """
    facts = tables["facts"].copy()
    missing = [c for c in [*FACT_COLUMNS, "note"] if c not in facts.columns]
    facts = facts.assign(**dict.fromkeys(missing, pd.NA))
    fu = tables.get("funding")
    if fu is not None and len(fu):
        single = fu["year_start"] == fu["year_end"]
        extra = pd.DataFrame(
            {
                "area_name": fu["area_name"],
                "area_level": fu["area_level"],
                "area_code": fu["area_code"],
                "admin_vintage": fu["admin_vintage"],
                "year": fu["year_start"].where(single),
                "as_of": pd.NA,
                "period": fu["period"].where(~single),
                "measure": "funding_" + fu["source_category"] + "_" + fu["flow"],
                "value": fu["amount_vnd"].astype("float64"),
                "unit": "vnd",
                "source_id": fu["source_id"],
                "raw_row": fu["raw_row"],
            }
        )
        facts = pd.concat([facts, extra], ignore_index=True)
    facts["area_key"] = area_key(facts)
    facts["date"] = dating.stated_dates(facts)
    facts["period"] = facts["period"].astype("object").where(facts["period"].notna(), None)
    facts["when"] = [when_text(d, p) for d, p in zip(facts["date"], facts["period"], strict=True)]
    return facts


def finding(check: str, a: pd.Series, b: pd.Series | None, message: str, **vals) -> dict:
    """One finding comparing row ``a`` with row ``b`` (or ``a`` alone)."""
    return {
        "check": check,
        "measure": vals.get("measure", a.get("measure")),
        "area": vals.get("area", a.get("area_name")),
        "when": vals.get("when", a.get("when")),
        "row_a": a.get("raw_row"),
        "source_a": a.get("source_id"),
        "value_a": vals.get("value_a", a.get("value")),
        "row_b": None if b is None else b.get("raw_row"),
        "source_b": None if b is None else b.get("source_id"),
        "value_b": vals.get("value_b", None if b is None else b.get("value")),
        "message": message,
        "caveat": vals.get("caveat", ""),
    }


def decimals(x: float) -> int:
    """Decimal places of a figure as printed (84.14 → 2; 76.0 → 0)."""
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def same_as_printed(a: float, b: float) -> bool:
    """Equal once the more precise figure is rounded or truncated to the other's precision.

    >>> same_as_printed(84.14, 84.147), same_as_printed(76, 75.9), same_as_printed(65, 75)
    (True, True, False)
    """
    digits = min(decimals(a), decimals(b))
    fine, coarse = (a, b) if decimals(a) > decimals(b) else (b, a)
    scale = 10**digits
    return bool(
        np.isclose(round(fine, digits), coarse)
        or np.isclose(np.trunc(fine * scale) / scale, coarse)
    )
