"""What the maps draw and how it is named: the classes (a tier and what it rests on, former
communes, score only, no data, outside the programme) and criteria bands, their colours and
outlines, labels and the maps' other texts in Vietnamese and English, and HTML escaping.

A tier's colour is the same whatever it rests on; the outline tells the basis apart: solid for
a record of the unit itself, a thick dashed ring (hatched on the print map) for an area-wide
statement, dotted for what former communes say. Units outside the programme are white with a
grey rim, apart from the grey "no data" class.
"""

from __future__ import annotations

import html

import pandas as pd

from ntm_analysis.analysis import dating, status
from ntm_analysis.analysis.areas import legacy_label
from ntm_analysis.analysis.status_terms import BASIS_SHORT, at_least, tier_label
from ntm_analysis.lexicon import formats
from ntm_analysis.present import charts
from ntm_analysis.present.maps.status_layer import (
    LEGACY_LAST_DAY,
    MapContext,
    predecessor_label,
    style_of,
)

TIER_UNKNOWN_COLOR = "#fee391"
OUT_COLOR = "#ffffff"
SCOPE_UNKNOWN_COLOR = "#dcd0ea"
MIXED_COLOR = "#cfcfcf"
BAND_COLORS = {
    "19": "#1a9850",
    "15–18": "#91cf60",
    "10–14": "#fc8d59",
    "< 10": "#d73027",
    status.BAND_OTHER: "#bababa",
}
BAND_KEYS = tuple(name for _, _, name in status.BANDS)
REGION_OUTLINE = {"East": charts.REGION_COLORS["east"], "West": charts.REGION_COLORS["west"]}
# Outline per style: HTML (Leaflet path options) and print (matplotlib).
HTML_STROKE = {
    "stated": {"color": "#333333", "weight": 0.8},
    "area_statement": {"color": "#111111", "weight": 2.4, "dashArray": "3 2"},
    "predecessors": {"color": "#111111", "weight": 1.6, "dashArray": "1 3"},
    "plain": {"color": "#8c8c8c", "weight": 0.7},
}
PRINT_STROKE = {
    "stated": {"edgecolor": "#333333", "linewidth": 0.5, "hatch": None},
    "area_statement": {"edgecolor": "#111111", "linewidth": 0.9, "hatch": "/////"},
    "predecessors": {"edgecolor": "#111111", "linewidth": 0.8, "hatch": "...."},
    "plain": {"edgecolor": "#8c8c8c", "linewidth": 0.4, "hatch": None},
}
_CSS_BORDER = {"stated": "1px solid", "area_statement": "2px dashed", "predecessors": "2px dotted"}
_TAIL = (status.TIER_UNKNOWN, status.NO_DATA, status.SCOPE_UNKNOWN, status.OUT)

