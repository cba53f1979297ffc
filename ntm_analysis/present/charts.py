"""House style for briefing charts: Vietnamese labels (English on request), a title, the
sources as document citations and the data date under every chart, print sizes, PNG
(200 dpi) and SVG with text kept as text.

Notebooks build their figures with `new_figure`, label with `label`, format axes with
`percent_axis` / `number_axis` (numbers through `lexicon.formats`), close with
`finish(fig, sources=<source ids>, lang=..., as_of=...)` and write them with `save_figure`,
which refuses a figure without a title or a source line. `finish` turns the ids into
citations through the sources table (`model.citations`): up to three inline, more as a
numbered list under the chart, or as "[n]" references into a shared `SourceList` inside
`numbered_sources(...)` (the Word briefing). Values that are assumptions or illustrations
must be marked on the chart with `mark_assumption`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ntm_analysis import paths
from ntm_analysis.lexicon import formats, vocabulary
from ntm_analysis.model import citations

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
    "sources_below": {"vi": "danh mục dưới đây", "en": "listed below"},
    "sources_listed": {"vi": "xem danh mục nguồn", "en": "see the list of sources"},
    "as_of": {"vi": "Số liệu đến", "en": "Data as of"},
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


# ------------------------------------------------------------------------------- axes


def percent_axis(ax: plt.Axes, lang: str = "vi", axis: str = "y", top: float = 100.0) -> None:
    """A share axis from 0 to 100 (``top``) with ticks written as '20 %' / '20%'."""
    lim = ax.set_ylim if axis == "y" else ax.set_xlim
    lim(0, top)
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: formats.percent(v, lang, 0)))


def number_axis(ax: plt.Axes, lang: str = "vi", axis: str = "y", integer: bool = False) -> None:
    """Ticks written with the language's grouping and decimal marks (1.234,5 / 1,234.5)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    if integer:
        target.set_major_locator(MaxNLocator(integer=True))
    target.set_major_formatter(FuncFormatter(lambda v, _: formats.number(v, lang)))


def date_axis(ax: plt.Axes, lang: str = "vi") -> None:
    """A time axis with ticks as years, or as months ('12/2024', 'Dec / 2024' on two lines)
    when the span is short."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)

    def tick(value: float, _: object) -> str:
        when = mdates.num2date(value)
        lo, hi = ax.get_xlim()
        if hi - lo > 3 * 365:
            return str(when.year)
        if lang == "vi":
            return f"{when.month}/{when.year}"
        return formats.date(f"{when.year}-{when.month:02d}", lang).replace(" ", "\n")

    ax.xaxis.set_major_formatter(FuncFormatter(tick))


def separate_labels(fig: Figure, texts: Sequence[plt.Annotation], gap_pt: float = 1.5) -> None:
    """Move annotations (placed with an offset in points) until no two of them overlap on the
    page: the later one moves towards the middle of its axes; the first keeps its place."""
    if len(texts) < 2:
        return
    renderer = fig.canvas.get_renderer()
    for _ in range(60):
        moved = False
        boxes = [t.get_window_extent(renderer) for t in texts]
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = boxes[i], boxes[j]
                if a.overlaps(b):
                    shift = (min(a.y1, b.y1) - max(a.y0, b.y0)) + gap_pt * fig.dpi / 72
                    ax_box = texts[j].axes.get_window_extent(renderer)
                    down = (b.y0 + b.y1) / 2 > (ax_box.y0 + ax_box.y1) / 2
                    step = shift * 72 / fig.dpi * (-1 if down else 1)
                    x, y = texts[j].xyann
                    texts[j].xyann = (x, y + step)
                    boxes[j] = texts[j].get_window_extent(renderer)
                    moved = True
        if not moved:
            return


def _wrap_titles(fig: Figure) -> None:
    """Titles wider than the figure are broken into lines."""
    width = fig.get_figwidth() * 72 * 0.98
    sup = getattr(fig, "_suptitle", None)
    titled = [sup] if sup is not None else []
    titled += [ax.title for ax in fig.axes]
    for t in titled:
        text, size, weight = t.get_text(), t.get_fontsize(), t.get_fontweight()
        if text and "\n" not in text and text_width(text, size, weight) > width:
            t.set_text("\n".join(wrap(text, width, size, weight)))


# --------------------------------------------------------------------------- sources

_ACTIVE: list[citations.SourceList] = []
MAX_INLINE = 3  # more sources than this are listed with numbers
FOOTER_SIZE = 7.0


@contextmanager
def numbered_sources(source_list: citations.SourceList) -> Iterator[citations.SourceList]:
    """Inside this block, `finish` cites "[n]" numbers of ``source_list`` (printed elsewhere,
    e.g. at the end of a briefing) instead of writing the citations under each chart."""
    _ACTIVE.append(source_list)
    try:
        yield source_list
    finally:
        _ACTIVE.pop()


@cache
def _default_sources(processed: str) -> pd.DataFrame:
    """The sources table of data/processed, or (before a build) the raw registry with the
    pages the reference tables cite and the gazetteer packages."""
    path = Path(processed) / "sources.parquet"
    if path.is_file():
        return pd.read_parquet(path)
    from ntm_analysis.places import gazetteer
    from ntm_analysis.sources import reference

    raw = pd.read_csv(paths.RAW / "sources.csv", dtype=str, encoding="utf-8-sig")
    staged = reference.stage(paths.RAW).get("sources", pd.DataFrame())
    return pd.concat([raw, staged, gazetteer.load_sources()], ignore_index=True)


def sources_table() -> pd.DataFrame:
    """The sources table charts cite through: the one registered by `tables.load_tables`,
    else data/processed's, else the raw registry."""
    registered = citations.registered_sources()
    return registered if registered is not None else _default_sources(str(paths.PROCESSED))


