"""Assemble numbered lines into sentences that keep a map back to their lines.

Reports wrap sentences over several lines (OCR output and PDFs always do; some clean texts
put a blank line after every wrapped line), so a sentence runs on until sentence-final
punctuation, a line that ends with ``:``/``;``, a bullet (``-``, ``+``, ``(1)``, ``a)``) or a
numbered heading. Headings (``I.``, ``1.``, ``1.2.``, ``a)``, Markdown ``#``) are marked with
their depth so that `context` can track sections.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ntm_analysis.sources.reports.aligned import tab_aligned
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.ocr_repair import repair
from ntm_analysis.sources.reports.reading import Line

# Numbering at the start of a line. OCR prints the roman "I" as "|", "l" or "1".
_NUMBERING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:[*_]{1,3}\s*)?"
    r"(?P<num>[IVXl|1]{1,4}\.(?=\s)|\d{1,2}\.(?=\s)|\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s)"
    r"|[a-zđ]\)(?=\s))\s+(?=\S)"
)
_ROMAN = re.compile(r"^[IVXl|1]{1,4}\.$")
_BULLET = re.compile(r"^\s*(?:[-+•*–]\s+|\(\d{1,2}\)\s*|[a-zđ]\)\s+)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|]+(?:\|[^|]*){2,}$|^\s*[^\s\t][^\t]*\t")
# A dateline: a line that is only a date, after a place or a weekday ("Nghệ An, ngày 10 tháng
# 01 năm 2024", "Thứ Ba, 26/09/2023 10:30", "29-01-2024"). It is a paragraph of its own: the
# title above it states nothing about that date.
_DATELINE = re.compile(
    r"^\s*(?:[^\d,]{1,40},\s*)?(?:ng\S{0,3}y\s*\d{1,2}\s*th\S{0,3}ng\s*\d{1,2}\s*n\S{0,3}m\s*"
    r"\d{4}|\d{1,2}\s?[/-]\s?\d{1,2}\s?[/-]\s?\d{4}(?:\s*[-–,]?\s*\d{1,2}[:h]\d{2})?)\s*\.?\s*$",
    re.I,
)
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+")
_SENT_END = re.compile(r"[.!?…]\s*[*_)\"”]*\s*$")
# A full stop followed by a capital letter (or a bullet) inside a joined paragraph.
_COLON_END = re.compile(r":\s*[*_)\"”]*\s*$")
_INNER_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-ZÀ-ỸĐ|])")
# "TP." is an abbreviation; "…/QĐ-UBND." (the end of a document number) ends a sentence
_ABBREV_END = re.compile(r"(?:(?<![-/])\b(?:TP|TT|Tp|TX|QĐ|NQ|UBND|ThS|TS|PGS|Ths)|\b[A-ZĐ])\.$")


@dataclass
class Sentence:
    """A sentence (or heading) with its original text, folded text and line map."""

    text: str
    starts: list[int]
    lines: list[int]
    pages: list[int | None]
    heading: int | None = None  # depth of a numbered heading (1 = I., 2 = 1., …)
    bullet: bool = False
    para: int = 0  # index of the paragraph (lines up to a sentence end) it belongs to
    block: int = 0  # index of the block (the paragraph as written: see `_paragraphs`)
    printed: str = ""  # the text as printed when OCR damage was repaired (`ocr_repair`)
    back: tuple[int, ...] = ()  # position in ``printed`` of each character of ``text``
    folded: str = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold_chars(self.text)

    @property
    def as_printed(self) -> str:
        """The sentence as printed (before any repair)."""
        return self.printed or self.text

    def quote(self, start: int, end: int) -> str:
        """The printed text of the span ``text[start:end]`` (evidence quotes the print)."""
        if not self.back:
            return self.text[start:end]
        last = len(self.back) - 1
        return self.printed[self.back[min(start, last)] : self.back[min(end, last)]]

    def line_at(self, pos: int) -> int:
        """1-based line number of the character at ``pos``."""
        return self.lines[max(0, bisect.bisect_right(self.starts, pos) - 1)]

    def page_at(self, pos: int) -> int | None:
        """PDF page of the character at ``pos`` (None for other formats)."""
        return self.pages[max(0, bisect.bisect_right(self.starts, pos) - 1)]


def is_dateline(text: str) -> bool:
    """Whether a line is a dateline (a date alone, after its place or weekday).

    >>> is_dateline("Nghệ An, ngày 10 tháng 01 năm 2024"), is_dateline("26/09/2023")
    (True, True)
    >>> is_dateline("Ngày 12/3/2024, UBND tỉnh ký Quyết định")
    False
    """
    return bool(_DATELINE.match(text))


def heading_depth(text: str) -> int | None:
    """Depth of a numbered heading at the start of ``text``, or None.

    >>> heading_depth("II. KẾT QUẢ THỰC HIỆN"), heading_depth("3.2. Xã Đồng Ý")
    (1, 3)
    >>> heading_depth("Năm 2023, huyện đạt") is None
    True
    """
    md = _MD_HEADING.match(text)
    m = _NUMBERING.match(text)
    if not m:
        return min(len(md.group(1)), 6) if md else None
    num = m.group("num")
    if _ROMAN.match(num) and not num[:-1].isdigit():
        return 1
    if num.endswith(")"):
        return 5
    return 2 + num.rstrip(".").count(".")


def _is_heading_line(text: str, nxt: str | None) -> bool:
    """A numbered line that stands alone: short, and the next line starts a new sentence."""
    if heading_depth(text) is None:
        return False
    if _MD_HEADING.match(text):
        return True
    stripped = text.strip().strip("*_ ")
    if len(stripped) > 75 or stripped.endswith((",", "-")):
        return False
    if nxt is None:
        return True
    first = nxt.lstrip(" #*_")[:1]
    return first.isupper() or bool(_BULLET.match(nxt)) or heading_depth(nxt) is not None


# A sentence longer than this is cut at its last clause mark (";", then ",", then a space)
# before the limit: no reader then works on more than a bounded span, so extraction stays
# linear in the input whatever the input (a page without full stops, a run of digits).
MAX_SENTENCE = 1200


@dataclass
class _Para:
    """Lines read as one paragraph, with what starts it."""

    lines: list[Line]
    depth: int | None
    bullet: bool
    block: int


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    return bool(_SENT_END.search(t)) and not _ABBREV_END.search(t.rstrip(" *_"))


def _paragraphs(lines: Iterable[Line]) -> Iterator[_Para]:
    """Group lines into paragraphs, ended by a sentence end, a line ending with ":", a heading,
    a bullet or a table row. A blank line ends one only when the next line starts like a new
    paragraph (a capital, a bullet, a number): some texts put a blank line after every wrapped
    line. A *block* (the paragraph as its author wrote it) starts after a blank line or a
    sentence end, at a heading or a table row; a bullet after a line ending with ":" (or
    after another bullet) stays in its list's block."""
    current: list[Line] = []
    depth: int | None = None
    bullet = False
    block = -1
    prev_text = ""  # the last non-blank line
    blank = True  # a blank line since it
    for ln, nxt in _lookahead(lines):
        t = ln.text
        if not t.strip():
            blank = True
            continue
        is_bullet = bool(_BULLET.match(t))
        heading = heading_depth(t) is not None
        starts_para = is_bullet or heading or t.lstrip(' #*_"“(')[:1].isupper()
        if blank and current and starts_para:
            yield _Para(current, depth, bullet, block)
            current = []
        list_goes_on = is_bullet and bool(_COLON_END.search(prev_text) or _BULLET.match(prev_text))
        ended = not prev_text or (blank and starts_para) or _ends_sentence(prev_text)
        if _TABLE_ROW.match(t) or _DATELINE.match(t):  # a paragraph and a block of its own
            if current:
                yield _Para(current, depth, bullet, block)
                current = []
            block += 1
            yield _Para([ln], None, False, block)
            prev_text, blank = t, False
            continue
        if current and (heading or is_bullet or _list_heading(t, prev_text)):
            yield _Para(current, depth, bullet, block)
            current = []
        own_para = _TABLE_ROW.match(prev_text) or _DATELINE.match(prev_text)
        if (ended or heading or own_para) and not list_goes_on:
            block += 1
        if not current:
            depth, bullet = heading_depth(t), is_bullet
        current.append(ln)
        if (
            _ends_sentence(t)
            or _COLON_END.search(t)
            or (_is_heading_line(t, nxt) and len(current) == 1)
        ):
            yield _Para(current, depth, bullet, block)
            current = []
        prev_text, blank = t, False
    if current:
        yield _Para(current, depth, bullet, block)


