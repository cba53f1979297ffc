"""The interactive status map (folium): a layer per tier and per criteria band, region
outlines, a legend and popups.

`status_map` draws the two views (tiers; criteria bands), one shown at a time, outlines per
region (East/West of the new Hải Phòng), a legend that counts the units with data and names
the sources, and popups with name, code, tier, criteria and source. There is no tile layer
unless asked for, so the map draws on a plain background. Every value that comes from data is
HTML-escaped before it reaches the page. `offline.save_map` writes it as one offline file.
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import pandas as pd
import shapely
from folium import MacroElement
from folium.template import Template

from ntm_analysis.analysis import status
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps.classes import (
    REGION_OUTLINE,
    band_classes,
    class_color,
    class_label,
    escape,
    swatch,
    text,
)
from ntm_analysis.present.maps.status_layer import coverage, default_view

# Popup rows: property key -> label key. The values are escaped in Python; the page builds
# the table once per opened popup (`_popup_script`), so the HTML carries each label only once.
POPUP_FIELDS = {
    "c": "unit_code",
    "d": "district",
    "p": "province",
    "r": "region",
    "t": "tier",
    "m": "criteria_met",
    "u": "unmet",
    "b": "criteria_band",
    "h": "history",
    "x": "predecessors",
    "s": "source",
}


def _popup_labels(lang: str) -> dict[str, str]:
    own = {"u": text("unmet", lang), "h": text("history", lang), "x": text("predecessors", lang)}
    return {k: escape(own.get(k) or charts.label(v, lang)) for k, v in POPUP_FIELDS.items()}


def _popup_props(r: dict, lang: str) -> dict[str, str]:
    """The escaped popup values of one unit (empty ones left out)."""
    criteria_text = ""
    if pd.notna(r["criteria_met"]):
        total = "?" if pd.isna(r["criteria_total"]) else r["criteria_total"]
        criteria_text = text("of", lang, met=r["criteria_met"], total=total, set=r["criteria_set"])
    values = {
        "n": r["name"],
        "c": r["unit_code"],
        "d": r["district"],
        "p": r["province"],
        "r": charts.label(r["region"].lower(), lang) if r["region"] else "",
        "t": _tier_text(r, lang),
        "m": criteria_text,
        "u": r["unmet"],
        "b": class_label("band", r["band"], lang) if r["band"] else "",
        "h": r["history"] if r["history"].count(";") else "",
        "x": r["predecessors"],
        "s": " · ".join(x for x in (r["source_id"], r["source_locator"]) if x),
    }
    return {k: escape(v) for k, v in values.items() if v != ""}


class _PopupAndTooltip(MacroElement):
    """Binds the popup builder and the tooltip (``tip``) to a GeoJson layer."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup(ntmPopup, {maxWidth: 360});"
        "{{ this._parent.get_name() }}.bindTooltip("
        "l => l.feature.properties.tip, {sticky: true});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "PopupAndTooltip"


def _popup_script(lang: str) -> str:
    """The page's popup builder; labels as JSON with "<" escaped (cannot close the script)."""
    labels = json.dumps(list(_popup_labels(lang).items()), ensure_ascii=False)
    labels = labels.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (
        "<script>\n"
        f"const NTM_POPUP_FIELDS = {labels};\n"
        "function ntmPopup(layer) {\n"
        "  const p = layer.feature.properties;\n"
        "  const rows = NTM_POPUP_FIELDS.filter(([k]) => p[k])\n"
        "    .map(([k, label]) => '<tr><th>' + label + '</th><td>' + p[k] + '</td></tr>');\n"
        "  return '<b>' + p.n + '</b><table class=\"ntm-popup\">' + rows.join('') + '</table>';\n"
        "}\n"
        "</script>"
    )


def _tier_text(r: dict, lang: str) -> str:
    label = class_label("tier", r["tier_class"], lang)
    if r["model_field"]:
        label += f" ({r['model_field']})"
    return f"{label}, {r['year']}" if pd.notna(r["year"]) else label


