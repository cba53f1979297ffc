"""Speed, linearity and bounded work of `ntm extract`, measured side by side in one run.

Usage: python benchmarks/bench_extract.py [--quick]

1. Ordinary report text (the corpus passages, clean and damaged, repeated into a document)
   at two sizes: kB per second for each and the ratio of the times per kB (linear: about 1).
2. Pathological inputs (a line of digits, of separators, of one word repeated, of names, of
   table pipes, a page without full stops …) against ordinary text of the same size: the
   ratio of their times (target ≤ 10×) and the slowest single line (target < 1 s).
3. A 200-page text PDF (written here with matplotlib): the time to read its text layer
   alone and the time of ``ntm extract`` (target < 30 s).
4. A 50 MB text file through ``ntm extract`` in a subprocess: time and peak memory
   (target < 1 GiB).

Targets: ≥ 200 kB/s on ordinary text, time per kB at the larger size within 1.5× of the
smaller, every pathological input ≤ 10× ordinary, no line over 1 s. Times in 1 and 2 are CPU
seconds of this process (the machine is shared, so wall time mostly measures the load);
3 and 4 report a subprocess's CPU and wall seconds (the targets are read on CPU time).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ntm_analysis.sources.reports.corpus import load
from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.reading import Line, read_lines

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "extract" / "corpus"
HEADER = ["UBND TỈNH NGHỆ AN", "Nghệ An, ngày 20 tháng 12 năm 2023", ""]


def ordinary_lines() -> list[str]:
    """The corpus passages (every half, clean and damaged), as one report's body lines."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        for item in load(path):
            out += [*item.text.rstrip("\n").split("\n"), ""]
    return out


def document(body: list[str], size: int) -> list[Line]:
    """A report of about ``size`` bytes: the header, then ``body`` repeated."""
    lines = list(HEADER)
    total = 0
    while total < size:
        for t in body:
            lines.append(t)
            total += len(t.encode()) + 1
            if total >= size:
                break
    return [Line(i, t) for i, t in enumerate(lines, start=1)]


def timed(lines: list[Line]) -> tuple[float, int]:
    """CPU seconds (the machine is shared: wall time says more about the neighbours) and facts."""
    t0 = time.process_time()
    facts = extract_lines(lines, "bench")
    return time.process_time() - t0, len(facts)


def kb(lines: list[Line]) -> float:
    return sum(len(ln.text.encode()) + 1 for ln in lines) / 1024


