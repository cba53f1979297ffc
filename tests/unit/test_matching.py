"""Matching: statuses, prefixes, OCR damage, ambiguity, CLI contract, benchmark sample."""

from __future__ import annotations

import argparse
import gc
import random
import socket
import sys

import pandas as pd
import pytest

from ntm_analysis.paths import ROOT
from ntm_analysis.places import match_command
from ntm_analysis.places.matching import MatchInputError, match_units


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def one(province, commune, district=None, vintage="legacy"):
    data = {"province": [province], "commune": [commune]}
    if district is not None:
        data["district"] = [district]
    return match_units(pd.DataFrame(data), vintage=vintage).iloc[0]


@pytest.mark.parametrize(
    ("province", "district", "commune"),
    [
        pytest.param("Lạng Sơn", "Bắc Sơn", "Xã Đồng Ý", id="clean"),
        pytest.param("Lang Son", "Bac Son", "Dong Y", id="no-diacritics"),
        pytest.param("Lang Son", "huyén Bic Son", "Xa Pong Y", id="ocr"),
        pytest.param("tinh Lang Son", "H. Bắc Sơn", "x4 Bong Y", id="ocr-prefixes"),
    ],
)
def test_dong_y_in_many_spellings(province, district, commune):
    row = one(province, commune, district)
    assert row["ward_code"] == "06337"
    assert row["match_status"] in {"exact", "fuzzy"}


def test_exact_only_when_spelled_exactly():
    assert one("Lạng Sơn", "Xã Đồng Ý", "Bắc Sơn")["match_status"] == "exact"
    assert one("Lang Son", "Xa Pong Y", "huyén Bic Son")["match_status"] == "fuzzy"


def test_province_spellings():
    for p in ("TP. Hải Phòng", "Hai Phong", "Thành phố Hải Phòng", "Hải Phòng"):
        assert one(p, "Hòa Bình", "Vĩnh Bảo")["ward_code"] == "11890"


def test_same_name_in_two_districts_is_ambiguous_without_district():
    row = one("Lạng Sơn", "Xã Chi Lăng")  # in Tràng Định and in Chi Lăng district
    assert row["match_status"] == "ambiguous"
    codes = [c.split(":")[0] for c in row["match_candidates"].split("|")]
    assert {"06034", "06523"} <= set(codes)
    assert pd.isna(row["ward_code"])


def test_diacritic_free_twins_are_ambiguous():
    # Tân Thành and Tân Thạnh, both in Tân Thạnh district (Long An)
    row = one("Long An", "Tan Thanh", "Tan Thanh")
    assert row["match_status"] == "ambiguous"


def test_merged_away_commune_is_not_forced():
    row = one("Hải Dương", "Lai Vu", "Kim Thành")
    assert row["match_status"] in {"unmatched", "ambiguous"}
    assert pd.isna(row["ward_code"])


def test_2025_vintage_split_commune():
    # An Lão (Hải Phòng) is a 2025 commune that took in parts of split legacy units
    row = one("Hải Phòng", "Xã An Lão", vintage="2025")
    assert row["match_status"] == "exact" and row["admin_vintage"] == "2025"


def test_keeps_rows_order_and_columns():
    df = pd.DataFrame(
        {"id": [3, 1, 2], "province": ["Lạng Sơn", "", "Xyz"], "commune": ["Vũ Sơn", "x", "y"]}
    )
    out = match_units(df)
    assert out["id"].tolist() == [3, 1, 2]
    assert list(out.columns[:3]) == ["id", "province", "commune"]
    assert out["match_status"].tolist()[1:] == ["unmatched", "unmatched"]


def test_repeated_and_odd_cells_match_like_single_rows():
    cells = [
        ("Lạng Sơn", "Bắc Sơn", "Xã Đồng Ý"),
        ("Lạng  Sơn ", "Bắc Sơn", " Xã Đồng Ý"),  # same text once whitespace is normalised
        ("Lang Son", "Bac Son", "Vii Son"),
        ("Lạng Sơn", None, "Vũ Sơn"),
        (None, "Bắc Sơn", "Vũ Sơn"),
        ("Lạng Sơn", "Bắc Sơn", float("nan")),
        ("Lạng Sơn", "Bắc Sơn", "Xã Đồng Ý"),
    ]
    df = pd.DataFrame(cells, columns=["province", "district", "commune"])
    together = match_units(df)
    alone = pd.concat([match_units(df.iloc[[i]]) for i in range(len(df))])
    cols = ["ward_code", "matched_name", "match_status", "match_candidates"]
    assert together[cols].fillna("-").values.tolist() == alone[cols].fillna("-").values.tolist()
    assert together["ward_code"].tolist()[:3] == ["06337", "06337", "06355"]
    assert together["match_status"].tolist()[4:6] == ["unmatched", "unmatched"]


def test_garbage_collector_state_is_restored():
    gc.enable()
    match_units(pd.DataFrame({"province": ["Lạng Sơn"], "commune": ["Vũ Sơn"]}))
    assert gc.isenabled()
    gc.disable()
    try:
        match_units(pd.DataFrame({"province": ["Lạng Sơn"], "commune": ["Vũ Sơn"]}))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_missing_column():
    with pytest.raises(MatchInputError, match="commune"):
        match_units(pd.DataFrame({"province": ["Lạng Sơn"]}))


def test_cli_contract(tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame(
        {
            "province": ["Lang Son", "Lạng Sơn"],
            "district": ["Bac Son", ""],
            "commune": ["Vii Son", "Đồng Ý"],
        }
    ).to_csv(src, index=False)
    dst = tmp_path / "out.csv"
    parser = argparse.ArgumentParser()
    match_command.register(parser.add_subparsers())
    args = parser.parse_args(["match", str(src), "-o", str(dst), "--vintage", "legacy"])
    assert args.func(args) == 0
    out = pd.read_csv(dst, dtype=str, encoding="utf-8-sig")
    assert out["ward_code"].tolist() == ["06355", "06337"]
    assert "rows in: 2" in capsys.readouterr().out


def test_cli_input_errors(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    match_command.register(parser.add_subparsers())
    bad = tmp_path / "bad.csv"
    bad.write_text("province,name\nLạng Sơn,Đồng Ý\n", encoding="utf-8")
    args = parser.parse_args(["match", str(bad), "-o", str(tmp_path / "o.csv")])
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert "bad.csv" in err and "'commune'" in err
    args = parser.parse_args(
        ["match", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.csv")]
    )
    assert args.func(args) == 1
    assert "missing.csv" in capsys.readouterr().err


def test_no_wrong_answer_labelled_exact_on_benchmark_sample():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_match

    rows = bench_match.make_rows(600, seed=7)
    for variant in ("a", "b"):
        stats, _ = bench_match.run_ours(rows, variant)
        assert stats["wrong_exact"] == 0
        assert stats["accuracy"] > (0.99 if variant == "a" else 0.9)


def test_noise_model_is_seeded():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_match

    a = bench_match.ocr_damage("Xã Đồng Ý huyện Bắc Sơn", random.Random(1))
    b = bench_match.ocr_damage("Xã Đồng Ý huyện Bắc Sơn", random.Random(1))
    assert a == b
