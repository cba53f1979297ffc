"""Citations a reader can find, built from the `sources` table; the internal ``source_id`` is
never part of one.

* a document by its type, number, date and issuer, as Vietnamese administrative practice
  writes it: "Thông báo số 02/TB-VP ngày 03/01/2025, Văn phòng UBND thành phố Hải Phòng"
  (the type is read from the number's symbol, Nghị định 30/2020/NĐ-CP; a blank number prints
  as "…/TB-BĐT");
* a web page by its site, title (when the page's printed title is on record) and date, and
  its address: "baohaiduong.vn: “9 xã đầu tiên …” (08/8/2020)";
* a package or reference table by its publisher and title.

`SourceList` numbers the sources of a chart, a report or a briefing in order of first use,
so that many sources can be cited as "[1]–[4], [7]" with the list printed once. Tables and
charts resolve ids through the sources frame registered with `use_sources` (`tables.load_tables`
registers the one it reads) unless a frame is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from ntm_analysis.lexicon import formats, vocabulary

# The `title` of a web page is its title as printed; a page whose printed title is not on
# record carries this text instead and is cited by its address.
UNTITLED_PAGE = "(printed title not on record)"
# Id some callers use for "the gazetteer package" (resolved to the vietnamadminunits source).
GAZETTEER_ALIAS = "gazetteer"
# The packages' titles are descriptions the project wrote in English (`places.gazetteer`); a
# Vietnamese source list describes them in Vietnamese (none when no description is on record).
PACKAGE_TITLES_VI = {
    "vietnamadminunits": "dữ liệu đơn vị hành chính Việt Nam trước và sau sắp xếp tháng 7/2025",
    "vietnam-provinces": "danh mục tỉnh, huyện, xã theo Tổng cục Thống kê ngày 07/5/2023",
}
# a mirror's address that names the page it copies: ".../http-www-baoxaydung-com-vn/news/..."
_MIRRORED = re.compile(r"/https?-(?:www-)?([a-z0-9]+(?:-[a-z0-9]+)*?-(?:com-vn|gov-vn|org-vn|vn))/")
_SITE_PREFIX = re.compile(r"^(?:www|m|tab|mobile|beta|login|amp)\d*\.")
_BLANK_NO = re.compile(r"\s*\((?:number blank|số để trống|chưa ghi số)\)\s*$", re.I)

_TEXT = {
    "no": {"vi": "số", "en": "No."},
    "dated": {"vi": "ngày", "en": ""},
    "blank": {"vi": "chưa ghi số", "en": "number not filled in"},
    "package": {"vi": "gói dữ liệu", "en": "data package"},
    "site": {"vi": "Trang web", "en": "Web page,"},
    "mirror": {"vi": "bản sao một bài của {site}", "en": "a copy of a page of {site}"},
    "sheet": {"vi": "Bảng tính", "en": "Spreadsheet"},
    "unknown": {"vi": "nguồn không có trong danh mục nguồn", "en": "source not in the register"},
    "see_list": {"vi": "xem danh mục nguồn", "en": "see the list of sources"},
}


@dataclass(frozen=True)
class Citation:
    """How one source is cited: ``short`` on a chart or in a table, ``full`` in a source list."""

    source_id: str
    kind: str
    short: str
    full: str
    url: str

    def __str__(self) -> str:
        return self.short


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def site_of(url: str) -> str:
    """The site a page belongs to, as a reader would name it.

    >>> site_of("http://m.baohaiduong.vn/kinh-te/9-xa-143560"), site_of("https://www.vietnam.vn/en/x")
    ('baohaiduong.vn', 'vietnam.vn')
    """
    host = urlparse(url).netloc.lower().split("@")[-1].split(":")[0]
    return _SITE_PREFIX.sub("", host) or url


def address(url: str) -> str:
    """A page address without its scheme, as printed in a source list."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def _document(r: Mapping[str, object], lang: str) -> tuple[str, str]:
    number = _text(r.get("document_no"))
    blank = bool(_BLANK_NO.search(number)) or number.startswith("/")
    number = _BLANK_NO.sub("", number)
    if number.startswith("/"):
        number = "…" + number
    # a document without a number states no type here: none is guessed ("Công văn")
    kind = vocabulary.label("document_types", vocabulary.document_type_of(number), lang)
    kind = kind if number else ""
    if blank:
        number += f" ({_TEXT['blank'][lang]})"
    issuer = _text(r.get("issuer"))
    when = formats.date(r.get("issued_date"), lang) if _text(r.get("issued_date")) else ""
    if lang == "vi":
        head = f"{kind} số {number}" if number else kind
        if when:
            head += f" {when}" if when.startswith(("tháng", "năm")) else f" ngày {when}"
        short = ", ".join(x for x in (head.strip(), issuer) if x)
    else:
        head = f"{kind} No. {number}" if number else kind
        short = ", ".join(x for x in (issuer, head, when) if x)
    title = _text(r.get("title"))
    if not short:
        return title, title
    return short, f"{short}: {title}" if title else short


