"""The sentences of notebook 05 (provinces side by side), in vi or en: the window compared,
what was left out and why, which criteria set each average counts, and each measure's
highest, lowest and national figures with their dates as the sources give them."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.analysis.findings import decimals
from ntm_analysis.lexicon import formats
from ntm_analysis.present.sentences import bullets, cite_ids, listing, n, say

MEASURE = {
    "communes_ntm_pct": {"vi": "tỷ lệ xã đạt chuẩn NTM", "en": "share of communes meeting NTM"},
    "communes_advanced_pct": {
        "vi": "tỷ lệ xã đạt chuẩn NTM nâng cao",
        "en": "share of communes at advanced NTM",
    },
    "communes_model_pct": {
        "vi": "tỷ lệ xã đạt chuẩn NTM kiểu mẫu",
        "en": "share of communes at model NTM",
    },
    "avg_criteria_per_commune": {
        "vi": "số tiêu chí bình quân mỗi xã",
        "en": "average criteria met per commune",
    },
    "rural_income_mn_vnd_per_person_year": {
        "vi": "thu nhập bình quân đầu người khu vực nông thôn",
        "en": "rural income per person",
    },
    "poverty_rate_pct": {"vi": "tỷ lệ hộ nghèo", "en": "household poverty rate"},
}
REASON = {
    "outside window": {"vi": "ngoài khoảng thời gian", "en": "outside the window"},
    "date undated": {"vi": "trang không ghi ngày", "en": "page not dated"},
    "date filed": {"vi": "ngày do dự án xếp, trang không ghi", "en": "date filed by the project"},
    "date none": {"vi": "không có ngày", "en": "no date"},
    "caution": {"vi": "bảng tham chiếu ghi cảnh báo", "en": "marked with a caution"},
}


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def axis_label(measure: str, lang: str) -> str:
    """The axis label of a measure ("Tỷ lệ xã đạt chuẩn NTM (%)")."""
    label = first_upper(MEASURE.get(measure, {"vi": measure, "en": measure})[lang])
    return f"{label} (%)" if measure.endswith("_pct") else label


def value_text(r: pd.Series, lang: str, mark_computed: bool = True) -> str:
    """The value as readers write it (a stated share with the decimals it was printed with,
    income with its unit); a share computed from count and total says so unless
    ``mark_computed`` is False (a table with a column for it)."""
    stated = r.get("basis") != "computed"
    if str(r["measure"]).endswith("_pct"):
        places = max(1, decimals(float(r["value"]))) if stated else 1
        text = formats.percent(r["value"], lang, decimals=places)
    elif r["measure"] == "rural_income_mn_vnd_per_person_year":
        text = formats.quantity(r["value"], "mn_vnd_per_person_year", lang)
    else:
        text = formats.number(r["value"], lang)
    if not stated and mark_computed:
        text += {"vi": " (tính toán)", "en": " (computed)"}[lang]
    return text


def _name(r: pd.Series, lang: str) -> str:
    if r["vintage"] == "national":
        return {"vi": "cả nước", "en": "the whole country"}[lang]
    return f"{r['province']} (2025)" if r["vintage"] == "2025" else r["province"]


def window(panel: pd.DataFrame, left: pd.DataFrame, as_of: str, months: int, lang: str) -> str:
    """The window compared and the rows left out, by reason."""
    start, end = dating.window(as_of, months)
    counts = left["reason"].value_counts()
    reasons = listing(
        [f"{n(k, lang)} {REASON.get(r, {'vi': r, 'en': r})[lang]}" for r, k in counts.items()],
        lang,
    )
    text = {
        "vi": "Chỉ so các số liệu ghi ngày trong khoảng {start} – {end} ({m} tháng); mỗi tỉnh "
        "lấy số mới nhất trong khoảng đó, ngày in đúng như nguồn nêu. Còn {k} số liệu của "
        "{p} tỉnh và cả nước; {x} số bị để ra ngoài: {reasons}.",
        "en": "Only figures dated within {start} – {end} ({m} months) are compared; each "
        "province shows its latest figure in that window, its date printed as the source "
        "gives it. That leaves {k} figures for {p} provinces and the country; {x} figures "
        "were left out: {reasons}.",
    }
    provinces = panel.loc[panel["vintage"] != "national", "province"].nunique()
    return say(
        text,
        lang,
        start=dating.label(start.isoformat(), lang),
        end=dating.label(end.isoformat(), lang),
        m=n(months, lang),
        k=n(len(panel), lang),
        p=n(provinces, lang),
        x=n(len(left), lang),
        reasons=reasons or "–",
    )


def flagged(left: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """The rows left out for a caution or for a missing date, one by one."""
    rows = left[left["reason"] != "outside window"]
    items = [
        say(
            {
                "vi": "{name}, {measure}: {value} ({when}) — {reason} {cite}",
                "en": "{name}, {measure}: {value} ({when}) — {reason} {cite}",
            },
            lang,
            name=first_upper(_name(r, lang)),
            measure=MEASURE.get(r["measure"], {"vi": r["measure"], "en": r["measure"]})[lang],
            value=value_text(r, lang),
            when=dating.label(r["date"], lang)
            if r["date_basis"] == "stated"
            else {"vi": "không ghi ngày", "en": "not dated"}[lang],
            reason=REASON[r["reason"]][lang],
            cite=cite_ids([r["source_id"]], sources, lang),
        )
        for _, r in rows.iterrows()
    ]
    return bullets(items)


def criteria_sets(figures: pd.DataFrame, lang: str) -> str:
    """How many averages of criteria count each set; they are never drawn on one axis."""
    avg = figures[figures["measure"] == "avg_criteria_per_commune"]
    counts = avg["criteria_period"].value_counts()
    parts = listing(
        [
            say(
                {"vi": "{k} theo bộ {p}", "en": "{k} on the {p} set"},
                lang,
                k=n(k, lang),
                p=p.replace("-", "–"),
            )
            if p != "unknown"
            else say({"vi": "{k} chưa rõ bộ", "en": "{k} on an unknown set"}, lang, k=n(k, lang))
            for p, k in counts.items()
        ],
        lang,
    )
    text = {
        "vi": "Số tiêu chí bình quân chỉ so được trong cùng một bộ tiêu chí: trong số liệu có "
        "{parts}. Bộ của một số liệu suy từ ngày của nó (trước khi bộ mới ban hành thì là bộ "
        "cũ; từ năm sau năm ban hành thì là bộ mới; năm chuyển tiếp thì chưa rõ), trừ khi "
        "nguồn ghi rõ. Mỗi biểu đồ chỉ vẽ một bộ; số chưa rõ bộ không được vẽ.",
        "en": "Averages of criteria met compare only within one criteria set: the data holds "
        "{parts}. A figure's set follows from its date (the old set before the new one was "
        "issued, the new set from the following year on, unknown in the year of the switch) "
        "unless the source names it. Each chart draws one set; figures on an unknown set are "
        "not drawn.",
    }
    return say(text, lang, parts=parts or "–")


def extremes(panel: pd.DataFrame, measure: str, sources: pd.DataFrame, lang: str) -> str:
    """Highest, lowest and national figure of one measure in the panel."""
    d = panel[panel["measure"] == measure]
    prov = d[d["vintage"] != "national"].sort_values("value")
    if prov.empty:
        return ""
    hi, lo = prov.iloc[-1], prov.iloc[0]
    nat = d[d["vintage"] == "national"]
    national = (
        say(
            {"vi": "; cả nước {v} ({w})", "en": "; the whole country {v} ({w})"},
            lang,
            v=value_text(nat.iloc[0], lang),
            w=dating.label(nat.iloc[0]["date"], lang),
        )
        if len(nat)
        else ""
    )
    text = {
        "vi": "**{m}** ({k} tỉnh): cao nhất {hi} {hv} ({hw}), thấp nhất {lo} {lv} ({lw})"
        "{national} {cite}.",
        "en": "**{m}** ({k} provinces): highest {hi} {hv} ({hw}), lowest {lo} {lv} ({lw})"
        "{national} {cite}.",
    }
    return say(
        text,
        lang,
        m=first_upper(MEASURE.get(measure, {"vi": measure, "en": measure})[lang]),
        k=n(len(prov), lang),
        hi=_name(hi, lang),
        hv=value_text(hi, lang),
        hw=dating.label(hi["date"], lang),
        lo=_name(lo, lang),
        lv=value_text(lo, lang),
        lw=dating.label(lo["date"], lang),
        national=national,
        cite=cite_ids([hi["source_id"], lo["source_id"], *nat["source_id"]], sources, lang),
    )
