"""Consistency checks inside one source: its parts against its totals, its percentages against
its counts, its excess over plan against plan and result, its issue date against the dates of
the documents it cites.

Rows of one source are compared when they describe the same area and their dates agree up to
precision (`dating.same_up_to_precision`): a document may date its total "2024" and the parts
"2024-12" — one statement, not two.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.analysis.findings import area_key, decimals, finding
from ntm_analysis.lexicon import vocabulary

# total measure -> its parts, as stated by one source for one area and date. Funding rows take
# part as ``funding_<category>_<flow>`` (see `findings.long_facts`).
PARTS = {
    "communes_total": (
        "communes_19_criteria",
        "communes_15_18_criteria",
        "communes_10_14_criteria",
        "communes_5_9_criteria",
    ),
    "funding_provincial_allocated": ("budget_city_investment_vnd", "budget_city_recurrent_vnd"),
}
# count measure -> its percentage measure, and the denominator when not communes_total
PERCENT_OF = {f"communes_{t}": f"communes_{t}_pct" for t in ("ntm", "advanced", "model")} | {
    "model_works_completed": "model_works_completed_pct"
}
DENOMINATOR = {"model_works_completed": "model_works_total"}
# a fact stating that its source cites another document; ``as_of`` is that document's date
CITES = "document_cited"


def _same_statement(a: pd.Series, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``a``'s source and area whose period equals and whose date agrees with ``a``'s."""
    same = rows[
        (rows["source_id"] == a["source_id"])
        & (rows["area_key"] == a["area_key"])
        & (rows["period"].fillna("") == (a["period"] or ""))
    ]
    keep = [dating.same_up_to_precision(a["date"], d) or a["date"] == d for d in same["date"]]
    return same[np.array(keep, dtype=bool)]


def check_parts(f: pd.DataFrame) -> list[dict]:
    """Parts stated by one source must add up to the total it states (one of each part)."""
    out = []
    for total, parts in PARTS.items():
        got = f[f["measure"].isin(parts)]
        for _, t in f[f["measure"] == total].iterrows():
            same = _same_statement(t, got).drop_duplicates("measure")
            if same.empty:
                continue
            s = float(same["value"].sum())
            if not np.isclose(s, t["value"]):
                missing = sorted(set(parts) - set(same["measure"]))
                gap = f" ({', '.join(missing)} not stated)" if missing else ""
                out.append(
                    finding(
                        "parts_vs_total",
                        t,
                        same.iloc[0],
                        f"parts {', '.join(same['measure'])} add up to {s:,.0f}, "
                        f"the stated total is {t['value']:,.0f}{gap}",
                        value_b=s,
                    )
                )
    return out


def _funding_row(r: pd.Series) -> pd.Series:
    return pd.Series(
        {
            "measure": f"funding_{r['source_category']}_{r['flow']}",
            "area_name": r["area_name"],
            "when": str(r["period"]),
            "raw_row": r["raw_row"],
            "source_id": r["source_id"],
            "value": float(r["amount_vnd"]),
        }
    )


