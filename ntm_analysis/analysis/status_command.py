"""``ntm status``: every commune-level unit of an area with its status, as CSV or Excel."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.analysis import status

# The columns the command writes, in this order (the status table's own columns).
OUTPUT_COLUMNS = status.STATUS_TABLE_COLUMNS
FORMATS = (".csv", ".xlsx")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``status`` subcommand."""
    p = sub.add_parser(
        "status",
        help="each commune's NTM status in an area (tier, basis, criteria, source) as CSV/XLSX",
        description=(
            "Write one row per commune-level unit of AREA: whether it is in the commune "
            "programme (xã in; phường, thị trấn and units a source excludes out), its tier and "
            "the lowest tier it is known to hold, the basis of that (stated: a record of the "
            "unit; area_statement: a source says every commune of its province or district "
            "reached the tier; predecessors: a 2025 commune, from its former communes; "
            "criteria_sheet: a score without a tier; none), its criteria met, set and band, and "
            "the source with a citation. The same table feeds `ntm map` and the notebooks."
        ),
    )
    p.add_argument(
        "--area",
        required=True,
        action="append",
        help="province or district ('Bắc Sơn', 'Hải Phòng', 'Châu Thành, Tiền Giang'); repeat "
        "for several; a name that names several areas is refused with the candidates",
    )
    p.add_argument("--vintage", choices=["legacy", "2025"], default="legacy")
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="only records dated up to this day count (default: every record)",
    )
    p.add_argument(
        "-o", "--out", type=Path, required=True, metavar="FILE.csv|FILE.xlsx", help="output file"
    )
    p.add_argument(
        "--lang",
        choices=["vi", "en"],
        default="vi",
        help="language of the notes, locators, history, yes/no values and closing line "
        "(default: vi)",
    )
    p.add_argument("--processed", type=Path, default=paths.PROCESSED)
    p.set_defaults(func=_cli)


def load_status_tables(processed: Path) -> dict[str, pd.DataFrame]:
    """The processed tables the status needs; a missing one is warned about and left out."""
    from ntm_analysis.model.tables import load_table

    out = {}
    for name in ("sources", "commune_status", "criteria_status", "facts", "eligibility"):
        try:
            out[name] = load_table(name, processed)
        except FileNotFoundError as err:
            warnings.warn(f"{err}; going on without it", stacklevel=2)
    return out


YES_NO = {"vi": ("có", "không"), "en": (True, False)}


def _written(col: pd.Series, lang: str) -> pd.Series:
    """A column as the files write it: whole numbers as integers (6, never 6.0), yes/no
    columns in the language of the file ("có"/"không" in Vietnamese, True/False in English)."""
    values = col.dropna()
    if not len(values):
        return col
    if pd.api.types.is_bool_dtype(col) or values.map(lambda v: isinstance(v, bool)).all():
        yes, no = YES_NO[lang]
        return col.map(lambda v: v if v is None or v is pd.NA else yes if v else no)
    numeric = pd.to_numeric(values, errors="coerce")
    if pd.api.types.is_float_dtype(col) and numeric.notna().all() and (numeric % 1 == 0).all():
        return col.astype("Int64")
    return col


def write_table(table: pd.DataFrame, path: Path, lang: str = "vi") -> Path:
    """Write the status table as CSV (UTF-8 with BOM, formula-inert) or XLSX (text as text),
    whole numbers as integers and yes/no in ``lang`` (`_written`)."""
    from ntm_analysis.model.csv_files import write_csv

    path.parent.mkdir(parents=True, exist_ok=True)
    out = table[OUTPUT_COLUMNS].apply(lambda c: _written(c, lang))
    if path.suffix.lower() == ".csv":
        write_csv(out, path)
        return path
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "status"
    ws.append(OUTPUT_COLUMNS)
    for row in out.itertuples(index=False):
        ws.append([_cell(v) for v in row])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # text that starts with "=" stays text
                cell.data_type = "s"
    ws.freeze_panes = "B2"
    wb.save(path)
    return path


def _cell(value: object) -> object:
    """A value as openpyxl writes it: NA and "" empty, numpy scalars as Python ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy bool, int, float
        return value.item()
    return None if value == "" else value


_CLOSING = {
    "vi": "{units} đơn vị, {inside} thuộc chương trình xã NTM{bases}, {outside} ngoài chương "
    "trình hoặc chưa rõ",
    "en": "{units} units, {inside} in the commune programme{bases}, {outside} outside or not "
    "stated",
}


def _basis_word(basis: str, lang: str) -> str:
    """A basis as the closing line names it: its key in English (the ``basis`` column), its
    short label in Vietnamese."""
    from ntm_analysis.analysis.status_terms import BASIS_SHORT, basis_label

    if lang != "vi":
        return basis
    return BASIS_SHORT.get(basis, {}).get(lang) or basis_label(basis, lang)


def _counts(table: pd.DataFrame, lang: str = "vi") -> str:
    """The closing line: units, those in the programme by basis, the others. The parentheses
    are left out when no unit is in the programme."""
    from ntm_analysis.lexicon import formats

    inside = status.in_programme(table)
    basis = table[inside].groupby("basis").size()
    parts = ", ".join(f"{_basis_word(k, lang)} {formats.number(v, lang)}" for k, v in basis.items())
    return _CLOSING[lang].format(
        units=formats.number(len(table), lang),
        inside=formats.number(int(inside.sum()), lang),
        bases=f" ({parts})" if parts else "",
        outside=formats.number(int((~inside).sum()), lang),
    )


def _cli(args: argparse.Namespace) -> int:
    from ntm_analysis.places.geo import AmbiguousArea

    if args.out.suffix.lower() not in FORMATS:
        print(f"ntm status: error: -o must end in {' or '.join(FORMATS)}", file=sys.stderr)
        return 2
    try:
        table = status.status_table(
            load_status_tables(args.processed), args.area, args.vintage, args.as_of, args.lang
        )
    except AmbiguousArea as err:
        print(f"ntm status: error: {err}", file=sys.stderr)
        return 2
    except ValueError as err:
        print(f"ntm status: error: {err}", file=sys.stderr)
        return 1
    out = write_table(table, args.out, args.lang)
    print(f"{out}: {_counts(table, args.lang)}")
    return 0
