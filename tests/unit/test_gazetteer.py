"""Gazetteer: vintages, columns, crosswalk with splits, Hải Phòng regions, offline only."""

from __future__ import annotations

import csv
import socket

import pytest

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="session")
def legacy():
    return gazetteer.load_units("legacy")


@pytest.fixture(scope="session")
def new():
    return gazetteer.load_units("2025")


def test_units_columns_and_counts(legacy, new):
    assert list(legacy.columns) == gazetteer.UNIT_COLUMNS
    counts = legacy["level"].value_counts()
    assert counts["province"] == 63 and counts["commune"] > 10_000
    assert new["level"].value_counts()["province"] == 34
    assert set(new["level"]) == {"province", "commune"}
    assert legacy["unit_code"].map(type).eq(str).all()


def test_legacy_commune_row(legacy):
    row = legacy[(legacy["unit_code"] == "06337") & (legacy["level"] == "commune")].iloc[0]
    assert fold(row["unit_name"]) == "xa dong y"
    assert row["unit_type"] == "Xã"
    assert fold(row["district_name"]) == "huyen bac son"
    assert row["province_code"] == "20" and row["source_id"] == "pkg_vietnamadminunits_1_0_4"
    assert row["source_locator"].startswith("dataset.db:admin_units_legacy")


def test_2025_communes_have_area_and_province_parent(new):
    comm = new[new["level"] == "commune"]
    assert (comm["parent_code"] == comm["province_code"]).all()
    assert comm["area_km2"].notna().mean() > 0.95


def test_haiphong_regions(legacy, new):
    hp = new[(new["province_code"] == gazetteer.HAIPHONG_2025_CODE) & (new["level"] == "commune")]
    assert set(hp["region"]) == {"East", "West"}
    assert set(legacy.loc[legacy["province_code"] == "30", "region"]) == {"West"}
    assert legacy.loc[legacy["province_code"] == "01", "region"].isna().all()


def test_crosswalk_flags_splits():
    cw = gazetteer.load_crosswalk()
    assert list(cw.columns) == gazetteer.CROSSWALK_COLUMNS
    split = cw[cw["is_split"]]
    # every split legacy unit has several targets and exactly one main part
    per_unit = split.groupby("legacy_code")
    assert (per_unit.size() >= 2).all()
    assert (per_unit["is_main"].sum() == 1).all()
    assert cw.loc[~cw["is_split"], "is_main"].isna().all()
    # Trường Sơn town (An Lão, Hải Phòng) went partly to two 2025 units
    parts = gazetteer.successors(split.iloc[0]["legacy_code"])
    assert len(parts) >= 2


def test_every_legacy_commune_has_a_successor(legacy):
    cw = gazetteer.load_crosswalk()
    comm = legacy[legacy["level"] == "commune"]
    assert set(comm["unit_code"]) <= set(cw["legacy_code"])


def test_pre2023_vintage_has_merged_away_communes():
    assert "pre2023" in gazetteer.available_vintages()  # vietnam-provinces is a dependency
    pre = gazetteer.load_units("pre2023")
    kim_thanh = pre[
        (pre["level"] == "commune") & pre["district_name"].map(fold).eq("huyen kim thanh")
    ]
    assert "xa lai vu" in set(kim_thanh["unit_name"].map(fold))
    assert pre["source_id"].iloc[0] == "pkg_vietnam_provinces_0_5_0"


@pytest.mark.shared
def test_recognitions_unmatched_names_found_in_pre2023(shared_dir):
    path = shared_dir / "reference" / "haiphong" / "commune_recognitions.csv"
    pre = gazetteer.load_units("pre2023")
    comm = pre[pre["level"] == "commune"]
    names = set(zip(comm["district_name"].map(fold), comm["unit_name_short"].map(fold)))
    rows = [
        r for r in csv.DictReader(path.open(encoding="utf-8")) if r["note"].startswith("GAZETTEER:")
    ]
    found = [
        r
        for r in rows
        if any(
            d.endswith(fold(r["district_old"])) and n == fold(r["commune_old"]) for d, n in names
        )
    ]
    assert len(found) >= len(rows) // 2


def test_unknown_vintage():
    with pytest.raises(ValueError, match="unknown admin_vintage"):
        gazetteer.load_units("1999")


def test_short_names_are_written_names_without_a_type_qualifier(legacy):
    """The package tells namesakes apart with "(Xã)", "(Huyện)"; a sheet writes "Mỹ Thọ"."""
    assert not legacy["unit_name_short"].str.contains(r"\(", regex=True).any()
    my_tho = legacy[(legacy["unit_name_short"] == "Mỹ Thọ") & (legacy["parent_code"] == "873")]
    assert sorted(my_tho["unit_name"]) == ["Thị trấn Mỹ Thọ", "Xã Mỹ Thọ"]
    cao_lanh = legacy[(legacy["level"] == "district") & (legacy["unit_name_short"] == "Cao Lãnh")]
    assert sorted(cao_lanh["unit_type"]) == ["Huyện", "Thành phố"]
