"""The programme's words resolve to the same key through every channel that reads them."""

from __future__ import annotations

import re

import pytest

from ntm_analysis.lexicon import numbers, vocabulary
from ntm_analysis.lexicon.textnorm import strip_diacritics
from ntm_analysis.model import dictionary
from ntm_analysis.places import name_forms
from ntm_analysis.sources.reports import money as report_money
from ntm_analysis.sources.reports import terms as report_terms
from ntm_analysis.sources.reports.folding import fold_chars
from ntm_analysis.sources.sheets import cells, layout


def _rows(domain: str, scopes: tuple[str, ...]) -> list[vocabulary.Spelling]:
    return [s for s in vocabulary.spellings(domain) if s.scope in scopes]


def _id(s: vocabulary.Spelling) -> str:
    return f"{s.key}:{s.text}:{s.scope}"


def test_every_domain_loads_with_labels_in_both_languages():
    for domain in vocabulary.DOMAINS:
        terms = vocabulary.terms(domain)
        assert terms, domain
        for t in terms:
            assert t.label_vi and t.label_en, (domain, t.key)
        assert vocabulary.spellings(domain), domain


def test_the_data_model_allows_the_vocabulary_keys():
    assert dictionary.TIERS == vocabulary.keys("tiers", level="")
    assert dictionary.FUNDING_CATEGORIES == vocabulary.keys("funding_categories")
    assert dictionary.FUNDING_FLOWS == vocabulary.keys("funding_flows")
    assert dictionary.MODEL_FIELDS == vocabulary.keys("model_fields")
    assert set(dictionary.CRITERION_STATUSES) <= set(vocabulary.keys("criterion_statuses"))


# ---------------------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    "s",
    _rows("criterion_statuses", ("cell", "any")),
    ids=_id,
)
def test_status_spellings_read_the_same_in_sheets_and_the_vocabulary(s):
    assert vocabulary.status_of(s.text) == s.key
    if s.key in ("met", "not_met"):  # the two statuses a sheet cell may hold
        assert cells.status_of(s.text) == s.key
        assert cells.status_of(strip_diacritics(s.text)) == s.key


# ---------------------------------------------------------------------------- tiers


@pytest.mark.parametrize(
    "s",
    [s for s in _rows("tiers", ("any",)) if s.key in ("ntm", "advanced", "model")],
    ids=_id,
)
def test_tier_spellings_read_the_same_in_sheets_reports_and_the_vocabulary(s):
    assert vocabulary.tier_of(s.text) == s.key
    assert cells.tier_of(s.text) == s.key
    folded = fold_chars(s.text)
    if s.key != "ntm" or report_terms.names_tier(folded):
        assert report_terms.tier_of(folded) == s.key


@pytest.mark.parametrize("s", _rows("tiers", ("cell",)), ids=_id)
def test_tier_abbreviations_in_cells(s):
    assert vocabulary.tier_of(s.text) == s.key
    assert cells.tier_of(s.text) == s.key


# ---------------------------------------------------------------------------- money


@pytest.mark.parametrize("s", _rows("money_units", ("any", "header")), ids=_id)
def test_money_unit_spellings_read_the_same_in_sheets_reports_and_numbers(s):
    value = vocabulary.multiplier(s.key)
    assert vocabulary.money_unit_of(s.text) == s.key
    assert layout.money_unit(f"Đơn vị tính: {s.text}") == value
    if s.scope == "any":
        m = re.search(report_terms.AMOUNT, fold_chars(f"được 12 {s.text} cho"))
        assert m, s.text
        assert report_terms.money_multiplier(m) == value
    if s.scope == "any" and not re.search(
        r"(?i)vn[dđ]|billion|million|thousand|trillion|bn|mn", s.text
    ):
        assert numbers.parse_amount(f"12 {s.text}") == 12 * value


@pytest.mark.parametrize("text", ["Nhân dân đóng góp", "Nhan dan dong gop", "Cộng đồng dân cư"])
def test_contributions_are_a_category_never_a_unit(text):
    assert vocabulary.money_unit_of(text) is None
    assert layout.money_unit(text) is None
    assert vocabulary.funding_category_of(text) == "community"
    assert cells.category_of(text) == "community"


# ---------------------------------------------------------------------------- funding


@pytest.mark.parametrize("s", _rows("funding_categories", ("any",)), ids=_id)
def test_funding_category_spellings_read_the_same_in_sheets_reports_and_the_vocabulary(s):
    assert vocabulary.funding_category_of(s.text) == s.key
    assert cells.category_of(s.text) == s.key
    assert report_money.funding_category(fold_chars(s.text)) == s.key


@pytest.mark.parametrize("s", _rows("funding_flows", ("any",)), ids=_id)
def test_flow_spellings(s):
    assert vocabulary.flow_of(s.text) == s.key
    assert layout.flow_word(f"Loại vốn: {s.text}") == s.key


@pytest.mark.parametrize("s", _rows("model_fields", ("any",)), ids=_id)
def test_model_field_spellings_read_the_same_in_sheets_and_the_vocabulary(s):
    assert vocabulary.model_field_of(s.text) == s.key
    assert cells.model_field_of(s.text) == s.key


# ---------------------------------------------------------------------------- unit types


@pytest.mark.parametrize("level", ["province", "district", "commune"])
def test_unit_type_prefixes_are_stripped_by_matching_and_sheets(level):
    for full in vocabulary.unit_type_names(level):
        written = f"{full} Hòa Bình"
        assert vocabulary.unit_type_of(full, level) is not None
        assert name_forms.parse_names([written], level)[0].short == "Hòa Bình", written
        if level != "commune":
            assert cells.strip_area_prefix(written) == "Hòa Bình", written
        else:
            assert cells.strip_commune_prefix(written) == "Hòa Bình", written
