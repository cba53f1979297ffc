"""The layer a status map draws: every commune-level unit of an area with its status, and what
the map says around it (data date, area-wide figures, sources, the merged-commune rule).

`commune_layer` puts each unit at its official point (`places.geo`) with its row of
`analysis.status.status_table` (the same table ``ntm status`` writes): whether it is in the
programme, its tier and what that rests on, criteria, band, history and source. Units without
any status are kept as "no data"; units outside the programme are kept and drawn apart.
`with_cells` swaps the points for approximate cells; `geo.attach_boundaries` for polygons of a
boundary file. `map_context` gathers the texts the legend and the print map need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from ntm_analysis.analysis import inheritance, status
from ntm_analysis.analysis.status_terms import at_least, inline, tier_label, when
from ntm_analysis.lexicon import formats
from ntm_analysis.places import geo
from ntm_analysis.present.sentences import COMPUTED

STATUS_FIELDS = [c for c in status.STATUS_TABLE_COLUMNS if c not in ("unit_name",)]
_NUMBERS = (
    "area_km2",
    "criteria_met",
    "criteria_total",
    "predecessors_known",
    "predecessors_in_programme",
)
STYLES = ("stated", "area_statement", "predecessors", "plain")
# The last day of the legacy units: from 1 Jul 2025 the 2025 units replace them.
LEGACY_LAST_DAY = pd.Timestamp("2025-06-30")


def draw_key(row: pd.Series | dict) -> str:
    """The class a unit is drawn in: ``<tier>|<basis>`` for a tier (its colour, and solid,
    ringed or dotted by what it rests on), ``pred|<tier>`` / ``pred|mixed`` for a 2025 unit
    known only through its former communes, else the status class."""
    cls = row["status_class"]
    if cls in status.TIER_RANK:
        return f"{cls}|{row['basis']}"
    if cls == status.PREDECESSORS:
        floor = row.get("predecessor_floor")
        mixed = inheritance.mixed(pd.Series(row)) or not isinstance(floor, str)
        return "pred|mixed" if mixed else f"pred|{floor}"
    return str(cls)


def style_of(key: str) -> str:
    """How a class is outlined: ``stated`` (solid), ``area_statement`` (ringed),
    ``predecessors`` (dotted) or ``plain``."""
    if key.startswith("pred|"):
        return "predecessors"
    if "|" in key:
        return key.split("|", 1)[1] if key.split("|", 1)[1] in STYLES else "stated"
    return "plain"


def commune_layer(
    area: str | Sequence[str],
    vintage: str = "legacy",
    tables: dict[str, pd.DataFrame] | None = None,
    lang: str = "vi",
    as_of: object = None,
) -> gpd.GeoDataFrame:
    """Every commune-level unit of ``area`` at its official point, with its status.

    Args:
        area: Province or district name(s) (`geo.resolve_areas`; an ambiguous name raises
            `geo.AmbiguousArea`); "" for the whole country.
        vintage: ``legacy`` or ``2025``: the unit set, and the codes status rows must carry.
        tables: The processed tables (`tables.load_tables`); None or missing tables mean no
            status data, and every unit in the programme is "no_data".
        lang: Language of the texts.
        as_of: Status date (ISO); None = every record.

    Returns:
        A GeoDataFrame with `geo.POINT_COLUMNS`, the status table's columns and ``draw_key``;
        text columns are "" when unknown.
    """
    layer = geo.commune_points(area, vintage)
    table = status.status_table(tables, area, vintage, as_of, lang).set_index("unit_code")
    known = table.reindex(layer["unit_code"]).set_axis(layer.index)
    for col in STATUS_FIELDS:
        if col != "unit_code":
            layer[col] = known[col]
    layer["in_programme"] = layer["in_programme"].astype("boolean")
    for col in _NUMBERS[1:]:
        layer[col] = pd.to_numeric(layer[col], errors="coerce").astype("Int64")
    text = [c for c in STATUS_FIELDS if c not in (*_NUMBERS, "in_programme", "unit_code")]
    layer[text] = layer[text].astype("object").where(layer[text].notna(), "").astype(str)
    layer["draw_key"] = [draw_key(r) for r in layer.to_dict("records")]
    layer["area_tiers"] = _area_tiers(layer, tables, area, vintage, as_of)
    if tables and tables.get("sources") is not None:
        layer.attrs["sources"] = tables["sources"]  # what its source ids are cited from
    return layer


def _area_tiers(
    layer: gpd.GeoDataFrame,
    tables: dict[str, pd.DataFrame] | None,
    area: str | Sequence[str],
    vintage: str,
    as_of: object,
) -> list[str]:
    """For each unit, the tiers (";"-joined) an area-wide statement about its province or
    district gives, drawn on the communes or only a share: where no commune of a region is
    named at such a tier, the legend says "not named", not 0."""
    from ntm_analysis.places import gazetteer

    if not tables or tables.get("facts") is None or layer.empty:
        return [""] * len(layer)
    figs = status.area_context(tables, area, vintage, as_of)
    figs = figs[figs["role"].isin(["applied", "share", "below_full"])]
    figs = figs[figs["admin_vintage"] == vintage]
    units = gazetteer.load_units(vintage).set_index("unit_code")
    units = units.reindex(layer["unit_code"])
    tiers: list[set[str]] = [set() for _ in range(len(layer))]
    for r in figs.itertuples():
        col = "province_code" if r.area_level == "province" else "parent_code"
        for i in (units[col] == r.area_code).to_numpy().nonzero()[0]:
            tiers[i].add(str(r.tier))
    return [";".join(sorted(t)) for t in tiers]


_UNKNOWN_AREA = {
    "vi": "**Không xác định được địa bàn** “{area}” trong danh mục đơn vị hành chính{vintage}",
    "en": "**The area** “{area}” **is not in the list of administrative units**{vintage}",
}
_CANDIDATES = {"vi": "; có thể là: {names}", "en": "; it may be: {names}"}


def area_layer(
    area: str | Sequence[str],
    vintage: str = "legacy",
    tables: dict[str, pd.DataFrame] | None = None,
    lang: str = "vi",
    as_of: object = None,
) -> tuple[gpd.GeoDataFrame | None, str]:
    """`commune_layer`, or ``(None, why)`` for a report when ``area`` names no province or
    district of ``vintage``, or several (their names listed)."""
    try:
        return commune_layer(area, vintage, tables, lang, as_of), ""
    except geo.AmbiguousArea as err:
        names = _CANDIDATES[lang].format(names=", ".join(err.candidates))
        which = err.area
    except ValueError:
        names, which = "", area if isinstance(area, str) else ", ".join(area)
    label = {"legacy": {"vi": " trước 01/7/2025", "en": " before 1 Jul 2025"}}
    period = label.get(vintage, {"vi": f" {vintage}", "en": f" of {vintage}"})[lang]
    return None, _UNKNOWN_AREA[lang].format(area=which, vintage=period) + names + "."


def with_cells(layer: gpd.GeoDataFrame, footprint: str = "discs") -> gpd.GeoDataFrame:
    """The layer drawn as approximate cells (`geo.approximate_cells`), marked as such."""
    out = layer.set_geometry(geo.approximate_cells(layer, footprint))
    out["geometry_kind"] = np.where(out.geometry.notna(), "cell", "point")
    return out


def coverage(layer: gpd.GeoDataFrame) -> dict[str, int]:
    """Counts of the map: units drawn, in the programme, outside it, with a tier (by basis),
    with a band, known through predecessors, with data, without a position."""
    inside = layer["in_programme"].eq(True).fillna(False).astype(bool)
    with_tier = inside & layer["status_class"].isin(status.TIER_RANK)
    with_band = inside & (layer["band"] != "")
    with_data = inside & (layer["status_class"] != status.NO_DATA)
    return {
        "units": len(layer),
        "in_programme": int(inside.sum()),
        "outside": int((~inside).sum()),
        "with_data": int(with_data.sum()),
        "with_tier": int(with_tier.sum()),
        "stated": int((with_tier & (layer["basis"] == "stated")).sum()),
        "area_statement": int((with_tier & (layer["basis"] == "area_statement")).sum()),
        "with_band": int(with_band.sum()),
        "with_predecessor_status": int(
            (inside & layer["predecessor_state"].isin(["all_known", "partly_known"])).sum()
        ),
        "no_position": int((layer.geometry.isna() | layer.geometry.is_empty).sum()),
    }


def default_view(layer: gpd.GeoDataFrame) -> str:
    """The view shown first: band where more units have a criteria band than a tier."""
    cov = coverage(layer)
    return "band" if cov["with_band"] > cov["with_tier"] else "tier"


@dataclass
class MapContext:
    """What a map says besides its units: dates, area-wide figures, sources, the rule."""

    data_date: str = ""
    as_of: str = ""
    area_lines: list[str] = field(default_factory=list)
    share_lines: list[str] = field(default_factory=list)
    # (tier label, {region: text}) for areas that are one region of the map (East, West)
    region_shares: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    implied_note: str = ""
    sources: list[str] = field(default_factory=list)  # citations, for the HTML legend
    source_ids: list[str] = field(default_factory=list)  # the same sources, for chart footers
    source_table: pd.DataFrame | None = None  # the sources table the ids are cited from
    rule: str = ""
    # what the lines below the total hold (`share_heading`): shares, counts or both
    shares_kind: str = "shares"
    region_kind: str = "shares"
    # a legacy map asked for a date after the legacy units' last day (`LEGACY_LAST_DAY`)
    after_vintage: bool = False


_AMOUNT = {
    "no_total": {"vi": "không nêu tổng số xã", "en": "no total given"},
    "communes": {"vi": "{n} xã", "en": "{n} communes"},
    "of": {"vi": "{n}/{total} xã", "en": "{n} of {total} communes"},
    "share": {"vi": "{pct} số xã", "en": "{pct} of communes"},
}


def _amount(r: pd.Series, lang: str, in_table: bool = False) -> tuple[str, list[str]]:
    """What a statement says, as (amount, details): a count without a total says so; a share
    computed from a count and a total is labelled as computed."""
    if r["share_basis"] == "count":
        n = formats.number(r["count"], lang, 0)
        return _AMOUNT["communes"][lang].format(n=n), [_AMOUNT["no_total"][lang]]
    if r["share_basis"] == "computed":
        n, total = (formats.number(r[k], lang, 0) for k in ("count", "total"))
        pct = f"{formats.percent(r['share_pct'], lang)}, {COMPUTED[lang]}"
        return _AMOUNT["of"][lang].format(n=n, total=total), [pct]
    pct = formats.percent(r["share_pct"], lang)
    return (pct if in_table else _AMOUNT["share"][lang].format(pct=pct)), []


def _cell(r: pd.Series, lang: str) -> str:
    """A figure in the by-region table, whose row names the tier: '299 xã (không nêu tổng số
    xã; 29/9/2022)'."""
    amount, details = _amount(r, lang, in_table=True)
    return f"{amount} ({'; '.join([*details, when(r['date_text'], lang)])})"


