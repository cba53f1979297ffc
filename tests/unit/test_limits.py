"""Archives that unpack past their limit are refused before they are read."""

from __future__ import annotations

import zipfile

import pytest

from ntm_analysis.sources import limits


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, monkeypatch):
    monkeypatch.setitem(limits.ARCHIVE_LIMITS, "document", 10 * limits.MiB)
    bomb = tmp_path / "bao_cao.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"0" * (11 * limits.MiB))
    assert bomb.stat().st_size < limits.MiB  # small on disk
    with pytest.raises(limits.InputTooLarge, match=r"bao_cao\.docx: the file unpacks to 11 MiB"):
        limits.check_archive(bomb, "document")


def test_ordinary_and_non_zip_files_pass(tmp_path):
    ok = tmp_path / "ok.xlsx"
    with zipfile.ZipFile(ok, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    limits.check_archive(ok, "spreadsheet")
    text = tmp_path / "x.csv"
    text.write_text("a,b\n", encoding="utf-8")
    limits.check_archive(text, "spreadsheet")
