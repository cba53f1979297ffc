"""Headless Chromium for checking saved maps: a screenshot and the page's console errors.

Used by the browser test and the map benchmark; needs Debian's ``chromium`` (``.ci/run``
installs it). The page is loaded from a local file with every network feature off.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
_CONSOLE_ERROR = re.compile(r'CONSOLE\(\d+\)\] "(Uncaught[^"]*|[^"]*Error[^"]*)"|Uncaught \w+')


def chromium() -> str | None:
    """Path of the Chromium binary, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(
    html: Path, png: Path, width: int = 1200, height: int = 900, budget_ms: int = 8000
) -> tuple[float, list[str]]:
    """Render ``html`` and save a PNG; returns (seconds, console error lines)."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            exe,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--virtual-time-budget={budget_ms}",
            f"--screenshot={png}",
            html.resolve().as_uri(),
        ]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        seconds = time.perf_counter() - t0
    errors = [line for line in proc.stderr.splitlines() if _CONSOLE_ERROR.search(line)]
    if not png.is_file():
        raise RuntimeError(f"chromium wrote no screenshot: {proc.stderr[-500:]}")
    return seconds, errors
