"""Folded text with a character map back to the original, and OCR-tolerant word patterns.

A line is folded character by character (diacritics removed, lower case; ``đ`` → ``d``),
so the folded string has the same length as the original and a match on the folded form
is also the span of the original text. Patterns are written over the folded form with
letter classes that admit the OCR confusions seen in Vietnamese reports (``x4``/``x&`` for
``xã``, ``Pong`` for ``Đồng``, ``chuin`` for ``chuẩn``): see `word`. The classes follow the
learned table `textnorm.load_confusions` (letters confused at least `MIN_COUNT` times) plus
look-alike glyphs OCR prints for a letter (``¢``/``€`` for ``e``, ``1`` for ``l``).
"""

from __future__ import annotations

import re
from functools import cache

from ntm_analysis.lexicon.textnorm import load_confusions, strip_diacritics

MIN_COUNT = 3

# Look-alikes added to the learned classes. Every entry is a glyph confusion, not a word.
LOOK_ALIKES = {
    "a": "4&@ăâ",
    "d": "pbđ",
    "e": "¢€c",
    "i": "1l|j",
    "l": "1|i",
    "o": "0ôơ",
    "u": "wư",
    "y": "ý",
}
# Confusions we refuse even if learned: they would let short keywords match common words.
_BLOCK = {
    ("a", "n"),
    ("a", "p"),
    ("a", "t"),
    ("d", "u"),
    ("h", "t"),
    ("l", "g"),
    ("l", "p"),
    ("o", "g"),
    ("o", "s"),
    ("o", "t"),
    ("u", "1"),
    ("u", "a"),
    ("u", "b"),
    ("u", "e"),
    ("u", "r"),
    ("u", "t"),
    ("x", "1"),
    ("x", "p"),
    ("y", "1"),
    ("y", "t"),
}


# Every word a pattern spells (`word`, `frame`, `clipped`), lower case: the words the readers
# look for, which `ocr_repair` puts back when OCR misprints them.
_SPELLED: set[str] = set()


def spelled_words() -> frozenset[str]:
    """The words the patterns built so far spell (lower case, as written)."""
    return frozenset(_SPELLED)


class _FoldTable(dict):
    """``str.translate`` table folding one character at a time, filled as characters appear."""

    def __missing__(self, code: int) -> str:
        f = strip_diacritics(chr(code)).lower()
        self[code] = out = f[:1] if f else " "
        return out


_FOLD = _FoldTable()


def fold_chars(text: str) -> str:
    """Fold each character separately: same length as ``text``.

    >>> fold_chars("Xã Đồng Ý")
    'xa dong y'
    """
    return text.translate(_FOLD)


