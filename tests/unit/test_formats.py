"""One formatting layer: numbers, shares, money, dates and stated quantities per language."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from ntm_analysis.lexicon import formats


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.5, "vi", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (44400.0, "vi", "44.400"),
        (3.5e-07, "vi", "0"),
        (1_000_000, "en", "1,000,000"),
    ],
)
def test_number(value, lang, expected):
    assert formats.number(value, lang) == expected


def test_percent_money_ratio():
    assert formats.percent(49.7) == "49,7 %"
    assert formats.percent(49.7, "en") == "49.7%"
    assert formats.percent(100) == "100 %"
    assert formats.money(3_783_000_000_000) == "3.783 tỷ đồng"
    assert formats.money(3_783_000_000_000, "en") == "VND 3,783 billion"
    assert formats.money(652_100_000) == "652,1 triệu đồng"
    assert formats.ratio(1234, 1580) == "1.234/1.580"


def test_dates_at_the_precision_given():
    assert formats.date("2025-04-30") == "30/4/2025"
    assert formats.date("2025-01-05") == "05/01/2025"  # day < 10 and months 1–2 padded
    assert formats.date("2025-11") == "tháng 11/2025"
    assert formats.date("2025-02") == "tháng 02/2025"
    assert formats.date("2024") == "năm 2024"
    assert formats.date(dt.date(2025, 4, 30), "en") == "30 Apr 2025"
    assert formats.date("2025-11", "en") == "Nov 2025"
    assert formats.when(2024, "2024-12") == "tháng 12/2024"
    assert formats.period("2021-2025") == "2021–2025"


def test_quantities_carry_unit_and_qualifier():
    assert formats.quantity(137, "communes") == "137 xã"
    assert formats.quantity(4, "districts", "en") == "4 district-level units"
    assert formats.quantity(80, "pct", qualifier="more_than") == "trên 80 %"
    assert formats.quantity(80, "pct", "en", qualifier="approx") == "about 80%"
    assert formats.quantity(3783, "bn_vnd") == "3.783 tỷ đồng"
    assert formats.quantity(3.738e12, "vnd") == "3.738 tỷ đồng"
    assert formats.quantity(71.5, "mn_vnd_per_person_year") == "71,5 triệu đồng/người/năm"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, math.nan])
def test_missing_values_are_a_dash_never_nan(missing):
    assert formats.cell(missing) == "–"
    assert formats.number(missing) == "–"
    assert formats.percent(missing) == "–"


def test_cells_never_scientific():
    for v in (4.44e4, 1e12, 0.00001, 123456789.123):
        assert "e" not in formats.cell(v).lower()
    with pytest.raises(ValueError):
        formats.number(1, "fr")
