"""Geometry of commune-level units for maps: official points, approximate cells, boundary files.

Owns where a commune is drawn, not what colour it gets (that is `maps`). Three sources, from
the most to the least exact:

* polygons from a boundary file the user supplies (GeoJSON, GPKG, shapefile), its features
  matched to gazetteer codes by code or through `matching.match_units` by name;
* the gazetteer's official reference point of each unit (`gazetteer.load_units`);
* approximate cells: Voronoi cells of those points, each clipped to a disc sized from the
  unit's 2025 area (or the spacing of its neighbours), or to its province's hull. They are a
  drawing aid, not boundaries, and every map that uses them must say so.

Areas are named as a province or district (``"Bắc Sơn"``, ``"Hải Phòng"``), optionally with its
province after a comma (``"Châu Thành, Tiền Giang"``), or several areas at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer

WGS84 = "EPSG:4326"
METRIC = "EPSG:32648"  # WGS 84 / UTM 48N: metres, good enough for schematic cells over Vietnam
GEOMETRY_KINDS = ("point", "cell", "boundary")
_TYPE_PREFIX = re.compile(r"^(tinh|thanh pho|tp|huyen|quan|thi xa|tx)\s+")
# Prefixes that name one level only ("thành phố" is a province or a district).
_PREFIX_LEVEL = {"tinh": "province", "huyen": "district", "quan": "district", "thi xa": "district"}
_PREFIX_LEVEL["tx"] = "district"
POINT_COLUMNS = [
    "unit_code",
    "name",
    "province",
    "district",
    "region",
    "area_km2",
    "geometry_kind",
]
AREA_COLUMNS = ["area", "level", "code", "name", "province_code", "province_name"]


class AmbiguousArea(ValueError):
    """An area name that names several provinces or districts; ``candidates`` lists them."""

    def __init__(self, area: str, candidates: list[str]) -> None:
        self.area, self.candidates = area, candidates
        super().__init__(
            f"{area!r} names {len(candidates)} areas: {'; '.join(candidates)}. "
            "Give one of them ('District, Province', or 'Tỉnh …' for a province)"
        )


def _bare(name: str) -> str:
    """Folded name without its unit-type word: "Thành phố Hải Phòng" -> "hai phong"."""
    return _TYPE_PREFIX.sub("", fold(name or "")).strip()


def _asked_level(name: str) -> str | None:
    m = _TYPE_PREFIX.match(fold(name or ""))
    return _PREFIX_LEVEL.get(m.group(1)) if m else None


def _candidates(units: pd.DataFrame, area: str) -> pd.DataFrame:
    """Provinces and districts ``area`` may name ("Name" or "District, Province")."""
    parts = [p.strip() for p in area.split(",")]
    level = _asked_level(parts[0])
    prov = units[units["level"] == "province"]
    dist = units[units["level"] == "district"]
    if len(parts) == 2:
        in_prov = prov.loc[prov["unit_name"].map(_bare) == _bare(parts[1]), "unit_code"]
        dist = dist[dist["province_code"].isin(in_prov)]
        prov = prov.iloc[0:0]
    if level == "district":
        prov = prov.iloc[0:0]
    elif level == "province":
        dist = dist.iloc[0:0]
    hit = pd.concat(
        [
            prov[prov["unit_name"].map(_bare) == _bare(parts[0])],
            dist[dist["unit_name"].map(_bare) == _bare(parts[0])],
        ]
    )
    # A district inside a province of the same name (Thành phố Hải Dương) is part of it.
    inside = (hit["level"] == "district") & hit["province_code"].isin(
        hit.loc[hit["level"] == "province", "unit_code"]
    )
    return hit[~inside]


def resolve_areas(area: str | Sequence[str], vintage: str = "legacy") -> pd.DataFrame:
    """The provinces and districts named by ``area`` (one name or several), one row each.

    A name is a province or a district (``"Bắc Sơn"``, ``"Hải Phòng"``), optionally with its
    province after a comma (``"Châu Thành, Tiền Giang"``) or with its type word to pick a level
    (``"Tỉnh Hòa Bình"``). ``""`` is the whole country (level ``country``). Columns
    `AREA_COLUMNS`.

    Raises:
        AmbiguousArea: a name matches several areas (``"Châu Thành"`` names ten districts);
            the message lists them as the user would write them.
        ValueError: a name matches nothing in the vintage.
    """
    units = gazetteer.load_units(vintage)
    rows = []
    for a in [area] if isinstance(area, str) else list(area):
        if _bare(a.split(",")[0]) == "":
            rows.append((a, "country", "", "Việt Nam", "", ""))
            continue
        hit = _candidates(units, a)
        if hit.empty:
            raise ValueError(
                f"no province or district of the {vintage} gazetteer is named {a!r} "
                "(give a province or district name, or 'District, Province')"
            )
        if len(hit) > 1:
            raise AmbiguousArea(a, [_written(r) for r in hit.itertuples()])
        r = hit.iloc[0]
        rows.append(
            (a, r["level"], r["unit_code"], r["unit_name"], r["province_code"], r["province_name"])
        )
    return pd.DataFrame(rows, columns=AREA_COLUMNS)


def _written(r: object) -> str:
    """How a user names a candidate area unambiguously."""
    if r.level == "province":
        return str(r.unit_name)
    short = str(r.unit_name_short or _bare(r.unit_name))
    return f"{short}, {_short_province(str(r.province_name))}"


def _short_province(name: str) -> str:
    return re.sub(r"^(Tỉnh|Thành phố)\s+", "", name)


def select_communes(area: str | Sequence[str], vintage: str = "legacy") -> pd.DataFrame:
    """Commune-level gazetteer rows of one or more areas (see `resolve_areas`).

    Raises AmbiguousArea for a name that names several areas, ValueError for one that names
    none.
    """
    units = gazetteer.load_units(vintage)
    comm = units[units["level"] == "commune"]
    keep = pd.Series(False, index=comm.index)
    for r in resolve_areas(area, vintage).itertuples():
        if r.level == "country":
            keep[:] = True
        elif r.level == "province":
            keep |= comm["province_code"] == r.code
        else:
            keep |= comm["parent_code"] == r.code
    return comm[keep]


def successor_provinces(area: str | Sequence[str]) -> list[str]:
    """The 2025 provinces the legacy communes of ``area`` went into (where most of each went).

    >>> successor_provinces(["Hải Phòng", "Hải Dương"])
    ['Thành phố Hải Phòng']
    """
    codes = select_communes(area, "legacy")["unit_code"]
    cw = gazetteer.load_crosswalk()
    cw = cw[cw["legacy_code"].isin(codes) & (~cw["is_split"] | cw["is_main"].fillna(False))]
    new = gazetteer.load_units("2025")
    names = new.loc[new["unit_code"].isin(cw["code_2025"]), "province_name"].dropna()
    return sorted(set(names))


def commune_points(area: str | Sequence[str], vintage: str = "legacy") -> gpd.GeoDataFrame:
    """The communes of ``area`` at the gazetteer's official points (EPSG:4326).

    Columns: `POINT_COLUMNS` and geometry. Units without coordinates keep an empty geometry
    (they are still listed, and drawn nowhere; `maps` reports them).
    """
    sel = select_communes(area, vintage)
    out = pd.DataFrame(
        {
            "unit_code": sel["unit_code"].astype(str).to_numpy(),
            "name": sel["unit_name"].astype(str).to_numpy(),
            "province": sel["province_name"].fillna("").astype(str).to_numpy(),
            "district": sel["district_name"].fillna("").astype(str).to_numpy(),
            "region": sel["region"].fillna("").astype(str).to_numpy(),
            "area_km2": pd.to_numeric(sel["area_km2"], errors="coerce").to_numpy(dtype=float),
            "geometry_kind": "point",
        }
    )
    lon = pd.to_numeric(sel["lon"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(sel["lat"], errors="coerce").to_numpy(dtype=float)
    geom = shapely.points(np.column_stack([lon, lat]))
    geom[np.isnan(lon) | np.isnan(lat)] = None
    return gpd.GeoDataFrame(out, geometry=geom, crs=WGS84)


def _spread_duplicates(xy: np.ndarray, step_m: float = 150.0) -> np.ndarray:
    """Move points that share coordinates apart on a small circle (Voronoi needs distinct sites)."""
    out = xy.copy()
    _, _first, inverse, counts = np.unique(
        np.round(xy, 1), axis=0, return_index=True, return_inverse=True, return_counts=True
    )
    for group in np.flatnonzero(counts > 1):
        members = np.flatnonzero(inverse.ravel() == group)
        angles = np.linspace(0, 2 * np.pi, len(members), endpoint=False)
        out[members, 0] += step_m * np.cos(angles)
        out[members, 1] += step_m * np.sin(angles)
    return out


def _radii_m(xy: np.ndarray, area_km2: np.ndarray, scale: float) -> np.ndarray:
    """Clip radius per point: from the unit's area where known, else from neighbour spacing."""
    if len(xy) == 1:
        spacing = np.array([3000.0])
    else:
        tree = shapely.STRtree(shapely.points(xy))
        nearest = tree.query_nearest(shapely.points(xy), exclusive=True, all_matches=False)
        spacing = np.linalg.norm(xy[nearest[0]] - xy[nearest[1]], axis=1)
        spacing = np.bincount(nearest[0], weights=spacing, minlength=len(xy)) / np.maximum(
            np.bincount(nearest[0], minlength=len(xy)), 1
        )
    med = float(np.median(spacing)) if len(spacing) else 3000.0
    from_spacing = np.clip(spacing, 0.5 * med, 2.0 * med)
    from_area = np.sqrt(np.where(area_km2 > 0, area_km2, np.nan) * 1e6 / np.pi)
    return scale * np.where(np.isnan(from_area), from_spacing, from_area)


