"""Spreadsheets in, header-located frames out: reading workbooks and recognising their layout.

Owns reading ``.xlsx``/``.xlsm``/``.xls``/``.ods`` (python-calamine) and ``.csv`` files into
cell grids with Excel coordinates, and finding in each sheet the header row(s), the optional
English note row under it, the title block above it (province, district, year, criteria set,
money unit, funding flow) and the kind of table the columns describe. Mapping the cells to
data-model rows, and judging their values, is left to `ingest`.

Recognised kinds (`KINDS`): ``criteria_status`` (one row per commune, one column per
criterion), ``commune_tiers`` (commune tier per year, long or wide), ``area_counts``
(province or district × year: communes total, NTM, advanced, model), ``funding`` (area ×
source category × year, wide or long) and ``works`` (works progress by area and works type).
Header words are compared folded (`textnorm.fold`), so diacritics are optional, and English
wordings are accepted beside the Vietnamese ones.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from ntm_analysis.lexicon import criteria
from ntm_analysis.lexicon.textnorm import fold, normalize

KINDS = ("criteria_status", "commune_tiers", "area_counts", "funding", "works")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
HEADER_SCAN_ROWS = 30
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SheetReadError(ValueError):
    """A file that cannot be read as a spreadsheet; the message says why."""


# ---------------------------------------------------------------------------- reading


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


# ---------------------------------------------------------------------------- header words

# (field, pattern on the folded header text). First hit wins, so specific wordings come first.
# A field may carry a parameter after ":" (criterion number, year, money category, measure).
_COMMON = [
    ("stt", r"(stt|tt|so tt|so thu tu|no|nr|number|#)?"),
    ("note", r"(ghi chu|note|notes|remarks?)( .*)?"),
    ("unit_code", r"(ma|ma so|ma xa|ma don vi|ma dvhc|code|commune code|unit code)"),
    ("criteria_set", r"(bo tieu chi|criteria set)"),
    ("year", r"(nam|year|nam danh gia|nam cong nhan|nam bao cao|reporting year)"),
]
_AREA = [
    ("province", r"(ten )?(tinh|tinh thanh pho|tinh tp|province|province city)( .*)?"),
    ("district", r"(ten )?(huyen|quan huyen|huyen thi xa|huyen thi xa thanh pho|district)( .*)?"),
    (
        "commune",
        r"(ten )?(xa|xa phuong|xa phuong thi tran|phuong xa|commune|ward|commune ward)"
        r"( .*)?|don vi hanh chinh cap xa|don vi cap xa",
    ),
]
_COUNTS = [
    ("count:communes_total", r"(tong so xa|so xa|tong so|total communes|communes total|total)"),
    ("count:communes_model", r".*(kieu mau|model).*"),
    ("count:communes_advanced", r".*(nang cao|advanced).*"),
    ("count:communes_ntm", r".*(nong thon moi|ntm|dat chuan|new rural).*"),
]
_TIERS = [
    ("criteria_met", r"(so |tong so )?tieu chi dat|so tc dat|criteria met|number of criteria met"),
    ("decision", r".*(quyet dinh|decision).*"),
    ("model_field", r"(linh vuc|linh vuc kieu mau|model field|field)"),
    ("record_kind", r"(loai ban ghi|record kind|hinh thuc)"),
    (
        "tier",
        r"(muc dat chuan|muc do dat chuan|muc dat|hang|danh hieu|ket qua|xep loai|tier|status"
        r"|tier status|muc|trang thai)( .*)?",
    ),
    ("yearcol", r"(nam )?(year )?((19|20)\d\d)"),
]
_MONEY = [
    ("category:central_investment", r".*(trung uong|ntw|central).*(dau tu|investment).*"),
    (
        "category:central_recurrent",
        r".*(trung uong|ntw|central).*(su nghiep|thuong xuyen|recurr).*",
    ),
    (
        "category:central",
        r".*(ngan sach trung uong|ns trung uong|nstw|ns tw|central budget|central).*",
    ),
    ("category:provincial", r".*(ngan sach tinh|ns tinh|ngan sach thanh pho|provincial).*"),
    ("category:district", r".*(ngan sach huyen|ns huyen|district budget).*"),
    ("category:commune", r".*(ngan sach xa|ns xa|commune budget).*"),
    ("category:community", r".*(cong dong|nhan dan|dan gop|nguoi dan|community|residents).*"),
    ("category:credit", r".*(tin dung|credit|loan).*"),
    ("category:enterprise", r".*(doanh nghiep|enterprise|business).*"),
    ("category:other", r"(nguon )?(von )?(khac|other)( .*)?"),
    ("category:total", r"(tong|tong cong|tong so|cong|tong von|tong kinh phi|total)( .*)?"),
]
_MONEY_LONG = [
    ("source_category", r"(nguon von|nguon|source|source of funds|source category|funding source)"),
    ("flow", r"(loai von|flow|hinh thuc|trang thai von)"),
    ("period", r"(giai doan|ky|period|nam giai doan)"),
    ("amount", r"(so tien|kinh phi|gia tri|so von|von|amount|value)( .*)?"),
]
_WORKS = [
    ("works_type", r"(ten |loai )?(cong trinh|hang muc)( .*)?|works?( type)?|project( type)?"),
    ("works:works_completed", r"(so cong trinh |da )?hoan thanh( .*)?|completed|done"),
    (
        "works:works_in_progress",
        r"(dang thi cong|dang trien khai|dang thuc hien|in progress|under construction)( .*)?",
    ),
    (
        "works:works_planned",
        r"(ke hoach|so cong trinh ke hoach|tong so cong trinh|planned|plan)( .*)?",
    ),
    ("works:progress_pct", r"(tien do|ty le hoan thanh|ti le hoan thanh|progress)( .*)?"),
    ("works:length_km", r"(chieu dai|length)( .*)?"),
    ("works:value", r"(gia tri|kinh phi|von|value|cost)( .*)?"),
]
_CRITERION = re.compile(
    r"(?:(?:cac|ket qua|muc do dat|danh gia) )?"
    r"(?:tc|tieu chi|tieu chi so|tc so|criterion|criteria|criterion no|c)\s*(\d{1,2})(?: .*)?"
    r"|(\d{1,2})(?: [a-z].*)?"
)

_KIND_FIELDS = {
    "criteria_status": _COMMON + _AREA,
    "commune_tiers": _COMMON + _TIERS + _AREA,
    "area_counts": _COMMON + _COUNTS + _AREA,
    "funding": _COMMON + _MONEY + _MONEY_LONG + _AREA,
    "works": _COMMON + _WORKS + _AREA,
}
_COMPILED = {k: [(f, re.compile(p)) for f, p in v] for k, v in _KIND_FIELDS.items()}


def header_field(text: str, kind: str) -> str | None:
    """The field a (folded) header text names in a table of ``kind``, or None.

    >>> header_field("ten xa", "criteria_status")
    'commune'
    >>> header_field("so xa dat chuan nong thon moi", "area_counts")
    'count:communes_ntm'
    >>> header_field("tieu chi 14 y te", "criteria_status")
    'criterion:14'
    """
    if not text:
        return None
    if kind == "criteria_status":
        m = _CRITERION.fullmatch(text)
        if m:
            return f"criterion:{int(m.group(1) or m.group(2))}"
    for name, pat in _COMPILED[kind]:
        m = pat.fullmatch(text)
        if m:
            if name == "yearcol":
                return f"yearcol:{m.group(3)}"
            return name
    return None


# ---------------------------------------------------------------------------- context words

_MONEY_UNITS = [
    (re.compile(r"\b(ty dong|ti dong|ty vnd|ty|billion vnd|bn vnd|vnd bn|billion dong)\b"), 10**9),
    (
        re.compile(r"\b(trieu dong|trieu vnd|trieu|tr d|trd|million vnd|mn vnd|vnd mn|million)\b"),
        10**6,
    ),
    (re.compile(r"\b(nghin dong|ngan dong|nghin|thousand vnd)\b"), 10**3),
    (re.compile(r"(?<!huy )(?<!cong )(?<!nong )\b(dong|vnd)\b"), 1),
]
_FLOWS = [
    (re.compile(r"\b(giai ngan|disburs\w*|da chi)\b"), "disbursed"),
    (re.compile(r"\b(huy dong|mobili[sz]\w*)\b"), "mobilised"),
    (re.compile(r"\b(ke hoach|du kien|planned|plan)\b"), "planned"),
    (re.compile(r"\b(phan bo|duoc giao|giao von|bo tri|allocat\w*)\b"), "allocated"),
]
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
_SET_ID = re.compile(r"\b(commune|district|village)_[a-z0-9_]+\b")
_LABELS = {
    "province": ("tinh", "tinh thanh pho", "thanh pho", "province", "ten tinh"),
    "district": ("huyen", "quan huyen", "huyen thi xa thanh pho", "district", "ten huyen"),
    "year": ("nam", "year", "nam bao cao", "nam danh gia"),
    "criteria_set": ("bo tieu chi", "criteria set", "tieu chi"),
    "unit": ("don vi", "don vi tinh", "dvt", "unit", "units"),
    "flow": ("loai von", "flow"),
}


def money_unit(text: str) -> int | None:
    """The money multiplier a text states (tỷ đồng → 10**9), or None.

    >>> money_unit("Đơn vị tính: triệu đồng"), money_unit("(billion VND)"), money_unit("Xã")
    (1000000, 1000000000, None)
    """
    key = fold(text)
    for pat, mult in _MONEY_UNITS:
        if pat.search(key):
            return mult
    return None


def flow_word(text: str) -> str | None:
    """The funding flow a title or note states (giải ngân → disbursed), or None."""
    key = fold(text)
    for pat, flow in _FLOWS:
        if pat.search(key):
            return flow
    return None


def criteria_set_of(text: str) -> str | None:
    """The criteria set a title or note names, or None.

    >>> criteria_set_of("Bộ tiêu chí xã NTM nâng cao giai đoạn 2021-2025")
    'commune_advanced_2021_2025'
    >>> criteria_set_of("Bo tieu chi: commune_ntm_2021_2025")
    'commune_ntm_2021_2025'
    """
    raw = normalize(text).lower()
    m = _SET_ID.search(raw)
    if m and m.group(0) in set(criteria.known_sets()):
        return m.group(0)
    key = fold(text)
    if not re.search(r"\b(tieu chi|criteria)\b", key):
        return None
    if re.search(r"\b(xa|commune)\b", key) or "nong thon moi" in key or "ntm" in key:
        if "2026" in key:
            return "commune_ntm_2026_2030"
        if "nang cao" in key or "advanced" in key:
            return "commune_advanced_2021_2025"
        if "kieu mau" in key or "model" in key:
            return None
        return "commune_ntm_2021_2025"
    return None


@dataclass
class Stated:
    """A value stated in the title block, a note row or the sheet name, and where."""

    value: object
    row: int | None  # 0-based; None for the sheet name
    col: int | None


def _label_value(text: str) -> tuple[str, str] | None:
    """Split "Label: value" (or "Label - value") into folded label and value text."""
    m = re.match(r"^\(?\s*([^:：]{1,40}?)\s*[:：]\s*(.+?)\s*\)?$", text)
    if not m:
        return None
    return fold(m.group(1)), m.group(2).strip()


def read_context(texts: list[tuple[int, int, str]], sheet: str) -> dict[str, list[Stated]]:
    """What the title block / note texts and the sheet name state: province, district, year,
    period, criteria set, money unit, flow. Each key maps to every statement found."""
    out: dict[str, list[Stated]] = {}

    def add(key: str, value: object, r: int | None, c: int | None) -> None:
        out.setdefault(key, []).append(Stated(value, r, c))

    for r, c, text in texts:
        text = normalize(text)
        lv = _label_value(text)
        label = lv[0] if lv else ""
        value = lv[1] if lv else text
        if lv and label in _LABELS["province"]:
            add("province", value, r, c)
            continue
        if lv and label in _LABELS["district"]:
            add("district", value, r, c)
            continue
        unit = money_unit(text)
        if unit is not None:
            add("unit", unit, r, c)
        cs = criteria_set_of(text)
        if cs:
            add("criteria_set", cs, r, c)
        flow = flow_word(text)
        if flow:
            add("flow", flow, r, c)
        if lv and label in _LABELS["year"] and _YEAR.fullmatch(value.strip()):
            add("year", int(value.strip()), r, c)
        elif not cs:
            p = _PERIOD.search(text)
            if p:
                add("period", f"{p.group(1)}-{p.group(2)}", r, c)
            else:
                ys = _YEAR.findall(text)
                if len(ys) == 1 and re.search(r"\b(nam|year)\b", fold(text)):
                    add("year", int(ys[0]), r, c)
    m = re.fullmatch(r"(?:nam |year )?((?:19|20)\d\d)", fold(sheet))
    if m:
        add("year", int(m.group(1)), None, None)
    return out


# ---------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """Where a sheet's table is and what its columns mean.

    ``header_rows`` and ``first_data_row`` are 0-based grid rows; ``fields`` maps a 0-based
    column to its field (``commune``, ``criterion:14``, ``category:total``, …); ``headers``
    keeps the header text of every mapped column; ``unnamed`` lists header cells whose text
    was not recognised (left out of the table, reported by `ingest` for criteria sheets).
    """

    kind: str
    header_rows: tuple[int, ...]
    first_data_row: int
    fields: dict[int, str]
    headers: dict[int, str]
    unnamed: dict[int, str]
    context: dict[str, list[Stated]]
    column_units: dict[int, int]

    @property
    def header_row(self) -> int:
        """The last header row (0-based): the row the column names are read from."""
        return self.header_rows[-1]


def _cell_text(v: object) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return normalize(str(v))


def _row_texts(rows: list[list[object]], r: int, width: int) -> list[str]:
    row = rows[r] if r < len(rows) else []
    return [_cell_text(row[c]) if c < len(row) else "" for c in range(width)]


def _fill_merged(
    texts: list[str], r: int, merged: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[str]:
    """Header texts of row ``r`` with each merged range's text copied across its columns."""
    out = list(texts)
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1:
            # merged cells: calamine puts the text at the top-left corner only
            return_text = None
            for c in range(c0, min(c1 + 1, len(out))):
                if out[c]:
                    return_text = out[c]
                    break
            if return_text:
                for c in range(c0, min(c1 + 1, len(out))):
                    out[c] = return_text
    return out


