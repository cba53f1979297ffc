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
# # 05 · Provinces side by side
#
# **Question.** How do provinces compare on the share of NTM, advanced and model communes, the
# average number of criteria met, rural income and poverty?
#
# **For** researchers comparing provinces across the 2025 reform.
#
# **Sources.** The curated province figures (pages cited per row), the five documents.
#
# **Caveats.** Each value is the latest dated figure found for that province, so dates differ
# (the year is printed next to each dot); denominators shrink with commune mergers; the
# merged provinces of July 2025 are kept apart from the 63 old ones (marked 2025). Income and
# poverty concepts differ between sources (see each row's source).

# %% tags=["parameters"]
AREA = ""  # province or district the report is about
YEAR = None  # the year reported on; None = every year
AS_OF = None  # data date "YYYY-MM-DD"; None = every date
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = None  # None = the project's reports/figures
MEASURE = "communes_ntm_pct"

# %%
from ntm_analysis.analysis import indicators
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures

data = tables.load_tables(PROCESSED)
panel = indicators.province_panel(data["facts"])

# %% [markdown]
# ## The latest figure per province and indicator

# %%
panel.pivot_table(index=["vintage", "province"], columns="measure", values="value")

# %% [markdown]
# ## Share of communes meeting NTM (latest figure per province)

# %%
label = {"vi": "Tỷ lệ xã đạt chuẩn NTM (%)", "en": "Communes meeting NTM (%)"}[LANG]
fig = figures.province_dots(panel, MEASURE, label, lang=LANG)
_ = charts.save_figure(fig, f"05-provinces-{MEASURE}", FIG_DIR)

# %% [markdown]
# ## Average criteria met per commune

# %%
label = {"vi": "Số tiêu chí bình quân/xã", "en": "Average criteria met per commune"}[LANG]
fig = figures.province_dots(panel, "avg_criteria_per_commune", label, lang=LANG)
_ = charts.save_figure(fig, "05-provinces-avg-criteria", FIG_DIR)

# %% [markdown]
# ## Every figure with its source and date

# %%
panel.sort_values(["measure", "province"])
