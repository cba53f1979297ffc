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
# # 03 · Tiền và kết quả
#
# **Câu hỏi.** Tiền cho NTM đến từ đâu, nó trả cho những đợt xã nào, và các đợt đó đạt đến
# đâu? Có so được tiền với kết quả giữa các địa bàn không?
#
# **Dành cho** các ban của HĐND xem xét dự toán và báo cáo giám sát; chuyên viên phân tích.
#
# **Nguồn.** Thông báo kiểm tra NTM của một huyện, kết luận của thành phố về năm NTM trước khi
# hợp nhất, thông báo giám sát của HĐND thành phố mới, và các số tiền cấp tỉnh, cả nước trong
# bảng tham chiếu (mỗi dòng dẫn trang web của nó).
#
# **Lưu ý.** Các văn bản hiếm khi nói tiền đến xã nào. Vì vậy notebook chỉ đặt tiền cạnh kết
# quả của cùng địa bàn, cùng năm và cùng đợt; mọi phép chia đều ghi là "tính toán", và không
# chia tiền của một năm cho kết quả của năm khác, mức đạt chuẩn khác hay đợt khác.

# %% tags=["parameters"]
AREA = "Hải Phòng"  # a province whose budget and model-commune cohorts the data states
YEAR = 2024  # the year of that budget
AS_OF = "2025-11"  # figures dated after this are left out
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = "../reports/figures"
DISTRICT = "Bắc Sơn"  # a district whose mobilised money is broken down by source
DISTRICT_YEAR = 2023
WEST = "Hải Dương"  # the other part of the new city, and the period to look for its money
WEST_PERIOD = (2021, 2025)

# %% [markdown] tags=["en"]
# # 03 · Money against outcomes
#
# **Question.** Where does NTM money come from, which cohorts of communes does it pay for,
# how far have those cohorts got, and can money be compared with outcomes across areas?
#
# **For** People's Council committees reviewing budgets and supervision reports; analysts.
#
# **Sources.** A district's NTM inspection notice, the city's conclusions on its last NTM year
# before the merger, the new city's People's Council supervision, and the province and national
# money figures of the reference tables (each row cites its page).
#
# **Caveats.** The documents rarely say which communes the money reached. The notebook only
# sets money beside outcomes of the same area, year and cohort; every division is marked
# "computed", and no money of one year is divided by outcomes of another year, tier or cohort.

# %%
from IPython.display import Markdown

from ntm_analysis.analysis import dating, funding_outcomes, indicators
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures
from ntm_analysis.present import funding_text as text

data = dating.tables_up_to(tables.load_tables(PROCESSED), AS_OF)
facts, funding, targets = data["facts"], data["funding"], data["targets"]
units, sources, status = data["units"], data["sources"], data["commune_status"]
district = funding_outcomes.legacy_code(units, DISTRICT, "district")
area = funding_outcomes.legacy_code(units, AREA, "province")
west = funding_outcomes.legacy_code(units, WEST, "province")

# %% [markdown] tags=["vi"]
# ## 1. Một huyện: tiền huy động và các xã được đặt mục tiêu

# %% [markdown] tags=["en"]
# ## 1. A district: money mobilised and the communes given targets

# %%
by_source = indicators.funding_by_source(
    funding[(funding["area_code"] == district) & (funding["year_start"] == DISTRICT_YEAR)]
)
reached = funding_outcomes.targets_reached(targets, status, facts, units, district)
reached = reached[reached["year"] == DISTRICT_YEAR]
Markdown(text.district_money(by_source, reached, data, district, LANG))

# %%
fig = figures.funding_bars(by_source, LANG, title=f"{DISTRICT}, {DISTRICT_YEAR}", unit="trieu")
_ = charts.save_figure(fig, "03-funding-district", FIG_DIR)

# %%
reached

# %% [markdown] tags=["vi"]
# ## 2. Một thành phố: ngân sách năm và các đợt xây dựng xã kiểu mẫu

