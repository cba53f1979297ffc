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

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.numbers import NumberFormatError, parse_number
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import unit_level
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.facts import Fact, Funding, TierCount, area_fields
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.money import funding_category
from ntm_analysis.sources.reports.names import resolve_district
from ntm_analysis.sources.reports.sentences import Sentence

_SEPARATOR_ROW = re.compile(r"^[\s|:\-–+=]+$")
_UNIT = re.compile(rf"(?P<xa>{T.XA})|(?P<thon>{T.THON})|(?P<huyen>{T.DISTRICT})")
_RATE = re.compile(rf"{W('tỷ lệ')}|{W('tỉ lệ')}|%")
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]{2}")  # a label cell, not a number
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


def _multiplier(header: str) -> int | None:
    """VND per unit of the money unit a header names ("Kinh phí (triệu đồng)"), or None."""
    key = vocabulary.money_unit_of(header)
    return vocabulary.multiplier(key) if key else None


def _header(folded_cells: list[str]) -> list[_Column] | None:
    """Column roles from a header row; None when no column counts units by tier."""
    cols = []
    for c in folded_cells:
        unit, tier = _UNIT.search(c), T.tier_of(c)
        mult = None if _DIGIT.search(c) else _multiplier(c)  # "42,3 tỷ đồng" is data
        if _RATE.search(c):  # before money: "tỷ lệ" is not "tỷ (đồng)"
            cols.append(_Column("pct"))
        elif mult:
            cols.append(_Column("money", mult=mult))
        elif unit and tier:
            cols.append(_Column("count", unit_level(unit), tier))
        else:
            cols.append(_Column("other"))
    if not any(c.kind in ("count", "money") for c in cols[1:]):
        return None
    return cols


def read_row(s: Sentence, ctx: Context) -> list[Fact]:
    """Facts of one table row; a header row updates ``ctx.table`` and yields nothing.

    >>> from ntm_analysis.sources.reports.sentence_view import SentenceView
    >>> v = SentenceView.example("UBND TỈNH LẠNG SƠN\\n| Huyện | Số xã đạt chuẩn NTM | Tỷ lệ |")
    >>> read_row(v.s, v.ctx), [c.kind for c in v.ctx.table]
    ([], ['other', 'count', 'pct'])
    >>> s = SentenceView.example("| Hữu Lũng | 18/23 | 78,3% |").s
    >>> [(f.area, f.count, f.total, f.pct) for f in read_row(s, v.ctx)]
    [('Hữu Lũng', 18, 23, 78.3)]
    """
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
        return _money_row(s, ctx, cols, folded)
    area = resolve_district(raw[0], ctx.province.code if ctx.province else None, ctx.vintage)
    if area is None or area.score < 85:
        return []  # a total row ("Tổng cộng") or a name that is not a district here
    pct = None
    for col, c in zip(cols, folded):
        m = _PCT_CELL.match(c) if col.kind == "pct" else None
        if m:
            pct = _num(m.group("pct") or m.group("bare"))
    one_count = len([k for k in cols if k.kind == "count"]) == 1
    facts: list[Fact] = []
    for col, c in zip(cols, folded):
        if col.kind != "count":
            continue
        ratio, count = _RATIO_CELL.match(c), _COUNT_CELL.match(c)
        if not ratio and not count:
            continue
        facts.append(
            TierCount(
                **_row_head(s, ctx, max(0, s.text.find(raw[0]))),
                unit_level=col.level or "",
                tier=col.tier,
                count=_num(ratio.group("count") if ratio else count.group("n")),
                total=_num(ratio.group("total")) if ratio else None,
                pct=pct if one_count else None,
                year=ctx.year,
                **area_fields(area),
            )
        )
    return facts


def _row_head(s: Sentence, ctx: Context, start: int) -> dict:
    """The fields a row's facts share: the whole row is their text; a plan section's rows are
    targets."""
    return {
        "line": s.line_at(0),
        "page": s.page_at(0),
        "text": s.text.strip(),
        "confidence": 0.8,
        "is_target": bool(ctx.plan),
        "start": start,
    }


def _num(text: str) -> int | float | None:
    try:
        value = parse_number(text)
    except NumberFormatError:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _money_row(s: Sentence, ctx: Context, cols: list[_Column], folded: list[str]) -> list[Fact]:
    """``funding`` from a row of a money table: the label cell names the source."""
    label = next((c for c in folded if _LETTERS.search(c)), "")
    if not label:
        return []
    category = funding_category(label)
    area = ctx.district or ctx.province
    facts: list[Fact] = []
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
            Funding(
                **_row_head(s, ctx, 0),
                source_category=category,
                amount_vnd=int(amount),
                period=str(ctx.year) if ctx.year else None,
                **area_fields(area),
            )
        )
    return facts
