"""Benchmark commune matching against vietnamadminunits' own standardiser, side by side.

Rows: every legacy commune of the gazetteer as (province, district, commune), written
(a) as short names with diacritics stripped, (b) as short names damaged by a seeded OCR
noise model that draws from the learned confusion table (data/ocr_confusions.csv) on all
three columns, and (c) the way sheets mix them: each of the three names independently, at
random (seeded), in full with its type prefix ("Tỉnh Thanh Hóa", "Huyện Hoằng Hóa", "Xã
Hoằng Trung") or short, with or without diacritics.

Counting: a row is *determinable* when exactly one commune of the gazetteer can be written
that way: for (a) and (b) its folded short (province, district, commune) triple is unique;
for (c) each name is compared as written, full or short, by its folded letters where it has
no diacritics and by its exact spelling where it has them. The others cannot be told apart
and the matcher must call them ambiguous. Accuracy = correct answers / determinable rows,
where a correct answer is our ``ward_code`` equal to the true code (ambiguous/unmatched
count as misses), and for the peer its standardised names folding to the true triple. We
also count wrong answers, wrong answers labelled ``exact`` (must be 0), and determinable
rows left ``ambiguous`` (must be 0 for (a) and (c): a name that fits one unit is that unit).

Linearity: the matcher alone on rows written as in (c) at two sizes, communes drawn with
replacement, name caches emptied before each run (best of two): (i) as drawn, names
repeating as they do in a national workbook, and (ii) with OCR noise on half of the names,
so that nearly every name is new. Time per row at both sizes and their ratio (1 = linear,
below 1 = better).

Timing: CPU time of the process (the machine is shared), each matcher run ``--repeat`` times
alternating with the other, the best run counting; the one-time loads (gazetteer blocks,
the peer's parser data) are timed apart.

Usage: ``.venv/bin/python benchmarks/bench_match.py [--rows N] [--peer-rows N] [--seed S]
[--sizes 10000,100000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
import warnings
from collections import defaultdict
from functools import lru_cache

import pandas as pd

from ntm_analysis.lexicon.textnorm import (
    fold,
    load_confusions,
    normalize,
    spelling_units,
    strip_diacritics,
)
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import clear_caches, match_units, prepare

LEVELS = ("province", "district", "commune")


@lru_cache(maxsize=1)
def _noise_table() -> dict[tuple[str, str], tuple[list[str], list[int]]]:
    """(correct unit, position) -> (OCR outputs, counts), identity included."""
    table: dict[tuple[str, str], tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
    for row in load_confusions().itertuples(index=False):
        outs, weights = table[(row.correct, row.position)]
        outs.append(row.ocr)
        weights.append(int(row.count))
    return dict(table)


def ocr_damage(text: str, rng: random.Random) -> str:
    """Damage ``text`` the way the seeds' OCR did: each spelling unit is replaced by a draw
    from what the OCR printed for it (its learned distribution, identity included). Case is
    kept on the first letter; units never seen in the table are left as they are."""
    table = _noise_table()
    words = []
    for word in normalize(text).split(" "):
        units = spelling_units(word.lower(), ocr=False)
        out = []
        for i, unit in enumerate(units):
            entry = table.get((unit, "initial" if i == 0 else "other"))
            out.append(rng.choices(entry[0], entry[1])[0] if entry else unit)
        damaged = "".join(out)
        if word[:1].isupper():
            damaged = damaged[:1].upper() + damaged[1:]
        words.append(damaged or word)
    return " ".join(words)


def _communes() -> pd.DataFrame:
    """Every legacy commune with the short and full names of its province, district and self."""
    units = gazetteer.load_units("legacy")
    comm = units[units["level"] == "commune"]
    out = {"true_code": comm["unit_code"].to_numpy()}
    for level, codes in zip(
        LEVELS, (comm["province_code"], comm["parent_code"], comm["unit_code"]), strict=True
    ):
        named = units[units["level"] == level].set_index("unit_code")
        out[level] = codes.map(named["unit_name_short"]).to_numpy()
        out[f"{level}_full"] = codes.map(named["unit_name"]).to_numpy()
        out[f"{level}_type"] = codes.map(named["unit_type"]).to_numpy()
    return pd.DataFrame(out)


def mixed_names(rows: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    """Each name of each row, independently: full with its prefix or short, with or without
    diacritics (the way sheets write them); the choices are drawn from ``rng``."""
    out = {}
    for level in LEVELS:
        col = []
        for full, short in zip(rows[f"{level}_full"], rows[level], strict=True):
            name = full if rng.random() < 0.5 else short
            col.append(strip_diacritics(name) if rng.random() < 0.5 else name)
        out[level] = col
    return pd.DataFrame(out, index=rows.index)


def writable_as(communes: pd.DataFrame, written: pd.DataFrame) -> list[set[str]]:
    """Per written row, the communes it could name: at every level the written name equals
    the unit's full or short name, folded where it is written without diacritics, with its
    exact spelling (case aside) where it has them."""
    index: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for level in LEVELS:
        for code, full, short in zip(
            communes["true_code"], communes[f"{level}_full"], communes[level], strict=True
        ):
            for name in (full, short):
                index[(level, "fold", fold(name))].add(code)
                index[(level, "exact", name.casefold())].add(code)
    out = []
    for names in written[list(LEVELS)].itertuples(index=False):
        fits: set[str] | None = None
        for level, name in zip(LEVELS, names, strict=True):
            bare = strip_diacritics(name) == name
            key = (level, "fold", fold(name)) if bare else (level, "exact", name.casefold())
            hits = index.get(key, set())
            fits = set(hits) if fits is None else fits & hits
        out.append(fits or set())
    return out


def make_rows(n: int | None, seed: int) -> pd.DataFrame:
    """Legacy communes with truth and the (a) stripped, (b) OCR-damaged and (c) mixed name
    columns, each with its ``determinable_<variant>`` flag."""
    communes = _communes()
    rows = communes.copy()
    triple = rows[list(LEVELS)].map(fold).agg("|".join, axis=1)
    rows["determinable_a"] = rows["determinable_b"] = ~triple.duplicated(keep=False)
    if n is not None and n < len(rows):
        rows = rows.sample(n, random_state=seed).reset_index(drop=True)
    rng = random.Random(seed)
    cols = list(LEVELS)
    a = rows[cols].map(strip_diacritics)
    b = pd.DataFrame({c: [ocr_damage(v, rng) for v in rows[c]] for c in cols})
    c = mixed_names(rows, random.Random(f"{seed}-mixed"))
    fits = writable_as(communes, c)
    rows["determinable_c"] = [f == {t} for f, t in zip(fits, rows["true_code"], strict=True)]
    return rows.join(a.add_suffix("_a")).join(b.add_suffix("_b")).join(c.add_suffix("_c"))


def sized_sample(n: int, seed: int, noisy: bool) -> pd.DataFrame:
    """``n`` rows of communes drawn with replacement and written as in (c); with ``noisy``,
    half of the names also OCR-damaged (for the linearity test)."""
    rows = _communes().sample(n, replace=True, random_state=seed).reset_index(drop=True)
    rng = random.Random(f"{seed}-{n}-{noisy}")
    out = mixed_names(rows, rng)
    if noisy:
        out = out.map(lambda v: ocr_damage(v, rng) if rng.random() < 0.5 else v)
    return out


def _inputs(rows: pd.DataFrame, variant: str) -> pd.DataFrame:
    cols = list(LEVELS)
    return rows[[f"{c}_{variant}" for c in cols]].set_axis(cols, axis=1)


def run_ours(rows: pd.DataFrame, variant: str) -> tuple[dict[str, float], pd.DataFrame]:
    """`match_units` on the rows, name caches emptied first; accuracy, statuses, CPU time."""
    inp = _inputs(rows, variant)
    clear_caches()
    t0 = time.process_time()
    out = match_units(inp, vintage="legacy")
    dt = time.process_time() - t0
    det = rows[f"determinable_{variant}"].to_numpy()
    truth = rows["true_code"].to_numpy()
    right = (out["ward_code"].to_numpy() == truth) & det
    wrong = out["ward_code"].notna().to_numpy() & (out["ward_code"].to_numpy() != truth)
    status = out["match_status"].to_numpy()
    stats = {
        "rows": len(rows),
        "determinable": int(det.sum()),
        "accuracy": right.sum() / det.sum(),
        "wrong": int(wrong.sum()),
        "wrong_exact": int((wrong & (status == "exact")).sum()),
        "ambiguous_determinable": int((det & (status == "ambiguous")).sum()),
        "seconds": dt,
        "rows_per_s": len(rows) / dt,
        **{
            f"n_{s}": int((status == s).sum()) for s in ("exact", "fuzzy", "ambiguous", "unmatched")
        },
    }
    return stats, out


def run_peer(rows: pd.DataFrame, variant: str) -> dict[str, float]:
    """vietnamadminunits.pandas.standardize_admin_unit_columns on the same rows (LEGACY)."""
    from vietnamadminunits.pandas import standardize_admin_unit_columns

    inp = _inputs(rows, variant)
    t0 = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = standardize_admin_unit_columns(
            inp,
            province="province",
            district="district",
            ward="commune",
            parse_mode="LEGACY",
            show_progress=False,
        )
    dt = time.process_time() - t0
    got = pd.DataFrame(
        {
            c: [
                _peer_name(n, t)
                for n, t in zip(out[f"standardized_{c}"].fillna(""), rows[f"{c}_type"])
            ]
            for c in LEVELS
        }
    )
    got = got.agg("|".join, axis=1).to_numpy()
    truth = rows[list(LEVELS)].map(fold).agg("|".join, axis=1).to_numpy()
    det = rows[f"determinable_{variant}"].to_numpy()
    right = (got == truth) & det
    return {
        "rows": len(rows),
        "accuracy": right.sum() / det.sum(),
        "seconds": dt,
        "rows_per_s": len(rows) / dt,
    }


def _peer_name(name: str, unit_type: str) -> str:
    """The peer's short name, folded, its "(Xã)"-style type qualifier checked against the
    true unit type and taken off ("Mỹ Thọ (Xã)" is right for a Xã only); the gazetteer's
    short names carry no qualifier."""
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", name)
    if m is None:
        return fold(name)
    return fold(m.group(1)) if m.group(2) == unit_type else "(wrong type)"


def per_row_times(
    sizes: list[int], seed: int, noisy: bool, repeat: int = 2
) -> list[tuple[int, int, float]]:
    """(rows, distinct commune names, CPU seconds per row, best of ``repeat``) of the
    matcher at each size, name caches emptied before each run."""
    out = []
    for n in sizes:
        inp = sized_sample(n, seed, noisy)
        best = float("inf")
        for _ in range(repeat):
            clear_caches()
            t0 = time.process_time()
            match_units(inp, vintage="legacy")
            best = min(best, time.process_time() - t0)
        out.append((n, inp["commune"].nunique(), best / n))
    return out


VARIANTS = (
    ("a", "diacritics stripped, short names"),
    ("b", "OCR noise (seeded), short names"),
    ("c", "mixed: full with prefix or short, with or without diacritics (seeded)"),
)


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The first run's figures with the fastest run's time."""
    fastest = min(runs, key=lambda r: r["seconds"])
    return {**runs[0], "seconds": fastest["seconds"], "rows_per_s": fastest["rows_per_s"]}


