"""Each commune's NTM status: its tier, its criteria band, the criteria it has not met.

Reads the processed tables ``commune_status``, ``criteria_status`` and ``facts`` (as
`model.tables.load_tables` gives them) and answers per unit code of one admin vintage:

* `latest_status`: the tier the unit holds now, from recognitions and assessments, with the
  history of its records;
* `criteria_bands`: its band of the 19 basic criteria (19, 15–18, 10–14, < 10), from an exact
  count or from a band a source states;
* `unmet_criteria`: the criteria not met in its latest assessed year, by name;
* `predecessor_status`: for a 2025 unit, the statuses of the legacy communes it was formed
  from (statuses are recorded against legacy codes);
* `unit_status`: all of these in one frame.

Status classes are keys: the vocabulary's tiers, `TIER_UNKNOWN` for a record with a score but
no tier, and `NO_DATA` for a unit without any record (left to the caller: units without
records are absent from these frames, never dropped from a caller's unit list). Texts
(history, unmet criteria, predecessors) are written in ``lang`` with the vocabulary's tier
labels and the criteria reference's names.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ntm_analysis.lexicon import criteria, vocabulary

TIERS = vocabulary.keys("tiers", level="")  # commune tiers, lowest first
TIER_RANK = {t.key: t.order for t in vocabulary.terms("tiers") if t.key in TIERS}
TIER_UNKNOWN = "tier_unknown"
NO_DATA = "no_data"
# Every class a unit can be in, highest tier first.
TIER_CLASSES = (*reversed(TIERS), TIER_UNKNOWN, NO_DATA)
# Labels of the one class that is not a vocabulary tier and that status texts name.
CLASS_LABELS = {
    TIER_UNKNOWN: {"vi": "Có điểm số, chưa rõ mức", "en": "Scored, tier not stated"},
}

BANDS = ((19, 19, "19"), (15, 18, "15–18"), (10, 14, "10–14"), (0, 9, "< 10"))
BAND_OTHER = "other"  # a stated range that straddles two bands
BAND_SET_SIZE = 19  # bands are defined on the 19 criteria of the basic commune set

# Columns of the chosen record (`latest_status`), then of `unit_status` as a whole.
RECORD_COLUMNS = [
    "tier_class",
    "tier",
    "year",
    "record_kind",
    "model_field",
    "criteria_met",
    "criteria_total",
    "criteria_set",
    "history",
    "source_id",
    "source_locator",
]
STATUS_COLUMNS = [*RECORD_COLUMNS, "unmet", "band", "band_source", "predecessors"]


def tier_label(tier_class: str, lang: str = "vi") -> str:
    """Label of a tier (from the vocabulary) or of `TIER_UNKNOWN`.

    >>> tier_label("advanced"), tier_label("tier_unknown", "en")
    ('NTM nâng cao', 'Scored, tier not stated')
    """
    if tier_class in CLASS_LABELS:
        if lang not in vocabulary.LANGS:
            raise ValueError(f"lang must be one of {vocabulary.LANGS}, not {lang!r}")
        return CLASS_LABELS[tier_class][lang]
    return vocabulary.label("tiers", tier_class, lang)


def _frame(tables: dict[str, pd.DataFrame] | None, name: str, cols: Sequence[str]) -> pd.DataFrame:
    df = (tables or {}).get(name)
    if df is None or df.empty or not set(cols) <= set(df.columns):
        return pd.DataFrame(columns=list(cols))
    return df


def latest_status(commune_status: pd.DataFrame, vintage: str, lang: str = "vi") -> pd.DataFrame:
    """One row per unit code of ``vintage``: the status it holds, and its record history.

    Recognitions accumulate, so the highest recognised tier counts (the latest year among equal
    tiers; a recognition without a year still counts). An assessment replaces it when it is at
    least as recent as that recognition: a commune recognised under an old criteria set can be
    assessed below the new one. ``tier_class`` is the tier, or `TIER_UNKNOWN` for a row
    without one; ``history`` lists every record ("2022 NTM nâng cao, source; …").
    """
    cols = ["unit_code", "admin_vintage", "tier", "year", "record_kind", "source_id"]
    cs = commune_status
    if cs.empty or not set(cols) <= set(cs.columns):
        return pd.DataFrame(columns=["unit_code"]).set_index("unit_code")
    cs = cs[(cs["admin_vintage"] == vintage) & cs["unit_code"].notna()].copy()
    cs["rank"] = cs["tier"].map(TIER_RANK).astype("float64").fillna(-1)
    cs["year_key"] = pd.to_numeric(cs["year"], errors="coerce").astype("float64")
    rec = cs[cs["record_kind"] == "recognition"].sort_values(
        ["rank", "year_key"], na_position="first"
    )
    rec = rec.groupby("unit_code").tail(1).set_index("unit_code")
    ass = cs[cs["record_kind"] != "recognition"].sort_values(
        ["year_key", "rank"], na_position="first"
    )
    ass = ass.groupby("unit_code").tail(1).set_index("unit_code")
    rec_year = rec["year_key"].reindex(ass.index)
    use_ass = ass.index[~ass.index.isin(rec.index) | (ass["year_key"] >= rec_year)]
    best = pd.concat([rec.drop(index=use_ass, errors="ignore"), ass.loc[use_ass]])
    best["tier_class"] = best["tier"].where(best["tier"].isin(TIER_RANK), TIER_UNKNOWN)

    def _record(r: pd.Series) -> str:
        tier = tier_label(r["tier"] if r["tier"] in TIER_RANK else TIER_UNKNOWN, lang)
        year = "" if pd.isna(r["year_key"]) else f"{int(r['year_key'])}"
        score = (
            f" ({int(r['criteria_met'])}/{int(r['criteria_total'])})"
            if "criteria_met" in r
            and pd.notna(r["criteria_met"])
            and pd.notna(r.get("criteria_total"))
            else ""
        )
        return f"{year or '—'} {tier}{score}, {r['source_id']}"

    hist = cs.sort_values(["year_key", "rank"], na_position="first")
    best["history"] = hist.apply(_record, axis=1).groupby(hist["unit_code"]).agg("; ".join)
    best["n_records"] = hist.groupby("unit_code").size()
    return best


def _basic_sets() -> set[str]:
    sets = criteria.criteria_sets()
    size = pd.to_numeric(sets["size"], errors="coerce")
    keep = (sets["level"] == "commune") & (sets["tier"] == "ntm") & (size == BAND_SET_SIZE)
    return set(sets.loc[keep, "criteria_set"])


def band_of(low: float, high: float | None = None) -> str:
    """The band of a count (or a stated range) of basic criteria met.

    >>> band_of(19), band_of(14), band_of(5, 9), band_of(10, 18)
    ('19', '10–14', '< 10', 'other')
    """
    high = low if high is None or pd.isna(high) else high
    for lo, hi, name in BANDS:
        if lo <= low and high <= hi:
            return name
    return BAND_OTHER


def criteria_bands(tables: dict[str, pd.DataFrame] | None, vintage: str) -> pd.DataFrame:
    """Band per unit code: from exact counts of a 19-criterion basic set in ``commune_status``,
    else from the band a source states (``facts`` measures criteria_met_band_min / _max).

    Columns: band, band_source ("count" or "stated"), indexed by unit_code.
    """
    cs = _frame(
        tables,
        "commune_status",
        ["unit_code", "admin_vintage", "criteria_met", "criteria_set", "year"],
    )
    cs = cs[
        (cs["admin_vintage"] == vintage)
        & cs["criteria_met"].notna()
        & cs["criteria_set"].isin(_basic_sets())
    ]
    cs = cs.sort_values("year").groupby("unit_code").tail(1)
    counted = pd.DataFrame(
        {"band": [band_of(float(v)) for v in cs["criteria_met"]], "band_source": "count"},
        index=pd.Index(cs["unit_code"], name="unit_code"),
    )
    f = _frame(tables, "facts", ["measure", "admin_vintage", "area_code", "value"])
    f = f[(f["admin_vintage"] == vintage) & f["area_code"].notna()]
    lo = f[f["measure"] == "criteria_met_band_min"].groupby("area_code")["value"].last()
    hi = f[f["measure"] == "criteria_met_band_max"].groupby("area_code")["value"].last()
    stated = pd.DataFrame(
        {"band": [band_of(v, hi.get(c)) for c, v in lo.items()], "band_source": "stated"},
        index=pd.Index(lo.index, name="unit_code"),
    )
    return pd.concat([counted, stated[~stated.index.isin(counted.index)]])


def _criterion_name(criteria_set: str, no: int, lang: str) -> str:
    try:
        c = criteria.get_criterion(criteria_set, int(no))
    except (KeyError, ValueError):
        return str(no)
    return f"{no} {c.name_vi if lang == 'vi' else c.name_en}"


def unmet_criteria(criteria_status: pd.DataFrame, vintage: str, lang: str = "vi") -> pd.Series:
    """Criteria not met in each unit's latest assessed year, as "2 Giao thông; 6 Cơ sở…"."""
    cols = ["unit_code", "admin_vintage", "status", "criteria_set", "criterion_no", "year"]
    cr = criteria_status
    if cr.empty or not set(cols) <= set(cr.columns):
        return pd.Series(dtype="object")
    cr = cr[(cr["admin_vintage"] == vintage) & cr["unit_code"].notna()]
    latest = cr.groupby("unit_code")["year"].transform("max")
    cr = cr[(cr["year"] == latest) & (cr["status"] == "not_met")].sort_values("criterion_no")
    names = [
        _criterion_name(s, n, lang)
        for s, n in zip(cr["criteria_set"], cr["criterion_no"], strict=True)
    ]
    return pd.Series(names, index=cr.index).groupby(cr["unit_code"]).agg("; ".join)


