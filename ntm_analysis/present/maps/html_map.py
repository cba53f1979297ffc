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
from ntm_analysis.analysis.inheritance import summary_text
from ntm_analysis.analysis.status_terms import basis_label, record_text, tier_label, when
from ntm_analysis.lexicon import vocabulary
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps.classes import (
    HTML_STROKE,
    REGION_OUTLINE,
    band_classes,
    class_color,
    class_label,
    class_style,
    date_line,
    date_notes,
    escape,
    region_count,
    swatch,
    text,
    tier_keys,
)
from ntm_analysis.present.maps.status_layer import (
    MapContext,
    coverage,
    default_view,
    predecessor_groups,
)

_APART = (status.OUT, status.SCOPE_UNKNOWN)
# Popup rows: property key -> label key. The values are escaped in Python; the page builds
# the table once per opened popup (`_popup_script`), so the HTML carries each label only once.
POPUP_FIELDS = {
    "c": "unit_code",
    "d": "district",
    "p": "province",
    "r": "region",
    "g": "programme",
    "t": "tier",
    "k": "basis",
    "m": "criteria_met",
    "u": "unmet",
    "b": "criteria_band",
    "h": "history",
    "x": "predecessors",
    "s": "source",
}
_OWN_LABELS = {"g": "programme", "k": "basis", "u": "unmet", "h": "history", "x": "predecessors"}


def _popup_labels(lang: str) -> dict[str, str]:
    own = {k: text(v, lang) for k, v in _OWN_LABELS.items()}
    return {k: escape(own.get(k) or charts.label(v, lang)) for k, v in POPUP_FIELDS.items()}


def _criteria_text(r: dict, lang: str) -> str:
    if pd.isna(r["criteria_met"]):
        return r["criteria_note"]
    total = "?" if pd.isna(r["criteria_total"]) else r["criteria_total"]
    return text("of", lang, met=r["criteria_met"], total=total, set=r["criteria_set"])


def _programme_text(r: dict, lang: str) -> str:
    """Why a unit is outside the programme (its type, or the source that excludes it)."""
    if r["in_programme"] is True:
        return ""
    if r["in_programme"] is False:
        if r["eligibility_basis"] == "unit":
            why = text("excluded_by", lang, source=r["eligibility_citation"])
        else:
            why = text("by_type", lang, type=r["unit_type"])
        return f"{text('outside', lang)}: {why}"
    return tier_label(status.SCOPE_UNKNOWN, lang)


def _basis_text(r: dict, lang: str) -> str:
    if r["basis"] in ("", "none"):
        return ""
    bits = [basis_label(r["basis"], lang)]
    if r["basis"] == "area_statement":
        bits.append(r["statement_area"])
    bits.append(when(r["as_of"], lang))
    bits.append(r["statement_note"])
    return "; ".join(b for b in bits if b)


def _predecessor_text(r: dict, lang: str) -> str:
    """What the former communes share, then their list; nothing when none of them is known."""
    if not r["predecessors"] or r["predecessor_state"] not in ("all_known", "partly_known"):
        return ""
    return f"{summary_text(pd.Series(r), lang)}. {r['predecessors']}"


def _popup_props(r: dict, lang: str) -> dict[str, str]:
    """The escaped popup values of one unit (empty ones left out)."""
    values = {
        "n": r["name"],
        "c": r["unit_code"],
        "d": r["district"],
        "p": r["province"],
        "r": charts.label(r["region"].lower(), lang) if r["region"] else "",
        "g": _programme_text(r, lang),
        "t": _tier_text(r, lang),
        "k": _basis_text(r, lang),
        "m": _criteria_text(r, lang),
        "u": r["unmet"],
        "b": class_label("band", r["band"], lang) if r["band"] else "",
        "h": r["history"],
        "x": _predecessor_text(r, lang),
        "s": r["source_citation"],
    }
    return {k: escape(v) for k, v in values.items() if v not in ("", None)}


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
    key = r["draw_key"]
    if key in _APART:
        return text("outside", lang) if key == status.OUT else ""
    if key.startswith("pred|"):
        return summary_text(pd.Series(r), lang)
    if r["status_class"] in status.TIER_RANK:
        label = record_text(r["status_class"], r["basis"], "", lang)
        if r["model_field"]:
            label += f" ({vocabulary.label('model_fields', r['model_field'], lang)})"
        return f"{label}, {when(r['as_of'], lang)}" if r["as_of"] else label
    return tier_label(r["status_class"], lang)


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
    style: str = "stated",
    opacity: float = 1.0,
) -> None:
    fc = _features(part, lang)
    if not fc["features"]:
        return
    stroke = HTML_STROKE[style]
    radius = 4 if style == "plain" else 6
    group = folium.FeatureGroup(name=name, show=show)
    folium.GeoJson(
        fc,
        marker=folium.CircleMarker(radius=radius, fill=True, fill_opacity=opacity, **stroke),
        style_function=lambda _f, c=color: {**stroke, "fillColor": c, "fillOpacity": opacity},
    ).add_child(_PopupAndTooltip()).add_to(group)
    group.add_to(m)


