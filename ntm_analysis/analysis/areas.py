"""What the data says about one area: which names and parts it had before the July-2025
reform, which legacy districts and communes lie inside it, its stated figures and those of
its districts and communes, and the latest figure of each key measure up to a date.

A province merged on 1 Jul 2025 is the sum of its legacy provinces (the new Hải Phòng = old
Hải Phòng, the East, + old Hải Dương, the West); their figures are kept apart, each under
the name of the part it describes ("Hải Phòng (cũ)", "Hải Dương (cũ)"), never added up. A
district's or a commune's figure is kept under its own name ("Huyện Bắc Sơn"), never counted
as the province's.

Besides what sources state, two computed figures (``basis`` ``counted`` and ``computed``):
the communes named as recognised at a tier in a year (`recognition_counts`, a count of the
named recognitions on record, not the area's total), and the sum of the amounts a source
gives by funding source for one area, period and flow (`funding_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from ntm_analysis.lexicon import formats
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer

# The measures a briefing's key-figures table shows, in reading order.
KEY_MEASURES = (
    "communes_total",
    "communes_in_programme",
    "communes_ntm",
    "communes_ntm_pct",
    "communes_advanced",
    "communes_advanced_pct",
    "communes_model",
    "communes_model_pct",
    "communes_ntm_added",
    "communes_advanced_added",
    "communes_model_added",
    "communes_ntm_recognised_batch",
    "communes_advanced_recognised_batch",
    "communes_model_recognised_batch",
    "avg_criteria_per_commune",
    "communes_19_criteria",
    "communes_15_18_criteria",
    "communes_10_14_criteria",
    "communes_5_9_criteria",
    "criteria_met_band_min",
    "criteria_met_band_max",
    "districts_total",
    "districts_ntm",
    "districts_advanced",
    "model_works_total",
    "model_works_completed",
    "rural_income_mn_vnd_per_person_year",
    "poverty_rate_pct",
    "funding_mobilised_total",
    "budget_city_investment_vnd",
    "budget_city_recurrent_vnd",
)
OLD = " (cũ)"


def _key(name: object) -> str:
    text = fold(str(name or "")).removesuffix(fold(OLD)).strip()
    for prefix in ("thanh pho ", "tinh ", "tp ", "huyen ", "xa "):
        text = text.removeprefix(prefix)
    return text


def name_key(name: object) -> str:
    """An area's name folded without its unit-type word and "(cũ)": the form names are
    compared in ("Tỉnh Quảng Ninh", "Quảng Ninh (cũ)" -> "quang ninh")."""
    return _key(name)


def resolve(area: str) -> str:
    """The one name a pack on ``area`` is made under and every section looks it up by: the
    province's or district's short name when that names it alone ("Tỉnh Lạng Sơn" ->
    "Lạng Sơn"), else the name that does ("Tỉnh Quảng Ninh", "Quảng Ninh, Quảng Bình"); a
    name the legacy gazetteer does not know is kept as given (known by name only).

    Raises:
        geo.AmbiguousArea: ``area`` names several provinces or districts (as `ntm map` and
            `ntm status` refuse it), with the candidates.

    >>> resolve("Tỉnh Lạng Sơn"), resolve("Tỉnh Quảng Ninh")
    ('Lạng Sơn', 'Tỉnh Quảng Ninh')
    """
    from ntm_analysis.places import geo

    if not area.strip():
        return area
    try:
        found = geo.resolve_areas(area, "legacy").iloc[0]
    except geo.AmbiguousArea:
        raise
    except ValueError:
        return area
    units = gazetteer.load_units("legacy")
    row = units[units["unit_code"] == found["code"]].iloc[0]
    short = str(row["unit_name_short"])
    try:
        if geo.resolve_areas(short, "legacy").iloc[0]["code"] == found["code"]:
            return short
    except ValueError:
        pass
    if found["level"] == "province":
        return str(found["name"])
    province = units.loc[units["unit_code"] == found["province_code"], "unit_name_short"]
    return f"{short}, {province.iloc[0]}"


@cache
def _merged() -> dict[str, tuple[str, ...]]:
    """2025 province (folded) → the legacy provinces it was formed from."""
    return {_key(new): olds for new, olds in gazetteer.province_mergers().items()}


def legacy_parts(area: str) -> tuple[str, ...]:
    """The legacy provinces a 2025 province was formed from; () when ``area`` is not a
    2025 province formed by a merger.

    >>> legacy_parts("Hải Phòng"), legacy_parts("Bắc Sơn")
    (('Hải Dương', 'Hải Phòng'), ())
    """
    parts = _merged().get(_key(area), ())
    return parts if len(parts) > 1 else ()


def merged_away(name: str) -> bool:
    """Whether ``name`` is a legacy province merged with others on 1 Jul 2025 (its name, if
    kept, now names a larger province: old Hải Phòng, old Hải Dương).

    >>> merged_away("Hải Dương"), merged_away("Hải Phòng (cũ)"), merged_away("Quảng Ninh")
    (True, True, False)
    """
    key = _key(name)
    return any(len(olds) > 1 and key in {_key(o) for o in olds} for olds in _merged().values())


def legacy_label(name: str) -> str:
    """A legacy province's name as readers of the 2025 map see it: "(cũ)" after one merged
    away (`merged_away`), any other name as given.

    >>> legacy_label("Hải Phòng"), legacy_label("Hải Phòng (cũ)"), legacy_label("Bắc Sơn")
    ('Hải Phòng (cũ)', 'Hải Phòng (cũ)', 'Bắc Sơn')
    """
    base = name.removesuffix(OLD)
    return base + OLD if merged_away(base) else name


def row_label(name: object, vintage: object = None) -> object:
    """The one place an area is named for readers from a row: a legacy row of a province
    merged away in 2025, a name already marked "(cũ)" or the name of a merged province no
    2025 province bears (Hải Dương) as "Hải Phòng (cũ)", every other name as given; a
    missing name stays missing.

    >>> row_label("Hải Phòng", "legacy"), row_label("Hải Phòng", "2025")
    ('Hải Phòng (cũ)', 'Hải Phòng')
    >>> row_label("Hải Phòng (cũ)"), row_label("Quảng Ninh", "legacy"), row_label("Hải Dương")
    ('Hải Phòng (cũ)', 'Quảng Ninh', 'Hải Dương (cũ)')
    """
    if not isinstance(name, str):
        return name
    gone = _key(name) not in _merged()  # no 2025 province has the name: only the old one
    if (isinstance(vintage, str) and vintage == "legacy") or name.endswith(OLD) or gone:
        return legacy_label(name)
    return name


def province_labels(coverage: pd.DataFrame) -> pd.Series:
    """`row_label` of each row's ``province`` by its ``vintage`` (`model.tables.coverage`)."""
    vintage = coverage["vintage"] if "vintage" in coverage else pd.Series(None, coverage.index)
    names = [row_label(p, v) for p, v in zip(coverage["province"], vintage, strict=True)]
    return pd.Series(names, index=coverage.index, dtype="object")


