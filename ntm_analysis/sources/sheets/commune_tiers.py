"""Tier sheets: the tier of each commune by year, long (a year and a tier column, one row per
commune and year), wide (one column per year holding the tier), or in repeated blocks (a
"Năm 2023" banner over "Mức đạt chuẩn | Số tiêu chí đạt", then "Năm 2024" over the same, or
"Năm | Mức đạt chuẩn" written twice).

Each block of a row gives one ``commune_status`` record: tier, criteria met (checked against
the size of the criteria set), model-commune field (only for model communes), decision. A
list without a tier column takes the tier its title states ("DANH SÁCH XÃ ĐẠT CHUẨN NTM NÂNG
CAO NĂM 2023": every commune listed holds it). The records are recognitions when the sheet
gives decisions, when its year column is headed "năm công nhận" / "năm đạt chuẩn", or when a
title states the tier reached in a year; else assessments (a title "… đến 31/12/2023" states
a standing). A commune may appear once per year: in a long sheet the year is part of what
makes two rows duplicates.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import pandas as pd

from ntm_analysis.lexicon import criteria
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.areas import Communes, commune_rows
from ntm_analysis.sources.sheets.cells import (
    cell_text,
    is_nil,
    model_field_of,
    model_fields_shown,
    tier_of,
)
from ntm_analysis.sources.sheets.kinds import KINDS
from ntm_analysis.sources.sheets.layout import criteria_set_of
from ntm_analysis.sources.sheets.messages import msg
from ntm_analysis.sources.sheets.scores import read_score
from ntm_analysis.sources.sheets.sheet import Sheet

_BLOCK_FIELDS = (
    "year",
    "tier",
    "criteria_met",
    "model_field",
    "decision",
    "decision_date",
    "record_kind",
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?: 00:00:00)?")
# a decision written out: "Quyết định số 101/QĐ-UBND ngày 10/3/2023", "QĐ số 103/QĐ-UBND ngày …"
_WRITTEN_DECISION = re.compile(
    r"(?:(?:quyết định|qđ)\.?\s*(?:số\s*)?)?(?P<number>\d[^\s]*)\s+ngày\s+(?P<date>\S+)", re.I
)


@dataclass
class Block:
    """The columns of one record per row: field → column, and the year the banner gives."""

    cols: dict[str, int] = field(default_factory=dict)
    year: int | None = None
    tier: str | None = None  # a "Năm đạt chuẩn NTM nâng cao" column: the year it was reached


def blocks_of(sh: Sheet) -> list[Block]:
    """The record blocks of a tier sheet, in column order."""
    lay = sh.layout
    blocks: list[Block] = []
    current = Block()
    for c in sorted(lay.fields):
        f = lay.fields[c]
        if f.startswith("yearcol:"):
            blocks.append(Block({"tier": c}, int(f.split(":")[1])))
            continue
        if f.startswith("tier_year:"):
            blocks.append(Block({"year": c}, None, f.split(":")[1]))
            continue
        if f not in _BLOCK_FIELDS:
            continue
        banner_year = _YEAR.findall(lay.banners.get(c, ""))
        year = int(banner_year[0]) if len(banner_year) == 1 else None
        if f in current.cols or (current.cols and year is not None and year != current.year):
            blocks.append(current)
            current = Block()
        current.cols[f] = c
        current.year = current.year if year is None else year
    if current.cols:
        blocks.append(current)
    return blocks


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
        sh.reject(r, c, msg("not_a_set", text=t))
    return found


def _criteria_met(sh: Sheet, r: int, c: int, set_id: object, rec: dict[str, object]) -> None:
    """Criteria met of row ``r``, at most the size of its criteria set, into ``rec``."""
    row_set = _row_set(sh, r) or set_id
    met = read_score(sh, r, c, row_set)
    if met is None:
        return
    if not row_set:
        sh.reject(r, c, msg("met_without_set"))
        return
    size = criteria.set_size(str(row_set))
    if size is not None and met > size:
        sh.reject(r, c, msg("met_above_set", met=met, size=size, set_id=row_set))
    rec.update(criteria_met=met, criteria_total=size, criteria_set=row_set)


def _model_field(sh: Sheet, r: int, c: int, tier: object) -> str | None:
    t = cell_text(sh.data.at[r, c])
    if not t:
        return None
    found = model_field_of(t)
    if found is None:
        sh.reject(r, c, msg("not_a_model_field", text=t, fields=model_fields_shown()))
    elif tier != "model":
        sh.reject(r, c, msg("model_field_not_model"))
    return found


def _record_kind(sh: Sheet, b: Block, listed: object) -> str:
    """recognition or assessment for the records of block ``b`` (see the module)."""
    c = b.cols.get("year")
    text = fold(sh.layout.headers.get(c, "")) if c is not None else ""
    if re.search(r"cong nhan|dat chuan|recogni", text):
        return "recognition"
    for f in ("decision", "decision_date"):
        d = b.cols.get(f)
        if d is not None and (sh.column_texts(d).loc[sh.data.index] != "").any():
            return "recognition"
    if listed is not None:
        return str(sh.stated("tier_record") or "recognition")
    return "assessment"


def _cell(sh: Sheet, r: int, c: int) -> str:
    """A cell of a record block as text; a dash ("-") is no value, noticed with the others."""
    t = cell_text(sh.data.at[r, c])
    if is_nil(t):
        sh.nil_cells.append((r, c))
        return ""
    return t


def _block_record(
    sh: Sheet, r: int, b: Block, year: object, ctx: tuple[object, object]
) -> dict | None:
    """The record of one row and block (None when the block is empty on this row).
    ``ctx`` is the stated criteria set and the tier a list's title states for a block
    without a tier column (None when it does not)."""
    set_id, listed = ctx
    cells = {f: _cell(sh, r, c) for f, c in b.cols.items() if f != "year"}
    if b.tier is not None:  # the year a tier was reached: blank = not reached
        if not _cell(sh, r, b.cols["year"]):
            return None
        listed = b.tier
    elif not any(cells.values()) and listed is None:
        return None
    # a listed commune's tier is read from its name under the title; else from its cells
    first = sh.col_of["commune"] if listed is not None and b.tier is None else min(b.cols.values())
    rec: dict[str, object] = {
        "_row": r,
        "year": year,
        "record_kind": _record_kind(sh, b, listed),
        "source_locator": sh.locator(r, b.cols.get("tier", first)),
    }
    t = cells.get("tier", "")
    if listed is not None:
        rec["tier"] = listed
    elif t:
        try:
            rec["tier"] = tier_of(t)
        except ValueError:
            sh.reject(r, b.cols["tier"], msg("not_a_tier", text=t))
    if "criteria_met" in b.cols:
        _criteria_met(sh, r, b.cols["criteria_met"], set_id, rec)
    if "model_field" in b.cols:
        rec["model_field"] = _model_field(sh, r, b.cols["model_field"], rec.get("tier"))
    if "decision" in b.cols or "decision_date" in b.cols:
        rec["decision"] = _decision(sh, r, b, cells, year)
    if "tier" not in rec and "criteria_met" not in rec and r not in sh.row_reasons:
        sh.reject(r, b.cols.get("tier"), msg("no_tier_no_count"))
    return rec


def _date_of(sh: Sheet, r: int, c: int, text: str, year: object) -> str | None:
    """A decision date as dd/mm/yyyy; a text that is no date, or a day that does not exist
    ("20/13/2024"), rejects the row; a date before the record's year is a notice."""
    m = _DATE.fullmatch(text)
    iso = _ISO_DATE.fullmatch(text)
    if not (m or iso):
        sh.reject(r, c, msg("not_a_decision_date", text=text))
        return None
    d, mo, y = (int(m[1]), int(m[2]), int(m[3])) if m else (int(iso[3]), int(iso[2]), int(iso[1]))
    try:
        datetime.date(y, mo, d)
    except ValueError:
        sh.reject(r, c, msg("decision_date_impossible", text=text))
        return None
    if isinstance(year, int) and y < year:
        sh.problem(r, c, msg("decision_before_year", text=text, year=year))
    return f"{d:02d}/{mo:02d}/{y}"


