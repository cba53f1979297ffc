"""Cases of the third independent review (``r15``–, written by make_regressions.py): a crash
on a name the legacy list alone knows exactly, checks skipped beside a dash, a decision date
read as a decision, funding categories, per-year dashes and words of the Vietnamese mode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ntm_analysis.sources.sheets import ingest
from ntm_analysis.sources.sheets.ingest import ingest_files

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(HERE))
import make_regressions  # noqa: E402

CORPUS = HERE / "corpus"
CASES = sorted(make_regressions.CASES)


def _case(stem: str) -> Path:
    return CORPUS / next(c for c in CASES if c.startswith(stem))


def _lines(result, lang: str = "en") -> list[str]:
    return [p.text(lang) for p in result.problems]


def test_a_name_exact_in_the_earlier_list_under_its_own_code_is_read():
    result = ingest_files([_case("r15")])
    assert result.problems == [] and result.failed_files == []
    fund = result.tables["funding"]
    assert dict(zip(fund["area_name"], fund["area_code"], strict=True)) == {
        "Minh Tân": "11725",
        "Đông Phương": "11695",
    }


def test_an_unexpected_failure_stops_only_its_own_file(monkeypatch):
    real = ingest.HANDLERS["funding"]

    def flaky(sh, communes):
        if "r15" in sh.file:
            raise ValueError("boom")
        return real(sh, communes)

    monkeypatch.setitem(ingest.HANDLERS, "funding", flaky)
    bad, good = _case("r15"), _case("r01")
    result = ingest_files([bad, good])
    assert result.failed_files == [str(bad)]
    (line,) = [p for p in result.problems if p.file == str(bad)]
    assert "ValueError: boom" in line.text("en") and "ValueError: boom" in line.text("vi")
    assert [s.file for s in result.sheets] == [str(good)]
    assert set(result.tables["funding"]["area_name"]) == {"Gia Hưng"}
    assert list(result.sources["url"]) == [good.name]
    assert result.balanced


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_failure_is_said_in_the_language_asked(lang, monkeypatch):
    monkeypatch.setitem(ingest.HANDLERS, "funding", lambda sh, c: 1 / 0)
    result = ingest_files([_case("r15")])
    (text,) = _lines(result, lang)
    assert "ZeroDivisionError" in text


def test_a_dash_among_the_sources_does_not_skip_the_total_check():
    result = ingest_files([_case("r16")])
    rejected = result.rejects.set_index("row")["reason"]
    assert list(rejected.index) == [9]
    assert "sources add up to 20 million VND, not the total 820" in _lines(result)[1]
    # the row whose one source left makes its total is written
    assert set(result.tables["funding"]["area_name"]) == {"Xuân Lộc", "Mỹ Lộc"}


def test_a_decision_date_column_dates_the_decision_never_a_second_one():
    result = ingest_files([_case("r17")])
    df = result.tables["commune_status"].set_index("commune_name")
    assert df["decision"].to_dict() == {
        "Vũ Lễ": "2150/QĐ-UBND ngày 20/11/2023",
        "Bắc Quỳnh": "2311/QĐ-UBND ngày 28/12/2023",
    }
    assert set(df["record_kind"]) == {"recognition"}
    (p,) = result.problems
    assert (p.row, p.column) == (8, "D") and "'tháng 11'" in p.text("en")


def test_central_investment_and_recurrent_funds_are_kept_apart():
    result = ingest_files([_case("r18")])
    fund = result.tables["funding"]
    got = {(a, c): v for a, c, v in fund[["area_name", "source_category", "amount_vnd"]].values}
    assert got == {
        ("Hòa Sơn", "central_investment"): 1_200_000_000,
        ("Hòa Sơn", "central_recurrent"): 56_000_000,
        ("Minh Sơn", "central_investment"): 300_000_000,
        ("Minh Sơn", "central_recurrent"): 40_000_000,
        ("Yên Thịnh", "central_investment"): 2_000_000_000,
        ("Yên Thịnh", "central_recurrent"): 15_000_000,
    }
    assert not any("repeats column" in line for line in _lines(result))


def test_a_hidden_sheet_without_a_table_is_noticed():
    result = ingest_files([_case("r18")])
    hidden = [p for p in result.problems if p.sheet == "An"]
    assert [p.is_notice for p in hidden] == [True, False]
    assert "hidden" in hidden[0].text("en") and "ẩn" in hidden[0].text("vi")


def test_a_dash_in_one_years_tier_cell_loses_that_year_only():
    result = ingest_files([_case("r19")])
    df = result.tables["commune_status"]
    got = {(n, int(y)): t for n, y, t in df[["commune_name", "year", "tier"]].values}
    assert got == {
        ("Nghi Văn", 2022): "ntm",
        ("Nghi Văn", 2023): "advanced",
        ("Nghi Văn", 2024): "advanced",
        ("Khánh Hợp", 2022): "ntm",
        ("Khánh Hợp", 2024): "advanced",
    }
    assert list(result.rejects["row"]) == [8]  # dashes in every year: no tier at all
    assert result.balanced


def test_the_closing_lines_are_in_the_language_asked(tmp_path, capsys):
    from ntm_analysis import cli

    case = str(_case("r16"))
    assert cli.main(["check", case]) == 1
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("1 lỗi, 1 lưu ý trong 1 tệp; đọc 3 dòng: ghi 2, không ghi 1")
    assert cli.main(["ingest", case, "-o", str(tmp_path / "vi"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "dòng đọc 3 = ghi 2 + loại 1" in out and "\ntổng: dòng đọc 3" in out
    assert "dòng bị loại: " in out and "rows in" not in out and "total:" not in out
    assert cli.main(["ingest", "--lang", "en", case, "-o", str(tmp_path / "en"), "-q"]) == 0
    out = capsys.readouterr().out
    assert "total: rows in 3 = rows out 2 + rows rejected 1" in out and "rejects: " in out


def test_names_without_diacritics_are_stored_as_the_gazetteer_writes_them_with_a_note():
    result = ingest_files([_case("r20")])
    assert result.problems == []
    written = "name written {!r} in the sheet"
    for table, want in (
        ("funding", {"Hòa Bình": written.format("Hoa Binh"), "Yên Bình": None}),
        ("facts", {"Cao Lộc": written.format("Cao Loc"), "Bắc Sơn": None}),
    ):
        df = result.tables[table].drop_duplicates("area_name")
        notes = {
            n: (x if isinstance(x, str) else None) for n, x in zip(df["area_name"], df["note"])
        }
        assert notes == want


def test_a_reject_reason_never_starts_with_a_quoted_value(tmp_path):
    from ntm_analysis import cli

    book = tmp_path / "bad_tier.xlsx"
    s = make_regressions.Sheet("Xep loai")
    s.add(["KẾT QUẢ XẾP LOẠI XÃ NÔNG THÔN MỚI NĂM 2024"])
    s.add(["Huyện Nghi Lộc, tỉnh Nghệ An"])
    s.add(["TT", "Tên xã", "Mức đạt chuẩn"])
    s.add([1, "Nghi Văn", "-loại A"])
    book.write_bytes(make_regressions.book(s))
    assert cli.main(["ingest", str(book), "-o", str(tmp_path / "out"), "-q"]) == 0
    text = (tmp_path / "out" / "rejects.csv").read_text("utf-8-sig")
    assert "ô '-loại A' không phải mức đạt chuẩn" in text and "''-" not in text
