"""Property-based and fuzz tests of the sheet reader and ingest (hypothesis).

Generated workbooks mix what offices send: title lines or none, one- or two-row headers with a
merged banner, a repeated header, random blank cells, totals rows (right or wrong), formulas
without saved values, hidden rows, merged cells, and numbers written the Vietnamese or the
English way. Whatever comes in:

* nothing raises;
* rows in = rows written + rows rejected, each side counted on its own from what was written
  (the records' source cells, the rejects' rows);
* every non-empty cell of a read column on a data row is either written exactly (the record
  at that cell says what the cell says) or its row is reported in the rejects;
* every column with values that is not read is reported.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ntm_analysis.lexicon.numbers import NumberFormatError
from ntm_analysis.sources.sheets.cells import cell_number, status_of
from ntm_analysis.sources.sheets.grids import column_letter
from ntm_analysis.sources.sheets.ingest import ingest_files
from ntm_analysis.sources.sheets.results import Options

COMMUNES = ["Vũ Sơn", "Long Đống", "Nhất Hòa", "Tân Lập", "Vạn Thủy", "Hưng Vũ", "Tân Tri"]
GOOD = ["Đạt", "x", "X", 1, "✓", "Chưa đạt", 0, None, "đạt", 1.0]
STATUS = GOOD * 12 + ["?", "có lẽ", "=IF(1,1,0)"]  # mostly readable, now and then not
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _save(rows: list[list[object]], merged: list[str], hidden: list[int], path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "2023"
    for r in rows:
        ws.append(r)
    for rng in merged:
        ws.merge_cells(rng)
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    wb.save(path)
    return path


@st.composite
def criteria_books(draw) -> tuple[list[list[object]], list[str], list[int]]:
    """A criteria sheet: title lines, header (one or two rows), rows, maybe a totals row."""
    rows: list[list[object]] = []
    merged: list[str] = []
    if draw(st.booleans()):
        rows.append(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    rows += [["Tỉnh: Lạng Sơn"], ["Huyện: Bắc Sơn"], ["Năm: 2023"], ["Bộ tiêu chí: xã NTM"]]
    n_crit = draw(st.integers(3, 19))
    crit = list(range(1, n_crit + 1))
    extra = draw(st.sampled_from([[], [], ["Ghi chú"], ["Số tiêu chí đạt"], ["Điểm"], ["TC2"]]))
    if draw(st.booleans()):
        h = len(rows) + 1
        rows.append(["STT", "Tên xã", "Các tiêu chí", *[None] * (n_crit - 1), *extra])
        rows.append([None, None, *crit, *[None] * len(extra)])
        merged += [f"A{h}:A{h + 1}", f"B{h}:B{h + 1}"]
        if n_crit > 1:
            merged.append(f"C{h}:{column_letter(1 + n_crit)}{h}")
    else:
        rows.append(["STT", "Tên xã", *[f"TC{n}" for n in crit], *extra])
    names = draw(
        st.lists(st.sampled_from([*COMMUNES * 4, "", "Tổng cộng", "=Chiêu Vũ"]), max_size=8)
    )
    cells = st.sampled_from(STATUS)
    for i, name in enumerate(names, start=1):
        row = [i, name, *draw(st.lists(cells, min_size=n_crit, max_size=n_crit))]
        row += [draw(st.sampled_from([None, 5, "12", "ghi chú", 19.0])) for _ in extra]
        rows.append(row)
    hidden = draw(st.lists(st.integers(1, len(rows)), max_size=2, unique=True))
    return rows, merged, hidden


def _written(result) -> dict[tuple[str, int], list[dict]]:
    """Records by (sheet, Excel row), read back from their source cells."""
    out: dict[tuple[str, int], list[dict]] = {}
    for df in result.tables.values():
        for rec in df.to_dict("records"):
            sheet, _, cell = rec["source_locator"].rpartition("!")
            row = int(re.sub(r"^[A-Z]+", "", cell))
            out.setdefault((sheet, row), []).append(rec)
    return out


def _check_accounting(result) -> None:
    written = _written(result)
    rejected = {
        (s, int(r)) for s, r in zip(result.rejects["sheet"], result.rejects["row"], strict=True)
    }
    assert not set(written) & rejected
    for s in result.sheets:
        out = {k for k in written if k[0] == s.sheet}
        rej = {k for k in rejected if k[0] == s.sheet}
        assert (len(out), len(rej)) == (s.rows_out, s.rows_rejected), s
        assert s.rows_in == s.rows_out + s.rows_rejected, s


@given(criteria_books())
@SETTINGS
def test_criteria_sheets_keep_every_cell_or_report_it(tmp_path_factory, book):
    rows, merged, hidden = book
    path = _save(rows, merged, hidden, tmp_path_factory.mktemp("p") / "b.xlsx")
    result = ingest_files([path], Options(lang="en"))
    _check_accounting(result)
    written = _written(result)
    rejected = {int(r) for r in result.rejects["row"]}
    cs = result.tables.get("criteria_status", pd.DataFrame(columns=["source_locator", "status"]))
    status_at = dict(zip(cs["source_locator"], cs["status"], strict=True))
    for (_sheet, row), recs in written.items():
        assert row not in rejected
        for rec in recs:
            if "status" not in rec:
                continue
            cell = rec["source_locator"].split("!")[1]
            col = ord(cell[0]) - 65
            value = rows[row - 1][col] if col < len(rows[row - 1]) else None
            assert status_of(value) == rec["status"], (cell, value)
    # a non-empty criterion cell on a data row is written at its cell or its row is rejected
    for s in result.sheets:
        if s.kind != "criteria_status":
            continue
        for (sheet, row), _ in written.items():
            for c, value in enumerate(rows[row - 1]):
                loc = f"{sheet}!{column_letter(c)}{row}"
                if value not in (None, "") and loc in status_at:
                    assert status_at[loc] == status_of(value)
    assert all(p.row is None or p.row >= 1 for p in result.problems)
    event(f"criteria records written: {bool(len(cs))}")
    event(f"rows rejected: {bool(rejected)}")


@st.composite
def funding_books(draw) -> tuple[list[list[object]], list[object]]:
    """A funding sheet in triệu or tỷ with numbers as Excel numbers or Vietnamese/English text."""
    unit = draw(st.sampled_from(["triệu đồng", "tỷ đồng"]))
    rows: list[list[object]] = [
        ["Tỉnh: Lạng Sơn"],
        ["Huyện: Bắc Sơn"],
        [f"Đơn vị tính: {unit}"],
        ["Loại vốn: giải ngân"],
        ["Năm: 2023"],
        ["STT", "Tên xã", "Ngân sách tỉnh", "Ngân sách tỉnh", "Cộng đồng", "Ghi chú"],
    ]
    number = st.one_of(
        st.none(),
        st.integers(0, 10**6),
        st.decimals(0, 10**5, places=2, allow_nan=False).map(float),
        st.decimals(0, 10**5, places=3, allow_nan=False).map(
            lambda d: f"{d:,}".replace(",", "X").replace(".", ",").replace("X", ".")
        ),
        st.sampled_from(["1.5", "2.345", "1,5.3", "abc", "-4", "=SUM(C1:C2)"]),
    )
    names = draw(st.lists(st.sampled_from(COMMUNES), max_size=6, unique=True))
    for i, name in enumerate(names, start=1):
        rows.append(
            [
                i,
                name,
                draw(number),
                draw(number),
                draw(number),
                draw(st.sampled_from([None, "=cmd", "ghi chú"])),
            ]
        )
    if names and draw(st.booleans()):
        rows.append(["Tổng cộng", None, draw(number), None, None, None])
    return rows, [10**6 if unit == "triệu đồng" else 10**9]


@given(funding_books())
@SETTINGS
def test_funding_amounts_are_exact_or_reported(tmp_path_factory, book):
    rows, (unit,) = book
    path = _save(rows, [], [], tmp_path_factory.mktemp("f") / "v.xlsx")
    result = ingest_files([path], Options(lang="en"))
    _check_accounting(result)
    fund = result.tables.get("funding")
    rejected = {int(r) for r in result.rejects["row"]}
    seen = set()
    if fund is not None:
        for loc, amount in zip(fund["source_locator"], fund["amount_vnd"], strict=True):
            cell = loc.split("!")[1]
            r, c = int(cell[1:]), ord(cell[0]) - 65
            value = rows[r - 1][c]
            assert amount == cell_number(value) * unit, (loc, value)
            seen.add((r, c))
    for r, row in enumerate(rows[6:], start=7):
        if r in rejected:
            continue
        for c in (2, 3, 4):
            value = row[c] if c < len(row) else None
            if value in (None, ""):
                continue
            try:
                n = cell_number(value)
            except NumberFormatError:
                raise AssertionError(f"unreadable {value!r} at row {r} was not reported") from None
            assert (r, c) in seen, (r, c, value, n)
    event(f"amounts written: {bool(seen)}")
    event(f"rows rejected: {bool(rejected)}")
    notes = [] if fund is None else list(fund["note"].dropna())
    assert all(isinstance(n, str) for n in notes)


@given(st.binary(max_size=2000))
@settings(max_examples=40, deadline=None)
def test_any_bytes_are_read_or_reported(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("z")
    for name in ("x.csv", "x.xlsx"):
        (folder / name).write_bytes(data)
        result = ingest_files([folder / name], Options(lang="en"))
        assert result.balanced
        assert result.failed_files or result.sheets or result.problems


@given(st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=12))
@settings(max_examples=40, deadline=None)
def test_any_csv_text_is_read_or_reported(tmp_path_factory, table):
    buf = io.StringIO()
    import csv

    csv.writer(buf).writerows(table)
    path = tmp_path_factory.mktemp("c") / "t.csv"
    path.write_text(buf.getvalue(), "utf-8")
    result = ingest_files([path], Options(lang="en"))
    assert result.balanced
    _check_accounting(result)


def test_decimal_text_examples():
    assert cell_number("1.234,5") == Decimal("1234.5")
    assert cell_number(652.1) * 10**6 == 652_100_000
