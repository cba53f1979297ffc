"""Spreadsheets in: `ntm check` messages, `ntm ingest` tables, row accounting, templates."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import xlwt

from ntm_analysis import build, cli, paths
from ntm_analysis.lexicon.numbers import NumberFormatError
from ntm_analysis.sources.sheets.cells import cell_number, status_of, tier_of
from ntm_analysis.sources.sheets.ingest import check_files, ingest_files
from ntm_analysis.sources.sheets.results import Options

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
CORPUS = HERE / "corpus"
EXPECTED = HERE / "expected"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_file())
TEMPLATES = sorted((paths.RAW / "templates").glob("*.xlsx"))


def _one_sheet_book(path: Path, rows: list[list[object]]) -> Path:
    """A workbook with one sheet named 2023 holding ``rows``."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "2023"
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


# ---------------------------------------------------------------------------- corpus


def test_corpus_has_at_least_30_malformed_inputs_each_with_messages():
    malformed = [c for c in CASES if c.startswith("m")]
    assert len(malformed) >= 30
    for case in malformed:
        assert (EXPECTED / f"{case}.txt").read_text("utf-8").strip(), case


@pytest.mark.parametrize("case", CASES)
def test_check_prints_exactly_the_expected_lines(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    expected = (EXPECTED / f"{case}.txt").read_text("utf-8").splitlines()
    assert [p.render("en") for p in check_files([case])] == expected


@pytest.mark.parametrize("case", CASES)
def test_check_prints_the_expected_lines_in_vietnamese_by_default(case, monkeypatch, capsys):
    monkeypatch.chdir(CORPUS)
    expected = (EXPECTED / f"{case}.vi.txt").read_text("utf-8").splitlines()
    assert [str(p) for p in check_files([case])] == expected
    cli.main(["check", "-q", case])
    assert capsys.readouterr().out.splitlines() == expected


@pytest.mark.parametrize("case", CASES)
def test_no_row_is_lost(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    result = ingest_files([case])
    assert result.balanced
    assert result.rows_in == result.rows_out + result.rows_rejected
    assert len(result.rejects) >= result.rows_rejected


def _rows_seen_in_outputs(result) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Excel rows per sheet read back from what was written: the tables' source locators
    (``Sheet!C7``) and the rejects' sheet and row."""
    written: dict[str, set[int]] = {}
    for df in result.tables.values():
        for loc in df["source_locator"]:
            sheet, _, cell = loc.rpartition("!")
            written.setdefault(sheet, set()).add(int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    rejected: dict[str, set[int]] = {}
    for sheet, row in zip(result.rejects["sheet"], result.rejects["row"], strict=True):
        rejected.setdefault(sheet, set()).add(int(row))
    return written, rejected


@pytest.mark.parametrize("case", CASES)
def test_rows_in_are_rows_written_plus_rows_rejected_counted_apart(case, monkeypatch):
    monkeypatch.chdir(CORPUS)
    result = ingest_files([case])
    written, rejected = _rows_seen_in_outputs(result)
    assert set(written) | set(rejected) <= {s.sheet for s in result.sheets}
    for s in result.sheets:
        assert s.rows_in == s.rows_out + s.rows_rejected, s
    # a sheet holding two tables (`next_table`) has one summary per table
    per_sheet: dict[str, list[int]] = {}
    for s in result.sheets:
        got = per_sheet.setdefault(s.sheet, [0, 0])
        got[0] += s.rows_out
        got[1] += s.rows_rejected
    for sheet, (n_out, n_rej) in per_sheet.items():
        out, rej = written.get(sheet, set()), rejected.get(sheet, set())
        assert not out & rej, sheet
        assert (len(out), len(rej)) == (n_out, n_rej), sheet


def test_a_row_without_a_readable_criterion_is_rejected_not_counted_written(tmp_path):
    book = _one_sheet_book(
        tmp_path / "tc.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["Huyện: Bắc Sơn"],
            ["Bộ tiêu chí: xã NTM"],
            ["STT", "Tên xã", "TC20", "TC21", "TC22"],
            [1, "Vũ Sơn", "Đạt", "Đạt", "Đạt"],
        ],
    )
    result = ingest_files([book], Options(lang="en"))
    assert len(result.problems) == 3  # one per criterion column outside the set
    (s,) = result.sheets
    assert (s.rows_in, s.rows_out, s.rows_rejected, s.records) == (1, 0, 1, 0)
    assert result.rejects["reason"].tolist() == [
        "no criterion column of commune_ntm_2021_2025 to read"
    ]


def test_check_cli_exit_codes_and_format(monkeypatch, capsys):
    monkeypatch.chdir(CORPUS)
    assert cli.main(["check", "-q", "v04_status_variants.xlsx", "v01_no_diacritics.csv"]) == 0
    assert capsys.readouterr().out == ""
    assert (
        cli.main(["check", "-q", "--lang", "en", "m09_bad_status.xlsx", "v04_status_variants.xlsx"])
        == 1
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines == (EXPECTED / "m09_bad_status.xlsx.txt").read_text("utf-8").splitlines()
    # FILE:SHEET:ROW:COLUMN: message, row and column as Excel shows them
    assert lines[0].split(":")[:4] == ["m09_bad_status.xlsx", "2023", "7", "C"]


def test_unreadable_file_is_reported_and_the_rest_continue(monkeypatch):
    monkeypatch.chdir(CORPUS)
    result = ingest_files(["m03_corrupt_zip.xlsx", "v04_status_variants.xlsx"])
    assert result.failed_files == ["m03_corrupt_zip.xlsx"]
    assert len(result.tables["criteria_status"]) == 2 * 19


# ---------------------------------------------------------------------------- values


def test_variants_give_the_right_values(monkeypatch):
    monkeypatch.chdir(CORPUS)
    cs = ingest_files(["v04_status_variants.xlsx"]).tables["criteria_status"]
    vu = cs[cs["commune_name"] == "Vũ Sơn"]
    assert (vu["status"] == "met").all() and len(vu) == 19
    ld = cs[cs["commune_name"] == "Long Đống"].set_index("criterion_no")["status"]
    assert list(ld.loc[1:6]) == ["not_met"] * 5 + ["met"]
    assert set(cs["unit_code"]) == {"06355", "06328"}

    ocr = ingest_files(["v08_ocr_names.csv"]).tables["criteria_status"]
    assert set(ocr["commune_name"]) == {"Vũ Sơn", "Đồng ý"}  # gazetteer spelling of Đồng Ý
    assert set(ocr["criteria_set"]) == {"commune_advanced_2021_2025"}
    assert ocr["note"].str.contains("written 'Xa Pong Y'").any()

    fund = ingest_files(["v05_vn_text_numbers.xlsx"]).tables["funding"]
    got = dict(zip(fund["source_category"], fund["amount_vnd"], strict=True))
    assert got == {"provincial": 1_234_500_000, "community": 3_504_980_000, "total": 4_739_480_000}
    assert set(fund["flow"]) == {"mobilised"} and set(fund["area_code"]) == {"185"}

    footer = ingest_files(["v06_unit_in_footer_note.xlsx"]).tables["funding"]
    assert footer["amount_vnd"].tolist() == [12 * 10**9, 15 * 10**9, 7_500_000_000, 9 * 10**9]

    tiers = ingest_files(["v09_wide_tiers.xlsx"]).tables["commune_status"]
    vu = tiers[tiers["commune_name"] == "Vũ Sơn"].set_index("year")["tier"]
    assert vu.to_dict() == {2021: "ntm", 2022: "ntm", 2023: "advanced", 2024: "advanced"}

    counts = ingest_files(["v07_summary_row_ok.xlsx"], Options(lang="en"))
    facts = counts.tables["facts"]
    assert len(facts) == 6 and set(facts["area_name"]) == {"Bắc Sơn", "Chi Lăng"}
    assert "summary row" in counts.rejects["reason"].iloc[0]


def test_cell_parsers():
    assert cell_number("3.504,98") == Decimal("3504.98")
    assert cell_number(14574.0) == Decimal("14574.0")
    assert cell_number("12.5") == Decimal("12.5")  # an English decimal point is read as such
    with pytest.raises(NumberFormatError):
        cell_number("1,5.3")
    for v in ("Đạt", "đạt", "x", "X", 1, 1.0, "✓", True, "ĐẠT"):
        assert status_of(v) == "met", v
    for v in ("Chưa đạt", "chua dat", 0, "", None, "-", False):
        assert status_of(v) == "not_met", v
    for v in ("?", "2", "có lẽ", 0.5):
        assert status_of(v) is None, v
    assert tier_of("NTMNC") == "advanced" and tier_of("NTM KM") == "model"
    assert tier_of("Chưa đạt") == "none" and tier_of("nông thôn mới") == "ntm"


@pytest.mark.parametrize("header", ["Nhân dân đóng góp", "Nhan dan dong gop"])
@pytest.mark.parametrize("unit_stated", [True, False])
def test_contributions_column_is_community_money_in_the_stated_unit(tmp_path, header, unit_stated):
    """Regression: "đóng góp" once read as the unit "đồng" stored the column 10**6 too small."""
    from ntm_analysis.sources.sheets.layout import money_unit

    assert money_unit(header) is None
    title = ["Tỉnh: Lạng Sơn", "Loại vốn: huy động"]
    title += ["Đơn vị tính: triệu đồng"] if unit_stated else []
    book = _one_sheet_book(
        tmp_path / "von.xlsx",
        [[line] for line in title]
        + [
            ["STT", "Huyện", "Năm", "Ngân sách tỉnh", header, "Tổng cộng"],
            [1, "Bắc Sơn", 2023, 100, 25, 125],
        ],
    )
    # --unit applies only when the sheet does not say; either way the unit is triệu đồng
    result = ingest_files([book], Options(unit=None if unit_stated else 10**6))
    assert result.problems == []
    fund = result.tables["funding"].set_index("source_category")["amount_vnd"]
    assert fund.to_dict() == {
        "provincial": 100 * 10**6,
        "community": 25 * 10**6,
        "total": 125 * 10**6,
    }


def test_works_value_summary_row_is_compared_in_the_sheet_unit(tmp_path):
    """Regression: the value column was summed in đồng and compared with a total in triệu."""
    head = ["STT", "Huyện", "Năm", "Loại công trình", "Số công trình kế hoạch", "Giá trị"]
    rows = [[1, "Bắc Sơn", 2023, "Đường", 12, 300], [2, "Chi Lăng", 2023, "Đường", 5, 200]]
    title = [["Tỉnh: Lạng Sơn"], ["Đơn vị tính: triệu đồng"], head, *rows]
    ok = _one_sheet_book(tmp_path / "ok.xlsx", [*title, ["", "Tổng cộng", "", "", 17, 500]])
    assert ingest_files([ok]).problems == []
    off = _one_sheet_book(tmp_path / "off.xlsx", [*title, ["", "Tổng cộng", "", "", 17, 450]])
    assert [p.render("en") for p in ingest_files([off]).problems] == [
        f"{off}:2023:6:F: summary row gives 450 million VND but the rows above add up to "
        "500 million VND"
    ]


def test_sheet_words_come_from_the_vocabulary():
    from ntm_analysis.lexicon import vocabulary
    from ntm_analysis.sources.sheets.cells import category_label, model_field_of
    from ntm_analysis.sources.sheets.layout import flow_word, money_unit

    assert [status_of(v) for v in ("Đ", "CĐ", "đã đạt", "không rõ")] == [
        "met",
        "not_met",
        "met",
        None,  # "unknown" is a status of the data model, not a reading of a criteria cell
    ]
    assert tier_of("NC") == "advanced" and tier_of("Đạt chuẩn NTM") == "ntm"
    with pytest.raises(ValueError):
        tier_of("Hoàn thành nhiệm vụ")  # a district's tier, not a commune's
    assert model_field_of("Lĩnh vực khác") == "other" and model_field_of("Y tế") == "health"
    assert flow_word("Tình hình giải ngân") == "disbursed"
    assert money_unit("ĐVT: Tr.đồng") == vocabulary.multiplier("trieu")
    assert category_label("central") == "central budget"


def test_a_count_of_communes_not_yet_ntm_is_not_read_as_ntm_communes(tmp_path):
    from ntm_analysis.sources.sheets.grids import read_grids
    from ntm_analysis.sources.sheets.layout import locate

    book = _one_sheet_book(
        tmp_path / "counts.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["STT", "Huyện", "Năm", "Số xã chưa đạt chuẩn", "Tổng số xã"],
            [1, "Bắc Sơn", 2023, 8, 20],
        ],
    )
    assert locate(read_grids(book)[0]).unnamed == {3: "Số xã chưa đạt chuẩn"}
    facts = ingest_files([book]).tables["facts"]
    assert dict(zip(facts["measure"], facts["value"], strict=True)) == {"communes_total": 20}


def test_unknown_model_field_lists_the_vocabulary_labels(tmp_path):
    book = _one_sheet_book(
        tmp_path / "tiers.xlsx",
        [
            ["Tỉnh: Lạng Sơn"],
            ["Huyện: Bắc Sơn"],
            ["STT", "Tên xã", "Năm", "Mức đạt chuẩn", "Lĩnh vực kiểu mẫu"],
            [1, "Vũ Sơn", 2023, "NTM kiểu mẫu", "thể thao"],
        ],
    )
    (problem,) = ingest_files([book]).problems
    assert problem.column == "E" and problem.message.startswith("'thể thao' is not a model field (")
    assert problem.message.endswith("chuyển đổi số, lĩnh vực khác)")


# ---------------------------------------------------------------------------- ingest output


def test_ingest_writes_tables_the_build_accepts(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(CORPUS)
    out = tmp_path / "ingested"
    files = ["v04_status_variants.xlsx", "v05_vn_text_numbers.xlsx", "m09_bad_status.xlsx"]
    assert cli.main(["ingest", "--lang", "en", *files, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "total: rows in 5 = rows out 3 + rows rejected 2" in printed
    rejects = pd.read_csv(out / "rejects.csv", dtype=str)
    assert len(rejects) == 2 and set(rejects["file"]) == {"m09_bad_status.xlsx"}
    assert rejects["reason"].str.contains("is not a criterion status").all()
    results = build.build(out, tmp_path / "processed", verbose=False, stagers=[])
    assert all(r.rejects.empty for r in results.values())
    assert len(results["criteria_status"].valid) == 2 * 19
    assert len(results["funding"].valid) == 3
    assert len(results["sources"].valid) == 3


def test_options_fill_what_the_sheet_does_not_state(monkeypatch):
    monkeypatch.chdir(CORPUS)
    assert check_files(["m15_year_not_stated.xlsx"], Options(year=2023)) == []
    assert (
        check_files(["m14_set_not_stated.xlsx"], Options(criteria_set="commune_ntm_2021_2025"))
        == []
    )


# ---------------------------------------------------------------------------- templates


def test_every_kind_of_table_has_a_handler():
    from ntm_analysis.sources.sheets.ingest import HANDLERS
    from ntm_analysis.sources.sheets.kinds import KINDS

    assert set(HANDLERS) == set(KINDS)


def test_templates_exist_for_every_kind_and_check_clean():
    from ntm_analysis.sources.sheets.grids import read_grids
    from ntm_analysis.sources.sheets.kinds import KINDS
    from ntm_analysis.sources.sheets.layout import locate

    assert len(TEMPLATES) == 5
    kinds = set()
    for t in TEMPLATES:
        for grid in read_grids(t):
            layout = locate(grid)
            assert layout is not None, t.name
            kinds.add(layout.kind)
            # the row under the header is the English note row, not data
            assert layout.first_data_row == layout.header_row + 2, t.name
    assert kinds == set(KINDS)
    assert [p.render("en") for p in check_files(TEMPLATES)] == []


def test_template_examples_match_the_embedded_data():
    result = ingest_files(TEMPLATES)
    fund = result.tables["funding"].set_index("source_category")["amount_vnd"]
    raw = pd.read_csv(paths.RAW / "funding" / "ls_2023_bacson_inspection.csv", dtype=str)
    for cat, amount in zip(raw["source_category"], raw["amount_vnd"], strict=True):
        assert fund[cat] == int(amount)
    cs = result.tables["criteria_status"]
    raw_cs = pd.read_csv(paths.RAW / "criteria_status" / "ls_2023_bacson_inspection.csv", dtype=str)
    want = raw_cs[raw_cs["commune_name"] == "Long Đống"].set_index("criterion_no")["status"]
    got = cs.set_index(cs["criterion_no"].astype(str))["status"]
    assert got.to_dict() == want.to_dict()


# ---------------------------------------------------------------------------- scale


def test_national_style_workbook_small(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import bench_ingest

    book = tmp_path / "national.xlsx"
    n = bench_ingest.make_workbook(book, rows=300)
    result = ingest_files([book])
    # names are written full or short: a short name a town shares is the xã, with a notice
    assert {p.msg.key for p in result.problems} <= {"settled_by_type"}
    assert result.rows_in == result.rows_out == n * 5
    assert len(result.tables["criteria_status"]) == n * 5 * 19


def test_legacy_xls_reads_like_xlsx(tmp_path):
    """The same template saved as Excel 97-2003 (.xls) ingests to the same rows."""
    from python_calamine import CalamineWorkbook

    src = paths.RAW / "templates" / "tieu_chi_xa.xlsx"
    book = CalamineWorkbook.from_path(str(src))
    out = xlwt.Workbook()
    for name in book.sheet_names:
        sheet = out.add_sheet(name)
        for r, row in enumerate(book.get_sheet_by_name(name).to_python()):
            for c, value in enumerate(row):
                if value != "":
                    sheet.write(r, c, value)
    xls = tmp_path / "tieu_chi_xa.xls"
    out.save(str(xls))

    a, b = ingest_files([src]), ingest_files([xls])
    assert b.problems == [] and b.rows_in == a.rows_in == b.rows_out
    cols = ["unit_code", "criteria_set", "criterion_no", "status", "year"]
    got = b.tables["criteria_status"][cols].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, a.tables["criteria_status"][cols].reset_index(drop=True))
