"""House style: labels in both languages, a title and a source line of document citations on
every saved figure, the data date, share axes to 100 %, PNG ≥ 200 dpi, SVG text kept as text,
and no two labels overlapping on the page."""

from __future__ import annotations

import pandas as pd
import pytest
from PIL import Image
from support import layout

from ntm_analysis.model import citations
from ntm_analysis.present import charts

SOURCES = pd.DataFrame(
    {
        "source_id": ["doc_a", *(f"web_{i}" for i in range(5))],
        "kind": ["document", *["web"] * 5],
        "issuer": ["Văn phòng UBND thành phố Hải Phòng", *["x.vn"] * 5],
        "document_no": ["02/TB-VP", *[None] * 5],
        "issued_date": ["2025-01-03", *[None] * 5],
        "title": ["Kết luận", *[citations.UNTITLED_PAGE] * 5],
        "url": ["seed", *(f"https://x.vn/bai-{i}" for i in range(5))],
    }
)


@pytest.fixture(autouse=True)
def _sources():
    before = citations.registered_sources()
    citations.use_sources(SOURCES)
    yield
    if before is not None:
        citations.use_sources(before)


def test_labels_exist_in_both_languages_with_diacritics():
    for key, by_lang in charts.LABELS.items():
        assert set(by_lang) == set(charts.LANGS), key
    assert charts.label("model") == "NTM kiểu mẫu"
    assert charts.label("model", "en") == "Model NTM"
    with pytest.raises(ValueError):
        charts.label("model", "fr")


def test_save_requires_a_source_line_and_a_title(tmp_path):
    fig, ax = charts.new_figure()
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="no source line"):
        charts.save_figure(fig, "x", tmp_path)
    charts.finish(fig, ["doc_a"])
    with pytest.raises(ValueError, match="no title"):
        charts.save_figure(fig, "x", tmp_path)
    ax.set_title("Tiêu đề")
    assert len(charts.save_figure(fig, "x", tmp_path)) == 2


def test_saved_png_and_svg_cite_the_document_never_the_id(tmp_path):
    fig, ax = charts.new_figure(16, 10)
    ax.bar([charts.label("advanced")], [3])
    ax.set_title("Số xã")
    charts.finish(fig, ["doc_a"], vintage="legacy", as_of="2024-12")
    png, svg = charts.save_figure(fig, "bar", tmp_path, dpi=200)
    with Image.open(png) as im:
        assert im.info["dpi"][0] == pytest.approx(200, abs=1)
        assert im.width >= 16 / 2.54 * 200 * 0.9
    text = svg.read_text(encoding="utf-8")
    assert "<text" in text and "NTM nâng cao" in text  # text kept as text, editable
    assert (
        "Nguồn: Thông báo số 02/TB-VP ngày 03/01/2025, Văn phòng UBND thành phố Hải Phòng" in text
    )
    assert "Số liệu đến: tháng 12/2024" in text
    assert "doc_a" not in text
    with pytest.raises(ValueError, match="200 dpi"):
        charts.save_figure(fig, "low", tmp_path, dpi=100)


def test_many_sources_become_a_numbered_list_under_the_chart(tmp_path):
    fig, ax = charts.new_figure()
    ax.set_title("t")
    charts.finish(fig, [f"web_{i}" for i in range(5)], lang="en")
    text = charts.save_figure(fig, "many", tmp_path, formats=("svg",))[0].read_text("utf-8")
    assert "Source: [1]–[5] (listed below)" in text
    assert "[5] Web page, x.vn, x.vn/bai-4" in text and "web_4" not in text


def test_inside_a_shared_source_list_charts_cite_numbers(tmp_path):
    sl = citations.SourceList(SOURCES)
    sl.numbers(["web_0"])
    with charts.numbered_sources(sl):
        fig, ax = charts.new_figure()
        ax.set_title("t")
        charts.finish(fig, ["doc_a", "web_0"])
    assert fig._ntm_source.startswith("Nguồn: [1]–[2] (xem danh mục nguồn)")


def test_unknown_sources_warn_and_show_no_id():
    fig, _ = charts.new_figure()
    with pytest.warns(UserWarning, match="not in the sources table"):
        charts.finish(fig, ["mystery_id"])
    assert "mystery_id" not in fig._ntm_source


def test_percent_axis_ends_at_100_with_vietnamese_ticks():
    fig, ax = charts.new_figure()
    ax.plot([0, 1], [20, 100])
    charts.percent_axis(ax, "vi")
    fig.canvas.draw()
    assert ax.get_ylim() == (0, 100)
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert "100 %" in ticks and "20 %" in ticks


def test_svg_output_is_reproducible(tmp_path):
    outs = []
    for i in range(2):
        fig, ax = charts.new_figure()
        ax.plot([1, 2, 3], [1, 4, 9])
        ax.set_title("t")
        charts.finish(fig, ["doc_a"])
        outs.append(charts.save_figure(fig, f"f{i}", tmp_path, formats=("svg",))[0])
    assert outs[0].read_bytes() == outs[1].read_bytes()


def test_layout_check_finds_overlapping_labels_and_passes_clean_ones(tmp_path):
    fig, ax = charts.new_figure()
    ax.set_title("t")
    ax.text(0.5, 0.5, "100 %")
    ax.text(0.5, 0.5, "100 %")  # the "100 %100 %" of issue #19
    charts.finish(fig, ["doc_a"])
    svg = charts.save_figure(fig, "bad", tmp_path, formats=("svg",))[0]
    assert layout.overlaps(svg) == [("100 %", "100 %")]
    fig, ax = charts.new_figure()
    ax.set_title("t")
    a = ax.annotate("100 %", (0.5, 0.5), textcoords="offset points", xytext=(4, 0))
    b = ax.annotate("100 %", (0.5, 0.5), textcoords="offset points", xytext=(4, 0))
    charts.separate_labels(fig, [a, b])
    charts.finish(fig, ["doc_a"])
    assert layout.overlaps(charts.save_figure(fig, "good", tmp_path, formats=("svg",))[0]) == []


def test_long_addresses_wrap_after_a_slash():
    lines = charts.wrap("[14] tab.example.vn/nong-nghiep/" + "x-" * 60 + "175086", 300)
    assert lines[0].startswith("[14] tab.example.vn/")
    assert all(charts.text_width(line, charts.FOOTER_SIZE) <= 300 for line in lines)


def test_assumption_mark_is_drawn():
    _fig, ax = charts.new_figure()
    charts.mark_assumption(ax, lang="en")
    assert any("ASSUMPTION" in t.get_text() for t in ax.texts)
