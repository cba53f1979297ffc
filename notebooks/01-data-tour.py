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
# # 01 · Dữ liệu gồm những gì và lấy từ đâu
#
# **Câu hỏi.** Bộ dữ liệu của ntm-analysis có những số liệu nào, lấy từ văn bản và trang tin
# nào, cho những tỉnh, năm và cấp hành chính nào?
#
# **Dành cho** người mới dùng bộ công cụ: cán bộ phân tích, nhà nghiên cứu, người làm biểu đồ.
#
# **Nguồn.** Mọi số liệu dưới đây lấy từ các bảng đã xử lý (`ntm build`); mỗi dòng ghi rõ
# nguồn (văn bản, trang tin) và vị trí trong nguồn.
#
# **Lưu ý.** Số liệu không đều giữa các địa phương: một tỉnh có ít dòng số liệu không có nghĩa là
# tỉnh đó ít kết quả. Việc sáp nhập xã 2023–2025 và sắp xếp đơn vị hành chính từ 01/7/2025
# làm thay đổi mẫu số, nên mỗi mã đơn vị luôn đi kèm thời kỳ của nó.

# %% tags=["parameters"]
AREA = "Hải Phòng"  # tỉnh/thành phố hoặc huyện; "" = cả nước
YEAR = None  # năm báo cáo (số liệu đến hết năm đó); None = mọi năm
AS_OF = None  # ngày số liệu, "YYYY-MM-DD"; None = mọi ngày
LANG = "vi"  # "vi" hoặc "en"
PROCESSED = None  # thư mục bảng đã xử lý; None = data/processed của dự án
FIG_DIR = None  # thư mục lưu biểu đồ; None = reports/figures của dự án

# %% [markdown] tags=["en"]
# # 01 · Data tour: what the data holds and where it comes from
#
# **Question.** Which figures does ntm-analysis carry, from which documents and pages, for
# which provinces, years and administrative levels?
#
# **For** anyone starting with the project: analysts, researchers, chart makers.
#
# **Sources.** Everything below comes from the processed tables (`ntm build`); every row names
# its source (a document or a page) and where in it the figure stands.
#
# **Caveats.** Coverage is uneven: a province with few rows is not a province with little
# progress. The commune mergers of 2023–2025 and the reform of 1 Jul 2025 change
# denominators, so unit codes always travel with their vintage.

# %%
from ntm_analysis.lexicon import formats
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures, key_figures, readable, tour

data = tables.load_tables(PROCESSED)
summary = tables.build_summary(PROCESSED)
coverage = tables.coverage(data)
total = summary[summary["table"] != "total"].sum(numeric_only=True)
readable.say(
    LANG,
    vi="Lần xử lý gần nhất đọc {read} dòng, ghi {written} dòng và loại {rejected} dòng "
    "(mỗi dòng bị loại được liệt kê kèm lý do trong báo cáo 07).",
    en="The last build read {read} rows, wrote {written} and rejected {rejected} (each "
    "rejected row is listed with its reason in report 07).",
    read=formats.number(total["rows_read"], LANG),
    written=formats.number(total["rows_written"], LANG),
    rejected=formats.number(total["rows_rejected"], LANG),
)

# %% [markdown] tags=["vi"]
# ## Lần xử lý dữ liệu gần nhất

# %% [markdown] tags=["en"]
# ## The last build

# %%
tour.build_table(summary, LANG)

# %% [markdown] tags=["vi"]
# ## Nguồn số liệu
# Số nguồn theo loại, và các văn bản gốc.

# %% [markdown] tags=["en"]
# ## Sources
# Sources by kind, and the source documents.

# %%
tour.sources_by_kind(data["sources"], LANG)

# %%
tour.documents_table(data["sources"], LANG)

# %% [markdown] tags=["vi"]
# ## Số liệu có cho những tỉnh nào
# Mười lăm tỉnh có nhiều dòng số liệu nhất, theo loại bảng.

# %% [markdown] tags=["en"]
# ## Which provinces the data covers
# The fifteen provinces with the most rows, by table.

