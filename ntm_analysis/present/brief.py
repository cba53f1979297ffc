"""``ntm brief``: a Word briefing pack on one area for a People's Council, laid out as a
Vietnamese administrative report (`docx_layout`, Nghị định 30/2020/NĐ-CP), with its tables
optionally written to Excel.

The pack holds: I. the key figures (each with its date and source number): the area's own,
the communes the records name as recognised counted by year and tier, and what sources state
for the legacy districts and communes inside it, each under the unit's name (`key_figures`);
II. the charts (tier shares over time, East and West for the new Hải Phòng, criteria grids,
funding by source of the area or of a district inside it, the province among the others),
III. the commune status map, IV. the consistency findings, V. how to read the figures, and
the numbered list of sources every "[n]" points to. Tables are numbered in the order they are
written (`_Tables`), so the text only names tables that exist. Where the data has nothing
for a part, the part says so; where it has only its districts' figures, it says that. Every
number is written by `lexicon.formats`; no internal id appears. The words are in
`brief_text`.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis import paths
from ntm_analysis.analysis import areas, consistency, east_west, indicators, provinces
from ntm_analysis.lexicon import formats
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model import citations
from ntm_analysis.places import gazetteer
from ntm_analysis.present import (
    charts,
    criteria_gaps,
    docx_layout,
    figures,
    findings,
    key_figures,
    readable,
)
from ntm_analysis.present.brief_text import T, t

DPI = 220  # pictures in the pack: print quality (at least 200 dpi)


@dataclass
class Chart:
    """A figure of the pack with its file name and caption title."""

    name: str
    title: str
    figure: Figure


@dataclass
class Brief:
    """What the pack holds before it is written out."""

    area: str
    lang: str
    sources: citations.SourceList
    key: readable.Table  # the area's own figures (and its legacy parts')
    findings: readable.Table
    unmet: readable.Table | None
    charts: list[Chart] = field(default_factory=list)
    map_chart: Chart | None = None
    as_of: str | None = None
    inside: readable.Table | None = None  # figures of its legacy districts and communes
    recognitions: readable.Table | None = None  # recognitions counted from named communes
    key_frame: pd.DataFrame | None = None  # every key figure (`key_figures.key_figures_frame`)
    level: str | None = None  # the area's level: province, district (None: not in the gazetteer)
    base_changes: int = 0  # findings that are a change of base said as such, not conflicts


def _legacy_codes(names: list[str]) -> dict[str, str]:
    units = gazetteer.load_units("legacy")
    prov = units[units["level"] == "province"]
    short = prov["unit_name_short"].map(areas.name_key)
    out = {}
    for name in names:  # a province written with its type word ("Tỉnh Quảng Ninh") too
        hit = prov[short == areas.name_key(name)]
        if len(hit):
            out[str(hit["unit_code"].iloc[0])] = str(hit["unit_name_short"].iloc[0])
    return out


def _part_shares(facts: pd.DataFrame, name: str) -> pd.DataFrame:
    """Tier shares of one legacy province over time, stated or computed (`provinces`)."""
    f = provinces.province_figures(facts, provinces.SHARE_MEASURES)
    f = f[(f["vintage"] == "legacy") & (f["province"].map(lambda p: fold(str(p))) == fold(name))]
    f = f[f["date_basis"] == "stated"]
    tier = f["measure"].str.removeprefix("communes_").str.removesuffix("_pct")
    return f.assign(tier=tier, share_pct=f["value"])


def _share_charts(
    tables: dict[str, pd.DataFrame], area: str, lang: str, as_of: str | None = None
) -> Iterator[Chart]:
    parts = list(areas.legacy_parts(area)) or [area]
    codes = _legacy_codes(parts)
    facts = tables["facts"]
    if set(codes) == set(east_west.PARTS):
        points = east_west.analyse(tables, area, as_of).points
        if len(points[points["tier"].isin(["advanced", "model"])]):
            fig = figures.east_west_shares(points, lang, note=figures.text("criteria_note", lang))
            yield Chart("east-west-shares", figures.text("east_west_title", lang), fig)
    for code, name in codes.items():
        shares = _part_shares(facts, name)
        if shares.empty:
            continue
        label = f"{name}{areas.OLD}" if len(codes) > 1 else name
        fig = figures.tier_share_dots(shares, label, lang)
        yield Chart(f"tier-shares-{code}", figures.text("tiers_title", lang, area=label), fig)


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def _other_charts(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None,
    lang: str,
    as_of: str | None = None,
) -> Iterator[Chart]:
    status = criteria_gaps.area_status(tables["criteria_status"], area, year)
    for cset, fig in criteria_gaps.grids(status, lang, area):
        yield Chart(f"criteria-{cset}", fig.axes[0].get_title().replace("\n", " – "), fig)
    yield from _funding_charts(tables.get("funding"), area, year, lang)
    sc = areas.scope(area)
    panel, _ = provinces.panel(provinces.province_figures(tables["facts"]), as_of or _today())
    named = set(panel.loc[panel["measure"] == "communes_ntm_pct", "province"].map(areas.name_key))
    if sc.names & named:
        label = t("ntm_pct", lang)
        # as the chart names it: a merged province by its name, another by its short name
        short = area if areas.legacy_parts(area) else sc.own.get(areas.name_key(area), area)
        fig = figures.province_dots(panel, "communes_ntm_pct", label, lang, highlight=short)
        yield Chart("provinces", fig.axes[0].get_title(), fig)


def _funding_charts(
    funding: pd.DataFrame | None, area: str, year: int | None, lang: str
) -> Iterator[Chart]:
    """Money by funding source, one chart per area (the area, a part, a district or commune
    inside it) and source that gives at least two funding sources (`areas.in_area`)."""
    if funding is None or funding.empty:
        return
    mine = areas.in_area(funding, area)
    mine = mine[mine["source_category"] != "total"]
    if year is not None:
        mine = mine[pd.to_numeric(mine["year_start"], errors="coerce").fillna(0) <= int(year)]
    for (_, part, sid), rows in mine.groupby(["part_rank", "part", "source_id"], sort=True):
        if rows["source_category"].nunique() < 2:
            continue
        by_source = indicators.funding_by_source(rows, str(sid)).assign(source_id=sid)
        period = by_source["period"].iloc[-1]
        by_source = by_source[by_source["period"] == period]  # the latest period it gives
        title = t("funding_title", lang, area=part, period=period)
        name = f"funding-{fold(str(part)).replace(' ', '-')}-{period}"
        yield Chart(name, title, figures.funding_bars(by_source, lang, title))


def _map_chart(
    tables: dict[str, pd.DataFrame], area: str, lang: str, as_of: str | None = None
) -> Chart | None:
    from ntm_analysis.present.maps import print_map, status_layer

    parts = list(areas.legacy_parts(area)) or [area]
    try:
        layer = status_layer.commune_layer(parts, "legacy", tables, lang, as_of)
    except ValueError:
        return None
    context = status_layer.map_context(tables, parts, layer, "legacy", as_of, lang)
    title = t("map_title", lang, area=area)
    fig = print_map.static_map(layer, title, [], "legacy", lang, view="tier", context=context)
    return Chart("status-map", title, fig)


def latest(dates: pd.Series) -> str | None:
    """The latest date among ``dates`` (any precision)."""
    return figures.latest_date(dates.dropna().astype(str)) if len(dates) else None


def build(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
) -> Brief:
    """Everything the pack shows for ``area`` (tables, charts with "[n]" sources, the map),
    every section about the one area `areas.resolve` finds (an ambiguous name raises
    `geo.AmbiguousArea` with the candidates, as `ntm map` and `ntm status` refuse it)."""
    area = areas.resolve(area)
    sl = citations.SourceList(tables["sources"], lang, strict=False)
    key = key_figures.key_figures_table(
        tables, area, year, as_of, lang, sl, parts="own", counted=False
    )
    recognitions = key_figures.recognitions_table(tables, area, year, as_of, lang, sl)
    inside = key_figures.key_figures_table(tables, area, year, as_of, lang, sl, parts="inside")
    frame = key_figures.key_figures_frame(tables, area, year, as_of, lang, sl)
    with charts.numbered_sources(sl):
        when = as_of or (f"{year}-12-31" if year else None)
        chart_list = [
            *_share_charts(tables, area, lang, when),
            *_other_charts(tables, area, year, lang, when),
        ]
        map_chart = _map_chart(tables, area, lang, when)
    found = findings.findings_frame(tables, area, lang)
    for col in ("source_a", "source_b"):
        found[col.replace("source", "cite")] = [
            sl.refs([s]) if isinstance(s, str) and s else "–" for s in found[col]
        ]
    status = criteria_gaps.area_status(tables["criteria_status"], area, year)
    unmet = criteria_gaps.unmet_table(status, tables["sources"], lang, sl) if len(status) else None
    return Brief(
        area=area,
        lang=lang,
        sources=sl,
        key=key,
        findings=readable.table(found, findings.COLUMNS, lang),
        unmet=unmet,
        charts=chart_list,
        map_chart=map_chart,
        as_of=as_of or latest(frame["date"]) if len(frame) else as_of,
        inside=inside,
        recognitions=recognitions,
        key_frame=frame,
        level=areas.scope(area).level,
        base_changes=int(found["check"].isin(consistency.NOT_CONFLICTS).sum()),
    )


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


class _Tables:
    """Numbers the tables in the order they are written, so that captions run 1, 2, 3 and
    every reference in the text names a table that is there."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.numbers: dict[str, int] = {}

    def number(self, key: str) -> int:
        """The number of table ``key``, given at its first use."""
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def ref(self, *keys: str) -> str:
        """'Bảng 1', 'Bảng 1, Bảng 2 và Bảng 3' for the tables ``keys`` (numbered on first
        use)."""
        names = [t("table", self.lang, n=self.number(k)) for k in keys]
        head = ", ".join(names[:-1])
        return f"{head}{t('and', self.lang)}{names[-1]}" if head else names[-1]

    def write(self, doc: object, key: str, table: readable.Table, caption: str, widths) -> None:
        head = f"{t('table', self.lang, n=self.number(key))}. {caption}"
        docx_layout.line(doc, head, docx_layout.BODY_PT, bold=True, space_after=4)
        docx_layout.table(
            doc,
            list(table.frame.columns),
            table.frame.to_numpy().tolist(),
            table.numeric,
            widths,
        )
        if table.note:
            docx_layout.line(doc, table.note, docx_layout.SMALL_PT, italic=True, align="justify")


