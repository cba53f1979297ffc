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
# # 04 · Bản đồ tình trạng xã · Maps of commune status
#
# **Câu hỏi.** Mỗi xã đang ở mức đạt chuẩn nào, căn cứ vào văn bản nào, và ở đâu ta chưa
# biết? **Question.** Which tier is each commune at, on what document, and where do we not
# know?
#
# **Dành cho / For** đại biểu HĐND và cán bộ văn phòng điều phối NTM: bản đồ tương tác dùng
# được khi không có mạng và bản đồ in (PNG, SVG) · People's Council members and NTM offices:
# an offline interactive map and a print map.
#
# **Nguồn / Sources.** Bảng `commune_status`, `criteria_status`, `facts`, `eligibility` trong
# `data/processed`; mỗi xã ghi văn bản làm căn cứ · the processed tables; every commune cites
# its document. Tọa độ và phân vùng Đông/Tây từ gói `vietnamadminunits` · points and the
# East/West split from the gazetteer package.
#
# **Lưu ý / Caveats.** Phường và thị trấn không thuộc chương trình xã NTM, nên vẽ riêng và
# không tính vào mẫu số; bốn xã của Cát Hải trong khu kinh tế Đình Vũ – Cát Hải cũng vậy.
# Khi văn bản nêu *mọi* xã của một tỉnh/huyện đạt một mức, từng xã được vẽ "ít nhất" mức đó
# (viền đứt, gạch chéo); tỷ lệ dưới 100 % không gán cho xã nào. Điểm là tọa độ tham chiếu,
# không phải ranh giới. · Wards and townships are outside the commune programme (drawn apart,
# out of the denominator), as are four Cát Hải communes in the economic zone. A statement that
# *every* commune of an area reached a tier puts each at "at least" that tier (ringed,
# hatched); shares below 100 % are placed on no commune. Points are reference coordinates.

# %% tags=["parameters"]
AREA = ["Hải Phòng", "Hải Dương"]  # the new Hải Phòng on the communes before 1 Jul 2025
YEAR = 2025  # status at the end of this year when AS_OF is None
AS_OF = None  # a date such as "2025-12-31"; None = the end of YEAR
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = "../reports/figures"
VINTAGE = "legacy"  # "legacy" (units before 1 Jul 2025) or "2025"
BAND_AREA = "Bắc Sơn"  # an area whose communes' criteria bands are mapped
CELLS = False  # approximate Voronoi cells instead of markers
BOUNDARIES = None  # path of a commune boundary file (GeoJSON, GPKG, shapefile), if you have one
BOUNDARY_NAME_COL = "name"

# %%
from pathlib import Path

from IPython.display import Markdown, display

from ntm_analysis.analysis import status
from ntm_analysis.model import tables
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps import classes, html_map, offline, print_map, status_layer

data = tables.load_tables(PROCESSED)
when = AS_OF or f"{YEAR}-12-31"
title = ", ".join(AREA) if isinstance(AREA, list) else AREA
layer = status_layer.commune_layer(AREA, VINTAGE, data, LANG, when)
context = status_layer.map_context(data, AREA, layer, VINTAGE, when, LANG)
if BOUNDARIES:
    layer, unmatched = geo.attach_boundaries(layer, Path(BOUNDARIES), VINTAGE, BOUNDARY_NAME_COL)
    print(f"{len(unmatched)} boundary features matched no unit")
elif CELLS:
    layer = status_layer.with_cells(layer)
display(Markdown(classes.summary_sentence(layer, LANG)))

# %% [markdown] tags=["vi"]
# ## Mức đạt chuẩn theo căn cứ và theo vùng
# Mỗi dòng là một lớp trên bản đồ: mức đạt chuẩn và văn bản làm căn cứ (văn bản về chính xã,
# hoặc văn bản nêu mọi xã của địa bàn đạt). Các đơn vị ngoài chương trình được đếm riêng.

# %% [markdown] tags=["en"]
# ## Tiers by basis and by region
# Each row is one class of the map: the tier and what it rests on (the commune's own record,
# or a statement that every commune of the area reached it). Units outside the programme are
# counted apart.

# %%
classes.legend_table(layer, LANG)

