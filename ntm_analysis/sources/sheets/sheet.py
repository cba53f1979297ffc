"""One located sheet while its rows are read: data rows, statements, problems and rejects.

`Sheet` holds the rows under the header up to the footer (`rows`), split into data rows,
summary rows and group headings; what the sheet states (title block, note rows, sheet name,
or the command-line options); and every problem and reject reason found so far, each at its
grid row and column. The readers below it take one cell of a data row and either return its
value or reject the row saying why. Summary rows and headings with figures are checked
against the rows they sum (`check_summary`), never read as data.
"""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.numbers import NumberFormatError
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.cells import (
    cell_number,
    cell_text,
    is_nil,
    status_of,
    vnd_text,
)
from ntm_analysis.sources.sheets.grids import Grid, Unsaved, column_letter
from ntm_analysis.sources.sheets.layout import Layout, Stated, money_unit
from ntm_analysis.sources.sheets.messages import Both, Msg, figure, msg
from ntm_analysis.sources.sheets.results import Options, Problem
from ntm_analysis.sources.sheets.rows import (
    Heading,
    heading_of,
    is_end,
    is_note,
    is_summary,
    starts_table,
)
from ntm_analysis.sources.sheets.title import name_levels
from ntm_analysis.sources.sheets.totals import check_summary

_ENGLISH_POINT = re.compile(r"[+-]?\d+\.\d{1,2}|[+-]?\d+\.\d{4,}")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3},\d{3}")
_NAME_FIELDS = ("commune", "district", "province")
# What the number parser found wrong (`NumberFormatError.reason`), as the catalogue says it.
_NUMBER_FAULTS = {
    "not_a_number": "number_not_a_number",
    "two_commas": "number_two_commas",
    "point_after_comma": "number_point_after_comma",
    "comma_at_end": "number_comma_at_end",
    "bad_grouping": "number_bad_grouping",
}


def column_text(col: pd.Series) -> pd.Series:
    """`cells.cell_text` of every cell of a column, computed once per distinct value."""
    values = col.to_numpy(dtype=object)
    seen: dict[object, str] = {}
    out = []
    for v in values:
        try:
            t = seen[v]
        except KeyError:
            t = seen[v] = cell_text(v)
        except TypeError:  # an unhashable value
            t = cell_text(v)
        out.append(t)
    return pd.Series(out, index=col.index, dtype=object)


def _first_filled(frame: pd.DataFrame, filled: pd.DataFrame) -> pd.Series:
    """The first non-blank cell of each row ("" for a blank row)."""
    if frame.shape[1] == 0:
        return pd.Series("", index=frame.index, dtype=object)
    mask = filled.to_numpy()
    first = mask.argmax(axis=1)
    values = frame.to_numpy(dtype=object)[np.arange(len(frame)), first]
    return pd.Series(np.where(mask.any(axis=1), values, ""), index=frame.index, dtype=object)


def _figure_like(v: object) -> bool:
    """A cell a data row would hold under a value header: a number or a criterion mark."""
    if isinstance(v, bool) or isinstance(v, Unsaved):
        return False
    if isinstance(v, (int, float)):
        return True
    t = cell_text(v)
    if not t:
        return False
    try:
        cell_number(t)
    except NumberFormatError:
        return status_of(t) is not None
    return True