def legacy_names(area: str | list[str] | tuple[str, ...]) -> str | list[str]:
    """The legacy areas ``area`` stands for on maps and status tables: one name of a 2025
    province formed by merger is its legacy provinces; any other name, or a list of names
    (legacy names, as a map of the parts is asked for), as given.

    >>> legacy_names("Hải Phòng"), legacy_names("Bắc Sơn"), legacy_names(["Hải Phòng", "B"])
    (['Hải Dương', 'Hải Phòng'], 'Bắc Sơn', ['Hải Phòng', 'B'])
    """
    if not isinstance(area, str):
        return list(area)
    parts = legacy_parts(area)
    return list(parts) if parts else area


def legacy_codes(units: pd.DataFrame, area: str | list[str] | tuple[str, ...]) -> set[str]:
    """The legacy unit codes (province, districts, communes) of the areas ``area`` stands for
    (`legacy_names`); a name the gazetteer does not know, or knows several times, adds none.

    ``units`` is the processed units table."""
    from ntm_analysis.places import geo  # geometry libraries load only when this is asked

    legacy = units[units["admin_vintage"] == "legacy"]
    names = legacy_names(area)
    codes: set[str] = set()
    for name in [names] if isinstance(names, str) else names:
        try:
            found = geo.resolve_areas(name, "legacy")
        except ValueError:
            continue
        for r in found.itertuples():
            if r.level == "province":
                inside = legacy["province_code"] == r.code
            elif r.level == "district":
                inside = (legacy["unit_code"] == r.code) | (legacy["parent_code"] == r.code)
            else:
                continue
            codes |= {r.code, *legacy.loc[inside, "unit_code"].astype(str)}
    return codes


