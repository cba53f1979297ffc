"""The key-figures table of an area for readers: each figure as stated, with its unit,
qualifier ("trên", "khoảng"), date and source (a citation, or its number in a `SourceList`).

The figures are those of `analysis.areas`: what sources state for the area, its legacy parts
and the legacy districts and communes inside it (each under its own name in the "Địa bàn"
column), the communes the records name as recognised in each year (counted, labelled as a
count of named recognitions, never as the area's total), and money by funding source (a sum
of several sources labelled as computed).
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.analysis import areas, cross_checks, dating
from ntm_analysis.analysis.findings import decimals
from ntm_analysis.analysis.status_terms import TIER_RANK, inline, tier_label
from ntm_analysis.lexicon import formats, vocabulary
from ntm_analysis.model import citations
from ntm_analysis.present import readable
from ntm_analysis.present.findings import measure_label

COLUMNS = [
    readable.Column("part", "Địa bàn", "Area"),
    readable.Column("measure_label", "Chỉ tiêu", "Measure"),
    readable.Column("value_text", "Số liệu", "Figure"),
    readable.Column("date_text", "Thời điểm", "Date"),
    readable.Column("source_text", "Nguồn", "Source"),
]
PER_COMMUNE = {("avg_criteria_per_commune", "criteria"): "criteria_per_commune"}
PARTS = ("all", "own", "inside")  # which rows a table holds: every one, the area's, its units'
LABELS = {
    "recognised_named": {
        "vi": "Số xã được công nhận {tier} (tính toán: đếm các xã có tên trong văn bản)",
        "en": "Communes recognised as {tier} (computed: count of the communes named in the "
        "records)",
    },
    "funding_sum": {
        "vi": "Tổng vốn {flow} (tính toán: cộng {n} nguồn vốn văn bản nêu)",
        "en": "Funds {flow}, total (computed: sum of the {n} funding sources stated)",
    },
}
# what a figure's label keeps from its row: the base it is counted in, its cohort, caveats
LABEL_PARTS = {
    "base": {"vi": "trong tổng số {total}", "en": "of {total}"},
    "cohort": {"vi": "đợt {year}", "en": "{year} cohort"},
    "cohort_size": {"vi": "đợt {year} ({size})", "en": "{year} cohort ({size})"},
}
DATE_PARTS = {"cumulative": {"vi": "lũy kế", "en": "cumulative"}}
_BASE = (  # the base a note gives with the row's own value: "7/8", "6 of 10", "share of 262"
    re.compile(r"(?<![\d/.,-])(?P<n>\d+)/(?P<total>\d+)(?![\d/])"),
    re.compile(r"\b(?P<n>\d+) of (?:the )?(?P<total>\d+)\b"),
    re.compile(r"\bshare of (?P<total>\d+)\b"),
)
_COHORT = re.compile(r"\b(\d{4}) cohort\b")
BASIS = {
    "stated": {"vi": "văn bản nêu", "en": "as stated"},
    "counted": {"vi": "tính toán (đếm xã có tên)", "en": "computed (named communes counted)"},
    "computed": {"vi": "tính toán (cộng các nguồn vốn)", "en": "computed (sources added up)"},
}
NOTES = {
    "base": {
        "vi": "Mỗi số liệu là số mới nhất mà một nguồn nêu cho chỉ tiêu đó; các số liệu có thể "
        "khác thời điểm và khác mẫu số, không cộng hay so sánh trực tiếp với nhau.",
        "en": "Each figure is the latest one a source states for that measure; figures may "
        "differ in date and denominator and are not to be added or compared directly.",
    },
    "over_total": {
        "vi": "{part}: “{count}” ({count_value}, {count_date}) lớn hơn “{total}” ({total_value}, "
        "{total_date}): hai số khác thời điểm, số đơn vị có thể đã thay đổi giữa hai thời điểm "
        "(sáp nhập, sắp xếp đơn vị hành chính); không so sánh hai số này với nhau.",
        "en": "{part}: “{count}” ({count_value}, {count_date}) exceeds “{total}” ({total_value}, "
        "{total_date}): the dates differ and the units may have changed between them (mergers, "
        "reorganisation); do not compare the two.",
    },
    "over_total_same": {
        "vi": "{part}: “{count}” ({count_value}) lớn hơn “{total}” ({total_value}) cùng thời điểm "
        "{total_date}: hai số mâu thuẫn nhau, xem phần rà soát số liệu.",
        "en": "{part}: “{count}” ({count_value}) exceeds “{total}” ({total_value}) at the same "
        "date, {total_date}: the two contradict each other; see the review of the figures.",
    },
    "inside": {
        "vi": "Số liệu của một huyện hay một xã là số văn bản nêu cho đơn vị đó (ghi ở cột Địa "
        "bàn), không phải số của cả {area}.",
        "en": "A district's or a commune's figure is what a source states for that unit (named "
        "in the Area column), not a figure of {area} as a whole.",
    },
    "counted": {
        "vi": "Số xã được công nhận ghi “đếm các xã có tên” chỉ gồm các xã mà văn bản trong dữ "
        "liệu nêu tên là được công nhận trong năm đó; đây không phải tổng số xã được công nhận "
        "của địa bàn.",
        "en": "Communes recognised “counted from the communes named” are only those the records "
        "at hand name as recognised in that year; this is not the area's total.",
    },
    "counted_table": {
        "vi": "Các số trong bảng là số tính toán: đếm các xã mà văn bản trong dữ liệu nêu tên là "
        "được công nhận ở mức đó trong năm đó; đây không phải tổng số xã được công nhận của "
        "địa bàn. Dấu “–”: không có xã nào được nêu tên.",
        "en": "The numbers are computed: a count of the communes the records at hand name as "
        "recognised at that tier in that year; they are not the area's totals. “–”: no "
        "commune named.",
    },
    "band": {
        "vi": "Số tiêu chí đạt ghi dạng khoảng (như “15–18 tiêu chí”) là nhóm mà văn bản xếp xã "
        "vào; văn bản không nêu số tiêu chí chính xác của xã đó.",
        "en": "Criteria met given as a range (such as “15–18 criteria”) is the group a source "
        "places the commune in; the source does not state the exact number.",
    },
    "computed": {
        "vi": "Tổng vốn ghi “tính toán” là tổng các khoản văn bản nêu theo từng nguồn vốn, "
        "không phải con số văn bản nêu.",
        "en": "A funds total marked “computed” adds up the amounts a source gives by funding "
        "source; the source does not state it.",
    },
}


def _label(r: pd.Series, lang: str, facts: pd.DataFrame | None = None) -> str:
    if r["measure"] == "recognised_named":
        return LABELS["recognised_named"][lang].format(tier=inline(tier_label(r["tier"], lang)))
    if r["measure"] == "funding_sum":
        flow = vocabulary.label("funding_flows", r["flow"], lang).lower()
        n = formats.number(r["n_parts"], lang, 0)
        return LABELS["funding_sum"][lang].format(flow=flow, n=n)
    label = measure_label(r["measure"], lang)
    cohort = _cohort(r, lang, facts)
    if cohort:
        label = f"{label} {cohort}"
    extra = [x for x in (_base(r, lang), *_caveats(r, lang)) if x]
    return f"{label} ({'; '.join(extra)})" if extra else label


def _note_of(r: pd.Series) -> str:
    note = r.get("note")
    return note if isinstance(note, str) else ""


def _base(r: pd.Series, lang: str) -> str | None:
    """The base the row's note gives its value in ("7/8 districts": of 8 district-level
    units), written with the figure's unit; None when the note gives none."""
    if not formats.is_number(r["value"]):
        return None
    for rx in _BASE:
        for m in rx.finditer(_note_of(r)):
            n, total = m.groupdict().get("n"), int(m.group("total"))
            if (n is not None and float(n) != float(r["value"])) or total >= 1900:
                continue
            if total == r["value"]:
                continue
            written = formats.quantity(total, r["unit"], lang, decimals=0)
            return LABEL_PARTS["base"][lang].format(total=written)
    return None


