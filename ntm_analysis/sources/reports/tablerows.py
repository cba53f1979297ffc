"""Rows of tables: .docx tables, markdown tables and text tables whose cells are separated by
tabs, any number of columns, with or without a TT/STT column, under a header of one to three
rows.

A table reaches the extractor as lines of cells (``| a | b |``, or ``a⇥b⇥c``). Header rows
(rows without figures) name what each column holds; a group header spanning columns ("Số xã
đạt chuẩn" over "NTM | NTM nâng cao | NTM kiểu mẫu") is carried to the empty cells on its
right, and each column's role is read from its header words joined over the header rows:

* ``index`` (TT, STT), ``name`` (the first text column: a district, a commune, a source of
  funds), ``count`` (a unit and a tier: "Số xã đạt chuẩn NTM"), ``total`` ("Số xã", "Tổng
  số xã"), ``pct`` ("Tỷ lệ", "%"), ``money`` (a money unit in the header, or "Kinh phí",
  "Số tiền" under a line stating the unit: "(đơn vị: triệu đồng)"), ``score`` ("Số tiêu chí
  đạt"), ``notes`` ("Ghi chú": read as text about the row's commune).

Each later row gives one area's figures: a ``tier_count`` per count column (a district's or
commune's communes), a ``recognised_commune`` per name in a count column that lists names
("Xuân Quế, Nhân Nghĩa"), a ``criteria_count`` per score, a ``funding`` per money cell
(the row's label names the source; "Tổng cộng" is the total). A total row of counts is left
out (the province's figure only when the rows are all its districts is not knowable from one
row). Other tables are read as text.

>>> from ntm_analysis.sources.reports.sentence_view import SentenceView
>>> v = SentenceView.example("UBND TỈNH LẠNG SƠN\\n| TT | Huyện | Số xã đạt chuẩn NTM | Tỷ lệ |")
>>> read_row(v.s, v.ctx), [c.role for c in v.ctx.table.columns]
([], ['index', 'name', 'count', 'pct'])
>>> s = SentenceView.example("| 1 | Hữu Lũng | 18/23 | 78,3% |").s
>>> [(f.area, f.count, f.total, f.pct) for f in read_row(s, v.ctx)]
[('Hữu Lũng', 18, 23, 78.3)]
"""

from __future__ import annotations

import dataclasses as dc
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.numbers import NumberFormatError, parse_number
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.bands import band_of
from ntm_analysis.sources.reports.clauses import unit_level
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.dates import stated
from ntm_analysis.sources.reports.facts import (
    CRITERIA_SETS,
    OUTPUT_SET,
    CriteriaBandCount,
    CriteriaCount,
    CriteriaStatus,
    Fact,
    RecognisedCommune,
    TierCount,
    area_fields,
)
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.folding import word as W
from ntm_analysis.sources.reports.lists import read_list
from ntm_analysis.sources.reports.money import flow_named
from ntm_analysis.sources.reports.names import Unit, resolve_district
from ntm_analysis.sources.reports.percents import measure_of
from ntm_analysis.sources.reports.sentence_view import SentenceView
from ntm_analysis.sources.reports.sentences import Sentence
from ntm_analysis.sources.reports.statuses import read_statuses
from ntm_analysis.sources.reports.tablemoney import money_row

MAX_HEADER_ROWS = 3
MAX_CELLS = 60  # a line split into more cells than this is text, not a table row
AREA_MIN_SCORE = 85  # a row's name cell must match a district this closely

