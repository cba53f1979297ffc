"""From extracted facts into the tables: the review workbook and the data-model rows of
``ntm extract --review`` / ``--to-raw``, built by ``ntm build`` like any raw folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from ntm_analysis.build import build
from ntm_analysis.sources.reports.document import extract_file
from ntm_analysis.sources.reports.review import read_review, write_review
from ntm_analysis.sources.reports.to_raw import convert, source_id_of, write_raw

REPORT = """UBND TỈNH LẠNG SƠN
Lạng Sơn, ngày 20 tháng 12 năm 2023

Năm 2023, toàn tỉnh có thêm 9 xã đạt chuẩn NTM, nâng tổng số lên 120/181 xã, chiếm 66,3%.
Các xã Vân An, Gia Lộc (huyện Chi Lăng) được công nhận đạt chuẩn NTM nâng cao năm 2023.
Huyện Hữu Lũng được Thủ tướng Chính phủ công nhận đạt chuẩn NTM năm 2023.
Xã Tú Mịch đạt 16/19 tiêu chí NTM nâng cao; chưa đạt tiêu chí số 10 (Thu nhập).
Bình quân đạt 17,2 tiêu chí/xã; có 12 xã đạt từ 15-18 tiêu chí.
Tổng vốn huy động năm 2023 là 1.250 tỷ đồng, trong đó ngân sách tỉnh 320 tỷ đồng.
Tỷ lệ hộ nghèo còn 4,1%; thu nhập bình quân khu vực nông thôn đạt 48 triệu đồng/người/năm.
Năm 2024 phấn đấu có thêm 6 xã đạt chuẩn NTM nâng cao.
Ngân sách xã =HYPERLINK("x") 10 tỷ đồng.
"""


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "bao_cao.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "ntm_analysis", "extract", "-q", *args]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_to_raw_writes_valid_rows_with_provenance_and_builds(tmp_path):
    src = _report(tmp_path)
    facts = extract_file(src, context=True)
    result = convert(facts, {str(src): source_id_of(src)})
    out = tmp_path / "raw"
    write_raw(result, out)
    sid = source_id_of(src)
    tables = {p.parent.name for p in out.glob(f"*/{sid}.csv")}
    assert tables == {
        "sources", "facts", "targets", "commune_status", "criteria_status", "funding"
    }  # fmt: skip
    facts_csv = pd.read_csv(out / "facts" / f"{sid}.csv", dtype=str)
    row = facts_csv[facts_csv["measure"] == "communes_ntm"].iloc[0]
    assert (row["value"], row["year"], row["area_name"], row["source_locator"]) == (
        "120",
        "2023",
        "Lạng Sơn",
        "line 4",
    )
    assert row["note"].startswith("ntm extract: 120/181 xã")
    measures = set(facts_csv["measure"])
    assert {
        "communes_ntm_added", "communes_total", "communes_ntm_pct", "district_ntm_recognised",
        "avg_criteria_per_commune", "communes_15_18_criteria", "poverty_rate_pct",
        "rural_income_mn_vnd_per_person_year",
    } <= measures  # fmt: skip
    status = pd.read_csv(out / "commune_status" / f"{sid}.csv", dtype=str)
    assert set(status["commune_name"]) == {"Vân An", "Gia Lộc", "Tú Mịch"}
    assert set(status["district_name"].dropna()) == {"Chi Lăng", "Lộc Bình"}
    targets = pd.read_csv(out / "targets" / f"{sid}.csv", dtype=str)
    assert list(targets["measure"]) == ["communes_advanced_added"]
    assert list(targets["year"]) == ["2024"]
    processed = tmp_path / "processed"
    results = build(out, processed, verbose=False, stagers=[])
    assert all(r.rejects.empty for r in results.values()), {
        t: r.rejects["reason"].tolist() for t, r in results.items() if not r.rejects.empty
    }
    built = pd.read_parquet(processed / "criteria_status.parquet")
    assert list(built["criterion_no"]) == [10] and list(built["status"]) == ["not_met"]


def test_facts_that_make_no_valid_row_are_listed_with_the_reason(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(
        "Ngân sách tỉnh 15 tỷ đồng.\nXã Vân An còn thiếu tiêu chí Thu nhập.\n", encoding="utf-8"
    )
    facts = extract_file(src, context=True)
    result = convert(facts, {str(src): "report_x"}, lang="en")
    reasons = {r["kind"]: r["reason"] for r in result.rejects}
    assert "flow is not stated" in reasons["funding"]
    assert "criteria set is not stated" in reasons["criteria_status"]
    assert not result.tables.get("funding") and not result.tables.get("criteria_status")


def test_review_workbook_round_trip_with_corrections(tmp_path):
    src = _report(tmp_path)
    facts = extract_file(src, context=True)
    book = tmp_path / "review.xlsx"
    write_review(facts, {str(src): source_id_of(src)}, book)
    wb = load_workbook(book)
    ws = wb["facts"]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    assert header[:4] == ["accept", "what", "sentence", "text"]
    assert "README" in wb.sheetnames
    formula_rows = [r for r in range(2, ws.max_row + 1) if "HYPERLINK" in str(ws.cell(r, 3).value)]
    assert formula_rows and all(ws.cell(r, 3).data_type == "s" for r in formula_rows)
    kinds = [ws.cell(r, col["kind"]).value for r in range(2, ws.max_row + 1)]
    first_percent = kinds.index("percent") + 2
    ws.cell(first_percent, col["value"]).value = 4.2  # a reviewer's correction
    ws.cell(2, col["accept"]).value = "no"  # and a refusal
    wb.save(book)
    accepted = read_review(book)
    pre_filled = [f for f in facts if f["confidence"] >= 0.8]
    assert facts[0]["confidence"] >= 0.8 and len(accepted) == len(pre_filled) - 1
    percent = next(f for f in accepted if f["kind"] == "percent")
    assert percent["value"] == 4.2 and percent["is_target"] is False
    assert all(isinstance(f["line"], int) for f in accepted)


def test_cli_review_then_to_raw_and_usage_errors(tmp_path):
    src = _report(tmp_path)
    book = tmp_path / "r.xlsx"
    proc = _run(str(src), "--review", str(book))
    assert proc.returncode == 0 and proc.stdout == "" and book.is_file(), proc.stderr
    out = tmp_path / "raw"
    proc = _run(str(book), "--to-raw", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "facts" in proc.stderr and (out / "extract_rejects.csv").is_file()
    assert list((out / "sources").glob("report_*.csv"))
    mixed = _run(str(book), str(src), "--to-raw", str(out))
    assert mixed.returncode == 2 and "reviewed workbook" in mixed.stderr
    no_target = _run(str(book))
    assert no_target.returncode == 2
    direct = _run(str(src), "--to-raw", str(tmp_path / "raw2"), "--min-confidence", "0")
    assert direct.returncode == 0 and list((tmp_path / "raw2" / "facts").glob("*.csv"))


def test_a_docx_that_unpacks_past_the_limit_is_refused_with_a_message(tmp_path, monkeypatch):
    import docx

    from ntm_analysis.sources import limits
    from ntm_analysis.sources.reports.reading import ReadError, read_lines

    doc = docx.Document()
    doc.add_paragraph("Năm 2023 có 8 xã đạt chuẩn NTM.")
    path = tmp_path / "big.docx"
    doc.save(str(path))
    monkeypatch.setitem(limits.ARCHIVE_LIMITS, "document", 1024)
    try:
        read_lines(path)
    except ReadError as err:
        assert "unpacks to" in str(err) and "big.docx" in str(err)
    else:
        raise AssertionError("the limit was not applied")


def test_help_names_every_kind_and_the_review_options():
    proc = subprocess.run(
        [sys.executable, "-m", "ntm_analysis", "extract", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    for word in ("money_per_person", "--review", "--to-raw", "--min-confidence", "decision"):
        assert word in proc.stdout