def approximate_cells(
    points: gpd.GeoDataFrame,
    footprint: str = "discs",
    scale: float = 1.6,
    quad_segs: int = 4,
    simplify_m: float = 60.0,
) -> gpd.GeoSeries:
    """Voronoi cells of the points, each clipped to a footprint; the result is approximate.

    Args:
        points: Units with point geometry (`commune_points`); ``area_km2`` is used when known.
        footprint: ``discs`` clips each cell to a disc around its point whose radius is
            ``scale`` times the radius of a circle of the unit's area (2025 vintage) or, where no
            area is known, the distance to its nearest neighbour (bounded to 0.5–2x the median);
            ``hull`` clips to the convex hull of the unit's province, buffered by the median
            spacing.
        scale: Radius multiplier for ``discs``.
        quad_segs: Segments per quarter circle of the discs (fewer = smaller HTML).
        simplify_m: Tolerance of the simplification of each cell (60 m: invisible at commune
            scale, a third fewer vertices in the HTML); 0 keeps cells that tile exactly.

    Returns:
        Polygons aligned with ``points`` (EPSG:4326); units without a point get None.
    """
    if footprint not in ("discs", "hull"):
        raise ValueError(f"footprint must be 'discs' or 'hull', not {footprint!r}")
    has = ~(points.geometry.isna() | points.geometry.is_empty).to_numpy()
    out = gpd.GeoSeries([None] * len(points), index=points.index, crs=points.crs)
    if not has.any():
        return out
    proj = points[has].to_crs(METRIC)
    xy = _spread_duplicates(shapely.get_coordinates(proj.geometry.to_numpy()))
    sites = shapely.points(xy)
    area = (
        proj["area_km2"].to_numpy(dtype=float) if "area_km2" in proj else np.full(len(xy), np.nan)
    )
    radii = _radii_m(xy, area, scale)
    if footprint == "discs":
        clip = shapely.buffer(sites, radii, quad_segs=quad_segs)
    else:
        med = float(np.median(radii))
        prov = proj["province"].to_numpy() if "province" in proj else np.zeros(len(xy))
        hulls = {
            p: shapely.buffer(
                shapely.convex_hull(shapely.multipoints(xy[prov == p])), med, quad_segs=2
            )
            for p in pd.unique(prov)
        }
        clip = np.array([hulls[p] for p in prov], dtype=object)
    if len(xy) == 1:
        cells = np.array([clip[0]], dtype=object)
    else:
        env = shapely.box(*shapely.total_bounds(clip)).buffer(1.0)
        regions = shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=env, ordered=True)
        cells = shapely.intersection(np.asarray(shapely.get_parts(regions), dtype=object), clip)
    if simplify_m:
        cells = shapely.simplify(cells, simplify_m)
    cells = gpd.GeoSeries(cells, crs=METRIC).to_crs(points.crs)
    out[has] = cells.to_numpy()
    return out