@dataclass(frozen=True)
class Scope:
    """What an area covers: the folded names of the area and its legacy parts, their level
    (None when the gazetteer does not know the name) and legacy codes, the label each part's
    figures are shown under, and the legacy districts and communes inside (``units``:
    unit_code, level, label, part)."""

    names: frozenset[str]
    level: str | None
    codes: frozenset[str]
    own: dict[str, str]  # folded name of the area or a part -> its label
    units: pd.DataFrame


def _units_inside(units: pd.DataFrame, found: pd.Series, part: str, merged: bool):
    """The legacy districts and communes of a resolved province or district, labelled
    'Huyện Bắc Sơn', 'Xã Chiêu Vũ, Huyện Bắc Sơn' (in a province), '… – Hải Dương (cũ)'."""
    col = "province_code" if found["level"] == "province" else "parent_code"
    mine = units[(units[col] == found["code"]) & units["level"].isin(["district", "commune"])]
    label = mine["unit_name"].astype(str)
    if found["level"] == "province":
        commune = mine["level"] == "commune"
        label = label.where(~commune, label + ", " + mine["district_name"].astype(str))
    if merged:
        label = label + " – " + part
    return pd.DataFrame(
        {
            "unit_code": mine["unit_code"].astype(str).to_numpy(),
            "level": mine["level"].astype(str).to_numpy(),
            "label": label.to_numpy(),
            "part": part,
        }
    )


@cache
def scope(area: str) -> Scope:
    """The names, parts and legacy districts and communes that ``area`` covers.

    >>> s = scope("Bắc Sơn")
    >>> s.level, sorted(s.codes), len(s.units), s.units["label"].iloc[1]
    ('district', ['185'], 18, 'Xã Long Đống')
    >>> scope("Hải Phòng").own == {"hai phong": "Hải Phòng (cũ)", "hai duong": "Hải Dương (cũ)"}
    True
    """
    from ntm_analysis.places import geo

    parts = legacy_parts(area)
    own = {_key(area): area}
    units = gazetteer.load_units("legacy")
    inside, level, codes = [], None, set()
    for name in parts or (area,):
        try:
            found = geo.resolve_areas(name, "legacy").iloc[0]
        except ValueError:  # unknown or ambiguous (AmbiguousArea): known by name only
            own[_key(name)] = f"{name}{OLD}" if parts else name
            continue
        level, code = str(found["level"]), str(found["code"])
        short = str(units.loc[units["unit_code"] == code, "unit_name_short"].iloc[0])
        own[_key(name)] = f"{short}{OLD}" if parts else short
        codes.add(code)
        inside.append(_units_inside(units, found, own[_key(name)], bool(parts)))
    columns = ["unit_code", "level", "label", "part"]
    frame = pd.concat(inside, ignore_index=True) if inside else pd.DataFrame(columns=columns)
    names = frozenset({_key(area), *(_key(p) for p in parts)})
    return Scope(names, level, frozenset(codes), own, frame)


