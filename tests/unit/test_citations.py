"""Citations a reader can find: documents by type, number, date and issuer; pages by site,
title and date; never an internal id."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntm_analysis.model import citations

SOURCES = pd.DataFrame(
    {
        "source_id": [
            "doc_tb",
            "doc_cv",
            "doc_blank",
            "web_titled",
            "web_bare",
            "pkg_vietnamadminunits_1",
        ],
        "kind": ["document", "document", "document", "web", "web", "package"],
        "issuer": [
            "Văn phòng UBND thành phố Hải Phòng",
            "UBND tỉnh Bắc Giang",
            "Ban Đô thị HĐND thành phố Hải Phòng",
            "baohaiduong.vn",
            "m.example.vn",
            "vietnamadminunits (PyPI)",
        ],
        "document_no": ["02/TB-VP", "687/UBND-NN", "/TB-BĐT (number blank)", None, None, "1.0.4"],
        "issued_date": ["2025-01-03", "2024-01-06", "2025-11", "2020-08-08", None, None],
        "title": [
            "Kết luận cuộc họp",
            "Công văn triển khai",
            "Kết luận giám sát",
            "9 xã đầu tiên đạt chuẩn nông thôn mới nâng cao",
            citations.UNTITLED_PAGE,
            "Admin units (package data)",
        ],
        "url": [
            "seed 000.txt",
            "seed 002.txt",
            "seed 001.txt",
            "http://m.baohaiduong.vn/kinh-te/9-xa-143560",
            "https://m.example.vn/a/b-c",
            "https://pypi.org/project/vietnamadminunits/1.0.4/",
        ],
    }
)


def test_documents_by_type_number_date_and_issuer():
    assert citations.cite(["doc_tb"], SOURCES) == [
        "Thông báo số 02/TB-VP ngày 03/01/2025, Văn phòng UBND thành phố Hải Phòng"
    ]
    assert citations.cite(["doc_cv"], SOURCES, "en") == [
        "UBND tỉnh Bắc Giang, Official letter No. 687/UBND-NN, 6 Jan 2024"
    ]
    blank = citations.cite(["doc_blank"], SOURCES)[0]
    assert blank.startswith("Thông báo số …/TB-BĐT (chưa ghi số) tháng 11/2025")
    assert citations.cite(["doc_tb"], SOURCES, full=True)[0].endswith(": Kết luận cuộc họp")


def test_web_pages_by_site_title_and_date_or_by_address():
    titled, bare = citations.cite(["web_titled", "web_bare"], SOURCES)
    assert titled == "baohaiduong.vn: “9 xã đầu tiên đạt chuẩn nông thôn mới nâng cao” (08/8/2020)"
    assert bare == "Trang web example.vn, m.example.vn/a/b-c"  # untitled: site, then address
    full = citations.cite(["web_titled"], SOURCES, full=True)[0]
    assert full.endswith("m.baohaiduong.vn/kinh-te/9-xa-143560")


def test_gazetteer_alias_and_unknown_ids():
    assert citations.cite(["gazetteer"], SOURCES) == ["vietnamadminunits 1.0.4 (gói dữ liệu, PyPI)"]
    with pytest.raises(KeyError, match="not in the sources table"):
        citations.cite(["nope"], SOURCES)
    (placeholder,) = citations.resolve(["nope"], SOURCES, strict=False)
    assert "nope" not in placeholder.short


def test_source_list_numbers_in_order_of_first_use():
    sl = citations.SourceList(SOURCES)
    assert sl.refs(["web_bare", "doc_tb"]) == "[1]–[2]"
    assert sl.refs(["doc_tb", "doc_cv", "web_titled"]) == "[2]–[4]"
    assert [n for n, _ in sl.entries()] == [1, 2, 3, 4]
    assert citations.ranges([1, 2, 3, 5, 7, 8]) == "[1]–[3], [5], [7]–[8]"


INTERNAL = re.compile(
    r"\b(?:web_[0-9a-f]{10}|ref_\w+|pkg_\w+|hp_202\d_\w+|ls_2023_\w+|bg_2024_\w+)\b"
)


def test_every_embedded_source_cites_without_an_internal_id(built):
    sources = pd.read_parquet(built[0] / "sources.parquet")
    for lang in ("vi", "en"):
        for c in citations.resolve(sources["source_id"], sources, lang):
            assert not INTERNAL.search(c.short) and not INTERNAL.search(c.full), c
            assert c.short.strip()


def test_recorded_page_titles_belong_to_cited_pages(built):
    from ntm_analysis import paths
    from ntm_analysis.sources import reference

    pages = reference.load_pages(paths.RAW)
    sources = pd.read_parquet(built[0] / "sources.parquet")
    cited = set(sources["url"].dropna())
    assert set(pages["url"]) <= cited, set(pages["url"]) - cited
    assert pages["title"].str.strip().ne("").all()
    titled = sources[sources["url"].isin(pages["url"])]
    assert (titled["title"] != citations.UNTITLED_PAGE).all()


def test_a_page_without_a_printed_title_is_cited_by_its_site():
    row = {"kind": "web", "url": "https://moitruong.net.vn/cong-nhan-ptag.html", "title": ""}
    c = citations.citation(row, "vi")
    assert c.short == c.full == "Trang web moitruong.net.vn, moitruong.net.vn/cong-nhan-ptag.html"
    row["title"] = citations.UNTITLED_PAGE
    assert citations.citation(row, "en").short.startswith("Web page, moitruong.net.vn, ")


def test_a_mirror_is_cited_as_a_copy_of_the_page_it_names():
    url = "http://batik.us/article/4014/http-www-baoxaydung-com-vn/news/vn/xa-hoi/x-2017"
    c = citations.citation({"kind": "web", "url": url}, "vi")
    assert c.short.startswith("Trang web batik.us (bản sao một bài của baoxaydung.com.vn), ")


def test_a_package_is_described_in_vietnamese_in_a_vietnamese_list():
    row = {
        "kind": "package",
        "issuer": "vietnamadminunits (PyPI)",
        "document_no": "1.0.4",
        "title": "Vietnamese administrative units (package data)",
        "url": "https://pypi.org/project/vietnamadminunits/1.0.4/",
    }
    assert "Vietnamese" not in citations.citation(row, "vi").full
    assert "Vietnamese administrative units" in citations.citation(row, "en").full


@pytest.mark.parametrize(
    ("stored", "vi", "en"),
    [
        ("II.3.1, lines 108-121", "mục II.3.1, dòng 108–121", "section II.3.1, lines 108–121"),
        ("1, line 72; 2, lines 3-4", "mục 1, dòng 72; mục 2, dòng 3–4", None),
        ("opening, line 38", "phần mở đầu, dòng 38", "opening, line 38"),
        ("excerpt, paragraph 2", "trích đoạn, đoạn 2", "excerpt, paragraph 2"),
        ("page 3", "trang 3", "page 3"),
        ("Annex 1", "Phụ lục 1", "Annex 1"),
        (
            "cited page; curated row 7 of reference/haiphong_aggregates.csv:7",
            "trang web được trích; dòng 7 của bảng tuyển chọn “Số liệu tổng hợp cấp tỉnh, cấp "
            "huyện của Hải Phòng (cũ) và Hải Dương (cũ)”",
            "cited page; row 7 of the curated table “Province and district aggregates of old "
            "Hải Phòng and old Hải Dương”",
        ),
        # no pattern: a URL fragment or identifier, or a description, stays as stored
        ("data/units.json#wardCode=11920", None, None),
        ("paragraph on the district's 12 units", None, None),
        ("Sheet1!C7", None, None),
    ],
)
def test_locators_read_in_the_readers_language_or_stay_as_stored(stored, vi, en):
    assert citations.locator(stored, "vi") == (vi or stored)
    if en is not None:
        assert citations.locator(stored, "en") == en
    assert citations.locator(None, "vi") == ""
