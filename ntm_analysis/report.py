"""Execute the notebooks and write self-contained HTML reports.

`run_notebook` executes one notebook with nbclient after injecting parameters below the cell
tagged ``parameters`` (as papermill does); `export_html` writes it as one HTML file with the
figures embedded. ``ntm report`` builds the data, runs every notebook in ``notebooks/`` and
writes ``reports/<name>.html``; notebooks save their print figures to ``reports/figures``.
"""

from __future__ import annotations

import argparse
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


def run_report(
    nb_dir: Path = paths.NOTEBOOKS,
    out_dir: Path = paths.REPORTS,
    params: dict[str, Any] | None = None,
    build_data: bool = True,
) -> list[str]:
    """Build the data, execute every notebook and write HTML; returns warnings found."""
    if build_data:
        from ntm_analysis.build import build, format_summary

        print(format_summary(build(verbose=False), reasons=False))
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


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="build the data, execute every notebook, write reports/*.html and figures",
        description=(
            "Run `ntm build`, then execute each numbered notebook in NOTEBOOKS top to bottom "
            "(parameters injected below the cell tagged 'parameters'), write OUT/<name>.html "
            "(self-contained) and let the notebooks save figures to OUT/figures. Exits 1 if a "
            "notebook fails or writes warnings to stderr."
        ),
    )
    p.add_argument(
        "--notebooks",
        type=Path,
        default=paths.NOTEBOOKS,
        help="folder of notebooks (default: %(default)s)",
    )
    p.add_argument(
        "--out", type=Path, default=paths.REPORTS, help="output folder (default: %(default)s)"
    )
    p.add_argument(
        "--lang",
        choices=["vi", "en"],
        default="vi",
        help="language of chart labels (default: %(default)s)",
    )
    p.add_argument("--no-build", action="store_true", help="use data/processed as it is")
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    problems = run_report(
        args.notebooks, args.out, {"LANG": args.lang}, build_data=not args.no_build
    )
    for p in problems:
        print(f"warning: {p}")
    return 1 if problems else 0
