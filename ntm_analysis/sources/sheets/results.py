"""What reading spreadsheets gives: problems, row accounting per sheet, tables and options.

A `Problem` is located as Excel shows it (``FILE:SHEET:ROW:COLUMN: message``, ``-`` where a
row or column does not apply; CSV files have sheet ``-``). A `SheetSummary` counts, each on
its own, the sheet's data rows read, the rows whose records were written and the rows
rejected; `IngestResult.balanced` checks rows in = rows written + rows rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ntm_analysis.model.dictionary import raw_columns
from ntm_analysis.sources.sheets.messages import NOTICES, Msg, msg

REJECT_COLUMNS = ["file", "sheet", "row", "column", "kind", "reason", "values"]


@dataclass(frozen=True)
class Problem:
    """One problem (or notice), located as Excel shows it; its message is made in a language
    when shown (`render`, ``str()`` is Vietnamese, `message` English)."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    msg: Msg

    @property
    def is_notice(self) -> bool:
        """True for a notice (hidden rows, a repeated column): shown, but check passes."""
        return self.msg.key in NOTICES

    @property
    def message(self) -> str:
        """The message in English."""
        return self.msg.render("en")

    def text(self, lang: str = "vi") -> str:
        """The message in ``lang``."""
        return self.msg.render(lang)

    def render(self, lang: str = "vi") -> str:
        """``FILE:SHEET:ROW:COLUMN: message`` in ``lang``."""
        row = "-" if self.row is None else str(self.row)
        return f"{self.file}:{self.sheet}:{row}:{self.column or '-'}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.render("vi")


@dataclass
class SheetSummary:
    """Row accounting of one sheet: data rows read, written and rejected; records written."""

    file: str
    sheet: str
    kind: str
    rows_in: int = 0
    rows_out: int = 0
    rows_rejected: int = 0
    records: int = 0


@dataclass
class IngestResult:
    """Everything `ingest.ingest_files` found: table rows, rejects, problems, row accounting."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=raw_columns("sources"))
    )
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECT_COLUMNS))
    problems: list[Problem] = field(default_factory=list)  # as shown: shared ones said once
    located: list[Problem] = field(default_factory=list)  # every problem at its own cell
    sheets: list[SheetSummary] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)
    source_ids: dict[str, str] = field(default_factory=dict)  # file → its source_id
    attached: dict[str, list[str]] = field(default_factory=dict)  # file → "(Kèm theo …)"

    @property
    def rows_in(self) -> int:
        """Data rows read, over every sheet."""
        return sum(s.rows_in for s in self.sheets)

    @property
    def rows_out(self) -> int:
        """Rows whose records were written, over every sheet."""
        return sum(s.rows_out for s in self.sheets)

    @property
    def rows_rejected(self) -> int:
        """Rows rejected, over every sheet."""
        return sum(s.rows_rejected for s in self.sheets)

    @property
    def unread_files(self) -> list[str]:
        """Readable files none of whose sheets holds a known table (nothing was read)."""
        kinds: dict[str, set[str]] = {}
        for s in self.sheets:
            kinds.setdefault(s.file, set()).add(s.kind)
        return [f for f, k in kinds.items() if k <= {"unknown", "empty"}]

    @property
    def errors(self) -> list[Problem]:
        """The problems that are not notices (what makes `ntm check` fail)."""
        return [p for p in self.problems if not p.is_notice]

    @property
    def balanced(self) -> bool:
        """True when rows in = rows out + rows rejected for every sheet."""
        return all(s.rows_in == s.rows_out + s.rows_rejected for s in self.sheets)

    def summary(self, lang: str = "en") -> str:
        """One line per sheet and a total line: rows in = out + rejected, records written."""
        lines = [
            msg(
                "run_sheet",
                where=f"{s.file}:{s.sheet}",
                kind=s.kind,
                rows_in=s.rows_in,
                rows_out=s.rows_out,
                rows_rejected=s.rows_rejected,
                records=s.records,
            ).render(lang)
            for s in self.sheets
        ]
        recs = ", ".join(f"{t} {len(df)}" for t, df in self.tables.items() if len(df))
        total = msg(
            "run_total",
            rows_in=self.rows_in,
            rows_out=self.rows_out,
            rows_rejected=self.rows_rejected,
            records=recs or msg("run_none"),
        ).render(lang)
        if self.failed_files:
            total += msg("run_unreadable", n=len(self.failed_files)).render(lang)
        if self.unread_files:
            total += msg("run_unread", n=len(self.unread_files)).render(lang)
        lines.append(total)
        return "\n".join(lines)


@dataclass
class Options:
    """What a sheet may not state itself; used only when the sheet does not say."""

    vintage: str = "legacy"
    province: str | None = None
    district: str | None = None
    year: int | None = None
    criteria_set: str | None = None
    unit: int | None = None
    flow: str | None = None
    lang: str = "vi"  # the language of reject reasons
