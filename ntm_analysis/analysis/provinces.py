"""Provinces side by side at comparable dates: each figure with the date its source gives, how
that date is known, any caution the reference attaches, and — for averages of criteria — the
criteria set it counts.

* `province_figures`: every province (and national) figure of the compared measures, shares
  stated or computed from a count and a total of one statement;
* `panel`: the latest figure per province and measure inside an as-of window, and the rows
  left out with the reason (outside the window, undated page, date filed by the project,
  a caution in the reference, no date);
* `criteria_period`: which criteria set an average of criteria met counts, from its date.

A date is printed as the source gives it (`dating.label`): a figure of 02/2021 is
"tháng 02/2021", never "2021-12"; a page without a date is "not dated", never the end of a
year. The old 63 provinces (``vintage`` legacy), the merged provinces of 1 Jul 2025 (2025)
and the country (national) are never mixed in one row.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.lexicon import criteria, vocabulary

TIERS = tuple(t for t in vocabulary.keys("tiers", level="") if t != "none")
SHARE_MEASURES = tuple(f"communes_{t}_pct" for t in TIERS)
MEASURES = (
    *SHARE_MEASURES,
    "avg_criteria_per_commune",
    "rural_income_mn_vnd_per_person_year",
    "poverty_rate_pct",
)
# Notes of the curated reference that mark a row as doubtful (left out unless asked for) or as
# read from a copy of lower standing (kept, flagged).
CAUTION = re.compile(r"CAUTION|low[- ]confidence|low[- ]quality|do not use", re.IGNORECASE)
LOWER = re.compile(r"mirror|tag[- ]page|aggregator", re.IGNORECASE)
UNDATED = re.compile(r"as of: [^;]*(undated|not shown)|page undated|date not shown")
FILED = re.compile(r"filed by mappings/reference_dates\.csv")
COLUMNS = [
    "vintage",
    "province",
    "measure",
    "value",
    "basis",
    "date",
    "date_basis",
    "criteria_period",
    "caution",
    "lower_confidence",
    "source_id",
    "raw_row",
    "note",
]


def _date_basis(note: str, date: str) -> str:
    if FILED.search(note):
        return "filed"
    if UNDATED.search(note):
        return "undated"
    return "stated" if date else "none"


def _period_start(criteria_set: str) -> dt.date | None:
    """Issue date of a criteria set, from its legal basis in the registry ("ngày 08/03/2022")."""
    sets = criteria.criteria_sets().set_index("criteria_set")
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", str(sets.at[criteria_set, "legal_basis"]))
    return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None


def criteria_period(date: str, note: str = "") -> str:
    """``2016-2020``, ``2021-2025`` or ``unknown``: the commune criteria set an average of
    criteria met per commune counts.

    A note naming the set decides. Otherwise a figure dated wholly before the 2021–2025 set
    was issued counts the 2016–2020 set (the later one did not exist yet); one dated from the
    year after its issue on counts the 2021–2025 set; one in between (the year provinces moved
    to the new set) is unknown.

    >>> criteria_period("2020"), criteria_period("2023-12"), criteria_period("2022")
    ('2016-2020', '2021-2025', 'unknown')
    """
    stated = re.search(r"(2016|2021)[-–](2020|2025) (criteria )?set", note or "")
    if stated:
        return f"{stated.group(1)}-{stated.group(2)}"
    span = dating.span(date)
    issued = _period_start("commune_ntm_2021_2025")
    if span is None or issued is None:
        return "unknown"
    if span[1] < issued:
        return "2016-2020"
    if span[0] >= dt.date(issued.year + 1, 1, 1):
        return "2021-2025"
    return "unknown"


def _base(facts: pd.DataFrame) -> pd.DataFrame:
    f = facts[facts["area_level"].isin(["province", "country"]) & facts["period"].isna()]
    vintage = f["admin_vintage"].fillna("").astype(str).replace("", "legacy")
    vintage = vintage.where(f["area_level"] != "country", "national")
    name = f["area_name"].str.replace(r"\s*\(cũ\)$", "", regex=True)
    return f.assign(
        vintage=vintage,
        province=name,
        date=dating.stated_dates(f),
        note=f["note"].fillna(""),
    )


def _computed_shares(f: pd.DataFrame) -> pd.DataFrame:
    """Shares computed from a count and a total of one statement (same source, province,
    vintage and date up to precision), where the statement states no share itself."""
    rows = []
    totals = f[f["measure"] == "communes_total"]
    for tier in TIERS:
        pcts = f[f["measure"] == f"communes_{tier}_pct"]
        for _, c in f[f["measure"] == f"communes_{tier}"].iterrows():
            same = (totals["source_id"] == c["source_id"]) & (totals["province"] == c["province"])
            t = totals[same & (totals["vintage"] == c["vintage"])]
            t = t[[dating.same_up_to_precision(c["date"], d) for d in t["date"]]]
            stated = pcts[
                (pcts["source_id"] == c["source_id"]) & (pcts["province"] == c["province"])
            ]
            stated = stated[[dating.same_up_to_precision(c["date"], d) for d in stated["date"]]]
            if t.empty or not stated.empty or not t.iloc[0]["value"]:
                continue
            rows.append(
                c.to_dict()
                | {
                    "measure": f"communes_{tier}_pct",
                    "value": c["value"] / t.iloc[0]["value"] * 100,
                    "basis": "computed",
                    "raw_row": f"{c['raw_row']}; {t.iloc[0]['raw_row']}",
                    "note": f"{c['note']} | {t.iloc[0]['note']}",
                }
            )
    return pd.DataFrame(rows)


def province_figures(facts: pd.DataFrame, measures: tuple[str, ...] = MEASURES) -> pd.DataFrame:
    """Every province and national figure of ``measures`` with its date, how the date is
    known (``date_basis``: stated, filed, undated, none), the criteria set of an average,
    a reference caution (``caution``) or lower-standing copy (``lower_confidence``)."""
    f = _base(facts)
    stated = f[f["measure"].isin(measures)].assign(basis="stated")
    computed = _computed_shares(f)
    out = pd.concat([stated, computed], ignore_index=True)
    out = out[out["measure"].isin(measures)]
    notes = out["note"].astype(str)
    out = out.assign(
        date_basis=[_date_basis(n, d) for n, d in zip(notes, out["date"], strict=True)],
        criteria_period=[
            criteria_period(d, n) if m == "avg_criteria_per_commune" else ""
            for d, n, m in zip(out["date"], notes, out["measure"], strict=True)
        ],
        caution=notes.map(lambda n: (CAUTION.search(n) or [""])[0]),
        lower_confidence=notes.map(lambda n: bool(LOWER.search(n))),
    )
    return out[COLUMNS].reset_index(drop=True)


LEFT_OUT_COLUMNS = [*COLUMNS, "reason"]


def _reason(r: pd.Series, start: dt.date, end: dt.date, include_caution: bool) -> str:
    if r["caution"] and not include_caution:
        return "caution"
    if r["date_basis"] in ("undated", "filed", "none"):
        return f"date {r['date_basis']}"
    if not dating.within(r["date"], start, end):
        return "outside window"
    return ""


def panel(
    figures: pd.DataFrame,
    as_of: str,
    months: int = 12,
    include_caution: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The latest figure per vintage, province and measure dated within the ``months`` ending
    ``as_of``, and every row left out with its reason.

    A stated share wins over one computed for the same date. Rows whose page gives no date,
    whose date the project filed, or that the reference marks with a caution (unless
    ``include_caution``) are left out, never placed at a guessed date.
    """
    start, end = dating.window(as_of, months)
    reasons = [_reason(r, start, end, include_caution) for _, r in figures.iterrows()]
    f = figures.assign(reason=reasons)
    kept, left = f[f["reason"] == ""], f[f["reason"] != ""]
    kept = kept.assign(
        start=[dating.span(d)[0] for d in kept["date"]],
        stated_first=kept["basis"] != "stated",
    ).sort_values(["start", "stated_first"], ascending=[True, False])
    latest = kept.groupby(["vintage", "province", "measure"], as_index=False).tail(1)
    latest = latest.drop(columns=["start", "stated_first", "reason"])
    return (
        latest.sort_values(["measure", "value"]).reset_index(drop=True),
        left[LEFT_OUT_COLUMNS].reset_index(drop=True),
    )


def labelled(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A panel or left-out table with the date written as its source gives it."""
    return frame.assign(date_as_given=[dating.label(d, lang) for d in frame["date"]])
