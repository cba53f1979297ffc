"""Notebook 02's analysis: shares with their bases, the bases reconciled, merged shares, leads,
and a chart that never joins values on different or unknown bases (issue #18, item 1)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.lines import Line2D

from ntm_analysis.analysis import east_west
from ntm_analysis.model import tables as tables_mod
from ntm_analysis.present import east_west_text as text
from ntm_analysis.present import figures


@pytest.fixture(scope="module")
def data(built):
    return tables_mod.load_tables(built[0])


@pytest.fixture(scope="module")
def ew(data):
    return east_west.analyse(data, "Hải Phòng", "2025-11")


def _point(points, area, tier, date):
    hit = points[(points["area"] == area) & (points["tier"] == tier) & (points["date"] == date)]
    assert len(hit) == 1, (area, tier, date, len(hit))
    return hit.iloc[0]


def test_the_same_share_stated_twice_is_one_point_with_both_sources(ew):
    adv = ew.points[(ew.points["area"] == "east") & (ew.points["tier"] == "advanced")]
    # 100 % at end-2024 from the city's conclusions (2024-12) and a page (2024): one point
    assert adv["date"].tolist() == ["2024-12", "2025-11"]
    end_2024 = _point(ew.points, "east", "advanced", "2024-12")
    assert "hp_2024_conclusion" in end_2024["sources"] and "web_" in end_2024["sources"]
    assert (end_2024["count"], end_2024["base"], end_2024["base_basis"]) == (137, 137, "stated")


def test_each_point_carries_its_base_as_stated_reconciled_or_not_stated(ew):
    east_2025 = _point(ew.points, "east", "model", "2025-11")
    assert east_2025["share_pct"] == 58.4 and east_2025["base_basis"] == "not stated"
    west = _point(ew.points, "west", "advanced", "2025-11")
    assert (west["count"], west["base"], west["base_basis"]) == (75, 151, "reconciled")
    assert west["count_date"] == "2025-04-30"
    assert _point(ew.points, "west", "model", "2025-11")["count"] == 32
    # 100 % holds on any base: it is never reconciled to one
    assert _point(ew.points, "east", "advanced", "2025-11")["base_basis"] == "not stated"


def test_east_base_is_the_pre2023_xa_less_the_four_cat_hai_communes(ew):
    b = ew.bases.set_index(["area", "base_id"])
    assert b.loc[("east", "pre2023_xa"), "value"] == 141
    assert b.loc[("east", "excepted"), "value"] == 4
    less = b.loc[("east", "pre2023_xa_less_excepted")]
    assert less["value"] == 137 and bool(less["agrees"])
    assert "facts/hp_2024_conclusion.csv" in less["checked_against"]
    # January 2025: An Dương and Thủy Nguyên urban; the legacy list has the 81 a page states
    legacy = b.loc[("east", "legacy_xa")]
    assert legacy["value"] == 81 and bool(legacy["agrees"])
    assert b.loc[("east", "legacy_xa_less_excepted"), "value"] == 77
    assert b.loc[("west", "legacy_xa"), "value"] == 151


def test_the_east_lost_its_xa_in_the_districts_that_became_urban(ew):
    d = ew.xa_by_district.set_index("district")
    assert d.loc["An Dương", ["pre2023", "legacy", "type_legacy"]].tolist() == [15, 0, "Quận"]
    assert d.loc["Thủy Nguyên", ["pre2023", "legacy", "type_legacy"]].tolist() == [
        35,
        4,
        "Thành phố",
    ]
    assert d["pre2023"].sum() == 141 and d["legacy"].sum() == 81


def test_west_151_reproduces_the_supervision_shares_exactly(ew):
    m = ew.matches[(ew.matches["area"] == "west") & ew.matches["reproduces"]]
    found = {(r.tier, r.date): (r.count, r.base) for r in m.itertuples()}
    assert found[("advanced", "2025-11")] == (75, 151)
    assert found[("model", "2025-11")] == (32, 151)
    assert round(75 / 151 * 100, 1) == 49.7 and round(32 / 151 * 100, 1) == 21.2


def test_units_after_july_2025_stated_and_in_the_gazetteer(ew):
    u = ew.units_2025.set_index(["area", "unit_type"])
    assert u.loc[("east", "Xã"), ["stated", "gazetteer_name"]].tolist() == [24, 24]
    assert u.loc[("west", "Phường"), ["stated", "gazetteer_name"]].tolist() == [21, 21]
    # two units whose package type contradicts their name explain the gazetteer's 23/44 split
    assert sorted(ew.type_conflicts["unit_name"]) == ["Phường Việt Hòa", "Xã Vĩnh Hòa"]


def test_the_parts_are_side_by_side_never_pooled(ew, data):
    m = ew.merged.set_index("tier")
    assert m.loc["advanced", ["east_count", "east_base"]].tolist() == [137, 137]
    assert m.loc["advanced", ["west_count", "west_base"]].tolist() == [75, 151]
    assert m.loc["model", "east_date"] == "2024-12" and m.loc["model", "west_date"] == "2025-04-30"
    assert not {"count", "base", "share_pct"} & set(m.columns)  # no pooled rate
    facts, sources = data["facts"], data["sources"]
    vi = text.merged(ew.merged, facts, ew.bases, sources, "vi")
    assert "Không có tỷ lệ chung" in vi and "137 + 75" not in vi and "288" not in vi
    assert "phía Đông 137/137 xã" in vi and "phía Tây 75/151 xã" in vi and "73,6" not in vi


def test_readings_of_58_4_are_leads_tied_to_the_cohorts(ew):
    assert ew.reading_share == 58.4
    r = ew.readings.set_index("base")
    assert r.loc[137, "count"] == 80 and r.loc[77, "count"] == 45
    assert r.loc[137, "cohorts"].startswith("2023 + 2024 (hp_2024_conclusion")
    assert 141 not in r.index and 81 not in r.index  # no whole count gives 58.4 %


def test_tien_lang_model_count_fell_after_the_mergers(ew):
    tl = ew.district_model_counts[ew.district_model_counts["district"] == "Tiên Lãng"]
    assert tl.sort_values("year")["model"].tolist() == [12, 10]
    assert (tl["xa_pre2023"].iloc[0], tl["xa_legacy"].iloc[0]) == (20, 18)


def test_east_districts_four_dossiers_of_six(ew):
    d = ew.districts
    assert len(d) == 6 and d["dossier_2024"].sum() == 4
    assert set(d.loc[d["advanced_year"].notna(), "district"]) == {"An Lão", "Tiên Lãng"}


def test_only_the_new_hai_phong_has_two_parts(data):
    with pytest.raises(ValueError, match="new Hải Phòng"):
        east_west.analyse(data, "Bắc Giang")


# --- the chart ---------------------------------------------------------------------------


def _lines(fig):
    return [
        ln
        for ax in fig.axes
        for ln in ax.get_lines()
        if isinstance(ln, Line2D) and ln.get_xdata().size > 1
    ]


def test_chart_joins_no_points_on_different_or_unknown_bases(ew):
    fig = figures.east_west_shares(ew.points, "en")
    assert _lines(fig) == []  # no two points of one series share a stated base
    for ax in fig.axes[:2]:
        assert ax.get_ylim() == (0, 100)
    labels = [t.get_text() for ax in fig.axes[:2] for t in ax.texts]
    assert sum("58.4%" in t for t in labels) == 1
    assert any("base not stated" in t and "Nov 2025" in t for t in labels)
    assert any("104/137" in t and "Dec 2024" in t for t in labels)
    assert any("reconciled: 75/151" in t for t in labels)
    assert sum(t.startswith("100%") for t in labels) == 2  # end-2024 once, Nov 2025 once


def test_chart_joins_points_that_state_the_same_base():
    pts = pd.DataFrame(
        {
            "area": "east",
            "tier": "model",
            "date": ["2023", "2024-12", "2025-11"],
            "share_pct": [40.0, 76.0, 58.4],
            "basis": "stated",
            "count": [55, 104, None],
            "base": [137, 137, None],
            "base_basis": ["stated", "stated", "not stated"],
            "sources": "a",
        }
    )
    fig = figures.east_west_shares(pts, "vi")
    (line,) = _lines(fig)
    assert list(line.get_ydata()) == [40.0, 76.0]
    assert not figures.joinable(pts.iloc[1], pts.iloc[2])


# --- the sentences -----------------------------------------------------------------------


def _all_text(ew, data, lang):
    facts, sources, targets = data["facts"], data["sources"], data["targets"]
    return "\n".join(
        [
            text.criteria(facts, sources, lang),
            text.east_base(ew.bases, facts, sources, lang),
            text.west_base(ew.bases, ew.matches, sources, facts, lang),
            text.east_fall(ew.bases, ew.xa_by_district, facts, sources, lang),
            text.after_reform(ew.units_2025, ew.type_conflicts, facts, sources, lang),
            text.merged(ew.merged, facts, ew.bases, sources, lang),
            text.districts(ew.districts, facts, sources, lang),
            text.target_against_share(ew.points, ew.bases, targets, facts, sources, 2025, lang),
            text.readings(
                ew.reading_share,
                ew.readings,
                ew.bases,
                ew.district_model_counts,
                facts,
                sources,
                lang,
            ),
        ]
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sentences_cite_documents_not_ids_and_label_computed_values(ew, data, lang):
    out = _all_text(ew, data, lang)
    assert not re.search(r"\b(hp|bg|ls)_20\d\d_|\bweb_[0-9a-f]{10}\b|\bpkg_", out)
    assert "02/TB-VP" in out and "/TB-BĐT" in out
    computed = {"vi": "tính toán", "en": "computed"}[lang]
    lead = {"vi": "manh mối", "en": "a lead"}[lang]
    assert out.count(computed) >= 5 and lead in out


def test_sentences_say_the_criteria_differ_and_reconcile_each_base(ew, data):
    out = _all_text(ew, data, "en")
    assert "different" in out or "differed" in out
    assert "lines 54–58" in out  # the supervision's statement on the criteria
    assert "141 xã" in out and "leaves 137" in out
    assert "75/151 = 49.67%, printed 49.7%" in out and "32/151 = 21.19%, printed 21.2%" in out
    assert "An Dương 15 → 0 and Thủy Nguyên 35 → 4" in out
    assert "4 of the East's 6 districts" in out
    assert "80/137 = 58.39%" in out and "35 + 45" in out
    # 137 already leaves the 4 Cát Hải communes out: the target is not taken off it again
    assert "the target is all 137 communes" in out and "141 − 4" in out
    assert "133" not in out
    assert "In Tiên Lãng the model communes went from 12" in out


def test_the_findings_of_notebook_02_are_those_of_its_year_and_data_date(data):
    """Notebook 02's findings respect YEAR (and AS_OF) as notebook 07's do."""
    from ntm_analysis.analysis import consistency
    from ntm_analysis.present import east_west_tables, findings

    every, none_out = east_west.dated_part_findings(data)
    assert none_out == 0 and len(every) == len(
        east_west.part_findings(consistency.check_facts(data), data["units"])
    )
    for year in (2019, 2023, 2025):
        found, left_out = east_west.dated_part_findings(data, year, None)
        assert len(found) + left_out == len(every) and left_out > 0
        assert consistency.dated_within(found, data, year).all()
    y2019, _ = east_west.dated_part_findings(data, 2019)
    assert len(y2019) and y2019["when"].astype(str).str.startswith("2019").all()
    y2025, left = east_west.dated_part_findings(data, 2025, "2025-11")
    assert "2020" not in set(y2025["when"]) and left == len(every) - len(y2025)
    table, n = east_west_tables.findings_table(data, "vi", 2025, "2025-11")
    assert len(table) == len(y2025) and n == left
    sentence = str(findings.left_out_sentence(n, "vi", 2025, "2025-11"))
    assert sentence.startswith(f"{n} phát hiện khác") and "năm 2025" in sentence
    en, _ = east_west_tables.findings_table(data, "en", None, None)
    assert len(en) == len(every)
