"""The document's own description, read from its first lines, for its ``sources`` row:
document type (the vocabulary's ``document_types``), number, date of issue and issuer.

"Báo cáo số 215/BC-UBND ngày 05/01/2025 của UBND huyện Can Lộc" gives all four; an
administrative header ("UBND TỈNH LẠNG SƠN" / "Số: 12/BC-UBND" / "Lạng Sơn, ngày …" /
"BÁO CÁO" / its title) gives them line by line. What the lines do not state is left empty:
the type is never guessed from a number without its abbreviation, and a document without a
header is described by its file name only ("Tệp p8.txt"), never as a type it may not be.

>>> h = read_header(["Báo cáo số 215/BC-UBND ngày 05/01/2025 của UBND huyện Can Lộc", "…"])
>>> h.doc_type, h.number, h.date, h.issuer
('bao_cao', '215/BC-UBND', '2025-01-05', 'UBND huyện Can Lộc')
>>> h = read_header(["UBND TỈNH LẠNG SƠN", "BÁO CÁO", "Kết quả thực hiện năm 2024", "Năm 2024 …"])
>>> h.doc_type, h.number, h.date, h.issuer, h.title
('bao_cao', None, None, 'UBND tỉnh Lạng Sơn', 'Báo cáo Kết quả thực hiện năm 2024')
>>> read_header(["Năm 2024, huyện có 9/17 xã đạt chuẩn."]).title is None
True
>>> read_header(["Ngày 28/12/2024, UBND tỉnh ban hành Quyết định số 1234/QĐ-UBND …"]).number
>>> read_header(["Kế hoạch năm 2025: phấn đấu có thêm 25 xã …"]).title
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports.dates import stated
from ntm_analysis.sources.reports.sentences import is_dateline

HEADER_LINES = 8  # the description stands in the document's first lines
TITLE_LENGTH = 160  # a title longer than this is cut (the sources table wants short titles)
_NUMBER = re.compile(r"\s*(?:số|so|Số|SỐ)\s*:?\s*(\d+[\w.\-–Đđ]*/[\w.\-–Đđ/]+)")
_ISSUER_AFTER = re.compile(r"\bcủa\s+((?:UBND|Ủy ban|Uỷ ban|HĐND|Sở|Ban|Văn phòng)[^.,;()]*)")
_ISSUER_LINE = re.compile(r"^(?:UBND|ỦY BAN|UỶ BAN|HĐND|SỞ|BAN|VĂN PHÒNG)\b[^\d]*$")
_UNIT_WORDS = ("tỉnh", "huyện", "thành phố", "thị xã", "quận", "xã", "nhân dân")


@dataclass(frozen=True)
class Header:
    """What the document says of itself (None where it does not say)."""

    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None


def _types() -> list[tuple[str, str]]:
    """(folded name, key) of the document types, longest name first."""
    names = [(fold(t.label_vi), t.key) for t in vocabulary.terms("document_types") if t.label_vi]
    return sorted(names, key=lambda x: -len(x[0]))


def _type_at_start(line: str) -> tuple[str, int] | None:
    """The document type a line opens with ("BÁO CÁO", "Báo cáo số …") and its length."""
    folded = fold(line)
    for name, key in _types():
        if re.match(rf"{re.escape(name)}(?![a-z])", folded):
            return key, len(name)
    return None


def _issuer_case(text: str) -> str:
    """An issuer printed in capitals in the case of running text ("UBND tỉnh Lạng Sơn")."""
    if not text.isupper():
        return text.strip()
    out = text.strip().title().replace("Ubnd", "UBND").replace("Hđnd", "HĐND")
    for w in _UNIT_WORDS:
        out = re.sub(rf"\b{w.title()}\b", w, out)
    return out


def read_header(lines: list[str]) -> Header:
    """The description the first lines of a document give (see the module)."""
    head = [t.strip(" *_#\t") for t in lines[:HEADER_LINES] if t.strip(" *_#\t")]
    number = date = issuer = doc_type = title = None
    for i, text in enumerate(head):
        typed = _type_at_start(text)
        # its own number opens the line ("Số: 12/BC-UBND", "Báo cáo số 215/BC-UBND …"); one
        # inside a sentence is another document's ("… ban hành Quyết định số 1234/QĐ-UBND")
        m = _NUMBER.match(text, typed[1] if typed else 0)
        if m and number is None:
            number = m.group(1).rstrip(".,;")
            kind = vocabulary.document_type_of(number)
            doc_type = doc_type or (kind if _abbreviated(number) else None)
        if (m or is_dateline(text)) and date is None:
            # the document's own number is no citation of another document's date
            own = text.replace(number, " " * len(number)) if number else text
            found = [d for d in stated(own) if d.month]
            date = found[0].iso if found else None
        issuer = issuer or _issuer_of(text)
        if typed and title is None and not m and text[: typed[1]].isupper():
            doc_type = typed[0]
            rest = text[typed[1] :].strip(" :-–") or (head[i + 1] if i + 1 < len(head) else "")
            title = f"{text[: typed[1]].strip().capitalize()} {rest}".strip()[:TITLE_LENGTH]
        elif typed and m and doc_type is None:
            doc_type = typed[0]
    return Header(doc_type, number, date, issuer, title)


def _abbreviated(number: str) -> bool:
    """Whether a number carries its type's abbreviation ("215/BC-UBND"; not "687/UBND-NN")."""
    symbol = number.split("/", 1)[-1].split("-", 1)[0].strip().upper()
    return any(
        t.short_vi and t.short_vi.upper() == symbol for t in vocabulary.terms("document_types")
    )


def _issuer_of(text: str) -> str | None:
    m = _ISSUER_AFTER.search(text)
    if m:
        return m.group(1).strip()
    return _issuer_case(text) if _ISSUER_LINE.match(text) else None