_SEPARATOR_ROW = re.compile(r"^[\s|:\-–+=]+$")
_UNIT = re.compile(rf"(?P<xa>{T.XA})|(?P<thon>{T.VILLAGE})|(?P<huyen>{T.DISTRICT})")
_RATE = re.compile(rf"{W('tỷ lệ')}|{W('tỉ lệ')}|%")
_INDEX = re.compile(rf"^\W*(?:s?tt|{W('số tt')}|{W('thứ tự')}|no\.?)\W*$")
_SCORE = re.compile(rf"{T.TIEU_CHI}")
_NOT_MET = re.compile(T.NOT_MET)
_NOTES = re.compile(rf"{W('ghi chú')}|{W('ghi chu')}")
_TOTAL_WORDS = re.compile(rf"{W('tổng')}|{W('tổng số')}|{W('số')}")
_MONEY_WORDS = re.compile(
    rf"{W('kinh phí')}|{W('số tiền')}|{W('giá trị')}|{W('vốn')}|{W('thực hiện')}|{W('kế hoạch')}"
)
_TOTAL_ROW = re.compile(rf"^\W*(?:{W('tổng cộng')}|{W('tổng số')}|{W('cộng')}|{W('toàn')}\W)")
_DIGIT = re.compile(r"\d")
_NAME_WORDS = re.compile(r"(?:\s+[^\W\d_]+)+\s*")  # name words, no bracket nor figure
_LETTERS = re.compile(r"[a-z]{2}")
_RATIO_CELL = re.compile(rf"^\s*{T.RATIO}\s*$")
_COUNT_CELL = re.compile(rf"^\s*(?P<n>{T.NUM})\s*$")
_PCT_CELL = re.compile(rf"^\s*{T.PCT}\s*$|^\s*(?P<bare>{T.NUM})\s*$")
_ROMAN_INDEX = re.compile(r"^\s*[IVXL]{1,4}\.?\s*$")
_YEAR_HEAD = re.compile(rf"^\W*{W('năm')}\s+(?:{T.CONG_NHAN}|{T.DAT_CHUAN}|{W('đạt')})")
_TIER_HEAD = re.compile(rf"{T.DAT_CHUAN}|{W('mức độ')}|{W('cấp độ')}")
_TIER_NAMED = re.compile(rf"{W('ntm')}|{W('nông thôn mới')}")
_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
_YEAR_ONLY = re.compile(rf"^\W*(?:{W('năm')}\s*)?(?P<y>(?:19|20)\d\d)\W*$")
# a year or a date in a header ("Kế hoạch 2024", "Giải ngân đến 31/12/2024"): no other figure
_HEAD_DATE = re.compile(r"(?<![\d.,/])(?:\d{1,2}[/.\s-]){0,2}(?P<y>(?:19|20)\d\d)(?![\d.,/])")
_PLAN_HEAD = re.compile(W("kế hoạch"))


def cells(text: str) -> list[str] | None:
    """The cells of a table row (``a | b | c``, outer pipes optional, or tab-separated), or
    None.

    >>> cells("| Ngân sách tỉnh | 12,5 tỷ đồng |"), cells("TT\\tHuyện\\tSố xã")
    (['Ngân sách tỉnh', '12,5 tỷ đồng'], ['TT', 'Huyện', 'Số xã'])
    """
    stripped = text.strip()
    if "\t" in stripped and "|" not in stripped:
        parts = [c.strip() for c in stripped.split("\t")]
        return parts if 2 <= len(parts) <= MAX_CELLS else None
    if text.count("|") < 2 and not (stripped.startswith("|") and text.count("|") >= 2):
        return None
    parts = [c.strip() for c in stripped.strip("|").split("|")]
    return parts if 2 <= len(parts) <= MAX_CELLS else None


@dataclass
class Column:
    """What one column of a table holds."""

    role: str  # index, name, count, total, pct, money, score, notes, other
    level: str | None = None  # unit level a count or name column is about
    tier: str | None = None
    mult: int = 1  # VND per unit of a money column
    year: int | None = None  # a year its header names ("… năm 2024")
    flow: str | None = None  # the flow a money column's header names ("Giải ngân")
    measure: str | None = None  # the measure a share column's header names ("Tỷ lệ giải ngân")


