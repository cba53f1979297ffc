"""The words of a commune's status: tiers and their order (from the vocabulary), the bases a
status can rest on, the classes a unit can be drawn in, and their labels in Vietnamese and
English. `status`, `inheritance` and the maps read them from here.
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.lexicon import formats, vocabulary

TIERS = vocabulary.keys("tiers", level="")  # commune tiers, lowest first
TIER_RANK = {t.key: t.order for t in vocabulary.terms("tiers") if t.key in TIERS}

# What a unit's status rests on (the ``basis`` column of the status table).
BASES = ("stated", "area_statement", "predecessors", "criteria_sheet", "none")
BASIS_LABELS = {
    "stated": {"vi": "văn bản về chính xã", "en": "the commune's own record"},
    "area_statement": {
        "vi": "văn bản về toàn địa bàn (mọi xã đạt)",
        "en": "a statement that every commune of the area reached it",
    },
    "predecessors": {"vi": "theo các xã cũ", "en": "from the former communes"},
    "criteria_sheet": {"vi": "bảng chấm tiêu chí", "en": "a criteria sheet"},
    "none": {"vi": "không có số liệu", "en": "no record"},
}

BASIS_SHORT = {
    "stated": {"vi": "", "en": ""},
    "area_statement": {"vi": "văn bản toàn địa bàn", "en": "area-wide statement"},
    "predecessors": {"vi": "theo xã cũ", "en": "from former communes"},
    "criteria_sheet": {"vi": "bảng tiêu chí", "en": "criteria sheet"},
    "none": {"vi": "", "en": ""},
}
_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")

# Classes a unit is drawn in besides the tiers.
TIER_UNKNOWN = "tier_unknown"  # a score or band, no tier
NO_DATA = "no_data"  # in the programme, nothing recorded
OUT = "out_of_programme"  # a ward, a township, a commune a source excludes
SCOPE_UNKNOWN = "scope_unknown"  # no rule says whether the unit takes part (a 2025 đặc khu)
CLASS_LABELS = {
    TIER_UNKNOWN: {"vi": "Có điểm tiêu chí, chưa rõ mức", "en": "Scored, tier not stated"},
    NO_DATA: {"vi": "Không có số liệu", "en": "No data"},
    OUT: {
        "vi": "Ngoài chương trình xã NTM (phường, thị trấn, xã được loại trừ)",
        "en": "Outside the commune programme (wards, townships, excluded communes)",
    },
    SCOPE_UNKNOWN: {
        "vi": "Chưa rõ có thuộc chương trình (không có quy định cho loại đơn vị này)",
        "en": "Programme scope not stated for this kind of unit",
    },
}


def _lang(lang: str) -> str:
    if lang not in vocabulary.LANGS:
        raise ValueError(f"lang must be one of {vocabulary.LANGS}, not {lang!r}")
    return lang


def tier_label(tier_class: str, lang: str = "vi") -> str:
    """Label of a tier (from the vocabulary) or of one of the other classes.

    >>> tier_label("advanced"), tier_label("tier_unknown", "en")
    ('NTM nâng cao', 'Scored, tier not stated')
    """
    if tier_class in CLASS_LABELS:
        return CLASS_LABELS[tier_class][_lang(lang)]
    return vocabulary.label("tiers", tier_class, lang)


def basis_label(basis: str, lang: str = "vi") -> str:
    """What a status rests on, in words.

    >>> basis_label("area_statement", "en")
    'a statement that every commune of the area reached it'
    """
    return BASIS_LABELS[basis][_lang(lang)]


def inline(label: str) -> str:
    """A label as it reads inside a phrase: its first word lower-cased unless it is an
    acronym ('Đạt chuẩn NTM' → 'đạt chuẩn NTM'; 'NTM nâng cao' stays)."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() else label[:1].lower() + label[1:]


def at_least(tier: str, lang: str = "vi") -> str:
    """'ít nhất NTM nâng cao' / 'at least advanced NTM'.

    >>> at_least("ntm"), at_least("advanced"), at_least("advanced", "en")
    ('ít nhất đạt chuẩn NTM', 'ít nhất NTM nâng cao', 'at least advanced NTM')
    """
    head = "ít nhất" if _lang(lang) == "vi" else "at least"
    return f"{head} {inline(tier_label(tier, lang))}"


def when(text: object, lang: str = "vi") -> str:
    """A record's date as readers write it: a year, a period, a month or a day.

    >>> when("2021-2022"), when("2025-11"), when("2023"), when("2024-01-17", "en")
    ('2021–2022', 'tháng 11/2025', '2023', '17 Jan 2024')
    """
    if text is None or text is pd.NA or str(text) in ("", "nan", "<NA>"):
        return ""
    m = _PERIOD.match(str(text))
    if m:
        return f"{m.group(1)}–{m.group(2)}"
    return formats.year_or_date(str(text), lang)


def record_text(tier: str, basis: str, date: object, lang: str = "vi") -> str:
    """'ít nhất NTM nâng cao (văn bản toàn địa bàn, tháng 11/2025)' or 'NTM nâng cao (2023)'.

    >>> record_text("advanced", "stated", "2023")
    'NTM nâng cao (2023)'
    """
    head = tier_label(tier, lang) if basis == "stated" else at_least(tier, lang)
    bits = [b for b in (BASIS_SHORT.get(basis, {}).get(lang, ""), when(date, lang)) if b]
    return f"{head} ({', '.join(bits)})" if bits else head
