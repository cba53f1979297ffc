"""Words OCR misprinted, put back before the readers see a sentence, with a map to the print.

The readers' patterns tolerate the commonest confusions letter by letter (`folding.word`),
but OCR also prints words they cannot admit without admitting ordinary words too ("nim" for
"năm", "méi" for "mới", "gdm" for "gồm", "chuin" for "chuẩn"). This pass repairs such
words as a spell checker would, with the noise model learned from the seeds
(`textnorm.load_confusions`, spelling unit by spelling unit, at the start of a word or inside
it) and a lexicon of the words reports use: every word the readers' patterns spell, the
programme's vocabulary (`data/lexicon/*.csv`), criteria names, and every word of every unit
name of every vintage of the gazetteer.

A word is repaired only when it is not in the lexicon and either cannot be a Vietnamese
syllable (a digit or symbol inside, a letter or a rhyme Vietnamese spelling lacks) or stands
in a sentence that shows such damage. Its repair is the lexicon word the noise model makes
likeliest, taken only when the damage it needs is explained by the table (at most one edit
left unexplained, none for a word that could be a syllable), and put back as letters without
marks. Words of names (a capital away from a clause's start) are left as printed for the
place matcher. The repaired sentence keeps a map to the printed one (`Repaired.back`), so
evidence quotes and line numbers stay those of the print. Clean text is left alone: a
sentence without damage is never touched.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

from ntm_analysis.lexicon.criteria import criteria_table
from ntm_analysis.lexicon.textnorm import load_confusions, spelling_units, strip_diacritics
from ntm_analysis.lexicon.vocabulary import LEXICON_DIR
from ntm_analysis.places.ocr_edits import unit_name_words
from ntm_analysis.sources.reports.folding import LOOK_ALIKES, fold_chars, spelled_words

# A word as OCR prints it: letters, digits and the symbols OCR prints for letters.
_TOKEN = re.compile(r"(?:[^\W_]|[&@¢€])+")
_WORDS = re.compile(r"[^\W_]+")
_TWO_DIGITS = re.compile(r"\d\d")
# Vietnamese syllables without diacritics: onset, vowels, final consonant.
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnrstvx]"
_RHYME = (
    "a|ai|ao|au|ay|e|eo|eu|i|ia|ie|ieu|iu|o|oa|oai|oao|oay|oe|oeo|oi|u|ua|uay|ue|ui|uo|uoi|"
    "uou|uu|uy|uya|uye|uyu|y|ya|ye|yeu"
)
_SYLLABLE = re.compile(
    rf"(?:{_ONSET})?(?:(?:{_RHYME})|(?:a|e|i|o|u|y|ie|oa|oe|ua|ue|uo|uy|uye|ye)(?:ch|c|m|ng|nh|n|p|t))"
)
_BAD_RHYME = re.compile(r"i(?:c|ng)$|[ou]ch$|[ou]nh$|^(?:k|gh|ngh)[aou]|^q(?!u)")
# Log-probabilities of what the table never saw: a letter for another, one lost, one added.
_UNSEEN = math.log(1e-4)
_MARKS = math.log(0.02)  # another mark on the same letter, unseen in the table
_LOOKS = math.log(0.01)  # a look-alike glyph the letter classes admit (`folding.LOOK_ALIKES`)
_IDENTITY = math.log(0.9)  # a unit the table has no row for, printed as itself
MAX_DELETES = 2
# Repairs taken: log-probability of the damage at least this, per kind of word.
MIN_SUSPECT = _UNSEEN + 2 * math.log(0.05)
MIN_PLAUSIBLE = 3 * math.log(0.1)
PRIOR = 20  # observations the letter's pooled row weighs in a unit's row (see `_channel`)
MARGIN = math.log(3)  # a word that could be a syllable: how far the best repair must lead
# A sentence shows damage when this share of its words cannot be syllables.
DAMAGED_SHARE = 0.08


@dataclass(frozen=True)
class Repaired:
    """A text with its misprinted words put back; ``back[i]`` is the position in the printed
    text of the repaired text's character ``i`` (one more entry for the end), ``forward`` the
    other way round."""

    text: str
    back: tuple[int, ...]
    forward: tuple[int, ...]

    def printed(self, original: str, start: int, end: int) -> str:
        """The printed text of the repaired span ``start:end``."""
        return original[self.back[start] : self.back[end]]


def is_syllable(folded: str) -> bool:
    """Whether a folded word could be a Vietnamese syllable.

    >>> [is_syllable(w) for w in ("chuan", "nghieng", "chuin", "mei", "pat", "x4", "sd")]
    [True, True, False, False, False, False, False]
    """
    return bool(_SYLLABLE.fullmatch(folded)) and not _BAD_RHYME.search(folded)


def _suspect(token: str) -> bool:
    return not is_syllable(fold_chars(token).lower())


@cache
def _lexicon() -> tuple[dict[str, int], dict[str, list[str]]]:
    """The lexicon (lower-case word → weight: 2 for words the readers or the vocabulary use,
    1 for unit-name words) and its index of folded forms with up to `MAX_DELETES` letters
    deleted (a symmetric-delete index: a word and its misprint meet at a shared deletion)."""
    words = {w: 1 for w in unit_name_words() if w.isalpha()}
    texts = [*spelled_words(), *criteria_table()["criterion_name_vi"].astype(str)]
    for path in sorted(LEXICON_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            texts += [cell for row in csv.reader(fh) for cell in row]
    for t in texts:  # every word is known ("tr", "m2", "NSTW"); syllables may be repairs
        words.update(dict.fromkeys(_WORDS.findall(t.lower()), 2))
    index: dict[str, list[str]] = defaultdict(list)
    for w in words:
        if not is_syllable(fold_chars(w)):
            continue  # known, never a repair ("Noong", "Kmar": names of other languages)
        for key in _deletes(fold_chars(w)):
            index[key].append(w)
    return words, dict(index)


def _deletes(word: str) -> set[str]:
    out = {word}
    for k in range(1, min(MAX_DELETES, len(word) - 1) + 1):
        for drop in combinations(range(len(word)), k):
            out.add("".join(c for i, c in enumerate(word) if i not in drop))
    return out


@cache
def _channel() -> dict[tuple[str, str], dict[str, float]]:
    """log P(printed | unit, position) from the confusion table. A unit's own row is
    smoothed towards its letter's (every mark of the letter pooled) with the weight of
    `PRIOR` observations: the table is learned from a few reports, a unit seen a few times
    ("ằ" once, printed "é") says little alone, and a letter OCR misread with one mark it can
    misread with another."""
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in load_confusions().itertuples(index=False):
        printed = r.ocr.lower()
        counts[(r.correct, r.position)][printed] += int(r.count)
        letter = strip_diacritics(r.correct).lower()
        counts[("~" + letter, r.position)][printed] += int(r.count)
    out = {}
    for (unit, pos), printed in counts.items():
        if unit.startswith("~"):
            continue
        pooled = counts.get(("~" + strip_diacritics(unit).lower(), pos), printed)
        own, all_ = sum(printed.values()), sum(pooled.values())
        out[(unit, pos)] = {
            o: math.log((printed.get(o, 0) + PRIOR * n / all_) / (own + PRIOR))
            for o, n in pooled.items()
        }
    return out


@lru_cache(maxsize=4096)
def _options(unit: str, initial: bool) -> tuple[tuple[str, float], ...]:
    """What a correct unit may be printed as, with log-probabilities."""
    seen = _channel().get((unit, "initial" if initial else "other"))
    opts = dict(seen) if seen else {unit: _IDENTITY}
    base = strip_diacritics(unit)
    if len(base) == 1:
        for g in (base, *LOOK_ALIKES.get(base, "")):
            opts.setdefault(g, _LOOKS if g != base else _MARKS)
    return tuple(opts.items())


@lru_cache(maxsize=4096)
def _options_by_first(
    unit: str, initial: bool
) -> tuple[dict[str, tuple[tuple[str, float], ...]], tuple[tuple[str, float], ...]]:
    """`_options` keyed by their first printed letter, and those printed as nothing: at a
    position only the options starting with the letter there can match."""
    by_first: dict[str, list[tuple[str, float]]] = defaultdict(list)
    empty = []
    for o, lp in _options(unit, initial):
        (by_first[o[0]] if o else empty).append((o, lp))
    return {k: tuple(v) for k, v in by_first.items()}, tuple(empty)


def damage_logp(printed: str, correct: str) -> float:
    """log P(``printed`` | ``correct``) under the learned noise model (lower case).

    >>> damage_logp("méi", "mới") > damage_logp("méi", "mai") > damage_logp("xyz", "mới")
    True
    """
    units = spelling_units(correct, ocr=False)
    m = len(printed)
    prev = [0.0] + [_UNSEEN * j for j in range(1, m + 1)]
    none: tuple[tuple[str, float], ...] = ()
    for i, unit in enumerate(units):
        by_first, empty = _options_by_first(unit, i == 0)
        cur = [prev[0] + _UNSEEN] + [-math.inf] * m
        for j in range(m + 1):
            if prev[j] == -math.inf:
                continue
            here = by_first.get(printed[j], none) if j < m else none
            for o, lp in (*here, *empty):
                if printed.startswith(o, j):
                    k = j + len(o)
                    cur[k] = max(cur[k], prev[j] + lp)
            if j < m:
                cur[j + 1] = max(cur[j + 1], prev[j] + _UNSEEN)  # another letter
            cur[j] = max(cur[j], prev[j] + _UNSEEN)  # the unit lost
        for j in range(1, m + 1):
            cur[j] = max(cur[j], cur[j - 1] + _UNSEEN)  # a letter added
        prev = cur
    return prev[m]


@lru_cache(maxsize=100_000)
def repair_word(token: str, damaged_context: bool) -> str | None:
    """The lexicon word OCR most likely misprinted as ``token``, without diacritics (lower
    case), or None. The repair puts back letters only: which marks the word had is rarely
    certain ("ddng" is "đồng" or "động"), and the readers and the vocabulary accept bare
    letters.

    >>> repair_word("nim", True), repair_word("chuin", False), repair_word("chuẩn", True)
    ('nam', 'chuan', None)
    """
    low = token.lower()
    words, index = _lexicon()
    suspect = _suspect(low)
    if words.get(low, 0) > (1 if suspect else 0):
        return None  # known; a unit name's word that is no syllable ("pa") only in a name
    if not suspect and not damaged_context:
        return None
    folded = fold_chars(low)
    pooled: dict[str, float] = {}
    for w in {w for key in _deletes(folded) for w in index.get(key, ())}:
        lp = damage_logp(low, w) + math.log(words[w] / 2)
        f = fold_chars(w)
        pooled[f] = max(lp, pooled.get(f, -math.inf))
    if not pooled:
        return None
    ranked = sorted(sorted(pooled), key=pooled.__getitem__, reverse=True)
    best = ranked[0]
    if best == folded or pooled[best] < (MIN_SUSPECT if suspect else MIN_PLAUSIBLE):
        return None
    if not suspect and len(ranked) > 1 and pooled[best] - pooled[ranked[1]] < MARGIN:
        return None  # a word that could be a syllable, and two repairs about as likely
    return best


def _cased(word: str, like: str) -> str:
    if len(like) > 1 and like.isupper():
        return word.upper()
    first = like[0]
    if first.isupper() or (not first.isalpha() and _name_only(word)):
        return word[:1].upper() + word[1:]
    return word


@lru_cache(maxsize=4096)
def _name_only(folded: str) -> bool:
    """Whether a folded word is only ever a word of unit names in the lexicon."""
    words, index = _lexicon()
    return all(words[w] == 1 for w in index.get(folded, ()) if fold_chars(w) == folded)


@lru_cache(maxsize=100_000)
def _kind(token: str) -> int:
    """0 for a word no repair touches (no letter, a number with letters, an abbreviation in
    capitals), 2 for one that cannot be a syllable, 1 for the others."""
    if not any(c.isalpha() for c in token) or _TWO_DIGITS.search(token):
        return 0
    if len(token) > 1 and token.isupper() and token.isalpha():
        return 0
    return 2 if _suspect(token) else 1


def _candidates(text: str) -> list[tuple[re.Match[str], int]]:
    """The words a repair may touch with their `_kind`, those of a code ("QĐ-UBND",
    "3150/QĐ", "tr.đồng") left out."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = _kind(m.group(0))
        if not kind:
            continue
        a, b = m.start(), m.end()
        if (a and text[a - 1] in "/-.") or (b < len(text) and text[b] in "/-"):
            continue
        out.append((m, kind))
    return out