def in_area(frame: pd.DataFrame, area: str) -> pd.DataFrame:
    """Rows of ``frame`` (``area_name``, ``area_level``, ``area_code``, ``admin_vintage``:
    facts or funding) about ``area``, its legacy parts, or a legacy district or commune
    inside it, with ``part`` (the name the row is shown under: "Hải Dương (cũ)", "Huyện Bắc
    Sơn") and ``part_rank`` (0 the area or a part, 1 a district, 2 a commune)."""
    sc = scope(area)
    legacy = frame["admin_vintage"].astype("string").eq("legacy").fillna(False).astype(bool)
    code = frame["area_code"].astype("string")
    level = frame["area_level"].astype("string")
    own = frame["area_name"].map(_key).isin(sc.names)
    if sc.level is not None:  # a district named as its province is not the province
        own &= level.fillna(sc.level).eq(sc.level).astype(bool)
        own &= ~(legacy & code.notna() & ~code.isin(sc.codes)).astype(bool)
    labels = sc.units.set_index(["level", "unit_code"])["label"]
    inside = [labels.get((lv, c)) for lv, c in zip(level, code, strict=True)]
    sub_label = pd.Series(inside, index=frame.index, dtype="object")
    sub = sub_label.notna() & legacy & ~own
    out = frame[own | sub].copy()
    part = pd.Series(
        [row_label(n, v) for n, v in zip(out["area_name"], out["admin_vintage"], strict=True)],
        index=out.index,
        dtype="object",
    )
    is_sub = sub[out.index]
    out["part"] = part.where(~is_sub, _of_their_date(out, sub_label[out.index]))
    rank = out["area_level"].map({"district": 1, "commune": 2}).fillna(0).astype(int)
    out["part_rank"] = rank.where(is_sub, 0)
    return out


# the GSO list of the pre2023 vintage was taken on this day: a row dated up to it names its
# units as that list does (Huyện An Dương in 2019, a quận only from 1 Jan 2025)
PRE2023_LISTED = (2023, 5, 7)


@cache
def _pre2023_names() -> dict[tuple[str, str], str]:
    """(level, code) → name in the pre2023 vintage; {} when the vintage is not installed."""
    if "pre2023" not in gazetteer.available_vintages():
        return {}
    u = gazetteer.load_units("pre2023")
    u = u[u["level"].isin(["district", "commune"])]
    keys = zip(u["level"].astype(str), u["unit_code"].astype(str), strict=True)
    return dict(zip(keys, u["unit_name"].astype(str), strict=True))


@cache
def _legacy_names() -> dict[tuple[str, str], str]:
    u = gazetteer.load_units("legacy")
    u = u[u["level"].isin(["district", "commune"])]
    keys = zip(u["level"].astype(str), u["unit_code"].astype(str), strict=True)
    return dict(zip(keys, u["unit_name"].astype(str), strict=True))


def _of_their_date(rows: pd.DataFrame, labels: pd.Series) -> pd.Series:
    """The labels of districts and communes with each unit named as the gazetteer vintage of
    the row's date names it: up to `PRE2023_LISTED` the pre2023 name of the same code (its
    type then: "Huyện An Dương"), later the legacy one."""
    if not {"year", "as_of"} <= set(rows.columns) or labels.isna().all():
        return labels
    old = _pre2023_names()
    if not old:
        return labels
    now = _legacy_names()
    dates = fact_date(rows.assign(period=rows.get("period", pd.Series(pd.NA, index=rows.index))))
    out = labels.copy()
    for i, label in labels.items():
        if not isinstance(label, str) or _order(dates[i]) > PRE2023_LISTED:
            continue
        key = (str(rows.at[i, "area_level"]), str(rows.at[i, "area_code"]))
        then, later = old.get(key), now.get(key)
        if then and later and then != later and label.startswith(later):
            out[i] = then + label[len(later) :]
    return out


def area_facts(facts: pd.DataFrame, area: str) -> pd.DataFrame:
    """Facts about ``area``, its legacy parts and the legacy districts and communes inside
    it (`in_area`: ``part`` names what each row describes, ``part_rank`` its level)."""
    return in_area(facts, area)


def _order(value: object) -> tuple[int, int, int]:
    parts = formats.parse_date(value)
    if not parts:
        return (0, 0, 0)
    y, m, d = parts
    return (y, m or 12, d or 31)


def fact_date(facts: pd.DataFrame) -> pd.Series:
    """The date of each fact at its precision: as-of date, else year, else the period's end."""
    year = facts["year"].astype("string")
    end = facts["period"].astype("string").str[-4:]
    return facts["as_of"].astype("string").fillna(year).fillna(end)


FIGURE_COLUMNS = [
    "part",
    "part_rank",
    "measure",
    "value",
    "unit",
    "qualifier",
    "date",
    "period",
    "source_id",
    "source_ids",
    "source_locator",
    "note",
    "basis",
    "tier",
    "flow",
    "n_parts",
    "value_max",
]
BAND = ("criteria_met_band_min", "criteria_met_band_max")


