"""Map of all 3,321 communes of the 2025 set versus a 100-commune map, side by side.

For markers and for approximate cells, prints the HTML size of both maps and the time headless
Chromium takes to render each (navigation start to the second paint after the load event,
driven by Playwright through the tests' `support.browser`, a freshly started browser for each
load; the best of three runs, alternating the two maps so that load on this shared machine hits
both alike), with the ratio. It also checks that every unit was drawn.
Targets: the national map is at most 5 MB and renders within 3x the time of the 100-commune map.

Usage: ``.venv/bin/python benchmarks/bench_map.py`` (needs Debian's chromium)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support import browser  # the tests' browser helper (tests/support/browser.py)

from ntm_analysis.present.maps import html_map, offline, status_layer

RUNS = 3


def _save(layer, folder: Path, name: str) -> tuple[Path, float]:
    t0 = time.perf_counter()
    path = offline.save_map(html_map.status_map(layer, name), folder / f"{name}.html")
    return path, time.perf_counter() - t0


def _render(path: Path, expected: int) -> float:
    """Seconds to render ``path`` in a freshly started Chromium (as a reader opening the file)."""
    with browser.Browser() as chrome:
        rep = chrome.open_page(path, path.with_suffix(".png"), probe=browser.LEAFLET_PROBE)
    if rep.errors or rep.requests:
        raise SystemExit(f"{path.name}: page errors {rep.errors} requests {rep.requests}")
    if rep.value["shown"] != expected:
        raise SystemExit(f"{path.name}: {rep.value['shown']} of {expected} units drawn")
    return rep.seconds


def compare(national, small, folder: Path, label: str) -> bool:
    """Print sizes, build and render times of both maps; True when both targets are met."""
    small_html, build_s = _save(small, folder, f"small-{label}")
    national_html, build_n = _save(national, folder, f"national-{label}")
    times_s, times_n = [], []
    for _ in range(RUNS):
        times_s.append(_render(small_html, len(small)))
        times_n.append(_render(national_html, len(national)))
    t_s, t_n = min(times_s), min(times_n)
    size_s, size_n = small_html.stat().st_size / 1e6, national_html.stat().st_size / 1e6
    ratio = t_n / t_s
    print(f"[{label}]")
    print(
        f"  {len(small)}-commune map: {size_s:.2f} MB, built in {build_s:.2f} s, "
        f"renders in {t_s:.3f} s"
    )
    print(
        f"  {len(national)}-commune map: {size_n:.2f} MB (target <= 5 MB), built in "
        f"{build_n:.2f} s, renders in {t_n:.3f} s"
    )
    print(f"  render ratio national/100: {ratio:.2f}x (target <= 3x)")
    return size_n <= 5 and ratio <= 3


def main() -> int:
    reason = browser.unavailable()
    if reason is not None:
        print(reason)
        return 1
    national = status_layer.commune_layer("", "2025")
    small = national.iloc[:: max(1, len(national) // 100)].head(100)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        ok &= compare(national, small, Path(tmp), "markers")
        cells = status_layer.with_cells(national)
        ok &= compare(cells, cells.loc[small.index], Path(tmp), "approximate cells")
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
