"""`ntm report` against the same number of notebooks that only import the libraries.

Both are executed in one run with the same kernel machinery (`report.run_notebook`), so the
ratio shows what the analyses and the two HTML views (reader and analyst) cost on top of
starting kernels and importing pandas, matplotlib and the package. Target: the whole report
within 2x the baseline. Also times one notebook through `ntm report` (the yardstick of
`bench_brief.py`).

Usage: ``.venv/bin/python benchmarks/bench_report.py``
"""

from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from ntm_analysis import paths
from ntm_analysis.build import build
from ntm_analysis.present import report

IMPORTS = (
    "import pandas, numpy, matplotlib.pyplot, seaborn, geopandas, folium\n"
    "import ntm_analysis.model.tables, ntm_analysis.present.charts, ntm_analysis.present.figures"
)


def baseline(n: int, folder: Path, jobs: int) -> float:
    """Seconds to execute ``n`` notebooks that only import the libraries, ``jobs`` at a time
    (as `report.render_reports` runs the real ones)."""
    for i in range(n):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_code_cell("FIG_DIR = '.'", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(IMPORTS),
        ]
        nbformat.write(nb, folder / f"{i:02d}-imports.ipynb")
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:  # the same kernels side by side
        list(pool.map(report.run_notebook, report.notebook_paths(folder)))
    return time.perf_counter() - t0


def one_notebook(processed: Path, out: Path) -> float:
    """Seconds for `ntm report` on one notebook (the first) without the build."""
    folder = out / "one"
    folder.mkdir()
    first = report.notebook_paths()[0]
    (folder / first.name).write_bytes(first.read_bytes())
    t0 = time.perf_counter()
    report.render_reports(folder, out / "one-report", {"PROCESSED": str(processed)})
    return time.perf_counter() - t0


def main() -> int:
    n = len(report.notebook_paths())
    jobs = report.default_jobs()
    with tempfile.TemporaryDirectory() as tmp:
        base = baseline(n, Path(tmp), jobs)
        t0 = time.perf_counter()
        processed = Path(tmp) / "processed"
        build(paths.RAW, processed, verbose=False)
        t_build = time.perf_counter() - t0
        problems = report.render_reports(
            paths.NOTEBOOKS, Path(tmp) / "reports", {"PROCESSED": str(processed)}
        )
        t_report = time.perf_counter() - t0
        t_one = one_notebook(processed, Path(tmp))
    print(f"notebooks: {n}, {jobs} kernel(s) at a time in both runs")
    print(f"baseline (import-only notebooks): {base:.1f} s")
    print(
        f"ntm report (build {t_build:.1f} s + notebooks + reader and analyst views): "
        f"{t_report:.1f} s"
    )
    print(f"ratio report/baseline: {t_report / base:.2f}x (target <= 2x)")
    print(f"ntm report for one notebook: {t_one:.1f} s")
    print(f"warnings in notebooks: {len(problems)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
