"""The development corpus: its size and shape, its OCR twins being the generator's output, and
extraction quality on both halves (regression floors under the figures in the README)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from ntm_analysis.sources.reports.corpus import load, score

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "extract" / "corpus"
HALVES = ("eval", "dev")
# Floors a little under the last measured figures (README), clean and damaged together.
FLOORS = {
    ("dev", ""): (0.97, 0.97),
    ("dev", "_ocr"): (0.94, 0.86),
    ("eval", ""): (0.95, 0.88),
    ("eval", "_ocr"): (0.87, 0.68),
}


def _damage_script():
    spec = importlib.util.spec_from_file_location("damage", ROOT / "scripts" / "damage_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_size_and_constructions():
    items = [i for half in HALVES for i in load(CORPUS / f"{half}.yaml")]
    assert len(items) >= 200
    constructions = {i.construction for i in items}
    assert len(constructions) >= 20
    for half in HALVES:  # both halves cover every construction
        assert {i.construction for i in load(CORPUS / f"{half}.yaml")} >= constructions - {
            "not_a_fact"
        }
    assert len({i.id for i in items}) == len(items)


@pytest.mark.parametrize("half", HALVES)
def test_ocr_twins_are_the_generator_output(half):
    clean = yaml.safe_load((CORPUS / f"{half}.yaml").read_text(encoding="utf-8"))
    twin = yaml.safe_load((CORPUS / f"{half}_ocr.yaml").read_text(encoding="utf-8"))
    assert twin == _damage_script().damage_items(clean)
    assert sum(a["text"] != b["text"] for a, b in zip(clean, twin)) > 0.9 * len(clean)


def test_a_salt_draws_other_damage_and_no_salt_the_committed_twins():
    clean = yaml.safe_load((CORPUS / "dev.yaml").read_text(encoding="utf-8"))[:20]
    damage = _damage_script().damage_items
    plain, salted = damage(clean), damage(clean, salt="s1")
    assert plain == damage(clean, salt="")
    assert [t["id"] for t in salted] == [t["id"] for t in plain]
    assert [t["expect"] for t in salted] == [t["expect"] for t in plain]
    assert sum(a["text"] != b["text"] for a, b in zip(plain, salted)) > 0.9 * len(clean)


@pytest.mark.parametrize(("half", "variant"), list(FLOORS))
def test_extraction_quality_floors(half, variant):
    s = score(load(CORPUS / f"{half}{variant}.yaml"))
    precision, recall = FLOORS[(half, variant)]
    assert s.overall["precision"] >= precision, s.per_kind
    assert s.overall["recall"] >= recall, s.per_kind


def test_every_fact_of_the_corpus_validates_against_the_schema():
    import jsonschema

    from ntm_analysis.sources.reports.document import extract_lines
    from ntm_analysis.sources.reports.writers import schema

    validator = jsonschema.Draft202012Validator(schema())
    kinds = set()
    for half in HALVES:
        for variant in ("", "_ocr"):
            for item in load(CORPUS / f"{half}{variant}.yaml"):
                for fact in extract_lines(item.lines(), item.id):
                    kinds.add(fact["kind"])
                    errors = [e.message for e in validator.iter_errors(fact)]
                    assert not errors, (item.id, fact, errors)
    assert {"money_per_person", "recognised_commune", "criteria_band_count"} <= kinds
