"""Plain-text tables whose columns are aligned with spaces, rewritten as tab-separated rows.

Text pulled out of a PDF or typed in a plain editor prints a table as lines whose cells are
separated by runs of spaces::

    TT  Huyện        Số xã   Đạt chuẩn NTM   Tỷ lệ (%)
    1   Gio Linh     12      12              100

Such a line alone cannot be told from prose justified with wide spaces; a run of them can: at
least `MIN_ROWS` consecutive lines that split, at two or more spaces, into the same number of
cells (three or more, none long), at least one of them holding a cell that is only a figure.
Those lines are passed on with their cells joined by tabs, the form `tablerows` reads; every
other line is passed on unchanged. A header's second line fills only some columns and starts
indented (``(triệu đồng)`` under two money columns): an indented line, before any row of
figures, whose pieces each start under a cell of the table's first line is read as a row of
that width, its other cells empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ntm_analysis.sources.reports.reading import Line

MIN_ROWS = 2
MIN_CELLS = 3
MAX_CELL = 60  # characters: a longer piece is prose, not a cell
_GAP = re.compile(r" {2,}")
_FIGURE = re.compile(r"^[\d.,/%()\s]*\d[\d.,/%()\s]*$")
_SENTENCE_END = re.compile(r"[.:;!?]\s*$")


def aligned_cells(text: str) -> list[str] | None:
    """The cells of a line that could be a space-aligned table row, or None.

    >>> aligned_cells("1   Gio Linh     12      12              100")
    ['1', 'Gio Linh', '12', '12', '100']
    >>> aligned_cells("Năm 2023 toàn tỉnh  có thêm 3 xã.") is None
    True
    """
    if "\t" in text or "|" in text or _SENTENCE_END.search(text):
        return None
    parts = _GAP.split(text.strip())
    if len(parts) < MIN_CELLS or any(len(p) > MAX_CELL for p in parts):
        return None
    return parts


def _starts(text: str) -> list[tuple[int, str]]:
    """Each piece of a line split at two or more spaces, with the column it starts at."""
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", text)]


ALIGN_SLACK = 2  # characters a piece may start off the column above


def under_cells(text: str, above: str) -> list[str] | None:
    """The cells of an indented line whose pieces start under cells of the line above, the
    cells it leaves blank empty; None when it is not such a line.

    >>> under_cells("         (triệu đồng)   (ha)", "Nguồn    Vốn giao       Diện tích")
    ['', '(triệu đồng)', '(ha)']
    """
    if not text.startswith("  ") or "\t" in text or "|" in text:
        return None
    cols = _starts(above)
    out = [""] * len(cols)
    for at, piece in _starts(text):
        near = [i for i, (start, _) in enumerate(cols) if abs(start - at) <= ALIGN_SLACK]
        if len(near) != 1 or out[near[0]] or len(piece) > MAX_CELL:
            return None
        out[near[0]] = piece
    return out if len(cols) >= MIN_CELLS and any(out) else None


def _has_figures(run: list[tuple[Line, list[str]]]) -> bool:
    return any(_FIGURE.match(cell) for _, c in run for cell in c)


def _joined(row: list[str]) -> str:
    """A row's cells joined by tabs; by pipes when its first cell is empty (a line's leading
    tab does not survive the sentence reader)."""
    return f"| {' | '.join(row)} |" if not row[0] else "\t".join(row)


def _rewrite(run: list[tuple[Line, list[str]]]) -> list[Line]:
    """A run of candidate rows: as tab rows when it is a table, else as it was."""
    widths = {len(c) for _, c in run}
    figures = _has_figures(run)
    if len(run) >= MIN_ROWS and len(widths) == 1 and figures:
        return [Line(ln.no, _joined(c), ln.page) for ln, c in run]
    return [ln for ln, _ in run]


def tab_aligned(lines: Iterable[Line]) -> Iterator[Line]:
    """The lines, a space-aligned table's rows rewritten with tabs between their cells."""
    run: list[tuple[Line, list[str]]] = []
    for ln in lines:
        c = aligned_cells(ln.text)
        if run and (c is None or len(c) != len(run[-1][1])) and not _has_figures(run):
            c = under_cells(ln.text, run[0][0].text) or c
        if c is not None and (not run or len(c) == len(run[-1][1])):
            run.append((ln, c))
            continue
        yield from _rewrite(run)
        run = [(ln, c)] if c is not None else []
        if c is None:
            yield ln
    yield from _rewrite(run)