@cache
def _classes() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Per folded letter: the single characters and the multi-character OCR units it admits."""
    table = load_confusions()
    singles: dict[str, set[str]] = {}
    multis: dict[str, set[str]] = {}
    for row in table.itertuples(index=False):
        if int(row.count) < MIN_COUNT or not row.ocr:
            continue
        correct = strip_diacritics(row.correct).lower()
        ocr = fold_chars(row.ocr)
        if len(correct) != 1 or (correct, ocr) in _BLOCK:
            continue
        (singles if len(ocr) == 1 else multis).setdefault(correct, set()).add(ocr)
    out = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        chars = {letter} | singles.get(letter, set()) | set(fold_chars(LOOK_ALIKES.get(letter, "")))
        out[letter] = ("".join(sorted(chars)), tuple(sorted(multis.get(letter, set()))))
    return out


def letter(ch: str) -> str:
    """Regex for one folded letter with its OCR confusions."""
    if not ch.isalpha():
        return re.escape(ch)
    chars, multi = _classes()[ch]
    cls = "[" + "".join(re.escape(c) for c in chars) + "]"
    return f"(?:{cls}|{'|'.join(re.escape(m) for m in multi)})" if multi else cls


def word(text: str, strict: str = "") -> str:
    """OCR-tolerant regex for Vietnamese words written in clean spelling.

    Words are separated by one or more spaces or punctuation. Letters listed in ``strict``
    are matched literally (for short keywords where a tolerant class would over-match), and
    so is every letter of a word written in capitals (an abbreviation: "NTM", "NSTW"). A full
    stop inside a word (an abbreviation such as "tr.đồng") may be followed by spaces.

    >>> bool(re.fullmatch(word("đạt chuẩn"), fold_chars("dat chuin")))
    True
    >>> bool(re.fullmatch(word("xã"), fold_chars("x4")))
    True
    >>> [bool(re.fullmatch(word("tr.đồng"), t)) for t in ("tr. dong", "tr.ddng")]
    [True, True]
    >>> bool(re.fullmatch(word("NTM"), "ntn"))
    False
    """
    parts = []
    _SPELLED.update(text.lower().split())
    for w in text.split():
        literal = strict + (w.lower() if w.isupper() and len(w) > 1 else "")
        parts.append([_char(c, literal) for c in fold_chars(w)])
    first = parts[0][0] if parts and parts[0] else ""
    if _ONE_CHAR.fullmatch(first):
        # the boundary tested after the first letter: the same condition (the character
        # before the match is no letter or digit), but a pattern that opens with a letter
        # is searched several times faster than one that opens with a lookbehind
        parts[0][0] = first + _BOUNDARY_AFTER_FIRST
    else:
        parts[0].insert(0, BOUNDARY)
    return r"[\s\W_]{1,3}".join("".join(p) for p in parts) + r"(?![a-z])"


BOUNDARY = r"(?<![0-9a-z])"  # no letter or digit right before
_BOUNDARY_AFTER_FIRST = r"(?<![0-9a-z].)"  # the same, tested one character later
_ONE_CHAR = re.compile(r"\[[^\]]+\]|\\?[^\\\[(]")  # a class or one (escaped) character


def _char(c: str, literal: str) -> str:
    if c == ".":
        return r"\.\s{0,2}"
    return re.escape(c) if c in literal else letter(c)


_VOWELS = "aeiouy"


def frame(text: str) -> str:
    """The loosest OCR form of a phrase whose vowels OCR damages beyond the letter classes.

    Each word keeps its first consonants and, when it ends in a consonant, its last letter;
    the n letters between become any 1 to n+1 characters (punctuation excluded where nothing
    closes the word). For "nông thôn mới" this still finds "ndng then madi" and "nong thon m&i".

    >>> print(frame("nông thôn"))
    (?<![a-z])n\\S{1,3}g\\W{1,3}th\\S{1,2}n(?![a-z])
    >>> bool(re.fullmatch(frame("nông thôn mới"), fold_chars("nông thôn madi")))
    True
    """
    parts = []
    _SPELLED.update(text.lower().split())
    for w in fold_chars(text).split():
        head = len(w) - len(w.lstrip("bcdfghjklmnpqrstvwxz"))
        onset, rest = w[:head], w[head:]
        if rest[-1:] in _VOWELS:
            parts.append(f"{re.escape(onset)}[^\\s,.;:)]{{1,{len(rest) + 1}}}")
        else:
            inner = len(rest) - 1
            parts.append(f"{re.escape(onset)}\\S{{1,{inner + 1}}}{re.escape(rest[-1])}")
    return r"(?<![a-z])" + r"\W{1,3}".join(parts) + r"(?![a-z])"


def clipped(text: str) -> str:
    """A phrase whose last word OCR left unreadable: the words before it (as `word`) and the
    first letter of the last one ("chuyển đổi s6" for "chuyển đổi số").

    >>> bool(re.match(clipped("chuyển đổi số"), "chuyen doi s6"))
    True
    """
    words = text.split()
    return word(" ".join(words[:-1])) + r"[\s\W_]{1,3}" + re.escape(fold_chars(words[-1])[:1])
