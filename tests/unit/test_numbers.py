"""Vietnamese numbers and money: exact values, clear errors, round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.lexicon.numbers import (
    NumberFormatError,
    Ratio,
    format_number,
    format_percent,
    format_ratio,
    format_vnd,
    parse_amount,
    parse_number,
    parse_percent,
    parse_rate,
    parse_ratio,
)


@pytest.mark.parametrize(
    ("text", "vnd"),
    [
        ("3.783 tỷ đồng", 3_783_000_000_000),
        ("3.504,98 triệu đồng", 3_504_980_000),
        ("14.574 triệu đồng", 14_574_000_000),
        ("650 triệu đồng", 650_000_000),
        ("45 ty dong", 45_000_000_000),
        ("2 tỷ dông", 2_000_000_000),
        ("1.250 trieu déng", 1_250_000_000),
        ("12 trđ", 12_000_000),
        ("7 nghìn đồng", 7_000),
        ("150,2 tỷ đồng", 150_200_000_000),
    ],
)
def test_parse_amount(text, vnd):
    assert parse_amount(text) == vnd


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1,5.3", "after the decimal"),
        ("1.23", "exactly 3 digits"),
        ("1,2,3", "more than one"),
        ("abc", "not a number"),
    ],
)
def test_parse_number_errors_say_why(text, reason):
    with pytest.raises(NumberFormatError, match=reason):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("3.738 1 dong", "unknown money unit"), ("12", "no unit"), ("1,5 đồng", "whole number")],
)
def test_parse_amount_errors(text, reason):
    with pytest.raises(NumberFormatError, match=reason):
        parse_amount(text)


def test_percent_ratio_rate():
    assert parse_percent("58,4%") == Decimal("58.4")
    assert parse_ratio("137/137 xã") == Ratio(137, 137, "xã")
    assert parse_ratio("04/19 tiêu chí").count == 4
    rate = parse_rate("14,29 tiêu chí/xã")
    assert (rate.value, rate.unit, rate.per) == (Decimal("14.29"), "tiêu chí", "xã")
    with pytest.raises(NumberFormatError, match="'%'"):
        parse_percent("58,4")


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from([1, 10**3, 10**6, 10**9]))
def test_vnd_round_trip(amount, unit):
    assert parse_amount(format_vnd(amount, unit)) == amount


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_number_round_trip(value):
    assert parse_number(format_number(value)) == value


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_percent_round_trip(value):
    assert parse_percent(format_percent(value)) == value


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_ratio_round_trip(count, total):
    assert parse_ratio(format_ratio(count, total, "xã")) == Ratio(count, total, "xã")
