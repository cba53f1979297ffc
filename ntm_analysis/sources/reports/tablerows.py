"""Rows of text tables as stocks per area ("| Huyện | Số xã đạt chuẩn NTM | Tỷ lệ |") or as
funding by source ("| Nguồn vốn | Kinh phí (triệu đồng) |").

Reports carry district-by-district results in tables; .docx tables and markdown tables reach
the extractor as lines of cells separated by ``|``. A header row names what each column
counts; each later row gives one area's figures:

    | Huyện     | Số xã đạt chuẩn NTM | Tỷ lệ |
    | Yên Thành | 38/38               | 100%  |

becomes a ``tier_count`` (commune, ntm, 38/38, 100 %, area Yên Thành). Columns whose header
names both a unit (xã, thôn, huyện) and a tier are read as counts; a column whose header
names a money unit ("triệu đồng", "tỷ đồng") as amounts of the source named in the row.
Other tables are read as text.
"""

from __future__ import annotations

import re

from ntm_analysis.lexicon.numbers import NumberFormatError, parse_number
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.names import resolve_district
from ntm_analysis.sources.reports.sentences import Sentence
from ntm_analysis.sources.sheets.layout import money_unit

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
    __slots__ = ("kind", "level", "mult", "tier")

    def __init__(
        self, kind: str, level: str | None = None, tier: str | None = None, mult: int = 1
    ) -> None:
        self.kind, self.level, self.tier, self.mult = kind, level, tier, mult


def _header(folded_cells: list[str]) -> list[_Column] | None:
    """Column roles from a header row; None when no column counts units by tier."""
    cols = []
    for c in folded_cells:
        unit, tier = _UNIT.search(c), T.tier_of(c)
        mult = None if re.search(r"\d", c) else money_unit(c)  # "42,3 tỷ đồng" is data
        if _RATE.search(c):  # before money: "tỷ lệ" is not "tỷ (đồng)"
            cols.append(_Column("pct"))
        elif mult:
            cols.append(_Column("money", mult=mult))
        elif unit and tier:
            level = (
                "commune" if unit.group("xa") else "village" if unit.group("thon") else "district"
            )
            cols.append(_Column("count", level, tier))
        else:
            cols.append(_Column("other"))
    if not any(c.kind in ("count", "money") for c in cols[1:]):
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
    figures = any(_RATIO_CELL.match(c) or _COUNT_CELL.match(c) for c in folded[1:])
    if header is not None and not figures:
        ctx.table = header
        return []
    cols = ctx.table
    if cols is None or len(folded) != len(cols):
        return []
    if any(c.kind == "money" for c in cols):
        return _money_row(s, ctx, cols, raw, folded)
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


def _money_row(
    s: Sentence, ctx: Context, cols: list[_Column], raw: list[str], folded: list[str]
) -> list[dict]:
    """``funding`` from a row of a money table: the label cell names the source."""
    from ntm_analysis.sources.reports.patterns import funding_category

    label = next((c for c in folded if re.search(r"[a-z]{2}", c)), "")
    if not label:
        return []
    category = funding_category(label)
    area = ctx.district or ctx.province
    facts = []
    for col, c in zip(cols, folded):
        if col.kind != "money":
            continue
        m = _COUNT_CELL.match(c)
        value = _num(m.group("n")) if m else None
        if value is None:
            continue
        amount = round(value * col.mult)
        if amount != value * col.mult:
            continue  # not a whole number of đồng
        facts.append(
            {
                "kind": "funding",
                "line": s.line_at(0),
                "page": s.page_at(0),
                "text": s.text.strip(),
                "confidence": 0.8,
                "is_target": bool(ctx.plan),
                "_start": 0,
                "source_category": category,
                "amount_vnd": int(amount),
                "qualifier": "exact",
                "budget_type": None,
                "flow": None,
                "period": str(ctx.year) if ctx.year else None,
                "per_commune": False,
                "area": area.name if area else None,
                "area_level": area.level if area else None,
                "area_code": area.code if area else None,
                "admin_vintage": area.vintage if area else None,
            }
        )
    return facts