@dataclass
class Table:
    """The table being read: its header rows, its columns, and the group a row falls under."""

    headers: list[list[str]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    unit_mult: int | None = None  # "(đơn vị: triệu đồng)" stated before the table
    flow: str | None = None  # "Tổng nguồn lực huy động năm 2023 (…):" before the table
    year: int | None = None  # the year and "as of" date of that line ("… đến 31/12/2023:")
    as_of: str | None = None
    tier: str | None = None  # "Danh sách các xã đạt chuẩn NTM nâng cao …:": what its rows are
    group: Unit | None = None  # "I | Huyện Bắc Hà" rows that head the rows under them
    rows: int = 0  # data rows read
    last: list[str] | None = None  # the last data row (a new table's header when "|---|" follows)


def _new_table(heading: str) -> Table:
    """A table with what the line before it states of it: the unit of its money ("(đơn vị:
    triệu đồng)"), the flow ("huy động", "giải ngân": the vocabulary's), its year and "as of"
    date ("Kết quả … đến 31/12/2023:")."""
    if not heading:
        return Table()
    folded = fold_chars(heading)
    last = stated(heading)[-1:]  # the date nearest the table
    return Table(
        unit_mult=_multiplier(folded),
        flow=flow_named(folded),
        year=last[0].year if last else None,
        as_of=last[0].iso if last and last[0].as_of and last[0].month else None,
        tier=T.tier_of(folded) if re.search(T.DAT_CHUAN, folded) else None,
    )


def _figure(cell: str) -> bool:
    return bool(_RATIO_CELL.match(cell) or _COUNT_CELL.match(cell) or _PCT_CELL.match(cell))


def _spread(headers: list[list[str]], width: int) -> list[str]:
    """Each column's header words joined over the header rows, a group header carried to the
    empty cells on its right when a later header row names them."""
    out = [""] * width
    for r, row in enumerate(headers):
        row = (row + [""] * width)[:width]
        carry = ""
        for c, cell in enumerate(row):
            if cell:
                carry = cell
            elif r + 1 < len(headers) and c < len(headers[r + 1]) and headers[r + 1][c]:
                cell = carry
            if cell and cell not in out[c]:
                out[c] = f"{out[c]} {cell}".strip()
    return out


def _column(folded: str, first_text: bool, unit_mult: int | None) -> Column:
    """The role of a column from its folded header words."""
    if _INDEX.match(folded):
        return Column("index")
    unit, tier = _UNIT.search(folded), T.tier_of(folded)
    year = re.search(T.YEAR, folded)
    undated = _HEAD_DATE.sub("", folded.replace(year.group(0), "") if year else folded)
    mult = None if _DIGIT.search(undated) else (_multiplier(folded))
    if _NOTES.search(folded):
        return Column("notes")
    if _RATE.search(folded):  # before money: "tỷ lệ" is not "tỷ (đồng)"
        return Column("pct", tier=tier, measure=measure_of(folded))
    if mult:
        dated = year or _HEAD_DATE.search(folded)
        return Column(
            "money",
            mult=mult,
            year=int(dated.group("year" if year else "y")) if dated else None,
            flow=flow_named(folded) or ("planned" if _PLAN_HEAD.search(folded) else None),
        )
    if _YEAR_HEAD.match(folded):  # "Năm công nhận", "Năm đạt chuẩn": the row's year; "Năm
        # đạt chuẩn nông thôn mới" (no "thôn" unit): the year the row reached the tier it names
        return Column("year", tier=tier if _TIER_NAMED.search(folded) else None)
    if unit and tier:
        return Column(
            "count", unit_level(unit), tier, year=int(year.group("year")) if year else None
        )
    if _SCORE.search(folded):  # "Tiêu chí chưa đạt": the criteria left, not a score
        # "Số tiêu chí NTM nâng cao đã đạt": the set the header names
        return Column("other" if _NOT_MET.search(folded) else "score", tier=tier)
    if first_text:
        return Column("name", unit_level(unit) if unit else None)
    if not unit and not T.names_tier(folded) and _TIER_HEAD.search(folded):
        return Column("tier")  # "Mức độ đạt chuẩn": each row's cell names its tier
    if unit and _TOTAL_WORDS.search(folded):
        return Column("total", unit_level(unit))
    if unit_mult and _MONEY_WORDS.search(folded):
        return Column("money", mult=unit_mult)
    bare_year = _YEAR_ONLY.match(folded)  # "Năm 2023", "2023" under "(ĐVT: triệu đồng)"
    if unit_mult and bare_year:
        return Column("money", mult=unit_mult, year=int(bare_year.group("y")))
    if unit and not tier:  # "Huyện" beside "Tên xã": the unit holding the row's unit
        return Column("holder", unit_level(unit))
    return Column("other")


@lru_cache(maxsize=1024)  # a report repeats its table headers and unit lines
def _multiplier(header: str) -> int | None:
    """VND per unit of the money unit a header names ("Kinh phí (triệu đồng)"), or None; a
    unit spelled out with its currency wins over a bare unit word ("ngân" of a damaged "giải
    ngân" folds like "ngàn")."""
    found = [f for f in vocabulary.scan(header, _UNIT_DOMAINS) if f.domain == "money_units"]
    if not found:
        return None
    key = max(found, key=lambda f: len(f.spelling)).key
    return vocabulary.multiplier(key)


_UNIT_DOMAINS = ("money_units", "funding_categories", "funding_flows")


def _columns(table: Table) -> list[Column]:
    width = max(len(r) for r in table.headers)
    spread = [fold(h) for h in _spread(table.headers, width)]
    cols: list[Column] = []
    named = False
    unit_mult = table.unit_mult
    for h in spread:
        first_text = not named and bool(_LETTERS.search(h))
        col = _column(h, first_text, unit_mult)
        if first_text and col.role == "money" and not re.search(T.YEAR, h):
            # "Nguồn vốn (triệu đồng) | 2023 | 2024": the label column states the unit
            col, unit_mult = Column("name"), col.mult
        named = named or col.role == "name"
        tier = T.tier_of(h)
        if col.role == "other" and tier and cols and cols[-1].role == "count":
            # "Số xã đạt chuẩn NTM | NTM nâng cao | NTM kiểu mẫu": a tier alone counts the
            # units of the count column before it
            col = Column("count", cols[-1].level, tier, year=cols[-1].year)
        cols.append(col)
    return _unit_for_tiers(cols, spread)


_DAT_CHUAN_HEAD = re.compile(rf"{T.DAT_CHUAN}|{W('đạt')}")


def _unit_for_tiers(cols: list[Column], spread: list[str]) -> list[Column]:
    """Columns headed by a tier alone ("Đạt chuẩn NTM", "NTM nâng cao") in a table of areas
    that counts units ("Số xã", a district per row): counts of the units the total column
    counts, else of the communes of a district row."""
    level = next((c.level for c in cols if c.role == "total" and c.level), None)
    names = next((c for c in cols if c.role == "name"), None)
    if level is None and names is not None and names.level == "district":
        level = "commune"
    if level is None:
        return cols
    return [
        Column("count", level, T.tier_of(h))
        if c.role in ("other", "tier") and T.tier_of(h) and _DAT_CHUAN_HEAD.search(h)
        else c
        for c, h in zip(cols, spread)
    ]


def read_row(s: Sentence, ctx: Context) -> list[Fact] | None:
    """Facts of one table row (a header row updates ``ctx.table`` and yields nothing); None
    for a row of a table whose columns hold no figures it reads, to be read as text."""
    raw = cells(s.text)
    if raw is None:
        ctx.table = None
        return None
    table: Table | None = ctx.table
    if _SEPARATOR_ROW.match(s.text):
        if table is not None and table.rows and table.last:  # "|---|" under a new header
            ctx.table = Table(headers=[table.last], unit_mult=table.unit_mult)
            ctx.table.columns = _columns(ctx.table)
        return []
    folded = [fold_chars(c) for c in raw]
    if table is None:
        table = _new_table(ctx.prev_text)
        ctx.table = table
    data = any(f and _figure(f) for f in folded[1:])
    if data and not table.columns and all(_YEAR_CELL.match(f) for f in folded[1:] if _figure(f)):
        data = False  # "| Nguồn vốn | 2023 | 2024 |": a first row of years heads the columns
    if not data and _is_header(ctx, table, raw):
        table.headers.append(raw)
        if len(table.headers) > MAX_HEADER_ROWS:
            table.headers.pop(0)
        table.columns = _columns(table)
        return [] if _reads(table) else None
    band = _band_row(s, ctx, table, folded)
    if band is not None:
        return band
    if not _reads(table):
        return None
    table.rows += 1
    table.last = raw
    return _data_row(s, ctx, table, raw, folded)


_FACT_ROLES = ("count", "money", "score")


def _band_row(s: Sentence, ctx: Context, table: Table, folded: list[str]) -> list[Fact] | None:
    """A row of a table of bands ("Đạt 15 - 18 tiêu chí | 29 | 21,5" under "Nhóm xã | Số xã |
    Tỷ lệ (%)"): the communes whose score lies in the band its label states, counted in the
    column of communes; None for any other row."""
    at = next(  # "Số xã" (a name column when the band column's "tiêu chí" made it a score)
        (
            i
            for i, (c, f) in enumerate(zip(table.columns, folded))
            if c.role in ("total", "name") and c.level == "commune" and _COUNT_CELL.match(f)
        ),
        None,
    )
    if at is None or not (n := _COUNT_CELL.match(folded[at])):
        return None
    band = next((b for f in folded[:at] if (b := band_of(f))), None)
    if band is None:
        return None
    table.rows += 1
    area = ctx.district or ctx.province
    return [
        CriteriaBandCount(
            **_row_head(s, ctx, 0),
            count=int(_num(n.group("n")) or 0),
            min_met=band[0],
            max_met=band[1],
            year=table.year or ctx.year,
            as_of=table.as_of,
            **area_fields(area),
            within=area,
        )
    ]


def _reads(table: Table) -> bool:
    return (
        any(c.role in _FACT_ROLES for c in table.columns)
        or _roster(table)
        or _tier_years(table)
        or _tier_cells(table)
    )


def _tier_years(table: Table) -> bool:
    """A table of communes giving the year each reached a tier ("| Xã | Huyện | Năm đạt chuẩn
    NTM | Năm đạt chuẩn NTM nâng cao |"), one recognition a year cell."""
    return any(c.role == "year" and c.tier for c in table.columns) and any(
        c.role == "name" and c.level == "commune" for c in table.columns
    )


def _tier_cells(table: Table) -> bool:
    """A table of communes with a column naming the tier each reached ("| Tên xã | Thuộc
    huyện | Mức độ đạt chuẩn | Năm công nhận |"), one recognition a row."""
    return any(c.role == "tier" for c in table.columns) and any(
        c.role == "name" and c.level == "commune" for c in table.columns
    )


def _roster(table: Table) -> bool:
    """A list of communes under a line stating what they reached ("Danh sách các xã được công
    nhận đạt chuẩn NTM nâng cao năm 2023:"), one commune a row."""
    return table.tier is not None and any(
        c.role == "name" and c.level == "commune" for c in table.columns
    )


def _is_header(ctx: Context, table: Table, raw: list[str]) -> bool:
    """A row of words only, before any data row, whose name cell (if any) is no district ("|
    | | NTM | NTM nâng cao |" under a group header)."""
    if table.rows or not table.columns:
        return not table.rows
    if table.columns[0].role == "index" and _COUNT_CELL.match(raw[0]):
        return False  # "| 1 | Tân Khánh | Phú Bình |": a numbered row holds data
    at = next((i for i, c in enumerate(table.columns) if c.role == "name"), None)
    name = raw[at] if at is not None and at < len(raw) else ""
    return not name or _district(ctx, name) is None


def _row_head(s: Sentence, ctx: Context, start: int) -> dict:
    """The fields a row's facts share: the whole row is their text; a plan section's rows are
    targets."""
    return {
        "line": s.line_at(0),
        "page": s.page_at(0),
        "text": s.as_printed.strip(),
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


def _data_row(
    s: Sentence, ctx: Context, table: Table, raw: list[str], folded: list[str]
) -> list[Fact]:
    cols = (table.columns + [Column("other")] * len(raw))[: len(raw)]
    if any(c.role == "money" for c in cols):
        return money_row(_row_head(s, ctx, 0), ctx, table, cols, folded)
    name_at = next((i for i, c in enumerate(cols) if c.role == "name"), None)
    if name_at is None or not raw[name_at]:
        return []
    name = raw[name_at]
    if _TOTAL_ROW.match(folded[name_at]):
        return []  # a total row: the sum of the rows above, not an area's own figure
    own = _UNIT.match(folded[name_at])  # "Huyện Diễn Châu" under "Cụm xã": a district's row
    level = "district" if own and own.group("huyen") else cols[name_at].level or "district"
    if level == "commune":
        return _commune_row(s, ctx, table, cols, raw, folded, name)
    area = _district(ctx, name)
    if area is None:
        if not any(_figure(f) for f in folded) and _ROMAN_INDEX.match(raw[0] or ""):
            table.group = _district(ctx, name)  # "I | Huyện Bắc Hà (10 xã)"
        return []
    return _count_cells(s, ctx, table, cols, raw, folded, area)


def _district(ctx: Context, name: str) -> Unit | None:
    province = ctx.province.code if ctx.province else None
    unit = resolve_district(name, province, ctx.vintage)
    return unit if unit is not None and unit.score >= AREA_MIN_SCORE else None


def _count_cells(
    s: Sentence,
    ctx: Context,
    table: Table,
    cols: list[Column],
    raw: list[str],
    folded: list[str],
    area: Unit,
) -> list[Fact]:
    """A district row: one stock per count column (names listed there are recognitions), each
    over the row's total ("Tổng số xã"); the share goes to the count it is the share of."""
    pct, total, pct_tier = None, None, None
    for col, c in zip(cols, folded):
        if col.role == "pct" and (m := _PCT_CELL.match(c)):
            pct, pct_tier = _num(m.group("pct") or m.group("bare")), col.tier
        if col.role == "total" and (m := _COUNT_CELL.match(c)):
            total = _num(m.group("n"))
    facts: list[Fact] = []
    for col, c, r in zip(cols, folded, raw):
        if col.role != "count":
            continue
        ratio, count = _RATIO_CELL.match(c), _COUNT_CELL.match(c)
        if not ratio and not count:
            if _LETTERS.search(c) and col.level == "commune" and col.tier:
                facts.extend(_named_in_cell(s, ctx, table, col, r, area))
            continue
        facts.append(
            TierCount(
                **_row_head(s, ctx, 0),
                unit_level=col.level or "",
                tier=col.tier,
                count=_num(ratio.group("count") if ratio else count.group("n")),
                total=_num(ratio.group("total")) if ratio else total,
                year=col.year or table.year or ctx.year,
                as_of=None if col.year else table.as_of,
                **area_fields(area),
            )
        )
    owner = _share_owner([f for f in facts if isinstance(f, TierCount)], pct, pct_tier)
    return [dc.replace(f, pct=pct) if f is owner else f for f in facts]


SHARE_TOLERANCE = 0.6  # a share printed rounded: within this of count / total


def _share_owner(
    counts: list[TierCount], pct: int | float | None, tier: str | None
) -> TierCount | None:
    """The stock a row's share belongs to: the only one, else the one whose count over its
    total gives the share, else the one of the tier the share's header names."""
    if pct is None or not counts:
        return None
    if len(counts) == 1:
        return counts[0]
    fits = [
        f for f in counts if f.total and f.count is not None
        and abs(100 * f.count / f.total - pct) <= SHARE_TOLERANCE
    ]  # fmt: skip
    if len(fits) == 1:
        return fits[0]
    named = [f for f in counts if tier and f.tier == tier]
    return named[0] if len(named) == 1 else None


def _named_in_cell(
    s: Sentence, ctx: Context, table: Table, col: Column, cell: str, area: Unit
) -> list[Fact]:
    """ "Xuân Quế, Nhân Nghĩa" under "Xã đạt chuẩn NTM kiểu mẫu năm 2024": recognitions."""
    nl = read_list(cell, fold_chars(cell), 0)
    if nl is None:
        return []
    return [
        RecognisedCommune(
            **_row_head(s, ctx, 0),
            commune=item.name,
            tier=col.tier or "ntm",
            year=col.year or table.year or ctx.year,
            within=_district(ctx, item.holder) if item.holder else area,
        )
        for item in nl.items
    ]


def _commune_row(
    s: Sentence,
    ctx: Context,
    table: Table,
    cols: list[Column],
    raw: list[str],
    folded: list[str],
    name: str,
) -> list[Fact]:
    """A commune row: its score ("16/19"), its recognitions, its notes."""
    nl = read_list(name, fold_chars(name), 0)
    if nl is None or len(nl.items) != 1 or band_of(fold_chars(name)):
        return []  # "Đạt 15 - 18 tiêu chí" under a table of communes: a band, no name
    item = nl.items[0]
    if item.holder is None and _NAME_WORDS.fullmatch(name, nl.end):
        # "Thần Xa": a word that folds like a unit word ends no name inside its own cell
        item = dc.replace(item, name=name[item.start :].strip())
    holder = next(
        (r for col, r in zip(cols, raw) if col.role == "holder" and col.level == "district"), None
    )
    holder = item.holder or holder
    within = (_district(ctx, holder) if holder else None) or table.group or ctx.district
    facts: list[Fact] = []
    if _roster(table) and not any(c.role in _FACT_ROLES for c in cols):
        return [
            RecognisedCommune(
                **_row_head(s, ctx, 0),
                commune=item.name,
                tier=table.tier or "ntm",
                year=_row_year(cols, folded) or table.year or ctx.year,
                within=within,
            )
        ]
    tiers = [T.tier_of(c) for col, c in zip(cols, folded) if col.role == "tier"]
    if any(tiers) and not any(c.role in _FACT_ROLES for c in cols):
        return [
            RecognisedCommune(
                **_row_head(s, ctx, 0),
                commune=item.name,
                tier=next(t for t in tiers if t),
                year=_row_year(cols, folded) or table.year or ctx.year,
                within=within,
            )
        ]
    if _tier_years(table) and not any(c.role in _FACT_ROLES for c in cols):
        return [
            RecognisedCommune(
                **_row_head(s, ctx, 0),
                commune=item.name,
                tier=col.tier,
                year=int(m.group(1)),
                within=within,
            )
            for col, c in zip(cols, folded)
            if col.role == "year" and col.tier and (m := _YEAR_CELL.match(c))
        ]
    for col, c in zip(cols, folded):
        if col.role == "score":
            ratio, count = _RATIO_CELL.match(c), _COUNT_CELL.match(c)
            if ratio or count:
                facts.append(
                    CriteriaCount(
                        **_row_head(s, ctx, 0),
                        commune=item.name,
                        met=int(_num(ratio.group("count") if ratio else count.group("n")) or 0),
                        of=int(_num(ratio.group("total")) or 19) if ratio else 19,
                        criteria_set=_SCORE_SETS.get(col.tier or ""),
                        year=table.year or ctx.year,
                        within=within,
                    )
                )
    return facts + _notes(s, ctx, cols, raw, item.name, within)


# the commune set a score column's header names by its tier (model communes have none of their own)
_SCORE_SETS = {"ntm": OUTPUT_SET[CRITERIA_SETS[0]], "advanced": OUTPUT_SET[CRITERIA_SETS[1]]}


def _notes(
    s: Sentence, ctx: Context, cols: list[Column], raw: list[str], commune: str, within
) -> list[Fact]:
    """The criteria a commune row's notes cell states ("chưa đạt tiêu chí số 17"), read as a
    sentence about the row's commune."""
    facts: list[Fact] = []
    for col, cell in zip(cols, raw):
        if col.role != "notes" or not _SCORE.search(fold_chars(cell)):
            continue
        text = f"Xã {commune}: {cell}"  # the row's commune, named as a sentence would
        note = Sentence(text, [0], [s.line_at(0)], [s.page_at(0)], para=s.para, block=s.block)
        kept = ctx.last_status
        found = read_statuses(SentenceView.of(note, ctx))
        ctx.last_status = kept  # a note's status runs on into no other sentence
        facts += [
            dc.replace(f, text=s.as_printed.strip(), within=within or f.within)
            for f in found
            if isinstance(f, CriteriaStatus) and f.commune == commune
        ]
    return facts


def _row_year(cols: list[Column], folded: list[str]) -> int | None:
    """The year a row's "Năm công nhận" cell gives."""
    for col, c in zip(cols, folded):
        if col.role == "year" and (m := _YEAR_CELL.match(c)):
            return int(m.group(1))
    return None
