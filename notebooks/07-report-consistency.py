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
# # 07 · Consistency of the reported figures
#
# **Question.** Where do the source documents contradict themselves or each other?
#
# **For** supervisors who need a table to paste into a report.
#
# **Sources.** Every processed table; findings come from `ntm check-facts`.
#
# **Caveats.** A finding is a question to the issuing body, not a correction: the data is
# never changed. Plans and achievements of the same measure are not compared as rivals.

# %% tags=["parameters"]
LANG = "vi"
FIG_DIR = "../reports/figures"
PROCESSED = None  # folder of the built tables; None = the project's data/processed

# %%
from ntm_analysis.analysis import consistency
from ntm_analysis.model import tables

data = tables.load_tables(PROCESSED)

# %% [markdown]
# ## Findings, with the documents they come from

# %%
consistency.report_table(data)

# %% [markdown]
# ## Rows the build could not accept
# Rejected rows stay listed with their reason (`data/processed/rejects.csv`).

# %%
tables.load_rejects(PROCESSED)[["raw_row", "reason"]]
