"""Size guards for the files users hand in, so that no input can exhaust memory or time.

Spreadsheets (.xlsx, .xlsm, .ods) and Word files (.docx) are zip archives: a small file can
unzip to gigabytes. `check_archive` reads the archive's directory only (no decompression) and
refuses a file whose members add up to more than its kind's limit, with a message naming the
file, the size and the limit. Readers call it before opening a file; the limits are generous
for real office files (a national workbook of every commune unzips to well under the limit).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MiB = 2**20
# Unpacked size a file of each kind may reach.
ARCHIVE_LIMITS = {"spreadsheet": 1024 * MiB, "document": 200 * MiB}
# Members one archive may hold (a zip with millions of empty entries is a bomb too).
MAX_MEMBERS = 100_000


class InputTooLarge(ValueError):
    """A file that would take more memory or time than the project allows; says why."""


def _size(n: int) -> str:
    return f"{n / MiB:,.0f} MiB"


def check_archive(path: str | Path, kind: str) -> None:
    """Raise `InputTooLarge` when the zip archive at ``path`` unpacks past the limit of
    ``kind`` ("spreadsheet" or "document"). Files that are not zip archives pass (their
    readers report what they are)."""
    limit = ARCHIVE_LIMITS[kind]
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(infos) > MAX_MEMBERS:
        raise InputTooLarge(
            f"{path.name}: the file holds {len(infos):,} parts (limit {MAX_MEMBERS:,}); "
            "it is not an ordinary office file"
        )
    total = sum(i.file_size for i in infos)
    if total > limit:
        raise InputTooLarge(
            f"{path.name}: the file unpacks to {_size(total)}, more than the {_size(limit)} "
            f"allowed for a {kind}; split it into smaller files"
        )