def predecessor_status(tables: dict[str, pd.DataFrame] | None, lang: str = "vi") -> pd.DataFrame:
    """For each 2025 unit, the statuses of the legacy communes it was formed from.

    Statuses are recorded against legacy codes; a merged 2025 commune has no tier of its own,
    so its predecessors' are listed instead ("part" where only part of a legacy commune went
    into it). Columns: predecessors (text), n_predecessors, n_with_status; indexed by the
    2025 code.
    """
    from ntm_analysis.places import gazetteer

    cw = gazetteer.load_crosswalk()
    cw = cw[cw["legacy_level"] == "commune"]
    status = latest_status(_frame(tables, "commune_status", ["unit_code"]), "legacy", lang)
    n_all = cw.groupby("code_2025").size()
    known = cw[cw["legacy_code"].isin(status.index)].copy()
    out = pd.DataFrame({"n_predecessors": n_all})
    out["n_with_status"] = known.groupby("code_2025").size().reindex(out.index).fillna(0)
    out["n_with_status"] = out["n_with_status"].astype(int)
    if known.empty:
        out["predecessors"] = ""
        return out
    part = {"vi": "một phần", "en": "part"}[lang]
    best = status.reindex(known["legacy_code"])
    texts = []
    for (_, r), tier, year in zip(known.iterrows(), best["tier_class"], best["year"], strict=True):
        name = vocabulary.strip_unit_type(str(r["legacy_name"]), "commune")
        text = f"{name}: {tier_label(tier, lang)}"
        text += f" {int(year)}" if pd.notna(year) else ""
        main = pd.notna(r["is_main"]) and bool(r["is_main"])
        texts.append(text + (f" ({part})" if bool(r["is_split"]) and not main else ""))
    known["text"] = texts
    out["predecessors"] = known.groupby("code_2025")["text"].agg("; ".join).reindex(out.index)
    out["predecessors"] = out["predecessors"].fillna("")
    return out


