"""Every notebook follows the conventions, runs top to bottom for the embedded data and for an
area without data, saves print figures whose labels do not overlap, and gives a reader view
without code, NaN, scientific notation or internal ids."""

from __future__ import annotations

import re

import jupytext
import nbformat
import pytest
from support import layout

from ntm_analysis.present import report

NOTEBOOKS = report.notebook_paths()
# Notebooks whose reader views are checked strictly here: all of them.
READER_READY = {p.stem for p in NOTEBOOKS}
# The notebooks made ready for readers and for any area by issues #17 and #18.
ANY_AREA = ("02-east-west-gap", "03-funding-vs-outcomes", "04-commune-status-map")
ANY_AREA += ("05-province-comparison",)
# Words of the notebooks' own prose and tables in one language that must not show in the
# other's reader view (place names, document citations and page titles may be either).
VI_ONLY = ("Không có số liệu", "tính toán", "Thời điểm", "Tỷ lệ", "Phía Đông", "Nguồn số liệu")
EN_ONLY = ("No data", "computed", "Source", "East (former", "the whole country", "Share of")
RAW_ROW = re.compile(r"\b(?:facts|funding|targets|commune_status|reference|user)/[\w./-]+:\d+")
INTERNAL_ID = re.compile(
    r"\b(?:web_[0-9a-f]{10}|hp_2024_conclusion|hp_2025_supervision|ls_2023_bacson_inspection"
    r"|bg_2024_directive|bg_2024_hopthinh_plan|ref_[a-z_]+|pkg_[a-z_0-9]+)\b"
)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no numbered notebooks in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_has_no_outputs_and_matches_its_pair(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name
    pair = path.with_suffix(".py")
    assert pair.is_file(), f"{pair.name} missing: run `jupytext --sync {path.name}`"
    py = jupytext.read(pair)
    assert [c.source for c in py.cells] == [c.source for c in nb.cells], (
        f"{path.name} and {pair.name} differ: run `jupytext --sync`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_conventions(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown", "the first cell states question and audience"
    params = nb.cells[1]
    assert "parameters" in report.tags(params), "the second cell is tagged 'parameters'"
    names = re.findall(r"^([A-Z_]+)\s*=", params.source, re.M)
    assert tuple(names[:6]) == report.PARAMETERS, f"parameters start with {report.PARAMETERS}"
    assert re.search(r"^PROCESSED\s*=\s*None", params.source, re.M), "PROCESSED defaults to None"
    for cell in nb.cells:
        langs = set(report.tags(cell)) & set(report.LANG_TAGS)
        assert len(langs) <= 1, "a cell is tagged with one language at most"
        assert not langs or cell.cell_type == "markdown", "only prose is tagged by language"


@pytest.fixture(scope="module")
def processed_data(built):
    """The embedded data built into a temporary folder (never the checkout's data/processed)."""
    return built[0]


@pytest.fixture(scope="module")
def runs(processed_data, tmp_path_factory):
    """Every notebook executed once (Vietnamese), with its reader view and figure folder."""
    out = {}
    for path in NOTEBOOKS:
        folder = tmp_path_factory.mktemp(path.stem)
        nb = report.run_notebook(
            path, {"FIG_DIR": str(folder / "figures"), "PROCESSED": str(processed_data)}
        )
        reader, _ = report.write_views(nb, folder, path.stem)
        out[path.stem] = (nb, folder / "figures", reader.read_text(encoding="utf-8"))
    return out


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_without_errors_or_warnings(path, runs):
    nb, _, html = runs[path.stem]
    assert report.warnings_in(nb) == []
    assert '<script src="http' not in html and "<script src=''" not in html


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_figures_have_no_overlapping_labels(path, runs):
    _, figures, _ = runs[path.stem]
    assert layout.check_folder(figures) == {} if figures.is_dir() else True


def _text_of(html: str) -> str:
    """The body of a report without its inline images (base64 may spell "NaN" by chance)."""
    return re.sub(r'src="data:[^"]*"', 'src=""', html.split("<body", 1)[1])


def _assert_for_readers(html: str) -> None:
    body = _text_of(html)
    assert "NaN" not in body and "&lt;NA&gt;" not in body
    assert not re.search(r"\d\.\d+e[+-]\d\d", body), "scientific notation"
    assert not INTERNAL_ID.search(body), INTERNAL_ID.search(body)
    assert not RAW_ROW.search(body), RAW_ROW.search(body)
    assert 'class="highlight' not in body, "code shown to readers"


@pytest.mark.notebooks
@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.stem in READER_READY], ids=lambda p: p.stem
)
def test_reader_view_is_for_readers(path, runs):
    _, _, html = runs[path.stem]
    _assert_for_readers(html)
    if path.stem in ANY_AREA:
        found = [w for w in EN_ONLY if w in _text_of(html)]
        assert not found, f"English in the Vietnamese reader view: {found}"


