"""Commune status maps: offline HTML, escaping, layers, approximate cells, static map."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntm_analysis import browser, maps

EVIL = "<script>alert(1)</script>"


def _tables(code: str = "06337", name: str = "Đồng Ý", tier: str = "model") -> dict:
    cs = pd.DataFrame(
        [
            {
                "unit_code": code,
                "admin_vintage": "legacy",
                "commune_name": name,
                "tier": tier,
                "year": 2024,
                "criteria_met": 19,
                "criteria_total": 19,
                "criteria_set": "commune_advanced_2021_2025",
                "source_id": EVIL,
            }
        ]
    )
    crit = pd.DataFrame(
        columns=["unit_code", "admin_vintage", "status", "criteria_set", "criterion_no"]
    )
    facts = pd.DataFrame(
        [
            {
                "measure": "criteria_met_band_min",
                "admin_vintage": "legacy",
                "area_code": "06328",
                "value": 10.0,
            }
        ]
    )
    return {"commune_status": cs, "criteria_status": crit, "facts": facts}


@pytest.fixture(scope="module")
def layer():
    lay = maps.commune_layer("Bắc Sơn", "legacy", _tables())
    lay.loc[lay["unit_code"] == "06355", "name"] = EVIL  # a hostile name from data
    return lay


def test_layer_keeps_every_commune_and_marks_missing_data(layer):
    assert len(layer) == 18  # 17 communes and the township
    assert (layer["tier"] == "no_data").sum() == 17
    assert layer.loc[layer["unit_code"] == "06337", "tier"].item() == "model"
    assert layer.loc[layer["unit_code"] == "06328", "band"].item() == "10–14"


def test_unknown_area_is_a_clear_error():
    with pytest.raises(ValueError, match="no commune"):
        maps.commune_layer("Atlantis", "legacy")


def test_html_is_offline_and_escapes_data(layer, tmp_path):
    path = maps.save_map(maps.status_map(layer, "Bắc Sơn"), tmp_path / "m.html")
    page = path.read_text(encoding="utf-8")
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page)
    assert "L.map(" in page and "jQuery" in page
    assert EVIL not in page  # neither the name nor the source id can run
    escaped = ("\\u0026lt;script\\u0026gt;alert(1)", "&lt;script&gt;alert(1)")
    assert page.count("alert(1)") == sum(page.count(e) for e in escaped) >= 2
    assert "NTM kiểu mẫu" in page and "1/18 xã có số liệu" in page


def test_approximate_cells_cover_each_point(layer):
    cells = maps.approximate_cells(layer)
    assert cells.notna().all()
    assert all(c.contains(p) for c, p in zip(cells, layer.geometry, strict=True))


def test_static_map_is_written(layer, tmp_path):
    from ntm_analysis import charts

    fig = maps.static_map(layer, "Bắc Sơn", ["ls_2023_bacson_inspection"], "legacy")
    png, svg = charts.save_figure(fig, "map", tmp_path)
    assert png.stat().st_size > 10_000 and "Nguồn" in svg.read_text(encoding="utf-8")


def test_map_renders_in_headless_chromium_without_errors(layer, tmp_path):
    if browser.chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium); browser test skipped")
    from PIL import Image

    html = maps.save_map(maps.status_map(layer, "Bắc Sơn"), tmp_path / "m.html")
    _, errors = browser.screenshot(html, tmp_path / "m.png")
    assert errors == []
    with Image.open(tmp_path / "m.png") as im:
        colours = set(im.convert("RGB").get_flattened_data())
    model = tuple(int(maps.charts.TIER_COLORS["model"][i : i + 2], 16) for i in (1, 3, 5))
    near = [c for c in colours if sum(abs(a - b) for a, b in zip(c, model, strict=True)) < 60]
    assert near, "no model-tier marker pixels in the screenshot"


def test_boundary_file_polygons_replace_points_and_unmatched_are_listed(layer, tmp_path):
    import geopandas as gpd
    from shapely.geometry import box

    p = layer.loc[layer["unit_code"] == "06337", "geometry"].item()
    shapes = gpd.GeoDataFrame(
        {"name": ["Xa Dong Y", "Atlantis"]},
        geometry=[box(p.x - 0.01, p.y - 0.01, p.x + 0.01, p.y + 0.01), box(0, 0, 1, 1)],
        crs="EPSG:4326",
    )
    path = tmp_path / "b.geojson"
    shapes.to_file(path, driver="GeoJSON")
    out, unmatched = maps.attach_boundaries(layer, path, "legacy")
    assert out.loc[out["unit_code"] == "06337", "geometry"].item().geom_type == "Polygon"
    assert (out.geometry.geom_type == "Point").sum() == len(layer) - 1
    assert unmatched["commune"].tolist() == ["Atlantis"]
    with pytest.raises(ValueError, match="no column 'ten'"):
        maps.attach_boundaries(layer, path, "legacy", name_col="ten")
