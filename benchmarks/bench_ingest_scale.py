"""Is `ntm ingest` linear in its input, and does no input cost much more than ordinary input?

Measured side by side in one run, each as ``ntm ingest FILE -o DIR`` in a subprocess:

1. **Time per row at two sizes**: long-format tier sheets (one row per commune per year) of
   N and 4·N rows; prints the time per row at each size beyond that of a 10-row sheet (the
   start-up: imports, gazetteer index) and their ratio (target: the larger costs at most
   1.5× per row).
2. **Hard input of the same size**: the 4·N sheet with every row a duplicate of the first
   commune (the duplicate report was quadratic), and with every name unknown (each matched
   and rejected with suggestions); target: at most 10× the ordinary sheet.
3. **National long-format sheet** (every legacy commune × 5 years) against the national
   criteria workbook of `bench_ingest` (every legacy commune × 19 criteria × 5 yearly
   sheets); target: at most 2× its time.

Usage: ``.venv/bin/python benchmarks/bench_ingest_scale.py [--rows N]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
import bench_ingest

from ntm_analysis.places import gazetteer

YEARS = (2021, 2022, 2023, 2024, 2025)
TIERS = ("Chưa đạt", "NTM", "NTM nâng cao", "NTM kiểu mẫu")


def communes():
    units = gazetteer.load_units("legacy")
    c = units[(units["level"] == "commune") & (units["unit_type"] == "Xã")]
    return c.sort_values("unit_code")


def long_sheet(path: Path, rows: int | None, mode: str = "ordinary") -> int:
    """A long tier sheet; ``rows`` None = every commune × every year."""
    c = communes()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Muc dat chuan")
    ws.append(["MỨC ĐẠT CHUẨN NÔNG THÔN MỚI CỦA CÁC XÃ, 2021-2025"])
    ws.append([])
    ws.append(["STT", "Tỉnh", "Huyện", "Tên xã", "Mã xã", "Năm", "Mức đạt chuẩn"])
    n = 0
    units = list(c.itertuples(index=False))
    total = rows if rows is not None else len(units) * len(YEARS)
    for i in range(total):
        u = units[0] if mode == "duplicates" else units[i % len(units)]
        year = YEARS[(i // len(units)) % len(YEARS)]
        name = f"Xã Không Có {i}" if mode == "unknown" else u.unit_name
        code = "" if mode == "unknown" else u.unit_code
        ws.append([i + 1, u.province_name, u.district_name, name, code, year, TIERS[i % 4]])
        n += 1
    wb.save(path)
    return n


def run(book: Path, out: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "ntm_analysis", "ingest", str(book), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ntm ingest failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5000, help="N, the smaller sheet's rows")
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        tiny, small, large = d / "tiny.xlsx", d / "small.xlsx", d / "large.xlsx"
        long_sheet(tiny, 10)
        n1, n2 = long_sheet(small, args.rows), long_sheet(large, 4 * args.rows)
        dup, unk = d / "dup.xlsx", d / "unknown.xlsx"
        long_sheet(dup, 4 * args.rows, "duplicates")
        long_sheet(unk, 4 * args.rows, "unknown")
        national, crit = d / "national_long.xlsx", d / "national_criteria.xlsx"
        n_nat = long_sheet(national, None)
        n_crit = bench_ingest.make_workbook(crit) * len(YEARS)
        # side by side, alternating
        t_base = min(run(tiny, d / "o0"), run(tiny, d / "o0b"))
        t_small, t_large = run(small, d / "o1"), run(large, d / "o2")
        t_dup, t_unk = run(dup, d / "o3"), run(unk, d / "o4")
        t_nat, t_crit = run(national, d / "o5"), run(crit, d / "o6")
    per1, per2 = (t_small - t_base) / n1 * 1e3, (t_large - t_base) / n2 * 1e3
    growth = per2 / per1
    print(f"long tier sheet, 10 rows (start-up): {t_base:.2f} s")
    print(f"long tier sheet, {n1:,} rows: {t_small:.2f} s ({per1:.3f} ms/row beyond start-up)")
    print(f"long tier sheet, {n2:,} rows: {t_large:.2f} s ({per2:.3f} ms/row beyond start-up)")
    print(f"time per row, {n2:,} vs {n1:,} rows: {growth:.2f}x (target <= 1.5x: linear)")
    ok &= growth <= 1.5
    for label, t in (("every row a duplicate", t_dup), ("every name unknown", t_unk)):
        ratio = t / t_large
        print(f"{label}, {n2:,} rows: {t:.2f} s = {ratio:.2f}x the ordinary sheet (target <= 10x)")
        ok &= ratio <= 10
    ratio = t_nat / t_crit
    print(f"national long tier sheet, {n_nat:,} rows: {t_nat:.2f} s")
    print(f"national criteria workbook, {n_crit:,} rows x 19 criteria: {t_crit:.2f} s")
    print(f"ratio long tier / criteria workbook: {ratio:.2f}x (target <= 2x)")
    ok &= ratio <= 2
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
