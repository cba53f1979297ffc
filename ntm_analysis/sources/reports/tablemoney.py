"""Rows of money tables (`tablerows`): a ``funding`` per money cell, its source named by the
row's label, its flow and year by the column's header ("Kế hoạch 2024", "Giải ngân đến
31/12/2024"), the line before the table or the section; and the row's share column, read as
the measure its header names or as the disbursement rate when it is the row's disbursed
amount over its other amount.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import number
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.facts import Fact, Funding, Percent, area_fields
from ntm_analysis.sources.reports.money import flow_named, funding_category

if TYPE_CHECKING:  # the table reader calls this module
    from ntm_analysis.sources.reports.tablerows import Column, Table

SHARE_TOLERANCE = 0.6  # a share printed rounded: within this of the amounts' ratio
_LETTERS = re.compile(r"[a-z]{2}")
_COUNT_CELL = re.compile(rf"^\s*(?P<n>{T.NUM})\s*$")
_PCT_CELL = re.compile(rf"^\s*{T.PCT}\s*$|^\s*(?P<bare>{T.NUM})\s*$")


def money_row(
    head: dict, ctx: Context, table: Table, cols: list[Column], folded: list[str]
) -> list[Fact]:
    """``funding`` from a row of a money table: the label cell names the source; the flow and
    the year are the line's before the table ("Tổng nguồn lực huy động năm 2023 …:"), else
    the section heading's flow and the context's year; a plan section's rows are planned."""
    label = next(
        (f for col, f in zip(cols, folded) if col.role in ("name", "other") and _LETTERS.search(f)),
        "",
    )
    if not label:
        return []
    category = funding_category(label)
    area = ctx.district or ctx.province
    flow = table.flow or flow_named(ctx.heading) or ("planned" if head["is_target"] else None)
    year = table.year or ctx.year
    facts: list[Fact] = []
    for col, c in zip(cols, folded):
        if col.role != "money":
            continue
        m = _COUNT_CELL.match(c)
        value = number(m.group("n")) if m else None
        if value is None:
            continue
        amount = round(value * col.mult)
        if amount != value * col.mult:
            continue  # not a whole number of đồng
        facts.append(
            Funding(
                **head,
                source_category=category,
                amount_vnd=int(amount),
                flow=col.flow or flow,
                period=str(col.year or year) if col.year or year else None,
                **area_fields(area),
            )
        )
    return facts + _money_shares(head, ctx, cols, folded, facts, year)


def _money_shares(
    head: dict,
    ctx: Context,
    cols: list[Column],
    folded: list[str],
    amounts: list[Funding],
    year: int | None,
) -> list[Fact]:
    """The share column of a money row: the measure its header names ("Tỷ lệ giải ngân"), or
    the disbursement rate when a bare "Tỷ lệ (%)" is the row's disbursed amount over its other
    amount ("Kế hoạch | Giải ngân | Tỷ lệ")."""
    out: list[Fact] = []
    for col, c in zip(cols, folded):
        m = _PCT_CELL.match(c) if col.role == "pct" else None
        value = number(m.group("pct") or m.group("bare")) if m else None
        if value is None:
            continue
        done = _disbursed_share(amounts, value)
        measure = col.measure or (_DISBURSED if done else None)
        if measure is None:
            continue
        if done and done.period and done.period.isdigit():
            year = int(done.period)  # the year of the amount it is the share of
        out.append(
            Percent(
                **head,
                measure=measure,
                value=value,
                year=year,
                **area_fields(ctx.district or ctx.province),
            )
        )
    return out


_DISBURSED = "disbursement_rate"


def _disbursed_share(amounts: list[Funding], pct: int | float) -> Funding | None:
    """The disbursed amount of the row that over another amount of it gives ``pct``."""
    base = [f.amount_vnd for f in amounts if f.flow != "disbursed" and f.amount_vnd]
    return next(
        (
            f
            for f in amounts
            if f.flow == "disbursed"
            and any(abs(100 * f.amount_vnd / b - pct) <= SHARE_TOLERANCE for b in base)
        ),
        None,
    )
