"""Tables and prose for readers: readable column names, values written by `lexicon.formats`,
sources as citations, never NaN, <NA> or 4.440000e+04.

`table(frame, columns, lang)` picks and renames columns and formats each by its kind; the
result shows as HTML in a notebook (stable markup: two runs give the same bytes), and gives
its cells as text (`Table.frame`) for Word and its numbers (`Table.values`) for Excel.
`say(lang, vi=..., en=...)` shows a sentence in the report's language with its numbers
formatted in code; `no_data(...)` is the section a report shows where there is nothing to say.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ntm_analysis.lexicon import formats

KINDS = ("text", "number", "integer", "percent", "money", "date", "period")
Formatter = Callable[[object, str], str]
_FORMAT: dict[str, Formatter] = {
    "text": lambda v, lang: formats.cell(v, lang),
    "number": lambda v, lang: formats.cell(v, lang),
    "integer": lambda v, lang: formats.number(v, lang, 0),
    "percent": lambda v, lang: formats.percent(v, lang),
    "money": lambda v, lang: formats.money(v, lang),
    "date": lambda v, lang: formats.date(v, lang),
    "period": lambda v, lang: formats.period(v, lang),
}
_NUMERIC = ("number", "integer", "percent", "money")


@dataclass(frozen=True)
class Column:
    """One column of a reader table: the source column, its heading per language, its kind
    (one of `KINDS`) or a formatter ``(value, lang) -> str``."""

    key: str
    vi: str
    en: str
    kind: str | Formatter = "text"

    def heading(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def write(self, value: object, lang: str) -> str:
        fmt = self.kind if callable(self.kind) else _FORMAT[self.kind]
        return fmt(value, lang)

    @property
    def numeric(self) -> bool:
        return not callable(self.kind) and self.kind in _NUMERIC


@dataclass
class Table:
    """A formatted table: ``frame`` holds the text cells under their headings, ``values`` the
    raw values under the same headings (for Excel), ``numeric`` the right-aligned columns."""

    frame: pd.DataFrame
    values: pd.DataFrame
    numeric: list[str] = field(default_factory=list)
    caption: str = ""
    note: str = ""

    def __len__(self) -> int:
        return len(self.frame)

    def _repr_html_(self) -> str:
        return to_html(self)

    def _repr_markdown_(self) -> str | None:  # plain-text front ends get the HTML too
        return None


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    lang: str = "vi",
    caption: str = "",
    note: str = "",
) -> Table:
    """``frame``'s ``columns`` renamed to their headings and written for readers."""
    data: dict[str, list[str]] = {}
    raw: dict[str, list[object]] = {}
    for col in columns:
        values = frame[col.key].tolist() if col.key in frame else [None] * len(frame)
        data[col.heading(lang)] = [col.write(v, lang) for v in values]
        raw[col.heading(lang)] = [None if formats.cell(v) == "–" else v for v in values]
    return Table(
        pd.DataFrame(data),
        pd.DataFrame(raw),
        [c.heading(lang) for c in columns if c.numeric],
        caption,
        note,
    )


def to_html(t: Table) -> str:
    """The table as HTML (escaped text, numbers right-aligned, stable markup)."""
    esc = html.escape
    head = "".join(
        f'<th style="text-align:{"right" if h in t.numeric else "left"}">{esc(h)}</th>'
        for h in t.frame.columns
    )
    rows = []
    for r in t.frame.itertuples(index=False):
        cells = "".join(
            f'<td style="text-align:{"right" if h in t.numeric else "left"}">{esc(str(v))}</td>'
            for h, v in zip(t.frame.columns, r, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    caption = f"<caption>{esc(t.caption)}</caption>" if t.caption else ""
    note = f'<p class="ntm-note"><em>{esc(t.note)}</em></p>' if t.note else ""
    return (
        f'<table class="ntm-table">{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{note}"
    )


@dataclass(frozen=True)
class Prose:
    """Markdown shown as a cell's output (prose whose numbers are computed in code)."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def say(lang: str, vi: str, en: str, **values: object) -> Prose:
    """The sentence of ``lang`` with ``values`` filled in (format them with `formats` first).

    >>> str(say("vi", vi="Có {n} xã.", en="{n} communes.", n="1.234"))
    'Có 1.234 xã.'
    """
    return Prose((vi if lang == "vi" else en).format(**values))


NO_DATA = {
    "vi": "**Không có số liệu** về {what} của {area} trong dữ liệu hiện có{when}.",
    "en": "**No data** on {what} for {area} in the data at hand{when}.",
}


def no_data(what: Mapping[str, str], area: str, lang: str = "vi", year: object = None) -> Prose:
    """The section shown instead of a table or chart when the data holds nothing for it.

    >>> str(no_data({"vi": "tiêu chí theo xã", "en": "criteria by commune"}, "Hà Giang", "en"))
    '**No data** on criteria by commune for Hà Giang in the data at hand.'
    """
    when = ""
    if year is not None and str(year).strip():
        when = f" (đến năm {year})" if lang == "vi" else f" (up to {year})"
    return Prose(NO_DATA[lang].format(what=what[lang], area=area or "—", when=when))


def sources_list(entries: Sequence[tuple[int, object]], lang: str = "vi") -> Prose:
    """A numbered source list ([n] full citation) as Markdown."""
    head = "**Nguồn số liệu**" if lang == "vi" else "**Sources**"
    lines = [f"{n}. {getattr(c, 'full', c)}" for n, c in entries]
    return Prose("\n".join([head, "", *lines]) if lines else "")
