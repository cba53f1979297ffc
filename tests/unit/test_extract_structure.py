"""`ntm extract` read by structure: lists of names with their districts, districts recognised
only when a verb says so, scores and bands in every form, criteria by name, the year of a
figure's own sentence or paragraph, tables of every shape. Sentences written for these tests.
"""

from __future__ import annotations

import docx
import pytest

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer
from ntm_analysis.sources.reports.document import extract_file, extract_lines
from ntm_analysis.sources.reports.reading import Line

HEADER = "UBND TỈNH LẠNG SƠN\nLạng Sơn, ngày 20 tháng 12 năm 2023\n\n"


def _facts(text: str) -> list[dict]:
    lines = [Line(i, t) for i, t in enumerate((HEADER + text).splitlines(), start=1)]
    return extract_lines(lines, "inline")


def _kind(facts: list[dict], kind: str) -> list[dict]:
    return [f for f in facts if f["kind"] == kind]


def _district_of(code: str | None) -> str | None:
    units = gazetteer.load_units("legacy")
    row = units[(units["level"] == "commune") & (units["unit_code"] == code)]
    return None if row.empty else fold(row.iloc[0]["district_name"]).replace("huyen ", "")


# ---------------------------------------------------------------------------- lists


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Năm 2023, tỉnh công nhận 4 xã đạt chuẩn NTM nâng cao gồm: Long Đống, Vạn Thủy "
            "(huyện Bắc Sơn); Hữu Liên, Yên Thịnh (huyện Hữu Lũng).",
            id="brackets",
        ),
        pytest.param(
            "Năm 2023 có thêm 4 xã đạt chuẩn NTM nâng cao: Long Đống, Vạn Thủy – huyện Bắc Sơn; "
            "Hữu Liên, Yên Thịnh - huyện Hữu Lũng.",
            id="dash",
        ),
        pytest.param(
            "Năm 2023, 4 xã đạt chuẩn NTM nâng cao gồm: xã Long Đống, xã Vạn Thủy, huyện Bắc Sơn; "
            "xã Hữu Liên, xã Yên Thịnh, huyện Hữu Lũng.",
            id="comma",
        ),
        pytest.param(
            "Năm 2023, 4 xã Long Đống, Vạn Thủy thuộc huyện Bắc Sơn và Hữu Liên, Yên Thịnh thuộc "
            "huyện Hữu Lũng được công nhận đạt chuẩn NTM nâng cao.",
            id="thuoc",
        ),
        pytest.param(
            "Năm 2023, UBND tỉnh công nhận 4 xã gồm: Long Đống, Vạn Thủy (H.Bắc Sơn), Hữu Liên\n"
            "và Yên Thịnh (H.Hữu Lũng) đạt chuẩn NTM nâng cao.",
            id="tier-after-and-wrapped",
        ),
        pytest.param(
            "Năm 2023, UBND tỉnh công nhận 4 xã đạt chuẩn NTM nâng cao, cụ thể:\n"
            "- Xã Long Đống, xã Vạn Thủy (huyện Bắc Sơn);\n"
            "- Xã Hữu Liên, xã Yên Thịnh (huyện Hữu Lũng).",
            id="bullets",
        ),
    ],
)
def test_named_lists_in_every_shape(text):
    facts = _facts(text)
    named = _kind(facts, "recognised_commune")
    got = [(f["commune"], _district_of(f["code"]), f["tier"], f["year"]) for f in named]
    assert got == [
        ("Long Đống", "bac son", "advanced", 2023),
        ("Vạn Thủy", "bac son", "advanced", 2023),
        ("Hữu Liên", "huu lung", "advanced", 2023),
        ("Yên Thịnh", "huu lung", "advanced", 2023),
    ]
    assert not _kind(facts, "recognised_district")  # an attachment is no recognition
    counts = _kind(facts, "recognised_count")
    if counts:
        assert [(c["count"], c["tier"]) for c in counts] == [(4, "advanced")]


def test_a_district_named_with_its_communes_is_not_recognised():
    facts = _facts(
        "Các xã được công nhận đạt chuẩn NTM kiểu mẫu năm 2023 là: Vân An, Gia Lộc (huyện Chi "
        "Lăng) và Tú Mịch (huyện Lộc Bình)."
    )
    assert [f["kind"] for f in facts] == ["recognised_commune"] * 3
    assert {f["tier"] for f in facts} == {"model"}