LIST_HEADING_MAX = 50  # "Huyện Cần Giuộc:" between bullets: a short line


def _list_heading(text: str, prev: str) -> bool:
    """A short capitalised line ending with ":" right after a bullet: the heading of the
    items that follow ("- Xã Mỹ Hạnh Nam" / "Huyện Cần Giuộc:" / "- Xã Phước Lâm"), not the
    rest of the bullet.

    >>> _list_heading("Huyện Cần Giuộc:", "- Xã Mỹ Hạnh Nam"), _list_heading("x:", "- A")
    (True, False)
    """
    t = text.strip()
    return (
        len(t) <= LIST_HEADING_MAX
        and t[:1].isupper()
        and bool(_COLON_END.search(t))
        and bool(_BULLET.match(prev))
    )


def _lookahead(lines: Iterable[Line]) -> Iterator[tuple[Line, str | None]]:
    """Each line with the text of the next non-blank line (None at the end)."""
    buffered: deque[Line] = deque()
    for ln in lines:
        buffered.append(ln)
        if ln.text.strip():
            while len(buffered) > 1:
                yield buffered.popleft(), ln.text
    while buffered:
        head = buffered.popleft()
        yield head, next((b.text for b in buffered if b.text.strip()), None)


def _cut(text: str, limit: int = MAX_SENTENCE) -> list[int]:
    """Cut points that keep every piece of ``text`` under ``limit`` characters: the last ";"
    before the limit, else the last ",", else the last space, else the limit itself."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        at = max(window.rfind(";"), window.rfind(":"))
        if at < limit // 3:
            at = window.rfind(",")
        if at < limit // 3:
            at = window.rfind(" ")
        cut = start + (at + 1 if at >= limit // 3 else limit)
        cuts.append(cut)
        start = cut
    return cuts


def iter_sentences(lines: Iterable[Line]) -> Iterator[Sentence]:
    """Sentences of a document in reading order, each with its line map (lines are read one
    at a time, so a long document never sits in memory as one text)."""
    for para_no, para in enumerate(_paragraphs(tab_aligned(lines))):
        text, starts, nos, pages = "", [], [], []
        for ln in para.lines:
            piece = ln.text.strip()
            if text:
                text += " "
            starts.append(len(text))
            nos.append(ln.no)
            pages.append(ln.page)
            text += piece
        pieces = [m.start() for m in _INNER_SPLIT.finditer(text)]
        cuts = [
            p
            for p in pieces
            if not _ABBREV_END.search(text[max(0, p - 12) : p].rstrip())
            and not (p <= 12 and _NUMBERING.match(text[:p] + " x"))
        ]
        bounds = [0]
        for cut in [*cuts, len(text)]:
            bounds += [bounds[-1] + c for c in _cut(text[bounds[-1] : cut])]
            bounds.append(cut)
        first = True
        for pos, end in pairwise(bounds):
            chunk = text[pos:end]
            start = pos + len(chunk) - len(chunk.lstrip())
            chunk = chunk.strip()
            if not chunk:
                continue
            lo = max(0, bisect.bisect_right(starts, start) - 1)
            hi = max(lo + 1, bisect.bisect_left(starts, start + len(chunk)))
            sub_starts = [max(0, st - start) for st in starts[lo:hi]]
            fixed = repair(chunk)
            if fixed is not None:
                sub_starts = [fixed.forward[st] for st in sub_starts]
            yield Sentence(
                fixed.text if fixed else chunk,
                sub_starts,
                nos[lo:hi],
                pages[lo:hi],
                heading=para.depth if first else None,
                bullet=para.bullet and first,
                para=para_no,
                block=para.block,
                printed=chunk if fixed else "",
                back=fixed.back if fixed else (),
            )
            first = False


def split_sentences(lines: Sequence[Line]) -> list[Sentence]:
    """Sentences of a document in reading order, each with its line map.

    >>> s = split_sentences([Line(1, "Năm 2023, có 12 xã đạt"), Line(2, "chuẩn NTM. Xã A đạt.")])
    >>> [(x.text, x.line_at(len(x.text) - 1)) for x in s]
    [('Năm 2023, có 12 xã đạt chuẩn NTM.', 2), ('Xã A đạt.', 2)]
    """
    return list(iter_sentences(lines))
