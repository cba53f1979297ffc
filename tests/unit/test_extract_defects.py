"""The defects an independent tester found running `ntm extract` on real passages (E1 wrong
years, E2 wrong tiers, E3 other wrong fields, E4 facts lost on the way to raw, E5 figures
missed), each fixed by the structure of the sentence, not its wording. The sentences here are
written for these tests; none is the tester's.
"""

from __future__ import annotations

import docx

from ntm_analysis.build import build
from ntm_analysis.sources.reports.document import extract_file, extract_lines
from ntm_analysis.sources.reports.reading import Line
from ntm_analysis.sources.reports.to_raw import convert, source_id_of, write_raw

REPORT = "UBND TỈNH HÀ TĨNH\nHà Tĩnh, ngày 20 tháng 12 năm 2023\n\n"


def _facts(text: str, header: str = REPORT) -> list[dict]:
    lines = [Line(i, t) for i, t in enumerate((header + text).splitlines(), start=1)]
    return extract_lines(lines, "inline")


def _kind(facts: list[dict], kind: str) -> list[dict]:
    return [f for f in facts if f["kind"] == kind]


def _brief(facts: list[dict], *keys: str) -> list[tuple]:
    return [tuple(f.get(k) for k in keys) for f in facts]


# ---------------------------------------------------------------------------- E1 dates


def test_a_stock_as_of_a_date_is_not_dated_by_the_target_paragraph_above():
    facts = _facts(
        "Tỉnh phấn đấu đến cuối năm 2025 có 100% số xã đạt chuẩn nông thôn mới.\n\n"
        "Đến ngày 15/9/2023, tỉnh có 183/207 xã đạt chuẩn nông thôn mới; 62 xã đạt chuẩn nông "
        "thôn mới nâng cao.",
        header="Hà Tĩnh về đích nông thôn mới\n14/10/2023\n\n",
    )
    got = _brief(_kind(facts, "tier_count"), "count", "pct", "year", "as_of", "is_target")
    assert got == [
        (None, 100, 2025, None, True),
        (183, None, 2023, "2023-09-15", False),
        (62, None, 2023, "2023-09-15", False),
    ]


def test_the_dateline_under_a_title_is_the_document_date():
    facts = _facts(
        "Toàn tỉnh có 62 xã đạt chuẩn NTM nâng cao. Tỉnh phấn đấu đến năm 2025 có 80 xã đạt "
        "chuẩn NTM nâng cao.",
        header="Tin vắn\n03-03-2024\n\n",
    )
    assert _brief(facts, "count", "year", "is_target") == [(62, 2024, False), (80, 2025, True)]


def test_a_period_named_for_context_dates_nothing():
    facts = _facts(
        "Rà soát năm 2014 cho thấy bình quân mỗi xã đạt 9,8 tiêu chí.\n\n"
        "Trong đó có 12 xã đạt từ 15-18 tiêu chí; 139 xã đạt dưới 10 tiêu chí. Các xã điểm của "
        "giai đoạn 2011-2015 đều đã có quy hoạch.",
        header="Phú Thọ: kết quả rà soát\n\n",
    )
    assert {f["year"] for f in facts} == {2014}


def test_a_decision_dates_what_it_decides_and_a_cited_plan_dates_nothing():
    facts = _facts(
        "Ngày 12/3/2024, UBND tỉnh ký Quyết định số 210/QĐ-UBND công nhận 2 xã đạt chuẩn NTM "
        "nâng cao. Thực hiện Kế hoạch số 120/KH-UBND ngày 15/4/2022, toàn tỉnh có 45 xã đạt "
        "chuẩn NTM."
    )
    assert _brief(facts, "kind", "count", "year", "decision") == [
        ("recognised_count", 2, 2024, "210/QĐ-UBND"),
        ("tier_count", 45, 2023, None),
    ]


def test_a_month_as_of_date():
    facts = _facts("Tính đến hết tháng 11/2024, toàn tỉnh có 112 xã đạt chuẩn nông thôn mới.")
    assert _brief(facts, "count", "year", "as_of") == [(112, 2024, "2024-11")]


# ---------------------------------------------------------------------------- E2 tiers