def _decision(sh: Sheet, r: int, b: Block, cells: dict[str, str], year: object) -> str | None:
    """The decision of row ``r`` as decisions are cited: its number and, from a "Ngày quyết
    định" column or from the cell itself ("Quyết định số 101/QĐ-UBND ngày 10/3/2023"), its
    date ("101/QĐ-UBND ngày 10/03/2023"). A date that is not a date rejects the row."""
    number = cells.get("decision", "")
    c = b.cols.get("decision_date")
    text = cells.get("decision_date", "")
    written = _WRITTEN_DECISION.fullmatch(number)
    if written and not text:
        number, text, c = written["number"], written["date"], b.cols["decision"]
    if c is None or not text:
        return number or None
    date = _date_of(sh, r, c, text, year)
    if date is None:
        return number or None
    return f"{number} ngày {date}" if number else f"Quyết định ngày {date}"


def _tier_missing(sh: Sheet) -> None:
    """No tier column, no score column and no tier in the title: every row is rejected."""
    if "tier" not in sh.conflicts:  # a conflict was reported already
        sh.problem(sh.layout.header_row, None, msg("tier_missing"))
    sh.reject_all(list(sh.data.index), msg("tier_missing_reason"))


def _block_years(sh: Sheet, b: Block, stated: object) -> pd.Series | None:
    """The year of each row for one block: its column, its banner, or the stated year."""
    idx = sh.data.index
    c = b.cols.get("year")
    base = b.year if b.year is not None else stated
    if c is None:
        return None if base is None else pd.Series([base] * len(idx), index=idx, dtype=object)
    out = pd.Series([base] * len(idx), index=idx, dtype=object)
    for r in idx:
        y = sh.year_cell(r, c, base)
        if y is not None:
            out[r] = y
    return out