def _cohort(r: pd.Series, lang: str, facts: pd.DataFrame | None) -> str | None:
    """The cohort the row's note names ("the 2023 cohort": đợt 2023), with its size when
    the same source states it once (``…cohort_2023``)."""
    m = _COHORT.search(_note_of(r))
    if not m:
        return None
    year = m.group(1)
    if facts is not None and len(facts):
        same = facts[
            (facts["source_id"] == r["source_id"])
            & facts["measure"].astype("string").str.endswith(f"cohort_{year}").fillna(False)
        ]
        if len(same) == 1:
            s = same.iloc[0]
            size = formats.quantity(s["value"], s["unit"], lang)
            return LABEL_PARTS["cohort_size"][lang].format(year=year, size=size)
    return LABEL_PARTS["cohort"][lang].format(year=year)


def _caveats(r: pd.Series, lang: str) -> list[str]:
    """The caveats about a figure's scope or base its note states (vocabulary ``caveats``)."""
    found = vocabulary.scan(_note_of(r), ("caveats",), "prose")
    keys = sorted({f.key for f in found}, key=lambda k: vocabulary.term("caveats", k).order)
    return [vocabulary.label("caveats", k, lang) for k in keys]


def _span(period: str, lang: str) -> str:
    return "–".join(period.split("-", 1)) if re.fullmatch(r"\d{4}-\d{4}", period) else period