PATHOLOGICAL = {
    "digits": lambda n: ["1" * n],
    "digits and spaces": lambda n: [("12 " * (n // 3))],
    "ratios": lambda n: [("12/19 " * (n // 6))],
    "separators": lambda n: [(".,;:-/()%|" * (n // 10))],
    "one word repeated": lambda n: [("xã " * (n // 4))],
    "tier words repeated": lambda n: [("đạt chuẩn nông thôn mới nâng cao " * (n // 36))],
    "names list": lambda n: [("Xã Long Đống, " * (n // 16)) + "đạt chuẩn NTM."],
    "money": lambda n: [("ngân sách tỉnh 12 tỷ đồng, " * (n // 30))],
    "pipes": lambda n: [("| a " * (n // 4)) + "|"],
    "tabs": lambda n: [("a\t1\t" * (n // 5))],
    "brackets": lambda n: [("(" * (n // 2)) + (")" * (n // 2))],
    "no full stops": lambda n: [
        "toàn tỉnh có 12 xã đạt chuẩn nông thôn mới và các xã Gio An Gio Mỹ" for _ in range(n // 70)
    ],
    "bullets": lambda n: ["- Xã Gio An, huyện Gio Linh;" for _ in range(n // 30)],
}


def pathological(size: int, ordinary_per_kb: float) -> list[tuple[str, float, float, float]]:
    """(name, seconds, ratio to ordinary text of the same size, slowest line)."""
    out = []
    for name, make in PATHOLOGICAL.items():
        texts = make(size)
        lines = [Line(i + 1, t) for i, t in enumerate([*HEADER, *texts])]
        seconds, _ = timed(lines)
        slowest = 0.0
        for t in texts[:50]:  # each line alone
            one, _ = timed([Line(1, HEADER[0]), Line(2, t)])
            slowest = max(slowest, one)
        out.append((name, seconds, seconds / (ordinary_per_kb * kb(lines)), slowest))
    return out


def make_pdf(path: Path, pages: int, body: list[str]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    text = [t.replace("\t", "  ") for t in body if t.strip()]
    with PdfPages(path) as pdf:
        for p in range(pages):
            fig = plt.figure(figsize=(8.3, 11.7))
            for i in range(45):
                line = (HEADER[0] if p == 0 and i == 0 else text[(p * 45 + i) % len(text)])[:95]
                fig.text(0.05, 0.96 - i * 0.021, line, fontsize=8)
            pdf.savefig(fig)
            plt.close(fig)


def big_text(path: Path, size: int, body: list[str]) -> None:
    block = "\n".join(body).encode() + b"\n"
    with path.open("wb") as fh:
        fh.write(("\n".join(HEADER) + "\n").encode())
        written = 0
        while written < size:
            fh.write(block)
            written += len(block)


def run_cli(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of ``ntm extract`` in a subprocess."""
    code = (
        "import resource, sys, time\n"
        "from ntm_analysis.cli import main\n"
        "t = time.perf_counter()\n"
        f"rc = main(['extract', '-q', {str(path)!r}, '-o', '/dev/null'])\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, rc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    seconds, cpu, peak_kib, _ = proc.stdout.split()
    return float(seconds), float(cpu), int(peak_kib) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, no PDF, no 50 MB")
    args = parser.parse_args(argv)
    body = ordinary_lines()
    small, large = (100_000, 400_000) if args.quick else (400_000, 1_600_000)
    once = document(body, sum(len(t.encode()) + 1 for t in body))
    cold, n = timed(once)  # loads the gazetteer, compiles patterns, looks every name up once
    print(
        f"first read of the corpus ({kb(once):.0f} kB, {n} facts; the place names of 20 "
        f"provinces under one header, each looked up once): {cold:.2f} s"
    )
    results = []
    for size in (small, large):
        lines = document(body, size)
        seconds, n = timed(lines)
        results.append((kb(lines), seconds, n))
        print(
            f"ordinary text {kb(lines):8.0f} kB: {seconds:6.2f} s, {kb(lines) / seconds:6.0f} "
            f"kB/s, {n} facts"
        )
    per_kb = [s / k for k, s, _ in results]
    ratio = per_kb[1] / per_kb[0]
    print(
        f"linearity: time per kB at {results[1][0]:.0f} kB / at {results[0][0]:.0f} kB = "
        f"{ratio:.2f}"
    )
    ok = ratio <= 1.5 and min(k / s for k, s, _ in results) >= 200
    print("\npathological input (same size as ordinary)   seconds  ratio  slowest line")
    for name, seconds, r, slowest in pathological(small // 4, per_kb[0]):
        print(f"  {name:<42}{seconds:8.2f}{r:7.2f}{slowest:10.3f} s")
        ok = ok and r <= 10 and slowest < 1.0
    if not args.quick:
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "r200.pdf"
            make_pdf(pdf, 200, body)
            t0 = time.process_time()
            read = read_lines(pdf)
            reading = time.process_time() - t0
            seconds, cpu, peak = run_cli(pdf)
            print(
                f"\n200-page PDF ({len(read)} lines): text layer read alone {reading:.1f} s CPU; "
                f"ntm extract {cpu:.1f} s CPU, {seconds:.1f} s wall (target < 30 s), "
                f"peak {peak:.0f} MiB"
            )
            ok = ok and cpu < 30
            txt = Path(tmp) / "big.txt"
            big_text(txt, 50 * 2**20, body)
            seconds, cpu, peak = run_cli(txt)
            print(
                f"50 MB text: ntm extract {cpu:.0f} s CPU ({50 * 1024 / cpu:.0f} kB/s), "
                f"{seconds:.0f} s wall, peak {peak:.0f} MiB (target < 1024 MiB)"
            )
            ok = ok and peak < 1024
    print(f"\nown process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
