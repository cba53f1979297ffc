"""Commune status maps: the status layer, offline folium HTML, a static print map, ``ntm map``.

`commune_layer` puts every commune-level unit of an area on the map with its latest status
from ``commune_status`` (tier, criteria met, source), the criteria it has not met
(``criteria_status``) and its criteria band (19, 15–18, 10–14, < 10 of the 19 basic criteria;
from exact counts, else from bands a source states in ``facts``). Units without any status are
kept as "no data", never dropped. Geometry comes from `geo` (points, approximate cells or a
boundary file).

`status_map` draws a layer per tier and per criteria band (two views, one shown at a time),
outlines per region (East/West of the new Hải Phòng), a legend that counts the units with data,
and popups with name, code, tier, criteria and source. `save_map` writes one self-contained
HTML file: Leaflet's script and stylesheet are inlined (``xstatic-leaflet``), jQuery only if
the page uses it, every CDN tag folium writes is removed, and there is no tile layer unless
asked for, so the map draws offline on a plain background. Every value that comes from data
is HTML-escaped before it reaches the page.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium import MacroElement
from folium.template import Template
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ntm_analysis import paths
from ntm_analysis.lexicon import criteria
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import geo
from ntm_analysis.present import charts

TIER_RANK = {"none": 0, "ntm": 1, "advanced": 2, "model": 3}
# Classes drawn, top of the legend first. "tier_unknown": a status row with a score but no tier.
TIER_CLASSES = ("model", "advanced", "ntm", "none", "tier_unknown", "no_data")
TIER_UNKNOWN_COLOR = "#fee391"
BANDS = ((19, 19, "19"), (15, 18, "15–18"), (10, 14, "10–14"), (0, 9, "< 10"))
BAND_COLORS = {
    "19": "#1a9850",
    "15–18": "#91cf60",
    "10–14": "#fc8d59",
    "< 10": "#d73027",
    "other": "#bababa",  # a stated range that straddles two bands
}
BAND_SET_SIZE = 19  # bands are defined on the 19 criteria of the basic commune set
REGION_OUTLINE = {"East": charts.REGION_COLORS["east"], "West": charts.REGION_COLORS["west"]}
LAYER_COLUMNS = [
    *geo.POINT_COLUMNS,
    "tier_class",
    "tier",
    "year",
    "record_kind",
    "model_field",
    "criteria_met",
    "criteria_total",
    "criteria_set",
    "unmet",
    "band",
    "band_source",
    "history",
    "source_id",
    "source_locator",
    "predecessors",
]

_TEXT = {
    "units_with_data": {
        "vi": "{n}/{total} đơn vị cấp xã có số liệu",
        "en": "{n} of {total} commune-level units have data",
    },
    "no_position": {
        "vi": "{n} đơn vị không có tọa độ, không vẽ được",
        "en": "{n} units have no coordinates and are not drawn",
    },
    "by_tier": {"vi": "Mức đạt chuẩn", "en": "Tier"},
    "by_band": {"vi": "Số tiêu chí NTM đạt (bộ 19 tiêu chí)", "en": "NTM criteria met (of 19)"},
    "band_prefix": {"vi": "Tiêu chí đạt", "en": "Criteria met"},
    "no_band": {"vi": "Không có số liệu tiêu chí", "en": "No criteria data"},
    "band_other": {"vi": "Khoảng khác", "en": "Other range"},
    "point": {
        "vi": "Điểm: tọa độ tham chiếu chính thức của đơn vị",
        "en": "Points: official reference coordinates",
    },
    "cell": {
        "vi": "Ô xấp xỉ quanh tọa độ tham chiếu, không phải ranh giới thật",
        "en": "Approximate cells around reference points, not real boundaries",
    },
    "boundary": {"vi": "Ranh giới từ tệp {file}", "en": "Boundaries from {file}"},
    "unmatched": {
        "vi": "{n} vùng trong tệp ranh giới không khớp đơn vị nào",
        "en": "{n} features of the boundary file matched no unit",
    },
    "unmet": {"vi": "Tiêu chí chưa đạt", "en": "Criteria not met"},
    "of": {"vi": "{met}/{total} tiêu chí ({set})", "en": "{met} of {total} criteria ({set})"},
    "history": {"vi": "Các lần ghi nhận", "en": "Records"},
    "predecessors": {
        "vi": "Xã cũ có số liệu (trước 01/7/2025)",
        "en": "Former communes with a status (before 1 Jul 2025)",
    },
    "predecessor_note": {
        "vi": "{n} đơn vị mới có xã cũ được ghi nhận (xem popup)",
        "en": "{n} new units have former communes with a status (see popups)",
    },
    "region_layer": {"vi": "Ranh giới vùng (sơ đồ)", "en": "Region outline (schematic)"},
}


def _t(key: str, lang: str, **kw: object) -> str:
    return _TEXT[key][lang].format(**kw)


def _e(value: object) -> str:
    """HTML-escape a value from data (quotes too)."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


