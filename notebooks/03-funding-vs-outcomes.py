# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Funding allocation versus outcomes
#
# **Question.** Where does NTM money come from, how much reaches each commune and each tier
# upgrade, and is it concentrated ("cuốn chiếu") or spread?
#
# **For** analysts and People's Council members reviewing budget requests.
#
# **Sources.** Bắc Sơn district 2023 (`ls_2023_bacson_inspection`), Hải Phòng 2024
# (`hp_2024_conclusion`), province and national figures from the curated reference.
#
# **Caveats.** The data is thin: two local breakdowns and a handful of province totals.
# Amounts per commune or per upgrade below are simple divisions of stated figures, labelled as
# such; the documents do not say which communes received the money.

# %% tags=["parameters"]
LANG = "vi"
FIG_DIR = "../reports/figures"
DISTRICT_SOURCE = "ls_2023_bacson_inspection"  # a source whose funding is broken down by source

# %%
import pandas as pd

from ntm_analysis import charts, figures, indicators, tables

data = tables.load_tables()
facts, funding = data["facts"], data["funding"]

# %% [markdown]
# ## Bắc Sơn 2023: funds mobilised by source

# %%
bacson = indicators.funding_by_source(funding, DISTRICT_SOURCE).assign(source_id=DISTRICT_SOURCE)
bacson[["source_category", "amount_bn_vnd", "share_pct"]]

# %%
fig = figures.funding_bars(
    bacson, LANG, title=f"{bacson['area_name'].iloc[0]}, {bacson['period'].iloc[0]}"
)
_ = charts.save_figure(fig, "03-funding-bac-son", FIG_DIR)

# %% [markdown]
# Per commune (computed: the district total over its 17 communes building NTM) and the
# state share of the money:

# %%
total = bacson["amount_vnd"].sum()
communes = facts.query("source_id == @DISTRICT_SOURCE and measure == 'communes_total'")[
    "value"
].iloc[0]
pd.Series(
    {
        "total_bn_vnd": total / 1e9,
        "communes": communes,
        "per_commune_bn_vnd (computed)": total / communes / 1e9,
        "state_budget_share_pct": bacson.loc[
            bacson["source_category"] != "community", "amount_vnd"
        ].sum()
        / total
        * 100,
    }
)

# %% [markdown]
# ## Hải Phòng 2024: the city budget and what it bought

# %%
hp = facts.query("source_id == 'hp_2024_conclusion'").set_index("measure")["value"]
budget = funding.query("source_id == 'hp_2024_conclusion'")["amount_vnd"].sum()
upgrades = hp["communes_advanced_added"] + hp["communes_model_added"]
pd.Series(
    {
        "city_budget_bn_vnd": budget / 1e9,
        "of_which_investment_bn_vnd": hp["budget_city_investment_vnd"] / 1e9,
        "of_which_recurrent_bn_vnd": hp["budget_city_recurrent_vnd"] / 1e9,
        "tier_upgrades_2024": upgrades,
        "bn_vnd_per_upgrade (computed)": budget / upgrades / 1e9,
        "communes_in_model_cohorts_2023_2024": hp["communes_model_cohort_2023"]
        + hp["communes_model_cohort_2024"],
        "share_of_137_communes_in_cohorts_pct": (
            hp["communes_model_cohort_2023"] + hp["communes_model_cohort_2024"]
        )
        / hp["communes_total"]
        * 100,
    }
)

# %% [markdown]
# **Concentration.** The East invested commune by commune: 80 of its 137 communes were in the
# 2023 and 2024 model cohorts, each with a list of works (789 and 1,047). For the West the
# documents give no allocation by commune, so the "spread" allocation the supervision
# describes cannot be measured here; a per-commune funding sheet (`ntm ingest`) would allow a
# concentration index.
#
# ## Province and national funding figures

# %%
money = facts[
    facts["measure"].str.startswith("funding") | facts["measure"].str.startswith("budget")
]
money[["area_name", "year", "period", "measure", "value", "unit", "qualifier", "source_id"]]
