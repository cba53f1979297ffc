"""House style for briefing charts: Vietnamese labels (English on request), a source line
under every chart, print sizes, PNG (300 dpi) and SVG output.

Notebooks build their figures with `new_figure`, label with `label`, close with
`finish(fig, sources=..., lang=...)` and write them with `save_figure`. Values that are
assumptions or illustrations must be marked on the chart with `mark_assumption`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ntm_analysis.lexicon import vocabulary

LANGS = ("vi", "en")
CM = 1 / 2.54

# Labels used across notebooks. Keys are stable identifiers; values per language. Tiers and
# criterion statuses are the vocabulary's (`vocabulary.label`), added below.
LABELS: dict[str, dict[str, str]] = {
    "no_data": {"vi": "Không có số liệu", "en": "No data"},
    "tier": {"vi": "Mức đạt chuẩn", "en": "Tier"},
    "criteria_band": {"vi": "Nhóm số tiêu chí đạt", "en": "Criteria band"},
    "unit_code": {"vi": "Mã đơn vị", "en": "Unit code"},
    "district": {"vi": "Quận/huyện", "en": "District"},
    "region": {"vi": "Vùng", "en": "Region"},
    "east": {"vi": "Phía Đông (Hải Phòng cũ)", "en": "East (former Hải Phòng)"},
    "west": {"vi": "Phía Tây (Hải Dương cũ)", "en": "West (former Hải Dương)"},
    "communes": {"vi": "Số xã", "en": "Communes"},
    "share_pct": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "year": {"vi": "Năm", "en": "Year"},
    "criteria_met": {"vi": "Số tiêu chí đạt", "en": "Criteria met"},
    "criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "commune": {"vi": "Xã", "en": "Commune"},
    "province": {"vi": "Tỉnh/thành phố", "en": "Province"},
    "funding_bn_vnd": {"vi": "Vốn (tỷ đồng)", "en": "Funding (VND billion)"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "admin_units": {"vi": "Đơn vị hành chính", "en": "Admin units"},
    "assumption": {"vi": "Giả định, không phải số liệu thực", "en": "Assumption, not data"},
}

LABELS |= {
    t.key: {lang: t.label(lang) for lang in LANGS}
    for domain in ("tiers", "criterion_statuses")
    for t in vocabulary.terms(domain)
    if t.level == ""
}

VINTAGE_LABELS = {
    "pre2023": {"vi": "trước sắp xếp 2023–2025", "en": "before the 2023–2025 mergers"},
    "legacy": {"vi": "trước 01/7/2025", "en": "before 1 Jul 2025"},
    "2025": {"vi": "từ 01/7/2025", "en": "from 1 Jul 2025"},
}

TIER_COLORS = {
    "none": "#d9d9d9",
    "ntm": "#9ecae1",
    "advanced": "#3182bd",
    "model": "#08519c",
    "no_data": "#f2f2f2",
}
REGION_COLORS = {"east": "#1b7837", "west": "#b35806"}
STATUS_COLORS = {"met": "#1a9850", "not_met": "#d73027", "unknown": "#e0e0e0"}

STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib; covers Vietnamese diacritics
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#e6e6e6",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "savefig.bbox": "tight",
    "svg.fonttype": "none",  # text stays text in SVG (editable, searchable)
    "svg.hashsalt": "ntm-analysis",  # stable ids: same figure, same SVG
}


def label(key: str, lang: str = "vi") -> str:
    """The label for ``key`` in ``lang`` (vi or en).

    >>> label("advanced"), label("advanced", "en")
    ('NTM nâng cao', 'Advanced NTM')
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    try:
        return LABELS[key][lang]
    except KeyError:
        raise KeyError(f"no label {key!r}; add it to charts.LABELS in both languages") from None


def apply_style() -> None:
    """Apply the house style to matplotlib globally."""
    mpl.rcParams.update(STYLE)


def new_figure(
    width_cm: float = 16.0, height_cm: float = 10.0, **subplot_kw: object
) -> tuple[Figure, object]:
    """A figure in the house style, sized in centimetres for print (A4 text width = 16 cm)."""
    apply_style()
    return plt.subplots(figsize=(width_cm * CM, height_cm * CM), layout="constrained", **subplot_kw)


def source_line(
    sources: Sequence[str], vintage: str | None = None, lang: str = "vi", note: str | None = None
) -> str:
    """The footer text: source ids, optionally the admin-unit vintage and a note.

    >>> source_line(["hp_2024_conclusion"], "legacy")
    'Nguồn: hp_2024_conclusion · Đơn vị hành chính: trước 01/7/2025'
    """
    if not sources:
        raise ValueError("every chart must name at least one source")
    parts = [f"{label('source', lang)}: {', '.join(dict.fromkeys(sources))}"]
    if vintage:
        parts.append(f"{label('admin_units', lang)}: {VINTAGE_LABELS[vintage][lang]}")
    if note:
        parts.append(note)
    return " · ".join(parts)


def finish(
    fig: Figure,
    sources: Sequence[str],
    vintage: str | None = None,
    lang: str = "vi",
    note: str | None = None,
) -> Figure:
    """Add the source line under the figure (required before `save_figure`)."""
    text = source_line(sources, vintage, lang, note)
    fig.text(
        0.0,
        -0.01,
        text,
        ha="left",
        va="top",
        fontsize=7.5,
        color="#555555",
        wrap=True,
        gid="source-line",
    )
    fig._ntm_source = text  # checked by save_figure
    return fig


def mark_assumption(ax: plt.Axes, text: str | None = None, lang: str = "vi") -> None:
    """Stamp an axes as showing assumed or illustrative values, not data."""
    ax.text(
        0.5,
        0.5,
        (text or label("assumption", lang)).upper(),
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=16,
        color="#b2182b",
        alpha=0.35,
        rotation=20,
        gid="assumption-mark",
    )


def save_figure(
    fig: Figure,
    name: str,
    fig_dir: str | Path,
    dpi: int = 300,
    formats: Iterable[str] = ("png", "svg"),
) -> list[Path]:
    """Write ``fig_dir/name.png`` (``dpi``, at least 200) and ``name.svg``; returns the paths."""
    if not getattr(fig, "_ntm_source", None):
        raise ValueError(f"figure {name!r} has no source line: call charts.finish() first")
    if dpi < 200:
        raise ValueError("print figures need at least 200 dpi")
    out = Path(fig_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        meta = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(path, dpi=dpi, format=fmt, metadata=meta)
        written.append(path)
    return written
