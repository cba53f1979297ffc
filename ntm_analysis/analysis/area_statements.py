"""What sources state about whole areas, and what that implies for each commune in them.

A source often speaks of an area, not of its communes: "137/137 xã đạt chuẩn NTM nâng cao",
"100 % số xã đạt chuẩn NTM", "75 xã đạt chuẩn nâng cao". `area_statements` reads every such
figure from ``facts`` (measures ``communes_<tier>``, ``communes_<tier>_pct`` and
``communes_total`` for any area and any tier of the vocabulary) and pairs a count with the
total the same source gives for the same area and date. A statement is *full* when it covers
every commune (a count equal to its total, or 100 %): then each eligible commune of the area
is at least that tier from that date (`statement_floors`). A statement below the total
leaves the communes unknown; the area's share is shown instead (`area_figures`).

Only exact figures count as full (a "khoảng"/"trên" figure never does). A statement's area is
matched to units by code within its own vintage; statements about a vintage's areas are not
carried to another vintage's units (a merged 2025 commune is handled by `inheritance`).
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis.eligibility import date_key
from ntm_analysis.lexicon import vocabulary

TIERS = tuple(t for t in vocabulary.keys("tiers", level="") if t != "none")
TIER_RANK = {t.key: t.order for t in vocabulary.terms("tiers") if t.key in TIERS}
TOTAL = "communes_total"
_KEYS = [
    "area_name",
    "area_level",
    "area_code",
    "admin_vintage",
    "source_id",
    "year",
    "as_of",
    "period",
]
STATEMENT_COLUMNS = [
    "area_name",
    "area_level",
    "area_code",
    "admin_vintage",
    "tier",
    "count",
    "total",
    "share_pct",
    "share_basis",
    "full",
    "date",
    "date_text",
    "source_id",
    "source_locator",
    "note",
]
FIGURE_COLUMNS = [*STATEMENT_COLUMNS, "role"]
FLOOR_COLUMNS = [
    "unit_code",
    "tier",
    "date",
    "date_text",
    "source_id",
    "source_locator",
    "area_name",
    "area_level",
    "stated_total",
    "eligible_units",
]


def _date_text(df: pd.DataFrame) -> pd.Series:
    year = df["year"].astype("Int64").astype("string")
    return df["as_of"].astype("string").fillna(year).fillna(df["period"].astype("string"))


def _period_end(period: object) -> str | None:
    text = "" if period is None or period is pd.NA else str(period)
    return text[-4:] if text[-4:].isdigit() else None


def _dates(df: pd.DataFrame) -> pd.Series:
    """The date each figure holds by: the end of its as_of, year or period."""
    when = df["as_of"].astype("string").fillna(df["year"].astype("Int64").astype("string"))
    when = when.fillna(df["period"].map(_period_end).astype("string"))
    return when.map(date_key)


def area_statements(facts: pd.DataFrame) -> pd.DataFrame:
    """Every stated count or share of communes by tier, with its total where the same source
    gives one for the same area and date. Columns `STATEMENT_COLUMNS`.

    ``share_basis`` is ``stated`` (a percentage as printed), ``computed`` (count / total of
    the same source) or ``count`` (a count without a total: no share). ``full`` marks
    statements that cover every commune of the area.
    """
    need = {*_KEYS, "measure", "value", "qualifier", "source_locator", "note"}
    if facts is None or facts.empty or not need <= set(facts.columns):
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    measures = {f"communes_{t}": (t, "count") for t in TIERS}
    measures.update({f"communes_{t}_pct": (t, "pct") for t in TIERS})
    f = facts[facts["measure"].isin([*measures, TOTAL])].copy()
    f = f[f["qualifier"].isna() | (f["qualifier"] == "exact")]
    if f.empty:  # facts, but no count or share of communes by tier
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    key = f[_KEYS].astype("string").fillna("").agg("|".join, axis=1)
    totals = f[f["measure"] == TOTAL].assign(key=key).drop_duplicates("key", keep="last")
    total_of = totals.set_index("key")["value"]
    f = f[f["measure"] != TOTAL].copy()
    if f.empty:
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    f["key"] = key.loc[f.index]
    kind = f["measure"].map(lambda m: measures[m][1])
    f["tier"] = f["measure"].map(lambda m: measures[m][0])
    f["count"] = f["value"].where(kind == "count")
    f["total"] = f["key"].map(total_of).where(kind == "count")
    computed = (f["count"] / f["total"] * 100).round(1)
    f["share_pct"] = f["value"].where(kind == "pct", computed)
    f["share_basis"] = "count"
    f.loc[(kind == "count") & f["total"].notna(), "share_basis"] = "computed"
    f.loc[kind == "pct", "share_basis"] = "stated"
    f["full"] = ((kind == "pct") & (f["value"] == 100)) | (
        (kind == "count") & (f["count"] > 0) & (f["count"] == f["total"])
    )
    f["date"] = _dates(f)
    f["date_text"] = _date_text(f)
    return f[STATEMENT_COLUMNS].reset_index(drop=True)


def _members(statement: pd.Series, units: pd.DataFrame) -> pd.Series:
    """Mask of ``units`` inside the statement's area (province or district, by code)."""
    code = str(statement["area_code"])
    if statement["area_level"] == "province":
        return units["province_code"].astype("string") == code
    if statement["area_level"] == "district":
        return units["parent_code"].astype("string") == code
    return pd.Series(False, index=units.index)


