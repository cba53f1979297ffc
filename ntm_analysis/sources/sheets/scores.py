"""A commune's score in a criteria-met column: "17", "17/19" (17 of the 19 criteria of the
set; the 19 is checked against the set) or "16 tiêu chí" / "16 TC".

A score is a count of criteria, never money: a cell that is none of these is refused with
the forms a score may take, not with the money columns' remark about units.
"""

from __future__ import annotations

import re

from ntm_analysis.lexicon import criteria
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.sheets.cells import cell_text
from ntm_analysis.sources.sheets.grids import Unsaved
from ntm_analysis.sources.sheets.messages import Both, msg
from ntm_analysis.sources.sheets.sheet import Sheet

SCORE = Both("criteria met", "số tiêu chí đạt")
_OF = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})(.*)")
_WORDED = re.compile(r"(\d{1,2})\s+(.+)")
_CRITERIA_WORD = re.compile(r"(tieu chi|tc)( dat)?")
_PLAIN = re.compile(r"[\d\s.,+-]*")


def read_score(sh: Sheet, r: int, c: int, set_id: object) -> int | None:
    """The criteria met written in cell (``r``, ``c``), or None (blank, or refused: the row
    is rejected with the reason). "a/b" needs b to be the size of ``set_id`` when known."""
    v = sh.data.at[r, c]
    t = cell_text(v)
    if not isinstance(v, str) or isinstance(v, Unsaved) or _PLAIN.fullmatch(t):
        return sh.count(r, c, SCORE)
    m = _OF.fullmatch(t)
    if m and (not fold(m.group(3)) or _CRITERIA_WORD.fullmatch(fold(m.group(3)))):
        met, of = int(m.group(1)), int(m.group(2))
        size = criteria.set_size(str(set_id)) if set_id else None
        if met > of:
            sh.reject(r, c, msg("score_above_of", text=t, met=met, of=of))
            return None
        if size is not None and of != size:
            sh.reject(r, c, msg("score_other_size", text=t, of=of, size=size, set_id=set_id))
            return None
        return met
    m = _WORDED.fullmatch(t)
    if m and _CRITERIA_WORD.fullmatch(fold(m.group(2))):
        return int(m.group(1))
    sh.reject(r, c, msg("score_unreadable", text=t))
    return None
