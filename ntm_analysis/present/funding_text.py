"""The sentences of notebook 03 (money against outcomes), in vi or en.

Each function takes frames of `analysis.funding_outcomes` and `analysis.indicators` and the
processed tables and returns Markdown: figures formatted from the data, each cited; computed
values labelled; money never divided by results of another year, tier or cohort.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.lexicon import criteria, formats, vocabulary
from ntm_analysis.present.sentences import (
    COMPUTED,
    bullets,
    citable,
    cite_ids,
    cite_rows,
    listing,
    n,
    pct,
    rows_of,
    say,
)

CATEGORY = {
    t.key: {lang: t.label(lang) for lang in ("vi", "en")}
    for t in vocabulary.terms("funding_categories")
}


def _money(vnd: float, lang: str, unit: str | None = None, qualifier: object = None) -> str:
    """An amount with its qualifier ("trên 35.000 tỷ đồng"), as the tables write it."""
    return formats.money(vnd, lang, unit=unit, qualifier=qualifier)  # type: ignore[arg-type]


_TIER_IN_SENTENCE = {
    "ntm": {"vi": "NTM", "en": "NTM"},
    "advanced": {"vi": "NTM nâng cao", "en": "advanced NTM"},
    "model": {"vi": "NTM kiểu mẫu", "en": "model NTM"},
}
_SET_NAME = {
    "ntm": {"vi": "bộ tiêu chí xã NTM", "en": "basic commune set"},
    "advanced": {"vi": "bộ tiêu chí xã NTM nâng cao", "en": "advanced commune set"},
}
_MONEY_MEASURE = {
    "budget_need_plan_bn_vnd": {"vi": "nhu cầu vốn theo kế hoạch", "en": "planned need"},
    "budget_need_plan_state_bn_vnd": {
        "vi": "phần ngân sách nhà nước của nhu cầu đó",
        "en": "its state-budget part",
    },
    "budget_need_plan_credit_bn_vnd": {"vi": "phần vốn vay", "en": "its credit part"},
}


def _tier(tier: str, lang: str) -> str:
    """A tier's name inside a sentence (the vocabulary's labels are headings)."""
    return _TIER_IN_SENTENCE.get(tier, {}).get(lang) or vocabulary.label("tiers", tier, lang)


def _set_tier(criteria_set: str) -> str:
    sets = criteria.criteria_sets().set_index("criteria_set")
    return str(sets.at[criteria_set, "tier"])


def district_money(
    by_source: pd.DataFrame,
    reached: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    district_code: str,
    lang: str,
) -> str:
    """A district's mobilised money beside its targeted communes and its criteria average."""
    if by_source.empty:
        return ""
    facts, funding, sources = tables["facts"], tables["funding"], tables["sources"]
    f = facts[(facts["area_code"] == district_code) & (facts["admin_vintage"] == "legacy")]
    total = float(by_source["amount_vnd"].sum())
    parts = listing(
        [
            f"{CATEGORY[r.source_category][lang]} {_money(r.amount_vnd, lang, 'trieu')}"
            for r in by_source.itertuples()
        ],
        lang,
    )
    fu_rows = funding[
        (funding["area_code"] == district_code)
        & funding["period"].isin(by_source["period"])
        & funding["flow"].isin(by_source["flow"])
    ]
    not_met = reached[reached["reached"] == "no"]
    items = [
        say(
            {
                "vi": "{c} (mục tiêu {t}): {m}/{k} tiêu chí của {st}",
                "en": "{c} (target: {t}): {m}/{k} criteria of the {st}",
            },
            lang,
            c=r.commune,
            t=_tier(r.target_tier, lang),
            m=n(r.criteria_met, lang),
            k=n(r.criteria_total, lang),
            st=_SET_NAME[_set_tier(r.criteria_set)][lang],
        )
        for r in reached.itertuples()
    ]
    avg = f[f["measure"] == "avg_criteria_per_commune"]
    total_communes = f[f["measure"] == "communes_total"]
    area = by_source["area_name"].iloc[0]
    year = by_source["period"].iloc[0]
    text = {
        "vi": "**{area}, {year}.** Theo thông báo kiểm tra, năm {year} huyện huy động được "
        "{total}: {parts} {cite_m}. Đến buổi kiểm tra {when}, {none} trong {k} xã được đặt "
        "mục tiêu cho năm {year} đạt mức đã đặt: {items} {cite_t}. Bình quân {n} xã của huyện "
        "đạt {avg} tiêu chí NTM/xã {cite_a}. Văn bản không nói tiền được dùng ở xã nào nên "
        "không gắn được số tiền với từng kết quả; chia đều cho {n} xã là {per} mỗi xã "
        "({computed}; số bình quân, không phải số phân bổ).",
        "en": "**{area}, {year}.** According to the inspection notice, the district mobilised "
        "{total} in {year}: {parts} {cite_m}. At the inspection of {when}, {none} of the {k} "
        "communes with a target for {year} had reached its target tier: {items} {cite_t}. The "
        "district's {n} communes met {avg} NTM criteria each on average {cite_a}. The notice "
        "does not say where the money was spent, so no outcome can be tied to an amount; "
        "spread evenly over the {n} communes it is {per} each ({computed}; an average, not an "
        "allocation).",
    }
    none = (
        {"vi": "không xã nào", "en": "none"}
        if len(not_met) == len(reached)
        else {
            "vi": f"{n(len(reached) - len(not_met), lang)} xã",
            "en": f"{n(len(reached) - len(not_met), lang)}",
        }
    )
    communes = float(total_communes["value"].iloc[0]) if len(total_communes) else None
    return say(
        text,
        lang,
        area=area,
        year=year,
        total=_money(total, lang),
        parts=parts,
        cite_m=cite_rows(fu_rows, sources, lang),
        when=dating.label(reached["assessed_on"].dropna().iloc[0], lang)
        if reached["assessed_on"].notna().any()
        else "–",
        none=none[lang],
        k=n(len(reached), lang),
        items="; ".join(items),
        cite_t=cite_rows(
            rows_of(citable(tables), [*reached["target_row"], *reached["status_row"].dropna()]),
            sources,
            lang,
        ),
        n=n(communes, lang) if communes else "–",
        avg=formats.number(avg["value"].iloc[0], lang) if len(avg) else "–",
        cite_a=cite_rows(avg.head(1), sources, lang),
        per=_money(total / communes, lang) if communes else "–",
        computed=COMPUTED[lang],
    )


