"""The print map: a static matplotlib figure of a status layer for reports (PNG and SVG).

Units are coloured by tier or criteria band as on the HTML map; what a tier rests on shows in
the outline (hatched for an area-wide statement, dotted hatching for former communes); units
outside the programme are white with a grey rim. Region outlines are merged from the units'
own cells. The legend counts each class (per region where there are regions), the subtitle
gives the data date, and the footer cites the sources as documents, never as internal ids.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ntm_analysis.lexicon import formats, vocabulary
from ntm_analysis.places import gazetteer, geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps.classes import (
    PRINT_STROKE,
    REGION_OUTLINE,
    band_classes,
    class_color,
    class_label,
    class_style,
    date_line,
    date_notes,
    region_count,
    text,
    tier_keys,
)
from ntm_analysis.present.maps.status_layer import (
    MapContext,
    coverage,
    default_view,
    predecessor_groups,
)

_APART = ("out_of_programme", "scope_unknown")


def static_map(
    layer: gpd.GeoDataFrame,
    title: str,
    sources: Sequence[str],
    vintage: str,
    lang: str = "vi",
    view: str = "auto",
    annotate: bool | None = None,
    context: MapContext | None = None,
) -> Figure:
    """A print map: units coloured by tier or band, region outlines, a legend table that counts
    each class (per region where there are regions), the data date and the sources.

    Args:
        layer: From `commune_layer` (points, cells or polygons).
        title: Figure title.
        sources: Source ids for the footer (cited as documents); by default those of
            ``context``, else the layer's own, else the gazetteer's.
        vintage: Admin vintage named in the footer.
        lang: ``vi`` or ``en``.
        view: ``tier``, ``band`` or ``auto`` (as in `html_map.status_map`).
        annotate: Write unit names next to them; by default when there are at most 40 units.
        context: Data date, area-wide figures and sources (`status_layer.map_context`).
    """
    ctx = context or MapContext()
    view = default_view(layer) if view == "auto" else view
    placed = layer[~(layer.geometry.isna() | layer.geometry.is_empty)]
    annotate = len(placed) <= 40 if annotate is None else annotate
    rows = _legend_rows(placed, view, lang)
    notes = _notes(layer, ctx, lang)
    map_h = _height_cm(placed)
    n_share = len(ctx.region_shares) + 1 if ctx.region_shares else 0
    n_share += len(predecessor_groups(placed, lang)) + 1
    legend_h = 0.5 * (len(rows) + 2 + n_share) + 0.42 * sum(1 + len(n) // 110 for n in notes)
    fig = charts.new_figure(16, map_h + legend_h)[0]
    fig.clear()
    grid = fig.add_gridspec(2, 1, height_ratios=[map_h, legend_h])
    ax, key_ax = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    _draw_regions(ax, placed)
    for key, part, kview in _parts(placed, view):
        _draw_part(ax, part, key, kview)
    if annotate:
        _annotate(ax, placed)
    ax.set_axis_off()
    mid_lat = (placed.total_bounds[1] + placed.total_bounds[3]) / 2 if len(placed) else 16.0
    ax.set_aspect(1 / np.cos(np.radians(mid_lat)))
    if len(placed):
        _scale_bar(ax, mid_lat, lang)
    ax.set_title(_subtitle(title, ctx, lang))
    _legend_table(key_ax, rows, placed, view, lang, notes, ctx)
    ids = list(sources) or ctx.source_ids or sorted({s for s in layer["source_id"] if s})
    ids = ids or [gazetteer.source_id_of(vintage)]
    table = ctx.source_table
    if table is None and not sources:  # the layer's own ids: cite from the layer's tables
        table = layer.attrs.get("sources")
    return charts.finish(fig, ids, vintage, lang, table=table)


def _notes(layer: gpd.GeoDataFrame, ctx: MapContext, lang: str) -> list[str]:
    cov = coverage(layer)
    notes = [
        *date_notes(ctx, lang),
        text("in_programme", lang, n=cov["in_programme"], out=cov["outside"])
        + " · "
        + text("units_with_data", lang, n=cov["with_data"], total=cov["in_programme"]),
    ]
    if ctx.area_lines:
        notes.append(f"{text('area_applied', lang)} {'; '.join(ctx.area_lines)}")
    if ctx.share_lines:
        notes.append(f"{text('area_' + ctx.shares_kind, lang)} {'; '.join(ctx.share_lines)}")
    if ctx.region_shares:
        notes.append(text("region_shares_note", lang))
    if ctx.implied_note:
        notes.append(ctx.implied_note)
    if ctx.rule:
        notes.append(text("rule", lang, rule=ctx.rule))
    if not (layer["geometry_kind"] == "boundary").any():
        kind = "cell" if (layer["geometry_kind"] == "cell").any() else "point"
        regions = (layer["region"] != "").any()
        notes.append(text(kind, lang) + (" · " + text("region_layer", lang) if regions else ""))
    return notes


_KM_PER_DEGREE = 111.32  # along the equator, and along a meridian at any latitude


def scale_length(width_km: float) -> float:
    """A round length for a scale bar about a fifth of a map ``width_km`` wide.

    >>> scale_length(120), scale_length(40), scale_length(3)
    (20, 5, 0.5)
    """
    target = max(width_km / 5, 0.05)
    steps = [m * 10**e for e in range(-2, 4) for m in (1, 2, 5)]
    return max(s for s in steps if s <= target)


def _scale_bar(ax: Axes, mid_lat: float, lang: str) -> None:
    """A scale bar in kilometres at the lower right of the map (longitude degrees scaled by
    the latitude of the map's middle, as its aspect is)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    km_per_deg = _KM_PER_DEGREE * float(np.cos(np.radians(mid_lat)))
    length = scale_length((x1 - x0) * km_per_deg)
    dx = length / km_per_deg
    x_end, y = x1 - 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([x_end - dx, x_end], [y, y], color="#222", linewidth=2.5, solid_capstyle="butt")
    label = f"{formats.number(length, lang)} km"
    ax.annotate(
        label,
        (x_end - dx / 2, y),
        xytext=(0, 4),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8,
        color="#222",
    )


def _subtitle(title: str, ctx: MapContext, lang: str) -> str:
    dates = date_line(ctx, lang)
    return f"{title}\n{dates}" if dates else title


def _annotate(ax: Axes, placed: gpd.GeoDataFrame) -> None:
    for geom, name in zip(placed.geometry, placed["name"], strict=True):
        p = geom if geom.geom_type == "Point" else geom.representative_point()
        ax.annotate(
            vocabulary.strip_unit_type(name, "commune"),
            (p.x, p.y),
            xytext=(4, 3),
            textcoords="offset points",
            fontsize=6.5,
            color="#222222",
        )


def _draw_regions(ax: Axes, placed: gpd.GeoDataFrame) -> None:
    """Region outlines merged from the units' own cells."""
    for region, shape in geo.region_outlines(placed).itertuples(index=False):
        color = REGION_OUTLINE.get(region, "#555")
        gpd.GeoSeries([shape], crs=placed.crs).boundary.plot(
            ax=ax, color=color, linewidth=1.6, zorder=1
        )


def _parts(placed: gpd.GeoDataFrame, view: str):
    """(class, its units, the view its colours come from), grey and apart ones first."""
    keys = [*band_classes(), *_APART] if view == "band" else tier_keys(placed)
    for key in reversed(keys):
        if key in _APART:
            yield key, placed[placed["draw_key"] == key], "tier"
        elif view == "band":
            inside = ~placed["draw_key"].isin(_APART)
            yield key, placed[(placed["band"] == key) & inside], view
        else:
            yield key, placed[placed["draw_key"] == key], view


def _draw_part(ax: Axes, part: gpd.GeoDataFrame, key: str, view: str) -> None:
    if part.empty:
        return
    color, stroke = class_color(view, key), PRINT_STROKE[class_style(view, key)]
    is_point = part.geometry.geom_type == "Point"
    if (~is_point).any():
        part[~is_point].plot(ax=ax, color=color, zorder=2, **stroke)
    if is_point.any():
        size = 10 if key in _APART else 26
        part[is_point].plot(ax=ax, color=color, markersize=size, zorder=3, **stroke)


def _legend_rows(placed: gpd.GeoDataFrame, view: str, lang: str) -> list[tuple]:
    """(label, colour, stroke, units) per class drawn, best first."""
    rows = []
    for key, part, kview in reversed(list(_parts(placed, view))):
        if part.empty:
            continue
        stroke = PRINT_STROKE[class_style(kview, key)]
        label, color = class_label(kview, key, lang), class_color(kview, key)
        rows.append((label, color, stroke, part, kview, key))
    return rows


def _legend_table(
    ax: Axes,
    rows: list[tuple],
    placed: gpd.GeoDataFrame,
    view: str,
    lang: str,
    notes: list[str],
    ctx: MapContext,
) -> None:
    """The legend as a table: swatch, class, a count per region and the total; the area-wide
    figures per region; then the notes."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    regions = [r for r in ("East", "West") if (placed["region"] == r).any()]
    cols = [charts.label(r.lower(), lang).split(" (")[0] for r in regions] + [text("total", lang)]
    n_share = len(ctx.region_shares) + 1 if ctx.region_shares else 0
    groups_n = len(predecessor_groups(placed, lang))
    n_share += groups_n + 1 if groups_n else 0
    n_lines = len(rows) + 2 + n_share + sum(1 + len(n) // 110 for n in notes)
    dy = 1 / max(n_lines, 1)
    y = 1 - dy / 2
    head = text("by_band" if view == "band" else "by_tier", lang)
    ax.text(0.0, y, head, fontsize=8, fontweight="bold", va="center")
    xs = [0.99 - 0.12 * (len(cols) - 1 - i) for i in range(len(cols))]
    for x, c in zip(xs, cols, strict=True):
        ax.text(x, y, c, fontsize=7.5, fontweight="bold", ha="right", va="center")
    for r_i, region in enumerate(regions):
        ax.plot([xs[r_i] - 0.08, xs[r_i]], [y - dy * 0.45] * 2, color=REGION_OUTLINE[region])
    for label, color, stroke, part, kview, key in rows:
        y -= dy
        ax.add_patch(Rectangle((0.0, y - dy * 0.32), 0.022, dy * 0.64, facecolor=color, **stroke))
        ax.text(0.03, y, label, fontsize=7.5, va="center")
        counts = [region_count(placed, part, kview, key, r, lang) for r in regions]
        for x, n in zip(xs, [*counts, len(part)], strict=True):
            shown = n if isinstance(n, str) else formats.number(n, lang, 0)
            ax.text(x, y, shown, fontsize=7.5, ha="right", va="center")
    groups = predecessor_groups(placed, lang)
    if groups:
        y -= dy
        ax.text(0.0, y, text("predecessors", lang), fontsize=8, fontweight="bold", va="center")
        for label, part in groups:
            y -= dy
            ax.text(0.03, y, label, fontsize=7.5, va="center")
            counts = [int((part["region"] == r).sum()) for r in regions] + [len(part)]
            for x, n in zip(xs, counts, strict=True):
                ax.text(x, y, formats.number(n, lang, 0), fontsize=7.5, ha="right", va="center")
    if ctx.region_shares:
        y -= dy
        head = text("region_" + ctx.region_kind, lang)
        ax.text(0.0, y, head, fontsize=8, fontweight="bold", va="center")
        wide = [0.99 - 0.37 * (len(regions) - 1 - i) for i in range(len(regions))]
        for x, c in zip(wide, cols, strict=False):
            ax.text(x, y, c, fontsize=7.5, fontweight="bold", ha="right", va="center")
        for tier, cells in ctx.region_shares:
            y -= dy
            ax.text(0.03, y, tier, fontsize=7.5, va="center")
            for x, region in zip(wide, regions, strict=True):
                ax.text(x, y, cells.get(region, "–"), fontsize=7.5, ha="right", va="center")
    y -= dy
    for note in notes:
        lines = 1 + len(note) // 110
        y -= dy * lines
        ax.text(
            0.0, y + dy * (lines - 1) / 2, note, fontsize=7, color="#444444", va="center", wrap=True
        )


def _height_cm(placed: gpd.GeoDataFrame, width_cm: float = 16.0) -> float:
    """Figure height that fits the area's shape (the legend takes about a third of the width)."""
    if placed.empty:
        return 10.0
    minx, miny, maxx, maxy = placed.total_bounds
    ratio = (maxy - miny) / max((maxx - minx) * np.cos(np.radians((miny + maxy) / 2)), 1e-6)
    return float(np.clip(0.65 * width_cm * ratio + 3.0, 9.0, 24.0))
