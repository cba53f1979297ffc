"""Pandera schemas generated from the data dictionary, and type coercion of raw text.

`coerce` turns the all-text frame read from a raw CSV into the dictionary's dtypes and reports
each cell it cannot convert; `column_failures` runs the pandera schema lazily and returns one
readable failure per offending cell. Row- and table-level rules live in `validate`.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ntm_analysis.model.dictionary import TABLES, Col, Table

_INT = r"[+-]?\d+"
_FLOAT = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_BOOL = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
_PARSE_ERRORS = {
    "Int64": "is not a whole number",
    "float64": "is not a number (use a dot for decimals, no thousands separator)",
    "boolean": "is not true/false",
}

FAILURE_COLUMNS = ["index", "column", "value", "reason"]


def _checks(c: Col) -> list[pa.Check]:
    checks = []
    if c.allowed:
        checks.append(pa.Check.isin(list(c.allowed), error=f"is not one of {', '.join(c.allowed)}"))
    if c.minimum is not None:
        checks.append(pa.Check.ge(c.minimum, error=f"is below the minimum {c.minimum:g}"))
    if c.maximum is not None:
        checks.append(pa.Check.le(c.maximum, error=f"is above the maximum {c.maximum:g}"))
    if c.pattern:
        checks.append(pa.Check.str_matches(c.pattern, error=f"does not match {c.pattern}"))
    return checks


def schema_for(table: str | Table) -> pa.DataFrameSchema:
    """The pandera schema of a processed table (columns, dtypes, allowed values, ranges).

    Key uniqueness is a rule in `validate` (the first row of a key is kept, later ones rejected).
    """
    t = TABLES[table] if isinstance(table, str) else table
    columns = {
        c.name: pa.Column(c.dtype, checks=_checks(c), nullable=not c.required, required=True)
        for c in t.columns
    }
    columns["raw_row"] = pa.Column("string", nullable=False)
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=False,
        name=t.name,
    )


def _convert(text: pd.Series, dtype: str) -> tuple[pd.Series, pd.Series]:
    """Typed values of a stripped text column and a mask of cells that did not parse."""
    present = text.notna() & (text != "")
    if dtype == "Int64":
        ok = text.str.fullmatch(_INT).fillna(False).astype(bool)
        values = pd.to_numeric(text.where(ok), errors="coerce").astype("Int64")
    elif dtype == "float64":
        ok = text.str.fullmatch(_FLOAT).fillna(False).astype(bool)
        values = pd.to_numeric(text.where(ok), errors="coerce").astype("float64")
    elif dtype == "boolean":
        mapped = text.str.lower().map(_BOOL)
        ok = mapped.notna()
        values = mapped.astype("boolean")
    else:
        return text.where(present).astype("string"), pd.Series(False, index=text.index)
    return values, present & ~ok


def coerce(raw: pd.DataFrame, table: str | Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Convert an all-text raw frame to the table's dtypes (vectorised).

    Blank cells become missing values. Returns the typed frame (same index; unconvertible
    cells left missing) and a failures frame with columns ``index, column, value, reason``.
    """
    t = TABLES[table] if isinstance(table, str) else table
    out = pd.DataFrame(index=raw.index)
    failures = []
    for c in t.columns:
        if c.name not in raw.columns:
            out[c.name] = pd.Series(pd.NA, index=raw.index, dtype=c.dtype)
            continue
        text = raw[c.name].astype("string").str.strip()
        values, bad = _convert(text, c.dtype)
        out[c.name] = values
        if bad.any():
            err = _PARSE_ERRORS[c.dtype]
            failures += [(idx, c.name, v, f"{c.name}: {v!r} {err}") for idx, v in text[bad].items()]
    for extra in raw.columns.difference(out.columns, sort=False):
        out[extra] = raw[extra]
    return out, pd.DataFrame(failures, columns=FAILURE_COLUMNS)


def column_failures(df: pd.DataFrame, table: str | Table) -> pd.DataFrame:
    """Run the table's pandera schema lazily; one readable failure per offending cell.

    Failures that concern the frame as a whole (missing or unexpected columns) carry a
    missing ``index`` and apply to every row.
    """
    schema = schema_for(table)
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        rows = []
        for r in fc.itertuples(index=False):
            column = r.column if isinstance(r.column, str) else ""
            check = str(r.check)
            value = r.failure_case
            if check == "not_nullable":
                reason = f"{column}: a value is required"
            elif check.startswith("column_in_dataframe"):
                reason = f"missing column {value!r}"
                column = str(value)
            elif check.startswith("column_in_schema"):
                reason = f"unexpected column {value!r} (not in the data dictionary)"
                column = str(value)
            elif check.startswith("dtype"):
                reason = f"{column}: wrong type {value!r} ({check})"
            else:
                shown = value.item() if hasattr(value, "item") else value
                reason = f"{column}: {shown!r} {check}"
            idx = r.index if r.index is not None and not pd.isna(r.index) else pd.NA
            rows.append((idx, column, value, reason))
        return pd.DataFrame(rows, columns=FAILURE_COLUMNS)
    return pd.DataFrame(columns=FAILURE_COLUMNS)
