"""Commune status maps: offline folium HTML, a static print map, and ``ntm map``.

The HTML map draws with no network: Leaflet (xstatic-leaflet) and jQuery (xstatic-jquery,
needed by folium's popups) are inlined, every CDN tag folium writes is removed, and there is
no base layer unless asked for (offline, missing tiles leave a plain background). Every name
and value taken from data is HTML-escaped before it reaches the page. Geometry is the
gazetteer's official point per commune, approximate cells around those points (labelled as
approximate), or polygons from a boundary file matched through the gazetteer.
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import shapely

from ntm_analysis import charts, gazetteer, paths
from ntm_analysis.textnorm import fold

TIER_ORDER = {"none": 0, "ntm": 1, "advanced": 2, "model": 3}
BANDS = [(19, 19, "19"), (15, 18, "15–18"), (10, 14, "10–14"), (0, 9, "< 10")]
BAND_COLORS = {"19": "#1a9850", "15–18": "#91cf60", "10–14": "#fc8d59", "< 10": "#d73027"}
_CDN = re.compile(r'<(script|link)[^>]+(src|href)="https?://[^"]*"[^>]*>(\s*</script>)?\s*')


def commune_layer(
    area: str, vintage: str = "legacy", tables: dict[str, pd.DataFrame] | None = None
) -> gpd.GeoDataFrame:
    """Communes of ``area`` (province or district name) with their latest status, as points.

    Columns: unit_code, name, province, district, region, tier (or "no_data"), year,
    criteria (e.g. "14/19 commune_ntm_2021_2025"), unmet (criterion list), band, source.
    """
    units = gazetteer.load_units(vintage)
    comm = units[units["level"] == "commune"]
    key = fold(area)
    sel = comm[
        comm["province_name"].map(fold).str.contains(key, regex=False)
        | comm["district_name"].fillna("").map(fold).str.endswith(key)
    ]
    if sel.empty:
        raise ValueError(f"no commune of the {vintage} gazetteer lies in an area named {area!r}")
    out = pd.DataFrame(
        {
            "unit_code": sel["unit_code"].to_numpy(),
            "name": sel["unit_name"].to_numpy(),
            "province": sel["province_name"].to_numpy(),
            "district": sel["district_name"].fillna("").to_numpy(),
            "region": sel["region"].fillna("").to_numpy(),
            "lat": sel["lat"].to_numpy(),
            "lon": sel["lon"].to_numpy(),
        }
    )
    out = out.merge(_status(tables, vintage), on="unit_code", how="left")
    out["tier"] = out["tier"].fillna("no_data")
    out = out.merge(_bands(tables, vintage), on="unit_code", how="left")
    out = out.fillna({c: "" for c in ("year", "criteria", "unmet", "band", "source")})
    geometry = gpd.points_from_xy(out["lon"], out["lat"], crs="EPSG:4326")
    return gpd.GeoDataFrame(out.drop(columns=["lat", "lon"]), geometry=geometry)


def _status(tables: dict[str, pd.DataFrame] | None, vintage: str) -> pd.DataFrame:
    cols = ["unit_code", "tier", "year", "criteria", "unmet", "source"]
    if not tables or tables["commune_status"].empty:
        return pd.DataFrame(columns=cols)
    cs = tables["commune_status"]
    cs = cs[(cs["admin_vintage"] == vintage) & cs["unit_code"].notna()].copy()
    cs["rank"] = cs["tier"].map(TIER_ORDER).fillna(-1)
    cs = cs.sort_values(["unit_code", "rank", "year"]).groupby("unit_code").tail(1)
    crit = tables["criteria_status"]
    crit = crit[(crit["admin_vintage"] == vintage) & (crit["status"] == "not_met")]
    labels = crit["criteria_set"].astype(str) + " " + crit["criterion_no"].astype(str)
    unmet = labels.groupby(crit["unit_code"]).agg("; ".join)
    return pd.DataFrame(
        {
            "unit_code": cs["unit_code"],
            "tier": cs["tier"].fillna("no_data"),
            "year": cs["year"].astype("string").fillna(""),
            "criteria": [
                f"{m}/{t} {s}" if pd.notna(m) else ""
                for m, t, s in zip(cs["criteria_met"], cs["criteria_total"], cs["criteria_set"])
            ],
            "unmet": cs["unit_code"].map(unmet).astype("string").fillna(""),
            "source": cs["source_id"],
        }
    )


def _bands(tables: dict[str, pd.DataFrame] | None, vintage: str) -> pd.DataFrame:
    if not tables:
        return pd.DataFrame(columns=["unit_code", "band"])
    f = tables["facts"]
    f = f[(f["measure"] == "criteria_met_band_min") & (f["admin_vintage"] == vintage)]
    label = {lo: name for lo, _, name in BANDS}
    return pd.DataFrame({"unit_code": f["area_code"], "band": f["value"].astype(int).map(label)})


def attach_boundaries(
    layer: gpd.GeoDataFrame,
    path: Path,
    vintage: str,
    name_col: str = "name",
    province_col: str | None = None,
    district_col: str | None = None,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Replace points by the polygons of a boundary file (GeoJSON, GPKG, shapefile).

    Feature names are matched through the gazetteer (`matching.match_units`), within the
    file's province column or else the layer's province. Returns the layer (communes without a
    polygon keep their point) and the features that did not match one commune, with status.
    """
    from ntm_analysis.matching import match_units

    try:
        shapes = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise ValueError(f"{path}: cannot read boundaries ({err})") from err
    if name_col not in shapes.columns:
        raise ValueError(f"{path}: no column {name_col!r} (columns: {list(shapes.columns)})")
    shapes = shapes.to_crs(layer.crs)
    query = pd.DataFrame(
        {
            "province": shapes[province_col] if province_col else layer["province"].iloc[0],
            "commune": shapes[name_col].astype(str),
        }
    )
    if district_col:
        query["district"] = shapes[district_col]
    matched = match_units(query, vintage=vintage)
    ok = matched["match_status"].isin(["exact", "fuzzy"]) & matched["ward_code"].isin(
        layer["unit_code"]
    )
    polygons = dict(zip(matched.loc[ok, "ward_code"], shapes.geometry[ok.to_numpy()], strict=True))
    out = layer.copy()
    out["geometry"] = [
        polygons.get(c, g) for c, g in zip(out["unit_code"], out.geometry, strict=True)
    ]
    unmatched = matched.loc[~ok, ["commune", "match_status", "match_candidates"]]
    return out, unmatched.reset_index(drop=True)


