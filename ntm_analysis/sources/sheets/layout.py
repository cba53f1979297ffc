"""Where a sheet's table is and what its columns mean: header rows, note rows, title block.

`locate` finds the header row (one row, or two rows under merged parent cells) in the first
`HEADER_SCAN_ROWS` rows, the kind of table its columns describe (`kinds.KINDS`), the optional
English note row under it, and what the title block, the note rows and the sheet name state
(`read_context`: province, district, year, period, criteria set, money unit, funding flow).
Header words are compared folded, so diacritics are optional, and English wordings are
accepted beside the Vietnamese ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ntm_analysis.lexicon import criteria, vocabulary
from ntm_analysis.lexicon.textnorm import fold, normalize
from ntm_analysis.sources.sheets.grids import Grid
from ntm_analysis.sources.sheets.kinds import KINDS

HEADER_SCAN_ROWS = 30


@lru_cache(maxsize=65536)
def header_field(text: str, kind: str) -> str | None:
    """The field a header text names in a table of ``kind``, or None.

    >>> header_field("Tên xã", "criteria_status")
    'commune'
    >>> header_field("Số xã đạt chuẩn nông thôn mới", "area_counts")
    'count:communes_ntm'
    >>> header_field("Tiêu chí 14 Y tế", "criteria_status")
    'criterion:14'
    """
    key = fold(text)
    if not key:
        return None
    for words in KINDS[kind].headers:
        found = words(text, key)
        if found:
            return found
    return None


# ---------------------------------------------------------------------------- context words

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?!\d)")
_SET_ID = re.compile(r"\b(commune|district|village)_[a-z0-9_]+\b")
_LABELS = {
    "province": ("tinh", "tinh thanh pho", "thanh pho", "province", "ten tinh"),
    "district": ("huyen", "quan huyen", "huyen thi xa thanh pho", "district", "ten huyen"),
    "year": ("nam", "year", "nam bao cao", "nam danh gia"),
}
_COUNCIL = re.compile(r"^(?:UBND|" + vocabulary.spelling_pattern("ủy ban nhân dân") + r")\s+", re.I)


def money_unit(text: str) -> int | None:
    """The money multiplier a text states (tỷ đồng → 10**9), or None.

    The unit words are the vocabulary's (`vocabulary.money_unit_of`), matched with their
    diacritics, so "Nhân dân đóng góp" names a source of funds, not the unit đồng.

    >>> money_unit("Đơn vị tính: triệu đồng"), money_unit("(billion VND)"), money_unit("Xã")
    (1000000, 1000000000, None)
    >>> money_unit("Nhân dân đóng góp"), money_unit("Nhan dan dong gop")
    (None, None)
    """
    key = vocabulary.money_unit_of(text)
    return None if key is None else vocabulary.multiplier(key)


def flow_word(text: str) -> str | None:
    """The funding flow a title, note or cell states (giải ngân → disbursed), or None.

    >>> flow_word("Loại vốn: giải ngân"), flow_word("Nhân dân đóng góp")
    ('disbursed', None)
    """
    return vocabulary.flow_of(text)


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
    named = {f.key for f in vocabulary.scan(text, ("tiers",))}
    if not (re.search(r"\b(xa|commune)\b", key) or "ntm" in named):
        return None
    if "2026" in key:
        return "commune_ntm_2026_2030"
    tier = vocabulary.tier_of(text)
    if tier == "model":
        return None
    return "commune_advanced_2021_2025" if tier == "advanced" else "commune_ntm_2021_2025"


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


@lru_cache(maxsize=1)
def _title_types() -> dict[str, str]:
    """Unit types that make a title line an area, folded ("tinh", "huyen", "thi xa") → level.

    A type of both levels ("Thành phố") does not say which, so it is left out."""
    out: dict[str, str] = {}
    for level in ("province", "district"):
        for name in vocabulary.unit_type_names(level):
            out[fold(name)] = "" if fold(name) in out else level
    return {k: v for k, v in out.items() if v}


def _title_areas(texts: list[tuple[int, int, str]], context: dict[str, list[Stated]]) -> None:
    """'TỈNH LẠNG SƠN' / 'UBND HUYỆN BẮC SƠN' lines of the title block as province/district."""
    for r, c, text in texts:
        rest = _COUNCIL.sub("", text) if len(text) < 40 else ""
        words = fold(rest).split()
        for n in (2, 1):
            level = _title_types().get(" ".join(words[:n]))
            if level and len(words) > n and re.fullmatch(r"[a-z][a-z ]{1,30}", " ".join(words[n:])):
                name = " ".join(rest.split()[n:])
                context.setdefault(level, []).append(Stated(name.title(), r, c))
                break


# ---------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """Where a sheet's table is and what its columns mean.

    ``header_rows`` and ``first_data_row`` are 0-based grid rows; ``fields`` maps a 0-based
    column to its field (``commune``, ``criterion:14``, ``category:total``, …); ``headers``
    keeps the header text of every mapped column; ``unnamed`` lists header cells whose text
    was not recognised (left out of the table, reported for criteria sheets).
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


