"""Reader tables of notebooks 02–05 on the embedded data: headings in the report's language,
values in its formats, documents cited with section and line, no NaN, no internal id or row
locator; the helpers that make the notebooks run for any area."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntm_analysis.analysis import areas, east_west, funding_outcomes, indicators, provinces, status
from ntm_analysis.model import citations, tables
from ntm_analysis.present import east_west_tables, funding_tables, province_tables, readable
from ntm_analysis.present.maps import classes, status_layer

INTERNAL = re.compile(
    r"\b(?:web_[0-9a-f]{10}|hp_202[45]_\w+|ls_2023_\w+|bg_2024_\w+|ref_[a-z_]+|pkg_[a-z_0-9]+)\b"
    r"|\b(?:facts|funding|targets|reference)/[\w./-]+:\d+"
)


@pytest.fixture(scope="module")
def data(built):
    return tables.load_tables(built[0])


def _for_readers(t: readable.Table) -> str:
    assert isinstance(t, readable.Table)
    html = t._repr_html_()
    assert "NaN" not in html and "&lt;NA&gt;" not in html and "None" not in html
    assert not re.search(r"\d\.\d+e[+-]\d\d", html)
    assert not INTERNAL.search(html), INTERNAL.search(html)
    return html


def test_east_west_tables_cite_documents_and_say_how_a_base_is_known(data):
    ew = east_west.analyse(data, "Hải Phòng", "2025-11")
    points = _for_readers(east_west_tables.points_table(ew.points, data, "vi"))
    assert "<th" in points and "Mẫu số có từ" in points and "đối chiếu được (mục 3)" in points
    assert "Thông báo số 02/TB-VP ngày 03/01/2025" in points and "mục I, dòng 69" in points
    assert "43,04 %" in points and "58,4 %" in points  # stated shares as printed
    en = _for_readers(east_west_tables.points_table(ew.points, data, "en"))
    assert "Base from" in en and "Notice No. 02/TB-VP" in en and "section I, line 69" in en
    bases = _for_readers(east_west_tables.bases_table(ew.bases, data, "vi"))
    assert "Xã trước sắp xếp 2023–2025, trừ các xã Cát Hải được loại" in bases
    assert "khớp" in bases and "vietnamadminunits 1.0.4" in bases
    _for_readers(east_west_tables.districts_xa_table(ew.xa_by_district, data, "en"))
    _for_readers(east_west_tables.units_2025_table(ew.units_2025, data, "vi"))
    districts = _for_readers(east_west_tables.east_districts_table(ew.districts, data, "vi"))
    assert ">2024<" in districts and "2.024" not in districts


def test_funding_tables_write_money_with_units_and_qualifiers(data):
    sl = citations.SourceList(data["sources"], "vi", strict=False)
    money = indicators.money_facts(data["facts"])
    html = _for_readers(funding_tables.money_table(money, sl, "vi"))
    assert "trên 20.893 tỷ đồng" in html  # Hà Nội's district budgets, "more than"
    assert "Tỷ trọng vốn tín dụng" in html and "57 %" in html
    assert re.search(r">\[\d+\]<", html)  # sources as numbers into the list
    assert len(sl) > 5 and all("web_" not in c.full for _, c in sl.entries())
    code = funding_outcomes.legacy_code(data["units"], "Bắc Sơn", "district")
    reached = funding_outcomes.targets_reached(
        data["targets"], data["commune_status"], data["facts"], data["units"], code
    )
    targets = _for_readers(funding_tables.targets_table(reached, data, "en"))
    assert "not reached" in targets and "14/19" in targets and "Notice No. 316/TB-STNMT" in targets
    cohorts = funding_outcomes.cohorts(data["facts"], "31")
    html = _for_readers(funding_tables.cohorts_table(cohorts, data, "vi"))
    assert "22,5 (tính toán)" in html and "80,4 % (tính toán)" in html and "81 %" in html


def test_funding_helpers_find_an_areas_districts_with_money(data):
    units, funding = data["units"], data["funding"]
    lang_son = areas.legacy_codes(units, "Lạng Sơn")
    assert funding_outcomes.district_money(funding, lang_son) == [("185", 2023)]
    assert funding_outcomes.district_money(funding, lang_son, 2022) == []
    assert funding_outcomes.district_money(funding, areas.legacy_codes(units, "Hà Giang")) == []
    hai_phong = areas.legacy_codes(units, "Hải Phòng")  # the new city: both old provinces
    assert funding_outcomes.province_codes(units, hai_phong) == ["30", "31"]
    assert areas.legacy_codes(units, "Châu Thành") == set()  # ten districts: none picked


def test_province_tables_and_the_areas_own_figures(data):
    figs = provinces.province_figures(data["facts"])
    panel, _ = provinces.panel(figs, "2023")
    sl = citations.SourceList(data["sources"], "en", strict=False)
    html = _for_readers(province_tables.panel_table(panel, sl, "en"))
    assert "Whole country" in html and "count / total (computed)" in html
    welfare = panel[panel["measure"] == "rural_income_mn_vnd_per_person_year"]
    assert "52 million VND per person a year" in _for_readers(
        province_tables.welfare_table(welfare, sl, "en")
    )
    bac_giang = str(province_tables.area_sentence(panel, "Bắc Giang", "vi"))
    assert bac_giang.startswith("Trong khoảng so sánh, Bắc Giang có 6 số liệu")
    assert "2,63 %" in bac_giang  # a stated share with its printed decimals
    bac_son = str(province_tables.area_sentence(panel, "Bắc Sơn", "en"))
    assert bac_son.startswith("Bắc Sơn is in Lạng Sơn province") and "**No data**" in bac_son
    assert str(province_tables.area_sentence(panel, "", "vi")) == ""


def test_map_tables_and_an_area_the_gazetteer_does_not_know(data):
    layer, why = status_layer.area_layer(["Hải Phòng", "Hải Dương"], "legacy", data, "en")
    assert why == "" and layer is not None
    html = _for_readers(classes.legend_reader_table(layer, "en"))
    assert "Map class" in html and "East (former Hải Phòng)" in html
    figures = status.area_context(data, ["Hải Phòng", "Hải Dương"], "legacy", "2025-12-31")
    shares = _for_readers(classes.area_figures_table(figures, data["sources"], "en"))
    assert "Hải Dương (former)" in shares and "Notice No." in shares and "(cũ)" not in shares
    none, why = status_layer.area_layer("Châu Thành", "legacy", data, "vi")
    assert none is None and "Không xác định được địa bàn" in why and "Tiền Giang" in why
    none, why = status_layer.area_layer("Nơi Không Có", "legacy", data, "en")
    assert none is None and "is not in the list of administrative units" in why


def test_the_east_west_comparison_is_only_about_the_new_hai_phong():
    assert east_west.covers("Hải Phòng") and east_west.covers("Thành phố Hải Phòng")
    assert not east_west.covers("Hải Dương") and not east_west.covers(["Hải Phòng"])
    assert areas.legacy_names("Hải Phòng") == ["Hải Dương", "Hải Phòng"]
    assert areas.legacy_names(["Hải Phòng", "Hải Dương"]) == ["Hải Phòng", "Hải Dương"]
    empty = pd.DataFrame(columns=["a"])
    assert len(readable.table(empty, [readable.Column("a", "A", "A")], "vi")) == 0


def test_the_district_base_says_it_counts_huyen(data):
    """`districts_total` is the base of the district counts ("4/6 huyện" for the East): its
    label names huyện, not every district-level unit."""
    from ntm_analysis.present import findings, key_figures

    assert findings.measure_label("districts_total", "vi") == (
        "Tổng số huyện (mẫu số của số huyện đạt chuẩn)"
    )
    assert findings.measure_label("districts_total", "en").startswith("Rural districts (huyện)")
    for lang, label in (("vi", "Tổng số huyện"), ("en", "Rural districts (huyện) in total")):
        html = _for_readers(key_figures.key_figures_table(data, "Hải Phòng", 2025, "2025-11", lang))
        assert label in html
        assert "Tổng số đơn vị cấp huyện" not in html
        assert "District-level units in total" not in html