def _fill_holes(shape: shapely.Geometry, others: list[shapely.Geometry]) -> shapely.Geometry:
    """``shape`` without the holes that no other region's shape reaches into."""
    parts = getattr(shape, "geoms", [shape])
    filled = []
    for part in parts:
        keep = [
            ring
            for ring in part.interiors
            if any(shapely.Polygon(ring).intersects(o) for o in others)
        ]
        filled.append(shapely.Polygon(part.exterior, keep))
    return shapely.union_all(filled)


def _point_regions(placed: gpd.GeoDataFrame, scale: float) -> gpd.GeoDataFrame:
    """Regions of point units: their Voronoi cells merged per region, then clipped to the
    union of discs around the points (one clip for all, so the regions stay disjoint)."""
    proj = placed.to_crs(METRIC)
    xy = _spread_duplicates(shapely.get_coordinates(proj.geometry.to_numpy()))
    area = (
        proj["area_km2"].to_numpy(dtype=float) if "area_km2" in proj else np.full(len(xy), np.nan)
    )
    discs = shapely.buffer(shapely.points(xy), _radii_m(xy, area, scale), quad_segs=4)
    clip = shapely.union_all(discs)
    if len(xy) == 1:
        cells = np.array([clip], dtype=object)
    else:
        env = shapely.box(*shapely.total_bounds(discs)).buffer(1.0)
        sites = shapely.multipoints(xy)
        regions = shapely.voronoi_polygons(sites, extend_to=env, ordered=True)
        cells = np.asarray(shapely.get_parts(regions), dtype=object)
    cells = gpd.GeoDataFrame({"region": proj["region"].to_numpy()}, geometry=cells, crs=METRIC)
    merged = cells.dissolve(by="region", as_index=False)
    merged["geometry"] = shapely.intersection(merged.geometry.to_numpy(), clip)
    return merged.to_crs(placed.crs)


