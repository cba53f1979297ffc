"""Analysis-ready indicators derived from the processed tables, each row with its sources.

Nothing here estimates: a share is either stated by a source or computed from a count and a
total stated by the same source for the same area and date (``basis`` says which).
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis import criteria

TIERS = ("ntm", "advanced", "model")
# The new Hải Phòng: legacy province codes of its two parts.
HAIPHONG_PARTS = {"31": "east", "30": "west"}


def _date(df: pd.DataFrame) -> pd.Series:
    year = df["year"].astype("string")
    return df["as_of"].fillna(year + "-12-31")


def tier_shares(
    facts: pd.DataFrame, areas: dict[str, str] = HAIPHONG_PARTS, vintage: str = "legacy"
) -> pd.DataFrame:
    """Shares of communes at each tier for the given area codes, stated or computed.

    Returns ``area, tier, date, share_pct, basis, count, total, source_id, raw_row``; one row
    per source statement, sorted by area, tier and date.
    """
    f = facts[(facts["admin_vintage"] == vintage) & facts["area_code"].isin(list(areas))]
    f = f[f["period"].isna()].assign(
        date=lambda d: _date(d), area=lambda d: d["area_code"].map(areas)
    )
    rows = []
    for tier in TIERS:
        stated = f[f["measure"] == f"communes_{tier}_pct"]
        for r in stated.itertuples():
            rows.append(
                (r.area, tier, r.date, r.value, "stated", pd.NA, pd.NA, r.source_id, r.raw_row)
            )
        counts = f[f["measure"] == f"communes_{tier}"]
        totals = f[f["measure"] == "communes_total"]
        both = counts.merge(totals, on=["source_id", "area", "date"], suffixes=("", "_total"))
        for r in both.itertuples():
            if any(
                (s[0] == r.area and s[1] == tier and s[2] == r.date and s[7] == r.source_id)
                for s in rows
            ):
                continue  # the source also states the share itself
            rows.append(
                (
                    r.area,
                    tier,
                    r.date,
                    round(r.value / r.value_total * 100, 1),
                    "computed",
                    r.value,
                    r.value_total,
                    r.source_id,
                    f"{r.raw_row}; {r.raw_row_total}",
                )
            )
    cols = ["area", "tier", "date", "share_pct", "basis", "count", "total", "source_id", "raw_row"]
    return (
        pd.DataFrame(rows, columns=cols)
        .sort_values(["area", "tier", "date"])
        .reset_index(drop=True)
    )


def funding_by_source(funding: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """One source's funding rows by category, in billion VND, with shares of their sum."""
    fu = funding[funding["source_id"] == source_id]
    out = fu.groupby(["area_name", "period", "flow", "source_category"], as_index=False)[
        "amount_vnd"
    ].sum()
    out["amount_bn_vnd"] = out["amount_vnd"] / 1e9
    out["share_pct"] = (
        out["amount_vnd"]
        / out.groupby(["area_name", "period"])["amount_vnd"].transform("sum")
        * 100
    )
    return out.sort_values("amount_vnd", ascending=False).reset_index(drop=True)


def criteria_matrix(criteria_status: pd.DataFrame, criteria_set: str) -> pd.DataFrame:
    """Commune × criterion status matrix (1 met, 0 not met, NaN unknown) for one set."""
    cs = criteria_status[criteria_status["criteria_set"] == criteria_set]
    size = criteria.set_size(criteria_set) or int(cs["criterion_no"].max())
    m = cs.assign(v=cs["status"].map({"met": 1.0, "not_met": 0.0})).pivot_table(
        index="commune_name", columns="criterion_no", values="v", aggfunc="min"
    )
    return m.reindex(columns=range(1, size + 1))


def unmet_by_topic(criteria_status: pd.DataFrame) -> pd.DataFrame:
    """How often each topic is unmet, across sets, via the basic↔advanced topic crosswalk."""
    topics = criteria.criteria_topics()
    links = []
    for s in ("commune_ntm_2021_2025", "commune_advanced_2021_2025"):
        for r in topics.itertuples():
            for no in str(getattr(r, s)).split("|"):
                links.append((s, int(no), r.topic))
    link = pd.DataFrame(links, columns=["criteria_set", "criterion_no", "topic"])
    cs = criteria_status[criteria_status["status"] == "not_met"].merge(
        link, on=["criteria_set", "criterion_no"]
    )
    out = cs.groupby("topic").agg(
        communes_not_met=("commune_name", "nunique"),
        communes=("commune_name", lambda s: ", ".join(sorted(set(s)))),
        sources=("source_id", lambda s: ", ".join(sorted(set(s)))),
    )
    return out.sort_values("communes_not_met", ascending=False).reset_index()


NO_GUIDANCE = {"vi": "chưa có nguồn", "en": "no source found"}


