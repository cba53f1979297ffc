"""The data dictionary: every table of the data model, its columns, types, units and meanings.

This module is the single description of the data model. `schemas` turns it into pandera
schemas, the build writes it to ``data/processed/DATA_DICTIONARY.csv`` and ``data/README.md``
embeds it as a Markdown table (a test keeps the two in step).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntm_analysis.lexicon import vocabulary

VINTAGES = ("pre2023", "legacy", "2025")
AREA_LEVELS = ("country", "region", "province", "district", "commune", "village")
UNIT_LEVELS = ("province", "district", "commune")
TIERS = vocabulary.keys("tiers", level="")
MODEL_FIELDS = vocabulary.keys("model_fields")
# "difficult" (level report) is a status only report texts state: not a data-model value
CRITERION_STATUSES = vocabulary.keys("criterion_statuses", level="")
FUNDING_CATEGORIES = vocabulary.keys("funding_categories")
FUNDING_FLOWS = vocabulary.keys("funding_flows")
QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most")
SOURCE_KINDS = ("document", "web", "reference_table", "package", "dataset")
RECORD_KINDS = ("recognition", "assessment")


@dataclass(frozen=True)
class Col:
    """One column: name, logical dtype, unit, meaning and constraints."""

    name: str
    dtype: str  # "string" | "Int64" | "float64" | "boolean"
    meaning: str
    unit: str = ""
    required: bool = False  # a value must be present
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Table:
    """One table of the data model."""

    name: str
    description: str
    columns: tuple[Col, ...]
    key: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        """Column names in dictionary order."""
        return [c.name for c in self.columns]

    def col(self, name: str) -> Col:
        """The column called ``name``."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}")


def _provenance() -> tuple[Col, ...]:
    return (
        Col(
            "source_id",
            "string",
            "Key into `sources`: the document or page stating the row.",
            required=True,
            pattern=r"^[a-z0-9_]+$",
        ),
        Col(
            "source_locator",
            "string",
            "Where in the source: section, line, table row, sheet!cell or URL fragment.",
            required=True,
        ),
        Col("note", "string", "Free-text caveat: denominators, conflicts, wording of the source."),
    )


def _area() -> tuple[Col, ...]:
    return (
        Col(
            "area_name",
            "string",
            "Name of the area the row describes, Vietnamese with diacritics.",
            required=True,
        ),
        Col("area_level", "string", "Level of the area.", required=True, allowed=AREA_LEVELS),
        Col(
            "area_code",
            "string",
            "Admin-unit code of the area in `admin_vintage` (blank when "
            "the area is not an admin unit or is unmatched).",
        ),
        Col(
            "admin_vintage",
            "string",
            "Vintage of `area_code`: pre2023 (before the 2023–2025 "
            "commune rearrangement), legacy (the set just before 1 Jul 2025) or 2025.",
            allowed=VINTAGES,
        ),
    )


_RAW_ROW = Col(
    "raw_row",
    "string",
    "Added by the build: raw file and 1-based line of the row it came from (relative to "
    "data/raw; `user/<folder>/<file>:<line>` for the user's own data; `gazetteer:<vintage>` "
    "and `reference:<id>` for staged rows).",
    required=True,
)

SOURCES = Table(
    "sources",
    "Registry of the documents, pages, reference tables and packages the data comes from.",
    (
        Col(
            "source_id",
            "string",
            "Stable key, lower-case snake case.",
            required=True,
            pattern=r"^[a-z0-9_]+$",
        ),
        Col("kind", "string", "What the source is.", required=True, allowed=SOURCE_KINDS),
        Col("issuer", "string", "Issuing body or publisher."),
        Col("document_no", "string", "Document number as printed (e.g. 687/UBND-NN)."),
        Col(
            "issued_date",
            "string",
            "Date of issue, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD).",
            pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        ),
        Col(
            "title",
            "string",
            "Title, in our own short words when the original is long.",
            required=True,
        ),
        Col("province", "string", "Province the source is about (pre-2025 name), if one."),
        Col("url", "string", "Web address, or the file name the source was received as."),
        Col("note", "string", "How it was obtained; known OCR damage; reliability."),
    ),
    key=("source_id",),
)

