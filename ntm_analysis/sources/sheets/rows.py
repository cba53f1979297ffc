"""What each row under a header is: data, a summary row, a group heading, a note, or the
footer that ends the table.

Reporting forms put structure between the data rows: totals ("Tổng cộng", "Cộng", "Tổng
số", "Toàn huyện"), in the name column or merged across the number and name columns;
group headings numbered with Roman numerals or letters ("I. HUYỆN BẮC SƠN", "A. Xã đăng ký
đạt chuẩn"), of which a heading naming a district sets the district of the rows below it;
notes ("Ghi chú: …", "* Số liệu …"); and a footer of place and date, "Người lập biểu" and
signature blocks ("TM. UBND HUYỆN", "KT. CHỦ TỊCH"), after which nothing is table. The tests
here read a row's label (its name cell, else its number cell, else its first text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold

_SUMMARY = re.compile(
    r"^(tong cong|tong so|tong|cong|total|grand total|sum|toan (tinh|huyen|thi xa|thanh pho|"
    r"quan|quoc)|ca nuoc|ca tinh|ca huyen|luy ke)"
    r"(\s+((toan|ca|cac|chung|huyen|tinh|thanh pho|thi xa|xa|so|cong)\b|\d).*|\s*[(:\-].*)?$"
)
# A footer line: after it nothing is table.
_END = re.compile(
    r"^(nguoi lap( bieu)?|nguoi tong hop|nguoi ky|lap bieu|tm|t m|kt|k t|tl|ttl|q chu tich|"
    r"chu tich|pho chu tich|truong phong|pho truong phong|giam doc|pho giam doc|thu truong|"
    r"noi nhan|ky ten|xac nhan|ky ghi ro ho ten|ky dong dau|prepared by|approved by)\b"
)
_PLACE_DATE = re.compile(r"^([a-z ]{2,40} )?ngay \S+ thang \S+ nam \d{4}$")
_NOTE = re.compile(r"^(ghi chu|chu thich|luu y|note|notes|nguon|source|\*)")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_NUMBERED_HEADING = re.compile(r"^\s*([IVXLC]+|[A-Za-zĐđ])\s*[.)/:\-–]\s*(\S.*)$")


@dataclass(frozen=True)
class Heading:
    """A group heading row: its text without the numbering, and the district it names."""

    text: str
    district: str | None


def is_end(text: str) -> bool:
    """A footer line (place and date, "Người lập biểu", "TM. UBND …"): the table is over.

    >>> is_end("Can Lộc, ngày 20 tháng 12 năm 2024"), is_end("TM. ỦY BAN NHÂN DÂN")
    (True, True)
    >>> is_end("Thiên Lộc")
    False
    """
    key = fold(text)
    return bool(_END.match(key) or _PLACE_DATE.match(key) or key.startswith("ky ho ten"))


def is_note(text: str) -> bool:
    """A note line under the table ("Ghi chú: …", "* …")."""
    return bool(_NOTE.match(fold(text)) or text.lstrip().startswith("*"))


@lru_cache(maxsize=65_536)  # every sheet of a workbook repeats the same names
def is_summary(label: str) -> bool:
    """A totals label ("Tổng cộng", "Cộng:", "Tổng số (17 xã)", "Toàn huyện"); a name that
    only begins with such a word ("Cộng Hòa") is not one.

    >>> [is_summary(t) for t in ("Tổng cộng", "Cộng:", "TỔNG SỐ", "Toàn huyện", "Cộng Hòa")]
    [True, True, True, True, False]
    >>> [is_summary(t) for t in ("Tổng số 17 xã", "Công Sơn", "Tống Sơn")]  # names, not totals
    [True, False, False]
    """
    return bool(_SUMMARY.match(fold(label)))


def is_roman(text: str) -> bool:
    """A Roman numeral (I, II, IV, …).

    >>> is_roman("IV"), is_roman("x"), is_roman("Xã"), is_roman("")
    (True, True, False, False)
    """
    t = text.strip().rstrip(".").lower()
    return bool(t) and bool(_ROMAN.match(t))


def _district_words() -> tuple[str, ...]:
    names = {fold(n) for n in vocabulary.unit_type_names("district")}
    return tuple(sorted(names, key=len, reverse=True))


def heading_of(stt: str, label: str, has_number: bool) -> Heading | None:
    """The heading a row is, from its number cell and its label, or None for a data row.

    A row is a heading when its number is a Roman numeral or a single letter, when its label
    is numbered so ("II. HUYỆN ĐÌNH LẬP", "a) Các xã …"), or when, without a number, its label
    names a district with its unit type ("Huyện Bắc Sơn").

    >>> heading_of("I", "HUYỆN BẮC SƠN", False)
    Heading(text='HUYỆN BẮC SƠN', district='BẮC SƠN')
    >>> heading_of("", "A. Xã đăng ký đạt chuẩn", False).district is None
    True
    >>> heading_of("1", "Vũ Sơn", True) is None
    True
    """
    text = label.strip()
    stt = stt.strip().rstrip(".")
    numbered = bool(stt) and (is_roman(stt) or re.fullmatch(r"[A-Za-zĐđ]", stt) is not None)
    if not numbered:
        m = _NUMBERED_HEADING.match(text)
        if m and (is_roman(m.group(1)) or len(m.group(1)) == 1) and not has_number:
            numbered, text = True, m.group(2).strip()
    district = _district_in(text)
    if not numbered and (has_number or district is None):
        return None
    return Heading(text, district)


def _district_in(text: str) -> str | None:
    """The district name after a district unit type at the start of ``text`` ("Huyện X")."""
    key = fold(text)
    words = text.split()
    for w in _district_words():
        if key.startswith(w + " "):
            n = len(w.split())
            return " ".join(words[n:]) or None
    return None


def starts_table(cells: list[object]) -> bool:
    """A row after a blank row that begins another table: a caption alone in its row ("Biểu
    2: Tình hình nợ đọng XDCB", "DANH SÁCH THÔN ĐẠT CHUẨN …") or a row of three or more
    header words; never a place, a total, a heading, a note or the footer.

    >>> starts_table(["Biểu 2: Tình hình nợ đọng xây dựng cơ bản"])
    True
    >>> starts_table(["STT", "Tên công trình", "Số nợ (triệu đồng)"])
    True
    >>> starts_table(["II", "HUYỆN CAN LỘC"]), starts_table(["", "Cộng", 9]), starts_table([3])
    (False, False, False)
    """
    from ntm_analysis.sources.sheets.title import is_place, names_a_unit

    filled = [v for v in cells if v is not None and v != "" and not str(v).isspace()]
    texts = [str(v).strip() for v in filled if isinstance(v, str)]
    if not filled or len(texts) != len(filled) or len(texts) == 2:
        return False
    digits = len(texts) > 1 and any(re.search(r"\d", t) for t in texts)
    if digits or any(is_place(t) or names_a_unit(t) for t in texts):
        return False
    lead = texts[0]
    if is_note(lead) or is_summary(lead) or is_end(lead) or heading_of("", lead, False):
        return False
    return len(texts) >= 3 or len(lead) >= 12
