"""Rows of text tables ("| Huyện | Số xã đạt chuẩn NTM | Tỷ lệ |") as stocks per area.

Reports carry district-by-district results in tables; .docx tables and markdown tables reach
the extractor as lines of cells separated by ``|``. A header row names what each column
counts; each later row gives one area's figures:

    | Huyện     | Số xã đạt chuẩn NTM | Tỷ lệ |
    | Yên Thành | 38/38               | 100%  |

becomes a ``tier_count`` (commune, ntm, 38/38, 100 %, area Yên Thành). Only columns whose
header names both a unit (xã, thôn, huyện) and a tier are read; other tables are left alone.
"""

from __future__ import annotations

import re

from ntm_analysis.extract import terms as T
from ntm_analysis.extract.context import Context
from ntm_analysis.extract.names import resolve_district
from ntm_analysis.extract.sentences import Sentence
from ntm_analysis.numbers import NumberFormatError, parse_number

_SEPARATOR_ROW = re.compile(r"^[\s|:\-–+=]+$")
_UNIT = re.compile(rf"(?P<xa>{T.XA})|(?P<thon>{T.THON})|(?P<huyen>{T.HUYEN})")
_RATE = re.compile(rf"{T.W('tỷ lệ')}|{T.W('tỉ lệ')}|%")
_RATIO_CELL = re.compile(rf"^\s*{T.RATIO}\s*$")
_COUNT_CELL = re.compile(rf"^\s*(?P<n>{T.NUM})\s*$")
_PCT_CELL = re.compile(rf"^\s*{T.PCT}\s*$|^\s*(?P<bare>{T.NUM})\s*$")


def cells(text: str) -> list[str] | None:
    """The cells of a table row (``a | b | c``, outer pipes optional), or None."""
    if text.count("|") < 2 and not (text.strip().startswith("|") and text.count("|") >= 2):
        return None
    parts = [c.strip() for c in text.strip().strip("|").split("|")]
    return parts if len(parts) >= 2 else None


class _Column:
    __slots__ = ("kind", "level", "tier")

    def __init__(self, kind: str, level: str | None = None, tier: str | None = None) -> None:
        self.kind, self.level, self.tier = kind, level, tier


def _header(folded_cells: list[str]) -> list[_Column] | None:
    """Column roles from a header row; None when no column counts units by tier."""
    cols = []
    for c in folded_cells:
        unit, tier = _UNIT.search(c), T.tier_of(c)
        if _RATE.search(c):
            cols.append(_Column("pct"))
        elif unit and tier:
            level = (
                "commune" if unit.group("xa") else "village" if unit.group("thon") else "district"
            )
            cols.append(_Column("count", level, tier))
        else:
            cols.append(_Column("other"))
    if not any(c.kind == "count" for c in cols[1:]):
        return None
    return cols


def read_row(s: Sentence, ctx: Context) -> list[dict]:
    """Facts of one table row; a header row updates ``ctx.table`` and yields nothing."""
    raw = cells(s.text)
    if raw is None or _SEPARATOR_ROW.match(s.text):
        if raw is None:
            ctx.table = None
        return []
    folded = cells(s.folded) or []
    header = _header(folded)
    if header is not None and not any(_RATIO_CELL.match(c) for c in folded):
        ctx.table = header
        return []
    cols = ctx.table
    if cols is None or len(folded) != len(cols):
        return []
    area = resolve_district(raw[0], ctx.province.code if ctx.province else None, ctx.vintage)
    if area is None or area.score < 85:
        return []  # a total row ("Tổng cộng") or a name that is not a district here
    pct = None
    for col, c in zip(cols, folded):
        m = _PCT_CELL.match(c) if col.kind == "pct" else None
        if m:
            pct = _num(m.group("pct") or m.group("bare"))
    facts = []
    start = s.text.find(raw[0])
    for col, c in zip(cols, folded):
        if col.kind != "count":
            continue
        ratio, count = _RATIO_CELL.match(c), _COUNT_CELL.match(c)
        if not ratio and not count:
            continue
        f = {
            "kind": "tier_count",
            "line": s.line_at(0),
            "page": s.page_at(0),
            "text": s.text.strip(),
            "confidence": 0.8,
            "is_target": bool(ctx.plan),
            "_start": max(0, start),
            "unit_level": col.level,
            "tier": col.tier,
            "count": _num(ratio.group("count") if ratio else count.group("n")),
            "total": _num(ratio.group("total")) if ratio else None,
            "pct": pct if len([k for k in cols if k.kind == "count"]) == 1 else None,
            "year": ctx.year,
            "area": area.name,
            "area_level": area.level,
            "area_code": area.code,
            "admin_vintage": area.vintage,
        }
        facts.append(f)
    return facts


def _num(text: str) -> int | float | None:
    try:
        value = parse_number(text)
    except NumberFormatError:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