def report_variant(
    variant: str, label: str, rows: pd.DataFrame, peer_rows: pd.DataFrame, repeat: int
) -> None:
    """Both matchers on one variant, alternating, ``repeat`` times each; the best CPU time of
    each side gives its rows/s (the machine is shared: CPU time, best of several, is what
    its load disturbs least)."""
    mine, same, theirs = [], [], []
    for _ in range(repeat):
        mine.append(run_ours(rows, variant)[0])
        if len(peer_rows) < len(rows):
            same.append(run_ours(peer_rows, variant)[0])
        theirs.append(run_peer(peer_rows, variant))
    ours, peer = _best(mine), _best(theirs)
    ours_same = _best(same) if same else ours
    print(f"\n({variant}) {label}")
    print(
        f"  ours : accuracy {ours['accuracy']:.4%} on {ours['determinable']} determinable; "
        f"wrong {ours['wrong']} (labelled exact: {ours['wrong_exact']}); "
        f"determinable but ambiguous {ours['ambiguous_determinable']}; "
        f"{ours['rows_per_s']:,.0f} rows/s; statuses exact {ours['n_exact']}, "
        f"fuzzy {ours['n_fuzzy']}, ambiguous {ours['n_ambiguous']}, "
        f"unmatched {ours['n_unmatched']}"
    )
    print(
        f"  peer : accuracy {peer['accuracy']:.4%} on {peer['rows']} rows; "
        f"{peer['rows_per_s']:,.0f} rows/s"
    )
    if same:
        print(
            f"  ours on the peer's {peer['rows']} rows: accuracy {ours_same['accuracy']:.4%}, "
            f"{ours_same['rows_per_s']:,.0f} rows/s"
        )
    print(
        f"  speed ratio ours/peer: {ours_same['rows_per_s'] / peer['rows_per_s']:.1f}x "
        f"(best CPU time of {repeat} alternating runs each)"
    )