# ---------------------------------------------------------------------------- status layer


def _frame(tables: dict[str, pd.DataFrame] | None, name: str, cols: Sequence[str]) -> pd.DataFrame:
    df = (tables or {}).get(name)
    if df is None or df.empty or not set(cols) <= set(df.columns):
        return pd.DataFrame(columns=list(cols))
    return df


def latest_status(commune_status: pd.DataFrame, vintage: str, lang: str = "vi") -> pd.DataFrame:
    """One row per unit code of ``vintage``: the status the map shows, and the record history.

    Recognitions accumulate, so the highest recognised tier counts (the latest year among equal
    tiers; a recognition without a year still counts). An assessment replaces it when it is at
    least as recent as that recognition: a commune recognised under an old criteria set can be
    assessed below the new one. A row without a tier shows as "tier_unknown".
    """
    cols = ["unit_code", "admin_vintage", "tier", "year", "record_kind", "source_id"]
    cs = commune_status
    if cs.empty or not set(cols) <= set(cs.columns):
        return pd.DataFrame(columns=["unit_code"]).set_index("unit_code")
    cs = cs[(cs["admin_vintage"] == vintage) & cs["unit_code"].notna()].copy()
    cs["rank"] = cs["tier"].map(TIER_RANK).astype("float64").fillna(-1)
    cs["year_key"] = pd.to_numeric(cs["year"], errors="coerce").astype("float64")
    rec = cs[cs["record_kind"] == "recognition"].sort_values(
        ["rank", "year_key"], na_position="first"
    )
    rec = rec.groupby("unit_code").tail(1).set_index("unit_code")
    ass = cs[cs["record_kind"] != "recognition"].sort_values(
        ["year_key", "rank"], na_position="first"
    )
    ass = ass.groupby("unit_code").tail(1).set_index("unit_code")
    rec_year = rec["year_key"].reindex(ass.index)
    use_ass = ass.index[~ass.index.isin(rec.index) | (ass["year_key"] >= rec_year)]
    best = pd.concat([rec.drop(index=use_ass, errors="ignore"), ass.loc[use_ass]])
    best["tier_class"] = best["tier"].where(best["tier"].isin(TIER_RANK), "tier_unknown")

    def _record(r: pd.Series) -> str:
        tier = charts.label(r["tier"] if r["tier"] in TIER_RANK else "tier_unknown", lang)
        year = "" if pd.isna(r["year_key"]) else f"{int(r['year_key'])}"
        score = (
            f" ({int(r['criteria_met'])}/{int(r['criteria_total'])})"
            if "criteria_met" in r
            and pd.notna(r["criteria_met"])
            and pd.notna(r.get("criteria_total"))
            else ""
        )
        return f"{year or '—'} {tier}{score}, {r['source_id']}"

    hist = cs.sort_values(["year_key", "rank"], na_position="first")
    best["history"] = hist.apply(_record, axis=1).groupby(hist["unit_code"]).agg("; ".join)
    best["n_records"] = hist.groupby("unit_code").size()
    return best


def _set_size(criteria_set: object) -> int | None:
    try:
        return criteria.set_size(str(criteria_set))
    except (KeyError, ValueError):
        return None


def _basic_sets() -> set[str]:
    sets = criteria.criteria_sets()
    size = pd.to_numeric(sets["size"], errors="coerce")
    keep = (sets["level"] == "commune") & (sets["tier"] == "ntm") & (size == BAND_SET_SIZE)
    return set(sets.loc[keep, "criteria_set"])


def band_of(low: float, high: float | None = None) -> str:
    """The band of a count (or a stated range) of basic criteria met.

    >>> band_of(19), band_of(14), band_of(5, 9), band_of(10, 18)
    ('19', '10–14', '< 10', 'other')
    """
    high = low if high is None or pd.isna(high) else high
    for lo, hi, name in BANDS:
        if lo <= low and high <= hi:
            return name
    return "other"