def _web(r: Mapping[str, object], lang: str) -> tuple[str, str]:
    url = _text(r.get("url"))
    site = site_of(url) if url else _text(r.get("issuer"))
    title = _text(r.get("title"))
    when = formats.date(r.get("issued_date"), lang) if _text(r.get("issued_date")) else ""
    if title and title != UNTITLED_PAGE:
        short = f"{site}: “{title}”" + (f" ({when})" if when else "")
        return short, f"{short}, {address(url)}" if url else short
    short = f"{_TEXT['site'][lang]} {site}" if site else _TEXT["site"][lang]
    original = _MIRRORED.search(url)
    if original:
        copy = original.group(1).replace("-", ".")
        short += f" ({_TEXT['mirror'][lang].format(site=copy)})"
    if when:
        short += f" ({when})"
    # the address stays in the short form too: untitled pages of one site must stay apart
    short = f"{short}, {address(url)}" if url else short
    return short, short


def _dataset(r: Mapping[str, object], lang: str) -> tuple[str, str]:
    """A file read by ``ntm ingest`` (its ``url`` is the file's name): "Bảng tính x.xlsx",
    with its issuer where one is on record."""
    url = _text(r.get("url"))
    if not url or url.startswith("http"):
        return _other(r, lang)
    short = ", ".join(x for x in (f"{_TEXT['sheet'][lang]} {url}", _text(r.get("issuer"))) if x)
    title = _text(r.get("title"))
    return short, f"{short}: {title}" if title and not title.endswith(url) else short


def _other(r: Mapping[str, object], lang: str) -> tuple[str, str]:
    issuer = _text(r.get("issuer"))
    title = _text(r.get("title"))
    version = _text(r.get("document_no"))
    if r.get("kind") == "package":
        name = issuer.removesuffix(" (PyPI)")
        short = f"{name} {version} ({_TEXT['package'][lang]}, PyPI)".replace("  ", " ")
    else:
        short = ": ".join(x for x in (issuer, title) if x)
    url = _text(r.get("url"))
    if r.get("kind") == "package" and lang == "vi":
        title = PACKAGE_TITLES_VI.get(issuer.removesuffix(" (PyPI)"), "")
    full = f"{short}: {title}" if r.get("kind") == "package" and title else short
    if url.startswith("http"):
        full += f", {address(url)}"
    return short, full


def citation(row: Mapping[str, object], lang: str = "vi") -> Citation:
    """The citation of one row of the sources table."""
    kind = _text(row.get("kind"))
    build = {"document": _document, "web": _web, "dataset": _dataset}.get(kind, _other)
    short, full = build(row, lang)
    return Citation(_text(row.get("source_id")), kind, short, full, _text(row.get("url")))


def _lookup(sources: pd.DataFrame) -> dict[str, dict[str, object]]:
    records = sources.to_dict("records")
    out = {str(r["source_id"]): r for r in records}
    pkg = next((k for k in out if k.startswith("pkg_vietnamadminunits")), None)
    if pkg:
        out.setdefault(GAZETTEER_ALIAS, out[pkg])
    return out


def resolve(
    source_ids: Iterable[str], sources: pd.DataFrame, lang: str = "vi", strict: bool = True
) -> list[Citation]:
    """Citations of the distinct ``source_ids`` in order of first appearance.

    Unknown ids raise KeyError (a chart may only cite registered sources); with
    ``strict=False`` they become a placeholder that names no id.
    """
    known = _lookup(sources)
    out = []
    for sid in dict.fromkeys(str(s) for s in source_ids if _text(s)):
        if sid in known:
            out.append(citation(known[sid], lang))
        elif strict:
            raise KeyError(f"source {sid!r} is not in the sources table")
        else:
            text = _TEXT["unknown"][lang]
            out.append(Citation(sid, "unknown", text, text, ""))
    return out


