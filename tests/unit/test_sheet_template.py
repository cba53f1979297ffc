"""`ntm template`: a blank criteria form for a district, pre-filled with its communes, that
reads back through `ntm check` / `ntm ingest` once an office fills it in."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ntm_analysis import cli
from ntm_analysis.places import gazetteer
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.results import Options
from ntm_analysis.sources.sheets.template import TemplateError, district_communes


def _make(tmp_path, *args):
    out = tmp_path / "form.xlsx"
    code = cli.main(["template", *args, "-o", str(out)])
    return code, out


def test_can_loc_form_lists_its_communes_from_the_gazetteer(tmp_path):
    code, out = _make(
        tmp_path,
        "--district",
        "Can Lộc",
        "--criteria-set",
        "commune_advanced_2021_2025",
        "--year",
        "2024",
    )
    assert code == 0
    units = gazetteer.load_units("legacy")
    want = units[
        (units["level"] == "commune")
        & (units["district_name"] == "Huyện Can Lộc")
        & (units["unit_type"] == "Xã")
    ]
    ws = load_workbook(out).active
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[2]) for r in rows] == list(
        zip(want["unit_name_short"], want["unit_code"], strict=True)
    )
    assert len(rows) == 15  # Nghèn and Đồng Lộc are towns (thị trấn): not in the programme
    texts = " ".join(str(c) for r in ws.iter_rows(max_row=10, values_only=True) for c in r if c)
    assert "NÔNG THÔN MỚI NÂNG CAO GIAI ĐOẠN 2021-2025 NĂM 2024" in texts
    assert "TC14 Y tế" in texts


def test_a_blank_form_is_one_problem_not_nineteen_unmet_criteria(tmp_path):
    _, out = _make(tmp_path, "--district", "Can Lộc", "--criteria-set", "commune_ntm_2021_2025")
    result = ingest_files([out], Options(lang="en"))
    assert [p.message for p in result.problems] == [
        "on every row (15 rows): no criterion is marked on this row (a blank is 'not met' "
        "only beside other marks): write Chưa đạt or 0 for a criterion not met"
    ]
    assert result.rows_out == 0


def test_a_filled_form_checks_clean_and_ingests_exactly(tmp_path):
    _, out = _make(
        tmp_path,
        "--district",
        "Can Lộc",
        "--criteria-set",
        "commune_advanced_2021_2025",
        "--year",
        "2024",
    )
    wb = load_workbook(out)
    ws = wb.active
    rows = [r for r in ws.iter_rows() if isinstance(r[0].value, int)]
    for i, row in enumerate(rows):
        unmet = {(i % 19) + 1} if i % 2 else set()
        for k in range(19):
            row[3 + k].value = "Chưa đạt" if k + 1 in unmet else "x"
        row[3 + 19].value = 19 - len(unmet)
    wb.save(out)
    result = ingest_files([out], Options(lang="en"))
    assert result.problems == []
    cs = result.tables["criteria_status"]
    assert len(cs) == 15 * 19 and set(cs["year"]) == {2024}
    assert set(cs["criteria_set"]) == {"commune_advanced_2021_2025"}
    second = cs[cs["commune_name"] == rows[1][1].value].set_index("criterion_no")["status"]
    assert second[2] == "not_met" and (second.drop(2) == "met").all()
    st = result.tables["commune_status"]
    assert sorted(st["criteria_met"].unique()) == [18, 19]


def test_unknown_and_shared_district_names_are_refused(tmp_path):
    with pytest.raises(TemplateError, match="no district"):
        district_communes("Không Có")
    code, _ = _make(tmp_path, "--district", "Không Có", "--criteria-set", "commune_ntm_2021_2025")
    assert code == 2
    with pytest.raises(TemplateError, match="several districts"):
        district_communes("Châu Thành")  # several provinces have a Châu Thành
    assert len(district_communes("Châu Thành", "Tiền Giang")) > 5