def approximate_cells(layer: gpd.GeoDataFrame, buffer_deg: float = 0.03) -> gpd.GeoSeries:
    """Voronoi cells of the commune points, clipped to the union of buffered points.

    Approximate by construction: use them only where no boundary file is available, and say so.
    """
    points = layer.geometry
    # Degrees, not metres: the cells are schematic, so a geographic buffer is good enough.
    footprint = shapely.buffer(
        shapely.union_all(shapely.buffer(points.values, buffer_deg * 3)), -buffer_deg
    )
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(points)), extend_to=footprint)
    cells = gpd.GeoSeries(list(cells.geoms), crs=layer.crs)
    owner = gpd.sjoin(
        gpd.GeoDataFrame(geometry=cells), gpd.GeoDataFrame(geometry=points), predicate="contains"
    )
    out = gpd.GeoSeries([None] * len(layer), crs=layer.crs, index=layer.index)
    for cell_idx, point_idx in zip(owner.index, owner["index_right"], strict=True):
        out.iloc[point_idx] = cells.iloc[cell_idx].intersection(footprint)
    return out


def _props(row: pd.Series, lang: str) -> dict[str, str]:
    tier = row["tier"]
    tier_label = charts.label("no_data" if tier == "no_data" else tier, lang)
    return {
        k: html.escape(str(v))
        for k, v in {
            "name": row["name"],
            "code": row["unit_code"],
            "tier": tier_label,
            "year": row["year"],
            "criteria": row["criteria"],
            "unmet": row["unmet"],
            "band": row["band"],
            "source": row["source"],
        }.items()
    }


