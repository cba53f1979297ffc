"""Each commune's NTM status on a date, with what it rests on: the one status table that the
``ntm status`` command, the maps, the notebooks and the briefing read.

`status_table` gives one row per commune-level unit of an area and vintage:

* whether it is in the commune programme (`eligibility`: xã in, phường and thị trấn out,
  units a source excludes out), so that denominators count only those;
* its tier and the lowest tier it is known to hold (``tier`` / ``tier_at_least``), and the
  ``basis`` of that: ``stated`` (a recognition or an assessment of the unit itself),
  ``area_statement`` (a source says every commune of its province or district reached the
  tier: `area_statements`), ``predecessors`` (a 2025 commune, from the legacy communes it was
  formed from: `inheritance`), ``criteria_sheet`` (a score, no tier) or ``none``;
* its criteria met, set, band and unmet criteria (`criteria_progress`);
* the source of each, as an id and as a citation a reader can find.

How the tier is chosen, as of a date: recognitions and full area statements raise the floor
(a later statement of a higher tier supersedes an earlier recognition; at an equal tier the
unit's own record is shown); an assessment of the unit that states a tier resets it, so only
records after it count (a commune recognised under an old set can be assessed below the new
one). Nothing is estimated: a statement below the total leaves its communes unknown, and the
area's share is reported by `area_context` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ntm_analysis.analysis import area_statements, criteria_progress, eligibility, inheritance
from ntm_analysis.analysis.criteria_progress import BAND_OTHER, BANDS, band_of  # noqa: F401
from ntm_analysis.analysis.status_terms import (  # noqa: F401  (re-exported for callers)
    NO_DATA,
    OUT,
    SCOPE_UNKNOWN,
    TIER_RANK,
    TIER_UNKNOWN,
    TIERS,
    basis_label,
    tier_label,
    when,
)

PREDECESSORS = "predecessors"  # the class of a unit known only through its former communes
# Every class a unit can be drawn in, highest tier first.
STATUS_CLASSES = (*reversed(TIERS), PREDECESSORS, TIER_UNKNOWN, NO_DATA, SCOPE_UNKNOWN, OUT)
STATUS_TABLE_COLUMNS = [
    "unit_code",
    "unit_name",
    "unit_type",
    "province",
    "district",
    "region",
    "in_programme",
    "eligibility_basis",
    "eligibility_source_id",
    "eligibility_citation",
    "eligibility_note",
    "tier",
    "tier_at_least",
    "basis",
    "status_class",
    "as_of",
    "record_kind",
    "model_field",
    "source_id",
    "source_locator",
    "source_citation",
    "statement_area",
    "statement_note",
    "criteria_met",
    "criteria_total",
    "criteria_set",
    "criteria_basis",
    "criteria_source_id",
    "criteria_note",
    "band",
    "band_source",
    "unmet",
    "predecessor_floor",
    "predecessor_state",
    "predecessors_known",
    "predecessors_in_programme",
    "predecessors",
    "history",
]
_EVENT_COLUMNS = [
    "unit_code",
    "kind",
    "tier",
    "rank",
    "date",
    "date_text",
    "basis",
    "source_id",
    "source_locator",
    "model_field",
    "statement_area",
    "statement_note",
]
_UNDATED = pd.Timestamp("1900-01-01")  # a recognition without a year: before any dated record
_BASE_NOTE = {
    "vi": "nguồn nêu {total} xã; danh sách đơn vị này có {n} xã trong chương trình",
    "en": "the source counts {total} communes; this unit list has {n} in the programme",
}


def parse_as_of(as_of: object) -> pd.Timestamp | None:
    """The status date: an ISO date (any precision, taken at its end), a Timestamp, or None
    (every record, whatever its date)."""
    if as_of is None or as_of == "":
        return None
    if isinstance(as_of, pd.Timestamp):
        return as_of
    key = eligibility.date_key(as_of)
    if key is None:
        raise ValueError(f"as_of must be a date such as 2025-12-31, not {as_of!r}")
    return key


def _own_events(commune_status: pd.DataFrame, vintage: str, as_of: pd.Timestamp | None):
    """Recognitions and tier-stating assessments of the units themselves, as events."""
    need = ["unit_code", "admin_vintage", "tier", "year", "record_kind", "source_id"]
    cs = criteria_progress.frame({"c": commune_status}, "c", need)
    cs = cs[(cs["admin_vintage"] == vintage) & cs["unit_code"].notna() & cs["tier"].notna()]
    year = pd.to_numeric(cs["year"], errors="coerce")
    date = pd.to_datetime(year.astype("Int64").astype("string") + "-12-31", errors="coerce")
    if as_of is not None:
        keep = date.isna() | (date <= as_of)
        cs, date, year = cs[keep], date[keep], year[keep]
    return pd.DataFrame(
        {
            "unit_code": cs["unit_code"].astype(str).to_numpy(),
            "kind": cs["record_kind"].to_numpy(),
            "tier": cs["tier"].to_numpy(),
            "rank": cs["tier"].map(TIER_RANK).to_numpy(),
            "date": date.to_numpy(),
            "date_text": year.map(lambda y: "" if pd.isna(y) else str(int(y))).to_numpy(),
            "basis": "stated",
            "source_id": cs["source_id"].to_numpy(),
            "source_locator": cs.get("source_locator", pd.Series("", index=cs.index)).to_numpy(),
            "model_field": cs.get("model_field", pd.Series(pd.NA, index=cs.index)).to_numpy(),
            "statement_area": "",
            "statement_note": "",
        },
        columns=_EVENT_COLUMNS,
    )


def _statement_events(floors: pd.DataFrame, lang: str) -> pd.DataFrame:
    notes = []
    for total, n in zip(floors["stated_total"], floors["eligible_units"], strict=True):
        differs = pd.notna(total) and int(total) != int(n)
        notes.append(_BASE_NOTE[lang].format(total=int(total), n=n) if differs else "")
    return pd.DataFrame(
        {
            "unit_code": floors["unit_code"],
            "kind": "statement",
            "tier": floors["tier"],
            "rank": floors["tier"].map(TIER_RANK),
            "date": floors["date"],
            "date_text": floors["date_text"],
            "basis": "area_statement",
            "source_id": floors["source_id"],
            "source_locator": floors["source_locator"],
            "model_field": pd.NA,
            "statement_area": floors["area_name"],
            "statement_note": notes,
        },
        columns=_EVENT_COLUMNS,
    )


def choose_floor(events: pd.DataFrame, documents: set[str] | frozenset = frozenset()):
    """The deciding event per unit (indexed by unit_code), by the rules of the module doc.

    Among events of the same tier, the unit's own record wins, then the latest; on the same
    date a source in ``documents`` (an official document) wins over a web page.
    """
    if events.empty:
        return pd.DataFrame(columns=_EVENT_COLUMNS).set_index("unit_code")
    ev = events.assign(_date=pd.to_datetime(events["date"]).fillna(_UNDATED))
    is_assessment = ev["kind"] == "assessment"
    last = ev[is_assessment].groupby("unit_code")["_date"].max()
    reset = pd.to_datetime(ev["unit_code"].map(last.to_dict()))
    keep = reset.isna() | (ev["_date"] > reset) | (is_assessment & (ev["_date"] == reset))
    ev = ev[keep].assign(
        _own=(ev["basis"] == "stated").astype(int), _doc=ev["source_id"].isin(documents)
    )
    ev = ev.sort_values(["rank", "_own", "_date", "_doc"], kind="stable")
    helpers = ["_date", "_own", "_doc"]
    return ev.groupby("unit_code").tail(1).set_index("unit_code").drop(columns=helpers)


def _history(commune_status: pd.DataFrame, vintage: str, cites: dict[str, str], lang: str):
    """Every own record of each unit, oldest first: "2015 Đạt chuẩn NTM (source)"."""
    need = ["unit_code", "admin_vintage", "tier", "year", "source_id"]
    cs = criteria_progress.frame({"c": commune_status}, "c", need)
    cs = cs[(cs["admin_vintage"] == vintage) & cs["unit_code"].notna()]
    if cs.empty:
        return pd.Series(dtype="object")
    cs = cs.assign(_y=pd.to_numeric(cs["year"], errors="coerce")).sort_values("_y")

    def one(r: pd.Series) -> str:
        tier = tier_label(r["tier"] if r["tier"] in TIER_RANK else TIER_UNKNOWN, lang)
        met = r.get("criteria_met")
        score = f" ({int(met)}/{int(r['criteria_total'])})" if pd.notna(met) else ""
        year = "—" if pd.isna(r["_y"]) else str(int(r["_y"]))
        return f"{year} {tier}{score} ({cites.get(r['source_id'], r['source_id'])})"

    texts = cs.apply(one, axis=1)
    return texts.groupby(cs["unit_code"].astype(str)).agg("; ".join)


def citations(
    source_ids: Sequence[str], tables: dict[str, pd.DataFrame] | None, lang: str = "vi"
) -> dict[str, str]:
    """Source id -> a citation a reader can find (`model.citations.cite`); ids that the
    ``sources`` table does not hold are left out."""
    from ntm_analysis.model.citations import cite

    sources = (tables or {}).get("sources")
    ids = sorted({s for s in source_ids if isinstance(s, str) and s})
    if sources is None or sources.empty or not ids:
        return {}
    known = [s for s in ids if s in set(sources["source_id"])]
    return dict(zip(known, cite(known, sources, lang), strict=True))


def _status_source(out: pd.DataFrame) -> pd.Series:
    """The source a row's status rests on: the deciding record's, else (a score or a band
    without a tier) the criteria sheet's or the score's, else the stated band's."""
    source = out["source_id"].astype("object").where(out["source_id"].notna(), None)
    scored = out["basis"].isin(["criteria_sheet", "stated"]) & source.isna()
    source[scored] = out.loc[scored, "criteria_source_id"]
    if "band_source_id" in out:
        banded = (out["basis"] == "stated") & source.isna()
        source[banded] = out.loc[banded, "band_source_id"]
    return source.where(source.notna(), pd.NA)


