"""Area-level figures into ``facts``: commune counts by tier (``area_counts``) and works
progress (``works``), one record per area, year and measure.

The measures, their orderings (total ≥ NTM ≥ advanced ≥ model; completed ≤ planned), limits
and the summary-row check come from the kind's description in `kinds.KINDS`.
"""

from __future__ import annotations

import itertools

import pandas as pd

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.areas import Communes, area_notes, area_of_rows
from ntm_analysis.sources.sheets.kinds import KINDS, Kind, Measure
from ntm_analysis.sources.sheets.messages import Both, figure, msg
from ntm_analysis.sources.sheets.sheet import Sheet

_UNIQUE = Both("area and year", "địa bàn và năm")


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
        sh.reject(r, c, msg("negative", label=m.label, value=figure(d)))
        return None
    if m.maximum is not None and d > m.maximum:
        sh.reject(r, c, msg(m.above, value=figure(d)))
        return None
    return float(d)


def _check_orderings(sh: Sheet, kind: Kind, r: int, got: dict, cols: dict[str, int]) -> None:
    """Reject row ``r`` where a measure exceeds the one before it in an ordering chain."""
    for rule in kind.orderings:
        present = [k for k in rule.chain if k in got]
        for hi, lo in itertools.pairwise(present):
            if got[lo] > got[hi]:
                sh.reject(
                    r,
                    cols[lo],
                    msg(
                        rule.message,
                        lo_label=kind.measure(lo).label,
                        lo=got[lo],
                        hi_label=kind.measure(hi).label,
                        hi=got[hi],
                    ),
                )


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``facts`` records of an area_counts or works sheet."""
    kind = KINDS[sh.layout.kind]
    field = kind.measure_field + ":"
    cols = {f.split(":")[1]: c for c, f in sh.layout.fields.items() if f.startswith(field)}
    sh.check_summary(
        {
            c: "money" if kind.measure(k).read == "amount" else "sum"
            for k, c in cols.items()
            if kind.measure(k).summed
        }
    )
    areas = area_of_rows(sh, communes)
    if areas is None:
        return {}
    years = sh.years_or_reject()
    if years is None:
        return {}
    notes = sh.text(kind.note_column) if kind.note_column else None
    recs = []
    for r in sh.data.index:
        level = areas.at[r, "area_level"] or "province"
        got: dict[str, int | float] = {}
        for key, c in cols.items():
            m = kind.measure(key)
            x = _value(sh, kind, m, r, c, level)
            if x is None:
                continue
            got[key] = x
            rec = {"_row": r, "measure": m.measure, "value": x, "unit": m.unit}
            parts = [sh.note(r)]
            if kind.note_column and notes is not None and notes[r]:
                parts.insert(0, kind.note_format.format(notes[r]))
            rec["note"] = "; ".join(p for p in parts if p) or None
            rec["source_locator"] = sh.locator(r, c)
            recs.append(rec)
        _check_orderings(sh, kind, r, got, cols)
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, msg(kind.empty_row))
    if kind.unique_rows:
        key = areas["area_level"] + "|" + areas["area_name"].map(fold) + "|" + years.astype(str)
        shown = areas["area_name"] + " " + years.astype(str)
        sh.reject_duplicates(key, None, _UNIQUE, shown)
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    df = pd.concat([areas.loc[df["_row"]].reset_index(drop=True), df], axis=1)
    df["year"] = years.loc[df["_row"]].to_numpy()
    return {kind.table: area_notes(df)}