def test_a_list_takes_the_tier_of_its_own_clause_not_the_sentences_highest():
    facts = _facts(
        "Năm 2023, huyện Cẩm Xuyên có thêm 3 xã đạt chuẩn NTM nâng cao gồm các xã Cẩm Duệ, Cẩm "
        "Lạc, Cẩm Minh; xã Cẩm Mỹ đạt chuẩn NTM kiểu mẫu."
    )
    got = _brief(facts, "kind", "count", "commune", "tier", "confidence")
    assert got == [
        ("recognised_count", 3, None, "advanced", 0.9),
        ("recognised_commune", None, "Cẩm Duệ", "advanced", 0.9),
        ("recognised_commune", None, "Cẩm Lạc", "advanced", 0.9),
        ("recognised_commune", None, "Cẩm Minh", "advanced", 0.9),
        ("recognised_commune", None, "Cẩm Mỹ", "model", 0.9),
    ]


def test_a_list_with_one_verb_after_it_keeps_its_one_tier_across_a_semicolon():
    facts = _facts(
        "Năm 2023, các xã Cẩm Duệ, Cẩm Lạc (huyện Cẩm Xuyên); Thạch Long (huyện Thạch Hà) đạt "
        "chuẩn NTM nâng cao."
    )
    assert {f["tier"] for f in _kind(facts, "recognised_commune")} == {"advanced"}
    assert len(_kind(facts, "recognised_commune")) == 3


# ---------------------------------------------------------------------------- E3 fields


def test_an_expected_stock_is_a_target_stock_not_a_flow():
    facts = _facts(
        "Dự kiến đến cuối năm 2024, tỉnh sẽ có 4 huyện, 78 xã đạt chuẩn nông thôn mới, chiếm "
        "86,7% số xã."
    )
    got = _brief(facts, "kind", "unit_level", "count", "pct", "year", "is_target")
    assert got == [
        ("tier_count", "district", 4, None, 2024, True),
        ("tier_count", "commune", 78, 86.7, 2024, True),
    ]


def test_a_share_said_to_be_nearly_keeps_its_qualifier():
    (f,) = _facts("Toàn tỉnh có 299 xã đạt chuẩn NTM (đạt gần 73%).")
    assert (f["count"], f["pct"], f["pct_qualifier"]) == (299, 73, "approx")


def test_money_besides_a_named_source_is_not_that_source():
    facts = _facts(
        "Ngoài vốn ngân sách trung ương, giai đoạn 2021-2023 tỉnh đã huy động khoảng 9.800 tỷ "
        "đồng cho xây dựng nông thôn mới. Bên cạnh ngân sách tỉnh, năm 2023 người dân đóng góp "
        "được 210 tỷ đồng. Ngoài ra, ngân sách tỉnh hỗ trợ 50 tỷ đồng."
    )
    got = _brief(facts, "source_category", "amount_vnd", "qualifier", "flow", "period")
    assert got == [
        ("other", 9_800_000_000_000, "approx", "mobilised", "2021-2023"),
        ("community", 210_000_000_000, "exact", None, "2023"),
        ("provincial", 50_000_000_000, "exact", None, "2023"),
    ]


def test_one_commune_at_full_score_is_a_band_with_its_member_not_a_flow():
    facts = _facts(
        "Cụ thể, có một xã đạt 19/19 tiêu chí (xã Thạch Long - huyện Thạch Hà đã được công nhận "
        "xã nông thôn mới); 25 xã đạt từ 15-18 tiêu chí (chiếm 12,4%)."
    )
    got = _brief(facts, "kind", "count", "min_met", "max_met", "communes", "commune")
    assert got == [
        ("criteria_band_count", 1, 19, 19, ["Thạch Long"], None),
        ("recognised_commune", None, None, None, None, "Thạch Long"),
        ("criteria_band_count", 25, 15, 18, [], None),
    ]


