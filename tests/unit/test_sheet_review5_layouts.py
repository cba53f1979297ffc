"""Layouts of the fifth review (``l5_*``, written by make_review5_layouts.py): each case
ingests to exactly ``expected/<case>.values.json`` (its lines are checked with the whole
corpus in test_ingest); the tests below check by hand what each layout was about."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ntm_analysis import cli
from ntm_analysis.sources.sheets.ingest import ingest_files

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(HERE))
import make_layouts  # noqa: E402
import make_review5_layouts  # noqa: E402

CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected"
CASES = sorted(make_review5_layouts.CASES)


def _ingest(stem: str, monkeypatch):
    monkeypatch.chdir(CORPUS)  # lines name the file as given
    return ingest_files([next(c for c in CASES if c.startswith(stem))])


def _lines(result, lang: str = "en") -> list[str]:
    return [p.render(lang) for p in result.problems]


@pytest.mark.parametrize("case", CASES)
def test_ingests_exactly_the_expected_values(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    want = json.loads((EXPECTED / f"{case}.values.json").read_text("utf-8"))
    got = json.loads(json.dumps(make_layouts.values_of(ingest_files([case])), ensure_ascii=False))
    assert got == want


@pytest.mark.parametrize("case", CASES)
def test_every_row_is_counted(case):
    result = ingest_files([CORPUS / case])
    assert result.balanced
    assert sum(s.rows_in for s in result.sheets) == result.rows_out + result.rows_rejected


def test_an_annex_title_states_the_set_and_year_and_scores_are_read(monkeypatch):
    result = _ingest("l5_01", monkeypatch)
    assert _lines(result) == [
        "l5_01_annex_title_scores.xlsx:Phu luc 02:13:V: criteria met '18/20': the set "
        "commune_advanced_2021_2025 has 19 criteria, not 20"
    ]
    assert _lines(result, "vi") == [
        "l5_01_annex_title_scores.xlsx:Phu luc 02:13:V: số tiêu chí đạt '18/20': bộ "
        "commune_advanced_2021_2025 có 19 tiêu chí, không phải 20"
    ]
    cs = result.tables["commune_status"].set_index("commune_name")
    assert cs["criteria_met"].to_dict() == {
        "Thiên Lộc": 19,
        "Vượng Lộc": 17,
        "Tùng Lộc": 16,
        "Xuân Lộc": 18,
    }
    assert set(cs["criteria_total"]) == {19} and set(cs["year"]) == {2024}
    crit = result.tables["criteria_status"]
    assert set(crit["criteria_set"]) == {"commune_advanced_2021_2025"}
    vuong = crit[crit["commune_name"] == "Vượng Lộc"]
    assert sorted(vuong.loc[vuong["status"] == "not_met", "criterion_no"]) == [5, 13]
    assert len(crit) == 4 * 19
    assert list(result.rejects["row"]) == [13]
    assert (result.rows_out, result.rows_rejected) == (4, 1)


def test_criterion_names_of_one_set_say_the_set_and_derived_columns_are_notices(monkeypatch):
    result = _ingest("l5_02", monkeypatch)
    assert _lines(result) == [
        "l5_02_set_from_criterion_names.xlsx:2024:7:-: note: criteria set not stated: "
        "commune_advanced_2021_2025 taken, the one set holding all 19 criteria the header names",
        "l5_02_set_from_criterion_names.xlsx:2024:7:W: note: column 'Xếp loại' is worked out "
        "from the criteria marks; it is not read",
        "l5_02_set_from_criterion_names.xlsx:2024:7:X: note: column 'Tỷ lệ (%)' is worked out "
        "from the criteria marks; it is not read",
    ]
    assert all(p.is_notice for p in result.problems)
    crit = result.tables["criteria_status"]
    phu = crit[crit["commune_name"] == "Phú Lộc"]
    assert sorted(phu.loc[phu["status"] == "not_met", "criterion_no"]) == [13, 17]
    path = CORPUS / next(c for c in CASES if c.startswith("l5_02"))
    assert cli.main(["check", str(path), "-q"]) == 0


def test_decision_number_and_date_under_a_banner_and_short_headers(monkeypatch):
    result = _ingest("l5_03", monkeypatch)
    assert result.problems == []
    cs = result.tables["commune_status"].set_index("commune_name")
    assert cs["decision"].to_dict() == {
        "Thiên Lộc": "1520/QĐ-UBND ngày 28/04/2022",
        "Gia Hanh": "2204/QĐ-UBND ngày 14/09/2023",
        "Kim Song Trường": "318/QĐ-UBND ngày 05/02/2024",
    }
    assert cs["year"].to_dict() == {"Thiên Lộc": 2022, "Gia Hanh": 2023, "Kim Song Trường": 2024}
    assert set(cs["tier"]) == {"advanced"} and set(cs["record_kind"]) == {"recognition"}
    assert (result.rows_out, result.rows_rejected) == (3, 0)


def test_three_row_funding_header_keeps_investment_and_recurrent_apart(monkeypatch):
    result = _ingest("l5_04", monkeypatch)
    assert result.problems == []
    fund = result.tables["funding"]
    nga = fund[fund["area_name"] == "Thường Nga"].set_index("source_category")["amount_vnd"]
    assert nga.to_dict() == {
        "total": 1_250_500_000,
        "central_investment": 800_000_000,
        "central_recurrent": 150_500_000,
        "provincial": 200_000_000,
        "district": 100_000_000,
    }
    assert (result.rows_out, result.rows_rejected) == (2, 1)  # the totals row, checked


def test_a_column_per_tier_gives_the_year_each_tier_was_reached(monkeypatch):
    result = _ingest("l5_05", monkeypatch)
    assert result.problems == []
    cs = result.tables["commune_status"]
    got = sorted(zip(cs["commune_name"], cs["tier"], cs["year"], strict=True))
    assert got == [
        ("Khánh Vĩnh Yên", "advanced", 2023),
        ("Khánh Vĩnh Yên", "ntm", 2016),
        ("Thuần Thiện", "advanced", 2021),
        ("Thuần Thiện", "model", 2024),
        ("Thuần Thiện", "ntm", 2014),
        ("Thượng Lộc", "ntm", 2018),
    ]
    assert set(cs["record_kind"]) == {"recognition"}


def test_funding_by_year_columns_districts_and_a_notes_sheet(monkeypatch):
    result = _ingest("l5_06", monkeypatch)
    assert _lines(result) == [
        "l5_06_funding_year_per_column.xlsx:Giai ngan:10:I: the years add up to 15 billion VND, "
        "not the total 16 billion VND",
        "l5_06_funding_year_per_column.xlsx:Ghi chu:-:-: note: the sheet holds 3 line(s) of "
        "text and no table; it is not read",
    ]
    assert _lines(result, "vi")[1] == (
        "l5_06_funding_year_per_column.xlsx:Ghi chu:-:-: lưu ý: trang tính chỉ có 3 dòng chữ, "
        "không có bảng; không được đọc"
    )
    fund = result.tables["funding"]
    assert set(fund["area_level"]) == {"district"}
    can_loc = fund[(fund["area_name"] == "Can Lộc") & (fund["source_category"] == "central")]
    assert dict(zip(can_loc["period"], can_loc["amount_vnd"], strict=True)) == {
        "2021": 12_000_000_000,
        "2022": 14_500_000_000,
        "2023": 15_250_000_000,
        "2024": 16_000_000_000,
        "2025": 17_000_000_000,
    }
    son = fund[fund["area_name"] == "Hương Sơn"]
    assert set(son["source_category"]) == {"central"}
    assert son["amount_vnd"].sum() == 4_550_500_000
    assert set(fund["flow"]) == {"disbursed"}
    by_sheet = {s.sheet: (s.rows_in, s.rows_rejected) for s in result.sheets}
    assert by_sheet == {"Giai ngan": (4, 1), "NSTW theo nam": (1, 0), "Ghi chu": (3, 3)}


def test_an_english_title_gives_year_and_area(monkeypatch):
    result = _ingest("l5_07", monkeypatch)
    assert result.problems == []
    cs = result.tables["commune_status"]
    assert set(cs["year"]) == {2023} and set(cs["district_name"]) == {"Can Lộc"}
