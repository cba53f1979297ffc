"""The new Hải Phòng's two parts, East (old Hải Phòng, legacy code 31) and West (old Hải
Dương, legacy code 30): tier shares with their bases, the bases reconciled step by step, each
part's latest count on its own base side by side (never pooled into one rate), the East's
districts and the readings of a share whose base no source prints.

Nothing here estimates. A share is stated, or computed from a count and a total of one
statement; a base is "stated" when the statement gives it, "reconciled" when a count a source
states over a base the gazetteer gives reproduces the printed share exactly, and "not stated"
otherwise. Readings of an unprinted base are leads (`share_readings`), never conclusions.
The two parts measured their communes against different local criteria for 2021–2025
(`criteria_differ`), so their shares are not on one standard.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.analysis.findings import decimals, same_as_printed
from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold

PARTS = {"31": "east", "30": "west"}  # legacy province code -> part of the new city
TIERS = tuple(t for t in vocabulary.keys("tiers", level="") if t != "none")
XA = "Xã"
POINT_COLUMNS = [
    "area",
    "tier",
    "date",
    "share_pct",
    "basis",
    "count",
    "base",
    "base_basis",
    "sources",
    "raw_rows",
]


def part_names(units: pd.DataFrame) -> list[str]:
    """The legacy provinces that form the new city, East first (as the units table names them)."""
    prov = units[(units["admin_vintage"] == "legacy") & (units["level"] == "province")]
    names = prov.set_index("unit_code")["unit_name"]
    return [str(names[c]) for c in PARTS if c in names.index]


def _part_facts(facts: pd.DataFrame) -> pd.DataFrame:
    f = facts[
        (facts["admin_vintage"] == "legacy")
        & facts["area_code"].isin(list(PARTS))
        & (facts["area_level"] == "province")
        & facts["period"].isna()
    ]
    return f.assign(area=f["area_code"].map(PARTS), date=dating.stated_dates(f))


def _statement(row: pd.Series, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of the same source and part whose date agrees with ``row``'s up to precision."""
    same = rows[(rows["source_id"] == row["source_id"]) & (rows["area"] == row["area"])]
    keep = [dating.same_up_to_precision(row["date"], d) for d in same["date"]]
    return same[pd.Series(keep, index=same.index, dtype=bool)]


def _raw_points(f: pd.DataFrame) -> list[dict]:
    points = []
    totals = f[f["measure"] == "communes_total"]
    for tier in TIERS:
        counts = f[f["measure"] == f"communes_{tier}"]
        pcts = f[f["measure"] == f"communes_{tier}_pct"]
        for _, p in pcts.iterrows():
            c, t = _statement(p, counts), _statement(p, totals)
            both = not c.empty and not t.empty
            points.append(
                {
                    "area": p["area"],
                    "tier": tier,
                    "date": p["date"],
                    "share_pct": float(p["value"]),
                    "basis": "stated",
                    "count": float(c.iloc[0]["value"]) if both else None,
                    "base": float(t.iloc[0]["value"]) if both else None,
                    "base_basis": "stated" if both else "not stated",
                    "sources": [p["source_id"]],
                    "raw_rows": [p["raw_row"]] + ([c.iloc[0]["raw_row"]] if both else []),
                }
            )
        for _, c in counts.iterrows():
            t = _statement(c, totals)
            if t.empty or not _statement(c, pcts).empty or not t.iloc[0]["value"]:
                continue
            base = float(t.iloc[0]["value"])
            points.append(
                {
                    "area": c["area"],
                    "tier": tier,
                    "date": c["date"],
                    "share_pct": float(c["value"]) / base * 100,
                    "basis": "computed",
                    "count": float(c["value"]),
                    "base": base,
                    "base_basis": "stated",
                    "sources": [c["source_id"]],
                    "raw_rows": [c["raw_row"], t.iloc[0]["raw_row"]],
                }
            )
    return points


def _same_point(a: dict, b: dict) -> bool:
    """One statement made twice: same part, tier, share as printed, base and date."""
    bases = a["base"] is None or b["base"] is None or a["base"] == b["base"]
    return (
        a["area"] == b["area"]
        and a["tier"] == b["tier"]
        and bases
        and dating.same_up_to_precision(a["date"], b["date"])
        and same_as_printed(round(a["share_pct"], 1), round(b["share_pct"], 1))
    )