def _add_region_outlines(m: folium.Map, layer: gpd.GeoDataFrame, lang: str) -> None:
    """East/West outlines merged from the units' own cells (they never overlap)."""
    for region, shape in geo.region_outlines(layer).itertuples(index=False):
        outline = REGION_OUTLINE.get(region, "#555555")
        group = folium.FeatureGroup(
            name=f'<span style="display:inline-block;width:9px;height:9px;margin-right:5px;'
            f'border:2px solid {outline}"></span>{escape(charts.label(region.lower(), lang))}'
            f" · {escape(text('region_layer', lang))}"
        )
        folium.GeoJson(
            shapely.geometry.mapping(shapely.set_precision(shape, 1e-5)),
            style_function=lambda _f, c=outline: {"color": c, "weight": 2.5, "fill": False},
            interactive=False,
        ).add_to(group)
        group.add_to(m)


def _layer_name(view: str, key: str, count: int, round_: bool, lang: str) -> str:
    color, style = class_color(view, key), class_style(view, key)
    label = class_label(view, key, lang)
    if view == "band":
        label = f"{text('band_prefix', lang)}: {label}"
    return f"{swatch(color, round_, style)}{escape(label)} ({count})"


def status_map(
    layer: gpd.GeoDataFrame,
    title: str,
    lang: str = "vi",
    approximate: bool | None = None,
    view: str = "auto",
    tiles: str | None = None,
    boundary_file: str | None = None,
    unmatched: int = 0,
    context: MapContext | None = None,
) -> folium.Map:
    """A folium map of ``layer`` (from `commune_layer`): layers per class and band, region
    outlines derived from the units, a legend that counts each class (by region where there are
    regions), states the data date and cites the sources, and popups.

    Args:
        layer: Units with status and geometry (points, cells or polygons).
        title: Map title (escaped).
        lang: ``vi`` or ``en``.
        approximate: Say that the shapes are approximate cells; by default, true when the
            layer's ``geometry_kind`` says "cell".
        view: Which classes show at first: ``tier``, ``band`` or ``auto`` (`default_view`);
            the other view's layers are in the layer control, unticked. Units outside the
            programme are drawn apart in both views.
        tiles: A folium tile layer name or URL; None (the default) draws on a plain background,
            which is what an offline reader sees anyway.
        boundary_file: Name of the boundary file the polygons came from, for the legend.
        unmatched: Number of boundary features that matched no unit, for the legend.
        context: Data date, area-wide figures and sources (`status_layer.map_context`).
    """
    if view == "auto":
        view = default_view(layer)
    if view not in ("tier", "band"):
        raise ValueError(f"view must be 'tier', 'band' or 'auto', not {view!r}")
    if approximate is None:
        approximate = bool((layer["geometry_kind"] == "cell").any())
    placed = layer[~(layer.geometry.isna() | layer.geometry.is_empty)]
    center = [16.0, 106.0]
    if len(placed):
        c = shapely.box(*placed.total_bounds).centroid
        center = [c.y, c.x]
    m = folium.Map(
        location=center, zoom_start=9, tiles=tiles, prefer_canvas=True, control_scale=False
    )
    _MetricScale().add_to(m)
    m.get_root().header.add_child(folium.Element(_CSS))
    m.get_root().header.add_child(folium.Element(_popup_script(lang)))
    round_ = not (layer["geometry_kind"] != "point").any()
    opacity = 1.0 if tiles is None else 0.75  # opaque on a plain background: true legend colours
    _add_region_outlines(m, placed, lang)
    apart = placed["draw_key"].isin(_APART)
    for key in reversed(tier_keys(layer)):  # grey ones first, coloured ones on top
        part = placed[placed["draw_key"] == key]
        show = view == "tier" or key in _APART
        name = _layer_name("tier", key, len(part), round_, lang)
        color = class_color("tier", key)
        _add_group(m, part, name, color, show, lang, class_style("tier", key), opacity)
    inside = placed[~apart]
    if (layer["band"] != "").any():
        for key in reversed(band_classes()):
            part = inside[inside["band"] == key]
            name = _layer_name("band", key, len(part), round_, lang)
            _add_group(m, part, name, class_color("band", key), view == "band", lang, "stated")
    folium.LayerControl(collapsed=True).add_to(m)
    if len(placed):
        minx, miny, maxx, maxy = placed.total_bounds
        _FitBounds([[miny, minx], [maxy, maxx]]).add_to(m)
    notes = _LegendNotes(approximate, boundary_file, unmatched, context or MapContext())
    legend = _legend(layer, title, lang, view, round_, notes)
    m.get_root().html.add_child(folium.Element(legend))
    return m