def _resolve(ids: Sequence[str], lang: str, table: pd.DataFrame | None) -> list:
    found = citations.resolve(ids, sources_table() if table is None else table, lang, False)
    unknown = [c.source_id for c in found if c.kind == "unknown"]
    if unknown:
        warnings.warn(f"sources not in the sources table: {unknown}", stacklevel=3)
    return found


@cache
def _font(size: float, weight: str | int) -> object:
    prop = FontProperties(family=STYLE["font.family"], size=size, weight=weight)
    font = get_font(findfont(prop))
    return font


@cache
def text_width(text: str, size: float, weight: str | int = "normal") -> float:
    """Width in points of ``text`` set in the house font at ``size`` points."""
    font = _font(size, weight)
    font.set_size(size, 72)  # type: ignore[attr-defined]
    font.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)  # type: ignore[attr-defined]
    return font.get_width_height()[0] / 64  # type: ignore[attr-defined]


def _cut(line: str, word: str, width_pt: float, size: float, weight: str | int) -> int:
    """How much of ``word`` fits after ``line``: the longest part ending after a '/' or '-'
    (addresses break there); 0 when none fits."""
    cuts = [i + 1 for i, ch in enumerate(word[:-1]) if ch in "/-" and i > 0]
    fits = [c for c in cuts if text_width(line + word[:c], size, weight) <= width_pt]
    return fits[-1] if fits else 0


def wrap(
    text: str, width_pt: float, size: float = FOOTER_SIZE, weight: str | int = "normal"
) -> list[str]:
    """``text`` broken into lines no wider than ``width_pt`` points; an address that does not
    fit is broken after a '/' or '-' rather than moved whole to the next line.

    >>> wrap("Nguồn: a b c", 1000), len(wrap("x/" * 200, 300)) > 1
    (['Nguồn: a b c'], True)
    """
    lines = [""]
    for word in text.split(" "):
        sep = " " if lines[-1] else ""
        while word:
            if text_width(lines[-1] + sep + word, size, weight) <= width_pt or (
                not lines[-1] and not _cut("", word, width_pt, size, weight)
            ):
                lines[-1] += sep + word
                break
            cut = _cut(lines[-1] + sep, word, width_pt, size, weight)
            if cut:
                lines[-1] += sep + word[:cut]
                word = word[cut:]
            lines.append("")
            sep = ""
    return [line for line in lines if line]