def test_the_average_of_a_counted_group_is_neither_the_areas_nor_a_target(tmp_path):
    facts = _facts(
        "Năm 2013, bình quân mỗi xã đạt 10,2 tiêu chí. Riêng 40 xã nằm trong lộ trình xây dựng "
        "nông thôn mới giai đoạn 2011-2015 đạt trung bình 14,9 tiêu chí."
    )
    got = _brief(facts, "value", "scope", "is_target", "year")
    assert got == [
        (10.2, None, False, 2013),
        (14.9, "40 xã nằm trong lộ trình xây dựng nông thôn mới giai đoạn 2011-2015", False, 2013),
    ]
    result = convert(
        [{**f, "doc_province": "Hà Tĩnh"} for f in facts], {"inline": "report_x"}, lang="en"
    )
    assert [r["value"] for r in result.tables["facts"]] == [10.2]
    (reject,) = result.rejects
    assert reject["reason"].startswith("the average of a group of communes (40 xã")


# ---------------------------------------------------------------------------- E4 places


def test_a_province_named_as_the_subject_is_the_area():
    facts = _facts(
        "Hiện nay Hà Nam có 98/98 xã đạt chuẩn nông thôn mới; bình quân toàn tỉnh đạt 19 tiêu "
        "chí/xã.",
        header="Về đích sớm hai năm\n05/11/2024\n\n",
    )
    assert {(f["area"], f["area_level"], f["area_code"]) for f in facts} == {
        ("Hà Nam", "province", "35")
    }


def test_the_whole_country_as_the_subject_is_the_area():
    facts = _facts(
        "Đến tháng 12/2023, cả nước có 6.033 xã (78,1%) đạt chuẩn nông thôn mới; bình quân "
        "toàn quốc đạt 17,1 tiêu chí/xã. Tỉnh Nam Định đứng thứ hai cả nước về tỷ lệ xã đạt "
        "chuẩn nông thôn mới nâng cao với 87 xã đạt chuẩn nông thôn mới nâng cao.",
        header="",
    )
    got = _brief(facts, "kind", "count", "area", "area_level", "admin_vintage")
    assert got == [
        ("tier_count", 6033, "Việt Nam", "country", None),
        ("avg_criteria", None, "Việt Nam", "country", None),
        ("tier_count", 87, "Nam Định", "province", "legacy"),
    ]


def test_a_title_the_body_states_again_is_one_fact_with_what_both_say():
    facts = _facts(
        "Ngày 20/11/2024, Chủ tịch UBND tỉnh ký Quyết định số 2710/QĐ-UBND công nhận 5 xã đạt "
        "chuẩn nông thôn mới nâng cao năm 2024.",
        header="Đến tháng 11/2024, Quảng Trị có thêm 5 xã đạt chuẩn nông thôn mới nâng cao\n\n",
    )
    assert _brief(facts, "count", "year", "as_of", "decision", "line") == [
        (5, 2024, "2024-11", "2710/QĐ-UBND", 3)
    ]


def test_an_undated_title_takes_the_date_the_body_gives():
    facts = _facts(
        "Sáng 2/3/2024, tỉnh Hà Tĩnh công bố thị xã Kỳ Anh hoàn thành nhiệm vụ xây dựng nông "
        "thôn mới năm 2023.",
        header="Thị xã Kỳ Anh hoàn thành nhiệm vụ xây dựng nông thôn mới\n03-03-2024\n\n",
    )
    assert _brief(facts, "kind", "district", "year") == [("recognised_district", "Kỳ Anh", 2023)]


def _docx(tmp_path, blocks: list) -> list[dict]:
    """A .docx of paragraphs (str) and tables (lists of rows), extracted with context."""
    doc = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            doc.add_paragraph(b)
            continue
        table = doc.add_table(rows=len(b), cols=len(b[0]))
        for r, row in enumerate(b):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    path = tmp_path / "bao_cao.docx"
    doc.save(str(path))
    return extract_file(path, context=True)