def report_linearity(sizes: list[int], seed: int) -> None:
    """Time per row at each size, and the ratio of the largest to the smallest."""
    print(
        "\nlinearity (rows written as in (c), communes drawn with replacement, cold name "
        "caches, CPU time, best of two)"
    )
    for noisy, label in ((False, "as drawn"), (True, "half of the names OCR-damaged")):
        times = per_row_times(sizes, seed, noisy)
        print(f"  {label}:")
        for n, distinct, per_row in times:
            print(
                f"    {n:>8,} rows ({distinct:,} distinct commune names): "
                f"{per_row * 1e6:.1f} µs per row"
            )
        (n0, _, small), (n1, _, big) = times[0], times[-1]
        print(f"    time per row at {n1:,} / at {n0:,}: {big / small:.2f}")


def main(argv: list[str] | None = None) -> int:
    """Run both matchers on (a), (b) and (c), print accuracy, speed and their ratio, then
    the matcher's time per row at two sizes, and the peak memory."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=None, help="sample size (default: all)")
    ap.add_argument("--peer-rows", type=int, default=None, help="peer on the first N rows")
    ap.add_argument("--seed", type=int, default=20250701)
    ap.add_argument("--sizes", default="10000,100000", help="row counts of the linearity test")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each matcher")
    args = ap.parse_args(argv)
    rows = make_rows(args.rows, args.seed)
    # One-time loads are timed apart: the gazetteer index (ours), the parser data (peer).
    t0 = time.perf_counter()
    blocks = prepare("legacy")  # the gazetteer index, every candidate block, the OCR knowledge
    run_ours(rows.head(50), "c")
    t1 = time.perf_counter()
    run_peer(rows.head(50), "c")
    t2 = time.perf_counter()
    print(
        f"one-time loads: ours {t1 - t0:.2f} s (index + {blocks} candidate blocks + the words "
        "of every unit name), "
        f"peer {t2 - t1:.2f} s (parser data); not in the rates below"
    )
    peer_rows = rows if args.peer_rows is None else rows.head(args.peer_rows)
    print(f"rows: {len(rows)} legacy communes")
    for variant, label in VARIANTS:
        report_variant(variant, label, rows, peer_rows, args.repeat)
    report_linearity([int(x) for x in args.sizes.split(",")], args.seed)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of the whole run, both matchers): {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