def _reject_repeated_years(sh: Sheet, df: pd.DataFrame) -> None:
    """A commune given twice for the same year and record kind: later rows are rejected."""
    key = df["unit_code"].fillna("name:" + df["commune_name"]) + "|" + df["year"].astype(str)
    key += "|" + df["record_kind"]
    first: dict[str, int] = {}
    for k, r, name, year in zip(key, df["_row"], df["commune_name"], df["year"], strict=True):
        f = first.setdefault(k, r)
        if f != r and r not in sh.row_reasons:
            sh.reject(
                r,
                sh.col_of.get("commune"),
                msg("duplicate_commune_year", name=name, year=year, row=f + 1),
            )


def read(sh: Sheet, communes: Communes) -> dict[str, pd.DataFrame]:
    """``commune_status`` records of a tier sheet."""
    set_id = sh.stated("criteria_set")  # a conflict is reported for wide sheets too
    blocks = blocks_of(sh) or [Block()]
    listed = None
    if not any("tier" in b.cols or b.tier for b in blocks):
        listed = sh.stated("tier")
        if listed is None and not any("criteria_met" in b.cols for b in blocks):
            _tier_missing(sh)
            return {}
    sums = {b.cols["criteria_met"]: "sum" for b in blocks if "criteria_met" in b.cols}
    sh.check_summary(sums | {b.cols["tier"]: "tier" for b in blocks if "tier" in b.cols})
    stated = sh.stated("year")
    years = [_block_years(sh, b, stated) for b in blocks]
    if any(y is None for y in years):
        sh.problem(sh.layout.header_row, None, msg("year_missing"))
        sh.reject_all(list(sh.data.index), msg("year_missing_reason"))
        return {}
    long = len(blocks) == 1 and "year" in blocks[0].cols
    units = commune_rows(sh, communes, key_extra=years[0] if long else None, programme=True)
    if units is None:
        return {}
    recs = []
    for r in sh.data.index:
        got = [
            _block_record(sh, r, b, y[r], (set_id, listed))
            for b, y in zip(blocks, years, strict=True)
        ]
        got = [g for g in got if g is not None]
        if not got and r not in sh.row_reasons:
            sh.reject(r, None, msg("no_tier_in_years" if len(blocks) > 1 else "no_tier_no_count"))
        recs += got
    if not recs:
        return {}
    df = pd.DataFrame(recs)
    u = units.loc[df["_row"]].reset_index(drop=True)
    df = pd.concat([u, df], axis=1)
    _reject_repeated_years(sh, df)
    return {KINDS["commune_tiers"].table: df}
