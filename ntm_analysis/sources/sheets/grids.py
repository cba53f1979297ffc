"""Spreadsheet files into cell grids: ``.xlsx``/``.xlsm``/``.xls``/``.xlsb``/``.ods`` through
python-calamine and ``.csv`` through the csv module, after sniffing the first bytes so that a
renamed, empty, corrupt, oversized or password-protected file gets a plain reason
(`SheetReadError`).

For ``.xlsx``/``.xlsm`` the sheet parts are also scanned (as bytes, without parsing every
cell) for what calamine does not say: rows hidden in Excel, and formula cells without a
saved value (a workbook written by a program, or never recalculated), which calamine would
give as blank. Such a cell is an `Unsaved` in the grid, never a blank.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from ntm_analysis.lexicon.textnorm import normalize
from ntm_analysis.sources.limits import InputTooLarge, check_archive
from ntm_analysis.sources.sheets.messages import Msg, msg

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV_CELL_LIMIT = 128 * 1024  # characters in one CSV cell (the csv module's own limit)
CSV_FILE_LIMIT = 512 * 2**20  # bytes of one CSV file


class SheetReadError(ValueError):
    """A file that cannot be read as a spreadsheet; ``msg`` says why."""

    def __init__(self, message: Msg):
        super().__init__(message.render("en"))
        self.msg = message


@dataclass(frozen=True)
class Unsaved:
    """A formula cell whose workbook holds no value for it (never read as blank)."""

    formula: str

    def __str__(self) -> str:
        return "=" + self.formula


@dataclass
class Grid:
    """The cells of one sheet from A1 (row 0 is Excel row 1), with its merged ranges, whether
    Excel hides it, and its hidden rows (0-based)."""

    sheet: str  # "-" for CSV
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False
    hidden_rows: list[int] = field(default_factory=list)
    unsaved: int = 0  # formula cells without a saved value
    hidden_cols: list[int] = field(default_factory=list)  # 0-based


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
    if path.stat().st_size > CSV_FILE_LIMIT:
        raise SheetReadError(msg("csv_too_large", limit=CSV_FILE_LIMIT // 2**20))
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise SheetReadError(msg("not_utf8_at", reason=err.reason, start=err.start)) from err
    if not content.strip():
        raise SheetReadError(msg("file_empty"))
    head = content[:8192]
    delimiter = max(",;\t", key=lambda d: (head.count(d), d == ","))
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        rows = [list(r) for r in reader]
    except csv.Error as err:
        raise SheetReadError(
            msg(
                "csv_cell_too_long",
                line=reader.line_num,
                reason=str(err),
                limit=CSV_CELL_LIMIT // 1024,
            )
        ) from err
    return [Grid("-", rows)]


_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_COL = re.compile(rb"<col\b[^>]*>")
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v\b[^>]*?(?:/>|>(.*?)</v>)", re.S)


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _hidden_cols(data: bytes) -> list[int]:
    """Hidden columns (0-based) of one sheet part (``<col min max hidden="1">``)."""
    out: list[int] = []
    for m in _COL.finditer(data):
        tag = m.group(0)
        lo, hi = re.search(rb'\bmin="(\d+)"', tag), re.search(rb'\bmax="(\d+)"', tag)
        if re.search(rb'\bhidden="(?:1|true)"', tag) and lo and hi:
            out += range(int(lo.group(1)) - 1, min(int(hi.group(1)), 16384))
    return out


def _scan_part(data: bytes) -> tuple[list[int], dict[tuple[int, int], str], list[int]]:
    """Hidden rows (0-based), formula cells without a saved value and hidden columns
    (0-based) in one sheet part."""
    hidden = [int(m.group(1)) - 1 for m in _ROW_HIDDEN.finditer(data)] if b"hidden=" in data else []
    cols = _hidden_cols(data) if b"hidden=" in data else []
    unsaved: dict[tuple[int, int], str] = {}
    if b"<f" not in data:
        return hidden, unsaved, cols
    for m in _CELL.finditer(data):
        body = m.group(2) or b""
        f = _FORMULA.search(body)
        if f is None:
            continue
        v = _VALUE.search(body)
        is_text = b't="str"' in m.group(1)
        if v is not None and (v.group(1) or is_text):
            continue
        ref = _REF.search(m.group(1))
        if ref is None:
            continue
        formula = _xml_text(f.group(1) or b"")
        unsaved[(int(ref.group(2)) - 1, _column_index(ref.group(1).decode()))] = (
            formula or "(shared formula)"
        )
    return hidden, unsaved, cols


def _xlsx_parts(path: Path) -> dict[str, tuple]:
    """Sheet name → (hidden rows, unsaved formulas, hidden columns) of an .xlsx workbook."""
    out: dict[str, tuple] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            book = zf.read("xl/workbook.xml")
            rels = zf.read("xl/_rels/workbook.xml.rels")
            targets: dict[bytes, str] = {}
            for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
                rid = re.search(rb'\bId="([^"]+)"', rel.group(0))
                tgt = re.search(rb'\bTarget="([^"]+)"', rel.group(0))
                if rid and tgt:
                    t = tgt.group(1).decode()
                    targets[rid.group(1)] = t.lstrip("/") if t.startswith("/") else "xl/" + t
            for sh in re.finditer(rb"<sheet\b[^>]*>", book):
                name = re.search(rb'\bname="([^"]*)"', sh.group(0))
                rid = re.search(rb'\br:id="([^"]+)"', sh.group(0))
                if not (name and rid) or rid.group(1) not in targets:
                    continue
                part = targets[rid.group(1)]
                if part in zf.namelist():
                    key = _xml_text(name.group(1))
                    out[key] = _scan_part(zf.read(part))
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    return out


def _xml_text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace"))


def _mark_unsaved(rows: list[list[object]], unsaved: dict[tuple[int, int], str]) -> None:
    for (r, c), formula in unsaved.items():
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        if len(row) <= c:
            row.extend([""] * (c + 1 - len(row)))
        if row[c] == "" or row[c] is None:
            row[c] = Unsaved(formula)


def read_grids(path: str | Path) -> list[Grid]:
    """Every sheet of a workbook (or the one table of a CSV) as a grid of cell values.

    Cell values are what calamine returns (str, float, int, bool, date/time); blanks are "".

    Raises:
        SheetReadError: missing file, not a spreadsheet, corrupt or password-protected.
    """
    path = Path(path)
    if not path.is_file():
        raise SheetReadError(msg("no_such_file"))
    kind = _sniff(path)
    suffix = path.suffix.lower()
    if kind == "encrypted":
        raise SheetReadError(msg("password"))
    if path.stat().st_size == 0:
        raise SheetReadError(msg("file_empty"))
    if kind == "csv" and suffix not in SPREADSHEET_SUFFIXES:
        return _read_csv(path)
    if kind == "unknown" or (kind == "csv" and suffix in SPREADSHEET_SUFFIXES):
        if suffix in (".csv", ".txt", ".tsv"):
            raise SheetReadError(msg("not_utf8"))
        raise SheetReadError(msg("not_spreadsheet"))
    parts: dict[str, tuple] = {}
    if kind == "zip" and suffix != ".ods":
        _check_zip(path)
        parts = _xlsx_parts(path)
    return _read_book(path, parts)


def _check_zip(path: Path) -> None:
    """A zip that is no workbook, or that unpacks past the limit, raises `SheetReadError`."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile as err:
        raise SheetReadError(msg("corrupt", reason=str(err))) from err
    if "[Content_Types].xml" not in names and "mimetype" not in names:
        raise SheetReadError(msg("zip_without_workbook"))
    try:
        check_archive(path, "spreadsheet")
    except InputTooLarge as err:
        raise SheetReadError(msg("archive_too_large", reason=str(err))) from err


def _read_book(path: Path, parts: dict) -> list[Grid]:
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        grids = []
        for meta in wb.sheets_metadata:
            if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
            hidden_rows, unsaved, cols = parts.get(meta.name, ([], {}, []))
            if unsaved:
                _mark_unsaved(rows, unsaved)
            hidden = not str(meta.visible).endswith("Visible")
            grid = Grid(meta.name, rows, merged, hidden, sorted(hidden_rows), len(unsaved), cols)
            grids.append(grid)
        wb.close()
    except pc.PasswordError as err:
        raise SheetReadError(msg("password")) from err
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as err:
        raise SheetReadError(msg("corrupt", reason=_short_error(err))) from err
    return grids


def _short_error(err: Exception) -> str:
    text = normalize(str(err)) or type(err).__name__
    return text if len(text) <= 120 else text[:117] + "..."
