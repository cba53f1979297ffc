"""Building blocks for the sentences notebooks print: pick a language, cite a row, format.

Numbers in a notebook's conclusions come from the data and are written here through
`lexicon.formats`; every sentence that states a figure ends with the document (and line) or
the page it comes from, cited through `model.citations.cite`. Computed values say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlparse

import pandas as pd

from ntm_analysis.lexicon import formats
from ntm_analysis.model.citations import cite
from ntm_analysis.model.citations import locator as reader_locator

Text = Mapping[str, str]  # {"vi": ..., "en": ...}

COMPUTED = {"vi": "tính toán", "en": "computed"}
LEAD = {"vi": "manh mối, chưa phải kết luận", "en": "a lead, not a conclusion"}


def say(text: Text, lang: str, **values: object) -> str:
    """``text`` in ``lang`` with ``values`` filled in."""
    if lang not in formats.LANGS:
        raise ValueError(f"lang must be one of {formats.LANGS}, not {lang!r}")
    return text[lang].format(**values)


def n(value: float | int, lang: str) -> str:
    """A count or amount with the reader's grouping ('1.047' / '1,047')."""
    return formats.number(value, lang)


def pct(value: float, lang: str, decimals: int = 1) -> str:
    """A share in percent ('49,7 %' / '49.7%')."""
    return formats.percent(value, lang, decimals=decimals)


def listing(items: Iterable[str], lang: str) -> str:
    """'a, b và c' / 'a, b and c'."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    last = " và " if lang == "vi" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def cite_source(
    source_id: str, sources: pd.DataFrame, locator: str | None = None, lang: str = "vi"
) -> str:
    """The citation of one source for a sentence; a document with its locator, a web page or
    a package as a link, in ``lang``'s citation style."""
    (name,) = cite([source_id], sources, lang)
    kind = sources.set_index("source_id").at[source_id, "kind"]
    if kind == "document":
        return f"{name}, {reader_locator(locator, lang)}" if locator else name
    host = urlparse(name).netloc or name
    return f"[{host}]({name})" if name.startswith("http") else name


def cite_rows(
    rows: pd.DataFrame | Iterable[pd.Series], sources: pd.DataFrame, lang: str = "vi"
) -> str:
    """'(citation; citation)' for table rows with ``source_id`` and ``source_locator``."""
    items = rows.itertuples() if isinstance(rows, pd.DataFrame) else rows
    seen: dict[str, list[str]] = {}
    for r in items:
        sid = r.source_id if hasattr(r, "source_id") else r["source_id"]
        loc = r.source_locator if hasattr(r, "source_locator") else r.get("source_locator")
        seen.setdefault(sid, [])
        if isinstance(loc, str) and loc and loc not in seen[sid]:
            seen[sid].append(loc)
    parts = [
        cite_source(sid, sources, "; ".join(locs) if locs else None, lang)
        for sid, locs in seen.items()
    ]
    return f"({'; '.join(parts)})" if parts else ""


def cite_ids(source_ids: Iterable[str], sources: pd.DataFrame, lang: str = "vi") -> str:
    """'(citation; citation)' for source ids without locators."""
    ids = [s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s]
    return f"({'; '.join(cite_source(s, sources, None, lang) for s in ids)})" if ids else ""


def bullets(lines: Iterable[str]) -> str:
    """Markdown bullet list."""
    return "\n".join(f"* {line}" for line in lines if line)


def rows_of(table: pd.DataFrame, raw_rows: str | Iterable[str]) -> pd.DataFrame:
    """The rows of a processed table named by ``raw_row`` ("a; b" or a list), in that order."""
    wanted = [r.strip() for r in (raw_rows.split(";") if isinstance(raw_rows, str) else raw_rows)]
    hit = table[table["raw_row"].isin(wanted)]
    return (
        hit.set_index("raw_row").loc[[w for w in wanted if w in set(hit["raw_row"])]].reset_index()
    )


def citable(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """``raw_row, source_id, source_locator`` of every row of the data tables, to cite rows of
    any table by their ``raw_row``."""
    cols = ["raw_row", "source_id", "source_locator"]
    frames = [
        tables[name][cols]
        for name in ("facts", "targets", "funding", "commune_status", "criteria_status")
        if name in tables and tables[name] is not None and set(cols) <= set(tables[name].columns)
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
