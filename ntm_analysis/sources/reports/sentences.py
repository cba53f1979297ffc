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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.reports.reading import Line

# Numbering at the start of a line. OCR prints the roman "I" as "|", "l" or "1".
_NUMBERING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:[*_]{1,3}\s*)?"
    r"(?P<num>[IVXl|1]{1,4}\.(?=\s)|\d{1,2}\.(?=\s)|\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s)"
    r"|[a-zđ]\)(?=\s))\s+(?=\S)"
)
_ROMAN = re.compile(r"^[IVXl|1]{1,4}\.$")
_BULLET = re.compile(r"^\s*(?:[-+•*–]\s+|\(\d{1,2}\)\s*|[a-zđ]\)\s+)")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|]+(?:\|[^|]*){2,}$")
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
    para: int = 0  # index of the paragraph the sentence belongs to
    folded: str = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold_chars(self.text)

    def line_at(self, pos: int) -> int:
        """1-based line number of the character at ``pos``."""
        return self.lines[max(0, bisect.bisect_right(self.starts, pos) - 1)]

    def page_at(self, pos: int) -> int | None:
        """PDF page of the character at ``pos`` (None for other formats)."""
        return self.pages[max(0, bisect.bisect_right(self.starts, pos) - 1)]


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


def _paragraphs(lines: Sequence[Line]) -> Iterator[tuple[list[Line], int | None, bool]]:
    """Group lines into paragraphs: (lines, heading depth, starts with a bullet)."""
    body = [ln for ln in lines if ln.text.strip()]
    current: list[Line] = []
    depth: int | None = None
    bullet = False
    for i, ln in enumerate(body):
        text = ln.text
        nxt = body[i + 1].text if i + 1 < len(body) else None
        starts_new = heading_depth(text) is not None or bool(_BULLET.match(text))
        if _TABLE_ROW.match(text):  # a table row is a paragraph of its own
            if current:
                yield current, depth, bullet
            yield [ln], None, False
            current = []
            continue
        if current and starts_new:
            yield current, depth, bullet
            current = []
        if not current:
            depth, bullet = heading_depth(text), bool(_BULLET.match(text))
        current.append(ln)
        ends = _SENT_END.search(text.rstrip()) and not _ABBREV_END.search(text.rstrip(" *_"))
        if ends or _COLON_END.search(text) or (_is_heading_line(text, nxt) and len(current) == 1):
            yield current, depth, bullet
            current = []
    if current:
        yield current, depth, bullet


def split_sentences(lines: Sequence[Line]) -> list[Sentence]:
    """Sentences of a document in reading order, each with its line map.

    >>> s = split_sentences([Line(1, "Năm 2023, có 12 xã đạt"), Line(2, "chuẩn NTM. Xã A đạt.")])
    >>> [(x.text, x.line_at(len(x.text) - 1)) for x in s]
    [('Năm 2023, có 12 xã đạt chuẩn NTM.', 2), ('Xã A đạt.', 2)]
    """
    out: list[Sentence] = []
    for para_no, (para, depth, bullet) in enumerate(_paragraphs(lines)):
        text, starts, nos, pages = "", [], [], []
        for ln in para:
            piece = ln.text.strip()
            if text:
                text += " "
            starts.append(len(text))
            nos.append(ln.no)
            pages.append(ln.page)
            text += piece
        pos = 0
        pieces = [m.start() for m in _INNER_SPLIT.finditer(text)]
        cuts = [
            p
            for p in pieces
            if not _ABBREV_END.search(text[:p].rstrip()) and not _NUMBERING.match(text[:p] + " x")
        ]
        first = True
        for cut in [*cuts, len(text)]:
            chunk = text[pos:cut]
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            chunk = chunk.strip()
            if chunk:
                idx = max(0, bisect.bisect_right(starts, start) - 1)
                sub_starts = [max(0, s - start) for s in starts[idx:]]
                sub_starts = [s for s in sub_starts if s < len(chunk)] or [0]
                n = len(sub_starts)
                out.append(
                    Sentence(
                        chunk,
                        sub_starts,
                        nos[idx : idx + n],
                        pages[idx : idx + n],
                        heading=depth if first else None,
                        bullet=bullet and first,
                        para=para_no,
                    )
                )
                first = False
            pos = cut
    return out
