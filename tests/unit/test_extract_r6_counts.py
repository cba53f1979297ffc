"""Stocks and flows of units by tier: respectively, restated and planned figures, not-yet
counts, a date that opens the next statement, a change of the average (round 6)."""

from __future__ import annotations

import pytest

from ntm_analysis.sources.reports.counts import read_counts
from ntm_analysis.sources.reports.dates import date_near
from ntm_analysis.sources.reports.scores import read_scores
from ntm_analysis.sources.reports.sentence_view import SentenceView


def _counts(text: str, province: str = "QUẢNG BÌNH"):
    v = SentenceView.example(f"# UBND TỈNH {province}\n{text}")
    return [(f.kind, f.unit_level, f.tier, f.count, f.year, f.is_target) for f in read_counts(v)]


@pytest.mark.parametrize(
    "text",
    [
        "Số xã đạt chuẩn NTM, NTM nâng cao, NTM kiểu mẫu năm 2024 lần lượt là 120 xã, 55 xã"
        " và 9 xã.",
        "Sd xa dat chuan NTM, NTM nang cao va NTM kiéu mau nam 2024 lan luot la 120 xa, 55 x4"
        " va 9 xa.",
    ],
)
def test_respectively_gives_each_count_its_tier(text):
    assert _counts(text) == [
        ("tier_count", "commune", "ntm", 120, 2024, False),
        ("tier_count", "commune", "advanced", 55, 2024, False),
        ("tier_count", "commune", "model", 9, 2024, False),
    ]


def test_one_tier_named_goes_to_every_count_after_respectively():
    got = _counts("Năm 2023, số xã, thôn đạt chuẩn NTM kiểu mẫu lần lượt là 7 xã và 40 thôn.")
    assert got == [
        ("tier_count", "commune", "model", 7, 2023, False),
        ("tier_count", "village", "model", 40, 2023, False),
    ]


def test_a_labelled_stock_is_no_flow_of_the_count_before():
    got = _counts(
        "Năm 2023 có 12 xã NTM kiểu mẫu; số thôn được công nhận đạt chuẩn NTM kiểu mẫu là 95 thôn."
    )
    assert got[-1] == ("tier_count", "village", "model", 95, 2023, False)


def test_this_figure_restates_the_stock_before_at_its_own_date():
    got = _counts(
        "Nếu như cuối năm 2020 tỉnh có 8 xã đạt chuẩn NTM nâng cao thì đến cuối năm 2023 con số "
        "này đã là 30 xã."
    )
    assert got == [
        ("tier_count", "commune", "advanced", 8, 2020, False),
        ("tier_count", "commune", "advanced", 30, 2023, False),
    ]


def test_the_plan_a_flow_is_measured_on_is_a_target():
    got = _counts("Năm 2024 có thêm 6 xã đạt chuẩn NTM, vượt 2 xã so với kế hoạch đề ra là 4 xã.")
    assert got == [
        ("recognised_count", "commune", "ntm", 6, 2024, False),
        ("recognised_count", "commune", "ntm", 4, 2024, True),
    ]


def test_communes_not_yet_at_the_standard_are_no_stock():
    assert _counts("Trong số 40 xã chưa đạt chuẩn, có 12 xã đạt 15-18 tiêu chí.") == []


def test_a_count_raised_to_is_a_stock():
    got = _counts("Năm 2023 công nhận thêm 5 xã đạt chuẩn NTM, tăng số xã đạt chuẩn lên 80 xã.")
    assert got[-1] == ("tier_count", "commune", "ntm", 80, 2023, False)


def test_co_them_makes_the_counts_after_it_flows_even_when_one_is_unread():
    # the first count's unit word is unreadable; "có thêm" still governs the next one
    got = _counts(
        "Năm 2025, tỉnh phấn đấu có thêm 10 pa đạt chuẩn NTM nâng cao, 8 xã đạt chuẩn NTM kiểu mẫu."
    )
    assert got == [("recognised_count", "commune", "model", 8, 2025, True)]


def test_toan_names_the_area_not_a_stock_before_a_recognising_verb():
    got = _counts("Năm 2024, toàn tỉnh công nhận 7 xã đạt chuẩn NTM nâng cao.")
    assert got == [("recognised_count", "commune", "advanced", 7, 2024, False)]


def test_a_date_opening_the_next_statement_does_not_date_the_figure_before():
    text = "năm 2022 công nhận 6 xã đạt chuẩn, năm 2023 công nhận 9 xã"
    assert date_near(text, text.index("6"), text.index(",")).year == 2022
    assert date_near(text, text.index("9"), len(text)).year == 2023
    alone = "có 6 xã đạt chuẩn NTM năm 2022"
    assert date_near(alone, 3, alone.index("NTM") + 3).year == 2022


def test_a_change_of_the_average_is_no_average():
    v = SentenceView.example("# UBND TỈNH QUẢNG BÌNH\nSố tiêu chí bình quân tăng 0,7 tiêu chí/xã.")
    assert read_scores(v) == []
    v = SentenceView.example("# UBND TỈNH QUẢNG BÌNH\nBình quân đạt 17,2 tiêu chí/xã.")
    assert [f.value for f in read_scores(v)] == [17.2]


def _shares(text: str):
    v = SentenceView.example(f"# UBND TỈNH QUẢNG BÌNH\n{text}")
    return [(f.tier, f.count, f.total, f.pct) for f in read_counts(v) if f.kind == "tier_count"]


def test_a_ratio_takes_the_share_said_with_dat_only_when_it_is_its_own():
    assert _shares("Toàn tỉnh có 42/151 xã đạt chuẩn NTM, đạt 27,8%.") == [("ntm", 42, 151, 27.8)]
    assert _shares("Toàn tỉnh có 42/151 xã đạt chuẩn NTM, đạt 90% kế hoạch.") == [
        ("ntm", 42, 151, None)
    ]


def test_a_bracketed_share_may_say_ty_le():
    got = _shares("Có 12/40 xã đạt chuẩn NTM nâng cao (tỷ lệ 30%).")
    assert got == [("advanced", 12, 40, 30)]


def test_a_share_of_communes_without_so_needs_a_named_tier():
    assert _shares("Đến năm 2025 có 80% xã đạt chuẩn NTM kiểu mẫu.") == [("model", None, None, 80)]
    assert _shares("Năm 2023, 100% xã có trạm y tế đạt chuẩn.") == []


def test_a_raised_total_does_not_break_a_list_of_flows():
    got = _counts(
        "Kế hoạch năm 2025: có thêm 3 xã đạt chuẩn NTM, nâng tổng số lên 60 xã; 2 xã đạt chuẩn "
        "NTM kiểu mẫu."
    )
    assert [(k, c) for k, _, _, c, _, _ in got] == [
        ("recognised_count", 3),
        ("tier_count", 60),
        ("recognised_count", 2),
    ]


def test_a_ratio_right_after_its_label_is_read_when_ocr_damaged_the_verb():
    got = _shares("Hien nay, s6 xa dat chuan nong thon méi kiéu mau cia tỉnh ga 14/120 xa.")
    assert got == [("model", 14, 120, None)]
