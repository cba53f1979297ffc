"""The processed tables reproduce the source documents' own figures, with provenance."""

from __future__ import annotations

import hashlib
import re

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


def test_the_build_rejects_nothing(built):
    out, results = built
    assert {n: len(r.rejects) for n, r in results.items() if len(r.rejects)} == {}
    assert pd.read_csv(out / "rejects.csv", encoding="utf-8-sig").empty


def test_every_row_has_a_registered_source_and_a_locator(tables):
    ids = set(tables["sources"]["source_id"])
    assert tables["sources"]["source_id"].is_unique
    for name in ("facts", "targets", "funding", "commune_status", "criteria_status"):
        df = tables[name]
        assert df["source_id"].isin(ids).all(), name
        assert df["source_locator"].str.strip().str.len().gt(0).all(), name
        # one raw row is one processed row, except a range target ("17-19"): two bounds
        key = ["raw_row", "qualifier"] if name == "targets" else ["raw_row"]
        assert not df.duplicated(key).any(), name


def test_every_seed_document_contributes_rows(tables):
    seeds = {
        "hp_2024_conclusion",
        "hp_2025_supervision",
        "bg_2024_directive",
        "ls_2023_bacson_inspection",
        "bg_2024_hopthinh_plan",
    }
    used = set().union(*(set(tables[n]["source_id"]) for n in tables if n != "sources"))
    assert seeds <= used
    docs = tables["sources"].set_index("source_id").loc[sorted(seeds)]
    assert (docs["kind"] == "document").all() and docs["issuer"].notna().all()


def test_unit_codes_travel_with_their_vintage(tables):
    for name, col in (
        ("facts", "area_code"),
        ("targets", "area_code"),
        ("funding", "area_code"),
        ("commune_status", "unit_code"),
        ("criteria_status", "unit_code"),
    ):
        df = tables[name]
        assert (df[col].notna() == df["admin_vintage"].notna()).all(), name
    seeds = tables["commune_status"][~tables["commune_status"]["raw_row"].str.startswith("ref")]
    assert (seeds["admin_vintage"] == "legacy").all() and seeds["unit_code"].notna().all()


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
    status = tables["commune_status"]
    status = status[status["source_id"] == "ls_2023_bacson_inspection"].set_index("commune_name")
    for name in ("Long Đống", "Đồng Ý", "Vũ Sơn"):
        met = counts.loc[name]["met"].iloc[0]
        assert status.at[name, "criteria_met"] == met
        assert status.at[name, "criteria_set"] == counts.loc[name].index[0]
    # the four communes of the 19-criteria band carry a full score in the basic set
    full = status[status["criteria_met"] == 19]
    assert len(full) == 4 and (full["criteria_set"] == "commune_ntm_2021_2025").all()


@pytest.mark.parametrize(
    ("commune", "criteria_set", "name", "number"),
    [
        pytest.param("Long Đống", "commune_ntm_2021_2025", "Y tế", 15, id="basic-health"),
        pytest.param("Long Đống", "commune_ntm_2021_2025", "Văn hóa", 16, id="basic-culture"),
        pytest.param("Đồng Ý", "commune_advanced_2021_2025", "Y tế", 14, id="adv-health"),
        pytest.param("Đồng Ý", "commune_advanced_2021_2025", "Hành chính công", 15, id="adv-admin"),
        pytest.param("Vũ Sơn", "commune_advanced_2021_2025", "Giáo dục", 5, id="adv-education"),
        pytest.param(
            "Hợp Thịnh",
            "commune_advanced_2021_2025",
            "Cơ sở hạ tầng thương mại nông thôn",
            7,
            id="hopthinh-commerce",
        ),
    ],
)
def test_listed_criteria_are_numbered_in_the_set_each_document_uses(
    tables, commune, criteria_set, name, number
):
    from ntm_analysis.lexicon.criteria import lookup_criterion

    assert lookup_criterion(name, criteria_set).criterion_no == number
    cs = tables["criteria_status"]
    row = cs[(cs["commune_name"] == commune) & (cs["criterion_no"] == number)]
    assert row["criteria_set"].tolist() == [criteria_set]


