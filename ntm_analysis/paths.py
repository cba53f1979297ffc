"""Filesystem locations: repository root, data folders, reports. Nothing else lives here."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"


def repo_root() -> Path:
    """The checkout root: ``$NTM_ROOT`` if set, else the parent of the package folder."""
    env = os.environ.get("NTM_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


ROOT = repo_root()
RAW = ROOT / "data" / "raw"
USER = ROOT / "data" / "user"  # the user's own data: one raw-layout folder per subfolder
PROCESSED = ROOT / "data" / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
SHARED = ROOT.parent / "shared"
