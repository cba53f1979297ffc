"""Funding sheets: money by area, source of funds and period, wide (one column per source)
or long (a source column and an amount column), for one or more funding flows.

Each amount is the cell times the money unit stated in its header, the title block, a note
or ``--unit``, stored in đồng (decimals in triệu or tỷ are exact). A banner over the source
columns may give them their flow ("Kế hoạch vốn" / "Giải ngân") or year. A source named by
two columns under the same flow and year gives two records, each naming its column, and a
notice. A row's total column is checked against its sources (equal, or at least their sum
under a "Trong đó" banner), an amount above the kind's limit for the area level is taken
for a unit mistake, and a totals row is checked against the rows it sums. The row's "Ghi
chú" is kept as each record's note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model.dictionary import FUNDING_FLOWS
from ntm_analysis.sources.sheets.areas import Communes, area_notes, area_of_rows
from ntm_analysis.sources.sheets.cells import category_of, cell_text, vnd_text
from ntm_analysis.sources.sheets.grids import column_letter
from ntm_analysis.sources.sheets.kinds import KINDS, Kind
from ntm_analysis.sources.sheets.layout import flow_word
from ntm_analysis.sources.sheets.messages import Both, msg
from ntm_analysis.sources.sheets.sheet import Sheet
from ntm_analysis.sources.sheets.title import budgets_in

# the flows as messages list them: the vocabulary's labels in its order
FLOWS_SHOWN = [t.label_vi.lower() for t in vocabulary.terms("funding_flows")]
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_OF_WHICH = re.compile(r"\b(trong do|of which|including)\b")


@dataclass(frozen=True)
class MoneyColumn:
    """One amount column of a wide sheet: its source, and the flow and year its banner
    gives (None: the sheet's)."""

    col: int
    category: str
    flow: str | None
    year: str | None
    label: Both


def category_both(key: str) -> Both:
    """A source-of-funds category as messages name it (lower-case vocabulary labels)."""
    en = vocabulary.label("funding_categories", key, "en")
    vi = vocabulary.label("funding_categories", key, "vi")
    return Both(en[:1].lower() + en[1:], vi[:1].lower() + vi[1:])


def _money_columns(sh: Sheet) -> list[MoneyColumn]:
    """The amount columns of a wide sheet, repeated sources included (with a notice)."""
    lay = sh.layout
    out = []
    for c, f in sorted(lay.fields.items()):
        if not f.startswith("category:"):
            continue
        banner = lay.banners.get(c, "")
        years = _YEAR.findall(banner)
        out.append(
            MoneyColumn(
                c,
                f.split(":")[1],
                flow_word(banner) if banner else None,
                years[0] if len(years) == 1 else None,
                category_both(f.split(":")[1]),
            )
        )
    seen: dict[tuple, int] = {}
    for m in out:
        key = (m.category, m.flow, m.year)
        if key in seen:
            sh.repeated_money.update({m.col, seen[key]})
            sh.problem(
                lay.header_row,
                m.col,
                msg(
                    "column_repeated",
                    text=lay.headers.get(m.col, ""),
                    first=column_letter(seen[key]),
                    what=m.label,
                ),
            )
        else:
            seen[key] = m.col
    return out


def _unit_and_flow_stated(sh: Sheet, money_cols: list[int | None], banner_flows: bool) -> bool:
    """Report a missing money unit; without any funding flow, reject every row (False)."""
    lay = sh.layout
    sh.stated("unit")  # a conflict is reported once, not as a missing unit
    if "unit" not in sh.conflicts and any(
        sh.unit_of(c) is None for c in money_cols if c is not None
    ):
        sh.problem(lay.header_row, None, msg("unit_missing"))
    flow_column, stated_flow = sh.text("flow"), sh.stated("flow")
    if flow_column is None and stated_flow is None and not banner_flows:
        sh.problem(
            lay.header_row,
            None,
            msg("flow_missing", first=FLOWS_SHOWN[0], rest=", ".join(FLOWS_SHOWN[1:])),
        )
        sh.reject_all(list(sh.data.index), msg("flow_missing_reason"))
        return False
    return True


def _period(sh: Sheet, r: int, stated: object) -> str | None:
    """The year or period of row ``r`` (its own cell, else stated); None rejects the row."""
    period_c = sh.col_of.get("period") or sh.col_of.get("year")
    period = cell_text(sh.data.at[r, period_c]) if period_c is not None else ""
    period = re.sub(r"\s*[-–]\s*", "-", period) or (str(stated) if stated else "")
    if not period:
        sh.reject(r, period_c, msg("period_missing"))
        return None
    if not re.fullmatch(r"\d{4}(-\d{4})?", period):
        sh.reject(r, period_c, msg("not_a_period", text=period))
        return None
    return period


def _flow(sh: Sheet, r: int, stated: object) -> str | None:
    """The funding flow of row ``r`` (its own cell, else stated); None rejects the row."""
    c = sh.col_of.get("flow")
    f = (cell_text(sh.data.at[r, c]) if c is not None else "") or stated
    fl = flow_word(str(f)) if f and f not in FUNDING_FLOWS else f
    if fl not in FUNDING_FLOWS:
        sh.reject(r, c, msg("not_a_flow", text=f, flows=", ".join(FLOWS_SHOWN)))
        return None
    return str(fl)


def _items(sh: Sheet, r: int, cols: list[MoneyColumn]) -> list[MoneyColumn] | None:
    """The amount columns of row ``r``: the source columns of a wide sheet, or the source
    and amount cells of a long one; None rejects a long row whose source is unknown."""
    if not ("source_category" in sh.col_of and "amount" in sh.col_of):
        return cols
    c = sh.col_of["source_category"]
    cat_text = cell_text(sh.data.at[r, c])
    cat = category_of(cat_text)
    if cat is None:
        sh.reject(r, c, msg("not_a_source", text=cat_text))
        return None
    return [MoneyColumn(sh.col_of["amount"], cat, None, None, category_both(cat))]


def _summed(items: list[MoneyColumn], total: MoneyColumn, rule: str) -> list[MoneyColumn]:
    """The source columns a total column sums: same flow and year, not the total, and not a
    part of a budget whose own column is there ("Vốn đầu tư" beside "NSTW")."""
    same = [p for p in items if (p.flow, p.year) == (total.flow, total.year)]
    wholes = {p.category for p in same}
    return [
        p
        for p in same
        if p.category != rule
        and (
            vocabulary.funding_whole(p.category) == p.category
            or vocabulary.funding_whole(p.category) not in wholes
        )
    ]


def _check_parts(
    sh: Sheet, kind: Kind, r: int, got: list[tuple[MoneyColumn, int]], items: list[MoneyColumn]
) -> None:
    """Reject row ``r`` when its sources do not add up to its total (under the same flow and
    year); under a "Trong đó" (of which) banner the sources may add up to less. A source
    cell without a value (empty, "-") adds nothing but still counts as a source column, so
    the sources beside it are checked against the total."""
    rule = kind.parts_within_total
    if rule is None:
        return
    for m, total in got:
        if m.category != rule.total:
            continue
        columns = _summed(items, m, rule.total)
        parts = [(p, v) for p, v in got if p in columns]
        if not parts:
            continue
        s = sum(v for _, v in parts)
        partial = any(_OF_WHICH.search(fold(sh.layout.banners.get(p.col, ""))) for p, _ in parts)
        if s > total:
            sh.reject(r, m.col, msg("parts_above_total", parts=vnd_text(s), total=vnd_text(total)))
        elif s < total and not partial and len(columns) > 1:
            sh.reject(r, m.col, msg("parts_differ_total", parts=vnd_text(s), total=vnd_text(total)))


def _reject_repeats(sh: Sheet, df: pd.DataFrame, areas: pd.DataFrame) -> None:
    """An area, period, source and flow given on two rows: the later row is rejected."""
    level = areas.loc[df["_row"], "area_level"].to_numpy()
    name = areas.loc[df["_row"], "area_name"].map(fold).to_numpy()
    key = pd.Series(level + "|" + name, index=df.index) + "|" + df["period"]
    key += "|" + df["source_category"] + "|" + df["flow"]
    first: dict[str, int] = {}
    for i, k, r in zip(df.index, key, df["_row"], strict=True):
        f = first.setdefault(k, int(r))
        if f != r and r not in sh.row_reasons:
            sh.reject(
                int(r),
                None,
                msg(
                    "duplicate_funding",
                    area=areas.at[r, "area_name"],
                    period=df.at[i, "period"],
                    category=df.at[i, "source_category"],
                    row=f + 1,
                ),
            )


def _row_records(
    sh: Sheet, kind: Kind, r: int, items: list[MoneyColumn], ctx: tuple, level: str
) -> list[dict]:
    period, flow = ctx
    recs, got = _cell_records(sh, kind, r, items, level, (period, flow), lambda m: _note(sh, r, m))
    _check_parts(sh, kind, r, got, items)
    _reject_if_empty(sh, kind, r, got)
    return recs


def _cell_records(
    sh: Sheet, kind: Kind, r: int, items: list[MoneyColumn], level: str, ctx: tuple, note_of
) -> tuple[list[dict], list[tuple[MoneyColumn, int]]]:
    """One record per money cell of row ``r`` that holds an amount (each cell read exactly or
    reported by `Sheet.amount`), and the (column, amount) pairs read. ``ctx`` is the period
    and flow of the sheet, which a column's own year or flow overrides."""
    period, flow = ctx
    recs, got = [], []
    for m in items:
        vnd = sh.amount(r, m.col, level, m.label, kind.money_limits)
        if vnd is None:
            continue
        got.append((m, vnd))
        recs.append(
            {
                "_row": r,
                "period": m.year or period,
                "source_category": m.category,
                "flow": m.flow or flow,
                "amount_vnd": vnd,
                "source_locator": sh.locator(r, m.col),
                "note": note_of(m),
            }
        )
    return recs, got


def _reject_if_empty(sh: Sheet, kind: Kind, r: int, got: list) -> None:
    if not got and r not in sh.row_reasons:
        sh.reject(r, None, msg(kind.empty_row))


def _note(sh: Sheet, r: int, m: MoneyColumn) -> str | None:
    parts = [sh.note(r)]
    if m.col in sh.repeated_money:  # a source given twice: say which column this one is
        parts.append(f"column {column_letter(m.col)} {sh.layout.headers.get(m.col, '')!r}")
    return "; ".join(p for p in parts if p) or None


def _bare_amount_not_read(sh: Sheet, cols: list[MoneyColumn]) -> None:
    """An amount column without a source ("Kinh phí", "Số vốn") beside the source columns of
    a wide sheet is not read: reported at its header, never dropped without a word."""
    c = sh.col_of.get("amount")
    if c is None or "source_category" in sh.col_of or not cols:
        return
    sh.problem(sh.layout.header_row, c, msg("amount_no_source", text=sh.layout.headers.get(c, "")))


# ---------------------------------------------------------------- a column per year
# "Huyện | Năm 2021 … Năm 2025 | Tổng": each year column is an amount of that year; the
# source is the row's "Nguồn vốn" cell (a source per row, the area written on its first row
# only) or the one budget the title names ("VỐN NGÂN SÁCH TRUNG ƯƠNG ĐÃ GIẢI NGÂN …"). A
# total column ("Tổng", "Tổng giai đoạn") is checked against the row's years and not written
# (its records would count the years twice).

_TOTAL = Both("total of the years", "tổng các năm")


def year_columns(sh: Sheet) -> dict[int, str]:
    """Column → year of the year columns of a funding sheet."""
    return {
        c: f.split(":")[1]
        for c, f in sorted(sh.layout.fields.items())
        if f.startswith("year_amount:")
    }


def title_budget(sh: Sheet) -> str | None:
    """The one budget the lines above the header name, or None."""
    found: list[str] = []
    for r in range(sh.layout.header_rows[0]):
        for v in sh.grid.rows[r] if r < len(sh.grid.rows) else []:
            found += [b for b in budgets_in(cell_text(v)) if b not in found]
    return found[0] if len(found) == 1 else None


def fill_area_down(sh: Sheet) -> None:
    """A source per row: the area is written on its first row only; the rows under it with
    a source and no area are the same area's."""
    name = next(
        (sh.col_of[f] for f in ("commune", "district", "area_unit") if f in sh.col_of), None
    )
    src = sh.col_of.get("source_category")
    if name is None or src is None:
        return
    last = ""
    for r in sh.data.index:
        t = cell_text(sh.data.at[r, name])
        if t:
            last = t
        elif last and cell_text(sh.data.at[r, src]):
            sh.data.at[r, name] = last
            sh.frame.at[r, name] = last
            sh.column_texts(name).at[r] = last


def items_of_row(sh: Sheet, r: int, years: dict[int, str], budget: str | None) -> list | None:
    """The year columns of row ``r`` as money columns of its source; None rejects it."""
    c = sh.col_of.get("source_category")
    if c is not None:
        text = cell_text(sh.data.at[r, c])
        cat = category_of(text)
        if cat is None:
            sh.reject(r, c, msg("not_a_source", text=text))
            return None
    elif budget is not None:
        cat = budget
    else:
        sh.reject(r, None, msg("year_columns_no_source"))
        return None
    return [MoneyColumn(col, cat, None, y, category_both(cat)) for col, y in years.items()]


def check_total(sh: Sheet, r: int, level: str, got: list[int], limits: dict) -> None:
    """The row's total column against the sum of its years."""
    c = next((c for c, f in sh.layout.fields.items() if f == "category:total"), None)
    if c is None or not got:
        return
    total = sh.amount(r, c, level, _TOTAL, limits)
    if total is not None and total != sum(got):
        sh.reject(r, c, msg("years_differ_total", parts=vnd_text(sum(got)), total=vnd_text(total)))


def records(sh: Sheet, r: int, items: list, level: str, ctx: tuple, kind) -> list[dict]:
    """The records of one row of year columns."""
    flow, note = ctx
    recs, got = _cell_records(sh, kind, r, items, level, (None, flow), lambda _m: note or None)
    check_total(sh, r, level, [vnd for _, vnd in got], kind.money_limits)
    _reject_if_empty(sh, kind, r, got)
    return recs


def _read_years(sh: Sheet, years: dict[int, str], areas: pd.DataFrame) -> list[dict]:
    kind = KINDS["funding"]
    budget = title_budget(sh)
    stated_flow = sh.stated("flow")
    recs = []
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        flow = _flow(sh, r, stated_flow)
        items = items_of_row(sh, r, years, budget) if flow else None
        if items is not None:
            recs += records(sh, r, items, level, (flow, sh.note(r)), kind)
    return recs


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``funding`` records of a funding sheet (one per area, period, source and flow)."""
    kind = KINDS["funding"]
    years = year_columns(sh)
    if years:
        fill_area_down(sh)
        sh.check_summary({c: "money" for c in years})
        areas = area_of_rows(sh, communes)
        if areas is None or not _unit_and_flow_stated(sh, list(years), False):
            return {}
        recs = _read_years(sh, years, areas)
        return _funding_table(sh, kind, recs, areas)
    cols = _money_columns(sh)
    _bare_amount_not_read(sh, cols)
    sh.check_summary({m.col: "money" for m in cols})
    areas = area_of_rows(sh, communes)
    if areas is None:
        return {}
    money = [m.col for m in cols] or [sh.col_of.get("amount")]
    banner_flows = bool(cols) and all(m.flow for m in cols)
    if not _unit_and_flow_stated(sh, money, banner_flows):
        return {}
    stated_flow = sh.stated("flow")
    stated_period = sh.stated("period") or sh.stated("year")
    banner_years = bool(cols) and all(m.year for m in cols)
    recs = []
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        period = _period(sh, r, stated_period) if not banner_years else "banner"
        flow = (_flow(sh, r, stated_flow) if not banner_flows else "banner") if period else None
        items = _items(sh, r, cols) if flow else None
        if items is None:
            continue
        recs += _row_records(sh, kind, r, items, (period, flow), level)
    return _funding_table(sh, kind, recs, areas)


def _funding_table(
    sh: Sheet, kind: Kind, recs: list[dict], areas: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    _reject_repeats(sh, df, areas)
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    return {kind.table: area_notes(df)}
