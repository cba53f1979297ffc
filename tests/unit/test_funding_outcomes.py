"""Notebook 03's analysis: money set beside the cohorts and targets it financed, never divided
by results of another year, tier or cohort (issue #18, item 2)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntm_analysis.analysis import funding_outcomes as fo
from ntm_analysis.analysis import indicators
from ntm_analysis.model import tables as tables_mod
from ntm_analysis.present import figures
from ntm_analysis.present import funding_text as text


@pytest.fixture(scope="module")
def data(built):
    return tables_mod.load_tables(built[0])


def test_cohorts_come_from_one_statement_with_works_per_commune(data):
    c = fo.cohorts(data["facts"]).set_index("cohort")
    assert c.loc[2023, ["communes", "works", "works_completed", "construction_pct"]].tolist() == [
        35,
        789,
        634,
        95,
    ]
    assert c.loc[2023, "works_completed_pct"] == 81  # as printed
    assert c.loc[2023, "works_completed_pct_computed"] == pytest.approx(634 / 789 * 100)
    assert c.loc[2023, "works_per_commune"] == pytest.approx(789 / 35)
    assert c.loc[2024, ["communes", "works", "communes_started"]].tolist() == [45, 1047, 32]
    assert pd.isna(c.loc[2024, "works_completed"])  # not stated: not zero
    assert set(c["source_id"]) == {"hp_2024_conclusion"}  # pages' 2.300 works never mixed in


def test_the_2024_cohort_had_mostly_just_started(data):
    p = fo.cohort_progress(data["facts"]).set_index("district")
    assert p.loc["An Dương", ["communes", "progress_pct"]].tolist() == [3, 55]
    assert p.loc["Thủy Nguyên", ["communes", "progress_pct"]].tolist() == [10, 35]


def test_bac_son_none_of_three_targets_reached_at_the_inspection(data):
    r = fo.targets_reached(
        data["targets"], data["commune_status"], data["facts"], data["units"], "185"
    )
    assert sorted(r["commune"]) == ["Long Đống", "Vũ Sơn", "Đồng Ý"]
    assert (r["reached"] == "no").all() and set(r["assessed_on"]) == {"2023-11-28"}
    got = r.set_index("commune")
    assert got.loc["Long Đống", ["target_tier", "criteria_met"]].tolist() == ["ntm", 14]
    assert got.loc["Đồng Ý", "criteria_set"] == "commune_advanced_2021_2025"


def test_money_points_pair_money_with_outcomes_of_the_same_area_and_year(data):
    p = fo.money_points(
        data["funding"], data["facts"], data["targets"], data["commune_status"], data["units"]
    )
    bs = p[p["area"] == "Bắc Sơn"].iloc[0]
    assert bs["money_vnd"] == pytest.approx(19_978_980_000) and bs["communes"] == 17
    assert (bs["outcome"], bs["outcome_value"], bs["outcome_of"]) == ("targets_reached", 0, 3)
    hp = p[p["area"] == "Hải Phòng"].set_index("outcome")["outcome_value"].to_dict()
    assert hp == {"communes_advanced_added": 53, "communes_model_added": 56}
    assert not any(re.search("upgrade", c) for c in p.columns)
    # different flows, scopes and outcomes: nothing to chart on the embedded data
    assert not fo.comparable_groups(p)["comparable"].any()


def _points(flow="mobilised", outcome="targets_reached"):
    return pd.DataFrame(
        {
            "area": ["A", "B"],
            "area_code": ["1", "2"],
            "period": ["2023", "2023"],
            "years": 1,
            "flow": [flow, "mobilised"],
            "scope": "all_sources",
            "money_vnd": [2e10, 4e10],
            "communes": [10.0, 10.0],
            "money_per_commune_vnd": [2e9, 4e9],
            "outcome": [outcome, "targets_reached"],
            "outcome_value": [1.0, 3.0],
            "outcome_of": [3.0, 4.0],
            "sources": ["s1", "s2"],
            "raw_rows": ["f:1", "g:1"],
        }
    )


def test_comparable_points_are_charted_and_others_refused():
    groups = fo.comparable_groups(_points())
    assert groups["comparable"].all()
    fig = figures.money_outcomes(groups, "en")
    ax = fig.axes[0]
    assert ax.get_ylim() == (0, 100) and len(ax.collections[0].get_offsets()) == 2
    mixed = fo.comparable_groups(_points(flow="allocated"))
    assert not mixed["comparable"].any()
    with pytest.raises(ValueError, match="comparable group"):
        figures.money_outcomes(mixed, "en")


def test_the_west_has_only_plans_for_2021_2025(data):
    w = fo.money_without_outcomes(data["facts"], data["funding"], "30", (2021, 2025))
    assert len(w) and w["measure"].str.contains("plan").all()
    out = text.west_money(w, data["facts"], data["sources"], (2021, 2025), "en")
    assert "no money allocated, disbursed or mobilised" in out
    assert "commune by commune" in out and "by sector" in out


def test_prose_keeps_the_qualifier_the_table_writes(data):
    """ "trên 35.000 tỷ đồng" in the table is "trên 35.000 tỷ đồng" in the sentence too."""
    w = fo.money_without_outcomes(data["facts"], data["funding"], "30", (2021, 2025))
    vi = text.west_money(w, data["facts"], data["sources"], (2021, 2025), "vi")
    assert "nhu cầu vốn theo kế hoạch trên 35.000 tỷ đồng" in vi
    en = text.west_money(w, data["facts"], data["sources"], (2021, 2025), "en")
    assert "more than VND 35,000 billion" in en


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sentences_relate_money_to_cohorts_and_targets_without_a_per_upgrade_ratio(data, lang):
    f, fu, t = data["facts"], data["funding"], data["targets"]
    s, cs, u = data["sources"], data["commune_status"], data["units"]
    cohorts = fo.cohorts(f)
    progress = fo.cohort_progress(f)
    reached = fo.targets_reached(t, cs, f, u, "185")
    by_source = indicators.funding_by_source(fu[fu["area_code"] == "185"])
    out = "\n".join(
        [
            text.district_money(by_source, reached, data, "185", lang),
            text.city_money(fu, f, t, cohorts, progress, s, "31", 2024, lang),
            text.no_ratio(cohorts, fu, f, s, "31", 2024, lang),
        ]
    )
    expect = {
        "vi": [
            "19,98 tỷ đồng",
            "không xã nào trong 3 xã",
            "14,29",
            "3.783 tỷ đồng",
            "22,5",
            "1.047",
            "32 xã còn lại mới bắt đầu",
            "kế hoạch 44",
        ],
        "en": [
            "VND 19.98 billion",
            "none of the 3 communes",
            "14.29",
            "VND 3,783 billion",
            "22.5",
            "1,047",
            "the other 32 had just started",
            "plan 44",
        ],
    }[lang]
    for piece in expect:
        assert piece in out, piece
    assert "34,7" not in out and "34.7" not in out  # the dropped per-upgrade ratio
    assert not re.search(r"\b(hp|bg|ls)_20\d\d_|\bweb_[0-9a-f]{10}\b", out)


def test_cohort_chart_hatches_unstated_completions(data):
    fig = figures.cohort_works(fo.cohorts(data["facts"]), "en")
    ax = fig.axes[0]
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_width() == 1047
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "22.5 works per commune (computed)" in labels and "printed 81%" in labels
    assert "no money per cohort" in fig._ntm_source
