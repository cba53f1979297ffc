"""Tier sheets: the tier of each commune by year, long (a year and a tier column) or wide
(one column per year holding the tier).

Each row gives ``commune_status`` records: tier, criteria met (checked against the size of
the criteria set), model-commune field (only for model communes), decision. A year column
headed "năm công nhận" / "năm đạt chuẩn" makes the records recognitions, else assessments.
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.lexicon import criteria
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.areas import Communes, commune_rows
from ntm_analysis.sources.sheets.cells import cell_text, model_field_of, model_fields_shown, tier_of
from ntm_analysis.sources.sheets.grids import column_letter
from ntm_analysis.sources.sheets.kinds import KINDS
from ntm_analysis.sources.sheets.layout import criteria_set_of
from ntm_analysis.sources.sheets.sheet import Sheet

_NOT_A_TIER = "{!r} is not a tier (Chưa đạt, NTM, NTM nâng cao, kiểu mẫu)"


def _wide(sh: Sheet, yearcols: dict[int, int]) -> list[dict[str, object]]:
    """Records of a wide sheet: one per filled year column."""
    recs: list[dict[str, object]] = []
    for r in sh.data.index:
        n = 0
        for c, y in sorted(yearcols.items()):
            t = cell_text(sh.data.at[r, c])
            if not t:
                continue
            try:
                tier = tier_of(t)
            except ValueError:
                sh.reject(r, c, _NOT_A_TIER.format(t))
                continue
            n += 1
            recs.append(
                {
                    "_row": r,
                    "year": y,
                    "tier": tier,
                    "record_kind": "assessment",
                    "source_locator": f"{sh.name}!{column_letter(c)}{r + 1}",
                }
            )
        if n == 0 and r not in sh.row_reasons:
            sh.reject(r, None, "no tier in any year column")
    return recs


def _row_set(sh: Sheet, r: int) -> str | None:
    """The criteria set a row's own 'Bộ tiêu chí' cell names (None when blank or absent)."""
    c = sh.col_of.get("criteria_set")
    if c is None:
        return None
    t = cell_text(sh.data.at[r, c])
    if not t:
        return None
    found = criteria_set_of(t) or criteria_set_of(f"bộ tiêu chí {t}")
    if found is None:
        sh.reject(r, c, f"{t!r} is not a known criteria set (e.g. xã NTM, xã NTM nâng cao)")
    return found


def _criteria_met(sh: Sheet, r: int, c: int, set_id: object, rec: dict[str, object]) -> None:
    """Criteria met of row ``r``, at most the size of its criteria set, into ``rec``."""
    met = sh.count(r, c, "criteria met")
    row_set = _row_set(sh, r) or set_id
    if met is None:
        return
    if not row_set:
        sh.reject(
            r,
            c,
            "criteria met given but the criteria set is not stated ('Bộ tiêu chí: …' above "
            "the header)",
        )
        return
    size = criteria.set_size(str(row_set))
    if size is not None and met > size:
        sh.reject(r, c, f"criteria met {met} is above the {size} criteria of {row_set}")
    rec.update(criteria_met=met, criteria_total=size, criteria_set=row_set)


def _model_field(sh: Sheet, r: int, c: int, tier: object) -> str | None:
    t = cell_text(sh.data.at[r, c])
    if not t:
        return None
    found = model_field_of(t)
    if found is None:
        sh.reject(r, c, f"{t!r} is not a model field ({model_fields_shown()})")
    elif tier != "model":
        sh.reject(r, c, "a model field is only for model (kiểu mẫu) communes")
    return found


def _long_record(sh: Sheet, r: int, year: object, kind: str, set_id: object) -> dict[str, object]:
    """The record of one row of a long sheet (tier, criteria met, model field, decision)."""
    rec: dict[str, object] = {
        "_row": r,
        "year": year,
        "record_kind": kind,
        "source_locator": f"{sh.name}!A{r + 1}",
    }
    tier_c = sh.col_of.get("tier")
    if tier_c is not None:
        t = cell_text(sh.data.at[r, tier_c])
        if t:
            try:
                rec["tier"] = tier_of(t)
            except ValueError:
                sh.reject(r, tier_c, _NOT_A_TIER.format(t))
    if "criteria_met" in sh.col_of:
        _criteria_met(sh, r, sh.col_of["criteria_met"], set_id, rec)
    if "model_field" in sh.col_of:
        rec["model_field"] = _model_field(sh, r, sh.col_of["model_field"], rec.get("tier"))
    if "decision" in sh.col_of:
        rec["decision"] = cell_text(sh.data.at[r, sh.col_of["decision"]]) or None
    if "tier" not in rec and "criteria_met" not in rec and r not in sh.row_reasons:
        sh.reject(r, tier_c, "neither a tier nor a criteria count is given")
    return rec


def _reject_repeated_years(sh: Sheet, df: pd.DataFrame) -> None:
    """A commune given twice for the same year and record kind: later rows are rejected."""
    key = df["unit_code"].fillna(df["commune_name"]) + "|" + df["year"].astype(str)
    key += "|" + df["record_kind"]
    dup = key.duplicated(keep=False)
    for _k, grp in df[dup].groupby(key[dup]):
        rows = sorted(set(grp["_row"]))
        for r in rows[1:]:
            sh.reject(
                r,
                sh.col_of.get("commune"),
                f"duplicate commune {grp['commune_name'].iloc[0]!r} in {grp['year'].iloc[0]}: "
                f"already on row {rows[0] + 1}",
            )


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``commune_status`` records of a tier sheet."""
    lay = sh.layout
    units = commune_rows(sh, communes)
    if units is None:
        return {}
    set_id = sh.stated("criteria_set")  # a conflict is reported for wide sheets too
    yearcols = {c: int(f.split(":")[1]) for c, f in lay.fields.items() if f.startswith("yearcol:")}
    if yearcols:
        recs = _wide(sh, yearcols)
    else:
        years = sh.years_or_reject()
        if years is None:
            return {}
        year_col = sh.col_of.get("year")
        recognition = year_col is not None and bool(
            re.search(r"cong nhan|dat chuan|recogni", fold(lay.headers[year_col]))
        )
        kind = "recognition" if recognition else "assessment"
        recs = [_long_record(sh, r, years[r], kind, set_id) for r in sh.data.index]
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    u = units.loc[df["_row"]].reset_index(drop=True)
    df = pd.concat([u, df], axis=1)
    df["admin_vintage"] = sh.opts.vintage
    _reject_repeated_years(sh, df)
    return {KINDS["commune_tiers"].table: df}