def _fill_holes(shape: shapely.Geometry, others: list[shapely.Geometry]) -> shapely.Geometry:
    """``shape`` without the holes that no other region's shape reaches into."""
    filled = []
    for part in getattr(shape, "geoms", [shape]):
        keep = [r for r in part.interiors if any(shapely.Polygon(r).intersects(o) for o in others)]
        filled.append(shapely.Polygon(part.exterior, keep))
    return shapely.union_all(filled)


def region_outlines(layer: gpd.GeoDataFrame, scale: float = 3.0) -> gpd.GeoDataFrame:
    """One outline per non-blank ``region`` value, merged from the region's own units.

    Polygons (cells or boundaries) are merged as they are. Points get their Voronoi cells
    (computed over all units together) merged per region and clipped to discs of ``scale``
    times the usual cell radius (`approximate_cells`), so the outlines of two regions meet
    along shared edges and never overlap, and a far island keeps its own outline. Holes no
    other region reaches into are filled. The outlines are as approximate as their cells.
    """
    cols = ["region", "geometry"]
    placed = layer[~(layer.geometry.isna() | layer.geometry.is_empty)]
    if placed.empty or not (placed["region"] != "").any():
        return gpd.GeoDataFrame(columns=cols, geometry="geometry", crs=layer.crs)
    if (placed.geometry.geom_type == "Point").any():
        out = _point_regions(placed, scale)
    else:
        out = placed[["region", "geometry"]].dissolve(by="region", as_index=False)
    out = out[out["region"] != ""].reset_index(drop=True)
    geoms = list(out.geometry)
    out["geometry"] = [
        _fill_holes(g, [o for j, o in enumerate(geoms) if j != i]) for i, g in enumerate(geoms)
    ]
    # simplified together, so that shared edges stay shared (no gap, no overlap)
    out["geometry"] = shapely.coverage_simplify(out.geometry.to_numpy(), 0.001)
    return out[cols]


