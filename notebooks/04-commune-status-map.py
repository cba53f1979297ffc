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

# %% [markdown] tags=["vi"]
# # 04 · Bản đồ tình trạng xã
#
# **Câu hỏi.** Mỗi xã đang ở mức đạt chuẩn nào, căn cứ vào văn bản nào, và ở đâu ta chưa
# biết?
#
# **Dành cho** đại biểu HĐND và cán bộ văn phòng điều phối NTM: bản đồ tương tác dùng được khi
# không có mạng và bản đồ in (PNG, SVG).
#
# **Nguồn.** Kết quả công nhận, đánh giá xã, kết quả đánh giá tiêu chí, số liệu cho cả địa bàn
# và quy định về đối tượng của chương trình trong dữ liệu; mỗi xã ghi văn bản làm căn cứ. Tọa độ
# và phân vùng Đông/Tây lấy từ danh mục đơn vị hành chính cài sẵn (gói `vietnamadminunits`).
#
# **Lưu ý.** Phường và thị trấn không thuộc chương trình xã NTM, nên vẽ riêng và không tính vào
# mẫu số; bốn xã của Cát Hải trong khu kinh tế Đình Vũ – Cát Hải cũng vậy. Khi văn bản nêu
# *mọi* xã của một tỉnh/huyện đạt một mức, từng xã được vẽ "ít nhất" mức đó (viền đứt, gạch
# chéo); tỷ lệ dưới 100 % không gán cho xã nào. Điểm là tọa độ tham chiếu, không phải ranh
# giới.

# %% tags=["parameters"]
AREA = ["Hải Phòng", "Hải Dương"]  # the new Hải Phòng on the communes before 1 Jul 2025
YEAR = 2025  # status at the end of this year when AS_OF is None
AS_OF = None  # a date such as "2025-12-31"; None = the end of YEAR (None too = every record)
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = "../reports/figures"
EXAMPLES_FOR = AREA  # BAND_AREA shows with this AREA; with another (ntm report --area) its own
VINTAGE = "legacy"  # "legacy" (units before 1 Jul 2025) or "2025"
BAND_AREA = "Bắc Sơn"  # an area whose communes' criteria bands are mapped
CELLS = False  # approximate Voronoi cells instead of markers
BOUNDARIES = None  # path of a commune boundary file (GeoJSON, GPKG, shapefile), if you have one
BOUNDARY_NAME_COL = "name"

# %% [markdown] tags=["en"]
# # 04 · Maps of commune status
#
# **Question.** Which tier is each commune at, on what document, and where do we not know?
#
# **For** People's Council members and NTM coordination offices: an offline interactive map
# and a print map (PNG, SVG).
#
# **Sources.** The recognitions and assessments of communes, criteria assessments, figures
# stated for whole areas and the rules on who is in the programme, as the data holds them;
# every commune cites its document. Points and the East/West split come from the installed
# list of administrative units (the `vietnamadminunits` package).
#
# **Caveats.** Wards and townships are outside the commune programme (drawn apart, out of the
# denominator), as are four Cát Hải communes in the Đình Vũ–Cát Hải economic zone. A
# statement that *every* commune of an area reached a tier puts each at "at least" that tier
# (dashed ring, hatching); shares below 100% are placed on no commune. Points are reference
# coordinates, not boundaries.

# %%
from pathlib import Path

from IPython.display import Markdown, display

from ntm_analysis.analysis import areas, status
from ntm_analysis.model import tables
from ntm_analysis.places import geo
from ntm_analysis.present import charts, readable
from ntm_analysis.present.maps import classes, html_map, offline, print_map, status_layer

data = tables.load_tables(PROCESSED)
when = AS_OF or (f"{YEAR}-12-31" if YEAR else None)
where = areas.legacy_names(AREA) if VINTAGE == "legacy" else AREA
title = ", ".join(where) if isinstance(where, list) else where
layer, why = status_layer.area_layer(where, VINTAGE, data, LANG, when)
STATUS = {"vi": "tình trạng đạt chuẩn của các xã", "en": "the status of communes"}
if layer is None:
    display(Markdown(why))
elif BOUNDARIES:
    layer, unmatched = geo.attach_boundaries(layer, Path(BOUNDARIES), VINTAGE, BOUNDARY_NAME_COL)
    print(f"{len(unmatched)} boundary features matched no unit")
elif CELLS:
    layer = status_layer.with_cells(layer)
if layer is not None:
    display(Markdown(classes.summary_sentence(layer, LANG)))
    if not status_layer.coverage(layer)["with_data"]:
        display(readable.no_data(STATUS, title, LANG, YEAR if not AS_OF else None))

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
classes.legend_reader_table(layer, LANG) if layer is not None else Markdown(why)

# %% [markdown] tags=["vi"]
# ## Tỷ lệ theo văn bản cho cả địa bàn
# Tỷ lệ 100 % được vẽ trên từng xã; tỷ lệ thấp hơn chỉ là con số của cả địa bàn, vì văn bản
# không nêu tên xã.