def _unit_frame(units: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_code": units["unit_code"].astype(str).to_numpy(),
            "unit_name": units["unit_name"].astype(str).to_numpy(),
            "unit_type": units["unit_type"].astype("object").to_numpy(),
            "province": units["province_name"].fillna("").astype(str).to_numpy(),
            "district": units["district_name"].fillna("").astype(str).to_numpy(),
            "region": units["region"].fillna("").astype(str).to_numpy(),
            "province_code": units["province_code"].astype("object").to_numpy(),
            "parent_code": units["parent_code"].astype("object").to_numpy(),
        }
    )


def _status_class(out: pd.DataFrame) -> pd.Series:
    cls = pd.Series(NO_DATA, index=out.index, dtype="object")
    scored = (
        out["criteria_met"].notna()
        | (out["band"].astype("object").fillna("") != "")
        | (out["criteria_note"].astype("object").fillna("") != "")
    )
    cls[scored] = TIER_UNKNOWN
    cls[out["basis"] == "predecessors"] = PREDECESSORS
    has_tier = out["tier_at_least"].notna()
    cls[has_tier] = out.loc[has_tier, "tier_at_least"]
    cls[out["in_programme"].isna()] = SCOPE_UNKNOWN
    cls[out["in_programme"].eq(False).fillna(False).astype(bool)] = OUT
    return cls


