"""Money against the outcomes it financed: the model-commune cohorts a budget paid for, the
communes a district aimed to upgrade against what they reached, and money–outcome points that
can be compared with each other.

Money is never divided by results of another year, tier or cohort: the sources rarely say
which communes a budget reached, so the frames here put money and outcomes side by side and
compute only what the same statement supports (works per commune of a cohort, a share of
works done). A money–outcome point is comparable with another only when both measure the
same flow of the same kind of money over a period of the same length against the same
outcome (`comparable_groups`).
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold

# What one document states about each model-building cohort (cohort year -> role -> measure).
# The 2023 cohort's works carry no year in their measure names; their notes tie them to the
# cohort ("works planned in the 2023 cohort").
COHORT_MEASURES = {
    2023: {
        "communes": "communes_model_cohort_2023",
        "works": "model_works_total",
        "works_completed": "model_works_completed",
        "works_completed_pct": "model_works_completed_pct",
        "construction_pct": "model_construction_progress_pct",
    },
    2024: {
        "communes": "communes_model_cohort_2024",
        "works": "model_works_approved",
        "communes_started": "communes_model_cohort_2024_started",
    },
}
COHORT_COLUMNS = [
    "cohort",
    "communes",
    "works",
    "works_per_commune",
    "works_completed",
    "works_completed_pct",
    "works_completed_pct_computed",
    "construction_pct",
    "communes_started",
    "date",
    "source_id",
    "raw_rows",
]


def _one(rows: pd.DataFrame, measure: str | None) -> pd.Series | None:
    hit = rows[rows["measure"] == measure] if measure else rows.iloc[:0]
    return hit.iloc[0] if len(hit) else None


def cohorts(facts: pd.DataFrame, area_code: str = "31") -> pd.DataFrame:
    """The model-building cohorts of one old province as its documents state them.

    ``works_per_commune`` and ``works_completed_pct_computed`` are computed from the same
    statement (works over the cohort's communes; completed over planned); the stated
    percentage is kept beside the computed one.
    """
    f = facts[(facts["area_code"] == area_code) & (facts["admin_vintage"] == "legacy")]
    rows = []
    for year, roles in COHORT_MEASURES.items():
        size = _one(f, roles["communes"])
        if size is None:
            continue
        own = f[f["source_id"] == size["source_id"]]  # one statement: the cohort's own source
        got = {role: _one(own, m) for role, m in roles.items()}
        val = {role: (None if r is None else float(r["value"])) for role, r in got.items()}
        works, done = val.get("works"), val.get("works_completed")
        stated = [r for r in got.values() if r is not None]
        rows.append(
            (
                year,
                val["communes"],
                works,
                None if works is None else works / val["communes"],
                done,
                val.get("works_completed_pct"),
                None if works is None or done is None else done / works * 100,
                val.get("construction_pct"),
                val.get("communes_started"),
                got["communes"]["as_of"] or dating.stated_date(got["communes"]["year"]),
                got["communes"]["source_id"],
                "; ".join(r["raw_row"] for r in stated),
            )
        )
    return pd.DataFrame(rows, columns=COHORT_COLUMNS)


def cohort_progress(facts: pd.DataFrame, area_code: str = "31") -> pd.DataFrame:
    """Progress of the latest cohort's communes by district, as stated (communes, % done)."""
    f = facts[
        (facts["admin_vintage"] == "legacy")
        & (facts["area_level"] == "district")
        & facts["measure"].str.fullmatch(r"communes_model_cohort_\d{4}_(in_district|progress_pct)")
    ]
    if f.empty:
        return pd.DataFrame(columns=["district", "cohort", "communes", "progress_pct", "raw_rows"])
    f = f.assign(
        cohort=f["measure"].str.extract(r"cohort_(\d{4})")[0].astype(int),
        role=f["measure"].str.extract(r"_(in_district|progress_pct)$")[0],
    )
    wide = f.pivot_table(
        index=["area_name", "cohort"], columns="role", values="value", aggfunc="first"
    )
    rows = f.groupby(["area_name", "cohort"])["raw_row"].agg("; ".join)
    out = wide.rename(columns={"in_district": "communes", "progress_pct": "progress_pct"})
    out = out.assign(raw_rows=rows).reset_index().rename(columns={"area_name": "district"})
    return out[["district", "cohort", "communes", "progress_pct", "raw_rows"]]


def _reached(target: pd.Series, status: pd.DataFrame) -> tuple[str, pd.Series | None]:
    """Whether a commune met its target tier at its assessment in the target year.

    ``no`` when the assessment states a lower tier or leaves criteria unmet in a set the
    target tier needs (the basic set for NTM, the advanced set for advanced and model);
    ``yes`` when it states the tier or higher; ``unknown`` otherwise.
    """
    tier = target["measure"].removeprefix("commune_")
    rank = {t: i for i, t in enumerate(vocabulary.keys("tiers", level=""))}
    own = status[(status["unit_code"] == target["area_code"]) & (status["year"] == target["year"])]
    own = own[own["record_kind"] == "assessment"]
    if own.empty:
        return "unknown", None
    a = own.iloc[0]
    if pd.notna(a["tier"]):
        return ("yes" if rank[a["tier"]] >= rank[tier] else "no"), a
    needs = "commune_ntm" if tier == "ntm" else "commune_advanced"
    if str(a["criteria_set"]).startswith(needs) and a["criteria_met"] < a["criteria_total"]:
        return "no", a
    return "unknown", a


TARGET_COLUMNS = [
    "commune",
    "target_tier",
    "year",
    "reached",
    "criteria_met",
    "criteria_total",
    "criteria_set",
    "assessed_on",
    "target_source",
    "target_row",
    "status_row",
]


def targets_reached(
    targets: pd.DataFrame,
    commune_status: pd.DataFrame,
    facts: pd.DataFrame,
    units: pd.DataFrame,
    district_code: str,
) -> pd.DataFrame:
    """The communes of a district (legacy code) with a tier target for a year, and whether
    they reached it by their assessment that year (`_reached`); ``assessed_on`` is the date the
    source gives the district's figures."""
    t = targets[
        (targets["area_level"] == "commune")
        & (targets["admin_vintage"] == "legacy")
        & targets["measure"].isin([f"commune_{x}" for x in ("ntm", "advanced", "model")])
    ]
    legacy = units[(units["admin_vintage"] == "legacy") & (units["level"] == "commune")]
    in_district = set(legacy.loc[legacy["parent_code"] == district_code, "unit_code"])
    rows = []
    for _, r in t[t["area_code"].isin(in_district)].iterrows():
        reached, a = _reached(r, commune_status)
        dated = facts[
            (facts["area_code"] == district_code) & (facts["source_id"] == r["source_id"])
        ]
        rows.append(
            (
                r["area_name"],
                r["measure"].removeprefix("commune_"),
                int(r["year"]),
                reached,
                None if a is None else a["criteria_met"],
                None if a is None else a["criteria_total"],
                None if a is None else a["criteria_set"],
                dated["as_of"].dropna().iloc[0] if dated["as_of"].notna().any() else None,
                r["source_id"],
                r["raw_row"],
                None if a is None else a["raw_row"],
            )
        )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


# --- money–outcome points ------------------------------------------------------------------

SCOPES = {  # what part of the money a row covers
    "all_sources": "every source of funds the document lists",
    "provincial_budget": "the province's (city's) own budget",
}
POINT_COLUMNS = [
    "area",
    "area_code",
    "period",
    "years",
    "flow",
    "scope",
    "money_vnd",
    "communes",
    "money_per_commune_vnd",
    "outcome",
    "outcome_value",
    "outcome_of",
    "sources",
    "raw_rows",
]


def _scope(categories: set[str]) -> str:
    """The province's own budget when every category is it or a part of it."""
    own = {vocabulary.funding_whole(c) for c in categories} == {"provincial"}
    return "provincial_budget" if own else "all_sources"


def _outcomes(facts: pd.DataFrame, area_code: str, year: int) -> list[tuple]:
    """(outcome, value, of, source, raw_row): a year's tier additions stated for an area."""
    f = facts[
        (facts["area_code"] == area_code)
        & (facts["year"] == year)
        & facts["measure"].str.fullmatch(r"communes_(ntm|advanced|model)_added")
    ]
    return [(r.measure, r.value, None, r.source_id, r.raw_row) for r in f.itertuples()]


def once_per_budget(grp: pd.DataFrame) -> pd.DataFrame:
    """The rows of one area, period and flow that add up to its money: a budget given both
    whole and in parts ("central" beside "central_investment", "central_recurrent") counted
    once, by its parts.

    >>> g = pd.DataFrame({"source_category": ["central", "central_investment",
    ...     "central_recurrent", "provincial"], "amount_vnd": [10.0, 6.0, 4.0, 5.0]})
    >>> float(once_per_budget(g)["amount_vnd"].sum())
    15.0
    """
    cats = grp["source_category"]
    whole = cats.map(vocabulary.funding_whole)
    split = set(whole[whole != cats])
    return grp[~cats.isin(split)]


def money_points(
    funding: pd.DataFrame,
    facts: pd.DataFrame,
    targets: pd.DataFrame,
    commune_status: pd.DataFrame,
    units: pd.DataFrame,
) -> pd.DataFrame:
    """Each area-year of stated money with each outcome stated for the same area and year.

    Outcomes: tier additions of that year (``communes_<tier>_added``) and, for a district, how
    many of its targeted communes reached their tier (``targets_reached``, ``outcome_of`` the
    targeted). ``communes`` is the area's commune count stated for the same year, when one is;
    ``money_per_commune_vnd`` is then computed (an average, not an allocation).
    """
    fu = funding[funding["year_start"] == funding["year_end"]]
    fu = fu[fu["source_category"] != "total"]
    rows = []
    for (code, period, flow), grp in fu.groupby(["area_code", "period", "flow"]):
        year = int(grp["year_start"].iloc[0])
        money = float(once_per_budget(grp)["amount_vnd"].sum())
        communes = facts[
            (facts["area_code"] == code)
            & (facts["measure"] == "communes_total")
            & (facts["year"] == year)
        ]
        n = float(communes["value"].iloc[0]) if len(communes) else None
        outcomes = _outcomes(facts, code, year)
        reached = targets_reached(targets, commune_status, facts, units, code)
        reached = reached[reached["year"] == year]
        if len(reached):
            outcomes.append(
                (
                    "targets_reached",
                    float((reached["reached"] == "yes").sum()),
                    float(len(reached)),
                    reached["target_source"].iloc[0],
                    "; ".join(reached["target_row"]),
                )
            )
        for outcome, value, of, src, raw in outcomes:
            rows.append(
                (
                    grp["area_name"].iloc[0],
                    code,
                    period,
                    1,
                    flow,
                    _scope(set(grp["source_category"])),
                    money,
                    n,
                    None if not n else money / n,
                    outcome,
                    value,
                    of,
                    "; ".join(dict.fromkeys([*grp["source_id"], src])),
                    "; ".join([*grp["raw_row"], raw]),
                )
            )
    return pd.DataFrame(rows, columns=POINT_COLUMNS)


def comparable_groups(points: pd.DataFrame) -> pd.DataFrame:
    """Points with a comparison key; ``comparable`` when at least two points (two areas or two
    periods) share flow, scope, period length and outcome."""
    key = ["flow", "scope", "years", "outcome"]
    out = points.assign(group=points[key].astype(str).agg(" | ".join, axis=1))
    sizes = out.groupby("group")[["area_code", "period"]].apply(lambda g: len(g.drop_duplicates()))
    return out.assign(comparable=out["group"].map(sizes).fillna(0) >= 2)


def money_without_outcomes(
    facts: pd.DataFrame, funding: pd.DataFrame, area_code: str, period: tuple[int, int]
) -> pd.DataFrame:
    """Every money figure of an old province that overlaps ``period`` (facts and funding), to
    show what the sources hold, or do not hold, for it."""
    first, last = period
    money = facts[
        (facts["area_code"] == area_code)
        & (facts["admin_vintage"] == "legacy")
        & facts["measure"].str.startswith(("funding", "budget"))
    ]
    years = money["year"].astype("Int64")
    spans = money["period"].fillna("").str.extract(r"^(\d{4})-(\d{4})$").astype("float")
    start = spans[0].fillna(years.astype("float"))
    end = spans[1].fillna(years.astype("float"))
    money = money[(start <= last) & (end >= first)]
    fu = funding[
        (funding["area_code"] == area_code)
        & (funding["year_start"] <= last)
        & (funding["year_end"] >= first)
    ]
    cols = ["measure", "period", "year", "value", "unit", "qualifier", "source_id", "raw_row"]
    as_facts = pd.DataFrame(
        {
            "measure": "funding_" + fu["source_category"] + "_" + fu["flow"],
            "period": fu["period"],
            "year": fu["year_start"],
            "value": fu["amount_vnd"],
            "unit": "vnd",
            "qualifier": fu["qualifier"],
            "source_id": fu["source_id"],
            "raw_row": fu["raw_row"],
        }
    )
    return pd.concat([money[cols], as_facts], ignore_index=True)


def district_money(
    funding: pd.DataFrame, codes: set[str], year: int | None = None
) -> list[tuple[str, int]]:
    """``(district code, year)`` for each district among ``codes`` whose money the data breaks
    down (district rows of `funding`), at its latest year up to ``year`` (any year for None)."""
    fu = funding[
        (funding["area_level"] == "district")
        & funding["area_code"].isin(codes)
        & (funding["year_start"] == funding["year_end"])
    ]
    if year is not None:
        fu = fu[fu["year_start"] <= int(year)]
    latest = fu.groupby("area_code")["year_start"].max()
    return [(str(code), int(y)) for code, y in latest.sort_index().items()]


def province_codes(units: pd.DataFrame, codes: set[str]) -> list[str]:
    """The legacy provinces among ``codes`` (`areas.legacy_codes`), by code."""
    legacy = units[(units["admin_vintage"] == "legacy") & (units["level"] == "province")]
    return sorted(str(c) for c in legacy["unit_code"] if str(c) in codes)


def legacy_code(units: pd.DataFrame, name: str, level: str) -> str:
    """The legacy code of the one province or district called ``name`` (diacritics as
    written); a clear error when none or several match."""
    u = units[(units["admin_vintage"] == "legacy") & (units["level"] == level)]
    hit = u[u["unit_name_short"].map(fold) == fold(name)]
    if len(hit) != 1:
        found = ", ".join(f"{r.unit_name} ({r.unit_code})" for r in hit.itertuples()) or "none"
        raise ValueError(f"{level} {name!r} must match one legacy unit; found {found}")
    return str(hit.iloc[0]["unit_code"])
