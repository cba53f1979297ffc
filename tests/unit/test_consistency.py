"""Consistency checks: real discrepancies are reported with both rows; plans are not rivals."""

from __future__ import annotations

import pandas as pd
import pytest

from ntm_analysis.analysis import consistency
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


def _tables(facts, targets=None, sources=None, commune_status=None):
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
    return {
        "facts": facts,
        "targets": targets,
        "funding": None,
        "sources": sources,
        "commune_status": commune_status,
    }


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


def _districts(ntm_as_of, total_as_of):
    return _facts(
        [
            dict(
                year=2024,
                as_of=ntm_as_of,
                measure="districts_ntm",
                value=7,
                unit="districts",
                source_id="a",
                raw_row="f:2",
            ),
            dict(
                year=2025,
                as_of=total_as_of,
                measure="districts_total",
                value=6,
                unit="districts",
                source_id="b",
                raw_row="g:2",
            ),
        ]
    )


def test_a_count_above_its_total_for_the_same_area_and_date_is_a_finding():
    found = check_facts(_tables(_districts("2025-11", "2025-11")))
    assert found["check"].tolist() == ["count_over_total"]
    assert (found.at[0, "row_a"], found.at[0, "row_b"]) == ("f:2", "g:2")
    assert "the same date" in found.at[0, "message"]


def test_a_count_above_a_total_of_another_date_is_flagged_as_a_changed_base():
    # Hải Phòng (cũ): 7 districts at NTM at end-2024 (of 8 huyện), "4/6 huyện" in 11/2025
    # after Thủy Nguyên became a city and An Dương an urban district (1/1/2025)
    found = check_facts(_tables(_districts(pd.NA, "2025-11")))
    assert found["check"].tolist() == ["count_over_total"]
    assert "the dates differ" in found.at[0, "message"]


def test_a_changed_base_a_note_records_is_said_as_such_not_a_conflict():
    f = _districts(pd.NA, "2025-11")
    f.loc[f["raw_row"] == "f:2", "note"] = "7/8 huyện before 01/01/2025; 6 huyện after"
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["base_changed"]
    assert "the base changed between the dates" in found.at[0, "message"]
    assert consistency.conflicts(found).empty


def test_the_same_pair_of_values_and_sources_is_one_finding():
    f = _districts(pd.NA, "2025-11")
    again = f[f["raw_row"] == "f:2"].assign(raw_row="f:9", as_of="2024-12-31")
    found = check_facts(_tables(pd.concat([f, again], ignore_index=True)))
    assert len(found) == 1 and found.at[0, "row_a"] == "f:9"  # the more precise date


def test_a_count_within_its_total_is_no_finding():
    f = _districts("2025-11", "2025-11")
    f.loc[0, "value"] = 4
    assert check_facts(_tables(f)).empty


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


def _embedded(built):
    from ntm_analysis.model import tables as tables_mod

    return tables_mod.load_tables(built[0])


def test_embedded_data_findings_are_the_known_real_ones(built):
    out, _ = built
    found = pd.read_csv(out / "consistency.csv", encoding="utf-8-sig")
    assert sorted(found["check"]) == [
        # changes of base the rows' notes record, said as such (not conflicts):
        "base_changed",  # Hải Phòng: 139 NTM communes (2020, also 25/02/2020: once) vs 137
        "base_changed",  # Hải Phòng: 7 districts at NTM (2024, of 8 huyện) vs "4/6 huyện"
        "base_changed",  # Tiên Lãng: 22 NTM communes (2019) against 20 (after 2020 mergers)
        "commune_tiers",
        "commune_tiers",
        "count_vs_percent",
        "event_dates",
        "issue_date",
        "share_falls",
        "two_sources",
        "two_sources",
        "two_sources",  # Quảng Ninh: 54 vs 53 communes advanced in 2025 (of 91)
        "two_sources",  # Quảng Ninh: 28 vs 26 model communes in 2023
    ]
    qn = found[found["area"] == "Quảng Ninh"].set_index("measure")
    assert sorted(qn.loc["communes_model", ["value_a", "value_b"]]) == [26, 28]
    assert sorted(qn.loc["communes_advanced", ["value_a", "value_b"]]) == [53, 54]
    assert "the same year, not one date" in qn.loc["communes_model", "message"]
    pair = found[(found["check"] == "two_sources") & (found["area"] == "Bắc Giang")].iloc[0]
    # Bắc Giang's district count for 2023: 6 at end-2023 (web) vs 7 in the January directive
    assert {pair["source_a"], pair["source_b"]} >= {"bg_2024_directive"}
    assert sorted([pair["value_a"], pair["value_b"]]) == [6, 7]