def _basis(out: pd.DataFrame) -> pd.Series:
    basis = pd.Series("none", index=out.index, dtype="object")
    pred = out["predecessor_state"].isin(["all_known", "partly_known"])
    basis[pred] = "predecessors"
    has_score = out["criteria_basis"].notna()
    basis[has_score] = out.loc[has_score, "criteria_basis"]
    banded = (out["band"].astype("object").fillna("") != "") & ~has_score
    basis[banded] = "stated"
    basis[out["inherited_tier"].notna()] = "predecessors"
    own = out["event_basis"].notna()
    basis[own] = out.loc[own, "event_basis"]
    return basis


def _assemble(
    units: pd.DataFrame,
    tables: dict[str, pd.DataFrame] | None,
    vintage: str,
    as_of: pd.Timestamp | None,
    lang: str,
) -> pd.DataFrame:
    """The status table for ``units`` (gazetteer rows of one vintage)."""
    out = _unit_frame(units)
    elig = eligibility.unit_eligibility(
        out, eligibility.rules_frame(tables), vintage, as_of, lang
    ).set_axis(out.index)
    out = pd.concat([out, elig], axis=1)
    facts = (tables or {}).get("facts")
    statements = area_statements.area_statements(facts if facts is not None else pd.DataFrame())
    floors = area_statements.statement_floors(statements, out, vintage, as_of)
    cs = criteria_progress.frame(tables, "commune_status", ["unit_code"])
    events = pd.concat(
        [
            df
            for df in (_own_events(cs, vintage, as_of), _statement_events(floors, lang))
            if not df.empty
        ]
        or [pd.DataFrame(columns=_EVENT_COLUMNS)],
        ignore_index=True,
    )
    sources = criteria_progress.frame(tables, "sources", ["source_id", "kind"])
    documents = set(sources.loc[sources["kind"] == "document", "source_id"])
    best = choose_floor(events, documents).reindex(out["unit_code"]).set_axis(out.index)
    out["tier_at_least"] = best["tier"]
    out["event_basis"] = best["basis"]
    out["tier"] = best["tier"].where(best["basis"] == "stated")
    out["record_kind"] = best["kind"].where(best["basis"] == "stated")
    for col in ("model_field", "source_id", "source_locator", "statement_area", "statement_note"):
        out[col] = best[col]
    out["as_of"] = best["date_text"]
    year = None if as_of is None else as_of.year
    scores = criteria_progress.unit_criteria(tables, vintage, year, lang)
    out = out.join(scores, on="unit_code")
    bands = criteria_progress.unit_bands(tables, scores, vintage)
    out = out.join(bands, on="unit_code")
    crit = criteria_progress.frame(tables, "criteria_status", ["unit_code"])
    out["unmet"] = out["unit_code"].map(criteria_progress.unmet_criteria(crit, vintage, lang, year))
    return out


