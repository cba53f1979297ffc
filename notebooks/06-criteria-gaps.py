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
# # 06 · Criteria gaps by commune
#
# **Question.** Which criteria do communes still miss, and which are missed most often?
#
# **For** district and provincial coordination offices planning support.
#
# **Sources.** The Bắc Sơn inspection (`ls_2023_bacson_inspection`) and the Hợp Thịnh plan
# (`bg_2024_hopthinh_plan`), plus any spreadsheets ingested into `criteria_status`.
# Who guides each criterion: the guidance documents in `criteria_guidance.csv` (URL per row).
#
# **Caveats.** Criterion numbers mean different things in the basic and the advanced set; each
# grid shows one set. Topics link the two sets (basic 15 Y tế = advanced 14). Hợp Thịnh's plan
# lists only its unmet criteria; the others are shown as unknown, not as met.

# %% tags=["parameters"]
LANG = "vi"
FIG_DIR = "../reports/figures"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
PROVINCE = None  # e.g. "Lạng Sơn"; None = every province with criterion-level data

# %%
from ntm_analysis.analysis import indicators
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures

data = tables.load_tables(PROCESSED)
status = data["criteria_status"]
if PROVINCE:
    status = status[status["province_name"] == PROVINCE]

# %% [markdown]
# ## One grid per criteria set

# %%
for cset in sorted(status["criteria_set"].unique()):
    matrix = indicators.criteria_matrix(status, cset)
    sources = sorted(status.loc[status["criteria_set"] == cset, "source_id"].unique())
    fig = figures.criteria_heatmap(matrix, cset, sources, lang=LANG)
    _ = charts.save_figure(fig, f"06-criteria-{cset}", FIG_DIR)

# %% [markdown]
# ## The most often unmet topics, across sets

# %%
indicators.unmet_by_topic(status)

# %% [markdown]
# ## Unmet criteria and who guides them
# One row per criterion of a set, most often unmet first. `guided_by` is the body whose
# guidance document for that criterion is on file (`criteria.criteria_guidance()`, each row
# with its URL): a ministry, or a provincial department shown by one province's example.
# `basis` says whether the page names the criterion (`stated`) or is the body's guidance for
# its whole field (`inferred`). This is not the assignment clause of QĐ 318/QĐ-TTg, whose
# text is not in the data, and a province may assign differently; criteria with no
# document on file say so instead of guessing.

# %%
indicators.unmet_criteria(status, LANG)
