"""The development corpus: passages written by the team in the constructions Vietnamese NTM
reports and press articles use, each with every fact it states; and the scoring of
`ntm extract` against it.

A corpus file (``tests/fixtures/extract/corpus/*.yaml``) is a list of items::

    - id: e017
      construction: list_bracket_district      # one of the constructions the corpus covers
      province: Nghệ An                        # header "UBND TỈNH NGHỆ AN" (or district:/city:)
      date: 2023-12-20                         # header "…, ngày 20 tháng 12 năm 2023"
      text: |                                  # the passage, as a report would print it
        Năm 2023, UBND tỉnh công nhận …
      expect:                                  # every fact the passage states, nothing else
        - {kind: recognised_commune, commune: Thọ Sơn, district: Anh Sơn, tier: advanced,
           year: 2023}

``header`` (lines) may replace province/district/date; the OCR-damaged twin of a file
(``*_ocr.yaml``, written by ``scripts/damage_corpus.py``) carries its damaged header that way.
An expected fact names its ``kind`` and the fields to check; a field left out is not checked,
except ``is_target`` (false unless given). Names compare folded (no diacritics, lower case);
``district`` on a commune-level fact is the gazetteer district of the fact's ``code`` (in the
fact's ``admin_vintage``); lists
(``communes``) compare as folded sets; ``"*"`` stands for any value but null. Each extracted
fact matches at most one expected fact and the other way round: a fact extracted twice counts
once as found and once as wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer
from ntm_analysis.sources.reports.document import extract_lines
from ntm_analysis.sources.reports.names import strip_prefix
from ntm_analysis.sources.reports.reading import Line

COMMUNE_KINDS = {"recognised_commune", "criteria_count", "criteria_status"}


@dataclass
class Item:
    """One passage of the corpus with the facts it states."""

    id: str
    construction: str
    header: list[str]
    text: str
    expect: list[dict[str, Any]]

    def lines(self) -> list[Line]:
        """The passage as a document: header lines, a blank line, then the text."""
        texts = [*self.header, "", *self.text.rstrip("\n").split("\n")]
        return [Line(i, t) for i, t in enumerate(texts, start=1)]


def header_lines(entry: dict[str, Any]) -> list[str]:
    """The header a report of this item would carry: the issuing body and the date line.

    >>> header_lines({"province": "Nghệ An", "date": "2023-12-20"})
    ['UBND TỈNH NGHỆ AN', 'Nghệ An, ngày 20 tháng 12 năm 2023']
    """
    if "header" in entry:
        return list(entry["header"])
    if entry.get("district"):
        body, place = f"UBND HUYỆN {entry['district'].upper()}", entry["district"]
    elif entry.get("city"):
        body, place = f"UBND THÀNH PHỐ {entry['city'].upper()}", entry["city"]
    else:
        body, place = f"UBND TỈNH {entry['province'].upper()}", entry["province"]
    out = [body]
    if entry.get("date"):
        d = entry["date"]
        d = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
        out.append(f"{place}, ngày {d.day} tháng {d.month} năm {d.year}")
    return out


def load(path: str | Path) -> list[Item]:
    """The items of one corpus file."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [
        Item(
            str(e["id"]),
            str(e["construction"]),
            header_lines(e),
            str(e["text"]),
            [dict(f) for f in e.get("expect") or []],
        )
        for e in raw
    ]


ANY = "*"  # an expected value that any value but null matches


@cache
def _district_of_code(vintage: str = "legacy") -> dict[str, str]:
    units = gazetteer.load_units(vintage)
    communes = units[units["level"] == "commune"]
    return {
        str(code): fold(strip_prefix(str(d)))
        for code, d in zip(communes["unit_code"], communes["district_name"])
        if isinstance(d, str)
    }


def _same_value(got: Any, want: Any) -> bool:
    if want is None:
        return got is None
    if want == ANY:
        return got is not None and got != []
    if isinstance(want, bool):
        return got is want
    if isinstance(want, (int, float)):
        return (
            isinstance(got, (int, float))
            and not isinstance(got, bool)
            and abs(float(got) - float(want)) < 1e-6
        )
    if isinstance(want, list):
        return isinstance(got, list) and sorted(fold(str(x)) for x in got) == sorted(
            fold(str(x)) for x in want
        )
    return fold(str(got or "")) == fold(str(want))