def unmet_criteria(criteria_status: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Unmet criteria per set, most often unmet first, with the body that guides each.

    Returns ``criteria_set, criterion_no, criterion, communes_not_met, communes, guided_by,
    document, basis, guidance_url, sources``. ``guided_by`` comes from
    `criteria.criteria_guidance`; where no guidance document is on file it reads
    "chưa có nguồn" / "no source found" rather than a guess.
    """
    cs = criteria_status[criteria_status["status"] == "not_met"]
    out = (
        cs.groupby(["criteria_set", "criterion_no"])
        .agg(
            communes_not_met=("commune_name", "nunique"),
            communes=("commune_name", lambda s: ", ".join(sorted(set(s)))),
            sources=("source_id", lambda s: ", ".join(sorted(set(s)))),
        )
        .reset_index()
    )
    out["criterion_no"] = out["criterion_no"].astype(int)
    name_col = "criterion_name_vi" if lang == "vi" else "criterion_name_en"
    names = criteria.criteria_table()[["criteria_set", "criterion_no", name_col]]
    names = names.dropna(subset=["criterion_no"]).astype({"criterion_no": int})
    guide = criteria.criteria_guidance()
    guide = guide[
        ["criteria_set", "criterion_no", f"body_{lang}", "document", "basis", "source_url"]
    ].rename(columns={f"body_{lang}": "guided_by", "source_url": "guidance_url"})
    out = out.merge(names, on=["criteria_set", "criterion_no"], how="left").merge(
        guide, on=["criteria_set", "criterion_no"], how="left"
    )
    out["guided_by"] = out["guided_by"].fillna(NO_GUIDANCE[lang])
    out = out.rename(columns={name_col: "criterion"}).sort_values(
        ["communes_not_met", "criteria_set", "criterion_no"], ascending=[False, True, True]
    )
    cols = ["criteria_set", "criterion_no", "criterion", "communes_not_met", "communes"]
    cols += ["guided_by", "document", "basis", "guidance_url", "sources"]
    return out[cols].reset_index(drop=True)


PROVINCE_MEASURES = (
    "communes_ntm_pct",
    "communes_advanced_pct",
    "communes_model_pct",
    "avg_criteria_per_commune",
    "rural_income_mn_vnd_per_person_year",
    "poverty_rate_pct",
)


def province_shares(facts: pd.DataFrame) -> pd.DataFrame:
    """Province tier shares: stated, or computed from count and total of one source and date."""
    f = facts[(facts["area_level"] == "province") & facts["period"].isna()]
    f = f.assign(date=lambda d: _date(d))
    rows = [f[f["measure"].isin([f"communes_{t}_pct" for t in TIERS])].assign(basis="stated")]
    totals = f[f["measure"] == "communes_total"]
    for tier in TIERS:
        c = f[f["measure"] == f"communes_{tier}"]
        both = c.merge(totals, on=["source_id", "area_name", "date"], suffixes=("", "_total"))
        both = both[both["value_total"] > 0]
        rows.append(
            both.assign(
                measure=f"communes_{tier}_pct",
                basis="computed",
                value=(both["value"] / both["value_total"] * 100).round(1),
                raw_row=both["raw_row"] + "; " + both["raw_row_total"],
            )
        )
    return pd.concat(rows, ignore_index=True)


def province_panel(
    facts: pd.DataFrame, measures: tuple[str, ...] = PROVINCE_MEASURES
) -> pd.DataFrame:
    """Latest dated figure per province and measure, with its source and its vintage.

    ``vintage`` is ``legacy`` for the 63 pre-July-2025 provinces ("Hải Phòng (cũ)" is old Hải
    Phòng) and ``2025`` for the merged provinces; the two are never mixed in one row. Shares
    come from `province_shares`; a stated share wins over one computed for the same date.
    """
    f = facts[(facts["area_level"] == "province") & facts["period"].isna()]
    f = f.assign(date=lambda d: _date(d), basis="stated")
    f = pd.concat(
        [
            f[~f["measure"].str.endswith("_pct") | ~f["measure"].str.startswith("communes_")],
            province_shares(facts),
        ],
        ignore_index=True,
    )
    f = f[f["measure"].isin(measures) & f["date"].notna()]
    merged = f["area_name"].str.contains("post-2025", na=False)
    f = f.assign(
        vintage=f["admin_vintage"].fillna("legacy").where(~merged, "2025"),
        province=f["area_name"]
        .str.replace(r"\s*\((cũ)\)$", "", regex=True)
        .str.replace(r"\s*\[post-2025 merged province\]$", "", regex=True),
    )
    f = f.sort_values(["province", "measure", "date", "basis"], ascending=[True, True, True, False])
    latest = f.groupby(["vintage", "province", "measure"], as_index=False).tail(1)
    cols = ["vintage", "province", "measure", "value", "date", "basis", "source_id", "raw_row"]
    return latest[cols].reset_index(drop=True)
