"""Learn OCR character confusions from the seed reports; write the committed table.

Offline, deterministic. Reads ``../shared/seeds`` (OCR-damaged reports and the clean ones
001 and 004) and the installed gazetteer packages, and writes
``ntm_analysis/data/ocr_confusions.csv`` plus its ``.source.yml`` sidecar.

Method: every word of a damaged seed is paired with the closest correctly spelled
Vietnamese word (a vocabulary of the clean seeds' words and the gazetteer's unit names),
preferring fewer edits, then fewer edits without diacritics, then the more frequent word.
Both words are cut into spelling units (``ph``, ``ng``, ``ư``, OCR ``ir`` ...) and aligned
with rapidfuzz; each aligned pair of units (identity included) is counted, together with
whether it sits at the start of the word. Words whose best match is a tie are skipped.

Usage: ``.venv/bin/python scripts/learn_ocr_confusions.py [--seeds DIR]``
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import math
import re
import sys
from pathlib import Path

import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ntm_analysis.lexicon.textnorm import _foreign, fold, normalize, spelling_units
from ntm_analysis.paths import PACKAGE_DATA, SHARED
from ntm_analysis.places import gazetteer

CLEAN_SEEDS = ("001_", "004_")  # born-digital reports: correct spelling
OUT = PACKAGE_DATA / "ocr_confusions.csv"
_WORD = re.compile(r"[^\s,.;:()\[\]{}\"“”‘’'/\\|?!*_=+<>«»…–—-]+")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(normalize(text).lower()) if _HAS_LETTER.search(w)]


def build_vocabulary(clean_texts: list[str]) -> collections.Counter[str]:
    """Correctly spelled words with a frequency: clean seeds plus gazetteer names."""
    vocab: collections.Counter[str] = collections.Counter()
    for text in clean_texts:
        # Running text outweighs name lists: it shows how often a word is really used.
        for w in _words(text):
            if w.isalpha():
                vocab[w] += 20
    for vintage in ("legacy", "2025"):
        names = gazetteer.load_units(vintage)["unit_name"]
        for name in names:
            vocab.update(w for w in _words(name) if w.isalpha())
    # Keep native syllables only: a Roman numeral ("vii") or a minority-language name
    # ("pa") would otherwise pass for the very OCR shapes we want to learn.
    return collections.Counter({w: n for w, n in vocab.items() if _is_native(w)})


def _is_native(word: str) -> bool:
    units = spelling_units(word)
    return not any(_foreign(u, "initial" if i == 0 else "other") for i, u in enumerate(units))


def best_match(token: str, vocab: list[str], freq: collections.Counter[str]) -> str | None:
    """The vocabulary word this OCR token most likely stands for; None when unclear.

    Ranked by edits ignoring diacritics (the commonest damage), then by difference in
    length (OCR substitutes more than it drops), then by frequency, then by plain edits.
    """
    ftok = fold(token)
    cutoff = 1 if len(ftok) <= 4 else 2
    hits = process.extract(
        ftok, vocab, processor=fold, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=None
    )
    if not hits:
        return None
    n = len(spelling_units(token))
    ranked = sorted(
        (d, abs(len(spelling_units(w, ocr=False)) - n), -freq[w], Levenshtein.distance(token, w), w)
        for w, d, _ in hits
    )
    top = ranked[0]
    rivals = [r for r in ranked[1:] if r[:2] == top[:2]]
    if rivals and -rivals[0][2] * 2 > -top[2]:
        return None  # two readings about as likely: do not learn from this token
    return top[4]


def align(correct: str, ocr: str) -> list[tuple[str, str, str]]:
    """Aligned (correct unit, OCR unit, position) triples; position is initial/other."""
    cu, ou = spelling_units(correct, ocr=False), spelling_units(ocr)
    out = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(cu, ou):
        pos = "initial" if i1 == 0 else "other"
        if tag == "equal":
            out += [(c, c, "initial" if i1 + k == 0 else "other") for k, c in enumerate(cu[i1:i2])]
        elif tag == "replace" and i2 - i1 == j2 - j1:
            out += [
                (cu[i1 + k], ou[j1 + k], "initial" if i1 + k == 0 else "other")
                for k in range(i2 - i1)
            ]
        elif tag in ("replace", "delete"):
            out.append(("".join(cu[i1:i2]), "".join(ou[j1:j2]), pos))
        # insertions (OCR noise with no source letter) teach nothing about a letter
    return out


def _candidates(token: str, vocab: list[str]) -> list[str]:
    ftok = fold(token)
    cutoff = 1 if len(ftok) <= 4 else 2
    hits = process.extract(
        ftok, vocab, processor=fold, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=None
    )
    return [w for w, _, _ in hits]


class _Model:
    """P(OCR unit | correct unit), smoothed, from a previous round of counts."""

    def __init__(self, counts: collections.Counter[tuple[str, str, str]]) -> None:
        self.pair: collections.Counter[tuple[str, str]] = collections.Counter()
        self.total: collections.Counter[str] = collections.Counter()
        for (c, o, _), n in counts.items():
            self.pair[(c, o)] += n
            self.total[c] += n

    def loglik(self, correct: str, ocr: str) -> float:
        lp = 0.0
        for c, o, _ in align(correct, ocr):
            lp += math.log((self.pair[(c, o)] + 0.1) / (self.total[c] + 10.0))
        return lp


def _shape(token: str, word: str) -> tuple[int, int]:
    # Edits ignoring diacritics, then difference in length: OCR substitutes more than it drops.
    n = len(spelling_units(token))
    return Levenshtein.distance(fold(token), fold(word)), abs(
        len(spelling_units(word, ocr=False)) - n
    )


def rerank(
    token: str, cands: list[str], freq: collections.Counter[str], model: _Model
) -> str | None:
    """Among the closest-shaped candidates, the most likely: P(token | word) × P(word)."""
    if not cands:
        return None
    shapes = {w: _shape(token, w) for w in cands}
    best = min(shapes.values())
    scored = sorted(
        ((model.loglik(w, token) + math.log(freq[w]), w) for w in cands if shapes[w] == best),
        reverse=True,
    )
    if len(scored) > 1 and scored[0][0] - scored[1][0] < math.log(2):
        return None
    return scored[0][1]


def learn(seed_dir: Path, rounds: int = 2) -> tuple[pd.DataFrame, dict[str, object]]:
    """Count unit substitutions over the damaged seeds. Returns the table and stats.

    Round 0 pairs words by the simple ranking of `best_match`; each later round re-pairs
    them by likelihood under the substitution rates counted in the round before.
    """
    files = sorted(seed_dir.glob("*.txt"))
    clean = [f for f in files if f.name.startswith(CLEAN_SEEDS)]
    damaged = [f for f in files if f not in clean]
    freq = build_vocabulary([f.read_text(encoding="utf-8") for f in clean])
    vocab = sorted(freq)
    tokens = [t for f in damaged for t in _words(f.read_text(encoding="utf-8"))]
    cands = {t: _candidates(t, vocab) for t in set(tokens)}
    reading = {t: best_match(t, vocab, freq) for t in cands}
    for _ in range(rounds + 1):
        counts: collections.Counter[tuple[str, str, str]] = collections.Counter()
        n_aligned = 0
        for tok in tokens:
            if reading[tok] is not None:
                n_aligned += 1
                counts.update(align(reading[tok], tok))  # type: ignore[arg-type]
        model = _Model(counts)
        reading = {t: rerank(t, c, freq, model) for t, c in cands.items()}
    table = pd.DataFrame(
        [(c, o, p, n) for (c, o, p), n in counts.items()],
        columns=["correct", "ocr", "position", "count"],
    ).sort_values(["correct", "position", "count", "ocr"], ascending=[True, True, False, True])
    stats = {
        "damaged_files": [f.name for f in damaged],
        "clean_files": [f.name for f in clean],
        "sha256": {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files},
        "tokens": len(tokens),
        "aligned_tokens": n_aligned,
        "vocabulary_words": len(vocab),
        "rounds": rounds,
    }
    return table.reset_index(drop=True), stats


def _sidecar(stats: dict[str, object]) -> str:
    sha = stats["sha256"]
    assert isinstance(sha, dict)
    lines = [
        "title: OCR unit confusions learned from the seed reports",
        "issuer: ntm-analysis (derived data)",
        "document_no: null",
        "published: null",
        f"obtained: {dt.date.today().isoformat()}",
        "origin: scripts/learn_ocr_confusions.py over ../shared/seeds",
        "sha256:",
        *[f"  {name}: {digest}" for name, digest in sha.items()],
        "notes: >-",
        f"  Damaged seeds {', '.join(stats['damaged_files'])} (tokens {stats['tokens']},",  # type: ignore[arg-type]
        f"  aligned {stats['aligned_tokens']}) against a vocabulary of",
        f"  {stats['vocabulary_words']} words from the clean seeds"
        f" {', '.join(stats['clean_files'])} and the",  # type: ignore[arg-type]
        "  vietnamadminunits unit names. Columns: correct = spelling unit in the right",
        "  spelling (NFC, lower case), ocr = what the OCR printed ('' = dropped),",
        "  position = initial (first unit of the word) or other, count = aligned pairs.",
        "  Identity pairs are kept so that rates can be computed.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"seed folder not found: {args.seeds}", file=sys.stderr)
        return 1
    table, stats = learn(args.seeds)
    table.to_csv(args.out, index=False, encoding="utf-8")
    Path(f"{args.out}.source.yml").write_text(_sidecar(stats), encoding="utf-8")
    print(f"wrote {len(table)} rows to {args.out} ({stats['aligned_tokens']} tokens aligned)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
