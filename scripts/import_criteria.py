"""Copy the curated criteria reference from ../shared/reference/criteria into package data.

Run from the repository root: ``python scripts/import_criteria.py``. The copies are verbatim
(every row keeps its ``source_url``); a sidecar ``criteria.source.yml`` records where each
file came from and its SHA-256, so `tests/unit/test_criteria.py` can tell when the reference
moved on. The package never reads ../shared at run time.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "reference" / "criteria"
DEST = ROOT / "ntm_analysis" / "data"
FILES = {
    "criteria.csv": "criteria.csv",
    "indicators.csv": "criteria_indicators.csv",
    "model_rules.csv": "model_rules.csv",
}


def main() -> int:
    if not SRC.is_dir():
        print(
            f"error: {SRC} not found (the shared reference folder is needed once)", file=sys.stderr
        )
        return 1
    lines = [
        "# Provenance of the criteria reference shipped as package data.",
        "# Each file is a verbatim copy; every row carries its own source_url.",
        "origin: shared/reference/criteria (curated reference tables of the ntm-analysis project)",
        "files:",
    ]
    for src_name, dest_name in FILES.items():
        data = (SRC / src_name).read_bytes()
        shutil.copyfile(SRC / src_name, DEST / dest_name)
        lines += [
            f"  {dest_name}:",
            f"    copied_from: shared/reference/criteria/{src_name}",
            f"    sha256: {hashlib.sha256(data).hexdigest()}",
        ]
        print(f"copied {src_name} -> ntm_analysis/data/{dest_name}")
    (DEST / "criteria.source.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
