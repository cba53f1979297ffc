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
    for variant in ("a", "b", "c"):
        stats, _ = bench_match.run_ours(rows, variant)
        assert stats["wrong_exact"] == 0
        assert stats["accuracy"] > (0.9 if variant == "b" else 0.999)
        if variant != "b":
            assert stats["wrong"] == stats["ambiguous_determinable"] == 0


def test_noise_model_is_seeded():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_match

    a = bench_match.ocr_damage("Xã Đồng Ý huyện Bắc Sơn", random.Random(1))
    b = bench_match.ocr_damage("Xã Đồng Ý huyện Bắc Sơn", random.Random(1))
    assert a == b


# ---------------------------------------------------------------------------- written as in sheets


def _forms(full: str, short: str) -> list[str]:
    """Every way a sheet writes one name: full or short, with or without diacritics."""
    from ntm_analysis.lexicon.textnorm import strip_diacritics

    return sorted({full, short, strip_diacritics(full), strip_diacritics(short)})


def _all_forms(province, district, commune) -> pd.DataFrame:
    rows = [
        (p, d, c) for p in _forms(*province) for d in _forms(*district) for c in _forms(*commune)
    ]
    return pd.DataFrame(rows, columns=["province", "district", "commune"])


# Near-spellings whose unaccented names are unique (province, district, commune, code; all
# a Tỉnh, a Huyện and a Xã): each is its own unit in every written form.
NEAR_SPELLINGS = [
    ("Thái Bình", "Quỳnh Phụ", "Quỳnh Hồng", "12505"),
    ("Thái Bình", "Quỳnh Phụ", "Quỳnh Hoàng", "12493"),
    ("Ninh Bình", "Gia Viễn", "Gia Phương", "14500"),
    ("Ninh Bình", "Gia Viễn", "Gia Phong", "14524"),
    ("Quảng Nam", "Núi Thành", "Tam Xuân I", "20968"),
    ("Quảng Nam", "Núi Thành", "Tam Xuân II", "20971"),
    ("Bình Định", "Phù Mỹ", "Mỹ Thọ", "21760"),
]


@pytest.mark.parametrize(
    ("province", "district", "commune", "code"), NEAR_SPELLINGS, ids=[r[2] for r in NEAR_SPELLINGS]
)
def test_a_name_unique_without_diacritics_is_that_unit_in_every_written_form(
    province, district, commune, code
):
    df = _all_forms(
        (f"Tỉnh {province}", province), (f"Huyện {district}", district), (f"Xã {commune}", commune)
    )
    for with_district in (True, False):
        inp = df if with_district else df.drop(columns="district").drop_duplicates()
        out = match_units(inp)
        wrong = out[(out["ward_code"] != code) | ~out["match_status"].isin(["exact", "fuzzy"])]
        assert wrong.empty, wrong[["province", "commune", "match_status", "match_candidates"]]


def test_roman_numeral_suffixes_are_never_swapped():
    rows = ["Tam Xuân I", "Tam Xuân II", "Xa Tam Xuan I", "Xã Tam Xuân II", "TAM XUÂN II"]
    out = match_units(pd.DataFrame({"province": "Quảng Nam", "commune": rows}))
    assert out["ward_code"].tolist() == ["20968", "20971", "20968", "20971", "20971"]
    bare = one("Quảng Nam", "Tam Xuân", "Núi Thành")  # which of the two is not written
    assert bare["ward_code"] is None or pd.isna(bare["ward_code"])
    assert bare["match_status"] in {"ambiguous", "unmatched"}
    for numeral, wrong in (("Tam Xuân 1", "20971"), ("Tam Xuân 2", "20968")):
        assert one("Quảng Nam", numeral, "Núi Thành")["ward_code"] != wrong


