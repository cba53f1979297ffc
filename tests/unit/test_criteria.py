"""Criteria reference: look-ups by (set, number) and by OCR-damaged names; provenance."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from ntm_analysis import cli
from ntm_analysis.lexicon import criteria
from ntm_analysis.paths import PACKAGE_DATA


def test_numbers_mean_different_criteria_in_basic_and_advanced_sets():
    assert criteria.get_criterion("commune_ntm_2021_2025", 14).name_vi == "Giáo dục và Đào tạo"
    assert criteria.get_criterion("commune_advanced_2021_2025", 14).name_vi == "Y tế"
    assert criteria.get_criterion("commune_ntm_2021_2025", 15).name_vi == "Y tế"
    assert criteria.get_criterion("commune_advanced_2021_2025", 15).name_vi == "Hành chính công"


@pytest.mark.parametrize(
    ("criteria_set", "size"),
    [
        ("commune_ntm_2021_2025", 19),
        ("commune_advanced_2021_2025", 19),
        ("commune_ntm_2026_2030", 10),
        ("district_ntm_2021_2025", None),
    ],
)
def test_set_sizes(criteria_set, size):
    assert criteria.set_size(criteria_set) == size


def test_both_commune_sets_are_complete_and_every_row_has_a_source():
    table = criteria.criteria_table()
    for s in ("commune_ntm_2021_2025", "commune_advanced_2021_2025"):
        assert criteria.criterion_numbers(s) == list(range(1, 20))
    assert table["source_url"].str.len().gt(0).all()
    assert table["legal_basis"].str.len().gt(0).all()


def test_district_sets_and_model_rules_are_shipped():
    assert criteria.criterion_numbers("district_ntm_2021_2025") == [2]
    assert criteria.is_valid_number("district_advanced_2021_2025", 1)
    assert not criteria.is_valid_number("district_advanced_2021_2025", 7)
    rules = (PACKAGE_DATA / "model_rules.csv").read_text(encoding="utf-8")
    assert "model_commune_2021_2025" in rules and "district_ntm_2021_2025" in rules


def test_unknown_set_and_number_give_clear_errors():
    with pytest.raises(KeyError, match="unknown criteria set 'commune_basic'"):
        criteria.get_criterion("commune_basic", 1)
    with pytest.raises(KeyError, match="criterion 20 is not in commune_ntm_2021_2025"):
        criteria.get_criterion("commune_ntm_2021_2025", 20)


@pytest.mark.parametrize(
    ("damaged", "criteria_set", "expected"),
    [
        pytest.param("Y té", "commune_advanced_2021_2025", 14, id="e-acute-for-e-circumflex"),
        pytest.param("Y tế", "commune_ntm_2021_2025", 15, id="same-name-other-set"),
        pytest.param("Giao thong", "commune_ntm_2021_2025", 2, id="no-diacritics"),
        pytest.param("Thuy 1gi", "commune_ntm_2021_2025", 3, id="l-read-as-1-prefix"),
        pytest.param("Hanh chinh céng", "commune_advanced_2021_2025", 15, id="o-read-as-e"),
        pytest.param("Nghéo da chiéu", "commune_advanced_2021_2025", 11, id="e-circumflex-lost"),
        pytest.param(
            "Chat lwong moi truong séng", "commune_advanced_2021_2025", 18, id="w-for-u-horn"
        ),
        pytest.param("Quéc phong va An ninh", "commune_advanced_2021_2025", 19, id="o-hat"),
        pytest.param("Tiép can phap luat", "commune_advanced_2021_2025", 16, id="ie-hat"),
    ],
)
def test_lookup_by_damaged_name(damaged, criteria_set, expected):
    assert criteria.lookup_criterion(damaged, criteria_set).criterion_no == expected


def test_name_search_without_a_set_returns_each_set_separately():
    hits = criteria.find_criteria("Y tế")
    top = hits[hits["score"] == 100]
    assert set(zip(top["criteria_set"], top["criterion_no"])) >= {
        ("commune_ntm_2021_2025", 15),
        ("commune_advanced_2021_2025", 14),
    }


def test_unmatched_name_raises_rather_than_guessing():
    with pytest.raises(LookupError, match="no criterion"):
        criteria.lookup_criterion("xyzxyz qqq", "commune_ntm_2021_2025")


def test_topic_crosswalk_links_the_two_numberings():
    topics = criteria.criteria_topics().set_index("topic")
    assert topics.at["health", "commune_ntm_2021_2025"] == "15"
    assert topics.at["health", "commune_advanced_2021_2025"] == "14"
    advanced = sorted(int(n) for n in topics["commune_advanced_2021_2025"])
    assert advanced == list(range(1, 20))


@pytest.mark.parametrize(
    ("label", "tier"),
    [
        ("đạt chuẩn NTM", "ntm"),
        ("Xa NTM nang cao", "advanced"),
        ("xã nông thôn mới kiểu mẫu", "model"),
        ("chưa đạt", "none"),
    ],
)
def test_normalise_tier(label, tier):
    assert criteria.normalise_tier(label) == tier


def test_cli_criteria(capsys):
    assert cli.main(["criteria", "--set", "commune_advanced_2021_2025", "--no", "14"]) == 0
    assert "14: Y tế" in capsys.readouterr().out
    assert cli.main(["criteria", "--name", "Thuy loi", "--set", "commune_ntm_2021_2025"]) == 0
    assert "Thủy lợi" in capsys.readouterr().out
    assert cli.main(["criteria", "--set", "nope"]) == 1


def test_package_copy_matches_the_shared_reference(shared_dir):
    meta = yaml.safe_load((PACKAGE_DATA / "criteria.source.yml").read_text(encoding="utf-8"))
    for name, info in meta["files"].items():
        shipped = (PACKAGE_DATA / name).read_bytes()
        assert hashlib.sha256(shipped).hexdigest() == info["sha256"], name
        original = shared_dir.parent / info["copied_from"]
        assert original.read_bytes() == shipped, (
            f"{original} changed: rerun scripts/import_criteria.py"
        )


def test_guidance_rows_are_valid_and_sourced():
    g = criteria.criteria_guidance()
    assert not g.duplicated(["criteria_set", "criterion_no"]).any()
    assert set(g["basis"]) <= {"stated", "inferred"}
    assert set(g["body_level"]) <= {"ministry", "provincial_department", "statistics_office"}
    assert g["source_url"].str.match(r"https?://").all() and (g["locator"] != "").all()
    basic = g[g["criteria_set"] == "commune_ntm_2021_2025"].set_index("criterion_no")
    assert basic.loc[5, "body_vi"] == "Bộ Giáo dục và Đào tạo"
    assert 15 not in basic.index  # Y tế: no guidance document on file, so no row
    advanced = g[g["criteria_set"] == "commune_advanced_2021_2025"].set_index("criterion_no")
    assert advanced.loc[15, "body_en"] == "provincial Department of Home Affairs"


def test_unmet_criteria_name_the_guiding_body_or_say_there_is_none():
    import pandas as pd

    from ntm_analysis.analysis import indicators

    status = pd.DataFrame(
        {
            "criteria_set": ["commune_ntm_2021_2025"] * 4 + ["commune_advanced_2021_2025"],
            "criterion_no": [5, 5, 15, 3, 15],
            "commune_name": ["A", "B", "A", "B", "C"],
            "status": ["not_met", "not_met", "not_met", "met", "not_met"],
            "source_id": ["s1", "s1", "s1", "s1", "s2"],
        }
    )
    out = indicators.unmet_criteria(status)
    assert out[["criteria_set", "criterion_no", "communes_not_met"]].values.tolist() == [
        ["commune_ntm_2021_2025", 5, 2],
        ["commune_advanced_2021_2025", 15, 1],
        ["commune_ntm_2021_2025", 15, 1],
    ]
    assert out["criterion"].tolist() == ["Trường học", "Hành chính công", "Y tế"]
    assert out["guided_by"].tolist() == [
        "Bộ Giáo dục và Đào tạo",
        "Sở Nội vụ (cấp tỉnh)",
        "chưa có nguồn",
    ]
    en = indicators.unmet_criteria(status, "en")
    assert en["guided_by"].iloc[2] == "no source found" and en["criterion"].iloc[0] == "Schools"
