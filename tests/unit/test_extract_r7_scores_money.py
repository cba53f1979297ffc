"""Bands, statuses, score tables, parts of a central allotment, percentages with their own
dates and a year label over a paragraph (round 7)."""

from __future__ import annotations

from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.reading import Line


def _facts(
    text: str, header: str = "UBND TỈNH NAM ĐỊNH", date: str = "Nam Định, ngày 2 tháng 7 năm 2024"
):
    lines = [header, date, "", *text.split("\n")]
    return extract_lines([Line(i, t) for i, t in enumerate(lines, start=1)], "t")


def _kinds(facts, kind: str, *keys: str):
    return [tuple(f.get(k) for k in keys) for f in facts if f["kind"] == kind]


def test_band_of_advanced_criteria_is_no_stock_of_advanced_communes():
    facts = _facts(
        "Hiện có 7 xã đạt từ 15-18 tiêu chí nâng cao và 11 xã đạt 10 - 14 tiêu chí nâng cao."
    )
    assert _kinds(facts, "criteria_band_count", "count", "min_met", "max_met") == [
        (7, 15, 18),
        (11, 10, 14),
    ]
    assert not _kinds(facts, "tier_count", "count")


def test_band_communes_named_after_la_without_unit_word():
    facts = _facts("Có 2 xã đạt 19 tiêu chí là Yên Chính và Yên Bình; 1 xã đạt dưới 15 tiêu chí.")
    assert _kinds(facts, "criteria_band_count", "count", "communes") == [
        (2, ["Yên Chính", "Yên Bình"]),
        (1, []),
    ]


def test_parts_after_gom_of_a_central_allotment_split_by_budget_type():
    facts = _facts(
        "Năm 2024, tỉnh được Trung ương giao 120,5 tỷ đồng, gồm 80 tỷ đồng vốn đầu tư phát triển"
        " và 40,5 tỷ đồng vốn sự nghiệp."
    )
    assert _kinds(facts, "funding", "source_category", "amount_vnd") == [
        ("central", 120_500_000_000),
        ("central_investment", 80_000_000_000),
        ("central_recurrent", 40_500_000_000),
    ]


def test_da_hoan_thanh_tieu_chi_states_criteria_met():
    facts = _facts("Năm 2024, xã Yên Thọ đã hoàn thành tiêu chí Y tế và tiêu chí Văn hóa.")
    assert _kinds(facts, "criteria_status", "commune", "criterion_name", "status") == [
        ("Yên Thọ", "Y tế", "met"),
        ("Yên Thọ", "Văn hóa", "met"),
    ]


def test_score_column_header_names_the_advanced_set():
    facts = _facts(
        "| TT | Xã | Số tiêu chí NTM nâng cao đã đạt |\n|---|---|---|\n| 1 | Yên Chính | 16/19 |"
    )
    assert _kinds(facts, "criteria_count", "commune", "met", "criteria_set") == [
        ("Yên Chính", 16, "commune_advanced")
    ]


def test_percent_from_to_keeps_each_figures_own_year():
    facts = _facts(
        "Tỷ lệ hộ nghèo khu vực nông thôn giảm từ 6,3% đầu năm 2021 xuống còn 2,8% vào cuối"
        " năm 2023."
    )
    assert _kinds(facts, "percent", "measure", "value", "year") == [
        ("rural_poverty_rate", 6.3, 2021),
        ("rural_poverty_rate", 2.8, 2023),
    ]


def test_year_label_line_dates_its_paragraph():
    facts = _facts(
        "Kết quả năm 2023:\nThu nhập bình quân đầu người khu vực nông thôn đạt 58 triệu đồng."
    )
    assert _kinds(facts, "money_per_person", "amount_vnd", "year") == [(58_000_000, 2023)]


def test_numbered_list_opens_after_colon_with_so():
    facts = _facts("Xã Yên Thọ còn thiếu các tiêu chí: số 2 (Giao thông), số 17 (Môi trường).")
    assert _kinds(facts, "criteria_status", "criterion_no", "status") == [
        (2, "not_met"),
        (17, "not_met"),
    ]


def test_percent_series_by_year_keeps_its_measure():
    facts = _facts("Tỷ lệ hộ nghèo năm 2022 là 1,8%; năm 2023 là 1,1%; cuối năm 2024 còn 0,6%.")
    assert _kinds(facts, "percent", "measure", "value", "year") == [
        ("poverty_rate", 1.8, 2022),
        ("poverty_rate", 1.1, 2023),
        ("poverty_rate", 0.6, 2024),
    ]


def test_flow_is_the_nearest_flow_word_before_the_amount():
    facts = _facts(
        "Vốn sự nghiệp ngân sách trung ương năm 2024 được giao 52 tỷ đồng, đã giải ngân 40 tỷ đồng."
    )
    assert _kinds(facts, "funding", "source_category", "flow") == [
        ("central_recurrent", "allocated"),
        ("central_recurrent", "disbursed"),
    ]


def test_contribution_and_reward_verbs_are_money_cues():
    facts = _facts(
        "Nhân dân đã góp 2.100 triệu đồng, góp phần hoàn thành 12 km đường. Mỗi xã đạt chuẩn"
        " được huyện thưởng 200 triệu đồng."
    )
    assert _kinds(facts, "funding", "source_category", "amount_vnd", "per_commune") == [
        ("community", 2_100_000_000, False),
        ("district", 200_000_000, True),
    ]


def test_score_stated_with_voi_after_the_commune():
    facts = _facts("Xã Yên Thọ là xã có số tiêu chí đạt cao nhất huyện với 17/19 tiêu chí.")
    assert _kinds(facts, "criteria_count", "commune", "met", "of") == [("Yên Thọ", 17, 19)]
    assert not _kinds(_facts("Toàn huyện đứng thứ hai với 9 tiêu chí."), "criteria_count", "met")
