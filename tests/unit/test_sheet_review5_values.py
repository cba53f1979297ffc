"""Cases of the fifth independent review (``v5_*``, written by make_review5_values.py): values
read wrongly without a word. Each test asserts the exact lines in both languages, the exact
values ingested and that rows in = rows written + rows rejected, counted on their own."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import openpyxl

from ntm_analysis.sources.sheets.annotate import write_annotated
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.messages import Figure, msg
from ntm_analysis.sources.sheets.rows import starts_table

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(HERE))
import make_review5_values  # noqa: E402

CORPUS = HERE / "corpus"


def _ingest(stem: str):
    name = next(c for c in make_review5_values.CASES if c.startswith(stem))
    result = ingest_files([CORPUS / name])
    assert result.balanced
    return result


def _lines(result, lang: str) -> list[str]:
    return [f"{p.sheet}:{p.row or '-'}:{p.column or '-'}: {p.text(lang)}" for p in result.problems]


def _counts(result) -> list[tuple[str, str, int, int, int]]:
    return [(s.sheet, s.kind, s.rows_in, s.rows_out, s.rows_rejected) for s in result.sheets]


def test_decisions_written_out_are_data_rows_with_number_and_date():
    result = _ingest("v5_01")
    assert _lines(result, "en") == [
        "DS 2022:8:C: '31/4/2022' in the decision-date column is not a day of the calendar",
        "DS 2022:9:C: decision dated '20/12/2021', before the year of the record (2022); is the "
        "year or the date wrong?",
        "DS 2022:10:B: the name in merged cells B10:B11 is read on each of its 2 rows",
        "DS 2022:10:B: duplicate commune 'Xã Hoằng Cát': again on row(s) 11",
        "DS 2022:11:B: duplicate commune 'Xã Hoằng Cát': already on row 10",
    ]
    assert _lines(result, "vi")[:3] == [
        "DS 2022:8:C: '31/4/2022' ở cột ngày quyết định không phải ngày có thật",
        "DS 2022:9:C: quyết định ghi ngày '20/12/2021', trước năm của dòng (2022); năm hay ngày "
        "ghi sai?",
        "DS 2022:10:B: tên trong ô gộp B10:B11 được đọc cho cả 2 dòng của ô",
    ]
    df = result.tables["commune_status"].sort_values("unit_code")
    assert list(zip(df["commune_name"], df["decision"], strict=True)) == [
        ("Hoằng Xuân", "215/QĐ-UBND ngày 05/04/2022"),
        ("Hoằng Giang", "216/QĐ-UBND ngày 06/04/2022"),
        ("Hoằng Quỳ", "218/QĐ-UBND ngày 20/12/2021"),
    ]
    assert _counts(result) == [("DS 2022", "commune_tiers", 6, 3, 3)]
    assert sorted(result.rejects["row"]) == [8, 10, 11]


def test_english_thousands_beside_whole_amounts_are_ambiguous():
    result = _ingest("v5_02")
    assert _lines(result, "vi") == [
        "Von 2024:7:C: ngân sách tỉnh/thành phố: '3,000' không rõ nghĩa: các ô khác trong cột "
        "là số nguyên (ví dụ 1.800), dấu ',' có thể là dấu phân cách hàng nghìn kiểu tiếng Anh, "
        "nên có thể là 3 hoặc 3.000; hãy viết không có dấu phẩy",
        "Von 2024:8:D: cộng đồng, người dân đóng góp: '1,250' không rõ nghĩa: các ô khác trong "
        "cột là số nguyên (ví dụ 250), dấu ',' có thể là dấu phân cách hàng nghìn kiểu tiếng "
        "Anh, nên có thể là 1,25 hoặc 1.250; hãy viết không có dấu phẩy",
    ]
    assert _lines(result, "en")[0] == (
        "Von 2024:7:C: provincial budget: '3,000' is ambiguous: other cells of this column hold "
        "whole numbers (e.g. 1,800), so the ',' may group thousands and it may be 3 or 3,000; "
        "write it without the comma"
    )
    df = result.tables["funding"].sort_values("source_category")
    assert list(zip(df["area_name"], df["source_category"], df["amount_vnd"], strict=True)) == [
        ("Tân Dân", "community", 12_500_000),
        ("Tân Dân", "provincial", 950_000_000),
    ]
    assert _counts(result) == [("Von 2024", "funding", 3, 1, 2)]


def test_unknown_district_heading_places_nothing_and_names_the_right_district():
    result = _ingest("v5_03")
    assert _lines(result, "en") == [
        "TH 2023:8:B: unknown commune 'Xã Thiên Lộc' in Hà Tĩnh / ĐỨC THỌ; there is a commune "
        "of that name in Can Lộc: is it under the wrong district?",
        "TH 2023:9:B: heading names district 'SÔNG LAM', which Hà Tĩnh does not have; the "
        "communes under it are not placed",
    ]
    assert _lines(result, "vi") == [
        "TH 2023:8:B: không tìm thấy xã 'Xã Thiên Lộc' ở Hà Tĩnh / ĐỨC THỌ; có xã tên này ở "
        "Can Lộc: có phải ghi nhầm dưới huyện khác?",
        "TH 2023:9:B: dòng tiêu đề ghi huyện 'SÔNG LAM', nhưng Hà Tĩnh không có huyện này; các "
        "xã bên dưới không được ghi",
    ]
    df = result.tables["criteria_status"]
    assert set(df["commune_name"]) == {"Tùng Châu"} and len(df) == 19
    rejects = result.rejects.set_index("row")["reason"]
    assert rejects[10] == msg("under_unknown_district", district="SÔNG LAM").render("vi")
    assert _counts(result) == [("TH 2023", "criteria_status", 5, 1, 4)]


def test_tier_totals_are_checked_and_unsaved_total_formulas_reported():
    result = _ingest("v5_04")
    assert _lines(result, "vi") == [
        "Muc dat chuan:9:E: dòng tổng ghi 7 xã nhưng trong 3 dòng cộng vào có 3 xã đã đạt chuẩn "
        "(NTM trở lên)",
        "Von 2024:7:C: công thức '=SUM(C8:C9)' chưa có giá trị lưu sẵn (tệp do phần mềm tạo "
        "hoặc chưa tính lại): mở bằng Excel hoặc LibreOffice rồi lưu lại",
        "Von 2024:7:D: công thức '=SUM(D8:D9)' chưa có giá trị lưu sẵn (tệp do phần mềm tạo "
        "hoặc chưa tính lại): mở bằng Excel hoặc LibreOffice rồi lưu lại",
    ]
    assert _lines(result, "en")[0] == (
        "Muc dat chuan:9:E: summary row gives 7 communes but 3 of the 3 rows it sums have "
        "reached a tier (NTM or above)"
    )
    reasons = {(r.sheet, r.row): r.reason for r in result.rejects.itertuples(index=False)}
    assert reasons[("Muc dat chuan", 9)] == msg("summary_row").render("vi")
    assert reasons[("Von 2024", 7)] == msg("summary_row_unchecked").render("vi")
    assert _counts(result) == [
        ("Muc dat chuan", "commune_tiers", 4, 3, 1),
        ("Von 2024", "funding", 3, 2, 1),
    ]
    assert len(result.tables["commune_status"]) == 9


def test_a_second_table_ends_the_first_and_a_hidden_column_is_said():
    result = _ingest("v5_05")
    en = _lines(result, "en")
    assert en == [
        "Von 2023:-:-: on every row (2 rows): area name is blank",
        "Von 2023:6:D: hidden columns D are read like the others",
        "Von 2023:7:C: summary row gives 3,100 million VND but rows 8–9 add up to 3,000 "
        "million VND",
        "Von 2023:12:-: another table starts here ('Biểu 2: Danh mục công trình hoàn thành "
        "trong năm'): the table above ends on the row before, and this one is read on its own",
        "Von 2023:13:-: year not stated: add a 'Năm' column or 'Năm: 2024' above the header, "
        "or pass --year",
    ]
    assert _lines(result, "vi")[1:3] == [
        "Von 2023:6:D: các cột bị ẩn D vẫn được đọc như các cột khác",
        "Von 2023:7:C: dòng tổng ghi 3.100 triệu đồng nhưng các dòng 8–9 cộng lại được 3.000 "
        "triệu đồng",
    ]
    df = result.tables["funding"]
    assert sorted(zip(df["area_name"], df["source_category"], df["amount_vnd"])) == [
        ("Thượng Lộc", "community", 250_000_000),
        ("Thượng Lộc", "district", 500_000_000),
        ("Thượng Lộc", "provincial", 1_800_000_000),
        ("Xuân Lộc", "community", 200_000_000),
        ("Xuân Lộc", "district", 400_000_000),
        ("Xuân Lộc", "provincial", 1_200_000_000),
    ]
    # the first table: totals + 2 communes; the second: its 2 rows, read on their own
    assert _counts(result) == [("Von 2023", "funding", 3, 2, 1), ("Von 2023", "works", 2, 0, 2)]
    assert sorted(result.rejects["row"]) == [7, 14, 15]


def test_names_written_otherwise_are_read_or_reported():
    result = _ingest("v5_06")
    assert _lines(result, "en") == [
        "TC 2023:8:B: ambiguous commune 'Xã Hoằng Trưng' in Thanh Hóa / Hoằng Hóa: Xã Hoằng "
        "Trung (15892), Xã Hoằng Trường (16006); write the name exactly as one of them, with "
        "its diacritics, or add the commune code",
        "TC 2023:9:B: 'Xã Hoằng Trạck' is read as Xã Hoằng Trạch (15967), the nearest name in "
        "the list; correct the name if that is not the commune meant",
    ]
    assert _lines(result, "vi")[1] == (
        "TC 2023:9:B: 'Xã Hoằng Trạck' được đọc là Xã Hoằng Trạch (15967), tên gần nhất trong "
        "danh mục; nếu không đúng xã, hãy sửa lại tên"
    )
    assert result.problems[1].is_notice
    df = result.tables["criteria_status"]
    assert sorted(set(zip(df["commune_name"], df["unit_code"]))) == [
        ("Hoằng Kim", "15889"),
        ("Hoằng Trạch", "15967"),
    ]
    # the heading just under the header is a row read (and rejected as a heading)
    assert _counts(result) == [("TC 2023", "criteria_status", 4, 2, 2)]
    assert sorted(result.rejects["row"]) == [6, 8]


def test_figures_are_written_as_each_language_writes_numbers():
    assert Figure(Decimal("3100"), 10**6).render("en") == "3,100 million VND"
    assert Figure(Decimal("3100"), 10**6).render("vi") == "3.100 triệu đồng"
    assert Figure(Decimal("1234.5")).render("en") == "1,234.5"
    assert Figure(Decimal("1234.5")).render("vi") == "1.234,5"


def test_a_caption_or_a_header_row_starts_a_table_a_place_or_total_does_not():
    assert starts_table(["DANH SÁCH THÔN ĐẠT CHUẨN KHU DÂN CƯ KIỂU MẪU"])
    assert starts_table(["TT", "Tên thôn", "Thuộc xã", "Năm đạt"])
    assert not starts_table(["Xã Hoằng Kim"])
    assert not starts_table(["I", "HUYỆN ĐỨC THỌ"])
    assert not starts_table(["", "Tổng cộng", 3100])
    assert not starts_table(["Ghi chú: số liệu đến 31/12"])


def test_a_problem_inside_a_merged_range_is_commented_with_its_own_cell(tmp_path):
    result = _ingest("v5_01")
    out = write_annotated(
        CORPUS / "v5_01_tier_list_decisions_written_out.xlsx",
        result.located,
        tmp_path / "out.xlsx",
        "en",
    )
    ws = openpyxl.load_workbook(out)["DS 2022"]
    text = ws["B10"].comment.text
    assert "• duplicate commune 'Xã Hoằng Cát': again on row(s) 11" in text
    assert "• B11: duplicate commune 'Xã Hoằng Cát': already on row 10" in text
    assert ws["B11"].comment is None
