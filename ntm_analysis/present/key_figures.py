"""The key-figures table of an area for readers: each figure as stated, with its unit,
qualifier ("trên", "khoảng"), date and source (a citation, or its number in a `SourceList`).
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import areas
from ntm_analysis.analysis.findings import decimals
from ntm_analysis.lexicon import formats
from ntm_analysis.model import citations
from ntm_analysis.present import readable
from ntm_analysis.present.findings import measure_label

COLUMNS = [
    readable.Column("part", "Địa bàn", "Area"),
    readable.Column("measure_label", "Chỉ tiêu", "Measure"),
    readable.Column("value_text", "Số liệu", "Figure"),
    readable.Column("date_text", "Thời điểm", "Date"),
    readable.Column("source_text", "Nguồn", "Source"),
]


def _printed(value: object, unit: object) -> int | None:
    """A share with the decimals it was printed with (2,63 %), at least one."""
    if unit != "pct" or not formats.is_number(value):
        return None
    return max(1, decimals(float(value)))  # type: ignore[arg-type]


def key_figures_frame(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    source_list: citations.SourceList | None = None,
) -> pd.DataFrame:
    """`analysis.areas.key_figures` with the text a reader sees; with ``source_list`` the
    source is its "[n]" number, else the short citation."""
    k = areas.key_figures(tables["facts"], area, year, as_of)
    if k.empty:
        return pd.DataFrame(columns=[c.key for c in COLUMNS] + ["value", "unit", "source_id"])
    if source_list is not None:
        source = [source_list.refs([s]) for s in k["source_id"]]
    else:
        found = {
            c.source_id: c.short
            for c in citations.resolve(k["source_id"], tables["sources"], lang, strict=False)
        }
        source = [found.get(s, "–") for s in k["source_id"]]
    return k.assign(
        measure_label=[measure_label(m, lang) for m in k["measure"]],
        value_text=[
            formats.quantity(v, u, lang, q, decimals=_printed(v, u))
            for v, u, q in zip(k["value"], k["unit"], k["qualifier"], strict=True)
        ],
        date_text=[formats.date(d, lang) if len(str(d)) > 4 else str(d) for d in k["date"]],
        source_text=source,
    )


def key_figures_table(
    tables: dict[str, pd.DataFrame],
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    lang: str = "vi",
    source_list: citations.SourceList | None = None,
) -> readable.Table:
    """The key figures of ``area`` as a reader table (empty when the data has none)."""
    frame = key_figures_frame(tables, area, year, as_of, lang, source_list)
    note = {
        "vi": "Mỗi số liệu là số mới nhất mà một nguồn nêu cho chỉ tiêu đó; các số liệu có thể "
        "khác thời điểm và khác mẫu số, không cộng hay so sánh trực tiếp với nhau.",
        "en": "Each figure is the latest one a source states for that measure; figures may "
        "differ in date and denominator and are not to be added or compared directly.",
    }[lang]
    return readable.table(frame, COLUMNS, lang, note=note if len(frame) else "")


WHAT = {"vi": "các số liệu chính", "en": "key figures"}
