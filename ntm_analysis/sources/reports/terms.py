"""Regexes for the words and numbers that NTM reports state figures with (folded, OCR-tolerant).

Everything here matches the folded text of `folding.fold_chars` (no diacritics, lower case).
Two kinds of words:

* the programme's words — admin-unit types, tiers, criterion statuses, money units, funding
  categories and flows, model-commune fields — are read from the vocabulary CSVs
  (`ntm_analysis.lexicon.vocabulary`, scopes ``any`` and ``prose``) and compiled here with the
  OCR-tolerant `folding.word`; a spelling is added in the CSV, never here;
* the grammar the readers hang figures on ("đạt", "công nhận", "tiêu chí", "chiếm", plan
  markers such as "phấn đấu") and number shapes, written here.
"""

from __future__ import annotations

import re
from functools import cache

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.sources.reports.folding import fold_chars, frame
from ntm_analysis.sources.reports.folding import word as W

SEP = r"[\s\W_]{1,3}"
# Vietnamese numbers group thousands with "." and mark decimals with ","; an English decimal
# point ("286.5", "98.2") is accepted where "." cannot be a thousands separator (1–2 digits
# after it). The lookbehind keeps a match from starting inside a longer number.
NUM = r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.\d])|\d+\.\d{1,2}(?![.\d])|\d+(?:,\d+)?)"
PCT = rf"(?P<pct>{NUM})\s?%"
YEAR = r"(?<![a-z])n[a-z&4@]{0,2}m\W{0,2}(?P<year>(?:19|20)\d\d)(?!\d)"
PERIOD = r"(?P<period>(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d)"
RATIO = r"(?P<count>\d{1,3}(?:\.\d{3})+|\d+)\s?/\s?(?P<total>\d{1,3}(?:\.\d{3})+|\d+)"

# ---------------------------------------------------------------------------- vocabulary

_PROSE_SCOPES = ("any", "prose")


def prose_spellings(domain: str, *keys: str, level: str | None = None) -> list[str]:
    """Prose spellings of ``keys`` of a vocabulary domain (every key when none is given; with
    ``level``, the keys of that level), one per folded form, longest first.

    >>> prose_spellings("unit_types", level="district")
    ['thành phố', 'thị xã', 'huyện', 'quận']
    """
    if level is not None:
        keys = (*keys, *vocabulary.keys(domain, level=level))
    seen: dict[str, str] = {}
    for sp in vocabulary.spellings(domain):
        if sp.scope in _PROSE_SCOPES and (not keys or sp.key in keys):
            seen.setdefault(fold_chars(sp.text), sp.text)
    return sorted(seen.values(), key=len, reverse=True)


def spelled(domain: str, *keys: str, level: str | None = None, literal: bool = False) -> str:
    """OCR-tolerant regex for the prose spellings of ``keys`` (see `prose_spellings`); "A … B" in a
    spelling is A, then B later in the text. With ``literal``, letters are matched as spelled.

    >>> bool(re.search(spelled("unit_types", "xa"), fold_chars("có 12 x4 đạt")))
    True
    """
    forms = [
        ".*".join(
            W(part.strip(), strict=fold_chars(part) if literal else "")
            for part in text.split(vocabulary.GAP)
        )
        for text in prose_spellings(domain, *keys, level=level)
    ]
    return "(?:" + "|".join(forms) + ")"


@cache
def keyed(domain: str) -> dict[str, re.Pattern[str]]:
    """Per key of ``domain``, the compiled regex of its prose spellings (keys without any
    prose spelling are left out)."""
    return {
        k: re.compile(spelled(domain, k))
        for k in vocabulary.keys(domain)
        if prose_spellings(domain, k)
    }


# Admin-unit types. A commune count is a count of "xã" (wards and towns do not reach NTM).
XA = spelled("unit_types", "xa")
THON = spelled("unit_types", "thon")
VILLAGE = spelled("unit_types", level="village")
HUYEN = spelled("unit_types", "huyen")
PROVINCE = spelled("unit_types", "tinh")
CITY = spelled("unit_types", "thanh_pho_tw", "thanh_pho")
# "đơn vị cấp huyện" (district-level units) counts districts, towns and cities together
DISTRICT = rf"(?:{W('đơn vị cấp')}{SEP})?{spelled('unit_types', level='district')}"