def _score(fields: dict[int, str], kind: str) -> int:
    vals = list(fields.values())
    names = {v.split(":")[0] for v in vals}
    n = len([v for v in vals if v not in ("stt", "note")])
    if kind == "criteria_status":
        crit = sum(v.startswith("criterion:") for v in vals)
        return n + 5 if crit >= 3 and "commune" in names else 0
    if kind == "commune_tiers":
        ok = "commune" in names and (
            "tier" in names or "yearcol" in names or "criteria_met" in names
        )
        return n + 3 if ok else 0
    if kind == "area_counts":
        ok = "count" in names and "commune" not in names and names & {"province", "district"}
        return n + 3 if ok else 0
    if kind == "funding":
        wide = "category" in names
        long = {"source_category", "amount"} <= names
        return n + 3 if (wide or long) and names & {"province", "district", "commune"} else 0
    if kind == "works":
        return n + 3 if "works_type" in names and "works" in names else 0
    return 0


def _fields_of(texts: list[str], kind: str) -> tuple[dict[int, str], dict[int, str]]:
    fields, unnamed = {}, {}
    for c, t in enumerate(texts):
        if not t:
            continue
        f = header_field(fold(t), kind)
        if f is None:
            unnamed[c] = t
        elif f != "stt":
            fields[c] = f
    # a field named twice keeps its first column (the second is reported as unnamed)
    seen: dict[str, int] = {}
    for c in sorted(fields):
        if fields[c] in seen:
            unnamed[c] = texts[c]
            del fields[c]
        else:
            seen[fields[c]] = c
    return fields, unnamed


