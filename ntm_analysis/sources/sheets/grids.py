"""Spreadsheet files into cell grids: ``.xlsx``/``.xlsm``/``.xls``/``.xlsb``/``.ods`` through
python-calamine and ``.csv`` through the csv module, after sniffing the first bytes so that a
renamed, empty, corrupt or password-protected file gets a plain reason (`SheetReadError`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from ntm_analysis.lexicon.textnorm import normalize

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SheetReadError(ValueError):
    """A file that cannot be read as a spreadsheet; the message says why."""


@dataclass
class Grid:
    """The cells of one sheet from A1 (row 0 is Excel row 1), with its merged ranges."""

    sheet: str  # "-" for CSV
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def column_letter(col: int) -> str:
    """Excel letters of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    out = ""
    n = col + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _sniff(path: Path) -> str:
    """'zip', 'ole', 'encrypted', 'csv' or 'unknown' from the first bytes of the file."""
    with path.open("rb") as fh:
        head = fh.read(8)
        if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
            return "zip"
        if head == _OLE:
            blob = head + fh.read()
            if "EncryptedPackage".encode("utf-16-le") in blob:
                return "encrypted"
            return "ole"
        rest = head + fh.read(4096)
    if b"\x00" in rest:
        return "unknown"
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(rest) - 4:  # not just a character cut at the 4 KiB boundary
            return "unknown"
    return "csv"


def _read_csv(path: Path) -> list[Grid]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise SheetReadError(
            f"not UTF-8 text ({err.reason} at byte {err.start}); save the CSV as UTF-8"
        ) from err
    head = text[:8192]
    delimiter = max(",;\t", key=lambda d: (head.count(d), d == ","))
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return [Grid("-", rows)]


def read_grids(path: str | Path) -> list[Grid]:
    """Every sheet of a workbook (or the one table of a CSV) as a grid of cell values.

    Cell values are what calamine returns (str, float, int, bool, date/time); blanks are "".

    Raises:
        SheetReadError: missing file, not a spreadsheet, corrupt or password-protected.
    """
    path = Path(path)
    if not path.is_file():
        raise SheetReadError("no such file")
    kind = _sniff(path)
    suffix = path.suffix.lower()
    if kind == "encrypted":
        raise SheetReadError("workbook is password-protected; save an unprotected copy")
    if kind == "csv" and suffix not in SPREADSHEET_SUFFIXES:
        return _read_csv(path)
    if kind == "unknown" or (kind == "csv" and suffix in SPREADSHEET_SUFFIXES):
        if path.stat().st_size == 0:
            raise SheetReadError("file is empty")
        if suffix in (".csv", ".txt", ".tsv"):
            raise SheetReadError("not UTF-8 text; save the CSV as UTF-8 (Excel: CSV UTF-8)")
        raise SheetReadError("not a spreadsheet (expected .xlsx, .xls or .csv)")
    if kind == "zip" and suffix != ".ods":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as err:
            raise SheetReadError(f"corrupt workbook ({err})") from err
        if "[Content_Types].xml" not in names and "mimetype" not in names:
            raise SheetReadError("not a spreadsheet (a zip archive without a workbook)")
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        grids = []
        for meta in wb.sheets_metadata:
            if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
            grids.append(Grid(meta.name, rows, merged))
        wb.close()
    except pc.PasswordError as err:
        raise SheetReadError("workbook is password-protected; save an unprotected copy") from err
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as err:
        raise SheetReadError(f"corrupt workbook ({_short_error(err)})") from err
    return grids


def _short_error(err: Exception) -> str:
    text = normalize(str(err)) or type(err).__name__
    return text if len(text) <= 120 else text[:117] + "..."
