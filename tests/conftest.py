"""Shared fixtures: headless matplotlib, figure clean-up, the ../shared folder, a built dataset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from ntm_analysis import paths


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
def built(tmp_path_factory: pytest.TempPathFactory):
    """The embedded data/raw built once into a temporary folder: (out_dir, results)."""
    from ntm_analysis.build import build

    out = tmp_path_factory.mktemp("processed")
    return out, build(paths.RAW, out, verbose=False)
