"""Each commune's status and what it rests on: eligibility, area statements, criteria sheets,
former communes, and the ``ntm status`` command.

Small hand-made tables in the shape of the processed ones. The units are real legacy units of
Bắc Sơn district (Lạng Sơn, code 185: 17 communes and a township) so that the gazetteer
places them; the statements and records are invented for the tests.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntm_analysis.analysis import area_statements, eligibility, inheritance, status
from ntm_analysis.cli import main
from ntm_analysis.places import geo

LONG_DONG, DONG_Y, VU_SON, BAC_QUYNH, TOWNSHIP = "06328", "06337", "06355", "06343", "06325"
BASIC = "commune_ntm_2021_2025"


def _rules(*extra: dict) -> pd.DataFrame:
    rows = [
        {"unit_type": "Xã", "in_programme": True},
        {"unit_type": "Phường", "in_programme": False},
        {"unit_type": "Thị trấn", "in_programme": False},
        *extra,
    ]
    df = pd.DataFrame(rows)
    for col in eligibility.RULE_COLUMNS:
        if col not in df:
            df[col] = None
    df["in_programme"] = df["in_programme"].astype("boolean")
    df["source_id"] = df["source_id"].fillna("scope")
    return df[eligibility.RULE_COLUMNS]


def _fact(measure: str, value: float, **kw: object) -> dict:
    row = {
        "area_name": "Bắc Sơn",
        "area_level": "district",
        "area_code": "185",
        "admin_vintage": "legacy",
        "year": 2024,
        "as_of": None,
        "period": None,
        "measure": measure,
        "value": value,
        "unit": "communes",
        "qualifier": "exact",
        "source_id": "district_report",
        "source_locator": "p. 1",
        "note": None,
    }
    return row | kw


def _record(code: str, tier: str | None, year: int | None, kind: str = "recognition", **kw):
    row = {
        "commune_name": code,
        "province_name": "Lạng Sơn",
        "unit_code": code,
        "admin_vintage": "legacy",
        "year": year,
        "record_kind": kind,
        "tier": tier,
        "model_field": None,
        "criteria_met": None,
        "criteria_total": None,
        "criteria_set": None,
        "source_id": "commune_record",
        "source_locator": "p. 2",
    }
    return row | kw


def _tables(facts=(), records=(), sheet=(), rules=None) -> dict[str, pd.DataFrame]:
    cs = pd.DataFrame(list(records) or [_record(LONG_DONG, None, None)]).iloc[: len(records)]
    return {
        "facts": pd.DataFrame(list(facts) or [_fact("x", 0)]).iloc[: len(facts)],
        "commune_status": cs.astype({"year": "Int64"}),
        "criteria_status": pd.DataFrame(list(sheet)),
        "eligibility": _rules() if rules is None else rules,
        "sources": pd.DataFrame(
            {
                "source_id": ["district_report", "commune_record", "scope"],
                "kind": ["document"] * 3,
                "issuer": ["UBND huyện Bắc Sơn", "UBND tỉnh Lạng Sơn", "Thủ tướng Chính phủ"],
                "document_no": ["1/BC-UBND", "2/QĐ-UBND", "318/QĐ-TTg"],
                "issued_date": ["2024-12-20", "2016-03-01", "2022-03-08"],
                "title": ["t"] * 3,
                "url": [None] * 3,
            }
        ),
    }


def _status(tables, as_of=None) -> pd.DataFrame:
    return status.status_table(tables, "Bắc Sơn", "legacy", as_of).set_index("unit_code")


# ------------------------------------------------------------------------- eligibility


def test_xa_are_in_townships_out_and_a_unit_row_overrides_its_type():
    excluded = {"admin_vintage": "legacy", "unit_code": VU_SON, "in_programme": False}
    st = _status(_tables(rules=_rules(excluded)))
    assert st.loc[TOWNSHIP, "in_programme"] == False  # noqa: E712 (a pandas boolean, not NA)
    assert st.loc[TOWNSHIP, "status_class"] == status.OUT
    assert st.loc[VU_SON, "status_class"] == status.OUT
    assert st.loc[VU_SON, "eligibility_basis"] == "unit"
    assert (
        st.loc[LONG_DONG, "in_programme"] and st.loc[LONG_DONG, "eligibility_basis"] == "unit_type"
    )
    assert int(status.in_programme(st).sum()) == 16


def test_a_rule_note_is_shown_in_vietnamese_where_the_row_has_one_and_in_english_otherwise():
    rules = _rules(
        {"admin_vintage": "legacy", "unit_code": VU_SON, "in_programme": False, "note": "zone"}
    ).assign(note_vi=None)
    xa = rules["unit_type"] == "Xã"
    rules.loc[xa, ["note", "note_vi"]] = ["communes take part", "xã tham gia"]
    rules.loc[rules["unit_code"] == VU_SON, "note_vi"] = "trong khu kinh tế"
    rules.loc[rules["unit_type"] == "Thị trấn", "note"] = "townships are urban"  # no note_vi
    notes = {
        lang: status.status_table(_tables(rules=rules), "Bắc Sơn", "legacy", None, lang)
        .set_index("unit_code")
        .loc[[LONG_DONG, VU_SON, TOWNSHIP], "eligibility_note"]
        .tolist()
        for lang in ("vi", "en")
    }
    assert notes["vi"] == ["xã tham gia", "trong khu kinh tế", "townships are urban"]
    assert notes["en"] == ["communes take part", "zone", "townships are urban"]


def test_eligibility_rows_hold_between_their_dates():
    later = {
        "admin_vintage": "legacy",
        "unit_code": VU_SON,
        "in_programme": False,
        "valid_from": "2025-01-01",
    }
    tables = _tables(rules=_rules(later))
    assert _status(tables, "2024-12-31").loc[VU_SON, "in_programme"]
    assert not _status(tables, "2025-06-30").loc[VU_SON, "in_programme"]


def test_a_type_without_a_rule_is_unknown_not_guessed():
    only_xa = _rules().iloc[:1]
    st = _status(_tables(rules=only_xa))
    assert pd.isna(st.loc[TOWNSHIP, "in_programme"])
    assert st.loc[TOWNSHIP, "status_class"] == status.SCOPE_UNKNOWN


# --------------------------------------------------------------------- area statements


def test_a_full_count_puts_every_eligible_commune_at_least_at_the_tier():
    facts = [_fact("communes_advanced", 17), _fact("communes_total", 17)]
    st = _status(_tables(facts))
    communes = st[status.in_programme(st)]
    assert len(communes) == 17 and set(communes["tier_at_least"]) == {"advanced"}
    assert set(communes["basis"]) == {"area_statement"} and communes["tier"].isna().all()
    assert set(communes["source_citation"]) == {
        "Báo cáo số 1/BC-UBND ngày 20/12/2024, UBND huyện Bắc Sơn"
    }
    assert pd.isna(st.loc[TOWNSHIP, "tier_at_least"])  # a township is never made advanced


def test_a_hundred_percent_statement_counts_as_full_and_a_lower_share_does_not():
    st = _status(_tables([_fact("communes_ntm_pct", 100, unit="pct")]))
    assert set(st[status.in_programme(st)]["tier_at_least"]) == {"ntm"}
    partial = [_fact("communes_advanced", 9), _fact("communes_total", 17)]
    st = _status(_tables(partial))
    assert st["tier_at_least"].isna().all() and set(st["status_class"]) == {"no_data", status.OUT}
    figs = status.area_context(_tables(partial), "Bắc Sơn")
    row = figs[figs["tier"] == "advanced"].iloc[0]
    assert (row["share_pct"], row["share_basis"], row["role"]) == (52.9, "computed", "share")


def test_an_approximate_figure_is_never_full():
    facts = [_fact("communes_ntm", 17, qualifier="approx"), _fact("communes_total", 17)]
    assert _status(_tables(facts))["tier_at_least"].isna().all()


def test_a_later_statement_supersedes_an_earlier_recognition_of_a_lower_tier():
    records = [_record(BAC_QUYNH, "ntm", 2015)]
    facts = [_fact("communes_advanced_pct", 100, unit="pct", as_of="2024-12")]
    st = _status(_tables(facts, records))
    assert st.loc[BAC_QUYNH, "tier_at_least"] == "advanced"
    assert st.loc[BAC_QUYNH, "basis"] == "area_statement"
    assert st.loc[BAC_QUYNH, "as_of"] == "2024-12"
    assert "2015 Đạt chuẩn NTM" in st.loc[BAC_QUYNH, "history"]  # the record is kept
    # before the statement, the recognition is what is known
    early = _status(_tables(facts, records), "2020-12-31")
    assert (early.loc[BAC_QUYNH, "tier"], early.loc[BAC_QUYNH, "basis"]) == ("ntm", "stated")


def test_a_higher_own_record_stays_and_an_equal_one_is_shown_as_the_communes_own():
    records = [_record(BAC_QUYNH, "model", 2023), _record(DONG_Y, "advanced", 2022)]
    facts = [_fact("communes_advanced_pct", 100, unit="pct")]
    st = _status(_tables(facts, records))
    assert (st.loc[BAC_QUYNH, "tier"], st.loc[BAC_QUYNH, "basis"]) == ("model", "stated")
    assert (st.loc[DONG_Y, "tier"], st.loc[DONG_Y, "basis"]) == ("advanced", "stated")


def test_a_later_assessment_of_the_unit_says_otherwise():
    facts = [_fact("communes_ntm_pct", 100, unit="pct", year=2022)]
    records = [_record(LONG_DONG, "none", 2023, "assessment")]
    st = _status(_tables(facts, records))
    assert (st.loc[LONG_DONG, "tier"], st.loc[LONG_DONG, "basis"]) == ("none", "stated")
    assert st.loc[DONG_Y, "tier_at_least"] == "ntm"


def test_statements_apply_to_the_areas_units_only_and_say_when_the_base_differs():
    facts = [_fact("communes_ntm", 19), _fact("communes_total", 19)]
    st = _status(_tables(facts))
    assert (
        "19" in st.loc[LONG_DONG, "statement_note"] and "17" in st.loc[LONG_DONG, "statement_note"]
    )
    other = [_fact("communes_ntm", 5, area_code="186"), _fact("communes_total", 5, area_code="186")]
    assert _status(_tables(other))["tier_at_least"].isna().all()


def test_statements_are_read_for_any_area_and_tier():
    facts = pd.DataFrame(
        [
            _fact("communes_model", 3, area_level="province", area_code="99"),
            _fact("communes_total", 3, area_level="province", area_code="99"),
            _fact("communes_ntm_pct", 100, unit="pct", admin_vintage="2025"),
        ]
    )
    found = area_statements.area_statements(facts)
    assert found["full"].tolist() == [True, True]
    assert set(found["tier"]) == {"model", "ntm"}


# ------------------------------------------------------------------------ criteria sheets


def _sheet(code: str, met: set[int], listed: range = range(1, 20)) -> list[dict]:
    return [
        {
            "unit_code": code,
            "admin_vintage": "legacy",
            "year": 2023,
            "criteria_set": BASIC,
            "criterion_no": n,
            "status": "met" if n in met else "not_met",
            "source_id": "commune_record",
        }
        for n in listed
    ]


def test_a_complete_criteria_sheet_gives_the_count_and_the_band():
    st = _status(_tables(sheet=_sheet(VU_SON, set(range(1, 17)))))
    row = st.loc[VU_SON]
    assert (row["criteria_met"], row["criteria_total"], row["criteria_set"]) == (16, 19, BASIC)
    assert (row["band"], row["band_source"], row["basis"]) == (
        "15–18",
        "criteria_sheet",
        "criteria_sheet",
    )
    assert row["status_class"] == status.TIER_UNKNOWN  # criteria met, no tier recognised
    assert row["unmet"].startswith("17 ")


def test_a_partial_sheet_says_what_it_lists_and_gives_no_count():
    st = _status(_tables(sheet=_sheet(VU_SON, {1}, range(1, 4))))
    assert pd.isna(st.loc[VU_SON, "criteria_met"]) and pd.isna(st.loc[VU_SON, "band"])
    assert "3/19" in st.loc[VU_SON, "criteria_note"]


def test_a_score_or_band_without_a_tier_cites_its_source_as_other_bases_do():
    sheet = [r | {"source_id": "district_report"} for r in _sheet(VU_SON, set(range(1, 17)))]
    band = [
        _fact(m, v, area_name="Đồng Ý", area_level="commune", area_code=DONG_Y)
        for m, v in (("criteria_met_band_min", 15), ("criteria_met_band_max", 18))
    ]
    st = _status(_tables(band, sheet=sheet))
    for code, basis in ((VU_SON, "criteria_sheet"), (DONG_Y, "stated")):
        row = st.loc[code]
        assert (row["basis"], row["source_id"]) == (basis, "district_report")
        assert row["source_citation"] == "Báo cáo số 1/BC-UBND ngày 20/12/2024, UBND huyện Bắc Sơn"
    with_basis = st[st["basis"] != "none"]
    assert with_basis["source_citation"].notna().all() and len(with_basis) == 2


def test_ntm_status_cites_an_ingested_criteria_sheet_by_its_file(tmp_path, capsys):
    from ntm_analysis import paths

    raw, processed = tmp_path / "raw", tmp_path / "processed"
    sheet = paths.RAW / "templates" / "tieu_chi_xa.xlsx"
    assert main(["ingest", str(sheet), "-o", str(raw)]) == 0
    assert main(["build", "--raw", str(raw), "--no-user", "--out", str(processed)]) == 0
    for lang, cited in (
        ("vi", "Bảng tính tieu_chi_xa.xlsx"),
        ("en", "Spreadsheet tieu_chi_xa.xlsx"),
    ):
        out = tmp_path / f"status-{lang}.csv"
        args = ["status", "--area", "Bắc Sơn", "--processed", str(processed), "--lang", lang]
        assert main([*args, "-o", str(out)]) == 0
        row = (
            pd.read_csv(out, dtype=str, encoding="utf-8-sig").set_index("unit_code").loc[LONG_DONG]
        )
        assert row["basis"] == "criteria_sheet" and row["criteria_met"] == "14"
        assert row["source_id"] == row["criteria_source_id"]
        assert row["source_citation"] == cited
    capsys.readouterr()


# ----------------------------------------------------------------------- former communes


def test_the_merged_commune_rule_is_cited_and_gives_no_tier():
    assert inheritance.rule_for("2025")["rule"] == "none_found"
    legacy = inheritance.rule_for("legacy")
    assert legacy["document"] == "5424/BNN-VPĐP" and legacy["issued_date"] == "2023-08-09"
    assert legacy["source_url"].startswith("https://baohatinh.vn/")
    assert (
        inheritance.cited_rule("vi")
        == "Bộ Nông nghiệp và Phát triển nông thôn, 5424/BNN-VPĐP, 09/8/2023"
    )


def test_2025_communes_show_what_their_former_communes_share():
    tables = _tables(
        [_fact("communes_advanced_pct", 100, unit="pct")],
        [_record(LONG_DONG, "model", 2024)],
    )
    st = status.status_table(tables, "Lạng Sơn", "2025")
    bac_son = st[st["unit_name"] == "Xã Bắc Sơn"].iloc[0]  # formed from Bắc Sơn district units
    assert bac_son["basis"] == "predecessors" and pd.isna(bac_son["tier_at_least"])
    assert bac_son["predecessor_state"] == "all_known"
    assert bac_son["predecessor_floor"] == "advanced"
    assert "Long Đống: NTM kiểu mẫu (2024)" in bac_son["predecessors"]
    assert "Thị trấn Bắc Sơn: ngoài chương trình" in bac_son["predecessors"]
    assert inheritance.summary_text(bac_son) == "Mọi xã cũ: ít nhất NTM nâng cao"


# ------------------------------------------------------------------------- the command


@pytest.fixture
def processed(tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    tables = _tables(
        [_fact("communes_advanced", 17), _fact("communes_total", 17)],
        [_record(DONG_Y, "model", 2024, source_locator="=HYPERLINK(1)")],
    )
    for name, df in tables.items():
        df.to_parquet(out / f"{name}.parquet")
    return out


def test_ntm_status_writes_csv_and_xlsx_with_the_columns_of_the_issue(processed, tmp_path, capsys):
    csv, xlsx = tmp_path / "s.csv", tmp_path / "s.xlsx"
    args = ["status", "--area", "Bắc Sơn", "--processed", str(processed), "--as-of", "2025-12-31"]
    assert main([*args, "-o", str(csv)]) == 0
    assert "18 đơn vị, 17 thuộc chương trình xã NTM (" in capsys.readouterr().out
    assert main([*args, "--lang", "en", "-o", str(csv)]) == 0
    assert "18 units, 17 in the commune programme (" in capsys.readouterr().out
    table = pd.read_csv(csv, dtype=str, encoding="utf-8-sig")
    required = ["unit_code", "unit_name", "unit_type", "district", "region", "in_programme", "tier"]
    required += ["tier_at_least", "criteria_met", "criteria_set", "basis", "as_of", "source_id"]
    assert set([*required, "source_citation"]) <= set(table.columns) and len(table) == 18
    row = table.set_index("unit_code").loc[DONG_Y]
    assert (row["tier"], row["basis"], row["as_of"]) == ("model", "stated", "2024")
    assert row["source_locator"] == "'=HYPERLINK(1)"  # inert in a spreadsheet
    assert main([*args, "-o", str(xlsx)]) == 0
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    cells = {c.value: c for c in ws[1]}
    assert set(required) <= set(cells) and ws.max_row == 19
    loc = next(c for c in ws.iter_rows(min_row=2) if c[0].value == DONG_Y)
    text = loc[list(cells).index("source_locator")]
    assert text.value == "=HYPERLINK(1)" and text.data_type == "s"


def test_ntm_status_refuses_an_ambiguous_area_with_the_candidates(processed, tmp_path, capsys):
    out = tmp_path / "x.csv"
    assert (
        main(["status", "--area", "Châu Thành", "--processed", str(processed), "-o", str(out)]) == 2
    )
    err = capsys.readouterr().err
    assert "Châu Thành, Tiền Giang" in err and "Châu Thành, Bến Tre" in err and not out.exists()
    assert main(["status", "--area", "Bắc Sơn", "--processed", str(processed), "-o", "x.txt"]) == 2


def test_resolve_areas_gives_level_and_code():
    areas = geo.resolve_areas(["Bắc Sơn", "Tỉnh Lạng Sơn", ""])
    assert areas[["level", "code"]].values.tolist() == [
        ["district", "185"],
        ["province", "20"],
        ["country", ""],
    ]


def test_ntm_status_writes_whole_numbers_as_integers_and_yes_no_in_the_files_language(
    processed, tmp_path
):
    from ntm_analysis.analysis.status_command import _written

    csv = tmp_path / "s.csv"
    args = ["status", "--area", "Lạng Sơn", "--processed", str(processed), "--vintage", "2025"]
    for lang, yes_no in (("vi", {"có", "không"}), ("en", {"True", "False"})):
        assert main([*args, "--lang", lang, "-o", str(csv)]) == 0
        table = pd.read_csv(csv, dtype=str, encoding="utf-8-sig", keep_default_na=False)
        assert set(table["in_programme"]) - {""} <= yes_no and set(table["in_programme"]) & yes_no
        counts = table["predecessors_known"].replace("", pd.NA).dropna()
        assert len(counts) and not counts.str.contains(r"\.").any(), counts.tolist()
    assert _written(pd.Series([6.0, None, 1.0]), "vi").tolist() == [6, pd.NA, 1]
    assert _written(pd.Series([1.5, 2.0]), "vi").tolist() == [1.5, 2.0]
    assert _written(pd.Series([True, False, None], dtype="boolean"), "vi").tolist()[:2] == [
        "có",
        "không",
    ]