def city_money(
    funding: pd.DataFrame,
    facts: pd.DataFrame,
    targets: pd.DataFrame,
    cohorts: pd.DataFrame,
    progress: pd.DataFrame,
    sources: pd.DataFrame,
    area_code: str,
    year: int,
    lang: str,
) -> str:
    """A city's budget of a year beside the cohorts it financed and the year's results."""
    fu = funding[(funding["area_code"] == area_code) & (funding["year_start"] == year)]
    if fu.empty:
        return ""
    src = fu["source_id"].iloc[0]
    f = facts[(facts["source_id"] == src) & (facts["area_code"] == area_code)]
    parts = f[f["measure"].str.fullmatch(r"budget_city_(investment|recurrent)_vnd")]
    part_text = listing(
        [
            say(
                {"vi": "{v} vốn {k}", "en": "{v} {k}"},
                lang,
                v=_money(r.value, lang, qualifier=getattr(r, "qualifier", None)),
                k={
                    "investment": {"vi": "đầu tư công", "en": "public investment"},
                    "recurrent": {"vi": "sự nghiệp", "en": "recurrent"},
                }[r.measure.split("_")[2]][lang],
            )
            for r in parts.itertuples()
        ],
        lang,
    )
    lines = [_cohort_line(c, progress, lang) for c in cohorts.itertuples()]
    results = _results(f, targets, src, area_code, year, lang)
    cohort_rows = [r for x in cohorts["raw_rows"] for r in x.split("; ")]
    text = {
        "vi": "**{area}, {year}.** Thành phố phân bổ {total} ngân sách thành phố hỗ trợ xây "
        "dựng NTM ({parts}) {cite}. Văn bản không chia số tiền này theo đợt, theo xã hay theo "
        "mức đạt chuẩn. Trong năm, hai đợt xây dựng xã kiểu mẫu đang thi công {cite_c}:",
        "en": "**{area}, {year}.** The city allocated {total} of its own budget to support "
        "NTM ({parts}) {cite}. The document does not split this money by cohort, commune or "
        "tier. During the year two cohorts of model-commune works were under way {cite_c}:",
    }
    head = say(
        text,
        lang,
        area=fu["area_name"].iloc[0],
        year=year,
        total=_money(float(fu["amount_vnd"].sum()), lang),
        parts=part_text,
        cite=cite_rows(fu.head(1), sources, lang),
        cite_c=cite_rows(rows_of(facts, cohort_rows), sources, lang),
    )
    return head + "\n\n" + bullets(lines) + "\n\n" + results