def source_line(
    sources: Sequence[str],
    vintage: str | None = None,
    lang: str = "vi",
    note: str | None = None,
    as_of: object = None,
    table: pd.DataFrame | None = None,
) -> str:
    """The footer: the sources as citations (numbered when there are many), the data date,
    the admin-unit vintage and a note; one string, lines separated by newlines.

    >>> src = pd.DataFrame({"source_id": ["a"], "kind": ["document"], "issuer": ["UBND tỉnh X"],
    ...                     "document_no": ["5/BC-UBND"], "issued_date": ["2025-04-30"]})
    >>> for part in source_line(["a"], "legacy", as_of="2024-12", table=src).split(" · "):
    ...     print(part)
    Nguồn: Báo cáo số 5/BC-UBND ngày 30/4/2025, UBND tỉnh X
    Số liệu đến: tháng 12/2024
    Đơn vị hành chính: trước 01/7/2025
    """
    if not list(sources):
        raise ValueError("every chart must name at least one source")
    head = label("source", lang)
    if _ACTIVE:
        shared = _ACTIVE[-1]
        cited = f"{head}: {shared.refs(sources)} ({label('sources_listed', lang)})"
        listing: list[str] = []
    else:
        found = _resolve(list(sources), lang, table)
        if len(found) <= MAX_INLINE:
            cited, listing = f"{head}: {'; '.join(c.short for c in found)}", []
        else:
            refs = citations.ranges(range(1, len(found) + 1))
            cited = f"{head}: {refs} ({label('sources_below', lang)})"
            listing = [f"[{i}] {c.short}" for i, c in enumerate(found, start=1)]
    parts = [cited]
    if as_of is not None and str(as_of).strip():
        parts.append(f"{label('as_of', lang)}: {formats.date(as_of, lang)}")
    if vintage:
        parts.append(f"{label('admin_units', lang)}: {VINTAGE_LABELS[vintage][lang]}")
    if note:
        parts.append(note)
    return "\n".join([" · ".join(parts), *listing])


def finish(
    fig: Figure,
    sources: Sequence[str],
    vintage: str | None = None,
    lang: str = "vi",
    note: str | None = None,
    *,
    as_of: object = None,
    table: pd.DataFrame | None = None,
) -> Figure:
    """Write the source line under the figure (required before `save_figure`).

    Args:
        fig: The figure.
        sources: Source ids (`sources.source_id`); each is cited by document, never by id.
        vintage: Admin-unit vintage the chart's units belong to.
        lang: ``vi`` or ``en``.
        note: A further remark (e.g. how computed values are marked).
        as_of: The date of the data shown, at the precision known ("2025-11").
        table: The sources table to cite from (default: `sources_table`).
    """
    text = source_line(sources, vintage, lang, note, as_of, table)
    _wrap_titles(fig)
    width_pt = fig.get_figwidth() * 72
    lines = [w for line in text.split("\n") for w in wrap(line, width_pt)]
    fig.text(
        0.0,
        -0.01,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=FOOTER_SIZE,
        color="#444444",
        linespacing=1.35,
        gid="source-line",
    )
    fig._ntm_source = text  # checked by save_figure
    return fig


def has_title(fig: Figure) -> bool:
    """True when the figure or one of its axes carries a title."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return True
    return any(ax.get_title(loc).strip() for ax in fig.axes for loc in ("center", "left", "right"))


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
    fig_dir: str | Path | None = None,
    dpi: int = 200,
    formats: Iterable[str] = ("png", "svg"),
) -> list[Path]:
    """Write ``fig_dir/name.png`` (``dpi``, at least 200) and ``name.svg`` (text kept as
    text); ``fig_dir`` None is reports/figures. Returns the paths.

    Refuses a figure without a title or without the source line of `finish`. In a notebook the
    saved PNG is what the cell shows (the figure is not drawn a second time).
    """
    if not getattr(fig, "_ntm_source", None):
        raise ValueError(f"figure {name!r} has no source line: call charts.finish() first")
    if not has_title(fig):
        raise ValueError(f"figure {name!r} has no title: set one (ax.set_title or suptitle)")
    if dpi < 200:
        raise ValueError("print figures need at least 200 dpi")
    out = paths.FIGURES if fig_dir in (None, "") else Path(fig_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        meta = {"Date": None} if fmt == "svg" else {"Software": None}
        with mpl.rc_context({k: STYLE[k] for k in ("svg.fonttype", "svg.hashsalt")}):
            fig.savefig(path, dpi=dpi, format=fmt, metadata=meta)
        written.append(path)
    _show_saved(fig, written)
    return written


def _show_saved(fig: Figure, written: list[Path]) -> None:
    """In a notebook kernel, show the saved PNG (at screen width) instead of drawing again."""
    png = next((p for p in written if p.suffix == ".png"), None)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the notebooks' extras
        return
    shell = get_ipython()
    if png is None or shell is None or "inline" not in mpl.get_backend():
        return
    from IPython.display import Image, display

    display(Image(data=png.read_bytes(), format="png", width=700))
    plt.close(fig)
