"""Key figures as the source printed them (review r5): what a count counts, every decimal,
the row's scope caveat, the base and cohort beside the label, a period over a span (marked
cumulative) and a date the project filed for an undated page (marked inferred)."""

from __future__ import annotations

import pytest

from ntm_analysis.lexicon import formats
from ntm_analysis.model import tables
from ntm_analysis.present import key_figures


@pytest.fixture(scope="module")
def rows(built):
    data = tables.load_tables(built[0])
    out = {}
    for area, lang in (("Hải Phòng", "vi"), ("Quảng Ninh", "vi"), ("Hải Phòng", "en")):
        f = key_figures.key_figures_frame(data, area, lang=lang)
        out[(area, lang)] = [
            (r.part, r.measure_label, r.value_text, r.date_text) for r in f.itertuples()
        ]
    return out


def _find(rows, part, label_start):
    hits = [r for r in rows if r[0] == part and r[1].startswith(label_start)]
    assert hits, (part, label_start, [r for r in rows if r[0] == part])
    return hits


def test_cat_hai_counts_the_communes_in_the_programme_of_ten(rows):
    hp = rows[("Hải Phòng", "vi")]
    (row,) = _find(hp, "Huyện Cát Hải – Hải Phòng (cũ)", "Số xã thuộc chương trình NTM")
    assert "trong tổng số 10 xã" in row[1] and row[2] == "6 xã"
    assert not [r for r in hp if r[0].startswith("Huyện Cát Hải") and r[1] == "Tổng số xã"]


def test_a_stated_value_keeps_its_decimals_and_its_scope_caveat(rows):
    assert formats.quantity(84.147, "mn_vnd_per_person_year") == "84,147 triệu đồng/người/năm"
    (row,) = _find(rows[("Quảng Ninh", "vi")], "Quảng Ninh", "Thu nhập bình quân")
    assert row[2] == "84,147 triệu đồng/người/năm"
    assert "phạm vi số liệu chưa rõ" in row[1]
    assert "vùng đồng bào dân tộc thiểu số, biên giới, hải đảo" in row[1]


def test_an_undated_page_shows_the_inferred_period(rows):
    hp = rows[("Hải Phòng", "vi")]
    (row,) = _find(hp, "Hải Dương (cũ)", "Tổng số xã")
    assert row[3] == "2021–2022 (ước định; trang không ghi ngày)"
    (en,) = _find(rows[("Hải Phòng", "en")], "Hải Dương (cũ)", "Communes in total")
    assert en[3] == "2021–2022 (inferred; the page gives no date)"


def test_notebook_04_marks_the_inferred_period_too(built):
    from ntm_analysis.analysis import area_statements
    from ntm_analysis.present.maps import classes

    data = tables.load_tables(built[0])
    st = area_statements.area_statements(data["facts"])
    st = st[st["date_text"] == "2021-2022"].assign(role="applied")
    html = classes.area_figures_table(st, data["sources"], "vi")._repr_html_()
    assert "2021–2022 (ước định; trang không ghi ngày)" in html


def test_a_cumulative_amount_shows_its_period(rows):
    (row,) = _find(rows[("Hải Phòng", "vi")], "Hải Dương (cũ)", "Tổng vốn huy động")
    assert row[2] == "44.263 tỷ đồng" and row[3] == "2010–2019 (lũy kế)"


def test_labels_keep_the_cohort_and_the_base(rows):
    hp = rows[("Hải Phòng", "vi")]
    old = "Hải Phòng (cũ)"
    (works,) = _find(hp, old, "Số công trình của các xã xây dựng NTM kiểu mẫu")
    assert works[1].endswith("đợt 2023 (35 xã)") and works[2] == "789 công trình"
    (done,) = _find(hp, old, "Số công trình đã hoàn thành")
    assert "trong tổng số 262 công trình" in done[1] and done[3] == "tháng 10/2025"
    (districts,) = _find(hp, old, "Số đơn vị cấp huyện đạt chuẩn NTM (")
    assert "trong tổng số 8 đơn vị cấp huyện" in districts[1]


def test_a_unit_is_named_as_it_was_on_the_figures_date(rows):
    """An Dương became a quận on 1 Jan 2025: its 2019 figure is of Huyện An Dương."""
    hp = rows[("Hải Phòng", "vi")]
    (row,) = _find(hp, "Huyện An Dương – Hải Phòng (cũ)", "Số xã đạt chuẩn NTM")
    assert row[3] == "12/3/2019"
    assert not [r for r in hp if r[0].startswith("Quận An Dương") and "2019" in r[3]]


def test_old_hai_phong_is_one_area_named_cu_wherever_readers_see_it(built):
    """A legacy row of a province merged in 2025 is "(cũ)" in every reader output: one bar
    for old Hải Phòng in chart 01 (rows named "Hải Phòng" and "Hải Phòng (cũ)" alike), the
    area statements of notebook 04, the new city's own 2025 rows without it."""
    from ntm_analysis.analysis import area_statements, areas
    from ntm_analysis.present.maps import classes

    data = tables.load_tables(built[0])
    cov = tables.coverage(data)
    names = set(areas.province_labels(cov))
    assert "Hải Phòng (cũ)" in names and "Hải Dương (cũ)" in names and "Hải Dương" not in names
    legacy_hp = cov[(cov["province"] == "Hải Phòng") & (cov["vintage"] == "legacy")]
    assert len(legacy_hp) and set(areas.province_labels(legacy_hp)) == {"Hải Phòng (cũ)"}
    new_hp = cov[(cov["province"] == "Hải Phòng") & (cov["vintage"] == "2025")]
    assert len(new_hp) and set(areas.province_labels(new_hp)) == {"Hải Phòng"}
    st = area_statements.area_statements(data["facts"])
    st = st[st["area_name"].isin(["Hải Phòng", "Hải Phòng (cũ)"])]
    st = st[st["admin_vintage"] == "legacy"]
    shown = classes.area_figures_table(st.assign(role="share"), data["sources"], "vi")
    html = shown._repr_html_()
    assert "Hải Phòng (cũ)" in html and ">Hải Phòng<" not in html
