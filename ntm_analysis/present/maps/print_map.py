"""The print map: a static matplotlib figure of a status layer for reports (PNG and SVG).

Units are coloured by tier or criteria band as on the HTML map, with the region outlines, a
legend that counts each class, unit names when there are few, and the house source line.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ntm_analysis.analysis import status
from ntm_analysis.lexicon import vocabulary
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps.classes import (
    REGION_OUTLINE,
    band_classes,
    class_color,
    class_label,
    text,
)
from ntm_analysis.present.maps.status_layer import coverage, default_view


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
        view: ``tier``, ``band`` or ``auto`` (as in `html_map.status_map`).
        annotate: Write unit names next to them; by default when there are at most 40 units.
    """
    view = default_view(layer) if view == "auto" else view
    placed = layer[~(layer.geometry.isna() | layer.geometry.is_empty)]
    annotate = len(placed) <= 40 if annotate is None else annotate
    fig, ax = charts.new_figure(16, _height_cm(placed))
    handles = _draw_regions(ax, placed, lang) + _draw_classes(ax, placed, view, lang)
    if annotate:
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
    ax.set_axis_off()
    ax.set_title(title)
    cov = coverage(layer)
    ax.legend(
        handles=list(reversed(handles)),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        title=text("by_band" if view == "band" else "by_tier", lang),
        title_fontproperties={"weight": "bold", "size": 9},
    )
    kind = (
        "cell"
        if (layer["geometry_kind"] == "cell").any()
        else ("boundary" if (layer["geometry_kind"] == "boundary").any() else "point")
    )
    note = text("units_with_data", lang, n=cov["with_data"], total=cov["units"])
    if kind != "boundary":
        note += " · " + text(kind, lang)
    sources = list(sources) or sorted({s for s in layer["source_id"] if s}) or ["gazetteer"]
    return charts.finish(fig, sources, vintage, lang, note=note)


def _draw_regions(ax: Axes, placed: gpd.GeoDataFrame, lang: str) -> list:
    """Dashed region outlines; returns their legend handles."""
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
    return handles


def _draw_classes(ax: Axes, placed: gpd.GeoDataFrame, view: str, lang: str) -> list:
    """Units class by class, grey ones first so coloured ones sit on top; legend handles."""
    is_point = placed.geometry.geom_type == "Point"
    key_col = "band" if view == "band" else "tier_class"
    keys = band_classes() if view == "band" else list(status.TIER_CLASSES)
    handles = []
    for key in reversed(keys):
        part = placed[placed[key_col] == key]
        if part.empty:
            continue
        color = class_color(view, key)
        label = f"{class_label(view, key, lang)} ({len(part)})"
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
    return handles


def _height_cm(placed: gpd.GeoDataFrame, width_cm: float = 16.0) -> float:
    """Figure height that fits the area's shape (the legend takes about a third of the width)."""
    if placed.empty:
        return 10.0
    minx, miny, maxx, maxy = placed.total_bounds
    ratio = (maxy - miny) / max((maxx - minx) * np.cos(np.radians((miny + maxy) / 2)), 1e-6)
    return float(np.clip(0.65 * width_cm * ratio + 3.0, 9.0, 24.0))
