"""Summary rows ("Cộng", "Tổng số", "Toàn tỉnh") and headings with figures, checked against
the rows they sum, column by column; never read as data.

A summary row is said to be checked (its reject reason says so) only when one of its figures
was compared; a figure that is a formula without a saved value is reported like one in a data
row, and a row whose figures could not be compared gets a notice saying it was not checked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ntm_analysis.lexicon.numbers import NumberFormatError
from ntm_analysis.sources.sheets.cells import cell_number, cell_text, is_nil, status_of, tier_of
from ntm_analysis.sources.sheets.grids import Unsaved
from ntm_analysis.sources.sheets.messages import Figure, msg

if TYPE_CHECKING:
    from ntm_analysis.sources.sheets.sheet import Sheet


def scopes(sh: Sheet, r: int) -> list[list[int]]:
    """The data rows a summary or heading row may sum, most likely first."""
    rows = sorted(sh.data.index)
    marks = sorted([*sh.summary_rows, *sh.headings])
    prev = max((m for m in marks if m < r), default=-1)
    nxt = min((m for m in marks if m > r), default=None)
    below = [x for x in rows if x > r and (nxt is None or x < nxt)]
    if r in sh.headings:
        return [below]
    since = [x for x in rows if prev < x < r]
    above = [x for x in rows if x < r]
    if not above:
        return [[x for x in rows if x > r]]
    return [since, above] if since != above else [above]


def check_summary(sh: Sheet, cols: dict[int, str]) -> None:
    """Compare each summary row (and heading with figures) with the rows it sums, column
    by column: ``cols`` maps a column to ``sum`` (numbers), ``money`` (amounts in the
    column's unit, shown in đồng), ``met`` (criteria marks) or ``tier`` (communes at a tier:
    the count of rows whose tier is NTM or above, or of all rows)."""
    for r in sorted([*sh.summary_rows, *sh.headings]):
        for c in cols:
            v = sh.summary_data.at[r, c]
            if isinstance(v, Unsaved):
                sh.problem(r, c, msg("formula_unsaved", formula="=" + v.formula))
        found = [s for s in scopes(sh, r) if s]
        if not found:
            continue
        for c, how in cols.items():
            v = sh.summary_data.at[r, c]
            if not cell_text(v) or isinstance(v, Unsaved):
                continue
            try:
                total = cell_number(v)
            except NumberFormatError:
                continue
            sums = [_column_total(sh, s, c, how) for s in found]
            if all(s is None for s in sums):
                continue
            sh.checked.add(r)
            fits = [len(s) for s in found] if how == "tier" else []
            if any(s is None or s == total for s in sums) or total in fits:
                continue
            _summary_mismatch(sh, r, c, how, total, found[0], sums[0])


def unchecked_notices(sh: Sheet) -> None:
    """A summary row with figures none of which was compared: a notice that it was not
    checked (its reject reason says so too)."""
    values = [c for c, f in sh.layout.fields.items() if f not in ("commune", "district", "note")]
    for r in sh.summary_rows:
        if r in sh.checked:
            continue
        cells = [sh.summary_data.at[r, c] for c in values if c in sh.summary_data.columns]
        if any(cell_text(v) and not isinstance(v, Unsaved) for v in cells):
            sh.problem(r, None, msg("summary_not_checked"))


def _summary_mismatch(
    sh: Sheet, r: int, c: int, how: str, total: Decimal, scope: list[int], got: Decimal | None
) -> None:
    shown, first, last = _figure(sh, c, how, total), scope[0] + 1, scope[-1] + 1
    if how == "met":
        m = msg("summary_count_mismatch", total=shown, count=got, first=first, last=last)
    elif how == "tier":
        m = msg("summary_tier_mismatch", total=shown, count=got, n=len(scope))
    elif scope == [x for x in sorted(sh.data.index) if x < r]:
        m = msg("summary_mismatch", total=shown, sum=_figure(sh, c, how, got))
    else:
        got_shown = _figure(sh, c, how, got)
        m = msg("summary_mismatch_rows", total=shown, sum=got_shown, first=first, last=last)
    sh.problem(r, c, m)


def _figure(sh: Sheet, c: int, how: str, x: Decimal | None) -> Figure | str:
    """A sum as a message shows it: money in the column's unit, as its cells write it
    ("6.105 triệu đồng"), else the number."""
    if x is None:
        return ""
    return Figure(x, sh.unit_of(c) if how == "money" else None)


def _column_total(sh: Sheet, rows: list[int], c: int, how: str) -> Decimal | None:
    """Sum (or count of met marks, of communes at a tier) of column ``c`` over ``rows``;
    None if a cell is unreadable."""
    total = Decimal(0)
    for x in rows:
        v = sh.data.at[x, c]
        if isinstance(v, Unsaved):
            return None
        if how in ("met", "tier"):
            got = _mark(v, how)
            if got is None:
                return None
            total += got
            continue
        if not cell_text(v) or is_nil(cell_text(v)):
            continue
        try:
            total += cell_number(v)
        except NumberFormatError:
            return None
    return total


def _mark(v: object, how: str) -> int | None:
    """1 for a met mark or a tier of NTM or above, 0 for not met or none; None otherwise."""
    if how == "met":
        s = status_of(v)
        return None if s is None else int(s == "met")
    t = cell_text(v)
    if not t:
        return 0
    try:
        return int(tier_of(t) != "none")
    except ValueError:
        return None
