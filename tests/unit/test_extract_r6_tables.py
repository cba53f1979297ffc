"""`ntm extract`, round 6, tables and money: a commune name whose last word folds like a unit
word, a "criteria not met" column beside the score, a table of bands, a money table whose
headers carry a bare year or a date and whose share column is the disbursement rate, and the
other money, income, share and status constructions of this round; each on text written for
these tests.
"""

from __future__ import annotations

from support.inline_report import facts_of, of_kind

from ntm_analysis.lexicon.textnorm import fold

_facts, _kind = facts_of, of_kind


def test_a_score_table_keeps_a_name_ending_in_xa_and_skips_the_not_met_column():
    text = (
        "Tên xã          Số tiêu chí đạt   Số tiêu chí chưa đạt\n"
        "Yên Lạc         16                3\n"
        "Phú Xa          14                5\n"
    )
    facts = _kind(_facts("Thái Nguyên", text), "criteria_count")
    got = sorted((fold(f["commune"]), f["met"]) for f in facts)
    assert got == [("phu xa", 14), ("yen lac", 16)]


def test_a_table_of_bands_gives_band_counts():
    text = (
        "| Nhóm xã | Số xã | Tỷ lệ (%) |\n"
        "|---|---|---|\n"
        "| 19 tiêu chí | 41 | 50,6 |\n"
        "| Từ 15 đến 18 tiêu chí | 30 | 37 |\n"
        "| Dưới 15 tiêu chí | 10 | 12,4 |\n"
    )
    facts = _facts("Hà Giang", text)
    assert sorted((f["count"], f["min_met"], f["max_met"]) for f in facts) == [
        (10, 0, 14),
        (30, 15, 18),
        (41, 19, 19),
    ]
    assert {f["kind"] for f in facts} == {"criteria_band_count"}


def test_a_money_table_with_a_bare_year_and_a_dated_disbursement_column():
    text = (
        "| TT | Nguồn | Vốn giao năm 2023 (triệu đồng) | Đã giải ngân đến 30/9/2023 (triệu đồng)"
        " | Tỷ lệ (%) |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Ngân sách trung ương | 80.000 | 60.000 | 75 |\n"
    )
    plain = text.replace("Vốn giao năm 2023", "Kế hoạch 2023")
    for t in (text, plain):
        facts = _facts("Yên Bái", t, "10 tháng 10 năm 2023")
        money = sorted((f["source_category"], f["amount_vnd"]) for f in _kind(facts, "funding"))
        assert money == [("central", 60_000_000_000), ("central", 80_000_000_000)]
        rates = _kind(facts, "percent")
        assert [(r["measure"], r["value"], r["year"]) for r in rates] == [
            ("disbursement_rate", 75, 2023)
        ]


def test_a_share_column_that_is_no_disbursed_share_is_not_read_as_one():
    text = (
        "| Nguồn | Kế hoạch (triệu đồng) | Đã giải ngân (triệu đồng) | Tỷ lệ (%) |\n"
        "|---|---|---|---|\n"
        "| Ngân sách tỉnh | 80.000 | 60.000 | 40 |\n"
    )
    assert not _kind(_facts("Yên Bái", text), "percent")


def test_a_disbursement_after_last_years_plan_is_achieved_and_of_the_plans_source():
    text = (
        "Kế hoạch vốn ngân sách tỉnh năm 2023 là 96 tỷ đồng; tính đến ngày 15/01/2024 đã giải"
        " ngân 90,2 tỷ đồng, đạt 94%."
    )
    facts = _facts("Cao Bằng", text, "20 tháng 1 năm 2024")
    money = sorted(
        (f["source_category"], f["amount_vnd"], f["is_target"]) for f in _kind(facts, "funding")
    )
    assert money == [("provincial", 90_200_000_000, False), ("provincial", 96_000_000_000, False)]
    assert [(p["measure"], p["is_target"]) for p in _kind(facts, "percent")] == [
        ("disbursement_rate", False)
    ]


