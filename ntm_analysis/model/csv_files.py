"""CSV files the project writes: UTF-8 with BOM (Excel shows the diacritics), "\\n" line ends,
and text cells that a spreadsheet program would execute made inert.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula
to Excel and LibreOffice (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``). Every CSV the project
writes (ingest tables and rejects, the build, `ntm match`, `ntm extract`, findings) goes through
`write_csv` or `SafeDictWriter`, which prefix such a cell with an apostrophe, as OWASP advises.
Numbers (``-5``, ``+3,2``) are left alone. The apostrophe is an escape, not data:
`unescape_cell` takes it off again, and the build reads raw CSVs through it, so a value
written by ingest is read back exactly.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_NUMBER = re.compile(r"^[+-]?\d[\d.,]*%?$")


def neutralise_cell(value: object) -> object:
    """The cell as written: an apostrophe before text a spreadsheet would execute.

    >>> neutralise_cell("=HYPERLINK(1)"), neutralise_cell("-5"), neutralise_cell("'=x")
    ("'=HYPERLINK(1)", '-5', "''=x")
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return ESCAPE + value
    if value.startswith(ESCAPE) and value[1:].startswith((*FORMULA_START, ESCAPE)):
        return ESCAPE + value  # a real leading apostrophe survives the round trip
    return value


def unescape_cell(value: str) -> str:
    """Undo `neutralise_cell` on a cell read back from a CSV the project wrote.

    >>> unescape_cell("'=HYPERLINK(1)"), unescape_cell("''=x"), unescape_cell("'a")
    ('=HYPERLINK(1)', "'=x", "'a")
    """
    if value.startswith(ESCAPE) and value[1:].startswith((*FORMULA_START, ESCAPE)):
        return value[1:]
    return value


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would execute (not a signed number)."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _NUMBER.match(value.strip())
    )


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell passed through `neutralise_cell`."""
    out = df.copy()
    starts = (*FORMULA_START, ESCAPE)
    for col in out.columns:
        s = out[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            continue
        try:
            mask = s.str[:1].isin(starts).fillna(False).astype(bool)
        except AttributeError:  # no text in the column
            continue
        if mask.any():
            out[col] = s.astype(object)
            out.loc[mask, col] = s[mask].map(neutralise_cell)
    return out


def write_csv(df: pd.DataFrame, path: str | Path | IO[str], bom: bool = True) -> None:
    """Write ``df`` without its index, UTF-8 (with BOM unless ``bom`` is False), cells made
    inert (see `neutralise_cell`)."""
    safe_frame(df).to_csv(
        path, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n"
    )


class SafeDictWriter:
    """`csv.DictWriter` whose rows are made inert cell by cell (for streaming writers)."""

    def __init__(self, out: IO[str], fieldnames: Iterable[str], **kw: Any) -> None:
        self._writer = csv.DictWriter(out, fieldnames=list(fieldnames), **kw)

    def writeheader(self) -> None:
        """Write the header row."""
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        """Write one row, its text cells made inert."""
        self._writer.writerow({k: neutralise_cell(v) for k, v in row.items()})