def _run(stem: str, processed, folder, **params) -> str:
    """Run one notebook with ``params``; its reader view's HTML (no warning written)."""
    path = next(p for p in NOTEBOOKS if p.stem == stem)
    params = {"FIG_DIR": str(folder / "figures"), "PROCESSED": str(processed), **params}
    nb = report.run_notebook(path, params)
    assert report.warnings_in(nb) == []
    reader, _ = report.write_views(nb, folder, stem)
    return reader.read_text(encoding="utf-8")


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", sorted(READER_READY), ids=lambda s: s)
def test_runs_for_an_area_without_data(stem, processed_data, tmp_path):
    html = _run(stem, processed_data, tmp_path, AREA="Hà Giang", YEAR=2023, LANG="vi")
    _assert_for_readers(html)
    assert "Hà Giang" in html or stem == "07-report-consistency"
    assert "Không có số liệu" in html or stem == "01-data-tour"


# What each notebook must show for the district of Bắc Sơn (Lạng Sơn), whose inspection
# notice the data holds: its key figures, its money and targeted communes, its criteria
# bands, its province among the others.
BAC_SON = {
    "02-east-west-gap": ("Hải Phòng mới", "Số tiêu chí đạt bình quân/xã", "14,29"),
    "03-funding-vs-outcomes": ("19,98 tỷ đồng", "Long Đống", "Vũ Sơn"),
    "04-commune-status-map": ("15–18", "Có điểm tiêu chí, chưa rõ mức"),
    "05-province-comparison": ("Bắc Sơn thuộc tỉnh Lạng Sơn",),
}


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", ANY_AREA, ids=lambda s: s)
def test_runs_for_a_district_with_data(stem, processed_data, tmp_path):
    html = _run(stem, processed_data, tmp_path, AREA="Bắc Sơn", YEAR=2023, LANG="vi")
    _assert_for_readers(html)
    text = _text_of(html)
    missing = [w for w in BAC_SON[stem] if w not in text]
    assert not missing, f"{stem} for Bắc Sơn does not show {missing}"
    assert "Hải Phòng (cũ)" not in text, "another area's figures in a report on Bắc Sơn"


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", ANY_AREA[1:], ids=lambda s: s)
def test_reader_view_in_english(stem, processed_data, tmp_path):
    html = _run(stem, processed_data, tmp_path, LANG="en")
    _assert_for_readers(html)
    text = _text_of(html)
    assert '<html lang="en">' in html
    found = [w for w in VI_ONLY if w in text]
    assert not found, f"Vietnamese in the English reader view: {found}"


@pytest.mark.notebooks
def test_notebooks_switch_to_english(processed_data, tmp_path):
    html = _run("02-east-west-gap", processed_data, tmp_path, LANG="en")
    _assert_for_readers(html)
    found = [w for w in VI_ONLY if w in _text_of(html)]
    assert not found, f"Vietnamese in the English reader view: {found}"
    svg = (tmp_path / "figures" / "02-east-west-shares.svg").read_text(encoding="utf-8")
    assert "Advanced NTM" in svg and "Source:" in svg and "NTM nâng cao" not in svg
    assert "hp_2025_supervision" not in svg and "Notice No. 02/TB-VP" in svg
