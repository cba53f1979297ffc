"""House style: labels in both languages, source line required, PNG + SVG written."""

from __future__ import annotations

import pandas as pd
import pytest
from PIL import Image

from ntm_analysis.model import citations
from ntm_analysis.present import charts


def test_labels_exist_in_both_languages_with_diacritics():
    for key, by_lang in charts.LABELS.items():
        assert set(by_lang) == set(charts.LANGS), key
    assert charts.label("model") == "NTM kiểu mẫu"
    assert charts.label("model", "en") == "Model NTM"
    with pytest.raises(ValueError):
        charts.label("model", "fr")


def test_save_requires_a_source_line(tmp_path):
    fig, ax = charts.new_figure()
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="no source line"):
        charts.save_figure(fig, "x", tmp_path)


def test_saved_png_and_svg_carry_labels_and_source(tmp_path):
    fig, ax = charts.new_figure(16, 10)
    ax.bar([charts.label("advanced")], [3])
    charts.finish(fig, ["doc_a"], vintage="legacy")
    png, svg = charts.save_figure(fig, "bar", tmp_path, dpi=200)
    with Image.open(png) as im:
        assert im.info["dpi"][0] == pytest.approx(200, abs=1)
        assert im.width >= 16 / 2.54 * 200 * 0.9
    text = svg.read_text(encoding="utf-8")
    assert "NTM nâng cao" in text
    assert "Nguồn: doc_a · Đơn vị hành chính: trước 01/7/2025" in text


def test_svg_output_is_reproducible(tmp_path):
    outs = []
    for i in range(2):
        fig, ax = charts.new_figure()
        ax.plot([1, 2, 3], [1, 4, 9])
        charts.finish(fig, ["doc_a"])
        outs.append(charts.save_figure(fig, f"f{i}", tmp_path, formats=("svg",))[0])
    assert outs[0].read_bytes() == outs[1].read_bytes()


def test_cite_uses_the_sources_table():
    sources = pd.DataFrame(
        {
            "source_id": ["doc_a", "web_x"],
            "kind": ["document", "web"],
            "issuer": ["UBND tỉnh X", None],
            "document_no": ["1/BC-UBND", None],
            "issued_date": ["2024-01-05", None],
            "title": ["t", "Trang web"],
            "url": [None, "https://example.org/a"],
        }
    )
    assert citations.cite(["doc_a", "web_x"], sources) == [
        "UBND tỉnh X 1/BC-UBND 2024-01-05",
        "https://example.org/a",
    ]
    with pytest.raises(KeyError, match="not in the sources table"):
        citations.cite(["nope"], sources)


def test_assumption_mark_is_drawn(tmp_path):
    _fig, ax = charts.new_figure()
    charts.mark_assumption(ax, lang="en")
    assert any("ASSUMPTION" in t.get_text() for t in ax.texts)