def _features(part: gpd.GeoDataFrame, lang: str) -> dict:
    """A GeoJSON FeatureCollection with escaped ``tip`` and popup properties."""
    geoms = shapely.set_precision(part.geometry.to_numpy(), 1e-5)
    features = []
    for geom, r in zip(geoms, part.drop(columns="geometry").to_dict("records"), strict=True):
        if geom is None or geom.is_empty:
            continue
        tip = f"{r['name']} · {_tier_text(r, lang)}"
        if r["band"]:
            tip += (
                f" · {charts.label('criteria_met', lang)}: {class_label('band', r['band'], lang)}"
            )
        features.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(geom),
                "properties": {"tip": escape(tip), **_popup_props(r, lang)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _add_group(
    m: folium.Map,
    part: gpd.GeoDataFrame,
    name: str,
    color: str,
    show: bool,
    lang: str,
    opacity: float = 1.0,
) -> None:
    fc = _features(part, lang)
    if not fc["features"]:
        return
    group = folium.FeatureGroup(name=name, show=show)
    folium.GeoJson(
        fc,
        marker=folium.CircleMarker(radius=6, weight=1, fill=True, fill_opacity=opacity),
        style_function=lambda _f, c=color: {
            "color": "#333333",
            "weight": 0.8,
            "fillColor": c,
            "fillOpacity": opacity,
        },
    ).add_child(_PopupAndTooltip()).add_to(group)
    group.add_to(m)


def _add_region_outlines(m: folium.Map, placed: gpd.GeoDataFrame, lang: str) -> None:
    for region, shape in geo.region_outlines(placed).itertuples(index=False):
        outline = REGION_OUTLINE.get(region, "#555555")
        group = folium.FeatureGroup(
            name=f'<span style="display:inline-block;width:9px;height:9px;margin-right:5px;'
            f'border:2px dashed {outline}"></span>{escape(charts.label(region.lower(), lang))}'
            f" · {escape(text('region_layer', lang))}"
        )
        folium.GeoJson(
            shapely.geometry.mapping(shapely.set_precision(shape, 1e-5)),
            style_function=lambda _f, c=outline: {
                "color": c,
                "weight": 2,
                "dashArray": "6 4",
                "fill": False,
            },
            interactive=False,
        ).add_to(group)
        group.add_to(m)


def status_map(
    layer: gpd.GeoDataFrame,
    title: str,
    lang: str = "vi",
    approximate: bool | None = None,
    view: str = "auto",
    tiles: str | None = None,
    boundary_file: str | None = None,
    unmatched: int = 0,
) -> folium.Map:
    """A folium map of ``layer`` (from `commune_layer`): layers per tier and band, legend, popups.

    Args:
        layer: Units with status and geometry (points, cells or polygons).
        title: Map title (escaped).
        lang: ``vi`` or ``en``.
        approximate: Say that the shapes are approximate cells; by default, true when the
            layer's ``geometry_kind`` says "cell".
        view: Which classes show at first: ``tier``, ``band`` or ``auto`` (`default_view`);
            the other view's layers are in the layer control, unticked.
        tiles: A folium tile layer name or URL; None (the default) draws on a plain background,
            which is what an offline reader sees anyway.
        boundary_file: Name of the boundary file the polygons came from, for the legend.
        unmatched: Number of boundary features that matched no unit, for the legend.
    """
    if view == "auto":
        view = default_view(layer)
    if view not in ("tier", "band"):
        raise ValueError(f"view must be 'tier', 'band' or 'auto', not {view!r}")
    if approximate is None:
        approximate = bool((layer["geometry_kind"] == "cell").any())
    placed = layer[~(layer.geometry.isna() | layer.geometry.is_empty)]
    if len(placed):
        c = shapely.box(*placed.total_bounds).centroid
        center = [c.y, c.x]
    else:
        center = [16.0, 106.0]
    m = folium.Map(
        location=center, zoom_start=9, tiles=tiles, prefer_canvas=True, control_scale=True
    )
    m.get_root().header.add_child(folium.Element(_CSS))
    m.get_root().header.add_child(folium.Element(_popup_script(lang)))
    round_ = not (layer["geometry_kind"] != "point").any()
    opacity = 1.0 if tiles is None else 0.75  # opaque on a plain background: true legend colours
    _add_region_outlines(m, placed, lang)
    for key in status.TIER_CLASSES:
        part = placed[placed["tier_class"] == key]
        color = class_color("tier", key)
        name = f"{swatch(color, round_)}{escape(class_label('tier', key, lang))} ({len(part)})"
        _add_group(m, part, name, color, view == "tier", lang, opacity)
    if (layer["band"] != "").any():
        for key in band_classes():
            part = placed[placed["band"] == key]
            color = class_color("band", key)
            label = class_label("band", key, lang)
            name = (
                f"{swatch(color, round_)}{escape(text('band_prefix', lang))}: "
                f"{escape(label)} ({len(part)})"
            )
            _add_group(m, part, name, color, view == "band", lang, opacity)
    folium.LayerControl(collapsed=False).add_to(m)
    if len(placed):
        minx, miny, maxx, maxy = placed.total_bounds
        _FitBounds([[miny, minx], [maxy, maxx]]).add_to(m)
    legend = _legend(layer, title, lang, view, approximate, boundary_file, unmatched, round_)
    m.get_root().html.add_child(folium.Element(legend))
    return m


class _FitBounds(MacroElement):
    """fitBounds without animation: the first frame is the final view (what a screenshot sees)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, "
        "{padding: [30, 30], animate: false});"
        "{% endmacro %}"
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "FitBounds"
        self.bounds = bounds


_CSS = """<style>
.leaflet-container { background: #f4f6f8; }
.ntm-popup th { text-align: left; padding-right: 8px; vertical-align: top; font-weight: 600; }
.ntm-popup td { vertical-align: top; }
#ntm-legend { position: fixed; bottom: 64px; left: 12px; z-index: 9999; background: #fff;
  padding: 8px 10px; font: 12px/1.45 sans-serif; border: 1px solid #999; max-width: 300px; }
#ntm-legend .note { color: #555; } #ntm-legend .warn { color: #b2182b; }
</style>"""


def _legend(
    layer: gpd.GeoDataFrame,
    title: str,
    lang: str,
    view: str,
    approximate: bool,
    boundary_file: str | None,
    unmatched: int,
    round_: bool,
) -> str:
    cov = coverage(layer)
    if view == "band":
        head, keys = text("by_band", lang), band_classes((layer["band"] == status.BAND_OTHER).any())
    else:
        head = text("by_tier", lang)
        keys = [
            k
            for k in status.TIER_CLASSES
            if k != status.TIER_UNKNOWN or (layer["tier_class"] == k).any()
        ]
    rows = "".join(
        f"<div>{swatch(class_color(view, k), round_)}{escape(class_label(view, k, lang))}</div>"
        for k in keys
    )
    kind = "boundary" if boundary_file else ("cell" if approximate else "point")
    notes = [
        f"<div>{escape(text('units_with_data', lang, n=cov['with_data'], total=cov['units']))}"
        "</div>",
        f"<div class='{'warn' if approximate else 'note'}'>"
        f"{escape(text(kind, lang, file=boundary_file or ''))}</div>",
    ]
    if cov["with_predecessor_status"]:
        n = cov["with_predecessor_status"]
        notes.append(f"<div class='note'>{escape(text('predecessor_note', lang, n=n))}</div>")
    if cov["no_position"]:
        n = cov["no_position"]
        notes.append(f"<div class='warn'>{escape(text('no_position', lang, n=n))}</div>")
    if unmatched:
        notes.append(f"<div class='warn'>{escape(text('unmatched', lang, n=unmatched))}</div>")
    sources = sorted({s for s in layer["source_id"] if s})
    if len(sources) > 6:
        more = {"vi": f"và {len(sources) - 5} nguồn khác", "en": f"and {len(sources) - 5} more"}
        sources = [*sources[:5], more[lang]]
    if sources:
        notes.append(
            f"<div class='note'>{escape(charts.label('source', lang))}: "
            f"{escape(', '.join(sources))}</div>"
        )
    return (
        f'<div id="ntm-legend"><b>{escape(title)}</b><div><i>{escape(head)}</i></div>{rows}'
        f"{''.join(notes)}</div>"
    )
