"""Writing an ingest result: data-model tables in the raw layout, rejects and row accounting."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ntm_analysis.model import csv_files
from ntm_analysis.model.csv_files import safe_frame
from ntm_analysis.sources.sheets.results import IngestResult


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 (with BOM) CSV of ``df``, quoting only where needed; fast for large tables."""
    import pyarrow as pa  # only when writing: `ntm check` does not load it
    import pyarrow.csv as pacsv

    df = safe_frame(df)
    arrays = []
    for c in df.columns:
        col = df[c]
        try:
            arrays.append(pa.array(col, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays.append(pa.array(col.astype("string"), from_pandas=True))
    head = io.StringIO()
    csv.writer(head, lineterminator="\n").writerow(list(df.columns))
    with path.open("wb") as fh:
        fh.write(("\ufeff" + head.getvalue()).encode("utf-8"))
        table = pa.Table.from_arrays(arrays, names=[str(c) for c in df.columns])
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=False, quoting_style="needed"))


def _replace_rows(path: Path, new: pd.DataFrame, sids: set[str]) -> pd.DataFrame:
    """The rows of an earlier ``path`` from other sources, followed by ``new``."""
    if not path.is_file():
        return new
    old = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if "source_id" not in old.columns:
        return new
    old = old[~old["source_id"].isin(sids)].map(csv_files.unescape_cell)
    if old.empty:
        return new
    return pd.concat([old, new.astype(object)], ignore_index=True)


def write_result(result: IngestResult, out_dir: str | Path) -> dict[str, Path]:
    """Write the tables in the raw layout (``<table>/<source_id>.csv``) plus rejects and summary.

    The output folder can be given to ``ntm build`` as a raw folder, or merged into data/raw.
    A file ingested again into the same folder replaces its earlier outputs: its
    ``<table>/<source_id>.csv`` files are removed before writing, and its rows in
    ``rejects.csv`` and ``ingest_summary.csv`` are replaced (other files' rows are kept).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sids = set(result.source_ids.values())
    for sid in sids:
        for old in out.glob(f"*/{sid}.csv"):
            old.unlink()
    written: dict[str, Path] = {}
    frames = {"sources": result.sources, **result.tables}
    for table, df in frames.items():
        if df is None or df.empty:
            continue
        for sid, part in df.groupby("source_id", sort=True):
            path = out / table / f"{sid}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            write_csv(part, path)
            written[f"{table}/{sid}"] = path
    rej = out / "rejects.csv"
    rejects = result.rejects.assign(source_id=result.rejects["file"].map(result.source_ids))
    csv_files.write_csv(_replace_rows(rej, rejects, sids), rej)
    written["rejects"] = rej
    summ = out / "ingest_summary.csv"
    summary = pd.DataFrame([s.__dict__ for s in result.sheets])
    if not summary.empty:
        summary["source_id"] = summary["file"].map(result.source_ids)
    csv_files.write_csv(_replace_rows(summ, summary, sids), summ)
    written["summary"] = summ
    return written
