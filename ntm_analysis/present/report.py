"""Execute the notebooks and write their reports: a reader view and an analyst view.

Notebook conventions this module relies on (and `tests/test_notebooks.py` checks):

* the second cell is tagged ``parameters`` and starts with ``AREA, YEAR, AS_OF, LANG,
  PROCESSED, FIG_DIR`` (``PROCESSED`` None = data/processed, ``FIG_DIR`` None =
  reports/figures); `run_notebook` injects the run's values right below it, as papermill does.
  A notebook runs for any AREA (province, district, a 2025 province formed by merger): where
  the data holds nothing for it, the section says so (`readable.no_data`). Its own further
  parameters may hold an example that belongs to its default AREA (the district beside a
  city): the parameters cell then records ``EXAMPLES_FOR = AREA`` before the injection, and
  the notebook uses the example only while ``AREA == EXAMPLES_FOR`` — run for another AREA
  (``ntm report --area``), it shows that area's own data instead;
* prose is bilingual: a markdown cell tagged ``vi`` or ``en`` belongs to that language, an
  untagged one to both; numbers in prose are computed and formatted in code cells;
* code cells show readers only their rich outputs (tables, figures, prose from
  `present.readable`); what they print is for analysts;
* a cell tagged ``analyst`` is for analysts only: the reader view leaves it out with all its
  outputs (a raw frame with internal ids and row locators, a check an analyst reads), and the
  analyst view keeps it. Should such a cell fail, readers still see the failure notice, as
  the cells below it did not run.

`reader_view` keeps the cells of the report's language and no code (``reports/NAME.html``);
`analyst_view` keeps the code as well (``reports/analyst/NAME.html``). Both are deterministic:
cell ids are fixed, no timing is recorded, so two runs write the same bytes. `render_reports`
runs every notebook with the same parameters (two kernels side by side where there are two
cores), prints progress per notebook and carries on past a notebook that fails (the failure
is reported, and written into its report).
"""

from __future__ import annotations

import copy
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ntm_analysis import paths

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
ANALYST_TAG = "analyst"
PARAMETERS = ("AREA", "YEAR", "AS_OF", "LANG", "PROCESSED", "FIG_DIR")
LANG_TAGS = ("vi", "en")
ANALYST_DIR = "analyst"
_EMPTY_SCRIPT = re.compile(r'<script[^>]*\ssrc=""[^>]*>\s*</script>\s*')
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_FAILED = {
    "vi": "**Phần này không chạy được** ({error}). Các phần trên vẫn đúng; báo lỗi cho nhóm "
    "phân tích kèm tên báo cáo.",
    "en": "**This part could not be run** ({error}). The parts above stand; report the error "
    "to the analysts with the report's name.",
}


def notebook_paths(nb_dir: Path = paths.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks of ``nb_dir`` in reading order."""
    return sorted(p for p in nb_dir.glob("[0-9]*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def tags(cell: nbformat.NotebookNode) -> list[str]:
    """The tags of a cell."""
    return list(cell.get("metadata", {}).get("tags", []))


def inject_parameters(nb: nbformat.NotebookNode, params: dict[str, Any]) -> None:
    """Insert a cell assigning ``params`` right after the cell tagged ``parameters``."""
    if not params:
        return
    source = "# Parameters injected by ntm report\n" + "\n".join(
        f"{k} = {v!r}" for k, v in params.items()
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
    position = next((i + 1 for i, c in enumerate(nb.cells) if PARAMETERS_TAG in tags(c)), 0)
    nb.cells.insert(position, cell)


def fix_ids(nb: nbformat.NotebookNode) -> None:
    """Give every cell a stable id (its position), so exports do not change between runs."""
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.get("metadata", {}).pop("execution", None)


def run_notebook(
    path: Path, params: dict[str, Any] | None = None, timeout: int = 900
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in its own folder; raises on the first failing cell
    (`CellExecutionError`, with the notebook executed up to that cell in ``nb``)."""
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params or {})
    fix_ids(nb)
    client = NotebookClient(
        nb,
        timeout=timeout,
        # The kernel otherwise logs a notice about its loopback TCP transport on every start.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as err:
        err.nb = nb  # type: ignore[attr-defined]
        raise
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


def language_of(nb: nbformat.NotebookNode, default: str = "vi") -> str:
    """The LANG a notebook ran with (from its injected or its own parameters cell)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and {INJECTED_TAG, PARAMETERS_TAG} & set(tags(cell)):
            m = re.search(r"^LANG\s*=\s*['\"](\w+)['\"]", cell.source, re.M)
            if m and INJECTED_TAG in tags(cell):
                return m.group(1)
            if m:
                default = m.group(1)
    return default


def for_language(nb: nbformat.NotebookNode, lang: str) -> nbformat.NotebookNode:
    """A copy without the markdown cells of the other language (untagged cells stay)."""
    out = copy.deepcopy(nb)
    other = set(LANG_TAGS) - {lang}
    out.cells = [c for c in out.cells if not (c.cell_type == "markdown" and other & set(tags(c)))]
    return out


def _title(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def _reader_outputs(cell: nbformat.NotebookNode, lang: str) -> list:
    kept = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind in ("display_data", "execute_result"):
            kept.append(out)
        elif kind == "error":
            error = _ANSI.sub("", f"{out.get('ename')}: {out.get('evalue')}")[:200]
            kept.append(
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/markdown": _FAILED[lang].format(error=error)},
                )
            )
    return kept


def reader_view(nb: nbformat.NotebookNode, lang: str | None = None) -> nbformat.NotebookNode:
    """The notebook as a reader sees it: the cells of its language, no code, no printed
    diagnostics, no cell tagged ``analyst``; a failed cell as a short notice."""
    lang = lang or language_of(nb)
    out = for_language(nb, lang)
    cells = []
    for cell in out.cells:
        if ANALYST_TAG in tags(cell):
            failed = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if not failed:
                continue
            cell.outputs = failed
        if cell.cell_type == "code":
            cell.outputs = _reader_outputs(cell, lang)
            if not cell.outputs:
                continue
        cells.append(cell)
    out.cells = cells
    out.metadata["title"] = _title(out)
    return out


def analyst_view(nb: nbformat.NotebookNode, lang: str | None = None) -> nbformat.NotebookNode:
    """The notebook with its code, in its language (for analysts checking the work)."""
    lang = lang or language_of(nb)
    out = for_language(nb, lang)
    out.metadata["title"] = _title(out)
    return out


def export_html(
    nb: nbformat.NotebookNode, out_path: Path, code: bool = True, lang: str | None = None
) -> None:
    """Write the notebook as one HTML file (images inline, no external scripts); without
    ``code`` the inputs are left out (the reader view)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        embed_images=True,
        exclude_input=not code,
        exclude_input_prompt=not code,
        exclude_output_prompt=not code,
    )
    exporter.mathjax_url = ""  # no CDN script; the notebooks use no LaTeX
    exporter.require_js_url = ""
    exporter.widget_renderer_url = ""
    body, _ = exporter.from_notebook_node(nb)
    body = _EMPTY_SCRIPT.sub("", body)
    body = re.sub(r"<html[^>]*>", f'<html lang="{lang or language_of(nb)}">', body, count=1)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(body, encoding="utf-8")