def _cohort_line(c, progress: pd.DataFrame, lang: str) -> str:
    base = say(
        {
            "vi": "đợt từ năm {y}: {k} xã, {w} công trình ({per} công trình/xã, {computed})",
            "en": "the cohort from {y}: {k} communes, {w} works ({per} per commune, {computed})",
        },
        lang,
        y=c.cohort,
        k=n(c.communes, lang),
        w=n(c.works, lang),
        per=formats.number(c.works_per_commune, lang, decimals=1),
        computed=COMPUTED[lang],
    )
    if c.works_completed == c.works_completed:
        base += say(
            {
                "vi": "; {d} công trình đã hoàn thành (in ra {p}; tính lại {q}), khối lượng thi "
                "công bình quân {v}",
                "en": "; {d} works completed (printed {p}; recomputed {q}), average construction "
                "volume {v}",
            },
            lang,
            d=n(c.works_completed, lang),
            p=pct(c.works_completed_pct, lang),
            q=pct(c.works_completed_pct_computed, lang),
            v=pct(c.construction_pct, lang),
        )
    own = progress[progress["cohort"] == c.cohort]
    if len(own) or c.communes_started == c.communes_started:
        bits = [
            say(
                {
                    "vi": "{k} xã ở {d} đạt tiến độ bình quân {p}",
                    "en": "{k} communes in {d} at {p} on average",
                },
                lang,
                k=n(r.communes, lang),
                d=r.district,
                p=pct(r.progress_pct, lang),
            )
            for r in own.itertuples()
        ]
        if c.communes_started == c.communes_started:
            bits.append(
                say(
                    {
                        "vi": "{k} xã còn lại mới bắt đầu thi công",
                        "en": "the other {k} had just started building",
                    },
                    lang,
                    k=n(c.communes_started, lang),
                )
            )
        base += "; " + listing(bits, lang)
    return base


def _results(
    f: pd.DataFrame, targets: pd.DataFrame, src: str, area_code: str, year: int, lang: str
) -> str:
    t = targets[
        (targets["source_id"] == src)
        & (targets["area_code"] == area_code)
        & (targets["year"] == year)
    ]
    items = []
    for tier in ("advanced", "model"):
        got = f[(f["measure"] == f"communes_{tier}_added") & (f["year"] == year)]
        plan = t[t["measure"] == f"communes_{tier}_added"]
        if got.empty:
            continue
        items.append(
            say(
                {"vi": "thêm {v} xã {t} (kế hoạch {p})", "en": "{v} more {t} communes (plan {p})"},
                lang,
                v=n(got.iloc[0]["value"], lang),
                t=_tier(tier, lang),
                p=n(plan.iloc[0]["target_value"], lang) if len(plan) else "–",
            )
        )
    if not items:
        return ""
    return say(
        {
            "vi": "Kết quả năm {y} theo cùng văn bản: {items}.",
            "en": "The year's results in the same document: {items}.",
        },
        lang,
        y=year,
        items=listing(items, lang),
    )


