"""Analysis-ready indicators derived from the processed tables, each row with its sources:
funding by source and per commune, allocation concentration, money figures, criteria matrices
and the unmet criteria.

Nothing here estimates. Shares by part of the new Hải Phòng are in `east_west`, province
comparisons in `provinces`, money against outcomes in `funding_outcomes`.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.lexicon import criteria, vocabulary

# commune tiers above "not yet", from the vocabulary
TIERS = tuple(t for t in vocabulary.keys("tiers", level="") if t != "none")


def funding_by_source(funding: pd.DataFrame, source_id: str | None = None) -> pd.DataFrame:
    """Funding rows by category (of one source, or all rows given), in billion VND, with
    shares of their sum per area and period and the ``source_id`` of each."""
    fu = funding if source_id is None else funding[funding["source_id"] == source_id]
    keys = ["area_name", "period", "flow", "source_category"]
    out = fu.groupby(keys, as_index=False).agg(
        amount_vnd=("amount_vnd", "sum"), source_id=("source_id", "first")
    )
    out["amount_bn_vnd"] = out["amount_vnd"] / 1e9
    out["share_pct"] = (
        out["amount_vnd"]
        / out.groupby(["area_name", "period"])["amount_vnd"].transform("sum")
        * 100
    )
    return out.sort_values("amount_vnd", ascending=False).reset_index(drop=True)


def _measure(facts: pd.DataFrame, source_id: str, measure: str) -> float:
    """The one value a source states for ``measure``; a clear error when it states none."""
    v = facts.loc[(facts["source_id"] == source_id) & (facts["measure"] == measure), "value"]
    if v.empty:
        raise KeyError(f"source {source_id!r} states no {measure!r}")
    if v.nunique() > 1:
        raise ValueError(f"source {source_id!r} states {measure!r} {v.nunique()} ways")
    return float(v.iloc[0])


def funding_per_commune(funding: pd.DataFrame, facts: pd.DataFrame, source_id: str) -> pd.Series:
    """A source's funds in total, per commune and from the state (not the community).

    The per-commune figure is computed (total over the communes the same source counts,
    ``communes_total``) and labelled so; it says nothing about how the money was split.
    """
    fu = funding[funding["source_id"] == source_id]
    total = float(fu["amount_vnd"].sum())
    communes = _measure(facts, source_id, "communes_total")
    state = float(fu.loc[fu["source_category"] != "community", "amount_vnd"].sum())
    return pd.Series(
        {
            "total_bn_vnd": total / 1e9,
            "communes": communes,
            "per_commune_bn_vnd (computed)": total / communes / 1e9,
            "state_budget_share_pct (computed)": state / total * 100,
        }
    )


def allocation_concentration(funding: pd.DataFrame) -> pd.DataFrame:
    """How concentrated commune-level allocations are, per source and period.

    Needs funding rows at ``area_level == "commune"`` (e.g. from ``ntm ingest``); returns
    ``source_id, period, communes, total_bn_vnd, top20_share_pct`` (share of the money going
    to the fifth of communes that got most), ``hhi`` (Herfindahl index of commune shares,
    1/communes when even, 1 when one commune gets all) and ``gini``. Empty when there are no
    commune rows. Communes listed with nothing allocated count (they make it more concentrated).
    """
    cols = ["source_id", "period", "communes", "total_bn_vnd", "top20_share_pct", "hhi", "gini"]
    fu = funding[(funding["area_level"] == "commune") & (funding["source_category"] != "total")]
    rows = []
    for (src, period), g in fu.groupby(["source_id", "period"], dropna=False):
        per = g.groupby(g["area_code"].fillna(g["area_name"]))["amount_vnd"].sum()
        per = per.sort_values(ascending=False).to_numpy(dtype=float)
        if per.sum() <= 0:
            continue
        share = per / per.sum()
        top = max(1, round(len(per) * 0.2))
        asc = share[::-1]
        gini = 1 - 2 * ((asc.cumsum() - asc / 2).sum() / len(asc))
        rows.append(
            (
                src,
                period,
                len(per),
                per.sum() / 1e9,
                share[:top].sum() * 100,
                float((share**2).sum()),
                float(gini),
            )
        )
    return pd.DataFrame(rows, columns=cols)


def money_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Funding and budget figures stated as facts (province and national totals), with the
    note that says what each covers and how sure it is."""
    m = facts["measure"].astype("string")
    keep = m.str.startswith("funding") | m.str.startswith("budget")
    cols = ["area_name", "year", "period", "measure", "value", "unit", "qualifier", "source_id"]
    cols += ["note"]
    return facts.loc[keep.fillna(False), cols].reset_index(drop=True)


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
