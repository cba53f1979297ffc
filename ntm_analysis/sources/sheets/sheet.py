"""One located sheet while its rows are read: data rows, statements, problems and rejects.

`Sheet` holds the data rows under the header (blank rows and notes under the table left out),
what the sheet states (title block, note rows, sheet name, or the command-line options), and
every problem and reject reason found so far, each at its grid row and column. The readers
below it take one cell of a data row and either return its value or reject the row saying why.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.numbers import NumberFormatError, format_number
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.cells import cell_number, cell_text, vnd_text
from ntm_analysis.sources.sheets.grids import Grid, column_letter
from ntm_analysis.sources.sheets.layout import Layout, Stated, money_unit
from ntm_analysis.sources.sheets.results import Options, Problem

_SUMMARY = re.compile(
    r"^(tong|tong cong|tong so|cong|total|grand total|toan tinh|toan huyen|toan thanh pho|ca nuoc)"
    r"( .*)?$"
)
_FOOTER = re.compile(r"^(ghi chu|chu thich|note|notes|nguon|source|nguoi lap|ngay)\b")


class Sheet:
    """One located sheet while it is turned into records."""

    def __init__(self, file: str, grid: Grid, layout: Layout, opts: Options):
        self.file, self.grid, self.layout, self.opts = file, grid, layout, opts
        self.name = grid.sheet
        self.problems: list[Problem] = []
        self.row_reasons: dict[int, list[tuple[str | None, str]]] = {}
        self.summary_rows: list[int] = []
        self.summary_data = pd.DataFrame()
        self.conflicts: set[str] = set()
        self.col_of = {f: c for c, f in layout.fields.items()}
        self.data = self._data_rows()
        self.rows_in = list(self.data.index)

    # -- locations
    def problem(self, r: int | None, c: int | None, message: str) -> None:
        """A problem at grid row ``r`` and column ``c`` (0-based; None where none applies)."""
        row = None if r is None else r + 1
        col = None if c is None else column_letter(c)
        self.problems.append(Problem(self.file, self.name, row, col, message))

    def reject(self, r: int, c: int | None, message: str, report: bool = True) -> None:
        """Reject grid row ``r`` for ``message`` (also a problem unless ``report`` is False)."""
        self.row_reasons.setdefault(r, []).append(
            (None if c is None else column_letter(c), message)
        )
        if report:
            self.problem(r, c, message)

    def reject_all(self, rows: list[int], message: str) -> None:
        """Reject every data row for one sheet-level reason (reported once)."""
        for r in rows:
            self.row_reasons.setdefault(r, []).append((None, message))

    def locator(self, r: int, c: int) -> str:
        """``Sheet!C7``: where a record's value was read."""
        return f"{self.name}!{column_letter(c)}{r + 1}"

    # -- rows
    def _data_rows(self) -> pd.DataFrame:
        """Data rows under the header as text, indexed by grid row; blank and footer rows out."""
        rows = self.grid.rows
        first = self.layout.first_data_row
        cols = sorted(self.layout.fields)
        width = max(cols) + 1 if cols else 0
        body = rows[first:]
        frame = pd.DataFrame(
            [r[:width] + [""] * (width - len(r)) if len(r) < width else r[:width] for r in body],
            index=range(first, first + len(body)),
            columns=range(width),
            dtype=object,
        )
        raw = frame[cols] if cols else frame
        self.raw = raw
        filled = frame.notna() & (frame != "")
        keep = filled.any(axis=1)
        # notes under the table ("Ghi chú: …", "Người lập biểu") are not rows
        lead = frame.where(filled).bfill(axis=1).iloc[:, 0] if width else pd.Series(dtype=object)
        footer = lead.map(
            lambda v: bool(_FOOTER.match(fold(str(v)))) if isinstance(v, str) else False
        )
        for r in footer[footer & keep].index:
            # a footer row may state the money unit ("Ghi chú: đơn vị triệu đồng")
            unit = money_unit(str(lead[r]))
            if unit is not None:
                self.layout.context.setdefault("unit", []).append(Stated(unit, r, None))
        keep &= ~footer
        return raw[keep]

    def text(self, field_name: str) -> pd.Series | None:
        """A field's column as text (None when the sheet has no such column)."""
        c = self.col_of.get(field_name)
        if c is None:
            return None
        return self.data[c].map(cell_text)

    def stated(self, key: str) -> object | None:
        """A title/note statement, or the option; conflicting statements are a problem."""
        found = self.layout.context.get(key, [])
        values = list(dict.fromkeys(s.value for s in found))
        if len(values) > 1:
            if key not in self.conflicts:
                self.conflicts.add(key)
                first = found[0]
                shown = ", ".join(_shown(key, v) for v in values)
                self.problem(
                    first.row, first.col, f"the sheet states several {key} values: {shown}"
                )
            return None
        if values:
            return values[0]
        return getattr(self.opts, key, None) if hasattr(self.opts, key) else None

    def unit_of(self, c: int) -> int | None:
        """The money unit of column ``c``: its header, else the sheet's statement or option."""
        return self.layout.column_units.get(c) or self.stated("unit") or self.opts.unit  # type: ignore[return-value]

    # -- several rows
    def reject_duplicates(
        self, key: pd.Series, col: int | None, what: str, shown: pd.Series
    ) -> None:
        """Reject rows repeating an earlier row's key (``what`` names it in the message)."""
        rejected = set(self.row_reasons)
        dup_all = key.duplicated(keep=False) & (key != "")
        if not dup_all.any():
            return
        live = key[[r not in rejected for r in key.index]]
        dup = live.duplicated(keep=False) & (live != "")
        first: dict[str, int] = {}
        for r, k in live[dup].items():
            if k not in first:
                first[k] = r
                continue
            self.reject(r, col, f"duplicate {what} {shown[r]!r}: already on row {first[k] + 1}")
        for k, r in first.items():
            again = [x + 1 for x, kk in live[dup].items() if kk == k and x != r]
            self.reject(
                r,
                col,
                f"duplicate {what} {shown[r]!r}: again on row(s) {', '.join(map(str, again))}",
            )

    def pop_summary_rows(self) -> list[int]:
        """Take summary rows ("Tổng cộng", "Toàn tỉnh") out of the data: checked, not read."""
        summary = pd.Series(False, index=self.data.index)
        for f in ("commune", "district", "province"):
            c = self.col_of.get(f)
            if c is not None:
                summary |= self.data[c].map(lambda v: bool(_SUMMARY.match(fold(cell_text(v)))))
        rows = list(summary[summary].index)
        self.summary_rows = rows
        self.summary_data = self.data.loc[rows]
        self.data = self.data.drop(index=rows)
        return rows

    def check_summary(
        self, values: dict[str, dict[int, Decimal | None]], cols: dict[str, int]
    ) -> None:
        """Compare each summary row with the sum of the rows above it (per numeric column)."""
        for r in self.summary_rows:
            above = [x for x in self.data.index if x < r and x not in self.row_reasons]
            for name, c in cols.items():
                v = self.summary_data.at[r, c]
                if not cell_text(v):
                    continue
                try:
                    total = cell_number(v)
                except NumberFormatError:
                    continue
                parts = [values[name].get(x) for x in above]
                s = sum((p for p in parts if p is not None), Decimal(0))
                if parts and s != total:
                    self.problem(
                        r,
                        c,
                        f"summary row gives {format_number(total)} but the rows above "
                        f"add up to {format_number(s)}",
                    )

    # -- cells of a data row
    def number(self, r: int, c: int, label: str) -> Decimal | None:
        """A numeric cell; blank is None; bad text rejects the row with the parser's reason."""
        v = self.data.at[r, c]
        t = cell_text(v)
        if not t:
            return None
        try:
            return cell_number(v)
        except NumberFormatError as err:
            self.reject(r, c, f"{label}: {err}")
            return None

    def count(self, r: int, c: int, label: str) -> int | None:
        """A whole, not negative number; anything else rejects the row."""
        x = self.number(r, c, label)
        if x is None:
            return None
        if x < 0:
            self.reject(r, c, f"{label} {format_number(x)} is negative")
            return None
        if x != x.to_integral_value():
            self.reject(r, c, f"{label} {format_number(x)} is not a whole number")
            return None
        return int(x)

    def amount(self, r: int, c: int, level: str, label: str, limits: dict[str, int]) -> int | None:
        """Money in đồng: the cell times its unit; negative, fractional-đồng or implausible
        amounts (above ``limits`` for the area level) reject the row."""
        x = self.number(r, c, label)
        if x is None:
            return None
        unit = self.unit_of(c)
        if unit is None:
            self.reject(
                r,
                c,
                "money unit not stated (write 'Đơn vị: triệu đồng' or put it in the "
                "header), or pass --unit",
                report=False,
            )
            return None
        vnd = x * unit
        if vnd < 0:
            self.reject(r, c, f"{label}: negative amount {format_number(x)}")
            return None
        if vnd != vnd.to_integral_value():
            self.reject(r, c, f"{label}: {format_number(x)} is not a whole number of đồng")
            return None
        limit = limits.get(level, limits["province"])
        if vnd > limit:
            self.reject(
                r,
                c,
                f"{label}: {vnd_text(int(vnd))} is implausible for one {level} "
                f"(more than {vnd_text(limit)}); check the unit",
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
            v = self.data.at[r, col]
            t = cell_text(v)
            if not t:
                if stated is None:
                    self.reject(r, col, "year is blank")
                continue
            try:
                y = int(cell_number(v))
            except (NumberFormatError, ValueError):
                self.reject(r, col, f"{t!r} is not a year")
                continue
            if not 1990 <= y <= 2100:
                self.reject(r, col, f"year {y} is out of range (1990–2100)")
                continue
            years[r] = y
        return years

    def years_or_reject(self, sheet_named: bool = False) -> pd.Series | None:
        """The year of every data row; when no year is stated anywhere, one problem on the
        header row and every row rejected (None). ``sheet_named``: the kind also takes the
        year from a sheet named after it, and the message says so."""
        years = self._year_column(self.data.index)
        if years is None:
            where = (
                "'Năm' column, 'Năm: 2024' above the header, a sheet named 2024,"
                if sheet_named
                else "'Năm' column or 'Năm: 2024' above the header,"
            )
            self.problem(
                self.layout.header_row, None, f"year not stated: add a {where} or pass --year"
            )
            self.reject_all(list(self.data.index), "year not stated")
        return years


def _shown(key: str, value: object) -> str:
    """A stated value as a message shows it (a money multiplier by its unit's name)."""
    if key == "unit":
        names = {t.value: t.label_vi for t in vocabulary.terms("money_units")}
        return names.get(value, str(value))  # type: ignore[call-overload]
    return str(value)