def _combine(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: a merged parent cell's text before each child's text."""
    return [f"{u} {lo}".strip() if u != lo else u for u, lo in zip(upper, lower)]


def locate(grid: Grid) -> Layout | None:
    """Find the header of ``grid`` and recognise its kind; None when no known table is found.

    One-row and two-row headers are tried at each of the first `HEADER_SCAN_ROWS` rows; the
    reading with the most recognised columns wins (ties: the earlier and simpler one).
    """
    rows = grid.rows
    if not rows:
        return None
    width = max((len(r) for r in rows[: HEADER_SCAN_ROWS + 2]), default=0)
    if width == 0:
        return None
    texts = [
        _fill_merged(_row_texts(rows, r, width), r, grid.merged)
        for r in range(min(len(rows), HEADER_SCAN_ROWS + 1))
    ]
    best: tuple[int, tuple[int, ...], str, dict[int, str], dict[int, str], list[str]] | None = None
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        if sum(bool(t) for t in texts[r]) < 2:
            continue
        candidates = [((r,), texts[r])]
        if r + 1 < len(texts):
            candidates.append(((r, r + 1), _combine(texts[r], texts[r + 1])))
        for hdr, htexts in candidates:
            for kind in KINDS:
                fields, unnamed = _fields_of(htexts, kind)
                s = _score(fields, kind)
                if s and (best is None or s > best[0]):
                    best = (s, hdr, kind, fields, unnamed, htexts)
    if best is None:
        return None
    _, hdr, kind, fields, unnamed, htexts = best
    first = hdr[-1] + 1
    note_texts: list[tuple[int, int, str]] = []
    # English note rows under the header: their cells are recognised as the same fields,
    # or the row starts with a note marker.
    while first < len(rows):
        t = _row_texts(rows, first, width)
        if not any(t):
            break
        nf, _ = _fields_of(t, kind)
        agree = sum(nf.get(c) == f for c, f in fields.items())
        filled = sum(bool(t[c]) for c in fields)
        lead = fold(next((x for x in t if x), ""))
        if (
            (filled and agree * 2 >= filled)
            or lead.startswith(("note", "ghi chu", "chu thich"))
            or (next((x for x in t if x), "").startswith("("))
        ):
            note_texts += [(first, c, x) for c, x in enumerate(t) if x]
            first += 1
        else:
            break
    title_texts = [
        (r, c, x) for r in range(hdr[0]) for c, x in enumerate(_row_texts(rows, r, width)) if x
    ]
    context = read_context(title_texts + note_texts, grid.sheet)
    column_units = {}
    for c in fields:
        parts = [htexts[c]] + [x for (r, cc, x) in note_texts if cc == c]
        for p in parts:
            u = money_unit(p) if kind in ("funding", "works") else None
            if u is not None:
                column_units[c] = u
                break
    headers = {c: htexts[c] for c in fields}
    return Layout(kind, hdr, first, fields, headers, unnamed, context, column_units)