def criteria_bands(tables: dict[str, pd.DataFrame] | None, vintage: str) -> pd.DataFrame:
    """Band per unit code: from exact counts of a 19-criterion basic set in ``commune_status``,
    else from the band a source states (``facts`` measures criteria_met_band_min / _max).

    Columns: band, band_source ("count" or "stated"), indexed by unit_code.
    """
    cs = _frame(
        tables,
        "commune_status",
        ["unit_code", "admin_vintage", "criteria_met", "criteria_set", "year"],
    )
    cs = cs[
        (cs["admin_vintage"] == vintage)
        & cs["criteria_met"].notna()
        & cs["criteria_set"].isin(_basic_sets())
    ]
    cs = cs.sort_values("year").groupby("unit_code").tail(1)
    counted = pd.DataFrame(
        {"band": [band_of(float(v)) for v in cs["criteria_met"]], "band_source": "count"},
        index=pd.Index(cs["unit_code"], name="unit_code"),
    )
    f = _frame(tables, "facts", ["measure", "admin_vintage", "area_code", "value"])
    f = f[(f["admin_vintage"] == vintage) & f["area_code"].notna()]
    lo = f[f["measure"] == "criteria_met_band_min"].groupby("area_code")["value"].last()
    hi = f[f["measure"] == "criteria_met_band_max"].groupby("area_code")["value"].last()
    stated = pd.DataFrame(
        {"band": [band_of(v, hi.get(c)) for c, v in lo.items()], "band_source": "stated"},
        index=pd.Index(lo.index, name="unit_code"),
    )
    return pd.concat([counted, stated[~stated.index.isin(counted.index)]])


def _criterion_name(criteria_set: str, no: int, lang: str) -> str:
    try:
        c = criteria.get_criterion(criteria_set, int(no))
    except (KeyError, ValueError):
        return str(no)
    return f"{no} {c.name_vi if lang == 'vi' else c.name_en}"


def unmet_criteria(criteria_status: pd.DataFrame, vintage: str, lang: str = "vi") -> pd.Series:
    """Criteria not met in each unit's latest assessed year, as "2 Giao thông; 6 Cơ sở…"."""
    cols = ["unit_code", "admin_vintage", "status", "criteria_set", "criterion_no", "year"]
    cr = criteria_status
    if cr.empty or not set(cols) <= set(cr.columns):
        return pd.Series(dtype="object")
    cr = cr[(cr["admin_vintage"] == vintage) & cr["unit_code"].notna()]
    latest = cr.groupby("unit_code")["year"].transform("max")
    cr = cr[(cr["year"] == latest) & (cr["status"] == "not_met")].sort_values("criterion_no")
    names = [
        _criterion_name(s, n, lang)
        for s, n in zip(cr["criteria_set"], cr["criterion_no"], strict=True)
    ]
    return pd.Series(names, index=cr.index).groupby(cr["unit_code"]).agg("; ".join)


def predecessor_status(tables: dict[str, pd.DataFrame] | None, lang: str = "vi") -> pd.DataFrame:
    """For each 2025 unit, the statuses of the legacy communes it was formed from.

    Statuses are recorded against legacy codes; a merged 2025 commune has no tier of its own,
    so its map popup lists its predecessors' instead ("part" where only part of a legacy
    commune went into it). Columns: predecessors (text), n_predecessors, n_with_status;
    indexed by the 2025 code.
    """
    from ntm_analysis.places import gazetteer

    cw = gazetteer.load_crosswalk()
    cw = cw[cw["legacy_level"] == "commune"]
    status = latest_status(_frame(tables, "commune_status", ["unit_code"]), "legacy", lang)
    n_all = cw.groupby("code_2025").size()
    known = cw[cw["legacy_code"].isin(status.index)].copy()
    out = pd.DataFrame({"n_predecessors": n_all})
    out["n_with_status"] = known.groupby("code_2025").size().reindex(out.index).fillna(0)
    out["n_with_status"] = out["n_with_status"].astype(int)
    if known.empty:
        out["predecessors"] = ""
        return out
    part = {"vi": "một phần", "en": "part"}[lang]
    best = status.reindex(known["legacy_code"])
    texts = []
    for (_, r), tier, year in zip(known.iterrows(), best["tier_class"], best["year"], strict=True):
        text = f"{_short_name(str(r['legacy_name']))}: {_class_label('tier', tier, lang)}"
        text += f" {int(year)}" if pd.notna(year) else ""
        main = pd.notna(r["is_main"]) and bool(r["is_main"])
        texts.append(text + (f" ({part})" if bool(r["is_split"]) and not main else ""))
    known["text"] = texts
    out["predecessors"] = known.groupby("code_2025")["text"].agg("; ".join).reindex(out.index)
    out["predecessors"] = out["predecessors"].fillna("")
    return out