# Tiers. The words of "đạt chuẩn" also name the first tier in the vocabulary, but readers use
# it as the verb before a tier ("đạt chuẩn NTM nâng cao"): `NTM` is the tier's name only.
DAT = W("đạt")
CHUAN = W("chuẩn")
DAT_CHUAN = rf"{DAT}{SEP}{CHUAN}"
MODEL = spelled("tiers", "model")
ADVANCED = spelled("tiers", "advanced")
COMPLETED = spelled("tiers", "completed")
_NTM_NAMES = [
    t for t in prose_spellings("tiers", "ntm") if not re.fullmatch(DAT_CHUAN, fold_chars(t))
]
# OCR damages the vowels of the Vietnamese name "nông thôn mới" beyond the letter classes
# (madi, moéi, m&i, md1): the frame (`folding.frame`) of a name written with marks is accepted.
_FRAMED = [frame(t) for t in _NTM_NAMES if fold_chars(t) != t.lower()]
NTM = "(?:" + "|".join([W(t) for t in _NTM_NAMES] + _FRAMED) + ")"
_TIER_WORDS = {
    "model": re.compile(MODEL),
    "advanced": re.compile(ADVANCED),
    "completed": re.compile(COMPLETED),
    "ntm": re.compile(f"{NTM}|{spelled('tiers', 'ntm')}"),
}
_DAT_CHUAN = re.compile(DAT_CHUAN)
_NTM = re.compile(NTM)

# Criterion statuses. "đạt" alone is the verb of every figure; a met criterion is "đã đạt"
# (or "đạt" before a number, see the readers).
NOT_MET = spelled("criterion_statuses", "not_met")
DIFFICULT = spelled("criterion_statuses", "difficult")
MET = spelled("criterion_statuses", "met")
NOT_YET = spelled("tiers", "none")  # "chưa đạt chuẩn": a unit that has not reached a tier

# Money. Each unit is a named group (``u_<key>``) so that a match tells its multiplier;
# ``u_damaged`` is a multiplier OCR printed as "1" before "đồng": unreadable. "Đồng" standing
# alone is matched as spelled: read loosely, "Hội đồng" ("Ho1 d6ng") would be 1 đồng.
MONEY_KEYS = tuple(sorted(vocabulary.keys("money_units"), key=vocabulary.multiplier, reverse=True))
_DAMAGED_UNIT = r"1\s{1,2}d[o0]ng"
MONEY_UNIT = (
    "(?P<unit>"
    + "|".join(
        [f"(?P<u_{k}>{spelled('money_units', k)})" for k in MONEY_KEYS if k != "dong"]
        + [
            f"(?P<u_damaged>{_DAMAGED_UNIT})",
            f"(?P<u_dong>{spelled('money_units', 'dong', literal=True)})",
        ]
    )
    + r")(?![a-z])"
)
AMOUNT = rf"(?P<amount>{NUM})\s{{0,2}}{MONEY_UNIT}"


def money_multiplier(m: re.Match[str]) -> int | None:
    """VND per unit of an `AMOUNT` match, or None when OCR left the unit unreadable."""
    key = next((k for k in MONEY_KEYS if m.group(f"u_{k}")), None)
    return vocabulary.multiplier(key) if key else None


# ---------------------------------------------------------------------------- grammar

NANG_TONG = rf"{W('nâng')}{SEP}{W('tổng')}(?:{SEP}{W('số')})?"
HOAN_THANH = W("hoàn thành")
TIEU_CHI = r"(?<![a-z])ti\S{0,3}\s{1,2}c[hp]i(?![a-z])"
CONG_NHAN = W("công nhận")
# "cán đích", "về đích" (crossed the finish line): a unit newly recognised — the verb of a
# flow ("11 xã cán đích NTM"), standing for "được công nhận đạt chuẩn"
FINISHED = rf"(?:{W('cán đích')}|{W('về đích')})"
THEM = W("thêm")
CO = W("có")
SO = W("số")
TONG_SO = rf"{W('tổng')}{SEP}{SO}"
LEN = W("lên")
CHIEM = W("chiếm")
BINH_QUAN = rf"(?:{W('bình quân')}|{W('trung bình')})"
RURAL = frame("nông thôn")  # "khu vực nông thôn", and the "thôn" that is not a village

# The whole country ("cả nước", "toàn quốc"), from the vocabulary's aggregates.
WHOLE_COUNTRY = spelled("aggregates", "whole_country")
# Words that follow a place named as the subject of a sentence ("Nghệ An hiện có …", "cả nước
# đã có …", "Thanh Hóa đặt mục tiêu …"): a place before one of them is the figures' area.
SUBJECT_VERB = (
    "(?:"
    + "|".join(
        W(w)
        for w in (
            "có", "đã", "hiện", "hiện có", "đặt", "đề ra", "phấn đấu", "đạt", "sẽ", "tiếp tục",
            "vẫn", "được", "huy động", "dự kiến", "còn", "đứng", "xếp", "cũng", "vừa", "chỉ",
        )
    )
    + ")"
)  # fmt: skip

