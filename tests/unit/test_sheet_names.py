"""Names a national sheet writes short ("Yên Viên", "Mường Tè") where the same district
also has a town of that name, and commune names that begin like a totals word ("Công Sơn")."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ntm_analysis.places import gazetteer
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.rows import is_summary

CRITERIA = [f"TC{n}" for n in range(1, 20)]


def _criteria_book(path: Path, rows: list[list[object]], code_column: bool = True) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "2024"
    ws.append(["KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM 2024"])
    ws.append(["Bộ tiêu chí: xã NTM giai đoạn 2021-2025"])
    ws.append([])
    head = ["STT", "Tỉnh", "Huyện", "Tên xã"] + (["Mã xã"] if code_column else [])
    ws.append(head + CRITERIA)
    for i, r in enumerate(rows, start=1):
        ws.append([i, *r, *(["Đạt"] * 19)])
    wb.save(path)
    return path


def _lines(result) -> list[str]:
    return [p.text("en") for p in result.problems]


def _codes(result) -> list[str]:
    return list(dict.fromkeys(result.tables["criteria_status"]["unit_code"]))


def test_the_commune_code_on_the_row_settles_a_name_two_units_share(tmp_path):
    book = _criteria_book(
        tmp_path / "codes.xlsx",
        [["Lai Châu", "Mường Tè", "Mường Tè", "03445"], ["Hà Nội", "Gia Lâm", "Yên Viên", "00532"]],
    )
    result = ingest_files([book])
    assert _lines(result) == []
    assert _codes(result) == ["03445", "00532"]
    assert result.balanced


def test_in_a_programme_sheet_a_bare_name_shared_with_a_town_is_the_xa_with_a_notice(tmp_path):
    book = _criteria_book(
        tmp_path / "types.xlsx", [["Hà Nội", "Gia Lâm", "Yên Viên"]], code_column=False
    )
    result = ingest_files([book])
    (line,) = _lines(result)
    assert "'Yên Viên' is also the name of Thị trấn Yên Viên" in line
    assert "recorded as the xã (code 00532)" in line
    assert _codes(result) == ["00532"]
    vi = result.problems[0].text("vi")
    assert "cũng là tên của Thị trấn Yên Viên" in vi and "mã 00532" in vi


def test_two_xa_of_one_spelling_stay_ambiguous_and_the_message_names_the_district(tmp_path):
    # Chư Prông has both Xã Ia Băng and Xã Ia Bang: "Ia Bang" without a code is either
    book = _criteria_book(
        tmp_path / "twins.xlsx", [["Gia Lai", "Chư Prông", "Ia Bang"]], code_column=False
    )
    result = ingest_files([book])
    (line,) = _lines(result)
    assert line.endswith(
        "ambiguous commune 'Ia Bang' in Gia Lai / Chư Prông: Xã Ia Băng (23905), "
        "Xã Ia Bang (23924); add the commune code"
    )
    assert "criteria_status" not in result.tables or result.tables["criteria_status"].empty
    assert result.balanced


def test_a_code_that_is_not_one_of_the_candidates_settles_nothing(tmp_path):
    book = _criteria_book(tmp_path / "wrong.xlsx", [["Gia Lai", "Chư Prông", "Ia Bang", "99999"]])
    result = ingest_files([book])
    assert any("ambiguous commune 'Ia Bang'" in x for x in _lines(result))
    assert result.balanced


def test_communes_named_like_a_totals_word_are_read_as_communes(tmp_path):
    book = _criteria_book(
        tmp_path / "cong.xlsx",
        [["Lạng Sơn", "Cao Lộc", "Công Sơn", "06232"], ["Lạng Sơn", "Cao Lộc", "Tổng cộng", ""]],
    )
    result = ingest_files([book])
    assert _codes(result) == ["06232"]


@pytest.mark.parametrize("vintage", ["legacy", "2025"])
def test_no_unit_name_of_the_gazetteer_is_taken_for_a_totals_row(vintage):
    units = gazetteer.load_units(vintage)
    names = set(units["unit_name"].dropna()) | set(units["unit_name_short"].dropna())
    assert sorted(n for n in names if is_summary(n)) == []