def _with_predecessors(
    out: pd.DataFrame,
    tables: dict[str, pd.DataFrame] | None,
    vintage: str,
    as_of: pd.Timestamp | None,
    lang: str,
) -> pd.DataFrame:
    """Attach what the legacy communes a 2025 unit was formed from say (2025 vintage only)."""
    for col in inheritance.SUMMARY_COLUMNS:
        out[col] = pd.NA
    if vintage != "2025":
        return out
    from ntm_analysis.places import gazetteer

    cw = gazetteer.load_crosswalk()
    cw = cw[cw["code_2025"].isin(out["unit_code"]) & (cw["legacy_level"] == "commune")]
    legacy = gazetteer.load_units("legacy")
    legacy = legacy[(legacy["level"] == "commune") & legacy["unit_code"].isin(cw["legacy_code"])]
    before = _finish(_assemble(legacy, tables, "legacy", as_of, lang), {}, lang)
    summary = inheritance.predecessor_summary(before.set_index("unit_code"), cw, vintage, lang)
    for col in inheritance.SUMMARY_COLUMNS:
        out[col] = out["unit_code"].map(summary[col])
    out["predecessors_known"] = out["n_known"]
    out["predecessors_in_programme"] = out["n_in_programme"]
    inherited = out["inherited_tier"].notna() & out["tier_at_least"].isna()
    out.loc[inherited, "tier_at_least"] = out.loc[inherited, "inherited_tier"]
    by_pred = out["tier_at_least"].isna() & out["predecessor_state"].isin(
        ["all_known", "partly_known"]
    )
    out.loc[by_pred, "as_of"] = out.loc[by_pred, "predecessor_as_of"]
    return out


def _finish(out: pd.DataFrame, cites: dict[str, str], lang: str) -> pd.DataFrame:
    for col in [*inheritance.SUMMARY_COLUMNS, "predecessors_known", "predecessors_in_programme"]:
        if col not in out:
            out[col] = pd.NA
    if "history" not in out:
        out["history"] = ""
    out["basis"] = _basis(out)
    # a score or a band dates the row when no tier does
    undated = out["basis"].isin(["stated", "criteria_sheet"]) & out["event_basis"].isna()
    score_year = out["criteria_year"].astype("Int64").astype("string")
    band_date = out["band_as_of"].astype("string") if "band_as_of" in out else score_year
    out.loc[undated, "as_of"] = score_year.fillna(band_date)[undated]
    out["status_class"] = _status_class(out)
    out["source_id"] = _status_source(out)
    out["source_citation"] = out["source_id"].map(cites)
    out["eligibility_citation"] = out["eligibility_source_id"].map(cites)
    out["source_locator"] = _reader_locators(out["source_locator"], lang)
    for col in ("as_of", "statement_note", "criteria_note", "unmet", "predecessors", "history"):
        out[col] = out[col].astype("object").where(out[col].notna(), "")
    return out[STATUS_TABLE_COLUMNS].reset_index(drop=True)


def _reader_locators(stored: pd.Series, lang: str) -> pd.Series:
    """Vietnamese locators with --lang vi (`model.citations.locator`: patterned ones worded in
    Vietnamese, URL fragments and identifiers as stored); English ones as stored."""
    if lang != "vi":
        return stored
    from ntm_analysis.model.citations import locator

    stored = stored.astype("object")
    return stored.map(lambda v: locator(v, lang)).where(stored.notna(), stored)


