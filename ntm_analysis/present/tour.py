"""The tables of the data tour (notebook 01) for readers: the last build, the sources by
kind, what the data covers by province, level and year, and the admin units by vintage."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import areas
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.present import charts, readable
from ntm_analysis.present.figures import TABLE_LABELS

KIND_LABELS = {
    "document": {"vi": "Văn bản", "en": "Documents"},
    "web": {"vi": "Trang tin điện tử", "en": "Web pages"},
    "reference_table": {"vi": "Bảng tham chiếu tổng hợp", "en": "Curated reference tables"},
    "package": {"vi": "Gói dữ liệu đơn vị hành chính", "en": "Admin-unit data packages"},
    "dataset": {"vi": "Bộ dữ liệu", "en": "Datasets"},
}
LEVEL_LABELS = {
    "country": {"vi": "Cả nước", "en": "Country"},
    "region": {"vi": "Vùng", "en": "Region"},
    "province": {"vi": "Tỉnh", "en": "Province"},
    "district": {"vi": "Huyện", "en": "District"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "village": {"vi": "Thôn", "en": "Village"},
}


def _label(labels: dict[str, dict[str, str]], key: object, lang: str) -> str:
    return labels.get(str(key), {}).get(lang, str(key))


def build_table(summary: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """Rows read, written and rejected per table in the last build."""
    frame = summary.assign(name=[_label(TABLE_LABELS, t, lang) for t in summary["table"]])
    if lang == "vi":
        frame.loc[frame["table"] == "total", "name"] = "Tổng cộng"
    else:
        frame.loc[frame["table"] == "total", "name"] = "Total"
    cols = [
        readable.Column("name", "Bảng", "Table"),
        readable.Column("rows_read", "Số dòng đọc", "Rows read", "integer"),
        readable.Column("rows_written", "Số dòng ghi", "Rows written", "integer"),
        readable.Column("rows_rejected", "Số dòng bị loại", "Rows rejected", "integer"),
    ]
    return readable.table(frame, cols, lang)


def sources_by_kind(sources: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """How many sources of each kind the data cites."""
    counts = sources.groupby("kind").size().rename("n").reset_index()
    counts["kind_label"] = [_label(KIND_LABELS, k, lang) for k in counts["kind"]]
    cols = [
        readable.Column("kind_label", "Loại nguồn", "Kind of source"),
        readable.Column("n", "Số nguồn", "Sources", "integer"),
    ]
    return readable.table(counts, cols, lang)


def documents_table(sources: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """The documents, each with its citation and what it is about."""
    from ntm_analysis.model import citations

    docs = sources[sources["kind"] == "document"]
    cited = citations.resolve(docs["source_id"], sources, lang)
    frame = docs.assign(citation=[c.short for c in cited])
    cols = [
        readable.Column("citation", "Văn bản", "Document"),
        readable.Column("title", "Nội dung", "About"),
        readable.Column("province", "Tỉnh", "Province"),
    ]
    return readable.table(frame, cols, lang)


def coverage_table(coverage: pd.DataFrame, lang: str = "vi", area: str = "") -> readable.Table:
    """Rows per table and province (of ``area`` and its parts, when given), by year."""
    cov = coverage
    if area:
        keep = {fold(area), *(fold(p) for p in areas.legacy_parts(area))}
        cov = cov[cov["province"].map(lambda p: fold(str(p))).isin(keep)]
    if cov.empty:
        return readable.table(pd.DataFrame(), [], lang)
    cov = cov.assign(province=areas.province_labels(cov))
    wide = cov.assign(year=cov["year"].astype("string").fillna("–")).pivot_table(
        index=["table", "province"], columns="year", values="rows", aggfunc="sum", fill_value=0
    )
    wide = wide.reset_index()
    wide["table"] = [_label(TABLE_LABELS, t, lang) for t in wide["table"]]
    unknown = {"vi": "(không rõ tỉnh)", "en": "(province not stated)"}[lang]
    wide["province"] = wide["province"].replace("(not stated)", unknown)
    years = [c for c in wide.columns if c not in ("table", "province")]
    cols = [
        readable.Column("table", "Bảng", "Table"),
        readable.Column("province", "Tỉnh", "Province"),
        *(readable.Column(y, str(y), str(y) if y != "–" else "no year", "integer") for y in years),
    ]
    return readable.table(wide, cols, lang)


def level_table(coverage: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """Rows per table and administrative level."""
    wide = coverage.pivot_table(
        index="table", columns="level", values="rows", aggfunc="sum", fill_value=0
    ).reset_index()
    wide["table"] = [_label(TABLE_LABELS, t, lang) for t in wide["table"]]
    levels = [c for c in LEVEL_LABELS if c in wide.columns]
    cols = [
        readable.Column("table", "Bảng", "Table"),
        *(
            readable.Column(lv, LEVEL_LABELS[lv]["vi"], LEVEL_LABELS[lv]["en"], "integer")
            for lv in levels
        ),
    ]
    return readable.table(wide, cols, lang)


def units_table(units: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """Administrative units per vintage and level."""
    counts = units.groupby(["admin_vintage", "level"]).size().unstack(fill_value=0).reset_index()
    counts["vintage"] = [charts.VINTAGE_LABELS[v][lang] for v in counts["admin_vintage"]]
    levels = [c for c in ("province", "district", "commune") if c in counts.columns]
    cols = [
        readable.Column("vintage", "Thời kỳ đơn vị hành chính", "Admin-unit vintage"),
        *(
            readable.Column(lv, LEVEL_LABELS[lv]["vi"], LEVEL_LABELS[lv]["en"], "integer")
            for lv in levels
        ),
    ]
    return readable.table(counts, cols, lang)


WHAT = {"vi": "số dòng số liệu", "en": "rows of data"}
