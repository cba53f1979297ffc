"""Every CSV the project writes is inert in a spreadsheet program and reads back exactly."""

from __future__ import annotations

import csv
import io

import pandas as pd

from ntm_analysis.model import csv_files
from ntm_analysis.model.conform import read_raw_file

CELLS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(A1)",
    "- ghi chú",
    "-5",
    "+3,2",
    "'=already quoted",
    "Xã Đồng Ý",
    "",
    "\tTab",
]


def test_written_cells_never_start_a_formula(tmp_path):
    path = tmp_path / "out.csv"
    csv_files.write_csv(pd.DataFrame({"note": CELLS}), path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))[1:]
    for (cell,), original in zip(rows, CELLS, strict=True):
        if csv_files.is_formula_like(original):
            assert cell.startswith("'"), cell
        assert not csv_files.is_formula_like(cell), cell


def test_streaming_writer_matches_the_frame_writer():
    buf = io.StringIO()
    w = csv_files.SafeDictWriter(buf, ["note"], lineterminator="\n")
    w.writeheader()
    for c in CELLS:
        w.writerow({"note": c})
    other = io.StringIO()
    csv_files.safe_frame(pd.DataFrame({"note": CELLS})).to_csv(
        other, index=False, lineterminator="\n"
    )
    assert buf.getvalue() == other.getvalue()


def test_the_build_reads_back_what_was_written(tmp_path):
    raw = tmp_path / "raw"
    (raw / "sources").mkdir(parents=True)
    values = [c for c in CELLS if c.strip()]
    frame = pd.DataFrame(
        {
            "source_id": [f"s{i}" for i in range(len(values))],
            "kind": "document",
            "title": "t",
            "note": values,
        }
    )
    csv_files.write_csv(frame, raw / "sources" / "x.csv")
    rows, rejects = read_raw_file(raw / "sources" / "x.csv", "sources", raw)
    assert rejects.empty
    assert list(rows["note"]) == [" ".join(v.split()) for v in values]
