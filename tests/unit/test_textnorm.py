"""OCR-aware comparison: one case per confusion class seen in the seed reports."""

from __future__ import annotations

import pytest

from ntm_analysis.lexicon.textnorm import (
    confusion_rules,
    fold,
    load_confusions,
    normalize,
    ocr_forms,
    ocr_forms_many,
    ocr_key,
    ocr_similarity,
    strip_diacritics,
)


def test_normalize_fold_keep_behaviour():
    assert normalize(" Xã\u00a0 Đồng  Ý ") == "Xã Đồng Ý"
    assert strip_diacritics("Đường") == "Duong"
    assert fold("Thủy lợi, và") == "thuy loi va"


def test_confusion_table_has_counts_and_identity_rows():
    t = load_confusions()
    assert list(t.columns) == ["correct", "ocr", "position", "count"]
    assert (t["count"] > 0).all()
    assert ((t["correct"] == "đ") & (t["ocr"] == "p")).any()  # Đ read as P
    assert ((t["correct"] == "a") & (t["ocr"] == "a")).any()  # identity kept for rates


def test_rules_are_learned_not_listed():
    rules = confusion_rules()
    assert rules[("6", "other")] == "o"
    assert rules[("p", "initial")] == "d"
    assert ("b", "initial") not in rules  # b is mostly itself


# (damaged, right, a plausible wrong reading that must score lower)
CLASSES = [
    pytest.param("Pong Y", "Đồng Ý", "Hồng Y", id="D-as-P"),
    pytest.param("Bong Y", "Đồng Ý", "Bình Yên", id="D-as-B"),
    pytest.param("Dong Y", "Đồng Ý", "Hồng Y", id="D-as-D"),
    pytest.param("Truong", "Trường", "Trung", id="u-horn-as-u"),
    pytest.param("Chwong", "Chương", "Chung", id="u-horn-as-w"),
    pytest.param("chirc", "chức", "chịu", id="u-horn-as-ir"),
    pytest.param("S& Tai", "Sở Tài", "Sa Tài", id="o-horn-as-ampersand"),
    pytest.param("moi", "mới", "mai", id="o-horn-as-o"),
    pytest.param("Tién", "Tiên", "Tân", id="e-circ-as-e-acute"),
    pytest.param("S6 xa", "Số xã", "Sa xã", id="o-circ-as-6"),
    pytest.param("Vii Son", "Vũ Sơn", "Vân Sơn", id="u-tilde-as-ii"),
    pytest.param("Bic Son", "Bắc Sơn", "Bình Sơn", id="a-breve-as-i"),
    pytest.param("x4", "xã", "xe", id="a-tilde-as-4"),
    pytest.param("Thuy 1gi", "Thủy lợi", "Thu nhập", id="l-as-1"),
    pytest.param("Y té", "Y tế", "Ý kiến", id="criterion-name"),
]


@pytest.mark.parametrize(("damaged", "right", "wrong"), CLASSES)
def test_each_confusion_class_prefers_the_right_reading(damaged, right, wrong):
    assert ocr_similarity(damaged, right) > ocr_similarity(damaged, wrong)
    assert ocr_similarity(damaged, right) >= 70


def test_ocr_key_collapses_learned_classes():
    assert ocr_key("x4 Pong Y") == ocr_key("Xã Đồng Ý")
    assert ocr_key("S6") == ocr_key("Số")
    assert ocr_key("Phường 1") == "phuong 1"  # digits in numbers stay digits


def test_similarity_bounds():
    assert ocr_similarity("Hải Phòng", "Hai Phong") == 100
    assert 0 <= ocr_similarity("abc", "xyz") < 50


@pytest.mark.shared
def test_committed_table_matches_a_fresh_run(tmp_path, shared_dir):
    seeds = shared_dir / "seeds"
    import sys

    from ntm_analysis.paths import ROOT

    sys.path.insert(0, str(ROOT / "scripts"))
    import learn_ocr_confusions

    table, _ = learn_ocr_confusions.learn(seeds)
    committed = load_confusions()
    assert len(table) == len(committed)
    assert table["count"].sum() == committed["count"].sum()


def test_batched_forms_equal_one_by_one():
    texts = [
        "Xã Đồng Ý",
        " Thị  trấn\u00a0Bắc Sơn ",
        "x4 Pong Y",
        "Phường 1",
        "TT. Bắc-Sơn",
        "e\u0301 decomposed",
        "",
        "...",
        "ΣΑΣ İstanbul",
        "Chwong trinh",
    ]
    assert ocr_forms_many(texts) == [ocr_forms(t) for t in texts]
    assert ocr_forms_many(["a\nb", "c"]) == [ocr_forms("a\nb"), ocr_forms("c")]