def date_text(r: pd.Series, lang: str) -> str:
    """When a figure holds: its date at its precision; a period ("2010–2019") for a figure
    over a span, marked cumulative when it is; a date the project filed for an undated page
    as that period or year, marked inferred."""
    d = "" if pd.isna(r["date"]) else str(r["date"])
    period = r.get("period")
    period = period if isinstance(period, str) and period else ""
    note = _note_of(r)
    if dating.inferred(note):
        when = _span(period, lang) if period else formats.date(d, lang) if len(d) > 4 else d
        return dating.mark_inferred(when, note, lang)
    if period and r.get("basis") == "stated":
        cumulative = "cumulative" in str(r["measure"]) or "cumulative" in note.lower()
        tag = f" ({DATE_PARTS['cumulative'][lang]})" if cumulative else ""
        return _span(period, lang) + tag
    return formats.date(d, lang) if len(d) > 4 else d


def figures(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """Every key figure of ``area`` (`areas.FIGURE_COLUMNS`): stated ones, recognitions
    counted from named communes and money by funding source, the area's own first (each
    part: stated, counted, money), then its districts', then its communes'."""
    stated = areas.key_figures(tables["facts"], area, year, as_of)
    counted = areas.recognition_counts(tables.get("commune_status"), area, year, as_of)
    money = areas.funding_figures(tables.get("funding"), area, year, as_of)
    parts = [f.assign(kind=i) for i, f in enumerate((stated, counted, money)) if len(f)]
    if not parts:
        return pd.DataFrame(columns=[*areas.FIGURE_COLUMNS, "kind"])
    k = pd.concat(parts, ignore_index=True)
    order = {m: i for i, m in enumerate(areas.KEY_MEASURES)}
    order["criteria_met_band"] = order[areas.BAND[0]]
    k["_measure"] = k["measure"].map(order).fillna(k["tier"].map(TIER_RANK)).fillna(0)
    keys = ["part_rank", "part", "kind", "_measure", "date"]
    k = k.sort_values(keys, kind="stable")  # counted: by tier, then year
    return k.drop(columns="_measure").reset_index(drop=True)


def _printed(value: object, unit: object) -> int | None:
    """A share with the decimals it was printed with (2,63 %), at least one."""
    if unit != "pct" or not formats.is_number(value):
        return None
    return max(1, decimals(float(value)))  # type: ignore[arg-type]


def key_figures_frame(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    source_list: citations.SourceList | None = None,
    parts: str = "all",
    counted: bool = True,
) -> pd.DataFrame:
    """`figures` with the text a reader sees; with ``source_list`` the source is its "[n]"
    number (numbered in the order of the rows kept), else the short citation. ``parts`` and
    ``counted`` pick rows as in `key_figures_table`."""
    if parts not in PARTS:
        raise ValueError(f"parts must be one of {PARTS}, not {parts!r}")
    k = figures(tables, area, year, as_of)
    if parts != "all" and len(k):
        k = k[(k["part_rank"] > 0) == (parts == "inside")]
    if not counted and len(k):
        k = k[k["basis"] != "counted"]
    if k.empty:
        return k.assign(
            **{c.key: pd.Series(dtype="object") for c in COLUMNS}, basis_text=pd.Series()
        )
    if source_list is not None:
        source = [source_list.refs(list(ids)) for ids in k["source_ids"]]
    else:
        ids = [i for group in k["source_ids"] for i in group]
        found = {
            c.source_id: c.short
            for c in citations.resolve(ids, tables["sources"], lang, strict=False)
        }
        source = ["; ".join(found.get(i, "–") for i in group) for group in k["source_ids"]]
    return k.assign(
        measure_label=[_label(r, lang, tables.get("facts")) for _, r in k.iterrows()],
        value_text=[value_text(r, lang) for r in k.itertuples()],
        date_text=[date_text(r, lang) for _, r in k.iterrows()],
        source_text=source,
        basis_text=[BASIS[b][lang] for b in k["basis"]],
    )


def band(r: object, lang: str) -> str | None:
    """A range of two bounds ('15–18'), or None for a figure with one value."""
    low, high = r.value, getattr(r, "value_max", None)  # type: ignore[attr-defined]
    if high is None or pd.isna(high) or high == low:
        return None
    return f"{formats.number(low, lang)}–{formats.number(high, lang)}"


def value_text(r: object, lang: str) -> str:
    """A figure as written: '17 xã', 'khoảng 80 %', a range '15–18 tiêu chí'."""
    unit, qualifier = r.unit, r.qualifier  # type: ignore[attr-defined]
    # an average per commune is written per commune whichever way the source put its unit
    unit = PER_COMMUNE.get((getattr(r, "measure", None), unit), unit)
    span = band(r, lang)
    if span is None:
        value = r.value  # type: ignore[attr-defined]
        return formats.quantity(value, unit, lang, qualifier, decimals=_printed(value, unit))
    has = vocabulary.has_label("value_units", unit)
    text = f"{span} {vocabulary.label('value_units', unit, lang) if has else unit}"
    q = formats.QUALIFIERS.get(qualifier or "")
    return f"{q[lang]} {text}" if q else text


def _over_total(frame: pd.DataFrame, lang: str) -> list[str]:
    """A sentence for each count in ``frame`` above the total of the same area shown beside
    it (`cross_checks.TOTAL_OF`): the two are of different dates or bases, not comparable."""
    out = []
    for part, rows in frame.groupby("part", sort=False):
        by_measure = {r.measure: r for r in rows.itertuples()}
        for count, total in cross_checks.TOTAL_OF.items():
            c, t = by_measure.get(count), by_measure.get(total)
            if c is None or t is None or not c.value > t.value:
                continue
            same = c.date_text == t.date_text
            out.append(
                NOTES["over_total_same" if same else "over_total"][lang].format(
                    part=part,
                    count=c.measure_label,
                    count_value=c.value_text,
                    count_date=c.date_text,
                    total=t.measure_label,
                    total_value=t.value_text,
                    total_date=t.date_text,
                )
            )
    return out


def _note(frame: pd.DataFrame, area: str, lang: str) -> str:
    if frame.empty:
        return ""
    notes = [NOTES["base"][lang], *_over_total(frame, lang)]
    if (frame["part_rank"] > 0).any():
        notes.append(NOTES["inside"][lang].format(area=area))
    if (frame["measure"] == "criteria_met_band").any():
        notes.append(NOTES["band"][lang])
    for basis in ("counted", "computed"):
        if (frame["basis"] == basis).any():
            notes.append(NOTES[basis][lang])
    return " ".join(notes)


def key_figures_table(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    source_list: citations.SourceList | None = None,
    parts: str = "all",
    counted: bool = True,
) -> readable.Table:
    """The key figures of ``area`` as a reader table (empty when the data has none):
    ``parts`` ``all`` (the area's, then its districts' and communes'), ``own`` (the area and
    its legacy parts) or ``inside`` (its districts and communes); without ``counted`` the
    recognitions counted from named communes are left to `recognitions_table`."""
    frame = key_figures_frame(tables, area, year, as_of, lang, source_list, parts, counted)
    return readable.table(frame, COLUMNS, lang, note=_note(frame, area, lang))


def recognitions_table(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    source_list: citations.SourceList | None = None,
) -> readable.Table:
    """The communes the records name as recognised, counted by area, year and tier (one
    column per tier): computed, and said to be so, never the area's total."""
    k = areas.recognition_counts(tables.get("commune_status"), area, year, as_of)
    tiers = [t for t in TIER_RANK if t in set(k["tier"])]
    columns = [
        readable.Column("part", "Địa bàn", "Area"),
        readable.Column("date", "Năm", "Year"),
        *(
            readable.Column(f"n_{t}", tier_label(t, "vi"), tier_label(t, "en"), "integer")
            for t in sorted(tiers, key=TIER_RANK.get)
        ),
        readable.Column("source_text", "Nguồn", "Source"),
    ]
    if k.empty:
        return readable.table(k, columns, lang)
    wide = k.pivot_table(index=["part", "date"], columns="tier", values="value", aggfunc="sum")
    wide = wide.rename(columns=lambda t: f"n_{t}").reset_index()
    ids = k.groupby(["part", "date"])["source_ids"].agg(lambda g: sorted({i for s in g for i in s}))
    ids = [ids[(p, d)] for p, d in zip(wide["part"], wide["date"], strict=True)]
    if source_list is not None:
        wide["source_text"] = [source_list.refs(i) for i in ids]
    else:
        cites = citations.resolve([i for g in ids for i in g], tables["sources"], lang, False)
        short = {c.source_id: c.short for c in cites}
        wide["source_text"] = ["; ".join(short.get(i, "–") for i in g) for g in ids]
    return readable.table(wide, columns, lang, note=NOTES["counted_table"][lang])


WHAT = {"vi": "các chỉ tiêu chính", "en": "key figures"}
