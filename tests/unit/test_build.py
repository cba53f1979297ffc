"""The raw → processed build: determinism, rejects accounting, readable reasons."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest

from ntm_analysis import cli
from ntm_analysis.build import build
from ntm_analysis.model.dictionary import TABLES

SOURCES = """source_id,kind,issuer,document_no,issued_date,title,province,url,note
doc_a,document,UBND tỉnh X,1/BC-UBND,2024-01-05,Báo cáo thử,Tỉnh X,,written for the tests
"""

FACTS_OK = """area_name,area_level,year,measure,value,unit,qualifier,source_id,source_locator
Tỉnh X,province,2023,communes_ntm,120,communes,exact,doc_a,I.1
Tỉnh X,province,2023,communes_ntm_pct,84.5,pct,,doc_a,I.1
"""


def _raw(tmp_path: Path, files: dict[str, str]) -> Path:
    raw = tmp_path / "raw"
    for name, text in {"sources.csv": SOURCES, **files}.items():
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return raw


def test_clean_raw_builds_without_rejects(tmp_path):
    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    res = build(raw, tmp_path / "out", verbose=False, stagers=[])
    assert {t: len(r.valid) for t, r in res.items()}["facts"] == 2
    assert all(r.rejects.empty for r in res.values())
    facts = pd.read_parquet(tmp_path / "out" / "facts.parquet")
    assert facts["raw_row"].tolist() == ["facts/doc_a.csv:2", "facts/doc_a.csv:3"]
    assert facts["value"].tolist() == [120.0, 84.5]
    assert str(facts["year"].dtype) == "Int64"


def test_every_table_and_side_file_is_written(tmp_path):
    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    build(raw, tmp_path / "out", verbose=False, stagers=[])
    names = {p.name for p in (tmp_path / "out").iterdir()}
    for table in TABLES:
        assert {f"{table}.parquet", f"{table}.csv"} <= names
    assert {"rejects.csv", "build_summary.csv", "DATA_DICTIONARY.csv"} <= names
    # CSV twins open in Excel with diacritics: UTF-8 with BOM.
    assert (tmp_path / "out" / "facts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_build_is_byte_identical_across_runs(tmp_path):
    from ntm_analysis.paths import RAW

    outs = []
    for i in range(2):
        out = tmp_path / f"run{i}"
        build(RAW, out, verbose=False)
        outs.append(out)
    names = sorted(p.name for p in outs[0].iterdir())
    assert names == sorted(p.name for p in outs[1].iterdir())
    match, mismatch, errors = filecmp.cmpfiles(outs[0], outs[1], names, shallow=False)
    assert mismatch == [] and errors == []
    assert len(match) == len(names) > len(TABLES)


MALFORMED = {
    # (raw line, expected fragment of the reason)
    "Tỉnh X,province,2023,communes_ntm,abc,communes,,doc_a,I.2": "value: 'abc' is not a number",
    "Tỉnh X,city,2023,communes_ntm,1,communes,,doc_a,I.3": "area_level: 'city' is not one of",
    "Tỉnh X,province,2023,communes_ntm,1,communes,,doc_zz,I.4": "source_id is not registered",
    "Tỉnh X,province,2023,Communes NTM,1,communes,,doc_a,I.5": "measure: 'Communes NTM' does not",
    "Tỉnh X,province,2023,communes_ntm_pct,140,pct,,doc_a,I.6": "between 0 and 100",
    "Tỉnh X,province,,communes_ntm,1,communes,,doc_a,I.7": "a year, as_of date or period",
    "Tỉnh X,province,2023,communes_ntm,1,communes,,doc_a": "row has 8 fields, header has 9",
    "Tỉnh X,province,2023,communes_ntm,1,,,doc_a,I.9": "unit: a value is required",
}


def test_malformed_rows_are_rejected_with_reasons_and_counted(tmp_path, capsys):
    body = FACTS_OK + "\n".join(MALFORMED) + "\n"
    raw = _raw(tmp_path, {"facts/doc_a.csv": body})
    res = build(raw, tmp_path / "out", verbose=True, stagers=[])
    facts = res["facts"]
    assert facts.rows_read == 2 + len(MALFORMED)
    assert len(facts.valid) == 2
    assert len(facts.rejects) == len(MALFORMED)
    assert facts.rows_read == len(facts.valid) + len(facts.rejects)
    rejects = pd.read_csv(tmp_path / "out" / "rejects.csv", encoding="utf-8-sig")
    assert len(rejects) == len(MALFORMED)
    for line_no, (_, fragment) in enumerate(MALFORMED.items(), start=4):
        row = rejects[rejects["raw_row"] == f"facts/doc_a.csv:{line_no}"]
        assert len(row) == 1, line_no
        assert fragment in row["reason"].iloc[0]
        assert row["table"].iloc[0] == "facts"
    out = capsys.readouterr().out
    assert f"facts{'':<11}{len(MALFORMED) + 2:>8}{2:>9}{len(MALFORMED):>10}" in out
    assert "rejected row(s)" in out


def test_header_problems_reject_the_file_rows_not_silently(tmp_path):
    raw = _raw(
        tmp_path,
        {
            "facts/typo.csv": (
                "area_name,area_level,year,mesure,value,unit,source_id,source_locator\n"
                "Tỉnh X,province,2023,communes_ntm,1,communes,doc_a,I\n"
            ),
        },
    )
    res = build(raw, tmp_path / "out", verbose=False, stagers=[])
    reason = res["facts"].rejects["reason"].iloc[0]
    assert "unexpected column 'mesure'" in reason
    assert "missing required column 'measure'" in reason


def test_commune_rules_use_the_criteria_reference(tmp_path):
    raw = _raw(
        tmp_path,
        {
            "commune_status/doc_a.csv": (
                "commune_name,province_name,year,record_kind,tier,criteria_met,criteria_total,"
                "criteria_set,model_field,source_id,source_locator\n"
                "Đồng Ý,Lạng Sơn,2023,assessment,ntm,17,19,commune_ntm_2021_2025,,doc_a,II.1\n"
                "Vũ Sơn,Lạng Sơn,2023,assessment,ntm,20,19,commune_ntm_2021_2025,,doc_a,II.2\n"
                "Long Đống,Lạng Sơn,2023,assessment,ntm,15,18,commune_ntm_2021_2025,,doc_a,II.3\n"
                "Tân Lập,Lạng Sơn,2023,assessment,ntm,12,,,,doc_a,II.4\n"
                "Bắc Sơn,Lạng Sơn,2023,recognition,advanced,,,,culture,doc_a,II.5\n"
            ),
            "criteria_status/doc_a.csv": (
                "commune_name,province_name,year,criteria_set,criterion_no,status,source_id,"
                "source_locator\n"
                "Đồng Ý,Lạng Sơn,2023,commune_advanced_2021_2025,14,met,doc_a,II.3\n"
                "Đồng Ý,Lạng Sơn,2023,commune_advanced_2021_2025,20,met,doc_a,II.3\n"
                "Đồng Ý,Lạng Sơn,2023,commune_basic,3,met,doc_a,II.3\n"
                "Đồng Ý,Lạng Sơn,2023,commune_advanced_2021_2025,14,not_met,doc_a,II.3\n"
            ),
        },
    )
    res = build(raw, tmp_path / "out", verbose=False, stagers=[])
    cs = res["commune_status"]
    assert cs.valid["commune_name"].tolist() == ["Đồng Ý"]
    reasons = dict(zip(cs.rejects["raw_row"], cs.rejects["reason"]))
    assert "larger than criteria_total" in reasons["commune_status/doc_a.csv:3"]
    assert "differs from the number of criteria" in reasons["commune_status/doc_a.csv:4"]
    assert "criteria_set is required" in reasons["commune_status/doc_a.csv:5"]
    assert "model_field is only for tier model" in reasons["commune_status/doc_a.csv:6"]
    crit = res["criteria_status"]
    assert len(crit.valid) == 1
    reasons = dict(zip(crit.rejects["raw_row"], crit.rejects["reason"]))
    assert "does not exist in criteria_set" in reasons["criteria_status/doc_a.csv:3"]
    assert "not in the criteria reference" in reasons["criteria_status/doc_a.csv:4"]
    assert "duplicate" in reasons["criteria_status/doc_a.csv:5"]


def test_duplicate_source_ids_are_rejected(tmp_path):
    raw = _raw(tmp_path, {})
    (raw / "sources.csv").write_text(SOURCES + SOURCES.splitlines()[1] + "\n", encoding="utf-8")
    res = build(raw, tmp_path / "out", verbose=False, stagers=[])
    assert len(res["sources"].valid) == 1
    assert "duplicate key" in res["sources"].rejects["reason"].iloc[0]


def test_funding_period_is_split_into_years(tmp_path):
    raw = _raw(
        tmp_path,
        {
            "funding/doc_a.csv": (
                "area_name,area_level,period,source_category,flow,amount_vnd,source_id,source_locator\n"
                "Tỉnh X,province,2021-2025,central_investment,allocated,1500000000,doc_a,III\n"
                "Tỉnh X,province,2025-2021,provincial,allocated,1,doc_a,III\n"
                "Tỉnh X,province,2024,provincial,allocated,-5,doc_a,III\n"
            )
        },
    )
    res = build(raw, tmp_path / "out", verbose=False, stagers=[])
    row = res["funding"].valid.iloc[0]
    assert (row["year_start"], row["year_end"], row["amount_vnd"]) == (2021, 2025, 1_500_000_000)
    reasons = res["funding"].rejects["reason"].tolist()
    assert any("ends before it starts" in r for r in reasons)
    assert any("amount_vnd: -5 is below the minimum 0" in r for r in reasons)


def test_cli_build_strict_exits_non_zero_on_rejects(tmp_path, capsys):
    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK + next(iter(MALFORMED)) + "\n"})
    assert cli.main(["build", "--raw", str(raw), "--out", str(tmp_path / "o")]) == 0
    assert cli.main(["build", "--raw", str(raw), "--out", str(tmp_path / "o"), "--strict"]) == 1
    assert "1 rejected row(s)" in capsys.readouterr().out


def test_not_utf8_raw_file_is_a_clear_error(tmp_path, capsys):
    raw = _raw(tmp_path, {})
    (raw / "facts").mkdir()
    (raw / "facts" / "latin1.csv").write_bytes("area_name\nT\xeanh\n".encode("latin-1"))
    assert cli.main(["build", "--raw", str(raw), "--out", str(tmp_path / "o")]) == 1
    assert "latin1.csv: not UTF-8" in capsys.readouterr().err


# The curated reference carries a few figures whose pages give no date at all; they cannot be
# placed in time, so the build rejects them (they stay listed in rejects.csv with the reason).
UNDATED = "a year, as_of date or period is required"


@pytest.mark.parametrize("table", list(TABLES))
def test_embedded_raw_data_builds_with_only_undated_reference_rejects(built, table):
    _, results = built
    res = results[table]
    assert res.rows_read == len(res.valid) + len(res.rejects)
    unexpected = res.rejects[
        ~(res.rejects["raw_row"].str.startswith("reference/") & (res.rejects["reason"] == UNDATED))
    ]
    assert unexpected.empty, unexpected[["raw_row", "reason"]].to_string()
    assert len(res.rejects) <= 12


# ---------------------------------------------------------------------------- atomic builds

# A build run in its own process: raw folder, output folder, then it prints its exit status.
BUILD_PROCESS = """
import sys
from pathlib import Path
from ntm_analysis.build import build
build(Path(sys.argv[1]), Path(sys.argv[2]), verbose=False, stagers=[])
"""


def _big_raw(tmp_path: Path, name: str, value: int, rows: int) -> Path:
    """A raw folder whose build takes a moment; every output file differs with ``value``."""
    lines = [
        f"Tỉnh {name},province,{2000 + i % 25},communes_ntm,{value + i},communes,,doc_a,I.{i}"
        for i in range(rows)
    ]
    header = "area_name,area_level,year,measure,value,unit,qualifier,source_id,source_locator"
    return _raw(tmp_path / name, {"facts/doc_a.csv": "\n".join([header, *lines]) + "\n"})


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != ".build.lock"}


def _spawn(raw: Path, out: Path):
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-c", BUILD_PROCESS, str(raw), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_building_into_one_folder_leave_one_complete_build(tmp_path):
    from ntm_analysis.model.folder_lock import output_lock

    raws = [_big_raw(tmp_path, *args) for args in (("A", 1, 3000), ("B", 500_000, 3100))]
    expected = []
    for i, raw in enumerate(raws):
        build(raw, tmp_path / f"alone{i}", verbose=False, stagers=[])
        expected.append(_snapshot(tmp_path / f"alone{i}"))
    assert expected[0].keys() == expected[1].keys()
    assert all(expected[0][k] != expected[1][k] for k in ("facts.csv", "build_summary.csv"))
    assert all(expected[0][k] == expected[1][k] for k in ("DATA_DICTIONARY.csv",))
    out = tmp_path / "shared_out"
    for round_no in range(3):
        # Round 0 starts both while the folder is locked and releases it once both say they
        # wait, so that they race for it; later rounds start them freely, one after the other.
        lock = output_lock(out) if round_no == 0 else None
        if lock:
            lock.__enter__()
        procs = [_spawn(raw, out) for raw in (raws if round_no % 2 else raws[::-1])]
        if lock:
            waiting = [p.stderr.readline() for p in procs]  # printed before they block
            lock.__exit__(None, None, None)
            assert all("is being written by another build" in w for w in waiting), waiting
        errs = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errs
        got = _snapshot(out)
        assert got in expected, {k: [got.get(k) == e.get(k) for e in expected] for k in got}
        assert not [p for p in out.iterdir() if p.name.startswith(".build-staging-")]


def test_busy_output_folder_refuses_with_a_message_or_waits(tmp_path, capsys):
    from ntm_analysis.model.folder_lock import OutputBusy, output_lock

    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    out = tmp_path / "out"
    with output_lock(out):
        with pytest.raises(OutputBusy, match="being written by another build"):
            build(raw, out, verbose=False, stagers=[], wait=False)
        args = ["build", "--raw", str(raw), "--out", str(out), "--no-wait"]
        assert cli.main(args) == 1
        err = capsys.readouterr().err
        assert f"{out} is being written by another build (process " in err
        assert "run again when it has finished" in err
        assert not (out / "facts.csv").exists()
        waiting = _spawn(raw, out)
        said = waiting.stderr.readline()  # printed before it blocks on the lock
        assert "waiting for it to finish" in said
        assert waiting.poll() is None and not (out / "facts.csv").exists()
    assert waiting.wait(timeout=120) == 0
    assert (out / "facts.csv").is_file()


def test_a_failed_build_leaves_the_previous_outputs(tmp_path):
    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    out = tmp_path / "out"
    build(raw, out, verbose=False, stagers=[])
    before = _snapshot(out)
    (raw / "facts" / "latin1.csv").write_bytes("area_name\nT\xeanh\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        build(raw, out, verbose=False, stagers=[])
    assert _snapshot(out) == before
    # a staging folder left by a killed build is cleared by the next build
    (out / ".build-staging-99999").mkdir()
    (raw / "facts" / "latin1.csv").unlink()
    build(raw, out, verbose=False, stagers=[])
    assert _snapshot(out) == before


# ---------------------------------------------------------------------------- output safety


def _csv_text(rows: list[list[str]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def test_no_csv_cell_written_by_build_or_match_starts_a_formula(tmp_path, capsys):
    """End to end: values that a spreadsheet would run arrive in raw files and in a names
    list; every CSV that ``ntm build`` and ``ntm match`` write holds them inert, and the
    Parquet tables keep them as they were."""
    import csv

    from ntm_analysis.model.csv_files import is_formula_like

    formulas = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-cmd|' /C calc'!A0"]
    header = "area_name,area_level,year,measure,value,unit,qualifier,source_id,source_locator"
    facts = [[*header.split(","), "note"]]
    for i, f in enumerate(formulas):
        facts.append([f, "province", "2023", "communes_ntm", str(i), "communes", "exact"])
        facts[-1] += ["doc_a", f"I.{i}", f]
    facts.append(["Tỉnh X", "province", "2023", "communes_ntm", "=1+2", "communes", ""])
    facts[-1] += ["doc_a", "I.9", ""]  # rejected: its value is a formula, not a number
    raw = _raw(tmp_path, {"facts/doc_a.csv": _csv_text(facts)})
    out = tmp_path / "out"
    assert cli.main(["build", "--raw", str(raw), "--out", str(out)]) == 0
    names = tmp_path / "names.csv"
    rows = [["province", "commune", "note"], *(["Lạng Sơn", f, f] for f in formulas)]
    names.write_text(_csv_text([*rows, ["=Lạng Sơn", "Đồng Ý", "@x"]]), encoding="utf-8")
    assert cli.main(["match", str(names), "-o", str(out / "matched.csv")]) == 0
    written = sorted(out.glob("*.csv"))
    assert {"facts.csv", "rejects.csv", "consistency.csv", "matched.csv"} <= {
        p.name for p in written
    }
    escaped = 0
    for path in written:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not is_formula_like(cell), (path.name, cell)
                    escaped += cell.startswith("'") and is_formula_like(cell[1:])
    assert escaped >= 3 * len(formulas)  # the escaped cells are there, not dropped
    facts_pq = pd.read_parquet(out / "facts.parquet")
    assert sorted(facts_pq["note"]) == sorted(formulas)  # the data keeps the values as they are
    matched = pd.read_csv(out / "matched.csv", dtype=str, encoding="utf-8-sig")
    assert (matched["match_status"] == "unmatched").all()


# ---------------------------------------------------------------------------- the user's data

USER_SOURCES = """source_id,kind,issuer,title,province,note
user_b,document,UBND xã Y,Báo cáo của người dùng,Tỉnh X,written for the tests
"""
USER_FACTS = """area_name,area_level,year,measure,value,unit,source_id,source_locator
Xã Y,commune,2024,criteria_met,17,criteria,user_b,Sheet1!B4
Tỉnh X,province,2023,communes_ntm,121,communes,doc_a,II.2
"""


def _user_dir(tmp_path: Path) -> Path:
    """A user folder: 'a' from `ntm ingest` of two spreadsheets, 'b' written by hand, and a
    hidden folder that is not read."""
    from ntm_analysis.paths import ROOT

    corpus = ROOT / "tests" / "fixtures" / "sheets" / "corpus"
    user = tmp_path / "user"
    files = [str(corpus / n) for n in ("v04_status_variants.xlsx", "v05_vn_text_numbers.xlsx")]
    assert cli.main(["ingest", *files, "-o", str(user / "a")]) == 0
    for folder in ("b", ".hidden"):
        (user / folder / "facts").mkdir(parents=True)
        (user / folder / "sources.csv").write_text(USER_SOURCES, encoding="utf-8")
        (user / folder / "facts" / "mine.csv").write_text(USER_FACTS, encoding="utf-8")
    (user / "README.md").write_text("notes", encoding="utf-8")  # a file, not a folder
    return user


def test_user_folders_are_built_beside_the_embedded_data(tmp_path, capsys):
    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    user = _user_dir(tmp_path)
    alone = build(raw, tmp_path / "alone", verbose=False, stagers=[])
    both = build(raw, tmp_path / "both", verbose=False, stagers=[], user_dir=user)
    facts = both["facts"].valid
    assert len(facts) == len(alone["facts"].valid) + 2  # the hidden folder is not read
    mine = facts[facts["raw_row"].str.startswith("user/b/")]
    assert mine["raw_row"].tolist() == ["user/b/facts/mine.csv:2", "user/b/facts/mine.csv:3"]
    assert mine["source_id"].tolist() == ["user_b", "doc_a"]  # their own ids, kept
    ingested = both["criteria_status"].valid
    assert len(ingested) == 2 * 19 and ingested["raw_row"].str.startswith("user/a/").all()
    funding = both["funding"].valid
    assert len(funding) == 3 and funding["raw_row"].str.startswith("user/a/").all()
    assert set(both["sources"].valid["source_id"]) == {"doc_a", "user_b"} | set(
        ingested["source_id"]
    ) | set(funding["source_id"])
    assert all(r.rejects.empty for r in both.values())
    on_disk = pd.read_parquet(tmp_path / "both" / "facts.parquet")
    assert on_disk["raw_row"].str.startswith("user/b/").sum() == 2


def test_cli_reads_data_user_unless_told_otherwise(tmp_path, monkeypatch, capsys):
    from ntm_analysis import paths

    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    user = _user_dir(tmp_path)
    monkeypatch.setattr(paths, "USER", user)  # the default of --user is data/user
    counts = {}
    for flag in ([], ["--no-user"], ["--user", str(tmp_path / "nowhere")]):
        out = tmp_path / f"out{len(counts)}"
        assert cli.main(["build", "--raw", str(raw), "--out", str(out), *flag]) == 0
        counts[" ".join(flag)] = len(pd.read_parquet(out / "facts.parquet"))
    assert counts[""] == counts["--no-user"] + 2
    assert counts[f"--user {tmp_path / 'nowhere'}"] == counts["--no-user"]
    assert f"user data from {user}: a, b" in capsys.readouterr().out


def test_a_user_source_id_clashing_with_another_is_an_error_naming_both_files(tmp_path, capsys):
    raw = _raw(tmp_path, {"facts/doc_a.csv": FACTS_OK})
    out = tmp_path / "out"
    build(raw, out, verbose=False, stagers=[])
    before = _snapshot(out)
    user = tmp_path / "user"
    (user / "b").mkdir(parents=True)
    (user / "b" / "sources.csv").write_text(SOURCES, encoding="utf-8")  # doc_a again
    with pytest.raises(ValueError, match="doc_a") as err:
        build(raw, out, verbose=False, stagers=[], user_dir=user)
    assert "sources.csv:2" in str(err.value) and "user/b/sources.csv:2" in str(err.value)
    assert _snapshot(out) == before  # nothing written
    args = ["build", "--raw", str(raw), "--out", str(out), "--user", str(user)]
    assert cli.main(args) == 1
    assert "user/b/sources.csv:2" in capsys.readouterr().err
    # two user folders registering one id
    (user / "b" / "sources.csv").write_text(USER_SOURCES, encoding="utf-8")
    (user / "c" / "sources").mkdir(parents=True)
    (user / "c" / "sources" / "user_b.csv").write_text(USER_SOURCES, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        build(raw, out, verbose=False, stagers=[], user_dir=user)
    assert "user/b/sources.csv:2" in str(err.value)
    assert "user/c/sources/user_b.csv:2" in str(err.value)
    # the same id twice within one folder stays a rejected duplicate row, not an error
    (user / "c" / "sources" / "user_b.csv").unlink()
    (user / "b" / "sources.csv").write_text(
        USER_SOURCES + USER_SOURCES.splitlines()[1] + "\n", encoding="utf-8"
    )
    res = build(raw, out, verbose=False, stagers=[], user_dir=user)
    assert "duplicate key" in res["sources"].rejects["reason"].iloc[0]


def test_tests_never_see_the_checkouts_user_data_or_outputs():
    from ntm_analysis import paths

    assert paths.USER != paths.ROOT / "data" / "user"
    assert paths.PROCESSED != paths.ROOT / "data" / "processed"
    assert not any(paths.USER.iterdir())
