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

from ntm_analysis.analysis import areas, consistency, cross_checks
from ntm_analysis.lexicon import formats, vocabulary
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
        "vi": "Một sự kiện, hai nguồn ghi năm khác nhau",
        "en": "One event dated differently by two sources",
    },
    "commune_tiers": {
        "vi": "Một xã, hai mức đạt chuẩn trong cùng năm",
        "en": "One commune, two tiers in one year",
    },
    "issue_date": {
        "vi": "Ngày ban hành sớm hơn văn bản được dẫn",
        "en": "Issued before a document it cites",
    },
    "flow_vs_stock": {
        "vi": "Số xã tăng thêm không khớp với số xã đạt chuẩn",
        "en": "Additions do not match the count after them",
    },
    "count_over_total": {
        "vi": "Số đơn vị đạt chuẩn lớn hơn tổng số",
        "en": "Count above its total",
    },
    "base_changed": {
        "vi": "Số đơn vị thay đổi giữa hai thời điểm (không phải mâu thuẫn)",
        "en": "The base changed between the dates (not a conflict)",
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
        "en": "Source A gives {a}, source B {b} for the same event.",
    },
    "commune_tiers": {
        "vi": "Nguồn A ghi {a}, nguồn B ghi {b} cho cùng xã trong cùng năm: hai bước trong một "
        "năm, hoặc một lần công nhận được ghi ở hai mức.",
        "en": "Source A gives {a}, source B {b} for the same commune and year: two steps in one "
        "year, or one recognition recorded at two tiers.",
    },
    "issue_date": {
        "vi": "Văn bản ghi ngày ban hành {a} nhưng dẫn một văn bản ghi ngày {b}, muộn hơn.",
        "en": "The document is dated {a} but cites a document dated {b}, later.",
    },
    "flow_vs_stock": {
        "vi": "Nguồn A ghi {a} xã tăng thêm trong năm; nguồn B ghi {b} xã đạt mức đó sau năm: "
        "hai số không khớp (sáp nhập, xã chuyển loại hoặc số liệu mâu thuẫn).",
        "en": "Source A states {a} communes added in the year; source B {b} at that tier after "
        "it: the two do not match (mergers, reclassified communes or conflicting figures).",
    },
    "count_over_total": {
        "vi": "Nguồn A ghi {a} đạt chuẩn, nhiều hơn tổng số {b} do nguồn B ghi: cùng thời điểm "
        "thì hai số mâu thuẫn; khác thời điểm thì số đơn vị có thể đã thay đổi (sáp nhập, sắp "
        "xếp đơn vị hành chính), hai số không so sánh với nhau được.",
        "en": "Source A states {a} at the tier, more than the total of {b} stated by source B: "
        "on one date the two contradict each other; on different dates the number of units "
        "may have changed (mergers, reorganisation) and the two are not comparable.",
    },
    "two_sources_year": {
        "vi": "Nguồn A ghi {a}, nguồn B ghi {b} cho cùng chỉ tiêu và địa bàn trong cùng năm, "
        "ở hai thời điểm khác nhau mà ghi chú của số liệu đặt cạnh nhau; số liệu có thể đã "
        "thay đổi giữa hai thời điểm.",
        "en": "Source A states {a}, source B {b}, for the same measure and area in the same "
        "year, at two dates a note sets side by side; the figure may have changed between them.",
    },
    "base_changed": {
        "vi": "Nguồn A ghi {a} đạt chuẩn, nhiều hơn tổng số {b} do nguồn B ghi ở thời điểm khác; "
        "ghi chú của số liệu nêu số đơn vị đã thay đổi giữa hai thời điểm (sáp nhập, sắp xếp đơn "
        "vị hành chính): đây là thay đổi mẫu số, không phải mâu thuẫn.",
        "en": "Source A states {a} at the tier, more than the total of {b} stated by source B for "
        "another date; the figures' note records that the units changed between the dates "
        "(mergers, reorganisation): a change of base, not a conflict.",
    },
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


def _sentence_key(r: object) -> str:
    """The sentence of a finding: its check's, or the same-year variant of ``two_sources``."""
    if r.check == "two_sources" and cross_checks.SAME_YEAR in str(r.message):
        return "two_sources_year"
    return r.check


def measure_label(measure: str, lang: str = "vi") -> str:
    """A measure's name for readers: the vocabulary's, or built from a funding category and
    flow (``funding_provincial_allocated``), else the key with spaces.

    >>> measure_label("communes_model_pct"), measure_label("funding_provincial_allocated", "en")
    ('Tỷ lệ xã đạt chuẩn NTM kiểu mẫu', 'Provincial budget (allocated)')
    """
    if vocabulary.has_label("measures", measure):
        return vocabulary.label("measures", measure, lang)
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


def _area_findings(tables: dict[str, pd.DataFrame], area: str | None) -> pd.DataFrame:
    found = consistency.check_facts(tables)
    report = consistency.report_table(tables)  # the rows, as the consistency module cites them
    found = found.assign(document_a=report["document_a"], document_b=report["document_b"])
    if area:
        shown = _in_area(found, tables, area)
        found = found[shown.notna()].assign(area=shown[shown.notna()])
    return found


_TIER_BY_RANK = vocabulary.keys("tiers", level="")  # the rank a commune_tiers finding gives