def test_each_list_takes_tier_field_year_and_decision_from_its_own_clause():
    facts = _facts(
        "Theo Quyết định số 88/QĐ-UBND, xã Tân Tri (huyện Bắc Sơn) đạt chuẩn NTM kiểu mẫu năm "
        "2022 về lĩnh vực văn hóa; các xã Mai Sao, Bằng Hữu (huyện Chi Lăng) đạt chuẩn NTM "
        "nâng cao năm 2023."
    )
    got = [
        (f["commune"], f["tier"], f["year"], f.get("field_key"), f.get("decision"))
        for f in _kind(facts, "recognised_commune")
    ]
    assert got == [
        ("Tân Tri", "model", 2022, "culture", "88/QĐ-UBND"),
        ("Mai Sao", "advanced", 2023, None, "88/QĐ-UBND"),
        ("Bằng Hữu", "advanced", 2023, None, "88/QĐ-UBND"),
    ]


def test_a_count_that_does_not_match_its_names_lowers_their_confidence():
    facts = _facts("Năm 2023 có thêm 3 xã đạt chuẩn NTM nâng cao là Vân An và Gia Lộc.")
    names = _kind(facts, "recognised_commune")
    assert [f["commune"] for f in names] == ["Vân An", "Gia Lộc"]
    assert {f["confidence"] for f in names} == {0.7}
    assert _kind(facts, "recognised_count")[0]["count"] == 3


def test_names_in_brackets_after_two_tiers():
    facts = _facts(
        "Năm 2023 công nhận 2 xã đạt chuẩn NTM nâng cao (Vân An, Gia Lộc) và 1 xã đạt chuẩn "
        "NTM kiểu mẫu (Mai Sao)."
    )
    got = [(f["commune"], f["tier"]) for f in _kind(facts, "recognised_commune")]
    assert got == [("Vân An", "advanced"), ("Gia Lộc", "advanced"), ("Mai Sao", "model")]
    assert [(f["count"], f["tier"]) for f in _kind(facts, "recognised_count")] == [
        (2, "advanced"),
        (1, "model"),
    ]


# ---------------------------------------------------------------------------- districts


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Huyện Hữu Lũng có 20/24 xã đạt chuẩn NTM.", []),
        ("Huyện Chi Lăng được công nhận thêm 2 xã đạt chuẩn NTM nâng cao.", []),
        ("Xã Vân An thuộc huyện Chi Lăng đạt chuẩn NTM nâng cao.", []),
        ("Các huyện Chi Lăng, Văn Quan tiếp tục nâng cao chất lượng tiêu chí huyện NTM.", []),
        ("Thủ tướng Chính phủ công nhận huyện Hữu Lũng, tỉnh Lạng Sơn đạt chuẩn NTM.",
         ["Hữu Lũng"]),
        ("Huyện Chi Lăng và huyện Bắc Sơn đã được công nhận đạt chuẩn NTM nâng cao.",
         ["Chi Lăng", "Bắc Sơn"]),
    ],
)  # fmt: skip
def test_a_district_is_recognised_only_when_a_verb_says_so(text, want):
    assert [f["district"] for f in _kind(_facts(text), "recognised_district")] == want


# ---------------------------------------------------------------------------- scores, bands


def test_scores_per_named_commune():
    facts = _facts(
        "Xã Vân An đạt 17/19 tiêu chí, 48/56 chỉ tiêu; các xã Gia Lộc, Mai Sao đạt 15/19 tiêu "
        "chí; xã Tú Mịch (12/19 tiêu chí), xã Yên Khoái (11/19 tiêu chí)."
    )
    got = [(f["commune"], f["met"], f["of"]) for f in _kind(facts, "criteria_count")]
    assert sorted(got) == sorted(
        [
            ("Vân An", 17, 19),
            ("Gia Lộc", 15, 19),
            ("Mai Sao", 15, 19),
            ("Tú Mịch", 12, 19),
            ("Yên Khoái", 11, 19),
        ]
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Có 12 xã đạt từ 15 đến 18 tiêu chí.", (12, 15, 18)),
        ("Có 12 xã đạt 15-18 tiêu chí.", (12, 15, 18)),
        ("Có 12 xã đạt 15 ÷ 18 tiêu chí.", (12, 15, 18)),
        ("Còn 4 xã dưới 15 tiêu chí.", (4, 0, 14)),
        ("Số xã đạt 10 - 14 tiêu chí: 30 xã.", (30, 10, 14)),
        ("Số xã đạt từ 15-18 tiêu chí có 9 xã.", (9, 15, 18)),
        ("Số xã đạt từ 15 tiêu chí trở lên là 170 xã.", (170, 15, 19)),
        ("Có 20 xã đạt trên 15 tiêu chí.", (20, 16, 19)),
        ("Không còn xã đạt dưới 10 tiêu chí.", (0, 0, 9)),
        ("Số xã dưới 8 tiêu chí: không có.", (0, 0, 7)),
    ],
)
def test_bands_in_every_form(text, want):
    bands = _kind(_facts(text), "criteria_band_count")
    assert [(b["count"], b["min_met"], b["max_met"]) for b in bands] == [want]