UNITS = Table(
    "units",
    "Administrative units of every vintage, from the gazetteer and from data/raw/units.",
    (
        Col(
            "admin_vintage",
            "string",
            "pre2023, legacy or 2025 (see `facts.admin_vintage`).",
            required=True,
            allowed=VINTAGES,
        ),
        Col("unit_code", "string", "Official code of the unit within its vintage.", required=True),
        Col("unit_name", "string", "Full name with its type, e.g. Xã Đồng Ý.", required=True),
        Col("unit_name_short", "string", "Name without the type prefix, e.g. Đồng Ý."),
        Col(
            "unit_type",
            "string",
            "Xã, Phường, Thị trấn, Đặc khu, Huyện, Quận, Thị xã, Thành phố, Tỉnh.",
        ),
        Col("level", "string", "Level of the unit.", required=True, allowed=UNIT_LEVELS),
        Col("parent_code", "string", "Code of the parent unit in the same vintage."),
        Col("province_code", "string", "Code of the province in the same vintage."),
        Col("province_name", "string", "Province name in the same vintage."),
        Col("district_name", "string", "District name (legacy and pre2023 vintages only)."),
        Col(
            "lat",
            "float64",
            "Latitude of the unit's reference point.",
            unit="degrees",
            minimum=8.0,
            maximum=24.0,
        ),
        Col(
            "lon",
            "float64",
            "Longitude of the unit's reference point.",
            unit="degrees",
            minimum=102.0,
            maximum=118.0,
        ),
        Col("area_km2", "float64", "Area.", unit="km²", minimum=0),
        Col(
            "region",
            "string",
            "East (from old Hải Phòng) or West (from old Hải Dương) for "
            "units of the new Hải Phòng; blank elsewhere.",
            allowed=("East", "West"),
        ),
        *_provenance(),
    ),
    key=("admin_vintage", "unit_code"),
)

FACTS = Table(
    "facts",
    "Aggregate figures a source states as achieved or reported (targets go to `targets`).",
    (
        *_area(),
        Col("year", "Int64", "Reference year of the figure.", minimum=1990, maximum=2100),
        Col(
            "as_of",
            "string",
            "Reference date when the source gives one (ISO 8601).",
            pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        ),
        Col(
            "period",
            "string",
            "Period for cumulative or multi-year figures, e.g. 2021-2025.",
            pattern=r"^\d{4}(-\d{4})?$",
        ),
        Col(
            "measure",
            "string",
            "What is measured, snake_case (e.g. communes_ntm, "
            "avg_criteria_per_commune, poverty_rate_pct).",
            required=True,
            pattern=r"^[a-z][a-z0-9_]*$",
        ),
        Col("value", "float64", "The figure as stated.", unit="see `unit`", required=True),
        Col(
            "unit",
            "string",
            "Unit of `value` (communes, villages, districts, pct, "
            "criteria_per_commune, vnd, mn_vnd_per_person_year, works, km, households, …).",
            required=True,
        ),
        Col(
            "qualifier",
            "string",
            "How exact the figure is as stated (trên = more_than, khoảng = approx).",
            allowed=QUALIFIERS,
        ),
        *_provenance(),
    ),
)

COMMUNE_STATUS = Table(
    "commune_status",
    "A commune's tier in a year: a recognition event or an assessed status, with its score.",
    (
        Col(
            "commune_name",
            "string",
            "Commune name without the Xã prefix, with diacritics.",
            required=True,
        ),
        Col("district_name", "string", "District (legacy) the commune belonged to."),
        Col("province_name", "string", "Province (pre-2025 name).", required=True),
        Col("unit_code", "string", "Commune code in `admin_vintage` (blank when unmatched)."),
        Col("admin_vintage", "string", "Vintage of `unit_code`.", allowed=VINTAGES),
        Col(
            "year",
            "Int64",
            "Year the status refers to (the standard year for recognitions); blank only for "
            "recognitions whose source gives no year.",
            minimum=1990,
            maximum=2100,
        ),
        Col(
            "record_kind",
            "string",
            "recognition = the year a tier was recognised; assessment = status found at a review.",
            required=True,
            allowed=RECORD_KINDS,
        ),
        Col(
            "tier",
            "string",
            "none, ntm, advanced (nâng cao) or model (kiểu mẫu); blank when the source gives a "
            "score but not the tier.",
            allowed=TIERS,
        ),
        Col(
            "model_field", "string", "Field of excellence of a model commune.", allowed=MODEL_FIELDS
        ),
        Col("criteria_met", "Int64", "Criteria met at the time.", unit="criteria", minimum=0),
        Col("criteria_total", "Int64", "Criteria in the set.", unit="criteria", minimum=1),
        Col("criteria_set", "string", "Criteria set of `criteria_met` (see criteria reference)."),
        Col("decision", "string", "Recognition decision number and date, when printed."),
        *_provenance(),
    ),
)

