"""What an area covers (`analysis.areas`): its legacy districts and communes by code, figures
kept under the name of the unit they describe, recognitions counted from named communes, and
money by funding source (one stated amount, or a sum labelled as computed).

Small hand-made frames; the codes are real legacy codes (Lạng Sơn 20, Bắc Sơn district 185
and its communes, Hải Dương 30 and its city 288) so that the gazetteer places them.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import areas

LONG_DONG, DONG_Y = "06328", "06337"


def _row(name: str, level: str, code: str | None, measure: str = "communes_total", **kw):
    row = {
        "area_name": name,
        "area_level": level,
        "area_code": code,
        "admin_vintage": "legacy",
        "year": 2023,
        "as_of": None,
        "period": None,
        "measure": measure,
        "value": 1.0,
        "unit": "communes",
        "qualifier": "exact",
        "source_id": "s",
        "source_locator": "p. 1",
        "note": None,
    }
    return row | kw


def test_a_province_takes_its_districts_and_communes_by_code_under_their_own_names():
    facts = pd.DataFrame(
        [
            _row("Lạng Sơn", "province", "20", value=200.0),
            _row("Bắc Sơn", "district", "185", value=17.0),
            _row("Bắc Sơn", "commune", "99999", value=5.0),  # a namesake commune elsewhere
            _row("Long Đống", "commune", LONG_DONG, "communes_ntm", value=1.0),
            _row("Bắc Sơn", "district", "999", value=3.0),  # a namesake district elsewhere
        ]
    )
    k = areas.key_figures(facts, "Lạng Sơn").set_index("part")
    assert k.loc["Lạng Sơn", "value"] == 200 and k.loc["Lạng Sơn", "part_rank"] == 0
    assert k.loc["Huyện Bắc Sơn", "value"] == 17 and k.loc["Huyện Bắc Sơn", "part_rank"] == 1
    assert k.loc["Xã Long Đống, Huyện Bắc Sơn", "part_rank"] == 2
    assert len(k) == 3 and set(k["basis"]) == {"stated"}
    # a district: its own figures and its communes', never a namesake's
    d = areas.key_figures(facts, "Bắc Sơn").set_index("part")
    assert list(d.index) == ["Bắc Sơn", "Xã Long Đống"] and d.loc["Bắc Sơn", "value"] == 17


def test_a_district_named_as_its_province_is_kept_apart_from_the_province():
    facts = pd.DataFrame(
        [
            _row("Hải Dương", "province", "30", value=178.0),
            _row("TP Hải Dương", "district", "288", value=4.0),
        ]
    )
    k = areas.key_figures(facts, "Hải Dương").set_index("part")
    assert k.loc["Hải Dương (cũ)", "value"] == 178  # the province merged away in 2025
    assert k.loc["Thành phố Hải Dương", "value"] == 4  # its own row, not the province's


def _record(code: str | None, tier: str, year: int | None, source: str, **kw) -> dict:
    row = {
        "commune_name": kw.pop("name", code),
        "district_name": "Bắc Sơn",
        "province_name": "Lạng Sơn",
        "unit_code": code,
        "year": year,
        "record_kind": "recognition",
        "tier": tier,
        "source_id": source,
    }
    return row | kw


def test_recognitions_are_counted_per_tier_and_year_from_named_communes():
    cs = pd.DataFrame(
        [
            _record(LONG_DONG, "advanced", 2022, "a"),
            _record(LONG_DONG, "advanced", 2022, "b"),  # the same commune in a second source
            _record(DONG_Y, "advanced", 2022, "a"),
            _record(None, "advanced", 2022, "c", name="Xã Mới"),  # no code: by its province
            _record(DONG_Y, "ntm", 2019, "a"),
            _record(LONG_DONG, "model", None, "a"),  # undated: not counted
            _record(DONG_Y, "none", 2023, "a", record_kind="assessment"),
            _record(None, "ntm", 2019, "d", province_name="Hà Giang", district_name="X"),
        ]
    )
    k = areas.recognition_counts(cs, "Lạng Sơn")
    got = {(r.part, r.tier, r.date): (r.value, r.source_ids) for r in k.itertuples()}
    assert got == {
        ("Lạng Sơn", "advanced", "2022"): (3, ("a", "b", "c")),
        ("Lạng Sơn", "ntm", "2019"): (1, ("a",)),
    }
    assert set(k["basis"]) == {"counted"} and set(k["measure"]) == {"recognised_named"}
    assert len(areas.recognition_counts(cs, "Lạng Sơn", as_of="2021-12-31")) == 1
    assert set(areas.recognition_counts(cs, "Bắc Sơn")["part"]) == {"Bắc Sơn"}
    assert areas.recognition_counts(cs, "Hải Phòng").empty


def test_money_is_one_stated_amount_or_a_sum_labelled_computed():
    base = {"admin_vintage": "legacy", "period": "2023", "year_start": 2023, "year_end": 2023}
    base |= {"flow": "mobilised", "qualifier": "exact", "source_id": "s", "source_locator": "l"}
    funding = pd.DataFrame(
        [
            base
            | {"area_name": "Bắc Sơn", "area_level": "district", "area_code": "185"}
            | {"source_category": c, "amount_vnd": v}
            for c, v in (("central_investment", 14_574e6), ("community", 3_504.98e6))
        ]
        + [
            base
            | {"area_name": "Lạng Sơn", "area_level": "province", "area_code": "20"}
            | {"source_category": "provincial", "amount_vnd": 1e9, "flow": "allocated"}
        ]
    )
    k = areas.funding_figures(funding, "Lạng Sơn").set_index("part")
    assert k.loc["Huyện Bắc Sơn", "measure"] == "funding_sum"
    assert k.loc["Huyện Bắc Sơn", "value"] == 18_078.98e6
    assert (k.loc["Huyện Bắc Sơn", "basis"], k.loc["Huyện Bắc Sơn", "n_parts"]) == ("computed", 2)
    assert k.loc["Lạng Sơn", "measure"] == "funding_provincial_allocated"
    assert k.loc["Lạng Sơn", "basis"] == "stated"
    assert areas.funding_figures(funding, "Lạng Sơn", year=2022).empty


def test_a_band_of_criteria_is_one_row_and_a_lone_bound_stays_as_stated():
    band = {"measure": "criteria_met_band_min", "unit": "criteria"}
    facts = pd.DataFrame(
        [
            _row("Long Đống", "commune", LONG_DONG, value=15.0, **band),
            _row("Long Đống", "commune", LONG_DONG, "criteria_met_band_max", value=18.0),
            _row("Đồng Ý", "commune", DONG_Y, value=10.0, **band),  # no upper bound given
        ]
    )
    k = areas.key_figures(facts, "Bắc Sơn").set_index("part")
    assert len(k) == 2
    assert k.loc["Xã Long Đống", "measure"] == "criteria_met_band"
    assert (k.loc["Xã Long Đống", "value"], k.loc["Xã Long Đống", "value_max"]) == (15, 18)
    lone = k.drop(index="Xã Long Đống").iloc[0]
    assert lone["measure"] == "criteria_met_band_min" and pd.isna(lone["value_max"])
