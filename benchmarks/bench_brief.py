"""`ntm brief` for Hải Phòng against `ntm report` for one notebook, side by side in one run.

Both start a fresh process, as a user would: ``ntm brief --area "Hải Phòng" -o …`` (tables,
charts, the status map, the .docx and the .xlsx) and ``ntm report --no-build`` on a folder
holding only the first notebook. Target: the brief in under 3x the one-notebook report.

Usage: ``.venv/bin/python benchmarks/bench_brief.py``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ntm_analysis import paths
from ntm_analysis.build import build
from ntm_analysis.present import report


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ntm_analysis", *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        processed = tmp_path / "processed"
        build(paths.RAW, processed, verbose=False)
        nbs = tmp_path / "nbs"
        nbs.mkdir()
        first = report.notebook_paths()[0]
        shutil.copy(first, nbs / first.name)
        runs = {"report": [], "brief": []}
        for i in range(2):  # alternate, so that both see the same machine load
            runs["report"].append(
                timed(
                    [
                        "report",
                        "--no-build",
                        "--notebooks",
                        str(nbs),
                        "--out",
                        str(tmp_path / f"rep{i}"),
                        "--processed",
                        str(processed),
                    ]
                )
            )
            runs["brief"].append(
                timed(
                    [
                        "brief",
                        "--area",
                        "Hải Phòng",
                        "--processed",
                        str(processed),
                        "-o",
                        str(tmp_path / f"hp{i}.docx"),
                        "--xlsx",
                        str(tmp_path / f"hp{i}.xlsx"),
                    ]
                )
            )
        size = (tmp_path / "hp0.docx").stat().st_size
    rep, brf = min(runs["report"]), min(runs["brief"])
    print(f"ntm report, one notebook ({first.stem}): {rep:.1f} s (best of 2)")
    print(
        f"ntm brief --area 'Hải Phòng' (.docx {size / 1e6:.2f} MB + .xlsx): {brf:.1f} s (best of 2)"
    )
    print(f"ratio brief/report-one-notebook: {brf / rep:.2f}x (target < 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
