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
# # 01 · Data tour: what the embedded data holds and where it comes from
#
# **Question.** Which figures does ntm-analysis carry, from which documents and pages, for
# which provinces, years and administrative levels?
#
# **For** anyone starting with the project: analysts, researchers, chart makers.
#
# **Sources.** Everything shown comes from `data/processed`, which `ntm build` derives from
# `data/raw`. Every row names its `source_id` (a row of the `sources` table) and a
# `source_locator` (section or line of that source).
#
# **Caveats.** Coverage is uneven: a province with few rows is not a province with little
# progress. Units merged in 2023–2025 and the July-2025 reform change denominators; the unit
# tables carry an `admin_vintage` for that reason.

# %% tags=["parameters"]
PROVINCE = "Hải Phòng"
YEAR = 2024
LANG = "vi"
FIG_DIR = "../reports/figures"
PROCESSED = None  # folder of the built tables; None = the project's data/processed

# %%
import pandas as pd

from ntm_analysis.model import tables

pd.set_option("display.max_colwidth", 80)
data = tables.load_tables(PROCESSED)

# %% [markdown]
# ## The last build
# Rows read from `data/raw`, written to `data/processed` and rejected (each reject is listed
# with its reason in `data/processed/rejects.csv`).

# %%
tables.build_summary(PROCESSED)

# %% [markdown]
# ## Sources
# One row per document, web page, reference table or package.

# %%
data["sources"][["source_id", "kind", "issuer", "document_no", "issued_date", "province"]]

# %% [markdown]
# ## Coverage by table, province and year

# %%
cov = tables.coverage(data)
cov.pivot_table(
    index=["table", "province"], columns="year", values="rows", aggfunc="sum", fill_value=0
) if not cov.empty else cov

# %% [markdown]
# ## Coverage by administrative level

# %%
cov.pivot_table(index="table", columns="level", values="rows", aggfunc="sum", fill_value=0)

# %% [markdown]
# ## Administrative units by vintage
# Codes are only meaningful with their vintage: `pre2023`, `legacy` (until 30 Jun 2025), `2025`.

# %%
data["units"].groupby(["admin_vintage", "level"]).size().unstack(fill_value=0)

# %% [markdown]
# ## Rows about the selected province
# Set `PROVINCE` in the parameters cell to look at another one.

# %%
facts = data["facts"]
facts[facts["area_name"].str.contains(PROVINCE, na=False)].head(20)

# %% [markdown]
# ## Adding your own data
# * **Commune spreadsheets:** fill a template from `data/raw/templates/` (or use your own
#   layout with recognisable headers), run `ntm check FILE.xlsx` until it prints nothing, then
#   `ntm ingest FILE.xlsx -o data/raw/ingested` and `ntm build --raw data/raw/ingested`; or copy
#   the ingested `<table>/<source_id>.csv` files and the `sources/` row into `data/raw`.
#   `ntm ingest` prints rows in = rows out + rows rejected and lists each reject with its reason.
# * **Tables in the data-model layout:** put a CSV per table and source under
#   `data/raw/<table>/` (columns as in `data/README.md`), register the source in
#   `data/raw/sources.csv`, run `ntm build`. Rows that break a rule are listed in
#   `data/processed/rejects.csv` with the reason; nothing is dropped silently.
# * **Criteria look-ups:** `ntm criteria --set commune_advanced_2021_2025` lists a set;
#   `ntm criteria --name "Y té"` finds a criterion from an OCR-damaged name.
