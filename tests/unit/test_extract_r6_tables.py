"""`ntm extract`, round 6, tables and money: a commune name whose last word folds like a unit
word, a "criteria not met" column beside the score, a table of bands, a money table whose
headers carry a bare year or a date and whose share column is the disbursement rate, and the
other money, income, share and status constructions of this round; each on text written for
these tests.
"""

from __future__ import annotations

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.reading import Line


def _facts(province: str, text: str, date: str = "20 tháng 12 năm 2024") -> list[dict]:
    head = [f"UBND TỈNH {province.upper()}", f"{province}, ngày {date}", ""]
    lines = [Line(i, t) for i, t in enumerate([*head, *text.splitlines()], start=1)]
    return extract_lines(lines, "inline")


def _kind(facts: list[dict], kind: str) -> list[dict]:
    return [f for f in facts if f["kind"] == kind]


def test_a_score_table_keeps_a_name_ending_in_xa_and_skips_the_not_met_column():
    text = (
        "Tên xã          Số tiêu chí đạt   Số tiêu chí chưa đạt\n"
        "Yên Lạc         16                3\n"
        "Phú Xa          14                5\n"
    )
    facts = _kind(_facts("Thái Nguyên", text), "criteria_count")
    got = sorted((fold(f["commune"]), f["met"]) for f in facts)
    assert got == [("phu xa", 14), ("yen lac", 16)]


def test_a_table_of_bands_gives_band_counts():
    text = (
        "| Nhóm xã | Số xã | Tỷ lệ (%) |\n"
        "|---|---|---|\n"
        "| 19 tiêu chí | 41 | 50,6 |\n"
        "| Từ 15 đến 18 tiêu chí | 30 | 37 |\n"
        "| Dưới 15 tiêu chí | 10 | 12,4 |\n"
    )
    facts = _facts("Hà Giang", text)
    assert sorted((f["count"], f["min_met"], f["max_met"]) for f in facts) == [
        (10, 0, 14),
        (30, 15, 18),
        (41, 19, 19),
    ]
    assert {f["kind"] for f in facts} == {"criteria_band_count"}


def test_a_money_table_with_a_bare_year_and_a_dated_disbursement_column():
    text = (
        "| TT | Nguồn | Vốn giao năm 2023 (triệu đồng) | Đã giải ngân đến 30/9/2023 (triệu đồng)"
        " | Tỷ lệ (%) |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Ngân sách trung ương | 80.000 | 60.000 | 75 |\n"
    )
    plain = text.replace("Vốn giao năm 2023", "Kế hoạch 2023")
    for t in (text, plain):
        facts = _facts("Yên Bái", t, "10 tháng 10 năm 2023")
        money = sorted((f["source_category"], f["amount_vnd"]) for f in _kind(facts, "funding"))
        assert money == [("central", 60_000_000_000), ("central", 80_000_000_000)]
        rates = _kind(facts, "percent")
        assert [(r["measure"], r["value"], r["year"]) for r in rates] == [
            ("disbursement_rate", 75, 2023)
        ]


def test_a_share_column_that_is_no_disbursed_share_is_not_read_as_one():
    text = (
        "| Nguồn | Kế hoạch (triệu đồng) | Đã giải ngân (triệu đồng) | Tỷ lệ (%) |\n"
        "|---|---|---|---|\n"
        "| Ngân sách tỉnh | 80.000 | 60.000 | 40 |\n"
    )
    assert not _kind(_facts("Yên Bái", text), "percent")