def _figure_line(r: pd.Series, lang: str) -> str:
    """'Nghệ An: 299 xã đạt chuẩn NTM (không nêu tổng số xã; 29/9/2022)'; in English
    'Nghệ An: NTM, 299 communes (no total given; 29 Sep 2022)'."""
    amount, details = _amount(r, lang)
    tier = inline(tier_label(r["tier"], lang))
    said = f"{amount} {tier}" if lang == "vi" else f"{tier}, {amount}"
    return f"{r['area_name']}: {said} ({'; '.join([*details, when(r['date_text'], lang)])})"


def share_heading(figs: pd.DataFrame) -> str:
    """Which heading fits statements below the total: ``counts`` when none gives a share,
    ``shares`` when each does, else ``shares_counts`` (keys of `classes.TEXT`)."""
    count_only = figs["share_basis"].eq("count")
    if len(figs) and count_only.all():
        return "counts"
    return "shares_counts" if count_only.any() else "shares"


def _area_regions(figs: pd.DataFrame) -> list[str]:
    """The one region each figure's area lies in ("" when none or several)."""
    from ntm_analysis.places import gazetteer

    out = []
    for v, lvl, code in zip(
        figs["admin_vintage"], figs["area_level"], figs["area_code"], strict=True
    ):
        units = gazetteer.load_units(v)
        col = "province_code" if lvl == "province" else "parent_code"
        regions = set(
            units.loc[(units["level"] == "commune") & (units[col] == code), "region"].dropna()
        )
        out.append(regions.pop() if len(regions) == 1 else "")
    return out