def _row_dates(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    facts = tables.get("facts")
    if facts is None or facts.empty:
        return {}
    year = facts["year"].astype("Int64").astype("string")
    as_of = facts["as_of"].astype("string").fillna(year).fillna("")
    return dict(zip(facts["raw_row"], as_of, strict=True))


def _values(r: object, dates: dict[str, str], lang: str) -> tuple[str, str]:
    """The two figures a finding sets side by side, as a reader writes them."""
    if r.check == "count_vs_percent":
        return value_writer(r.measure)(r.value_a, lang), formats.percent(r.value_b, lang)
    if r.check == "event_dates":
        return tuple(
            formats.cell(v, lang) if pd.isna(v) else str(int(v)) for v in (r.value_a, r.value_b)
        )
    if r.check == "commune_tiers":
        return tuple(
            vocabulary.label("tiers", _TIER_BY_RANK[int(v)], lang)
            if pd.notna(v) and 0 <= int(v) < len(_TIER_BY_RANK)
            else "–"
            for v in (r.value_a, r.value_b)
        )
    if r.check == "issue_date":
        return formats.date(r.when, lang), formats.date(dates.get(str(r.row_b), ""), lang)
    write = value_writer(r.measure)
    if r.check == "count_over_total":
        return tuple(
            f"{write(v, lang)} ({_when(dates.get(str(row), ''), lang)})"
            for v, row in ((r.value_a, r.row_a), (r.value_b, r.row_b))
        )
    b_text = write(r.value_b, lang) if pd.notna(r.value_b) else "–"
    return write(r.value_a, lang), b_text


def findings_frame(
    tables: dict[str, pd.DataFrame],
    area: str | None = None,
    lang: str = "vi",
    found: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The findings (of ``area`` and its parts, when given; or the rows of ``found``) with
    readable columns and the source ids kept for numbering (``source_a``, ``source_b``)."""
    if found is None:
        found = _area_findings(tables, area)
    src = tables["sources"]
    loc = _locators(tables)

    def cite(sid: object, row: object) -> str:
        if not isinstance(sid, str) or not sid:
            return "–"
        text = citations.resolve([sid], src, lang, strict=False)[0].short
        where = section(loc.get(str(row), ""), lang)
        return f"{text}, {where}" if where else text

    dates = _row_dates(tables)
    rows = []
    for r in found.itertuples():
        a_text, b_text = _values(r, dates, lang)
        rows.append(
            {
                "check": r.check,
                "check_label": CHECKS.get(r.check, {}).get(lang, r.check),
                "area": r.area,
                "measure": r.measure,
                "measure_label": measure_label(r.measure, lang),
                "when_text": _when(r.when, lang),
                "sentence": SENTENCES.get(_sentence_key(r), {})
                .get(lang, "")
                .format(a=a_text, b=b_text),
                "cite_a": cite(r.source_a, r.row_a),
                "cite_b": cite(r.source_b, r.row_b),
                "source_a": r.source_a,
                "source_b": r.source_b,
            }
        )
    return pd.DataFrame(
        rows, columns=[c.key for c in COLUMNS] + ["check", "measure", "source_a", "source_b"]
    )


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
    sc = areas.scope(area)
    keep = set(sc.names)  # the area and its legacy parts, whatever type word they carry
    base = found["area"].map(areas.name_key)
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


def dated_findings_table(
    tables: dict[str, pd.DataFrame],
    area: str | None = None,
    lang: str = "vi",
    year: int | None = None,
    as_of: str | None = None,
) -> tuple[readable.Table, int]:
    """The findings of a report of ``year`` with data up to ``as_of``
    (`consistency.dated_within`) as a reader table, and how many were left out."""
    found = _area_findings(tables, area)
    keep = consistency.dated_within(found, tables, year, as_of)
    table = readable.table(findings_frame(tables, area, lang, found[keep]), COLUMNS, lang)
    return table, int((~keep).sum())


def left_out_sentence(
    n: int, lang: str = "vi", year: int | None = None, as_of: str | None = None
) -> readable.Prose:
    """Why ``n`` findings are not in the table ('' when none were left out).

    >>> str(left_out_sentence(2, "vi", None, "2025-06-30"))
    '2 phát hiện khác được để ra ngoài vì dựa trên số liệu ghi ngày sau 30/6/2025.'
    >>> str(left_out_sentence(1, "en", None, "2025-06"))
    '1 other finding was left out: it rests on figures dated after Jun 2025.'
    """
    if not n:
        return readable.Prose("")
    cutoff = formats.date(as_of if as_of else str(year), lang)
    k = formats.number(n, lang)
    if lang == "vi":
        why = f"không thuộc năm {year} hoặc " if year else ""
        return readable.Prose(
            f"{k} phát hiện khác được để ra ngoài vì {why}dựa trên số liệu ghi ngày sau {cutoff}."
        )
    if n == 1:
        head, verb = f"{k} other finding was left out: it", "rests"
    else:
        head, verb = f"{k} other findings were left out: they", "rest"
    why = f"concern{'s' if n == 1 else ''} other years than {year} or " if year else ""
    return readable.Prose(f"{head} {why}{verb} on figures dated after {cutoff}.")


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
