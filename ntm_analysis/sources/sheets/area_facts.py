"""Area-level figures into ``facts``: commune counts by tier (``area_counts``) and works
progress (``works``), one record per area, year and measure.

The measures, their orderings (total ≥ NTM ≥ advanced ≥ model; completed ≤ planned), limits
and the summary-row check come from the kind's description in `kinds.KINDS`.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import numpy as np
import pandas as pd

from ntm_analysis.lexicon.numbers import format_number
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.areas import Communes, area_of_rows
from ntm_analysis.sources.sheets.kinds import KINDS, Kind, Measure
from ntm_analysis.sources.sheets.sheet import Sheet


def _value(sh: Sheet, kind: Kind, m: Measure, r: int, c: int, level: str) -> int | float | None:
    """One measure of row ``r`` read as its kind says; a bad value rejects the row (None)."""
    if m.read == "amount":
        return sh.amount(r, c, level, m.label, kind.money_limits)
    if m.read == "count":
        return sh.count(r, c, m.label)
    d = sh.number(r, c, m.label)
    if d is None:
        return None
    if d < 0:
        sh.reject(r, c, f"{m.label} {format_number(d)} is negative")
        return None
    if m.maximum is not None and d > m.maximum:
        sh.reject(r, c, m.above.format(value=format_number(d)))
        return None
    return float(d)


def _as_written(sh: Sheet, m: Measure, c: int, x: int | float) -> Decimal:
    """A value in the sheet's own unit (money back from đồng), as a summary row adds it up."""
    if m.read == "amount":
        return Decimal(x) / (sh.unit_of(c) or 1)
    return Decimal(str(x))


def _check_orderings(sh: Sheet, kind: Kind, r: int, got: dict, cols: dict[str, int]) -> None:
    """Reject row ``r`` where a measure exceeds the one before it in an ordering chain."""
    for rule in kind.orderings:
        present = [k for k in rule.chain if k in got]
        for hi, lo in itertools.pairwise(present):
            if got[lo] > got[hi]:
                sh.reject(
                    r,
                    cols[lo],
                    rule.message.format(
                        lo_label=kind.measure(lo).label,
                        lo=got[lo],
                        hi_label=kind.measure(hi).label,
                        hi=got[hi],
                    ),
                )


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``facts`` records of an area_counts or works sheet."""
    kind = KINDS[sh.layout.kind]
    sh.pop_summary_rows()
    areas = area_of_rows(sh, communes)
    if areas is None:
        return {}
    years = sh.years_or_reject()
    if years is None:
        return {}
    field = kind.measure_field + ":"
    cols = {f.split(":")[1]: c for c, f in sh.layout.fields.items() if f.startswith(field)}
    notes = sh.text(kind.note_column) if kind.note_column else None
    values: dict[str, dict[int, Decimal | None]] = {k: {} for k in cols}
    recs = []
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        got: dict[str, int | float] = {}
        for key, c in cols.items():
            m = kind.measure(key)
            x = _value(sh, kind, m, r, c, level)
            values[key][r] = None if x is None else _as_written(sh, m, c, x)
            if x is None:
                continue
            got[key] = x
            rec = {"_row": r, "measure": m.measure, "value": x, "unit": m.unit}
            if kind.note_column:
                note = notes[r] if notes is not None else ""
                rec["note"] = kind.note_format.format(note) if note else None
            rec["source_locator"] = sh.locator(r, c)
            recs.append(rec)
        _check_orderings(sh, kind, r, got, cols)
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, kind.empty_row)
    sh.check_summary(values, {k: c for k, c in cols.items() if kind.measure(k).summed})
    if kind.unique_rows:
        key = areas["area_level"] + "|" + areas["area_name"].map(fold) + "|" + years.astype(str)
        shown = areas["area_name"] + " " + years.astype(str)
        sh.reject_duplicates(key, None, kind.unique_rows, shown)
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    df["year"] = years.loc[df["_row"]].to_numpy()
    df["admin_vintage"] = np.where(df["area_code"].fillna("") != "", sh.opts.vintage, "")
    return {kind.table: df.drop(columns="_parent")}
