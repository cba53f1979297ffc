"""The OCR repair pass of `ntm extract` (`sources/reports/ocr_repair.py`): which words it
repairs, into what, where it leaves the text alone, and that facts still quote the print."""

from __future__ import annotations

import pytest

from ntm_analysis.sources.reports import sentences
from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.ocr_repair import (
    damage_logp,
    is_syllable,
    repair,
    repair_word,
)
from ntm_analysis.sources.reports.reading import Line
from ntm_analysis.sources.reports.sentences import split_sentences

HEADER = "UBND TỈNH NINH BÌNH"


def _facts(*texts: str) -> list[dict]:
    lines = [Line(i, t) for i, t in enumerate([HEADER, *texts], start=1)]
    return extract_lines(lines, "inline")


@pytest.mark.parametrize(
    ("printed", "letters"),
    [
        ("x4", "xa"),  # a digit for a marked vowel
        ("x&", "xa"),
        ("pat", "dat"),  # "đ" read as "p": no Vietnamese word starts with a bare "p"
        ("chuin", "chuan"),  # a rhyme Vietnamese spelling lacks
        ("méi", "moi"),
        ("dpdi", "duoi"),
        ("gdm", "gom"),  # no vowel left
        ("thudc", "thuoc"),
        ("huy¢n", "huyen"),
    ],
)
def test_misprints_that_cannot_be_syllables_are_repaired_to_letters(printed, letters):
    assert not is_syllable(printed)
    assert repair_word(printed, damaged_context=False) == letters


def test_a_word_that_could_be_a_syllable_is_repaired_only_in_a_damaged_sentence():
    assert is_syllable("nim")
    assert repair_word("nim", damaged_context=False) is None
    assert repair_word("nim", damaged_context=True) == "nam"


def test_known_words_are_never_repaired():
    for w in ("chuẩn", "xã", "đạt", "huyện", "Xuân"):
        assert repair_word(w, damaged_context=True) is None


def test_the_noise_model_prefers_damage_the_seeds_showed():
    # "ớ" printed "é" is in the table; a whole other vowel is not
    assert damage_logp("méi", "mới") > damage_logp("méi", "mai")
    assert damage_logp("x4", "xã") > damage_logp("x4", "xe")


@pytest.mark.parametrize(
    "clean",
    [
        "Năm 2023 toàn tỉnh có 12 xã đạt chuẩn nông thôn mới.",
        "Tỷ lệ hộ nghèo còn 3,15%; UBND tỉnh ban hành Quyết định số 35/QĐ-UBND.",
        "Vốn ngân sách Trung ương: 25.300 tr.đồng (NSTW).",
    ],
)
def test_clean_text_is_left_alone(clean):
    assert repair(clean) is None


def test_names_are_left_as_printed_for_the_place_matcher():
    r = repair("Nim 2023 x4 Long Png pat chuin NTM")
    assert r is not None
    assert "Long Png" in r.text
    assert r.text.startswith("Nam 2023 xa Long Png dat chuan")


def test_the_map_back_gives_the_printed_span():
    printed = "Nim 2022 con 31 xa dat dpdi 10 tiéu chi."
    r = repair(printed)
    assert (r is not None and len(r.text) != len(printed)) or r.text != printed
    start = r.text.index("dat")
    end = r.text.index("chi") + 3
    assert r.printed(printed, start, end) == "dat dpdi 10 tiéu chi"
    assert r.printed(printed, 0, len(r.text)) == printed


def test_sentences_keep_the_print_and_their_lines():
    lines = [Line(7, "Nim 2022 con 31 xa dat"), Line(8, "dpdi 10 tiéu chi.")]
    (s,) = split_sentences(lines)
    assert s.as_printed == "Nim 2022 con 31 xa dat dpdi 10 tiéu chi."
    assert s.text != s.as_printed
    at = s.text.index("10 ti")
    assert s.line_at(at) == 8
    assert s.quote(at, len(s.text)) == "10 tiéu chi."


@pytest.mark.parametrize(
    ("printed", "kind", "quote"),
    [
        ("Nim 2022 con 31 xa dat dpdi 10 tiéu chi.", "criteria_band_count", "dpdi 10 tiéu chi"),
        ("Nim 2021, huyén c6 42 xa uat chuan nong thon méi.", "tier_count", "42 xa uat chuan"),
        ("Dén nay toan tinh c6 42 xa dah chuan nong thon méi.", "tier_count", "xa dah chuan"),
    ],
)
def test_facts_the_patterns_miss_are_read_after_repair_and_quote_the_print(
    printed, kind, quote, monkeypatch
):
    facts = [f for f in _facts(printed) if f["kind"] == kind]
    assert len(facts) == 1
    assert quote in facts[0]["text"]
    assert facts[0]["line"] == 2
    monkeypatch.setattr(sentences, "repair", lambda text: None)
    assert not [f for f in _facts(printed) if f["kind"] == kind]


def test_a_damaged_decision_number_is_read_with_its_type_put_back():
    facts = _facts(
        "Ngay 3/4/2024, UBND tỉnh ban hanh Quyét dinh sd 512/QP-UBND cong nhan thém 6 xa"
        " dat chuan nong thon méi nang cao."
    )
    (flow,) = [f for f in facts if f["kind"] == "recognised_count"]
    assert (flow["count"], flow["tier"], flow["decision"]) == (6, "advanced", "512/QĐ-UBND")


def test_an_unknown_document_code_is_left_as_printed():
    facts = _facts("Theo Quyết định số 77/XYZ-UBND, tỉnh công nhận thêm 2 xã đạt chuẩn NTM.")
    (flow,) = [f for f in facts if f["kind"] == "recognised_count"]
    assert flow["decision"] == "77/XYZ-UBND"
