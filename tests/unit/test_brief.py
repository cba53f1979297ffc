"""`ntm brief`: the Word pack read back (page, margins, fonts, pictures, tables, no internal
id, Vietnamese number formats), its Excel tables, an area without data, the labels of its
pictures, and (where LibreOffice is installed) the pack rendered to PDF and a picture."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from support import layout

from ntm_analysis.analysis import areas
from ntm_analysis.cli import main
from ntm_analysis.present import brief, docx_layout

INTERNAL_ID = re.compile(
    r"\b(?:web_[0-9a-f]{10}|hp_202[45]_\w+|ls_2023_\w+|bg_2024_\w+|ref_[a-z_]+|pkg_[a-z_0-9]+)\b"
)


@pytest.fixture(scope="module")
def pack(built, tmp_path_factory):
    """The Hải Phòng pack of the embedded data: (docx path, xlsx path, figure folder, Brief)."""
    out = tmp_path_factory.mktemp("brief")
    b = brief.make_brief(
        "Hải Phòng",
        out / "hp.docx",
        year=2025,
        processed=built[0],
        xlsx=out / "hp.xlsx",
        fig_dir=out / "figures",
    )
    return out / "hp.docx", out / "hp.xlsx", out / "figures", b


def _all_text(doc: Document) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    for s in doc.sections:
        parts += [p.text for p in s.header.paragraphs]
    return "\n".join(parts)


def test_page_margins_and_fonts_follow_decree_30(pack):
    doc = Document(pack[0])
    s = doc.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert [
        round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    ] == [
        20,
        20,
        30,
        15,
    ]
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    assert s.different_first_page_header_footer  # no number on page 1
    assert 'w:instr="PAGE"' in s.header._element.xml
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.font.size}
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and p.text.strip()]
    assert body and all(r.font.name in (None, "Times New Roman") for p in body for r in p.runs)
    assert sizes <= {12.0, 12.5, 13.0, 13.5, 14.0}, sizes


def test_pack_holds_tables_pictures_header_and_numbered_sources(pack):
    doc = Document(pack[0])
    text = _all_text(doc)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO" in text
    for heading in ("I. SỐ LIỆU CHÍNH", "II. BIỂU ĐỒ", "III. BẢN ĐỒ", "IV. KẾT QUẢ RÀ SOÁT"):
        assert heading in text
    assert len(doc.inline_shapes) >= 4  # charts and the status map
    assert len(doc.tables) >= 3  # header block, key figures, findings
    key = doc.tables[1]
    assert [c.text for c in key.rows[0].cells] == [
        "Địa bàn",
        "Chỉ tiêu",
        "Số liệu",
        "Thời điểm",
        "Nguồn",
    ]
    assert any("Hải Dương (cũ)" == r.cells[0].text for r in key.rows)
    assert "58,4 %" in text and "3.738 tỷ đồng" in text
    entries = re.findall(r"^\[(\d+)\] ", text, re.M)
    assert entries and [int(n) for n in entries] == list(range(1, len(entries) + 1))
    assert "Thông báo số 02/TB-VP ngày 03/01/2025, Văn phòng UBND thành phố Hải Phòng" in text


def test_no_internal_id_nan_or_scientific_notation(pack):
    text = _all_text(Document(pack[0]))
    assert not INTERNAL_ID.search(text), INTERNAL_ID.search(text)
    assert "NaN" not in text and "<NA>" not in text and "nan" not in text.split()
    assert not re.search(r"\d\.\d+e[+-]\d", text)
    assert not re.search(r"\b\d{1,3},\d{3}\b", text.replace("ArticleID=", ""))  # no 1,234 in vi


def test_pictures_have_no_overlapping_labels(pack):
    assert layout.check_folder(pack[2]) == {}
    assert len(list(pack[2].glob("*.png"))) == len(pack[3].charts) + 1


def test_excel_tables(pack):
    wb = load_workbook(pack[1])
    assert wb.sheetnames[0] == "Số liệu chính" and "Nguồn" in wb.sheetnames
    ws = wb["Số liệu chính"]
    values = [row[2].value for row in ws.iter_rows(min_row=2)]
    assert any(isinstance(v, (int, float)) and v == 58.4 for v in values)
    assert not INTERNAL_ID.search(" ".join(str(c.value) for r in ws.iter_rows() for c in r))


def test_an_area_without_data_gets_a_pack_saying_so(built, tmp_path, capsys):
    rc = main(
        [
            "brief",
            "--area",
            "Hà Giang",
            "--lang",
            "en",
            "--processed",
            str(built[0]),
            "-o",
            str(tmp_path / "hg.docx"),
        ]
    )
    assert rc == 0 and "0 key figures" in capsys.readouterr().out
    text = _all_text(Document(tmp_path / "hg.docx"))
    assert "No data" in text and "SOCIALIST REPUBLIC OF VIETNAM" in text


def test_merged_province_parts():
    assert areas.legacy_parts("Hải Phòng") == ("Hải Dương", "Hải Phòng")
    assert areas.legacy_parts("Bắc Sơn") == ()
    assert docx_layout.TEXT_WIDTH_CM == 16.5


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_renders_to_a4_pdf_and_pictures(pack, tmp_path):
    from PIL import Image
    from pypdf import PdfReader

    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pack[0])],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = PdfReader(tmp_path / "hp.pdf")
    assert len(pdf.pages) >= 3
    box = pdf.pages[0].mediabox
    assert (
        round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297
    )
    first = pdf.pages[0].extract_text()  # glyphs with stacked marks come out apart
    assert "HÒA XÃ" in first and "NGHĨA" in first and "BÁO CÁO" in first
    fonts = {
        str(f.get_object().get("/BaseFont")) for f in pdf.pages[0]["/Resources"]["/Font"].values()
    }
    assert any("Times" in f or "LiberationSerif" in f for f in fonts), fonts
    images = sum(len(page.images) for page in pdf.pages)
    assert images >= len(pack[3].charts) + 1  # every picture made it to the page
    if shutil.which("pdftoppm"):  # the pages as pictures (poppler-utils)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", str(tmp_path / "hp.pdf"), str(tmp_path / "page")],
            check=True,
            timeout=120,
        )
        pages = sorted(tmp_path.glob("page-*.png"))
        assert len(pages) == len(pdf.pages)
        with Image.open(pages[0]) as im:
            assert abs(im.height / im.width - 297 / 210) < 0.02
            assert im.convert("L").getextrema()[0] < 100  # not a blank page
