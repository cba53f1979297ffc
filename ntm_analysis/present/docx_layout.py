"""Word documents laid out as Vietnamese administrative documents are (the basics of Nghị định
30/2020/NĐ-CP, Phụ lục I): A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm
right; Times New Roman; body text 14 pt, justified, first line indented 1,27 cm, 6 pt between
paragraphs; page numbers centred in the top margin from the second page; the header block
(issuing body on the left, the national title and motto on the right, each with a short rule
below), then the document type and its subject, centred and bold.

Built on python-docx; every piece of text is passed in already formatted (`lexicon.formats`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
SMALL_PT = 12
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_CM = (PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10
INDENT_CM = 1.27

NATIONAL = {
    "vi": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    "en": ("SOCIALIST REPUBLIC OF VIETNAM", "Independence - Freedom - Happiness"),
}


def _fonts(element: object, size: float | None = None) -> None:
    """Times New Roman for every script (Latin, East Asian, complex) on a style or run."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def new_document(title: str = "", subject: str = "", lang: str = "vi") -> DocxDocument:
    """An empty A4 document with the margins, fonts and paragraph format of the decree."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    for name in ("Normal", "Caption", "Table Grid", "Header"):
        style = doc.styles[name]
        style.font.name = FONT
        _fonts(style.element)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(INDENT_CM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    props = doc.core_properties
    props.title, props.subject, props.author = title, subject, "ntm-analysis"
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    props.comments = ""
    _page_numbers(doc)
    return doc


def _page_numbers(doc: DocxDocument) -> None:
    """Arabic page numbers centred in the top margin, none on the first page."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(BODY_PT * 2))
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


def _rule(container: object, width_cm: float) -> Paragraph:
    """A short solid rule, centred, under the previous paragraph: an empty paragraph of
    ``width_cm`` (its side indents set by the container's width) with a bottom border."""
    p = container.add_paragraph()  # type: ignore[attr-defined]
    available = getattr(container, "width", None)
    total_cm = available.cm if available is not None else TEXT_WIDTH_CM
    side = max((total_cm - width_cm) / 2, 0)
    fmt = p.paragraph_format
    fmt.first_line_indent = Cm(0)
    fmt.left_indent = fmt.right_indent = Cm(side)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(7)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    return p


def line(
    container: object,
    text: str,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    space_after: float = 0,
) -> Paragraph:
    """One centred (or left/justified) line without the body indent."""
    p = container.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = p.paragraph_format
    fmt.first_line_indent = Cm(0)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.0
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return p


def header_block(
    doc: DocxDocument, issuer: str, number: str, place_date: str, lang: str = "vi"
) -> None:
    """The issuing body and number (left) and the national title, motto and place and date
    (right), as the first lines of an administrative document."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _widths(table, [6.0, TEXT_WIDTH_CM - 6.0])
    line(left, issuer.upper(), 13, bold=True)
    _rule(left, 2.0)
    line(left, number, 13, space_after=0).paragraph_format.space_before = Pt(6)
    national, motto = NATIONAL[lang]
    line(right, national, 12.5, bold=True)
    line(right, motto, 13.5, bold=True)
    _rule(right, 6.0)
    line(right, place_date, 14, italic=True).paragraph_format.space_before = Pt(6)
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text:
            first._p.getparent().remove(first._p)


def title_block(doc: DocxDocument, kind: str, subject: str) -> None:
    """The document type (upper case) and its subject, bold and centred, a rule below."""
    line(doc, kind.upper(), 14, bold=True).paragraph_format.space_before = Pt(18)
    line(doc, subject, 14, bold=True)
    _rule(doc, 5.0).paragraph_format.space_after = Pt(12)


def heading(doc: DocxDocument, text: str) -> Paragraph:
    """A part heading ("I. SỐ LIỆU CHÍNH"): bold, upper case, not indented."""
    p = line(doc, text.upper(), BODY_PT, bold=True, align="left", space_after=6)
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.keep_with_next = True
    return p


def paragraph(doc: DocxDocument, text: str, italic: bool = False) -> Paragraph:
    """A body paragraph (justified, indented first line)."""
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.italic = italic
    return p


def table(
    doc: DocxDocument,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[str] = (),
    widths_cm: Sequence[float] | None = None,
    size: float = TABLE_PT,
) -> DocxTable:
    """A ruled table with a bold heading row that repeats on every page."""
    t = doc.add_table(rows=1, cols=len(headings))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, headings, strict=True):
        _cell(cell, text, size, bold=True, align="center")
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for values in rows:
        cells = t.add_row().cells
        for cell, h, text in zip(cells, headings, values, strict=True):
            _cell(cell, str(text), size, align="right" if h in numeric else "left")
    if widths_cm:
        _widths(t, widths_cm)
    return t


def _widths(t: DocxTable, widths_cm: Sequence[float]) -> None:
    """Column widths that Word and LibreOffice both keep (grid and every cell)."""
    t.autofit = False
    for col, w in zip(t.columns, widths_cm, strict=True):
        col.width = Cm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def _cell(cell: object, text: str, size: float, bold: bool = False, align: str = "left") -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
    }[align]
    fmt = p.paragraph_format
    fmt.first_line_indent = Cm(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def picture(doc: DocxDocument, png: bytes, caption: str = "", width_cm: float = 16.0) -> None:
    """A picture across the text width, centred, with an italic caption below."""
    width = min(width_cm, TEXT_WIDTH_CM)
    doc.add_picture(io.BytesIO(png), width=Cm(width))
    p = doc.paragraphs[-1]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.keep_with_next = bool(caption)
    if caption:
        line(doc, caption, SMALL_PT + 1, italic=True, space_after=8)


def recipients_and_signature(
    doc: DocxDocument, recipients: Sequence[str], signer: Sequence[str], lang: str = "vi"
) -> None:
    """The "Nơi nhận" block (left) and the signature block (right) at the end."""
    t = doc.add_table(rows=1, cols=2)
    t.autofit = False
    left, right = t.rows[0].cells
    _widths(t, [8.0, TEXT_WIDTH_CM - 8.0])
    left.paragraphs[0].text = ""
    line(left, "Nơi nhận:" if lang == "vi" else "Recipients:", 12, True, True, "left")
    for r in recipients:
        line(left, r, 11, align="left")
    for i, s in enumerate(signer):
        line(right, s, 14, bold=i == 0)
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text:
            first._p.getparent().remove(first._p)