def _category_sums(grp: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """(whole, parts) pairs a funding group can be checked on: a budget given whole and in
    parts (central beside central_investment, central_recurrent), and the total (a budget
    given both ways counted once, by its parts)."""
    cats = set(grp["source_category"])
    whole_of = grp["source_category"].map(vocabulary.funding_whole)
    split = {w for c, w in zip(grp["source_category"], whole_of, strict=True) if w != c}
    for whole in sorted(split & cats):
        yield whole, grp[(whole_of == whole) & (grp["source_category"] != whole)]
    if "total" in cats:
        yield "total", grp[~grp["source_category"].isin({"total"} | split)]


def check_funding_parts(fu: pd.DataFrame | None) -> list[dict]:
    """Funding categories of one source, area, period and flow exceeding their stated total.

    Less than the total is not reported: a source may list only some sources of funds.
    """
    out: list[dict] = []
    if fu is None or fu.empty:
        return out
    fu = fu.assign(area_key=area_key(fu))
    for _, grp in fu.groupby(["source_id", "area_key", "period", "flow"], dropna=False):
        for whole, parts in _category_sums(grp):
            if parts.empty:
                continue
            s = float(parts["amount_vnd"].sum())
            for _, t in grp[grp["source_category"] == whole].iterrows():
                if s > float(t["amount_vnd"]) + 0.5:
                    out.append(
                        finding(
                            "parts_vs_total",
                            _funding_row(t),
                            _funding_row(parts.iloc[0]),
                            f"categories {', '.join(parts['source_category'])} add up to "
                            f"{s:,.0f} VND, more than the stated {whole} of "
                            f"{float(t['amount_vnd']):,.0f} VND",
                            value_b=s,
                        )
                    )
    return out


def check_percentages(f: pd.DataFrame) -> list[dict]:
    """A stated percentage must equal count / total of the same statement, as printed."""
    out = []
    for count_m, pct_m in PERCENT_OF.items():
        pcts = f[f["measure"] == pct_m]
        dens = f[f["measure"] == DENOMINATOR.get(count_m, "communes_total")]
        for _, c in f[f["measure"] == count_m].iterrows():
            p, d = _same_statement(c, pcts), _same_statement(c, dens)
            if p.empty or d.empty or not d.iloc[0]["value"]:
                continue
            p, den = p.iloc[0], float(d.iloc[0]["value"])
            computed = c["value"] / den * 100
            digits = decimals(p["value"])
            if abs(round(computed, digits) - p["value"]) > 10**-digits / 2 + 1e-9:
                out.append(
                    finding(
                        "count_vs_percent",
                        c,
                        p,
                        f"{c['value']:g}/{den:g} = {computed:.2f}%, "
                        f"but {pct_m} is stated as {p['value']:g}%",
                    )
                )
    return out


def _plan_measure(measure: str) -> str:
    base = measure.removesuffix("_above_plan")
    return base.replace("_pct", "") + "_pct" if base.endswith("_pct") else base


def check_plan(f: pd.DataFrame, targets: pd.DataFrame) -> list[dict]:
    """A stated excess over plan must equal achieved minus planned (same source and year).

    A plan and an achievement of the same measure are never compared as rivals.
    """
    out = []
    t = targets.assign(area_key=area_key(targets))
    for _, r in f[f["measure"].str.endswith("_above_plan")].iterrows():
        measure = _plan_measure(r["measure"])
        same = {"source_id": r["source_id"], "area_key": r["area_key"], "year": r["year"]}
        ach = f[(f["measure"] == measure) & (f[list(same)] == pd.Series(same)).all(axis=1)]
        plan = t[(t["measure"] == measure) & (t[list(same)] == pd.Series(same)).all(axis=1)]
        if ach.empty or plan.empty:
            continue
        diff = ach.iloc[0]["value"] - plan.iloc[0]["target_value"]
        if not np.isclose(diff, r["value"]):
            out.append(
                finding(
                    "plan_vs_achieved",
                    r,
                    ach.iloc[0],
                    f"achieved {ach.iloc[0]['value']:g} − planned "
                    f"{plan.iloc[0]['target_value']:g} = {diff:g}, stated {r['value']:g}",
                )
            )
    return out


def contradicted_issue_dates(facts: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Sources that cite a document dated after their own stated issue date.

    Returns ``source_id, issued_date, cited_date, cited_row, cited_rows, source_row`` — one row
    per source, ``cited_date``/``cited_row`` being the latest cited document. Dates are compared
    at their precision: a notice issued "2023-11" may cite a document of 28/11/2023.
    """
    cols = ["source_id", "issued_date", "cited_date", "cited_row", "cited_rows", "source_row"]
    cites = facts[facts["measure"] == CITES]
    if cites.empty or sources is None or sources.empty:
        return pd.DataFrame(columns=cols)
    reg = sources.drop_duplicates("source_id").set_index("source_id")
    rows = []
    for sid, grp in cites.groupby("source_id"):
        issued = reg["issued_date"].get(sid)
        later = grp[np.array([dating.before(issued, d) for d in grp["as_of"]], dtype=bool)]
        if later.empty:
            continue
        later = later.assign(start=[dating.span(d)[0] for d in later["as_of"]]).sort_values("start")
        last = later.iloc[-1]
        rows.append(
            (
                sid,
                issued,
                last["as_of"],
                last["raw_row"],
                "; ".join(later["raw_row"]),
                reg["raw_row"].get(sid),
            )
        )
    return pd.DataFrame(rows, columns=cols)


def check_issue_dates(facts: pd.DataFrame, sources: pd.DataFrame | None) -> list[dict]:
    """A source whose stated issue date is earlier than a document it cites."""
    out = []
    doubtful = contradicted_issue_dates(facts, sources)
    cites = facts.set_index("raw_row")
    for r in doubtful.itertuples():
        cited = cites.loc[r.cited_rows.split("; ")]
        listed = ", ".join(
            f"{dating.label(d, 'en')} ({row})" for d, row in zip(cited["as_of"], cited.index)
        )
        a = pd.Series(
            {
                "measure": "issued_date",
                "area_name": cited.iloc[0]["area_name"],
                "when": r.issued_date,
                "raw_row": r.source_row,
                "source_id": r.source_id,
                "value": None,
            }
        )
        b = pd.Series({"raw_row": r.cited_row, "source_id": r.source_id, "value": None})
        out.append(
            finding(
                "issue_date",
                a,
                b,
                f"{r.source_id} is dated {dating.label(r.issued_date, 'en')} but cites "
                f"documents dated later: {listed}; it cannot have been issued before "
                f"{dating.label(r.cited_date, 'en')}",
            )
        )
    return out
