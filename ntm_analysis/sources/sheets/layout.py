"""Where a sheet's table is and what its columns mean: header rows, note rows, title block.

`locate` finds the header (one row, or two or three rows under merged banner cells) in the
first `HEADER_SCAN_ROWS` rows, the kind of table its columns describe (`kinds.KINDS`), the
English note rows and column-numbering rows ("(1) (2) (3)") under it, and what the title
block, the note rows and the sheet name state (`title.read_context`).

In a header of several rows each column is named by its lowest text when that names a field
("TC14", "Ngân sách tỉnh"), else by the texts above and below read together ("Tiêu chí" over
"14"); a banner over criterion names without numbers ("Kết quả thực hiện các tiêu chí" over
"Giao thông") makes them criterion names, looked up in the set once it is known. The banner
text of each column is kept (`Layout.banners`): it may give a column its year ("Năm 2024")
or its funding flow ("Giải ngân"). Header words are compared folded, so diacritics are
optional, and English wordings are accepted beside the Vietnamese ones.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold, normalize
from ntm_analysis.sources.sheets.grids import Grid, column_letter
from ntm_analysis.sources.sheets.kinds import KINDS
from ntm_analysis.sources.sheets.messages import Both, Msg, msg
from ntm_analysis.sources.sheets.title import (  # noqa: F401 - re-exported for callers
    Stated,
    budgets_in,
    criteria_set_of,
    flow_word,
    is_place,
    money_unit,
    names_a_unit,
    read_context,
    tier_stated,
)

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


# ---------------------------------------------------------------------------- layout


@dataclass
class Layout:
    """Where a sheet's table is and what its columns mean.

    ``header_rows`` and ``first_data_row`` are 0-based grid rows; ``fields`` maps a 0-based
    column to its field (``commune``, ``criterion:14``, ``category:total``, …); ``headers``
    keeps the header text of every mapped column and ``banners`` the text above it in a
    header of several rows; ``unnamed`` lists header cells whose text was not recognised;
    ``repeated`` maps a column whose field an earlier column already has to that column.
    """

    kind: str
    header_rows: tuple[int, ...]
    first_data_row: int
    fields: dict[int, str]
    headers: dict[int, str]
    unnamed: dict[int, str]
    context: dict[str, list[Stated]]
    column_units: dict[int, int]
    banners: dict[int, str] = field(default_factory=dict)
    repeated: dict[int, int] = field(default_factory=dict)
    stt_col: int | None = None
    titled: dict[int, str] = field(default_factory=dict)  # column → part, source from title
    title_budget: Stated | None = None  # the budget the title states for ``titled``

    @property
    def header_row(self) -> int:
        """The last header row (0-based): the row the column names are read from."""
        return self.header_rows[-1]


@dataclass
class _Reading:
    """One way of reading a header: its rows, kind, fields and the texts they came from."""

    score: tuple[int, int, int]
    rows: tuple[int, ...]
    kind: str
    fields: dict[int, str]
    unnamed: dict[int, str]
    texts: list[str]
    banners: dict[int, str]
    repeated: dict[int, int]
    stt_col: int | None
    titled: dict[int, str] = field(default_factory=dict)


@dataclass
class _Fields:
    """A header read as one kind: fields, unnamed texts, banners, repeated columns, the
    number ("STT") column, and the parts of a budget ("Vốn đầu tư phát triển", "Vốn sự
    nghiệp") whose budget only the title states (``titled``) or nothing decides
    (``unsourced``), by column."""

    fields: dict[int, str] = field(default_factory=dict)
    unnamed: dict[int, str] = field(default_factory=dict)
    banners: dict[int, str] = field(default_factory=dict)
    repeated: dict[int, int] = field(default_factory=dict)
    stt: int | None = None
    titled: dict[int, str] = field(default_factory=dict)
    unsourced: dict[int, str] = field(default_factory=dict)


@dataclass
class _Refused:
    """A reading of a funding header refused because its budget parts name no budget and
    the title states none, or several (``budgets``): its score had they been named."""

    score: tuple[int, int, int]
    rows: tuple[int, ...]
    columns: dict[int, str]
    budgets: tuple[str, ...]


# The budgets a title line states above the header: budget → (row, the line's text).
Budgets = dict[str, tuple[int, str]]


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


_BARE_NUMBER = re.compile(r"\(?(\d{1,2})\)?\.?")
_FIGURE = re.compile(r"[+-]?\d[\d.,\s]*")  # a number as a data cell holds it
# Words that qualify the banner above them ("Số", "Ngày" under "Quyết định công nhận").
_QUALIFIER = re.compile(r"so|so hieu|ngay|ngay thang|ngay thang nam|ngay ky|number|no|date")
_CRITERIA_BANNER = re.compile(r"\b(tieu chi|tc|criteria|criterion)\b")


def _column_field(stack: list[str], kind: str) -> tuple[str | None, str]:
    """The field of one column from its header texts, top to bottom, and its banner text.

    The lowest text is tried alone, then with the texts above it; a bare number or a name
    under a criteria banner is a criterion (by number or by name). A column whose upper text
    names a field alone while a different lower text names none is no header of several
    rows (the lower row is data): ``"!"`` is returned.
    """
    texts = [t for i, t in enumerate(stack) if t and (i == 0 or t != stack[i - 1])]
    if not texts:
        return None, ""
    low, banner = texts[-1], " ".join(texts[:-1])
    if not banner:
        return header_field(low, kind), ""
    criteria_banner = bool(_CRITERIA_BANNER.search(fold(banner)))
    m = _BARE_NUMBER.fullmatch(low)
    if m:
        return (f"criterion:{int(m.group(1))}", banner) if criteria_banner else ("!", banner)
    found = header_field(low, kind)
    above = header_field(banner, kind)
    if found is None and _QUALIFIER.fullmatch(fold(low)):
        # "Quyết định công nhận" over "Số" | "Ngày": the number and the date of the decision
        found = header_field(f"{low} {banner}", kind)
    if found is None or (found == "amount" and str(above).startswith("category:")):
        # a banner completes the text below it ("Ngân sách trung ương" over "Vốn sự nghiệp")
        both = header_field(f"{banner} {low}", kind)
        if above in (None, "stt") or both not in (None, above):
            found = both
    if found is None and above not in (None, "stt"):
        return "!", banner
    if found is None and criteria_banner and kind == "criteria_status":
        if re.search(r"[a-z]", fold(low)):
            found = f"criterion_name:{low}"
    return found, banner


def _fields_of(
    stacks: list[list[str]], kind: str, budgets: Budgets | None = None
) -> _Fields | None:
    """A header read as ``kind`` under a title that states ``budgets``; None when it is no
    header of that kind."""
    out = _Fields()
    for c, stack in enumerate(stacks):
        f, banner = _column_field(stack, kind)
        if f == "!":
            return None
        if banner:
            out.banners[c] = banner
        if f is None:
            text = next((t for t in reversed(stack) if t), "")
            if text:
                out.unnamed[c] = text
        elif f != "stt":
            out.fields[c] = f
        elif out.stt is None:
            out.stt = c
    if not _numbers_ascend(stacks, out.fields):
        return None
    _budget_parts(stacks, out, kind, budgets or {})
    # a field named twice: the first column keeps it; a later one is "repeated" (read by
    # the kinds that read repeated columns, reported by the others)
    seen: dict[str, int] = {}
    for c in sorted(out.fields):
        f = out.fields[c]
        if f in seen:
            out.repeated[c] = seen[f]
        else:
            seen[f] = c
    return out


@lru_cache(maxsize=4096)
def _budget_part(text: str, kind: str) -> str | None:
    """The part of a budget a header names without the budget ("Vốn sự nghiệp" →
    "recurrent"): what it names once a budget's name is written before it.

    >>> _budget_part("Vốn đầu tư phát triển", "funding"), _budget_part("Tổng số", "funding")
    ('investment', None)
    """
    for whole in vocabulary.funding_budgets():
        name = vocabulary.label("funding_categories", whole, "vi")
        found = header_field(f"{name} {text}", kind) or ""
        key = found.split(":", 1)[1] if found.startswith("category:") else ""
        if key != whole and vocabulary.funding_whole(key) == whole:
            return key[len(whole) + 1 :]
    return None


def _budget_parts(stacks: list[list[str]], out: _Fields, kind: str, budgets: Budgets) -> None:
    """Columns of a wide funding header naming a part of a budget without the budget ("Vốn
    đầu tư phát triển" under "Trong đó"): that part of the one budget the title states
    (``titled``), else ``unsourced``. A long table names its sources in a "Nguồn vốn"
    column."""
    if KINDS[kind].table != "funding" or "source_category" in out.fields.values():
        return
    whole = next(iter(budgets)) if len(budgets) == 1 else ""
    for c, stack in enumerate(stacks):
        low = next((t for t in reversed(stack) if t), "")
        if not low or out.fields.get(c) not in (None, "amount"):
            continue
        part = _budget_part(low, kind)
        if part is None:
            continue
        out.unnamed.pop(c, None)
        if whole and f"{whole}_{part}" in vocabulary.keys("funding_categories"):
            out.fields[c] = f"category:{whole}_{part}"
            out.titled[c] = part
        else:
            out.fields.pop(c, None)
            out.unsourced[c] = low


def _numbers_ascend(stacks: list[list[str]], fields: dict[int, str]) -> bool:
    """Criteria headed by bare numbers ("1 2 … 19") number them left to right; numbers that
    do not ascend ("1 | 50 | 50") are the figures of a data row, not a header."""
    bare = [
        int(f.split(":")[1])
        for c, f in sorted(fields.items())
        if f.startswith("criterion:")
        and _BARE_NUMBER.fullmatch(next((t for t in reversed(stacks[c]) if t), ""))
    ]
    return all(a < b for a, b in itertools.pairwise(bare))


def _is_data_row(texts: list[str]) -> bool:
    """A row that names a unit the gazetteer knows with its type, or any unit so written
    beside two or more figures ("Xã Hoa Mai | 450 | 300"): a data row or a heading."""
    if any(is_place(t) for t in texts):
        return True
    figures = sum(bool(_FIGURE.fullmatch(t)) for t in texts)
    return figures >= 2 and any(names_a_unit(t) for t in texts)


def _is_numbering(texts: list[str], header: list[str]) -> bool:
    """A row of column numbers under a header ("(1) (2) (3)", "A B 1 2 3")."""
    cells = [(c, t) for c, t in enumerate(texts) if t]
    if len(cells) < 3:
        return False
    nums = []
    for _, t in cells:
        m = re.fullmatch(r"\(?(\d{1,3}|[A-Za-z])\)?\*?", t)
        if not m:
            return False
        if m.group(1).isdigit():
            nums.append(int(m.group(1)))
    if any(b <= a for a, b in itertools.pairwise(nums)):
        return False
    first_header = next((c for c, t in enumerate(header) if t), 0)
    return cells[0][0] <= first_header


def _score(
    stacks: list[list[str]],
    rows: tuple[int, ...],
    best: tuple[_Reading | None, _Refused | None],
    stated: tuple[str, ...],
    budgets: Budgets,
) -> tuple[_Reading | None, _Refused | None]:
    reading, refused = best
    for kind in KINDS.values():
        fs = _fields_of(stacks, kind.name, budgets)
        if fs is None:
            continue
        if fs.unsourced:  # scored as if the budget were named, to compare with the others
            named_too = fs.fields | {c: f"category:?{c}" for c in fs.unsourced}
            s = kind.score(named_too, stated)
            if s and (refused is None or (s, 0, 0) > refused.score):
                refused = _Refused((s, 0, 0), rows, fs.unsourced, tuple(budgets))
            continue
        s = kind.score(fs.fields, stated)
        if not s:
            continue
        # among equal readings, one that tells its columns apart ("Ngân sách Trung ương"
        # over "Vốn ĐTPT" | "Vốn sự nghiệp") beats one naming a field twice, and criteria
        # named by number beat criteria named by name
        named = sum(f.startswith("criterion_name:") for f in fs.fields.values())
        score = (s, -len(fs.repeated), -named)
        if reading is None or score > reading.score:
            texts = [next((t for t in reversed(st) if t), "") for st in stacks]
            reading = _Reading(
                score,
                rows,
                kind.name,
                fs.fields,
                fs.unnamed,
                texts,
                fs.banners,
                fs.repeated,
                fs.stt,
                fs.titled,
            )
    return reading, refused


def _title_line(texts: list[str], r: int, stated: tuple[str, ...], budgets: Budgets) -> tuple:
    """What a title line above a header states for it: a tier; the budgets it names."""
    for t in texts:
        for b in budgets_in(t) if t else ():
            budgets.setdefault(b, (r, t))
    return ("tier",) if any(tier_stated(t) for t in texts if t) else stated


def _best_header(
    filled: list[list[str]], raw: list[list[str]]
) -> tuple[_Reading | None, _Refused | None, Budgets]:
    """The reading with the most recognised columns (ties: the earlier and simpler one), the
    best reading refused for budget parts that name no budget, and the budgets the title
    lines above the chosen header state.

    A header of one row is read from its cells as written (a banner merged across several
    columns names one of them); a header of several rows from the cells with each merged
    banner copied over the columns under it. A row naming a unit with its type ("Xã Liên
    Thành", "Huyện Yên Thành") is a data row or a heading, never part of a header; a tier
    the title above states ("Danh sách xã đạt chuẩn NTM nâng cao") stands for a tier column,
    and the one budget it states ("Nguồn vốn: Ngân sách trung ương") is the budget of parts
    named without one ("Vốn đầu tư phát triển", "Vốn sự nghiệp").
    """
    best: tuple[_Reading | None, _Refused | None] = (None, None)
    placed = [_is_data_row([t for t in row if t]) for row in raw]
    stated: tuple[str, ...] = ()
    budgets: Budgets = {}
    above: dict[int, Budgets] = {}
    for r in range(min(len(filled), HEADER_SCAN_ROWS)):
        above[r] = dict(budgets)
        if len({t for t in filled[r] if t}) < 2:  # a title line merged across the table
            stated = _title_line(raw[r], r, stated, budgets)
            continue
        for depth in (1, 2, 3):
            rows = tuple(range(r, r + depth))
            if rows[-1] >= len(filled) or placed[rows[-1]]:
                break
            if depth > 1 and _is_numbering(filled[rows[-1]], filled[r]):
                break
            texts = raw if depth == 1 else filled
            stacks = [[texts[x][c] for x in rows] for c in range(len(filled[r]))]
            best = _score(stacks, rows, best, stated, dict(budgets))
        if any(tier_stated(t) for t in raw[r] if t):
            stated = ("tier",)
    found = best[0]
    return best[0], best[1], above.get(found.rows[0], {}) if found else {}


def _note_rows(
    rows: list[list[object]], first: int, width: int, found: _Reading
) -> tuple[int, list[tuple[int, int, str]]]:
    """English note rows and column-numbering rows under the header: their cells are
    recognised as the same fields, or the row starts with a note marker or "(", or it
    numbers the columns. Returns the first data row and the notes."""
    notes: list[tuple[int, int, str]] = []
    header = found.texts
    while first < len(rows):
        t = _row_texts(rows, first, width)
        if not any(t):
            break
        if _is_numbering(t, header):
            first += 1
            continue
        # a data row: "1 | Xã Hoằng Trinh | Quyết định số …", "1 | Minh Sơn | …"
        # or a group heading "A | Xã đã đạt chuẩn NTM nâng cao", "I | HUYỆN CAN LỘC"
        number = t[found.stt_col] if found.stt_col is not None else ""
        numbered = re.fullmatch(r"\d+|[IVXLC]+\.?|[A-Za-zĐđ]\.?", number) and sum(map(bool, t)) > 1
        if numbered or _is_data_row([x for x in t if x]):
            break
        fs = _fields_of([[x] for x in t], found.kind)
        nf = fs.fields if fs else {}
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
    """Money units stated in a column's header, banner or note cells, for money kinds."""
    if not KINDS[found.kind].money_limits:
        return {}
    out = {}
    for c in found.fields:
        parts = [found.texts[c], found.banners.get(c, "")]
        parts += [x for (_, cc, x) in notes if cc == c]
        unit = next((u for u in map(money_unit, parts) if u is not None), None)
        if unit is not None:
            out[c] = unit
    return out


@dataclass(frozen=True)
class Unread:
    """A sheet whose header is refused: the header row (0-based) and why, with what would
    make it readable."""

    row: int
    message: Msg


def _lower_label(key: str) -> Both:
    en = vocabulary.label("funding_categories", key, "en")
    vi = vocabulary.label("funding_categories", key, "vi")
    return Both(en[:1].lower() + en[1:], vi[:1].lower() + vi[1:])


def _columns_shown(texts: dict[int, str]) -> str:
    return ", ".join(f"{column_letter(c)} ({t!r})" for c, t in sorted(texts.items()))


def _refusal(refused: _Refused) -> Unread:
    """Why budget parts that name no budget stop the sheet, and what would name it."""
    wholes = [
        w
        for w in vocabulary.funding_budgets()
        if any(vocabulary.funding_whole(k) == w != k for k in vocabulary.keys("funding_categories"))
    ]
    example = vocabulary.label("funding_categories", wholes[0], "vi")
    common = {
        "columns": _columns_shown(refused.columns),
        "example": example,
        "column": next(iter(refused.columns.values())),
    }
    if len(refused.budgets) > 1:
        sources = [_lower_label(b) for b in refused.budgets]
        both = Both(", ".join(b.en for b in sources), ", ".join(b.vi for b in sources))
        m = msg("budget_parts_many_sources", n=len(sources), sources=both, **common)
    else:
        second = vocabulary.label("funding_categories", wholes[1], "vi")
        m = msg(
            "budget_parts_no_source",
            first=_lower_label(wholes[0]),
            second=_lower_label(wholes[1]),
            other=second,
            **common,
        )
    return Unread(refused.rows[-1], m)


def titled_notice(layout: Layout) -> Msg | None:
    """The notice that columns naming a budget's parts without the budget are read as the
    parts of the budget the title states."""
    if not layout.titled or layout.title_budget is None:
        return None
    whole = str(layout.title_budget.value)
    cats = [_lower_label(f"{whole}_{p}") for _, p in sorted(layout.titled.items())]
    return msg(
        "budget_from_title",
        columns=_columns_shown({c: layout.headers[c] for c in layout.titled}),
        categories=Both(" and ".join(c.en for c in cats), " và ".join(c.vi for c in cats)),
        budget=_lower_label(whole),
        row=(layout.title_budget.row or 0) + 1,
    )


def locate(grid: Grid) -> Layout | None:
    """Find the header of ``grid`` and recognise its kind; None when no known table is found
    (`read_layout` also says why a header was refused)."""
    found = read_layout(grid)
    return found if isinstance(found, Layout) else None


def read_layout(grid: Grid) -> Layout | Unread | None:
    """Find the header of ``grid`` and recognise its kind; None when no known table is found,
    `Unread` when the best header is refused (budget parts that name no budget, under a
    title that states none or several).

    Headers of one, two and three rows are tried at each of the first `HEADER_SCAN_ROWS`
    rows; the reading with the most recognised columns wins (ties: the earlier and simpler).
    """
    rows = grid.rows
    width = max((len(r) for r in rows[: HEADER_SCAN_ROWS + 3]), default=0)
    if width == 0:
        return None
    raw = [_row_texts(rows, r, width) for r in range(min(len(rows), HEADER_SCAN_ROWS + 2))]
    filled = [_fill_merged(t, r, grid.merged) for r, t in enumerate(raw)]
    found, refused, budgets = _best_header(filled, raw)
    if refused is not None and (found is None or refused.score >= found.score):
        return _refusal(refused)
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
    headers = {c: found.texts[c] for c in found.fields}
    stated = next(iter(budgets.items()), None) if found.titled else None
    return Layout(
        found.kind,
        found.rows,
        first,
        found.fields,
        headers,
        found.unnamed,
        context,
        _column_units(found, notes),
        found.banners,
        found.repeated,
        found.stt_col,
        dict(found.titled),
        Stated(stated[0], stated[1][0], None) if stated else None,
    )
