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
# # 02 · The East–West gap inside the new Hải Phòng
#
# **Question.** How far apart are the East (old Hải Phòng) and the West (old Hải Dương) on
# advanced and model NTM communes, and what do the figures really allow us to say?
#
# **For** the People's Council committee preparing the 2025 supervision report.
#
# **Sources.** The city's 2024 conclusions (`hp_2024_conclusion`), the Urban Committee's 2025
# supervision conclusions (`hp_2025_supervision`) and pages cited by the curated reference
# tables (`web_…`). Every point on the chart is one statement of one source.
#
# **Caveats.** The 2025 shares are printed without their denominators; the merger of communes
# in 2024–2025 changed the bases, so a share may fall while no commune lost its tier.

# %% tags=["parameters"]
AREA = "Hải Phòng"  # province or district the report is about
YEAR = None  # the year reported on; None = every year
AS_OF = None  # data date "YYYY-MM-DD"; None = every date
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = None  # None = the project's reports/figures

# %%
from ntm_analysis.analysis import consistency, indicators
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures

data = tables.load_tables(PROCESSED)
shares = indicators.tier_shares(data["facts"])

# %% [markdown]
# ## Shares of communes by tier, as stated (or computed from a count and a total of the same source)

# %%
shares

# %%
fig = figures.east_west_shares(shares, lang=LANG)
_ = charts.save_figure(fig, "02-east-west-shares", FIG_DIR)

# %% [markdown]
# ## The 2025 figures side by side
# The gap in percentage points on the supervision's own figures (same document, same date).

# %%
indicators.gap_points(shares, "hp_2025_supervision")

# %% [markdown]
# ## Which criteria lag
# None of the documents lists criteria met by commune for Hải Phòng or Hải Dương. The
# supervision names the fields where residents are least satisfied and where facilities are
# worn: transport, environment, water, security, schools, health stations and cultural houses.
# Criterion-level data would have to come from the communes' own scoring sheets (`ntm ingest`).
#
# ## How the mergers change the denominators
# Commune counts of the two parts before and after the July-2025 reform, from the gazetteer.

# %%
indicators.denominators(data["units"])

# %% [markdown]
# ## Open questions and the data that would settle them
# The consistency checks flag the East model share: 76 % at end-2024 against 58.4 % in
# November 2025.

# %%
found = consistency.check_facts(data)
found[found["area"].str.contains("Hải Phòng")][["check", "measure", "when", "message"]]

# %% [markdown]
# * **Which base does 58.4 % use?** 58.4 % of 137 is 80 communes; 104 model communes over 178
#   would also give it. The city's list of model communes with their 2025 successor units
#   would settle it.
# * **Commune-level recognitions** for both parts (only a few dozen names are in the data)
#   would let us recompute every share on one base.
