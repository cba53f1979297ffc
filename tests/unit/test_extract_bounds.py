"""`ntm extract` does bounded work: no single line of pathological input (runs of digits,
separators, brackets, one word repeated, table pipes …) takes a second, and the work grows
linearly with the input. Times are CPU seconds of this process (the machine is shared);
benchmarks/bench_extract.py measures speed itself."""

from __future__ import annotations

import time

import pytest

from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.reading import Line
from ntm_analysis.sources.reports.sentences import MAX_SENTENCE, split_sentences

SIZE = 50_000  # characters in one line, beyond the 44 kB line that once took 10 s
HEADER = [Line(1, "UBND TỈNH NGHỆ AN"), Line(2, "Nghệ An, ngày 20 tháng 12 năm 2023")]

PATHOLOGICAL = {
    "digits": "7" * SIZE,
    "digits and spaces": "12 " * (SIZE // 3),
    "ratios": "17/19 " * (SIZE // 6),
    "separators": ".,;:-/()%|" * (SIZE // 10),
    "brackets": "(" * (SIZE // 2) + ")" * (SIZE // 2),
    "one word": "xã " * (SIZE // 3),
    "tier words": "đạt chuẩn nông thôn mới nâng cao " * (SIZE // 33),
    "names": "Xã Gio An, " * (SIZE // 11),
    "money": "ngân sách tỉnh 12 tỷ đồng, " * (SIZE // 27),
    "pipes": "| a " * (SIZE // 4) + "|",
    "tabs": "a\t1\t" * (SIZE // 4),
    "years": "năm 2023 " * (SIZE // 9),
    "criteria": "tiêu chí số 1 (Quy hoạch), " * (SIZE // 27),
}


@pytest.fixture(scope="module", autouse=True)
def _warm():
    extract_lines([*HEADER, Line(3, "Xã Gio An đạt chuẩn NTM năm 2023.")], "warm")


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_no_line_takes_a_second(name):
    t0 = time.process_time()
    extract_lines([*HEADER, Line(3, PATHOLOGICAL[name])], "p")
    assert time.process_time() - t0 < 1.0, name


def test_long_sentences_are_cut_at_clause_marks():
    text = "; ".join(["có 12 xã đạt chuẩn NTM"] * 400)
    sentences = split_sentences([Line(1, text)])
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(s.text.startswith("có 12 xã") for s in sentences)  # cut at "; ", not inside


def test_work_grows_linearly():
    unit = [
        "Năm 2023, toàn tỉnh có thêm 8 xã đạt chuẩn NTM, nâng tổng số lên 110/180 xã.",
        "Các xã Gio An, Gio Mỹ (huyện Gio Linh) đạt chuẩn NTM nâng cao; tỷ lệ hộ nghèo 3,1%.",
        "Bình quân đạt 17,5 tiêu chí/xã; có 12 xã đạt từ 15-18 tiêu chí.",
        "",
    ]

    def cpu(repeats: int) -> float:
        lines = [*HEADER, *(Line(i + 3, t) for i, t in enumerate(unit * repeats))]
        t0 = time.process_time()
        extract_lines(lines, "lin")
        return time.process_time() - t0

    cpu(50)
    small, large = cpu(200), cpu(800)
    assert large / small < 4 * 2.0  # 4× the input in under 8× the time (noise allowed)