def _upto(dates: pd.Series, year: int | None, as_of: str | None) -> pd.Series:
    cutoff = as_of or (str(year) if year else None)
    if not cutoff:
        return pd.Series(True, index=dates.index, dtype=bool)
    limit = _order(cutoff)
    return pd.Series([_order(d) <= limit for d in dates], index=dates.index, dtype=bool)


def key_figures(
    facts: pd.DataFrame,
    area: str,
    year: int | None = None,
    as_of: str | None = None,
    measures: tuple[str, ...] = KEY_MEASURES,
) -> pd.DataFrame:
    """The latest stated figure of each key measure for ``area``, each legacy part and each
    legacy district and commune inside it, dated at most ``as_of`` (or the end of
    ``year``). Columns `FIGURE_COLUMNS` (``basis`` ``stated``), the area's own figures first,
    then its districts', then its communes', each in the order of ``measures``."""
    f = area_facts(facts, area)
    f = f[f["measure"].isin(measures)].assign(date=lambda d: fact_date(d))
    f = f[_upto(f["date"], year, as_of)]
    if f.empty:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    f = f.assign(when=[_order(d) for d in f["date"]], order=f["measure"].map(measures.index))
    keys = ["part_rank", "part", "measure"]
    latest = f.sort_values([*keys, "when"]).groupby(keys).tail(1)
    latest = _bands(latest.sort_values(["part_rank", "part", "order"]))
    return latest.assign(
        source_ids=[(s,) for s in latest["source_id"]],
        basis="stated",
        tier=None,
        flow=None,
        n_parts=None,
    )[FIGURE_COLUMNS].reset_index(drop=True)


def _bands(latest: pd.DataFrame) -> pd.DataFrame:
    """The two bounds a source gives for one unit and date (`BAND`: "đạt 15–18 tiêu chí")
    as one row, ``measure`` ``criteria_met_band``, ``value`` the lower and ``value_max`` the
    upper bound; a bound given alone stays as stated."""
    keys = ["part_rank", "part", "date", "source_id"]
    who = pd.Series(list(latest[keys].itertuples(index=False, name=None)), index=latest.index)
    lo, hi = latest["measure"] == BAND[0], latest["measure"] == BAND[1]
    paired = set(who[lo]) & set(who[hi])
    upper = dict(zip(who[hi], latest.loc[hi, "value"], strict=True))
    both = lo & who.isin(paired)
    out = latest.assign(
        value_max=[upper[k] if ok else None for k, ok in zip(who, both, strict=True)]
    )
    out.loc[both, "measure"] = "criteria_met_band"
    return out[~(hi & who.isin(paired))]


def _record_parts(cs: pd.DataFrame, sc: Scope) -> pd.Series:
    """The part of ``sc`` each commune record falls in (None outside): by the commune's
    legacy code, or, for a record without one, by its province (or district) name."""
    communes = sc.units[sc.units["level"] == "commune"].set_index("unit_code")["part"]
    code = cs["unit_code"].astype("string")
    by_code = code.map(communes.to_dict())
    if sc.level == "district":
        named = cs["district_name"] if "district_name" in cs else pd.Series(pd.NA, index=cs.index)
        label = next(iter(sc.own.values()))
        by_name = named.map(_key).map(lambda k: label if k in sc.names else None)
    else:
        by_name = cs["province_name"].map(_key).map(sc.own)
    return by_code.astype("object").where(code.notna(), by_name)


def _commune_key(cs: pd.DataFrame) -> pd.Series:
    """Who a record is about: its code, else its province, district and commune names."""
    names = [cs[c] if c in cs else pd.Series("", index=cs.index) for c in _NAME_COLUMNS]
    folded = [n.map(_key) for n in names]
    return cs["unit_code"].astype("string").fillna(folded[0] + "|" + folded[1] + "|" + folded[2])


_NAME_COLUMNS = ("province_name", "district_name", "commune_name")


