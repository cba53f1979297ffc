"""Consistency checks across the figures the sources state: ``ntm check-facts``.

Each check compares rows as the sources state them and reports a finding naming both rows
(``raw_row``) and both sources; nothing is ever corrected. Checks:

* ``parts_vs_total``: parts that a source breaks a total into must add up to it; in `funding`,
  the categories of one source, area, period and flow may not add up to more than its
  ``total`` row (nor ``central_investment`` + ``central_recurrent`` to more than ``central``);
  less is not reported, because a source may list only some of the sources of funds;
* ``count_vs_percent``: a stated percentage must match count / total of the same source,
  area and date, to the precision printed;
* ``plan_vs_achieved``: a stated excess over plan must equal achieved (`facts`) minus planned
  (`targets`); a plan and an achievement of the same measure are never compared as rivals;
* ``two_sources``: the same measure, area and date stated differently by two sources;
* ``share_falls``: a commune tier share that falls between two dated figures of an area.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from ntm_analysis import paths
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model.citations import cite
from ntm_analysis.model.csv_files import write_csv

FINDING_COLUMNS = [
    "check",
    "measure",
    "area",
    "when",
    "row_a",
    "source_a",
    "value_a",
    "row_b",
    "source_b",
    "value_b",
    "message",
]

# total measure -> its parts, as stated by one source for one area and date
PARTS = {
    "communes_total": [
        "communes_19_criteria",
        "communes_15_18_criteria",
        "communes_10_14_criteria",
        "communes_5_9_criteria",
    ],
    "funding_provincial_allocated": ["budget_city_investment_vnd", "budget_city_recurrent_vnd"],
}
# count measure -> its percentage measure (denominator: communes_total of the same context)
PERCENT_OF = {f"communes_{t}": f"communes_{t}_pct" for t in ("ntm", "advanced", "model")} | {
    "model_works_completed": "model_works_completed_pct"
}
DENOMINATOR = {"model_works_completed": "model_works_total"}


def _area_key(df: pd.DataFrame) -> pd.Series:
    code = df["area_code"].fillna("")
    name = df["area_name"].map(fold)
    vint = df["admin_vintage"].fillna("")
    return df["area_level"] + "|" + np.where(code != "", vint + ":" + code, name)


def _when(df: pd.DataFrame) -> pd.Series:
    year = df["year"].astype("string").fillna("")
    return year + "|" + df["as_of"].fillna("") + "|" + df["period"].fillna("")


def _long_facts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Facts plus funding rows recast as ``funding_<category>_<flow>`` facts in VND."""
    facts = tables["facts"].copy()
    fu = tables.get("funding")
    if fu is not None and len(fu):
        extra = pd.DataFrame(
            {
                "area_name": fu["area_name"],
                "area_level": fu["area_level"],
                "area_code": fu["area_code"],
                "admin_vintage": fu["admin_vintage"],
                "year": fu["year_start"].where(fu["year_start"] == fu["year_end"]),
                "as_of": pd.NA,
                "period": fu["period"].where(fu["year_start"] != fu["year_end"]),
                "measure": "funding_" + fu["source_category"] + "_" + fu["flow"],
                "value": fu["amount_vnd"].astype("float64"),
                "unit": "vnd",
                "source_id": fu["source_id"],
                "raw_row": fu["raw_row"],
            }
        )
        facts = pd.concat([facts, extra], ignore_index=True)
    facts["area_key"] = _area_key(facts)
    facts["when"] = _when(facts)
    return facts


def _finding(check: str, a: pd.Series, b: pd.Series | None, message: str, **vals) -> dict:
    return {
        "check": check,
        "measure": a["measure"],
        "area": a["area_name"],
        "when": a["when"].strip("|").replace("||", "|"),
        "row_a": a["raw_row"],
        "source_a": a["source_id"],
        "value_a": vals.get("value_a", a["value"]),
        "row_b": None if b is None else b["raw_row"],
        "source_b": None if b is None else b["source_id"],
        "value_b": vals.get("value_b", None if b is None else b["value"]),
        "message": message,
    }