def unit_status(
    tables: dict[str, pd.DataFrame] | None, vintage: str = "legacy", lang: str = "vi"
) -> pd.DataFrame:
    """Everything known about each unit's status, one row per unit code of ``vintage``.

    Columns `STATUS_COLUMNS`: the chosen record (`latest_status`), the unmet criteria, the
    criteria band and its source, and for 2025 units ``predecessors``, "k/n: " (k of the n
    legacy communes it was formed from have a status) followed by their statuses. Only units
    with something to say are listed; missing values are NA.
    """
    status = latest_status(_frame(tables, "commune_status", ["unit_code"]), vintage, lang)
    parts = {
        col: status[col] if col in status else pd.Series(dtype="object") for col in RECORD_COLUMNS
    }
    parts["unmet"] = unmet_criteria(_frame(tables, "criteria_status", ["unit_code"]), vintage, lang)
    bands = criteria_bands(tables, vintage)
    parts["band"], parts["band_source"] = bands["band"], bands["band_source"]
    parts["predecessors"] = pd.Series(dtype="object")
    if vintage == "2025":
        pred = predecessor_status(tables, lang)
        pred = pred[pred["n_with_status"] > 0]
        counts = pred["n_with_status"].astype(str) + "/" + pred["n_predecessors"].astype(str)
        parts["predecessors"] = counts + ": " + pred["predecessors"]
    out = pd.concat(parts, axis=1)
    out.index.name = "unit_code"
    return out
