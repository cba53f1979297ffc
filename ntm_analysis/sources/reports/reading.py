"""Read report files into numbered lines of text (.txt, .md, .docx, PDF with a text layer).

Owns file formats and what "line" means for each: the 1-based line of a text file, the
1-based paragraph of a .docx (body paragraphs, then table rows, in document order), and
for a PDF the running line number over all pages (``page`` is kept alongside). Nothing here
interprets the text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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


def _decode(raw: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "utf-16"):
        if enc == "utf-16" and raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
            continue
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    try:
        return raw.decode("cp1258")  # Vietnamese Windows code page, still met in old reports
    except UnicodeDecodeError as err:
        raise ReadError(f"{path}: not UTF-8/UTF-16/cp1258 text ({err.reason})") from err


def _text_lines(path: Path) -> list[Line]:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{path}: looks binary, not text")
    text = _decode(raw, path)
    if path.suffix.lower() in (".md", ".markdown"):
        text = _MD_EMPHASIS.sub("", text)  # "**120/181** xã": the figures, not the markup
    return [Line(i, _nfc(t)) for i, t in enumerate(text.splitlines(), start=1)]


def _docx_lines(path: Path) -> list[Line]:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as err:  # pragma: no cover - dependency declared
        raise ReadError(f"{path}: reading .docx needs python-docx") from err
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
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat; keep each text once per row
                    if not cells or cells[-1] != cell.text:
                        cells.append(cell.text)
                texts.append(" | ".join(c.replace("\n", " ") for c in cells))
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


def read_lines(path: str | Path) -> list[Line]:
    """The numbered lines of a report file.

    Raises:
        ReadError: missing file, unknown suffix, undecodable text, broken .docx/PDF, or a PDF
            without a text layer.
    """
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return _text_lines(path)
        if suffix == ".docx":
            return _docx_lines(path)
        if suffix == ".pdf":
            return _pdf_lines(path)
    except OSError as err:
        raise ReadError(f"{path}: {err.strerror or err}") from err
    raise ReadError(f"{path}: unsupported file type {suffix!r} (expected {', '.join(SUFFIXES)})")
