"""Regression tests for the spreadsheet defects of issues #15 and #16, each from an input
written here."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from ntm_analysis import cli, paths
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.results import Options

EN = Options(lang="en")
TITLE = [["Tỉnh: Lạng Sơn"], ["Huyện: Bắc Sơn"], ["Bộ tiêu chí: xã NTM"]]


def _book(path: Path, rows: list[list[object]], name: str = "2023", **kw) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = name
    for r in rows:
        ws.append(r)
    for r in kw.get("hidden_rows", []):
        ws.row_dimensions[r].hidden = True
    if kw.get("hidden_sheet"):
        ws.sheet_state = "hidden"
        wb.create_sheet("Khac")
    wb.save(path)
    return path


def _lines(result) -> list[str]:
    return [f"{p.sheet}:{p.row}:{p.column}: {p.message}" for p in result.problems]


# ---------------------------------------------------------------- one blank optional cell


def test_a_blank_score_rejects_nothing(tmp_path):
    """Regression: one blank 'Số tiêu chí đạt' made the others "'14.0' is not a whole number"."""
    book = _book(
        tmp_path / "tiers.xlsx",
        [
            *TITLE,
            ["STT", "Tên xã", "Năm", "Mức đạt chuẩn", "Số tiêu chí đạt"],
            [1, "Vũ Sơn", 2023, "NTM", 19],
            [2, "Long Đống", 2023, "Chưa đạt", None],
            [3, "Nhất Hòa", 2023, "Chưa đạt", 14],
        ],
    )
    result = ingest_files([book], EN)
    assert result.problems == []
    st = result.tables["commune_status"].set_index("commune_name")
    assert st.at["Vũ Sơn", "criteria_met"] == 19 and st.at["Nhất Hòa", "criteria_met"] == 14
    assert pd.isna(st.at["Long Đống", "criteria_met"]) and st.at["Long Đống", "tier"] == "none"


def test_a_blank_year_in_one_row_of_a_template_rejects_that_row_only(tmp_path):
    src = paths.RAW / "templates" / "muc_dat_chuan_xa.xlsx"
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows())
    header = next(r for r in rows if any(c.value == "Năm" for c in r))
    year_col = next(c.column for c in header if c.value == "Năm")
    data = [r for r in rows[header[0].row + 1 :] if isinstance(r[0].value, int)]
    data[0][year_col - 1].value = None
    out = tmp_path / "emptied.xlsx"
    wb.save(out)
    before = ingest_files([src], EN)
    after = ingest_files([out], EN)
    assert [p.message for p in after.problems] == ["year is blank"]
    assert after.rows_out == before.rows_out - 1


# ---------------------------------------------------------------- totals never a commune


def test_totals_row_of_a_tier_sheet_is_never_a_commune(tmp_path):
    """Regression: 'Tổng cộng' was fuzzy-matched to Long Đống and written."""
    book = _book(
        tmp_path / "tiers.xlsx",
        [
            *TITLE,
            ["STT", "Tên xã", "Năm", "Mức đạt chuẩn", "Số tiêu chí đạt"],
            [1, "Vũ Sơn", 2023, "NTM", 19],
            [2, "Long Đống", 2023, "Chưa đạt", 15],
            [None, "Tổng cộng", None, None, 35],
        ],
    )
    result = ingest_files([book], EN)
    assert _lines(result) == ["2023:7:E: summary row gives 35 but the rows above add up to 34"]
    st = result.tables["commune_status"]
    assert sorted(st["commune_name"]) == ["Long Đống", "Vũ Sơn"]
    assert result.rejects["reason"].tolist() == [
        "summary row: checked against the rows it sums, not ingested"
    ]
    assert cli.main(["check", "-q", str(book)]) == 1


@pytest.mark.parametrize("label", ["Tổng cộng", "Cộng", "TỔNG SỐ", "Toàn huyện", "Tổng cộng:"])
def test_totals_labels_in_the_number_column_are_totals(tmp_path, label):
    book = _book(
        tmp_path / "tc.xlsx",
        [
            *TITLE,
            ["STT", "Tên xã", *[f"TC{n}" for n in range(1, 20)]],
            [1, "Vũ Sơn", *["Đạt"] * 19],
            [2, "Long Đống", *["Đạt"] * 18, None],
            [label, None, *[2] * 18, 1],
        ],
    )
    result = ingest_files([book], EN)
    assert result.problems == []
    assert result.sheets[0].rows_rejected == 1 and result.sheets[0].rows_out == 2


def test_a_commune_whose_name_starts_like_a_total_is_a_commune(tmp_path):
    book = _book(
        tmp_path / "tc.xlsx",
        [
            ["Tỉnh: Hải Dương"],
            ["Huyện: Nam Sách"],
            ["Bộ tiêu chí: xã NTM"],
            ["STT", "Tên xã", *[f"TC{n}" for n in range(1, 20)]],
            [1, "Cộng Hòa", *["Đạt"] * 19],
        ],
    )
    result = ingest_files([book], Options(lang="en"))
    names = set(result.tables["criteria_status"]["commune_name"])
    assert names == {"Cộng Hòa"}, _lines(result)


# ---------------------------------------------------------------- long tier sheets


def test_long_tier_sheet_one_row_per_commune_per_year(tmp_path):
    """Regression: every row was rejected as a duplicate (the year was not in the key)."""
    rows = []
    for i, year in enumerate((2021, 2022, 2023)):
        rows += [[3 * i + 1, "Vũ Sơn", year, "NTM"], [3 * i + 2, "Long Đống", year, "Chưa đạt"]]
    book = _book(tmp_path / "long.xlsx", [*TITLE, ["STT", "Tên xã", "Năm", "Mức đạt chuẩn"], *rows])
    result = ingest_files([book], EN)
    assert result.problems == []
    assert len(result.tables["commune_status"]) == 6
    rows.append([9, "Vũ Sơn", 2022, "NTM nâng cao"])
    book = _book(tmp_path / "dup.xlsx", [*TITLE, ["STT", "Tên xã", "Năm", "Mức đạt chuẩn"], *rows])
    assert _lines(ingest_files([book], EN)) == [
        "2023:7:B: duplicate commune 'Vũ Sơn': again on row(s) 11",
        "2023:11:B: duplicate commune 'Vũ Sơn': already on row 7",
    ]


def test_duplicate_report_is_linear(tmp_path):
    """Regression: the duplicate report was quadratic (20k rows: 105 s)."""

    def run(n: int) -> float:
        rows = [[i, "Vũ Sơn", 2023, "NTM"] for i in range(n)]
        book = _book(tmp_path / f"d{n}.csv.xlsx", [*TITLE, ["STT", "Tên xã", "Năm", "Mức"], *rows])
        t0 = time.perf_counter()
        result = ingest_files([book], EN)
        assert result.rows_rejected == n
        return time.perf_counter() - t0

    small, large = run(1000), run(8000)
    assert large < 8 * small * 3, (small, large)


# ---------------------------------------------------------------- formulas without values


def test_formula_cells_without_a_saved_value_are_reported_not_blank(tmp_path):
    """Regression: =IF(…,"Đạt",…) written by a script read as blank, i.e. 19 × not met."""
    f = '=IF(1=1,"Đạt","Chưa đạt")'
    book = _book(
        tmp_path / "f.xlsx",
        [
            *TITLE,
            ["STT", "Tên xã", *[f"TC{n}" for n in range(1, 20)]],
            [1, "Vũ Sơn", *[f] * 19],
            [2, "Long Đống", *["Đạt"] * 19],
        ],
    )
    result = ingest_files([book], EN)
    assert _lines(result) == [
        '2023:5:C: formula \'=IF(1=1,"Đạt","Chưa đạt")\' has no saved value (the workbook '
        "was written by a program or not recalculated): open it in Excel or LibreOffice and "
        "save it again"
    ] + [
        f'2023:5:{c}: formula \'=IF(1=1,"Đạt","Chưa đạt")\' has no saved value (the workbook '
        "was written by a program or not recalculated): open it in Excel or LibreOffice and "
        "save it again"
        for c in "DEFGHIJKLMNOPQRSTU"
    ]
    assert set(result.tables["criteria_status"]["commune_name"]) == {"Long Đống"}
    assert cli.main(["check", "-q", str(book)]) == 1


# ---------------------------------------------------------------- repeated headers


def test_a_second_column_of_the_same_source_is_read(tmp_path):
    """Regression: a second 'Ngân sách tỉnh' column (500 million đồng) vanished."""
    book = _book(
        tmp_path / "von.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["Đơn vị tính: triệu đồng"],
            ["Loại vốn: phân bổ"],
            ["STT", "Huyện", "Năm", "Ngân sách tỉnh", "Ngân sách tỉnh", "Tổng cộng"],
            [1, "Bắc Sơn", 2023, 1000, 500, 1500],
        ],
        name="Von",
    )
    result = ingest_files([book], EN)
    assert _lines(result) == [
        "Von:4:E: note: column 'Ngân sách tỉnh' repeats column D; both are read (provincial budget)"
    ]
    assert result.errors == []
    fund = result.tables["funding"]
    prov = fund[fund["source_category"] == "provincial"]
    assert sorted(prov["amount_vnd"]) == [500_000_000, 1_000_000_000]
    assert set(prov["note"]) == {"column D 'Ngân sách tỉnh'", "column E 'Ngân sách tỉnh'"}


def test_repeated_year_and_tier_columns_are_blocks(tmp_path):
    """Regression: repeated 'Năm / Mức đạt chuẩn' headers made every row vanish."""
    book = _book(
        tmp_path / "blocks.xlsx",
        [
            *TITLE,
            ["STT", "Tên xã", "Năm", "Mức đạt chuẩn", "Năm", "Mức đạt chuẩn"],
            [1, "Vũ Sơn", 2022, "NTM", 2023, "NTM nâng cao"],
            [2, "Long Đống", 2022, "Chưa đạt", 2023, "NTM"],
        ],
    )
    result = ingest_files([book], EN)
    assert result.problems == [] and result.rows_in == 2 and result.rows_out == 2
    st = result.tables["commune_status"]
    got = {(n, y): t for n, y, t in zip(st["commune_name"], st["year"], st["tier"], strict=True)}
    assert got == {
        ("Vũ Sơn", 2022): "ntm",
        ("Vũ Sơn", 2023): "advanced",
        ("Long Đống", 2022): "none",
        ("Long Đống", 2023): "ntm",
    }


# ---------------------------------------------------------------- formula-like text


def test_formula_like_names_are_not_names_and_cells_are_inert(tmp_path):
    """Regression: '=Chiêu Vũ' was fuzzy-matched to a real commune; text cells starting
    with '=' went verbatim into the CSVs."""
    book = tmp_path / "inj.csv"
    book.write_text(
        "Tỉnh: Lạng Sơn\nHuyện: Bắc Sơn\nNăm: 2023\n\nTên xã,Mức đạt chuẩn,Quyết định công nhận\n"
        "=Chiêu Vũ,NTM,\n"
        'Vũ Sơn,NTM,"=HYPERLINK(""http://x"",""QĐ 12"")"\n'
        "@Long Đống,NTM,\n",
        "utf-8",
    )
    result = ingest_files([book], EN)
    assert _lines(result) == [
        "-:6:A: '=Chiêu Vũ' is not a place name (it starts with '=', like a formula)",
        "-:8:A: '@Long Đống' is not a place name (it starts with '@', like a formula)",
    ]
    out = tmp_path / "out"
    assert cli.main(["ingest", "-q", str(book), "-o", str(out)]) == 0
    text = next((out / "commune_status").glob("*.csv")).read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
    rejects = (out / "rejects.csv").read_text("utf-8-sig")
    assert "'=Chiêu Vũ" in rejects


# ---------------------------------------------------------------- huge and empty files


def test_a_csv_cell_over_128_kib_is_reported_and_the_other_files_go_on(tmp_path, capsys):
    big = tmp_path / "big.csv"
    big.write_text("Tên xã,TC1\n" + '"' + "x" * (200 * 1024) + '",Đạt\n', "utf-8")
    ok = paths.RAW / "templates" / "tieu_chi_xa.xlsx"
    result = ingest_files([big, ok], EN)
    assert result.failed_files == [str(big)]
    assert result.problems[0].message.startswith("line 2: field larger than field limit")
    assert result.rows_out > 0
    assert cli.main(["check", "-q", str(big), str(ok)]) == 1


def test_empty_csv_and_empty_xlsx_both_fail(tmp_path):
    for name in ("a.csv", "b.xlsx"):
        (tmp_path / name).write_bytes(b"")
        assert cli.main(["check", "-q", str(tmp_path / name)]) == 1
        assert ingest_files([tmp_path / name], EN).problems[0].message == "file is empty"


# ---------------------------------------------------------------- minor


def test_hidden_rows_and_sheets_are_read_with_a_notice(tmp_path):
    book = _book(
        tmp_path / "h.xlsx",
        [
            *TITLE,
            ["STT", "Tên xã", "Năm", "Mức đạt chuẩn"],
            [1, "Vũ Sơn", 2023, "NTM"],
            [2, "Long Đống", 2023, "Chưa đạt"],
        ],
        hidden_rows=[6],
        hidden_sheet=True,
    )
    result = ingest_files([book], EN)
    assert [x for x in _lines(result) if x.startswith("2023:")] == [
        "2023:None:None: note: the sheet is hidden in Excel; it was read like the others",
        "2023:None:None: note: row(s) 6 are hidden in Excel; they were read like the others",
    ]
    assert result.errors == [] and result.rows_out == 2
    assert cli.main(["check", "-q", str(book)]) == 0


def test_a_dot_thousands_number_beside_dot_decimals_is_ambiguous(tmp_path):
    book = _book(
        tmp_path / "n.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["Đơn vị tính: tỷ đồng"],
            ["Loại vốn: giải ngân"],
            ["STT", "Huyện", "Năm", "Ngân sách tỉnh"],
            [1, "Bắc Sơn", 2023, "1.5"],
            [2, "Chi Lăng", 2023, "2.345"],
        ],
        name="Von",
    )
    result = ingest_files([book], EN)
    assert _lines(result) == [
        "Von:6:D: provincial budget: '2.345' is ambiguous: other cells of this column use '.' "
        "as the decimal point (e.g. '1.5'), so it may be 2.345 or 2,345; write it without the "
        "dot or with a decimal comma"
    ]
    assert result.tables["funding"]["amount_vnd"].tolist() == [1_500_000_000]


def test_funding_note_column_is_carried_to_note(tmp_path):
    book = _book(
        tmp_path / "von.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["Đơn vị tính: triệu đồng"],
            ["Loại vốn: giải ngân"],
            ["STT", "Huyện", "Năm", "Ngân sách tỉnh", "Ghi chú"],
            [1, "Bắc Sơn", 2023, 120, "Vốn năm 2022 chuyển sang"],
        ],
        name="Von",
    )
    fund = ingest_files([book], EN).tables["funding"]
    assert fund["note"].tolist() == ["Vốn năm 2022 chuyển sang"]


def test_a_summary_row_sums_every_row_above_not_only_the_accepted_ones(tmp_path):
    """Regression: a totals row was compared with the rows accepted so far, so one rejected
    row made a correct total look wrong (and a wrong one look right)."""
    book = _book(
        tmp_path / "von.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["Huyện: Bắc Sơn"],
            ["Đơn vị tính: triệu đồng"],
            ["Loại vốn: giải ngân"],
            ["Năm: 2023"],
            ["STT", "Tên xã", "Ngân sách tỉnh"],
            [1, "Vũ Sơn", 100],
            [2, "Hòa Bình Xanh", 50],
            [3, "Long Đống", 25],
            ["Tổng cộng", None, 175],
        ],
        name="Von",
    )
    result = ingest_files([book], EN)
    assert [p.message.split(";")[0] for p in result.problems] == [
        "unknown commune 'Hòa Bình Xanh' in Lạng Sơn / Bắc Sơn"
    ]
    assert sorted(result.tables["funding"]["amount_vnd"]) == [25_000_000, 100_000_000]


def test_two_files_of_the_same_name_in_one_run_keep_apart(tmp_path):
    src = paths.RAW / "templates" / "tieu_chi_xa.xlsx"
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "bao_cao.xlsx").write_bytes(src.read_bytes())
    result = ingest_files([tmp_path / "a" / "bao_cao.xlsx", tmp_path / "b" / "bao_cao.xlsx"], EN)
    assert len(set(result.source_ids.values())) == 2
    assert result.sources["source_id"].is_unique
