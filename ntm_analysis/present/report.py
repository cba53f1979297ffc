"""Execute the notebooks and write self-contained HTML reports.

`run_notebook` executes one notebook with nbclient after injecting parameters below the cell
tagged ``parameters`` (as papermill does); `export_html` writes it as one HTML file with the
figures embedded; `render_reports` runs every notebook of a folder and writes
``<out>/<name>.html`` while the notebooks save their print figures to ``<out>/figures``. The
``ntm report`` command (build, then render) is in `ntm_analysis.pipeline`.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from ntm_analysis import paths

PARAMETERS_TAG = "parameters"
_EMPTY_SCRIPT = re.compile(r'<script[^>]*\ssrc=""[^>]*>\s*</script>\s*')
INJECTED_TAG = "injected-parameters"


def notebook_paths(nb_dir: Path = paths.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks of ``nb_dir`` in reading order."""
    return sorted(p for p in nb_dir.glob("[0-9]*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def inject_parameters(nb: nbformat.NotebookNode, params: dict[str, Any]) -> None:
    """Insert a cell assigning ``params`` right after the cell tagged ``parameters``."""
    if not params:
        return
    source = "# Parameters injected by ntm report\n" + "\n".join(
        f"{k} = {v!r}" for k, v in params.items()
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    position = next(
        (
            i + 1
            for i, c in enumerate(nb.cells)
            if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])
        ),
        0,
    )
    nb.cells.insert(position, cell)


def run_notebook(
    path: Path, params: dict[str, Any] | None = None, timeout: int = 900
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in its own folder; raises on the first failing cell."""
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params or {})
    NotebookClient(
        nb,
        timeout=timeout,
        # The kernel otherwise logs a notice about its loopback TCP transport on every start.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return nb


def warnings_in(nb: nbformat.NotebookNode) -> list[str]:
    """Text written to stderr by any cell (warnings, tracebacks)."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i}: {out.get('text', '').strip()[:300]}")
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
    return found


def export_html(nb: nbformat.NotebookNode, out_path: Path) -> None:
    """Write the executed notebook as a single HTML file (images inline, no external scripts)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True)
    exporter.mathjax_url = ""  # no CDN script; the notebooks use no LaTeX
    exporter.require_js_url = ""
    exporter.widget_renderer_url = ""
    body, _ = exporter.from_notebook_node(nb)
    body = _EMPTY_SCRIPT.sub("", body)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(body, encoding="utf-8")


def render_reports(
    nb_dir: Path = paths.NOTEBOOKS,
    out_dir: Path = paths.REPORTS,
    params: dict[str, Any] | None = None,
) -> list[str]:
    """Execute every notebook of ``nb_dir`` and write its HTML; returns the warnings found."""
    # Kernels use matplotlib's inline backend (unless MPLBACKEND says otherwise), so the
    # HTML reports show every figure the notebooks draw.
    fig_dir = out_dir / "figures"
    fig_dir.mkdir(parents=True, exist_ok=True)
    params = {"FIG_DIR": str(fig_dir), **(params or {})}
    problems = []
    for path in notebook_paths(nb_dir):
        t0 = time.perf_counter()
        nb = run_notebook(path, params)
        export_html(nb, out_dir / f"{path.stem}.html")
        found = warnings_in(nb)
        problems += [f"{path.name} {w}" for w in found]
        print(
            f"{path.name}: executed in {time.perf_counter() - t0:.1f}s -> "
            f"{(out_dir / (path.stem + '.html')).relative_to(out_dir.parent)}"
            + (f" ({len(found)} warning(s))" if found else "")
        )
    return problems
