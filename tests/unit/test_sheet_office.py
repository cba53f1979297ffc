"""The office layout of issue #15: a Can Lộc workbook as a district sends it checks with only
its real problem, ingests every value exactly, and its annotated copy marks the cells."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ntm_analysis import cli
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.results import Options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "sheets"))
import office


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("office") / "can_loc_2024.xlsx"
    path.write_bytes(office.can_loc_office())
    return path


@pytest.fixture(scope="module")
def result(workbook):
    return ingest_files([workbook], Options(lang="en"))


def test_checks_with_only_its_real_problem_and_a_notice(workbook, result):
    f = str(workbook)
    assert [p.render("en") for p in result.problems] == [
        f"{f}:TC NC 2024:22:V: criteria met 16 but 15 of the criteria are marked met on this row",
        f"{f}:TC NC 2024:24:B: note: 'Trung Lộc' is not in the legacy list; recorded under its "
        "code 18472 of the pre2023 list, merged into Thị trấn Nghèn (18406) according to the "
        "row's note",
    ]
    assert result.problems[0].render("vi") == (
        f"{f}:TC NC 2024:22:V: số tiêu chí đạt ghi 16 nhưng dòng này có 15 tiêu chí được "
        "đánh dấu đạt"
    )
    assert [p.is_notice for p in result.problems] == [False, True]
    assert result.balanced


def test_every_criterion_mark_is_ingested_exactly(result):
    cs = result.tables["criteria_status"]
    assert set(cs["criteria_set"]) == {"commune_advanced_2021_2025"}
    assert set(cs["year"]) == {2024}
    for name, unmet in office.CAN_LOC_UNMET.items():
        if name in office.CAN_LOC_WRONG_SCORE:
            assert name not in set(cs["commune_name"])  # rejected: its score disagrees
            continue
        got = cs[cs["commune_name"] == name].set_index("criterion_no")["status"]
        want = {n: "not_met" if n in unmet else "met" for n in range(1, 20)}
        assert got.to_dict() == want, name
    codes = cs.drop_duplicates("commune_name").set_index("commune_name")
    for name, code in office.CAN_LOC_CODES.items():
        if name not in office.CAN_LOC_WRONG_SCORE:
            assert (codes.at[name, "unit_code"], codes.at[name, "admin_vintage"]) == (
                code,
                "legacy",
            )
    # the commune merged away keeps its own (2023) code; nothing went to its neighbours
    assert (codes.at["Trung Lộc", "unit_code"], codes.at["Trung Lộc", "admin_vintage"]) == (
        "18472",
        "pre2023",
    )
    assert "Đã sáp nhập vào TT Nghèn" in codes.at["Trung Lộc", "note"]
    assert "Tổng cộng" not in set(cs["commune_name"])
    assert len(cs) == 15 * 19


def test_scores_become_commune_status_records(result):
    st = result.tables["commune_status"].set_index("commune_name")
    assert len(st) == 15
    assert st.at["Gia Hanh", "criteria_met"] == 13
    assert st.at["Gia Hanh", "criteria_total"] == 19
    assert st.at["Thiên Lộc", "source_locator"] == "TC NC 2024!V9"
    assert set(st["record_kind"]) == {"assessment"}


def test_funding_in_trieu_with_decimals_is_exact_in_dong(result):
    fund = result.tables["funding"]
    got = {
        (a, c): v
        for a, c, v in zip(
            fund["area_name"], fund["source_category"], fund["amount_vnd"], strict=True
        )
    }
    assert got[("Thiên Lộc", "provincial")] == 652_100_000
    assert got[("Thiên Lộc", "community")] == 1_234_500_000  # "1.234,5" as text
    assert got[("Thiên Lộc", "other")] == 480_000_000  # Vốn lồng ghép
    assert got[("Thuần Thiện", "district")] == 215_250_000
    assert got[("Vượng Lộc", "community")] == 1_420_800_000
    assert ("Thanh Lộc", "credit") not in got  # a blank cell is no amount
    assert got[("Thiên Lộc", "total")] == 4_342_100_000
    cats = ["central", "provincial", "district", "commune", "other", "credit", "enterprise"]
    cats.append("community")
    for name, amounts in office.CAN_LOC_FUNDS.items():
        for cat, a in zip(cats, amounts, strict=True):
            if a is None:
                continue
            text = a.replace(".", "").replace(",", ".") if isinstance(a, str) else repr(a)
            assert got[(name, cat)] == int(Decimal(text) * 10**6), (name, cat)
    assert set(fund["flow"]) == {"mobilised"} and set(fund["period"]) == {"2024"}
    assert len(fund) == 5 * 9 - 1
    note = fund[fund["area_name"] == "Thuần Thiện"]["note"].unique().tolist()
    assert note == ["Xã đăng ký đạt chuẩn NTM nâng cao"]


def test_totals_rows_are_checked_and_rejected_as_totals(result):
    rej = result.rejects.set_index(["sheet", "row"])
    assert rej.at[("TC NC 2024", 25), "reason"].startswith("summary row")
    assert rej.at[("Nguon luc 2024", 14), "reason"].startswith("summary row")
    assert len(rej) == 3


def test_the_annotated_copy_marks_each_problem_cell(workbook, tmp_path, capsys):
    out = tmp_path / "checked.xlsx"
    assert cli.main(["check", "-q", str(workbook), "--xlsx", str(out)]) == 1
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Lỗi"
    ws = wb["TC NC 2024"]
    assert "số tiêu chí đạt ghi 16" in ws["V22"].comment.text
    assert ws["V22"].fill.fgColor.rgb.endswith("F8CBAD")
    assert "lưu ý" in ws["B24"].comment.text
    assert ws["B24"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws["C9"].value == "x" and ws["C9"].comment is None  # the rest is untouched
    listing = [[c.value for c in row] for row in wb["Lỗi"].iter_rows(min_row=2)]
    assert [r[:4] for r in listing] == [
        ["TC NC 2024", 22, "V", "lỗi"],
        ["TC NC 2024", 24, "B", "lưu ý"],
    ]


def test_reingesting_a_corrected_file_replaces_its_rows(workbook, tmp_path):
    out = tmp_path / "ingested"
    assert cli.main(["ingest", "-q", str(workbook), "-o", str(out)]) == 0
    first = pd.read_csv(next((out / "criteria_status").glob("*.csv")), dtype=str)
    assert len(first) == 15 * 19
    # the office corrects Mỹ Lộc's score and sends the file again under the same name
    fixed = office.book(*_corrected_sheets())
    workbook2 = tmp_path / workbook.name
    workbook2.write_bytes(fixed)
    assert cli.main(["ingest", "-q", str(workbook2), "-o", str(out)]) == 0
    files = list((out / "criteria_status").glob("*.csv"))
    assert len(files) == 1
    again = pd.read_csv(files[0], dtype=str)
    assert len(again) == 16 * 19
    rejects = pd.read_csv(out / "rejects.csv", dtype=str)
    assert len(rejects) == 2  # the two totals rows only; the old score reject is gone
    summary = pd.read_csv(out / "ingest_summary.csv", dtype=str)
    assert len(summary) == 2


def _corrected_sheets():
    office.CAN_LOC_WRONG_SCORE.clear()
    try:
        return [office.can_loc_criteria_sheet(), office.can_loc_funding_sheet()]
    finally:
        office.CAN_LOC_WRONG_SCORE["Mỹ Lộc"] = 16
