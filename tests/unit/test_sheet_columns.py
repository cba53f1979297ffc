"""Every column of a funding table is read or said not to be: an amount column without a
source beside columns that name theirs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ntm_analysis.sources.sheets.ingest import ingest_files


def _book(path: Path, header: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Vốn"
    ws.append(["BIỂU TỔNG HỢP VỐN THỰC HIỆN CHƯƠNG TRÌNH NTM NĂM 2024 - HUYỆN CAN LỘC"])
    ws.append(["Loại vốn: phân bổ"])
    ws.append(["ĐVT: triệu đồng"])
    ws.append(header)
    ws.append([1, "Thiên Lộc", 1000, 500, 200])
    ws.append([2, "Thuần Thiện", 800, 400, 100])
    wb.save(path)
    return path


def test_an_amount_without_source_beside_source_columns_is_reported_not_dropped(tmp_path):
    header = ["STT", "Tên xã", "Ngân sách trung ương", "Ngân sách tỉnh", "Kinh phí"]
    result = ingest_files([_book(tmp_path / "a.xlsx", header)])
    (problem,) = result.problems
    assert (problem.row, problem.column) == (4, "E")
    assert problem.text("en").startswith("column 'Kinh phí' gives amounts without their source")
    assert problem.text("vi").startswith("cột 'Kinh phí' ghi số tiền mà không nêu nguồn vốn")
    fund = result.tables["funding"]
    millions = sorted(fund["amount_vnd"].astype(int) // 1_000_000)
    assert millions == [400, 500, 800, 1000]
    assert result.balanced


def test_the_same_column_named_for_its_source_is_read(tmp_path):
    header = ["STT", "Tên xã", "Ngân sách trung ương", "Ngân sách tỉnh", "Vốn khác"]
    result = ingest_files([_book(tmp_path / "b.xlsx", header)])
    assert result.problems == []
    assert len(result.tables["funding"]) == 6
