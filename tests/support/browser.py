"""Headless Chromium for checking saved maps: render time, a screenshot, page errors, probes.

Used by the browser tests (through the ``browser`` fixture of ``tests/conftest.py``) and by
``benchmarks/bench_map.py``. Playwright drives Debian's ``chromium`` (``.ci/run`` installs it);
Playwright's own browser download is not used. Each page opens in a fresh context with the
network emulated offline, and every request that leaves the file is recorded, so a page that
tries to fetch a CDN script shows up.

Errors collected: uncaught exceptions, ``console.error``/``console.assert`` calls (Chromium
also logs failed resource loads there). ``alert()`` calls are recorded and dismissed.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Dialog, Page, Request

# Set (to 1) where the browser checks must run: a missing Chromium is then an error.
REQUIRE_ENV = "NTM_REQUIRE_BROWSER"

# Resolves once the browser has painted twice after the load event (Leaflet's canvas renderer
# draws on the next animation frame).
_PAINTED = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
_LOCAL = ("file:", "data:", "about:")

# A probe for status-map pages: how many units (features with a tooltip) the map shows, and
# its zoom.
LEAFLET_PROBE = """(() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  if (!map) return null;
  let shown = 0;
  map.eachLayer(l => {
    if (l.feature && l.feature.properties && "tip" in l.feature.properties) shown += 1;
  });
  return {shown: shown, zoom: map.getZoom()};
})()"""


def chromium() -> str | None:
    """Path of the Chromium binary, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def required() -> bool:
    """Whether a missing browser must fail the run (`REQUIRE_ENV` set to a non-empty, non-0
    value), rather than skip the browser checks."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def unavailable() -> str | None:
    """Why the browser checks cannot run here (no Chromium, no Playwright), or None."""
    if chromium() is None:
        return "chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def require_or_skip() -> None:
    """Skip the calling test when the browser checks cannot run here; under `REQUIRE_ENV`,
    fail it instead."""
    import pytest

    reason = unavailable()
    if reason is None:
        return
    if required():
        pytest.fail(
            f"{reason}, and {REQUIRE_ENV} is set: the browser checks must run", pytrace=False
        )
    pytest.skip(f"{reason}; browser tests skipped")


@dataclass
class PageReport:
    """What one page load produced."""

    seconds: float  # navigation start to the second paint after the load event
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # URLs other than file:, data:, about:
    alerts: list[str] = field(default_factory=list)
    value: object = None  # result of the ``probe`` script, if any


class Browser:
    """One headless Chromium, started by Playwright; use as a context manager."""

    def __init__(self, executable: str | None = None) -> None:
        from playwright.sync_api import sync_playwright

        exe = executable or chromium()
        if exe is None:
            raise RuntimeError("chromium is not installed (apt-get install chromium)")
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(
                executable_path=exe, args=["--no-sandbox", "--disable-gpu"]
            )
        except BaseException:
            self._playwright.stop()
            raise

    def close(self) -> None:
        """Stop the browser and Playwright's driver."""
        try:
            self._browser.close()
        finally:
            self._playwright.stop()

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def open_page(
        self,
        html: Path,
        png: Path | None = None,
        width: int = 1200,
        height: int = 900,
        probe: str | None = None,
        timeout: float = 120.0,
    ) -> PageReport:
        """Load ``html`` offline; time it, collect errors and requests, optionally probe.

        Args:
            html: The page to open (a local file).
            png: Where to save a screenshot of the viewport, if wanted.
            width, height: Viewport size in CSS pixels.
            probe: A JavaScript expression evaluated after rendering (a promise is awaited);
                its JSON value is returned in ``PageReport.value``.
            timeout: Seconds allowed for each step of the visit.
        """
        context = self._browser.new_context(
            offline=True, viewport={"width": width, "height": height}, device_scale_factor=1
        )
        context.set_default_timeout(timeout * 1000)
        try:
            page = context.new_page()
            report = PageReport(seconds=0.0)
            _listen(page, report)
            t0 = time.perf_counter()
            page.goto(Path(html).resolve().as_uri(), wait_until="load")
            page.evaluate(_PAINTED)
            report.seconds = time.perf_counter() - t0
            if probe:
                report.value = page.evaluate(probe)
            if png is not None:
                page.screenshot(path=str(png))
            return report
        finally:
            context.close()


def _listen(page: Page, report: PageReport) -> None:
    """Record the page's errors, outgoing requests and alerts into ``report``."""

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type in ("error", "assert"):
            report.errors.append(f"console.{msg.type}: {msg.text}")

    def on_request(request: Request) -> None:
        if not request.url.startswith(_LOCAL):
            report.requests.append(request.url)

    def on_dialog(dialog: Dialog) -> None:
        if dialog.type == "alert":
            report.alerts.append(dialog.message)
        dialog.dismiss()

    page.on("pageerror", lambda exc: report.errors.append(f"uncaught: {exc}"))
    page.on("console", on_console)
    page.on("request", on_request)
    page.on("dialog", on_dialog)
