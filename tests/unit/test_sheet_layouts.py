"""Office layouts of the corpus (``o*`` cases, written by make_layouts.py): each ingests to
exactly the values in ``expected/<case>.values.json``; a few values are also checked here by
hand, from the figures the generator writes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ntm_analysis.sources.sheets.ingest import ingest_files

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(HERE))
import make_layouts  # noqa: E402

CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected"
LAYOUTS = sorted(make_layouts.CASES)


def test_at_least_forty_office_layouts_with_expectations():
    assert len(LAYOUTS) >= 40
    for case in LAYOUTS:
        assert (CORPUS / case).is_file(), case
        for suffix in (".txt", ".vi.txt", ".values.json"):
            assert (EXPECTED / f"{case}{suffix}").is_file(), (case, suffix)


@pytest.mark.parametrize("case", LAYOUTS)
def test_ingests_exactly_the_expected_values(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    want = json.loads((EXPECTED / f"{case}.values.json").read_text("utf-8"))
    got = json.loads(json.dumps(make_layouts.values_of(ingest_files([case])), ensure_ascii=False))
    assert got == want


def _ingest(case: str):
    return ingest_files([CORPUS / case])


def test_district_headings_settle_a_name_two_districts_share():
    """Chiến Thắng is in Bắc Sơn and in Chi Lăng; the heading above it says which."""
    for case in ("o25_district_headings_roman.xlsx", "o26_district_headings_in_number_column.xlsx"):
        st = _ingest(case).tables["commune_status"].set_index("commune_name")
        assert st.at["Chiến Thắng", "unit_code"] == "06481"
        assert st.at["Chiến Thắng", "district_name"] == "Chi Lăng"
        assert st.at["Vũ Sơn", "district_name"] == "Bắc Sơn"


def test_criteria_named_without_numbers_take_their_numbers_in_the_set():
    """'Y tế' is criterion 15 of the basic set and 14 of the advanced set."""
    basic = _ingest("o11_banner_over_basic_names.xlsx").tables["criteria_status"]
    adv = _ingest("o12_banner_over_advanced_names.xlsx").tables["criteria_status"]
    assert set(basic["criterion_no"]) == set(range(1, 20)) == set(adv["criterion_no"])
    # Vũ Sơn is the generator's commune 1: criteria 9 and 12 ... unmet per unmet_of(1)
    unmet = make_layouts.unmet_of(1)
    vu = basic[basic["commune_name"] == "Vũ Sơn"].set_index("criterion_no")["status"]
    assert sorted(vu[vu == "not_met"].index) == unmet
    # column Q holds 'Y tế' in both sheets: criterion 15 (basic) and 14 (advanced)
    assert set(basic[basic["source_locator"].str.contains("!Q")]["criterion_no"]) == {15}
    assert set(adv[adv["source_locator"].str.contains("!P")]["criterion_no"]) == {14}


def test_money_in_ty_and_trieu_with_decimals():
    fund = _ingest("o40_decimals_in_ty.xlsx").tables["funding"]
    got = dict(zip(fund["source_locator"], fund["amount_vnd"], strict=True))
    assert got["Von!C7"] == 12_345_000_000  # "12,345" tỷ
    assert got["Von!C8"] == 8_123_400_000  # 8.1234 tỷ
    assert got["Von!D8"] == 2_250_000_000  # "2,25" tỷ
    fund = _ingest("o39_unit_in_each_header.xlsx").tables["funding"]
    got = dict(zip(fund["source_locator"], fund["amount_vnd"], strict=True))
    assert got == {
        "Nguon von!C7": 1_250_500_000,
        "Nguon von!D7": 320_000_000,
        "Nguon von!C8": 845_000_000,
        "Nguon von!D8": 96_750_000,
    }


def test_banners_give_flows_and_years():
    fund = _ingest("o41_flow_banners.xlsx").tables["funding"]
    vu = fund[fund["area_name"] == "Vũ Sơn"].set_index(["flow", "source_category"])["amount_vnd"]
    assert vu[("planned", "central")] == 1_200_000_000
    assert vu[("disbursed", "central")] == 1_100_500_000
    assert vu[("disbursed", "district")] == 180_250_000
    tiers = _ingest("o43_tier_year_banners.xlsx").tables["commune_status"]
    nh = tiers[tiers["commune_name"] == "Nhất Hòa"].set_index("year")
    assert nh["tier"].to_dict() == {2022: "none", 2023: "ntm"}
    assert nh["criteria_met"].to_dict() == {2022: 12, 2023: 19}


def test_totals_and_headings_are_never_data():
    for case in LAYOUTS:
        result = ingest_files([CORPUS / case])
        for df in result.tables.values():
            for col in ("commune_name", "area_name"):
                if col in df:
                    names = " ".join(df[col].dropna()).lower()
                    for word in ("tổng", "cộng:", "toàn tỉnh", "huyện "):
                        assert word not in names, (case, word)