CRITERIA_STATUS = Table(
    "criteria_status",
    "Whether one commune met one criterion of a named criteria set in a year.",
    (
        Col("commune_name", "string", "Commune name without the Xã prefix.", required=True),
        Col("province_name", "string", "Province (pre-2025 name).", required=True),
        Col("unit_code", "string", "Commune code in `admin_vintage` (blank when unmatched)."),
        Col("admin_vintage", "string", "Vintage of `unit_code`.", allowed=VINTAGES),
        Col("year", "Int64", "Year of the assessment.", required=True, minimum=1990, maximum=2100),
        Col("criteria_set", "string", "Criteria set the number belongs to.", required=True),
        Col(
            "criterion_no",
            "Int64",
            "Criterion number within `criteria_set`.",
            required=True,
            minimum=1,
        ),
        Col(
            "status",
            "string",
            "met, not_met or unknown.",
            required=True,
            allowed=CRITERION_STATUSES,
        ),
        *_provenance(),
    ),
)

FUNDING = Table(
    "funding",
    "Money for the programme by area (or unit), period and source of funds, in integer VND.",
    (
        *_area(),
        Col(
            "period",
            "string",
            "Year or year range the amount covers, e.g. 2024 or 2021-2025.",
            required=True,
            pattern=r"^\d{4}(-\d{4})?$",
        ),
        Col("year_start", "Int64", "Added by the build: first year of `period`."),
        Col("year_end", "Int64", "Added by the build: last year of `period`."),
        Col(
            "source_category",
            "string",
            "Source of funds. `central` / `provincial` = that budget not split into "
            "investment/recurrent (`*_investment`, `*_recurrent` = its parts); `total` = the "
            "stated all-source total.",
            required=True,
            allowed=FUNDING_CATEGORIES,
        ),
        Col(
            "flow",
            "string",
            "allocated, disbursed, mobilised or planned.",
            required=True,
            allowed=FUNDING_FLOWS,
        ),
        Col("amount_vnd", "Int64", "Amount.", unit="VND", required=True, minimum=0),
        Col("qualifier", "string", "How exact the amount is as stated.", allowed=QUALIFIERS),
        *_provenance(),
    ),
)

TARGETS = Table(
    "targets",
    "Targets, plans and registrations a source sets for an area and year.",
    (
        *_area(),
        Col(
            "year",
            "Int64",
            "Year by which the target is due.",
            required=True,
            minimum=1990,
            maximum=2100,
        ),
        Col(
            "measure",
            "string",
            "What is targeted, snake_case (same keys as `facts.measure`).",
            required=True,
            pattern=r"^[a-z][a-z0-9_]*$",
        ),
        Col("target_value", "float64", "The target.", unit="see `unit`", required=True),
        Col("unit", "string", "Unit of `target_value`.", required=True),
        Col(
            "qualifier",
            "string",
            "exact, at_least (phấn đấu trên …), at_most or approx.",
            allowed=QUALIFIERS,
        ),
        *_provenance(),
    ),
)