def recognition_counts(
    commune_status: pd.DataFrame | None,
    area: str,
    year: int | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """How many communes of ``area`` the records name as recognised at each tier in each
    year (``basis`` ``counted``): a count of the named recognitions on record, which is not
    the area's total. Communes are matched by their legacy code, or by their province (for
    a district, district) name where a record has no code; undated recognitions are not
    counted. Columns `FIGURE_COLUMNS` (``measure`` ``recognised_named``, with ``tier``)."""
    need = {"unit_code", "province_name", "year", "record_kind", "tier", "source_id"}
    cs = commune_status
    if cs is None or cs.empty or not need <= set(cs.columns):
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    cs = cs[(cs["record_kind"] == "recognition") & cs["tier"].notna() & cs["year"].notna()]
    cs = cs.assign(part=_record_parts(cs, scope(area)), who=_commune_key(cs))
    cs = cs.dropna(subset=["part"])
    cs = cs.assign(date=cs["year"].astype(int).astype(str))
    cs = cs[_upto(cs["date"], year, as_of)]
    rows = []
    for (part, tier, when), g in cs.groupby(["part", "tier", "date"], sort=True):
        ids = tuple(sorted(set(g["source_id"].astype(str))))
        rows.append(
            {
                "part": part,
                "part_rank": 0,
                "measure": "recognised_named",
                "value": g["who"].nunique(),
                "unit": "communes",
                "qualifier": "exact",
                "date": when,
                "source_id": ids[0],
                "source_ids": ids,
                "source_locator": "",
                "note": "",
                "basis": "counted",
                "tier": tier,
                "flow": None,
                "n_parts": None,
            }
        )
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def _sum_qualifier(qualifiers: pd.Series) -> str:
    """How exact a sum is: as its one amount, exact when every amount is, else "approx"."""
    q = set(qualifiers.astype("string").fillna("exact"))
    return q.pop() if len(q) == 1 else "approx"


def funding_figures(
    funding: pd.DataFrame | None,
    area: str,
    year: int | None = None,
    as_of: str | None = None,
) -> pd.DataFrame:
    """What sources state about money for ``area`` and the legacy districts and communes
    inside it: per area, period, flow and source, the amount of the one funding source it
    names (``basis`` ``stated``, ``measure`` ``funding_<category>_<flow>``), or the sum of
    the amounts it gives by funding source (``computed``, ``measure`` ``funding_sum``,
    ``n_parts`` the amounts added); a stated total is taken as stated instead of the sum.
    Only the latest period of each part and flow. Columns `FIGURE_COLUMNS`."""
    need = {"area_name", "area_level", "area_code", "admin_vintage", "amount_vnd", "flow"}
    if funding is None or funding.empty or not need <= set(funding.columns):
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    fu = in_area(funding, area)
    end = fu["year_end"] if "year_end" in fu else pd.Series(pd.NA, index=fu.index)
    fu = fu.assign(date=fu["period"].astype("string").fillna(end.astype("string")))
    fu = fu[_upto(fu["date"].str[-4:], year, as_of)]
    rows = []
    for (rank, p, flow, sid, when), g in fu.groupby(
        ["part_rank", "part", "flow", "source_id", "date"], sort=True
    ):
        total = g[g["source_category"] == "total"]
        parts = g[g["source_category"] != "total"]
        one = total if len(total) else parts
        stated = len(one) == 1
        cat = str(one["source_category"].iloc[0])
        rows.append(
            {
                "part": p,
                "part_rank": rank,
                "measure": f"funding_{cat}_{flow}" if stated else "funding_sum",
                "value": float(one["amount_vnd"].sum()),
                "unit": "vnd",
                "qualifier": _sum_qualifier(one["qualifier"]),
                "date": when,
                "source_id": sid,
                "source_ids": (sid,),
                "source_locator": "; ".join(one["source_locator"].astype(str)),
                "note": "",
                "basis": "stated" if stated else "computed",
                "tier": None,
                "flow": flow,
                "n_parts": None if stated else len(one),
            }
        )
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    if out.empty:
        return out
    when = out["date"].map(_order)
    latest = when == when.groupby([out["part"], out["flow"]]).transform("max")
    return out[latest].reset_index(drop=True)
