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
AREA = "Hải Phòng"  # province or district the report is about
YEAR = None  # the year reported on; None = every year
AS_OF = None  # data date "YYYY-MM-DD"; None = every date
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = None  # None = the project's reports/figures
DISTRICT_SOURCE = "ls_2023_bacson_inspection"  # a source whose funding is broken down by source

# %%
from ntm_analysis.analysis import indicators
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures

data = tables.load_tables(PROCESSED)
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
indicators.funding_per_commune(funding, facts, DISTRICT_SOURCE)

# %% [markdown]
# ## Hải Phòng 2024: the city budget and what it bought

# %%
indicators.budget_per_upgrade(funding, facts, "hp_2024_conclusion")

# %% [markdown]
# **Concentration.** The East invested commune by commune: 80 of its 137 communes were in the
# 2023 and 2024 model cohorts, each with a list of works (789 and 1,047). For the West the
# documents give no allocation by commune, so the "spread" allocation the supervision
# describes cannot be measured from them. With commune-level funding rows (a funding sheet
# through `ntm ingest`), the table below gives the share of money reaching the top fifth of
# communes, the Herfindahl index and the Gini coefficient per source and period; on the
# embedded data it is empty.

# %%
indicators.allocation_concentration(funding)

# %% [markdown]
# ## Province and national funding figures

# %%
indicators.money_facts(facts)