TEXT = {
    "title": {
        "vi": "Mức đạt chuẩn nông thôn mới của các xã – {area}, {units}",
        "en": "NTM tiers of the communes – {area}, {units}",
    },
    "units_2025": {
        "vi": "đơn vị hành chính từ 01/7/2025",
        "en": "administrative units from 1 July 2025",
    },
    "units_legacy": {"vi": "đơn vị trước 01/7/2025", "en": "units before 1 July 2025"},
    "in_programme": {
        "vi": "{n} xã trong chương trình (mẫu số); {out} đơn vị ngoài chương trình vẽ riêng",
        "en": "{n} communes in the programme (the denominator); {out} units outside it drawn apart",
    },
    "units_with_data": {
        "vi": "{n}/{total} xã trong chương trình có số liệu",
        "en": "{n} of {total} communes in the programme have data",
    },
    "data_date": {"vi": "Số liệu đến {date}", "en": "Data up to {date}"},
    "as_of": {"vi": "Tình trạng tại {date}", "en": "Status as of {date}"},
    "no_position": {
        "vi": "{n} đơn vị không có tọa độ, không vẽ được",
        "en": "{n} units have no coordinates and are not drawn",
    },
    "by_tier": {"vi": "Mức đạt chuẩn", "en": "Tier"},
    "by_band": {"vi": "Số tiêu chí NTM đạt (bộ 19 tiêu chí)", "en": "NTM criteria met (of 19)"},
    "band_prefix": {"vi": "Tiêu chí đạt", "en": "Criteria met"},
    "no_band": {"vi": "Không có số liệu tiêu chí", "en": "No criteria data"},
    "band_other": {"vi": "Khoảng khác", "en": "Other range"},
    "point": {
        "vi": "Điểm: tọa độ tham chiếu chính thức của đơn vị",
        "en": "Points: official reference coordinates",
    },
    "cell": {
        "vi": "Ô xấp xỉ quanh tọa độ tham chiếu, không phải ranh giới thật",
        "en": "Approximate cells around reference points, not real boundaries",
    },
    "boundary": {"vi": "Ranh giới từ tệp {file}", "en": "Boundaries from {file}"},
    "unmatched": {
        "vi": "{n} vùng trong tệp ranh giới không khớp đơn vị nào",
        "en": "{n} features of the boundary file matched no unit",
    },
    "unmet": {"vi": "Tiêu chí chưa đạt", "en": "Criteria not met"},
    "of": {"vi": "{met}/{total} tiêu chí ({set})", "en": "{met} of {total} criteria ({set})"},
    "history": {"vi": "Các lần ghi nhận", "en": "Records"},
    "basis": {"vi": "Căn cứ", "en": "Basis"},
    "programme": {"vi": "Chương trình", "en": "Programme"},
    "outside": {"vi": "Ngoài chương trình xã NTM", "en": "Outside the commune programme"},
    "by_type": {
        "vi": "{type} không áp dụng bộ tiêu chí xã NTM",
        "en": "the commune NTM criteria do not apply to a {type}",
    },
    "excluded_by": {"vi": "loại trừ theo {source}", "en": "excluded by {source}"},
    "predecessors": {
        "vi": "Xã cũ (trước 01/7/2025)",
        "en": "Former communes (before 1 Jul 2025)",
    },
    "predecessor_note": {
        "vi": "{n} xã mới có xã cũ được ghi nhận (xem popup)",
        "en": "{n} new communes have former communes with a status (see popups)",
    },
    "rule": {
        "vi": "Xã mới không nhận mức đạt chuẩn của xã cũ: với xã hình thành sau sắp xếp, "
        "mức đạt chuẩn phải được đánh giá và thừa nhận lại ({rule}); chưa thấy quy định "
        "riêng cho xã hình thành ngày 01/7/2025",
        "en": "New communes do not take their former communes' tier: a commune formed by a "
        "merger is assessed and acknowledged anew ({rule}); no rule specific to the communes "
        "formed on 1 Jul 2025 was found",
    },
    "area_applied": {
        "vi": "Văn bản nêu mọi xã của địa bàn đạt (vẽ viền đứt trên từng xã):",
        "en": "Statements that every commune of the area reached a tier (dashed ring):",
    },
    "area_shares": {
        "vi": "Tỷ lệ theo văn bản, không gán cho xã cụ thể:",
        "en": "Shares as stated, not placed on any commune:",
    },
    "area_counts": {
        "vi": "Số xã theo văn bản, không gán cho xã cụ thể:",
        "en": "Counts of communes as stated, not placed on any commune:",
    },
    "area_shares_counts": {
        "vi": "Tỷ lệ và số xã theo văn bản, không gán cho xã cụ thể:",
        "en": "Shares and counts of communes as stated, not placed on any commune:",
    },
    "region_layer": {
        "vi": "Ranh giới vùng (ghép từ ô xấp xỉ của các xã)",
        "en": "Region outline (merged from the communes' approximate cells)",
    },
    "total": {"vi": "Tổng", "en": "Total"},
    "not_named": {"vi": "không nêu tên", "en": "not named"},
    "more_sources": {"vi": "và {n} nguồn khác", "en": "and {n} more"},
    "region_shares": {"vi": "Tỷ lệ xã theo văn bản", "en": "Shares of communes as stated"},
    "region_counts": {"vi": "Số xã theo văn bản", "en": "Counts of communes as stated"},
    "region_shares_counts": {
        "vi": "Tỷ lệ và số xã theo văn bản",
        "en": "Shares and counts of communes as stated",
    },
    "legacy_units": {
        "vi": "Đơn vị hành chính trước {reform}",
        "en": "Units as before {reform}",
    },
    "documented_to": {
        "vi": "tình trạng theo văn bản đến {date}",
        "en": "status as documented up to {date}",
    },
    "after_vintage": {
        "vi": "Ngày được chọn ({date}) sau ngày sắp xếp đơn vị hành chính {reform}: bản đồ vẽ "
        "các xã trước sắp xếp, với tình trạng theo các văn bản có đến ngày số liệu, không "
        "phải tình trạng tại {date}",
        "en": "The date asked for ({date}) is after the reform of {reform}: the map draws the "
        "communes as they were before it, with their status as documented up to the data "
        "date, not their status on {date}",
    },
    "region_shares_note": {
        "vi": "Tỷ lệ 100 % được vẽ trên từng xã (viền đứt, gạch chéo); tỷ lệ dưới 100 % không "
        "gán cho xã nào vì văn bản không nêu tên xã",
        "en": "A 100 % share is drawn on each commune (dashed ring, hatching); a lower share "
        "is placed on no commune, as the source names none",
    },
}


