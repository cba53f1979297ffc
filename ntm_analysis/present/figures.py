"""Briefing charts built from `indicators` frames, in the house style of `charts`.

Each builder returns a finished figure (title, source citations and data date included) ready
for `charts.save_figure`. Labels are Vietnamese by default; pass ``lang="en"`` for English.
Numbers, shares and dates on the charts are written by `lexicon.formats`; criteria and
criteria sets carry their Vietnamese names (`lexicon.criteria`); share axes end at 100 %.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

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
    "funding_title": {"vi": "Nguồn vốn theo nguồn", "en": "Funding by source"},
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
    return _TEXT[key][lang].format(**kw)


def latest_date(dates: Sequence[object] | pd.Series) -> str | None:
    """The latest of dates given at any precision (as written), or None."""
    known = [str(d) for d in dates if formats.parse_date(d)]

    def end(d: str) -> tuple[int, int, int]:
        y, m, day = formats.parse_date(d)  # type: ignore[misc]
        return (y, m or 12, day or 31)

    return max(known, key=end) if known else None


def east_west_shares(shares: pd.DataFrame, lang: str = "vi") -> Figure:
    """Dot chart of advanced and model shares over time, East vs West (points not joined:
    the denominators differ between sources and dates)."""
    shares = shares[shares["tier"].isin(["advanced", "model"])]
    fig, axes = charts.new_figure(16, 9, ncols=2, sharey=True)
    for ax, tier in zip(axes, ("advanced", "model"), strict=True):
        labels = []
        d = shares[shares["tier"] == tier].copy()
        d["when"] = pd.to_datetime(d["date"], format="ISO8601")
        for area in ("east", "west"):
            a = d[d["area"] == area]
            if a.empty:
                continue
            color = charts.REGION_COLORS[area]
            # no line between the points: their bases differ or are not printed
            for basis, marker in (("stated", "o"), ("computed", "s")):
                dd = a[a["basis"] == basis]
                ax.scatter(
                    dd["when"],
                    dd["share_pct"],
                    color=color,
                    marker=marker,
                    s=36,
                    zorder=3,
                    label=charts.label(area, lang) if basis == "stated" else None,
                )
            for r in a.itertuples():
                labels.append(
                    ax.annotate(
                        formats.percent(r.share_pct, lang),
                        (r.when, r.share_pct),
                        textcoords="offset points",
                        xytext=(5, -3),
                        fontsize=8,
                        color=color,
                    )
                )
        ax.set_title(charts.label(tier, lang))
        charts.percent_axis(ax, lang)
        charts.date_axis(ax, lang)
        ax.margins(x=0.15)
        charts.separate_labels(fig, labels)
    axes[0].set_ylabel(charts.label("share_pct", lang))
    axes[0].legend(loc="lower left")
    fig.suptitle(text("east_west_title", lang), fontsize=11, fontweight="bold")
    note = "■ " + text("computed", lang) if (shares["basis"] == "computed").any() else None
    return charts.finish(
        fig,
        shares["source_id"].tolist(),
        "legacy",
        lang,
        note,
        as_of=latest_date(shares["date"]),
    )


def funding_bars(funding: pd.DataFrame, lang: str = "vi", title: str | None = None) -> Figure:
    """Horizontal bars of amounts by source category (billion VND) with their shares."""
    if "source_id" not in funding or funding["source_id"].isna().all():
        raise ValueError("funding_bars needs the source_id of every row")
    fig, ax = charts.new_figure(16, 7)
    d = funding.sort_values("amount_vnd")
    labels = [CATEGORY[c][lang] for c in d["source_category"]]
    ax.barh(labels, d["amount_bn_vnd"], color="#3182bd")
    for y, (vnd, s) in enumerate(zip(d["amount_vnd"], d["share_pct"], strict=True)):
        ax.text(
            d["amount_bn_vnd"].iloc[y],
            y,
            f" {formats.money(vnd, lang)} ({formats.percent(s, lang)})",
            va="center",
            fontsize=8,
        )
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


def province_dots(
    panel: pd.DataFrame,
    measure: str,
    label: str,
    lang: str = "vi",
    title: str | None = None,
    highlight: str | None = None,
) -> Figure:
    """One dot per province for ``measure`` (latest figure), labelled with value and date;
    ``highlight`` names a province drawn in a stronger colour."""
    d = panel[panel["measure"] == measure].sort_values("value")
    fig, ax = charts.new_figure(16, 3 + 0.45 * len(d))
    names = [
        f"{p}{' (2025)' if v == '2025' else ''}"
        for p, v in zip(d["province"], d["vintage"], strict=True)
    ]
    colors = [
        "#d95f0e" if p == highlight else ("#3182bd" if b == "stated" else "#9ecae1")
        for p, b in zip(d["province"], d["basis"], strict=True)
    ]
    is_pct = measure.endswith("_pct")
    top = 100.0 if is_pct else float(d["value"].max()) * 1.35 if len(d) else 1.0
    ax.hlines(names, 0, d["value"], color="#d9d9d9", lw=1)
    ax.scatter(d["value"], names, color=colors, s=30, zorder=4, clip_on=False)
    for y, (v, when) in enumerate(zip(d["value"], d["date"], strict=True)):
        value = formats.percent(v, lang) if is_pct else formats.number(v, lang)
        inside = v > top * 0.6  # near the end of the axis the label goes to the left
        ax.annotate(
            f"{value} ({formats.date(when, lang)})",
            (v, y),
            textcoords="offset points",
            xytext=(-6 if inside else 6, 0),
            va="center",
            ha="right" if inside else "left",
            fontsize=7.5,
            zorder=3,
        )
    if is_pct:
        charts.percent_axis(ax, lang, axis="x")
    else:
        ax.set_xlim(0, top)
        charts.number_axis(ax, lang, axis="x")
    ax.set_xlabel(label)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_title(title or text("province_title", lang, label=label.split(" (")[0]))
    return charts.finish(
        fig,
        d["source_id"].tolist(),
        "legacy",
        lang,
        text("province_note", lang),
        as_of=latest_date(d["date"]),
    )


def coverage_bars(
    coverage: pd.DataFrame,
    sources: Sequence[str],
    lang: str = "vi",
    top: int = 15,
    as_of: object = None,
) -> Figure:
    """Rows of data per province (the ``top`` provinces), stacked by table."""
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
