"""Notebook 05's analysis: provinces compared inside an as-of window, dates as the sources give
them, cautions left out or flagged, one criteria set per axis (issue #18, item 3)."""

from __future__ import annotations

import pytest

from ntm_analysis.analysis import dating, provinces
from ntm_analysis.model import tables as tables_mod
from ntm_analysis.present import figures
from ntm_analysis.present import province_text as text


@pytest.fixture(scope="module")
def all_figures(built):
    return provinces.province_figures(tables_mod.load_tables(built[0])["facts"])


def _row(frame, province, measure):
    hit = frame[(frame["province"] == province) & (frame["measure"] == measure)]
    assert len(hit) == 1, (province, measure, len(hit))
    return hit.iloc[0]


def test_dates_are_printed_as_the_source_gives_them(all_figures):
    son_la = _row(all_figures, "Sơn La", "communes_ntm_pct")
    assert son_la["date"] == "2021-02"  # as of 02/2021, not the end of 2021
    assert dating.label(son_la["date"], "vi") == "tháng 02/2021"
    dong_nai = _row(all_figures, "Đồng Nai", "communes_ntm_pct")
    assert dong_nai["vintage"] == "2025" and dong_nai["date_basis"] == "undated"
    labelled = provinces.labelled(all_figures, "en")
    assert not labelled["date_as_given"].str.contains(r"^\d{4}-12$").any()


def test_a_window_keeps_figures_of_comparable_dates_only(all_figures):
    panel, left = provinces.panel(all_figures, "2023", 12)
    start, end = dating.window("2023", 12)
    assert all(dating.within(d, start, end) for d in panel["date"])
    assert not panel.duplicated(["vintage", "province", "measure"]).any()
    hd_2019 = left[(left["province"] == "Hải Dương") & (left["date"] == "2019-09-09")]
    assert len(hd_2019) and (hd_2019["reason"] == "outside window").all()
    # a 2019 figure and a 2025 figure are never ranked together
    wide, _ = provinces.panel(all_figures, "2025", 12)
    assert not wide["date"].str.startswith("2019").any()


def test_caution_rows_are_left_out_unless_asked_for_and_undated_pages_always(all_figures):
    panel, left = provinces.panel(all_figures, "2021-12", 12)
    assert "Sơn La" not in set(panel.loc[panel["measure"] == "communes_ntm_pct", "province"])
    son_la = left[(left["province"] == "Sơn La") & (left["measure"] == "communes_ntm_pct")]
    assert son_la["reason"].tolist() == ["caution"]
    kept, _ = provinces.panel(all_figures, "2021-12", 12, include_caution=True)
    assert _row(kept, "Sơn La", "communes_ntm_pct")["date"] == "2021-02"
    _, left_2025 = provinces.panel(all_figures, "2025", 12, include_caution=True)
    dong_nai = left_2025[left_2025["province"] == "Đồng Nai"]
    assert set(dong_nai["reason"]) == {"date undated"}


@pytest.mark.parametrize(
    ("date", "note", "period"),
    [
        pytest.param("2019-09-09", "", "2016-2020", id="before-2022"),
        pytest.param("2022-03-01", "", "2016-2020", id="before-the-new-set"),
        pytest.param("2022", "", "unknown", id="year-of-the-switch"),
        pytest.param("2023", "", "2021-2025", id="after"),
        pytest.param("2022", "old 2016-2020 criteria set", "2016-2020", id="stated"),
    ],
)
def test_criteria_period_of_an_average(date, note, period):
    assert provinces.criteria_period(date, note) == period


def test_averages_of_different_criteria_sets_never_share_an_axis(all_figures):
    avg = all_figures[all_figures["measure"] == "avg_criteria_per_commune"]
    assert {"2016-2020", "2021-2025"} <= set(avg["criteria_period"])
    with pytest.raises(ValueError, match="different or unknown criteria sets"):
        figures.province_dots(avg, "avg_criteria_per_commune", "x", "en")
    one = avg[avg["criteria_period"] == "2016-2020"].drop_duplicates("province")
    fig = figures.province_dots(one, "avg_criteria_per_commune", "x", "en")
    assert "2016-2020 commune set" in fig._ntm_source


def test_percent_axes_end_at_100_and_dots_carry_their_dates(all_figures):
    panel, _ = provinces.panel(all_figures, "2023", 12)
    fig = figures.province_dots(panel, "communes_ntm_pct", "share", "vi", highlight="Bắc Giang")
    ax = fig.axes[0]
    assert ax.get_xlim() == (0, 100)
    labels = [t.get_text() for t in ax.texts]
    assert any("năm 2023" in t for t in labels) and any("tháng 7/2023" in t for t in labels)
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Bắc Giang"]


def test_national_and_merged_provinces_stay_apart(all_figures):
    assert set(all_figures["vintage"]) == {"legacy", "2025", "national"}
    merged = all_figures[all_figures["vintage"] == "2025"]
    assert len(merged) and not merged["province"].str.contains("post-2025|cũ").any()
    fig = figures.province_dots(
        merged.assign(date_basis="stated").drop_duplicates(["province", "measure"]),
        "communes_ntm_pct",
        "share",
        "en",
    )
    assert all(t.get_text().endswith("(2025)") for t in fig.axes[0].get_yticklabels())
    assert not all_figures.duplicated(["vintage", "province", "measure", "date", "raw_row"]).any()


def test_sentences_give_window_leftovers_and_extremes(all_figures, built):
    sources = tables_mod.load_tables(built[0])["sources"]
    panel, left = provinces.panel(all_figures, "2023", 12)
    out = text.window(panel, left, "2023", 12, "en") + text.flagged(left, sources, "en")
    assert "1 Jan 2023 – 31 Dec 2023" in out and "marked with a caution" in out
    assert "Trà Vinh" in out and "not dated" in out
    hi = text.extremes(panel, "communes_ntm_pct", sources, "en")
    assert hi.startswith("**Share of communes meeting NTM**") and "the whole country" in hi