def map_title(names: list[str], vintage: str, lang: str) -> str:
    """A map's title: its subject, the areas (a legacy province merged in 2025 with "(cũ)"
    on a legacy map) and the vintage of the units drawn."""
    shown = [legacy_label(n) if vintage == "legacy" else n for n in names if n]
    area = ", ".join(shown) or ("Việt Nam" if lang == "vi" else "Viet Nam")
    return text("title", lang, area=area, units=text(f"units_{vintage}", lang))


def text(key: str, lang: str, **kw: object) -> str:
    """A map text of `TEXT` in ``lang``, with its placeholders filled."""
    return TEXT[key][lang].format(**kw)


def date_line(ctx: MapContext, lang: str) -> str:
    """The map's dates: 'Tình trạng tại … · Số liệu đến …'; on a legacy map asked for a date
    after the legacy units' last day, what the units are and up to when their status is
    documented instead of a status date the units never reached."""
    if ctx.after_vintage:
        reform = formats.date(str((LEGACY_LAST_DAY + pd.Timedelta(days=1)).date()), lang)
        bits = [text("legacy_units", lang, reform=reform)]
        if ctx.data_date:
            bits.append(text("documented_to", lang, date=ctx.data_date))
        return "; ".join(bits)
    bits = [text("as_of", lang, date=ctx.as_of)] if ctx.as_of else []
    if ctx.data_date:
        bits.append(text("data_date", lang, date=ctx.data_date))
    return " · ".join(bits)


def date_notes(ctx: MapContext, lang: str) -> list[str]:
    """The note that goes with `date_line` when the date asked for is past the vintage."""
    if not ctx.after_vintage:
        return []
    reform = formats.date(str((LEGACY_LAST_DAY + pd.Timedelta(days=1)).date()), lang)
    return [text("after_vintage", lang, date=ctx.as_of, reform=reform)]


