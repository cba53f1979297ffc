"""Briefing charts built from `indicators` frames, in the house style of `charts`.

Each builder returns a finished figure (source line included) ready for
`charts.save_figure`. Labels are Vietnamese by default; pass ``lang="en"`` for English.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ntm_analysis.lexicon import vocabulary
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
}
CATEGORY = {
    t.key: {lang: t.label(lang, short=True) for lang in ("vi", "en")}
    for t in vocabulary.terms("funding_categories")
}


def text(key: str, lang: str = "vi") -> str:
    """A chart text of this module in ``lang``."""
    return _TEXT[key][lang]


def east_west_shares(shares: pd.DataFrame, lang: str = "vi") -> Figure:
    """Dot-and-line chart of advanced and model shares over time, East vs West."""
    shares = shares[shares["tier"].isin(["advanced", "model"])]
    fig, axes = charts.new_figure(16, 9, ncols=2, sharey=True)
    for ax, tier in zip(axes, ("advanced", "model"), strict=True):
        for area in ("east", "west"):
            d = shares[(shares["tier"] == tier) & (shares["area"] == area)].copy()
            if d.empty:
                continue
            d["when"] = pd.to_datetime(d["date"], format="ISO8601")
            color = charts.REGION_COLORS[area]
            ax.plot(d["when"], d["share_pct"], "-", color=color, lw=1.2, alpha=0.6)
            for basis, marker in (("stated", "o"), ("computed", "s")):
                dd = d[d["basis"] == basis]
                ax.scatter(
                    dd["when"],
                    dd["share_pct"],
                    color=color,
                    marker=marker,
                    s=36,
                    zorder=3,
                    label=charts.label(area, lang) if basis == "stated" else None,
                )
            for r in d.itertuples():
                ax.annotate(
                    f"{r.share_pct:g}%",
                    (r.when, r.share_pct),
                    textcoords="offset points",
                    xytext=(4, 4),
                    fontsize=8,
                    color=color,
                )
        ax.set_title(charts.label(tier, lang))
        ax.set_ylim(0, 105)
        ax.tick_params(axis="x", rotation=30)
    axes[0].set_ylabel(charts.label("share_pct", lang))
    axes[0].legend(loc="lower right")
    fig.suptitle(text("east_west_title", lang), fontsize=11, fontweight="bold")
    note = "■ " + text("computed", lang) if (shares["basis"] == "computed").any() else None
    return charts.finish(fig, shares["source_id"].tolist(), "legacy", lang, note)


def funding_bars(funding: pd.DataFrame, lang: str = "vi", title: str | None = None) -> Figure:
    """Horizontal bars of amounts by source category (billion VND) with their shares."""
    fig, ax = charts.new_figure(16, 7)
    d = funding.sort_values("amount_vnd")
    labels = [CATEGORY[c][lang] for c in d["source_category"]]
    ax.barh(labels, d["amount_bn_vnd"], color="#3182bd")
    for y, (v, s) in enumerate(zip(d["amount_bn_vnd"], d["share_pct"], strict=True)):
        ax.text(v, y, f" {v:,.2f} ({s:.1f}%)".replace(",", " "), va="center", fontsize=8)
    ax.set_xlabel(charts.label("funding_bn_vnd", lang))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_title(title or text("funding_title", lang))
    ax.set_xlim(0, d["amount_bn_vnd"].max() * 1.3)
    return charts.finish(
        fig, funding.get("source_id", pd.Series(dtype=str)).tolist() or ["?"], "legacy", lang
    )


def criteria_heatmap(
    matrix: pd.DataFrame, criteria_set: str, sources: list[str], lang: str = "vi"
) -> Figure:
    """Commune × criterion grid: met, not met, unknown (hatched grey)."""
    fig, ax = charts.new_figure(16, 2.2 + 0.7 * len(matrix))
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
    ax.set_xticks(range(values.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(values.shape[0]), matrix.index.tolist())
    ax.set_xlabel(f"{charts.label('criterion', lang)} ({criteria_set})")
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
    ax.set_title(text("heatmap_title", lang))
    return charts.finish(fig, sources, "legacy", lang)


def province_dots(panel: pd.DataFrame, measure: str, label: str, lang: str = "vi") -> Figure:
    """One dot per province for ``measure`` (latest figure), labelled with its year."""
    d = panel[panel["measure"] == measure].sort_values("value")
    fig, ax = charts.new_figure(16, 2 + 0.42 * len(d))
    names = [
        f"{p}{' (2025)' if v == '2025' else ''}"
        for p, v in zip(d["province"], d["vintage"], strict=True)
    ]
    colors = ["#3182bd" if b == "stated" else "#9ecae1" for b in d["basis"]]
    ax.hlines(names, 0, d["value"], color="#d9d9d9", lw=1)
    ax.scatter(d["value"], names, color=colors, s=30, zorder=3)
    for y, (v, when) in enumerate(zip(d["value"], d["date"], strict=True)):
        ax.text(v, y, f"  {v:g} ({str(when)[:7]})", va="center", fontsize=7.5)
    ax.set_xlabel(label)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, d["value"].max() * 1.25)
    note = {
        "vi": "chấm nhạt: tính từ số xã / tổng số xã của cùng nguồn",
        "en": "light dots: computed from count / total of the same source",
    }[lang]
    return charts.finish(fig, d["source_id"].tolist(), "legacy", lang, note)
