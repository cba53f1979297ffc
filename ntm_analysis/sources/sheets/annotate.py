"""An annotated copy of a checked workbook (``ntm check --xlsx OUT.xlsx``).

Every problem found at a cell is shown there: the cell is filled (orange for a problem,
light blue for a notice) and carries the message as a cell comment; a problem of a whole
row marks the row's first cell, and a problem of the sheet marks A1. A first sheet
("Lỗi"/"Problems") lists every problem with a link to its cell. An .xlsx/.xlsm file is
copied with its formatting; a CSV, .xls or .ods file is written as a new workbook holding
the cells as read.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import column_index_from_string
from openpyxl.workbook.workbook import Workbook as Book

from ntm_analysis.sources.sheets.grids import Unsaved, read_grids
from ntm_analysis.sources.sheets.results import Problem

ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
NOTICE_FILL = PatternFill("solid", fgColor="DDEBF7")
_TITLES = {
    "vi": ("Lỗi", ["Trang tính", "Dòng", "Cột", "Loại", "Nội dung"], "lỗi", "lưu ý"),
    "en": ("Problems", ["Sheet", "Row", "Column", "Kind", "Message"], "problem", "notice"),
}


def _copy(path: Path) -> Book:
    """The workbook to annotate: the file itself when openpyxl can open it, else its cells."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            return load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
        except Exception:
            pass
    wb = Workbook()
    wb.remove(wb.active)
    for grid in read_grids(path):
        ws = wb.create_sheet(grid.sheet if grid.sheet != "-" else path.stem[:31])
        for row in grid.rows:
            ws.append([str(v) if isinstance(v, Unsaved) else v for v in row])
    return wb


def _sheet_name(wb: Book, problem: Problem, path: Path) -> str | None:
    if problem.sheet in wb.sheetnames:
        return problem.sheet
    if problem.sheet == "-" and wb.sheetnames:
        return wb.sheetnames[0]
    return None


def write_annotated(path: str | Path, problems: list[Problem], out: str | Path, lang: str) -> Path:
    """Write ``out``: a copy of the workbook at ``path`` with each of ``problems`` (those of
    this file) highlighted at its cell with its message as a comment."""
    path, out = Path(path), Path(out)
    wb = _copy(path)
    title, head, kind_error, kind_notice = _TITLES[lang]
    # a comment lives on the top-left cell of a merged range: a problem of another cell of
    # the range ("8:W" in W7:W8) is put there with its own cell named
    notes: dict[tuple[str, int, int], list[tuple[str, Problem]]] = {}
    for p in problems:
        name = _sheet_name(wb, p, path)
        if name is None:
            continue
        row = p.row or 1
        col = column_index_from_string(p.column) if p.column else 1
        at, ref = (row, col), ""
        for rng in wb[name].merged_cells.ranges:
            if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
                at = (rng.min_row, rng.min_col)
                ref = f"{p.column or 'A'}{row}: " if at != (row, col) else ""
                break
        notes.setdefault((name, *at), []).append((ref, p))
    for (name, row, col), ps in notes.items():
        cell = wb[name].cell(row, col)
        cell.fill = ERROR_FILL if any(not p.is_notice for _, p in ps) else NOTICE_FILL
        text = "\n".join(f"• {ref}{p.text(lang)}" for ref, p in ps)
        cell.comment = Comment(text, "ntm check", width=420, height=min(60 + 40 * len(ps), 400))
    ws = wb.create_sheet(title, 0)
    ws.append(head)
    for c in ws[1]:
        c.font = Font(bold=True)
    for p in problems:
        ws.append(
            [p.sheet, p.row, p.column, kind_notice if p.is_notice else kind_error, p.text(lang)]
        )
        name = _sheet_name(wb, p, path)
        if name is not None:
            ref = f"{p.column or 'A'}{p.row or 1}"
            ws.cell(ws.max_row, 1).hyperlink = f"#'{name}'!{ref}"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["E"].width = 110
    wb.active = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