# --- issue #18: parts against the city budget ----------------------------------------------


def _break(data, raw_row, column, value):
    df = data["facts"].copy()
    hit = df["raw_row"] == raw_row
    assert hit.sum() == 1
    df.loc[hit, column] = value
    return {**data, "facts": df}


def test_city_budget_parts_are_checked_against_the_funding_total(built):
    data = _embedded(built)
    assert not (check_facts(data)["check"] == "parts_vs_total").any()  # 3.738 + 45 = 3.783
    part = "facts/hp_2024_conclusion.csv:4"  # the public-investment part, 3.738 tỷ
    found = check_facts(_break(data, part, "value", 3_700_000_000_000.0))
    parts = found[found["check"] == "parts_vs_total"]
    assert len(parts) == 1
    row = parts.iloc[0]
    assert row["row_a"] == "funding/hp_2024_conclusion.csv:2" and row["value_a"] == 3.783e12
    assert row["value_b"] == 3.745e12
    assert "budget_city_investment_vnd, budget_city_recurrent_vnd" in row["message"]


def test_parts_and_total_dated_at_different_precision_are_one_statement():
    f = _facts(
        [
            dict(year=2023, measure="communes_total", value=17, source_id="a", raw_row="f:2"),
            dict(
                year=2023,
                as_of="2023-11-28",
                measure="communes_19_criteria",
                value=4,
                source_id="a",
                raw_row="f:3",
            ),
            dict(
                year=2023,
                as_of="2023-11",
                measure="communes_5_9_criteria",
                value=4,
                source_id="a",
                raw_row="f:4",
            ),
        ]
    )
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["parts_vs_total"]
    assert "not stated" in found.at[0, "message"]  # two of the four bands are missing


# --- issue #18: dates that differ only in precision ----------------------------------------


@pytest.mark.parametrize(
    ("date_a", "date_b", "compared"),
    [
        pytest.param("2019-09", "2019-09-09", True, id="month-vs-day"),
        pytest.param("2023", "2023", True, id="same-year"),
        pytest.param("2024", "2024-12", True, id="year-vs-december"),
        pytest.param("2022", "2022-06-30", False, id="year-vs-mid-year"),
        pytest.param("2025-01-03", "2025-04-30", False, id="different-days"),
    ],
)
def test_figures_whose_dates_differ_only_in_precision_are_compared(date_a, date_b, compared):
    def row(date, value, source):
        year, _, rest = date.partition("-")
        return dict(
            year=int(year),
            as_of=date if rest else pd.NA,
            measure="communes_ntm",
            value=value,
            source_id=source,
            raw_row=f"{source}:2",
        )

    found = check_facts(_tables(_facts([row(date_a, 185, "a"), row(date_b, 190, "b")])))
    assert (found["check"].tolist() == ["two_sources"]) is compared
    if compared and date_a != date_b:
        assert "differ only in precision" in found.at[0, "message"]


