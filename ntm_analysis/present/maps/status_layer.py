"""The layer a status map draws: every commune-level unit of an area with its status.

`commune_layer` puts each unit at its official point (`places.geo`) with what
`analysis.status.unit_status` knows about it: latest tier, criteria met, unmet criteria,
criteria band, history and source. Units without any status are kept as "no data", never
dropped. `with_cells` swaps the points for approximate cells; `geo.attach_boundaries` for
polygons of a boundary file.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from ntm_analysis.analysis import status
from ntm_analysis.places import geo

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
_NUMBERS = ("area_km2", "year", "criteria_met", "criteria_total")


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
    known = status.unit_status(tables, vintage, lang).reindex(layer["unit_code"])
    known = known.set_axis(layer.index)
    for col in status.STATUS_COLUMNS:
        layer[col] = known[col]
    layer["tier_class"] = layer["tier_class"].astype("object").fillna(status.NO_DATA)
    for col in _NUMBERS[1:]:
        layer[col] = pd.to_numeric(layer[col], errors="coerce").astype("Int64")
    text = [c for c in LAYER_COLUMNS if c not in _NUMBERS]
    layer[text] = layer[text].astype("object").where(layer[text].notna(), "").astype(str)
    return layer[[*LAYER_COLUMNS, "geometry"]]


def with_cells(layer: gpd.GeoDataFrame, footprint: str = "discs") -> gpd.GeoDataFrame:
    """The layer drawn as approximate cells (`geo.approximate_cells`), marked as such."""
    out = layer.set_geometry(geo.approximate_cells(layer, footprint))
    out["geometry_kind"] = np.where(out.geometry.notna(), "cell", "point")
    return out


def coverage(layer: gpd.GeoDataFrame) -> dict[str, int]:
    """Counts the map states: units, with any data, with a tier, with a band, without position."""
    with_tier = layer["tier_class"].isin(status.TIER_RANK)
    with_band = layer["band"] != ""
    return {
        "units": len(layer),
        "with_data": int(((layer["tier_class"] != status.NO_DATA) | with_band).sum()),
        "with_tier": int(with_tier.sum()),
        "with_band": int(with_band.sum()),
        "no_position": int((layer.geometry.isna() | layer.geometry.is_empty).sum()),
        "with_predecessor_status": int((layer["predecessors"] != "").sum()),
    }


def default_view(layer: gpd.GeoDataFrame) -> str:
    """The view shown first: band where more units have a criteria band than a status, else tier."""
    cov = coverage(layer)
    with_status = int((layer["tier_class"] != status.NO_DATA).sum())
    return "band" if cov["with_band"] > with_status else "tier"
