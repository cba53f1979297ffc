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
EXAMPLES_FOR = AREA  # DISTRICT shows with this AREA; with another (ntm report --area) its own
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
from IPython.display import Markdown, display

from ntm_analysis.analysis import areas, dating, east_west, funding_outcomes, indicators
from ntm_analysis.model import citations, tables
from ntm_analysis.present import charts, figures, readable
from ntm_analysis.present import funding_tables as reader
from ntm_analysis.present import funding_text as text

data = dating.tables_up_to(tables.load_tables(PROCESSED), AS_OF)
facts, funding, targets = data["facts"], data["funding"], data["targets"]
units, sources, status = data["units"], data["sources"], data["commune_status"]
codes = areas.legacy_codes(units, AREA)  # the area's province(s), districts and communes
if AREA == EXAMPLES_FOR:
    shown = [(funding_outcomes.legacy_code(units, DISTRICT, "district"), DISTRICT_YEAR)]
else:
    shown = funding_outcomes.district_money(funding, codes, YEAR)
sl = citations.SourceList(sources, LANG, strict=False)
place = AREA or {"vi": "cả nước", "en": "the whole country"}[LANG]

# %% [markdown] tags=["vi"]
# ## 1. Một huyện: tiền huy động và các xã được đặt mục tiêu

# %% [markdown] tags=["en"]
# ## 1. A district: money mobilised and the communes given targets

# %%
DISTRICT_MONEY = {"vi": "tiền huy động theo nguồn của huyện", "en": "district money by source"}
if not shown:
    display(readable.no_data(DISTRICT_MONEY, place, LANG, YEAR))
all_reached = []
for i, (district, year) in enumerate(shown):
    by_source = indicators.funding_by_source(
        funding[(funding["area_code"] == district) & (funding["year_start"] == year)]
    )
    reached = funding_outcomes.targets_reached(targets, status, facts, units, district)
    reached = reached[reached["year"] == year]
    all_reached.append(reached)
    display(Markdown(text.district_money(by_source, reached, data, district, LANG)))
    name = by_source["area_name"].iloc[0]
    fig = figures.funding_bars(by_source, LANG, title=f"{name}, {year}", unit="trieu")
    _ = charts.save_figure(fig, "03-funding-district" + (f"-{i + 1}" if i else ""), FIG_DIR)
    if len(reached):
        display(reader.targets_table(reached, data, LANG))

# %% tags=["analyst"]
for reached in all_reached:
    display(reached)

# %% [markdown] tags=["vi"]
# ## 2. Một thành phố: ngân sách năm và các đợt xây dựng xã kiểu mẫu

# %% [markdown] tags=["en"]
# ## 2. A city: the year's budget and the model-commune cohorts

# %%
CITY_MONEY = {
    "vi": "ngân sách năm và các đợt xây dựng xã kiểu mẫu",
    "en": "a year's budget and model-commune cohorts",
}
said, all_cohorts = [], []
for area in funding_outcomes.province_codes(units, codes):
    cohorts = funding_outcomes.cohorts(facts, area)
    progress = funding_outcomes.cohort_progress(facts, area) if len(cohorts) else cohorts
    money = text.city_money(funding, facts, targets, cohorts, progress, sources, area, YEAR, LANG)
    if not money and cohorts.empty:
        continue
    said.append(area)
    all_cohorts.append((cohorts, progress))
    display(
        Markdown(money), Markdown(text.no_ratio(cohorts, funding, facts, sources, area, YEAR, LANG))
    )
    if len(cohorts):
        fig = figures.cohort_works(cohorts, LANG)
        _ = charts.save_figure(fig, "03-model-cohorts", FIG_DIR)
        display(reader.cohorts_table(cohorts, data, LANG))
    if len(progress):
        display(reader.progress_table(progress, data, LANG))
if not said:
    display(readable.no_data(CITY_MONEY, place, LANG, YEAR))

# %% tags=["analyst"]
for cohorts, progress in all_cohorts:
    display(cohorts, progress)

# %% [markdown] tags=["vi"]
# ## 3. Phía Tây: tiền mà các nguồn có và không có

# %% [markdown] tags=["en"]
# ## 3. The West: the money the sources hold, and do not hold

# %%
if east_west.covers(AREA):
    west = funding_outcomes.legacy_code(units, WEST, "province")
    west_money = funding_outcomes.money_without_outcomes(facts, funding, west, WEST_PERIOD)
    display(Markdown(text.west_money(west_money, facts, sources, WEST_PERIOD, LANG)))
    if len(west_money):
        display(reader.money_table(west_money, sl, LANG, area=False))