_IMPLIED = {
    "vi": "* suy ra: mọi xã đã đạt mức cao hơn theo văn bản toàn địa bàn",
    "en": "* implied: every commune reached a higher tier by an area-wide statement",
}


def _region_table(figs: pd.DataFrame, lang: str) -> tuple[list, str]:
    """Rows (tier label, {region: text}) of the figures that fall in one region each."""
    rows, implied = [], False
    regions = sorted(set(figs["region"]))
    for tier in reversed(status.TIERS):
        if tier == "none":
            continue
        cells = {}
        for region in regions:
            mine = figs[(figs["region"] == region) & (figs["tier"] == tier)]
            mine = mine[mine["role"].isin(["applied", "share"])]
            higher = figs[
                (figs["region"] == region)
                & (figs["role"] == "applied")
                & (figs["tier"].map(status.TIER_RANK) > status.TIER_RANK[tier])
            ]
            if len(mine):
                cells[region] = _cell(mine.iloc[-1], lang)
            elif len(higher):
                cells[region], implied = f"{formats.percent(100, lang)}*", True
        if cells:
            rows.append((tier_label(tier, lang), cells))
    return rows, (_IMPLIED[lang] if implied else "")


def map_context(
    tables: dict[str, pd.DataFrame] | None,
    area: str | Sequence[str],
    layer: gpd.GeoDataFrame,
    vintage: str = "legacy",
    as_of: object = None,
    lang: str = "vi",
) -> MapContext:
    """The texts around a map: its data date, the area-wide statements drawn on its communes,
    the shares stated below the total (as a table by region where an area is one region of
    the map), the sources cited (area-wide statements first) and (2025) the merged-commune
    rule."""
    figs = status.area_context(tables, area, vintage, as_of)
    figs = figs[figs["role"].isin(["applied", "share", "below_full"])].copy()
    figs["region"] = _area_regions(figs) if len(figs) else []
    drawn = set(layer["region"]) - {""}
    in_table = figs["region"].isin(drawn) & (len(drawn) > 1)
    rows, implied = _region_table(figs[in_table], lang)
    rest = figs[~in_table]
    applied, shares = rest[rest["role"] == "applied"], rest[rest["role"] == "share"]
    first = list(dict.fromkeys(figs.loc[figs["role"] != "below_full", "source_id"]))
    ids = [i for i in [*layer["source_id"], *layer["criteria_source_id"]] if i]
    counts = pd.Series(ids, dtype="object").value_counts()
    rest_ids = sorted(set(ids) - set(first), key=lambda s: (-int(counts.get(s, 0)), s))
    cites = status.citations([*first, *rest_ids], tables, lang)
    when_asked = status.parse_as_of(as_of)
    return MapContext(
        data_date=status.data_date(layer, lang),
        as_of=formats.date(str(when_asked.date()), lang) if when_asked is not None else "",
        area_lines=[_figure_line(r, lang) for _, r in applied.iterrows()],
        share_lines=[_figure_line(r, lang) for _, r in shares.iterrows()],
        region_shares=rows,
        implied_note=implied,
        sources=[cites[s] for s in [*first, *rest_ids] if s in cites],
        source_ids=[s for s in [*first, *rest_ids] if s in cites],
        source_table=tables.get("sources") if tables else None,
        rule=inheritance.cited_rule(lang)
        if vintage == "2025" and (layer["predecessors"] != "").any()
        else "",
        shares_kind=share_heading(shares),
        region_kind=share_heading(figs[in_table & figs["role"].isin(["applied", "share"])]),
        after_vintage=vintage == "legacy"
        and when_asked is not None
        and when_asked > LEGACY_LAST_DAY,
    )


def predecessor_label(key: str, lang: str) -> str:
    """Legend label of a ``pred|…`` class."""
    floor = key.split("|", 1)[1]
    if floor == "mixed":
        return "Xã cũ: khác nhau hoặc chưa rõ" if lang == "vi" else "Former communes: mixed"
    head = "Mọi xã cũ" if lang == "vi" else "All former communes"
    return f"{head} {at_least(floor, lang)}"


def predecessor_groups(layer: gpd.GeoDataFrame, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """For 2025 maps: the communes in the programme grouped by what their former communes
    share ("Mọi xã cũ ít nhất NTM nâng cao", or mixed/unknown), best first; [] elsewhere."""
    inside = layer["in_programme"].eq(True).fillna(False).astype(bool)
    known = layer[inside & layer["predecessor_state"].isin(["all_known", "partly_known"])]
    if known.empty:
        return []
    floor = known["predecessor_floor"].where(known["predecessor_state"] == "all_known", "")
    keys = [f"pred|{f}" if f else "pred|mixed" for f in floor]
    order = sorted(set(keys), key=lambda k: -status.TIER_RANK.get(k.split("|")[1], -1))
    return [(predecessor_label(k, lang), known[[x == k for x in keys]]) for k in order]
