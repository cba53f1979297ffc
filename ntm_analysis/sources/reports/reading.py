"""Read report files into numbered lines of text (.txt, .md, .docx, PDF with a text layer).

Owns file formats and what "line" means for each: the 1-based line of a text file, the
1-based paragraph of a .docx (body paragraphs and table rows in document order, a row written
as its cells between "|" marks), and for a PDF the running line number over all pages
(``page`` is kept alongside). Nothing here interprets the text.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ntm_analysis.sources.limits import InputTooLarge, check_archive

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUFFIXES = (*sorted(TEXT_SUFFIXES), ".docx", ".pdf")


class ReadError(Exception):
    """A file that cannot be read as report text; the message says why."""


@dataclass(frozen=True)
class Line:
    """One line of a report: its 1-based number, NFC text and PDF page (None elsewhere)."""

    no: int
    text: str
    page: int | None = None


_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\ufeff", ""))


def _text_encoding(path: Path) -> str:
    """The encoding of a text file: UTF-16 by its byte-order mark, else UTF-8 when every byte
    decodes as UTF-8, else the Vietnamese Windows code page still met in old reports."""
    with path.open("rb") as fh:
        start = fh.read(4096)
        if b"\x00" in start and not start.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ReadError(f"{path}: looks binary, not text")
        if start.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = start
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = fh.read(1 << 20)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1258"
    return "utf-8-sig"


def _text_lines(path: Path, encoding: str) -> Iterator[Line]:
    markdown = path.suffix.lower() in (".md", ".markdown")
    try:
        with path.open(encoding=encoding, newline=None) as fh:
            for i, t in enumerate(fh, start=1):
                t = t.rstrip("\r\n")
                if markdown:
                    t = _MD_EMPHASIS.sub("", t)  # "**120/181** xã": the figures, not the markup
                yield Line(i, _nfc(t))
    except UnicodeDecodeError as err:
        raise ReadError(f"{path}: not UTF-8/UTF-16/cp1258 text ({err.reason})") from err
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from err


def table_row(cells: list[str]) -> str:
    """A table row as one line: its cells between "|" marks, in grid order (a cell merged
    across columns repeats, so that the columns of every row line up).

    >>> table_row(["Ngân sách tỉnh", "12,5 tỷ đồng"])
    '| Ngân sách tỉnh | 12,5 tỷ đồng |'
    """
    return "| " + " | ".join(" ".join(c.replace("|", "/").split()) for c in cells) + " |"


def _docx_lines(path: Path) -> list[Line]:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as err:  # pragma: no cover - dependency declared
        raise ReadError(f"{path}: reading .docx needs python-docx") from err
    try:
        check_archive(path, "document")
    except InputTooLarge as err:
        raise ReadError(str(err)) from err
    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises several types for a broken package
        raise ReadError(f"{path}: not a readable .docx ({type(err).__name__}: {err})") from err
    texts: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                texts.append(table_row([cell.text for cell in row.cells]))
    return [Line(i, _nfc(t)) for i, t in enumerate(texts, start=1)]


def _pdf_lines(path: Path) -> list[Line]:
    try:
        from pypdf import PdfReader
    except ImportError as err:  # pragma: no cover - dependency declared
        raise ReadError(f"{path}: reading PDF needs pypdf") from err
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # a damaged file is reported once, as a ReadError
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as err:  # pypdf raises many types on damaged files, not only PdfReadError
        raise ReadError(f"{path}: not a readable PDF ({type(err).__name__}: {err})") from err
    finally:
        log.setLevel(level)
    lines: list[Line] = []
    for page_no, text in enumerate(pages, start=1):
        for t in text.splitlines():
            lines.append(Line(len(lines) + 1, _nfc(t), page_no))
    if not any(line.text.strip() for line in lines):
        raise ReadError(f"{path}: the PDF has no text layer (scanned?); run OCR first")
    return lines


def iter_lines(path: str | Path) -> Iterator[Line]:
    """The numbered lines of a report file, a text file read one line at a time. What can be
    told before reading (a missing file, an unknown suffix, a binary file, a broken .docx or
    PDF) raises at once; a text file that turns out undecodable raises while read.

    Raises:
        ReadError: missing file, unknown suffix, undecodable text, broken .docx/PDF, a .docx
            that unpacks past the size limit, or a PDF without a text layer.
    """
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return _text_lines(path, _text_encoding(path))
        if suffix == ".docx":
            return iter(_docx_lines(path))
        if suffix == ".pdf":
            return iter(_pdf_lines(path))
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from err
    raise ReadError(f"{path}: unsupported file type {suffix!r} (expected {', '.join(SUFFIXES)})")


def read_lines(path: str | Path) -> list[Line]:
    """The numbered lines of a report file (see `iter_lines`).

    Raises:
        ReadError: as `iter_lines`.
    """
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return list(_text_lines(path, _text_encoding(path)))
        if suffix == ".docx":
            return _docx_lines(path)
        if suffix == ".pdf":
            return _pdf_lines(path)
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from err
    raise ReadError(f"{path}: unsupported file type {suffix!r} (expected {', '.join(SUFFIXES)})")
