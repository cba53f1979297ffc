"""The consistency findings and the rejected rows, written for readers.

`findings_table` turns `analysis.consistency.report_table` (with the values of
`check_facts`) into a table in the report's language: the check by name, the figures as
printed (formats of `lexicon.formats`), each side cited by document and section, and one
sentence saying what disagrees. `rejects_table` lists the rows the build refused, by file
and reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from ntm_analysis.analysis import areas, consistency
from ntm_analysis.lexicon import formats, vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model import citations
from ntm_analysis.present import readable

CHECKS = {
    "parts_vs_total": {
        "vi": "Các phần không khớp với tổng",
        "en": "Parts do not match the total",
    },
    "count_vs_percent": {
        "vi": "Số lượng và tỷ lệ không khớp",
        "en": "Count and percentage disagree",
    },
    "plan_vs_achieved": {
        "vi": "Mức vượt kế hoạch không khớp",
        "en": "Excess over plan does not match",
    },
    "two_sources": {"vi": "Hai nguồn ghi khác nhau", "en": "Two sources differ"},
    "share_falls": {"vi": "Tỷ lệ giảm giữa hai thời điểm", "en": "Share falls between two dates"},
    "event_dates": {
        "vi": "Hai nguồn ghi năm khác nhau cho một sự kiện",
        "en": "Two sources date one event differently",
    },
    "commune_tiers": {
        "vi": "Hai nguồn ghi mức khác nhau cho một xã",
        "en": "Two sources give a commune different tiers",
    },
    "issue_date": {
        "vi": "Ngày ban hành trái với văn bản được dẫn",
        "en": "Issue date contradicted by the documents cited",
    },
    "flow_vs_stock": {
        "vi": "Số xã tăng thêm không khớp với số xã đạt chuẩn",
        "en": "Communes added do not match the stock",
    },
}
SENTENCES = {
    "parts_vs_total": {
        "vi": "Tổng ghi trong nguồn A là {a}; cộng các phần được {b}.",
        "en": "Source A states a total of {a}; its parts add up to {b}.",
    },
    "count_vs_percent": {
        "vi": "Nguồn A ghi {a}; tỷ lệ ghi {b} không khớp với số lượng trên tổng số của cùng nguồn.",
        "en": "Source A states {a}; the percentage stated, {b}, does not match the count over "
        "the total of the same source.",
    },
    "plan_vs_achieved": {
        "vi": "Mức vượt kế hoạch ghi là {a}, khác với số đạt được ({b}) trừ kế hoạch.",
        "en": "The excess over plan is stated as {a}, not achieved ({b}) minus planned.",
    },
    "two_sources": {
        "vi": "Nguồn A ghi {a}, nguồn B ghi {b} cho cùng chỉ tiêu, địa bàn và thời điểm.",
        "en": "Source A states {a}, source B {b}, for the same measure, area and date.",
    },
    "share_falls": {
        "vi": "Tỷ lệ giảm từ {a} xuống {b}; mẫu số (tổng số xã) có thể đã khác nhau.",
        "en": "The share falls from {a} to {b}; the denominator (communes in total) may differ.",
    },
    "event_dates": {
        "vi": "Nguồn A ghi năm {a}, nguồn B ghi năm {b} cho cùng một sự kiện.",
        "en": "Source A dates the event {a}, source B {b}.",
    },
    "commune_tiers": {
        "vi": "Trong cùng một năm, nguồn A ghi {a}, nguồn B ghi {b}: hai bước trong một năm, "
        "hoặc một lần công nhận được ghi ở hai mức.",
        "en": "In the same year source A gives {a}, source B {b}: two steps in one year, or "
        "one recognition recorded at two tiers.",
    },
    "issue_date": {
        "vi": "Văn bản ghi ngày ban hành {a} nhưng dẫn văn bản có ngày muộn hơn; ngày ban "
        "hành có thể không đúng.",
        "en": "The document is dated {a} but cites documents dated later; its issue date may "
        "be wrong.",
    },
    "flow_vs_stock": {
        "vi": "Nguồn A ghi {a} xã tăng thêm trong năm; nguồn B ghi {b} xã đạt chuẩn sau đó, "
        "không khớp với số tăng thêm.",
        "en": "Source A counts {a} communes added in the year; source B counts {b} at the tier "
        "after it, which does not fit the additions.",
    },
}
# What a finding compares when it is not a stated measure.
FINDING_MEASURES = {
    "issued_date": {"vi": "Ngày ban hành văn bản", "en": "Issue date"},
    "commune_tier": {"vi": "Mức đạt chuẩn của xã", "en": "Commune tier"},
}
COLUMNS = [
    readable.Column("check_label", "Vấn đề", "Issue"),
    readable.Column("area", "Địa bàn", "Area"),
    readable.Column("measure_label", "Chỉ tiêu", "Measure"),
    readable.Column("when_text", "Thời điểm", "Date"),
    readable.Column("sentence", "Nhận xét", "What disagrees"),
    readable.Column("cite_a", "Nguồn A", "Source A"),
    readable.Column("cite_b", "Nguồn B", "Source B"),
]


def measure_label(measure: str, lang: str = "vi") -> str:
    """A measure's name for readers: the vocabulary's, or built from a funding category and
    flow (``funding_provincial_allocated``), else the key with spaces.

    >>> measure_label("communes_model_pct"), measure_label("funding_provincial_allocated", "en")
    ('Tỷ lệ xã đạt chuẩn NTM kiểu mẫu', 'Provincial budget (allocated)')
    """
    if vocabulary.has_label("measures", measure):
        return vocabulary.label("measures", measure, lang)
    if measure in FINDING_MEASURES:
        return FINDING_MEASURES[measure][lang]
    m = re.fullmatch(r"funding_(\w+)_(allocated|disbursed|mobilised|planned)", measure)
    if m and vocabulary.has_label("funding_categories", m.group(1)):
        cat = vocabulary.label("funding_categories", m.group(1), lang)
        flow = vocabulary.label("funding_flows", m.group(2), lang).lower()
        return f"{cat} ({flow})"
    return measure.replace("_", " ")


def value_writer(measure: str) -> Callable[[object, str], str]:
    """How a measure's values are written: shares as percentages, money in đồng units."""
    if measure.endswith(("_pct", "_share")):
        return lambda v, lang: formats.percent(v, lang)
    if measure.endswith("_bn_vnd"):
        return lambda v, lang: formats.money(float(v) * 1e9, lang)
    if measure.endswith("_vnd") or re.fullmatch(
        r"funding_\w+_(allocated|disbursed|mobilised)", measure
    ):
        return lambda v, lang: formats.money(v, lang)
    return lambda v, lang: formats.number(v, lang)