def _merge(kept: dict, p: dict) -> None:
    kept["sources"] += [s for s in p["sources"] if s not in kept["sources"]]
    kept["raw_rows"] += [r for r in p["raw_rows"] if r not in kept["raw_rows"]]
    if len(p["date"]) > len(kept["date"]):
        kept["date"] = p["date"]
    if kept["base"] is None and p["base"] is not None:
        kept.update(count=p["count"], base=p["base"], base_basis=p["base_basis"])
    if kept["basis"] == "computed" and p["basis"] == "stated":
        kept.update(basis="stated", share_pct=p["share_pct"])


def share_points(facts: pd.DataFrame, as_of: str | None = None) -> pd.DataFrame:
    """Every tier share stated or computed for the East and the West, one point per statement.

    A share that two rows state for the same part, tier and date (up to precision) with the
    same base is one point listing both sources, so the same 100 % of end-2024 is not drawn
    twice. Points dated after ``as_of`` are left out. Columns: `POINT_COLUMNS`.
    """
    kept: list[dict] = []
    for p in sorted(_raw_points(_part_facts(facts)), key=lambda d: (d["date"], d["basis"])):
        match = next((k for k in kept if _same_point(k, p)), None)
        if match is None:
            kept.append({**p, "sources": list(p["sources"]), "raw_rows": list(p["raw_rows"])})
        else:
            _merge(match, p)
    out = pd.DataFrame(kept, columns=POINT_COLUMNS)
    if as_of is not None and len(out):
        end = dating.span(as_of)[1]
        out = out[[dating.span(d)[0] <= end for d in out["date"]]]
    out["sources"] = out["sources"].map("; ".join)
    out["raw_rows"] = out["raw_rows"].map("; ".join)
    return out.sort_values(["area", "tier", "date"]).reset_index(drop=True)


def _units(units: pd.DataFrame, vintage: str, code: str | None = None) -> pd.DataFrame:
    u = units[(units["level"] == "commune") & (units["admin_vintage"] == vintage)]
    if vintage == "2025":
        return u[u["region"].str.lower() == PARTS[code]] if code else u[u["region"].notna()]
    return u[u["province_code"] == code]


def _excepted(facts: pd.DataFrame) -> pd.DataFrame:
    """The communes the East's 2025 model target leaves out, as the 2024 conclusions name them."""
    return facts[facts["measure"] == "commune_excepted_from_model_target"]


def _stated_rows(facts: pd.DataFrame, code: str, measure: str) -> pd.DataFrame:
    return facts[
        (facts["area_code"] == code)
        & (facts["admin_vintage"] == "legacy")
        & (facts["area_level"] == "province")
        & (facts["measure"] == measure)
    ].sort_values("raw_row")


def _stated(facts: pd.DataFrame, code: str, measure: str) -> pd.Series | None:
    rows = _stated_rows(facts, code, measure)
    return rows.iloc[0] if len(rows) else None


def _check(facts: pd.DataFrame, code: str, measure: str, value: int) -> tuple:
    """(rows stating ``measure`` for the part, whether they all state ``value``)."""
    rows = _stated_rows(facts, code, measure)
    if rows.empty:
        return None, None
    return "; ".join(rows["raw_row"]), bool((rows["value"] == value).all())


BASE_COLUMNS = ["area", "base_id", "value", "basis", "sources", "checked_against", "agrees"]


