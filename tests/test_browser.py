"""The saved map in headless Chromium: it draws offline, logs no errors, and data stays text.

Uses the ``browser`` fixture (Playwright driving Debian's ``chromium``). It skips where
Chromium is not installed, except under ``NTM_REQUIRE_BROWSER`` (set by ``.ci/run``), where it
fails.
"""

from __future__ import annotations

import pytest
from support import browser as support_browser

from ntm_analysis.paths import ROOT
from ntm_analysis.present import charts
from ntm_analysis.present.maps import html_map, offline, status_layer

HOSTILE = "<script>alert(1)</script>"
HOSTILE_IMG = '<img src=x onerror="alert(2)">'

# Opens the popup and the tooltip of every feature whose tooltip mentions "alert", and
# reports what the reader sees (innerText) and whether any element was created from data.
_OPEN_HOSTILE = """(() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const out = [];
  map.eachLayer(l => {
    if (!l.feature || !String(l.feature.properties.tip).includes("alert")) return;
    const at = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
    l.fire("click", {latlng: at}, true);
    l.fire("mouseover", {latlng: at}, true);
    const pop = document.querySelector(".leaflet-popup-content");
    const tips = [...document.querySelectorAll(".leaflet-tooltip")];
    out.push({
      popup: pop ? pop.innerText : null,
      tooltip: tips.map(t => t.innerText).join(" | "),
      injected: document.querySelectorAll(
        ".leaflet-popup-content script, .leaflet-popup-content img, .leaflet-tooltip script, "
        + ".leaflet-tooltip img, #ntm-legend script, #ntm-legend img").length,
    });
    map.closePopup();
  });
  return {opened: out, legend: document.getElementById("ntm-legend").innerText};
})()"""


def _rgb(hex_color: str) -> tuple[int, int, int]:
    return tuple(int(hex_color[i : i + 2], 16) for i in (1, 3, 5))


def _pixels_near(png, color: str, tolerance: int = 40) -> int:
    """Pixels of the screenshot within ``tolerance`` (sum of channel differences) of ``color``."""
    import numpy as np
    from PIL import Image

    with Image.open(png) as im:
        rgb = np.asarray(im.convert("RGB"), dtype=int)
    return int((np.abs(rgb - np.array(_rgb(color))).sum(axis=2) < tolerance).sum())


@pytest.fixture(scope="module")
def layer():
    lay = status_layer.commune_layer("Bắc Sơn", "legacy")
    cols = ["status_class", "tier", "tier_at_least", "basis", "draw_key", "name"]
    lay.loc[0, cols] = ["model", "model", "model", "stated", "model|stated", HOSTILE]
    lay.loc[1, [*cols, "source_citation"]] = [
        "ntm",
        "ntm",
        "ntm",
        "stated",
        "ntm|stated",
        HOSTILE_IMG,
        HOSTILE,
    ]
    return lay


def test_markers_draw_offline_without_errors(browser, layer, tmp_path):
    html = offline.save_map(html_map.status_map(layer, "Bắc Sơn"), tmp_path / "m.html")
    png = tmp_path / "m.png"
    rep = browser.open_page(html, png, probe=support_browser.LEAFLET_PROBE)
    assert rep.errors == [] and rep.requests == [] and rep.alerts == []
    assert rep.value["shown"] == len(layer)  # every unit drawn, the no-data ones too
    assert _pixels_near(png, charts.TIER_COLORS["model"]) > 30, "no model-tier marker pixels"
    assert _pixels_near(png, charts.TIER_COLORS["ntm"]) > 30, "no NTM marker pixels"


def test_cells_draw_offline_without_errors(browser, layer, tmp_path):
    cells = status_layer.with_cells(layer)
    html = offline.save_map(html_map.status_map(cells, "Bắc Sơn"), tmp_path / "c.html")
    png = tmp_path / "c.png"
    rep = browser.open_page(html, png, probe=support_browser.LEAFLET_PROBE)
    assert rep.errors == [] and rep.requests == []
    assert rep.value["shown"] == len(layer)
    # cells are filled areas: far more coloured pixels than markers give
    assert _pixels_near(png, charts.TIER_COLORS["model"]) > 2000


def test_hostile_names_show_as_text_in_popups_tooltips_and_legend(browser, layer, tmp_path):
    m = html_map.status_map(layer, "Bắc Sơn " + HOSTILE)
    html = offline.save_map(m, tmp_path / "x.html")
    rep = browser.open_page(html, probe=_OPEN_HOSTILE)
    assert rep.errors == [] and rep.alerts == [] and rep.requests == []
    opened = rep.value["opened"]
    assert len(opened) == 2
    assert all(o["injected"] == 0 for o in opened)
    texts = " ".join(f"{o['popup']} {o['tooltip']}" for o in opened)
    assert HOSTILE in texts and HOSTILE_IMG in texts  # the reader sees the text itself
    assert HOSTILE in rep.value["legend"]


def test_a_broken_page_is_reported(browser, tmp_path):
    """The checks above are only worth something if errors would be caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        "<script>console.error('boom'); alert('hi'); notDefined();</script>",
        encoding="utf-8",
    )
    rep = browser.open_page(page)
    assert any("boom" in e for e in rep.errors)
    assert any("notDefined" in e for e in rep.errors)
    assert rep.requests == ["https://cdn.example.org/x.css"] and rep.alerts == ["hi"]


def test_a_missing_browser_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(support_browser, "chromium", lambda: None)
    monkeypatch.setenv(support_browser.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        support_browser.require_or_skip()
    monkeypatch.setenv(support_browser.REQUIRE_ENV, "0")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        support_browser.require_or_skip()
    monkeypatch.delenv(support_browser.REQUIRE_ENV)
    with pytest.raises(pytest.skip.Exception):
        support_browser.require_or_skip()


def test_ci_requires_the_browser():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"export {support_browser.REQUIRE_ENV}=1" in ci


_LEGEND_AND_KEYS = """(() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  let shown = 0;
  map.eachLayer(l => {
    if (l.feature && l.feature.properties && "tip" in l.feature.properties) shown += 1;
  });
  return {shown: shown, legend: document.getElementById("ntm-legend").innerText};
})()"""


def test_the_haiphong_map_draws_the_east_ahead(browser, built, tmp_path):
    """The embedded data's new Hải Phòng (legacy communes, end-2025): every East commune in the
    programme at least advanced from the city's statements, the West's shares lower; the
    legend says so per region, and the marker pixels of the advanced tier sit in the East."""
    from ntm_analysis.model import tables

    data = tables.load_tables(built[0])
    areas = ["Hải Phòng", "Hải Dương"]
    layer = status_layer.commune_layer(areas, "legacy", data, "vi", "2025-12-31")
    ctx = status_layer.map_context(data, areas, layer, "legacy", "2025-12-31", "vi")
    html = offline.save_map(
        html_map.status_map(layer, "Hải Phòng", context=ctx), tmp_path / "hp.html"
    )
    png = tmp_path / "hp.png"
    rep = browser.open_page(html, png, width=1400, height=950, probe=_LEGEND_AND_KEYS)
    assert rep.errors == [] and rep.requests == []
    assert rep.value["shown"] == len(layer) == 374
    legend = rep.value["legend"]
    assert "228 xã trong chương trình (mẫu số); 146 đơn vị ngoài chương trình" in legend
    assert "100 % (tháng 11/2025)\t49,7 % (tháng 11/2025)" in legend
    advanced = _pixels_near(png, charts.TIER_COLORS["advanced"], tolerance=30)
    ntm = _pixels_near(png, charts.TIER_COLORS["ntm"], tolerance=30)
    assert advanced > ntm > 0