def test_band_members_listed_after_it():
    facts = _facts("Còn 2 xã đạt dưới 15 tiêu chí (Tú Mịch, Khánh Xuân).")
    band = _kind(facts, "criteria_band_count")[0]
    assert band["communes"] == ["Tú Mịch", "Khánh Xuân"] and None not in band["commune_codes"]


# ---------------------------------------------------------------------------- criteria named


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Xã Vân An còn thiếu tiêu chí Thu nhập và tiêu chí Nghèo đa chiều.", "not_met"),
        ("Xã Vân An chưa đạt các tiêu chí thu nhập, nghèo đa chiều.", "not_met"),
        ("Tại xã Vân An, tiêu chí thu nhập và tiêu chí nghèo đa chiều còn khó khăn.", "difficult"),
        ("Xã Vân An đã đạt các tiêu chí: Thu nhập, Nghèo đa chiều.", "met"),
    ],
)
def test_criteria_named_without_numbers_with_the_status_before_or_after(text, status):
    facts = _facts(text)
    got = [(f["commune"], f["criterion_no"], f["criterion_name"], f["status"]) for f in facts]
    assert got == [
        ("Vân An", 10, "Thu nhập", status),
        ("Vân An", 11, "Nghèo đa chiều", status),
    ]


# ---------------------------------------------------------------------------- years


def test_a_later_target_paragraph_does_not_re_date_achieved_figures():
    facts = _facts(
        "1. Kết quả\n"
        "Năm 2023, toàn tỉnh có thêm 8 xã đạt chuẩn NTM.\n"
        "\n"
        "Năm 2024, tỉnh phấn đấu có thêm 6 xã đạt chuẩn NTM nâng cao.\n"
        "\n"
        "Lũy kế toàn tỉnh có 110 xã đạt chuẩn NTM; tỷ lệ hộ nghèo còn 4,2%.\n"
    )
    got = [(f["kind"], f.get("count") or f.get("value"), f["year"], f["is_target"]) for f in facts]
    assert got == [
        ("recognised_count", 8, 2023, False),
        ("recognised_count", 6, 2024, True),
        ("tier_count", 110, 2023, False),
        ("percent", 4.2, 2023, False),
    ]


def test_a_comparison_base_year_dates_nothing():
    facts = _facts("Toàn tỉnh có 120 xã đạt chuẩn NTM, tăng 12 xã so với cuối năm 2022.")
    assert [(f["kind"], f["count"], f["year"]) for f in facts] == [("tier_count", 120, 2023)]


def test_the_title_year_is_the_document_year():
    lines = [
        Line(1, "UBND TỈNH LẠNG SƠN"),
        Line(2, "Lạng Sơn, ngày 10 tháng 1 năm 2024"),
        Line(3, ""),
        Line(4, "BÁO CÁO"),
        Line(5, "Kết quả xây dựng nông thôn mới năm 2023"),
        Line(6, ""),
        Line(7, "Toàn tỉnh có 110 xã đạt chuẩn NTM."),
    ]
    assert extract_lines(lines, "r")[0]["year"] == 2023


def test_changes_are_no_level():
    facts = _facts(
        "Tỷ lệ hộ nghèo giảm 1,2% so với năm 2022, còn 3,4%; hộ nghèo khu vực nông thôn giảm "
        "từ 6,1% năm 2021 xuống 4,0%."
    )
    got = [(f["measure"], f["value"], f["year"]) for f in _kind(facts, "percent")]
    assert got == [
        ("poverty_rate", 3.4, 2023),
        ("rural_poverty_rate", 6.1, 2021),
        ("rural_poverty_rate", 4.0, 2023),
    ]


def test_income_per_person_per_year_or_month():
    facts = _facts(
        "Thu nhập bình quân đầu người khu vực nông thôn đạt 52,3 triệu đồng/người/năm; thu "
        "nhập bình quân ước đạt 4,4 triệu đồng/người/tháng."
    )
    got = [(f["measure"], f["amount_vnd"], f["per"], f["qualifier"]) for f in facts]
    assert got == [
        ("rural_income", 52_300_000, "year", "exact"),
        ("income", 4_400_000, "month", "approx"),
    ]