def read_boundaries(path: Path, simplify_deg: float = 0.0002) -> gpd.GeoDataFrame:
    """Read a boundary file (GeoJSON, GPKG, shapefile) into EPSG:4326, lightly simplified.

    A file without a CRS is taken to be longitude/latitude. ``simplify_deg`` (about 20 m by
    default) keeps the HTML small; 0 keeps every vertex.
    """
    try:
        shapes = gpd.read_file(path)
    except Exception as err:  # pyogrio raises several types for unreadable files
        raise ValueError(f"{path}: cannot read boundaries ({err})") from err
    shapes = shapes.set_crs(WGS84) if shapes.crs is None else shapes.to_crs(WGS84)
    shapes = shapes[shapes.geometry.notna() & ~shapes.geometry.is_empty].copy()
    if simplify_deg:
        shapes["geometry"] = shapes.geometry.simplify(simplify_deg, preserve_topology=True)
    return shapes.reset_index(drop=True)


def _match_by_name(
    shapes: gpd.GeoDataFrame,
    layer: gpd.GeoDataFrame,
    vintage: str,
    name_col: str,
    province_col: str | None,
    district_col: str | None,
) -> pd.DataFrame:
    """Gazetteer codes of the features, matched by name within their (or the layer's) provinces.

    Without a province column every province of the layer is tried; one exact answer (else one
    fuzzy answer) among them wins. Returns unit_code (None when unresolved), match_status and
    match_candidates ("code:name|…", from the matcher, for the next step and the report).
    """
    from ntm_analysis.places.matching import match_units

    names = shapes[name_col].astype("string").fillna("")
    if province_col:
        query = pd.DataFrame(
            {"feature": shapes.index, "province": shapes[province_col], "commune": names}
        )
    else:
        provinces = pd.unique(layer["province"])
        query = pd.DataFrame(
            [(i, p, n) for p in provinces for i, n in zip(shapes.index, names, strict=True)],
            columns=["feature", "province", "commune"],
        )
    if district_col:
        query["district"] = query["feature"].map(shapes[district_col])
    matched = match_units(query, vintage=vintage)
    matched["in_layer"] = matched["ward_code"].isin(layer["unit_code"])
    rows = []
    for feature, group in matched.groupby("feature", sort=False):
        good = group[group["in_layer"]]
        exact = pd.unique(good.loc[good["match_status"] == "exact", "ward_code"])
        fuzzy = pd.unique(good.loc[good["match_status"] == "fuzzy", "ward_code"])
        ambiguous = (group["match_status"] == "ambiguous").any()
        # A fuzzy answer in one province does not beat an ambiguous one in another.
        pick = exact if len(exact) else ([] if ambiguous else fuzzy)
        cands = [c for c in group["match_candidates"].dropna() if c]
        if len(pick) != 1:
            cands += [f"{c}:" for c in (*exact, *fuzzy)]
        if len(pick) == 1:
            status = "exact" if len(exact) else "fuzzy"
        elif len(pick) > 1 or ambiguous:
            status = "ambiguous"
        else:
            order = ["ambiguous", "fuzzy", "exact", "unmatched"]
            seen = [s for s in order if s in set(group["match_status"])]
            status = seen[0] if seen else "unmatched"
            if status in ("exact", "fuzzy"):
                status = "outside the area"
        rows.append(
            {
                "feature": feature,
                "unit_code": pick[0] if len(pick) == 1 else None,
                "match_status": status,
                "match_candidates": "|".join(cands),
            }
        )
    return pd.DataFrame(rows).set_index("feature").reindex(shapes.index)