def write_views(nb: nbformat.NotebookNode, out_dir: Path, stem: str) -> tuple[Path, Path]:
    """Write ``out_dir/stem.html`` (reader view) and ``out_dir/analyst/stem.html``."""
    lang = language_of(nb)
    reader = out_dir / f"{stem}.html"
    analyst = out_dir / ANALYST_DIR / f"{stem}.html"
    export_html(reader_view(nb, lang), reader, code=False, lang=lang)
    export_html(analyst_view(nb, lang), analyst, code=True, lang=lang)
    return reader, analyst


def _run_one(path: Path, params: dict[str, Any]) -> tuple[nbformat.NotebookNode, str, float]:
    t0 = time.perf_counter()
    try:
        nb, status = run_notebook(path, params), "done"
    except CellExecutionError as err:
        nb, status = err.nb, "FAILED"  # type: ignore[attr-defined]
    return nb, status, time.perf_counter() - t0


def default_jobs() -> int:
    """Notebooks run side by side: ``$NTM_REPORT_JOBS``, else 2 where there are 2+ cores."""
    env = os.environ.get("NTM_REPORT_JOBS", "")
    return int(env) if env.isdigit() and int(env) > 0 else min(2, os.cpu_count() or 1)


def render_reports(
    nb_dir: Path = paths.NOTEBOOKS,
    out_dir: Path = paths.REPORTS,
    params: dict[str, Any] | None = None,
    jobs: int | None = None,
) -> list[str]:
    """Execute every notebook of ``nb_dir`` (``jobs`` kernels side by side) and write its two
    views; returns the problems found (warnings written by a notebook, failed cells).
    Progress goes to stdout, one line per notebook as it finishes."""
    fig_dir = out_dir / "figures"
    fig_dir.mkdir(parents=True, exist_ok=True)
    params = {"FIG_DIR": str(fig_dir), **(params or {})}
    notebooks = notebook_paths(nb_dir)
    print(f"running {len(notebooks)} notebook(s), {jobs or default_jobs()} at a time", flush=True)
    problems: dict[Path, list[str]] = {}
    with ThreadPoolExecutor(max_workers=jobs or default_jobs()) as pool:
        running = {pool.submit(_run_one, p, params): p for p in notebooks}
        for n, future in enumerate(as_completed(running), start=1):
            path = running[future]
            nb, status, seconds = future.result()
            reader, _ = write_views(nb, out_dir, path.stem)
            found = warnings_in(nb)
            problems[path] = [f"{path.name} {w}" for w in found]
            where = (
                reader.relative_to(out_dir.parent) if out_dir.parent in reader.parents else reader
            )
            print(
                f"[{n}/{len(notebooks)}] {path.name} … {status} in {seconds:.1f}s -> {where}"
                + (f" ({len(found)} warning(s))" if found else ""),
                flush=True,
            )
            if status == "FAILED":
                print(f"    {found[-1] if found else 'a cell failed'}", file=sys.stderr)
    return [w for p in notebooks for w in problems.get(p, [])]
