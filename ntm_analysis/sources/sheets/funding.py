"""Funding sheets: money by area, source of funds and period, wide (one column per source)
or long (a source column and an amount column), for one funding flow.

Each amount is the cell times the money unit stated in its header, the title block, a note
or ``--unit``, stored in đồng. The sources of a row may not add up to more than its total,
an amount above the kind's limit for the area level is taken for a unit mistake, and a
summary row is checked against the rows above it.
"""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model.dictionary import FUNDING_FLOWS
from ntm_analysis.sources.sheets.areas import Communes, area_of_rows
from ntm_analysis.sources.sheets.cells import category_label, category_of, cell_text, vnd_text
from ntm_analysis.sources.sheets.kinds import KINDS, Kind
from ntm_analysis.sources.sheets.layout import flow_word
from ntm_analysis.sources.sheets.sheet import Sheet

# the flows as messages list them: the vocabulary's labels in its order
FLOWS_SHOWN = [t.label_vi.lower() for t in vocabulary.terms("funding_flows")]


def _unit_and_flow_stated(sh: Sheet, money_cols: list[int | None]) -> bool:
    """Report a missing money unit; without any funding flow, reject every row (False)."""
    lay = sh.layout
    sh.stated("unit")  # a conflict is reported once, not as a missing unit
    if "unit" not in sh.conflicts and any(
        sh.unit_of(c) is None for c in money_cols if c is not None
    ):
        sh.problem(
            lay.header_row,
            None,
            "money unit not stated: write 'Đơn vị: triệu đồng' (or tỷ "
            "đồng) above or under the header, or pass --unit",
        )
    flow_column, stated_flow = sh.text("flow"), sh.stated("flow")
    if flow_column is None and stated_flow is None:
        sh.problem(
            lay.header_row,
            None,
            f"funding flow not stated: write 'Loại vốn: {FLOWS_SHOWN[0]}' "
            f"(or {', '.join(FLOWS_SHOWN[1:])}) above the header, or pass --flow",
        )
        sh.reject_all(list(sh.data.index), "funding flow not stated")
        return False
    return True


def _period(sh: Sheet, r: int, stated: object) -> str | None:
    """The year or period of row ``r`` (its own cell, else stated); None rejects the row."""
    period_c = sh.col_of.get("period") or sh.col_of.get("year")
    period = cell_text(sh.data.at[r, period_c]) if period_c is not None else ""
    period = re.sub(r"\s*[-–]\s*", "-", period) or (str(stated) if stated else "")
    if not period:
        sh.reject(r, period_c, "year or period not stated")
        return None
    if not re.fullmatch(r"\d{4}(-\d{4})?", period):
        sh.reject(r, period_c, f"{period!r} is not a year or period (2024, 2021-2025)")
        return None
    return period


def _flow(sh: Sheet, r: int, stated: object) -> str | None:
    """The funding flow of row ``r`` (its own cell, else stated); None rejects the row."""
    c = sh.col_of.get("flow")
    f = (cell_text(sh.data.at[r, c]) if c is not None else "") or stated
    fl = flow_word(str(f)) if f and f not in FUNDING_FLOWS else f
    if fl not in FUNDING_FLOWS:
        sh.reject(r, c, f"{f!r} is not a funding flow ({', '.join(FLOWS_SHOWN)})")
        return None
    return str(fl)


def _items(sh: Sheet, r: int, cat_cols: dict[str, int]) -> list[tuple[str, int]] | None:
    """(source category, column) of the amounts of row ``r``: the category columns of a wide
    sheet, or the source and amount cells of a long one; None rejects a long row whose source
    is not recognised."""
    if not ("source_category" in sh.col_of and "amount" in sh.col_of):
        return list(cat_cols.items())
    c = sh.col_of["source_category"]
    cat_text = cell_text(sh.data.at[r, c])
    cat = category_of(cat_text)
    if cat is None:
        sh.reject(r, c, f"{cat_text!r} is not a source of funds")
        return None
    return [(cat, sh.col_of["amount"])]


def _check_parts(sh: Sheet, kind: Kind, r: int, got: dict[str, tuple[int, int]]) -> None:
    """Reject row ``r`` when its sources add up to more than its total."""
    rule = kind.parts_within_total
    if rule is None or rule.total not in got:
        return
    total, col = got[rule.total]
    parts = sum(v for k, (v, _) in got.items() if k != rule.total and k not in rule.outside)
    if parts > total:
        sh.reject(
            r,
            col,
            f"sources add up to {vnd_text(parts)}, more than the total {vnd_text(total)}",
        )


def _reject_repeats(sh: Sheet, df: pd.DataFrame, areas: pd.DataFrame) -> None:
    """An area, period, source and flow given on two rows: the later row is rejected."""
    key = (
        df["_row"].map(lambda r: f"{areas.at[r, 'area_level']}|{fold(areas.at[r, 'area_name'])}")
        + "|"
        + df["period"]
        + "|"
        + df["source_category"]
        + "|"
        + df["flow"]
    )
    dup = key.duplicated(keep="first")
    for i in df.index[dup]:
        first = int(df.loc[key == key[i], "_row"].iloc[0])
        r = int(df.at[i, "_row"])
        if r != first:
            sh.reject(
                r,
                None,
                f"duplicate: {areas.at[r, 'area_name']} {df.at[i, 'period']} "
                f"{df.at[i, 'source_category']} already on row {first + 1}",
            )


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``funding`` records of a funding sheet (one per area, period, source and flow)."""
    kind = KINDS["funding"]
    sh.pop_summary_rows()
    areas = area_of_rows(sh, communes)
    if areas is None:
        return {}
    fields = sh.layout.fields.items()
    cat_cols = {f.split(":")[1]: c for c, f in fields if f.startswith("category:")}
    if not _unit_and_flow_stated(sh, list(cat_cols.values()) or [sh.col_of.get("amount")]):
        return {}
    stated_flow = sh.stated("flow")
    stated_period = sh.stated("period") or sh.stated("year")
    recs = []
    values: dict[str, dict[int, Decimal | None]] = {k: {} for k in cat_cols}
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        period = _period(sh, r, stated_period)
        flow = _flow(sh, r, stated_flow) if period else None
        items = _items(sh, r, cat_cols) if flow else None
        if items is None:
            continue
        got = {}
        for cat, c in items:
            vnd = sh.amount(r, c, level, category_label(cat), kind.money_limits)
            if cat in values:
                values[cat][r] = None if vnd is None else Decimal(vnd) / (sh.unit_of(c) or 1)
            if vnd is None:
                continue
            got[cat] = (vnd, c)
            recs.append(
                {
                    "_row": r,
                    "period": period,
                    "source_category": cat,
                    "flow": flow,
                    "amount_vnd": vnd,
                    "source_locator": sh.locator(r, c),
                }
            )
        _check_parts(sh, kind, r, got)
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, kind.empty_row)
    sh.check_summary(values, cat_cols)
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    _reject_repeats(sh, df, areas)
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    df["admin_vintage"] = np.where(df["area_code"].fillna("") != "", sh.opts.vintage, "")
    return {kind.table: df.drop(columns="_parent")}