def _resolve_by_location(
    res: pd.DataFrame, shapes: gpd.GeoDataFrame, layer: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Settle ambiguous name matches by position: the one candidate whose point is inside."""
    open_ = res["unit_code"].isna() & (res["match_status"] == "ambiguous")
    if not open_.any():
        return res
    inside = gpd.sjoin(
        gpd.GeoDataFrame(geometry=shapes.geometry[open_]),
        layer[["unit_code", "geometry"]],
        predicate="contains",
    )
    inside_codes = inside.groupby(level=0)["unit_code"].agg(set)
    out = res.copy()
    for i, codes in inside_codes.items():
        cands = {c.split(":", 1)[0] for c in str(res.at[i, "match_candidates"]).split("|") if c}
        hit = cands & codes
        if len(hit) == 1:
            out.at[i, "unit_code"] = hit.pop()
            out.at[i, "match_status"] = f"{res.at[i, 'match_status']}, settled by location"
    return out


def _settle_duplicates(
    res: pd.DataFrame, shapes: gpd.GeoDataFrame, layer: gpd.GeoDataFrame
) -> pd.DataFrame:
    """A unit claimed by several features goes to the one containing its point (else the first)."""
    out = res.copy()
    out["unit_code"] = out["unit_code"].astype("object")
    dup = out["unit_code"].notna() & out["unit_code"].duplicated(keep=False)
    points = layer.set_index("unit_code").geometry
    for code, group in out[dup].groupby("unit_code"):
        inside = [i for i in group.index if shapes.geometry[i].contains(points.get(code))]
        keep = inside[0] if len(inside) == 1 else group.index[0]
        for i in group.index.drop(keep):
            out.at[i, "unit_code"] = None
            out.at[i, "match_status"] = "unit claimed by another feature"
    return out


def attach_boundaries(
    layer: gpd.GeoDataFrame,
    path: Path,
    vintage: str,
    name_col: str = "name",
    province_col: str | None = None,
    district_col: str | None = None,
    code_col: str | None = None,
    simplify_deg: float = 0.0002,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Replace points by the polygons of a boundary file, matched to the layer's units.

    Features are matched by ``code_col`` (official codes of ``vintage``) when given, else by
    name through the gazetteer (`matching.match_units`), within the file's province column or,
    without one, within each province of the layer; a name the gazetteer finds several times
    (same name in two districts) is settled by which candidate's point the polygon contains.
    A unit claimed by two features keeps the first. Units without a polygon keep their point.

    Returns:
        The layer (``geometry_kind`` = "boundary" where a polygon was attached) and the
        features that matched no unit of the layer: ``feature`` (name), ``match_status``,
        ``match_candidates`` and ``contains`` (layer units whose points fall inside, a hint).
    """
    shapes = read_boundaries(path, simplify_deg)
    for col in (name_col, province_col, district_col, code_col):
        if col and col not in shapes.columns:
            raise ValueError(f"{path}: no column {col!r} (columns: {list(shapes.columns)})")
    if code_col:
        codes = shapes[code_col].astype("string").str.strip().str.zfill(5)
        res = pd.DataFrame(
            {
                "unit_code": codes.where(codes.isin(layer["unit_code"])),
                "match_status": "ok",
                "match_candidates": "",
            }
        )
        res.loc[res["unit_code"].isna(), "match_status"] = "unknown code"
    else:
        res = _match_by_name(shapes, layer, vintage, name_col, province_col, district_col)
        res = _resolve_by_location(res, shapes, layer)
    res = _settle_duplicates(res, shapes, layer)
    claimed = res["unit_code"].notna()
    polygons = dict(zip(res.loc[claimed, "unit_code"], shapes.geometry[claimed], strict=True))
    out = layer.copy()
    has = out["unit_code"].isin(polygons)
    out.loc[has, "geometry"] = out.loc[has, "unit_code"].map(polygons)
    out.loc[has, "geometry_kind"] = "boundary"
    miss = shapes[~claimed]
    hint = gpd.sjoin(
        gpd.GeoDataFrame(geometry=miss.geometry), layer[["name", "geometry"]], predicate="contains"
    )
    contains = hint.groupby(level=0)["name"].agg("; ".join)
    unmatched = pd.DataFrame(
        {
            "feature": miss[name_col].astype("string") if name_col in miss else miss.index,
            "match_status": res.loc[~claimed, "match_status"],
            "match_candidates": res.loc[~claimed, "match_candidates"].fillna(""),
            "contains": contains.reindex(miss.index).fillna(""),
        }
    )
    return out, unmatched.reset_index(drop=True)