def section(locator: object, lang: str = "vi") -> str:
    """The section part of a document locator ('I, line 42' → 'mục I'); '' for others."""
    text = str(locator or "")
    m = re.match(r"^([IVX]+(?:\.\d+)*|\d+(?:\.\d+)*)\s*,\s*lines?\b", text)
    if not m:
        return ""
    return f"{'mục' if lang == 'vi' else 'section'} {m.group(1)}"


def _when(value: object, lang: str) -> str:
    """A finding's date as `ntm check-facts` gives it: a year, a date at any precision, or a
    span of two ("2022–2023")."""
    text = str(value or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return formats.when(text, None, None, lang)
    if re.fullmatch(r"\d{4}\s*[–-]\s*\d{4}", text):
        return formats.when(None, None, text, lang)
    return formats.when(None, text or None, None, lang)


def _locators(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("facts", "funding", "targets"):
        df = tables.get(name)
        if df is not None and len(df):
            out.update(zip(df["raw_row"], df["source_locator"], strict=True))
    return out


def findings_frame(
    tables: dict[str, pd.DataFrame], area: str | None = None, lang: str = "vi"
) -> pd.DataFrame:
    """The findings (of ``area`` and its parts, when given) with readable columns and the
    source ids kept for numbering (``source_a``, ``source_b``)."""
    found = consistency.check_facts(tables)
    report = consistency.report_table(tables)  # the rows, as the consistency module cites them
    found = found.assign(document_a=report["document_a"], document_b=report["document_b"])
    if area:
        shown = _in_area(found, tables, area)
        found = found[shown.notna()].assign(area=shown[shown.notna()])
    src = tables["sources"]
    loc = _locators(tables)

    def cite(sid: object, row: object) -> str:
        if not isinstance(sid, str) or not sid:
            return "–"
        text = citations.resolve([sid], src, lang, strict=False)[0].short
        where = section(loc.get(str(row), ""), lang)
        return f"{text}, {where}" if where else text

    rows = []
    for r in found.itertuples():
        a_text, b_text = _values(r, lang)
        rows.append(
            {
                "check": r.check,
                "check_label": CHECKS.get(r.check, {}).get(lang, r.check),
                "area": r.area,
                "measure": r.measure,
                "measure_label": measure_label(r.measure, lang),
                "when_text": _when(r.when, lang),
                "sentence": SENTENCES.get(r.check, {}).get(lang, "").format(a=a_text, b=b_text),
                "cite_a": cite(r.source_a, r.row_a),
                "cite_b": cite(r.source_b, r.row_b),
                "source_a": r.source_a,
                "source_b": r.source_b,
            }
        )
    return pd.DataFrame(
        rows, columns=[c.key for c in COLUMNS] + ["check", "measure", "source_a", "source_b"]
    )


def _values(r: object, lang: str) -> tuple[str, str]:
    """The two figures a finding compares, as its sentence writes them."""
    check, measure = r.check, r.measure  # type: ignore[attr-defined]
    a, b = r.value_a, r.value_b  # type: ignore[attr-defined]
    if check == "issue_date":
        return _when(r.when, lang), "–"  # type: ignore[attr-defined]
    if check == "event_dates":
        return tuple(str(int(v)) if pd.notna(v) else "–" for v in (a, b))  # type: ignore[return-value]
    if check == "commune_tiers":
        by_rank = {t.order: t.key for t in vocabulary.terms("tiers")}
        return tuple(  # type: ignore[return-value]
            vocabulary.label("tiers", by_rank[int(v)], lang) if pd.notna(v) else "–" for v in (a, b)
        )
    b_measure = measure + "_pct" if check == "count_vs_percent" else measure
    a_text = value_writer(measure)(a, lang)
    b_text = value_writer(b_measure)(b, lang) if pd.notna(b) else "–"
    if check == "count_vs_percent":
        b_text = formats.percent(b, lang)
    return a_text, b_text


def _row_units(tables: dict[str, pd.DataFrame]) -> dict[str, tuple[str, str]]:
    """raw_row -> (level, legacy code) of the unit a row is about (facts, funding, records)."""
    out: dict[str, tuple[str, str]] = {}
    for name, level, code in (
        ("facts", "area_level", "area_code"),
        ("funding", "area_level", "area_code"),
        ("commune_status", None, "unit_code"),
    ):
        df = tables.get(name)
        if df is None or df.empty or code not in df or "raw_row" not in df:
            continue
        df = df[(df.get("admin_vintage") == "legacy") & df[code].notna()]
        levels = df[level].astype(str) if level else pd.Series("commune", index=df.index)
        out.update(zip(df["raw_row"], zip(levels, df[code].astype(str), strict=True), strict=True))
    return out


def _in_area(found: pd.DataFrame, tables: dict[str, pd.DataFrame], area: str) -> pd.Series:
    """The name each finding about ``area`` is shown under: its own area's for the area and
    its legacy parts, the unit's label ("Huyện An Lão – Hải Phòng (cũ)") for a legacy district
    or commune inside it (the unit of either row, by its code); None for other findings."""
    keep = {fold(area), *(fold(p) for p in areas.legacy_parts(area))}
    base = found["area"].map(lambda a: fold(str(a)).removesuffix(fold(areas.OLD)).strip())
    sc = areas.scope(area)
    labels = dict(zip(zip(sc.units["level"], sc.units["unit_code"]), sc.units["label"]))
    units = _row_units(tables)

    def label(r: pd.Series) -> object:
        for row in (r["row_a"], r["row_b"]):
            unit = units.get(str(row))
            if unit in labels:
                return labels[unit]
            if unit is not None and unit[0] == sc.level and unit[1] in sc.codes:
                return r["area"]
        return None

    inside = found.apply(label, axis=1) if len(found) else pd.Series(dtype="object")
    own = found["area"].astype("object")
    if len(keep) > 1:  # a merged province: a legacy part is named as in the key figures
        legacy = {row for row, u in units.items() if u[0] == sc.level and u[1] in sc.codes}
        old = [
            str(a).endswith(areas.OLD) or str(ra) in legacy or str(rb) in legacy
            for a, ra, rb in zip(found["area"], found["row_a"], found["row_b"], strict=True)
        ]
        named = found["area"].astype(str).str.removesuffix(areas.OLD)
        own = named.where(~pd.Series(old, index=found.index, dtype=bool), named + areas.OLD)
    return own.where(base.isin(keep), inside).astype("object")


def findings_table(
    tables: dict[str, pd.DataFrame], area: str | None = None, lang: str = "vi"
) -> readable.Table:
    """The findings as a reader table."""
    return readable.table(findings_frame(tables, area, lang), COLUMNS, lang)


REJECT_COLUMNS = [
    readable.Column("table", "Bảng", "Table"),
    readable.Column("raw_row", "Tệp và dòng", "File and line"),
    readable.Column("column", "Cột", "Column"),
    readable.Column("reason", "Lý do (tiếng Anh)", "Reason"),
]


def rejects_table(rejects: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """The rows the last build refused, one per row, with the file, line and reason."""
    return readable.table(rejects, REJECT_COLUMNS, lang)


WHAT = {"vi": "phát hiện về tính nhất quán", "en": "consistency findings"}