def commune_layer(
    area: str | Sequence[str],
    vintage: str = "legacy",
    tables: dict[str, pd.DataFrame] | None = None,
    lang: str = "vi",
) -> gpd.GeoDataFrame:
    """Every commune-level unit of ``area`` at its official point, with its status.

    Args:
        area: Province or district name(s); "" for the whole country (see `geo.select_communes`).
        vintage: ``legacy`` or ``2025``: the unit set, and the codes status rows must carry.
        tables: The processed tables (`tables.load_tables`); None or missing tables mean no
            status data, and every unit is "no_data".
        lang: Language of the criterion names and record history.

    Returns:
        A GeoDataFrame with `LAYER_COLUMNS`: ``tier_class`` is a tier, "tier_unknown" or
        "no_data"; text columns are "" when unknown.
    """
    layer = geo.commune_points(area, vintage)
    status = latest_status(_frame(tables, "commune_status", ["unit_code"]), vintage, lang)
    bands = criteria_bands(tables, vintage)
    unmet = unmet_criteria(_frame(tables, "criteria_status", ["unit_code"]), vintage, lang)
    code = layer["unit_code"]
    for col in (
        "tier",
        "year",
        "record_kind",
        "model_field",
        "criteria_met",
        "criteria_total",
        "criteria_set",
        "history",
        "source_id",
        "source_locator",
    ):
        src = status[col] if col in status else pd.Series(dtype="object")
        layer[col] = code.map(src)
    tier_class = status["tier_class"] if "tier_class" in status else pd.Series(dtype="object")
    layer["tier_class"] = code.map(tier_class).astype("object").fillna("no_data")
    layer["unmet"] = code.map(unmet)
    layer["band"] = code.map(bands["band"])
    layer["band_source"] = code.map(bands["band_source"])
    layer["predecessors"] = ""
    for col in ("year", "criteria_met", "criteria_total"):
        layer[col] = pd.to_numeric(layer[col], errors="coerce").astype("Int64")
    text = [
        c for c in LAYER_COLUMNS if c not in ("area_km2", "year", "criteria_met", "criteria_total")
    ]
    layer[text] = layer[text].astype("object").where(layer[text].notna(), "").astype(str)
    if vintage == "2025":
        pred = predecessor_status(tables, lang)
        counts = pred["n_with_status"].astype(str) + "/" + pred["n_predecessors"].astype(str) + ": "
        text = (counts + pred["predecessors"]).where(pred["n_with_status"] > 0, "")
        layer["predecessors"] = code.map(text).fillna("")
    return layer[[*LAYER_COLUMNS, "geometry"]]


def coverage(layer: gpd.GeoDataFrame) -> dict[str, int]:
    """Counts the map states: units, with any data, with a tier, with a band, without position."""
    with_tier = layer["tier_class"].isin(TIER_RANK)
    with_band = layer["band"] != ""
    return {
        "units": len(layer),
        "with_data": int(((layer["tier_class"] != "no_data") | with_band).sum()),
        "with_tier": int(with_tier.sum()),
        "with_band": int(with_band.sum()),
        "no_position": int((layer.geometry.isna() | layer.geometry.is_empty).sum()),
        "with_predecessor_status": int((layer["predecessors"] != "").sum()),
    }


# ------------------------------------------------------------------------------ HTML map


def _class_color(view: str, key: str) -> str:
    if view == "band":
        return BAND_COLORS.get(key, charts.TIER_COLORS["no_data"])
    return TIER_UNKNOWN_COLOR if key == "tier_unknown" else charts.TIER_COLORS[key]


def _class_label(view: str, key: str, lang: str) -> str:
    if view == "band":
        if key == "":
            return _t("no_band", lang)
        return _t("band_other", lang) if key == "other" else key
    return charts.label(key, lang)