def _decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def check_parts(f: pd.DataFrame) -> list[dict]:
    """Parts stated by one source must add up to the total it states."""
    out = []
    for total, parts in PARTS.items():
        for _, grp in f[f["measure"].isin([total, *parts])].groupby(["source_id", "when"]):
            tot = grp[grp["measure"] == total]
            got = grp[grp["measure"].isin(parts)]
            if tot.empty or got.empty:
                continue
            for _, t in tot.iterrows():
                same = got[got["area_key"] == t["area_key"]]
                if same.empty:
                    continue
                s = same["value"].sum()
                if not np.isclose(s, t["value"]):
                    out.append(
                        _finding(
                            "parts_vs_total",
                            t,
                            same.iloc[0],
                            f"parts {', '.join(same['measure'])} add up to {s:g}, "
                            f"the stated total is {t['value']:g}",
                            value_b=s,
                        )
                    )
    return out


CENTRAL_PARTS = ("central_investment", "central_recurrent")


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


def check_funding_parts(fu: pd.DataFrame | None) -> list[dict]:
    """Funding categories of one source, area, period and flow exceeding their stated total."""
    out: list[dict] = []
    if fu is None or fu.empty:
        return out
    fu = fu.assign(area_key=_area_key(fu))
    for _, grp in fu.groupby(["source_id", "area_key", "period", "flow"], dropna=False):
        cats = set(grp["source_category"])
        checks = []
        if "central" in cats and cats & set(CENTRAL_PARTS):
            checks.append(("central", grp[grp["source_category"].isin(CENTRAL_PARTS)]))
        if "total" in cats:
            skip = {"total"} | ({"central"} if cats & set(CENTRAL_PARTS) else set())
            checks.append(("total", grp[~grp["source_category"].isin(skip)]))
        for whole, parts in checks:
            if parts.empty:
                continue
            s = float(parts["amount_vnd"].sum())
            for _, t in grp[grp["source_category"] == whole].iterrows():
                if s > float(t["amount_vnd"]) + 0.5:
                    out.append(
                        _finding(
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
    """A stated percentage must equal count / total to the printed precision."""
    out = []
    for count_m, pct_m in PERCENT_OF.items():
        den_m = DENOMINATOR.get(count_m, "communes_total")
        key = ["source_id", "area_key", "when"]
        c = f[f["measure"] == count_m]
        p = f[f["measure"] == pct_m]
        d = f[f["measure"] == den_m]
        m = c.merge(p, on=key, suffixes=("", "_pct")).merge(d, on=key, suffixes=("", "_den"))
        for _, r in m.iterrows():
            if not r["value_den"]:
                continue
            computed = r["value"] / r["value_den"] * 100
            digits = _decimals(r["value_pct"])
            if abs(round(computed, digits) - r["value_pct"]) > 10**-digits / 2 + 1e-9:
                a = r[["measure", "area_name", "when", "raw_row", "source_id", "value"]]
                b = pd.Series(
                    {
                        "raw_row": r["raw_row_pct"],
                        "source_id": r["source_id"],
                        "value": r["value_pct"],
                    }
                )
                out.append(
                    _finding(
                        "count_vs_percent",
                        a,
                        b,
                        f"{r['value']:g}/{r['value_den']:g} = {computed:.2f}%, "
                        f"but {pct_m} is stated as {r['value_pct']:g}%",
                    )
                )
    return out


def check_plan(f: pd.DataFrame, targets: pd.DataFrame) -> list[dict]:
    """A stated excess over plan must equal achieved minus planned (same source and year)."""
    out = []
    t = targets.copy()
    t["area_key"] = _area_key(t)
    for _, r in f[f["measure"].str.endswith("_above_plan")].iterrows():
        base = r["measure"].removesuffix("_above_plan")
        measure = base.replace("_pct", "") + "_pct" if base.endswith("_pct") else base
        ach = f[
            (f["measure"] == measure)
            & (f["source_id"] == r["source_id"])
            & (f["area_key"] == r["area_key"])
            & (f["year"] == r["year"])
        ]
        plan = t[
            (t["measure"] == measure)
            & (t["source_id"] == r["source_id"])
            & (t["area_key"] == r["area_key"])
            & (t["year"] == r["year"])
        ]
        if ach.empty or plan.empty:
            continue
        diff = ach.iloc[0]["value"] - plan.iloc[0]["target_value"]
        if not np.isclose(diff, r["value"]):
            out.append(
                _finding(
                    "plan_vs_achieved",
                    r,
                    ach.iloc[0],
                    f"achieved {ach.iloc[0]['value']:g} − planned "
                    f"{plan.iloc[0]['target_value']:g} = {diff:g}, stated {r['value']:g}",
                )
            )
    return out


def _same_as_printed(a: float, b: float) -> bool:
    """Equal once the more precise figure is rounded or truncated to the other's precision.

    >>> _same_as_printed(84.14, 84.147), _same_as_printed(76, 75.9), _same_as_printed(65, 75)
    (True, True, False)
    """
    digits = min(_decimals(a), _decimals(b))
    fine, coarse = (a, b) if _decimals(a) > _decimals(b) else (b, a)
    scale = 10**digits
    return bool(
        np.isclose(round(fine, digits), coarse)
        or np.isclose(np.trunc(fine * scale) / scale, coarse)
    )


def check_two_sources(f: pd.DataFrame) -> list[dict]:
    """The same measure, area and date stated differently by two sources."""
    out = []
    for _, grp in f.groupby(["measure", "area_key", "when"]):
        if grp["source_id"].nunique() < 2:
            continue
        rows = grp.drop_duplicates("source_id").reset_index(drop=True)
        for i in range(1, len(rows)):
            a, b = rows.iloc[0], rows.iloc[i]
            if not _same_as_printed(a["value"], b["value"]):
                out.append(
                    _finding(
                        "two_sources",
                        a,
                        b,
                        f"{a['source_id']} states {a['value']:g}, "
                        f"{b['source_id']} states {b['value']:g}",
                    )
                )
    return out


SHARES = ("communes_ntm_pct", "communes_advanced_pct", "communes_model_pct")


def _date(df: pd.DataFrame) -> pd.Series:
    """Sortable date: as_of when given, else the end of the year."""
    year = df["year"].astype("string")
    return df["as_of"].fillna(year + "-12-31").where(df["year"].notna() | df["as_of"].notna())


def check_share_falls(f: pd.DataFrame) -> list[dict]:
    """A tier share that falls between two dated figures for the same area.

    A commune keeps its tier once recognised, so a falling share means a changed denominator
    (mergers, a different commune base) or a conflicting figure; either needs explaining.
    """
    out = []
    shares = f[f["measure"].isin(SHARES) & f["period"].isna()].assign(date=lambda d: _date(d))
    for _, grp in shares.dropna(subset=["date"]).groupby(["measure", "area_key"]):
        grp = grp.sort_values(["date", "raw_row"])
        prev = None
        for _, row in grp.iterrows():
            if (
                prev is not None
                and row["value"] < prev["value"] - 0.5
                and row["date"] > prev["date"]
            ):
                out.append(
                    _finding(
                        "share_falls",
                        prev,
                        row,
                        f"{prev['value']:g}% ({prev['source_id']}, {prev['date']}) falls to "
                        f"{row['value']:g}% ({row['source_id']}, {row['date']}); base may differ",
                    )
                )
            prev = row
    return out


def check_facts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every finding on the processed tables (empty frame when all is consistent)."""
    f = _long_facts(tables)
    rows = check_parts(f) + check_funding_parts(tables.get("funding"))
    rows += check_percentages(f) + check_plan(f, tables["targets"])
    rows += check_two_sources(f) + check_share_falls(f)
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def report_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`check_facts` as a table to paste into a report: each side cited by document."""
    findings = check_facts(tables)
    src = tables["sources"]
    name = dict(zip(src["source_id"], cite(src["source_id"], src), strict=True))
    out = findings.assign(
        document_a=findings["source_a"].map(name), document_b=findings["source_b"].map(name)
    )
    cols = ["check", "area", "measure", "when", "message", "document_a", "row_a"]
    return out[[*cols, "document_b", "row_b"]]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``check-facts`` subcommand."""
    p = sub.add_parser(
        "check-facts",
        help="check the stated figures against each other (parts, percentages, plans, sources)",
        description=(
            "Read the processed tables, run the consistency checks (parts vs stated totals, "
            "counts vs percentages, plan vs achieved, the same figure from two sources), print "
            "one line per finding naming both rows and sources, and write them to a CSV. "
            "The data is never changed. Exit status 1 with --strict when there are findings."
        ),
    )
    p.add_argument(
        "--processed",
        type=Path,
        default=paths.PROCESSED,
        help="folder of processed tables (default: %(default)s)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="findings CSV (default: PROCESSED/consistency.csv)",
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when there are findings")
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    from ntm_analysis.model.tables import load_tables

    findings = check_facts(load_tables(args.processed))
    out = args.output or args.processed / "consistency.csv"
    write_csv(findings, out)
    for r in findings.itertuples():
        print(f"{r.check}: {r.area} {r.measure} [{r.when}]: {r.message} ({r.row_a} vs {r.row_b})")
    print(f"{len(findings)} finding(s) written to {out}")
    return 1 if (args.strict and len(findings)) else 0