# ---------------------------------------------------------------------------- tables


def _docx(tmp_path, rows: list[list[str]], merge: list[tuple] = ()) -> list[dict]:
    doc = docx.Document()
    doc.add_paragraph("UBND TỈNH LẠNG SƠN")
    doc.add_paragraph("Lạng Sơn, ngày 20 tháng 12 năm 2023")
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    for (r1, c1), (r2, c2) in merge:
        text = table.cell(r1, c1).text
        table.cell(r1, c1).merge(table.cell(r2, c2)).text = text
    path = tmp_path / "t.docx"
    doc.save(str(path))
    return extract_file(path)


def test_docx_two_column_rows_are_table_rows(tmp_path):
    facts = _docx(tmp_path, [["Nguồn vốn", "Kinh phí (tỷ đồng)"], ["Ngân sách tỉnh", "42,5"]])
    assert [(f["source_category"], f["amount_vnd"]) for f in facts] == [
        ("provincial", 42_500_000_000)
    ]


def test_docx_table_with_a_tt_column_and_a_two_row_header(tmp_path):
    rows = [
        ["TT", "Huyện", "Số xã đạt chuẩn", "", ""],
        ["", "", "NTM", "NTM nâng cao", "NTM kiểu mẫu"],
        ["1", "Hữu Lũng", "20/24", "6", "1"],
        ["2", "Chi Lăng", "15/20", "3", "0"],
    ]
    facts = _docx(tmp_path, rows, merge=[((0, 2), (0, 4)), ((0, 0), (1, 0)), ((0, 1), (1, 1))])
    got = [(f["area"], f["tier"], f["count"], f["total"]) for f in facts]
    assert got == [
        ("Hữu Lũng", "ntm", 20, 24),
        ("Hữu Lũng", "advanced", 6, None),
        ("Hữu Lũng", "model", 1, None),
        ("Chi Lăng", "ntm", 15, 20),
        ("Chi Lăng", "advanced", 3, None),
        ("Chi Lăng", "model", 0, None),
    ]


def test_tab_separated_table_with_a_total_column():
    facts = _facts(
        "STT\tHuyện\tTổng số xã\tSố xã đạt chuẩn NTM\tTỷ lệ (%)\n"
        "1\tBắc Sơn\t19\t14\t73,7\n"
        "2\tCao Lộc\t21\t18\t85,7\n"
    )
    got = [(f["area"], f["count"], f["total"], f["pct"]) for f in facts]
    assert got == [("Bắc Sơn", 14, 19, 73.7), ("Cao Lộc", 18, 21, 85.7)]


def test_money_table_whose_unit_is_stated_before_it():
    facts = _facts(
        "Kết quả huy động vốn (đơn vị tính: triệu đồng):\n"
        "| STT | Nguồn | Kinh phí |\n"
        "|---|---|---|\n"
        "| 1 | Ngân sách tỉnh | 1.250 |\n"
        "| 2 | Tín dụng | 3.400,5 |\n"
    )
    assert [(f["source_category"], f["amount_vnd"]) for f in facts] == [
        ("provincial", 1_250_000_000),
        ("credit", 3_400_500_000),
    ]


def test_commune_tables_give_scores_and_names_give_recognitions():
    facts = _facts(
        "| TT | Tên xã | Số tiêu chí đạt |\n"
        "|---|---|---|\n"
        "| 1 | Vân An (Chi Lăng) | 17/19 |\n"
        "\n"
        "| TT | Huyện | Xã đạt chuẩn NTM nâng cao năm 2023 |\n"
        "|---|---|---|\n"
        "| 1 | Lộc Bình | Mẫu Sơn, Khánh Xuân |\n"
    )
    score = _kind(facts, "criteria_count")[0]
    assert (score["commune"], score["met"], score["of"]) == ("Vân An", 17, 19)
    named = [(f["commune"], f["tier"], f["year"]) for f in _kind(facts, "recognised_commune")]
    assert named == [("Mẫu Sơn", "advanced", 2023), ("Khánh Xuân", "advanced", 2023)]


# ---------------------------------------------------------------------------- OCR damage


def test_damaged_list_names_are_corrected_in_their_district():
    facts = _facts(
        "Nam 2023, tinh cong nhan 3 xa dat chuan NTM nang cao gdm: Van An, Gia 1oc "
        "(huyén Chi Lang); Tu Mich (hurén Loc Binh)."
    )
    got = [(f["commune"], f["code"] is not None) for f in _kind(facts, "recognised_commune")]
    assert got == [("Vân An", True), ("Gia Lộc", True), ("Tú Mịch", True)]