# Popup rows: property key -> label key. The values are escaped in Python; the page builds
# the table once per opened popup (`_POPUP_JS`), so the HTML carries each label only once.
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
    own = {"u": _t("unmet", lang), "h": _t("history", lang), "x": _t("predecessors", lang)}
    return {k: _e(own.get(k) or charts.label(v, lang)) for k, v in POPUP_FIELDS.items()}


def _popup_props(r: dict, lang: str) -> dict[str, str]:
    """The escaped popup values of one unit (empty ones left out)."""
    criteria_text = ""
    if pd.notna(r["criteria_met"]):
        total = "?" if pd.isna(r["criteria_total"]) else r["criteria_total"]
        criteria_text = _t("of", lang, met=r["criteria_met"], total=total, set=r["criteria_set"])
    values = {
        "n": r["name"],
        "c": r["unit_code"],
        "d": r["district"],
        "p": r["province"],
        "r": charts.label(r["region"].lower(), lang) if r["region"] else "",
        "t": _tier_text(r, lang),
        "m": criteria_text,
        "u": r["unmet"],
        "b": _class_label("band", r["band"], lang) if r["band"] else "",
        "h": r["history"] if r["history"].count(";") else "",
        "x": r["predecessors"],
        "s": " · ".join(x for x in (r["source_id"], r["source_locator"]) if x),
    }
    return {k: _e(v) for k, v in values.items() if v != ""}


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
    text = _class_label("tier", r["tier_class"], lang)
    if r["model_field"]:
        text += f" ({r['model_field']})"
    return f"{text}, {r['year']}" if pd.notna(r["year"]) else text


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
                f" · {charts.label('criteria_met', lang)}: {_class_label('band', r['band'], lang)}"
            )
        features.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(geom),
                "properties": {"tip": _e(tip), **_popup_props(r, lang)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _swatch(color: str, round_: bool) -> str:
    radius = "50%" if round_ else "2px"
    return (
        f'<span style="display:inline-block;width:11px;height:11px;margin-right:5px;'
        f'vertical-align:-1px;border:1px solid #555;border-radius:{radius};background:{color}">'
        "</span>"
    )


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


def default_view(layer: gpd.GeoDataFrame) -> str:
    """The view shown first: band where more units have a criteria band than a status, else tier."""
    cov = coverage(layer)
    with_status = int((layer["tier_class"] != "no_data").sum())
    return "band" if cov["with_band"] > with_status else "tier"


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
    for region, shape in geo.region_outlines(placed).itertuples(index=False):
        outline = REGION_OUTLINE.get(region, "#555555")
        group = folium.FeatureGroup(
            name=f'<span style="display:inline-block;width:9px;height:9px;margin-right:5px;'
            f'border:2px dashed {outline}"></span>{_e(charts.label(region.lower(), lang))}'
            f" · {_e(_t('region_layer', lang))}"
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
    for key in TIER_CLASSES:
        part = placed[placed["tier_class"] == key]
        color = _class_color("tier", key)
        name = f"{_swatch(color, round_)}{_e(_class_label('tier', key, lang))} ({len(part)})"
        _add_group(m, part, name, color, view == "tier", lang, opacity)
    if (layer["band"] != "").any():
        for key in [b for _, _, b in BANDS] + ["other", ""]:
            part = placed[placed["band"] == key]
            color = _class_color("band", key)
            label = _class_label("band", key, lang)
            name = (
                f"{_swatch(color, round_)}{_e(_t('band_prefix', lang))}: {_e(label)} ({len(part)})"
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
        head, keys = _t("by_band", lang), [b for _, _, b in BANDS] + [""]
        if (layer["band"] == "other").any():
            keys.insert(-1, "other")
    else:
        head = _t("by_tier", lang)
        keys = [k for k in TIER_CLASSES if k != "tier_unknown" or (layer["tier_class"] == k).any()]
    rows = "".join(
        f"<div>{_swatch(_class_color(view, k), round_)}{_e(_class_label(view, k, lang))}</div>"
        for k in keys
    )
    kind = "boundary" if boundary_file else ("cell" if approximate else "point")
    notes = [
        f"<div>{_e(_t('units_with_data', lang, n=cov['with_data'], total=cov['units']))}</div>",
        f"<div class='{'warn' if approximate else 'note'}'>"
        f"{_e(_t(kind, lang, file=boundary_file or ''))}</div>",
    ]
    if cov["with_predecessor_status"]:
        n = cov["with_predecessor_status"]
        notes.append(f"<div class='note'>{_e(_t('predecessor_note', lang, n=n))}</div>")
    if cov["no_position"]:
        notes.append(f"<div class='warn'>{_e(_t('no_position', lang, n=cov['no_position']))}</div>")
    if unmatched:
        notes.append(f"<div class='warn'>{_e(_t('unmatched', lang, n=unmatched))}</div>")
    sources = sorted({s for s in layer["source_id"] if s})
    if len(sources) > 6:
        more = {"vi": f"và {len(sources) - 5} nguồn khác", "en": f"and {len(sources) - 5} more"}
        sources = [*sources[:5], more[lang]]
    if sources:
        notes.append(
            f"<div class='note'>{_e(charts.label('source', lang))}: {_e(', '.join(sources))}</div>"
        )
    return (
        f'<div id="ntm-legend"><b>{_e(title)}</b><div><i>{_e(head)}</i></div>{rows}'
        f"{''.join(notes)}</div>"
    )


# ---------------------------------------------------------------------------- offline HTML

_CDN = re.compile(
    r'<(script|link)\b[^>]*\b(src|href)\s*=\s*["\']?(https?:)?//[^>]*>(\s*</script>)?\s*', re.I
)
_CSS_URL = re.compile(r"url\((images/[\w.-]+\.png)\)")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)


def _leaflet_assets() -> tuple[str, str]:
    from xstatic.pkg import leaflet

    lib = Path(leaflet.BASE_DIR)
    css = (lib / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:  # the layer-control and marker images, as data URIs
        data = base64.b64encode((lib / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    js = _SOURCE_MAP.sub("", (lib / "leaflet.js").read_text(encoding="utf-8"))
    return _CSS_URL.sub(inline, css), js


_JSON_U = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


def _unescape_non_ascii(text: str) -> str:
    r"""Write ``\uXXXX`` escapes of non-ASCII letters as the letters (UTF-8 page, JS strings).

    folium's JSON escapes every Vietnamese letter as six bytes; keeping the letters roughly
    halves the page. ASCII escapes (``\u003c`` for "<", which keeps data from closing the
    script), surrogates and line separators stay escaped.

    >>> _unescape_non_ascii(r'"Kh\u00f4ng \u003cb\u003e" "\\u00f4"')
    '"Không \\u003cb\\u003e" "\\\\u00f4"'
    """

    def repl(m: re.Match) -> str:
        code = int(m.group(2), 16)
        if code < 0x80 or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029):
            return m.group(0)
        return m.group(1) + chr(code)

    return _JSON_U.sub(repl, text)


def offline_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page: no CDN tag, Leaflet (and jQuery if used) inlined."""
    page = _unescape_non_ascii(_CDN.sub("", m.get_root().render()))
    css, js = _leaflet_assets()
    parts = [f"<style>{css}</style>", f"<script>{js}</script>"]
    if re.search(r"\$\(|\$\.|jQuery", page):
        from xstatic.pkg import jquery

        jq = (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
        parts.append(f"<script>{_SOURCE_MAP.sub('', jq)}</script>")
    # Inserted as a function so that backslashes in the libraries are not read as escapes.
    return re.sub(r"<head>", lambda _m: "<head>\n" + "\n".join(parts) + "\n", page, count=1)


def save_map(m: folium.Map, path: Path | str) -> Path:
    """Write the offline HTML map (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(offline_html(m), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ print map


def static_map(
    layer: gpd.GeoDataFrame,
    title: str,
    sources: Sequence[str],
    vintage: str,
    lang: str = "vi",
    view: str = "auto",
    annotate: bool | None = None,
) -> Figure:
    """A print map: units coloured by tier or band, region outlines, legend, source line.

    Args:
        layer: From `commune_layer` (points, cells or polygons).
        title: Figure title.
        sources: Source ids for the footer (the gazetteer's when the layer has no status data).
        vintage: Admin vintage named in the footer.
        lang: ``vi`` or ``en``.
        view: ``tier``, ``band`` or ``auto`` (as in `status_map`).
        annotate: Write unit names next to them; by default when there are at most 40 units.
    """
    view = default_view(layer) if view == "auto" else view
    placed = layer[~(layer.geometry.isna() | layer.geometry.is_empty)]
    annotate = len(placed) <= 40 if annotate is None else annotate
    fig, ax = charts.new_figure(16, _height_cm(placed))
    is_point = placed.geometry.geom_type == "Point"
    key_col = "band" if view == "band" else "tier_class"
    keys = [b for _, _, b in BANDS] + ["other", ""] if view == "band" else list(TIER_CLASSES)
    handles = []
    for region, shape in geo.region_outlines(placed).itertuples(index=False):
        gpd.GeoSeries([shape], crs=placed.crs).boundary.plot(
            ax=ax, color=REGION_OUTLINE.get(region, "#555"), linewidth=1.2, linestyle="--"
        )
        handles.append(
            Line2D(
                [],
                [],
                color=REGION_OUTLINE.get(region, "#555"),
                linestyle="--",
                label=charts.label(region.lower(), lang),
            )
        )
    for key in reversed(keys):  # grey classes first, so coloured ones sit on top
        part = placed[placed[key_col] == key]
        if part.empty:
            continue
        color = _class_color(view, key)
        label = f"{_class_label(view, key, lang)} ({len(part)})"
        polys = part[~is_point.loc[part.index]]
        pts = part[is_point.loc[part.index]]
        if not polys.empty:
            polys.plot(ax=ax, color=color, edgecolor="#555555", linewidth=0.3)
            handles.append(Patch(facecolor=color, edgecolor="#555555", label=label))
        if not pts.empty:
            pts.plot(
                ax=ax, color=color, edgecolor="#333333", linewidth=0.5, markersize=36, zorder=3
            )
            if polys.empty:
                handles.append(
                    Line2D(
                        [],
                        [],
                        marker="o",
                        linestyle="",
                        markersize=7,
                        markerfacecolor=color,
                        markeredgecolor="#333333",
                        label=label,
                    )
                )
    if annotate:
        for geom, name in zip(placed.geometry, placed["name"], strict=True):
            p = geom if geom.geom_type == "Point" else geom.representative_point()
            ax.annotate(
                _short_name(name),
                (p.x, p.y),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=6.5,
                color="#222222",
            )
    ax.set_axis_off()
    ax.set_title(title)
    cov = coverage(layer)
    ax.legend(
        handles=list(reversed(handles)),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        title=_t("by_band" if view == "band" else "by_tier", lang),
        title_fontproperties={"weight": "bold", "size": 9},
    )
    kind = (
        "cell"
        if (layer["geometry_kind"] == "cell").any()
        else ("boundary" if (layer["geometry_kind"] == "boundary").any() else "point")
    )
    note = _t("units_with_data", lang, n=cov["with_data"], total=cov["units"])
    if kind != "boundary":
        note += " · " + _t(kind, lang)
    sources = list(sources) or sorted({s for s in layer["source_id"] if s}) or ["gazetteer"]
    return charts.finish(fig, sources, vintage, lang, note=note)


def _height_cm(placed: gpd.GeoDataFrame, width_cm: float = 16.0) -> float:
    """Figure height that fits the area's shape (the legend takes about a third of the width)."""
    if placed.empty:
        return 10.0
    minx, miny, maxx, maxy = placed.total_bounds
    ratio = (maxy - miny) / max((maxx - minx) * np.cos(np.radians((miny + maxy) / 2)), 1e-6)
    return float(np.clip(0.65 * width_cm * ratio + 3.0, 9.0, 24.0))


def slug(text: str) -> str:
    """A file-name slug: "Bắc Sơn" -> "bac-son"."""
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-") or "map"


def _short_name(name: str) -> str:
    return re.sub(r"^(Xã|Phường|Thị trấn|Đặc khu)\s+", "", name)


# ------------------------------------------------------------------------------------ CLI


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``map`` subcommand."""
    p = sub.add_parser(
        "map",
        help="map commune status of an area as an offline HTML page (and a print map)",
        description=(
            "Draw every commune-level unit of AREA coloured by its latest NTM tier from "
            "data/processed (units without data in grey, counted in the legend), with a layer "
            "per tier, per criteria band where known (19, 15–18, 10–14, < 10) and region "
            "outlines (East/West of the new Hải Phòng); popups give name, code, tier, criteria "
            "and source. Markers sit at the gazetteer's official points; --cells draws "
            "approximate Voronoi cells instead (labelled as such); --boundaries draws polygons "
            "from a file. The HTML is one self-contained file that works offline."
        ),
    )
    p.add_argument(
        "--area",
        required=True,
        action="append",
        help="province or district name ('Bắc Sơn', 'Hải Phòng', 'Châu Thành, Tiền "
        "Giang'); repeat for several; '' for the whole country",
    )
    p.add_argument("--vintage", choices=["legacy", "2025"], default="legacy")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    p.add_argument("--title", help="map title (default: the area names)")
    p.add_argument("--cells", action="store_true", help="approximate cells instead of markers")
    p.add_argument(
        "--footprint",
        choices=["discs", "hull"],
        default="discs",
        help="what --cells are clipped to (default: discs sized by area/spacing)",
    )
    p.add_argument(
        "--boundaries",
        type=Path,
        metavar="FILE",
        help="commune polygons (GeoJSON, GPKG or shapefile) matched to the gazetteer",
    )
    p.add_argument("--name-col", default="name", help="name column of --boundaries")
    p.add_argument("--province-col", help="province column of --boundaries")
    p.add_argument("--district-col", help="district column of --boundaries")
    p.add_argument("--code-col", help="column of official unit codes in --boundaries")
    p.add_argument(
        "--view",
        choices=["auto", "tier", "band"],
        default="auto",
        help="classes shown first (the other view stays in the layer control)",
    )
    p.add_argument("--tiles", help="base tiles, e.g. OpenStreetMap (needs network; default none)")
    p.add_argument(
        "--static", action="store_true", help="also write the print map as FILE.png and FILE.svg"
    )
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--processed", type=Path, default=paths.PROCESSED)
    p.set_defaults(func=_cli)


def _load_tables(processed: Path) -> dict[str, pd.DataFrame]:
    from ntm_analysis.model.tables import load_table

    out = {}
    for name in ("commune_status", "criteria_status", "facts"):
        try:
            out[name] = load_table(name, processed)
        except FileNotFoundError as err:
            warnings.warn(f"{err}; drawing without it", stacklevel=2)
    return out


def _cli(args: argparse.Namespace) -> int:
    try:
        layer = commune_layer(args.area, args.vintage, _load_tables(args.processed), args.lang)
    except ValueError as err:
        print(f"ntm map: error: {err}", file=sys.stderr)
        return 1
    unmatched = pd.DataFrame()
    if args.boundaries:
        try:
            layer, unmatched = geo.attach_boundaries(
                layer,
                args.boundaries,
                args.vintage,
                args.name_col,
                args.province_col,
                args.district_col,
                args.code_col,
            )
        except ValueError as err:
            print(f"ntm map: error: {err}", file=sys.stderr)
            return 1
        for r in unmatched.itertuples():
            hint = f"; contains {r.contains}" if r.contains else ""
            cand = f"; candidates {r.match_candidates}" if r.match_candidates else ""
            print(
                f"warning: boundary feature {r.feature!r} matched no unit "
                f"({r.match_status}{cand}{hint})",
                file=sys.stderr,
            )
    elif args.cells:
        layer = with_cells(layer, args.footprint)
    title = args.title or ", ".join(a for a in args.area if a) or "Việt Nam"
    m = status_map(
        layer,
        title,
        args.lang,
        view=args.view,
        tiles=args.tiles,
        boundary_file=args.boundaries.name if args.boundaries else None,
        unmatched=len(unmatched),
    )
    out = save_map(m, args.out)
    cov = coverage(layer)
    print(
        f"{out}: {cov['units']} communes, {cov['with_data']} with data "
        f"({cov['with_tier']} with a tier, {cov['with_band']} with a criteria band)"
        + (f", {cov['no_position']} without coordinates" if cov["no_position"] else "")
    )
    if args.boundaries:
        print(
            f"boundaries: {(layer['geometry_kind'] == 'boundary').sum()} units drawn as polygons,"
            f" {len(unmatched)} features unmatched"
        )
    if args.static:
        fig = static_map(layer, title, [], args.vintage, args.lang, view=args.view)
        for p in charts.save_figure(fig, out.stem, out.parent):
            print(p)
    return 0


# Geometry helpers kept under their earlier names for callers of `maps`.
approximate_cells: Callable[..., gpd.GeoSeries] = geo.approximate_cells
attach_boundaries = geo.attach_boundaries


def with_cells(layer: gpd.GeoDataFrame, footprint: str = "discs") -> gpd.GeoDataFrame:
    """The layer drawn as approximate cells (`geo.approximate_cells`), marked as such."""
    out = layer.set_geometry(geo.approximate_cells(layer, footprint))
    out["geometry_kind"] = np.where(out.geometry.notna(), "cell", "point")
    return out
