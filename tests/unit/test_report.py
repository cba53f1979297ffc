"""Reports: the reader view (report language, no code, no printed diagnostics), the analyst
view beside it, parameters injected below the cell tagged `parameters`, byte-identical
exports across runs, progress per notebook, and a failing notebook that does not stop the rest."""

from __future__ import annotations

import nbformat
import pytest

from ntm_analysis import pipeline
from ntm_analysis.present import report


def _notebook(path, fail=False):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Báo cáo thử\nLời dẫn.", metadata={"tags": ["vi"]}),
        nbformat.v4.new_code_cell(
            'AREA = ""\nYEAR = None\nAS_OF = None\nLANG = "vi"\nPROCESSED = None\nFIG_DIR = None',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_markdown_cell("# Test report\nIntro.", metadata={"tags": ["en"]}),
        nbformat.v4.new_markdown_cell("Shared note (both languages)."),
        nbformat.v4.new_code_cell(
            "import pandas as pd\nfrom ntm_analysis.present import readable\n"
            "print('diagnostic for analysts')\n"
            "readable.table(pd.DataFrame({'v': [44400.0, None]}), "
            "[readable.Column('v', 'Giá trị', 'Value', 'number')], LANG)"
        ),
        nbformat.v4.new_code_cell("raise ValueError('boom')" if fail else "AREA"),
    ]
    nbformat.write(nb, path)
    return path


def test_parameters_are_injected_below_the_parameters_cell(tmp_path):
    nb = nbformat.read(_notebook(tmp_path / "01-t.ipynb"), as_version=4)
    report.inject_parameters(nb, {"AREA": "Hà Giang", "LANG": "en"})
    assert report.INJECTED_TAG in report.tags(nb.cells[2])
    assert "AREA = 'Hà Giang'" in nb.cells[2].source
    assert report.language_of(nb) == "en"


@pytest.mark.notebooks
def test_views_and_byte_identical_exports(tmp_path):
    path = _notebook(tmp_path / "01-t.ipynb")
    outs = []
    for run in range(2):
        nb = report.run_notebook(path, {"AREA": "Hà Giang", "LANG": "en"})
        reader, analyst = report.write_views(nb, tmp_path / f"r{run}", "01-t")
        outs.append((reader.read_bytes(), analyst.read_bytes()))
    assert outs[0] == outs[1], "two runs of the same notebook must write the same bytes"
    reader_html = outs[0][0].decode("utf-8")
    analyst_html = outs[0][1].decode("utf-8")
    assert '<html lang="en">' in reader_html
    assert "Test report" in reader_html and "Báo cáo thử" not in reader_html
    assert "Shared note" in reader_html
    assert "import pandas" not in reader_html and "diagnostic for analysts" not in reader_html
    assert "44,400" in reader_html and "NaN" not in reader_html and "Hà Giang" in reader_html
    assert 'class="highlight' in analyst_html and 'class="highlight' not in reader_html
    assert "diagnostic for analysts" in analyst_html and "Test report" in analyst_html


@pytest.mark.notebooks
def test_a_failing_notebook_does_not_stop_the_others(tmp_path, capsys):
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    _notebook(nb_dir / "01-bad.ipynb", fail=True)
    _notebook(nb_dir / "02-good.ipynb")
    problems = report.render_reports(nb_dir, tmp_path / "out", {"LANG": "vi"})
    out = capsys.readouterr().out
    assert "01-bad.ipynb … FAILED" in out and "02-good.ipynb … done" in out
    assert "[1/2]" in out and "[2/2]" in out
    assert any("ValueError: boom" in p for p in problems)
    bad = (tmp_path / "out" / "01-bad.html").read_text("utf-8")
    assert "Phần này không chạy được" in bad and "Traceback" not in bad
    assert (tmp_path / "out" / "analyst" / "02-good.html").is_file()


def test_report_command_passes_every_parameter(tmp_path):
    params = pipeline.notebook_params("Bắc Sơn", 2024, "2024-12-31", "en", tmp_path)
    assert params == {
        "LANG": "en",
        "AREA": "Bắc Sơn",
        "YEAR": 2024,
        "AS_OF": "2024-12-31",
        "PROCESSED": str(tmp_path.resolve()),
    }
    from ntm_analysis.cli import make_parser

    args = make_parser(["ntm_analysis.pipeline"]).parse_args(
        ["report", "--area", "Bắc Sơn", "--year", "2024", "--lang", "en", "--no-build"]
    )
    assert (args.area, args.year, args.lang, args.no_build) == ("Bắc Sơn", 2024, "en", True)


def _output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=1)


def test_cells_tagged_analyst_are_left_out_of_the_reader_view():
    nb = nbformat.v4.new_notebook()
    reader_cell = nbformat.v4.new_code_cell("table")
    reader_cell.outputs = [_output("reader table")]
    analyst_cell = nbformat.v4.new_code_cell("frame", metadata={"tags": [report.ANALYST_TAG]})
    analyst_cell.outputs = [_output("raw frame with hp_2024_conclusion")]
    note = nbformat.v4.new_markdown_cell("analyst note", metadata={"tags": ["analyst"]})
    nb.cells = [reader_cell, analyst_cell, note]
    reader = report.reader_view(nb, "vi")
    texts = [o["data"]["text/plain"] for c in reader.cells for o in c.get("outputs", [])]
    assert texts == ["reader table"]
    assert all("analyst note" not in c.source for c in reader.cells)
    analyst = report.analyst_view(nb, "vi")
    assert len(analyst.cells) == 3 and analyst.cells[1].outputs[0]["data"]["text/plain"].startswith(
        "raw frame"
    )


def test_a_failed_analyst_cell_still_tells_readers_the_part_did_not_run():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("frame", metadata={"tags": [report.ANALYST_TAG]})
    cell.outputs = [
        _output("partial"),
        nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=[]),
    ]
    nb.cells = [cell]
    (shown,) = report.reader_view(nb, "en").cells
    assert [o["output_type"] for o in shown.outputs] == ["display_data"]
    assert "could not be run" in shown.outputs[0]["data"]["text/markdown"]