class Sheet:
    """One located sheet while it is turned into records."""

    def __init__(self, file: str, grid: Grid, layout: Layout, opts: Options):
        self.file, self.grid, self.layout, self.opts = file, grid, layout, opts
        self.name = grid.sheet
        self.problems: list[Problem] = []
        self.row_reasons: dict[int, list[tuple[str | None, Msg]]] = {}
        self.summary_rows: list[int] = []
        self.checked: set[int] = set()  # summary rows compared with the rows they sum
        self.next_table: int | None = None  # first row of another table below (caption)
        self.headings: dict[int, Heading] = {}
        self.conflicts: set[str] = set()
        self._texts: dict[int, pd.Series] = {}
        self.repeated_money: set[int] = set()  # amount columns whose source is given twice
        self.col_of = {f: c for c, f in layout.fields.items() if c not in layout.repeated}
        self.data = self._data_rows()
        if "area_unit" in self.col_of:
            self._area_unit_level()
        self.rows_above = self._rows_above()
        self.rows_in = list(self.data.index)
        self._english_point: dict[int, tuple[str, str] | None] = {}
        self.nil_cells: list[tuple[int, int]] = []  # figures written "-" (no value)
        self._split_structure()
        self._reject_unsaved()

    def _area_unit_level(self) -> None:
        """The level of an area column named without it ("Đơn vị"), from what it lists:
        rows under district headings ("I. Huyện Yên Thành") are communes, and names the
        gazetteer knows at one level only say that level. Without either, a district's sheet
        lists communes, a province's districts, any other provinces. Commune counts are
        never given per commune."""
        c = self.col_of.pop("area_unit")
        counts = self.layout.kind == "area_counts"
        level = self._listed_level(c)
        if level is None or (counts and level == "commune"):
            if self.stated("district") and not counts:
                level = "commune"
            elif self.stated("province"):
                level = "district"
            else:
                level = "province"
        self.col_of.setdefault(level, c)
        self.layout.fields[c] = level

    def _listed_level(self, c: int) -> str | None:
        """The level the names of area column ``c`` are at, or None when they do not say."""
        names = self.column_texts(c).loc[self.data.index]
        stt = self.layout.stt_col
        numbers = self.column_texts(stt).loc[self.data.index] if stt is not None else None
        heads = [
            r
            for r, name in names.items()
            if name
            and not re.fullmatch(r"\d+", "" if numbers is None else numbers[r])
            and (h := heading_of("" if numbers is None else numbers[r], name, False))
            and h.district
        ]
        if heads and any(r > heads[0] and r not in heads for r in names.index):
            return "commune"
        province = str(self.stated("province") or "")
        votes = {"province": 0, "district": 0, "commune": 0}
        for name in pd.unique(names[names != ""]):
            levels = name_levels(name, province)
            if len(levels) == 1:
                votes[next(iter(levels))] += 1
        best = max(votes, key=votes.__getitem__)
        ties = [lv for lv, n in votes.items() if n == votes[best]]
        return best if votes[best] and len(ties) == 1 else None

    # -- locations
    def problem(self, r: int | None, c: int | None, message: Msg) -> None:
        """A problem at grid row ``r`` and column ``c`` (0-based; None where none applies)."""
        row = None if r is None else r + 1
        col = None if c is None else column_letter(c)
        self.problems.append(Problem(self.file, self.name, row, col, message))

    def reject(self, r: int, c: int | None, message: Msg, report: bool = True) -> None:
        """Reject grid row ``r`` for ``message`` (also a problem unless ``report`` is False)."""
        self.row_reasons.setdefault(r, []).append(
            (None if c is None else column_letter(c), message)
        )
        if report:
            self.problem(r, c, message)

    def reject_all(self, rows: list[int], message: Msg) -> None:
        """Reject every data row for one sheet-level reason (reported once)."""
        for r in rows:
            self.row_reasons.setdefault(r, []).append((None, message))

    def locator(self, r: int, c: int) -> str:
        """``Sheet!C7``: where a record's value was read."""
        return f"{self.name}!{column_letter(c)}{r + 1}"

    # -- rows
    def _data_rows(self) -> pd.DataFrame:
        """Rows under the header up to the footer, as cell values indexed by grid row; blank
        rows, rows with only a number, note rows and the footer left out."""
        rows = self.grid.rows
        first = self.layout.first_data_row
        cols = sorted(self.layout.fields)
        stt = self.layout.stt_col
        width = max([*cols, -1 if stt is None else stt]) + 1 if cols else 0
        body = rows[first:]
        frame = pd.DataFrame(
            [r[:width] + [""] * (width - len(r)) if len(r) < width else r[:width] for r in body],
            index=range(first, first + len(body)),
            columns=range(width),
            dtype=object,
        )
        self.frame = frame
        self._fill_merged_names(frame, first)
        filled = frame.notna() & (frame != "")
        keep = filled[cols].any(axis=1) if cols else filled.any(axis=1)
        lead = _first_filled(frame, filled)
        end = self._table_end(first, lead[filled.any(axis=1)])
        if end is not None:
            keep &= frame.index < end
        notes = lead.map(lambda v: isinstance(v, str) and is_note(v)) & filled.any(axis=1)
        if end is not None:
            notes &= frame.index < end
        for r in notes[notes].index:
            # a note under the table may state the money unit ("Ghi chú: đơn vị triệu đồng")
            unit = money_unit(str(lead[r]))
            if unit is not None:
                self.layout.context.setdefault("unit", []).append(Stated(unit, r, None))
        keep &= ~notes
        raw = frame[cols] if cols else frame
        self.raw = raw
        return raw[keep]

    def _fill_merged_names(self, frame: pd.DataFrame, first: int) -> None:
        """A name cell merged down over several rows (B7:B8: one commune with two
        decisions) names the unit on each of them, with a notice at the range."""
        names = {c for c, f in self.layout.fields.items() if f in _NAME_FIELDS}
        for (r0, c0), (r1, c1) in self.grid.merged:
            if r1 <= r0 or r0 < first or c0 != c1 or c0 not in names or r1 >= first + len(frame):
                continue
            frame.loc[r0 + 1 : r1, c0] = frame.at[r0, c0]
            cells = f"{column_letter(c0)}{r0 + 1}:{column_letter(c0)}{r1 + 1}"
            self.problem(r0, c0, msg("name_merged_down", cells=cells, rows=r1 - r0 + 1))

    def _rows_above(self) -> list[int]:
        """Rows above the header that look like rows of its table: a name in a name column
        and figures or marks in two of its value columns. They are counted and rejected
        (`ingest`), never left out of the accounting."""
        fields = self.layout.fields
        names = [c for c, f in fields.items() if f in _NAME_FIELDS]
        values = [c for c, f in fields.items() if f not in (*_NAME_FIELDS, "note")]
        out = []
        for r in range(min(self.layout.header_rows[0], len(self.grid.rows))):
            row = self.grid.rows[r]
            if not any(c < len(row) and cell_text(row[c]) for c in names):
                continue
            if sum(c < len(row) and _figure_like(row[c]) for c in values) >= 2:
                out.append(r)
        return out

    def _table_end(self, first: int, lead: pd.Series) -> int | None:
        """The first footer row (place and date, "Người lập biểu", a signature block), or the
        first row of another table below this one (`next_table`); rows that start with a
        number (the data rows) are passed over without a look."""
        for r, v in lead.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                continue
            if r - 1 not in lead.index and r - 1 >= first and starts_table(self.grid.rows[r]):
                self.next_table = r
                return r
            for cell in self.grid.rows[r]:
                if isinstance(cell, str) and cell.strip():
                    if is_end(cell):
                        return r
                    break
        return None

    def _labels(self) -> tuple[pd.Series, pd.Series]:
        """The number cell and the label of every data row (its name cell, else the first
        text left of the values), as text; computed column by column."""
        idx = self.data.index
        frame = self.frame.loc[idx]

        def texts(c: int) -> pd.Series:
            return self.column_texts(c).loc[idx]

        stt = self.layout.stt_col
        number = texts(stt) if stt is not None else pd.Series("", index=idx, dtype=object)
        label = pd.Series("", index=idx, dtype=object)
        for f in _NAME_FIELDS:
            c = self.col_of.get(f)
            if c is not None:
                label = label.where(label != "", texts(c))
        first_value = min(
            (c for c, f in self.layout.fields.items() if f not in _NAME_FIELDS),
            default=frame.shape[1],
        )
        for c in range(min(first_value, frame.shape[1])):
            if c != stt and (label == "").any():
                label = label.where(label != "", texts(c))
        numeric = number.str.fullmatch(r"\d+").fillna(False).astype(bool)
        label = label.where((label != "") | numeric, number)
        return number, label

    def _has_values(self, r: int) -> bool:
        cols = [c for c, f in self.layout.fields.items() if f not in (*_NAME_FIELDS, "note")]
        return any(cell_text(self.data.at[r, c]) for c in cols if c in self.data.columns)

    def _split_structure(self) -> None:
        """Take summary rows and group headings out of the data (checked, never read)."""
        number, label = self._labels()
        summary_of = {t: is_summary(t) for t in pd.unique(label) if t}
        summary = [r for r, t in label.items() if t and summary_of[t]]
        headings = {}
        for r in label.index[~number.str.fullmatch(r"\d+").fillna(False).astype(bool)]:
            if r in summary or not (label[r] or number[r]):
                continue
            h = heading_of(number[r], label[r], False)
            if h is not None:
                headings[r] = h
        # a numbered heading with figures but no rows under it is itself a data row
        order = sorted([*summary, *headings])
        for i, r in enumerate(order):
            if r in headings and self._has_values(r):
                nxt = order[i + 1] if i + 1 < len(order) else None
                under = [x for x in self.data.index if x > r and (nxt is None or x < nxt)]
                if not under:
                    del headings[r]
        self.summary_rows = summary
        self.headings = headings
        self.summary_data = self.data.loc[[*summary, *sorted(headings)]]
        self.data = self.data.drop(index=[*summary, *headings])

    def heading_district(self) -> pd.Series:
        """The district each data row's nearest heading above names ("" where none does)."""
        current, out = "", {}
        marks = sorted(self.headings)
        i = 0
        for r in self.data.index:
            while i < len(marks) and marks[i] < r:
                current = self.headings[marks[i]].district or ""
                i += 1
            out[r] = current
        return pd.Series(out, index=self.data.index, dtype=object)

    def structure_reason(self, r: int) -> Msg:
        """Why a summary or heading row is not data."""
        if r in self.headings:
            h = self.headings[r]
            if h.district:
                return msg("district_row", district=h.district)
            return msg("group_row", text=h.text)
        return msg("summary_row" if r in self.checked else "summary_row_unchecked")

    def _reject_unsaved(self) -> None:
        """A formula cell without a saved value rejects its row (it is never a blank)."""
        if not self.grid.unsaved:
            return
        for c in self.data.columns:
            col = self.data[c]
            for r in col.index[col.map(lambda v: isinstance(v, Unsaved))]:
                self.reject(r, c, msg("formula_unsaved", formula="=" + col[r].formula))

    def text(self, field_name: str) -> pd.Series | None:
        """A field's column as text (None when the sheet has no such column)."""
        c = self.col_of.get(field_name)
        if c is None:
            return None
        return self.column_texts(c).loc[self.data.index]

    def column_texts(self, c: int) -> pd.Series:
        """`cells.cell_text` of column ``c`` for every row under the header (cached)."""
        if c not in self._texts:
            self._texts[c] = column_text(self.frame[c])
        return self._texts[c]

    def note(self, r: int) -> str:
        """The row's own note ("Ghi chú" column), or ""."""
        c = self.col_of.get("note")
        return cell_text(self.data.at[r, c]) if c is not None else ""

    def stated(self, key: str) -> object | None:
        """A title/note statement, or the option; conflicting statements are a problem."""
        found = self.layout.context.get(key, [])
        if key == "province" and not found:
            found = self.layout.context.get("implied_province", [])
        values = list(
            {(fold(v) if isinstance(v, str) else v): v for v in (s.value for s in found)}.values()
        )
        if len(values) > 1:
            if key not in self.conflicts:
                self.conflicts.add(key)
                first = found[0]
                shown = ", ".join(_shown(key, v) for v in values)
                what = _WHAT.get(key, Both(key, key))
                self.problem(first.row, first.col, msg("states_several", what=what, shown=shown))
            return None
        if values:
            return values[0]
        return getattr(self.opts, key, None) if hasattr(self.opts, key) else None

    def unit_of(self, c: int) -> int | None:
        """The money unit of column ``c``: its header, else the sheet's statement or option."""
        return self.layout.column_units.get(c) or self.stated("unit") or self.opts.unit  # type: ignore[return-value]

    # -- several rows
    def reject_duplicates(
        self, key: pd.Series, col: int | None, what: Both, shown: pd.Series
    ) -> None:
        """Reject rows repeating an earlier row's key (``what`` names it in the message);
        linear in the number of rows."""
        alive = pd.Series([r not in self.row_reasons for r in key.index], index=key.index)
        live = key[alive & (key != "")]
        dup = live[live.duplicated(keep=False)]
        if dup.empty:
            return
        groups: dict[str, list[int]] = {}
        for r, k in dup.items():
            groups.setdefault(k, []).append(r)
        for rows in groups.values():
            first, later = rows[0], rows[1:]
            for r in later:
                self.reject(
                    r, col, msg("duplicate_later", what=what, shown=shown[r], row=first + 1)
                )
            self.reject(
                first,
                col,
                msg(
                    "duplicate_first",
                    what=what,
                    shown=shown[first],
                    rows=", ".join(str(x + 1) for x in later),
                ),
            )

    def check_summary(self, cols: dict[int, str]) -> None:
        """Compare each summary row (and heading with figures) with the rows it sums
        (`totals.check_summary`)."""
        check_summary(self, cols)

    # -- cells of a data row
    def _english_point_of(self, c: int) -> tuple[str, str] | None:
        """Why a text such as "2.345" in column ``c`` may hold a decimal point: another text
        of the column that uses '.' so ("1.5"), or a number cell with decimals (1.5), as
        (message key, example); None when neither is there."""
        if c not in self._english_point:
            values = self.data[c].to_numpy()
            texts = [v.strip() for v in values if type(v) is str and "." in v]
            text = next((t for t in texts if _ENGLISH_POINT.fullmatch(t)), None)
            decimal = next(
                (v for v in values if type(v) is float and v == v and not v.is_integer()), None
            )
            self._english_point[c] = (
                ("ambiguous_point", text)
                if text is not None
                else None
                if decimal is None
                else ("ambiguous_point_numbers", figure(cell_number(decimal)))
            )
        return self._english_point[c]

    def _whole_example(self, c: int) -> tuple[str, str] | None:
        """Why a text such as "1,000" in column ``c`` may group thousands the English way:
        another cell of the column holds a whole number (2000) (message key, example)."""
        values = self.data[c].to_numpy()
        whole = next((v for v in values if type(v) in (int, float) and v == v and v % 1 == 0), None)
        return None if whole is None else ("ambiguous_comma", figure(cell_number(whole)))

    def number(self, r: int, c: int, label: Both) -> Decimal | None:
        """A numeric cell; blank or a dash ("-", nil) is None; bad text rejects the row
        with the parser's reason."""
        v = self.data.at[r, c]
        t = cell_text(v)
        if not t or isinstance(v, Unsaved):
            return None
        if is_nil(t):
            self.nil_cells.append((r, c))
            return None
        text = v.strip() if isinstance(v, str) else ""
        why = self._english_point_of(c) if _THOUSANDS.fullmatch(text) else None
        if why is not None:
            small, large = figure(Decimal(text)), figure(cell_number(v))
        elif _COMMA_THOUSANDS.fullmatch(text) and (why := self._whole_example(c)):
            small, large = (
                figure(cell_number(v)),
                figure(Decimal(text.replace(",", ""))),
            )
        if why is not None:
            self.reject(
                r,
                c,
                msg(why[0], label=label, text=v.strip(), example=why[1], small=small, large=large),
            )
            return None
        try:
            return cell_number(v)
        except NumberFormatError as err:
            fault = msg(_NUMBER_FAULTS.get(err.reason, "number_not_a_number"))
            self.reject(r, c, msg("number_unreadable", label=label, text=t, why=fault))
            return None

    def count(self, r: int, c: int, label: Both) -> int | None:
        """A whole, not negative number; anything else rejects the row."""
        x = self.number(r, c, label)
        if x is None:
            return None
        if x < 0:
            self.reject(r, c, msg("negative", label=label, value=figure(x)))
            return None
        if x != x.to_integral_value():
            self.reject(r, c, msg("not_whole", label=label, value=figure(x)))
            return None
        return int(x)

    def amount(self, r: int, c: int, level: str, label: Both, limits: dict[str, int]) -> int | None:
        """Money in đồng: the cell times its unit; negative, fractional-đồng or implausible
        amounts (above ``limits`` for the area level) reject the row."""
        x = self.number(r, c, label)
        if x is None:
            return None
        unit = self.unit_of(c)
        if unit is None:
            self.reject(r, c, msg("unit_missing_row"), report=False)
            return None
        vnd = x * unit
        if vnd < 0:
            self.reject(r, c, msg("negative_amount", label=label, value=figure(x)))
            return None
        if vnd != vnd.to_integral_value():
            self.reject(r, c, msg("fraction_of_dong", label=label, value=figure(x)))
            return None
        limit = limits.get(level, limits["province"])
        if vnd > limit:
            self.reject(
                r,
                c,
                msg(
                    "implausible",
                    label=label,
                    amount=vnd_text(int(vnd)),
                    level=_LEVELS.get(level, Both(level, level)),
                    limit=vnd_text(limit),
                ),
            )
            return None
        return int(vnd)

    def _year_column(self, rows: pd.Index) -> pd.Series | None:
        """The year of every row: a year column, else a stated year; None if neither."""
        col = self.col_of.get("year")
        stated = self.stated("year")
        years = pd.Series([stated] * len(rows), index=rows, dtype=object)
        if col is None:
            return None if stated is None else years
        for r in rows:
            y = self.year_cell(r, col, stated)
            if y is not None:
                years[r] = y
        return years

    def year_cell(self, r: int, col: int, stated: object) -> int | None:
        """The year in cell (r, col); blank gives None (rejected when nothing is stated)."""
        v = self.data.at[r, col]
        t = cell_text(v)
        if not t:
            if stated is None:
                self.reject(r, col, msg("year_blank"))
            return None
        try:
            y = int(cell_number(v))
        except (NumberFormatError, ValueError, ArithmeticError):
            self.reject(r, col, msg("not_a_year", text=t))
            return None
        if not 1990 <= y <= 2100:
            self.reject(r, col, msg("year_out_of_range", year=y))
            return None
        return y

    def years_or_reject(self, sheet_named: bool = False) -> pd.Series | None:
        """The year of every data row; when no year is stated anywhere, one problem on the
        header row and every row rejected (None). ``sheet_named``: the kind also takes the
        year from a sheet named after it, and the message says so."""
        years = self._year_column(self.data.index)
        if years is None:
            key = "year_missing_sheet" if sheet_named else "year_missing"
            if "year" not in self.conflicts:  # a conflict was reported already
                self.problem(self.layout.header_row, None, msg(key))
            self.reject_all(list(self.data.index), msg("year_missing_reason"))
        return years


_WHAT = {
    "unit": Both("unit", "đơn vị tiền"),
    "year": Both("year", "năm"),
    "period": Both("period", "giai đoạn"),
    "province": Both("province", "tỉnh"),
    "district": Both("district", "huyện"),
    "criteria_set": Both("criteria_set", "bộ tiêu chí"),
    "flow": Both("flow", "loại vốn"),
    "tier": Both("tier", "mức đạt chuẩn"),
    "tier_record": Both("record kind", "loại ghi nhận"),
}
_LEVELS = {
    "commune": Both("commune", "xã"),
    "district": Both("district", "huyện"),
    "province": Both("province", "tỉnh"),
}


def _shown(key: str, value: object) -> str:
    """A stated value as a message shows it (a money multiplier by its unit's name)."""
    if key == "unit":
        names = {t.value: t.label_vi for t in vocabulary.terms("money_units")}
        return names.get(value, str(value))  # type: ignore[call-overload]
    return str(value)
