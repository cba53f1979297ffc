# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Maps of commune status
#
# **Question.** Where are the communes at each NTM tier, and which still lack criteria?
#
# **For** briefings: an interactive map (offline HTML) and a print map (PNG and SVG).
#
# **Sources.** Commune tiers and scores from `data/processed` (each popup names its source);
# commune points from the gazetteer (`vietnamadminunits`).
#
# **Caveats.** Points are official reference coordinates, not boundaries; the optional cells
# are approximate and labelled so. Communes with no recorded status are drawn as "no data",
# never left out. Few communes have a recorded tier: the map shows how thin the data is.

# %% tags=["parameters"]
AREA = "Bắc Sơn"
VINTAGE = "legacy"
LANG = "vi"
FIG_DIR = "../reports/figures"
CELLS = False

# %%
from pathlib import Path

from ntm_analysis import charts, maps, tables

data = tables.load_tables()
layer = maps.commune_layer(AREA, VINTAGE, data)
if CELLS:
    layer = layer.set_geometry(maps.approximate_cells(layer))
layer.drop(columns="geometry").head(20)

# %% [markdown]
# ## Interactive map (works offline)

# %%
m = maps.status_map(layer, AREA, LANG, approximate=CELLS)
path = maps.save_map(m, Path(FIG_DIR) / f"04-map-{AREA}.html")
print(f"{path.name}: {len(layer)} communes, {(layer['tier'] != 'no_data').sum()} with a recorded tier, "
      f"{(layer['band'] != '').sum()} with a criteria band")

# %% [markdown]
# ## Print map

# %%
sources = sorted(s for s in layer["source"].unique() if s)
fig = maps.static_map(layer, AREA, sources or ["gazetteer"], VINTAGE, LANG)
_ = charts.save_figure(fig, f"04-map-{AREA}", FIG_DIR)

# %% [markdown]
# ## The new Hải Phòng, East and West (July-2025 communes)
# No tier is recorded against 2025 communes yet, so the map shows the two parts of the city
# with every commune as "no data"; it is the frame into which 2025 statuses will go.

# %%
hp = maps.commune_layer("Hải Phòng", "2025", data)
hp["region"].value_counts()

# %%
_ = maps.save_map(maps.status_map(hp, "Hải Phòng", LANG), Path(FIG_DIR) / "04-map-Hai-Phong-2025.html")
