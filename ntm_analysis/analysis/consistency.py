"""``ntm check-facts``: consistency findings between the figures the sources state.

Each check compares rows as the sources state them and reports a finding naming both rows
(``raw_row``) and both sources; nothing is ever corrected. Inside one source
(`source_checks`):

* ``parts_vs_total``: parts a source breaks a total into must add up to it (the Bắc Sơn
  criteria bands; the city budget's investment and recurrent parts against the funding row);
  in `funding`, categories of one source, area, period and flow may not exceed its ``total``
  (nor ``central_investment`` + ``central_recurrent`` its ``central``);
* ``count_vs_percent``: a stated percentage must match count / total, to the precision printed;
* ``plan_vs_achieved``: a stated excess over plan must equal achieved minus planned;
* ``issue_date``: a document citing documents dated after its own issue date.

Across sources and dates (`cross_checks`):

* ``two_sources``: the same measure and area stated differently for one date, dates that
  differ only in precision included ("2019-09" and "2019-09-09");
* ``event_dates``: the same event (a district recognised, a commune recognised at a tier)
  placed in different years;
* ``commune_tiers``: one commune given different tiers for one year by two sources;
* ``share_falls``: a commune tier share that falls between two dated figures;
* ``flow_vs_stock``: a year's additions above the stock after them, or a stock that grew by
  less than the additions;
* ``count_over_total``: a count of units at a tier (districts at NTM) above the total of those
  units for the same area: on one date a contradiction, on different dates a changed base;
* ``base_changed``: the same on different dates where a row's note records the change of base
  (mergers, a reform, "before"/"after" a date): said as a change of base, not a conflict
  (`CONFLICTS` leaves it out of the counts).

The same pair of values from the same two sources is reported once (at its most precise
date), however many rows state it.

A finding that rests on a source's issue date while the documents it cites contradict that date
says so in ``caveat``. Plans and achievements of the same measure are never rivals.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.analysis import cross_checks, dating, source_checks
from ntm_analysis.analysis.findings import FINDING_COLUMNS, long_facts
from ntm_analysis.model.citations import cite
from ntm_analysis.model.csv_files import write_csv
from ntm_analysis.model.folder_lock import output_lock

__all__ = ["FINDING_COLUMNS", "check_facts", "dated_within", "register", "report_table"]

# Checks whose findings place a row in time; a doubtful issue date puts them in doubt.
DATED_CHECKS = (
    "two_sources",
    "share_falls",
    "event_dates",
    "flow_vs_stock",
    "commune_tiers",
    "count_over_total",
    "base_changed",
)
# Findings that are not conflicts: a change of base recorded in a note.
NOT_CONFLICTS = ("base_changed",)


def conflicts(found: pd.DataFrame) -> pd.DataFrame:
    """The findings that are conflicts (not a change of base said as such)."""
    return found[~found["check"].isin(NOT_CONFLICTS)]


def _once(found: pd.DataFrame) -> pd.DataFrame:
    """One finding per measure, area and pair of values and sources: a change of base a note
    records before a conflict (the note explains the pair however many rows state it), else
    the one at the most precise date ("25/02/2020" over "2020")."""
    if found.empty:
        return found
    key = ["measure", "area", "source_a", "value_a", "source_b", "value_b"]
    valued = found["value_a"].notna() & found["value_b"].notna()
    precision = found["when"].astype("string").fillna("").str.len()
    explained = found["check"].isin(NOT_CONFLICTS)
    ranked = found.assign(_e=~explained, _p=-precision).sort_values(["_e", "_p"], kind="stable")
    dupes = ranked[valued[ranked.index]].duplicated(key)
    drop = dupes[dupes].index
    return found.drop(index=drop).reset_index(drop=True)


def _dated_by_issue(f: pd.DataFrame, doubtful: pd.DataFrame) -> dict[str, str]:
    """raw_row -> caveat, for rows of a doubtful source dated by its issue date.

    A row rests on the issue date when it states a stock (`cross_checks.is_stock`) without a
    date of its own ("to date": the document's date) or dated the issue date itself; a year's
    additions or a year's average do not.
    """
    out = {}
    for r in doubtful.itertuples():
        rows = f[f["source_id"] == r.source_id]
        own = rows["as_of"].fillna("").astype(str)
        stock = rows["measure"].map(cross_checks.is_stock).astype(bool)
        rests = rows[stock & ((own == "") | (own == str(r.issued_date)))]
        text = (
            f"rests on the issue date of {r.source_id} ({r.issued_date}), which the documents "
            f"it cites contradict (it cites a document of {r.cited_date}, {r.cited_row})"
        )
        out.update(dict.fromkeys(rests["raw_row"], text))
    return out


def _with_caveats(found: pd.DataFrame, caveats: dict[str, str]) -> pd.DataFrame:
    if found.empty or not caveats:
        return found
    dated = found["check"].isin(DATED_CHECKS)
    for side in ("row_a", "row_b"):
        hit = dated & found[side].isin(caveats) & (found["caveat"] == "")
        found.loc[hit, "caveat"] = found.loc[hit, side].map(caveats)
    return found


def check_facts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every finding on the processed tables (empty frame when all is consistent)."""
    f = long_facts(tables)
    sources = tables.get("sources")
    rows = source_checks.check_parts(f) + source_checks.check_funding_parts(tables.get("funding"))
    rows += source_checks.check_percentages(f) + source_checks.check_plan(f, tables["targets"])
    rows += source_checks.check_issue_dates(f, sources)
    status = tables.get("commune_status")
    rows += cross_checks.check_two_sources(f) + cross_checks.check_event_dates(f, status)
    rows += cross_checks.check_commune_tiers(status) + cross_checks.check_share_falls(f)
    rows += cross_checks.check_flows_vs_stocks(f) + cross_checks.check_count_over_total(f)
    found = _once(pd.DataFrame(rows, columns=FINDING_COLUMNS))
    doubtful = source_checks.contradicted_issue_dates(f, sources)
    return _with_caveats(found, _dated_by_issue(f, doubtful))


def _spans(text: object) -> tuple[dt.date, dt.date] | None:
    """The days a finding's or a row's date covers: an ISO date at any precision or a span
    of years ("2022–2023", "2021-2025")."""
    m = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", str(text or "").strip())
    if m:
        return dating.span(m.group(1))[0], dating.span(m.group(2))[1]  # type: ignore[index]
    return dating.span(text)


def _row_dates(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """``raw_row`` -> the date it states (as-of, else year, else period) of every row of
    facts, funding and targets."""
    out: dict[str, str] = {}
    for name in ("facts", "funding", "targets"):
        df = tables.get(name)
        if df is None or df.empty:
            continue
        year = df["year"] if "year" in df else df["year_start"]
        as_of = df["as_of"] if "as_of" in df else [None] * len(df)
        period = df["period"] if "period" in df else [None] * len(df)
        for raw, y, a, p in zip(df["raw_row"], year, as_of, period, strict=True):
            out[str(raw)] = dating.stated_date(y, a) or dating.stated_date(None, p)
    return out


def dated_within(
    found: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    year: int | None = None,
    as_of: str | None = None,
) -> pd.Series:
    """Which findings belong to a report of ``year`` with data up to ``as_of``.

    A finding rests on the dates of its two rows (where they are rows of facts, funding or
    targets) and on its own date (``when``). It is left out when any of them starts after
    ``as_of`` (or, without ``as_of``, after the end of ``year``), and, with ``year``, when
    none of them falls in that year. Without either, every finding is kept.
    """
    if not year and not as_of:
        return pd.Series(True, index=found.index, dtype=bool)
    end_span = dating.span(as_of) if as_of else dating.span(str(year))
    if end_span is None:
        raise ValueError(f"as_of must be an ISO date, not {as_of!r}")
    cutoff = end_span[1]
    in_year = dating.span(str(year)) if year else None
    rows = _row_dates(tables)
    keep = []
    for r in found.itertuples():
        texts = [r.when, *(rows.get(str(x), "") for x in (r.row_a, r.row_b))]
        spans = [s for s in (_spans(t) for t in texts if t) if s]
        late = any(s[0] > cutoff for s in spans)
        touches = in_year is None or any(s[0] <= in_year[1] and s[1] >= in_year[0] for s in spans)
        keep.append(not late and touches)
    return pd.Series(keep, index=found.index, dtype=bool)


def report_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """`check_facts` as a table to paste into a report: each side cited by document."""
    findings = check_facts(tables)
    src = tables["sources"]
    name = dict(zip(src["source_id"], cite(src["source_id"], src), strict=True))
    out = findings.assign(
        document_a=findings["source_a"].map(name), document_b=findings["source_b"].map(name)
    )
    cols = ["check", "area", "measure", "when", "message", "caveat", "document_a", "row_a"]
    return out[[*cols, "document_b", "row_b"]]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``check-facts`` subcommand."""
    p = sub.add_parser(
        "check-facts",
        help="check the stated figures against each other (parts, percentages, sources, dates)",
        description=(
            "Read the processed tables, run the consistency checks (parts vs stated totals, "
            "counts vs percentages, plan vs achieved, a document's issue date vs the documents "
            "it cites, the same figure from two sources at dates that agree up to precision, "
            "the same event dated differently, two tiers for one commune and year, falling "
            "shares, a year's additions vs the stocks around it), print one line per finding "
            "naming both rows and sources, and write them to a CSV. The data is never changed. "
            "Exit status 1 with --strict when there are conflicts (a change of base a note "
            "records is reported, not counted as one)."
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
    p.add_argument("--strict", action="store_true", help="exit 1 when there are conflicts")
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    from ntm_analysis.model.tables import load_tables

    out = args.output or args.processed / "consistency.csv"
    # a build into the same folder rewrites the tables and these findings: wait for it
    with output_lock(out.parent):
        findings = check_facts(load_tables(args.processed))
        write_csv(findings, out)
    for r in findings.itertuples():
        caveat = f" [caveat: {r.caveat}]" if r.caveat else ""
        print(
            f"{r.check}: {r.area} {r.measure} [{r.when}]: {r.message} "
            f"({r.row_a} vs {r.row_b}){caveat}"
        )
    n_conflicts = len(conflicts(findings))
    changed = len(findings) - n_conflicts
    also = f" ({changed} of them a change of base, not a conflict)" if changed else ""
    print(f"{len(findings)} finding(s) written to {out}{also}")
    return 1 if (args.strict and n_conflicts) else 0