def test_hop_thinh_plan(tables):
    s = "bg_2024_hopthinh_plan"
    cs = tables["criteria_status"][tables["criteria_status"]["source_id"] == s]
    assert sorted(cs["criterion_no"]) == [6, 7, 14] and (cs["status"] == "not_met").all()
    st = tables["commune_status"][tables["commune_status"]["source_id"] == s].iloc[0]
    assert st["criteria_met"] == st["criteria_total"] - len(cs) == 16
    t = tables["targets"][tables["targets"]["source_id"] == s]
    villages = t[t["area_level"] == "village"].set_index("area_name")["measure"].to_dict()
    assert villages == {
        "Hương Ninh": "village_ntm",
        "Đa Hội": "village_model",
        "Đồng Đạo": "village_model",
    }
    f = tables["facts"][
        (tables["facts"]["source_id"] == s) & (tables["facts"]["area_name"] == "Đa Hội")
    ]
    by = f.set_index("measure")["value"]
    assert by["village_model_criteria_met"] + by["village_model_criteria_not_met"] == 7


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
    # the 2024 cohort: 3 + 10 + 32 = 45 communes
    cohort = f[(f["source_id"] == s) & (f["measure"] == "communes_model_cohort_2024_in_district")]
    started = _fact(f, s, "communes_model_cohort_2024_started")
    assert cohort["value"].sum() + started == _fact(f, s, "communes_model_cohort_2024") == 45
    # advanced: 137/137 = 100 % both planned and achieved
    assert _fact(f, s, "communes_advanced") / 137 * 100 == _fact(f, s, "communes_advanced_pct")


def test_old_haiphong_model_communes_end_2024_is_one_line_of_pandas(tables):
    f, src = tables["facts"], tables["sources"]
    # How many communes of old Hải Phòng were model NTM at end-2024, according to which document?
    answer = f.query("area_code == '31' and admin_vintage == 'legacy' and measure == 'communes_model' and year == 2024").merge(src, on="source_id")[["value", "source_id", "document_no", "source_locator"]]  # noqa: E501  # fmt: skip
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
    assert _fact(f, s, "rural_poverty_rate_pct") == 2.87
    assert _fact(f, s, "villages_model_added") == 119
    assert _fact(f, s, "districts_ntm") == 7
    assert [_fact(f, s, f"communes_{t}_added") for t in ("ntm", "advanced", "model")] == [9, 15, 11]
    assert _fact(f, s, "district_ntm_met", area_name="Lục Nam") == 1
    t = tables["targets"].query("source_id == @s")
    assert set(t["area_name"]) == {"Tân Yên", "Sơn Động", "Lục Ngạn"}


def test_east_west_2025_figures_say_east_and_west(tables):
    f = tables["facts"].query("source_id == 'hp_2025_supervision'")
    east = f[f["area_name"] == "Hải Phòng (cũ)"]
    west = f[f["area_name"] == "Hải Dương (cũ)"]
    assert east["note"].str.startswith("East").all() and west["note"].str.startswith("West").all()
    assert (east["as_of"] == "2025-11").all() and (west["as_of"] == "2025-11").all()
    assert _fact(f, "hp_2025_supervision", "districts_advanced") == 4
    assert _fact(f, "hp_2025_supervision", "districts_total") == 6


def test_reference_recognitions_are_staged_with_their_pages(tables):
    cs = tables["commune_status"]
    rec = cs[cs["raw_row"].str.startswith("reference/")]
    assert len(rec) == 144
    assert rec["source_id"].str.startswith("web_").all()
    assert (rec["unit_code"].notna() == rec["admin_vintage"].notna()).all()


def test_undated_reference_rows_are_dated_only_by_the_mapping(tables):
    from ntm_analysis.paths import RAW
    from ntm_analysis.sources.reference import DATING_FILE

    dating = pd.read_csv(RAW / DATING_FILE, dtype=str, keep_default_na=False)
    f = tables["facts"].set_index("raw_row")
    assert set(dating["raw_row"]) <= set(f.index)
    dated = f.loc[dating["raw_row"]]
    assert dated["note"].str.contains(DATING_FILE, regex=False).all()
    assert (dated["year"].notna() | dated["period"].notna()).all()
    assert dating["reason"].str.len().gt(10).all()


def test_reference_units_and_qualifiers(tables):
    f = tables["facts"]
    ref = f[f["raw_row"].str.startswith("reference/")]
    # "xã (trên 7.669; 79,3%)" reads "out of 7,669": an exact count, not "more than"
    prog = ref[ref["raw_row"].str.startswith("reference/program_targets.csv")]
    ntm = prog[(prog["measure"] == "communes_ntm") & (prog["as_of"] == "2025-06")]
    assert ntm["value"].tolist() == [6084] and ntm["qualifier"].tolist() == ["exact"]
    assert not ref["unit"].str.contains(r"[()]").any()
    # province rows carry the legacy province code, so two sources on one province meet
    bg = ref[ref["area_name"] == "Bắc Giang"]
    assert (bg["area_code"] == "24").all() and (bg["admin_vintage"] == "legacy").all()


