"""Data dictionary and schemas: complete, documented, readable errors."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.model import schemas
from ntm_analysis.model.dictionary import TABLES, dictionary_frame, dictionary_markdown
from ntm_analysis.paths import ROOT


def test_data_readme_embeds_the_current_dictionary():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert dictionary_markdown() in readme, (
        "data/README.md is out of date: paste dictionary_markdown() into it "
        "(ntm dictionary --update data/README.md)"
    )


def test_every_processed_column_has_a_dictionary_entry(built):
    out, _ = built
    entries = dictionary_frame()
    for table in TABLES:
        cols = pd.read_parquet(out / f"{table}.parquet").columns
        documented = set(entries.loc[entries["table"] == table, "column"])
        assert set(cols) == documented, table


def test_every_data_table_carries_provenance():
    for name, table in TABLES.items():
        cols = table.column_names
        assert "source_id" in cols, name
        if name != "sources":
            assert "source_locator" in cols, name


def test_coerce_reports_each_bad_cell():
    raw = pd.DataFrame({"year": ["2024", "20x4"], "value": ["1.5", "1,5"]}, dtype="string")
    typed, failures = schemas.coerce(raw, "facts")
    assert typed["year"].tolist()[0] == 2024 and pd.isna(typed["year"].iloc[1])
    assert failures["reason"].tolist() == [
        "year: '20x4' is not a whole number",
        "value: '1,5' is not a number (use a dot for decimals, no thousands separator)",
    ]


def test_schema_failures_name_column_value_and_rule():
    raw = pd.DataFrame(
        {
            "commune_name": ["Đồng Ý"],
            "province_name": ["Lạng Sơn"],
            "year": ["2023"],
            "record_kind": ["assessment"],
            "tier": ["nâng cao"],
            "source_id": ["doc"],
            "source_locator": ["II"],
        },
        dtype="string",
    )
    typed, _ = schemas.coerce(raw, "commune_status")
    typed["raw_row"] = pd.array(["x.csv:2"], dtype="string")
    fails = schemas.column_failures(typed, "commune_status")
    assert fails["reason"].tolist() == ["tier: 'nâng cao' is not one of none, ntm, advanced, model"]
