"""Consistency checks across sources and dates: the same figure stated differently, the same
event dated differently, a commune given two tiers in one year, a falling tier share, a year's
additions against the stocks around them.

Dates are compared at the precision each source gives (`dating`): "2019-09" and "2019-09-09"
are one date stated twice; "2024-12" is before "2025-11" but not before "2024".
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import numpy as np
import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.analysis.findings import finding, same_as_printed
from ntm_analysis.analysis.source_checks import CITES
from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold

TIERS = vocabulary.keys("tiers", level="")
SHARES = tuple(f"communes_{t}_pct" for t in TIERS if t != "none")


def comparable_dates(a: str, b: str) -> bool:
    """Dates two sources' figures can be compared at: equal up to precision, except that a bare
    year is compared with a finer date only in that year's last month.

    A figure dated by its year alone describes the year (a stock at its end, an annual
    average); a figure of 30/6 in the same year is an earlier state, not the same date stated
    less precisely.

    >>> comparable_dates("2019-09", "2019-09-09"), comparable_dates("2023", "2023")
    (True, True)
    >>> comparable_dates("2022", "2022-06-30"), comparable_dates("2024", "2024-12")
    (False, True)
    """
    if not dating.same_up_to_precision(a, b):
        return False
    coarse, fine = sorted((a, b), key=len)
    return dating.precision(coarse) != "year" or fine == coarse or fine[5:7] == "12"


# How a finding about a year's figure against one dated inside it says so (`check_two_sources`)
SAME_YEAR = "the same year, not one date"


def same_year(a: str, b: str) -> bool:
    """A stock dated by its year alone and one dated inside that year (not comparable
    dates, `comparable_dates`, but one period: two sources giving the year's figure).

    >>> same_year("2023", "2023-09-17"), same_year("2023", "2024-01"), same_year("2023", "2023")
    (True, False, False)
    """
    coarse, fine = sorted((a, b), key=len)
    return dating.precision(coarse) == "year" and fine != coarse and fine[:4] == coarse


def _value_in(note: object, value: object) -> bool:
    """Whether a row's note gives ``value`` (a whole number: "said 26", "says 54/91")."""
    if not isinstance(note, str) or pd.isna(value) or float(value) != int(value):
        return False
    return re.search(rf"(?<![\d.,]){int(value)}(?![\d.,]\d)", note) is not None


def noted_together(a: pd.Series, b: pd.Series) -> bool:
    """A row's note gives the other row's figure: the curator set the two side by side."""
    return _value_in(a.get("note"), b["value"]) or _value_in(b.get("note"), a["value"])


def _pairs(rows: pd.DataFrame, stock: bool = False) -> list[tuple[pd.Series, pd.Series]]:
    """Pairs of rows from different sources whose dates are `comparable_dates`, or, for a
    ``stock``, in the `same_year` where a note gives the other's figure (`noted_together`:
    a stock may grow inside a year, so only a pair the notes tie is one period)."""
    rows = rows.sort_values(["date", "raw_row"]).drop_duplicates(["source_id", "date", "value"])
    out = []
    recs = [r for _, r in rows.iterrows()]
    for i, a in enumerate(recs):
        for b in recs[i + 1 :]:
            if a["source_id"] == b["source_id"]:
                continue
            if comparable_dates(a["date"], b["date"]) or (
                stock and same_year(a["date"], b["date"]) and noted_together(a, b)
            ):
                out.append((a, b))
    return out


def check_two_sources(f: pd.DataFrame) -> list[dict]:
    """The same measure, area and date (up to precision) stated differently by two sources;
    for a stock (`is_stock`), also a figure of a year against one dated inside it (the year's
    figure, said to be of one year, not of one date)."""
    out = []
    f = f[(f["measure"] != CITES) & (f["unit"] != "flag")]
    for (measure, _, _), grp in f.groupby(["measure", "area_key", f["period"].fillna("")]):
        if grp["source_id"].nunique() < 2:
            continue
        for a, b in _pairs(grp, stock=is_stock(str(measure))):
            if same_as_printed(a["value"], b["value"]):
                continue
            precision = ""
            if not comparable_dates(a["date"], b["date"]):  # the same year (`same_year`)
                precision = (
                    f"; dated {a['date']} and {b['date']}: {SAME_YEAR}, set side by side by "
                    "a row's note (the figure may have changed between them)"
                )
            elif a["date"] != b["date"]:
                precision = f"; the dates {a['date']} and {b['date']} differ only in precision"
            out.append(
                finding(
                    "two_sources",
                    a,
                    b,
                    f"{a['source_id']} states {a['value']:g}, "
                    f"{b['source_id']} states {b['value']:g}{precision}",
                )
            )
    return out


def check_share_falls(f: pd.DataFrame) -> list[dict]:
    """A tier share that falls between two dated figures for the same area.

    A commune keeps its tier once recognised, so a falling share means a changed denominator
    (mergers, a different commune base) or a conflicting figure; either needs explaining.
    """
    out = []
    shares = f[f["measure"].isin(SHARES) & f["period"].isna() & (f["date"] != "")]
    for _, grp in shares.groupby(["measure", "area_key"]):
        grp = grp.assign(start=[dating.span(d)[0] for d in grp["date"]])
        recs = [r for _, r in grp.sort_values(["start", "raw_row"]).iterrows()]
        for prev, row in itertools.pairwise(recs):
            if row["value"] < prev["value"] - 0.5 and dating.before(prev["date"], row["date"]):
                out.append(
                    finding(
                        "share_falls",
                        prev,
                        row,
                        f"{prev['value']:g}% ({prev['source_id']}, {prev['date']}) falls to "
                        f"{row['value']:g}% ({row['source_id']}, {row['date']}); "
                        "the base may differ",
                    )
                )
    return out


def _event_finding(rows: pd.DataFrame, what: str, area: str, measure: str) -> dict | None:
    years = rows.drop_duplicates(["source_id", "year"]).sort_values(["year", "raw_row"])
    if years["year"].nunique() < 2 or years["source_id"].nunique() < 2:
        return None
    a, b = years.iloc[0], years.iloc[-1]
    said = "; ".join(f"{r.source_id}: {r.year} ({r.raw_row})" for r in years.itertuples())
    return finding(
        "event_dates",
        a,
        b,
        f"{what} is dated differently by two sources: {said}",
        area=area,
        measure=measure,
        when=f"{years['year'].min()}–{years['year'].max()}",
        value_a=float(a["year"]),
        value_b=float(b["year"]),
    )


def check_event_dates(f: pd.DataFrame, commune_status: pd.DataFrame | None) -> list[dict]:
    """The same event (a district or province flagged as recognised, a commune recognised at a
    tier) placed in different years by two sources."""
    out = []
    events = f[(f["unit"] == "flag") & (f["value"] == 1) & (f["measure"] != CITES)]
    events = events[events["year"].notna()]
    for (measure, _), grp in events.groupby(["measure", "area_key"]):
        area = grp.iloc[0]["area_name"]
        found = _event_finding(grp, f"{measure} of {area}", area, measure)
        if found:
            out.append(found)
    cs = _communes(commune_status)
    rec = cs[(cs["record_kind"] == "recognition") & cs["tier"].notna() & cs["year"].notna()]
    for (_, tier), grp in rec.groupby(["unit_key", "tier"]):
        area = grp.iloc[0]["commune_name"]
        found = _event_finding(grp, f"the {tier} recognition of {area}", area, f"commune_{tier}")
        if found:
            out.append(found)
    return out


def _communes(commune_status: pd.DataFrame | None) -> pd.DataFrame:
    cols = ["commune_name", "district_name", "province_name", "unit_code", "admin_vintage"]
    cols += ["year", "record_kind", "tier", "source_id", "raw_row"]
    if commune_status is None or commune_status.empty:
        return pd.DataFrame(columns=[*cols, "unit_key"])
    cs = commune_status
    named = (
        cs["province_name"].map(fold)
        + "|"
        + cs["district_name"].fillna("").map(fold)
        + "|"
        + cs["commune_name"].map(fold)
    )
    coded = cs["admin_vintage"].fillna("") + ":" + cs["unit_code"].fillna("")
    return cs.assign(unit_key=coded.where(cs["unit_code"].notna(), named))


def check_commune_tiers(commune_status: pd.DataFrame | None) -> list[dict]:
    """Two sources giving one commune different tiers for the same year.

    Both may be true (a commune recognised advanced early in a year and model later), so the
    finding asks which record holds at the year's end.
    """
    out = []
    cs = _communes(commune_status)
    cs = cs[cs["tier"].notna() & cs["year"].notna()]
    rank = {t: i for i, t in enumerate(TIERS)}
    for _, grp in cs.groupby(["unit_key", "year"]):
        if grp["tier"].nunique() < 2 or grp["source_id"].nunique() < 2:
            continue
        grp = grp.drop_duplicates(["source_id", "tier"]).sort_values("raw_row")
        a = grp.iloc[0]
        for _, b in grp.iloc[1:].iterrows():
            if b["source_id"] == a["source_id"] or b["tier"] == a["tier"]:
                continue
            both_recognised = a["record_kind"] == b["record_kind"] == "recognition"
            reading = (
                "two steps in one year, or one recognition recorded at two tiers"
                if both_recognised
                else "which holds at the year's end?"
            )
            out.append(
                finding(
                    "commune_tiers",
                    a,
                    b,
                    f"{a['commune_name']} in {a['year']}: {a['source_id']} says {a['tier']} "
                    f"({a['record_kind']}), {b['source_id']} says {b['tier']} "
                    f"({b['record_kind']}): {reading}",
                    area=a["commune_name"],
                    measure="commune_tier",
                    when=str(a["year"]),
                    value_a=float(rank.get(a["tier"], -1)),
                    value_b=float(rank.get(b["tier"], -1)),
                )
            )
    return out


FLOW_SUFFIXES = ("_added", "_recognised_batch")
FLOW_COLUMNS = [
    "area",
    "tier",
    "year",
    "flow",
    "flow_source",
    "flow_row",
    "stock_after",
    "stock_after_date",
    "stock_after_source",
    "stock_after_row",
    "implied_before",
    "stock_before",
    "stock_before_date",
    "stock_before_source",
    "stock_before_row",
    "status",
]


def _stock_around(stocks: pd.DataFrame, year: int, flow_date: str, flow_source: str) -> tuple:
    """(earliest stock dated from the flow year's end on, latest dated before the year)."""
    year_end, year_start = dt.date(int(year), 12, 31), dt.date(int(year), 1, 1)
    flow_span = dating.span(flow_date)
    after_from = max(year_end, flow_span[1]) if flow_span else year_end
    spans = [dating.span(d) for d in stocks["date"]]
    after = stocks[np.array([s is not None and s[1] >= after_from for s in spans], dtype=bool)]
    before = stocks[np.array([s is not None and s[1] < year_start for s in spans], dtype=bool)]
    # the flow's own source first (it often states the stock right after the batch), then the
    # earliest-ending stock of any source
    first_after = after.assign(
        k=[dating.span(d)[1] for d in after["date"]],
        other=after["source_id"] != flow_source,
    ).sort_values(["other", "k"])
    last_before = before.assign(k=[dating.span(d)[1] for d in before["date"]]).sort_values("k")
    return (
        None if first_after.empty else first_after.iloc[0],
        None if last_before.empty else last_before.iloc[-1],
    )


def is_stock(measure: str) -> bool:
    """True for a count or share of communes, districts or villages held at a date (not the
    additions of a year, not an excess over plan).

    >>> is_stock("districts_ntm"), is_stock("communes_model_added"), is_stock("poverty_rate_pct")
    (True, False, False)
    """
    flows = (*FLOW_SUFFIXES, "_above_plan", "_dossier")
    return measure.startswith(("communes_", "districts_", "villages_")) and not measure.endswith(
        flows
    )


def _flow_status(flow: float, after: pd.Series | None, before: pd.Series | None) -> str:
    if after is None:
        return "no stock after the year"
    if flow > after["value"]:
        return "flow exceeds the stock after it"
    if before is not None and after["value"] - flow < before["value"]:
        return "stock grew by less than the flow"
    return "consistent" if before is not None else "consistent (no earlier stock to compare)"


def flows_against_stocks(f: pd.DataFrame) -> pd.DataFrame:
    """Every year's additions of communes at a tier set against the stocks around that year.

    ``stock_after`` is a stock dated from the end of the flow's year on (a stock dated only by
    that year counts as its end): the flow's own source's if it states one, else the one whose
    date ends first; ``stock_before`` the latest dated before the year began;
    ``implied_before`` = stock after − flow. A standard year's recognitions may be decided
    months later, so a stock at the year's end may not yet include them.
    """
    rows = []
    for tier in TIERS:
        stocks = f[(f["measure"] == f"communes_{tier}") & f["period"].isna() & (f["date"] != "")]
        flows = f[f["measure"].isin([f"communes_{tier}{s}" for s in FLOW_SUFFIXES])]
        flows = flows.drop_duplicates(["area_key", "year", "value", "source_id"])
        for _, fl in flows[flows["year"].notna()].iterrows():
            own = stocks[stocks["area_key"] == fl["area_key"]]
            after, before = _stock_around(own, int(fl["year"]), fl["date"], fl["source_id"])
            rows.append(
                (
                    fl["area_name"],
                    tier,
                    int(fl["year"]),
                    fl["value"],
                    fl["source_id"],
                    fl["raw_row"],
                    *_stock_fields(after),
                    None if after is None else after["value"] - fl["value"],
                    *_stock_fields(before),
                    _flow_status(fl["value"], after, before),
                )
            )
    return pd.DataFrame(rows, columns=FLOW_COLUMNS)


def _stock_fields(r: pd.Series | None) -> tuple:
    if r is None:
        return (None, None, None, None)
    return (r["value"], r["date"], r["source_id"], r["raw_row"])


def check_flows_vs_stocks(f: pd.DataFrame) -> list[dict]:
    """Findings from `flows_against_stocks`: a flow above the stock after it, or a stock that
    grew by less than the year's flow (mergers, reclassified communes or conflicting figures)."""
    out = []
    table = flows_against_stocks(f)
    bad = table[~table["status"].str.startswith(("consistent", "no stock"))]
    for r in bad.itertuples():
        flow = pd.Series(
            {
                "measure": f"communes_{r.tier}_added",
                "area_name": r.area,
                "when": str(r.year),
                "raw_row": r.flow_row,
                "source_id": r.flow_source,
                "value": r.flow,
            }
        )
        stock = pd.Series(
            {
                "raw_row": r.stock_after_row,
                "source_id": r.stock_after_source,
                "value": r.stock_after,
            }
        )
        earlier = (
            f"; {r.stock_before:g} before {r.year} ({r.stock_before_source}, {r.stock_before_date})"
            if r.stock_before is not None and r.stock_before == r.stock_before
            else ""
        )
        out.append(
            finding(
                "flow_vs_stock",
                flow,
                stock,
                f"{r.flow:g} {r.tier} communes added in {r.year} ({r.flow_source}) against "
                f"{r.stock_after:g} at {r.stock_after_date} ({r.stock_after_source}){earlier}: "
                f"{r.status}",
            )
        )
    return out


# count of units at a tier -> the total of the same units it is a part of
TOTAL_OF = {f"communes_{t}": "communes_total" for t in ("ntm", "advanced", "model")} | {
    "districts_ntm": "districts_total",
    "districts_advanced": "districts_total",
    "model_works_completed": "model_works_total",
}


def _nearest_total(count: pd.Series, totals: pd.DataFrame) -> pd.Series | None:
    """The total stated for ``count``'s date (up to precision), else the one nearest in time."""
    if totals.empty:
        return None
    same = totals[[comparable_dates(count["date"], d) for d in totals["date"]]]
    if len(same):
        return same.sort_values("value").iloc[0]
    start = dating.span(count["date"])
    if start is None:
        return None
    gaps = [abs((s[0] - start[0]).days) if s else 10**6 for s in map(dating.span, totals["date"])]
    return totals.assign(gap=gaps).sort_values(["gap", "raw_row"]).iloc[0]


# A curated or transcribed note that records a change in the units counted between dates.
_BASE_CHANGE = re.compile(
    r"merg|sáp nhập|sắp xếp|reform|reorgani|became a city|\bbefore\b|\bafter\b", re.IGNORECASE
)


def base_change_note(*rows: pd.Series) -> str:
    """The note of the first row that records a change of base (mergers, a reform, a count
    "before"/"after" a date), else ""."""
    for r in rows:
        note = r.get("note")
        note = str(note).split("; unit as curated:")[0] if isinstance(note, str) else ""
        if note and _BASE_CHANGE.search(note):
            return note
    return ""


def check_count_over_total(f: pd.DataFrame) -> list[dict]:
    """A count of units at a tier above the total of those units for the same area (`TOTAL_OF`).

    For one date (up to precision) the two cannot both hold; for different dates (the total
    nearest in time when none is stated for the count's date) the unit base changed between
    them (mergers, an administrative reorganisation) and the two are not to be set side by side.
    Where a row's note records that change (`base_change_note`), the finding is
    ``base_changed``: a change of base, said as such, not a conflict.
    """
    out = []
    dated = f[f["period"].isna() & (f["date"] != "")]
    for count_measure, total_measure in TOTAL_OF.items():
        totals = dated[dated["measure"] == total_measure]
        for _, c in dated[dated["measure"] == count_measure].iterrows():
            t = _nearest_total(c, totals[totals["area_key"] == c["area_key"]])
            if t is None or c["value"] <= t["value"]:
                continue
            same = comparable_dates(c["date"], t["date"])
            when = "the same date" if same else f"{t['date']}: the dates differ, the base may too"
            note = "" if same else base_change_note(c, t)
            if note:
                when = f"{t['date']}: the base changed between the dates (note: {note})"
            out.append(
                finding(
                    "base_changed" if note else "count_over_total",
                    c,
                    t,
                    f"{c['source_id']} states {c['value']:g} ({count_measure}, {c['date']}), "
                    f"above the total {t['value']:g} ({total_measure}) {t['source_id']} states "
                    f"for {when}",
                )
            )
    return out
