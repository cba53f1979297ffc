"""Readers of the processed tables (``data/processed/<table>.parquet``) for notebooks and tools.

Only reads what `build` wrote; it never rebuilds. `coverage` summarises what data exists.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.model import citations
from ntm_analysis.model.dictionary import TABLES


def _folder(processed: str | Path | None) -> Path:
    return paths.PROCESSED if processed in (None, "") else Path(processed)


def load_table(name: str, processed: str | Path | None = None) -> pd.DataFrame:
    """One processed table (from ``processed``, default data/processed); a clear error if it is
    unknown or not built yet."""
    processed = _folder(processed)
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}; tables: {', '.join(TABLES)}")
    path = processed / f"{name}.parquet"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `ntm build` (or `make data`) first")
    return pd.read_parquet(path)


def load_tables(processed: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every processed table by name (from ``processed``, default data/processed).

    Its `sources` table becomes the one charts and tables cite through
    (`citations.use_sources`).
    """
    frames = {name: load_table(name, processed) for name in TABLES}
    citations.use_sources(frames["sources"])
    return frames


def build_summary(processed: str | Path | None = None) -> pd.DataFrame:
    """Rows read / written / rejected per table from the last build."""
    return pd.read_csv(_folder(processed) / "build_summary.csv", encoding="utf-8-sig")


def load_rejects(processed: str | Path | None = None) -> pd.DataFrame:
    """Raw rows the last build rejected, with the reason (``raw_row``, ``reason``, …)."""
    return pd.read_csv(_folder(processed) / "rejects.csv", encoding="utf-8-sig")


def _province_of(df: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    if "province_name" in df:
        return df["province_name"]
    prov = df["source_id"].map(sources.set_index("source_id")["province"])
    if "area_level" in df:
        own = df["area_name"].where(df["area_level"] == "province")
        prov = own.fillna(prov)
    return prov


def coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows per table × province × level × year for the data tables (long format).

    The province is the row's own province where the row names one, else the province of its
    source document. Rows without a year count under a missing year; ``vintage`` is the
    row's ``admin_vintage`` (readers name a legacy province merged in 2025 "(cũ)":
    `analysis.areas.row_label`).
    """
    sources = tables["sources"]
    parts = []
    for name in ("facts", "commune_status", "criteria_status", "funding", "targets"):
        df = tables[name]
        if df.empty:
            continue
        year = df["year"] if "year" in df else df["year_start"]
        level = df["area_level"] if "area_level" in df else pd.Series("commune", index=df.index)
        parts.append(
            pd.DataFrame(
                {
                    "table": name,
                    "province": _province_of(df, sources).fillna("(not stated)"),
                    "level": level,
                    "year": year.astype("Int64"),
                    "vintage": df["admin_vintage"] if "admin_vintage" in df else pd.NA,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["table", "province", "level", "year", "vintage", "rows"])
    long = pd.concat(parts, ignore_index=True)
    return (
        long.groupby(["table", "province", "level", "year", "vintage"], dropna=False)
        .size()
        .rename("rows")
        .reset_index()
    )