def no_ratio(
    cohorts: pd.DataFrame,
    funding: pd.DataFrame,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    area_code: str,
    year: int,
    lang: str,
) -> str:
    """Why the year's budget is not divided by the year's upgrades."""
    latest = cohorts[cohorts["cohort"] == year]
    if latest.empty:
        return ""
    r = latest.iloc[0]
    text = {
        "vi": "**Không chia ngân sách cho số xã tăng hạng.** Ngân sách năm {y} và các xã tăng "
        "hạng năm {y} không phải cùng một nhóm xã: {k} xã của đợt từ năm {y} phần lớn mới bắt "
        "đầu thi công vào cuối năm, nên kết quả của đợt này còn ở phía trước; một xã lên nâng "
        "cao và một xã lên kiểu mẫu là hai bước khác nhau, đo theo hai bộ tiêu chí khác nhau; "
        "và văn bản không nói tiền đến đợt nào. Notebook này vì thế không tính số tiền cho mỗi "
        "xã tăng hạng; khi có số tiền của từng đợt, có thể so tiền với số công trình và số xã "
        "đạt chuẩn của chính đợt đó.",
        "en": "**The budget is not divided by the upgrades.** The {y} budget and the {y} "
        "upgrades are not about the same communes: most of the {k} communes of the cohort from "
        "{y} had only just started building at the end of the year, so that cohort's results "
        "are still to come; an advanced and a model upgrade are different steps, measured "
        "against different criteria sets; and the document does not say which cohort the "
        "money reached. This notebook therefore computes no money per upgrade; with money per "
        "cohort, it could be set against that cohort's own works and recognitions.",
    }
    return say(text, lang, y=year, k=n(r["communes"], lang))


def _vnd(r) -> float:
    return float(r.value) * (1e9 if r.unit == "bn_vnd" else 1)


def west_money(
    table: pd.DataFrame,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    period: tuple[int, int],
    lang: str,
) -> str:
    """What money the sources hold for the West in a period, and what they do not."""
    span = f"{period[0]}–{period[1]}"
    approach = facts[
        facts["measure"].isin(["investment_commune_by_commune", "investment_spread_by_sector"])
    ]
    described = (
        say(
            {
                "vi": " Thông báo giám sát chỉ mô tả cách làm: phía Đông đầu tư cuốn chiếu "
                "từng xã, phía Tây phân bổ dàn trải theo ngành {cite}.",
                "en": " The supervision only describes the approaches: the East invested "
                "commune by commune, the West spread its resources by sector {cite}.",
            },
            lang,
            cite=cite_rows(approach, sources, lang),
        )
        if len(approach)
        else ""
    )
    if table.empty:
        return (
            say(
                {
                    "vi": "**Phía Tây (Hải Dương cũ).** Số liệu không có con số tiền nào cho giai "
                    "đoạn {span}, nên không đặt được tiền cạnh kết quả.",
                    "en": "**The West (old Hải Dương).** The data holds no money figure for "
                    "{span}, so money cannot be set beside outcomes.",
                },
                lang,
                span=span,
            )
            + described
        )
    plans = table[table["measure"].str.contains("plan|need")]
    items = [
        f"{_MONEY_MEASURE.get(r.measure, {}).get(lang, r.measure)} "
        f"{_money(_vnd(r), lang, qualifier=getattr(r, 'qualifier', None))}"
        for r in table.itertuples()
    ]
    text = {
        "vi": "**Phía Tây (Hải Dương cũ).** Cho giai đoạn {span}, số liệu chỉ có {k} con số "
        "tiền, {kp} trong đó là kế hoạch hay nhu cầu: {items} {cite}. Không có số tiền đã phân "
        "bổ, giải ngân hay huy động theo năm hay theo xã, nên không đặt được tiền cạnh kết "
        "quả của phía Tây và không so được hai phía bằng tiền.",
        "en": "**The West (old Hải Dương).** For {span} the data holds only {k} money figures, "
        "{kp} of them plans or needs: {items} {cite}. There is no money allocated, disbursed "
        "or mobilised by year or commune, so the West's money cannot be set beside its "
        "outcomes and the two parts cannot be compared by money.",
    }
    return (
        say(
            text,
            lang,
            span=span,
            k=n(len(table), lang),
            kp=n(len(plans), lang),
            items="; ".join(items),
            cite=cite_ids(table["source_id"], sources, lang),
        )
        + described
    )


