"""Criteria sheets: one row per commune, one column per criterion, a status in each cell.

Every cell gives one ``criteria_status`` record (commune, year, criteria set, criterion,
met/not met). A criterion column is named by number ("TC14", "14" under a criteria banner)
or by name under a criteria banner ("Giao thông"), looked up in the stated set. A column
whose criterion is not in the set, or a criterion given two columns, is reported and not
read; a cell that is not a status rejects its row. A score column ("Số tiêu chí đạt") is
checked against the row's marks and gives the commune's ``commune_status`` record (criteria
met of the set); a blank score is simply not given. A totals row is checked column by column
(communes meeting each criterion, the sum of the scores).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ntm_analysis.lexicon import criteria
from ntm_analysis.sources.sheets.areas import Communes, commune_rows
from ntm_analysis.sources.sheets.cells import cell_text, status_of
from ntm_analysis.sources.sheets.grids import Unsaved, column_letter
from ntm_analysis.sources.sheets.kinds import KINDS
from ntm_analysis.sources.sheets.layout import criteria_set_of
from ntm_analysis.sources.sheets.messages import msg
from ntm_analysis.sources.sheets.scores import read_score
from ntm_analysis.sources.sheets.sheet import Sheet


def _number_of(sh: Sheet, c: int, f: str, set_id: str | None) -> int | None:
    """The criterion number of a criterion column (by number, or by name within the set)."""
    kind, _, param = f.partition(":")
    if kind == "criterion":
        return int(param)
    if not set_id:
        return None
    try:
        return criteria.lookup_criterion(param, set_id).criterion_no
    except LookupError as err:
        sh.problem(
            sh.layout.header_row,
            c,
            msg("criterion_name_unknown", text=param, set_id=set_id, reason=str(err)),
        )
        return None


def _criterion_columns(sh: Sheet, set_id: str | None) -> dict[int, int]:
    """Column → criterion number; columns outside the set or repeated are reported."""
    out: dict[int, int] = {}
    for c, f in sorted(sh.layout.fields.items()):
        if not f.startswith(("criterion:", "criterion_name:")):
            continue
        n = _number_of(sh, c, f, set_id)
        if n is None:
            continue
        if set_id and not criteria.is_valid_number(set_id, n):
            nums = criteria.criterion_numbers(set_id)
            sh.problem(
                sh.layout.header_row,
                c,
                msg("criterion_not_in_set", n=n, set_id=set_id, lo=min(nums), hi=max(nums)),
            )
            continue
        out[c] = n
    seen: dict[int, int] = {}
    for c, n in sorted(out.items()):
        if n in seen:
            first = seen[n]
            sh.problem(
                sh.layout.header_row,
                c,
                msg("criterion_twice", n=n, first=column_letter(first), second=column_letter(c)),
            )
            out.pop(first, None)
            out.pop(c)
        else:
            seen[n] = c
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
    blank = (block.isna() | (block == "")).all(axis=1)
    for r in block.index[blank.to_numpy()]:
        score = sh.col_of.get("criteria_met")
        if score is None or not cell_text(sh.data.at[r, score]):
            sh.reject(r, None, msg("row_not_filled"))
    for i, j in np.argwhere(pd.isna(status)):
        v = block.iat[i, j]
        if isinstance(v, Unsaved):
            continue  # the row is rejected for its formula already
        sh.reject(block.index[i], cols[j], msg("not_a_status", text=cell_text(v)))
    return status


def _scores(
    sh: Sheet, status: np.ndarray, block: pd.DataFrame, set_id: str, years: pd.Series, units
) -> pd.DataFrame | None:
    """commune_status records from the score column, each checked against the row's marks."""
    c = sh.col_of.get("criteria_met")
    if c is None:
        return None
    marked = (status == "met").sum(axis=1)
    size = criteria.set_size(set_id)
    recs = []
    for i, r in enumerate(block.index):
        score = read_score(sh, r, c, set_id)
        if score is None:
            continue
        if size is not None and score > size:
            sh.reject(r, c, msg("met_above_set", met=score, size=size, set_id=set_id))
            continue
        if not pd.isna(status[i]).any() and score != marked[i]:
            sh.reject(r, c, msg("score_mismatch", score=score, marked=int(marked[i])))
            continue
        recs.append(
            {
                "_row": r,
                "year": years[r],
                "record_kind": "assessment",
                "criteria_met": score,
                "criteria_total": size,
                "criteria_set": set_id,
                "source_locator": sh.locator(r, c),
            }
        )
    if not recs:
        return None
    df = pd.DataFrame(recs)
    u = units.loc[df["_row"]].reset_index(drop=True)
    return pd.concat([u, df], axis=1)