def test_a_money_table_takes_flow_and_year_from_the_line_above_it(tmp_path):
    facts = _docx(
        tmp_path,
        [
            "UBND HUYỆN CẨM XUYÊN",
            "BÁO CÁO Kết quả xây dựng nông thôn mới năm 2023",
            "Cẩm Xuyên, ngày 12 tháng 01 năm 2024",
            "II. NGUỒN LỰC",
            "Vốn đã huy động năm 2023 (đơn vị: triệu đồng):",
            [["TT", "Nguồn vốn", "Số tiền"], ["1", "Ngân sách tỉnh", "12.000"],
             ["", "Tổng cộng", "20.550,5"]],
            "III. PHƯƠNG HƯỚNG NĂM 2024",
        ],
    )  # fmt: skip
    got = _brief(facts, "source_category", "amount_vnd", "flow", "period", "area")
    assert got == [
        ("provincial", 12_000_000_000, "mobilised", "2023", "Cẩm Xuyên"),
        ("total", 20_550_500_000, "mobilised", "2023", "Cẩm Xuyên"),
    ]
    path = str(tmp_path / "bao_cao.docx")
    result = convert(facts, {path: source_id_of(path)})
    assert not result.rejects and len(result.tables["funding"]) == 2


def test_a_districts_table_under_an_as_of_line(tmp_path):
    facts = _docx(
        tmp_path,
        [
            "UBND TỈNH HÀ TĨNH",
            "BÁO CÁO Kết quả thực hiện Chương trình năm 2023",
            "Hà Tĩnh, ngày 10 tháng 01 năm 2024",
            "Số xã đạt chuẩn theo đơn vị đến ngày 31/12/2023:",
            [["TT", "Cụm xã", "Tổng số xã", "Số xã đạt chuẩn NTM", "NTM nâng cao", "Tỷ lệ (%)"],
             ["1", "Huyện Cẩm Xuyên", "21", "20", "9", "95,2"],
             ["2", "Thị xã Kỳ Anh", "11", "11", "2", "100"],
             ["", "Tổng cộng", "32", "31", "11", "96,9"]],
        ],
    )  # fmt: skip
    got = _brief(facts, "area", "tier", "count", "total", "pct", "year", "as_of")
    assert got == [
        ("Cẩm Xuyên", "ntm", 20, 21, 95.2, 2023, "2023-12-31"),
        ("Cẩm Xuyên", "advanced", 9, 21, None, 2023, "2023-12-31"),
        ("Kỳ Anh", "ntm", 11, 11, 100, 2023, "2023-12-31"),
        ("Kỳ Anh", "advanced", 2, 11, None, 2023, "2023-12-31"),
    ]


def test_a_share_goes_to_the_count_it_is_the_share_of():
    facts = _facts(
        "| TT | Huyện | Tổng số xã | Số xã đạt chuẩn NTM nâng cao | Số xã đạt chuẩn NTM | Tỷ lệ |\n"
        "| 1 | Cẩm Xuyên | 20 | 4 | 18 | 90% |"
    )
    assert _brief(facts, "tier", "count", "pct") == [("advanced", 4, None), ("ntm", 18, 90)]


def test_to_raw_writes_a_row_stated_twice_once_and_keeps_as_of_and_qualifiers(tmp_path):
    src = tmp_path / "bao_cao.txt"
    src.write_text(
        REPORT + "Lũy kế đến 31/12/2023, toàn tỉnh có 183 xã đạt chuẩn NTM (đạt gần 88%).\n"
        "| TT | Huyện | Tổng số xã | Số xã đạt chuẩn NTM | NTM nâng cao |\n"
        "| 1 | Cẩm Xuyên | 21 | 20 | 9 |\n",
        encoding="utf-8",
    )
    facts = extract_file(src, context=True)
    result = convert(facts, {str(src): source_id_of(src)})
    rows = {(r["area_name"], r["measure"]): r for r in result.tables["facts"]}
    assert result.repeated == 1 and not result.rejects
    assert rows[("Cẩm Xuyên", "communes_total")]["source_locator"] == "line 6"  # one row
    assert rows[("Hà Tĩnh", "communes_ntm")]["as_of"] == "2023-12-31"
    assert rows[("Hà Tĩnh", "communes_ntm_pct")]["qualifier"] == "approx"
    write_raw(result, tmp_path / "raw")
    built = build(tmp_path / "raw", tmp_path / "out", verbose=False, stagers=[])
    assert all(r.rejects.empty for r in built.values())


# ---------------------------------------------------------------------------- E5 missed