# %% [markdown] tags=["en"]
# ## Shares stated for whole areas
# A 100% share is drawn on each commune; a lower share is a figure for the area only, as
# the source names no commune.

# %%
AREA_FIGURES = {"vi": "tỷ lệ xã đạt chuẩn do văn bản nêu cho cả địa bàn", "en": "area-wide shares"}
figures = status.area_context(data, where, VINTAGE, when) if layer is not None else None
if figures is None or figures.empty:
    display(readable.no_data(AREA_FIGURES, title, LANG))
else:
    display(classes.area_figures_table(figures, data["sources"], LANG))

# %% [markdown] tags=["vi"]
# ## Bản đồ tương tác (một tệp HTML, dùng được khi không có mạng)
# Mỗi lớp bật/tắt được trong bảng lớp; bấm vào một xã để xem mức, căn cứ, tiêu chí và văn bản.

# %% [markdown] tags=["en"]
# ## Interactive map (one HTML file that works offline)
# Each class is a layer; click a commune for its tier, basis, criteria and document.

# %%
name = f"04-map-{offline.slug(title)}"
if layer is not None:
    context = status_layer.map_context(data, where, layer, VINTAGE, when, LANG)
    m = html_map.status_map(layer, title, LANG, context=context)
    html_path = offline.save_map(m, Path(FIG_DIR) / f"{name}.html")
    print(html_path.name, f"{html_path.stat().st_size / 1e6:.2f} MB")
    display(
        readable.say(
            LANG,
            vi="Bản đồ được lưu thành tệp `{file}` trong thư mục hình của báo cáo; mở bằng "
            "trình duyệt, không cần mạng.",
            en="The map is saved as `{file}` in the report's figures folder; open it in a "
            "browser, no network needed.",
            file=html_path.name,
        )
    )

# %% [markdown] tags=["vi"]
# ## Bản đồ in

# %% [markdown] tags=["en"]
# ## Print map

# %%
if layer is not None:
    fig = print_map.static_map(layer, title, [], VINTAGE, LANG, view="tier", context=context)
    _ = charts.save_figure(fig, name, FIG_DIR)

# %% [markdown] tags=["vi"]
# ## Nhóm số tiêu chí đạt của các xã
# Nhóm theo bộ 19 tiêu chí xã NTM, từ số tiêu chí đạt của từng xã hoặc nhóm mà văn bản nêu.

# %% [markdown] tags=["en"]
# ## Criteria bands of the communes
# Bands of the 19 basic criteria, from each commune's count or the band a source states.

# %%
BANDS = {"vi": "số tiêu chí đạt của từng xã", "en": "criteria met by commune"}
band_area = BAND_AREA if AREA == EXAMPLES_FOR else areas.legacy_names(AREA)
band_title = ", ".join(band_area) if isinstance(band_area, list) else band_area
bands, band_why = status_layer.area_layer(band_area, "legacy", data, LANG, when)
if bands is None:
    display(Markdown(band_why))
elif not status_layer.coverage(bands)["with_band"]:
    display(readable.no_data(BANDS, band_title, LANG, YEAR if not AS_OF else None))
else:
    band_context = status_layer.map_context(data, band_area, bands, "legacy", when, LANG)
    band_name = f"04-map-{offline.slug(band_title)}-bands"
    offline.save_map(
        html_map.status_map(bands, band_title, LANG, view="band", context=band_context),
        Path(FIG_DIR) / f"{band_name}.html",
    )
    fig = print_map.static_map(bands, band_title, [], "legacy", LANG, "band", context=band_context)
    _ = charts.save_figure(fig, band_name, FIG_DIR)
    display(classes.legend_reader_table(bands, LANG, view="band"))

# %% [markdown] tags=["vi"]
# ## Các xã mới từ 01/7/2025
# Xã mới không nhận mức đạt chuẩn của các xã cũ (quy định được dẫn trên bản đồ); bản đồ ghi
# các xã cũ cùng đạt ít nhất mức nào.

# %% [markdown] tags=["en"]
# ## The communes formed on 1 Jul 2025
# A new commune does not take its former communes' tier (the rule is cited on the map); the
# map says the lowest tier all its former communes hold.

# %%
if layer is not None:
    provinces_2025 = geo.successor_provinces(where) if VINTAGE == "legacy" else where
    provinces_2025 = [provinces_2025] if isinstance(provinces_2025, str) else provinces_2025
    new = status_layer.commune_layer(provinces_2025, "2025", data, LANG, when)
    new_context = status_layer.map_context(data, provinces_2025, new, "2025", when, LANG)
    new_name = f"04-map-{offline.slug(', '.join(provinces_2025))}-2025"
    offline.save_map(
        html_map.status_map(new, ", ".join(provinces_2025), LANG, context=new_context),
        Path(FIG_DIR) / f"{new_name}.html",
    )
    fig = print_map.static_map(
        new, ", ".join(provinces_2025), [], "2025", LANG, context=new_context
    )
    _ = charts.save_figure(fig, new_name, FIG_DIR)
    display(classes.legend_reader_table(new, LANG))
