"""The processed tables reproduce the source documents' own figures, with provenance."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
import yaml

from ntm_analysis.paths import RAW


@pytest.fixture(scope="module")
def tables(built):
    out, _ = built
    return {
        n: pd.read_parquet(out / f"{n}.parquet")
        for n in ("sources", "facts", "targets", "funding", "commune_status", "criteria_status")
    }


def _fact(facts, source, measure, **where):
    rows = facts[(facts["source_id"] == source) & (facts["measure"] == measure)]
    for k, v in where.items():
        rows = rows[rows[k] == v]
    assert len(rows) == 1, (source, measure, where, len(rows))
    return rows.iloc[0]["value"]


def test_every_row_has_a_registered_source_and_a_locator(tables):
    ids = set(tables["sources"]["source_id"])
    for name in ("facts", "targets", "funding", "commune_status", "criteria_status"):
        df = tables[name]
        assert df["source_id"].isin(ids).all(), name
        assert df["source_locator"].str.len().gt(0).all(), name


def test_bac_son_bands_add_up_to_the_stated_total(tables):
    f = tables["facts"]
    s = "ls_2023_bacson_inspection"
    bands = [
        _fact(f, s, m)
        for m in (
            "communes_19_criteria",
            "communes_15_18_criteria",
            "communes_10_14_criteria",
            "communes_5_9_criteria",
        )
    ]
    assert bands == [4, 6, 3, 4]
    assert sum(bands) == _fact(f, s, "communes_total") == 17
    banded = f[(f["source_id"] == s) & (f["measure"] == "criteria_met_band_min")]
    assert banded["area_code"].notna().all() and len(banded) == 17


def test_bac_son_criteria_lists_match_their_counts_and_sets(tables):
    cs = tables["criteria_status"]
    cs = cs[cs["source_id"] == "ls_2023_bacson_inspection"]
    counts = cs.groupby(["commune_name", "criteria_set", "status"]).size().unstack(fill_value=0)
    assert counts.loc[("Long Đống", "commune_ntm_2021_2025")].to_dict() == {"met": 14, "not_met": 5}
    assert counts.loc[("Đồng Ý", "commune_advanced_2021_2025")].to_dict() == {
        "met": 13,
        "not_met": 6,
    }
    assert counts.loc[("Vũ Sơn", "commune_advanced_2021_2025")].to_dict() == {
        "met": 15,
        "not_met": 4,
    }
    status = tables["commune_status"].set_index("commune_name")
    for name in ("Long Đống", "Đồng Ý", "Vũ Sơn"):
        met = counts.loc[name]["met"].iloc[0]
        assert status.at[name, "criteria_met"] == met


def test_bac_son_funding_by_source(tables):
    fu = tables["funding"]
    fu = fu[fu["source_id"] == "ls_2023_bacson_inspection"].set_index("source_category")
    assert fu["amount_vnd"].to_dict() == {
        "central_investment": 14_574_000_000,
        "central_recurrent": 1_250_000_000,
        "provincial": 650_000_000,
        "community": 3_504_980_000,
    }


def test_haiphong_2024_plan_and_achievement(tables):
    f, t = tables["facts"], tables["targets"]
    s = "hp_2024_conclusion"
    assert _fact(f, s, "communes_model") == 104
    assert _fact(f, s, "communes_total") == 137
    assert round(104 / 137 * 100) == _fact(f, s, "communes_model_pct") == 76
    planned = t[(t["source_id"] == s) & (t["measure"] == "communes_model") & (t["year"] == 2024)]
    assert planned["target_value"].tolist() == [92]
    assert 104 - 92 == _fact(f, s, "communes_model_above_plan")
    assert _fact(f, s, "model_works_completed") == 634
    assert round(634 / _fact(f, s, "model_works_total") * 100) == 80  # printed as 81 %
    parts = _fact(f, s, "budget_city_investment_vnd") + _fact(f, s, "budget_city_recurrent_vnd")
    total = tables["funding"].query("source_id == @s")["amount_vnd"].sum()
    assert parts == total == 3_783_000_000_000


def test_old_haiphong_model_communes_end_2024_is_one_line_of_pandas(tables):
    f, src = tables["facts"], tables["sources"]
    # How many communes of old Hải Phòng were model NTM at end-2024, according to which document?
    q = "area_code == '31' and admin_vintage == 'legacy' and measure == 'communes_model'"
    answer = f.query(f"{q} and year == 2024").merge(src, on="source_id")[["value", "document_no"]]
    assert (answer["document_no"] == "02/TB-VP").any()
    assert set(answer["value"]) == {104}  # the curated web figure agrees where it exists


def test_east_west_2025_shares(tables):
    f = tables["facts"]
    s = "hp_2025_supervision"
    assert _fact(f, s, "communes_model_pct", area_code="31", admin_vintage="legacy") == 58.4
    assert _fact(f, s, "communes_model_pct", area_code="30") == 21.2
    assert _fact(f, s, "communes_advanced_pct", area_code="30") == 49.7


def test_bac_giang_2023(tables):
    f = tables["facts"]
    s = "bg_2024_directive"
    assert _fact(f, s, "rural_income_mn_vnd_per_person_year") == 52
    assert _fact(f, s, "poverty_rate_pct") == 2.63
    assert _fact(f, s, "villages_model_added") == 119


def test_reference_recognitions_are_staged_with_their_pages(tables):
    cs = tables["commune_status"]
    rec = cs[cs["raw_row"].str.startswith("reference/")]
    assert len(rec) == 144
    assert rec["source_id"].str.startswith("web_").all()
    assert (rec["unit_code"].notna() == rec["admin_vintage"].notna()).all()


def test_reference_copies_are_verbatim(shared_dir):
    for side in sorted((RAW / "reference").glob("*.source.yml")):
        meta = yaml.safe_load(side.read_text(encoding="utf-8"))
        copy = side.with_name(side.name.removesuffix(".source.yml"))
        data = copy.read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta["sha256"]
        assert (shared_dir / meta["origin"].removeprefix("shared/")).read_bytes() == data
