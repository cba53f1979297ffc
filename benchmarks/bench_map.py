"""Map of all 3,321 communes of the 2025 set versus a 100-commune map, side by side.

Prints the HTML size of both and the time headless Chromium takes to render each (the best
of three runs), with the ratio. Targets: the national map is at most 5 MB and renders within
3x the time of the 100-commune map.

Usage: ``.venv/bin/python benchmarks/bench_map.py`` (needs Debian's chromium)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from ntm_analysis import browser, maps


def render(layer, folder: Path, name: str) -> tuple[float, float]:
    """(HTML size in MB, best-of-three render seconds) of a status map of ``layer``."""
    path = maps.save_map(maps.status_map(layer, name), folder / f"{name}.html")
    times = [browser.screenshot(path, folder / f"{name}.png")[0] for _ in range(3)]
    return path.stat().st_size / 1e6, min(times)


def main() -> int:
    if browser.chromium() is None:
        print("chromium is not installed: apt-get install chromium")
        return 1
    national = maps.commune_layer("", "2025")
    small = national.iloc[:: max(1, len(national) // 100)].head(100)
    with tempfile.TemporaryDirectory() as tmp:
        size_s, t_s = render(small, Path(tmp), "small")
        size_n, t_n = render(national, Path(tmp), "national")
    print(f"100-commune map: {size_s:.2f} MB, renders in {t_s:.2f} s")
    print(f"{len(national)}-commune map: {size_n:.2f} MB (target <= 5 MB), renders in {t_n:.2f} s")
    print(f"render ratio national/100: {t_n / t_s:.2f}x (target <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
