"""Write facts as JSON lines or CSV, and check them against the JSON Schema of the contract."""

from __future__ import annotations

import json
from functools import cache
from typing import IO

from ntm_analysis.model.csv_files import SafeDictWriter
from ntm_analysis.paths import PACKAGE_DATA

SCHEMA_PATH = PACKAGE_DATA / "extract_fact.schema.json"
COMMON = ["source", "line", "page", "kind", "text", "confidence", "is_target"]
CSV_COLUMNS = [
    *COMMON,
    "unit_level", "tier", "count", "total", "pct", "pct_qualifier", "value", "measure", "qualifier",
    "commune", "district", "village", "scope", "field", "field_key", "code", "admin_vintage",
    "met", "of", "min_met", "max_met", "communes", "commune_codes", "criteria_set",
    "criterion_no", "criterion_name", "status", "source_category", "amount_vnd",
    "budget_type", "flow", "period", "per_commune", "per", "decision", "area", "area_level",
    "area_code", "year", "as_of",
]  # fmt: skip


class JsonLinesWriter:
    """One JSON object per line, UTF-8, diacritics kept."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, fact: dict) -> None:
        self.out.write(json.dumps(fact, ensure_ascii=False) + "\n")


class CsvWriter:
    """CSV with a fixed column set (`CSV_COLUMNS`); see `_cell` for how values are written."""

    def __init__(self, out: IO[str]) -> None:
        self.writer = SafeDictWriter(out, CSV_COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, fact: dict) -> None:
        self.writer.writerow({k: _cell(v) for k, v in fact.items()})


def _cell(value: object) -> object:
    """CSV text of a value: booleans as JSON's true/false, lists joined by ``|`` (an empty
    list as ``[]``, so that it differs from a missing value), None as an empty cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join("" if x is None else str(x) for x in value) if value else "[]"
    return value


def make_writer(fmt: str, out: IO[str]) -> JsonLinesWriter | CsvWriter:
    """A writer for ``jsonl`` or ``csv``."""
    return CsvWriter(out) if fmt == "csv" else JsonLinesWriter(out)


@cache
def schema() -> dict:
    """The JSON Schema of one output line."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
