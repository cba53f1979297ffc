"""`ntm brief`: the Word pack read back (page, margins, fonts, pictures, tables, no internal
id, Vietnamese number formats), its Excel tables, an area without data, the labels of its
pictures, and (where LibreOffice is installed) the pack rendered to PDF and a picture."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from openpyxl import load_workbook
from support import layout

from ntm_analysis.analysis import areas
from ntm_analysis.cli import main
from ntm_analysis.lexicon.textnorm import fold
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


def test_an_ambiguous_area_is_refused_with_its_candidates(built, tmp_path, capsys):
    out = tmp_path / "qn.docx"
    rc = main(["brief", "--area", "Quảng Ninh", "--processed", str(built[0]), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and not out.exists()
    assert "Tỉnh Quảng Ninh" in err and "Quảng Ninh, Quảng Bình" in err


def test_every_section_uses_the_one_resolved_area(built):
    """A province written with its type word gets its charts, map and figures, the same pack
    as its short name where that names it alone."""
    from ntm_analysis.model import tables as model_tables

    tables = model_tables.load_tables(built[0])
    b = brief.build(tables, "Tỉnh Quảng Ninh")
    assert b.area == "Tỉnh Quảng Ninh" and b.level == "province"
    assert b.map_chart is not None and len(b.key)
    assert "tier-shares-22" in [c.name for c in b.charts]
    assert areas.resolve("Tỉnh Lạng Sơn") == "Lạng Sơn"
    ls, tls = brief.build(tables, "Lạng Sơn"), brief.build(tables, "Tỉnh Lạng Sơn")
    assert tls.area == ls.area and [c.name for c in tls.charts] == [c.name for c in ls.charts]
    assert tls.key.frame.equals(ls.key.frame) and (tls.map_chart is None) == (ls.map_chart is None)


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


# ------------------------------------------- areas of every kind, read back from the .docx

CAPTION = re.compile(r"^(?:Bảng|Table) (\d+)\. ")
FIGURE = re.compile(r"^(?:Hình|Figure) (\d+)\. ")
TABLE_REF = re.compile(r"\b(?:Bảng|Table) (\d+)\b")
AREAS = [
    ("Lạng Sơn", "vi"),  # a province whose data is its district's and a recognition round
    ("Lạng Sơn", "en"),
    ("Bắc Sơn", "vi"),  # a district
    ("Bắc Giang", "vi"),
    ("Hà Tĩnh", "vi"),
    ("Nghệ An", "vi"),
    ("Hà Giang", "vi"),  # no data
]


@pytest.fixture(scope="module")
def packs(built, tmp_path_factory):
    """(area, lang) -> (the .docx read back, the .xlsx path, the Brief)."""
    out = tmp_path_factory.mktemp("packs")
    made = {}
    for area, lang in AREAS:
        name = f"{fold(area).replace(' ', '-')}-{lang}"
        docx, xlsx = out / f"{name}.docx", out / f"{name}.xlsx"
        b = brief.make_brief(area, docx, lang=lang, processed=built[0], xlsx=xlsx)
        made[(area, lang)] = (Document(docx), xlsx, b)
    return made


def _paragraphs(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _section(doc: Document, start: str, end: str) -> str:
    text = "\n".join(_paragraphs(doc))
    return text[text.index(start) : text.index(end)]


def _rows(doc: Document, caption: str) -> list[list[str]]:
    """The rows of the table written under ``caption`` (its heading row first)."""
    body = doc.element.body
    seen = False
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            seen = "".join(t.text or "" for t in child.iter(qn("w:t"))).startswith(caption)
        elif child.tag.endswith("}tbl") and seen:
            table = DocxTable(child, doc)
            return [[c.text for c in r.cells] for r in table.rows]
    raise AssertionError(f"no table under {caption!r}")


def _check_numbering(doc: Document) -> list[int]:
    paragraphs = _paragraphs(doc)
    captions = [int(m.group(1)) for p in paragraphs if (m := CAPTION.match(p))]
    assert captions == list(range(1, len(captions) + 1)), captions
    assert len(captions) == len(doc.tables) - 2  # every table but the header and signature
    refs = {int(n) for p in paragraphs for n in TABLE_REF.findall(p)}
    assert refs <= set(captions), (refs, captions)  # every "Bảng n" names a table that exists
    figures = [int(m.group(1)) for p in paragraphs if (m := FIGURE.match(p))]
    assert figures == list(range(1, len(figures) + 1)), figures
    return captions


@pytest.mark.parametrize(("area", "lang"), [*AREAS, ("Hải Phòng", "vi")])
def test_tables_are_numbered_in_order_and_every_reference_names_one(packs, pack, area, lang):
    doc = Document(pack[0]) if area == "Hải Phòng" else packs[(area, lang)][0]
    captions = _check_numbering(doc)
    text = _all_text(doc)
    assert not INTERNAL_ID.search(text), INTERNAL_ID.search(text)
    if area == "Hà Giang":
        assert captions == [] and not TABLE_REF.search(text)


def test_a_province_with_only_district_figures_shows_them_under_the_districts_name(packs):
    doc, xlsx, _ = packs[("Lạng Sơn", "vi")]
    first = _section(doc, "I. SỐ LIỆU CHÍNH", "II. BIỂU ĐỒ")
    assert "Không có số liệu" not in first
    assert "Bảng 2 nêu 24 số liệu do 1 nguồn nêu cho các huyện, xã thuộc Lạng Sơn" in first
    assert "đó không phải số liệu của cả Lạng Sơn" in first
    own = _rows(doc, "Bảng 1. Số liệu chính của Lạng Sơn")
    assert own[1][:4] == [
        "Lạng Sơn",
        "Số xã được công nhận đạt chuẩn NTM nâng cao trong một đợt",
        "3 xã",
        "26/01/2023",
    ]
    inside = _rows(doc, "Bảng 2. Số liệu của các huyện, xã thuộc Lạng Sơn")
    assert ["Huyện Bắc Sơn", "Tổng số xã", "17 xã", "28/11/2023", "[2]"] in inside
    # a commune placed in a band of criteria: the band as stated, said to be a band
    assert [
        "Xã Tân Lập, Huyện Bắc Sơn",
        "Số tiêu chí đạt",
        "15–18 tiêu chí",
        "28/11/2023",
        "[2]",
    ] in inside
    assert [
        "Xã Tân Hương, Huyện Bắc Sơn",
        "Số tiêu chí đạt",
        "19 tiêu chí",
        "28/11/2023",
        "[2]",
    ] in inside
    assert "văn bản không nêu số tiêu chí chính xác của xã đó" in "\n".join(_paragraphs(doc))
    money = next(r for r in inside if r[2] == "19,98 tỷ đồng")
    assert money[0] == "Huyện Bắc Sơn" and "tính toán: cộng 4 nguồn vốn" in money[1]
    assert "Hình 3. Nguồn vốn theo nguồn – Huyện Bắc Sơn, 2023" in _paragraphs(doc)
    ws = load_workbook(xlsx)["Số liệu chính"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    money = next(r for r in rows if r[2] == 19978980000)
    assert (money[0], money[5]) == ("Huyện Bắc Sơn", "tính toán (cộng các nguồn vốn)")
    assert ["Xã Tân Lập, Huyện Bắc Sơn", "15–18"] in [[r[0], r[2]] for r in rows]
    en = _section(packs[("Lạng Sơn", "en")][0], "I. KEY FIGURES", "II. CHARTS")
    assert "Table 1 gives 1 key figure for Lạng Sơn from 1 source" in en
    assert "Table 2 gives 24 figures stated for the districts and communes of Lạng Sơn" in en


def test_a_district_pack_has_its_own_figures_and_its_funding_chart(packs):
    doc, _, _ = packs[("Bắc Sơn", "vi")]
    own = _rows(doc, "Bảng 1. Số liệu chính của Bắc Sơn")
    assert {r[0] for r in own[1:]} == {"Bắc Sơn"}
    assert ["Bắc Sơn", "Số xã đạt 19 tiêu chí", "4 xã", "28/11/2023", "[1]"] in own
    assert any(r[2] == "19,98 tỷ đồng" and "tính toán" in r[1] for r in own)
    paragraphs = _paragraphs(doc)
    assert "Hình 3. Nguồn vốn theo nguồn – Bắc Sơn, 2023" in paragraphs
    communes = _rows(doc, "Bảng 2. Số liệu của các xã thuộc Bắc Sơn")
    assert ["Xã Vũ Sơn", "Số tiêu chí đạt", "15–18 tiêu chí", "28/11/2023", "[1]"] in communes
    assert "Bảng 3. Tiêu chí chưa đạt và cơ quan hướng dẫn" in paragraphs
    assert not any(p.startswith("Bảng 4") for p in paragraphs)


def test_an_area_without_data_says_so_in_vietnamese_and_cites_no_table(packs):
    doc, _, b = packs[("Hà Giang", "vi")]
    first = _section(doc, "I. SỐ LIỆU CHÍNH", "II. BIỂU ĐỒ")
    assert "Không có số liệu về các chỉ tiêu chính của Hà Giang trong dữ liệu hiện có." in first
    assert b.key_frame.empty and "Bảng" not in _all_text(doc)


def test_recognitions_are_counted_by_year_and_tier_and_labelled_as_counted(pack):
    doc = Document(pack[0])
    caption = "Bảng 2. Số xã được công nhận theo năm, đếm từ các xã có tên trong văn bản"
    rows = _rows(doc, caption)
    assert rows[0][:5] == ["Địa bàn", "Năm", "Đạt chuẩn NTM", "NTM nâng cao", "NTM kiểu mẫu"]
    assert ["Hải Dương (cũ)", "2022", "–", "21", "5"] == rows[[r[1] for r in rows].index("2022")][
        :5
    ]
    text = "\n".join(_paragraphs(doc))
    assert "đây là số tính toán, không phải tổng số xã được công nhận của Hải Phòng" in text
    assert "không phải tổng số xã được công nhận của địa bàn" in text


def test_findings_read_as_sentences_and_name_the_district_they_are_about(pack, packs):
    hp = _rows(Document(pack[0]), "Bảng 4. Các điểm không khớp giữa số liệu")
    an_lao = next(r for r in hp if r[1] == "Huyện An Lão – Hải Phòng (cũ)")
    assert an_lao[:3] == [
        "Một sự kiện, hai nguồn ghi năm khác nhau",
        "Huyện An Lão – Hải Phòng (cũ)",
        "Năm huyện được công nhận đạt chuẩn NTM",
    ]
    assert an_lao[4] == "Nguồn A ghi năm 2022, nguồn B ghi năm 2023 cho cùng một sự kiện."
    # a finding on a legacy part is named as the part is in the key figures
    named = {r[0]: r[1] for r in hp[1:]}
    assert named["Hai nguồn ghi khác nhau"] == "Hải Dương (cũ)"
    assert named["Tỷ lệ giảm giữa hai thời điểm"] == "Hải Phòng (cũ)"
    bg = _rows(packs[("Bắc Giang", "vi")][0], "Bảng 3. Các điểm không khớp giữa số liệu")
    issue = bg[1]
    assert issue[0] == "Ngày ban hành sớm hơn văn bản được dẫn" and "06/01/2024" in issue[4]
    for row in [*hp[1:], *bg[1:]]:  # no check key, no empty sentence
        assert "_" not in row[0] and row[4]


def test_a_brief_without_figures_says_there_was_nothing_to_check(packs):
    doc, _, _ = packs[("Hà Giang", "vi")]
    text = "\n".join(_paragraphs(doc))
    assert "nên không có gì để rà soát" in text
    assert "không tìm thấy điểm không khớp" not in text


def test_a_vietnamese_source_list_has_no_english_description(packs):
    doc, _, _ = packs[("Hà Giang", "vi")]
    text = "\n".join(_paragraphs(doc))
    listed = text[text.index("DANH MỤC NGUỒN") :]
    assert "package data" not in listed and "before and after" not in listed
    assert "gói dữ liệu" in listed


def test_an_average_per_commune_is_written_per_commune_whatever_the_source_unit():
    from types import SimpleNamespace

    from ntm_analysis.present.key_figures import value_text

    row = dict(qualifier="exact", value=17.2, measure="avg_criteria_per_commune")
    assert value_text(SimpleNamespace(unit="criteria", **row), "vi") == "17,2 tiêu chí/xã"
    assert value_text(SimpleNamespace(unit="criteria_per_commune", **row), "vi") == (
        "17,2 tiêu chí/xã"
    )
