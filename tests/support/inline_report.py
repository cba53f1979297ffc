"""A few lines of report text read as a document of their own, for the extraction tests."""

from __future__ import annotations

from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.reading import Line


def facts_of(province: str, text: str, date: str = "20 tháng 12 năm 2024") -> list[dict]:
    """The facts `ntm extract` reads from ``text`` under a province's header and date line."""
    head = [f"UBND TỈNH {province.upper()}", f"{province}, ngày {date}", ""]
    lines = [Line(i, t) for i, t in enumerate([*head, *text.splitlines()], start=1)]
    return extract_lines(lines, "inline")


def of_kind(facts: list[dict], kind: str) -> list[dict]:
    """The facts of one kind."""
    return [f for f in facts if f["kind"] == kind]
