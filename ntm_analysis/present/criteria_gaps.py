"""Criteria gaps of an area for readers (notebook 06 and the briefing): the communes' criteria
statuses up to a year, one grid per criteria set, and the unmet criteria with the body that
guides each, cited by document."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import areas, indicators
from ntm_analysis.lexicon import criteria
from ntm_analysis.model import citations
from ntm_analysis.places import geo
from ntm_analysis.present import figures, readable

WHAT = {"vi": "tiêu chí theo xã", "en": "criteria by commune"}


def area_status(
    criteria_status: pd.DataFrame, area: str = "", year: int | None = None
) -> pd.DataFrame:
    """Criteria statuses of the communes of ``area`` (province or district; "" = all), the
    latest assessment of each commune and set up to ``year``."""
    cs = criteria_status
    if area:
        try:
            codes = set(geo.select_communes(area, "legacy")["unit_code"].astype(str))
        except ValueError:
            codes = set()
        by_code = cs["unit_code"].astype("string").isin(codes).fillna(False)
        by_name = cs["province_name"].map(areas.name_key) == areas.name_key(area)
        cs = cs[by_code | by_name]
    if year is not None:
        cs = cs[cs["year"] <= int(year)]
    if cs.empty:
        return cs
    last = cs.groupby(["commune_name", "criteria_set"])["year"].transform("max")
    return cs[cs["year"] == last]


def grids(status: pd.DataFrame, lang: str = "vi", area: str = "") -> list[tuple[str, object]]:
    """One finished heatmap per criteria set: ``[(criteria_set, figure), …]``."""
    out = []
    for cset in sorted(status["criteria_set"].unique()):
        part = status[status["criteria_set"] == cset]
        matrix = indicators.criteria_matrix(part, cset)
        title = (
            f"{figures.text('heatmap_title', lang)}"
            + (f" – {area}" if area else "")
            + f"\n{criteria.set_name(cset, lang, short=True)}"
        )
        fig = figures.criteria_heatmap(
            matrix,
            cset,
            sorted(part["source_id"].unique()),
            lang,
            title=title,
            as_of=str(int(part["year"].max())),
        )
        out.append((cset, fig))
    return out


def _sources_text(ids: str, sources: pd.DataFrame, lang: str, sl: citations.SourceList | None):
    found = [s for s in str(ids).split(", ") if s]
    if sl is not None:
        return sl.refs(found)
    return "; ".join(c.short for c in citations.resolve(found, sources, lang, strict=False))


def unmet_table(
    status: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "vi",
    source_list: citations.SourceList | None = None,
) -> readable.Table:
    """Unmet criteria per set, most often unmet first, with who guides each and the sources."""
    u = indicators.unmet_criteria(status, lang)
    u = u.assign(
        set_name=[criteria.set_name(s, lang, short=True) for s in u["criteria_set"]],
        criterion_text=[
            f"{no}. {criteria.criterion_name(s, no, lang)}"
            for s, no in zip(u["criteria_set"], u["criterion_no"], strict=True)
        ],
        source_text=[_sources_text(s, sources, lang, source_list) for s in u["sources"]],
    )
    cols = [
        readable.Column("set_name", "Bộ tiêu chí", "Criteria set"),
        readable.Column("criterion_text", "Tiêu chí", "Criterion"),
        readable.Column("communes_not_met", "Số xã chưa đạt", "Communes not meeting it", "integer"),
        readable.Column("communes", "Các xã", "Communes"),
        readable.Column("guided_by", "Cơ quan hướng dẫn", "Guided by"),
        readable.Column("document", "Văn bản hướng dẫn", "Guidance document"),
        readable.Column("source_text", "Nguồn", "Source"),
    ]
    return readable.table(u, cols, lang)


def topics_table(status: pd.DataFrame, sources: pd.DataFrame, lang: str = "vi") -> readable.Table:
    """How many communes miss each topic, across the basic and advanced sets (a topic is
    named by its criterion of the basic set)."""
    t = indicators.unmet_by_topic(status)
    topics = criteria.criteria_topics().set_index("topic")["commune_ntm_2021_2025"]

    def name(topic: str) -> str:
        no = str(topics.get(topic, "")).split("|")[0]
        return criteria.criterion_name("commune_ntm_2021_2025", int(no), lang) if no else topic

    t = t.assign(
        topic_name=[name(x) for x in t["topic"]],
        source_text=[_sources_text(s, sources, lang, None) for s in t["sources"]],
    )
    cols = [
        readable.Column("topic_name", "Lĩnh vực", "Topic"),
        readable.Column("communes_not_met", "Số xã chưa đạt", "Communes not meeting it", "integer"),
        readable.Column("communes", "Các xã", "Communes"),
        readable.Column("source_text", "Nguồn", "Source"),
    ]
    return readable.table(t, cols, lang)
