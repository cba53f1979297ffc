"""Commune statuses on the embedded data agree with the sources (issue #17, item 6).

The new Hải Phòng on legacy communes at the end of 2025: every East commune in the programme
is at least advanced (the city's own statements), every commune of the city at least NTM,
wards and townships are out, and so are the four Cát Hải communes of the economic zone. Hà
Tĩnh's communes are at least NTM from its 100 % statement; Nghệ An's 299 NTM communes are a
count, not a tier for anyone. The map, ``ntm status`` and the status table are one table.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntm_analysis.analysis import status
from ntm_analysis.model import tables as model_tables

HP = ["Hải Phòng", "Hải Dương"]
END_2025 = "2025-12-31"
CAT_HAI_EXCLUDED = {"11920", "11923", "11926", "11929"}  # Nghĩa Lộ, Đồng Bài, Hoàng Châu, Văn Phong
CAT_HAI_IN = {"11932", "11935", "11938", "11941", "11944", "11947"}


@pytest.fixture(scope="module")
def data(built):
    return model_tables.load_tables(built[0])


@pytest.fixture(scope="module")
def hp(data):
    return status.status_table(data, HP, "legacy", END_2025)


def test_every_east_commune_in_the_programme_is_at_least_advanced(hp):
    east = hp[(hp["region"] == "East") & status.in_programme(hp)]
    assert len(east) == 77  # 81 xã of old Hải Phòng less the 4 in the economic zone
    assert set(east["unit_type"]) == {"Xã"}
    rank = east["tier_at_least"].map(status.TIER_RANK)
    assert (rank >= status.TIER_RANK["advanced"]).all()
    by_statement = east[east["basis"] == "area_statement"]
    assert set(by_statement["source_id"]) == {"hp_2025_supervision"}
    assert set(by_statement["as_of"]) == {"2025-11"}
    assert by_statement["source_citation"].str.contains("HĐND thành phố Hải Phòng").all()


def test_every_commune_of_the_city_is_at_least_ntm(hp):
    inside = hp[status.in_programme(hp)]
    assert len(inside) == 77 + 151
    assert inside["tier_at_least"].notna().all()
    assert (inside["tier_at_least"].map(status.TIER_RANK) >= status.TIER_RANK["ntm"]).all()
    west = inside[inside["region"] == "West"]
    # the West is at least NTM from Hải Dương's 178/178; its advanced and model communes are
    # those named by their own recognitions (the 49.7 % / 21.2 % shares name none)
    assert set(west.loc[west["basis"] == "area_statement", "tier_at_least"]) == {"ntm"}
    above = west["tier_at_least"].isin(["advanced", "model"])
    assert set(west.loc[above, "basis"]) == {"stated"}
    assert above.mean() < 0.497 + 0.01


def test_wards_towns_and_the_economic_zone_are_out_of_the_programme(hp):
    out = hp[~status.in_programme(hp)]
    assert set(out["status_class"]) == {status.OUT}
    assert set(hp.loc[hp["unit_type"].isin(["Phường", "Thị trấn"]), "unit_code"]) <= set(
        out["unit_code"]
    )
    assert CAT_HAI_EXCLUDED <= set(out["unit_code"])
    zone = hp.set_index("unit_code").loc[sorted(CAT_HAI_EXCLUDED)]
    assert set(zone["eligibility_source_id"]) == {"hp_portal_cat_hai_2019"}
    assert len(out) == 374 - 228


def test_a_2015_recognition_shows_the_later_statements_tier(hp):
    cat_hai = hp.set_index("unit_code").loc[sorted(CAT_HAI_IN)]
    assert set(cat_hai["in_programme"]) == {True}
    assert cat_hai["history"].str.startswith("2015 Đạt chuẩn NTM").all()  # the only record
    assert set(cat_hai["tier_at_least"]) == {"advanced"}
    assert set(cat_hai["basis"]) == {"area_statement"}


def test_at_the_end_of_2024_the_east_rests_on_the_citys_own_conclusions(data):
    st = status.status_table(data, "Hải Phòng", "legacy", "2024-12-31")
    inside = st[status.in_programme(st)]
    rank = inside["tier_at_least"].map(status.TIER_RANK)
    assert (rank >= status.TIER_RANK["advanced"]).all()
    # the city's 02/TB-VP (137/137) rather than a web page giving the same figure
    statements = inside[inside["basis"] == "area_statement"]
    assert set(statements["source_id"]) == {"hp_2024_conclusion"}
    assert statements["source_citation"].str.contains("02/TB-VP").all()


def test_before_the_statements_the_east_is_what_the_records_and_2019_say(data):
    early = status.status_table(data, "Hải Phòng", "legacy", "2020-06-30")
    inside = early[status.in_programme(early)]
    assert set(inside["tier_at_least"].dropna()) == {"ntm"}  # 137/137 NTM at end-2019
    assert inside["tier_at_least"].notna().all()


def test_ha_tinh_communes_are_at_least_ntm_from_its_100_percent_statement(data):
    st = status.status_table(data, "Hà Tĩnh", "legacy")
    inside = st[status.in_programme(st)]
    assert len(inside) == 170 and len(st) == 209
    assert set(inside["tier_at_least"]) == {"ntm"} and set(inside["basis"]) == {"area_statement"}
    assert set(inside["source_id"]) == {"web_7dccf7123b"}
    # the source counted 181 communes (January 2024); the list has 170 after the mergers
    assert inside["statement_note"].str.contains("181").all()


def test_nghe_an_stays_unknown_and_its_count_is_reported_for_the_area(data):
    st = status.status_table(data, "Nghệ An", "legacy")
    assert status.in_programme(st).sum() == 362 and st["tier_at_least"].isna().all()
    figs = status.area_context(data, "Nghệ An", "legacy")
    ntm = figs[figs["tier"] == "ntm"].iloc[0]
    assert (ntm["count"], ntm["role"], ntm["share_basis"]) == (299, "share", "count")


def test_bac_son_has_bands_for_its_communes_and_its_township_apart(data):
    st = status.status_table(data, "Bắc Sơn", "legacy").set_index("unit_code")
    assert status.in_programme(st).sum() == 17
    assert st.loc["06325", "status_class"] == status.OUT  # Thị trấn Bắc Sơn
    bands = st.loc[status.in_programme(st), "band"]
    assert bands.value_counts().to_dict() == {"15–18": 6, "< 10": 4, "19": 4, "10–14": 3}
    assert st.loc["06328", "tier"] == "none"  # Long Đống, assessed below NTM in 2023


def test_the_map_layer_and_ntm_status_are_the_status_table(data, built, tmp_path):
    from ntm_analysis.cli import main
    from ntm_analysis.present.maps import status_layer

    layer = status_layer.commune_layer(HP, "legacy", data, "vi", END_2025)
    table = status.status_table(data, HP, "legacy", END_2025)
    merged = layer.merge(table, on="unit_code", suffixes=("", "_t"))
    assert len(merged) == len(table) == 374
    for col in ("status_class", "basis", "tier_at_least", "source_id", "as_of"):
        assert (merged[col].astype(str) == merged[f"{col}_t"].fillna("").astype(str)).all(), col
    out = tmp_path / "hp.csv"
    args = ["status", "--processed", str(built[0]), "--as-of", END_2025, "-o", str(out)]
    assert main([*args, "--area", HP[0], "--area", HP[1]]) == 0
    csv = pd.read_csv(out, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert csv["unit_code"].tolist() == table["unit_code"].tolist()
    assert csv["basis"].tolist() == table["basis"].tolist()


def test_a_criteria_sheet_colours_the_map_and_fills_ntm_status(tmp_path, capsys):
    """#15: an ingested criteria sheet gives the commune its criteria met and band."""
    import shutil

    from ntm_analysis import paths
    from ntm_analysis.build import build
    from ntm_analysis.cli import main
    from ntm_analysis.present.maps import html_map, offline, status_layer

    raw = tmp_path / "raw"
    sheet = paths.RAW / "templates" / "tieu_chi_xa.xlsx"  # Long Đống 2023, the basic set
    assert main(["ingest", str(sheet), "-o", str(raw)]) == 0
    shutil.copytree(paths.RAW / "eligibility", raw / "eligibility")
    sources = pd.read_csv(paths.RAW / "sources.csv", dtype=str)
    scope = sources[sources["source_id"].isin(["qd_318_2022", "hp_portal_cat_hai_2019"])]
    scope.to_csv(raw / "sources" / "scope.csv", index=False)
    out = tmp_path / "processed"
    build(raw, out, verbose=False)
    capsys.readouterr()
    data = model_tables.load_tables(out)
    row = status.status_table(data, "Bắc Sơn", "legacy").set_index("unit_code").loc["06328"]
    assert (row["criteria_met"], row["criteria_total"]) == (14, 19)
    assert (row["basis"], row["band"], row["band_source"]) == (
        "criteria_sheet",
        "10–14",
        "criteria_sheet",
    )
    assert row["status_class"] == status.TIER_UNKNOWN and row["as_of"] == "2023"
    layer = status_layer.commune_layer("Bắc Sơn", "legacy", data)
    assert status_layer.default_view(layer) == "band"  # the sheet colours the first view
    html = offline.offline_html(html_map.status_map(layer, "Bắc Sơn"))
    assert "Tiêu chí đạt: 10–14 (1)" in html.replace("\\u003c", "<")


