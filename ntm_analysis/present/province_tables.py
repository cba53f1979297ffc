"""The tables of notebook 05 (provinces side by side) for readers: every figure compared, the
averages of criteria of one set, income and poverty listed, each with its date as its source
gives it and its source as a number in the notebook's source list; and a sentence on the
report's own area.
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.analysis import areas, dating
from ntm_analysis.lexicon import formats
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model import citations
from ntm_analysis.places import geo
from ntm_analysis.present import readable
from ntm_analysis.present.charts import VINTAGE_LABELS
from ntm_analysis.present.province_text import MEASURE, first_upper, value_text
from ntm_analysis.present.sentences import listing

NATIONAL = {"vi": "Cả nước", "en": "Whole country"}
BASIS = {
    "stated": {"vi": "nguồn nêu", "en": "as stated"},
    "computed": {"vi": "tính từ số xã và tổng (tính toán)", "en": "count / total (computed)"},
}
LOWER = {
    True: {"vi": "bản sao kém tin cậy hơn", "en": "copy of lower standing"},
    False: {"vi": "", "en": ""},
}
_PREFIX = re.compile(r"^(Tỉnh|Thành phố)\s+")
WHAT = {
    "vi": "các chỉ tiêu được so sánh (trong khoảng thời gian trên)",
    "en": "the measures compared (within the window above)",
}


def province_of(area: str) -> str:
    """The province a report's AREA belongs to, as the panel names it: a district's province,
    a province itself; the name as given when the gazetteer does not know it (or knows
    several).

    >>> province_of("Bắc Sơn"), province_of("Bắc Giang"), province_of("Nơi Không Có")
    ('Lạng Sơn', 'Bắc Giang', 'Nơi Không Có')
    """
    if not area:
        return ""
    try:
        found = geo.resolve_areas(area, "legacy")
    except ValueError:
        return area
    r = found.iloc[0]
    name = {"district": r["province_name"], "province": r["name"]}.get(r["level"])
    return _PREFIX.sub("", str(name)) if name else area


def _frame(panel: pd.DataFrame, sl: citations.SourceList, lang: str) -> pd.DataFrame:
    return panel.assign(
        vintage_text=[
            NATIONAL[lang] if v == "national" else first_upper(VINTAGE_LABELS[v][lang])
            for v in panel["vintage"]
        ],
        name=[
            NATIONAL[lang] if v == "national" else p
            for v, p in zip(panel["vintage"], panel["province"], strict=True)
        ],
        measure_text=[first_upper(MEASURE.get(m, {lang: m})[lang]) for m in panel["measure"]],
        value_text=[value_text(r, lang, mark_computed=False) for _, r in panel.iterrows()],
        basis_text=[BASIS.get(b, {lang: b})[lang] for b in panel["basis"]],
        date_text=[dating.label(d, lang) for d in panel["date"]],
        criteria_text=[
            str(p).replace("-", "–") if p and p != "unknown" else "–"
            for p in panel.get("criteria_period", pd.Series("", index=panel.index))
        ],
        lower_text=[LOWER[bool(x)][lang] for x in panel["lower_confidence"]],
        source=[sl.refs([s]) for s in panel["source_id"]],
    )


_COLUMNS = {
    "vintage": readable.Column("vintage_text", "Đơn vị hành chính", "Admin units"),
    "province": readable.Column("name", "Tỉnh", "Province"),
    "measure": readable.Column("measure_text", "Chỉ tiêu", "Measure"),
    "value": readable.Column("value_text", "Số liệu", "Figure"),
    "basis": readable.Column("basis_text", "Cách có", "How known"),
    "date": readable.Column("date_text", "Thời điểm (như nguồn nêu)", "Date (as given)"),
    "criteria": readable.Column("criteria_text", "Bộ tiêu chí", "Criteria set"),
    "lower": readable.Column("lower_text", "Ghi chú về nguồn", "Note on the source"),
    "note": readable.Column("note", "Khái niệm (tiếng Anh, như bảng tham chiếu)", "Concept"),
    "source": readable.Column("source", "Nguồn", "Source"),
}


def _table(frame: pd.DataFrame, keys: list[str], sl, lang: str) -> readable.Table:
    return readable.table(_frame(frame, sl, lang), [_COLUMNS[k] for k in keys], lang)


def panel_table(panel: pd.DataFrame, sl: citations.SourceList, lang: str = "vi"):
    """Every figure compared: units, province, measure, figure, how it is known, date as
    given, a copy of lower standing, source number."""
    keys = ["vintage", "province", "measure", "value", "basis", "date", "lower", "source"]
    return _table(panel, keys, sl, lang)


def averages_table(averages: pd.DataFrame, sl: citations.SourceList, lang: str = "vi"):
    """Averages of criteria met per commune, with the criteria set each counts."""
    return _table(averages, ["province", "value", "date", "criteria", "source"], sl, lang)


def welfare_table(welfare: pd.DataFrame, sl: citations.SourceList, lang: str = "vi"):
    """Income and poverty figures, listed with the concept the reference notes."""
    return _table(welfare, ["province", "measure", "value", "date", "note", "source"], sl, lang)


def area_sentence(panel: pd.DataFrame, area: str, lang: str = "vi") -> readable.Prose:
    """What the compared figures hold for the report's area (its province, for a district);
    a "no data" section when they hold nothing."""
    if not area:
        return readable.Prose("")
    province = province_of(area)
    names = {fold(province), *(fold(p) for p in areas.legacy_parts(area))}
    mine = panel[
        (panel["vintage"] != "national") & panel["province"].map(lambda p: fold(str(p)) in names)
    ]
    lead = ""
    if fold(province) != fold(area):
        lead = {
            "vi": f"{area} thuộc tỉnh {province}; các tỉnh được so sánh ở cấp tỉnh. ",
            "en": f"{area} is in {province} province; provinces are compared as a whole. ",
        }[lang]
    if mine.empty:
        return readable.Prose(
            lead + str(readable.no_data(WHAT, area if len(names) > 1 else province, lang))
        )
    parts = len(names) > 1  # a merged province: say which part each figure is of
    items = listing(
        [
            _of_part(r, parts, lang)
            + f"{MEASURE[r['measure']][lang]} {value_text(r, lang)} "
            + f"({dating.label(r['date'], lang)})"
            for _, r in mine.iterrows()
        ],
        lang,
    )
    text = {
        "vi": "{lead}Trong khoảng so sánh, {p} có {k} số liệu: {items}; tên tỉnh in đậm trên "
        "các biểu đồ.",
        "en": "{lead}Within the window, {p} has {k} figures: {items}; its name is set in bold "
        "on the charts.",
    }[lang]
    shown = area if parts else province
    return readable.Prose(
        text.format(lead=lead, p=shown, k=formats.number(len(mine), lang), items=items)
    )


def _of_part(r: pd.Series, parts: bool, lang: str) -> str:
    """'Hải Dương (cũ): ' before a figure of an old province that a merged province was
    formed from; '' otherwise."""
    if not parts or r["vintage"] != "legacy":
        return ""
    return f"{r['province']}{areas.OLD if lang == 'vi' else ' (former)'}: "


def source_list(sl: citations.SourceList, lang: str = "vi") -> readable.Prose:
    """The numbered sources of the notebook's tables."""
    return readable.sources_list(sl.entries(), lang)
