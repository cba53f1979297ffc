"""One document from lines to finished facts: sentences, context, patterns, names.

After the patterns have read every sentence, commune names are corrected in one batch per
district (`names.resolve_communes`), criteria counts borrow the criteria set their
commune's criteria list settled on, and the resolver's private fields are dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.names import Unit, resolve_communes, resolve_district, title_name
from ntm_analysis.sources.reports.patterns import Fact, read_sentence
from ntm_analysis.sources.reports.reading import Line, read_lines
from ntm_analysis.sources.reports.sentences import split_sentences

NAME_KEYS = ("commune", "village", "district")
# The contract's names for the commune criteria sets (the package's ids carry the period).
OUTPUT_SET = {
    "commune_ntm_2021_2025": "commune_ntm",
    "commune_advanced_2021_2025": "commune_advanced",
}


def extract_lines(lines: Sequence[Line], source: str) -> list[Fact]:
    """Facts from the numbered lines of one document (``source`` names it in the output)."""
    sentences = split_sentences(lines)
    ctx = Context(sentences)
    facts: list[Fact] = []
    for s in sentences:
        ctx.enter(s)
        found = read_sentence(s, ctx)
        ctx.note(s, found)
        facts.extend(found)
    _resolve_names(facts, ctx)
    _fill_criteria_sets(facts)
    return [_finish(f, source) for f in facts]


def extract_file(path: str | Path) -> list[Fact]:
    """Facts from one report file (raises `reading.ReadError` when it cannot be read)."""
    return extract_lines(read_lines(path), str(path))


def _resolve_names(facts: list[Fact], ctx: Context) -> None:
    province = ctx.province.name if ctx.province else None
    jobs: dict[tuple[str | None, str], list[tuple[Fact, str, int | None]]] = defaultdict(list)
    for f in facts:
        district: Unit | None = f.get("_district")
        dname = district.name if district is not None and district.level == "district" else None
        if f["kind"] == "criteria_band_count":
            for i, name in enumerate(f["communes"]):
                jobs[(dname, ctx.vintage)].append((f, name, i))
        elif f.get("commune"):
            jobs[(dname, ctx.vintage)].append((f, f["commune"], None))
        elif f["kind"] == "recognised_district" and not f.get("_resolved"):
            unit = resolve_district(f["district"], ctx.province.code if ctx.province else None)
            _apply(f, "district", f["district"], unit)
        elif f["kind"] == "recognised_village":
            f["village"] = title_name(f["village"])
            f.update(code=None, admin_vintage=None)
    for (dname, vintage), items in jobs.items():
        names = [n for _, n, _ in items]
        units = resolve_communes(names, province, dname, vintage)
        if dname and any(u is None for u in units):  # retry the misses province-wide
            missing = [i for i, u in enumerate(units) if u is None]
            again = resolve_communes([names[i] for i in missing], province, None, vintage)
            for i, u in zip(missing, again):
                units[i] = u
        for (f, name, idx), unit in zip(items, units):
            if idx is None:
                _apply(f, "commune", name, unit)
            else:
                f["communes"][idx] = unit.name if unit else title_name(name)
                f.setdefault("commune_codes", [None] * len(f["communes"]))
                f["commune_codes"][idx] = unit.code if unit else None
                f["admin_vintage"] = f.get("admin_vintage") or (unit.vintage if unit else None)


def _apply(f: Fact, key: str, raw: str, unit: Unit | None) -> None:
    if unit is None:
        f[key] = title_name(raw)
        f["code"], f["admin_vintage"] = None, None
        f["confidence"] = round(min(f["confidence"], 0.6), 2)
        return
    f[key] = unit.name
    f["code"], f["admin_vintage"] = unit.code, unit.vintage
    if unit.score < 85:
        f["confidence"] = round(min(f["confidence"], 0.8), 2)


def _fill_criteria_sets(facts: list[Fact]) -> None:
    """A commune's criteria count takes the set of its criteria list, when one is stated."""
    sets: dict[str, set] = defaultdict(set)
    for f in facts:
        if f["kind"] == "criteria_status" and f.get("commune") and f["criteria_set"]:
            sets[fold(f["commune"])].add(f["criteria_set"])
    for f in facts:
        if f["kind"] == "criteria_count" and f.get("commune") and f["criteria_set"] is None:
            found = sets.get(fold(f["commune"]), set())
            if len(found) == 1:
                f["criteria_set"] = next(iter(found))


def _finish(f: Fact, source: str) -> Fact:
    out = {"source": source}
    out.update({k: v for k, v in f.items() if not k.startswith("_")})
    if out.get("criteria_set"):
        out["criteria_set"] = OUTPUT_SET[out["criteria_set"]]
    if out.get("page") is None:
        out.pop("page", None)
    return out