def test_a_year_and_a_date_inside_it_are_compared_where_a_note_ties_them():
    """Quảng Ninh 2023: 28 model communes at the year (a note: "Sept 2023 said 26") and 26 on
    17/09/2023 from another page; without the note, a stock may have grown in the year."""
    rows = [
        dict(year=2023, measure="communes_model", value=28, source_id="a", raw_row="a:2"),
        dict(year=2023, as_of="2023-09-17", measure="communes_model", value=26, source_id="b"),
    ]
    rows[1]["raw_row"] = "b:2"
    plain = check_facts(_tables(_facts(rows)))
    assert plain.empty
    rows[0]["note"] = "28 completed model criteria (another page, Sept 2023, said 26 recognised)"
    found = check_facts(_tables(_facts(rows)))
    assert found["check"].tolist() == ["two_sources"]
    assert "the same year, not one date" in found.at[0, "message"]
    from ntm_analysis.present import findings as reader

    said = reader.SENTENCES[reader._sentence_key(next(found.itertuples()))]["vi"]
    assert "trong cùng năm, ở hai thời điểm khác nhau" in said  # not "cùng thời điểm"


def test_hai_duong_september_2019_figures_are_compared(built):
    found = check_facts(_embedded(built))
    hd = found[(found["check"] == "two_sources") & (found["area"] == "Hải Dương")]
    assert len(hd) == 1
    assert sorted([hd.iloc[0]["value_a"], hd.iloc[0]["value_b"]]) == [185, 190]
    assert "2019-09 and 2019-09-09 differ only in precision" in hd.iloc[0]["message"]


# --- issue #18: the same event dated differently -------------------------------------------


def test_the_same_event_dated_differently_by_two_sources_is_flagged():
    event = dict(
        area_name="Huyện Z",
        area_level="district",
        area_code=pd.NA,
        admin_vintage=pd.NA,
        measure="district_ntm_recognised",
        value=1,
        unit="flag",
    )
    f = _facts(
        [
            {**event, "year": 2022, "source_id": "a", "raw_row": "f:2"},
            {**event, "year": 2023, "source_id": "b", "raw_row": "g:2"},
        ]
    )
    found = check_facts(_tables(f))
    assert found["check"].tolist() == ["event_dates"]
    assert (found.at[0, "value_a"], found.at[0, "value_b"]) == (2022, 2023)
    f.loc[1, "year"] = 2022
    assert check_facts(_tables(f)).empty


def test_an_lao_district_ntm_year_is_flagged(built):
    found = check_facts(_embedded(built))
    an_lao = found[(found["check"] == "event_dates") & (found["area"] == "An Lão")]
    assert len(an_lao) == 1 and an_lao.iloc[0]["when"] == "2022–2023"
    assert {an_lao.iloc[0]["row_a"], an_lao.iloc[0]["row_b"]} == {
        "reference/haiphong_aggregates.csv:96",
        "reference/haiphong_aggregates.csv:99",
    }


# --- issue #18: flows against stocks --------------------------------------------------------


def _flow_stock(flow, stock_after, stock_before=None):
    rows = [
        dict(year=2023, measure="communes_model_added", value=flow, source_id="a", raw_row="f:2"),
        dict(year=2023, measure="communes_model", value=stock_after, source_id="b", raw_row="g:2"),
    ]
    if stock_before is not None:
        rows.append(
            dict(
                year=2022,
                measure="communes_model",
                value=stock_before,
                source_id="c",
                raw_row="h:2",
            )
        )
    return _facts(rows)


@pytest.mark.parametrize(
    ("flow", "after", "before", "status"),
    [
        pytest.param(11, 12, None, "consistent (no earlier stock to compare)", id="no-before"),
        pytest.param(11, 12, 1, "consistent", id="consistent"),
        pytest.param(13, 12, None, "flow exceeds the stock after it", id="flow-above-stock"),
        pytest.param(11, 12, 4, "stock grew by less than the flow", id="stock-grew-less"),
    ],
)
def test_flows_are_checked_against_stocks(flow, after, before, status):
    from ntm_analysis.analysis import cross_checks, findings

    f = _flow_stock(flow, after, before)
    table = cross_checks.flows_against_stocks(findings.long_facts(_tables(f)))
    assert table["status"].tolist() == [status]
    assert table.at[0, "implied_before"] == after - flow
    found = check_facts(_tables(f))
    assert (found["check"] == "flow_vs_stock").any() is not status.startswith("consistent")
    if not status.startswith("consistent"):
        assert {found.at[0, "row_a"], found.at[0, "row_b"]} == {"f:2", "g:2"}


