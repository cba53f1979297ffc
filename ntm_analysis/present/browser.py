"""Headless Chromium for checking saved maps: render time, a screenshot, page errors, probes.

Used by the browser test and the map benchmark; needs Debian's ``chromium`` (``.ci/run``
installs it). Chromium is driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: commands go in on fd 3, replies come out on fd 4), so no extra
Python package is needed. The network is emulated offline and every request that leaves the
file is recorded, so a page that tries to fetch a CDN script shows up as an error.

Errors collected: uncaught exceptions, ``console.error``/``console.assert`` calls, and browser
log entries of level error (failed resource loads, blocked requests).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
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
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
]

# Installed before any page script runs: records alert() calls instead of blocking on them.
_ALERT_TRAP = "window.__alerts = []; window.alert = (m) => { window.__alerts.push(String(m)); };"
# Resolves once the browser has painted twice after the load event (Leaflet's canvas renderer
# draws on the next animation frame).
_PAINTED = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def chromium() -> str | None:
    """Path of the Chromium binary, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageReport:
    """What one page load produced."""

    seconds: float  # navigation start to the second paint after the load event
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # URLs other than file: and data:
    alerts: list[str] = field(default_factory=list)
    value: object = None  # result of the ``probe`` script, if any


class _Pipe:
    """Minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, proc: subprocess.Popen, to_browser: int, from_browser: int) -> None:
        self.proc, self.wfd, self.rfd = proc, to_browser, from_browser
        self.buf = b""
        self.next_id = 0
        self.events: list[dict] = []

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.rfd], [], [], left)
            if ready:
                chunk = os.read(self.rfd, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the debugging pipe")
                self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def send(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float = 60.0,
    ) -> dict:
        """Send a command and wait for its reply; events met meanwhile are queued."""
        self.next_id += 1
        msg: dict = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.wfd, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 60.0) -> dict:
        """The first queued or incoming event called ``method``."""
        for i, ev in enumerate(self.events):
            if ev.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            ev = self._read_message(deadline)
            if ev.get("method") == method:
                return ev
            self.events.append(ev)


def _launch(exe: str, profile: str) -> _Pipe:
    to_r, to_w = os.pipe()  # we write, chromium reads on fd 3
    from_r, from_w = os.pipe()  # chromium writes on fd 4, we read
    # The child's ends are moved above fd 9 first, then a small Python trampoline puts them on
    # fds 3 and 4 (where Chromium expects them) and execs Chromium; dup2 cannot clobber them.
    child_r, child_w = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_r, from_w))
    for fd in (to_r, from_w):
        os.close(fd)
    trampoline = (
        "import os, sys; r, w = int(sys.argv[1]), int(sys.argv[2]); "
        "os.dup2(r, 3); os.dup2(w, 4); os.close(r); os.close(w); "
        "os.execv(sys.argv[3], sys.argv[3:])"
    )
    args = [exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", trampoline, str(child_r), str(child_w), *args],
            pass_fds=(child_r, child_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        os.close(child_r)
        os.close(child_w)
    return _Pipe(proc, to_w, from_r)


def _errors(events: list[dict]) -> tuple[list[str], list[str]]:
    errors, requests = [], []
    for ev in events:
        method, p = ev.get("method"), ev.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            errors.append(d.get("exception", {}).get("description") or d.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            args = [str(a.get("value", a.get("description", ""))) for a in p.get("args", [])]
            errors.append(f"console.{p['type']}: {' '.join(args)}")
        elif method == "Log.entryAdded" and p["entry"].get("level") == "error":
            e = p["entry"]
            errors.append(
                f"{e.get('source', 'log')}: {e.get('text', '')} {e.get('url', '')}".strip()
            )
        elif method == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if not url.startswith(("file:", "data:", "about:")):
                requests.append(url)
    return errors, requests


def open_page(
    html: Path,
    png: Path | None = None,
    width: int = 1200,
    height: int = 900,
    probe: str | None = None,
    timeout: float = 120.0,
) -> PageReport:
    """Load ``html`` offline in headless Chromium; time it, collect errors, optionally probe.

    Args:
        html: The page to open (a local file).
        png: Where to save a screenshot of the viewport, if wanted.
        width, height: Viewport size in CSS pixels.
        probe: A JavaScript expression evaluated after rendering (a promise is awaited); its
            JSON value is returned in ``PageReport.value``.
        timeout: Seconds allowed for the whole visit.
    """
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        pipe = _launch(exe, profile)
        try:
            return _visit(pipe, html, png, width, height, probe, timeout)
        finally:
            try:
                pipe.send("Browser.close", timeout=10)
            except (RuntimeError, TimeoutError, OSError):
                pass
            try:
                pipe.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pipe.proc.kill()
                pipe.proc.wait()
            os.close(pipe.wfd)
            os.close(pipe.rfd)


def _visit(
    pipe: _Pipe,
    html: Path,
    png: Path | None,
    width: int,
    height: int,
    probe: str | None,
    timeout: float,
) -> PageReport:
    targets = pipe.send("Target.getTargets", timeout=timeout)["targetInfos"]
    page = next(t["targetId"] for t in targets if t["type"] == "page")
    sid = pipe.send("Target.attachToTarget", {"targetId": page, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        pipe.send(f"{domain}.enable", session=sid)
    pipe.send(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        session=sid,
    )
    pipe.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        session=sid,
    )
    pipe.send("Page.addScriptToEvaluateOnNewDocument", {"source": _ALERT_TRAP}, session=sid)
    pipe.events.clear()
    t0 = time.perf_counter()
    pipe.send("Page.navigate", {"url": html.resolve().as_uri()}, session=sid, timeout=timeout)
    pipe.wait_event("Page.loadEventFired", timeout=timeout)
    _evaluate(pipe, sid, _PAINTED, timeout)
    seconds = time.perf_counter() - t0
    value = _evaluate(pipe, sid, probe, timeout) if probe else None
    alerts = _evaluate(pipe, sid, "window.__alerts", timeout) or []
    if png is not None:
        shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session=sid)
        Path(png).write_bytes(base64.b64decode(shot["data"]))
    errors, requests = _errors(pipe.events)
    return PageReport(seconds, errors, requests, list(alerts), value)


def _evaluate(pipe: _Pipe, sid: str, expression: str, timeout: float) -> object:
    res = pipe.send(
        "Runtime.evaluate",
        {"expression": expression, "awaitPromise": True, "returnByValue": True},
        session=sid,
        timeout=timeout,
    )
    if "exceptionDetails" in res:
        d = res["exceptionDetails"]
        raise RuntimeError(f"probe failed: {d.get('exception', {}).get('description', d)}")
    return res["result"].get("value")


def screenshot(
    html: Path, png: Path, width: int = 1200, height: int = 900
) -> tuple[float, list[str]]:
    """Render ``html`` and save a PNG; returns (seconds, page errors)."""
    rep = open_page(html, png, width, height)
    return rep.seconds, rep.errors + [f"network request: {u}" for u in rep.requests]


# A probe for `maps` pages: how many units (features with a tooltip) the map shows, and its zoom.
LEAFLET_PROBE = """(() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  if (!map) return null;
  let shown = 0;
  map.eachLayer(l => {
    if (l.feature && l.feature.properties && "tip" in l.feature.properties) shown += 1;
  });
  return {shown: shown, zoom: map.getZoom()};
})()"""
