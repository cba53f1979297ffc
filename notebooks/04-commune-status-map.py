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
# # 04 · Maps of commune status
#
# **Question.** Where are the communes at each NTM tier, how many criteria do they meet, and
# where do we simply not know?
#
# **For** briefings and field visits: an interactive map that works offline (one HTML file to
# copy or e-mail) and a print map (PNG and SVG) for reports.
#
# **Sources.** Commune tiers, scores and unmet criteria from `data/processed`
# (`commune_status`, `criteria_status`, and criteria bands stated in `facts`); every popup
# names its `source_id` and locator. Commune points and the East/West split of the new
# Hải Phòng come from the gazetteer (`vietnamadminunits`).
#
# **Caveats.** Points are official reference coordinates, not boundaries; optional cells are
# Voronoi cells around those points and are labelled as approximate on the map. A commune with
# no recorded status is drawn grey as "no data", never left out, and the legend counts how
# many units have data: few do, so an empty area means "not recorded", not "not achieved".
# Bands (19, 15–18, 10–14, < 10) refer to the 19 criteria of the basic 2021–2025 set.
# Statuses are keyed to legacy (pre-July-2025) commune codes, so they show on legacy maps.

# %% tags=["parameters"]
AREA = "Bắc Sơn"
YEAR = None  # the year reported on; None = every year
AS_OF = None  # data date "YYYY-MM-DD"; None = every date
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = "../reports/figures"
VINTAGE = "legacy"
CELLS = False  # approximate Voronoi cells instead of markers
BOUNDARIES = None  # path of a commune boundary file (GeoJSON, GPKG, shapefile), if you have one
BOUNDARY_NAME_COL = "name"

# %%
from pathlib import Path

from ntm_analysis.model import tables
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps import html_map, offline, print_map, status_layer

data = {
    name: tables.load_table(name, PROCESSED)
    for name in ("commune_status", "criteria_status", "facts")
}
layer = status_layer.commune_layer(AREA, VINTAGE, data, LANG)
if BOUNDARIES:
    layer, unmatched = geo.attach_boundaries(layer, Path(BOUNDARIES), VINTAGE, BOUNDARY_NAME_COL)
    print(f"{len(unmatched)} boundary features matched no unit")
elif CELLS:
    layer = status_layer.with_cells(layer)
if data["commune_status"].empty:
    print("commune_status is empty: every unit is drawn as 'no data' until statuses are added")
status_layer.coverage(layer)

# %% [markdown]
# ## The units that have data
# Latest status per unit (recognitions accumulate; a later assessment replaces them), the
# criteria band and where it comes from (an exact count, or the band a source states).

# %%
cols = [
    "unit_code",
    "name",
    "tier_class",
    "year",
    "criteria_met",
    "criteria_total",
    "band",
    "band_source",
    "unmet",
    "source_id",
]
layer.loc[(layer["tier_class"] != "no_data") | (layer["band"] != ""), cols]

# %% [markdown]
# ## Interactive map (one self-contained HTML file, works offline)
# A layer per tier and per criteria band (one view ticked at first; switch in the layer
# control), popups with name, code, tier, criteria and source.

# %%
name = f"04-map-{offline.slug(AREA)}"
html_path = offline.save_map(html_map.status_map(layer, AREA, LANG), Path(FIG_DIR) / f"{name}.html")
print(html_path.name, f"{html_path.stat().st_size / 1e6:.2f} MB")

# %% [markdown]
# ## Print map

# %%
fig = print_map.static_map(layer, AREA, [], VINTAGE, LANG)
_ = charts.save_figure(fig, name, FIG_DIR)

# %% [markdown]
# ## The new Hải Phòng, East and West, on legacy communes
# Recognitions of communes of the former Hải Phòng (East) and Hải Dương (West), on the
# communes as they were before July 2025; the dashed outlines are schematic.

# %%
hp = status_layer.commune_layer(["Hải Phòng", "Hải Dương"], "legacy", data, LANG)
hp_title = {"vi": "Hải Phòng mới: Đông và Tây", "en": "The new Hải Phòng: East and West"}[LANG]
_ = offline.save_map(
    html_map.status_map(hp, hp_title, LANG), Path(FIG_DIR) / "04-map-hai-phong.html"
)
hp.groupby(["region", "tier_class"]).size().unstack(fill_value=0)

# %%
fig = print_map.static_map(hp, hp_title, [], "legacy", LANG, view="tier")
_ = charts.save_figure(fig, "04-map-hai-phong", FIG_DIR)
