"""Header wordings: which field a column header names, group by group.

A group is called with the header text as written and its folded key (`textnorm.fold`:
no diacritics, lower case, punctuation as spaces) and returns a field name or None. A field
may carry a parameter after ":" (criterion number, year, money category, measure). The
programme's words (sources of funds, tiers) are the vocabulary's (`lexicon.vocabulary`),
matched on the text as written, diacritics and all; generic header words ("ghi chú", "năm",
"tên xã") are patterns that must match the whole folded key, specific wordings first. Each
kind of table (`kinds.KINDS`) lists the groups it reads, in order; the first hit wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ntm_analysis.lexicon import vocabulary

HeaderWords = Callable[[str, str], str | None]


class Wordings:
    """Fields and the regular expressions their folded headers match in full.

    A pattern with a group named ``p`` gives the field that group as its parameter.
    """

    def __init__(self, *pairs: tuple[str, str]):
        self.pairs = tuple((name, re.compile(p)) for name, p in pairs)

    def __call__(self, text: str, key: str) -> str | None:
        for name, pat in self.pairs:
            m = pat.fullmatch(key)
            if m:
                return f"{name}:{m['p']}" if "p" in pat.groupindex else name
        return None


COMMON = Wordings(
    ("stt", r"(stt|tt|so tt|so thu tu|no|nr|number|#)?"),
    ("note", r"(ghi chu|note|notes|remarks?)( .*)?"),
    ("unit_code", r"(ma|ma so|ma xa|ma don vi|ma dvhc|code|commune code|unit code)"),
    ("criteria_set", r"(bo tieu chi|criteria set)"),
    (
        "year",
        r"(nam|year|nam danh gia|nam cong nhan|nam dat chuan|nam bao cao|reporting year)",
    ),
)
AREA = Wordings(
    ("province", r"(ten )?(tinh|tinh thanh pho|tinh tp|province|province city)( .*)?"),
    ("district", r"(ten )?(huyen|quan huyen|huyen thi xa|huyen thi xa thanh pho|district)( .*)?"),
    (
        "commune",
        r"(ten )?(xa|xa phuong|xa phuong thi tran|phuong xa|commune|ward|commune ward)"
        r"( .*)?|don vi hanh chinh cap xa|don vi cap xa",
    ),
)
# The name column of a commune-level form may be headed "Đơn vị" / "Tên đơn vị".
UNIT_NAME = Wordings(("commune", r"(ten )?don vi( hanh chinh)?( cap xa)?"))
# An area column named without its level ("Đơn vị", "Địa phương"): its level comes from
# what the sheet states (a district's sheet lists communes, a province's districts).
AREA_UNIT = Wordings(("area_unit", r"(ten )?(don vi|dia phuong|dia ban|don vi hanh chinh)"))
# A commune's score: "Số tiêu chí đạt", "Tổng số tiêu chí đạt", "Số TC đạt được".
SCORE = Wordings(
    (
        "criteria_met",
        r"(so |tong so |tong )?(tieu chi|tc) (da )?dat( duoc| chuan)?( \(tieu chi\))?"
        r"|criteria met|number of criteria met",
    ),
)
COUNT_TOTAL = Wordings(
    ("count:communes_total", r"(tong so xa|so xa|tong so|total communes|communes total|total)"),
)
TIERS = Wordings(
    (
        "decision_date",
        r"ngay (ky |ban hanh )?(quyet dinh|qd|cong nhan)( cong nhan)?|ngay ky|ngay ban hanh"
        r"|(decision date|date of (the )?decision)",
    ),
    ("decision", r".*(quyet dinh|decision).*|(so )?(qd|so hieu qd)( cong nhan)?"),
    ("model_field", r"(linh vuc|linh vuc kieu mau|model field|field)"),
    ("record_kind", r"(loai ban ghi|record kind|hinh thuc)"),
    (
        "tier",
        r"(muc dat chuan|muc do dat chuan|muc dat|hang|danh hieu|ket qua|xep loai|tier|status"
        r"|tier status|muc|trang thai)( .*)?",
    ),
    ("yearcol", r"(nam )?(year )?(?P<p>(19|20)\d\d)"),
)
# A funding column per year ("Năm 2021"): the amount of that year, of the source the row's
# "Nguồn vốn" cell or the title names.
YEAR_AMOUNT = Wordings(("year_amount", r"(nam |year )?(?P<p>(19|20)\d\d)"))
# Columns a criteria sheet derives from its marks: a classification ("Xếp loại") or a share
# ("Tỷ lệ (%)"); not read, told as a notice.
DERIVED = Wordings(
    (
        "derived",
        r"(xep loai|xep hang|phan loai|danh gia chung|ty le|ti le|ty le dat|ti le dat)"
        r"( .*)?|classification|rank(ing)?|share|percent(age)?( .*)?",
    ),
)
MONEY_LONG = Wordings(
    ("source_category", r"(nguon von|nguon|source|source of funds|source category|funding source)"),
    ("flow", r"(loai von|flow|hinh thuc|trang thai von)"),
    ("period", r"(giai doan|ky|period|nam giai doan)"),
    ("amount", r"(so tien|kinh phi|gia tri|so von|von|amount|value)( .*)?"),
)
WORKS = Wordings(
    ("works_type", r"(ten |loai )?(cong trinh|hang muc)( .*)?|works?( type)?|project( type)?"),
    ("works:works_completed", r"(so cong trinh |da )?hoan thanh( .*)?|completed|done"),
    (
        "works:works_in_progress",
        r"(dang thi cong|dang trien khai|dang thuc hien|in progress|under construction)( .*)?",
    ),
    (
        "works:works_planned",
        r"(ke hoach|so cong trinh ke hoach|tong so cong trinh|planned|plan)( .*)?",
    ),
    ("works:progress_pct", r"(tien do|ty le hoan thanh|ti le hoan thanh|progress)( .*)?"),
    ("works:length_km", r"(chieu dai|length)( .*)?"),
    ("works:value", r"(gia tri|kinh phi|von|value|cost)( .*)?"),
)
_CRITERION = re.compile(
    r"(?:(?:cac|ket qua|muc do dat|danh gia) )?"
    r"(?:tc|tieu chi|tieu chi so|tc so|criterion|criteria|criterion no|c)\s*(\d{1,2})(?: .*)?"
    r"|(\d{1,2})(?: [a-z].*)?"
)


def category_column(text: str, key: str) -> str | None:
    """``category:<key>`` for a column naming a source of funds (`vocabulary`), else None.

    >>> category_column("Nhân dân đóng góp", "nhan dan dong gop")
    'category:community'
    """
    found = vocabulary.funding_category_of(text)
    return f"category:{found}" if found else None


_COUNTED_TIERS = tuple(t for t in vocabulary.keys("tiers", level="") if t != "none")


def count_column(text: str, key: str) -> str | None:
    """``count:communes_<tier>`` for a column counting the communes of a tier, else None.

    >>> count_column("Số xã đạt chuẩn NTM nâng cao", "so xa dat chuan ntm nang cao")
    'count:communes_advanced'
    """
    tier = vocabulary.tier_of(text)
    return f"count:communes_{tier}" if tier in _COUNTED_TIERS else None


_REACHED = re.compile(r"(nam|year) (dat chuan|duoc cong nhan|cong nhan|dat|reached) .+")


def tier_year_column(text: str, key: str) -> str | None:
    """``tier_year:<tier>`` for a column giving the year a commune reached a tier ("Năm
    đạt chuẩn NTM nâng cao"), else None.

    >>> tier_year_column("Năm đạt chuẩn NTM nâng cao", "nam dat chuan ntm nang cao")
    'tier_year:advanced'
    """
    if not _REACHED.fullmatch(key):
        return None
    tier = vocabulary.tier_of(text)
    return f"tier_year:{tier}" if tier in _COUNTED_TIERS else None


def criterion_column(text: str, key: str) -> str | None:
    """``criterion:N`` for a criterion column ("TC14", "Tiêu chí 14 Y tế", "14"), else None.

    >>> criterion_column("Tiêu chí 14 Y tế", "tieu chi 14 y te")
    'criterion:14'
    """
    m = _CRITERION.fullmatch(key)
    return f"criterion:{int(m.group(1) or m.group(2))}" if m else None