def cite(
    source_ids: Iterable[str], sources: pd.DataFrame, lang: str = "vi", full: bool = False
) -> list[str]:
    """Citations (short, or ``full`` for a source list) for source ids, in order of first use.

    Unknown ids raise KeyError: only registered sources can be cited.
    """
    return [c.full if full else c.short for c in resolve(source_ids, sources, lang)]


class SourceList:
    """Numbers sources in order of first citation, for a "[n]" reference and one list.

    >>> src = pd.DataFrame({"source_id": ["a", "b", "c"], "kind": "web", "title": "",
    ...                     "url": ["https://x.vn/1", "https://y.vn/2", "https://z.vn/3"]})
    >>> sl = SourceList(src)
    >>> sl.refs(["b", "c", "a"]), sl.refs(["a"])
    ('[1]–[3]', '[3]')
    >>> [f"[{n}] {c.short}" for n, c in sl.entries()][0]
    '[1] Trang web y.vn, y.vn/2'
    """

    def __init__(self, sources: pd.DataFrame, lang: str = "vi", strict: bool = True) -> None:
        self.sources = sources
        self.lang = lang
        self.strict = strict
        self._numbers: dict[str, int] = {}
        self._citations: list[Citation] = []

    def numbers(self, source_ids: Iterable[str]) -> list[int]:
        """The numbers of ``source_ids`` (new ones are added to the list), sorted."""
        out = set()
        for c in resolve(source_ids, self.sources, self.lang, self.strict):
            key = c.full
            if key not in self._numbers:  # two ids citing the same text share a number
                self._citations.append(c)
                self._numbers[key] = len(self._citations)
            out.add(self._numbers[key])
        return sorted(out)

    def refs(self, source_ids: Iterable[str]) -> str:
        """'[1], [3]–[5]' for the given ids."""
        return ranges(self.numbers(source_ids))

    def entries(self) -> list[tuple[int, Citation]]:
        """The numbered list, in order."""
        return list(enumerate(self._citations, start=1))

    def __len__(self) -> int:
        return len(self._citations)


def ranges(numbers: Iterable[int]) -> str:
    """'[1]–[3], [5]' for 1, 2, 3, 5.

    >>> ranges([5, 1, 2, 3]), ranges([])
    ('[1]–[3], [5]', '')
    """
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(f"[{nums[i]}]" if i == j else f"[{nums[i]}]–[{nums[j]}]")
        i = j + 1
    return ", ".join(parts)


# --------------------------------------------------------------------- the registered frame

_REGISTERED: list[pd.DataFrame] = []


def use_sources(sources: pd.DataFrame) -> None:
    """Register the sources table that charts and tables cite through (the latest wins)."""
    _REGISTERED[:] = [sources]


def registered_sources() -> pd.DataFrame | None:
    """The sources table registered with `use_sources`, or None."""
    return _REGISTERED[0] if _REGISTERED else None