def _name_word(text: str, m: re.Match[str]) -> bool:
    """Whether a word may belong to a name: it starts with a capital, or a digit or symbol
    OCR prints for one, away from the start of a sentence or clause. Names are left as
    printed: the place matcher reads their damage itself (`places.ocr_edits`), and a name
    repaired into other known words would look clean and be refused."""
    first = m.group(0)[0]
    if first.isalpha() and not first.isupper():
        return False
    before = text[: m.start()].rstrip(" *_\"'“(")
    return bool(before) and not before.endswith((".", ":", ";", "!", "?", "-", "+", "•"))


def repair(text: str) -> Repaired | None:
    """``text`` with its misprinted words put back, or None when nothing is repaired.

    >>> r = repair("Nim 2023 có 5 x4 pat chuin NTM")
    >>> r.text
    'Nam 2023 có 5 xa dat chuan NTM'
    >>> r.printed("Nim 2023 có 5 x4 pat chuin NTM", 14, 30)
    'x4 pat chuin NTM'
    >>> repair("Năm 2023 có 5 xã đạt chuẩn NTM") is None
    True
    """
    if not any(_kind(t) == 2 for t in _TOKEN.findall(text)):
        return None  # the usual case, found without building the candidates
    found = _candidates(text)
    suspects = sum(kind == 2 for _, kind in found)
    if not suspects:
        return None
    damaged = suspects / len(found) >= DAMAGED_SHARE
    pieces: list[str] = []
    back: list[int] = []
    forward = list(range(len(text) + 1))
    at = 0
    for m, _ in found:
        if _name_word(text, m):
            continue
        fixed = repair_word(m.group(0), damaged)
        if fixed is None:
            continue
        a, b = m.start(), m.end()
        _keep(text, at, a, pieces, back, forward)
        new_at = len(back)
        word = _cased(fixed, m.group(0))
        pieces.append(word)
        back += [a + min(i, b - a - 1) for i in range(len(word))]
        for i in range(a, b):
            forward[i] = new_at + min(i - a, len(word) - 1)
        at = b
    if not pieces:
        return None
    _keep(text, at, len(text), pieces, back, forward)
    back.append(len(text))
    forward[len(text)] = len(back) - 1
    return Repaired("".join(pieces), tuple(back), tuple(forward))


def _keep(text: str, a: int, b: int, pieces: list[str], back: list[int], fwd: list[int]) -> None:
    """Copy ``text[a:b]`` unchanged."""
    shift = len(back) - a
    pieces.append(text[a:b])
    back += range(a, b)
    for i in range(a, b):
        fwd[i] = i + shift