def _locators(
    sheet: str, letters: np.ndarray, rows: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    """ "Sheet!B7" for each cell (joined by pyarrow: one string per record otherwise)."""
    joined = pc.binary_join_element_wise(
        sheet + "!", pa.array(letters, pa.string()), pc.cast(pa.array(rows), pa.string()), ""
    )
    return pd.array(joined, dtype="str")


def _names_resolve(names: list[str], set_id: str) -> bool:
    """Whether every criterion name is one criterion of ``set_id``, each a different one."""
    found = set()
    for name in names:
        try:
            found.add(criteria.lookup_criterion(name, set_id).criterion_no)
        except LookupError:
            return False
    return len(found) == len(names)


def set_of_names(sh: Sheet) -> str | None:
    """The one commune criteria set in which every criterion named in the header (without
    its number) is found ("Hành chính công", "Chất lượng môi trường sống" are criteria of
    the advanced set only), told as a notice; None when no such set or several."""
    names = [
        f.split(":", 1)[1] for f in sh.layout.fields.values() if f.startswith("criterion_name:")
    ]
    if len(names) < 3:
        return None
    sets = [s for s in criteria.known_sets() if s.startswith("commune_")]
    fits = [s for s in sets if _names_resolve(names, s)]
    if len(fits) != 1:
        return None
    sh.problem(sh.layout.header_row, None, msg("set_from_names", set_id=fits[0], n=len(names)))
    return fits[0]


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``criteria_status`` records of a criteria sheet (one per commune and criterion), and
    ``commune_status`` records from its score column."""
    cset = sh.text("criteria_set")
    stated = sh.stated("criteria_set")
    if cset is None and stated is None and "criteria_set" not in sh.conflicts:
        stated = set_of_names(sh)
    if cset is None and stated is None:
        if "criteria_set" not in sh.conflicts:  # a conflict was reported already
            sh.problem(sh.layout.header_row, None, msg("set_missing"))
        sh.reject_all(list(sh.data.index), msg("set_missing_reason"))
        return {}
    set_id = str(stated) if stated else None
    crit_cols = _criterion_columns(sh, set_id)
    if not crit_cols:  # every criterion column is outside the set (each reported above)
        sh.reject_all(list(sh.data.index), msg("no_criterion_column", set_id=set_id))
        return {}
    checked = {c: "met" for c in crit_cols}
    if "criteria_met" in sh.col_of:
        checked[sh.col_of["criteria_met"]] = "sum"
    sh.check_summary(checked)
    years = sh.years_or_reject(sheet_named=True)
    if years is None:
        return {}
    units = commune_rows(sh, communes, key_extra=years, programme=True)
    if units is None:
        return {}
    block = sh.data[list(crit_cols)]
    status = _statuses(sh, block)
    row_sets = (
        cset.where(cset != "", stated or "").map(lambda s: criteria_set_of(s) or s)
        if cset is not None
        else pd.Series([set_id] * len(sh.data), index=sh.data.index)
    )
    # rows rejected already (an ambiguous name) give no records: they are not exploded
    kept = np.flatnonzero(~block.index.isin(list(sh.row_reasons)))
    n_rows, n_crit = len(kept), block.shape[1]
    rows_rep = np.repeat(block.index.to_numpy()[kept], n_crit)
    letters = np.tile(np.array([column_letter(c) for c in crit_cols], dtype=object), n_rows)

    positions = np.repeat(kept, n_crit)

    def each(values: pd.Series) -> pd.api.extensions.ExtensionArray:
        # the column's type is found on the sheet's rows, then repeated per criterion (as
        # fast as a copy: a national workbook has ~150,000 records per sheet)
        return pd.Series(values.to_numpy(dtype=object)).array.take(positions)

    rec = pd.DataFrame(
        {
            "commune_name": each(units["commune_name"]),
            "province_name": each(units["province_name"]),
            "unit_code": each(units["unit_code"]),
            "note": each(units["note"]),
            "admin_vintage": each(units["admin_vintage"]),
            "year": each(years),
            "criteria_set": each(row_sets),
            "criterion_no": np.tile(np.array(list(crit_cols.values())), n_rows),
            "status": status[kept].ravel(),
            "source_locator": _locators(sh.name, letters, rows_rep + 1),
            "_row": rows_rep,
        }
    )
    out = {KINDS["criteria_status"].table: rec}
    scores = _scores(sh, status, block, set_id, years, units) if set_id else None
    if scores is not None:
        out["commune_status"] = scores
    return out