# Words of the analysts' English notes and locators that no Vietnamese text contains.
ENGLISH = {"the", "of", "and", "in", "is", "are", "not", "unless", "inside", "commune"}
ENGLISH |= {"communes", "ward", "wards", "township", "townships", "excluded", "economic"}
ENGLISH |= {"zone", "programme", "line", "lines", "page", "cited", "curated", "row", "criteria"}
TEXTS = ["eligibility_note", "statement_note", "criteria_note", "source_locator", "unmet"]
TEXTS += ["predecessors", "history"]


def _english_words(table: pd.DataFrame) -> dict[str, set[str]]:
    import re

    found: dict[str, set[str]] = {}
    for col in TEXTS:
        for text in table[col].dropna().astype(str):
            words = {w.lower() for w in re.findall(r"[\w/.:#-]+", text)} & ENGLISH
            if words:
                found.setdefault(col, set()).update(words)
    return found


@pytest.mark.parametrize("vintage", ["legacy", "2025"])
def test_vietnamese_status_texts_are_vietnamese_and_english_ones_english(data, vintage):
    areas = [*HP, "Bắc Sơn", "Hiệp Hòa", "Hà Tĩnh"] if vintage == "legacy" else ["Hải Phòng"]
    vi = status.status_table(data, areas, vintage, END_2025, "vi")
    assert _english_words(vi) == {}
    economic_zone = vi["unit_code"].isin(CAT_HAI_EXCLUDED)
    if vintage == "legacy":
        assert vi.loc[economic_zone, "eligibility_note"].str.contains("Khu kinh tế").all()
        assert (vi["source_locator"] == "mục 1, dòng 72").any()
        assert vi["source_locator"].str.startswith("trang web được trích; dòng ").any()
    en = status.status_table(data, areas, vintage, END_2025, "en")
    assert en["eligibility_note"].str.contains("urban units|take part|economic zone").all()
    if vintage == "legacy":
        assert (en["source_locator"] == "1, line 72").any()  # the stored locator


def test_ntm_status_closes_with_a_well_formed_line_in_each_language(built, tmp_path, capsys):
    from ntm_analysis.cli import main

    out = tmp_path / "hp.csv"
    args = ["status", "--area", HP[0], "--as-of", END_2025, "-o", str(out)]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.warns(UserWarning):
        assert main([*args, "--processed", str(empty), "--lang", "vi"]) == 0
        assert main([*args, "--processed", str(empty), "--lang", "en"]) == 0
    vi, en = capsys.readouterr().out.splitlines()
    assert vi.endswith("0 thuộc chương trình xã NTM, 167 ngoài chương trình hoặc chưa rõ")
    assert en.endswith("0 in the commune programme, 167 outside or not stated")
    assert main([*args, "--processed", str(built[0]), "--lang", "vi"]) == 0
    line = capsys.readouterr().out
    assert ": 167 đơn vị, 77 thuộc chương trình xã NTM (văn bản toàn địa bàn 73, " in line
    assert "()" not in line and "commune" not in line