# %% [markdown] tags=["vi"]
# ## Tỷ lệ theo văn bản cho cả địa bàn
# Tỷ lệ 100 % được vẽ trên từng xã; tỷ lệ thấp hơn chỉ là con số của cả địa bàn, vì văn bản
# không nêu tên xã.

# %% [markdown] tags=["en"]
# ## Shares stated for whole areas
# A 100 % share is drawn on each commune; a lower share is a figure for the area only, as
# the source names no commune.

# %%
figures = status.area_context(data, AREA, VINTAGE, when)
cited = status.citations(figures["source_id"], data)
figures.assign(source=figures["source_id"].map(cited), date=figures["date_text"])[
    ["area_name", "tier", "count", "total", "share_pct", "share_basis", "role", "date", "source"]
]

# %% [markdown] tags=["vi"]
# ## Bản đồ tương tác (một tệp HTML, dùng được khi không có mạng)
# Mỗi lớp bật/tắt được trong bảng lớp; bấm vào một xã để xem mức, căn cứ, tiêu chí và văn bản.

# %% [markdown] tags=["en"]
# ## Interactive map (one HTML file that works offline)
# Each class is a layer; click a commune for its tier, basis, criteria and document.

# %%
name = f"04-map-{offline.slug(title)}"
m = html_map.status_map(layer, title, LANG, context=context)
html_path = offline.save_map(m, Path(FIG_DIR) / f"{name}.html")
print(html_path.name, f"{html_path.stat().st_size / 1e6:.2f} MB")

# %% [markdown] tags=["vi"]
# ## Bản đồ in

# %% [markdown] tags=["en"]
# ## Print map

# %%
fig = print_map.static_map(layer, title, [], VINTAGE, LANG, view="tier", context=context)
_ = charts.save_figure(fig, name, FIG_DIR)

# %% [markdown] tags=["vi"]
# ## Nhóm số tiêu chí đạt của các xã
# Nhóm theo bộ 19 tiêu chí xã NTM, từ số tiêu chí đạt của từng xã hoặc nhóm mà văn bản nêu.

# %% [markdown] tags=["en"]
# ## Criteria bands of the communes
# Bands of the 19 basic criteria, from each commune's count or the band a source states.

# %%
bands = status_layer.commune_layer(BAND_AREA, "legacy", data, LANG, when)
band_context = status_layer.map_context(data, BAND_AREA, bands, "legacy", when, LANG)
band_name = f"04-map-{offline.slug(BAND_AREA)}"
offline.save_map(
    html_map.status_map(bands, BAND_AREA, LANG, view="band", context=band_context),
    Path(FIG_DIR) / f"{band_name}.html",
)
fig = print_map.static_map(bands, BAND_AREA, [], "legacy", LANG, "band", context=band_context)
_ = charts.save_figure(fig, band_name, FIG_DIR)
classes.legend_table(bands, LANG, view="band")

# %% [markdown] tags=["vi"]
# ## Các xã mới từ 01/7/2025
# Xã mới không nhận mức đạt chuẩn của các xã cũ (quy định được dẫn trên bản đồ); bản đồ ghi
# các xã cũ cùng đạt ít nhất mức nào.

# %% [markdown] tags=["en"]
# ## The communes formed on 1 Jul 2025
# A new commune does not take its former communes' tier (the rule is cited on the map); the
# map says the lowest tier all its former communes hold.

# %%
provinces_2025 = geo.successor_provinces(AREA) if VINTAGE == "legacy" else AREA
new = status_layer.commune_layer(provinces_2025, "2025", data, LANG, when)
new_context = status_layer.map_context(data, provinces_2025, new, "2025", when, LANG)
new_name = f"04-map-{offline.slug(', '.join(provinces_2025))}-2025"
offline.save_map(
    html_map.status_map(new, ", ".join(provinces_2025), LANG, context=new_context),
    Path(FIG_DIR) / f"{new_name}.html",
)
fig = print_map.static_map(new, ", ".join(provinces_2025), [], "2025", LANG, context=new_context)
_ = charts.save_figure(fig, new_name, FIG_DIR)
classes.legend_table(new, LANG)
