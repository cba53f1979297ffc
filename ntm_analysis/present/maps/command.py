"""``ntm map``: the status map of an area as an offline HTML file, optionally a print map."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps.classes import map_title
from ntm_analysis.present.maps.html_map import status_map
from ntm_analysis.present.maps.offline import save_map
from ntm_analysis.present.maps.print_map import static_map
from ntm_analysis.present.maps.status_layer import (
    commune_layer,
    coverage,
    map_context,
    with_cells,
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``map`` subcommand."""
    p = sub.add_parser(
        "map",
        help="map commune status of an area as an offline HTML page (and a print map)",
        description=(
            "Draw every commune-level unit of AREA with its NTM status from data/processed, "
            "as `ntm status` computes it: coloured by tier, outlined by what the tier rests on "
            "(solid: the commune's own record; dashed ring: a statement that every commune of "
            "its province or district reached it; dotted: former communes), units outside the "
            "programme (wards, townships, excluded communes) white and left out of the "
            "denominator, units without data grey; a layer per class and per criteria band "
            "(19, 15–18, 10–14, < 10); East/West outlines merged from the units' own cells. "
            "The legend counts each class per region, gives the data date, the area-wide "
            "figures and the sources; popups give name, code, tier, basis, criteria, history "
            "and source. Markers sit at the gazetteer's official points; --cells draws "
            "approximate Voronoi cells instead (labelled as such); --boundaries draws polygons "
            "from a file. The HTML is one self-contained file that works offline, and the same "
            "map saves to the same bytes."
        ),
    )
    p.add_argument(
        "--area",
        required=True,
        action="append",
        help="province or district name ('Bắc Sơn', 'Hải Phòng', 'Châu Thành, Tiền "
        "Giang'); repeat for several; '' for the whole country; a name that names several "
        "areas is refused with the candidates",
    )
    p.add_argument("--vintage", choices=["legacy", "2025"], default="legacy")
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="status on this day: only records dated up to it count (default: every record)",
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    p.add_argument(
        "--title",
        help="map title (default: the subject, the area names and the vintage of the units)",
    )
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


def _cli(args: argparse.Namespace) -> int:
    from ntm_analysis.analysis.status_command import load_status_tables

    tables = load_status_tables(args.processed)
    try:
        layer = commune_layer(args.area, args.vintage, tables, args.lang, args.as_of)
    except geo.AmbiguousArea as err:
        print(f"ntm map: error: {err}", file=sys.stderr)
        return 2
    except ValueError as err:
        print(f"ntm map: error: {err}", file=sys.stderr)
        return 1
    context = map_context(tables, args.area, layer, args.vintage, args.as_of, args.lang)
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
        _warn_unmatched(unmatched)
    elif args.cells:
        layer = with_cells(layer, args.footprint)
    title = args.title or map_title(args.area, args.vintage, args.lang)
    m = status_map(
        layer,
        title,
        args.lang,
        view=args.view,
        tiles=args.tiles,
        boundary_file=args.boundaries.name if args.boundaries else None,
        unmatched=len(unmatched),
        context=context,
    )
    out = save_map(m, args.out)
    cov = coverage(layer)
    print(
        f"{out}: {cov['units']} communes, {cov['in_programme']} in the programme "
        f"({cov['with_data']} with data: {cov['stated']} tiers stated, "
        f"{cov['area_statement']} from area-wide statements, {cov['with_band']} with a "
        f"criteria band), {cov['outside']} outside or not stated"
        + (f", {cov['no_position']} without coordinates" if cov["no_position"] else "")
    )
    if args.boundaries:
        print(
            f"boundaries: {(layer['geometry_kind'] == 'boundary').sum()} units drawn as polygons,"
            f" {len(unmatched)} features unmatched"
        )
    if args.static:
        fig = static_map(layer, title, [], args.vintage, args.lang, args.view, context=context)
        for p in charts.save_figure(fig, out.stem, out.parent):
            print(p)
    return 0


def _warn_unmatched(unmatched: pd.DataFrame) -> None:
    for r in unmatched.itertuples():
        hint = f"; contains {r.contains}" if r.contains else ""
        cand = f"; candidates {r.match_candidates}" if r.match_candidates else ""
        print(
            f"warning: boundary feature {r.feature!r} matched no unit "
            f"({r.match_status}{cand}{hint})",
            file=sys.stderr,
        )