def bases(units: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The commune bases of each part, step by step, each with where it comes from.

    East: the xã of the pre-2023 list, less the four Cát Hải communes the 2024 conclusions
    leave out, against the 137 the city states; the xã left when An Dương and Thủy Nguyên
    became urban in January 2025 (the legacy list), against the count a page states for that
    date; the same less the four. West: the xã of the pre-2023 and legacy lists. ``agrees``
    compares a gazetteer count with the figure a source states for it.
    """
    rows = []
    excepted = _excepted(facts)
    for code, area in PARTS.items():
        pre = _units(units, "pre2023", code)
        legacy = _units(units, "legacy", code)
        pre_xa, legacy_xa = pre[pre["unit_type"] == XA], legacy[legacy["unit_type"] == XA]
        gaz = ";".join(sorted(set(pre["source_id"]) | set(legacy["source_id"])))
        rows.append((area, "pre2023_xa", len(pre_xa), "gazetteer", gaz, None, None))
        checked = _check(facts, code, "units_xa", len(legacy_xa))
        rows.append((area, "legacy_xa", len(legacy_xa), "gazetteer", gaz, *checked))
        out_pre = pre_xa[pre_xa["unit_code"].isin(excepted["area_code"])]
        out_legacy = legacy_xa[legacy_xa["unit_code"].isin(excepted["area_code"])]
        if out_pre.empty:
            continue
        src = ";".join(sorted(set(excepted["source_id"])))
        computed = len(pre_xa) - len(out_pre)
        rows.append((area, "excepted", len(out_pre), "stated", src, None, None))
        checked = _check(facts, code, "communes_total", computed)
        rows.append(
            (area, "pre2023_xa_less_excepted", computed, "computed", f"{gaz};{src}", *checked)
        )
        rows.append(
            (
                area,
                "legacy_xa_less_excepted",
                len(legacy_xa) - len(out_legacy),
                "computed",
                f"{gaz};{src}",
                None,
                None,
            )
        )
    return pd.DataFrame(rows, columns=BASE_COLUMNS)


def base_value(table: pd.DataFrame, area: str, base_id: str) -> float | None:
    """One base of `bases` by part and id (None when absent)."""
    hit = table[(table["area"] == area) & (table["base_id"] == base_id)]
    return None if hit.empty else float(hit.iloc[0]["value"])


def _district_key(name: object) -> str:
    text = fold(str(name or ""))
    for prefix in ("thanh pho ", "thi xa ", "quan ", "huyen "):
        text = text.removeprefix(prefix)
    return text


def xa_by_district(units: pd.DataFrame, code: str = "31") -> pd.DataFrame:
    """Xã per district of one old province in the pre-2023 and the legacy list.

    Shows where the xã went between the two lists: districts that became urban (wards only or
    nearly) and communes merged. ``type_legacy`` is the district's type in the legacy list.
    """
    frames = {}
    for vintage in ("pre2023", "legacy"):
        u = _units(units, vintage, code)
        keys = u["district_name"].map(_district_key)
        frames[vintage] = u[u["unit_type"] == XA].groupby(keys[u["unit_type"] == XA]).size()
    out = pd.DataFrame(frames).fillna(0).astype(int)
    d = units[
        (units["level"] == "district")
        & (units["admin_vintage"] == "legacy")
        & (units["province_code"] == code)
    ]
    d = d.assign(key=d["unit_name_short"].map(_district_key)).set_index("key")
    out["district"] = [d["unit_name_short"].get(k, k) for k in out.index]
    out["type_legacy"] = [d["unit_type"].get(k, "") for k in out.index]
    out["change"] = out["legacy"] - out["pre2023"]
    return out.reset_index(drop=True)[["district", "type_legacy", "pre2023", "legacy", "change"]]


def units_2025(units: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The new city's commune-level units by part and type after July 2025.

    ``gazetteer_type`` counts the package's unit type, ``gazetteer_name`` the type written in
    the unit's name, ``stated`` what a page states for the units formed from each old province;
    a difference between the first two is a data error in the package, listed by
    `type_conflicts`.
    """
    rows = []
    measures = {XA: "successor_units_xa", "Phường": "successor_units_phuong"}
    measures["Đặc khu"] = "successor_units_dac_khu"
    for code, area in PARTS.items():
        u = _units(units, "2025", code)
        by_name = u["unit_name"].map(_type_in_name)
        for utype, measure in measures.items():
            stated = _stated(facts, code, measure)
            rows.append(
                (
                    area,
                    utype,
                    int((u["unit_type"] == utype).sum()),
                    int((by_name == utype).sum()),
                    None if stated is None else stated["value"],
                    None if stated is None else stated["source_id"],
                )
            )
    cols = ["area", "unit_type", "gazetteer_type", "gazetteer_name", "stated", "source_id"]
    return pd.DataFrame(rows, columns=cols)


def _type_in_name(name: str) -> str:
    for utype in ("Đặc khu", "Phường", XA):
        if str(name).startswith(utype + " "):
            return utype
    return ""


def type_conflicts(units: pd.DataFrame) -> pd.DataFrame:
    """2025 units of the new city whose package type contradicts the type in their name."""
    u = _units(units, "2025")
    named = u["unit_name"].map(_type_in_name)
    bad = u[(named != "") & (named != u["unit_type"])]
    return bad[["unit_code", "unit_name", "unit_type", "region"]].reset_index(drop=True)


def reconcile(points: pd.DataFrame, facts: pd.DataFrame, base_table: pd.DataFrame) -> pd.DataFrame:
    """For each share printed without a base: the stated counts of that part and tier, dated no
    later than the share, that reproduce it over a gazetteer base (``reproduces``).

    Returns ``area, tier, date, share_pct, count, count_date, count_source, count_row, base_id,
    base, computed_pct, reproduces``.
    """
    f = _part_facts(facts)
    rows = []
    # 0 % and 100 % hold on any base, so they say nothing about which base was used
    open_ = points[(points["base_basis"] == "not stated") & ~points["share_pct"].isin([0, 100])]
    for p in open_.itertuples():
        counts = f[(f["measure"] == f"communes_{p.tier}") & (f["area"] == p.area)]
        counts = counts[[not dating.before(p.date, d) for d in counts["date"]]]
        for c in counts.itertuples():
            for b in base_table[base_table["area"] == p.area].itertuples():
                if b.base_id == "excepted" or not b.value:
                    continue
                pct = c.value / b.value * 100
                rows.append(
                    (
                        p.area,
                        p.tier,
                        p.date,
                        p.share_pct,
                        c.value,
                        c.date,
                        c.source_id,
                        c.raw_row,
                        b.base_id,
                        b.value,
                        pct,
                        same_as_printed(p.share_pct, round(pct, decimals(p.share_pct) + 2)),
                    )
                )
    cols = ["area", "tier", "date", "share_pct", "count", "count_date", "count_source"]
    cols += ["count_row", "base_id", "base", "computed_pct", "reproduces"]
    return pd.DataFrame(rows, columns=cols)


def with_reconciled_bases(points: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """`share_points` with the base of an unprinted share filled where exactly one stated count
    over one gazetteer base reproduces it (``base_basis`` "reconciled"); ``count_date`` is the
    date of the count (the point's own date when its base is stated), ``count_rows`` the rows
    stating count and base."""
    known = points["base_basis"] != "not stated"
    out = points.assign(
        count_date=points["date"].where(known), count_rows=points["raw_rows"].where(known)
    )
    good = matches[matches["reproduces"]]
    for i, p in out.iterrows():
        if p["base_basis"] != "not stated":
            continue
        hit = good[(good["area"] == p["area"]) & (good["tier"] == p["tier"])]
        hit = hit[hit["date"] == p["date"]]
        if len(hit.drop_duplicates(["count", "base"])) == 1:
            out.loc[i, ["count", "base", "base_basis", "count_date", "count_rows"]] = [
                hit.iloc[0]["count"],
                hit.iloc[0]["base"],
                "reconciled",
                hit.iloc[0]["count_date"],
                "; ".join(hit["count_row"]),
            ]
    return out


MERGED_COLUMNS = [
    "tier",
    "east_count",
    "east_base",
    "east_date",
    "east_base_basis",
    "east_rows",
    "west_count",
    "west_base",
    "west_date",
    "west_base_basis",
    "west_rows",
]


def merged_shares(
    points: pd.DataFrame, tiers: Iterable[str] = ("advanced", "model")
) -> pd.DataFrame:
    """Each part's latest count per tier on its own base, side by side (``east_*``,
    ``west_*``), for the tiers both parts give.

    Each part contributes its latest point with a known base (stated or reconciled, from
    `with_reconciled_bases`); ``*_date`` is the date of its count. No pooled rate of the
    merged city: the parts were measured against different criteria (`criteria_differ`) and
    at different dates, so their counts and bases are on different bases and never added.
    """
    rows = []
    known = points[points["base_basis"].isin(["stated", "reconciled"])]
    for tier in tiers:
        parts = {}
        for area in PARTS.values():
            d = known[(known["tier"] == tier) & (known["area"] == area)]
            if d.empty:
                break
            d = d.assign(start=[dating.span(x)[0] for x in d["date"]]).sort_values("start")
            parts[area] = d.iloc[-1]
        if len(parts) < len(PARTS):
            continue
        e, w = parts["east"], parts["west"]
        east = (e["count"], e["base"], e["count_date"], e["base_basis"], e["count_rows"])
        west = (w["count"], w["base"], w["count_date"], w["base_basis"], w["count_rows"])
        rows.append((tier, *east, *west))
    return pd.DataFrame(rows, columns=MERGED_COLUMNS)


def share_readings(share_pct: float, base_table: pd.DataFrame, area: str) -> pd.DataFrame:
    """Leads: for each base of a part, the whole counts that reproduce a printed share.

    A base with no such count cannot be the share's base; one with a count is a possible
    reading, not a finding. Returns ``base_id, base, count, computed_pct``.
    """
    rows = []
    places = decimals(share_pct)
    for b in base_table[base_table["area"] == area].itertuples():
        if b.base_id == "excepted" or not b.value:
            continue
        for count in range(int(b.value) + 1):
            pct = count / b.value * 100
            if round(pct, places) == round(share_pct, places):
                rows.append((b.base_id, b.value, count, pct))
    return pd.DataFrame(rows, columns=["base_id", "base", "count", "computed_pct"])


def east_districts(units: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The East's rural districts before the reform and what the sources say of each.

    ``dossier_2024`` (the 2024 conclusions: advanced-district dossier sent to the centre),
    ``advanced_year``/``advanced_source`` (a page stating the advanced recognition).
    """
    d = units[
        (units["level"] == "district")
        & (units["admin_vintage"] == "legacy")
        & (units["province_code"] == "31")
        & (units["unit_type"] == "Huyện")
    ]
    f = facts[facts["area_level"] == "district"]
    rows = []
    for r in d.sort_values("unit_code").itertuples():
        own = f[(f["area_code"] == r.unit_code) & (f["admin_vintage"] == "legacy")]
        dossier = own[own["measure"] == "district_advanced_dossier"]
        advanced = own[own["measure"] == "district_advanced_recognised"]
        rows.append(
            (
                r.unit_name_short,
                r.unit_code,
                not dossier.empty,
                None if dossier.empty else dossier.iloc[0]["source_id"],
                None if advanced.empty else int(advanced.iloc[0]["year"]),
                None if advanced.empty else advanced.iloc[0]["source_id"],
            )
        )
    cols = ["district", "unit_code", "dossier_2024", "dossier_source"]
    cols += ["advanced_year", "advanced_source"]
    return pd.DataFrame(rows, columns=cols)


def district_model_counts(units: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Model communes per East district as pages state them, beside the district's xã in the
    pre-2023 and legacy lists (a fall after the 2024–25 mergers shows in one district)."""
    f = facts[
        (facts["area_level"] == "district")
        & (facts["admin_vintage"] == "legacy")
        & (facts["measure"] == "communes_model")
    ]
    xa = xa_by_district(units).assign(key=lambda d: d["district"].map(_district_key))
    names = units[(units["admin_vintage"] == "legacy") & (units["level"] == "district")]
    names = names.set_index("unit_code")["unit_name"]
    rows = []
    for r in f.itertuples():
        name = names.get(r.area_code)
        if name is None or _district_key(name) not in set(xa["key"]):
            continue
        x = xa[xa["key"] == _district_key(name)].iloc[0]
        rows.append(
            (
                r.area_name,
                r.year,
                dating.stated_date(r.year, r.as_of),
                r.value,
                x["pre2023"],
                x["legacy"],
                r.source_id,
                r.raw_row,
            )
        )
    cols = ["district", "year", "date", "model", "xa_pre2023", "xa_legacy", "source_id"]
    return pd.DataFrame(rows, columns=[*cols, "raw_row"]).sort_values(["district", "year"])


def criteria_differ(facts: pd.DataFrame) -> pd.Series | None:
    """The supervision's statement that the two parts' commune criteria differed (or None)."""
    rows = facts[facts["measure"] == "parts_commune_criteria_differ"]
    return rows.iloc[0] if len(rows) else None


def reading_matches(readings: pd.DataFrame, facts: pd.DataFrame, area: str) -> pd.DataFrame:
    """`share_readings` with the stated cohorts of the part whose size, alone or summed with
    the other cohorts of the same source, equals a reading's count (``cohorts``)."""
    code = next(k for k, v in PARTS.items() if v == area)
    f = facts[
        (facts["area_code"] == code)
        & (facts["admin_vintage"] == "legacy")
        & facts["measure"].str.fullmatch(r"communes_model_cohort_\d{4}")
    ]
    sums: dict[float, list[str]] = {}
    for sid, grp in f.groupby("source_id"):
        recs = list(grp.sort_values("measure").itertuples())
        for n in range(1, len(recs) + 1):
            for combo in itertools.combinations(recs, n):
                total = float(sum(r.value for r in combo))
                names = " + ".join(r.measure.rsplit("_", 1)[-1] for r in combo)
                rows = ", ".join(r.raw_row for r in combo)
                sums.setdefault(total, []).append(f"{names} ({sid}: {rows})")
    return readings.assign(cohorts=[" | ".join(sums.get(float(c), [])) for c in readings["count"]])


@dataclass(frozen=True)
class EastWest:
    """Everything notebook 02 shows, built by `analyse`."""

    points: pd.DataFrame  # share_points with reconciled bases
    bases: pd.DataFrame
    matches: pd.DataFrame  # reconcile
    merged: pd.DataFrame
    xa_by_district: pd.DataFrame
    units_2025: pd.DataFrame
    type_conflicts: pd.DataFrame
    districts: pd.DataFrame
    district_model_counts: pd.DataFrame
    readings: pd.DataFrame  # of the latest East model share printed without a base
    reading_share: float | None


CITY = "Hải Phòng"


def covers(area: object) -> bool:
    """Whether the East–West analysis is about ``area``: the new Hải Phòng only.

    >>> covers("Hải Phòng"), covers("Thành phố Hải Phòng"), covers("Hải Dương"), covers("")
    (True, True, False, False)
    """
    text = fold(str(area or "")).removeprefix("thanh pho ").removeprefix("tp ").strip()
    return isinstance(area, str) and text == fold(CITY)


def analyse(
    tables: dict[str, pd.DataFrame], area: str = CITY, as_of: str | None = None
) -> EastWest:
    """The East–West frames for ``area`` (the new Hải Phòng, the one city formed from two
    old provinces in the data) with figures dated up to ``as_of``."""
    if not covers(area):
        raise ValueError(f"the East–West analysis covers the new Hải Phòng, not {area!r}")
    facts, units = tables["facts"], tables["units"]
    points = share_points(facts, as_of)
    base_table = bases(units, facts)
    matches = reconcile(points, facts, base_table)
    points = with_reconciled_bases(points, matches)
    open_model = points[
        (points["area"] == "east")
        & (points["tier"] == "model")
        & (points["base_basis"] == "not stated")
    ].sort_values("date")
    share = float(open_model.iloc[-1]["share_pct"]) if len(open_model) else None
    readings = (
        reading_matches(share_readings(share, base_table, "east"), facts, "east")
        if share is not None
        else pd.DataFrame(columns=["base_id", "base", "count", "computed_pct", "cohorts"])
    )
    return EastWest(
        points=points,
        bases=base_table,
        matches=matches,
        merged=merged_shares(points),
        xa_by_district=xa_by_district(units),
        units_2025=units_2025(units, facts),
        type_conflicts=type_conflicts(units),
        districts=east_districts(units, facts),
        district_model_counts=district_model_counts(units, facts),
        readings=readings,
        reading_share=share,
    )


def part_findings(found: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Consistency findings about the two parts or their districts."""
    legacy = units[(units["admin_vintage"] == "legacy") & units["province_code"].isin(list(PARTS))]
    names = {fold(x) for x in legacy["unit_name_short"].dropna()}
    names |= {fold("Hải Phòng"), fold("Hải Dương")}
    keys = found["area"].map(lambda a: fold(str(a)).replace(" (cu)", ""))
    return found[keys.isin(names)].reset_index(drop=True)


def dated_part_findings(
    tables: dict[str, pd.DataFrame], year: int | None = None, as_of: str | None = None
) -> tuple[pd.DataFrame, int]:
    """The `ntm check-facts` findings about the two parts (`part_findings`) that belong to a
    report of ``year`` with data up to ``as_of`` (`consistency.dated_within`: left out when
    none of its dates falls in ``year`` or one is after ``as_of``; None = no such limit), and
    how many findings about the parts were left out."""
    from ntm_analysis.analysis import consistency

    parts = part_findings(consistency.check_facts(tables), tables["units"])
    keep = consistency.dated_within(parts, tables, year, as_of)
    return parts[keep].reset_index(drop=True), int((~keep).sum())