def test_namesakes_of_two_types_are_told_apart_by_the_written_type():
    # Cao Lãnh (Đồng Tháp) has a Thị trấn Mỹ Thọ and a Xã Mỹ Thọ, and Cao Lãnh is both a
    # district and a city; Xã Mỹ Hội is in the same district.
    rows = [
        ("Đồng Tháp", "Huyện Cao Lãnh", "Xã Mỹ Thọ", "30100", "exact"),
        ("Dong Thap", "Huyen Cao Lanh", "Xa My Tho", "30100", None),
        ("Đồng Tháp", "Cao Lãnh", "Thị trấn Mỹ Thọ", "30076", None),
        ("Đồng Tháp", "Huyện Cao Lãnh", "TT. Mỹ Thọ", "30076", "exact"),
    ]
    df = pd.DataFrame([r[:3] for r in rows], columns=["province", "district", "commune"])
    out = match_units(df)
    assert out["ward_code"].tolist() == [r[3] for r in rows]
    for status, (*_, want) in zip(out["match_status"], rows, strict=True):
        assert status == want or (want is None and status in {"exact", "fuzzy"})
    for commune in ("Mỹ Thọ", "My Tho"):  # the type is not written: either unit
        row = one("Đồng Tháp", commune, "Cao Lãnh")
        assert row["match_status"] == "ambiguous"
        assert {"30076", "30100"} == {c.split(":")[0] for c in row["match_candidates"].split("|")}


def test_a_prefix_of_another_type_is_not_exact():
    row = one("Lạng Sơn", "Xã Bắc Sơn", "Bắc Sơn")  # the unit is Thị trấn Bắc Sơn
    assert (row["ward_code"], row["match_status"]) == ("06325", "fuzzy")


# ---------------------------------------------------------------------------- never another unit


@pytest.mark.parametrize(
    "text", ["=Chiêu Vũ", "+Tân Lập", "@Vũ Sơn", "-Đồng Ý", "'=Chiêu Vũ", "=HYPERLINK(1)"]
)
def test_formula_like_names_are_never_matched(text):
    row = one("Lạng Sơn", text, "Bắc Sơn")
    assert row["match_status"] == "unmatched" and pd.isna(row["ward_code"])
    assert "formula" in row["match_note"]
    row = one(text, "Chiêu Vũ", "Bắc Sơn")
    assert row["match_status"] == "unmatched" and "province" in row["match_note"]


@pytest.mark.parametrize(
    "text",
    [
        "Tổng cộng",
        "Tong cong",
        "TỔNG SỐ",
        "Cộng",
        "Tổng cộng (18 xã)",
        "Toàn huyện",
        "Toan tinh",
        "Trong đó:",
        "Huyện Bắc Sơn",
        "Huyen Bac Son",
        "Tỉnh Lạng Sơn",
        "Thôn Tân Lập",
    ],
)
def test_totals_and_headings_are_never_matched(text):
    for district in ("Bắc Sơn", None):
        row = one("Lạng Sơn", text, district)
        assert row["match_status"] == "unmatched" and pd.isna(row["ward_code"]), row
        assert row["match_note"], row


def test_unit_names_that_begin_like_a_heading_still_match():
    assert one("Lào Cai", "Bản Xèo", "Bát Xát")["match_status"] == "exact"
    assert one("Thái Bình", "Xã Tây Ninh", "Tiền Hải")["match_status"] == "exact"
    assert one("Thái Bình", "Cộng Hòa", "Hưng Hà")["ward_code"] == "12595"
    assert one("Hồ Chí Minh", "Phường Xóm Củi", "Quận 8")["match_status"] == "exact"
    assert one("Ho Chi Minh", "Xom Cui", "Quan 8")["ward_code"] is not None


@pytest.mark.parametrize(
    ("province", "district", "commune", "not_code"),
    [
        ("Hà Nội", "Phúc Thọ", "Thọ Lộc", None),  # merged away; not Tích Lộc
        ("Hà Nội", "Phúc Thọ", "Xã Long Xuyên", None),  # not Võng Xuyên
        ("Hà Nội", "Ba Vì", "Tản Hồng", None),  # not Tiên Phong
        ("Hà Nội", "Ba Vì", "Xã Châu Sơn", None),  # not Phú Sơn
    ],
)
def test_a_unit_missing_from_the_gazetteer_is_never_assigned_to_a_neighbour(
    province, district, commune, not_code
):
    row = one(province, commune, district)
    assert pd.isna(row["ward_code"]), row
    assert row["match_status"] in {"unmatched", "ambiguous"}
    assert row["match_candidates"]  # the nearest units are listed for review


def test_ocr_damage_is_still_read():
    # damage from the seed reports: letters the OCR is known to misread, or visibly damaged
    for commune, code in (("Long Png", "06328"), ("Vii Son", "06355"), ("Pong V", "06337")):
        assert one("Lạng Sơn", commune, "Bắc Sơn")["ward_code"] == code, commune


