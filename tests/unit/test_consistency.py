"""Consistency checks: real discrepancies are reported with both rows; plans are not rivals."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis.consistency import check_facts

BASE = {
    "area_name": "Tỉnh X",
    "area_level": "province",
    "area_code": "99",
    "admin_vintage": "legacy",
    "as_of": pd.NA,
    "period": pd.NA,
    "unit": "communes",
}


def _facts(rows):
    return pd.DataFrame([{**BASE, **r} for r in rows])


def _tables(facts, targets=None):
    targets = (
        targets
        if targets is not None
        else pd.DataFrame(
            columns=[
                "area_name",
                "area_level",
                "area_code",
                "admin_vintage",
                "year",
                "measure",
                "target_value",
                "source_id",
                "raw_row",
            ]
        )
    )
    return {"facts": facts, "targets": targets, "funding": None}


def test_consistent_figures_give_no_findings():
    f = _facts(
        [
            dict(year=2024, measure="communes_model", value=104, source_id="a", raw_row="f:2"),
            dict(year=2024, measure="communes_total", value=137, source_id="a", raw_row="f:3"),
            dict(
                year=2024,
                measure="communes_model_pct",
                value=76,
                unit="pct",
                source_id="a",
                raw_row="f:4",
            ),
            dict(year=2024, measure="communes_model", value=104, source_id="b", raw_row="g:2"),
        ]
    )
    assert check_facts(_tables(f)).empty


def test_percentage_that_does_not_match_its_count_names_both_rows():
    f = _facts(
        [
            dict(year=2024, measure="communes_model", value=104, source_id="a", raw_row="f:2"),
            dict(year=2024, measure="communes_total", value=137, source_id="a", raw_row="f:3"),
            dict(
                year=2024,
                measure="communes_model_pct",
                value=67,
                unit="pct",
                source_id="a",
                raw_row="f:4",
            ),
        ]
    )
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["count_vs_percent"]
    assert (found.at[0, "row_a"], found.at[0, "row_b"]) == ("f:2", "f:4")
    assert "75.91%" in found.at[0, "message"]


def test_plan_and_achievement_of_one_measure_are_not_a_conflict():
    f = _facts(
        [
            dict(year=2024, measure="communes_model", value=104, source_id="a", raw_row="f:2"),
            dict(
                year=2024,
                measure="communes_model_above_plan",
                value=12,
                source_id="a",
                raw_row="f:3",
            ),
        ]
    )
    t = pd.DataFrame(
        [
            {
                **BASE,
                "year": 2024,
                "measure": "communes_model",
                "target_value": 92,
                "source_id": "a",
                "raw_row": "t:2",
            }
        ]
    )
    assert check_facts(_tables(f, t)).empty
    f.loc[1, "value"] = 20
    found = check_facts(_tables(f, t))
    assert found["check"].tolist() == ["plan_vs_achieved"]
    assert "104 − planned 92 = 12, stated 20" in found.at[0, "message"]


def test_two_sources_disagreeing_on_the_same_date():
    f = _facts(
        [
            dict(year=2017, measure="communes_ntm", value=102, source_id="a", raw_row="f:2"),
            dict(year=2017, measure="communes_ntm", value=115, source_id="b", raw_row="g:2"),
            dict(
                year=2018,
                measure="rural_income",
                value=84.147,
                unit="mn",
                source_id="a",
                raw_row="f:3",
            ),
            dict(
                year=2018,
                measure="rural_income",
                value=84.14,
                unit="mn",
                source_id="b",
                raw_row="g:3",
            ),
        ]
    )
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["two_sources"]
    assert {found.at[0, "source_a"], found.at[0, "source_b"]} == {"a", "b"}


def test_parts_that_do_not_add_up():
    f = _facts(
        [
            dict(year=2023, measure="communes_total", value=17, source_id="a", raw_row="f:2"),
            dict(year=2023, measure="communes_19_criteria", value=4, source_id="a", raw_row="f:3"),
            dict(
                year=2023, measure="communes_15_18_criteria", value=6, source_id="a", raw_row="f:4"
            ),
            dict(
                year=2023, measure="communes_10_14_criteria", value=3, source_id="a", raw_row="f:5"
            ),
            dict(year=2023, measure="communes_5_9_criteria", value=3, source_id="a", raw_row="f:6"),
        ]
    )
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["parts_vs_total"]
    assert "add up to 16, the stated total is 17" in found.at[0, "message"]


def test_a_falling_share_is_reported():
    f = _facts(
        [
            dict(
                year=2024,
                as_of="2024-12",
                measure="communes_model_pct",
                value=76,
                unit="pct",
                source_id="a",
                raw_row="f:2",
            ),
            dict(
                year=2025,
                as_of="2025-11",
                measure="communes_model_pct",
                value=58.4,
                unit="pct",
                source_id="b",
                raw_row="g:2",
            ),
        ]
    )
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["share_falls"]
    assert (found.at[0, "row_a"], found.at[0, "row_b"]) == ("f:2", "g:2")


def _funding(rows):
    base = {
        "area_name": "Huyện Y",
        "area_level": "district",
        "area_code": "999",
        "admin_vintage": "legacy",
        "period": "2023",
        "year_start": 2023,
        "year_end": 2023,
        "flow": "mobilised",
        "source_id": "a",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_funding_categories_exceeding_their_total_name_both_rows():
    fu = _funding(
        [
            dict(source_category="total", amount_vnd=10_000, raw_row="fu:2"),
            dict(source_category="central_investment", amount_vnd=7_000, raw_row="fu:3"),
            dict(source_category="central_recurrent", amount_vnd=2_000, raw_row="fu:4"),
            dict(source_category="community", amount_vnd=1_500, raw_row="fu:5"),
        ]
    )
    tables = {**_tables(_facts([])), "funding": fu}
    found = check_facts(tables)
    assert found["check"].tolist() == ["parts_vs_total"]
    assert (found.at[0, "row_a"], found.at[0, "row_b"]) == ("fu:2", "fu:3")
    assert "10,500 VND, more than the stated total of 10,000 VND" in found.at[0, "message"]


def test_funding_parts_within_their_total_and_central_split_are_fine():
    fu = _funding(
        [
            dict(source_category="total", amount_vnd=10_000, raw_row="fu:2"),
            dict(source_category="central", amount_vnd=9_000, raw_row="fu:3"),
            dict(source_category="central_investment", amount_vnd=7_000, raw_row="fu:4"),
            dict(source_category="central_recurrent", amount_vnd=2_000, raw_row="fu:5"),
            # a second flow of the same source is a separate sum
            dict(source_category="total", amount_vnd=1_000, flow="disbursed", raw_row="fu:6"),
        ]
    )
    assert check_facts({**_tables(_facts([])), "funding": fu}).empty


def test_a_plan_total_is_never_a_rival_of_the_achieved_total():
    # same source, area and year: 92 planned (targets) and 104 achieved (facts) must not clash
    f = _facts([dict(year=2024, measure="communes_model", value=104, source_id="a", raw_row="f:2")])
    t = pd.DataFrame(
        [
            {
                **BASE,
                "year": 2024,
                "measure": "communes_model",
                "target_value": 92,
                "source_id": "a",
                "raw_row": "t:2",
            }
        ]
    )
    assert check_facts(_tables(f, t)).empty


def test_embedded_data_findings_are_the_known_real_ones(built):
    out, _ = built
    found = pd.read_csv(out / "consistency.csv", encoding="utf-8-sig")
    assert sorted(found["check"]) == ["count_vs_percent", "share_falls", "two_sources"]
    pair = found[found["check"] == "two_sources"].iloc[0]
    # Bắc Giang's district count for 2023: 6 at end-2023 (web) vs 7 in the January directive
    assert {pair["source_a"], pair["source_b"]} >= {"bg_2024_directive"}
    assert sorted([pair["value_a"], pair["value_b"]]) == [6, 7]
