"""The raw → processed build: read data/raw (and the user's data), validate every row, write
data/processed.

Each table of the data model is read from ``data/raw/<table>.csv`` and/or every
``data/raw/<table>/*.csv`` (files in name order), checked against its schema (`schemas`) and
rules (`validate`), and written as Parquet plus a UTF-8 CSV twin (with BOM, so Excel shows the
diacritics). Rows that fail go to ``rejects.csv`` with every reason; nothing is dropped
silently: for each table, rows read = rows written + rows rejected. Output is deterministic:
the same raw files give byte-identical outputs.

The user's own data sits beside the embedded data: every subfolder of the user folder
(``data/user`` for ``ntm build``; none for `build` unless ``user_dir`` is given) is read in
the raw layout, after data/raw, such as the output folder of ``ntm ingest -o
data/user/<name>``. Its rows keep their source ids; their ``raw_row`` reads
``user/<folder>/<file>:<line>``. A source id registered both in the embedded data and in a
user folder, or in two user folders, stops the build with an error naming both files.

Builds are atomic per output folder: a build holds a lock on ``OUT/.build.lock`` from start
to end, writes into a staging folder inside OUT and only then moves each file into place, so
OUT always holds one build's complete set. A second build into a busy folder waits (saying
so on stderr) or, with ``wait=False`` / ``--no-wait``, refuses with `OutputBusy`. A build that
fails leaves the previous outputs untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.analysis import consistency
from ntm_analysis.model import validate
from ntm_analysis.model.conform import (
    REJECT_COLUMNS,
    TableResult,
    build_table,
    concat_frames,
    raw_files,
    read_raw_file,
)
from ntm_analysis.model.csv_files import write_csv
from ntm_analysis.model.dictionary import DERIVED, TABLES, dictionary_frame, processed_columns
from ntm_analysis.model.folder_lock import STAGING_PREFIX, OutputBusy, output_lock
from ntm_analysis.sources import reference

TABLE_ORDER = list(TABLES)
SUMMARY_COLUMNS = ["table", "rows_read", "rows_written", "rows_rejected"]


def staged_frames(raw_dir: Path, stagers: list | None = None) -> dict[str, list[pd.DataFrame]]:
    """Text rows that stagers derive from raw files not in the data-model layout.

    Each stager maps ``raw_dir`` to ``{table: frame}``; a frame holds the table's raw columns
    as text plus ``raw_row`` naming the raw file and line it came from.
    """
    out: dict[str, list[pd.DataFrame]] = {}
    for stager in STAGERS if stagers is None else stagers:
        for table, frame in stager(raw_dir).items():
            out.setdefault(table, []).append(frame)
    return out


def stage_gazetteer_units(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Every unit of every gazetteer vintage installed (see `gazetteer.load_units`).

    Their ``raw_row`` is ``gazetteer:<vintage>``; ``source_locator`` points into the package.
    """
    from ntm_analysis.places import gazetteer

    units = gazetteer.load_units()
    sources = gazetteer.load_sources()
    return {
        "sources": sources.assign(raw_row="gazetteer:" + sources["source_id"]),
        "units": units.assign(raw_row="gazetteer:" + units["admin_vintage"]),
    }


# Functions (raw_dir) -> {table: frame of raw columns + raw_row}, run before the raw files.
STAGERS: list = [stage_gazetteer_units, reference.stage]


