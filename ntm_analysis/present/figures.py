"""Briefing charts built from `indicators` frames, in the house style of `charts`.

Each builder returns a finished figure (title, source citations and data date included) ready
for `charts.save_figure`. Labels are Vietnamese by default; pass ``lang="en"`` for English.
Numbers, shares and dates on the charts are written by `lexicon.formats`; criteria and
criteria sets carry their Vietnamese names (`lexicon.criteria`); share axes end at 100 %.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ntm_analysis.analysis import areas, dating
from ntm_analysis.analysis.findings import decimals
from ntm_analysis.lexicon import criteria, formats, vocabulary
from ntm_analysis.present import charts

_TEXT = {
    "east_west_title": {
        "vi": "Tỷ lệ xã đạt NTM nâng cao và kiểu mẫu: phía Đông và phía Tây Hải Phòng",
        "en": "Share of communes at advanced and model NTM: East and West of Hải Phòng",
    },
    "computed": {
        "vi": "tính từ số xã / tổng số xã của cùng nguồn",
        "en": "computed from count / total of the same source",
    },
    "base_not_stated": {"vi": "mẫu số: không nêu", "en": "base not stated"},
    "reconciled": {"vi": "đối chiếu:", "en": "reconciled:"},
    "mark_stated": {"vi": "mẫu số do nguồn nêu", "en": "base stated by the source"},
    "mark_reconciled": {
        "vi": "mẫu số đối chiếu (số xã do nguồn nêu / danh mục đơn vị)",
        "en": "base reconciled (stated count / unit list)",
    },
    "mark_not_stated": {"vi": "mẫu số không nêu", "en": "base not stated"},
    "criteria_note": {
        "vi": "Hai phía đo xã theo hai bộ tiêu chí khác nhau.",
        "en": "The two parts measured communes against different criteria.",
    },
    "national": {"vi": "Cả nước", "en": "Whole country"},
    "province_marks": {
        "vi": "Chấm nhạt: tính từ số xã / tổng số xã của cùng nguồn; chấm rỗng: trang sao lại "
        "(độ tin cậy thấp hơn); ngày ghi như nguồn nêu.",
        "en": "Light dots: computed from count / total of the same source; hollow: a copied "
        "page (lower confidence); dates as the sources give them.",
    },
    "criteria_period": {
        "vi": "Số tiêu chí theo bộ tiêu chí xã giai đoạn {period}.",
        "en": "Criteria of the {period} commune set.",
    },
    "no_line_rule": {
        "vi": "Chỉ nối hai điểm có cùng mẫu số do nguồn nêu.",
        "en": "Points are joined only when both state the same base.",
    },
    "funding_title": {"vi": "Nguồn vốn theo nguồn", "en": "Funding by source"},
    "works": {"vi": "Số công trình", "en": "Works"},
    "cohort": {"vi": "Đợt từ năm {year}", "en": "Cohort from {year}"},
    "cohort_title": {
        "vi": "Các đợt xây dựng xã NTM kiểu mẫu: công trình kế hoạch và đã hoàn thành",
        "en": "Model-commune cohorts: works planned and completed",
    },
    "cohort_size": {
        "vi": "{communes} xã · {works} công trình · {per} công trình/xã (tính toán)",
        "en": "{communes} communes · {works} works · {per} works per commune (computed)",
    },
    "cohort_done": {
        "vi": "{done} đã hoàn thành: in ra {printed}, tính lại {computed}",
        "en": "{done} completed: printed {printed}, recomputed {computed}",
    },
    "works_done": {"vi": "đã hoàn thành", "en": "completed"},
    "works_planned": {"vi": "kế hoạch", "en": "planned"},
    "works_done_not_stated": {
        "vi": "kế hoạch; số hoàn thành không nêu",
        "en": "planned; completed not stated",
    },
    "no_money": {
        "vi": "Văn bản không nêu số tiền của từng đợt.",
        "en": "The document gives no money per cohort.",
    },
    "money_per_commune": {
        "vi": "Vốn bình quân mỗi xã (tỷ đồng, tính toán)",
        "en": "Money per commune (VND billion, computed)",
    },
    "per_commune_note": {
        "vi": "Vốn/xã là số bình quân (tính toán), không phải số phân bổ cho từng xã.",
        "en": "Money per commune is an average (computed), not an allocation.",
    },
    "heatmap_title": {
        "vi": "Tiêu chí đạt / chưa đạt theo xã",
        "en": "Criteria met / not met by commune",
    },
    "heatmap_axis": {"vi": "Tiêu chí (số và tên)", "en": "Criterion (number and name)"},
    "province_title": {
        "vi": "{label}: số liệu mới nhất của từng tỉnh",
        "en": "{label}: latest figure of each province",
    },
    "province_note": {
        "vi": "chấm nhạt: tính từ số xã / tổng số xã của cùng nguồn; ngày ghi cạnh mỗi chấm",
        "en": "light dots: computed from count / total of the same source; date beside each dot",
    },
    "coverage_title": {
        "vi": "Số dòng số liệu theo tỉnh và loại bảng",
        "en": "Rows of data by province and table",
    },
    "coverage_axis": {"vi": "Số dòng số liệu", "en": "Rows of data"},
    "tiers_title": {
        "vi": "{area}: tỷ lệ xã theo mức đạt chuẩn",
        "en": "{area}: share of communes by tier",
    },
    "tiers_note": {
        "vi": "mỗi điểm là một số liệu của một nguồn; các điểm không nối với nhau vì mẫu số "
        "(tổng số xã) thay đổi theo sáp nhập",
        "en": "each point is one figure of one source; points are not joined because the "
        "denominator (communes in total) changes with mergers",
    },
}
TABLE_LABELS = {
    "facts": {"vi": "Số liệu tổng hợp", "en": "Aggregate figures"},
    "commune_status": {"vi": "Mức đạt chuẩn của xã", "en": "Commune tiers"},
    "criteria_status": {"vi": "Tiêu chí theo xã", "en": "Criteria by commune"},
    "funding": {"vi": "Nguồn vốn", "en": "Funding"},
    "targets": {"vi": "Chỉ tiêu, kế hoạch", "en": "Targets and plans"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "units": {"vi": "Đơn vị hành chính", "en": "Administrative units"},
}
CATEGORY = {
    t.key: {lang: t.label(lang, short=True) for lang in ("vi", "en")}
    for t in vocabulary.terms("funding_categories")
}


def text(key: str, lang: str = "vi", **kw: object) -> str:
    """A chart text of this module in ``lang``."""
    return _TEXT[key][lang].format(**kw) if kw else _TEXT[key][lang]


def latest_date(dates: Sequence[object] | pd.Series) -> str | None:
    """The latest of dates given at any precision (as written), or None."""
    known = [str(d) for d in dates if formats.parse_date(d)]

    def end(d: str) -> tuple[int, int, int]:
        y, m, day = formats.parse_date(d)  # type: ignore[misc]
        return (y, m or 12, day or 31)

    return max(known, key=end) if known else None


_BASE_MARKS = {  # base basis -> (marker, filled)
    "stated": ("o", True),
    "reconciled": ("D", True),
    "not stated": ("o", False),
}


def _point_label(r: pd.Series, lang: str) -> str:
    places = 1 if r["basis"] == "computed" else min(2, decimals(r["share_pct"]))
    share = formats.percent(r["share_pct"], lang, decimals=places)
    if r["base_basis"] == "not stated":
        base = text("base_not_stated", lang)
    else:
        base = formats.ratio(int(r["count"]), int(r["base"]), lang)
        if r["base_basis"] == "reconciled":
            base = f"{text('reconciled', lang)} {base}"
    return f"{share}\n{base}\n{dating.label(r['date'], lang)}"


def _midpoint(date: str) -> pd.Timestamp:
    first, last = dating.span(date)
    return pd.Timestamp(first) + (pd.Timestamp(last) - pd.Timestamp(first)) / 2


def joinable(a: pd.Series, b: pd.Series) -> bool:
    """Two points of one series may be joined by a line only on one stated base."""
    return a["base_basis"] == b["base_basis"] == "stated" and a["base"] == b["base"]


def _draw_series(ax, d: pd.DataFrame, area: str, lang: str) -> None:
    color = charts.REGION_COLORS[area]
    d = d.assign(when=d["date"].map(_midpoint)).sort_values("when")
    recs = [r for _, r in d.iterrows()]
    for a, b in itertools.pairwise(recs):
        if joinable(a, b):
            ax.plot([a["when"], b["when"]], [a["share_pct"], b["share_pct"]], "-", color=color)
    side = -1 if area == "east" else 1
    for r in recs:
        marker, filled = _BASE_MARKS[r["base_basis"]]
        ax.scatter(
            [r["when"]],
            [r["share_pct"]],
            marker=marker,
            s=40,
            zorder=3,
            facecolors=color if filled else "white",
            edgecolors=color,
            linewidths=1.4,
        )
        below = r["share_pct"] > 70
        ax.annotate(
            _point_label(r, lang),
            (r["when"], r["share_pct"]),
            textcoords="offset points",
            xytext=(6 * side, -8 if below else 8),
            ha="right" if side < 0 else "left",
            va="top" if below else "bottom",
            fontsize=6.5,
            color=color,
            annotation_clip=False,
        )


def east_west_shares(points: pd.DataFrame, lang: str = "vi", note: str | None = None) -> Figure:
    """Advanced and model shares of the East and the West, each point with its base and date.

    ``points`` are `east_west.share_points` (with `east_west.with_reconciled_bases`). A line
    joins two points only when both state the same base (`joinable`); a point whose base no
    source prints is hollow, one whose base was reconciled is a diamond. The y axis runs from
    0 to 100 %.
    """
    points = points[points["tier"].isin(["advanced", "model"])]
    fig, axes = charts.new_figure(18, 10, ncols=2, sharey=True)
    for ax, tier in zip(axes, ("advanced", "model"), strict=True):
        for area in ("east", "west"):
            d = points[(points["tier"] == tier) & (points["area"] == area)]
            if not d.empty:
                _draw_series(ax, d, area, lang)
        ax.set_title(charts.label(tier, lang))
        ax.set_ylim(0, 100)
        ax.margins(x=0.25)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=5))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
        ax.tick_params(axis="x", rotation=30)
    axes[0].set_ylabel(charts.label("share_pct", lang))
    handles = [
        plt.Line2D(
            [], [], color=charts.REGION_COLORS[a], marker="o", ls="", label=charts.label(a, lang)
        )
        for a in ("east", "west")
    ]
    handles += [
        plt.Line2D(
            [],
            [],
            color="#555555",
            marker=m,
            markerfacecolor="#555555" if filled else "white",
            ls="",
            label=textwrap.fill(text(f"mark_{basis.replace(' ', '_')}", lang), 24),
        )
        for basis, (m, filled) in _BASE_MARKS.items()
    ]
    fig.legend(handles=handles, loc="outside right center", fontsize=7)
    fig.suptitle(text("east_west_title", lang), fontsize=11, fontweight="bold")
    sources = [s for ids in points["sources"] for s in str(ids).split("; ")]
    lines = text("no_line_rule", lang) + (f" {note}" if note else "")
    dates = points["date"] if "date" in points else []
    return charts.finish(fig, sources, "legacy", lang, lines, as_of=latest_date(dates))


def funding_bars(
    funding: pd.DataFrame, lang: str = "vi", title: str | None = None, unit: str | None = None
) -> Figure:
    """Horizontal bars of amounts by source category (billion VND) with their shares.

    ``funding`` is `indicators.funding_by_source` with ``source_id``; amounts are written in
    the reader's format, in ``unit`` (a money-unit key, e.g. the "trieu" a source uses) or
    in the most readable unit.
    """
    if "source_id" not in funding or funding["source_id"].isna().all():
        raise ValueError("funding bars need the source_id of their rows")
    fig, ax = charts.new_figure(16, 7)
    d = funding.sort_values("amount_vnd")
    labels = [CATEGORY[c][lang] for c in d["source_category"]]
    ax.barh(labels, d["amount_bn_vnd"], color="#3182bd")
    for y, (v, s) in enumerate(zip(d["amount_vnd"], d["share_pct"], strict=True)):
        share = formats.percent(s, lang)
        amount = formats.money(v, lang, unit=unit)
        ax.text(v / 1e9, y, f" {amount} ({share})", va="center", fontsize=8)
    ax.set_xlabel(charts.label("funding_bn_vnd", lang))
    charts.number_axis(ax, lang, axis="x")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_title(title or text("funding_title", lang))
    ax.set_xlim(0, d["amount_bn_vnd"].max() * 1.45)
    period = funding["period"].iloc[0] if "period" in funding and len(funding) else None
    return charts.finish(
        fig, funding["source_id"].tolist(), "legacy", lang, as_of=period and str(period)[-4:]
    )


def cohort_works(cohorts: pd.DataFrame, lang: str = "vi", title: str | None = None) -> Figure:
    """Works planned and completed per model-building cohort, as one document states them.

    ``cohorts`` is `funding_outcomes.cohorts`. A cohort whose completed works are not stated
    shows its planned works hatched, not as zero; each bar is labelled with the cohort's
    communes and works per commune (computed).
    """
    fig, ax = charts.new_figure(16, 2.5 + 1.6 * len(cohorts))
    d = cohorts.sort_values("cohort", ascending=False).reset_index(drop=True)
    names = [say_cohort(int(c), lang) for c in d["cohort"]]
    color = charts.TIER_COLORS["model"]
    for y, r in d.iterrows():
        done = r["works_completed"]
        stated = done == done and done is not None
        ax.barh(
            y,
            r["works"],
            color="#c6dbef" if stated else "white",
            edgecolor=color,
            hatch=None if stated else "///",
            height=0.4,
        )
        if stated:
            ax.barh(y, done, color=color, height=0.4)
        ax.text(0, y - 0.25, _cohort_label(r, stated, lang), va="top", fontsize=7.5)
    ax.set_yticks(range(len(d)), names)
    ax.set_ylim(-0.9, len(d) - 0.6)
    ax.set_xlabel(text("works", lang))
    ax.set_xlim(0, d["works"].max() * 1.15)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_title(title or text("cohort_title", lang))
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=color),
        plt.Rectangle((0, 0), 1, 1, facecolor="#c6dbef", edgecolor=color),
        plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=color, hatch="///"),
    ]
    fig.legend(
        handles,
        [
            textwrap.fill(text(k, lang), 18)
            for k in ("works_done", "works_planned", "works_done_not_stated")
        ],
        loc="outside right center",
        fontsize=7,
    )
    return charts.finish(fig, d["source_id"].tolist(), "legacy", lang, text("no_money", lang))


def say_cohort(year: int, lang: str) -> str:
    """'Đợt từ năm 2023' / 'Cohort from 2023'."""
    return text("cohort", lang).format(year=year)


def _cohort_label(r: pd.Series, stated: bool, lang: str) -> str:
    per = formats.number(r["works_per_commune"], lang, decimals=1)
    parts = [
        text("cohort_size", lang).format(
            communes=formats.number(r["communes"], lang),
            works=formats.number(r["works"], lang),
            per=per,
        )
    ]
    if stated:
        parts.append(
            text("cohort_done", lang).format(
                done=formats.number(r["works_completed"], lang),
                printed=formats.percent(r["works_completed_pct"], lang),
                computed=formats.percent(r["works_completed_pct_computed"], lang),
            )
        )
    return "\n".join(parts)


def money_outcomes(points: pd.DataFrame, lang: str = "vi", title: str | None = None) -> Figure:
    """Money per commune against an outcome, one dot per area and period of one comparable
    group (`funding_outcomes.comparable_groups`); refuses points that are not comparable."""
    if points.empty or not points["comparable"].all() or points["group"].nunique() != 1:
        raise ValueError("a money–outcome chart needs two or more points of one comparable group")
    fig, ax = charts.new_figure(16, 9)
    d = points.dropna(subset=["money_per_commune_vnd"])
    x = d["money_per_commune_vnd"] / 1e9
    y = (
        d["outcome_value"] / d["outcome_of"] * 100
        if d["outcome_of"].notna().all()
        else d["outcome_value"]
    )
    ax.scatter(x, y, color="#3182bd", zorder=3)
    for xi, yi, r in zip(x, y, d.itertuples(), strict=True):
        ax.annotate(
            f"{r.area} ({r.period})",
            (xi, yi),
            textcoords="offset points",
            xytext=(5, 4),
            fontsize=8,
        )
    ax.set_xlim(0, x.max() * 1.3)
    ax.set_xlabel(text("money_per_commune", lang))
    if d["outcome_of"].notna().all():
        ax.set_ylim(0, 100)
        ax.set_ylabel(charts.label("share_pct", lang))
    else:
        ax.set_ylim(0, y.max() * 1.2)
        ax.set_ylabel(d["outcome"].iloc[0])
    ax.set_title(title or d["group"].iloc[0])
    sources = [s for ids in d["sources"] for s in ids.split("; ")]
    return charts.finish(fig, sources, "legacy", lang, text("per_commune_note", lang))


def _criterion_labels(columns: Sequence[object], criteria_set: str, lang: str) -> list[str]:
    out = []
    for c in columns:
        try:
            no = int(c)
        except (TypeError, ValueError):
            out.append(str(c))
            continue
        out.append(f"{no}. {criteria.criterion_name(criteria_set, no, lang)}")
    return out


def criteria_heatmap(
    matrix: pd.DataFrame,
    criteria_set: str,
    sources: list[str],
    lang: str = "vi",
    *,
    title: str | None = None,
    as_of: object = None,
) -> Figure:
    """Commune × criterion grid: met, not met, unknown (hatched grey); criteria by name."""
    fig, ax = charts.new_figure(16, 11 + 0.6 * len(matrix))
    values = matrix.to_numpy(dtype=float)
    cmap = ListedColormap([charts.STATUS_COLORS["not_met"], charts.STATUS_COLORS["met"]])
    ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if np.isnan(v):
            ax.add_patch(
                plt.Rectangle(
                    (j - 0.5, i - 0.5),
                    1,
                    1,
                    facecolor=charts.STATUS_COLORS["unknown"],
                    hatch="///",
                    edgecolor="white",
                    lw=0,
                )
            )
    ax.set_xticks(
        range(values.shape[1]),
        _criterion_labels(matrix.columns, criteria_set, lang),
        rotation=90,
        fontsize=7,
    )
    ax.set_yticks(range(values.shape[0]), matrix.index.tolist())
    ax.set_xlabel(text("heatmap_axis", lang))
    ax.grid(False)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=charts.STATUS_COLORS[k]) for k in ("met", "not_met")
    ]
    handles.append(
        plt.Rectangle((0, 0), 1, 1, facecolor=charts.STATUS_COLORS["unknown"], hatch="///")
    )
    ax.legend(
        handles,
        [charts.label(k, lang) for k in ("met", "not_met", "unknown")],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
    )
    ax.set_title(
        title
        or f"{text('heatmap_title', lang)}\n{criteria.set_name(criteria_set, lang, short=True)}"
    )
    return charts.finish(fig, sources, "legacy", lang, as_of=as_of)


PERCENT_MEASURES = ("communes_ntm_pct", "communes_advanced_pct", "communes_model_pct")


def _province_name(r: pd.Series, lang: str) -> str:
    if r["vintage"] == "national":
        return text("national", lang)
    return f"{r['province']} (2025)" if r["vintage"] == "2025" else r["province"]


def _value_label(r: pd.Series, lang: str) -> str:
    if r["measure"] in PERCENT_MEASURES:
        value = formats.percent(r["value"], lang)
    else:
        value = formats.number(r["value"], lang)
    return f"  {value} · {dating.label(r['date'], lang)}"


def province_dots(
    panel: pd.DataFrame,
    measure: str,
    label: str,
    lang: str = "vi",
    title: str | None = None,
    highlight: str = "",
    note: str | None = None,
) -> Figure:
    """One dot per province for ``measure`` (from `provinces.panel`), each labelled with its
    value and its date as the source gives it.

    Shares run on an axis from 0 to 100 %. Computed shares are lighter; figures read from a
    copy of lower standing are hollow; the country is grey; ``highlight`` names a province to
    set in bold. Averages of criteria met must all count one criteria set (``criteria_period``).
    """
    d = panel[panel["measure"] == measure].sort_values("value")
    if d.empty:
        raise ValueError(f"no figure for {measure!r} in the panel")
    periods = set(d["criteria_period"]) - {""}
    if measure == "avg_criteria_per_commune" and (len(periods) != 1 or "unknown" in periods):
        raise ValueError(f"averages of different or unknown criteria sets: {sorted(periods)}")
    fig, ax = charts.new_figure(16, 2 + 0.45 * len(d))
    names = [_province_name(r, lang) for _, r in d.iterrows()]
    colors = [
        "#969696" if v == "national" else ("#3182bd" if b == "stated" else "#9ecae1")
        for v, b in zip(d["vintage"], d["basis"], strict=True)
    ]
    faces = ["white" if low else c for low, c in zip(d["lower_confidence"], colors, strict=True)]
    ax.hlines(names, 0, d["value"], color="#d9d9d9", lw=1)
    ax.scatter(d["value"], names, facecolors=faces, edgecolors=colors, s=32, zorder=3)
    for y, (_, r) in enumerate(d.iterrows()):
        ax.text(r["value"], y, _value_label(r, lang), va="center", fontsize=7.5)
    for tick in ax.get_yticklabels():
        if highlight and tick.get_text().startswith(highlight):
            tick.set_fontweight("bold")
    ax.set_xlabel(label)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    if measure in PERCENT_MEASURES:
        ax.set_xlim(0, 100)
    else:
        ax.set_xlim(0, d["value"].max() * 1.3)
    notes = [text("province_marks", lang)]
    if periods:
        notes.append(text("criteria_period", lang).format(period=next(iter(periods))))
    if note:
        notes.append(note)
    ax.set_title(title or text("province_title", lang, label=label.split(" (")[0]))
    vintage = "2025" if set(d["vintage"]) == {"2025"} else "legacy"
    return charts.finish(
        fig,
        d["source_id"].tolist(),
        vintage,
        lang,
        " ".join(notes),
        as_of=latest_date(d["date"]),
    )


def coverage_bars(
    coverage: pd.DataFrame,
    sources: Sequence[str],
    lang: str = "vi",
    top: int = 15,
    as_of: object = None,
) -> Figure:
    """Rows of data per province (the ``top`` provinces), stacked by table; a legacy
    province merged in 2025 is one bar, "Hải Phòng (cũ)" (`areas.province_labels`)."""
    coverage = coverage.assign(province=areas.province_labels(coverage))
    wide = coverage.pivot_table(
        index="province", columns="table", values="rows", aggfunc="sum", fill_value=0
    )
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index[:top]].iloc[::-1]
    unknown = {"vi": "(không rõ tỉnh)", "en": "(province not stated)"}[lang]
    wide = wide.rename(index={"(not stated)": unknown})
    fig, ax = charts.new_figure(16, 3 + 0.5 * len(wide))
    left = np.zeros(len(wide))
    colors = plt.get_cmap("tab10").colors
    for k, table in enumerate(wide.columns):
        ax.barh(
            wide.index,
            wide[table],
            left=left,
            color=colors[k % 10],
            label=TABLE_LABELS.get(table, {}).get(lang, table),
        )
        left += wide[table].to_numpy()
    for y, total in enumerate(left):
        ax.text(total, y, f" {formats.number(total, lang)}", va="center", fontsize=7.5)
    ax.set_xlim(0, left.max() * 1.15 if len(left) else 1)
    charts.number_axis(ax, lang, axis="x", integer=True)
    ax.set_xlabel(text("coverage_axis", lang))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(text("coverage_title", lang))
    return charts.finish(fig, sources, None, lang, as_of=as_of)


def tier_share_dots(shares: pd.DataFrame, area: str, lang: str = "vi") -> Figure:
    """Stated and computed tier shares of one area over time, as unjoined dots (a tier_shares
    frame for one area)."""
    fig, ax = charts.new_figure(16, 8.5)
    d = shares.assign(when=pd.to_datetime(shares["date"], format="ISO8601"))
    colors = {t: charts.TIER_COLORS[t] for t in ("ntm", "advanced", "model")}
    labels = []
    for tier, color in colors.items():
        t = d[d["tier"] == tier]
        for basis, marker in (("stated", "o"), ("computed", "s")):
            dd = t[t["basis"] == basis]
            ax.scatter(
                dd["when"],
                dd["share_pct"],
                color=color,
                marker=marker,
                s=40,
                edgecolor="#333333",
                linewidth=0.5,
                zorder=3,
                label=charts.label(tier, lang) if basis == "stated" or t.empty else None,
            )
        for r in t.itertuples():
            labels.append(
                ax.annotate(
                    formats.percent(r.share_pct, lang),
                    (r.when, r.share_pct),
                    textcoords="offset points",
                    xytext=(6, -3),
                    fontsize=7.5,
                )
            )
    charts.percent_axis(ax, lang)
    charts.date_axis(ax, lang)
    ax.margins(x=0.1)
    charts.separate_labels(fig, labels)
    ax.set_ylabel(charts.label("share_pct", lang))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower left", fontsize=8)
    ax.set_title(text("tiers_title", lang, area=area))
    note = text("tiers_note", lang)
    if (shares["basis"] == "computed").any():
        note += " · ■ " + text("computed", lang)
    return charts.finish(
        fig, shares["source_id"].tolist(), None, lang, note, as_of=latest_date(shares["date"])
    )
