"""How many criteria each commune meets: from a stated score, from a criteria sheet, or from a
band a source states.

* `sheet_scores`: a criteria sheet (``criteria_status``, one row per commune × criterion) gives
  a commune's score when it lists every criterion of its set as met or not met; a sheet that
  lists only some criteria is partial, and says so instead of giving a count.
* `unit_criteria`: the latest score per unit, from ``commune_status`` or a sheet, with where it
  comes from (``stated`` or ``criteria_sheet``).
* `unit_bands`: the band of the 19 basic criteria (19, 15–18, 10–14, < 10), from a count of a
  basic set (stated or from a sheet) or from the band a source states (``facts`` measures
  ``criteria_met_band_min``/``_max``).
* `unmet_criteria`: the criteria not met in the latest sheet, by name.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ntm_analysis.lexicon import criteria

BANDS = ((19, 19, "19"), (15, 18, "15–18"), (10, 14, "10–14"), (0, 9, "< 10"))
BAND_OTHER = "other"  # a stated range that straddles two bands
BAND_SET_SIZE = 19  # bands are defined on the 19 criteria of the basic commune set
CRITERIA_COLUMNS = [
    "criteria_met",
    "criteria_total",
    "criteria_set",
    "criteria_year",
    "criteria_basis",
    "criteria_source_id",
    "criteria_note",
]


def frame(tables: dict[str, pd.DataFrame] | None, name: str, cols: Sequence[str]) -> pd.DataFrame:
    """Table ``name`` of ``tables``, or an empty frame with ``cols`` when it is absent."""
    df = (tables or {}).get(name)
    if df is None or df.empty or not set(cols) <= set(df.columns):
        return pd.DataFrame(columns=list(cols))
    return df


def band_of(low: float, high: float | None = None) -> str:
    """The band of a count (or a stated range) of basic criteria met.

    >>> band_of(19), band_of(14), band_of(5, 9), band_of(10, 18)
    ('19', '10–14', '< 10', 'other')
    """
    high = low if high is None or pd.isna(high) else high
    for lo, hi, name in BANDS:
        if lo <= low and high <= hi:
            return name
    return BAND_OTHER


def basic_sets() -> set[str]:
    """Criteria sets whose counts have bands: the 19-criterion basic commune sets."""
    sets = criteria.criteria_sets()
    size = pd.to_numeric(sets["size"], errors="coerce")
    keep = (sets["level"] == "commune") & (sets["tier"] == "ntm") & (size == BAND_SET_SIZE)
    return set(sets.loc[keep, "criteria_set"])


def _set_sizes() -> dict[str, int]:
    sets = criteria.criteria_sets()
    size = pd.to_numeric(sets["size"], errors="coerce")
    return {s: int(n) for s, n in zip(sets["criteria_set"], size, strict=True) if pd.notna(n)}


def _upto(df: pd.DataFrame, vintage: str, year: int | None) -> pd.DataFrame:
    df = df[(df["admin_vintage"] == vintage) & df["unit_code"].notna()]
    if year is not None:
        df = df[pd.to_numeric(df["year"], errors="coerce").fillna(0) <= year]
    return df


def sheet_scores(
    criteria_status: pd.DataFrame, vintage: str, year: int | None = None
) -> pd.DataFrame:
    """Per unit, its latest criteria sheet: criteria listed, met and not met, and the score
    when the sheet lists every criterion of its set. Indexed by unit_code."""
    cols = ["unit_code", "admin_vintage", "year", "criteria_set", "criterion_no", "status"]
    cr = frame({"c": criteria_status}, "c", cols)
    if "source_id" not in cr:
        cr = cr.assign(source_id="")
    cr = _upto(cr, vintage, year)
    if cr.empty:
        cols = ["year", "criteria_set", "source_id", "listed", "met", "not_met", "size"]
        return pd.DataFrame(columns=[*cols, "complete"], index=pd.Index([], name="unit_code"))
    g = cr.groupby(["unit_code", "year", "criteria_set", "source_id"])
    out = pd.DataFrame(
        {
            "listed": g["criterion_no"].nunique(),
            "met": g["status"].agg(lambda s: int((s == "met").sum())),
            "not_met": g["status"].agg(lambda s: int((s == "not_met").sum())),
        }
    ).reset_index()
    out["size"] = out["criteria_set"].map(_set_sizes()).astype("Int64")
    out["complete"] = (out["met"] + out["not_met"] == out["size"]) & (out["listed"] == out["size"])
    out = out.sort_values(["year", "complete"]).groupby("unit_code").tail(1)
    return out.set_index("unit_code")


def unit_criteria(
    tables: dict[str, pd.DataFrame] | None,
    vintage: str,
    year: int | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """The latest score per unit: `CRITERIA_COLUMNS`, indexed by unit_code.

    A complete criteria sheet gives the count (``criteria_basis`` ``criteria_sheet``); a score
    recorded in ``commune_status`` gives it otherwise (``stated``), the later one winning and
    the sheet on a tie. A partial sheet gives no count; ``criteria_note`` says what it lists.
    """
    cols = ["unit_code", "admin_vintage", "year", "criteria_met", "criteria_total", "criteria_set"]
    cs = _upto(frame(tables, "commune_status", [*cols, "source_id"]), vintage, year)
    cs = cs[cs["criteria_met"].notna()].sort_values("year").groupby("unit_code").tail(1)
    stated = pd.DataFrame(
        {
            "criteria_met": cs["criteria_met"].to_numpy(),
            "criteria_total": cs["criteria_total"].to_numpy(),
            "criteria_set": cs["criteria_set"].to_numpy(),
            "criteria_year": cs["year"].to_numpy(),
            "criteria_basis": "stated",
            "criteria_source_id": cs["source_id"].to_numpy(),
            "criteria_note": "",
        },
        index=pd.Index(cs["unit_code"].astype(str), name="unit_code"),
    )
    sheets = sheet_scores(frame(tables, "criteria_status", ["unit_code"]), vintage, year)
    complete = sheets["complete"].astype(bool)
    full = sheets[complete]
    from_sheet = pd.DataFrame(
        {
            "criteria_met": full["met"],
            "criteria_total": full["size"],
            "criteria_set": full["criteria_set"],
            "criteria_year": full["year"],
            "criteria_basis": "criteria_sheet",
            "criteria_source_id": full["source_id"],
            "criteria_note": "",
        }
    )
    part = sheets[~complete]
    note = {
        "vi": "bảng tiêu chí chỉ liệt kê {n}/{size} tiêu chí ({bad} chưa đạt)",
        "en": "the criteria sheet lists {n} of {size} criteria ({bad} not met)",
    }[lang]
    partial = pd.DataFrame(
        {
            "criteria_set": part["criteria_set"],
            "criteria_year": part["year"],
            "criteria_basis": "criteria_sheet",
            "criteria_source_id": part["source_id"],
            "criteria_note": [
                note.format(n=r.listed, size=r.size if pd.notna(r.size) else "?", bad=r.not_met)
                for r in part.itertuples()
            ],
        }
    )
    both = pd.concat([stated, from_sheet]).reset_index()
    both["_sheet"] = both["criteria_basis"] == "criteria_sheet"
    best = both.sort_values(["criteria_year", "_sheet"]).groupby("unit_code").tail(1)
    best = best.set_index("unit_code").drop(columns="_sheet")
    notes = partial["criteria_note"].reindex(best.index).dropna()
    best.loc[notes.index, "criteria_note"] = notes
    rest = partial[~partial.index.isin(best.index)]
    return pd.concat([best, rest])[CRITERIA_COLUMNS]


def unit_bands(
    tables: dict[str, pd.DataFrame] | None,
    scores: pd.DataFrame,
    vintage: str,
) -> pd.DataFrame:
    """Band per unit: from a count of a basic set (``count`` or ``criteria_sheet``), else from
    the band a source states (``stated``, dated by ``band_as_of``). Columns band,
    band_source, band_as_of, band_source_id (the source of a stated band); indexed by
    unit_code."""
    basic = scores[scores["criteria_set"].isin(basic_sets()) & scores["criteria_met"].notna()]
    counted = pd.DataFrame(
        {
            "band": [band_of(float(v)) for v in basic["criteria_met"]],
            "band_source": basic["criteria_basis"].map(
                {"stated": "count", "criteria_sheet": "criteria_sheet"}
            ),
        },
        index=basic.index,
    )
    f = frame(tables, "facts", ["measure", "admin_vintage", "area_code", "value"])
    f = (
        f.assign(year=pd.to_numeric(f["year"], errors="coerce").astype("Int64"))
        if "year" in f
        else f
    )
    f = f[(f["admin_vintage"] == vintage) & f["area_code"].notna()]
    lows = f[f["measure"] == "criteria_met_band_min"]
    lo = lows.groupby("area_code")["value"].last()
    hi = f[f["measure"] == "criteria_met_band_max"].groupby("area_code")["value"].last()
    when = pd.Series(pd.NA, index=lows.index, dtype="string")
    for col in ("year", "as_of"):  # the most precise date the source gives
        if col in lows:
            when = lows[col].astype("string").where(lows[col].notna(), when)
    by_unit = lows["area_code"]
    source = lows["source_id"] if "source_id" in lows else pd.Series(pd.NA, index=lows.index)
    stated = pd.DataFrame(
        {
            "band": [band_of(v, hi.get(c)) for c, v in lo.items()],
            "band_source": "stated",
            "band_as_of": when.groupby(by_unit).last().reindex(lo.index).to_numpy(),
            "band_source_id": source.groupby(by_unit).last().reindex(lo.index).to_numpy(),
        },
        index=pd.Index(lo.index.astype(str), name="unit_code"),
    )
    return pd.concat([counted, stated[~stated.index.isin(counted.index)]])


def _criterion_name(criteria_set: str, no: int, lang: str) -> str:
    try:
        c = criteria.get_criterion(criteria_set, int(no))
    except (KeyError, ValueError):
        return str(no)
    return f"{no} {c.name_vi if lang == 'vi' else c.name_en}"


def unmet_criteria(
    criteria_status: pd.DataFrame, vintage: str, lang: str = "vi", year: int | None = None
) -> pd.Series:
    """Criteria not met in each unit's latest assessed year, as "2 Giao thông; 6 Cơ sở…"."""
    cols = ["unit_code", "admin_vintage", "status", "criteria_set", "criterion_no", "year"]
    cr = criteria_status
    if cr.empty or not set(cols) <= set(cr.columns):
        return pd.Series(dtype="object")
    cr = _upto(cr, vintage, year)
    latest = cr.groupby("unit_code")["year"].transform("max")
    cr = cr[(cr["year"] == latest) & (cr["status"] == "not_met")].sort_values("criterion_no")
    names = [
        _criterion_name(s, n, lang)
        for s, n in zip(cr["criteria_set"], cr["criterion_no"], strict=True)
    ]
    return pd.Series(names, index=cr.index).groupby(cr["unit_code"].astype(str)).agg("; ".join)