@pytest.mark.parametrize("vintage", ["legacy", "2025", "pre2023"])
def test_every_unit_of_the_gazetteer_matches_itself_in_mixed_forms(vintage):
    """Gazetteer-wide: each commune, its province (and district) written full or short, with
    or without diacritics at random, is its own unit whenever its written names fit no
    other unit, and is never given another unit's code."""
    from ntm_analysis.lexicon.textnorm import fold, strip_diacritics
    from ntm_analysis.places import gazetteer

    units = gazetteer.load_units(vintage)
    comm = units[units["level"] == "commune"]
    levels = ["province", "commune"] + (["district"] if vintage != "2025" else [])
    parent = {"province": comm["province_code"], "district": comm["parent_code"]}
    rng = random.Random(vintage)
    written, keys = {}, {}
    for level in levels:
        named = units[units["level"] == level].set_index("unit_code")
        codes = parent.get(level, comm["unit_code"])
        full = codes.map(named["unit_name"]).tolist()
        short = codes.map(named["unit_name_short"]).tolist()
        col = []
        for f, s in zip(full, short, strict=True):
            name = f if rng.random() < 0.5 else s
            col.append(strip_diacritics(name) if rng.random() < 0.5 else name)
        written[level] = col
        index: dict[str, set[str]] = {}
        for code, f, s in zip(comm["unit_code"], full, short, strict=True):
            for n in (f, s):
                index.setdefault(fold(n), set()).add(code)
                index.setdefault(n.casefold(), set()).add(code)
        keys[level] = index
    df = pd.DataFrame(written)
    out = match_units(df, vintage=vintage)
    truth = comm["unit_code"].tolist()
    for i, code in enumerate(truth):
        fits = set.intersection(
            *(
                keys[lv].get(fold(n) if strip_diacritics(n) == n else n.casefold(), set())
                for lv, n in ((lv, written[lv][i]) for lv in levels)
            )
        )
        got = out["ward_code"].iloc[i]
        assert got is None or pd.isna(got) or got == code, (df.iloc[i].tolist(), got)
        if fits == {code}:
            assert got == code, (df.iloc[i].tolist(), out.iloc[i].tolist())


# ---------------------------------------------------------------------------- ntm match on CSV


def _match_cli(tmp_path, text: str):
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    dst = tmp_path / "out.csv"
    parser = argparse.ArgumentParser()
    match_command.register(parser.add_subparsers())
    args = parser.parse_args(["match", str(src), "-o", str(dst)])
    return args.func(args), dst


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("Lạng Sơn,Bắc Sơn,Vũ Sơn,thừa\n", "line 3: 4 fields"),  # an unquoted comma
        ("Lạng Sơn,Bắc Sơn\n", "line 3: 2 fields"),  # a field lost
    ],
)
def test_cli_refuses_ragged_rows_naming_their_lines(tmp_path, capsys, body, lines):
    text = "province,district,commune\nLạng Sơn,Bắc Sơn,Đồng Ý\n" + body
    code, dst = _match_cli(tmp_path, text)
    assert code == 1 and not dst.exists()
    err = capsys.readouterr().err
    assert lines in err and "header's 3 fields" in err


def test_cli_keeps_every_value_and_quoted_commas(tmp_path, capsys):
    text = (
        "id,province,district,commune,ghi chú\n"
        '1,Lạng Sơn,Bắc Sơn,"Đồng Ý","đạt, 2023"\n'
        "\n"  # a blank line is not a row
        "2,Lạng Sơn,Bắc Sơn,=Chiêu Vũ,\n"
        "3,Lạng Sơn,Bắc Sơn,Tổng cộng,18\n"
    )
    code, dst = _match_cli(tmp_path, text)
    assert code == 0
    out = pd.read_csv(dst, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert out["id"].tolist() == ["1", "2", "3"]
    assert out["ghi chú"].tolist() == ["đạt, 2023", "", "18"]
    assert out["ward_code"].tolist() == ["06337", "", ""]
    assert out["commune"].tolist()[1] == "'=Chiêu Vũ"  # written inert
    assert out["match_status"].tolist()[1:] == ["unmatched", "unmatched"]
    assert "formula" in out["match_note"].iloc[1] and "total" in out["match_note"].iloc[2]
    assert "rows in: 3" in capsys.readouterr().out
