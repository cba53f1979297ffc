"""Budget parts named by the title only (``r21``–``r26``, written by make_regressions.py):
"Vốn đầu tư phát triển" / "Vốn sự nghiệp" columns read as the investment and recurrent funds
of the one budget the title block states, the sheet refused (with what would make it
readable) when it states none or several, and the total still checked against the parts."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from ntm_analysis.analysis import source_checks
from ntm_analysis.analysis.funding_outcomes import _scope
from ntm_analysis.lexicon import vocabulary
from ntm_analysis.sources.sheets.grids import read_grids
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.layout import Unread, read_layout
from ntm_analysis.sources.sheets.title import budgets_in

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(HERE))
import make_regressions  # noqa: E402

CORPUS = HERE / "corpus"
CASES = sorted(make_regressions.CASES)
COLUMNS = "columns D ('Vốn đầu tư phát triển'), E ('Vốn sự nghiệp')"
COLUMNS_VI = "cột D ('Vốn đầu tư phát triển'), E ('Vốn sự nghiệp')"


def _case(stem: str) -> Path:
    return CORPUS / next(c for c in CASES if c.startswith(stem))


def _lines(result, lang: str = "en") -> list[str]:
    return [f"{p.sheet}:{p.row or '-'}:{p.column or '-'}: {p.text(lang)}" for p in result.problems]


def _amounts(result) -> dict[tuple[str, str], int]:
    fund = result.tables["funding"]
    cols = ["area_name", "source_category", "amount_vnd"]
    return {(a, c): int(v) for a, c, v in fund[cols].to_numpy()}


def _notice(sheet: str, row: int, budget: str) -> str:
    return (
        f"{sheet}:{row}:-: note: {COLUMNS} name no budget; the title in row {row} states the "
        f"{budget}, so they are read as {budget} – investment and {budget} – recurrent"
    )


def _counts(result) -> list[tuple[str, int, int, int]]:
    return [(s.sheet, s.rows_in, s.rows_out, s.rows_rejected) for s in result.sheets]


def test_the_central_budget_in_the_title_names_the_parts_and_the_total_is_checked():
    result = ingest_files([_case("r21")])
    assert _lines(result) == [
        _notice("NSTW 2024", 4, "central budget"),
        "NSTW 2024:11:C: sources add up to 870 million VND, not the total 900 million VND",
    ]
    assert _lines(result, "vi")[0] == (
        f"NSTW 2024:4:-: lưu ý: {COLUMNS_VI} không ghi của ngân sách nào; tên biểu ở dòng 4 "
        "nêu nguồn ngân sách trung ương nên các cột này được đọc là ngân sách trung ương – "
        "vốn đầu tư phát triển và ngân sách trung ương – vốn sự nghiệp"
    )
    assert [p.is_notice for p in result.problems] == [True, False]
    assert _amounts(result) == {
        ("Yên Bình", "total"): 1_256_000_000,
        ("Yên Bình", "central_investment"): 1_200_000_000,
        ("Yên Bình", "central_recurrent"): 56_000_000,
        ("Quyết Thắng", "total"): 340_500_000,
        ("Quyết Thắng", "central_investment"): 300_000_000,
        ("Quyết Thắng", "central_recurrent"): 40_500_000,
    }
    assert set(result.tables["funding"]["flow"]) == {"disbursed"}
    assert list(result.rejects["row"]) == [11, 12]  # Thiện Tân, then the "Cộng" row
    # rows in = written + rejected (the totals row is counted, and rejected as a total)
    assert _counts(result) == [("NSTW 2024", 4, 2, 2)] and result.balanced


def test_a_source_line_under_the_title_names_the_parts():
    result = ingest_files([_case("r22")])
    assert _lines(result) == [_notice("Phan bo", 6, "central budget")]
    assert _amounts(result) == {
        ("Đồng Tân", "total"): 610_000_000,
        ("Đồng Tân", "central_investment"): 580_000_000,
        ("Đồng Tân", "central_recurrent"): 30_000_000,
        ("Cai Kinh", "total"): 455_250_000,
        ("Cai Kinh", "central_investment"): 400_000_000,
        ("Cai Kinh", "central_recurrent"): 55_250_000,
    }
    assert set(result.tables["funding"]["flow"]) == {"allocated"}
    assert _counts(result) == [("Phan bo", 3, 2, 1)] and result.balanced


def test_the_provincial_budget_in_the_title_ngan_sach_tinh_or_nsdp():
    result = ingest_files([_case("r23")])
    assert _lines(result) == [
        _notice("NS tinh", 4, "provincial budget"),
        _notice("NSDP", 4, "provincial budget"),
    ]
    fund = result.tables["funding"]
    got = {
        (s, a, c): int(v)
        for s, a, c, v in zip(
            fund["source_locator"].str.split("!").str[0],
            fund["area_name"],
            fund["source_category"],
            fund["amount_vnd"],
            strict=True,
        )
    }
    assert got == {
        ("NS tinh", "Bắc Sơn", "total"): 1_500_000_000,
        ("NS tinh", "Bắc Sơn", "provincial_investment"): 1_200_000_000,
        ("NS tinh", "Bắc Sơn", "provincial_recurrent"): 300_000_000,
        ("NS tinh", "Hữu Lũng", "total"): 980_000_000,
        ("NS tinh", "Hữu Lũng", "provincial_investment"): 900_000_000,
        ("NS tinh", "Hữu Lũng", "provincial_recurrent"): 80_000_000,
        ("NSDP", "Bắc Sơn", "total"): 720_000_000,
        ("NSDP", "Bắc Sơn", "provincial_investment"): 700_000_000,
        ("NSDP", "Bắc Sơn", "provincial_recurrent"): 20_000_000,
        ("NSDP", "Hữu Lũng", "total"): 415_000_000,
        ("NSDP", "Hữu Lũng", "provincial_investment"): 400_000_000,
        ("NSDP", "Hữu Lũng", "provincial_recurrent"): 15_000_000,
    }
    assert set(fund["area_level"]) == {"district"}
    assert _counts(result) == [("NS tinh", 2, 2, 0), ("NSDP", 2, 2, 0)] and result.balanced


REFUSED = (
    f"{COLUMNS} give investment or recurrent funds without saying whose budget they are "
    "from, and the title above the header names "
)


def test_two_budgets_in_the_title_refuse_the_sheet_and_say_what_to_write():
    result = ingest_files([_case("r24")])
    assert _lines(result) == [
        "Von 2024:-:-: no known table header found in the first 30 rows (see "
        "data/raw/templates); 9 non-blank row(s) not read",
        f"Von 2024:7:-: {REFUSED}2 sources (central budget, provincial budget), so which one "
        "they belong to is not known: write the source before each column's name ('Ngân sách "
        "trung ương - Vốn đầu tư phát triển') or give each source its own sheet; the sheet is "
        "not read",
    ]
    assert _lines(result, "vi")[1] == (
        f"Von 2024:7:-: {COLUMNS_VI} ghi vốn đầu tư phát triển hoặc vốn sự nghiệp nhưng không "
        "nói của ngân sách nào, và tên biểu phía trên dòng tiêu đề nêu 2 nguồn (ngân sách "
        "trung ương, ngân sách tỉnh/thành phố) nên không biết các cột này thuộc nguồn nào: "
        "ghi nguồn vốn trước tên từng cột ('Ngân sách trung ương - Vốn đầu tư phát triển') "
        "hoặc tách mỗi nguồn vốn ra một trang tính riêng; trang tính không được đọc"
    )
    assert "funding" not in result.tables
    assert _counts(result) == [("Von 2024", 9, 0, 9)] and result.balanced


def test_no_budget_refuses_the_sheet_with_the_lines_that_would_make_it_readable():
    result = ingest_files([_case("r25")])
    hint = (
        f"{REFUSED}neither the central budget nor the provincial budget: write the source on "
        "a line above the header ('Nguồn vốn: Ngân sách trung ương' or 'Nguồn vốn: Ngân sách "
        "tỉnh/thành phố') or before each column's name ('Ngân sách trung ương - Vốn đầu tư "
        "phát triển'); the sheet is not read"
    )
    no_header = "no known table header found in the first 30 rows (see data/raw/templates)"
    assert _lines(result) == [
        f"Von 2024:-:-: {no_header}; 9 non-blank row(s) not read",
        f"Von 2024:7:-: {hint}",
        f"Trong do:-:-: {no_header}; 7 non-blank row(s) not read",
        f"Trong do:7:-: {hint}",  # the lower row of the header under "Trong đó"
    ]
    assert _lines(result, "vi")[1] == (
        f"Von 2024:7:-: {COLUMNS_VI} ghi vốn đầu tư phát triển hoặc vốn sự nghiệp nhưng không "
        "nói của ngân sách nào, và tên biểu phía trên dòng tiêu đề không nêu ngân sách trung "
        "ương hay ngân sách tỉnh/thành phố: ghi nguồn vốn trên một dòng phía trên dòng tiêu "
        "đề ('Nguồn vốn: Ngân sách trung ương' hoặc 'Nguồn vốn: Ngân sách tỉnh/thành phố') "
        "hoặc ghi trước tên từng cột ('Ngân sách trung ương - Vốn đầu tư phát triển'); trang "
        "tính không được đọc"
    )
    assert "funding" not in result.tables
    assert _counts(result) == [("Von 2024", 9, 0, 9), ("Trong do", 7, 0, 7)]
    assert result.balanced
    assert all(isinstance(read_layout(g), Unread) for g in read_grids(_case("r25")))


def test_under_an_of_which_banner_parts_may_fall_short_of_the_total_never_exceed_it():
    result = ingest_files([_case("r26")])
    assert _lines(result) == [
        _notice("NSTW", 4, "central budget"),
        "NSTW:12:C: sources add up to 425 million VND, more than the total 400 million VND",
    ]
    assert _amounts(result) == {
        ("Đức Chánh", "total"): 1_000_000_000,
        ("Đức Chánh", "central_investment"): 900_000_000,
        ("Đức Chánh", "central_recurrent"): 100_000_000,
        ("Đức Minh", "total"): 750_000_000,
        ("Đức Minh", "central_investment"): 600_000_000,
        ("Đức Minh", "central_recurrent"): 80_000_000,
    }
    notes = result.tables["funding"].set_index("area_name")["note"]
    assert set(notes["Đức Minh"]) == {"Còn vốn chuẩn bị đầu tư"}
    assert list(result.rejects["row"]) == [12]
    assert _counts(result) == [("NSTW", 3, 2, 1)] and result.balanced


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("BIỂU TỔNG HỢP VỐN NGÂN SÁCH TRUNG ƯƠNG THỰC HIỆN CHƯƠNG TRÌNH NĂM 2024", ["central"]),
        ("KẾ HOẠCH VỐN … NGUỒN VỐN NSTW NĂM 2024", ["central"]),
        ("Nguồn vốn: Ngân sách Trung ương", ["central"]),
        ("Nguồn vốn: ngân sách địa phương", ["provincial"]),
        ("PHÂN BỔ VỐN NGÂN SÁCH TỈNH NĂM 2024", ["provincial"]),
        ("VỐN NGÂN SÁCH TRUNG ƯƠNG VÀ NGÂN SÁCH TỈNH", ["central", "provincial"]),
        ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", []),
        ("Huyện Hữu Lũng, tỉnh Lạng Sơn", []),
        ("BIỂU TỔNG HỢP KẾT QUẢ HUY ĐỘNG VỐN NĂM 2024", []),
    ],
)
def test_the_budgets_a_title_line_names(text, want):
    assert budgets_in(text) == want


def test_a_budgets_parts_are_of_that_budget_in_checks_and_outcomes():
    assert vocabulary.funding_whole("provincial_investment") == "provincial"
    assert vocabulary.funding_budgets() == ("central", "provincial", "district", "commune")
    assert _scope({"provincial_investment", "provincial_recurrent"}) == "provincial_budget"
    grp = pd.DataFrame(
        {
            "source_category": ["total", "provincial_investment", "provincial_recurrent"],
            "amount_vnd": [100, 80, 30],
        }
    )
    sums = {w: sorted(p["source_category"]) for w, p in source_checks._category_sums(grp)}
    assert sums == {"total": ["provincial_investment", "provincial_recurrent"]}
    grp.loc[3] = ["provincial", 110]
    sums = {w: sorted(p["source_category"]) for w, p in source_checks._category_sums(grp)}
    parts = ["provincial_investment", "provincial_recurrent"]
    assert sums == {"provincial": parts, "total": parts}  # the budget counted by its parts
