"""Score `ntm extract` on the seed reports against the rows transcribed in ``data/raw``.

Truth items. Each row of ``data/raw/{facts,targets,funding,commune_status,criteria_status}``
whose ``source_id`` points at a seed file (``sources.csv``: ``url`` = "seed <file>") becomes a
truth item with a family, the values to compare, its line range (from ``source_locator``:
"line 42" / "lines 44-45") and ``is_target`` (True for ``targets`` rows and for funding with
flow ``planned``). Rows whose note begins "derived" (worked out, not stated) and rows of
measures no extraction kind covers (documents issued, works built,
output per hectare, cohort sizes …) are *out of scope*: counted and listed, never scored.

Matching rule. An extracted fact matches a truth item when all hold:

* same seed file, and the fact's line lies in the item's line range widened by
  `LINE_TOLERANCE` on each side;
* same ``is_target``;
* the family's values agree:

  - ``count`` (measures ``communes|districts|villages`` × ``ntm|advanced|model|total`` with an
    optional ``_pct``, ``_added``, ``_dossier``, ``_criteria_completed`` or ``_pct_in_…``
    suffix): a ``tier_count`` or ``recognised_count`` fact of the same unit level and, when
    the row names a tier, the same tier, whose ``count`` (``pct`` for ``_pct`` rows, ``total``
    for ``_total`` rows) equals the value. A ``recognised_district|commune|village`` fact also
    matches a count row when its unit's name is written in the row's ``note`` (the
    transcription names the counted units there);
  - ``named`` (one-unit targets such as ``commune_advanced`` and ``commune_status``
    recognitions): a ``recognised_*`` fact of that level, same tier, same folded name;
  - ``percent`` (other ``_pct`` measures): a ``percent`` fact with the same value (and, for
    measures in `PERCENT_ALIASES`, the same measure);
  - ``funding`` (funding rows and ``*_vnd`` measures): a ``funding`` fact with the same
    ``amount_vnd``;
  - ``per_person`` (``rural_income|income_mn_vnd_per_person_year|month``): a
    ``money_per_person`` fact with the same measure, period and amount (million đồng × 10⁶);
  - ``avg``: an ``avg_criteria`` fact with the same value;
  - ``band`` (``communes_A_B_criteria``): a ``criteria_band_count`` with the same count,
    ``min_met``, ``max_met``; ``band_member`` (a commune's ``criteria_met_band_min/max``
    pair): a band fact listing that commune with the same bounds;
  - ``criteria_count`` (``commune_status`` assessments, ``*_criteria_met``): a
    ``criteria_count`` fact with the same ``met`` (and ``of`` when the row has a total) and,
    when both name one, the same commune; or a one-value band ("đạt 19 tiêu chí: 04 xã (…)")
    that lists the commune;
  - ``criteria_status``: a ``criteria_status`` fact with the same commune, criterion number
    and status, and the same criteria set unless the fact leaves it null.

Precision = extracted facts that match at least one truth item / extracted facts (a true
statement repeated in the text counts once for recall, and each repetition counts as
correct). Recall = truth items matched by at least one fact / truth items in scope.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports.document import extract_file
from ntm_analysis.sources.reports.facts import OUTPUT_SET

LINE_TOLERANCE = 2
TABLES = ("facts", "targets", "funding", "commune_status", "criteria_status")
PERCENT_ALIASES = {
    "poverty_rate_pct": "poverty_rate",
    "rural_poverty_rate_pct": "rural_poverty_rate",
    "households_clean_water_pct": "clean_water_households",
    "schools_national_standard_pct": "schools_national_standard",
    "health_insurance_coverage_pct": "health_insurance_coverage",
}
_COUNT_MEASURE = re.compile(
    r"^(?P<lvl>communes|districts|villages)_(?P<tier>ntm|advanced|model|total)"
    r"(?P<suffix>_pct|_added|_dossier|_criteria_completed|_pct_in_\w+)?$"
)
_NAMED_MEASURE = re.compile(
    r"^(?P<lvl>commune|district|village)_(?P<tier>ntm|advanced|model)"
    r"(?:_criteria_completed|_met|_recognised)?$"
)
_PER_PERSON_MEASURE = re.compile(
    r"^(?P<measure>rural_income|income)_mn_vnd_per_person_(?P<per>year|month)$"
)
_BAND_MEASURE = re.compile(r"^communes_(?P<lo>\d+)(?:_(?P<hi>\d+))?_criteria$")
_LEVEL = {"communes": "commune", "districts": "district", "villages": "village"}


@dataclass
class Truth:
    """One transcribed row as a scorable item."""

    seed: str
    family: str
    values: dict
    lines: tuple[int, int]
    is_target: bool
    label: str
    matched: bool = False


@dataclass
class Score:
    """Per-kind and overall precision/recall with the unmatched rows for review."""

    per_kind: dict = field(default_factory=dict)
    overall: dict = field(default_factory=dict)
    unmatched_facts: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    out_of_scope: list = field(default_factory=list)


def _lines(locator: str) -> tuple[int, int] | None:
    m = re.search(r"lines?\s+(\d+)(?:\s*[-–]\s*(\d+))?", str(locator))
    if not m:
        return None
    lo = int(m.group(1))
    return lo, int(m.group(2) or lo)


def _seed_files(raw: Path) -> dict[str, str]:
    sources = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    out = {}
    for row in sources.itertuples(index=False):
        m = re.search(r"seed\s+(\S+\.txt)", row.url)
        if m:
            out[row.source_id] = m.group(1)
    return out


def _num(v) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def load_truth(raw: Path) -> tuple[list[Truth], list[str]]:
    """Truth items from ``data/raw`` and the labels of rows out of scope."""
    seeds = _seed_files(raw)
    items: list[Truth] = []
    out_of_scope: list[str] = []
    bands: dict[tuple, dict] = defaultdict(dict)
    for table in TABLES:
        for path in sorted((raw / table).glob("*.csv")):
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
            for row in df.to_dict("records"):
                seed = seeds.get(row.get("source_id", ""))
                lines = _lines(row.get("source_locator", ""))
                if seed is None or lines is None:
                    continue
                label = f"{table}:{row.get('measure') or row.get('criterion_no', '')}"
                label += (
                    f" {row.get('area_name') or row.get('commune_name', '')} ({seed[:3]} {lines})"
                )
                item = _to_item(table, row, seed, lines, label, bands)
                if item is None:
                    if not (
                        table == "facts" and row.get("measure", "").startswith("criteria_met_band")
                    ):
                        out_of_scope.append(label)
                else:
                    items.append(item)
    for (seed, commune, lines), vals in bands.items():
        items.append(
            Truth(
                seed,
                "band_member",
                {"commune": commune, **vals},
                lines,
                False,
                f"facts:criteria_met_band {commune} ({seed[:3]} {lines})",
            )
        )
    return items, out_of_scope


def _to_item(table: str, row: dict, seed: str, lines, label: str, bands) -> Truth | None:
    if str(row.get("note", "")).lower().startswith("derived"):
        return None  # worked out by the transcriber, not stated in the text
    target = table == "targets" or row.get("flow") == "planned"
    if table == "criteria_status":
        return Truth(
            seed,
            "criteria_status",
            {
                "commune": fold(row["commune_name"]),
                "no": int(row["criterion_no"]),
                "status": row["status"],
                "set": OUTPUT_SET.get(row["criteria_set"], row["criteria_set"]),
            },
            lines,
            False,
            label,
        )
    if table == "funding":
        return Truth(seed, "funding", {"amount": int(row["amount_vnd"])}, lines, target, label)
    if table == "commune_status":
        if row.get("record_kind") == "recognition":
            return Truth(
                seed,
                "named",
                {"level": "commune", "tier": row["tier"], "name": fold(row["commune_name"])},
                lines,
                False,
                label,
            )
        if row.get("criteria_met"):
            return Truth(
                seed,
                "criteria_count",
                {
                    "met": int(row["criteria_met"]),
                    "of": _num(row.get("criteria_total")),
                    "commune": fold(row["commune_name"]),
                },
                lines,
                False,
                label,
            )
        return None
    return _measure_item(table, row, seed, lines, label, bands, target)


def _measure_item(
    table: str, row: dict, seed: str, lines, label: str, bands, target: bool
) -> Truth | None:
    """The truth item of a ``facts`` or ``targets`` row, by its measure."""
    measure = row["measure"]
    value = _num(row.get("value") if table == "facts" else row.get("target_value"))
    note = fold(f"{row.get('note', '')} {row.get('area_name', '')}")
    if measure.startswith("criteria_met_band_"):
        key = (seed, fold(row["area_name"]), lines)
        bands[key]["lo" if measure.endswith("min") else "hi"] = value
        return None
    if m := _COUNT_MEASURE.match(measure):
        suffix = m.group("suffix") or ""
        field_ = (
            "pct"
            if suffix.startswith("_pct")
            else "total"
            if m.group("tier") == "total"
            else "count"
        )
        tier = None if m.group("tier") == "total" else m.group("tier")
        return Truth(
            seed,
            "count",
            {
                "level": _LEVEL[m.group("lvl")],
                "tier": tier,
                "field": field_,
                "value": value,
                "note": note,
            },
            lines,
            target,
            label,
        )
    if m := _NAMED_MEASURE.match(measure):
        return Truth(
            seed,
            "named",
            {"level": m.group("lvl"), "tier": m.group("tier"), "name": fold(row["area_name"])},
            lines,
            target,
            label,
        )
    if m := _BAND_MEASURE.match(measure):
        lo = int(m.group("lo"))
        return Truth(
            seed,
            "band",
            {"count": value, "lo": lo, "hi": int(m.group("hi") or lo)},
            lines,
            target,
            label,
        )
    if measure == "avg_criteria_per_commune":
        return Truth(seed, "avg", {"value": value}, lines, target, label)
    if measure.endswith("_criteria_met"):
        return Truth(
            seed,
            "criteria_count",
            {"met": value, "of": None, "commune": fold(row["area_name"])},
            lines,
            target,
            label,
        )
    if m := _PER_PERSON_MEASURE.match(measure):
        amount = None if value is None else round(value * 1_000_000)
        per = {"year": "year", "month": "month"}[m.group("per")]
        return Truth(
            seed,
            "per_person",
            {"measure": m.group("measure"), "amount": amount, "per": per},
            lines,
            target,
            label,
        )
    if measure.endswith("_vnd"):
        return Truth(seed, "funding", {"amount": int(value)}, lines, target, label)
    if measure.endswith("_pct") and row.get("unit") == "pct":
        return Truth(
            seed,
            "percent",
            {"value": value, "measure": PERCENT_ALIASES.get(measure)},
            lines,
            target,
            label,
        )
    return None


def _same(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6


def matches(fact: dict, t: Truth) -> bool:
    """Whether one extracted fact matches one truth item (see the module docstring)."""
    lo, hi = t.lines
    if not lo - LINE_TOLERANCE <= fact["line"] <= hi + LINE_TOLERANCE:
        return False
    if bool(fact["is_target"]) != t.is_target:
        return False
    rule = _FAMILY_RULES.get(t.family)
    return rule is not None and rule(fact, t.values)


def _count_matches(fact: dict, v: dict) -> bool:
    kind = fact["kind"]
    if kind in ("tier_count", "recognised_count"):
        if fact.get("unit_level") != v["level"]:
            return False
        if v["tier"] and fact.get("tier") and fact["tier"] != v["tier"]:
            return False
        return _same(fact.get(v["field"]), v["value"])
    if kind.startswith("recognised_"):  # a unit the transcription names in its note
        level = kind.split("_", 1)[1]
        name = fold(fact.get(level) or "")
        tier_ok = not v["tier"] or fact.get("tier") == v["tier"]
        return level == v["level"] and tier_ok and bool(name) and name in v["note"]
    return False


def _named_matches(fact: dict, v: dict) -> bool:
    kind = fact["kind"]
    level = kind.split("_", 1)[1] if kind.startswith("recognised_") else None
    return (
        level == v["level"]
        and fact.get("tier") == v["tier"]
        and fold(fact.get(level) or "") == v["name"]
    )


def _percent_matches(fact: dict, v: dict) -> bool:
    if fact["kind"] != "percent" or not _same(fact["value"], v["value"]):
        return False
    return v["measure"] is None or fact["measure"] == v["measure"]


def _band_matches(fact: dict, v: dict) -> bool:
    return (
        fact["kind"] == "criteria_band_count"
        and _same(fact["count"], v["count"])
        and fact["min_met"] == v["lo"]
        and fact["max_met"] == v["hi"]
    )


def _band_member_matches(fact: dict, v: dict) -> bool:
    return (
        fact["kind"] == "criteria_band_count"
        and _same(fact["min_met"], v.get("lo"))
        and _same(fact["max_met"], v.get("hi"))
        and v["commune"] in {fold(c) for c in fact["communes"]}
    )


def _criteria_count_matches(fact: dict, v: dict) -> bool:
    kind = fact["kind"]
    if kind == "criteria_band_count":  # "Số xã đạt 19 tiêu chí: 04 xã (A, B, …)"
        return (
            fact["min_met"] == fact["max_met"]
            and _same(fact["min_met"], v["met"])
            and v["commune"] in {fold(c) for c in fact["communes"]}
        )
    if kind != "criteria_count" or not _same(fact["met"], v["met"]):
        return False
    if v["of"] is not None and not _same(fact["of"], v["of"]):
        return False
    return not fact.get("commune") or not v["commune"] or fold(fact["commune"]) == v["commune"]


def _criteria_status_matches(fact: dict, v: dict) -> bool:
    return (
        fact["kind"] == "criteria_status"
        and fact["criterion_no"] == v["no"]
        and fact["status"] == v["status"]
        and fold(fact.get("commune") or "") == v["commune"]
        and (fact["criteria_set"] is None or fact["criteria_set"] == v["set"])
    )


_FAMILY_RULES: dict[str, Callable[[dict, dict], bool]] = {
    "count": _count_matches,
    "named": _named_matches,
    "percent": _percent_matches,
    "funding": lambda fact, v: fact["kind"] == "funding" and fact["amount_vnd"] == v["amount"],
    "avg": lambda fact, v: fact["kind"] == "avg_criteria" and _same(fact["value"], v["value"]),
    "band": _band_matches,
    "band_member": _band_member_matches,
    "criteria_count": _criteria_count_matches,
    "criteria_status": _criteria_status_matches,
    "per_person": lambda fact, v: (
        fact["kind"] == "money_per_person"
        and fact["amount_vnd"] == v["amount"]
        and fact["measure"] == v["measure"]
        and fact["per"] == v["per"]
    ),
}


def evaluate(seeds_dir: Path, raw: Path) -> Score:
    """Extract every seed named in ``sources.csv`` and score against ``raw``."""
    truth, out_of_scope = load_truth(raw)
    by_seed: dict[str, list[Truth]] = defaultdict(list)
    for t in truth:
        by_seed[t.seed].append(t)
    facts_total: Counter = Counter()
    facts_ok: Counter = Counter()
    score = Score(out_of_scope=out_of_scope)
    for seed in sorted(set(_seed_files(raw).values())):
        path = seeds_dir / seed
        if not path.is_file():
            continue
        for fact in extract_file(path):
            hits = [t for t in by_seed[seed] if matches(fact, t)]
            for t in hits:
                t.matched = True
            facts_total[fact["kind"]] += 1
            if hits:
                facts_ok[fact["kind"]] += 1
            else:
                score.unmatched_facts.append((seed[:3], fact["line"], fact["kind"], fact["text"]))
    truth_total: Counter = Counter(t.family for t in truth)
    truth_ok: Counter = Counter(t.family for t in truth if t.matched)
    score.missed = [t.label for t in truth if not t.matched]
    for kind in sorted(facts_total):
        score.per_kind[kind] = {
            "extracted": facts_total[kind],
            "correct": facts_ok[kind],
            "precision": _ratio(facts_ok[kind], facts_total[kind]),
        }
    for fam in sorted(truth_total):
        score.per_kind.setdefault(f"truth:{fam}", {}).update(
            {
                "truth": truth_total[fam],
                "found": truth_ok[fam],
                "recall": _ratio(truth_ok[fam], truth_total[fam]),
            }
        )
    n_facts, n_ok = sum(facts_total.values()), sum(facts_ok.values())
    n_truth, n_found = sum(truth_total.values()), sum(truth_ok.values())
    score.overall = {
        "extracted": n_facts,
        "correct": n_ok,
        "precision": _ratio(n_ok, n_facts),
        "truth": n_truth,
        "found": n_found,
        "recall": _ratio(n_found, n_truth),
        "out_of_scope": len(out_of_scope),
    }
    return score


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def format_score(score: Score, verbose: bool = False) -> str:
    """A plain-text report of a `Score`."""
    lines = ["kind / family                 n     ok   precision|recall"]
    for kind, d in score.per_kind.items():
        if "extracted" in d:
            lines.append(f"{kind:<28}{d['extracted']:>4}{d['correct']:>7}   P={d['precision']:.3f}")
        else:
            lines.append(f"{kind:<28}{d['truth']:>4}{d['found']:>7}   R={d['recall']:.3f}")
    o = score.overall
    lines.append(
        f"overall: precision {o['precision']:.3f} ({o['correct']}/{o['extracted']}), "
        f"recall {o['recall']:.3f} ({o['found']}/{o['truth']}), "
        f"{o['out_of_scope']} rows out of scope"
    )
    if verbose:
        lines.append("\nextracted, not in the transcription:")
        lines += [f"  {s} l.{ln} {k}: {t[:90]}" for s, ln, k, t in score.unmatched_facts]
        lines.append("\ntranscribed, not extracted:")
        lines += [f"  {m}" for m in score.missed]
        lines.append("\nout of scope (no extraction kind):")
        lines += [f"  {m}" for m in score.out_of_scope]
    return "\n".join(lines)