def status_map(
    layer: gpd.GeoDataFrame,
    title: str,
    lang: str = "vi",
    approximate: bool = False,
    tiles: str | None = None,
) -> folium.Map:
    """A folium map: a layer per tier (and per region, bands where known), legend, popups."""
    center = layer.geometry.union_all().centroid if len(layer) else shapely.Point(106, 16)
    m = folium.Map(location=[center.y, center.x], zoom_start=10, tiles=tiles, prefer_canvas=True)
    fields = ["name", "code", "tier", "year", "criteria", "unmet", "band", "source"]
    aliases = [
        charts.label(k, lang) if k in charts.LABELS else k
        for k in ("commune", "code", "tier", "year", "criteria_met", "not_met", "band", "source")
    ]
    aliases = [
        a
        if a not in ("code", "tier", "band")
        else {
            "code": {"vi": "Mã", "en": "Code"},
            "tier": {"vi": "Mức đạt chuẩn", "en": "Tier"},
            "band": {"vi": "Nhóm số tiêu chí", "en": "Criteria band"},
        }[a][lang]
        for a in aliases
    ]

    def add(group: gpd.GeoDataFrame, name: str, color_of) -> None:
        if group.empty:
            return
        features = [
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(geom),
                "properties": {**_props(r, lang), "color": color_of(r)},
            }
            for geom, (_, r) in zip(group.geometry, group.iterrows(), strict=True)
        ]
        fg = folium.FeatureGroup(name=html.escape(name))
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            marker=folium.CircleMarker(radius=6, weight=1, fill=True, fill_opacity=0.9),
            style_function=lambda f: {
                "color": "#333333",
                "fillColor": f["properties"]["color"],
                "weight": 0.6,
                "fillOpacity": 0.75,
            },
            tooltip=folium.GeoJsonTooltip(fields=["name", "tier"], labels=False),
            popup=folium.GeoJsonPopup(fields=fields, aliases=aliases),
        ).add_to(fg)
        fg.add_to(m)

    tier_color = lambda r: charts.TIER_COLORS.get(r["tier"], charts.TIER_COLORS["no_data"])  # noqa: E731
    for tier in ("model", "advanced", "ntm", "none", "no_data"):
        add(layer[layer["tier"] == tier], charts.label(tier, lang), tier_color)
    for region in ("East", "West"):
        part = layer[layer["region"] == region]
        add(part, charts.label(region.lower(), lang), tier_color)
    banded = layer[layer["band"] != ""]
    band_name = {"vi": "Nhóm số tiêu chí NTM đạt", "en": "NTM criteria met (band)"}[lang]
    add(banded, band_name, lambda r: BAND_COLORS[r["band"]])
    folium.LayerControl(collapsed=False).add_to(m)
    if len(layer):
        minx, miny, maxx, maxy = layer.total_bounds
        m.fit_bounds([[miny, minx], [maxy, maxx]], padding=(20, 20))
    m.get_root().html.add_child(folium.Element(_legend(layer, title, lang, approximate)))
    return m


def _legend(layer: gpd.GeoDataFrame, title: str, lang: str, approximate: bool) -> str:
    n_data = int((layer["tier"] != "no_data").sum())
    rows = "".join(
        f'<div><span style="background:{charts.TIER_COLORS[t]};display:inline-block;width:12px;'
        f'height:12px;margin-right:6px;border:1px solid #555"></span>{charts.label(t, lang)}</div>'
        for t in ("model", "advanced", "ntm", "none", "no_data")
    )
    if (layer["band"] != "").any():
        head = {"vi": "Số tiêu chí NTM đạt", "en": "NTM criteria met"}[lang]
        rows += f"<div style='margin-top:4px'><i>{head}</i></div>" + "".join(
            f'<div><span style="background:{c};display:inline-block;width:12px;height:12px;'
            f'margin-right:6px;border-radius:6px"></span>{b}</div>'
            for b, c in BAND_COLORS.items()
        )
    count = {
        "vi": f"{n_data}/{len(layer)} xã có số liệu",
        "en": f"{n_data}/{len(layer)} communes with data",
    }[lang]
    approx = (
        {
            "vi": "Ô xấp xỉ (Voronoi), không phải ranh giới thật",
            "en": "Approximate cells (Voronoi), not real boundaries",
        }[lang]
        if approximate
        else ""
    )
    return (
        '<div id="ntm-legend" style="position:fixed;bottom:20px;left:20px;z-index:9999;'
        'background:white;padding:8px 10px;font:12px sans-serif;border:1px solid #999">'
        f"<b>{html.escape(title)}</b>{rows}<div>{count}</div>"
        f'<div style="color:#b2182b">{approx}</div></div>'
    )