# Sentence markers of a plan, target or registration (not an achievement).
PLAN = re.compile(
    "|".join(
        [
            rf"{W('phấn đấu')}|{W('phần đầu')}",
            r"(?<![a-z])ph[a-z&4]{1,2}n\W{1,2}d[a-z&4]{0,2}u(?![a-z])",
            rf"{W('mục tiêu')}",
            rf"(?<!ban hanh )(?<!xay dung )(?<!theo )(?<!cua )(?<!voi ){W('kế hoạch')}"
            r"(?!\W{1,2}s\S{0,2}\W{1,3}\d)",
            rf"{W('đăng ký')}",
            rf"{W('dự kiến')}",
            rf"{W('lộ trình')}",
            rf"{W('chỉ tiêu')}{SEP}(?:{W('năm')}|{W('giao')})",
            rf"{W('hồ sơ')}{SEP}(?:{W('đề nghị')}|{W('gửi')})",
            rf"{W('đề nghị')}{SEP}{W('xét')}",
            rf"{W('xây dựng')}{SEP}(?:{XA}|{THON}){SEP}[A-Za-z]",
            # a resolution's "đến năm 2025 …" is its target ("Theo Nghị quyết Đại hội …")
            rf"{W('nghị quyết')}(?=[^;.]{{0,80}}{W('đến')}{SEP}(?:(?:{W('hết')}|{W('cuối')}){SEP})?"
            rf"{W('năm')})",
        ]
    )
)
ACHIEVED = re.compile(
    "|".join(
        [
            rf"{W('vượt')}(?:{SEP}{W('mức')})?",
            rf"{W('so với')}{SEP}{W('kế hoạch')}",
            rf"{W('kết quả')}",
            rf"{W('đã đạt')}|{W('đã hoàn thành')}",
            # "đã giải ngân 201,6 tỷ đồng": money already paid out, raised or allotted
            rf"{W('đã')}{SEP}(?:{W('giải ngân')}|{W('huy động')}|{W('phân bổ')}|{W('bố trí')})",
            rf"{W('đạt được')}",
            rf"{W('lũy kế')}|{W('luỹ kế')}",
            rf"{W('đến nay')}",
            rf"{W('hiện nay')}|{W('hiện có')}",
            rf"{W('được công nhận')}",
        ]
    )
)
# "hiện nay", "đến nay": the document's own date (its as-of or dateline), not a year stated
NOW = re.compile(rf"{W('hiện nay')}|{W('hiện có')}|{W('đến nay')}|{W('tới nay')}")
HEADING_PLAN = re.compile(
    rf"{W('kế hoạch')}|{W('mục tiêu')}|{W('nhiệm vụ')}|{W('phương hướng')}|{W('giải pháp')}"
    rf"|{W('đề xuất')}|{W('kiến nghị')}|{W('phấn đấu')}|{W('mục đích')}|{W('nội dung')}"
    r"|(?<![a-z])ph[a-z&4]{1,2}n\W{1,2}d[a-z&4]{0,2}u(?![a-z])"
)
HEADING_DONE = re.compile(rf"{W('kết quả')}|{W('đánh giá')}|{W('tình hình')}|{W('thực trạng')}")


def tier_of(folded: str) -> str | None:
    """The tier a folded phrase names: model, advanced, completed, ntm or None.

    The most advanced tier named wins; "hoàn thành nhiệm vụ" is a district's tier only when
    no "đạt chuẩn" is named with it. A not-yet statement ("chưa đạt chuẩn") is left to the
    readers, which skip it.

    >>> tier_of("dat chuan ntm nang cao"), tier_of("dat chuin ndng then mai kieu miu")
    ('advanced', 'model')
    """
    for key in ("model", "advanced"):
        if _TIER_WORDS[key].search(folded):
            return key
    if _TIER_WORDS["completed"].search(folded) and not _DAT_CHUAN.search(folded):
        return "completed"
    if _TIER_WORDS["ntm"].search(folded):
        return "ntm"
    return None


def names_tier(folded: str) -> bool:
    """Whether the phrase names the first tier itself ("NTM", "nông thôn mới"), not only the
    verb "đạt chuẩn"."""
    return bool(_NTM.search(folded))
