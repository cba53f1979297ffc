"""Every notebook runs top to bottom; committed notebooks are stripped and paired with jupytext."""

from __future__ import annotations

import jupytext
import nbformat
import pytest

from ntm_analysis.present import report

NOTEBOOKS = report.notebook_paths()


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
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert any("parameters" in t for t in tags), f"{path.name} has no parameters cell"


@pytest.fixture(scope="module")
def processed_data(built):
    """The embedded data built into a temporary folder (never the checkout's data/processed)."""
    return built[0]


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_without_errors_or_warnings(path, processed_data, tmp_path):
    nb = report.run_notebook(
        path, {"FIG_DIR": str(tmp_path / "figures"), "PROCESSED": str(processed_data)}
    )
    assert report.warnings_in(nb) == []
    report.export_html(nb, tmp_path / f"{path.stem}.html")
    html = (tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
    assert '<script src="http' not in html and "<script src=''" not in html


@pytest.mark.notebooks
def test_notebooks_switch_to_english(processed_data, tmp_path):
    path = next(p for p in NOTEBOOKS if p.stem.startswith("02"))
    report.run_notebook(
        path, {"FIG_DIR": str(tmp_path), "LANG": "en", "PROCESSED": str(processed_data)}
    )
    svg = (tmp_path / "02-east-west-shares.svg").read_text(encoding="utf-8")
    assert "Advanced NTM" in svg and "Source:" in svg and "NTM nâng cao" not in svg
