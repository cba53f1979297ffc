"""How far a written name is from a unit's name in edits that OCR is not known to make.

The fuzzy score (`textnorm.combine_scores`) says how alike two names look; it cannot tell a
damaged spelling of a unit ("Pong Y" for Đồng Ý) from the clean spelling of another unit
("Thọ Lộc", merged away, against "Tích Lộc"). This module counts the edits between the two
that nothing explains: spelling units are aligned word by word, and an edit is explained
when the two letters differ only in diacritics ("Đông" for "Đồng", "Dong") or when the OCR
confusion table learned from the seed reports (`textnorm.load_confusions`) has seen the
unit printed that way, at the start of a word or inside it ("Vii" for "Vũ", "Bic" for "Bắc",
"Pong" for "Đồng"). Anything
else — another letter, a letter too many or too few, another number of words — counts one
edit.

OCR also damages text in ways the table has not seen ("Long Png" for Long Đống), but such
damage shows: a word that no unit name of any vintage uses (`looks_damaged`). `matching`
takes a fuzzy match for a name written in known words only when nothing is left
unexplained; a visibly damaged name is judged by its score alone.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ntm_analysis.lexicon.textnorm import load_confusions, spelling_units, strip_diacritics
from ntm_analysis.places import gazetteer

UNRELATED = 99  # the cost of names with a different number of words
MIN_SEEN = 2  # a confusion seen once in the table may be chance
_VOWEL = re.compile(r"[aeiouy]")
_CLEAN = re.compile(r"[a-eg-iklmnopqrstuvxy]+(?:['-][a-eg-iklmnopqrstuvxy]+)*")  # no f j w z
_EDGE = "()[]{},.;:!?\"'“”‘’-–"


@lru_cache(maxsize=1)
def _confusions() -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """(correct letter, printed letter, position) substitutions and (letter, position)
    deletions seen at least `MIN_SEEN` times in the confusion table, diacritics aside: the
    table is learned from a few reports, and a letter OCR misread with one mark it can
    misread with another ("ii" is seen for "ữ" and "ú", so also for "ũ"). Position is
    "initial" (a word's first unit) or "other"."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for r in load_confusions().itertuples(index=False):
        if r.ocr != r.correct:
            seen[(_letter(r.correct), _letter(r.ocr), r.position)] += int(r.count)
    subs = {key for key, n in seen.items() if n >= MIN_SEEN and key[1]}
    dels = {(c, pos) for (c, o, pos), n in seen.items() if n >= MIN_SEEN and not o}
    return frozenset(subs), frozenset(dels)


@lru_cache(maxsize=4096)
def _letter(unit: str) -> str:
    return strip_diacritics(unit).lower()


def _letters(word: str) -> str:
    return "".join(_letter(u) for u in word)


@lru_cache(maxsize=200_000)
def word_edits(written: str, correct: str) -> int:
    """Unexplained edits between a written word and a correctly spelled one (lower case).

    >>> word_edits("pong", "đồng"), word_edits("dong", "đồng"), word_edits("long", "võng")
    (0, 0, 1)
    """
    if written == correct or _letters(written) == _letters(correct):
        return 0
    cu = tuple(spelling_units(correct, ocr=False))
    edits = _aligned(tuple(spelling_units(written, ocr=True)), cu)
    if edits and ("ii" in written or "ir" in written):  # OCR's "ii" may be two letters
        edits = min(edits, _aligned(tuple(spelling_units(written, ocr=False)), cu))
    return edits


def _aligned(wu: tuple[str, ...], cu: tuple[str, ...]) -> int:
    """Unexplained edits between written units ``wu`` and correct units ``cu``."""
    subs, dels = _confusions()

    def same(w: str, c: str, i: int) -> bool:
        if w == c:
            return True
        lw, lc = _letter(w), _letter(c)
        return lw == lc or (lc, lw, "initial" if i == 0 else "other") in subs

    # units that agree at either end need no alignment (most damage is a unit or two)
    head = 0
    while head < min(len(wu), len(cu)) and same(wu[head], cu[head], head):
        head += 1
    tail = 0
    while tail < min(len(wu), len(cu)) - head:
        if not same(wu[-1 - tail], cu[-1 - tail], len(cu) - 1 - tail):
            break
        tail += 1
    prev = list(range(len(wu) - head - tail + 1))  # row 0: each written unit is one too many
    for i in range(head, len(cu) - tail):
        c = cu[i]
        drop = 0 if (_letter(c), "initial" if i == 0 else "other") in dels else 1
        cur = [prev[0] + drop]
        for j in range(head, len(wu) - tail):
            k = j - head
            cur.append(
                min(prev[k] + (0 if same(wu[j], c, i) else 1), prev[k + 1] + drop, cur[k] + 1)
            )
        prev = cur
    return prev[-1]


def unexplained_edits(written: str, correct: str) -> int:
    """Unexplained edits between two names, word by word; `UNRELATED` when the number of
    words differs.

    >>> unexplained_edits("Xa Pong Y", "Xã Đồng Ý"), unexplained_edits("Thọ Lộc", "Tích Lộc")
    (0, 2)
    """
    ws, cs = written.lower().split(), correct.lower().split()
    if len(ws) != len(cs):
        return UNRELATED
    return sum(word_edits(w, c) for w, c in zip(ws, cs, strict=True))


@lru_cache(maxsize=1)
def _known_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of every unit name of every installed vintage (lower case), as written and
    without diacritics."""
    words: set[str] = set()
    for vintage in gazetteer.available_vintages():
        for name in gazetteer.load_units(vintage)["unit_name"].str.lower().unique():
            words.update(_words(name))
    return frozenset(words), frozenset(strip_diacritics(w) for w in words)


def unit_name_words() -> frozenset[str]:
    """The words of every unit name of every installed vintage (lower case, as written)."""
    return _known_words()[0]


def looks_damaged(name: str) -> bool:
    """Whether a written name shows OCR damage: a word with a digit or a symbol inside
    ("D6ng", "Bu&i"), a letter Vietnamese spelling lacks (f, j, w, z, a first "p" without
    "h"), no vowel ("Png", "V"), or no unit name of any vintage using it ("Bdo"), compared
    with its diacritics, or without them when it has none. Numbers are words.

    >>> looks_damaged("Xã Long Png"), looks_damaged("Long Xuyên"), looks_damaged("Tan Lap")
    (True, False, False)
    """
    return any(_damaged_word(w) for w in _words(name.lower()))


@lru_cache(maxsize=100_000)
def _damaged_word(word: str) -> bool:
    """`looks_damaged` for one lower-case word."""
    if word.isdigit():
        return False
    letters = strip_diacritics(word)
    if not _CLEAN.fullmatch(letters) or not _VOWEL.search(letters):
        return True
    if letters.startswith("p") and not letters.startswith("ph"):
        return True
    exact, bare = _known_words()
    return word not in exact and (letters != word or word not in bare)


def _words(name: str) -> list[str]:
    """The words of a name: split at spaces, brackets and commas around them taken off."""
    return [w for w in (t.strip(_EDGE) for t in name.split()) if w]


def prepare() -> None:
    """Read the confusion table and the words of every unit name now, not on first use."""
    _confusions()
    _known_words()


def clear_caches() -> None:
    """Forget the words and word pairs judged so far (benchmarks time cold runs)."""
    word_edits.cache_clear()
    _damaged_word.cache_clear()
