"""`ntm extract` on fixtures written for the tests (clean and OCR-damaged), formats, CLI, seeds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ntm_analysis.extract import ReadError, extract_file, extract_lines, read_lines
from ntm_analysis.extract.reading import Line
from ntm_analysis.extract.writers import schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"
VARIANTS = [
    pytest.param("quangtri_clean.txt", id="clean"),
    pytest.param("quangtri_ocr.txt", id="ocr"),
]


def _facts(text: str) -> list[dict]:
    lines = [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    return extract_lines(lines, "inline")


def _one(facts: list[dict], kind: str, **want) -> dict:
    hits = [f for f in facts if f["kind"] == kind and all(f.get(k) == v for k, v in want.items())]
    assert len(hits) == 1, f"{kind} {want}: {len(hits)} hits in {[f['text'] for f in facts]}"
    return hits[0]


@pytest.fixture(scope="module", params=VARIANTS)
def report(request) -> list[dict]:
    return extract_file(FIXTURES / request.param)


def test_stock_and_flow_counts(report):
    flow = _one(report, "recognised_count", count=8)
    assert (flow["unit_level"], flow["tier"], flow["year"], flow["is_target"]) == (
        "commune",
        "ntm",
        2022,
        False,
    )
    assert _one(report, "recognised_count", count=5)["tier"] == "advanced"
    stock = _one(report, "tier_count", count=75)
    assert (stock["total"], stock["pct"], stock["tier"]) == (101, 74.3, "ntm")
    assert (stock["area"], stock["area_code"], stock["line"]) == ("Quảng Trị", "45", 12)


def test_named_recognitions_are_corrected_and_coded(report):
    assert _one(report, "recognised_commune", commune="Gio Mỹ")["code"] == "19510"
    assert _one(report, "recognised_commune", commune="Trung Sơn")["tier"] == "advanced"
    model = _one(report, "recognised_commune", commune="Gio An")
    assert (model["tier"], model["field"]) == ("model", "education")
    district = _one(report, "recognised_district", district="Cam Lộ")
    assert (district["code"], district["admin_vintage"], district["tier"]) == (
        "468",
        "legacy",
        "ntm",
    )


def test_criteria(report):
    assert _one(report, "avg_criteria")["value"] == 16.8
    band = _one(report, "criteria_band_count")
    assert (band["count"], band["min_met"], band["max_met"]) == (6, 15, 18)
    score = _one(report, "criteria_count", commune="Gio Hải")
    assert (score["met"], score["of"], score["criteria_set"]) == (17, 19, "commune_ntm_2021_2025")
    status = [f for f in report if f["kind"] == "criteria_status"]
    assert [(f["criterion_no"], f["status"]) for f in status] == [(10, "not_met"), (17, "not_met")]
    assert status[1]["criterion_name"] == "Môi trường và an toàn thực phẩm"


def test_funding(report):
    got = {
        f["source_category"]: (f["amount_vnd"], f["qualifier"])
        for f in report
        if f["kind"] == "funding"
    }
    assert got == {
        "central_investment": (25_300_000_000, "exact"),
        "central_recurrent": (4_120_000_000, "exact"),
        "provincial": (12_500_000_000, "exact"),
        "community": (2_750_000_000, "approx"),
    }


def test_percentages(report):
    assert _one(report, "percent", measure="poverty_rate")["value"] == 3.15
    assert _one(report, "percent", measure="health_insurance_coverage")["value"] == 93.2


def test_plan_section_gives_targets(report):
    plan = _one(report, "recognised_count", count=6)
    assert (plan["is_target"], plan["tier"], plan["year"]) == (True, "advanced", 2023)
    aim = _one(report, "recognised_commune", commune="Gio Hải")
    assert aim["is_target"] and aim["tier"] == "advanced"
    assert all(not f["is_target"] for f in report if f["line"] < 33)


def test_text_is_the_original_span(report):
    raw = (FIXTURES / report[0]["source"].rsplit("/", 1)[-1]).read_text(encoding="utf-8")
    lines = raw.splitlines()
    for f in report:
        first = f["text"].split()[0]
        assert first in lines[f["line"] - 1], (f["line"], f["text"])


def test_output_validates_against_the_schema(report):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema())
    for fact in report:
        errors = [e.message for e in validator.iter_errors(fact)]
        assert not errors, (fact, errors)


@pytest.mark.parametrize(
    ("text", "kind", "want"),
    [
        pytest.param(
            "Năm 2021, huyện có 12/15 xã đạt chuẩn NTM, chiếm 80%.",
            "tier_count",
            {"count": 12, "total": 15, "pct": 80, "year": 2021},
            id="stock-clean",
        ),
        pytest.param(
            "Nim 2021, huyén c6 12/15 x4 dat chuin ndng thén m&i, chiém 80%.",
            "tier_count",
            {"count": 12, "total": 15, "pct": 80, "year": 2021},
            id="stock-ocr",
        ),
        pytest.param(
            "Kế hoạch năm 2026 phấn đấu công nhận thêm 3 xã đạt chuẩn NTM kiểu mẫu.",
            "recognised_count",
            {"count": 3, "tier": "model", "is_target": True},
            id="target-clean",
        ),
        pytest.param(
            "Dang ky 2 xa dat chuan NTM nang cao trong nam 2026.",
            "recognised_count",
            {"count": 2, "tier": "advanced", "is_target": True},
            id="registration-no-diacritics",
        ),
        pytest.param(
            "Hỗ trợ 1,5 tỷ đồng/xã cho các xã đặc biệt khó khăn.",
            "funding",
            {"amount_vnd": 1_500_000_000, "per_commune": True},
            id="per-commune",
        ),
        pytest.param(
            "Tổng vốn huy động trên 120 tỷ đồng.",
            "funding",
            {"amount_vnd": 120_000_000_000, "qualifier": "more_than", "source_category": "total"},
            id="more-than-total",
        ),
        pytest.param(
            "Tỷ lệ hộ dân sử dụng nước sạch đạt 97,5%.",
            "percent",
            {"measure": "clean_water_households", "value": 97.5},
            id="water",
        ),
    ],
)
def test_sentences(text, kind, want):
    fact = _one(_facts(text), kind)
    assert {k: fact[k] for k in want} == want


def test_statements_that_are_not_facts():
    facts = _facts(
        "Thu nhập bình quân đạt 60 triệu đồng/người/năm.\n"
        "Có 3 xã thực hiện từ năm 2023, tiến độ đạt 40 ngày.\n"
        "Ngày 12/5/2024 Ban chỉ đạo họp.\n"
    )
    assert facts == []


def test_wrapped_lines_keep_the_start_line():
    facts = _facts("Kết quả:\n\ntoàn huyện được công nhận thêm\n\n4 xã đạt chuẩn\nNTM nâng cao.")
    fact = _one(facts, "recognised_count")
    assert (fact["line"], fact["count"], fact["tier"]) == (5, 4, "advanced")


def test_docx_lines_are_paragraphs(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("UBND TỈNH QUẢNG TRỊ")
    doc.add_paragraph("Năm 2022, toàn tỉnh có 75/101 xã đạt chuẩn nông thôn mới.")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Ngân sách tỉnh"
    table.rows[0].cells[1].text = "12,5 tỷ đồng"
    path = tmp_path / "r.docx"
    doc.save(str(path))
    facts = extract_file(path)
    assert _one(facts, "tier_count")["line"] == 2
    assert _one(facts, "funding")["amount_vnd"] == 12_500_000_000


def test_pdf_text_layer(tmp_path):
    pytest.importorskip("pypdf")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.3, 11.7))
    fig.text(0.05, 0.9, "UBND TỈNH QUẢNG TRỊ", fontsize=10)
    fig.text(0.05, 0.85, "Năm 2022, toàn tỉnh có 75/101 xã đạt chuẩn nông thôn mới.", fontsize=10)
    path = tmp_path / "r.pdf"
    fig.savefig(path)
    facts = extract_file(path)
    fact = _one(facts, "tier_count")
    assert (fact["count"], fact["total"], fact["page"]) == (75, 101, 1)


@pytest.mark.parametrize("name", ["missing.txt", "bad.docx", "bad.pdf", "notes.xyz"])
def test_unreadable_files_raise_read_error(tmp_path, name):
    path = tmp_path / name
    if name != "missing.txt":
        path.write_bytes(b"\x00\x01 not a real file")
    with pytest.raises(ReadError):
        read_lines(path)


def test_cli_skips_bad_files_and_sets_the_exit_code(tmp_path):
    good = FIXTURES / "quangtri_clean.txt"
    out = tmp_path / "facts.jsonl"
    cmd = [
        sys.executable,
        "-m",
        "ntm_analysis",
        "extract",
        str(good),
        str(tmp_path / "nope.pdf"),
        "-o",
        str(out),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "nope.pdf" in proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 10 and all(r["source"] == str(good) for r in rows)
    ok = subprocess.run(
        [*cmd[:4], str(good), "--format", "csv", "-q"], capture_output=True, text=True
    )
    assert ok.returncode == 0 and ok.stdout.startswith("source,line,")
    usage = subprocess.run([*cmd[:4]], capture_output=True, text=True)
    assert usage.returncode == 2


@pytest.mark.shared
def test_seed_benchmark(shared_dir):
    """Precision ≥ 0.9 and recall ≥ 0.85 on the seeds against data/raw (see evaluate.py)."""
    from ntm_analysis.extract.evaluate import evaluate, format_score
    from ntm_analysis.paths import RAW

    score = evaluate(shared_dir / "seeds", RAW)
    report = format_score(score, verbose=True)
    assert score.overall["precision"] >= 0.9, report
    assert score.overall["recall"] >= 0.85, report