class _FitBounds(MacroElement):
    """fitBounds without animation: the first frame is the final view (what a screenshot sees)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, "
        "{paddingTopLeft: [window.innerWidth > 900 ? 380 : 20, 20], "
        "paddingBottomRight: [20, 20], animate: false});"
        "{% endmacro %}"
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "FitBounds"
        self.bounds = bounds


class _MetricScale(MacroElement):
    """A scale in kilometres only, at the bottom right, clear of the legend (bottom left)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.scale({metric: true, imperial: false, position: 'bottomright', "
        "maxWidth: 160}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"


_CSS = """<style>
.leaflet-container { background: #f4f6f8; }
.ntm-popup th { text-align: left; padding-right: 8px; vertical-align: top; font-weight: 600; }
.ntm-popup td { vertical-align: top; }
#ntm-legend { position: fixed; bottom: 24px; left: 12px; z-index: 9999; background: #fff;
  padding: 8px 10px; font: 11px/1.35 sans-serif; border: 1px solid #999; max-width: 350px;
  max-height: 80vh; overflow-y: auto; }
#ntm-legend .note { color: #555; } #ntm-legend .warn { color: #b2182b; }
#ntm-legend table { border-collapse: collapse; } #ntm-legend td { padding: 0 4px 0 0; }
#ntm-legend td.n { text-align: right; padding-left: 6px; }
#ntm-legend .date { font-weight: 600; margin: 2px 0 4px; }
</style>"""


class _LegendNotes:
    """What the legend says under the classes."""

    def __init__(
        self, approximate: bool, boundary_file: str | None, unmatched: int, context: MapContext
    ) -> None:
        self.approximate, self.boundary_file = approximate, boundary_file
        self.unmatched, self.context = unmatched, context


def _class_rows(layer: gpd.GeoDataFrame, view: str, keys: list[str], lang: str, round_: bool):
    """Legend rows: swatch, label, then counts per region (East, West, total) or one count."""
    key_col = "band" if view == "band" else "draw_key"
    regions = [r for r in ("East", "West") if (layer["region"] == r).any()]
    head = ""
    if regions:
        cells = "".join(
            f"<td class='n'><b>{escape(charts.label(r.lower(), lang).split(' (')[0])}</b></td>"
            for r in regions
        )
        head = f"<tr><td></td>{cells}<td class='n'><b>{escape(text('total', lang))}</b></td></tr>"
    rows = []
    for label, part in predecessor_groups(layer, lang) if view == "tier" else []:
        counts = "".join(f"<td class='n'>{int((part['region'] == r).sum())}</td>" for r in regions)
        rows.append(f"<tr><td>↳ {escape(label)}</td>{counts}<td class='n'>{len(part)}</td></tr>")
    pred_rows, rows = rows, []
    for k in keys:
        part = layer[layer[key_col] == k]
        if view == "band":
            part = part[~part["draw_key"].isin(_APART)]
        label = f"{swatch(class_color(view, k), round_, class_style(view, k))}"
        label += escape(class_label(view, k, lang))
        counts = "".join(
            f"<td class='n'>{escape(str(region_count(layer, part, view, k, r, lang)))}</td>"
            for r in regions
        )
        rows.append(f"<tr><td>{label}</td>{counts}<td class='n'>{len(part)}</td></tr>")
    pred = ""
    if pred_rows:
        title = f"<tr><td colspan='{len(regions) + 2}'><i>{escape(text('predecessors', lang))}"
        pred = f"{title}</i></td></tr>{''.join(pred_rows)}"
    return f"<table>{head}{''.join(rows)}{pred}</table>"


def _share_table(layer: gpd.GeoDataFrame, ctx: MapContext, lang: str) -> str:
    """The area-wide figures by region (East, West), under the class counts."""
    if not ctx.region_shares:
        return ""
    regions = [r for r in ("East", "West") if any(r in cells for _, cells in ctx.region_shares)]
    head = "".join(
        f"<td class='n'><b>{escape(charts.label(r.lower(), lang).split(' (')[0])}</b></td>"
        for r in regions
    )
    rows = "".join(
        f"<tr><td>{escape(tier)}</td>"
        + "".join(f"<td class='n'>{escape(cells.get(r, '–'))}</td>" for r in regions)
        + "</tr>"
        for tier, cells in ctx.region_shares
    )
    note = f"<div class='note'>{escape(text('region_shares_note', lang))}</div>"
    if ctx.implied_note:
        note += f"<div class='note'>{escape(ctx.implied_note)}</div>"
    return (
        f"<div class='note'><i>{escape(text('region_' + ctx.region_kind, lang))}</i></div>"
        f"<table><tr><td></td>{head}</tr>{rows}</table>{note}"
    )


def _legend(
    layer: gpd.GeoDataFrame,
    title: str,
    lang: str,
    view: str,
    round_: bool,
    notes: _LegendNotes,
) -> str:
    cov, ctx = coverage(layer), notes.context
    if view == "band":
        head = text("by_band", lang)
        keys = band_classes((layer["band"] == status.BAND_OTHER).any())
    else:
        head, keys = text("by_tier", lang), tier_keys(layer)
    date = date_line(ctx, lang)
    lines = [
        *date_notes(ctx, lang),
        text("in_programme", lang, n=cov["in_programme"], out=cov["outside"]),
        text("units_with_data", lang, n=cov["with_data"], total=cov["in_programme"]),
    ]
    kind = "boundary" if notes.boundary_file else ("cell" if notes.approximate else "point")
    out = [f"<div class='note'>{escape(t)}</div>" for t in lines]
    out.append(_share_table(layer, ctx, lang))
    if ctx.area_lines:
        out.append(f"<div class='note'><i>{escape(text('area_applied', lang))}</i></div>")
        out += [f"<div class='note'>• {escape(t)}</div>" for t in ctx.area_lines]
    if ctx.share_lines:
        shares_head = text("area_" + ctx.shares_kind, lang)
        out.append(f"<div class='note'><i>{escape(shares_head)}</i></div>")
        out += [f"<div class='note'>• {escape(t)}</div>" for t in ctx.share_lines]
    if cov["with_predecessor_status"]:
        n = cov["with_predecessor_status"]
        out.append(f"<div class='note'>{escape(text('predecessor_note', lang, n=n))}</div>")
    if ctx.rule:
        out.append(f"<div class='note'>{escape(text('rule', lang, rule=ctx.rule))}</div>")
    cls = "warn" if notes.approximate else "note"
    out.append(
        f"<div class='{cls}'>{escape(text(kind, lang, file=notes.boundary_file or ''))}</div>"
    )
    if cov["no_position"]:
        n = cov["no_position"]
        out.append(f"<div class='warn'>{escape(text('no_position', lang, n=n))}</div>")
    if notes.unmatched:
        n = notes.unmatched
        out.append(f"<div class='warn'>{escape(text('unmatched', lang, n=n))}</div>")
    sources = list(ctx.sources)
    if len(sources) > 6:
        sources = [*sources[:5], text("more_sources", lang, n=len(sources) - 5)]
    if sources:
        out.append(
            f"<div class='note'>{escape(charts.label('source', lang))}: "
            f"{escape('; '.join(sources))}</div>"
        )
    return (
        f'<div id="ntm-legend"><b>{escape(title)}</b>'
        f"<div class='date'>{escape(date)}</div><div><i>{escape(head)}</i></div>"
        f"{_class_rows(layer, view, keys, lang, round_)}{''.join(out)}</div>"
    )