def build(
    raw_dir: Path = paths.RAW,
    out_dir: Path | None = None,
    verbose: bool = True,
    stagers: list | None = None,
    *,
    user_dir: Path | None = None,
    wait: bool = True,
) -> dict[str, TableResult]:
    """Build every table from ``raw_dir`` (and the subfolders of ``user_dir``) into
    ``out_dir`` (default data/processed); returns the per-table results.

    ``stagers`` replaces `STAGERS` (``[]`` builds only the raw files, without the gazetteer).
    The build holds `output_lock` on ``out_dir`` throughout (``wait=False``: raise
    `OutputBusy` at once when another build holds it) and moves its files into ``out_dir``
    only when all are written.

    Raises:
        ValueError: a raw file is not UTF-8 text, or a source id is registered twice (see
            `check_source_ids`).
        OutputBusy: another build holds ``out_dir`` and ``wait`` is False.
    """
    out_dir = paths.PROCESSED if out_dir is None else out_dir
    with output_lock(out_dir, wait=wait):
        staging = out_dir / f"{STAGING_PREFIX}{os.getpid()}"
        staging.mkdir()
        try:
            results = build_tables(raw_dir, stagers, user_folders(user_dir))
            write_outputs(results, staging)
            findings = consistency.check_facts({n: r.valid for n, r in results.items()})
            write_csv(findings, staging / "consistency.csv")
            for f in sorted(staging.iterdir()):
                os.replace(f, out_dir / f.name)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    if verbose:
        print(format_summary(results))
        print(f"consistency: {len(findings)} finding(s) in consistency.csv (ntm check-facts)")
    return results


def user_folders(user_dir: Path | None) -> list[Path]:
    """The subfolders of ``user_dir`` in name order, each one source of raw-layout data;
    hidden ones (``.name``) are skipped. None or a missing folder: none."""
    if user_dir is None or not user_dir.is_dir():
        return []
    return sorted(p for p in user_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def _origins(raw_dir: Path, users: list[Path]) -> list[tuple[str, Path]]:
    """(prefix of raw_row, folder): the embedded data first, then each user folder."""
    return [("", raw_dir), *((f"user/{u.name}/", u) for u in users)]


def build_tables(
    raw_dir: Path, stagers: list | None = None, users: list[Path] | None = None
) -> dict[str, TableResult]:
    """Read, type and judge every table of ``raw_dir`` and the ``users`` folders (nothing is
    written)."""
    ctx = validate.Context()
    results: dict[str, TableResult] = {}
    staged = staged_frames(raw_dir, stagers)
    origins = _origins(raw_dir, users or [])
    for table in TABLE_ORDER:
        frames, pre = list(staged.get(table, [])), []
        for prefix, folder in origins:
            for f in raw_files(table, folder):
                rows, rej = read_raw_file(f, table, folder)
                frames.append(rows.assign(raw_row=prefix + rows["raw_row"]))
                pre.append(rej.assign(raw_row=prefix + rej["raw_row"]))
        if table == "sources":
            check_source_ids(frames)
        raw = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=[*processed_columns(table)], dtype="string")
        )
        raw = raw.reindex(
            columns=[c for c in processed_columns(table) if c not in DERIVED] + ["raw_row"]
        )
        pre_rejects = concat_frames(pre, REJECT_COLUMNS)
        result = build_table(table, raw, ctx, pre_rejects)
        if table == "sources":
            ctx.source_ids = set(result.valid["source_id"].dropna())
        results[table] = result
    return results


def check_source_ids(frames: list[pd.DataFrame]) -> None:
    """Stop when one source id is registered by two origins: the embedded data (its files
    and the stagers) and a user folder, or two user folders. Rows of one origin repeating an
    id are rejected by the rules instead (duplicate key)."""
    if not frames:
        return
    rows = pd.concat([f.reindex(columns=["source_id", "raw_row"]) for f in frames])
    rows = rows.dropna(subset=["source_id"])
    origin = rows["raw_row"].str.extract(r"^(user/[^/]+)/", expand=False).fillna("embedded")
    rows = rows.assign(origin=origin).drop_duplicates(["source_id", "origin"])
    clashes = rows[rows.duplicated("source_id", keep=False)]
    if clashes.empty:
        return
    lines = [
        f"source_id {sid!r} is registered in " + " and in ".join(group["raw_row"])
        for sid, group in clashes.groupby("source_id", sort=True)
    ]
    raise ValueError(
        "; ".join(lines) + ". A user source must have its own id: rename it in the user "
        "folder (its sources file and the source_id of its rows)"
    )


