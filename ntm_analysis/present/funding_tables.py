"""The tables of notebook 03 (money against outcomes) for readers: a district's targeted
communes, a city's model-commune cohorts and their progress by district, the money figures a
part holds for a period, the money–outcome points, the concentration of commune money and the
area's other money figures. Values are written by `lexicon.formats`; computed values say so;
rows cite their document (with section and line) or their number in a `SourceList`; no
internal id or row locator is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.lexicon import criteria, formats, vocabulary
from ntm_analysis.model import citations
from ntm_analysis.present import readable
from ntm_analysis.present.findings import measure_label
from ntm_analysis.present.funding_text import OUTCOME, SCOPE
from ntm_analysis.present.sentences import COMPUTED, citable, cite_rows, rows_of

REACHED = {
    "yes": {"vi": "đạt", "en": "reached"},
    "no": {"vi": "chưa đạt", "en": "not reached"},
    "unknown": {"vi": "chưa rõ", "en": "not known"},
}
YES_NO = {True: {"vi": "có", "en": "yes"}, False: {"vi": "không", "en": "no"}}


def _cite_rows(raw_rows: Iterable[object], tables: dict[str, pd.DataFrame], lang: str) -> str:
    """Documents (with section and line) or pages of the rows named by ``raw_row``."""
    wanted = [r.strip() for x in raw_rows if isinstance(x, str) for r in x.split(";")]
    wanted = list(dict.fromkeys(w for w in wanted if w))
    if not wanted:
        return "–"
    text = cite_rows(rows_of(citable(tables), wanted), tables["sources"], lang)
    return text[1:-1] if text else "–"


def _computed(value: object, lang: str, decimals: int = 1) -> str:
    text = formats.number(value, lang, decimals)
    return text if text == "–" else f"{text} ({COMPUTED[lang]})"


def _year(value: object, lang: str) -> str:
    text = formats.cell(value, lang)
    return text if text == "–" else str(int(float(str(value))))


def targets_table(reached: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """The communes of a district with a tier target for a year, and whether they reached it
    at their assessment (`funding_outcomes.targets_reached`)."""
    frame = reached.assign(
        target=[vocabulary.label("tiers", t, lang) for t in reached["target_tier"]],
        reached_text=[REACHED[r][lang] for r in reached["reached"]],
        criteria_text=[
            f"{formats.number(m, lang, 0)}/{formats.number(t, lang, 0)}"
            if pd.notna(m) and pd.notna(t)
            else "–"
            for m, t in zip(reached["criteria_met"], reached["criteria_total"], strict=True)
        ],
        set_text=[
            criteria.set_name(s, lang, short=True) if isinstance(s, str) and s else "–"
            for s in reached["criteria_set"]
        ],
        assessed=[dating.label(d, lang) for d in reached["assessed_on"]],
        source=[
            _cite_rows([t, s], tables, lang)
            for t, s in zip(reached["target_row"], reached["status_row"], strict=True)
        ],
    )
    cols = [
        readable.Column("commune", "Xã", "Commune"),
        readable.Column("target", "Mục tiêu", "Target tier"),
        readable.Column("year", "Năm", "Year", _year),
        readable.Column("reached_text", "Kết quả", "Outcome"),
        readable.Column("criteria_text", "Số tiêu chí đạt", "Criteria met"),
        readable.Column("set_text", "Bộ tiêu chí", "Criteria set"),
        readable.Column("assessed", "Ngày kiểm tra", "Assessed on"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    return readable.table(frame, cols, lang)


def cohorts_table(cohorts: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """The model-building cohorts of one document (`funding_outcomes.cohorts`): stated
    figures beside the ones computed from the same statement."""
    frame = cohorts.assign(
        per_commune=[_computed(v, lang) for v in cohorts["works_per_commune"]],
        done_computed=[
            formats.percent(v, lang) + f" ({COMPUTED[lang]})" if pd.notna(v) else "–"
            for v in cohorts["works_completed_pct_computed"]
        ],
        date_text=[dating.label(d, lang) for d in cohorts["date"]],
        source=[_cite_rows([r], tables, lang) for r in cohorts["raw_rows"]],
    )
    cols = [
        readable.Column("cohort", "Đợt (từ năm)", "Cohort (from)", _year),
        readable.Column("communes", "Số xã", "Communes", "integer"),
        readable.Column("works", "Số công trình", "Works", "integer"),
        readable.Column("per_commune", "Công trình/xã", "Works per commune"),
        readable.Column("works_completed", "Đã hoàn thành", "Completed", "integer"),
        readable.Column(
            "works_completed_pct", "Tỷ lệ hoàn thành (in ra)", "Share done (printed)", "percent"
        ),
        readable.Column("done_computed", "Tỷ lệ hoàn thành (tính lại)", "Share done (recomputed)"),
        readable.Column(
            "construction_pct", "Khối lượng thi công bình quân", "Average construction", "percent"
        ),
        readable.Column(
            "communes_started", "Số xã mới bắt đầu thi công", "Communes just started", "integer"
        ),
        readable.Column("date_text", "Thời điểm", "Date"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    return readable.table(frame, cols, lang)


def progress_table(progress: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """Progress of a cohort's communes by district (`funding_outcomes.cohort_progress`)."""
    frame = progress.assign(source=[_cite_rows([r], tables, lang) for r in progress["raw_rows"]])
    cols = [
        readable.Column("district", "Huyện", "District"),
        readable.Column("cohort", "Đợt (từ năm)", "Cohort (from)", _year),
        readable.Column("communes", "Số xã", "Communes", "integer"),
        readable.Column("progress_pct", "Tiến độ bình quân", "Average progress", "percent"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    return readable.table(frame, cols, lang)


def _amount(r: pd.Series, lang: str) -> str:
    unit = str(r["unit"]) if pd.notna(r.get("unit")) else ""
    qualifier = r.get("qualifier")
    qualifier = None if qualifier in (None, "exact") or pd.isna(qualifier) else str(qualifier)
    if unit in ("vnd", "bn_vnd", "pct"):
        return formats.quantity(r["value"], unit, lang, qualifier)
    return formats.number(r["value"], lang)


def _when(r: pd.Series, lang: str) -> str:
    period = r.get("period")
    if isinstance(period, str) and period:
        return formats.period(period, lang)
    return formats.when(r.get("year"), None, None, lang)


def money_table(
    money: pd.DataFrame,
    sl: citations.SourceList,
    lang: str = "vi",
    area: bool = True,
) -> readable.Table:
    """Money figures as sources state them (`indicators.money_facts`, or
    `funding_outcomes.money_without_outcomes`): what, period or year, amount with its unit and
    qualifier ("trên", "khoảng"), source number."""
    frame = money.assign(
        what=[measure_label(m, lang) for m in money["measure"]],
        when_text=[_when(r, lang) for _, r in money.iterrows()],
        amount=[_amount(r, lang) for _, r in money.iterrows()],
        source=[sl.refs([s]) for s in money["source_id"]],
    )
    cols = [
        *([readable.Column("area_name", "Địa bàn", "Area")] if area else []),
        readable.Column("what", "Chỉ tiêu", "Measure"),
        readable.Column("when_text", "Năm, thời kỳ", "Year or period"),
        readable.Column("amount", "Số liệu", "Figure"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    return readable.table(frame, cols, lang)


def points_table(points: pd.DataFrame, sl: citations.SourceList, lang: str = "vi"):
    """Money–outcome points (`funding_outcomes.comparable_groups`): the money of an area and
    year beside one outcome of the same area and year, and whether any other point compares."""
    frame = points.assign(
        flow_text=[vocabulary.label("funding_flows", f, lang) for f in points["flow"]],
        scope_text=[SCOPE[s][lang] for s in points["scope"]],
        outcome_text=[OUTCOME.get(o, {lang: o})[lang] for o in points["outcome"]],
        outcome_value_text=[
            formats.number(v, lang, 0) + (f"/{formats.number(of, lang, 0)}" if pd.notna(of) else "")
            for v, of in zip(points["outcome_value"], points["outcome_of"], strict=True)
        ],
        comparable_text=[YES_NO[bool(c)][lang] for c in points["comparable"]],
        source=[sl.refs(str(s).split("; ")) for s in points["sources"]],
    )
    cols = [
        readable.Column("area", "Địa bàn", "Area"),
        readable.Column("period", "Năm", "Year", "period"),
        readable.Column("flow_text", "Dòng tiền", "Flow"),
        readable.Column("scope_text", "Phạm vi nguồn vốn", "Funds covered"),
        readable.Column("money_vnd", "Số tiền", "Money", "money"),
        readable.Column("communes", "Số xã của địa bàn", "Communes in the area", "integer"),
        readable.Column("outcome_text", "Kết quả", "Outcome"),
        readable.Column("outcome_value_text", "Số xã", "Communes"),
        readable.Column("comparable_text", "So được với điểm khác", "Comparable"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    return readable.table(frame, cols, lang)


def concentration_table(table: pd.DataFrame, sl: citations.SourceList, lang: str = "vi"):
    """How concentrated commune money is (`indicators.allocation_concentration`)."""
    frame = table.assign(
        total_vnd=table["total_bn_vnd"] * 1e9,
        source=[sl.refs([s]) for s in table["source_id"]],
    )
    cols = [
        readable.Column("period", "Thời kỳ", "Period", "period"),
        readable.Column("communes", "Số xã", "Communes", "integer"),
        readable.Column("total_vnd", "Tổng số tiền", "Total", "money"),
        readable.Column(
            "top20_share_pct",
            "Tỷ lệ đến 1/5 số xã nhận nhiều nhất",
            "Share to the top fifth of communes",
            "percent",
        ),
        readable.Column("hhi", "Chỉ số Herfindahl", "Herfindahl index", "number"),
        readable.Column("gini", "Hệ số Gini", "Gini coefficient", "number"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    note = {
        "vi": "Tỷ lệ, chỉ số Herfindahl và hệ số Gini là tính toán của dự án trên số tiền từng xã.",
        "en": "The share, the Herfindahl index and the Gini coefficient are computed from the "
        "money of each commune.",
    }[lang]
    return readable.table(frame, cols, lang, note=note)