# %%
docs_and_references = data["sources"].loc[
    data["sources"]["kind"].isin(["document", "reference_table"]), "source_id"
]
fig = figures.coverage_bars(
    coverage[coverage["table"] != "targets"],
    docs_and_references,
    LANG,
    as_of=figures.latest_date(data["facts"].loc[data["facts"]["unit"] != "year", "as_of"].dropna()),
)
_ = charts.save_figure(fig, "01-coverage-by-province", FIG_DIR)

# %% [markdown] tags=["vi"]
# ## Số liệu theo cấp hành chính

# %% [markdown] tags=["en"]
# ## Rows by administrative level

# %%
tour.level_table(coverage, LANG)

# %% [markdown] tags=["vi"]
# ## Đơn vị hành chính theo thời kỳ
# Mã đơn vị chỉ có nghĩa khi đi kèm thời kỳ: trước sắp xếp 2023–2025, trước 01/7/2025 và từ
# 01/7/2025.

# %% [markdown] tags=["en"]
# ## Administrative units by vintage
# Codes only mean something with their vintage: before the 2023–2025 mergers, before
# 1 Jul 2025, and from 1 Jul 2025.

# %%
tour.units_table(data["units"], LANG)

# %% [markdown] tags=["vi"]
# ## Số liệu về địa bàn được chọn
# Số dòng số liệu theo năm, và các số liệu chính mới nhất (đổi `AREA` ở ô tham số để xem địa
# bàn khác).

# %% [markdown] tags=["en"]
# ## The selected area
# Rows by year, and the latest key figures (set `AREA` in the parameters cell for another
# area).

# %%
area_rows = tour.coverage_table(coverage, LANG, AREA)
area_rows if len(area_rows) else readable.no_data(tour.WHAT, AREA, LANG)

# %%
figs = key_figures.key_figures_table(data, AREA, YEAR, AS_OF, LANG)
figs if len(figs) else readable.no_data(key_figures.WHAT, AREA, LANG, YEAR)

# %% [markdown] tags=["vi"]
# ## Thêm số liệu của địa phương
# * **Bảng tính của xã:** điền một mẫu trong `data/raw/templates/` (hoặc dùng bảng của mình
#   với tiêu đề cột dễ nhận), chạy `ntm check TỆP.xlsx` đến khi không còn dòng báo lỗi, rồi
#   `ntm ingest TỆP.xlsx -o data/raw/ingested` và `ntm build --raw data/raw/ingested`.
#   `ntm ingest` in ra số dòng vào = số dòng ghi + số dòng bị loại, kèm lý do từng dòng bị loại.
# * **Bảng theo mô hình dữ liệu:** đặt tệp CSV theo bảng và nguồn vào `data/raw/<bảng>/`
#   (các cột như trong `data/README.md`), khai báo nguồn trong `data/raw/sources.csv`, chạy
#   `ntm build`. Dòng vi phạm quy tắc được liệt kê trong `data/processed/rejects.csv` kèm lý
#   do; không dòng nào bị bỏ qua mà không báo.
# * **Tra cứu tiêu chí:** `ntm criteria --set commune_advanced_2021_2025` liệt kê một bộ tiêu
#   chí; `ntm criteria --name "Y té"` tìm tiêu chí từ tên bị lỗi nhận dạng chữ.

# %% [markdown] tags=["en"]
# ## Adding your own data
# * **Commune spreadsheets:** fill a template from `data/raw/templates/` (or use your own
#   layout with recognisable headers), run `ntm check FILE.xlsx` until it prints nothing, then
#   `ntm ingest FILE.xlsx -o data/raw/ingested` and `ntm build --raw data/raw/ingested`.
#   `ntm ingest` prints rows in = rows out + rows rejected and lists each reject with its reason.
# * **Tables in the data-model layout:** put a CSV per table and source under
#   `data/raw/<table>/` (columns as in `data/README.md`), register the source in
#   `data/raw/sources.csv`, run `ntm build`. Rows that break a rule are listed in
#   `data/processed/rejects.csv` with the reason; nothing is dropped silently.
# * **Criteria look-ups:** `ntm criteria --set commune_advanced_2021_2025` lists a set;
#   `ntm criteria --name "Y té"` finds a criterion from an OCR-damaged name.
