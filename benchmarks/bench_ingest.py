"""`ntm ingest` of a national criteria workbook versus plain openpyxl reading, side by side.

Generates a workbook with every legacy commune of the gazetteer (about 10,000 rows) × the 19
criteria of the 2021–2025 commune set, one sheet per year 2021–2025, with the statuses written
the ways analysts write them (Đạt, x, 1, ✓, Chưa đạt, 0, blank) and the places as offices write
them: province, district and commune names with their type ("Tỉnh Thanh Hóa", "Huyện Hoằng
Hóa", "Xã Hoằng Trung") or without it, mixed from commune to commune (each written alike on
every yearly sheet), and the commune code on half the rows.
Then, in the same run and alternating, times:

* ``ntm ingest FILE -o DIR`` as a subprocess (start-up, reading, recognising, matching every
  commune, validating every value, writing the tables and rejects), with its peak memory;
* ``pandas.read_excel(FILE, sheet_name=None, engine="openpyxl")`` in this process (reading
  alone, no validation).

Prints both times (best of RUNS), the ratio and the rows in/out/rejected, and checks that no
row was lost. Targets: ratio <= 0.4, peak memory <= 2 GiB, rows in = rows out + rows rejected,
rejected rows only for names the workbook leaves ambiguous (two xã of one district written
alike, without their code).

Usage: ``.venv/bin/python benchmarks/bench_ingest.py [--rows N] [--runs R]``
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from ntm_analysis.lexicon import criteria
from ntm_analysis.places import gazetteer

YEARS = (2021, 2022, 2023, 2024, 2025)
MET = ("Đạt", "đạt", "x", "X", 1, "✓")
NOT_MET = ("Chưa đạt", "chưa đạt", 0, None)


def make_workbook(path: Path, rows: int | None = None, seed: int = 7) -> int:
    """Write the national workbook; returns the number of data rows per sheet."""
    units = gazetteer.load_units("legacy")
    # the programme's communes: xã only (wards and towns are not in it)
    communes = units[(units["level"] == "commune") & (units["unit_type"] == "Xã")]
    communes = communes.sort_values("unit_code")
    if rows:
        communes = communes.head(rows)
    crit = criteria.criterion_numbers("commune_ntm_2021_2025")
    rng = random.Random(seed)
    # each commune is written one way on every yearly sheet (the sheets are copies of one
    # list), the ways mixed from commune to commune
    written = {u.unit_code: _names_as_written(u, rng) for u in communes.itertuples(index=False)}
    wb = Workbook(write_only=True)
    for year in YEARS:
        ws = wb.create_sheet(str(year))
        ws.append(["KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ NÔNG THÔN MỚI CỦA CÁC XÃ TOÀN QUỐC"])
        ws.append(["Bộ tiêu chí: xã NTM giai đoạn 2021-2025"])
        ws.append([f"Năm: {year}"])
        ws.append([])
        ws.append(["STT", "Tỉnh", "Huyện", "Tên xã", "Mã xã"] + [f"TC{n}" for n in crit])
        ws.append(
            ["(No.)", "Province", "District", "Commune", "Code"] + [f"Criterion {n}" for n in crit]
        )
        share = 0.45 + 0.1 * (year - 2021)
        for i, u in enumerate(communes.itertuples(index=False), start=1):
            statuses = [
                rng.choice(MET) if rng.random() < share else rng.choice(NOT_MET) for _ in crit
            ]
            ws.append([i, *written[u.unit_code], *statuses])
    wb.save(path)
    return len(communes)


_TYPES = ("Thành phố ", "Thị xã ", "Tỉnh ", "Huyện ", "Quận ", "Xã ")


def _short(name: str) -> str:
    """A unit's name without its type ("Xã Hoằng Trung" → "Hoằng Trung")."""
    return next((name[len(t) :] for t in _TYPES if name.startswith(t)), name)


def _names_as_written(u, rng: random.Random) -> list[str]:
    """Province, district, commune and code as offices write them: full names with their
    type and short ones mixed, a code on some rows only."""
    province = u.province_name if rng.random() < 0.5 else _short(u.province_name)
    district = u.district_name if rng.random() < 0.5 else _short(u.district_name)
    commune = u.unit_name if rng.random() < 0.5 else _short(u.unit_name)
    code = u.unit_code if rng.random() < 0.5 else None
    return [province, district, commune, code]


def time_ingest(book: Path, out: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ntm_analysis",
            "ingest",
            str(book),
            "-o",
            str(out),
            "--quiet",
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"ntm ingest failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def time_openpyxl(book: Path) -> float:
    t0 = time.perf_counter()
    frames = pd.read_excel(book, sheet_name=None, engine="openpyxl")
    seconds = time.perf_counter() - t0
    assert len(frames) == len(YEARS)
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=None, help="communes per sheet (default: all)")
    ap.add_argument("--runs", type=int, default=2, help="timed runs of each (best is kept)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "national.xlsx"
        t0 = time.perf_counter()
        n = make_workbook(book, args.rows)
        print(
            f"workbook: {n} communes x {len(YEARS)} sheets x 19 criteria, "
            f"{book.stat().st_size / 1e6:.1f} MB (written in {time.perf_counter() - t0:.0f} s)"
        )
        t_ing, t_opx = [], []
        stdout = ""
        for i in range(args.runs):
            s, stdout = time_ingest(book, Path(tmp) / f"out{i}")
            t_ing.append(s)
            t_opx.append(time_openpyxl(book))
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        total = stdout.strip().splitlines()[-2]
        print(f"ntm ingest (subprocess, read + validate + write): {min(t_ing):.2f} s")
        print(f"pandas.read_excel(engine='openpyxl'), reading only: {min(t_opx):.2f} s")
        ratio = min(t_ing) / min(t_opx)
        print(f"ratio ingest/openpyxl: {ratio:.2f}x (target <= 0.4x)")
        print(f"peak memory of ntm ingest: {peak_mib:.0f} MiB (target <= 2048 MiB)")
        print(total)
        got = re.search(r"rows in (\d+) = rows out (\d+) \+ rows rejected (\d+)", total)
        rows_in, rows_out, rejected = (int(x) for x in got.groups()) if got else (-1, 0, 0)
        lost = rows_in != n * len(YEARS) or rows_in != rows_out + rejected
        print("rows lost: " + ("YES — see above" if lost else "none"))
        # a short name two xã of one district share, written without its code, is refused
        reasons = pd.read_csv(Path(tmp) / f"out{args.runs - 1}" / "rejects.csv")["reason"]
        kinds = reasons.str.extract(r"^([a-z ]+)")[0].value_counts().to_dict()
        print(f"rows rejected: {rejected} {kinds or ''} (expected: ambiguous commune only)")
        wrong = set(kinds) - {"ambiguous commune "}
        ok = ratio <= 0.4 and peak_mib <= 2048 and not lost and not wrong
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
