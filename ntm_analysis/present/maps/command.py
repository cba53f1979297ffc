"""``ntm map``: the status map of an area as an offline HTML file, optionally a print map."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.places import geo
from ntm_analysis.present import charts
from ntm_analysis.present.maps.html_map import status_map
from ntm_analysis.present.maps.offline import save_map
from ntm_analysis.present.maps.print_map import static_map
from ntm_analysis.present.maps.status_layer import commune_layer, coverage, with_cells


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