def offline_html(m: folium.Map) -> str:
    """The map's HTML with Leaflet and jQuery inlined and every CDN reference removed."""
    from xstatic.pkg import jquery, leaflet

    page = _CDN.sub("", m.get_root().render())
    lib = Path(leaflet.BASE_DIR)
    jq = (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
    inline = (
        f"<style>{(lib / 'leaflet.css').read_text(encoding='utf-8')}</style>\n"
        f"<script>{(lib / 'leaflet.js').read_text(encoding='utf-8')}</script>\n"
        f"<script>{jq}</script>\n"
    )
    return page.replace("<head>", "<head>\n" + inline, 1)


def save_map(m: folium.Map, path: Path) -> Path:
    """Write the offline HTML map."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(offline_html(m), encoding="utf-8")
    return path


def static_map(
    layer: gpd.GeoDataFrame, title: str, sources: list[str], vintage: str, lang: str = "vi"
):
    """A print map (points or polygons coloured by tier) with legend and source line."""
    fig, ax = charts.new_figure(16, 14)
    for tier in ("no_data", "none", "ntm", "advanced", "model"):
        part = layer[layer["tier"] == tier]
        if part.empty:
            continue
        part.plot(
            ax=ax,
            color=charts.TIER_COLORS[tier],
            edgecolor="#555555",
            linewidth=0.3,
            markersize=25,
            label=charts.label(tier, lang),
        )
    ax.set_axis_off()
    ax.set_title(title)
    ax.legend(loc="lower left")
    return charts.finish(fig, sources or ["gazetteer"], vintage, lang)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``map`` subcommand."""
    p = sub.add_parser(
        "map",
        help="map commune status of an area as an offline HTML page",
        description=(
            "Draw the communes of AREA (province or district name) coloured by their latest NTM "
            "tier from data/processed, with a layer per tier, per region (East/West for the new "
            "Hải Phòng) and by criteria band where known; popups give name, code, tier, criteria "
            "and source. Markers at the gazetteer's coordinates, or --cells for approximate "
            "Voronoi cells. The HTML works offline."
        ),
    )
    p.add_argument("--area", required=True, help="province or district name, e.g. 'Bắc Sơn'")
    p.add_argument("--vintage", choices=["legacy", "2025"], default="legacy")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    p.add_argument("--cells", action="store_true", help="approximate cells instead of markers")
    p.add_argument(
        "--boundaries",
        type=Path,
        metavar="FILE",
        help="commune polygons (GeoJSON, GPKG or shapefile) matched by name",
    )
    p.add_argument("--name-col", default="name", help="name column of --boundaries")
    p.add_argument("--province-col", default=None, help="province column of --boundaries")
    p.add_argument("--lang", choices=["vi", "en"], default="vi")
    p.add_argument("--processed", type=Path, default=paths.PROCESSED)
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    from ntm_analysis.tables import load_tables

    try:
        layer = commune_layer(args.area, args.vintage, load_tables(args.processed))
    except (ValueError, FileNotFoundError) as err:
        print(f"ntm map: error: {err}")
        return 1
    if args.boundaries:
        try:
            layer, unmatched = attach_boundaries(
                layer, args.boundaries, args.vintage, args.name_col, args.province_col
            )
        except ValueError as err:
            print(f"ntm map: error: {err}")
            return 1
        for r in unmatched.itertuples():
            print(f"unmatched boundary: {r.commune!r} ({r.match_status}) {r.match_candidates}")
    elif args.cells:
        layer = layer.set_geometry(approximate_cells(layer))
    m = status_map(layer, args.area, args.lang, approximate=args.cells)
    save_map(m, args.out)
    print(f"{args.out}: {len(layer)} communes, {int((layer['tier'] != 'no_data').sum())} with data")
    return 0
