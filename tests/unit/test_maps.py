"""Commune status maps: the status layer, bands, classes by basis, offline HTML (escaping,
fixed ids), geometry (region outlines), print map, CLI.

Fixtures are small hand-made frames in the shape of the processed tables; the commune codes
are real legacy codes of Bắc Sơn (Lạng Sơn) so the gazetteer places them. The eligibility
rows are the unit-type rules of the embedded data (xã in, phường and thị trấn out).
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from ntm_analysis.analysis import status
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps import classes, html_map, offline, print_map, status_layer

HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = '<img src=x onerror="alert(2)">'
BASIC, ADVANCED = "commune_ntm_2021_2025", "commune_advanced_2021_2025"
# Legacy codes in Bắc Sơn district.
LONG_DONG, DONG_Y, VU_SON, VAN_THUY, BAC_QUYNH = "06328", "06337", "06355", "06331", "06343"


def _status_row(
    code: str,
    tier: str | None,
    year: int | None,
    kind: str = "recognition",
    met: int | None = None,
    cset: str | None = None,
    source: str = "src_a",
) -> dict:
    return {
        "commune_name": code,
        "province_name": "Lạng Sơn",
        "unit_code": code,
        "admin_vintage": "legacy",
        "year": year,
        "record_kind": kind,
        "tier": tier,
        "model_field": None,
        "criteria_met": met,
        "criteria_total": 19 if met is not None else None,
        "criteria_set": cset,
        "source_id": source,
        "source_locator": "p. 3",
    }


ELIGIBILITY = pd.DataFrame(
    {
        "admin_vintage": [None, None, None],
        "unit_code": [None, None, None],
        "unit_type": ["Xã", "Phường", "Thị trấn"],
        "in_programme": pd.array([True, False, False], dtype="boolean"),
        "valid_from": [None] * 3,
        "valid_to": [None] * 3,
        "source_id": ["scope_src"] * 3,
        "note": ["", "", ""],
    }
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["src_a", HOSTILE, "scope_src", "area_src"],
        "kind": ["document"] * 4,
        "issuer": ["UBND huyện Bắc Sơn", HOSTILE, "Thủ tướng Chính phủ", "UBND tỉnh Lạng Sơn"],
        "document_no": ["12/BC-UBND", "1/BC", "318/QĐ-TTg", "99/BC-UBND"],
        "issued_date": ["2023-11-28", "2023", "2022-03-08", "2024-12-20"],
        "title": ["t"] * 4,
        "url": [None] * 4,
    }
)


def _tables(status_rows: list[dict] | None = None) -> dict[str, pd.DataFrame]:
    rows = (
        status_rows
        if status_rows is not None
        else [
            _status_row(LONG_DONG, "none", 2023, "assessment", 14, BASIC),
            _status_row(DONG_Y, None, 2023, "assessment", 13, ADVANCED),
            _status_row(VU_SON, "ntm", 2018),
            _status_row(VU_SON, "advanced", 2022, source=HOSTILE),
        ]
    )
    cs = pd.DataFrame(rows).astype(
        {"year": "Int64", "criteria_met": "Int64", "criteria_total": "Int64"}
    )
    crit = pd.DataFrame(
        [
            {
                "unit_code": LONG_DONG,
                "admin_vintage": "legacy",
                "year": 2023,
                "criteria_set": BASIC,
                "criterion_no": n,
                "status": "not_met",
            }
            for n in (2, 6)
        ]
        + [
            {
                "unit_code": LONG_DONG,
                "admin_vintage": "legacy",
                "year": 2023,
                "criteria_set": BASIC,
                "criterion_no": 1,
                "status": "met",
            }
        ]
    )
    facts = pd.DataFrame(
        [
            {"measure": m, "admin_vintage": "legacy", "area_code": code, "value": v}
            for code, lo, hi in ((VAN_THUY, 5, 9), (BAC_QUYNH, 19, 19), (DONG_Y, 15, 18))
            for m, v in (("criteria_met_band_min", lo), ("criteria_met_band_max", hi))
        ]
    )
    return {
        "commune_status": cs,
        "criteria_status": crit,
        "facts": facts,
        "eligibility": ELIGIBILITY,
        "sources": SOURCES,
    }


@pytest.fixture(scope="module")
def layer() -> gpd.GeoDataFrame:
    lay = status_layer.commune_layer("Bắc Sơn", "legacy", _tables())
    lay.loc[lay["unit_code"] == DONG_Y, "name"] = HOSTILE  # hostile names straight from data
    lay.loc[lay["unit_code"] == VAN_THUY, "name"] = HOSTILE_IMG
    return lay


def _row(layer: gpd.GeoDataFrame, code: str) -> pd.Series:
    return layer.loc[layer["unit_code"] == code].iloc[0]


# ------------------------------------------------------------------------------ the layer


def test_every_unit_is_kept_and_units_outside_the_programme_are_apart(layer):
    assert len(layer) == 18  # 17 communes and the township of Bắc Sơn district
    assert layer["unit_code"].is_unique
    township = layer[layer["unit_type"] == "Thị trấn"]
    assert len(township) == 1 and set(township["status_class"]) == {status.OUT}
    assert (layer["status_class"] == "no_data").sum() == 12  # 17 communes, 5 with data
    assert status_layer.coverage(layer) == {
        "units": 18,
        "in_programme": 17,
        "outside": 1,
        "with_data": 5,
        "with_tier": 2,
        "stated": 2,
        "area_statement": 0,
        "with_band": 4,
        "with_predecessor_status": 0,
        "no_position": 0,
    }


def test_status_choice_highest_recognition_and_score_only_rows():
    assert (
        _row(status_layer.commune_layer("Bắc Sơn", "legacy", _tables()), VU_SON)["tier"]
        == "advanced"
    )
    lay = status_layer.commune_layer("Bắc Sơn", "legacy", _tables())
    assert _row(lay, DONG_Y)["status_class"] == "tier_unknown"  # a score, no tier
    assert _row(lay, LONG_DONG)["status_class"] == "none"
    assert "2018" in _row(lay, VU_SON)["history"] and "2022" in _row(lay, VU_SON)["history"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [
                _status_row(LONG_DONG, "ntm", 2017),
                _status_row(LONG_DONG, "none", 2023, "assessment"),
            ],
            "none",
            id="later-assessment-below-an-old-recognition",
        ),
        pytest.param(
            [
                _status_row(LONG_DONG, "ntm", 2024),
                _status_row(LONG_DONG, "none", 2023, "assessment"),
            ],
            "ntm",
            id="recognition-after-the-assessment",
        ),
        pytest.param(
            [_status_row(LONG_DONG, "advanced", 2020), _status_row(LONG_DONG, "model", None)],
            "model",
            id="recognition-without-year-still-counts",
        ),
    ],
)
def test_latest_status_rules(rows, expected):
    table = status.status_table(_tables(rows), "Bắc Sơn").set_index("unit_code")
    assert table.loc[LONG_DONG, "tier"] == expected


def test_bands_from_counts_of_the_basic_set_else_from_stated_bands(layer):
    assert _row(layer, LONG_DONG)["band"] == "10–14"  # 14 of the 19 basic criteria
    assert _row(layer, LONG_DONG)["band_source"] == "count"
    # its sheet lists 3 of the 19 criteria: partial, said so, never a count
    assert "3/19" in _row(layer, LONG_DONG)["criteria_note"]
    assert _row(layer, VAN_THUY)["band"] == "< 10"  # stated as 5–9
    assert _row(layer, BAC_QUYNH)["band"] == "19"
    # 13 of the advanced set says nothing about the basic band; the stated 15–18 stands
    assert (_row(layer, DONG_Y)["band"], _row(layer, DONG_Y)["band_source"]) == ("15–18", "stated")


def test_unmet_criteria_are_named_from_the_criteria_reference(layer):
    unmet = _row(layer, LONG_DONG)["unmet"]
    assert unmet.startswith("2 ") and "; 6 " in unmet and "1 " not in unmet.split(";")[0][2:]


def test_empty_or_missing_tables_draw_everything_as_no_data_or_unknown_scope():
    for tables in (None, {}, {k: v.iloc[0:0] for k, v in _tables().items()}):
        lay = status_layer.commune_layer("Bắc Sơn", "legacy", tables)
        # without eligibility rows nobody's programme status is known: never guessed
        assert len(lay) == 18 and set(lay["status_class"]) == {status.SCOPE_UNKNOWN}
    only_rules = {"eligibility": ELIGIBILITY}
    lay = status_layer.commune_layer("Bắc Sơn", "legacy", only_rules)
    assert set(lay["status_class"]) == {status.NO_DATA, status.OUT}


def test_2025_units_list_the_status_of_their_legacy_communes():
    rows = [_status_row(LONG_DONG, "ntm", 2020), _status_row(DONG_Y, "model", 2024)]
    lay = status_layer.commune_layer("Lạng Sơn", "2025", _tables(rows))
    listed = lay[lay["predecessors"].str.contains("Long Đống|Đồng Ý", case=False)]
    assert not lay["status_class"].isin(status.TIER_RANK).any()  # no tier of their own
    assert 1 <= len(listed) <= 2
    text = " ".join(listed["predecessors"])
    assert "Long Đống: Đạt chuẩn NTM (2020)" in text and "NTM kiểu mẫu (2024)" in text
    # the other former communes are unknown, so the new commune is "mixed", drawn apart
    assert set(listed["draw_key"]) == {"pred|mixed"} and set(listed["basis"]) == {"predecessors"}
    html = offline.offline_html(html_map.status_map(lay, "Lạng Sơn"))
    assert "xã mới có xã cũ được ghi nhận" in html


def test_areas_by_province_district_pair_and_list():
    assert len(geo.select_communes("Bắc Sơn")) == 18
    hp = geo.commune_points(["Hải Phòng", "Hải Dương"], "legacy")
    assert set(hp["region"]) == {"East", "West"}
    assert len(geo.select_communes("Châu Thành, Tiền Giang")) == 20
    with pytest.raises(ValueError, match="no province or district"):
        geo.select_communes("Atlantis")


def test_an_ambiguous_area_is_refused_with_its_candidates():
    with pytest.raises(geo.AmbiguousArea) as err:
        geo.select_communes("Châu Thành")
    assert len(err.value.candidates) == 10
    assert "Châu Thành, Tiền Giang" in err.value.candidates
    assert "Châu Thành, An Giang" in str(err.value)
    # a province and a district of another province with the same name
    with pytest.raises(geo.AmbiguousArea, match="Tỉnh Hòa Bình"):
        geo.select_communes("Hòa Bình")
    assert len(geo.select_communes("Tỉnh Hòa Bình")) > 100
    # a district inside the province of the same name is part of it, not a rival
    assert len(geo.select_communes("Hải Dương")) == 207


@pytest.mark.parametrize(
    ("areas", "vintage"), [(["Hải Phòng", "Hải Dương"], "legacy"), ("Hải Phòng", "2025")]
)
def test_region_outlines_are_merged_from_the_units_and_never_overlap(areas, vintage):
    hp = geo.commune_points(areas, vintage)
    outlines = geo.region_outlines(hp).set_index("region").geometry
    east, west = outlines["East"], outlines["West"]
    assert east.intersection(west).area <= 1e-9 * min(east.area, west.area)
    for region, shape in (("East", east), ("West", west)):
        pts = hp[hp["region"] == region].geometry
        assert shape.buffer(1e-6).contains(pts).all(), region
        others = hp[hp["region"] != region].geometry
        assert not shape.buffer(-1e-6).contains(others).any(), region


# ------------------------------------------------------------------------ the HTML map


@pytest.fixture(scope="module")
def page(layer, tmp_path_factory) -> str:
    path = offline.save_map(
        html_map.status_map(layer, "Bắc Sơn " + HOSTILE), tmp_path_factory.mktemp("m") / "m.html"
    )
    return path.read_text(encoding="utf-8")


def test_html_is_self_contained(page):
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=", page)
    assert "L.map(" in page and ".leaflet-container" in page  # Leaflet inlined
    for host in ("jsdelivr", "cdnjs", "unpkg", "googleapis", "bootstrapcdn", "code.jquery"):
        assert host not in page, host  # no CDN reference left over
    assert "url(images/" not in page  # Leaflet's images travel as data URIs


def test_every_value_from_data_is_escaped(page):
    assert HOSTILE not in page and HOSTILE_IMG not in page
    assert "<img src=x" not in page
    # Each occurrence of the payloads is in escaped form (as HTML text or inside a JSON string).
    n = page.count("alert(1)")
    assert n >= 3  # name in popup and tooltip, source citation, title
    assert n == page.count("&lt;script&gt;alert(1)") + page.count(
        "\\u0026lt;script\\u0026gt;alert(1)"
    )


def _shows(page: str, text: str) -> bool:
    """``text`` is in the page as HTML or inside a JSON string of the map script."""
    return text in page or json.dumps(text)[1:-1] in page


def test_legend_counts_units_with_data_and_names_layers(page):
    assert "5/17 xã trong chương trình có số liệu" in page
    assert "17 xã trong chương trình (mẫu số); 1 đơn vị ngoài chương trình" in page
    assert _shows(page, "Không có số liệu (12)")  # the grey layer, counted
    assert _shows(page, "Ngoài chương trình xã NTM")
    assert _shows(page, "Tiêu chí đạt: 15–18") and _shows(page, "NTM nâng cao — văn bản về")


def test_legend_and_popups_cite_documents_not_ids(layer):
    html = offline.offline_html(html_map.status_map(layer, "Bắc Sơn", view="tier"))
    assert "src_a" not in html and "scope_src" not in html
    assert "UBND huyện Bắc Sơn 12/BC-UBND" in html or _shows(html, "UBND huyện Bắc Sơn")


def test_english_labels(layer):
    html = offline.offline_html(html_map.status_map(layer, "Bac Son", lang="en", view="tier"))
    assert "5 of 17 communes in the programme have data" in html
    assert _shows(html, "No data (12)")


def test_the_same_map_saves_to_the_same_bytes(layer, tmp_path):
    a = offline.save_map(html_map.status_map(layer, "Bắc Sơn"), tmp_path / "a.html")
    b = offline.save_map(html_map.status_map(layer, "Bắc Sơn"), tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()
    assert not re.search(r"_[0-9a-f]{32}\b", a.read_text(encoding="utf-8"))  # no random id


def test_approximate_geometry_is_labelled(layer):
    cells = status_layer.with_cells(layer)
    html = offline.offline_html(html_map.status_map(cells, "Bắc Sơn"))
    assert "Ô xấp xỉ" in html and set(cells["geometry_kind"]) == {"cell"}


# ---------------------------------------------------------------------------- geometry


@pytest.mark.parametrize("footprint", ["discs", "hull"])
def test_cells_cover_their_own_points(layer, footprint):
    cells = geo.approximate_cells(layer, footprint)
    assert cells.notna().all() and (cells.geom_type == "Polygon").all()
    assert all(c.contains(p) for c, p in zip(cells, layer.geometry, strict=True))
    inter = gpd.GeoSeries(cells).to_crs(geo.METRIC)
    assert inter.union_all().area == pytest.approx(inter.area.sum(), rel=1e-6)  # no overlaps


def test_cells_survive_shared_coordinates_and_missing_points(layer):
    lay = layer.copy()
    lay.loc[lay.index[1], "geometry"] = lay.geometry.iloc[0]  # two units on one point
    lay.loc[lay.index[2], "geometry"] = None
    cells = geo.approximate_cells(lay)
    assert cells.iloc[2] is None and cells.drop(index=lay.index[2]).notna().all()
    shared = lay.geometry.iloc[0]  # spread apart, both cells still reach the shared point
    assert cells.iloc[0].distance(shared) < 1e-6 and cells.iloc[1].distance(shared) < 1e-6


def test_boundary_file_matched_by_name_and_code(layer, tmp_path):
    p = _row(layer, LONG_DONG).geometry
    shapes = gpd.GeoDataFrame(
        {
            "ten_xa": ["Xa Long Dong", "Atlantis", "Vu Son"],
            "ma": ["6328", "99999", "06355"],
        },
        geometry=[
            box(p.x - 0.01, p.y - 0.01, p.x + 0.01, p.y + 0.01),
            box(p.x - 0.5, p.y - 0.5, p.x + 0.5, p.y + 0.5),  # holds every point: a hint
            box(0, 0, 1, 1),
        ],
        crs="EPSG:4326",
    )
    path = tmp_path / "b.gpkg"
    shapes.to_file(path, driver="GPKG")
    out, unmatched = geo.attach_boundaries(layer, path, "legacy", name_col="ten_xa")
    assert _row(out, LONG_DONG).geometry.geom_type == "Polygon"
    assert _row(out, LONG_DONG)["geometry_kind"] == "boundary"
    assert (out["geometry_kind"] == "boundary").sum() == 2
    assert unmatched["feature"].tolist() == ["Atlantis"]
    assert "Long Đống" in unmatched.loc[0, "contains"]
    by_code, unmatched = geo.attach_boundaries(
        layer, path, "legacy", name_col="ten_xa", code_col="ma"
    )
    assert (by_code["geometry_kind"] == "boundary").sum() == 2
    assert unmatched["match_status"].tolist() == ["unknown code"]
    with pytest.raises(ValueError, match="no column 'name'"):
        geo.attach_boundaries(layer, path, "legacy")
    html = offline.offline_html(html_map.status_map(out, "x", boundary_file="b.gpkg", unmatched=1))
    assert "Ranh giới từ tệp b.gpkg" in html and "1 vùng trong tệp ranh giới" in html


# ---------------------------------------------------------------------------- print map


def test_static_map_has_legend_labels_and_source_line(layer, tmp_path):
    fig = print_map.static_map(
        layer, "Bắc Sơn", ["ls_2023_bacson_inspection"], "legacy", view="band"
    )
    png, svg = charts.save_figure(fig, "map", tmp_path)
    text = svg.read_text(encoding="utf-8")
    assert png.stat().st_size > 10_000
    assert "Nguồn: Thông báo số 316/TB-STNMT tháng 11/2023" in text
    assert "5/17 xã trong chương trình" in text
    assert "ls_2023_bacson_inspection" not in text  # cited by document, never by id
    assert "15–18" in text and "Long Đống" in text and "&lt;script&gt;" in text


def test_maps_have_a_scale_in_kilometres_clear_of_the_legend(page, layer, tmp_path):
    scales = re.findall(r"L\.control\.scale\(([^)]*)\)", page)
    assert len(scales) == 1 and "imperial: false" in scales[0], scales
    assert "position: 'bottomright'" in scales[0]  # the legend is at the bottom left
    fig = print_map.static_map(layer, "Bắc Sơn", [], "legacy", view="tier")
    text = charts.save_figure(fig, "scale", tmp_path, formats=["svg"])[0].read_text("utf-8")
    assert re.search(r">\d+(,\d+)? km<", text)
    assert [print_map.scale_length(w) for w in (120, 40, 3)] == [20, 5, 0.5]


def test_a_map_title_names_its_subject_area_and_vintage():
    assert classes.map_title(["Hải Phòng"], "2025", "vi") == (
        "Mức đạt chuẩn nông thôn mới của các xã – Hải Phòng, đơn vị hành chính từ 01/7/2025"
    )
    assert classes.map_title(["Hải Phòng"], "legacy", "vi") == (
        "Mức đạt chuẩn nông thôn mới của các xã – Hải Phòng (cũ), đơn vị trước 01/7/2025"
    )
    assert classes.map_title(["Bắc Sơn"], "legacy", "en") == (
        "NTM tiers of the communes – Bắc Sơn, units before 1 July 2025"
    )


def test_static_map_of_polygons_has_patch_legend(layer, tmp_path):
    fig = print_map.static_map(
        status_layer.with_cells(layer), "Bắc Sơn", [], "legacy", lang="en", view="tier"
    )
    text = charts.save_figure(fig, "cells", tmp_path, formats=["svg"])[0].read_text("utf-8")
    assert "No data" in text and "Approximate cells" in text and ">12<" in text
    assert "UBND huyện Bắc Sơn" in text and "src_a" not in text  # cited, not by id


# ---------------------------------------------------------------------------------- CLI


def test_cli_writes_map_and_print_map(tmp_path, capsys):
    from ntm_analysis.cli import main

    processed = tmp_path / "processed"
    processed.mkdir()
    for name, df in _tables().items():
        df.to_parquet(processed / f"{name}.parquet")
    out = tmp_path / "bs.html"
    rc = main(
        [
            "map",
            "--area",
            "Bắc Sơn",
            "--out",
            str(out),
            "--processed",
            str(processed),
            "--cells",
            "--static",
        ]
    )
    assert rc == 0
    said = capsys.readouterr().out
    assert "18 communes, 17 in the programme (5 with data" in said
    assert out.is_file() and (tmp_path / "bs.png").is_file() and (tmp_path / "bs.svg").is_file()
    title = "Mức đạt chuẩn nông thôn mới của các xã – Bắc Sơn, đơn vị trước 01/7/2025"
    assert title in out.read_text(encoding="utf-8")
    assert (
        main(["map", "--area", "Atlantis", "--out", str(out), "--processed", str(processed)]) == 1
    )


def test_a_name_found_twice_in_a_province_is_settled_by_location(tmp_path):
    hd = status_layer.with_cells(status_layer.commune_layer("Hải Dương", "legacy"))
    dup = hd[hd["name"].duplicated(keep=False)]
    twice = dup[dup["name"] == dup["name"].iloc[0]].head(2)
    assert len(twice) == 2 and twice["name"].nunique() == 1
    path = tmp_path / "twice.geojson"
    gpd.GeoDataFrame(
        {"ten": twice["name"].to_numpy(), "tinh": "Hải Dương"},
        geometry=twice.geometry.to_numpy(),
        crs=hd.crs,
    ).to_file(path, driver="GeoJSON")
    points = status_layer.commune_layer("Hải Dương", "legacy")
    out, unmatched = geo.attach_boundaries(points, path, "legacy", "ten", "tinh")
    assert unmatched.empty
    for code, cell in zip(twice["unit_code"], twice.geometry, strict=True):
        assert _row(out, code).geometry.equals_exact(cell, 1e-4)


def test_status_table_has_one_row_per_unit_and_the_columns_of_ntm_status():
    st = status.status_table(_tables(), "Bắc Sơn")
    assert list(st.columns) == status.STATUS_TABLE_COLUMNS and len(st) == 18
    st = st.set_index("unit_code")
    assert pd.isna(st.loc[VAN_THUY, "tier_at_least"]) and st.loc[VAN_THUY, "band"] == "< 10"
    assert st.loc[VAN_THUY, "basis"] == "stated"  # a band the inspection states
    assert st.loc[DONG_Y, "status_class"] == status.TIER_UNKNOWN
    assert status.tier_label(status.TIER_UNKNOWN, "en") == "Scored, tier not stated"


# ------------------------------------------------------- area-wide figures and the dates


def _area_fact(measure: str, value: float, area: str = "Bắc Sơn", **kw: object) -> dict:
    row = {
        "area_name": area,
        "area_level": "district",
        "area_code": "185",
        "admin_vintage": "legacy",
        "year": 2023,
        "as_of": "2023-11-28",
        "period": None,
        "measure": measure,
        "value": value,
        "unit": "communes",
        "qualifier": "exact",
        "source_id": "area_src",
        "source_locator": "p. 1",
        "note": None,
    }
    return row | kw


def _with_facts(*facts: dict) -> dict[str, pd.DataFrame]:
    tables = _tables()
    tables["facts"] = pd.concat([tables["facts"], pd.DataFrame(list(facts))], ignore_index=True)
    return tables


def _legend_and_print(tables, lang: str, as_of: object, tmp_path) -> tuple[str, str]:
    lay = status_layer.commune_layer("Bắc Sơn", "legacy", tables, lang, as_of)
    ctx = status_layer.map_context(tables, "Bắc Sơn", lay, "legacy", as_of, lang)
    html = offline.offline_html(html_map.status_map(lay, "Bắc Sơn", lang, context=ctx))
    fig = print_map.static_map(lay, "Bắc Sơn", [], "legacy", lang, "tier", context=ctx)
    svg = charts.save_figure(fig, f"m-{lang}", tmp_path, formats=["svg"])[0]
    return html, svg.read_text("utf-8")


def test_counts_without_a_total_are_headed_as_counts_and_read_as_phrases(tmp_path):
    tables = _with_facts(_area_fact("communes_ntm", 9), _area_fact("communes_advanced", 2))
    lay = status_layer.commune_layer("Bắc Sơn", "legacy", tables)
    ctx = status_layer.map_context(tables, "Bắc Sơn", lay)
    assert ctx.share_lines == [
        "Bắc Sơn: 9 xã đạt chuẩn NTM (không nêu tổng số xã; 28/11/2023)",
        "Bắc Sơn: 2 xã NTM nâng cao (không nêu tổng số xã; 28/11/2023)",
    ]
    html, svg = _legend_and_print(tables, "vi", None, tmp_path)
    for text in (html, svg):
        assert "Số xã theo văn bản, không gán cho xã cụ thể:" in text
        assert "Tỷ lệ theo văn bản" not in text
        assert not re.search(r"\d xã(?: \([^)]*\))? Đạt", text)  # no capital mid-sentence
    en = status_layer.map_context(tables, "Bắc Sơn", lay, lang="en")
    assert en.share_lines[0] == "Bắc Sơn: NTM, 9 communes (no total given; 28 Nov 2023)"
    assert en.share_lines[1].startswith("Bắc Sơn: advanced NTM, 2 communes")


def test_a_count_beside_a_share_gets_the_heading_of_both(tmp_path):
    tables = _with_facts(
        _area_fact("communes_ntm", 9),
        _area_fact("communes_advanced", 2),
        _area_fact("communes_total", 17),
        _area_fact("communes_model", 1, as_of="2024-12-20", year=2024),
    )
    lay = status_layer.commune_layer("Bắc Sơn", "legacy", tables)
    ctx = status_layer.map_context(tables, "Bắc Sơn", lay)
    assert "Bắc Sơn: 9/17 xã đạt chuẩn NTM (52,9 %, tính toán; 28/11/2023)" in ctx.share_lines
    assert "Bắc Sơn: 1 xã NTM kiểu mẫu (không nêu tổng số xã; 20/12/2024)" in ctx.share_lines
    assert ctx.shares_kind == "shares_counts"
    html, svg = _legend_and_print(tables, "vi", None, tmp_path)
    assert "Tỷ lệ và số xã theo văn bản, không gán cho xã cụ thể:" in html
    assert "Tỷ lệ và số xã theo văn bản, không gán cho xã cụ thể:" in svg


@pytest.mark.parametrize(
    ("lang", "line", "note"),
    [
        (
            "vi",
            "Đơn vị hành chính trước 01/7/2025; tình trạng theo văn bản đến 2023",
            "Ngày được chọn (31/12/2025) sau ngày sắp xếp đơn vị hành chính 01/7/2025",
        ),
        (
            "en",
            "Units as before 1 Jul 2025; status as documented up to 2023",
            "The date asked for (31 Dec 2025) is after the reform of 1 Jul 2025",
        ),
    ],
)
def test_a_legacy_map_never_shows_a_status_date_past_its_units(lang, line, note, tmp_path):
    html, svg = _legend_and_print(_tables(), lang, "2025-12-31", tmp_path)
    for text in (html, svg):
        assert line in text and note in text
        assert "Tình trạng tại" not in text and "Status as of" not in text
    # within the vintage the status date is shown as asked
    html, svg = _legend_and_print(_tables(), lang, "2025-06-30", tmp_path)
    asked = "Tình trạng tại 30/6/2025" if lang == "vi" else "Status as of 30 Jun 2025"
    assert asked in html and asked in svg and line not in html


def test_print_map_of_both_regions_after_the_reform_has_no_overlapping_labels(built, tmp_path):
    from support import layout

    from ntm_analysis.analysis.status_command import load_status_tables

    tables = load_status_tables(built[0])
    areas, as_of = ["Hải Phòng", "Hải Dương"], "2025-12-31"
    lay = status_layer.commune_layer(areas, "legacy", tables, "vi", as_of)
    ctx = status_layer.map_context(tables, areas, lay, "legacy", as_of, "vi")
    assert ctx.region_shares and ctx.after_vintage
    fig = print_map.static_map(lay, "Hải Phòng, Hải Dương", [], "legacy", "vi", context=ctx)
    svg = charts.save_figure(fig, "hp", tmp_path, formats=["svg"])[0].read_text("utf-8")
    assert "tính toán" in svg and "Tình trạng tại" not in svg
    assert layout.check_folder(tmp_path) == {}


def test_a_count_of_named_communes_is_partial_and_has_no_share():
    """A region where documents name only some communes gives their count, said to be
    incomplete, never as a share of all its communes; a region every commune of which a
    source places keeps its count over the total with the share."""
    layer = pd.DataFrame(
        {
            "region": ["East"] * 3 + ["West"] * 3,
            "in_programme": [True] * 6,
            "status_class": ["advanced", "model", "ntm", "advanced", "ntm", "no_data"],
            "basis": ["area_statement", "stated", "stated", "stated", "area_statement", "none"],
        }
    )
    vi = classes.summary_sentence(layer, "vi")
    assert "Phía Đông (Hải Phòng cũ): 2/3 xã được văn bản xác định" in vi and "(66,7 %)" in vi
    west = vi.split("Phía Tây")[1]
    assert "1 xã có tên trong văn bản (chưa đầy đủ)" in west
    assert "%" not in west and "1/3" not in west and "2 trong 3 xã" in west
    en = classes.summary_sentence(layer, "en")
    assert "1 communes named in documents (incomplete)" in en.split("West")[1]


def test_a_tier_no_commune_of_a_region_is_named_at_is_not_counted_as_none():
    """East's model communes are not named, but an area-wide share exists: the legend says
    so instead of 0, which would read as West ahead; a tier nothing is said of stays 0."""
    layer = pd.DataFrame(
        {
            "region": ["East", "East", "West", "West"],
            "draw_key": ["advanced|area_statement", "ntm|stated", "model|stated", "ntm|stated"],
            "band": [""] * 4,
            "area_tiers": ["advanced;model", "advanced;model", "", ""],
            "in_programme": [True] * 4,
            "status_class": ["advanced", "ntm", "model", "ntm"],
        }
    )
    table = classes.legend_table(layer, "vi").reset_index().set_index("class")
    east, west = (charts.label(r, "vi") for r in ("east", "west"))
    model = classes.class_label("tier", "model|stated", "vi")
    ntm = classes.class_label("tier", "ntm|stated", "vi")
    assert table.loc[model, east] == "không nêu tên" and table.loc[model, west] == 1
    assert table.loc[ntm, east] == 1 and table.loc[ntm, west] == 1
    reader = classes.legend_reader_table(layer, "en").frame
    assert "not named" in reader.to_string()
    html = html_map._class_rows(layer, "band", [], "vi", True)  # the same counts per region
    assert "<table>" in html and classes.region_count(layer, layer, "band", "1", "East") == 2
