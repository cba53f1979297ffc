"""Criteria sheets: one row per commune, one column per criterion, a status in each cell.

Every cell gives one ``criteria_status`` record (commune, year, criteria set, criterion,
met/not met). A column whose criterion is not in the stated set is reported and not read;
a cell that is not a status rejects its row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntm_analysis.lexicon import criteria
from ntm_analysis.sources.sheets.areas import Communes, commune_rows
from ntm_analysis.sources.sheets.cells import cell_text, status_of
from ntm_analysis.sources.sheets.grids import column_letter
from ntm_analysis.sources.sheets.kinds import KINDS
from ntm_analysis.sources.sheets.layout import criteria_set_of
from ntm_analysis.sources.sheets.sheet import Sheet


def _criterion_columns(sh: Sheet, set_id: str | None) -> dict[int, int]:
    """Column → criterion number; columns naming a criterion outside the set are reported."""
    out: dict[int, int] = {}
    for c, f in sorted(sh.layout.fields.items()):
        if not f.startswith("criterion:"):
            continue
        n = int(f.split(":")[1])
        if set_id and not criteria.is_valid_number(set_id, n):
            nums = criteria.criterion_numbers(set_id)
            sh.problem(
                sh.layout.header_row,
                c,
                f"criterion {n} does not exist in {set_id} (criteria {min(nums)}–{max(nums)}); "
                "the column is not read",
            )
            continue
        out[c] = n
    return out


def _statuses(sh: Sheet, block: pd.DataFrame) -> np.ndarray:
    """met/not_met of every cell (None where the cell is not a status: its row is rejected)."""
    flat = pd.Series(block.to_numpy(dtype=object).ravel())
    uniq = {}
    for v in pd.unique(flat):
        key = v if not isinstance(v, float) or v == v else ""
        try:
            uniq[v] = status_of(key)
        except TypeError:
            uniq[v] = None
    status = flat.map(uniq).to_numpy(dtype=object).reshape(block.shape)
    cols = list(block.columns)
    for i, j in np.argwhere(pd.isna(status)):
        sh.reject(
            block.index[i],
            cols[j],
            f"{cell_text(block.iat[i, j])!r} is not a criterion status "
            "(Đạt/x/1/✓ = met; Chưa đạt/0/blank = not met)",
        )
    return status


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``criteria_status`` records of a criteria sheet (one per commune and criterion)."""
    cset = sh.text("criteria_set")
    stated = sh.stated("criteria_set")
    if cset is None and stated is None:
        sh.problem(
            sh.layout.header_row,
            None,
            "criteria set not stated: write 'Bộ tiêu chí: xã NTM' or 'xã NTM nâng cao' above "
            "the header, or pass --criteria-set",
        )
        sh.reject_all(list(sh.data.index), "criteria set not stated")
        return {}
    set_id = str(stated) if stated else None
    crit_cols = _criterion_columns(sh, set_id)
    if not crit_cols:  # every criterion column is outside the set (each reported above)
        sh.reject_all(list(sh.data.index), f"no criterion column of {set_id} to read")
        return {}
    years = sh.years_or_reject(sheet_named=True)
    if years is None:
        return {}
    units = commune_rows(sh, communes)
    if units is None:
        return {}
    block = sh.data[list(crit_cols)]
    status = _statuses(sh, block)
    row_sets = (
        cset.where(cset != "", stated or "").map(lambda s: criteria_set_of(s) or s)
        if cset is not None
        else pd.Series([set_id] * len(sh.data), index=sh.data.index)
    )
    n_rows, n_crit = block.shape
    rows_rep = np.repeat(block.index.to_numpy(), n_crit)
    letters = np.tile(np.array([column_letter(c) for c in crit_cols], dtype=object), n_rows)

    def each(values: pd.Series | pd.DataFrame) -> np.ndarray:
        return np.repeat(values.to_numpy(dtype=object), n_crit)

    rec = pd.DataFrame(
        {
            "commune_name": each(units["commune_name"]),
            "province_name": each(units["province_name"]),
            "unit_code": each(units["unit_code"]),
            "note": each(units["note"]),
            "admin_vintage": sh.opts.vintage,
            "year": each(years),
            "criteria_set": each(row_sets),
            "criterion_no": np.tile(np.array(list(crit_cols.values())), n_rows),
            "status": status.ravel(),
            "source_locator": sh.name + "!" + letters + (rows_rep + 1).astype(str),
            "_row": rows_rep,
        }
    )
    return {KINDS["criteria_status"].table: rec}
