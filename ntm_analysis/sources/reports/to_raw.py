"""Extracted facts as data-model rows, written in the raw layout ``ntm build --raw DIR`` reads.

Each accepted fact becomes rows of the data model (`model.dictionary`), with the report as
its source (``sources/<source_id>.csv``: ``report_`` + 10 hex digits of the file's SHA-1) and
its line (and page) as ``source_locator``; the span as printed goes to ``note``:

================================  ==========================================================
fact                              rows
================================  ==========================================================
``tier_count``                    ``facts``: ``communes_ntm`` (count), ``communes_total``
                                  (total), ``communes_ntm_pct`` (share); a target: ``targets``
``recognised_count``              ``facts`` / ``targets``: ``communes_advanced_added`` …
``recognised_commune``            ``commune_status`` (recognition, tier, model field, decision);
                                  a target: ``targets`` ``commune_advanced`` = 1
``recognised_district|village``   ``facts`` / ``targets``: ``district_ntm_recognised`` = 1 …
``avg_criteria``                  ``facts``: ``avg_criteria_per_commune``
``criteria_count``                ``commune_status`` (assessment: met, total, set); villages:
                                  ``facts`` ``village_criteria_met``
``criteria_band_count``           ``facts``: ``communes_15_18_criteria`` (``communes_19_criteria``)
``criteria_status``               ``criteria_status`` (a set and a number are required: a
                                  criterion named without them is completed from the set when
                                  the name tells its number; "difficult" is written
                                  ``unknown`` with a note)
``funding``                       ``funding`` (flow and period required); an amount per
                                  commune: ``facts`` ``<category>_per_commune_vnd``
``percent``                       ``facts`` / ``targets``: ``<measure>_pct``
``money_per_person``              ``facts``: ``rural_income_mn_vnd_per_person_year`` …
================================  ==========================================================

Every row is checked with the data model's schema and rules (`model.conform.build_table`);
a fact that makes no valid row is listed with its reasons (``extract_rejects.csv``), never
dropped silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.lexicon.criteria import find_criteria
from ntm_analysis.model import validate
from ntm_analysis.model.conform import build_table
from ntm_analysis.model.csv_files import write_csv
from ntm_analysis.model.dictionary import raw_columns
from ntm_analysis.places import gazetteer
from ntm_analysis.sources.reports.names import strip_prefix
from ntm_analysis.sources.reports.reject_reasons import Rejected, model_reason

TABLES = ("facts", "targets", "commune_status", "criteria_status", "funding")
REJECT_COLUMNS = ["source", "line", "kind", "text", "reason"]
PLURAL = {"commune": "communes", "village": "villages", "district": "districts"}
FULL_SET = {
    "commune_ntm": "commune_ntm_2021_2025",
    "commune_advanced": "commune_advanced_2021_2025",
}
# Percent measures whose data-model key differs from the extraction's.
PERCENT_KEYS = {"clean_water_households": "households_clean_water_pct"}
NOTE_LENGTH = 200


def source_id_of(path: str | Path) -> str:
    """Stable source id of a report file: ``report_`` + 10 hex digits of its SHA-1."""
    digest = hashlib.sha1()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return f"report_{digest.hexdigest()[:10]}"


@dataclass
class RawResult:
    """Data-model rows per table, the sources, and the facts that made no row."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    facts_in: int = 0
    repeated: int = 0  # rows a document states more than once, written once
    lang: str = "vi"  # the language of the reasons
    below: int = 0  # facts under the confidence threshold (rejected with that reason)


def _common(f: dict[str, Any], source_id: str) -> dict[str, Any]:
    where = f"line {f['line']}"
    if f.get("page"):
        where = f"page {f['page']}, {where}"
    note = f"ntm extract: {str(f.get('text') or '')[:NOTE_LENGTH]}"
    return {"source_id": source_id, "source_locator": where, "note": note}


def _area(f: dict[str, Any]) -> dict[str, Any]:
    if not f.get("area"):
        raise Rejected("no_area")
    return {
        "area_name": f["area"],
        "area_level": f.get("area_level"),
        "area_code": f.get("area_code"),
        "admin_vintage": f.get("admin_vintage") if f.get("area_code") else None,
    }


