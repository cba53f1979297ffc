"""``ntm brief``: a Word briefing pack on one area for a People's Council, laid out as a
Vietnamese administrative report (`docx_layout`, Nghị định 30/2020/NĐ-CP), with its tables
optionally written to Excel.

The pack holds: I. the key figures (each with its date and source number), II. the charts
(tier shares over time, East and West for the new Hải Phòng, criteria grids, funding by
source, the province among the others), III. the commune status map, IV. the consistency
findings, V. how to read the figures, and the numbered list of sources every "[n]" points
to. Where the data has nothing for a part, the part says so. Every number is written by
`lexicon.formats`; no internal id appears.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis import paths
from ntm_analysis.analysis import areas, east_west, indicators, provinces
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

T = {
    "kind": {"vi": "Báo cáo", "en": "Report"},
    "subject": {
        "vi": "Tình hình thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
        "trên địa bàn {area}{year}",
        "en": "The National Target Program on New Rural Development in {area}{year}",
    },
    "issuer": {"vi": "……………………", "en": "……………………"},
    "number": {"vi": "Số:        /BC-……", "en": "No.:        /BC-……"},
    "place_date": {
        "vi": "……, ngày … tháng … năm ……",
        "en": "……, day … month … year ……",
    },
    "purpose": {
        "vi": "Tài liệu tổng hợp số liệu phục vụ Hội đồng nhân dân, lập bằng bộ công cụ "
        "ntm-analysis từ các văn bản và trang tin được dẫn ở cuối tài liệu{as_of}. Mỗi số liệu "
        "ghi nguồn bằng số thứ tự [n] trong danh mục nguồn.",
        "en": "A compilation of figures for the People's Council, made with the ntm-analysis "
        "toolkit from the documents and pages listed at the end{as_of}. Each figure names its "
        "source by its number [n] in that list.",
    },
    "as_of": {"vi": "; số liệu đến {d}", "en": "; data as of {d}"},
    "h1": {"vi": "I. Số liệu chính", "en": "I. Key figures"},
    "h2": {"vi": "II. Biểu đồ", "en": "II. Charts"},
    "h3": {"vi": "III. Bản đồ hiện trạng các xã", "en": "III. Map of the communes' status"},
    "h4": {"vi": "IV. Kết quả rà soát số liệu", "en": "IV. Consistency of the figures"},
    "h5": {"vi": "V. Lưu ý khi sử dụng số liệu", "en": "V. How to read the figures"},
    "h6": {"vi": "Danh mục nguồn số liệu", "en": "List of sources"},
    "key_intro": {
        "vi": "Bảng 1 nêu {n} số liệu chính của {area} từ {m} nguồn; số liệu mới nhất là {d}.",
        "en": "Table 1 gives {n} key figures for {area} from {m} sources; the latest is dated {d}.",
    },
    "table1": {"vi": "Bảng 1. Số liệu chính", "en": "Table 1. Key figures"},
    "table2": {"vi": "Bảng 2. Các điểm không khớp giữa số liệu", "en": "Table 2. Findings"},
    "table3": {
        "vi": "Bảng 3. Tiêu chí chưa đạt và cơ quan hướng dẫn",
        "en": "Table 3. Unmet criteria and who guides them",
    },
    "figure": {"vi": "Hình {n}. {title}", "en": "Figure {n}. {title}"},
    "no_charts": {
        "vi": "Dữ liệu hiện có không đủ để vẽ biểu đồ cho {area}.",
        "en": "The data at hand is not enough for a chart of {area}.",
    },
    "findings_intro": {
        "vi": "Rà soát tự động tìm thấy {n} điểm không khớp giữa các số liệu về {area} (Bảng 2). "
        "Mỗi điểm là câu hỏi cần cơ quan ban hành làm rõ, không phải đính chính; số liệu gốc "
        "được giữ nguyên.",
        "en": "The automatic checks found {n} disagreements between figures on {area} "
        "(Table 2). Each is a question for the issuing body, not a correction; the figures "
        "stay as stated.",
    },
    "no_findings": {
        "vi": "Rà soát tự động không tìm thấy điểm không khớp nào giữa các số liệu về {area}.",
        "en": "The automatic checks found no disagreement between the figures on {area}.",
    },
    "caveats": {
        "vi": [
            "Số liệu được ghi đúng như nguồn nêu; tỷ lệ tính từ số xã và tổng số xã của cùng "
            "một nguồn được ghi rõ là số tính toán (điểm vuông trên biểu đồ).",
            "Tổng số xã thay đổi do sáp nhập xã giai đoạn 2023–2025 và sắp xếp đơn vị hành "
            "chính từ 01/7/2025; các tỷ lệ khác mẫu số hoặc không rõ mẫu số không nên so sánh "
            "trực tiếp, và trên biểu đồ không được nối với nhau.",
            "Các số liệu trong Bảng 1 là số mới nhất của từng chỉ tiêu nên có thể khác thời "
            "điểm; cần đọc kèm cột thời điểm và nguồn.",
            'Xã chưa có số liệu được thể hiện trên bản đồ là "không có số liệu", không có '
            "nghĩa là chưa đạt chuẩn.",
        ],
        "en": [
            "Figures are given as their sources state them; shares computed from a commune "
            "count and total of the same source are marked as computed (square points).",
            "The number of communes changed with the 2023–2025 commune mergers and the reform "
            "of 1 Jul 2025; shares on different or unknown bases are not to be compared "
            "directly, and charts never join them with a line.",
            "Table 1 gives the latest figure of each measure, so dates differ; read each with "
            "its date and source.",
            'Communes without a record show on the map as "no data", which does not mean '
            "they fall short.",
        ],
    },
    "merged": {
        "vi": "{area} từ 01/7/2025 gồm {parts} trước sắp xếp; số liệu của từng phần được trình "
        "bày riêng, không cộng gộp.",
        "en": "Since 1 Jul 2025 {area} comprises the former {parts}; their figures are shown "
        "apart, never added up.",
    },
    "recipients": {
        "vi": ["- Thường trực HĐND;", "- Các Ban của HĐND;", "- Lưu: VT."],
        "en": ["- Standing Committee of the People's Council;", "- Council committees;", "- File."],
    },
    "signer": {"vi": ["NGƯỜI LẬP BÁO CÁO"], "en": ["PREPARED BY"]},
    "map_title": {"vi": "Mức đạt chuẩn của các xã – {area}", "en": "Commune tiers – {area}"},
    "ntm_pct": {"vi": "Tỷ lệ xã đạt chuẩn NTM (%)", "en": "Communes meeting NTM (%)"},
    "funding_title": {
        "vi": "Nguồn vốn theo nguồn – {area}, {period}",
        "en": "Funding – {area}, {period}",
    },
}
DPI = 220  # pictures in the pack: print quality (at least 200 dpi)


def t(key: str, lang: str, **kw: object) -> str:
    """A text of the brief in ``lang``."""
    return T[key][lang].format(**kw)  # type: ignore[union-attr]


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
    key: readable.Table
    findings: readable.Table
    unmet: readable.Table | None
    charts: list[Chart] = field(default_factory=list)
    map_chart: Chart | None = None
    as_of: str | None = None


def _legacy_codes(names: list[str]) -> dict[str, str]:
    units = gazetteer.load_units("legacy")
    prov = units[units["level"] == "province"]
    short = prov["unit_name_short"].map(lambda n: fold(str(n)))
    out = {}
    for name in names:
        hit = prov[short == fold(name)]
        if len(hit):
            out[str(hit["unit_code"].iloc[0])] = name
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
    funding = tables["funding"]
    keys = {fold(area), *(fold(p) for p in areas.legacy_parts(area))}
    mine = funding[funding["area_name"].map(lambda a: fold(str(a))).isin(keys)]
    mine = mine[mine["source_category"] != "total"]
    for sid, part in mine.groupby("source_id"):
        if part["source_category"].nunique() < 2:
            continue
        rows = indicators.funding_by_source(part, str(sid)).assign(source_id=sid)
        title = t(
            "funding_title", lang, area=rows["area_name"].iloc[0], period=rows["period"].iloc[0]
        )
        yield Chart(f"funding-{len(title)}", title, figures.funding_bars(rows, lang, title))
    panel, _ = provinces.panel(provinces.province_figures(tables["facts"]), as_of or _today())
    named = set(panel.loc[panel["measure"] == "communes_ntm_pct", "province"].map(fold))
    if fold(area) in named or keys & named:
        label = t("ntm_pct", lang)
        fig = figures.province_dots(panel, "communes_ntm_pct", label, lang, highlight=area)
        yield Chart("provinces", fig.axes[0].get_title(), fig)


def _map_chart(tables: dict[str, pd.DataFrame], area: str, lang: str) -> Chart | None:
    from ntm_analysis.present.maps import print_map, status_layer

    parts = list(areas.legacy_parts(area)) or [area]
    try:
        layer = status_layer.commune_layer(parts, "legacy", tables, lang)
    except ValueError:
        return None
    title = t("map_title", lang, area=area)
    fig = print_map.static_map(layer, title, [], "legacy", lang, view="tier")
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
    """Everything the pack shows for ``area`` (tables, charts with "[n]" sources, the map)."""
    sl = citations.SourceList(tables["sources"], lang, strict=False)
    key = key_figures.key_figures_table(tables, area, year, as_of, lang, sl)
    frame = key_figures.key_figures_frame(tables, area, year, as_of, lang, sl)
    with charts.numbered_sources(sl):
        when = as_of or (f"{year}-12-31" if year else None)
        chart_list = [
            *_share_charts(tables, area, lang, when),
            *_other_charts(tables, area, year, lang, when),
        ]
        map_chart = _map_chart(tables, area, lang)
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
    )


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _write_table(doc: object, table: readable.Table, caption: str, widths: list[float]) -> None:
    docx_layout.line(doc, caption, docx_layout.BODY_PT, bold=True, space_after=4)
    docx_layout.table(
        doc,
        list(table.frame.columns),
        table.frame.to_numpy().tolist(),
        table.numeric,
        widths,
    )
    if table.note:
        docx_layout.line(doc, table.note, docx_layout.SMALL_PT, italic=True, align="justify")


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

    docx_layout.heading(doc, t("h1", lang))
    if len(b.key):
        m = len({s for s in b.key.frame.iloc[:, -1]})
        docx_layout.paragraph(
            doc,
            t(
                "key_intro",
                lang,
                n=formats.number(len(b.key), lang),
                area=b.area,
                m=formats.number(m, lang),
                d=formats.date(b.as_of, lang),
            ),
        )
        _write_table(doc, b.key, t("table1", lang), [3.0, 5.4, 3.4, 2.7, 2.0])
    else:
        docx_layout.paragraph(
            doc, str(readable.no_data(key_figures.WHAT, b.area, lang, year)).replace("**", "")
        )

    docx_layout.heading(doc, t("h2", lang))
    if not b.charts:
        docx_layout.paragraph(doc, t("no_charts", lang, area=b.area))
    for n, c in enumerate(b.charts, start=1):
        docx_layout.picture(doc, _png(c.figure), t("figure", lang, n=n, title=c.title))
    if b.unmet is not None and len(b.unmet):
        _write_table(doc, b.unmet, t("table3", lang), [2.4, 3.0, 1.5, 2.6, 2.6, 2.9, 1.5])

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
        docx_layout.paragraph(
            doc, t("findings_intro", lang, n=formats.number(len(b.findings), lang), area=b.area)
        )
        _write_table(doc, b.findings, t("table2", lang), [2.6, 1.9, 2.6, 2.0, 4.6, 1.4, 1.4])
    else:
        docx_layout.paragraph(doc, t("no_findings", lang, area=b.area))

    docx_layout.heading(doc, t("h5", lang))
    for text in T["caveats"][lang]:
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
    frame = key_figures.key_figures_frame(
        tables, b.area, None, b.as_of, lang, citations.SourceList(tables["sources"], lang, False)
    )
    heads = key_figures.COLUMNS
    key_rows = [
        [
            r.part,
            r.measure_label,
            r.value,
            findings_unit(r.unit, lang),
            r.date_text,
            b.sources.refs([r.source_id]),
        ]
        for r in frame.itertuples()
    ]
    key_head = [
        heads[0].heading(lang),
        heads[1].heading(lang),
        "Giá trị" if lang == "vi" else "Value",
        "Đơn vị" if lang == "vi" else "Unit",
        heads[3].heading(lang),
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
    p.add_argument("--area", required=True, help="province or district, e.g. 'Hải Phòng'")
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
    try:
        b = make_brief(
            args.area, args.output, args.year, args.as_of, args.lang, args.processed, args.xlsx
        )
    except FileNotFoundError as err:
        print(f"error: {err}")
        return 2
    print(
        f"{args.output}: {len(b.key)} key figures, {len(b.charts) + bool(b.map_chart)} "
        f"pictures, {len(b.findings)} findings, {len(b.sources)} sources"
        + (f"; tables in {args.xlsx}" if args.xlsx else "")
    )
    return 0