def test_counts_written_with_a_thousands_separator():
    facts = _facts("Toàn vùng có 1.256 xã (38,2%) đạt chuẩn nông thôn mới nâng cao.")
    assert _brief(facts, "count", "pct", "tier") == [(1256, 38.2, "advanced")]


def test_counts_of_two_levels_share_the_verb_after_them():
    facts = _facts(
        "Lũy kế đến 30/11/2023, toàn tỉnh có 348 xã và 1.287 thôn, bản đạt chuẩn nông thôn "
        "mới; 24 xã và 102 thôn đạt chuẩn nông thôn mới kiểu mẫu. Năm 2023 tỉnh phấn đấu có "
        "thêm 10 xã và 02 huyện đạt chuẩn NTM."
    )
    got = _brief(facts, "kind", "unit_level", "tier", "count", "as_of")
    assert got == [
        ("tier_count", "commune", "ntm", 348, "2023-11-30"),
        ("tier_count", "village", "ntm", 1287, "2023-11-30"),
        ("tier_count", "commune", "model", 24, "2023-11-30"),
        ("tier_count", "village", "model", 102, "2023-11-30"),
        ("recognised_count", "commune", "ntm", 10, None),
        ("recognised_count", "district", "ntm", 2, None),
    ]


def test_a_commune_merged_since_the_report_keeps_its_code_of_the_time():
    facts = _facts(
        "Năm 2023, UBND tỉnh công nhận xã Sơn Trường, huyện Hương Sơn và xã Thạch Hải, huyện "
        "Thạch Hà đạt chuẩn nông thôn mới nâng cao."
    )
    got = _brief(facts, "commune", "code", "admin_vintage", "confidence")
    assert got == [
        ("Sơn Trường", "18223", "pre2023", 0.9),  # merged into Hàm Trường in 2024
        ("Thạch Hải", "18571", "pre2023", 0.9),  # moved to the city of Hà Tĩnh in 2024
    ]
    rows = convert([{**f, "doc_province": "Hà Tĩnh"} for f in facts], {"inline": "report_x"})
    status = rows.tables["commune_status"]
    assert [(r["district_name"], r["admin_vintage"]) for r in status] == [
        ("Hương Sơn", "pre2023"),
        ("Thạch Hà", "pre2023"),
    ]


def test_the_model_field_after_a_head_noun():
    facts = _facts(
        'Năm 2023, xã Cẩm Thịnh, huyện Cẩm Xuyên đạt chuẩn NTM "Kiểu mẫu về Phát triển sản '
        'xuất"; xã Cẩm Lạc đạt chuẩn NTM kiểu mẫu về bảo vệ môi trường.'
    )
    assert _brief(facts, "commune", "field_key") == [
        ("Cẩm Thịnh", "production"),
        ("Cẩm Lạc", "environment"),
    ]


def test_the_rank_of_the_last_unit_to_reach_a_tier_is_a_count_of_the_date_referred_to():
    facts = _facts(
        "Sáng 2/3/2024, tỉnh Hà Tĩnh tổ chức công bố thị xã Kỳ Anh hoàn thành nhiệm vụ xây "
        "dựng nông thôn mới năm 2023. Đây là đơn vị cấp huyện thứ tám của tỉnh Hà Tĩnh đạt "
        "chuẩn, hoàn thành nhiệm vụ xây dựng nông thôn mới. Huyện miền núi thứ hai của tỉnh "
        "cũng đã đạt chuẩn nông thôn mới.",
        header="Kỳ Anh về đích\n03-03-2024\n\n",
    )
    got = _brief(facts, "kind", "district", "tier", "count", "area", "year")
    assert got == [
        ("recognised_district", "Kỳ Anh", "completed", None, None, 2023),
        ("tier_count", None, "ntm", 8, "Hà Tĩnh", 2023),
    ]


def test_a_count_before_another_of_its_level_is_not_given_its_verb():
    facts = _facts("Toàn huyện Cẩm Xuyên có 21 xã, 15 xã đạt chuẩn nông thôn mới.")
    assert _brief(facts, "count", "tier") == [(15, "ntm")]