def escape(value: object) -> str:
    """HTML-escape a value from data (quotes too); None and NA become ""."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def band_classes(with_other: bool = True) -> list[str]:
    """Band classes drawn, best first: the bands, "other" (optional) and "" (no band)."""
    return [*BAND_KEYS, *([status.BAND_OTHER] if with_other else []), ""]


def _order(key: str) -> tuple[int, int]:
    tier, _, rest = key.partition("|")
    if tier in status.TIER_RANK:
        styles = ("stated", "area_statement", "predecessors")
        return (-status.TIER_RANK[tier] * 10, styles.index(rest) if rest in styles else 9)
    if tier == "pred":
        rank = status.TIER_RANK.get(rest, -1)
        return (100 - rank, 0)
    return (200 + _TAIL.index(key) if key in _TAIL else 300, 0)


def tier_keys(layer: pd.DataFrame) -> list[str]:
    """The tier-view classes present in ``layer``, best first (grey and apart ones last)."""
    return sorted(set(layer["draw_key"]), key=_order)


def class_color(view: str, key: str) -> str:
    """Fill colour of a class of the ``tier`` or ``band`` view."""
    if view == "band":
        return BAND_COLORS.get(key, charts.TIER_COLORS[status.NO_DATA])
    tier, _, rest = key.partition("|")
    if tier == "pred":
        return MIXED_COLOR if rest == "mixed" else charts.TIER_COLORS[rest]
    if tier in status.TIER_RANK:
        return charts.TIER_COLORS[tier]
    return {
        status.TIER_UNKNOWN: TIER_UNKNOWN_COLOR,
        status.OUT: OUT_COLOR,
        status.SCOPE_UNKNOWN: SCOPE_UNKNOWN_COLOR,
    }.get(key, charts.TIER_COLORS[status.NO_DATA])


def class_label(view: str, key: str, lang: str) -> str:
    """Label of a class of the ``tier`` or ``band`` view."""
    if view == "band":
        if key == "":
            return text("no_band", lang)
        return text("band_other", lang) if key == status.BAND_OTHER else key
    tier, _, rest = key.partition("|")
    if tier == "pred":
        return predecessor_label(key, lang)
    if tier in status.TIER_RANK:
        how = BASIS_SHORT.get(rest, {}).get(lang, "")
        if rest == "stated":
            how = "văn bản về chính xã" if lang == "vi" else "the commune's own record"
        label = tier_label(tier, lang)
        if rest != "stated":
            label = at_least(tier, lang)
            label = label[:1].upper() + label[1:]
        return f"{label} — {how}" if how else label
    return tier_label(key, lang)


def class_style(view: str, key: str) -> str:
    """Outline style of a class (`status_layer.style_of`); bands are solid."""
    return "stated" if view == "band" else style_of(key)


def swatch(color: str, round_: bool, style: str = "stated") -> str:
    """A small coloured square (or disc, for point markers) for legends and layer names."""
    radius = "50%" if round_ else "2px"
    border = _CSS_BORDER.get(style, "1px solid")
    edge = "#8c8c8c" if style == "plain" else "#222"
    return (
        f'<span style="display:inline-block;width:11px;height:11px;margin-right:5px;'
        f"vertical-align:-1px;border:{border} {edge};border-radius:{radius};"
        f'background:{color}"></span>'
    )


def region_count(
    layer: pd.DataFrame, part: pd.DataFrame, view: str, key: str, region: str, lang: str = "vi"
) -> int | str:
    """The legend's count of a class in a region, or "không nêu tên" where no commune of the
    region is named at the tier but an area-wide statement about the region gives it (the
    layer's ``area_tiers``): the communes are not named, which is not none of them."""
    n = int((part["region"] == region).sum())
    tier, _, basis = str(key).partition("|")
    if n or view != "tier" or basis != "stated" or "area_tiers" not in layer:
        return n
    said = layer.loc[layer["region"] == region, "area_tiers"].astype(str)
    return text("not_named", lang) if any(tier in t.split(";") for t in said) else n


def legend_table(layer: pd.DataFrame, lang: str = "vi", view: str = "tier") -> pd.DataFrame:
    """The legend's counts as a table: one row per class drawn (label), a column per region
    (East, West) where there are regions, and the total. Notebooks and briefings show it."""
    apart = layer["draw_key"].isin([status.OUT, status.SCOPE_UNKNOWN])
    if view == "band":
        keys = [("band", k) for k in band_classes()]
        keys += [("tier", k) for k in (status.SCOPE_UNKNOWN, status.OUT)]
    else:
        keys = [("tier", k) for k in tier_keys(layer)]
    regions = [r for r in ("East", "West") if (layer["region"] == r).any()]
    rows = []
    for kview, k in keys:
        if kview == "band":
            part = layer[(layer["band"] == k) & ~apart]
        else:
            part = layer[layer["draw_key"] == k]
        if part.empty:
            continue
        row = {"class": class_label(kview, k, lang)}
        for r in regions:
            row[charts.label(r.lower(), lang)] = region_count(layer, part, kview, k, r, lang)
        row[text("total", lang)] = len(part)
        rows.append(row)
    return pd.DataFrame(rows).set_index("class")


LEGEND_CLASS = {"vi": "Lớp trên bản đồ", "en": "Map class"}


def legend_reader_table(layer: pd.DataFrame, lang: str = "vi", view: str = "tier"):
    """`legend_table` for readers (`present.readable`): the class, then counts per region
    and the total."""
    from ntm_analysis.present import readable

    frame = legend_table(layer, lang, view)
    if frame.empty:
        return readable.table(pd.DataFrame(), [], lang)
    frame = frame.reset_index()
    cols = [readable.Column("class", LEGEND_CLASS["vi"], LEGEND_CLASS["en"])]
    cols += [readable.Column(c, c, c, _count_cell) for c in frame.columns[1:]]
    return readable.table(frame, cols, lang)


def _region_part(name: str, n_adv: int, n_in: int, n_open: int, lang: str) -> str:
    """One region's count of communes at least advanced: with its share when the sources
    place every commune in the programme, else as a partial count of named communes."""
    if n_open:  # some communes no source places: a count of the named ones, no share
        if lang == "vi":
            return (
                f"{name}: {n_adv} xã có tên trong văn bản (chưa đầy đủ) đạt ít nhất NTM nâng "
                f"cao; {n_open} trong {n_in} xã trong chương trình không có văn bản về chính xã"
            )
        return (
            f"{name}: {n_adv} communes named in documents (incomplete) as at least advanced; "
            f"{n_open} of the {n_in} communes in the programme have no record of their own"
        )
    share = formats.percent(100 * n_adv / n_in, lang) if n_in else "–"
    if lang == "vi":
        return f"{name}: {n_adv}/{n_in} xã được văn bản xác định ít nhất NTM nâng cao ({share})"
    return f"{name}: {n_adv} of {n_in} communes documented as at least advanced ({share})"


def _count_cell(value: object, lang: str) -> str:
    """A legend count, or the words that stand for one ("không nêu tên")."""
    return value if isinstance(value, str) else formats.number(value, lang, 0)


def summary_sentence(layer: pd.DataFrame, lang: str = "vi") -> str:
    """One sentence on who is in the programme and how many communes have a tier, by region.

    Every number is counted from ``layer``; the sentence names the denominator. A region
    where some communes in the programme are below advanced on no record of their own (no
    tier, or only an area-wide "at least") gets the count of the communes documents place,
    said to be partial, without a share.
    """
    inside = layer["in_programme"].eq(True).fillna(False).astype(bool)
    tiered = inside & layer["status_class"].isin(status.TIER_RANK)
    advanced = tiered & (
        layer["status_class"].map(status.TIER_RANK) >= status.TIER_RANK["advanced"]
    )
    # below advanced on no record of its own (no tier, an area-wide floor, former communes,
    # a criteria sheet): such a commune may be advanced, the count of the others is partial
    own = layer["basis"].astype("string").eq("stated").fillna(False).astype(bool)
    open_ = inside & ~advanced & ~own
    parts = []
    for r in [r for r in ("East", "West") if (layer["region"] == r).any()] or [None]:
        mine = layer["region"] == r if r else pd.Series(True, index=layer.index)
        n_in, n_adv = int((inside & mine).sum()), int((advanced & mine).sum())
        name = charts.label(r.lower(), lang) if r else ("Toàn địa bàn" if lang == "vi" else "All")
        parts.append(_region_part(name, n_adv, n_in, int((open_ & mine).sum()), lang))
    n_out = int((~inside).sum())
    if lang == "vi":
        head = f"{int(inside.sum())} xã trong chương trình; {n_out} đơn vị ngoài chương trình."
    else:
        head = f"{int(inside.sum())} communes in the programme; {n_out} units outside it."
    return f"{head} " + "; ".join(parts) + "."


_FIGURE_COLUMNS = (
    ("area_name", "Địa bàn", "Area", "text"),
    ("tier_text", "Mức", "Tier", "text"),
    ("count", "Số xã", "Communes", "integer"),
    ("total", "Tổng số xã", "Of", "integer"),
    ("share_pct", "Tỷ lệ", "Share", "percent"),
    ("basis_text", "Cách có tỷ lệ", "Share from", "text"),
    ("role_text", "Trên bản đồ", "On the map", "text"),
    ("date_text", "Thời điểm", "Date", "text"),
    ("source", "Nguồn", "Source", "text"),
)
_SHARE_BASIS = {
    "stated": {"vi": "văn bản nêu", "en": "as printed"},
    "computed": {"vi": "tính từ số xã và tổng (tính toán)", "en": "count / total (computed)"},
    "count": {"vi": "chỉ có số xã", "en": "count only"},
}
_ROLE = {
    "applied": {"vi": "vẽ trên từng xã", "en": "drawn on each commune"},
    "share": {"vi": "chỉ là tỷ lệ của địa bàn", "en": "the area's share only"},
    "below_full": {"vi": "đã bao hàm trong mức cao hơn", "en": "covered by a higher tier"},
}


def area_figures_table(figures: pd.DataFrame, sources: pd.DataFrame, lang: str = "vi"):
    """`status.area_context` figures for readers (`present.readable`): labels, formatted
    numbers, dates as the sources give them, sources cited in ``lang``."""
    from ntm_analysis.analysis.areas import OLD
    from ntm_analysis.analysis.status_terms import when
    from ntm_analysis.model import citations
    from ntm_analysis.present import readable

    cited = {
        c.source_id: c.short
        for c in citations.resolve(figures["source_id"].dropna(), sources, lang, strict=False)
    }
    former = OLD if lang == "vi" else " (former)"
    notes = pd.Series(None, index=figures.index, dtype="object")
    frame = figures.assign(
        area_name=[
            str(legacy_label(a) if v == "legacy" else a).replace(OLD, former)
            for a, v in zip(figures["area_name"], figures["admin_vintage"], strict=True)
        ],
        tier_text=[tier_label(t, lang) for t in figures["tier"]],
        basis_text=[_SHARE_BASIS[b][lang] for b in figures["share_basis"]],
        role_text=[_ROLE[r][lang] for r in figures["role"]],
        date_text=[
            dating.mark_inferred(when(d, lang), n, lang)
            for d, n in zip(figures["date_text"], figures.get("note", notes), strict=True)
        ],
        source=[cited.get(s, "–") for s in figures["source_id"]],
    )
    cols = [readable.Column(k, vi, en, kind) for k, vi, en, kind in _FIGURE_COLUMNS]
    return readable.table(frame, cols, lang)
