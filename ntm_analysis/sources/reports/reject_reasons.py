"""Why a fact made no data-model row (``extract_rejects.csv``), in English and Vietnamese.

`to_raw` raises `Rejected` with a catalogue key and its arguments, never a sentence; the
sentence is made when the reject is written, in the language of ``ntm extract --lang``
(Vietnamese by default, like the messages of ``ntm check``). A data-model rule's reason is
given in the words of the sheets' catalogue (`sheets.messages`), which holds every rule.

>>> r = Rejected("no_year_target")
>>> r.render("en"), r.render("vi")
('a target without a year', 'chỉ tiêu không ghi năm')
>>> model_reason("funding", "a year, as_of date or period is required", "vi")
'funding: cần có năm, ngày số liệu (as_of) hoặc giai đoạn'
"""

from __future__ import annotations

from typing import Any

from ntm_analysis.sources.sheets.messages import CATALOGUE

# key: (English, Vietnamese); str.format fields, {x!r} quotes a text
REASONS: dict[str, tuple[str, str]] = {
    "no_area": (
        "no area: the report names no place for this figure",
        "không có địa bàn: văn bản không nêu nơi của số liệu này",
    ),
    "no_year_target": ("a target without a year", "chỉ tiêu không ghi năm"),
    "unit_level": (
        "unit level {level!r} is not a data-model unit",
        "cấp đơn vị {level!r} không có trong mô hình dữ liệu",
    ),
    "no_tier_total": (
        "a count without a tier or a total",
        "số đếm không có mức đạt chuẩn hay tổng số",
    ),
    "no_level_tier": (
        "a flow without a unit level or a tier",
        "số công nhận không có cấp đơn vị hay mức đạt chuẩn",
    ),
    "no_commune": ("no commune named", "không nêu tên xã"),
    "no_commune_province": ("the commune's province is unknown", "không rõ tỉnh của xã"),
    "group_average": (
        "the average of a group of communes ({scope}), not of the area",
        "bình quân của một nhóm xã ({scope}), không phải của cả địa bàn",
    ),
    "no_set": (
        "the criteria set is not stated (set criteria_set to review)",
        "văn bản không nêu bộ tiêu chí (điền criteria_set khi rà soát)",
    ),
    "no_criterion": (
        "no criterion of {criteria_set} is named {name!r}",
        "bộ tiêu chí {criteria_set} không có tiêu chí nào tên {name!r}",
    ),
    "no_year_assessment": ("an assessment without a year", "đánh giá tiêu chí không ghi năm"),
    "no_flow": (
        "the flow is not stated (allocated, disbursed, mobilised or planned)",
        "không nêu dòng vốn (phân bổ, giải ngân, huy động hay kế hoạch)",
    ),
    "no_period": ("no period or year", "không ghi giai đoạn hay năm"),
    "no_table": ("no data-model table holds {kind!r}", "không bảng dữ liệu nào chứa {kind!r}"),
    "below_threshold": (
        "confidence {confidence} is below --min-confidence {threshold}",
        "độ tin cậy {confidence} thấp hơn ngưỡng --min-confidence {threshold}",
    ),
}
_RULES = {en: vi for key, (en, vi) in CATALOGUE.items() if key.startswith("rule_")}


class Rejected(ValueError):
    """A fact that cannot be a valid data-model row: a `REASONS` key and its arguments."""

    def __init__(self, key: str, **args: Any) -> None:
        self.key, self.args_ = key, args
        super().__init__(self.render("en"))

    def render(self, lang: str = "vi") -> str:
        """The reason in ``lang`` (vi or en)."""
        en, vi = REASONS[self.key]
        return (vi if lang == "vi" else en).format(**self.args_)


def model_reason(table: str, reason: str, lang: str = "vi") -> str:
    """A data-model rule's reason for a row of ``table``, in ``lang`` (as given when the
    catalogue does not hold it)."""
    text = _RULES.get(reason, reason) if lang == "vi" else reason
    return f"{table}: {text}"
