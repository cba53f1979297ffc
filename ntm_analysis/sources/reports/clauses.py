"""What the words around a figure say: clause bounds, a qualifier, the number itself (its
date: `dates`).

Helpers shared by every reader. They work on a sentence's folded text (`folding.fold_chars`,
same length as the original), so a position found here is a position in the original too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ntm_analysis.lexicon.numbers import NumberFormatError, parse_number
from ntm_analysis.lexicon.vocabulary import spellings
from ntm_analysis.sources.reports.folding import fold_chars, letter
from ntm_analysis.sources.reports.folding import word as W

# How far back a qualifier word may stand before its number ("trên 35,7 tỷ"): a word or two.
QUALIFIER_REACH = 20
_QUALIFIER = [
    (re.compile(rf"(?:{W('trên')}|{W('hơn')}|{W('vượt')})\W{{0,2}}$"), "more_than"),
    (
        re.compile(
            rf"(?:{W('khoảng')}|{W('gần')}|{W('xấp xỉ')}|{W('ước')}"
            rf"|{W('ước')}\W{{1,2}}(?:{W('tính')}\W{{1,2}})?(?:{W('đạt')}|{W('khoảng')}|{W('là')}))"
            rf"\W{{0,2}}$"
        ),
        "approx",
    ),
    (re.compile(rf"(?:{W('dưới')})\W{{0,2}}$"), "less_than"),
]
# The recognising decision's number ("Quyết định số 412/QĐ-UBND"), over the folded text
# with OCR-tolerant words ("Quyét dinh sd 412/QB-UBND").
DECISION = re.compile(
    rf"(?:{W('quyết định')}|(?<![a-z0-9])q[dpb](?![a-z]))\s*(?:{W('số')})?\s*(\d+[\w/.\-–]*)"
)


@cache
def _document_codes() -> tuple[str, ...]:
    """The abbreviations of document types ("QĐ", "NQ"), as the vocabulary writes them."""
    return tuple(sp.text for sp in spellings("document_types") if sp.scope == "abbrev")


def decision_number(text: str, m: re.Match[str]) -> str:
    """The number a `DECISION` match (on the folded ``text``) states, as printed, its type
    read back when OCR misprinted it: the letters after the "/" are compared with the
    vocabulary's abbreviations through the OCR letter classes ("QB", "QP" → "QĐ").

    >>> t = "Quyét dinh sd 3150/QB-UBND"
    >>> decision_number(t, DECISION.search(fold_chars(t)))
    '3150/QĐ-UBND'
    """
    raw = text[m.start(1) : m.end(1)].rstrip(".,;")
    number, slash, code = raw.partition("/")
    head = re.match(r"[^\W\d_]+", code)
    if not slash or head is None:
        return raw
    printed = fold_chars(head.group(0))
    if any(fold_chars(c) == printed for c in _document_codes()):
        return raw
    alike = [
        c
        for c in _document_codes()
        if re.fullmatch("".join(letter(x) for x in fold_chars(c)), printed)
    ]
    if len(alike) != 1:
        return raw
    return f"{number}/{alike[0]}{code[head.end() :]}"


# Small counts written in words ("Hai xã …"); "năm" (five) is left out: it is also "year".
_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
NUMBER_WORD = r"(?<![a-z])(?:" + "|".join(_NUMBER_WORDS) + r")(?![a-z])"
# "nông thôn" ends right before a "thôn": how far back its first word ("nông", "ndng") reaches
RURAL_REACH = 7
_NONG_BEFORE = re.compile(r"n\S{1,3}g\W{1,2}$")
_ENGLISH_DECIMAL = re.compile(r"\d+\.\d{1,2}")


def blank_parens(folded: str) -> str:
    """Replace parenthesised text (and the brackets) by spaces, keeping length.

    >>> blank_parens("12 xa (A, B) dat")
    '12 xa        dat'
    """
    out, depth = [], 0
    for ch in folded:
        if ch == "(":
            depth += 1
        if depth:
            out.append(" ")
        else:
            out.append(ch)
        if ch == ")" and depth:
            depth -= 1
    return "".join(out)


def clause_start(folded: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ``;`` (or ``:``) before it."""
    cut = max(folded.rfind(";", 0, pos), folded.rfind(":", 0, pos))
    return cut + 1


def clause_end(folded: str, pos: int) -> int:
    """End of the ``;``-clause holding ``pos`` (the end of the text when none follows)."""
    cut = folded.find(";", pos)
    return len(folded) if cut < 0 else cut


def decimal(text: str) -> Decimal:
    """`numbers.parse_number`, or an English decimal point ("286.5") that cannot be a
    Vietnamese thousands separator (the NUM pattern admits only 1–2 digits after it).

    >>> decimal("1.250,5"), decimal("286.5")
    (Decimal('1250.5'), Decimal('286.5'))
    """
    try:
        return parse_number(text)
    except NumberFormatError:
        if _ENGLISH_DECIMAL.fullmatch(text.strip()):
            return Decimal(text.strip())
        raise


def word_number(folded: str) -> int | None:
    """A small count written as a word ("hai" → 2), or None.

    >>> word_number("hai"), word_number("nam")
    (2, None)
    """
    return _NUMBER_WORDS.get(folded)


def number(text: str) -> float | int:
    """A stated number as int when whole, else float ("74,3" → 74.3)."""
    value = decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def qualifier(before: str) -> str:
    """exact, or what the words right before a number say (trên → more_than, khoảng → approx,
    dưới → less_than).

    >>> qualifier("nhan dan dong gop tren "), qualifier("ngan sach tinh khoang ")
    ('more_than', 'approx')
    """
    for rx, q in _QUALIFIER:
        if rx.search(before[-QUALIFIER_REACH:]):
            return q
    return "exact"


def is_rural_thon(folded: str, start: int) -> bool:
    """``thôn`` that is part of ``nông thôn`` (rural), not a village.

    >>> is_rural_thon("khu vuc nong thon", 13), is_rural_thon("12 thon", 3)
    (True, False)
    """
    return bool(_NONG_BEFORE.search(folded[max(0, start - RURAL_REACH) : start]))


def unit_level(m: re.Match[str]) -> str:
    """commune, village or district: which group of a unit-word match (xa/thon/huyen) matched."""
    return "commune" if m.group("xa") else "village" if m.group("thon") else "district"