def _measure_row(
    f: dict[str, Any],
    source_id: str,
    measure: str,
    value: Any,
    unit: str,
    area=None,
    qualifier: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """A ``facts`` row (with the "as of" date stated), or a ``targets`` row for a target
    (which needs its year)."""
    row = {**_common(f, source_id), **(area or _area(f)), "measure": measure, "unit": unit}
    qualifier = qualifier or f.get("qualifier") or "exact"
    if f.get("is_target"):
        if f.get("year") is None:
            raise Rejected("no_year_target")
        return "targets", {**row, "year": f["year"], "target_value": value, "qualifier": qualifier}
    row = {**row, "year": f.get("year"), "as_of": f.get("as_of")}
    return "facts", {**row, "value": value, "qualifier": qualifier}


def _tier_count(f: dict, sid: str) -> list[tuple[str, dict]]:
    level = PLURAL.get(f.get("unit_level") or "", "")
    if not level:
        raise Rejected("unit_level", level=f.get("unit_level"))
    tier = f.get("tier")
    out = []
    if f.get("count") is not None and tier:
        out.append(_measure_row(f, sid, f"{level}_{tier}", f["count"], level))
    if f.get("total") is not None:
        out.append(_measure_row(f, sid, f"{level}_total", f["total"], level))
    if f.get("pct") is not None and tier:
        how = f.get("pct_qualifier")  # "gần 73%"
        out.append(_measure_row(f, sid, f"{level}_{tier}_pct", f["pct"], "pct", qualifier=how))
    if not out:
        raise Rejected("no_tier_total")
    return out


def _recognised_count(f: dict, sid: str) -> list[tuple[str, dict]]:
    level = PLURAL.get(f.get("unit_level") or "")
    if not level or not f.get("tier"):
        raise Rejected("no_level_tier")
    table, row = _measure_row(f, sid, f"{level}_{f['tier']}_added", f["count"], level)
    if f.get("decision"):
        row["note"] += f" (decision {f['decision']})"
    return [(table, row)]


@cache
def _commune_place(code: str, vintage: str = "legacy") -> tuple[str | None, str | None]:
    """(district name, province name) of a commune code of a vintage, from the gazetteer."""
    units = gazetteer.load_units(vintage)
    row = units[(units["level"] == "commune") & (units["unit_code"] == code)]
    if row.empty:
        return None, None
    r = row.iloc[0]
    return _short(r["district_name"]), _short(r["province_name"])


def _short(name: Any) -> str | None:
    return strip_prefix(name) if isinstance(name, str) else None


def _commune(f: dict[str, Any]) -> dict[str, Any]:
    """The commune columns of a commune fact: name, code, district and province."""
    if not f.get("commune"):
        raise Rejected("no_commune")
    vintage = f.get("admin_vintage") or "legacy"
    district, province = _commune_place(str(f["code"]), vintage) if f.get("code") else (None, None)
    province = province or f.get("doc_province")
    if not province:
        raise Rejected("no_commune_province")
    return {
        "commune_name": f["commune"],
        "district_name": district,
        "province_name": province,
        "unit_code": f.get("code"),
        "admin_vintage": f.get("admin_vintage") if f.get("code") else None,
    }


def _recognised_commune(f: dict, sid: str) -> list[tuple[str, dict]]:
    tier = f.get("tier")
    if f.get("is_target"):
        area = {
            "area_name": f.get("commune"),
            "area_level": "commune",
            "area_code": f.get("code"),
            "admin_vintage": f.get("admin_vintage") if f.get("code") else None,
        }
        return [_measure_row(f, sid, f"commune_{tier}", 1, "flag", area)]
    row = {
        **_common(f, sid),
        **_commune(f),
        "year": f.get("year"),
        "record_kind": "recognition",
        "tier": tier,
        "model_field": f.get("field_key"),
        "decision": f.get("decision"),
    }
    return [("commune_status", row)]


def _recognised_unit(f: dict, sid: str) -> list[tuple[str, dict]]:
    level = f["kind"].split("_", 1)[1]
    area = {
        "area_name": f.get(level),
        "area_level": level,
        "area_code": f.get("code"),
        "admin_vintage": f.get("admin_vintage") if f.get("code") else None,
    }
    name = f"{level}_{f['tier']}" if f.get("is_target") and level == "village" else None
    measure = name or f"{level}_{f['tier']}_recognised"
    return [_measure_row(f, sid, measure, 1, "flag", area)]


def _average(f: dict, sid: str) -> list[tuple[str, dict]]:
    if f.get("scope"):
        raise Rejected("group_average", scope=f["scope"])
    return [_measure_row(f, sid, "avg_criteria_per_commune", f["value"], "criteria_per_commune")]


def _criteria_count(f: dict, sid: str) -> list[tuple[str, dict]]:
    if f.get("scope"):
        area = {"area_name": f["scope"], "area_level": "village"}
        return [_measure_row(f, sid, "village_criteria_met", f["met"], "criteria", area)]
    row = {
        **_common(f, sid),
        **_commune(f),
        "year": f.get("year"),
        "record_kind": "assessment",
        "criteria_met": f.get("met"),
        "criteria_total": f.get("of"),
        "criteria_set": FULL_SET.get(f.get("criteria_set") or ""),
    }
    return [("commune_status", row)]


def _band(f: dict, sid: str) -> list[tuple[str, dict]]:
    lo, hi = f["min_met"], f["max_met"]
    measure = f"communes_{lo}_criteria" if lo == hi else f"communes_{lo}_{hi}_criteria"
    table, row = _measure_row(f, sid, measure, f["count"], "communes")
    if f.get("communes"):
        row["note"] += " (" + ", ".join(map(str, f["communes"])) + ")"
    return [(table, row)]


@cache
def _number_of(name: str, criteria_set: str) -> int | None:
    found = find_criteria(name, criteria_set, limit=1, min_score=90)
    return None if found.empty else int(found.iloc[0]["criterion_no"])


def _criteria_status(f: dict, sid: str) -> list[tuple[str, dict]]:
    criteria_set = FULL_SET.get(f.get("criteria_set") or "")
    if criteria_set is None:
        raise Rejected("no_set")
    number = f.get("criterion_no") or _number_of(str(f.get("criterion_name")), criteria_set)
    if number is None:
        raise Rejected("no_criterion", criteria_set=criteria_set, name=f.get("criterion_name"))
    if f.get("year") is None:
        raise Rejected("no_year_assessment")
    status = f.get("status")
    common = _commune(f)
    row = {
        **_common(f, sid),
        **{k: common[k] for k in ("commune_name", "province_name", "unit_code", "admin_vintage")},
        "year": f["year"],
        "criteria_set": criteria_set,
        "criterion_no": number,
        "status": "unknown" if status == "difficult" else status,
    }
    if status == "difficult":
        row["note"] += " (stated as difficult to meet)"
    return [("criteria_status", row)]


def _funding(f: dict, sid: str) -> list[tuple[str, dict]]:
    if f.get("per_commune"):
        measure = f"{f['source_category']}_per_commune_vnd"
        return [_measure_row(f, sid, measure, f["amount_vnd"], "vnd")]
    flow = f.get("flow") or ("planned" if f.get("is_target") else None)
    if flow is None:
        raise Rejected("no_flow")
    period = f.get("period") or (str(f["year"]) if f.get("year") else None)
    if period is None:
        raise Rejected("no_period")
    row = {
        **_common(f, sid),
        **_area(f),
        "period": period,
        "source_category": f["source_category"],
        "flow": flow,
        "amount_vnd": f["amount_vnd"],
        "qualifier": f.get("qualifier") or "exact",
    }
    return [("funding", row)]


def _percent(f: dict, sid: str) -> list[tuple[str, dict]]:
    measure = PERCENT_KEYS.get(f["measure"], f"{f['measure']}_pct")
    return [_measure_row(f, sid, measure, f["value"], "pct")]


def _per_person(f: dict, sid: str) -> list[tuple[str, dict]]:
    per = f.get("per") or "year"
    unit = f"mn_vnd_per_person_{per}"
    value = f["amount_vnd"] / 1_000_000
    return [_measure_row(f, sid, f"{f['measure']}_{unit}", value, unit)]


_RULES: dict[str, Callable[[dict, str], list[tuple[str, dict]]]] = {
    "tier_count": _tier_count,
    "recognised_count": _recognised_count,
    "recognised_commune": _recognised_commune,
    "recognised_district": _recognised_unit,
    "recognised_village": _recognised_unit,
    "avg_criteria": _average,
    "criteria_count": _criteria_count,
    "criteria_band_count": _band,
    "criteria_status": _criteria_status,
    "funding": _funding,
    "percent": _percent,
    "money_per_person": _per_person,
}


def rows_of(fact: dict[str, Any], source_id: str) -> list[tuple[str, dict[str, Any]]]:
    """The data-model rows one fact makes: (table, row) pairs.

    Raises:
        Rejected: the fact cannot be a valid row (the message says why).
    """
    rule = _RULES.get(fact.get("kind", ""))
    if rule is None:
        raise Rejected("no_table", kind=fact.get("kind"))
    return rule(fact, source_id)


def source_row(
    path: str, source_id: str, province: str | None, about: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The ``sources`` row registering one report file: its number, date, issuer and title
    as its first lines state them (``about``: `header.read_header`), else empty; a document
    that states no title is named by its file, in Vietnamese ("Tệp bc.txt"), as no type.

    >>> source_row("d/bc.txt", "r", None)["title"]
    'Tệp bc.txt'
    """
    about = about or {}
    name = Path(path).name
    return {
        "source_id": source_id,
        "kind": "document",
        "issuer": about.get("issuer"),
        "document_no": about.get("number"),
        "issued_date": about.get("date"),
        "title": about.get("title") or f"Tệp {name}",
        "province": province,
        "url": name,
        "note": "ntm extract đọc các số liệu; source_locator ghi dòng của từng số liệu",
    }


def convert(
    facts: list[dict[str, Any]],
    source_ids: dict[str, str],
    lang: str = "vi",
    below: tuple[list[dict[str, Any]], float] = ([], 0.0),
) -> RawResult:
    """Rows of accepted ``facts`` (records of `document.extract_lines` with ``context``), each
    under the source id of its ``source`` file; rows failing the data model are rejected, with
    their reasons in ``lang``. ``below`` holds the facts left out under a confidence threshold:
    they are rejected too, with that reason (none is dropped unlisted)."""
    result = RawResult(facts_in=len(facts), lang=lang, below=len(below[0]))
    for f in below[0]:
        why = Rejected("below_threshold", confidence=f.get("confidence"), threshold=below[1])
        result.rejects.append(_reject(f, why.render(lang)))
    pending: dict[str, list[tuple[dict, dict]]] = {t: [] for t in TABLES}
    provinces: dict[str, str | None] = {}
    abouts: dict[str, dict[str, Any]] = {}
    for f in [*facts, *below[0]]:  # a document of facts all under the threshold is one too
        provinces.setdefault(f["source"], f.get("doc_province"))
        abouts.setdefault(f["source"], f.get("doc_source") or {})
    for f in facts:
        sid = source_ids[f["source"]]
        try:
            for table, row in rows_of(f, sid):
                pending[table].append((f, row))
        except Rejected as err:
            result.rejects.append(_reject(f, err.render(lang)))
    result.sources = [
        source_row(src, source_ids[src], p, abouts[src]) for src, p in provinces.items()
    ]
    ctx = validate.Context(source_ids=set(source_ids.values()))
    for table, items in pending.items():
        if items:
            once = _once(items)
            result.repeated += len(items) - len(once)
            result.tables[table] = _valid_rows(table, once, ctx, result)
    return result


_WHERE_STATED = ("source_locator", "note")


def _once(items: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """The rows with a row that says the same as an earlier one of its document (a title
    and its body, a table's total under each of its counts) written once: the first, with
    the places of both in its ``source_locator`` ("line 1; line 3").

    >>> a = {"source_id": "r", "value": 3, "source_locator": "line 1", "note": "x"}
    >>> [r["source_locator"] for _, r in _once([({}, a), ({}, {**a, "source_locator": "line 3"})])]
    ['line 1; line 3']
    """
    first: dict[tuple, int] = {}
    out: list[tuple[dict, dict]] = []
    for f, row in items:
        key = tuple(sorted((k, repr(v)) for k, v in row.items() if k not in _WHERE_STATED))
        if key not in first:
            first[key] = len(out)
            out.append((f, dict(row)))
            continue
        kept = out[first[key]][1]
        if row["source_locator"] not in kept["source_locator"].split("; "):
            kept["source_locator"] += f"; {row['source_locator']}"
    return out


def _valid_rows(
    table: str, items: list[tuple[dict, dict]], ctx: validate.Context, result: RawResult
) -> list[dict[str, Any]]:
    """The rows of one table that pass the data model; the others rejected with reasons."""
    cols = raw_columns(table)
    text = pd.DataFrame(
        [[_text(row.get(c)) for c in cols] for _, row in items], columns=cols, dtype="string"
    )
    text["raw_row"] = [str(i) for i in range(len(items))]
    res = build_table(table, text, ctx)
    bad = set()
    for rej in res.rejects.itertuples(index=False):
        i = int(rej.raw_row)
        bad.add(i)
        result.rejects.append(_reject(items[i][0], model_reason(table, rej.reason, result.lang)))
    return [row for i, (_, row) in enumerate(items) if i not in bad]


def _text(value: Any) -> str | None:
    """A value as a raw CSV cell: empty for none, whole numbers without a decimal point."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _reject(f: dict[str, Any], reason: str) -> dict[str, Any]:
    return {
        "source": f.get("source"),
        "line": f.get("line"),
        "kind": f.get("kind"),
        "text": f.get("text"),
        "reason": reason,
    }


def write_raw(result: RawResult, out_dir: str | Path) -> dict[str, Path]:
    """Write the rows as ``<table>/<source_id>.csv`` and ``sources/<source_id>.csv`` (the raw
    layout), and the rejected facts to ``extract_rejects.csv``; return the paths written."""
    out = Path(out_dir)
    written: dict[str, Path] = {}
    frames = {"sources": result.sources, **result.tables}
    for table, rows in frames.items():
        if not rows:
            continue
        cols = raw_columns(table)
        df = pd.DataFrame([[_text(r.get(c)) for c in cols] for r in rows], columns=cols)
        for sid, part in df.groupby("source_id", sort=True):
            path = out / table / f"{sid}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_csv(part, path)
            written[f"{table}/{sid}"] = path
    out.mkdir(parents=True, exist_ok=True)
    rejects = out / "extract_rejects.csv"
    write_csv(pd.DataFrame(result.rejects, columns=REJECT_COLUMNS), rejects)
    written["rejects"] = rejects
    return written