def test_reference_copies_are_verbatim(shared_dir):
    for side in sorted((RAW / "reference").glob("*.source.yml")):
        meta = yaml.safe_load(side.read_text(encoding="utf-8"))
        copy = side.with_name(side.name.removesuffix(".source.yml"))
        data = copy.read_bytes()
        assert hashlib.sha256(data).hexdigest() == meta["sha256"]
        assert (shared_dir / meta["origin"].removeprefix("shared/")).read_bytes() == data


def test_pages_that_date_curated_rows_are_registered_sources(tables):
    from ntm_analysis.paths import RAW
    from ntm_analysis.sources.reference import DATING_FILE

    dating = pd.read_csv(RAW / DATING_FILE, dtype=str, keep_default_na=False)
    urls = set(dating["evidence_url"]) - {""}
    assert urls <= set(tables["sources"]["url"].dropna())


def test_bac_son_aims_are_targets_not_results(tables):
    t = tables["targets"]
    t = t[t["source_id"] == "ls_2023_bacson_inspection"].set_index("area_name")["measure"]
    assert t.to_dict() == {
        "Long Đống": "commune_ntm",
        "Đồng Ý": "commune_model",
        "Vũ Sơn": "commune_advanced",
    }
    st = tables["commune_status"]
    long_dong = st[
        (st["source_id"] == "ls_2023_bacson_inspection") & (st["commune_name"] == "Long Đống")
    ]
    assert long_dong["tier"].tolist() == ["none"]  # the aim was not reached at the inspection


def test_funding_indicators_are_the_documents_figures_divided(tables):
    from ntm_analysis.analysis import indicators

    fu, facts = tables["funding"], tables["facts"]
    bs = indicators.funding_per_commune(fu, facts, "ls_2023_bacson_inspection")
    assert bs["total_bn_vnd"] == pytest.approx(19.97898) and bs["communes"] == 17
    assert bs["per_commune_bn_vnd (computed)"] == pytest.approx(19.97898 / 17)
    assert bs["state_budget_share_pct (computed)"] == pytest.approx(16.474 / 19.97898 * 100)
    bs_by_source = indicators.funding_by_source(fu, "ls_2023_bacson_inspection")
    assert bs_by_source["share_pct"].sum() == pytest.approx(100)
    assert set(bs_by_source["source_id"]) == {"ls_2023_bacson_inspection"}
    with pytest.raises(KeyError, match="states no 'communes_total'"):
        indicators.funding_per_commune(fu, facts.iloc[:0], "ls_2023_bacson_inspection")
    assert indicators.allocation_concentration(fu).empty  # no commune-level rows embedded
    assert (indicators.money_facts(facts)["measure"].str.match("funding|budget")).all()


def test_allocation_concentration_on_commune_rows():
    from ntm_analysis.analysis import indicators

    def rows(amounts):
        return pd.DataFrame(
            {
                "source_id": "s",
                "period": "2024",
                "area_level": "commune",
                "area_code": [f"{i:05d}" for i in range(len(amounts))],
                "area_name": [f"c{i}" for i in range(len(amounts))],
                "source_category": "provincial",
                "amount_vnd": amounts,
            }
        )

    even = indicators.allocation_concentration(rows([10**9] * 10)).iloc[0]
    assert even["communes"] == 10 and even["top20_share_pct"] == pytest.approx(20)
    assert even["hhi"] == pytest.approx(0.1) and even["gini"] == pytest.approx(0, abs=1e-12)
    one = indicators.allocation_concentration(rows([10**9] + [0] * 9)).iloc[0]
    assert one["communes"] == 10 and one["hhi"] == pytest.approx(1)
    assert one["top20_share_pct"] == 100 and one["gini"] == pytest.approx(0.9)
    skew = indicators.allocation_concentration(rows([8, 1, 1, 0, 0])).iloc[0]
    assert skew["top20_share_pct"] == pytest.approx(80) and skew["hhi"] == pytest.approx(0.66)


def test_east_west_bases_from_the_gazetteer(tables, built):
    from ntm_analysis.analysis import east_west

    out, _ = built
    units = pd.read_parquet(out / "units.parquet")
    bases = east_west.bases(units, tables["facts"]).set_index(["area", "base_id"])["value"]
    assert bases[("east", "pre2023_xa_less_excepted")] == 137
    assert bases[("west", "legacy_xa")] == 151


def test_report_table_cites_documents_and_rejects_are_readable(built):
    from ntm_analysis.analysis import consistency
    from ntm_analysis.model import tables as tables_mod

    out, _ = built
    data = tables_mod.load_tables(out)
    table = consistency.report_table(data)
    assert len(table) == len(consistency.check_facts(data))
    assert table["document_a"].notna().all() and "document_b" in table
    rejects = tables_mod.load_rejects(out)
    assert {"raw_row", "reason"} <= set(rejects.columns)


# --- locators into the seed texts (audit of issue #18) ---------------------------------------

