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
# # 05 · Các tỉnh đặt cạnh nhau
#
# **Câu hỏi.** Ở cùng một thời điểm, các tỉnh đứng đâu về tỷ lệ xã đạt chuẩn NTM, nâng cao,
# kiểu mẫu và số tiêu chí bình quân mỗi xã?
#
# **Dành cho** nhà nghiên cứu so sánh các tỉnh qua đợt sắp xếp năm 2025; các ban của HĐND.
#
# **Nguồn.** Bảng số liệu cấp tỉnh và cả nước của dự án (mỗi dòng dẫn trang web của nó) và
# năm văn bản gốc.
#
# **Lưu ý.** Chỉ so các số liệu ghi ngày trong một khoảng thời gian chọn bằng tham số; ngày in
# đúng như nguồn nêu (ngày, tháng hoặc năm). Dòng mà bảng tham chiếu ghi cảnh báo, trang không
# ghi ngày và ngày do dự án tự xếp đều để ra ngoài và được liệt kê. Mẫu số thay đổi khi xã sáp
# nhập. 63 tỉnh cũ và các tỉnh hợp nhất từ 01/7/2025 không bao giờ ở chung một dòng. Số tiêu
# chí bình quân của hai bộ tiêu chí khác nhau không vẽ chung một trục. Khái niệm thu nhập và hộ
# nghèo khác nhau giữa các nguồn nên chỉ liệt kê, không xếp hạng.

# %% tags=["parameters"]
AREA = "Bắc Giang"  # a province (or a district: its province) to set in bold; "" for none
YEAR = 2023  # the year compared when AS_OF is None (None too: the latest date stated)
AS_OF = None  # end of the window (ISO date at any precision); None = the end of YEAR
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = "../reports/figures"
WINDOW_MONTHS = 12  # length of the window ending at AS_OF
INCLUDE_CAUTION = False  # True keeps rows the reference marks with a caution

# %% [markdown] tags=["en"]
# # 05 · Provinces side by side
#
# **Question.** At one point in time, where do provinces stand on the shares of communes
# meeting NTM, advanced and model NTM, and on the average criteria met per commune?
#
# **For** researchers comparing provinces across the 2025 reform; People's Council committees.
#
# **Sources.** The project's province and national figures (each row cites its page) and the
# five source documents.
#
# **Caveats.** Only figures dated within a window chosen by a parameter are compared; dates
# are printed as the sources give them (day, month or year). Rows the reference marks with a
# caution, pages without a date and dates the project filed are left out and listed. Bases
# change with commune mergers. The 63 old provinces and the provinces merged on 1 Jul 2025 are
# never in one row. Averages of criteria of two criteria sets are never drawn on one axis.
# Income and poverty concepts differ between sources, so they are listed, not ranked.

# %%
from IPython.display import Markdown, display

from ntm_analysis.analysis import provinces
from ntm_analysis.model import citations, tables
from ntm_analysis.present import charts, figures
from ntm_analysis.present import province_tables as reader
from ntm_analysis.present import province_text as text

data = tables.load_tables(PROCESSED)
all_figures = provinces.province_figures(data["facts"])
stated = all_figures.loc[all_figures["date_basis"] == "stated", "date"]
as_of = AS_OF or (str(YEAR) if YEAR else figures.latest_date(stated))
panel, left_out = provinces.panel(all_figures, as_of, WINDOW_MONTHS, INCLUDE_CAUTION)
highlight = reader.province_of(AREA)
sl = citations.SourceList(data["sources"], LANG, strict=False)
display(Markdown(text.window(panel, left_out, as_of, WINDOW_MONTHS, LANG)))
reader.area_sentence(panel, AREA, LANG)

# %% [markdown] tags=["vi"]
# ## Tỷ lệ xã theo mức đạt chuẩn

# %% [markdown] tags=["en"]
# ## Shares of communes by tier

# %%
Markdown(
    "\n\n".join(text.extremes(panel, m, data["sources"], LANG) for m in provinces.SHARE_MEASURES)
)

# %%
for measure in provinces.SHARE_MEASURES:
    if (panel["measure"] == measure).any():
        fig = figures.province_dots(
            panel, measure, text.axis_label(measure, LANG), LANG, highlight=highlight
        )
        _ = charts.save_figure(fig, f"05-provinces-{measure}", FIG_DIR)

# %% [markdown] tags=["vi"]
# ## Số tiêu chí bình quân mỗi xã, theo từng bộ tiêu chí

# %% [markdown] tags=["en"]
# ## Average criteria met per commune, one criteria set at a time

# %%
Markdown(text.criteria_sets(all_figures, LANG))

# %%
averages = panel[panel["measure"] == "avg_criteria_per_commune"]
for period, group in averages.groupby("criteria_period"):
    if period == "unknown":
        continue
    label = text.axis_label("avg_criteria_per_commune", LANG)
    fig = figures.province_dots(group, "avg_criteria_per_commune", label, LANG, highlight=highlight)
    _ = charts.save_figure(fig, f"05-provinces-avg-criteria-{period}", FIG_DIR)
reader.averages_table(averages, sl, LANG)

# %% tags=["analyst"]
averages[["vintage", "province", "value", "date", "criteria_period", "source_id"]]

# %% [markdown] tags=["vi"]
# ## Thu nhập và hộ nghèo (liệt kê, không xếp hạng)
# Cột khái niệm cho biết số liệu tính cho toàn tỉnh hay khu vực nông thôn, theo chuẩn nghèo
# nào; ghi bằng tiếng Anh như trong bảng tham chiếu.

# %% [markdown] tags=["en"]
# ## Income and poverty (listed, not ranked)
# The concept column gives each row's concept (province-wide or rural, which poverty line).

# %%
welfare = panel[panel["measure"].isin(["rural_income_mn_vnd_per_person_year", "poverty_rate_pct"])]
reader.welfare_table(welfare, sl, LANG)

# %% tags=["analyst"]
provinces.labelled(welfare, LANG)[
    ["province", "measure", "value", "date_as_given", "note", "source_id"]
]

# %% [markdown] tags=["vi"]
# ## Các số để ra ngoài
# Trừ các số nằm ngoài khoảng thời gian, đây là các số bị để ra ngoài vì cảnh báo hay vì không
# có ngày do nguồn nêu.

# %% [markdown] tags=["en"]
# ## Figures left out
# Besides those outside the window, these were left out for a caution or for lacking a date
# their source gives.

# %%
Markdown(text.flagged(left_out, data["sources"], LANG))

# %% [markdown] tags=["vi"]
# ## Mọi số liệu so sánh, kèm nguồn và ngày như nguồn nêu

# %% [markdown] tags=["en"]
# ## Every figure compared, with its source and its date as given

# %%
reader.panel_table(panel, sl, LANG)

# %% tags=["analyst"]
provinces.labelled(panel, LANG)[
    [
        "vintage",
        "province",
        "measure",
        "value",
        "basis",
        "date_as_given",
        "lower_confidence",
        "source_id",
    ]
]

# %%
reader.source_list(sl, LANG)