def test_bac_giang_model_flow_is_set_against_the_end_2023_stock(built):
    from ntm_analysis.analysis import cross_checks, findings

    table = cross_checks.flows_against_stocks(findings.long_facts(_embedded(built)))
    bg = table[(table["area"] == "Bắc Giang") & (table["tier"] == "model")].iloc[0]
    assert (bg["flow"], bg["flow_source"]) == (11, "bg_2024_directive")
    assert (bg["stock_after"], bg["stock_after_date"]) == (12, "2023")
    assert bg["implied_before"] == 1 and bg["status"].startswith("consistent")


# --- issue #18: an issue date the cited documents contradict --------------------------------


def _sources(issued):
    return pd.DataFrame(
        {
            "source_id": ["a", "b"],
            "kind": "document",
            "issued_date": [issued, "2024"],
            "raw_row": ["sources.csv:2", "sources.csv:3"],
        }
    )


def _cites(date):
    return dict(
        year=int(date[:4]),
        as_of=date,
        measure="document_cited",
        value=1,
        unit="flag",
        source_id="a",
        raw_row=f"f:{date}",
    )


def test_an_issue_date_contradicted_by_a_cited_document_is_flagged_and_findings_say_so():
    stock = dict(year=2023, measure="districts_ntm", value=7, unit="districts")
    f = _facts(
        [
            _cites("2024-01-26"),
            _cites("2024-01-05"),
            {**stock, "source_id": "a", "raw_row": "f:stock"},
            {**stock, "value": 6, "source_id": "b", "raw_row": "g:stock"},
            dict(
                year=2023,
                measure="communes_model_added",
                value=11,
                source_id="a",
                raw_row="f:flow",
            ),
            dict(year=2023, measure="communes_model", value=9, source_id="b", raw_row="g:model"),
        ]
    )
    found = check_facts(_tables(f, sources=_sources("2024-01-06")))
    assert sorted(found["check"]) == ["flow_vs_stock", "issue_date", "two_sources"]
    issue = found[found["check"] == "issue_date"].iloc[0]
    assert (issue["row_a"], issue["row_b"]) == ("sources.csv:2", "f:2024-01-26")
    assert "cannot have been issued before 26 Jan 2024" in issue["message"]
    two = found[found["check"] == "two_sources"].iloc[0]
    assert "rests on the issue date of a (2024-01-06)" in two["caveat"]
    # a year's additions do not rest on the issue date
    assert found[found["check"] == "flow_vs_stock"].iloc[0]["caveat"] == ""
    # dated at month precision, a notice may cite a document of the same month
    assert check_facts(_tables(f.iloc[:2], sources=_sources("2024-01"))).empty


def test_the_bac_giang_directive_date_is_flagged_and_the_districts_finding_says_so(built):
    found = check_facts(_embedded(built))
    issue = found[found["check"] == "issue_date"]
    assert issue["source_a"].tolist() == ["bg_2024_directive"]
    assert "26 Jan 2024" in issue.iloc[0]["message"] and "11 Jan 2024" in issue.iloc[0]["message"]
    bg = found[(found["check"] == "two_sources") & (found["area"] == "Bắc Giang")].iloc[0]
    assert "bg_2024_directive (2024-01-06)" in bg["caveat"]
    others = found[(found["check"] != "issue_date") & (found["area"] != "Bắc Giang")]
    assert (others["caveat"] == "").all()


# --- issue #15: two sources disagreeing on one commune and year -----------------------------