# %% [markdown] tags=["en"]
# ## 2. A city: the year's budget and the model-commune cohorts

# %%
cohorts = funding_outcomes.cohorts(facts, area)
progress = funding_outcomes.cohort_progress(facts, area)
Markdown(
    "\n\n".join(
        [
            text.city_money(funding, facts, targets, cohorts, progress, sources, area, YEAR, LANG),
            text.no_ratio(cohorts, funding, facts, sources, area, YEAR, LANG),
        ]
    )
)

# %%
if len(cohorts):
    fig = figures.cohort_works(cohorts, LANG)
    _ = charts.save_figure(fig, "03-model-cohorts", FIG_DIR)
cohorts

# %%
progress

# %% [markdown] tags=["vi"]
# ## 3. Phía Tây: tiền mà các nguồn có và không có

# %% [markdown] tags=["en"]
# ## 3. The West: the money the sources hold, and do not hold

# %%
west_money = funding_outcomes.money_without_outcomes(facts, funding, west, WEST_PERIOD)
Markdown(text.west_money(west_money, facts, sources, WEST_PERIOD, LANG))

# %%
west_money

# %% [markdown] tags=["vi"]
# ## 4. Các điểm tiền–kết quả và việc so sánh
# Một điểm là tiền của một địa bàn trong một năm đặt cạnh một kết quả của cùng địa bàn và
# năm. Hai điểm chỉ so được khi cùng loại dòng tiền (phân bổ, huy động…), cùng phạm vi nguồn
# vốn, cùng độ dài thời kỳ và cùng loại kết quả.

# %% [markdown] tags=["en"]
# ## 4. Money–outcome points and whether they compare
# A point is one area's money in one year set beside one outcome of the same area and year.
# Two points compare only with the same flow (allocated, mobilised…), the same scope of funds,
# the same length of period and the same outcome.

# %%
points = funding_outcomes.comparable_groups(
    funding_outcomes.money_points(funding, facts, targets, status, units)
)
Markdown(text.comparability(points, LANG))

# %%
for i, (_, pts) in enumerate(points[points["comparable"]].groupby("group"), start=1):
    fig = figures.money_outcomes(pts, LANG)
    _ = charts.save_figure(fig, f"03-money-outcomes-{i}", FIG_DIR)
points[
    [
        "area",
        "period",
        "flow",
        "scope",
        "money_vnd",
        "communes",
        "outcome",
        "outcome_value",
        "outcome_of",
        "comparable",
    ]
]

# %% [markdown] tags=["vi"]
# ## 5. Tiền tập trung hay dàn trải
# Cần số tiền của từng xã (một bảng vốn nạp qua `ntm ingest`): bảng dưới cho tỷ lệ tiền đến
# một phần năm số xã nhận nhiều nhất, chỉ số Herfindahl và hệ số Gini theo nguồn và thời kỳ.
# Dữ liệu đi kèm không có số tiền cấp xã nên bảng trống.

# %% [markdown] tags=["en"]
# ## 5. Concentrated or spread
# This needs money per commune (a funding sheet through `ntm ingest`): the table gives the
# share reaching the top fifth of communes, the Herfindahl index and the Gini coefficient per
# source and period. The embedded data holds no commune-level money, so it is empty.

# %%
indicators.allocation_concentration(funding)

# %% [markdown] tags=["vi"]
# ## 6. Các số tiền cấp tỉnh và cả nước
# Mỗi dòng ghi thời kỳ, đơn vị và độ chính xác như nguồn nêu; phần lớn là số lũy kế nhiều
# năm, không so được với số của một năm.

# %% [markdown] tags=["en"]
# ## 6. Province and national money figures
# Each row keeps its period, unit and qualifier as the source gives them; most are multi-year
# cumulative amounts, not comparable with a single year's.

# %%
indicators.money_facts(facts)
