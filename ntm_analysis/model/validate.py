"""Row and table rules of the data model, beyond what the column schemas express.

A rule is a plain function ``(frame, context) -> boolean mask`` of offending rows; `RULES`
lists them per table with the reason each rejected row gets. `context` carries the other
tables a rule may need (known source ids, the criteria reference).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ntm_analysis.lexicon import criteria
from ntm_analysis.model.dictionary import TABLES


@dataclass
class Context:
    """What cross-table rules need to know."""

    source_ids: set[str] = field(default_factory=set)


Rule = Callable[[pd.DataFrame, Context], pd.Series]


def _code_without_vintage(code_col: str) -> Rule:
    def rule(df: pd.DataFrame, ctx: Context) -> pd.Series:
        return df[code_col].notna() & df["admin_vintage"].isna()

    return rule


def duplicate_key(table: str) -> Rule:
    """Rows repeating the key of an earlier row of the same table."""

    def rule(df: pd.DataFrame, ctx: Context) -> pd.Series:
        return df.duplicated(subset=list(TABLES[table].key), keep="first")

    return rule


def unknown_source(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Rows whose source_id is not registered in `sources`."""
    return df["source_id"].notna() & ~df["source_id"].isin(ctx.source_ids)


def undated_fact(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Facts with neither a year, an as-of date nor a period."""
    return df["year"].isna() & df["as_of"].isna() & df["period"].isna()


def percent_out_of_range(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Percentages outside 0–100."""
    return (df["unit"] == "pct") & ((df["value"] < 0) | (df["value"] > 100))


def met_above_total(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """More criteria met than the total stated."""
    both = df["criteria_met"].notna() & df["criteria_total"].notna()
    return both & (df["criteria_met"] > df["criteria_total"])


def score_without_set(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """A criteria count with no criteria set to say what it counts."""
    return (df["criteria_met"].notna() | df["criteria_total"].notna()) & df["criteria_set"].isna()


def unknown_set(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Criteria set ids not in the criteria reference."""
    known = set(criteria.known_sets())
    return df["criteria_set"].notna() & ~df["criteria_set"].isin(known)


def total_not_set_size(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """criteria_total differs from the size of its (known) set."""
    sizes = criteria.criteria_sets().set_index("criteria_set")["size"]
    size = df["criteria_set"].map(sizes).astype("Int64")
    return (df["criteria_total"].notna() & size.notna() & (df["criteria_total"] != size)).astype(
        bool
    )


def undated_assessment(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Assessments need a year (a recognition may lack one when its source gives none)."""
    return (df["record_kind"] == "assessment") & df["year"].isna()


def neither_tier_nor_score(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Rows that state neither a tier nor a criteria score: nothing to record."""
    return df["tier"].isna() & df["criteria_met"].isna()


def field_without_model(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """A model field on a row whose tier is not model."""
    return df["model_field"].notna() & (df["tier"] != "model")


def criterion_not_in_set(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Criterion numbers that do not exist in their (known) set."""
    pairs = df[["criteria_set", "criterion_no"]].dropna().drop_duplicates()
    bad = {
        (s, int(n))
        for s, n in pairs.itertuples(index=False)
        if s in set(criteria.known_sets()) and not criteria.is_valid_number(s, int(n))
    }
    if not bad:
        return pd.Series(False, index=df.index)
    keys = pd.Series(list(zip(df["criteria_set"], df["criterion_no"])), index=df.index)
    return keys.isin(bad)


def duplicate_assessment(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """A second row for the same commune, year, set and criterion from the same source.

    The commune is its code when it has one (two communes of a province may share a name).
    """
    unit = df["unit_code"].astype("string").fillna("name:" + df["commune_name"].astype("string"))
    key = ["province_name", "year", "criteria_set", "criterion_no", "source_id"]
    return df[key].assign(_unit=unit).duplicated(keep="first")


def period_reversed(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Periods such as 2025-2021 whose end precedes their start."""
    return df["year_end"].notna() & (df["year_end"] < df["year_start"])


def unit_and_type_both_or_neither(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Eligibility rows naming both a unit and a unit type, or neither."""
    return df["unit_code"].isna() == df["unit_type"].isna()


def validity_reversed(df: pd.DataFrame, ctx: Context) -> pd.Series:
    """Rows whose ``valid_to`` precedes their ``valid_from`` (ISO dates compare as text)."""
    both = df["valid_from"].notna() & df["valid_to"].notna()
    return both & (df["valid_to"].astype(str) < df["valid_from"].astype(str))


@dataclass(frozen=True)
class RuleSpec:
    """A rule, the column it concerns and the reason given to rows it rejects."""

    rule: Rule
    column: str
    reason: str


_PROVENANCE = [RuleSpec(unknown_source, "source_id", "source_id is not registered in sources")]
_AREA = [
    RuleSpec(
        _code_without_vintage("area_code"),
        "admin_vintage",
        "admin_vintage is required when area_code is given",
    )
]

RULES: dict[str, list[RuleSpec]] = {
    "sources": [
        RuleSpec(
            duplicate_key("sources"),
            "source_id",
            "duplicate key: source_id already registered by an earlier row",
        )
    ],
    "units": [
        RuleSpec(
            duplicate_key("units"),
            "unit_code",
            "duplicate key: admin_vintage + unit_code already used by an earlier row",
        ),
        *_PROVENANCE,
    ],
    "facts": [
        *_PROVENANCE,
        *_AREA,
        RuleSpec(undated_fact, "year", "a year, as_of date or period is required"),
        RuleSpec(percent_out_of_range, "value", "a percentage must lie between 0 and 100"),
    ],
    "commune_status": [
        *_PROVENANCE,
        RuleSpec(
            _code_without_vintage("unit_code"),
            "admin_vintage",
            "admin_vintage is required when unit_code is given",
        ),
        RuleSpec(unknown_set, "criteria_set", "criteria_set is not in the criteria reference"),
        RuleSpec(
            score_without_set,
            "criteria_set",
            "criteria_set is required when criteria_met or criteria_total is given",
        ),
        RuleSpec(met_above_total, "criteria_met", "criteria_met is larger than criteria_total"),
        RuleSpec(
            total_not_set_size,
            "criteria_total",
            "criteria_total differs from the number of criteria in criteria_set",
        ),
        RuleSpec(field_without_model, "model_field", "model_field is only for tier model"),
        RuleSpec(neither_tier_nor_score, "tier", "a tier or a criteria_met count is required"),
    ],
    "criteria_status": [
        *_PROVENANCE,
        RuleSpec(
            _code_without_vintage("unit_code"),
            "admin_vintage",
            "admin_vintage is required when unit_code is given",
        ),
        RuleSpec(unknown_set, "criteria_set", "criteria_set is not in the criteria reference"),
        RuleSpec(
            criterion_not_in_set, "criterion_no", "criterion_no does not exist in criteria_set"
        ),
        RuleSpec(
            duplicate_assessment,
            "criterion_no",
            "duplicate: same commune, year, set, criterion and source as an earlier row",
        ),
    ],
    "funding": [
        *_PROVENANCE,
        *_AREA,
        RuleSpec(period_reversed, "period", "period ends before it starts"),
    ],
    "targets": [*_PROVENANCE, *_AREA],
    "eligibility": [
        *_PROVENANCE,
        RuleSpec(
            _code_without_vintage("unit_code"),
            "admin_vintage",
            "admin_vintage is required when unit_code is given",
        ),
        RuleSpec(
            unit_and_type_both_or_neither,
            "unit_type",
            "a row names either a unit (unit_code) or a unit type (unit_type), not both or neither",
        ),
        RuleSpec(validity_reversed, "valid_to", "valid_to is before valid_from"),
    ],
}


def rule_failures(df: pd.DataFrame, table: str, ctx: Context) -> pd.DataFrame:
    """Apply the table's rules; one row per (offending row, rule) with its reason."""
    rows = []
    for spec in RULES[table]:
        mask = spec.rule(df, ctx).fillna(False).astype(bool)
        for idx in df.index[mask]:
            value = df.at[idx, spec.column]
            rows.append((idx, spec.column, None if pd.isna(value) else value, spec.reason))
    return pd.DataFrame(rows, columns=["index", "column", "value", "reason"])
