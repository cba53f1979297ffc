"""The field a model commune is recognised in ("NTM kiểu mẫu về giáo dục", "… (lĩnh vực văn
hóa)"), named from the vocabulary's model fields."""

from __future__ import annotations

import re

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.folding import clipped
from ntm_analysis.sources.reports.folding import word as W

_FIELD_DIRECT = re.compile(
    rf"\W{{0,3}}(?:{W('về')}|{W('lĩnh vực')}|{W('trên lĩnh vực')})?\W{{0,3}}"
    r"(?P<f>[a-z0-9 ]{2,20})"  # the field: a few words
)
_FIELD_LATER = re.compile(rf"{W('lĩnh vực')}\W{{1,3}}(?P<f>[a-z0-9 ]{{2,40}})")
_FIELDS = T.keyed("model_fields")
# "…, lần lượt ở lĩnh vực văn hóa và lĩnh vực sản xuất": one field for each name, in order
_RESPECTIVELY = re.compile(
    rf"{W('lần lượt')}\W{{1,3}}(?:(?:{W('ở')}|{W('là')}|{W('về')})\W{{1,3}})?"
)
_PARTS = re.compile(rf"\s*(?:,|;|\s{W('và')})\s*")
# A field whose last word OCR left unreadable ("chuyển đổi s6"), tried after the full words.
_FIELDS_CLIPPED = [
    (key, re.compile(clipped(text)))
    for key in _FIELDS
    for text in T.prose_spellings("model_fields", key)
    if " " in text
]


def model_field(folded_after: str) -> str | None:
    """The model commune's field: right after the tier ("kiểu mẫu về giáo dục") or named as
    "lĩnh vực …" later in the sentence ("kiểu mẫu năm 2024 (lĩnh vực văn hóa)", "lĩnh vực nổi
    trội là sản xuất").

    >>> model_field(" ve giao duc"), model_field(" nam 2024 (linh vuc van hoa)")
    ('education', 'culture')
    >>> model_field(" ve chuyen doi s."), model_field(" ve chuyen dei s6")  # last word lost
    ('digital', 'digital')
    >>> model_field(' "ve phat trien san xuat" nam 2023'), model_field(" ve bao ve moi truong")
    ('production', 'environment')
    """
    direct = _FIELD_DIRECT.match(folded_after)
    if direct:  # "về giáo dục", or a head noun first: "về Phát triển sản xuất"
        words = direct.group("f")
        found = _field_named(words, anywhere=False) or _field_named(words, anywhere=True)
        if found:
            return found
    later = _FIELD_LATER.search(folded_after)
    return _field_named(later.group("f"), anywhere=True) if later else None


def _field_named(words: str, anywhere: bool) -> str | None:
    for key, rx in _FIELDS.items():
        if (rx.search if anywhere else rx.match)(words):
            return key
    for key, rx in _FIELDS_CLIPPED:
        if (rx.search if anywhere else rx.match)(words):
            return key
    return None


def respective_fields(folded_after: str, n: int) -> list[str] | None:
    """The fields of ``n`` model communes named in order after "lần lượt" ("… kiểu mẫu năm
    2024, lần lượt ở lĩnh vực văn hóa và lĩnh vực sản xuất"), or None when they do not add
    up to one field a name.

    >>> respective_fields(" nam 2024, lan luot o linh vuc van hoa va linh vuc san xuat.", 2)
    ['culture', 'production']
    """
    m = _RESPECTIVELY.search(folded_after)
    if m is None or n < 2:
        return None
    text = re.split(r"[.;()]", folded_after[m.end() :])[0]
    found = [model_field(" " + part) for part in _PARTS.split(text)]
    keys = [k for k in found if k]
    return keys if len(keys) == n == len(found) else None