def statement_floors(
    statements: pd.DataFrame,
    units: pd.DataFrame,
    vintage: str,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """What full statements imply: one row per (eligible unit, full statement), `FLOOR_COLUMNS`.

    ``units`` holds the vintage's commune-level units with ``unit_code``, ``province_code``,
    ``parent_code`` and ``in_programme``; only units in the programme are covered (a ward is
    not made NTM by a statement about communes). ``eligible_units`` is how many units of the
    area are in the programme in this vintage, next to the total the source stated: they differ
    when communes were merged after the statement, and readers are told so.
    """
    full = statements[
        statements["full"]
        & (statements["admin_vintage"] == vintage)
        & statements["area_code"].notna()
        & statements["date"].notna()
    ]
    if as_of is not None:
        full = full[full["date"] <= as_of]
    eligible = units[units["in_programme"].fillna(False).astype(bool)]
    parts = []
    for _, s in full.iterrows():
        inside = eligible[_members(s, eligible)]
        if inside.empty:
            continue
        parts.append(
            pd.DataFrame(
                {
                    "unit_code": inside["unit_code"].astype(str).to_numpy(),
                    "tier": s["tier"],
                    "date": s["date"],
                    "date_text": s["date_text"],
                    "source_id": s["source_id"],
                    "source_locator": s["source_locator"],
                    "area_name": s["area_name"],
                    "area_level": s["area_level"],
                    "stated_total": s["total"],
                    "eligible_units": len(inside),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=FLOOR_COLUMNS)
    return pd.concat(parts, ignore_index=True)[FLOOR_COLUMNS]


def area_figures(
    statements: pd.DataFrame,
    areas: pd.DataFrame,
    as_of: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The latest statement per area and tier for the areas of a map or table.

    ``areas`` has ``code``, ``level`` and ``vintage`` columns (the areas drawn, and on a 2025
    map the legacy provinces they were formed from). Full and partial statements both come
    back, with their ``role``: ``applied`` (full: drawn on the communes), ``share`` (below
    the total, of a tier above any full statement of the area: the legend shows it as the
    area's share, never on the communes) or ``below_full`` (a partial figure of a tier that a
    full statement already covers).
    """
    if statements.empty or areas.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    keys = set(zip(areas["vintage"], areas["level"], areas["code"].astype(str), strict=True))
    s = statements[statements["date"].notna()]
    if as_of is not None:
        s = s[s["date"] <= as_of]
    hit = [
        (v, lvl, str(c)) in keys
        for v, lvl, c in zip(s["admin_vintage"], s["area_level"], s["area_code"], strict=True)
    ]
    s = s[hit]
    # per area and tier: the latest date; a stated share before a computed one, then a count
    order = s["share_basis"].map({"stated": 0, "computed": 1, "count": 2})
    s = s.assign(_order=order).sort_values(["date", "_order"], ascending=[True, False])
    latest = s.groupby(["admin_vintage", "area_code", "tier"], sort=False).tail(1)
    latest = latest.assign(_rank=latest["tier"].map(TIER_RANK))
    full = s[s["full"]].assign(_rank=s["tier"].map(TIER_RANK))
    top_full = full.groupby(["admin_vintage", "area_code"])["_rank"].max()
    key = list(zip(latest["admin_vintage"], latest["area_code"], strict=True))
    floor = pd.Series([top_full.get(k, -1) for k in key], index=latest.index)
    latest["role"] = "share"
    latest.loc[latest["_rank"] <= floor, "role"] = "below_full"
    latest.loc[latest["full"], "role"] = "applied"
    return (
        latest.sort_values(["area_code", "_rank"])
        .drop(columns=["_order", "_rank"])
        .reset_index(drop=True)[FIGURE_COLUMNS]
    )
