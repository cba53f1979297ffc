"""`ntm extract`: named recognitions in the shapes the fourth held-out corpus showed, each
tested on passages written for these tests (other places and figures): commune names that
open with a village word, district headings among bullets, a list of districts where towns
complete the task and districts reach the standard, a ceremony receiving the decision, a
table whose column names each commune's tier, and names whose first capital OCR lost.
"""

from __future__ import annotations

from support.inline_report import facts_of

from ntm_analysis.sources.reports.lists import capture
from ntm_analysis.sources.reports.names import commune_key

_facts = facts_of


def _named(facts: list[dict], kind: str, key: str) -> list[tuple]:
    return [(f[key], f["tier"], f.get("year")) for f in facts if f["kind"] == kind]


def test_commune_names_opening_with_a_village_word_are_communes():
    assert commune_key("xã Bản Phố") == "Bản Phố"
    text = (
        "Kết quả năm 2024:\n"
        "- Xã đạt chuẩn NTM (02 xã): Bản Phố (huyện Bắc Hà); Bản Lầu (huyện Mường Khương)."
    )
    facts = _facts("Lào Cai", text)
    assert _named(facts, "recognised_commune", "commune") == [
        ("Bản Phố", "ntm", 2024),
        ("Bản Lầu", "ntm", 2024),
    ]
    assert all(f["code"] for f in facts if f["kind"] == "recognised_commune")
    assert not [f for f in facts if f["kind"] == "recognised_village"]
    assert [f["count"] for f in facts if f["kind"] == "recognised_count"] == [2]


def test_district_headings_among_bullets_hold_the_communes_under_them():
    text = (
        "Các xã được công nhận đạt chuẩn nông thôn mới kiểu mẫu năm 2023:\n"
        "Huyện Chợ Gạo:\n- Xã Bình Phan\n- Xã Lương Hòa Lạc\n"
        "Huyện Gò Công Tây:\n- Xã Thạnh Trị"
    )
    facts = _facts("Tiền Giang", text)
    got = [(f["commune"], f["code"]) for f in facts if f["kind"] == "recognised_commune"]
    assert got == [("Bình Phan", "28633"), ("Lương Hòa Lạc", "28612"), ("Thạnh Trị", "28672")]


def test_towns_complete_the_task_and_districts_reach_the_standard():
    text = (
        "Đến nay, tỉnh có 3 đơn vị cấp huyện đạt chuẩn hoặc hoàn thành nhiệm vụ xây dựng NTM, "
        "gồm: thị xã Hồng Lĩnh, huyện Nghi Xuân và huyện Can Lộc."
    )
    got = _named(_facts("Hà Tĩnh", text), "recognised_district", "district")
    assert [(d, t) for d, t, _ in got] == [
        ("Hồng Lĩnh", "completed"),
        ("Nghi Xuân", "ntm"),
        ("Can Lộc", "ntm"),
    ]


def test_a_commune_receiving_its_decision_at_a_ceremony_is_recognised():
    text = (
        "Xã Tam Hiệp (huyện Núi Thành) vừa đón nhận Quyết định số 2210/QĐ-UBND ngày 12/8/2024 "
        "của UBND tỉnh công nhận xã đạt chuẩn nông thôn mới nâng cao năm 2023."
    )
    facts = [f for f in _facts("Quảng Nam", text) if f["kind"] == "recognised_commune"]
    assert [(f["commune"], f["tier"], f["year"], f["decision"]) for f in facts] == [
        ("Tam Hiệp", "advanced", 2023, "2210/QĐ-UBND")
    ]


def test_a_table_column_naming_each_communes_tier():
    text = (
        "| TT | Xã | Huyện | Mức đạt chuẩn | Năm công nhận |\n|---|---|---|---|---|\n"
        "| 1 | Quảng Tùng | Quảng Trạch | NTM nâng cao | 2022 |\n"
        "| 2 | Lộc Thủy | Lệ Thủy | NTM kiểu mẫu | 2024 |"
    )
    assert _named(_facts("Quảng Bình", text), "recognised_commune", "commune") == [
        ("Quảng Tùng", "advanced", 2022),
        ("Lộc Thủy", "model", 2024),
    ]


def test_a_name_whose_first_capital_ocr_lost():
    assert capture("xa phuoc Lâm đạt", 2, after_unit=True) == ("phuoc Lâm", 12)
    assert capture("xa dat chuan", 2, after_unit=True) is None  # a word of the grammar
    assert capture("xa mien Núi", 2) is None  # not after a unit word: no repair
    text = "Năm 2024, tỉnh công nhận xã phu Lộc, xã Song Phú (huyện Tam Bình) đạt chuẩn NTM."
    got = _named(_facts("Vĩnh Long", text), "recognised_commune", "commune")
    assert [c for c, _, _ in got] == ["Phú Lộc", "Song Phú"]