ELIGIBILITY = Table(
    "eligibility",
    "Which units take part in the commune NTM programme, by unit type or by unit, with the "
    "source that says so and the dates between which it holds. A unit row overrides its "
    "type's row.",
    (
        Col(
            "admin_vintage",
            "string",
            "Vintage of `unit_code`; blank for a unit-type row that holds in every vintage.",
            allowed=VINTAGES,
        ),
        Col("unit_code", "string", "The unit a unit row is about (blank for a unit-type row)."),
        Col("unit_name", "string", "Its full name, for readers (a unit row only)."),
        Col(
            "unit_type",
            "string",
            "The unit type a type row is about (Xã, Phường, Thị trấn, …); blank for a unit row.",
        ),
        Col(
            "in_programme",
            "boolean",
            "True when the units take part in the commune NTM programme, false when not.",
            required=True,
        ),
        Col(
            "valid_from",
            "string",
            "First date the row holds (ISO 8601); blank = no known start.",
            pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        ),
        Col(
            "valid_to",
            "string",
            "Last date the row holds (ISO 8601); blank = no known end.",
            pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        ),
        *_provenance(),
        Col(
            "note_vi",
            "string",
            "The `note` in Vietnamese (our own wording): the `eligibility_note` of Vietnamese "
            "outputs (`ntm status --lang vi`, maps, notebooks); blank = they show `note`.",
        ),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        SOURCES,
        UNITS,
        FACTS,
        COMMUNE_STATUS,
        CRITERIA_STATUS,
        FUNDING,
        TARGETS,
        ELIGIBILITY,
    )
}

REJECTS_COLUMNS = ("table", "raw_row", "column", "value", "reason")

# Columns the build adds; raw files must not carry them.
DERIVED = {"raw_row", "year_start", "year_end"}


def processed_columns(table: str) -> list[str]:
    """Columns of a processed table, in output order (dictionary order, then ``raw_row``)."""
    return [*TABLES[table].column_names, _RAW_ROW.name]


def raw_columns(table: str) -> list[str]:
    """Columns a raw CSV of ``table`` may carry."""
    return [c for c in TABLES[table].column_names if c not in DERIVED]


def dictionary_frame() -> pd.DataFrame:
    """The whole dictionary as one long table (table, column, type, unit, required, meaning)."""
    rows = []
    for t in TABLES.values():
        for c in (*t.columns, _RAW_ROW):
            meaning = c.meaning
            if c.allowed:
                meaning += " Allowed: " + ", ".join(c.allowed) + "."
            rows.append(
                {
                    "table": t.name,
                    "column": c.name,
                    "type": c.dtype,
                    "unit": c.unit,
                    "required": "yes" if c.required else "",
                    "meaning": meaning,
                }
            )
    return pd.DataFrame(rows)


def dictionary_markdown() -> str:
    """The dictionary as Markdown: one section per table with its column table."""
    df = dictionary_frame()
    parts = []
    for t in TABLES.values():
        parts.append(f"### `{t.name}`\n\n{t.description}")
        if t.key:
            parts[-1] += f" Key: {', '.join(f'`{k}`' for k in t.key)}."
        lines = ["| column | type | unit | required | meaning |", "|---|---|---|---|---|"]
        for r in df[df["table"] == t.name].itertuples():
            lines.append(f"| `{r.column}` | {r.type} | {r.unit} | {r.required} | {r.meaning} |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


START_MARK = "<!-- dictionary:start (generated by `ntm dictionary --update data/README.md`) -->"
END_MARK = "<!-- dictionary:end -->"


def update_markdown(path: Path) -> bool:
    """Rewrite the generated dictionary between the markers of ``path``; True if it changed."""
    text = path.read_text(encoding="utf-8")
    if START_MARK not in text or END_MARK not in text:
        raise ValueError(f"{path}: markers {START_MARK!r} … {END_MARK!r} not found")
    head, rest = text.split(START_MARK, 1)
    _, tail = rest.split(END_MARK, 1)
    new = f"{head}{START_MARK}\n\n{dictionary_markdown()}\n{END_MARK}{tail}"
    path.write_text(new, encoding="utf-8")
    return new != text


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``dictionary`` subcommand."""
    p = sub.add_parser(
        "dictionary",
        help="print the data dictionary (tables, columns, types, units, meanings)",
        description=(
            "Print the data dictionary of every table of the data model as Markdown (default) "
            "or CSV, or rewrite the generated section of a Markdown file (data/README.md)."
        ),
    )
    p.add_argument("--format", choices=["markdown", "csv"], default="markdown")
    p.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="rewrite the section between the dictionary markers of FILE",
    )
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    if args.update:
        changed = update_markdown(args.update)
        print(f"{args.update}: {'updated' if changed else 'already up to date'}")
    elif args.format == "csv":
        print(dictionary_frame().to_csv(index=False), end="")
    else:
        print(dictionary_markdown(), end="")
    return 0