OUTCOME = {
    "targets_reached": {
        "vi": "số xã đạt mục tiêu đặt ra",
        "en": "targeted communes reaching their tier",
    },
    "communes_ntm_added": {"vi": "số xã NTM tăng thêm", "en": "communes newly NTM"},
    "communes_advanced_added": {"vi": "số xã nâng cao tăng thêm", "en": "communes newly advanced"},
    "communes_model_added": {"vi": "số xã kiểu mẫu tăng thêm", "en": "communes newly model"},
}
FLOW = {
    "mobilised": {"vi": "huy động", "en": "mobilised"},
    "allocated": {"vi": "phân bổ", "en": "allocated"},
    "disbursed": {"vi": "giải ngân", "en": "disbursed"},
    "planned": {"vi": "kế hoạch", "en": "planned"},
}
SCOPE = {
    "all_sources": {"vi": "mọi nguồn", "en": "all sources"},
    "provincial_budget": {"vi": "ngân sách tỉnh/thành phố", "en": "the provincial budget"},
}


def comparability(groups: pd.DataFrame, lang: str) -> str:
    """Whether any money–outcome points can be compared, and why not when none can."""
    if groups.empty:
        return say(
            {"vi": "Không có điểm tiền–kết quả nào.", "en": "There is no money–outcome point."},
            lang,
        )
    if groups["comparable"].any():
        k = groups.loc[groups["comparable"], "group"].nunique()
        return say(
            {
                "vi": "{k} nhóm điểm so được với nhau; biểu đồ dưới đây.",
                "en": "{k} group(s) of comparable points; charted below.",
            },
            lang,
            k=k,
        )
    items = [
        say(
            {
                "vi": "{a} ({p}): tiền {flow} từ {scope}, đặt cạnh {o}",
                "en": "{a} ({p}): money {flow} from {scope}, beside {o}",
            },
            lang,
            a=r.area,
            p=r.period,
            flow=FLOW[r.flow][lang],
            scope=SCOPE[r.scope][lang],
            o=OUTCOME.get(r.outcome, {"vi": r.outcome, "en": r.outcome})[lang],
        )
        for r in groups.itertuples()
    ]
    head = {
        "vi": "Không có hai điểm tiền–kết quả nào so được với nhau (cùng loại dòng tiền, cùng "
        "phạm vi nguồn vốn, cùng độ dài thời kỳ và cùng loại kết quả), nên không vẽ biểu đồ "
        "tiền–kết quả. Các điểm hiện có:",
        "en": "No two money–outcome points are comparable (same flow, same scope of funds, "
        "same length of period and same outcome), so no money–outcome chart is drawn. The "
        "points there are:",
    }
    return say(head, lang) + "\n\n" + bullets(items)


def west_not_here(area: str, lang: str) -> str:
    """What the West's section says in a report for another area than the new Hải Phòng."""
    text = {
        "vi": "*Mục này nói về phía Tây của thành phố Hải Phòng mới (tỉnh Hải Dương cũ); không "
        "áp dụng cho {area}.*",
        "en": "*This section is about the West of the new Hải Phòng (the old Hải Dương "
        "province); it does not apply to {area}.*",
    }
    return say(text, lang, area=area or {"vi": "cả nước", "en": "the whole country"}[lang])
