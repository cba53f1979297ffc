"""Regexes for the words and numbers that NTM reports state figures with (folded, OCR-tolerant).

Everything here matches the folded text of `folding.fold_chars` (no diacritics, lower case).
Vocabulary is the programme's own: unit words (xã, thôn, huyện), tiers (đạt chuẩn nông
thôn mới, nâng cao, kiểu mẫu), criteria (tiêu chí), money (triệu/tỷ đồng).
"""

from __future__ import annotations

import re

from ntm_analysis.sources.reports.folding import word as W

SEP = r"[\s\W_]{1,3}"
# Vietnamese numbers group thousands with "." and mark decimals with ","; an English decimal
# point ("286.5", "98.2") is accepted where "." cannot be a thousands separator (1–2 digits
# after it). The lookbehind keeps a match from starting inside a longer number.
NUM = r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.\d])|\d+\.\d{1,2}(?![.\d])|\d+(?:,\d+)?)"
PCT = rf"(?P<pct>{NUM})\s?%"

XA = W("xã")
THON = W("thôn")
BAN = W("bản") + "|" + W("ấp") + "|" + W("xóm") + "|" + W("tổ dân phố") + "|" + W("khu dân cư")
HUYEN = rf"(?:{W('huyện')}|{W('đơn vị cấp huyện')}|{W('thị xã')}|{W('thành phố')}|{W('quận')})"
# "mới" is badly damaged by OCR (madi, moéi, m&i, md1): the word after "nông thôn" is enough.
NTM = (
    r"(?:(?<![a-z])ntm(?![a-z])"
    r"|(?<![a-z])n\S{1,3}g\W{1,3}th\S{1,2}n\W{1,3}m[^\s,.;:)]{1,3}(?![a-z]))"
)
RURAL = r"(?<![a-z])n\S{1,3}g\W{1,3}th\S{1,2}n(?![a-z])"
DAT = W("đạt")
CHUAN = W("chuẩn")
DAT_CHUAN = rf"{DAT}{SEP}{CHUAN}"
NANG_CAO = W("nâng cao")
KIEU_MAU = W("kiểu mẫu")
HOAN_THANH_NV = rf"{W('hoàn thành')}{SEP}{W('nhiệm vụ')}"
HOAN_THANH = W("hoàn thành")
TIEU_CHI = r"(?<![a-z])ti\S{0,3}\s{1,2}c[hp]i(?![a-z])"
CONG_NHAN = W("công nhận")
THEM = W("thêm")
CO = W("có")
SO = W("số")
TONG_SO = rf"{W('tổng')}{SEP}{SO}"
NANG_TONG = rf"{W('nâng')}{SEP}{W('tổng')}(?:{SEP}{SO})?"
LEN = W("lên")
CHIEM = W("chiếm")
BINH_QUAN = rf"(?:{W('bình quân')}|{W('trung bình')})"
CHUA_DAT = rf"{W('chưa')}{SEP}{DAT}"
KHO_DAT = rf"{W('khó')}{SEP}{DAT}|{W('khó khăn')}"
YEAR = r"(?<![a-z])n[a-z&4@]{0,2}m\W{0,2}(?P<year>(?:19|20)\d\d)(?!\d)"
PERIOD = r"(?P<period>(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d)"
RATIO = r"(?P<count>\d{1,3}(?:\.\d{3})+|\d+)\s?/\s?(?P<total>\d{1,3}(?:\.\d{3})+|\d+)"

MONEY_UNIT = (
    r"(?P<unit>ng(?:h[i1]|[a4])n\s{0,2}t[yi1]\W{0,2}d\S{0,3}ng|t[yi1]\W{0,2}d\S{0,3}ng|t[yi]\s?d(?![a-z])|tr\S{0,4}\s{0,2}d\S{0,3}ng|tr\.?\s?d(?![a-z])"
    r"|ngh[i1]n\s{0,2}d\S{0,3}ng|ng[a4]n\s{0,2}d\S{0,3}ng|1\s{1,2}d[o0]ng|d[o0]ng|vnd)(?![a-z])"
)
AMOUNT = rf"(?P<amount>{NUM})\s{{0,2}}{MONEY_UNIT}"

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
            rf"{W('đạt được')}",
            rf"{W('lũy kế')}|{W('luỹ kế')}",
            rf"{W('đến nay')}",
            rf"{W('được công nhận')}",
        ]
    )
)
HEADING_PLAN = re.compile(
    rf"{W('kế hoạch')}|{W('mục tiêu')}|{W('nhiệm vụ')}|{W('phương hướng')}|{W('giải pháp')}"
    rf"|{W('đề xuất')}|{W('kiến nghị')}|{W('phấn đấu')}|{W('mục đích')}|{W('nội dung')}"
    r"|(?<![a-z])ph[a-z&4]{1,2}n\W{1,2}d[a-z&4]{0,2}u(?![a-z])"
)
HEADING_DONE = re.compile(rf"{W('kết quả')}|{W('đánh giá')}|{W('tình hình')}|{W('thực trạng')}")


def tier_of(folded: str) -> str | None:
    """The tier a folded phrase names: model, advanced, completed, ntm or None.

    >>> tier_of("dat chuan ntm nang cao"), tier_of("dat chuin ndng then mai kieu miu")
    ('advanced', 'model')
    """
    if re.search(KIEU_MAU, folded):
        return "model"
    if re.search(NANG_CAO, folded):
        return "advanced"
    if re.search(HOAN_THANH_NV, folded) and not re.search(DAT_CHUAN, folded):
        return "completed"
    if re.search(NTM, folded) or re.search(DAT_CHUAN, folded):
        return "ntm"
    return None
