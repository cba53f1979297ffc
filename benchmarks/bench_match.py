"""Benchmark commune matching against vietnamadminunits' own standardiser, side by side.

Rows: every legacy commune of the gazetteer as (province, district, commune) short names,
(a) with diacritics stripped, and (b) damaged by a seeded OCR noise model that draws from
the learned confusion table (data/ocr_confusions.csv) on all three columns.

Counting: a row is *determinable* when its folded (province, district, commune) triple is
unique in the gazetteer; without diacritics the others cannot be told apart, and the
matcher must call them ambiguous. Accuracy = correct answers / determinable rows, where a
correct answer is our ``ward_code`` equal to the true code (ambiguous/unmatched count as
misses), and for the peer its standardised names folding to the true triple. We also count
wrong answers, and wrong answers labelled ``exact`` (must be 0).

Usage: ``.venv/bin/python benchmarks/bench_match.py [--rows N] [--peer-rows N] [--seed S]``
"""

from __future__ import annotations

import argparse
import random
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
from ntm_analysis.places.matching import match_units, prepare


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


def make_rows(n: int | None, seed: int) -> pd.DataFrame:
    """Legacy communes with truth, clean-stripped (a) and OCR-damaged (b) name columns."""
    units = gazetteer.load_units("legacy")
    comm = units[units["level"] == "commune"]
    dist = units[units["level"] == "district"].set_index("unit_code")["unit_name_short"]
    prov = units[units["level"] == "province"].set_index("unit_code")["unit_name_short"]
    rows = pd.DataFrame(
        {
            "true_code": comm["unit_code"].to_numpy(),
            "province": comm["province_code"].map(prov).to_numpy(),
            "district": comm["parent_code"].map(dist).to_numpy(),
            "commune": comm["unit_name_short"].to_numpy(),
        }
    )
    triple = rows[["province", "district", "commune"]].map(fold).agg("|".join, axis=1)
    rows["determinable"] = ~triple.duplicated(keep=False)
    if n is not None and n < len(rows):
        rows = rows.sample(n, random_state=seed).reset_index(drop=True)
    rng = random.Random(seed)
    cols = ["province", "district", "commune"]
    a = rows[cols].map(strip_diacritics)
    b = pd.DataFrame({c: [ocr_damage(v, rng) for v in rows[c]] for c in cols})
    return rows.join(a.add_suffix("_a")).join(b.add_suffix("_b"))


def _inputs(rows: pd.DataFrame, variant: str) -> pd.DataFrame:
    cols = ["province", "district", "commune"]
    return rows[[f"{c}_{variant}" for c in cols]].set_axis(cols, axis=1)


def run_ours(rows: pd.DataFrame, variant: str) -> tuple[dict[str, float], pd.DataFrame]:
    inp = _inputs(rows, variant)
    t0 = time.perf_counter()
    out = match_units(inp, vintage="legacy")
    dt = time.perf_counter() - t0
    det = rows["determinable"].to_numpy()
    right = (out["ward_code"].to_numpy() == rows["true_code"].to_numpy()) & det
    given = out["ward_code"].notna().to_numpy()
    wrong = given & (out["ward_code"].to_numpy() != rows["true_code"].to_numpy())
    exact_wrong = wrong & (out["match_status"] == "exact").to_numpy()
    stats = {
        "rows": len(rows),
        "determinable": int(det.sum()),
        "accuracy": right.sum() / det.sum(),
        "wrong": int(wrong.sum()),
        "wrong_exact": int(exact_wrong.sum()),
        "seconds": dt,
        "rows_per_s": len(rows) / dt,
        **{
            f"n_{s}": int((out["match_status"] == s).sum())
            for s in ("exact", "fuzzy", "ambiguous", "unmatched")
        },
    }
    return stats, out


def run_peer(rows: pd.DataFrame, variant: str) -> dict[str, float]:
    """vietnamadminunits.pandas.standardize_admin_unit_columns on the same rows (LEGACY)."""
    from vietnamadminunits.pandas import standardize_admin_unit_columns

    inp = _inputs(rows, variant)
    t0 = time.perf_counter()
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
    dt = time.perf_counter() - t0
    got = out[[f"standardized_{c}" for c in ("province", "district", "commune")]]
    got = got.fillna("").map(fold).agg("|".join, axis=1).to_numpy()
    truth = rows[["province", "district", "commune"]].map(fold).agg("|".join, axis=1).to_numpy()
    det = rows["determinable"].to_numpy()
    right = (got == truth) & det
    return {
        "rows": len(rows),
        "accuracy": right.sum() / det.sum(),
        "seconds": dt,
        "rows_per_s": len(rows) / dt,
    }


def main(argv: list[str] | None = None) -> int:
    """Run both matchers on (a) and (b) and print accuracy, speed, ratio and peak memory."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=None, help="sample size (default: all)")
    ap.add_argument("--peer-rows", type=int, default=None, help="peer on the first N rows")
    ap.add_argument("--seed", type=int, default=20250701)
    args = ap.parse_args(argv)
    rows = make_rows(args.rows, args.seed)
    # One-time loads are timed apart: the gazetteer index (ours), the parser data (peer).
    t0 = time.perf_counter()
    blocks = prepare("legacy")  # builds the gazetteer index and every candidate block
    run_ours(rows.head(50), "a")
    t1 = time.perf_counter()
    run_peer(rows.head(50), "a")
    t2 = time.perf_counter()
    print(
        f"one-time loads: ours {t1 - t0:.2f} s (index + {blocks} candidate blocks), "
        f"peer {t2 - t1:.2f} s (parser data); not in the rates below"
    )
    peer_rows = rows if args.peer_rows is None else rows.head(args.peer_rows)
    print(f"rows: {len(rows)} legacy communes, determinable {int(rows['determinable'].sum())}")
    for variant, label in (("a", "diacritics stripped"), ("b", "OCR noise (seeded)")):
        ours, _ = run_ours(rows, variant)
        ours_same, _ = run_ours(peer_rows, variant) if len(peer_rows) < len(rows) else (ours, None)
        peer = run_peer(peer_rows, variant)
        print(f"\n({variant}) {label}")
        print(
            f"  ours : accuracy {ours['accuracy']:.4%} on {ours['determinable']} determinable; "
            f"wrong {ours['wrong']} (labelled exact: {ours['wrong_exact']}); "
            f"{ours['rows_per_s']:,.0f} rows/s; statuses exact {ours['n_exact']}, "
            f"fuzzy {ours['n_fuzzy']}, ambiguous {ours['n_ambiguous']}, "
            f"unmatched {ours['n_unmatched']}"
        )
        print(
            f"  peer : accuracy {peer['accuracy']:.4%} on {peer['rows']} rows; "
            f"{peer['rows_per_s']:,.0f} rows/s"
        )
        if ours_same is not ours:
            print(
                f"  ours on the peer's {peer['rows']} rows: accuracy {ours_same['accuracy']:.4%}, "
                f"{ours_same['rows_per_s']:,.0f} rows/s"
            )
        print(f"  speed ratio ours/peer: {ours_same['rows_per_s'] / peer['rows_per_s']:.1f}x")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of the whole run, both matchers): {rss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