_LINES = re.compile(r"lines? (\d+)(?:-(\d+))?")
# rows whose value is not printed as such on its lines: flags (1 = yes), money in đồng (printed
# in tỷ or triệu), and counts the transcriber made of a listed set
_NOT_PRINTED_UNITS = {"flag", "vnd"}
_COUNTED_FROM_A_LIST = {("facts/bg_2024_hopthinh_plan.csv", 6)}


def _seed_rows(shared_dir):
    """(raw file, line, row, seed lines, [(first, last)]) for every raw row citing a seed line."""
    sources = pd.read_csv(RAW / "sources.csv", dtype=str, keep_default_na=False)
    seeds = {
        r.source_id: r.url.removeprefix("seed ")
        for r in sources.itertuples()
        if r.url.startswith("seed ")
    }
    texts = {
        sid: (shared_dir / "seeds" / name).read_text(encoding="utf-8").splitlines()
        for sid, name in seeds.items()
    }
    for table in ("facts", "targets", "funding", "commune_status", "criteria_status"):
        for path in sorted((RAW / table).glob("*.csv")):
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
            for line, row in enumerate(df.to_dict("records"), start=2):
                if row["source_id"] not in texts:
                    continue
                ranges = [
                    (int(m.group(1)), int(m.group(2) or m.group(1)))
                    for m in _LINES.finditer(row["source_locator"])
                ]
                yield f"{table}/{path.name}", line, row, texts[row["source_id"]], ranges


def _printed_forms(value: str) -> set[str]:
    v = float(value)
    if v.is_integer():
        i = int(v)
        return {str(i), f"{i:02d}", f"{i:,}".replace(",", ".")}
    text = f"{v}".rstrip("0")
    return {text, text.replace(".", ",")}


def test_seed_locators_start_and_end_on_a_line_of_text(shared_dir):
    loose = [
        (f, n, r["source_locator"])
        for f, n, r, text, ranges in _seed_rows(shared_dir)
        for first, last in ranges
        if not text[first - 1].strip() or not text[last - 1].strip()
    ]
    assert loose == []


def test_seed_locators_hold_the_figure_they_locate(shared_dir):
    missing = []
    for f, n, row, text, ranges in _seed_rows(shared_dir):
        value = row.get("value") or row.get("target_value")
        if not value or not ranges or row["unit"] in _NOT_PRINTED_UNITS or float(value) == 1:
            continue
        if (f, n) in _COUNTED_FROM_A_LIST:
            continue
        span = " ".join(" ".join(text[a - 1 : b]) for a, b in ranges)
        pattern = "|".join(re.escape(x) for x in _printed_forms(value))
        if not re.search(rf"(?<![\d.,])(?:{pattern})(?!\d)", span):
            missing.append((f, n, row["measure"], value, row["source_locator"]))
    assert missing == []


@pytest.mark.parametrize(
    ("raw_file", "line", "locator", "printed"),
    [
        pytest.param("facts/hp_2024_conclusion.csv", 2, "I, line 41", "85 v", id="documents-85"),
        pytest.param("facts/hp_2024_conclusion.csv", 3, "I, line 42", "38 cu", id="meetings-38"),
        pytest.param(
            "targets/hp_2024_conclusion.csv", 9, "II.1, lines 106-107", "Cat Hai", id="model-2025"
        ),
        pytest.param(
            "targets/hp_2024_conclusion.csv", 10, "II.1, lines 109-110", "04 huy", id="districts"
        ),
    ],
)
def test_audited_locators_point_at_their_lines(shared_dir, raw_file, line, locator, printed):
    rows = {(f, n): (r, text, ranges) for f, n, r, text, ranges in _seed_rows(shared_dir)}
    row, text, ranges = rows[(raw_file, line)]
    assert row["source_locator"] == locator
    ((first, last),) = ranges
    assert printed in " ".join(text[first - 1 : last])


def test_national_2025_floors_are_staged_as_at_least(tables):
    t = tables["targets"]
    floors = t[t["measure"].str.contains(r"_min_\d{4}$")]
    assert sorted(floors["measure"]) == [
        "communes_model_share_min_2025",
        "communes_ntm_share_min_2025",
        "districts_advanced_or_model_share_min_2025",
        "districts_ntm_share_min_2025",
        "provinces_completed_min_2025",
    ]
    assert (floors["qualifier"] == "at_least").all()


def test_a_curated_date_followed_by_a_comment_keeps_its_date(tables):
    f = tables["facts"]
    son_la = f[(f["area_name"] == "Sơn La") & (f["measure"] == "communes_ntm_pct")]
    assert son_la["as_of"].tolist() == ["2021-02"]
    assert son_la["note"].str.contains("as of: 2021-02 (end of month)", regex=False).all()
