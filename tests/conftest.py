"""Shared fixtures: headless matplotlib, figure clean-up, the ../shared folder, headless
Chromium, a built dataset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from ntm_analysis import paths


@pytest.fixture(autouse=True, scope="session")
def _checkout_data_untouched(tmp_path_factory: pytest.TempPathFactory):
    """No test reads the checkout's data/user or writes its data/processed: for the whole
    session both point at empty temporary folders (``ntm build`` without ``--user`` would
    otherwise read the user's own data, and a build without ``--out`` write the checkout)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(paths, "USER", tmp_path_factory.mktemp("user_data"))
    mp.setattr(paths, "PROCESSED", tmp_path_factory.mktemp("processed_default"))
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the test when it is absent."""
    if not paths.SHARED.is_dir():
        pytest.skip(f"{paths.SHARED} is absent (tests that read the shared sources are skipped)")
    return paths.SHARED


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (`support.browser.Browser`) for the whole session.

    Skips the test where Chromium or Playwright is missing, unless ``NTM_REQUIRE_BROWSER`` is
    set (``.ci/run`` sets it): there the offline-map checks must run, and a missing browser
    fails the test.
    """
    from support import browser as support_browser

    support_browser.require_or_skip()
    with support_browser.Browser() as b:
        yield b


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The embedded data/raw built once into a temporary folder: (out_dir, results)."""
    from ntm_analysis.build import build

    out = tmp_path_factory.mktemp("processed")
    return out, build(paths.RAW, out, verbose=False)
