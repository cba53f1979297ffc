"""Regression cases of the corpus (``r*``, written by make_regressions.py): what an independent
review found read wrongly in workbooks laid out as offices send them. Each case ingests to
exactly ``expected/<case>.values.json`` (its lines are checked with the whole corpus in
test_ingest); the tests below check by hand what each defect was about."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from ntm_analysis import cli
from ntm_analysis.model import validate
from ntm_analysis.sources.sheets.grids import read_grids
from ntm_analysis.sources.sheets.ingest import MODEL_RULES, ingest_files
from ntm_analysis.sources.sheets.layout import locate

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(HERE))
import make_layouts  # noqa: E402
import make_regressions  # noqa: E402
import office  # noqa: E402

CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected"
CASES = sorted(make_regressions.CASES)


def _case(stem: str) -> str:
    return next(c for c in CASES if c.startswith(stem))


def _ingest(stem: str):
    return ingest_files([CORPUS / _case(stem)])


def _lines(result, lang: str = "en") -> list[str]:
    return [p.text(lang) for p in result.problems]


@pytest.mark.parametrize("case", CASES)
def test_ingests_exactly_the_expected_values(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    want = json.loads((EXPECTED / f"{case}.values.json").read_text("utf-8"))
    got = json.loads(json.dumps(make_layouts.values_of(ingest_files([case])), ensure_ascii=False))
    assert got == want


@pytest.mark.parametrize("case", CASES)
def test_every_row_is_counted_on_its_own(case):
    result = ingest_files([CORPUS / case])
    assert result.balanced
    data_rows = sum(s.rows_in for s in result.sheets)
    assert data_rows == result.rows_out + result.rows_rejected


# ---------------------------------------------------------------------------- S1


def test_a_data_row_with_a_prefixed_name_is_never_the_header():
    result = _ingest("r01")
    assert result.problems == []
    (sheet,) = result.sheets
    assert (sheet.kind, sheet.rows_in, sheet.rows_out, sheet.records) == ("funding", 1, 1, 4)
    grid = read_grids(CORPUS / _case("r01"))[0]
    layout = locate(grid)
    assert grid.rows[layout.header_row][1] == "Tên xã"
    fund = result.tables["funding"].set_index("source_category")["amount_vnd"]
    assert fund.to_dict() == {
        "total": 450_000_000,
        "provincial": 300_000_000,
        "district": 100_000_000,
        "community": 50_000_000,
    }


def test_prefixed_names_under_a_header_of_two_rows_are_all_read():
    result = _ingest("r02")
    assert result.problems == []
    assert (result.rows_in, result.rows_out, result.rows_rejected) == (4, 3, 1)  # 1 = "Cộng"
    names = set(result.tables["funding"]["area_name"])
    assert names == {"Tiên Lương", "Minh Tân", "Tam Sơn"}


def test_criteria_headed_by_bare_numbers_beside_rows_of_marks():
    result = _ingest("r03")
    assert result.problems == []
    (sheet,) = result.sheets
    assert (sheet.kind, sheet.rows_in, sheet.rows_out) == ("criteria_status", 3, 3)
    crit = result.tables["criteria_status"]
    phu = crit[crit["commune_name"] == "Gia Phú"].set_index("criterion_no")["status"]
    assert list(phu[phu == "not_met"].index) == [6]


def test_a_row_above_the_header_is_counted_and_rejected():
    result = _ingest("r04")
    (sheet,) = result.sheets
    assert (sheet.rows_in, sheet.rows_out, sheet.rows_rejected) == (3, 2, 1)
    rej = result.rejects.set_index("row")
    assert "above the table's header" in rej.at[4, "reason"] or "tiêu đề" in rej.at[4, "reason"]
    assert _lines(result) == [
        "this row is above the table's header but looks like one of its rows; it is not read "
        "(is the header placed right?)"
    ]


def test_a_unit_unknown_to_the_gazetteer_beside_figures_is_a_data_row(tmp_path):
    """ "Xã Hoa Mai" is no commune of Gia Viễn; with 1 2 3 4 beside it the row still is data
    (rejected as an unknown commune), not a header of criteria numbered 1 to 4."""
    s = office.Sheet("Von 2024")
    title = ["KẾT QUẢ HUY ĐỘNG VỐN NĂM 2024"]
    office.title_block(s, 6, ["UBND HUYỆN GIA VIỄN"], title, unit="ĐVT: triệu đồng")
    s.add(["Huyện Gia Viễn, tỉnh Ninh Bình"])
    s.add(["STT", "Tên xã", *make_regressions.MONEY])
    s.add([1, "Xã Hoa Mai", 10, 4, 3, 3])
    path = tmp_path / "hoa_mai.xlsx"
    path.write_bytes(office.book(s))
    result = ingest_files([path])
    (sheet,) = result.sheets
    assert (sheet.kind, sheet.rows_in, sheet.rows_out, sheet.rows_rejected) == ("funding", 1, 0, 1)
    assert [p.row for p in result.problems] == [8]
    assert "unknown commune 'Xã Hoa Mai'" in _lines(result)[0]


# ---------------------------------------------------------------------------- S3


@pytest.mark.parametrize("stem", ["r05", "r06", "r07"])
def test_a_don_vi_column_of_communes_is_read_as_communes(stem):
    result = _ingest(stem)
    fund = result.tables["funding"]
    assert set(fund["area_level"]) == {"commune"}
    assert not [x for x in _lines(result) if "unknown district" in x]


def test_district_headings_set_the_district_of_the_communes_below():
    result = _ingest("r05")
    assert result.problems == []
    codes = result.tables["funding"].drop_duplicates("area_name").set_index("area_name")
    assert codes["area_code"].to_dict() == {
        "Hà Bắc": "15280",
        "Hà Giang": "15292",
        "Yên Phú": "15409",
        "Định Tân": "15457",
    }
    reasons = set(result.rejects["reason"])
    assert any("Hà Trung" in r for r in reasons) and any("Yên Định" in r for r in reasons)


# ---------------------------------------------------------------------------- S2


def test_a_commune_of_the_2023_list_keeps_its_own_code_never_its_successors():
    result = _ingest("r08")
    st = result.tables["commune_status"].set_index("commune_name")
    assert st.loc["Cổ Dũng", ["unit_code", "admin_vintage"]].to_list() == ["10762", "pre2023"]
    assert st.loc["Bình Dân", ["unit_code", "admin_vintage"]].to_list() == ["10798", "pre2023"]
    assert st.loc["Lai Vu", ["unit_code", "admin_vintage"]].to_list() == ["10753", "pre2023"]
    # the legacy list gives 10762 to Vũ Dũng: no record is written under it
    crit = result.tables["criteria_status"]
    assert not ((crit["unit_code"] == "10762") & (crit["admin_vintage"] == "legacy")).any()
    assert set(crit["commune_name"]) == {"Tuấn Việt", "Cổ Dũng", "Kim Anh", "Lai Vu", "Bình Dân"}
    lines = _lines(result)
    assert any("'Cổ Dũng'" in x and "that code is Xã Vũ Dũng" in x for x in lines)
    assert all(p.is_notice for p in result.problems)


def test_a_town_of_the_2023_list_is_named_a_town_not_an_ambiguous_commune():
    result = _ingest("r09")
    lines = _lines(result)
    assert "'Thị trấn Me' is a thị trấn, not a commune (xã) of the programme" in lines
    assert not [x for x in lines if "ambiguous" in x]
    st = result.tables["commune_status"].set_index("commune_name")
    assert st.at["Gia Thắng", "unit_code"] == "14506"  # not 14506 of Tiến Thắng (legacy)
    assert st.at["Gia Thắng", "admin_vintage"] == "pre2023"
    assert "Thịnh Vượng" not in " ".join(st.index)


def test_a_town_in_a_funding_sheet_is_kept_with_a_notice():
    result = _ingest("r07")
    assert [p.is_notice for p in result.problems] == [True]
    assert _lines(result, "vi") == [
        "lưu ý: 'TT Thanh Hà' là thị trấn, không phải xã thuộc Chương trình; được ghi là đơn "
        "vị cấp xã"
    ]


# ---------------------------------------------------------------------------- S4


def test_a_tier_stated_in_the_title_is_read_as_recognitions_with_decisions():
    st = _ingest("r10").tables["commune_status"]
    assert set(st["tier"]) == {"model"} and set(st["record_kind"]) == {"recognition"}
    assert set(st["year"]) == {2024}


def test_a_standing_as_of_a_date_is_an_assessment():
    st = _ingest("r11").tables["commune_status"]
    assert set(st["tier"]) == {"ntm"} and set(st["record_kind"]) == {"assessment"}
    assert st.set_index("commune_name").at["Ngô Xá", "unit_code"] == "08350"


def test_a_tier_column_beside_decisions_gives_recognitions():
    st = _ingest("r13").tables["commune_status"].set_index("commune_name")
    assert set(st["record_kind"]) == {"recognition"}
    assert st.at["Đức Phong", "tier"] == "model" and st.at["Đức Thạnh", "year"] == 2023


def test_a_file_without_a_known_table_does_not_pass_silently(tmp_path, capsys):
    case = CORPUS / _case("r12")
    result = ingest_files([case])
    assert result.unread_files == [str(case)]
    assert cli.main(["ingest", "-q", str(case), "-o", str(tmp_path)]) == 1
    assert "1 tệp không có bảng quen thuộc" in capsys.readouterr().out  # --lang vi by default
    ok = CORPUS / _case("r10")
    assert cli.main(["ingest", "-q", str(ok), "-o", str(tmp_path / "ok")]) == 0


# ---------------------------------------------------------------------------- S5–S7


def test_odd_values_are_read_exactly_or_reported():
    result = _ingest("r14")
    lines = _lines(result)
    assert lines[0] == (
        "note: 4 cell(s) written '-' are read as no value, like blank cells (E8, D10, D12, E12)"
    )
    assert "'3.250' is ambiguous: other cells of this column hold decimal numbers" in lines[1]
    assert "'1,234.5' is not a number" in lines[2] and "'15 tỷ' is not a number" in lines[3]
    assert (
        lines[4] == "summary row gives 100 million VND but the rows above add up to 95 million VND"
    )
    fund = result.tables["funding"]
    assert sorted(fund["source_locator"]) == ["Von 2023!C12", "Von 2023!C8", "Von 2023!D8"]
    assert fund["note"].isna().sum() == 2  # Quang Trung, written as the gazetteer writes it


_ENGLISH = re.compile(r"\b(the|is|not|of|and|a|no|after|with|only|must|required)\b")


@pytest.mark.parametrize(
    "case", sorted(p.name for p in CORPUS.iterdir() if p.name.startswith(("m", "o", "r", "v")))
)
def test_vietnamese_lines_carry_no_english_sentence(case):
    for line in (EXPECTED / f"{case}.vi.txt").read_text("utf-8").splitlines():
        message = line.split(": ", 1)[1]
        message = re.sub(r"'[^']*'|\([^)]*\.(xlsx|csv)[^)]*\)|[a-z_]+_[a-z_0-9]+", "", message)
        assert not _ENGLISH.search(message), line


def test_every_data_model_rule_of_the_sheet_tables_is_in_the_catalogue():
    for table in ("facts", "funding", "commune_status", "criteria_status"):
        for spec in validate.RULES[table]:
            assert spec.reason in MODEL_RULES, (table, spec.reason)