def test_this_years_plan_stays_a_target():
    facts = _facts("Cao Bằng", "Kế hoạch vốn ngân sách tỉnh năm 2024 là 96 tỷ đồng.")
    assert [f["is_target"] for f in _kind(facts, "funding")] == [True]


def test_a_reward_per_commune_carries_to_the_next_clause_led_by_xa():
    text = (
        "Mỗi xã đạt chuẩn NTM nâng cao được tỉnh khen thưởng 800 triệu đồng; xã đạt chuẩn NTM"
        " được thưởng 500 triệu đồng."
    )
    facts = _kind(_facts("Bắc Kạn", text), "funding")
    assert [(f["source_category"], f["amount_vnd"], f["per_commune"]) for f in facts] == [
        ("provincial", 800_000_000, True),
        ("provincial", 500_000_000, True),
    ]


def test_an_income_figure_put_before_its_name():
    text = "Khoảng 65 triệu đồng/người/năm là thu nhập bình quân của người dân huyện năm 2023."
    facts = _kind(_facts("Nam Định", text), "money_per_person")
    assert [(f["measure"], f["amount_vnd"], f["per"], f["qualifier"]) for f in facts] == [
        ("income", 65_000_000, "year", "approx")
    ]


def test_households_using_electricity_named_after_the_figure():
    facts = _facts("Đồng Tháp", "Có 99,2% hộ gia đình ở nông thôn được sử dụng điện lưới.")
    assert [(f["measure"], f["value"]) for f in _kind(facts, "percent")] == [
        ("electricity_households", 99.2)
    ]


def test_criteria_named_by_short_names_get_the_number_both_sets_give_them():
    text = "Xã Phong Thạnh còn 2 tiêu chí chưa đạt là tiêu chí thu nhập và tiêu chí y tế."
    facts = _kind(_facts("Bạc Liêu", text), "criteria_status")
    assert [(f["criterion_name"], f["criterion_no"]) for f in facts] == [
        ("Thu nhập", 10),
        ("Y tế", None),  # 15 in the basic set, 14 in the advanced one
    ]


def test_one_criterion_named_first_as_the_hardest_for_a_commune():
    text = "Tiêu chí thu nhập vẫn là tiêu chí khó đạt nhất đối với xã Tân Hợp (huyện Văn Yên)."
    facts = _kind(_facts("Yên Bái", text), "criteria_status")
    assert [(f["commune"], f["criterion_name"], f["status"]) for f in facts] == [
        ("Tân Hợp", "Thu nhập", "difficult")
    ]


def test_a_notes_cell_states_the_criteria_its_commune_has_not_met():
    text = (
        "| TT | Tên xã | Số tiêu chí đạt | Ghi chú |\n"
        "|---|---|---|---|\n"
        "| 1 | Hải Anh (Hải Hậu) | 17/19 | còn thiếu tiêu chí số 10, số 11 |\n"
        "| 2 | Giao Thịnh (Giao Thủy) | 19/19 | |\n"
    )
    facts = _facts("Nam Định", text)
    got = [(f["commune"], f["criterion_no"], f["status"]) for f in _kind(facts, "criteria_status")]
    assert got == [("Hải Anh", 10, "not_met"), ("Hải Anh", 11, "not_met")]
    assert len(_kind(facts, "criteria_count")) == 2


def test_a_rise_of_the_average_score_is_no_average():
    text = "Số tiêu chí bình quân của các xã tăng thêm 0,8 tiêu chí/xã so với năm 2022."
    assert not _kind(_facts("Bình Phước", text), "avg_criteria")
    text = "Số tiêu chí bình quân của các xã đạt 17,6 tiêu chí/xã."
    assert [f["value"] for f in _kind(_facts("Bình Phước", text), "avg_criteria")] == [17.6]
