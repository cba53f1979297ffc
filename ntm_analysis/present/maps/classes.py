"""What the maps draw and how it is named: status classes and criteria bands, their colours,
labels and the maps' other texts in Vietnamese and English, and HTML escaping.

The classes themselves (tier keys, `status.TIER_UNKNOWN`, `status.NO_DATA`, bands) come from
`analysis.status`; tier labels from the vocabulary through `status.tier_label`.
"""

from __future__ import annotations

import html

import pandas as pd

from ntm_analysis.analysis import status
from ntm_analysis.present import charts

TIER_UNKNOWN_COLOR = "#fee391"
BAND_COLORS = {
    "19": "#1a9850",
    "15–18": "#91cf60",
    "10–14": "#fc8d59",
    "< 10": "#d73027",
    status.BAND_OTHER: "#bababa",
}
BAND_KEYS = tuple(name for _, _, name in status.BANDS)
REGION_OUTLINE = {"East": charts.REGION_COLORS["east"], "West": charts.REGION_COLORS["west"]}

TEXT = {
    "units_with_data": {
        "vi": "{n}/{total} đơn vị cấp xã có số liệu",
        "en": "{n} of {total} commune-level units have data",
    },
    "no_position": {
        "vi": "{n} đơn vị không có tọa độ, không vẽ được",
        "en": "{n} units have no coordinates and are not drawn",
    },
    "by_tier": {"vi": "Mức đạt chuẩn", "en": "Tier"},
    "by_band": {"vi": "Số tiêu chí NTM đạt (bộ 19 tiêu chí)", "en": "NTM criteria met (of 19)"},
    "band_prefix": {"vi": "Tiêu chí đạt", "en": "Criteria met"},
    "no_band": {"vi": "Không có số liệu tiêu chí", "en": "No criteria data"},
    "band_other": {"vi": "Khoảng khác", "en": "Other range"},
    "point": {
        "vi": "Điểm: tọa độ tham chiếu chính thức của đơn vị",
        "en": "Points: official reference coordinates",
    },
    "cell": {
        "vi": "Ô xấp xỉ quanh tọa độ tham chiếu, không phải ranh giới thật",
        "en": "Approximate cells around reference points, not real boundaries",
    },
    "boundary": {"vi": "Ranh giới từ tệp {file}", "en": "Boundaries from {file}"},
    "unmatched": {
        "vi": "{n} vùng trong tệp ranh giới không khớp đơn vị nào",
        "en": "{n} features of the boundary file matched no unit",
    },
    "unmet": {"vi": "Tiêu chí chưa đạt", "en": "Criteria not met"},
    "of": {"vi": "{met}/{total} tiêu chí ({set})", "en": "{met} of {total} criteria ({set})"},
    "history": {"vi": "Các lần ghi nhận", "en": "Records"},
    "predecessors": {
        "vi": "Xã cũ có số liệu (trước 01/7/2025)",
        "en": "Former communes with a status (before 1 Jul 2025)",
    },
    "predecessor_note": {
        "vi": "{n} đơn vị mới có xã cũ được ghi nhận (xem popup)",
        "en": "{n} new units have former communes with a status (see popups)",
    },
    "region_layer": {"vi": "Ranh giới vùng (sơ đồ)", "en": "Region outline (schematic)"},
}


def text(key: str, lang: str, **kw: object) -> str:
    """A map text of `TEXT` in ``lang``, with its placeholders filled."""
    return TEXT[key][lang].format(**kw)


def escape(value: object) -> str:
    """HTML-escape a value from data (quotes too); None and NA become ""."""
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def band_classes(with_other: bool = True) -> list[str]:
    """Band classes drawn, best first: the bands, "other" (optional) and "" (no band)."""
    return [*BAND_KEYS, *([status.BAND_OTHER] if with_other else []), ""]


def class_color(view: str, key: str) -> str:
    """Fill colour of a class of the ``tier`` or ``band`` view."""
    if view == "band":
        return BAND_COLORS.get(key, charts.TIER_COLORS[status.NO_DATA])
    return TIER_UNKNOWN_COLOR if key == status.TIER_UNKNOWN else charts.TIER_COLORS[key]


def class_label(view: str, key: str, lang: str) -> str:
    """Label of a class of the ``tier`` or ``band`` view."""
    if view == "band":
        if key == "":
            return text("no_band", lang)
        return text("band_other", lang) if key == status.BAND_OTHER else key
    if key == status.NO_DATA:
        return charts.label(key, lang)
    return status.tier_label(key, lang)


def swatch(color: str, round_: bool) -> str:
    """A small coloured square (or disc, for point markers) for legends and layer names."""
    radius = "50%" if round_ else "2px"
    return (
        f'<span style="display:inline-block;width:11px;height:11px;margin-right:5px;'
        f'vertical-align:-1px;border:1px solid #555;border-radius:{radius};background:{color}">'
        "</span>"
    )
