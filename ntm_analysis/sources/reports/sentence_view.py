"""One sentence as the fact readers see it: its text, the document context, the places it
names and the figures already read from it.

Readers (`counts`, `recognitions`, `scores`, `statuses`, `money`, `percents`) take a
`SentenceView` and return facts. Spans already used by one reader are recorded in ``used``
so that a number is not read twice (a ratio's "chiếm 80%" is not also a stand-alone
percentage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.areas import Areas
from ntm_analysis.sources.reports.clauses import blank_parens
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.dates import as_of_near, date_near
from ntm_analysis.sources.reports.lists import NameList, find_lists
from ntm_analysis.sources.reports.reading import Line
from ntm_analysis.sources.reports.sentences import Sentence, split_sentences
from ntm_analysis.sources.reports.targets import target_at

_TIEU_CHI = re.compile(T.TIEU_CHI)


@dataclass
class SentenceView:
    """A sentence with its context, places (`areas.Areas`) and used spans."""

    s: Sentence
    ctx: Context
    bare: str  # folded text with parenthesised text blanked (same length)
    used: set[tuple[int, str]] = field(default_factory=set)
    _lists: dict[str, list[NameList]] = field(default_factory=dict)
    # counts read with the list of names they introduce: position -> (end, tier)
    list_counts: dict[int, tuple[int, str]] = field(default_factory=dict)
    # shares of units read so far ("50% số xã đạt chuẩn"), which "tỷ lệ này" refers back to
    shares: list[Any] = field(default_factory=list)

    _areas: Areas | None = None

    @classmethod
    def of(cls, s: Sentence, ctx: Context) -> SentenceView:
        """The view of sentence ``s`` at the current state of ``ctx``."""
        return cls(s, ctx, blank_parens(s.folded))

    @property
    def areas(self) -> Areas:
        """The places the sentence names (read when a reader first asks: most sentences
        state no figure that needs them)."""
        if self._areas is None:
            self._areas = Areas(self.s, self.ctx, self.bare)
        return self._areas

    @classmethod
    def example(cls, text: str) -> SentenceView:
        """The last sentence of ``text``, read as a document of its own (the sentences before
        it set the context: a header naming the province, a section heading).

        >>> v = SentenceView.example("# UBND TỈNH QUẢNG TRỊ\\nNăm 2022 có 8 xã đạt chuẩn NTM.")
        >>> v.text, v.ctx.province.name
        ('Năm 2022 có 8 xã đạt chuẩn NTM.', 'Quảng Trị')
        """
        lines = [Line(i, t) for i, t in enumerate(text.splitlines(), start=1)]
        sentences = split_sentences(lines)
        ctx = Context(sentences)
        for s in sentences:
            ctx.enter(s)
        return cls.of(sentences[-1], ctx)

    @property
    def names_criteria(self) -> bool:
        """Whether the sentence says "tiêu chí" (scores, bands and statuses need it)."""
        return bool(_TIEU_CHI.search(self.s.folded))

    @property
    def text(self) -> str:
        """The sentence as printed."""
        return self.s.text

    @property
    def folded(self) -> str:
        """The sentence folded (`folding.fold_chars`), same length as the text."""
        return self.s.folded

    def lists(self, level: str) -> list[NameList]:
        """The lists of names of ``level`` in the sentence (`lists.find_lists`); a list never
        starts inside a list of a lower level (whose holders it would name)."""
        if level not in self._lists:
            lower = {"commune": ("village",), "district": ("village", "commune")}.get(level, ())
            skip = [(x.start, x.end) for lv in lower for x in self.lists(lv)]
            self._lists[level] = find_lists(self.text, self.folded, level, skip)
        return self._lists[level]

    def target_at(self, pos: int, inherit: bool = True, skip: tuple[int, int] = (0, 0)) -> bool:
        """Whether the statement at ``pos`` is a plan (see `targets.target_at`)."""
        return target_at(self.s, self.ctx, pos, inherit, skip)

    def year_near(self, start: int, end: int) -> int | None:
        """The year of the span ``start:end``: the nearest date of its clause or sentence
        (`dates.date_near`), else the context's (paragraph, section, document)."""
        d = date_near(self.s.text, start, end, self.s.folded)
        return d.year if d is not None else self.ctx.year

    def as_of(self, start: int, end: int) -> str | None:
        """The "as of" date of the span ("tính đến ngày 30/8/2023"; `dates.as_of_near`), else
        the one its table's heading states."""
        return as_of_near(self.s.text, start, end, self.s.folded)

    def head(self, start: int, end: int, target: bool | None = None) -> dict[str, Any]:
        """The fields every fact at ``text[start:end]`` shares; ``target`` None means: decide
        by position."""
        if target is None:
            target = self.target_at(start)
        return {
            "line": self.s.line_at(start),
            "page": self.s.page_at(start),
            "text": self.s.quote(start, end).strip(),
            "is_target": target,
            "start": start,
        }