# Where in a source, as the raw tables write it ("II.3, lines 108-121", "1, line 72",
# "opening, line 38", "excerpt, paragraph 2", "page 3", "Annex 1") and as readers read it.
_PLACE_WORDS = {
    "vi": {
        "line": "dòng",
        "lines": "dòng",
        "row": "dòng",
        "rows": "dòng",
        "page": "trang",
        "pages": "trang",
        "paragraph": "đoạn",
        "paragraphs": "đoạn",
        "table": "bảng",
        "annex": "Phụ lục",
        "appendix": "Phụ lục",
    },
    "en": {},
}
_HEADS = {
    "vi": {"opening": "phần mở đầu", "excerpt": "trích đoạn", "section": "mục {}"},
    "en": {"opening": "opening", "excerpt": "excerpt", "section": "section {}"},
}
_NUMBERING = r"[IVXLC]+(?:\.\d+)*|\d+(?:\.\d+)*"
_PLACE = re.compile(
    rf"^(?:(?P<head>opening|excerpt|{_NUMBERING}),\s*)?"
    r"(?P<word>[A-Za-z]+)\s+(?P<num>[\dIVXLC]+(?:\.\d+)*(?:\s*[-–]\s*\d+)?)$"
)
# `sources.reference` locates a curated reference row: its page, and the row of our table.
_CURATED = re.compile(r"^cited page; curated row (?P<row>\d+) of (?P<table>[^\s:]+)(?::\d+)?$")
_CURATED_TEXT = {
    "vi": "trang web được trích; dòng {row} của bảng tuyển chọn “{title}”",
    "en": "cited page; row {row} of the curated table “{title}”",
}
# the curated reference tables (`sources.reference`) by their titles, never their paths
CURATED_TITLES = {
    "reference/haiphong_aggregates.csv": (
        "Số liệu tổng hợp cấp tỉnh, cấp huyện của Hải Phòng (cũ) và Hải Dương (cũ)",
        "Province and district aggregates of old Hải Phòng and old Hải Dương",
    ),
    "reference/haiphong_commune_recognitions.csv": (
        "Các xã được công nhận đạt chuẩn NTM, NTM nâng cao, NTM kiểu mẫu của Hải Phòng (cũ) "
        "và Hải Dương (cũ)",
        "Commune recognitions (NTM, advanced, model) of old Hải Phòng and old Hải Dương",
    ),
    "reference/province_figures.csv": (
        "Số liệu nông thôn mới cấp tỉnh và toàn quốc",
        "Province-level and national NTM figures",
    ),
    "reference/program_targets.csv": (
        "Vốn, mục tiêu toàn quốc và theo vùng của Chương trình, kết quả đến tháng 6/2025",
        "Programme budgets, national and regional targets, June-2025 results",
    ),
}


def _curated(m: re.Match[str], lang: str) -> str:
    """A curated reference row cited by its table's title (`CURATED_TITLES`), never a path."""
    table = m["table"]
    titles = CURATED_TITLES.get(table)
    title = titles[lang != "vi"] if titles else table.rsplit("/", 1)[-1].removesuffix(".csv")
    return _CURATED_TEXT[lang].format(row=m["row"], title=title)


def _place(part: str, lang: str) -> str | None:
    """One ``;``-part of a locator for readers, or None when it follows no known pattern."""
    m = _PLACE.match(part.strip())
    words = _PLACE_WORDS[lang]
    if not m or (lang == "vi" and m["word"].lower() not in words):
        return None
    word = words.get(m["word"].lower(), m["word"])
    num = re.sub(r"\s*[-–]\s*", "–", m["num"])
    head = m["head"]
    if head in ("opening", "excerpt"):
        head = _HEADS[lang][head]
    elif head:
        head = _HEADS[lang]["section"].format(head)
    return ", ".join(x for x in (head, f"{word} {num}") if x)


def locator(value: object, lang: str = "vi") -> str:
    """A stored ``source_locator`` as readers of ``lang`` read it.

    Locators written to a pattern (section and lines, opening, excerpt and paragraph, page,
    table, annex; the curated reference rows, by the title of their table) are worded in
    ``lang``; any other locator (a URL
    fragment, a sheet!cell, an identifier, a free description) is returned as stored, since
    it either has no language or is not ours to reword.

    >>> locator("II.3.1, lines 108-121", "vi"), locator("opening, line 38; 2, line 76", "en")
    ('mục II.3.1, dòng 108–121', 'opening, line 38; section 2, line 76')
    >>> locator("cited page; curated row 7 of reference/province_figures.csv:7", "vi")
    'trang web được trích; dòng 7 của bảng tuyển chọn “Số liệu nông thôn mới cấp tỉnh và toàn quốc”'
    >>> locator("cited page; curated row 7 of reference/province_figures.csv:7", "en")
    'cited page; row 7 of the curated table “Province-level and national NTM figures”'
    >>> locator("page 3", "vi"), locator("Annex 1", "vi"), locator("data.json#wardCode=1", "vi")
    ('trang 3', 'Phụ lục 1', 'data.json#wardCode=1')
    """
    text = _text(value)
    if not text:
        return ""
    curated = _CURATED.match(text)
    if curated:
        return _curated(curated, lang)
    parts = [_place(p, lang) for p in text.split(";")]
    return text if any(p is None for p in parts) else "; ".join(parts)  # type: ignore[arg-type]
