"""`ntm extract`: general mechanisms behind the failures seen on the second held-out corpus,
each tested on sentences written for these tests (names as spelled, a district-level city
against a province that resembles it, space-aligned tables, the year of a wrapped list,
shares and plans, criteria joined by "và").
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from support.inline_report import facts_of, of_kind

from ntm_analysis.sources.reports.aligned import aligned_cells, tab_aligned
from ntm_analysis.sources.reports.names import is_stop_word
from ntm_analysis.sources.reports.reading import Line

_facts, _kind = facts_of, of_kind


def test_a_name_word_spelled_in_full_is_no_stop_word():
    assert not is_stop_word("Chợ", "cho") and not is_stop_word("Tài", "tai")
    assert is_stop_word("Tại", "tai") and is_stop_word("Tai", "tai")
    facts = _facts(
        "Bến Tre", "Năm 2024 có thêm xã Sơn Định, huyện Chợ Lách đạt chuẩn NTM nâng cao."
    )
    assert [f["commune"] for f in _kind(facts, "recognised_commune")] == ["Sơn Định"]
    assert not _kind(facts, "recognised_district")


def test_a_city_spelled_exactly_beats_a_province_that_resembles_it():
    facts = _facts("Thái Nguyên", "Năm 2024, thành phố Phổ Yên có thêm 2 xã đạt chuẩn NTM.")
    assert [(f["area"], f["area_level"]) for f in facts] == [("Phổ Yên", "district")]


def test_space_aligned_rows_become_cells_only_in_a_run():
    assert aligned_cells("1   Gio Linh     12      12") == ["1", "Gio Linh", "12", "12"]
    prose = [Line(1, "Năm nay  tỉnh đã  có thêm 3 xã"), Line(2, "đạt chuẩn.")]
    assert [ln.text for ln in tab_aligned(prose)] == [ln.text for ln in prose]
    table = (
        "Huyện       Tổng số xã   Đạt chuẩn NTM\n"
        "Tràng Định  21           9\n"
        "Văn Lãng    17           8"
    )
    facts = _facts("Lạng Sơn", table)
    assert [(f["area"], f["count"], f["total"]) for f in facts] == [
        ("Tràng Định", 9, 21),
        ("Văn Lãng", 8, 17),
    ]


def test_names_after_a_wrapped_colon_keep_the_frame_and_year():
    text = (
        "Năm 2023, tỉnh công nhận 2 xã đạt chuẩn NTM nâng cao, gồm:\n"
        "Cát Tài, Cát Minh (huyện Phù Cát)."
    )
    named = _kind(_facts("Bình Định", text, "15 tháng 01 năm 2024"), "recognised_commune")
    assert [(f["commune"], f["tier"], f["year"]) for f in named] == [
        ("Cát Tài", "advanced", 2023),
        ("Cát Minh", "advanced", 2023),
    ]


def test_a_share_of_the_plan_is_achieved_and_a_yearly_fall_is_no_level():
    text = (
        "Tỷ lệ hộ nghèo giảm bình quân 1,1%/năm. Giải ngân vốn đạt 96,3% kế hoạch; tỷ lệ hộ"
        " nghèo còn 2,4%."
    )
    facts = _kind(_facts("Long An", text), "percent")
    assert [(f["value"], f["is_target"]) for f in facts] == [(96.3, False), (2.4, False)]


def test_numbered_criteria_joined_by_va_and_met_by_hoan_thanh():
    text = (
        "Xã Tân Tập đã hoàn thành tiêu chí số 6 (Cơ sở vật chất văn hóa) và số 7 (Cơ sở hạ tầng"
        " thương mại nông thôn)."
    )
    facts = _kind(_facts("Long An", text), "criteria_status")
    assert [(f["criterion_no"], f["status"]) for f in facts] == [(6, "met"), (7, "met")]


def test_ids_kept_by_parity():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_corpus.py"
    spec = importlib.util.spec_from_file_location("eval_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    keep_id = module.keep_id
    assert [keep_id(i, "odd") for i in ("h001", "h002", "d010")] == [True, False, False]
    assert keep_id("h002_ocr", "even") and keep_id("x", "all")
