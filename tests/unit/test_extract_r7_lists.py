"""`ntm extract`: named lists and counts in the shapes eval4's second half showed, each tested
on passages written for these tests (other places and figures): numbered items of a list
announced before ":", a figure restated as it rose year by year, a label that names a flow,
and a short title line that gives its year to the text under it.
"""

from __future__ import annotations

from support.inline_report import facts_of

_facts = facts_of


def _counts(facts: list[dict]) -> list[tuple]:
    kinds = ("recognised_count", "tier_count")
    return [(f["kind"], f["tier"], f["count"], f.get("year")) for f in facts if f["kind"] in kinds]


def test_numbered_items_after_a_colon_are_each_recognised():
    text = (
        "Danh sách xã đạt chuẩn NTM nâng cao năm 2023:\n"
        "1. Tam Đa – huyện Yên Phong\n"
        "2. Dũng Liệt – huyện Yên Phong\n"
        "3. yên Trung - huyện Yên Phong"
    )
    got = [
        (f["commune"], f["tier"], f["year"])
        for f in _facts("Bắc Ninh", text)
        if f["kind"] == "recognised_commune"
    ]
    assert got == [
        ("Tam Đa", "advanced", 2023),
        ("Dũng Liệt", "advanced", 2023),
        ("Yên Trung", "advanced", 2023),
    ]


def test_a_restated_figure_that_rose_stays_a_flow_in_each_year():
    text = (
        "Năm 2021, tỉnh công nhận 4 xã đạt chuẩn NTM kiểu mẫu; con số này tăng lên 6 xã vào năm"
        " 2022 và 9 xã vào năm 2023."
    )
    assert _counts(_facts("Hà Tĩnh", text)) == [
        ("recognised_count", "model", 4, 2021),
        ("recognised_count", "model", 6, 2022),
        ("recognised_count", "model", 9, 2023),
    ]


def test_a_label_naming_a_recognition_is_a_flow_unless_counted_up():
    flow = "Số xã đạt chuẩn NTM nâng cao được công nhận là 13 xã."
    assert _counts(_facts("Hà Nam", flow)) == [("recognised_count", "advanced", 13, 2024)]
    stock = "Lũy kế đến nay, số thôn đạt chuẩn NTM kiểu mẫu được công nhận là 88 thôn."
    assert _counts(_facts("Hà Nam", stock))[0][:3] == ("tier_count", "model", 88)


def test_a_year_title_line_dates_the_text_under_it():
    text = "Kết quả năm 2022:\nToàn tỉnh có 7 xã được công nhận đạt chuẩn NTM."
    assert _counts(_facts("Lào Cai", text)) == [("recognised_count", "ntm", 7, 2022)]
    # the next numbered heading closes it
    text = (
        "Kết quả năm 2022:\nToàn tỉnh có 7 xã được công nhận đạt chuẩn NTM.\n2. Các nội dung"
        " khác\nToàn tỉnh có 5 xã được công nhận đạt chuẩn NTM."
    )
    assert [c[3] for c in _counts(_facts("Lào Cai", text))] == [2022, 2024]


def test_units_meeting_a_band_of_criteria_are_no_stock_of_the_tier():
    text = "Hiện có 8 xã đạt từ 15-18 tiêu chí nâng cao và 5 xã đạt 12/19 tiêu chí nâng cao."
    assert _counts(_facts("Hà Nam", text)) == []


def test_a_commune_holding_the_ceremony_of_its_recognition():
    text = (
        "Sáng 3/10/2024, UBND xã Gia Phúc, huyện Gia Lộc long trọng tổ chức Lễ công bố xã đạt"
        " chuẩn nông thôn mới nâng cao năm 2024."
    )
    got = [
        (f["commune"], f["tier"], f["year"])
        for f in _facts("Hải Dương", text)
        if f["kind"] == "recognised_commune"
    ]
    assert got == [("Gia Phúc", "advanced", 2024)]


def test_a_village_bracketed_with_its_commune_and_district():
    text = "Năm 2024, thôn Lủ (xã Tam Đa, huyện Yên Phong) được công nhận thôn NTM kiểu mẫu."
    got = [
        (f["kind"], f.get("village") or f.get("commune") or f.get("district"), f["tier"])
        for f in _facts("Bắc Ninh", text)
        if f["kind"].startswith("recognised")
    ]
    assert got == [("recognised_village", "Lủ", "model")]


def test_model_fields_given_respectively_go_to_each_name_in_order():
    text = (
        "Hai xã Tam Giang và Hòa Tiến (huyện Yên Phong) được công nhận xã NTM kiểu mẫu năm 2024,"
        " lần lượt ở lĩnh vực giáo dục và lĩnh vực văn hóa."
    )
    got = [
        (f["commune"], f["field_key"])
        for f in _facts("Bắc Ninh", text)
        if f["kind"] == "recognised_commune"
    ]
    assert got == [("Tam Giang", "education"), ("Hòa Tiến", "culture")]


def test_a_share_with_its_ratio_in_brackets_after_the_area():
    text = "Hiện nay, gần 70% số xã của tỉnh (84/120 xã) đã đạt chuẩn NTM."
    got = [
        (f["count"], f["total"], f["pct"], f["pct_qualifier"])
        for f in _facts("Hà Tĩnh", text)
        if f["kind"] == "tier_count"
    ]
    assert got == [(84, 120, 70, "approx")]
