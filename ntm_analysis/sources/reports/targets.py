"""Plan or achievement: whether a figure states a target ("phấn đấu", "kế hoạch", "đăng ký")
or a result ("đã đạt", "lũy kế", "được công nhận").

A sentence's markers are found by position (`terms.PLAN`, `terms.ACHIEVED`); a figure takes
the marker of its own ``;``-clause, else the last one before it, else the paragraph's or the
section's (`context.Context.plan`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.clauses import clause_end
from ntm_analysis.sources.reports.sentences import Sentence

if TYPE_CHECKING:  # the context reads a sentence's markers to date the document
    from ntm_analysis.sources.reports.context import Context

# A plan word this close after an achievement word is part of it ("vượt mức kế hoạch", "so
# với kế hoạch"); one this close before an achievement word was achieved ("3/3 xã đăng ký đã
# được công nhận").
PLAN_AFTER_DONE = 12
PLAN_BEFORE_DONE = 6
# A sub-clause ends at ", " (not the decimal comma of "52,5"): a plan word after the figure
# and past this boundary opens its own clause ("có 9/17 xã đạt chuẩn, phấn đấu đến năm 2025 …").
_SUBCLAUSE = re.compile(r",(?!\d)")
# A share right before a plan word is what was done of the plan ("92,4% kế hoạch", "105% so
# với kế hoạch", "90% của kế hoạch vốn").
_SHARE_OF_PLAN = re.compile(r"%\s*(?:so\s(?:voi\s)?|cua\s|\W)?\s*$")


@lru_cache(maxsize=256)  # every figure of a sentence asks again
def markers(folded: str) -> tuple[tuple[int, bool], ...]:
    """Plan (True) and achievement (False) markers by position.

    >>> markers("ke hoach nam 2024 phan dau 3 xa"), markers("vuot muc ke hoach")
    (((0, True), (18, True)), ((0, False),))
    >>> markers("giai ngan dat 92,4% ke hoach")
    ((20, False),)
    """
    done = [(m.start(), m.end()) for m in T.ACHIEVED.finditer(folded)]
    out = [(a, False) for a, _ in done]
    for m in T.PLAN.finditer(folded):
        after_done = any(0 <= m.start() - e <= PLAN_AFTER_DONE for _, e in done)
        done_next = any(0 <= a - m.end() <= PLAN_BEFORE_DONE for a, _ in done)
        if _SHARE_OF_PLAN.search(folded, max(0, m.start() - PLAN_AFTER_DONE), m.start()):
            out.append((m.start(), False))  # "đạt 92,4% kế hoạch": done, measured on the plan
        elif not after_done and not done_next:
            out.append((m.start(), True))
    return tuple(sorted(out))


def plan_before(folded: str, pos: int) -> bool:
    """Whether the last marker before ``pos`` in the sentence is a plan word.

    >>> plan_before("nam 2024 co 9 xa, phan dau den nam 2025", 5), plan_before("phan dau 2025", 9)
    (False, True)
    """
    before = [t for p, t in markers(folded) if p < pos]
    return bool(before and before[-1])


def sentence_target(s: Sentence) -> bool | None:
    """What the sentence's own markers say (the last one wins), or None without markers."""
    marks = markers(s.folded)
    return marks[-1][1] if marks else None


def target_at(
    s: Sentence, ctx: Context, pos: int, inherit: bool = True, skip: tuple[int, int] = (0, 0)
) -> bool:
    """Whether the statement at ``pos`` is a plan, target or registration (not an achievement).

    Markers in its own ``;``-clause decide (one after the figure only up to the next ``,``: a
    plan verb there opens a clause of its own, with its own figures); else the last marker
    before it in the sentence;
    else (with ``inherit``) the sentence before in the same paragraph, else whether the
    section is a plan. Assessments (criteria counts) do not inherit: they state a current
    score even inside a plan. Markers inside ``skip`` (the words naming a group whose average
    is stated: "40 xã trong lộ trình …") describe the group, not the statement.
    """
    folded = s.folded
    a = folded.rfind(";", 0, pos) + 1
    b = clause_end(folded, pos)
    comma = _SUBCLAUSE.search(folded, pos, b)
    b = comma.start() if comma else b
    marks = [(p, t) for p, t in markers(folded) if not skip[0] <= p < skip[1]]
    in_before = [t for p, t in marks if a <= p < pos]
    in_after = [t for p, t in marks if pos <= p < b]
    if in_before or in_after:
        return in_before[-1] if in_before else in_after[0]
    before = [t for p, t in marks if p < pos]
    if before:
        return before[-1]
    if not inherit:
        return False
    if ctx.para_target is not None and ctx.para_target[0] == s.block:
        return ctx.para_target[1]
    return ctx.plan