def _status(rows):
    base = {
        "commune_name": "Long Đống",
        "district_name": "Bắc Sơn",
        "province_name": "Lạng Sơn",
        "unit_code": "06328",
        "admin_vintage": "legacy",
        "year": 2023,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_two_sources_giving_one_commune_two_tiers_in_a_year_are_reported():
    cs = _status(
        [
            dict(record_kind="assessment", tier="none", source_id="a", raw_row="s:2"),
            dict(record_kind="assessment", tier="ntm", source_id="b", raw_row="t:2"),
            # another year, another tier: not a disagreement
            dict(record_kind="recognition", tier="ntm", year=2024, source_id="a", raw_row="s:3"),
        ]
    )
    found = check_facts(_tables(_facts([]), commune_status=cs))
    assert found["check"].tolist() == ["commune_tiers"]
    assert (found.at[0, "row_a"], found.at[0, "row_b"]) == ("s:2", "t:2")
    assert "which holds at the year's end?" in found.at[0, "message"]
    same = cs.assign(tier="none")
    assert check_facts(_tables(_facts([]), commune_status=same)).empty


def test_an_ingested_sheet_disagreeing_with_the_embedded_data_is_reported(built, tmp_path):
    from openpyxl import Workbook

    from ntm_analysis.build import build as build_raw
    from ntm_analysis.model import tables as tables_mod
    from ntm_analysis.sources.sheets import outputs
    from ntm_analysis.sources.sheets.ingest import ingest_files

    book = tmp_path / "muc_dat_chuan.xlsx"
    wb = Workbook()
    for row in (
        ["Tỉnh: Lạng Sơn"],
        ["Huyện: Bắc Sơn"],
        ["STT", "Tên xã", "Năm", "Mức đạt chuẩn"],
        [1, "Long Đống", 2023, "Đạt chuẩn NTM"],
    ):
        wb.active.append(row)
    wb.save(book)
    outputs.write_result(ingest_files([book]), tmp_path / "ingested")
    build_raw(tmp_path / "ingested", tmp_path / "processed", verbose=False, stagers=[])
    sheet = tables_mod.load_tables(tmp_path / "processed")
    data = _embedded(built)
    merged = {
        name: pd.concat([data[name], sheet[name]], ignore_index=True)
        for name in ("sources", "commune_status")
    }
    found = check_facts({**data, **merged})
    tiers = found[(found["check"] == "commune_tiers") & (found["area"] == "Long Đống")]
    assert len(tiers) == 1
    row = tiers.iloc[0]
    assert row["source_a"] == "ls_2023_bacson_inspection" and row["row_b"].startswith(
        "commune_status/"
    )
    assert "says none (assessment)" in row["message"] and "says ntm" in row["message"]


def test_findings_are_kept_only_for_their_year_and_up_to_the_data_date():
    from ntm_analysis.analysis.consistency import dated_within

    falls = dict(measure="communes_model_pct", unit="pct")
    f = _facts(
        [
            dict(year=2024, as_of="2024-12", value=76, source_id="a", raw_row="f:2", **falls),
            dict(year=2025, as_of="2025-11", value=58.4, source_id="b", raw_row="g:2", **falls),
            dict(year=2019, measure="communes_ntm", value=190, source_id="a", raw_row="f:3"),
            dict(year=2019, measure="communes_ntm", value=185, source_id="b", raw_row="g:3"),
        ]
    )
    tables = _tables(f)
    found = check_facts(tables)
    assert sorted(found["check"]) == ["share_falls", "two_sources"]
    falls_first = found.sort_values("check")  # share_falls (2024-12 → 2025-11), then 2019

    def kept(year=None, as_of=None):
        return dated_within(falls_first, tables, year, as_of).tolist()

    assert kept() == [True, True]
    # the fall rests on a figure of Nov 2025: after the end of 2024 and after Jun 2025
    assert kept(2024) == [False, False] and kept(as_of="2025-06") == [False, True]
    assert kept(2025) == [True, False] and kept(2019) == [False, True]
    assert kept(2025, "2025-10-31") == [False, False]
    assert kept(as_of="2025-11") == [True, True]