def status_table(
    tables: dict[str, pd.DataFrame] | None,
    area: str | Sequence[str] = "",
    vintage: str = "legacy",
    as_of: object = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """One row per commune-level unit of ``area`` in ``vintage`` with its status as of a date.

    Args:
        tables: The processed tables (`model.tables.load_tables`); missing tables mean no data.
        area: Province or district name(s), as `places.geo.resolve_areas` reads them (an
            ambiguous name raises `geo.AmbiguousArea` listing the candidates); "" = all.
        vintage: ``legacy`` (units before 1 Jul 2025) or ``2025``.
        as_of: Only records dated up to this date count (ISO date at any precision); None
            takes every record.
        lang: Language of the texts (history, notes, predecessors).

    Returns:
        `STATUS_TABLE_COLUMNS`; units are never dropped. ``status_class`` is the class the
        maps draw: a tier, ``predecessors``, ``tier_unknown``, ``no_data``,
        ``scope_unknown`` or ``out_of_programme``.
    """
    from ntm_analysis.places import geo

    when = parse_as_of(as_of)
    units = geo.select_communes(area, vintage)
    out = _assemble(units, tables, vintage, when, lang)
    out = _with_predecessors(out, tables, vintage, when, lang)
    used = [*out["source_id"].dropna(), *out["criteria_source_id"].dropna()]
    bands = out.get("band_source_id", pd.Series(dtype="object"))
    used += [*out["eligibility_source_id"].dropna(), *bands.dropna()]
    cs = criteria_progress.frame(tables, "commune_status", ["source_id"])
    cites = citations([*used, *cs["source_id"].dropna()], tables, lang)
    out["history"] = out["unit_code"].map(_history(cs, vintage, cites, lang))
    return _finish(out, cites, lang)


def in_programme(table: pd.DataFrame) -> pd.Series:
    """Mask of the rows that count in denominators."""
    return table["in_programme"].eq(True).fillna(False).astype(bool)


def summary_by(table: pd.DataFrame, by: str | Sequence[str] = "region") -> pd.DataFrame:
    """Units per group × status class × basis, with the programme's denominator per group.

    Rows outside the programme are counted in their own class and never in ``denominator``.
    Notebook 02 reads the East/West split from here (``by="region"``).
    """
    keys = [by] if isinstance(by, str) else list(by)
    counts = (
        table.groupby([*keys, "status_class", "basis"], dropna=False)
        .size()
        .rename("units")
        .reset_index()
    )
    denom = table[in_programme(table)].groupby(keys).size().rename("denominator")
    return counts.join(denom, on=keys).fillna({"denominator": 0}).astype({"denominator": int})


def data_date(table: pd.DataFrame, lang: str = "vi") -> str:
    """The latest date any shown status rests on, written for readers ("tháng 11/2025")."""
    dates = [d for d in table["as_of"] if d]
    if not dates:
        return ""
    # ranked by the start of each date, so "28/11/2023" counts as later than "2023"
    latest = max(dates, key=lambda d: eligibility.date_key(d, end=False) or _UNDATED)
    return when(latest, lang)


def area_context(
    tables: dict[str, pd.DataFrame] | None,
    area: str | Sequence[str],
    vintage: str = "legacy",
    as_of: object = None,
) -> pd.DataFrame:
    """What sources state about the areas of a table or map as a whole (latest per tier).

    The areas are those `geo.resolve_areas` finds; on a 2025 map, the legacy provinces its
    units were formed from are added. Statements below the total are the areas' shares; they
    are never put on the communes.
    """
    from ntm_analysis.places import gazetteer, geo

    resolved = geo.resolve_areas(area, vintage)
    areas = resolved[["level", "code"]].assign(vintage=vintage)
    if vintage == "2025":
        units = geo.select_communes(area, vintage)
        cw = gazetteer.load_crosswalk()
        legacy = gazetteer.load_units("legacy")
        olds = cw.loc[cw["code_2025"].isin(units["unit_code"]), "legacy_code"]
        provs = legacy.loc[legacy["unit_code"].isin(olds), "province_code"].dropna().unique()
        areas = pd.concat(
            [areas, pd.DataFrame({"level": "province", "code": provs, "vintage": "legacy"})]
        )
    facts = (tables or {}).get("facts")
    statements = area_statements.area_statements(facts if facts is not None else pd.DataFrame())
    return area_statements.area_figures(statements, areas, parse_as_of(as_of))