KEY_WIDTHS = [3.0, 5.4, 3.4, 2.7, 2.0]
INSIDE_WIDTHS = [4.2, 4.6, 3.0, 2.7, 2.0]  # room for "Huyện An Lão – Hải Phòng (cũ)"


def _count(n: int, what: str, lang: str) -> str:
    """'3 số liệu', '1 key figure', '16 sources'."""
    one, many = T[what][lang]
    return f"{formats.number(n, lang)} {one if n == 1 else many}"


def _sources_and_date(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """How many sources a set of key figures cites, and the latest date among them."""
    ids = {i for group in frame["source_ids"] for i in group}
    when = formats.date(latest(frame["date"]), lang)
    return {"m": _count(len(ids), "n_sources", lang), "d": when}


def _key_section(doc: object, b: Brief, year: int | None, tables: _Tables) -> None:
    """I. The area's own key figures, the recognitions counted from named communes, then
    what its districts and communes state; where only these are on record, the text says so
    rather than that there is no data."""
    lang, frame = b.lang, b.key_frame
    if frame is None or frame.empty:
        text = str(readable.no_data(key_figures.WHAT, b.area, lang, year)).replace("**", "")
        docx_layout.paragraph(doc, text)
        return
    present = {
        k: tb
        for k, tb in (("key", b.key), ("recognised", b.recognitions), ("inside", b.inside))
        if tb is not None and len(tb)
    }
    units = T["units"]["district" if b.level == "district" else "province"][lang]
    say = {"area": b.area, "units": units}
    stated = frame[frame["basis"] != "counted"]
    if "key" in present:
        when = _sources_and_date(stated[stated["part_rank"] == 0], lang)
        n = _count(len(b.key), "n_key", lang)
        docx_layout.paragraph(
            doc, t("key_intro", lang, table=tables.ref("key"), n=n, **say, **when)
        )
    else:
        docx_layout.paragraph(doc, t("no_own", lang, **say))
    if "recognised" in present:
        docx_layout.paragraph(
            doc, t("recognised_intro", lang, table=tables.ref("recognised"), **say)
        )
    if "inside" in present:
        when = _sources_and_date(stated[stated["part_rank"] > 0], lang)
        n = _count(len(present["inside"]), "n_figures", lang)
        intro = t("inside_intro", lang, table=tables.ref("inside"), n=n, **say, **when)
        docx_layout.paragraph(doc, intro)
    captions = {
        "key": t("key_table", lang, area=b.area),
        "recognised": t("recognised_table", lang),
        "inside": t("inside_table", lang, area=b.area, units=units),
    }
    for key, table in present.items():
        widths = {"key": KEY_WIDTHS, "inside": INSIDE_WIDTHS}.get(key) or _recognised_widths(table)
        tables.write(doc, key, table, captions[key], widths)


def _recognised_widths(table: readable.Table) -> list[float]:
    tiers = len(table.frame.columns) - 3
    return [3.4, 1.6, *([2.2] * tiers), 16.5 - 3.4 - 1.6 - 2.2 * tiers]


def _caveats(b: Brief, tables: _Tables) -> list[str]:
    """V. Notes on reading the figures; the one on key figures names their tables."""
    texts = list(T["caveats"][b.lang])
    keys = [k for k in ("key", "recognised", "inside") if k in tables.numbers]
    if keys:
        texts.insert(2, t("latest_caveat", b.lang, tables=tables.ref(*keys)))
    return texts


def write_docx(b: Brief, out: Path, year: int | None = None) -> Path:
    """Write the pack as a .docx laid out per Nghị định 30/2020/NĐ-CP."""
    lang = b.lang
    when = f" năm {year}" if year and lang == "vi" else (f", {year}" if year else "")
    subject = t("subject", lang, area=b.area, year=when)
    doc = docx_layout.new_document(subject, t("kind", lang), lang)
    docx_layout.header_block(doc, t("issuer", lang), t("number", lang), t("place_date", lang), lang)
    docx_layout.title_block(doc, t("kind", lang), subject)
    as_of = t("as_of", lang, d=formats.date(b.as_of, lang)) if b.as_of else ""
    docx_layout.paragraph(doc, t("purpose", lang, as_of=as_of), italic=True)
    parts = areas.legacy_parts(b.area)
    if parts:
        joined = " và " if lang == "vi" else " and "
        ordered = sorted(parts, key=lambda p: fold(p) != fold(b.area))  # the area's own first
        docx_layout.paragraph(doc, t("merged", lang, area=b.area, parts=joined.join(ordered)))
    tables = _Tables(lang)

    docx_layout.heading(doc, t("h1", lang))
    _key_section(doc, b, year, tables)

    docx_layout.heading(doc, t("h2", lang))
    if not b.charts:
        docx_layout.paragraph(doc, t("no_charts", lang, area=b.area))
    for n, c in enumerate(b.charts, start=1):
        docx_layout.picture(doc, _png(c.figure), t("figure", lang, n=n, title=c.title))
    if b.unmet is not None and len(b.unmet):
        widths = [2.4, 3.0, 1.5, 2.6, 2.6, 2.9, 1.5]
        tables.write(doc, "unmet", b.unmet, t("unmet_table", lang), widths)

    docx_layout.heading(doc, t("h3", lang))
    if b.map_chart is None:
        docx_layout.paragraph(
            doc,
            str(
                readable.no_data({"vi": "bản đồ các xã", "en": "a commune map"}, b.area, lang)
            ).replace("**", ""),
        )
    else:
        n = len(b.charts) + 1
        docx_layout.picture(
            doc, _png(b.map_chart.figure), t("figure", lang, n=n, title=b.map_chart.title)
        )

    docx_layout.heading(doc, t("h4", lang))
    if len(b.findings):
        n = formats.number(len(b.findings) - b.base_changes, lang)
        intro = t("findings_intro", lang, n=n, area=b.area, table=tables.ref("findings"))
        if b.base_changes:
            intro += " " + t("base_changes", lang, n=formats.number(b.base_changes, lang))
        docx_layout.paragraph(doc, intro)
        widths = [2.4, 2.9, 2.3, 1.8, 4.3, 1.4, 1.4]
        tables.write(doc, "findings", b.findings, t("findings_table", lang), widths)
    else:
        has_figures = b.key_frame is not None and len(b.key_frame) > 0
        what = "no_findings" if has_figures or b.charts else "nothing_to_check"
        docx_layout.paragraph(doc, t(what, lang, area=b.area))

    docx_layout.heading(doc, t("h5", lang))
    for text in _caveats(b, tables):
        docx_layout.paragraph(doc, "- " + text)

    docx_layout.heading(doc, t("h6", lang))
    for n, c in b.sources.entries():
        p = docx_layout.paragraph(doc, f"[{n}] {c.full}")
        p.paragraph_format.first_line_indent = docx_layout.Cm(0)
        p.alignment = docx_layout.WD_ALIGN_PARAGRAPH.LEFT
        for run in p.runs:
            run.font.size = docx_layout.Pt(docx_layout.TABLE_PT)
    docx_layout.recipients_and_signature(doc, T["recipients"][lang], T["signer"][lang], lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


SHEETS = {
    "key": {"vi": "Số liệu chính", "en": "Key figures"},
    "findings": {"vi": "Rà soát số liệu", "en": "Findings"},
    "unmet": {"vi": "Tiêu chí chưa đạt", "en": "Unmet criteria"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
}


def write_xlsx(b: Brief, out: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """The pack's tables in one workbook: key figures with their values as numbers, the
    findings, the unmet criteria and the numbered sources."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ntm_analysis.model.csv_files import neutralise_cell

    lang = b.lang
    frame = b.key_frame
    if frame is None:
        frame = key_figures.key_figures_frame(tables, b.area, None, b.as_of, lang)
    heads = key_figures.COLUMNS
    key_rows = [
        [
            r.part,
            r.measure_label,
            key_figures.band(r, lang) or r.value,
            findings_unit(r.unit, lang),
            r.date_text,
            r.basis_text,
            b.sources.refs(list(r.source_ids)),
        ]
        for r in frame.itertuples()
    ]
    key_head = [
        heads[0].heading(lang),
        heads[1].heading(lang),
        "Giá trị" if lang == "vi" else "Value",
        "Đơn vị" if lang == "vi" else "Unit",
        heads[3].heading(lang),
        "Cách có số liệu" if lang == "vi" else "How obtained",
        heads[4].heading(lang),
    ]
    sheets = [
        (SHEETS["key"][lang], key_head, key_rows),
        (
            SHEETS["findings"][lang],
            list(b.findings.frame.columns),
            b.findings.frame.to_numpy().tolist(),
        ),
    ]
    if b.unmet is not None:
        sheets.append(
            (
                SHEETS["unmet"][lang],
                list(b.unmet.values.columns),
                b.unmet.values.to_numpy().tolist(),
            )
        )
    sheets.append(
        (
            SHEETS["sources"][lang],
            ["[n]", SHEETS["sources"][lang]],
            [[f"[{n}]", c.full] for n, c in b.sources.entries()],
        )
    )
    wb = Workbook()
    wb.remove(wb.active)
    for title, head, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append([neutralise_cell(h) for h in head])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([neutralise_cell(v) if isinstance(v, str) else _excel(v) for v in row])
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
            for c in col[1:]:
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(c.value, float):
                    c.number_format = "#,##0.##"
        ws.freeze_panes = "A2"
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _excel(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        if pd.isna(value):  # type: ignore[arg-type]
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()  # type: ignore[union-attr]
    return value


def findings_unit(unit: str, lang: str) -> str:
    """The unit of a key figure as a word ('xã', '%', 'tỷ đồng')."""
    from ntm_analysis.lexicon import vocabulary

    return (
        vocabulary.label("value_units", unit, lang)
        if vocabulary.has_label("value_units", unit)
        else unit
    )


def make_brief(
    area: str,
    out: Path,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    processed: Path | None = None,
    xlsx: Path | None = None,
    fig_dir: Path | None = None,
) -> Brief:
    """Read the processed tables, build the pack and write it (and its tables to ``xlsx``);
    with ``fig_dir`` the pictures are also saved there as PNG and SVG."""
    from ntm_analysis.model import tables as model_tables

    tables = model_tables.load_tables(processed)
    b = build(tables, area, year, as_of, lang)
    write_docx(b, out, year)
    if xlsx:
        write_xlsx(b, xlsx, tables)
    if fig_dir:
        for c in [*b.charts, *([b.map_chart] if b.map_chart else [])]:
            charts.save_figure(c.figure, f"brief-{c.name}", fig_dir, dpi=DPI)
    return b


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``brief`` subcommand."""
    p = sub.add_parser(
        "brief",
        help="write a Word briefing pack on one area (key figures, charts, map, findings, sources)",
        description=(
            "Write a .docx laid out as a Vietnamese administrative report (Nghị định "
            "30/2020/NĐ-CP: A4, Times New Roman 14 pt, its margins) on AREA: the key figures "
            "with dates and numbered sources, the charts, the commune status map as a picture, "
            "the consistency findings, notes on reading the figures and the numbered list of "
            "sources. Reads the processed tables (run `ntm build` first)."
        ),
    )
    p.add_argument(
        "--area",
        required=True,
        help="province or district, e.g. 'Hải Phòng' (a name of several areas is refused with "
        "the candidates: 'Tỉnh Quảng Ninh', 'Quảng Ninh, Quảng Bình')",
    )
    p.add_argument("--year", type=int, default=None, help="figures up to the end of this year")
    p.add_argument("--as-of", default=None, help="figures up to this date (YYYY[-MM[-DD]])")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="language (default: vi)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the .docx to write")
    p.add_argument("--xlsx", type=Path, default=None, help="also write the tables to this .xlsx")
    p.add_argument(
        "--processed",
        type=Path,
        default=paths.PROCESSED,
        help="folder of processed tables (default: %(default)s)",
    )
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    from ntm_analysis.places import geo

    try:
        b = make_brief(
            args.area, args.output, args.year, args.as_of, args.lang, args.processed, args.xlsx
        )
    except FileNotFoundError as err:
        print(f"error: {err}")
        return 2
    except geo.AmbiguousArea as err:
        print(f"ntm brief: error: {err}", file=sys.stderr)
        return 2
    print(
        f"{args.output}: {len(b.key_frame) if b.key_frame is not None else len(b.key)} key "
        f"figures, {len(b.charts) + bool(b.map_chart)} "
        f"pictures, {len(b.findings)} findings, {len(b.sources)} sources"
        + (f"; tables in {args.xlsx}" if args.xlsx else "")
    )
    return 0