def matches(record: dict[str, Any], want: dict[str, Any]) -> bool:
    """Whether an extracted record states the expected fact ``want``."""
    if record.get("kind") != want["kind"]:
        return False
    if bool(record.get("is_target")) != bool(want.get("is_target", False)):
        return False
    for key, value in want.items():
        if key in ("kind", "is_target"):
            continue
        if key == "district" and want["kind"] in COMMUNE_KINDS:
            vintage = record.get("admin_vintage") or "legacy"
            got = _district_of_code(vintage).get(str(record.get("code")))
            if got != fold(str(value)):
                return False
            continue
        if not _same_value(record.get(key), value):
            return False
    return True


@dataclass
class Outcome:
    """What one item gave: the expected facts found, missed, and the facts not expected."""

    item: Item
    found: list[dict] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)


def run_item(item: Item) -> Outcome:
    """Extract one item and pair its facts with the expected ones (first match wins)."""
    records = extract_lines(item.lines(), item.id)
    out = Outcome(item)
    free = list(records)
    for want in item.expect:
        hit = next((r for r in free if matches(r, want)), None)
        if hit is None:
            out.missed.append(want)
        else:
            free.remove(hit)
            out.found.append(want)
    out.extra = free
    return out


@dataclass
class CorpusScore:
    """Precision and recall per kind and overall, with every outcome for review."""

    outcomes: list[Outcome]
    per_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    overall: dict[str, float] = field(default_factory=dict)


def _pr(tp: int, fp: int, fn: int) -> dict[str, float]:
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }


def score(items: list[Item]) -> CorpusScore:
    """Score `ntm extract` on ``items``."""
    outcomes = [run_item(i) for i in items]
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for o in outcomes:
        tp.update(w["kind"] for w in o.found)
        fn.update(w["kind"] for w in o.missed)
        fp.update(r["kind"] for r in o.extra)
    kinds = sorted(set(tp) | set(fp) | set(fn))
    result = CorpusScore(outcomes)
    result.per_kind = {k: _pr(tp[k], fp[k], fn[k]) for k in kinds}
    result.overall = _pr(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return result


def by_construction(s: CorpusScore) -> dict[str, dict[str, float]]:
    """Precision and recall per construction."""
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for o in s.outcomes:
        a = acc[o.item.construction]
        a[0] += len(o.found)
        a[1] += len(o.extra)
        a[2] += len(o.missed)
    return {c: _pr(*v) for c, v in sorted(acc.items())}


def _brief(fact: dict) -> str:
    skip = {"kind", "source", "line", "text", "confidence", "page", "area_code", "admin_vintage"}
    return ", ".join(f"{k}={v}" for k, v in fact.items() if k not in skip and v not in (None, []))


def format_score(s: CorpusScore, verbose: bool = False) -> str:
    """A plain-text report: one line per kind, the overall line, and with ``verbose`` every
    miss and every fact not expected."""
    lines = [f"{'kind':<22}{'tp':>5}{'fp':>5}{'fn':>5}  precision  recall"]
    for kind, d in s.per_kind.items():
        lines.append(
            f"{kind:<22}{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}  {d['precision']:>9.3f}"
            f"  {d['recall']:>6.3f}"
        )
    o = s.overall
    lines.append(
        f"overall: precision {o['precision']:.3f} ({o['tp']}/{o['tp'] + o['fp']}), "
        f"recall {o['recall']:.3f} ({o['tp']}/{o['tp'] + o['fn']}), {len(s.outcomes)} passages"
    )
    if verbose:
        for out in s.outcomes:
            if not out.missed and not out.extra:
                continue
            lines.append(f"\n[{out.item.id} {out.item.construction}]")
            lines += [f"  missed {w['kind']}: {_brief(w)}" for w in out.missed]
            lines += [f"  extra  {r['kind']}: {_brief(r)}  <{r['text'][:70]}>" for r in out.extra]
    return "\n".join(lines)