else:
    west_money = None
    display(Markdown(text.west_not_here(AREA, LANG)))

# %% tags=["analyst"]
west_money

# %% [markdown] tags=["vi"]
# ## 4. Các điểm tiền–kết quả và việc so sánh
# Một điểm là tiền của một địa bàn trong một năm đặt cạnh một kết quả của cùng địa bàn và
# năm. Hai điểm chỉ so được khi cùng loại dòng tiền (phân bổ, huy động…), cùng phạm vi nguồn
# vốn, cùng độ dài thời kỳ và cùng loại kết quả. Việc so được xét trên mọi điểm trong dữ liệu;
# bảng chỉ liệt kê các điểm của địa bàn.

# %% [markdown] tags=["en"]
# ## 4. Money–outcome points and whether they compare
# A point is one area's money in one year set beside one outcome of the same area and year.
# Two points compare only with the same flow (allocated, mobilised…), the same scope of funds,
# the same length of period and the same outcome. Whether a point compares is judged against
# every point in the data; the table lists the area's own.

# %%
MONEY_POINTS = {"vi": "tiền đặt cạnh kết quả", "en": "money beside outcomes"}
points = funding_outcomes.comparable_groups(
    funding_outcomes.money_points(funding, facts, targets, status, units)
)
mine = points[points["area_code"].isin(codes | {d for d, _ in shown})]
if mine.empty:
    display(readable.no_data(MONEY_POINTS, place, LANG, YEAR))
else:
    display(Markdown(text.comparability(mine, LANG)))
    for i, group in enumerate(sorted(set(mine.loc[mine["comparable"], "group"])), start=1):
        fig = figures.money_outcomes(points[points["group"] == group], LANG)
        _ = charts.save_figure(fig, f"03-money-outcomes-{i}", FIG_DIR)
    display(reader.points_table(mine, sl, LANG))

# %% tags=["analyst"]
mine[
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
        "sources",
        "raw_rows",
    ]
]

# %% [markdown] tags=["vi"]
# ## 5. Tiền tập trung hay dàn trải
# Cần số tiền của từng xã (một bảng vốn nạp qua `ntm ingest`): bảng cho tỷ lệ tiền đến một
# phần năm số xã nhận nhiều nhất, chỉ số Herfindahl và hệ số Gini theo nguồn và thời kỳ. Dữ
# liệu đi kèm không có số tiền cấp xã.

# %% [markdown] tags=["en"]
# ## 5. Concentrated or spread
# This needs money per commune (a funding sheet through `ntm ingest`): the table gives the
# share reaching the top fifth of communes, the Herfindahl index and the Gini coefficient per
# source and period. The embedded data holds no commune-level money.

# %%
COMMUNE_MONEY = {"vi": "số tiền của từng xã", "en": "money per commune"}
spread = indicators.allocation_concentration(funding[funding["area_code"].isin(codes)])
reader.concentration_table(spread, sl, LANG) if len(spread) else readable.no_data(
    COMMUNE_MONEY, place, LANG, YEAR
)

# %% [markdown] tags=["vi"]
# ## 6. Các số tiền khác của địa bàn và của cả nước
# Mỗi dòng ghi năm hoặc thời kỳ, đơn vị và độ chính xác ("trên", "khoảng") như nguồn nêu; phần
# lớn là số lũy kế nhiều năm hoặc kế hoạch, không so được với số đã chi của một năm.

# %% [markdown] tags=["en"]
# ## 6. The area's other money figures, and the country's
# Each row keeps its year or period, unit and qualifier ("more than", "about") as the source
# gives them; most are multi-year cumulative amounts or plans, not comparable with a single
# year's spending.

# %%
money = indicators.money_facts(facts)
area_money = indicators.money_facts(facts[facts["area_code"].isin(codes)])
national = indicators.money_facts(facts[facts["area_level"] == "country"])
OTHER_MONEY = {"vi": "các số tiền khác", "en": "other money figures"}
display(
    reader.money_table(area_money, sl, LANG)
    if len(area_money)
    else readable.no_data(OTHER_MONEY, place, LANG)
)
display(readable.say(LANG, vi="**Cả nước**", en="**The whole country**"))
reader.money_table(national, sl, LANG, area=False)

# %% tags=["analyst"]
money

# %%
readable.sources_list(sl.entries(), LANG)