@dataclass
class _Reading:
    """One way of reading a header: its rows, kind, fields and the texts they came from."""

    score: int
    rows: tuple[int, ...]
    kind: str
    fields: dict[int, str]
    unnamed: dict[int, str]
    texts: list[str]


def _header_text(v: object) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return normalize(str(v))


def _row_texts(rows: list[list[object]], r: int, width: int) -> list[str]:
    row = rows[r] if r < len(rows) else []
    return [_header_text(row[c]) if c < len(row) else "" for c in range(width)]


def _fill_merged(
    texts: list[str], r: int, merged: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[str]:
    """Header texts of row ``r`` with each merged range's text copied across its columns."""
    out = list(texts)
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1:
            # merged cells: calamine puts the text at the top-left corner only
            span = range(c0, min(c1 + 1, len(out)))
            text = next((out[c] for c in span if out[c]), None)
            if text:
                for c in span:
                    out[c] = text
    return out


def _fields_of(texts: list[str], kind: str) -> tuple[dict[int, str], dict[int, str]]:
    fields, unnamed = {}, {}
    for c, t in enumerate(texts):
        if not t:
            continue
        f = header_field(t, kind)
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


def _best_header(texts: list[list[str]]) -> _Reading | None:
    """The reading with the most recognised columns (ties: the earlier and simpler one)."""
    best: _Reading | None = None
    for r in range(min(len(texts), HEADER_SCAN_ROWS)):
        if sum(bool(t) for t in texts[r]) < 2:
            continue
        candidates = [((r,), texts[r])]
        if r + 1 < len(texts):
            candidates.append(((r, r + 1), _combine(texts[r], texts[r + 1])))
        for hdr, htexts in candidates:
            for kind in KINDS.values():
                fields, unnamed = _fields_of(htexts, kind.name)
                s = kind.score(fields)
                if s and (best is None or s > best.score):
                    best = _Reading(s, hdr, kind.name, fields, unnamed, htexts)
    return best


def _note_rows(
    rows: list[list[object]], first: int, width: int, found: _Reading
) -> tuple[int, list[tuple[int, int, str]]]:
    """English note rows under the header: their cells are recognised as the same fields,
    or the row starts with a note marker or "(". Returns the first data row and the notes."""
    notes: list[tuple[int, int, str]] = []
    while first < len(rows):
        t = _row_texts(rows, first, width)
        if not any(t):
            break
        nf, _ = _fields_of(t, found.kind)
        agree = sum(nf.get(c) == f for c, f in found.fields.items())
        filled = sum(bool(t[c]) for c in found.fields)
        lead = next((x for x in t if x), "")
        if not (
            (filled and agree * 2 >= filled)
            or fold(lead).startswith(("note", "ghi chu", "chu thich"))
            or lead.startswith("(")
        ):
            break
        notes += [(first, c, x) for c, x in enumerate(t) if x]
        first += 1
    return first, notes


def _column_units(found: _Reading, notes: list[tuple[int, int, str]]) -> dict[int, int]:
    """Money units stated in a column's header or note cells, for kinds with money columns."""
    if not KINDS[found.kind].money_limits:
        return {}
    out = {}
    for c in found.fields:
        parts = [found.texts[c]] + [x for (_, cc, x) in notes if cc == c]
        unit = next((u for u in map(money_unit, parts) if u is not None), None)
        if unit is not None:
            out[c] = unit
    return out


def locate(grid: Grid) -> Layout | None:
    """Find the header of ``grid`` and recognise its kind; None when no known table is found.

    One-row and two-row headers are tried at each of the first `HEADER_SCAN_ROWS` rows; the
    reading with the most recognised columns wins (ties: the earlier and simpler one).
    """
    rows = grid.rows
    width = max((len(r) for r in rows[: HEADER_SCAN_ROWS + 2]), default=0)
    if width == 0:
        return None
    texts = [
        _fill_merged(_row_texts(rows, r, width), r, grid.merged)
        for r in range(min(len(rows), HEADER_SCAN_ROWS + 1))
    ]
    found = _best_header(texts)
    if found is None:
        return None
    first, notes = _note_rows(rows, found.rows[-1] + 1, width, found)
    title = [
        (r, c, x)
        for r in range(found.rows[0])
        for c, x in enumerate(_row_texts(rows, r, width))
        if x
    ]
    context = read_context(title + notes, grid.sheet)
    _title_areas(title, context)
    headers = {c: found.texts[c] for c in found.fields}
    return Layout(
        found.kind,
        found.rows,
        first,
        found.fields,
        headers,
        found.unnamed,
        context,
        _column_units(found, notes),
    )