def write_outputs(results: dict[str, TableResult], out_dir: Path) -> None:
    """Write every table (Parquet + CSV), rejects, the summary and the data dictionary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, res in results.items():
        res.valid.to_parquet(out_dir / f"{name}.parquet", index=False, engine="pyarrow")
        write_csv(res.valid, out_dir / f"{name}.csv")
    all_rejects = concat_frames([r.rejects for r in results.values()], REJECT_COLUMNS)
    write_csv(all_rejects, out_dir / "rejects.csv")
    write_csv(summary_frame(results), out_dir / "build_summary.csv")
    write_csv(dictionary_frame(), out_dir / "DATA_DICTIONARY.csv")


def summary_frame(results: dict[str, TableResult]) -> pd.DataFrame:
    """Rows read / written / rejected per table."""
    return pd.DataFrame([r.counts for r in results.values()], columns=SUMMARY_COLUMNS)


def format_summary(results: dict[str, TableResult], reasons: bool = True) -> str:
    """The build summary as printed by ``ntm build`` (with the first reject reasons)."""
    df = summary_frame(results)
    lines = [f"{'table':<16}{'read':>8}{'written':>9}{'rejected':>10}"]
    for r in df.itertuples():
        lines.append(f"{r.table:<16}{r.rows_read:>8}{r.rows_written:>9}{r.rows_rejected:>10}")
    total_rej = int(df["rows_rejected"].sum())
    lines.append(
        f"{'total':<16}{df['rows_read'].sum():>8}{df['rows_written'].sum():>9}{total_rej:>10}"
    )
    if total_rej:
        lines.append(
            f"{total_rej} rejected row(s), reasons in rejects.csv" + (":" if reasons else "")
        )
        for res in results.values() if reasons else ():
            for r in res.rejects.head(20).itertuples():
                lines.append(f"  {r.raw_row}: {r.reason}")
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``build`` subcommand."""
    p = sub.add_parser(
        "build",
        help="build data/processed from data/raw and data/user (Parquet + CSV, rejects, summary)",
        description=(
            "Read every table of the data model from RAW (<table>.csv and <table>/*.csv) and "
            "from every subfolder of USER, each laid out like RAW (the user's own data, e.g. "
            "the output of `ntm ingest -o data/user/NAME`; rows keep their source ids and "
            "their raw_row reads user/NAME/<file>:<line>; a source id registered both in RAW "
            "and in a user folder, or in two user folders, is an error naming both files). "
            "Validate each row, write OUT/<table>.parquet and .csv, OUT/rejects.csv (every "
            "rejected row with its reasons), OUT/build_summary.csv, OUT/DATA_DICTIONARY.csv "
            "and OUT/consistency.csv. Prints rows read / written / rejected per table. The "
            "build is atomic: files are written to a staging folder and moved into OUT at the "
            "end, under a lock (OUT/.build.lock); a second build into the same OUT waits for "
            "the first, or with --no-wait refuses. A failed build leaves OUT as it was."
        ),
    )
    p.add_argument(
        "--raw", type=Path, default=paths.RAW, help="embedded data folder (default: %(default)s)"
    )
    user = p.add_mutually_exclusive_group()
    user.add_argument(
        "--user",
        type=Path,
        default=paths.USER,
        metavar="DIR",
        help="folder of the user's data, one raw-layout folder per subfolder "
        "(default: %(default)s; a missing folder is no data)",
    )
    user.add_argument(
        "--no-user", action="store_true", help="build the embedded data only, without USER"
    )
    p.add_argument(
        "--out", type=Path, default=paths.PROCESSED, help="output folder (default: %(default)s)"
    )
    p.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any row is rejected"
    )
    p.add_argument(
        "--no-wait",
        action="store_true",
        help="refuse (exit 1) instead of waiting when another build is writing OUT",
    )
    p.set_defaults(func=_cli)


def _cli(args: argparse.Namespace) -> int:
    users = None if args.no_user else args.user
    if users is not None:
        folders = user_folders(users)
        named = ", ".join(f.name for f in folders) if folders else "none"
        print(f"user data from {users}: {named}")
    try:
        results = build(args.raw, args.out, user_dir=users, wait=not args.no_wait)
    except (ValueError, OutputBusy) as err:
        print(f"ntm build: error: {err}", file=sys.stderr)
        return 1
    rejected = sum(len(r.rejects) for r in results.values())
    return 1 if (args.strict and rejected) else 0
