"""Citations a reader can find, built from the `sources` table (issuer, number, date; a web
page by its title or address). Charts, tables, maps and reports cite through here.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def cite(source_ids: Iterable[str], sources: pd.DataFrame) -> list[str]:
    """Short citations (issuer, number, date) for source ids, from the `sources` table.

    Unknown ids raise KeyError: a chart may only cite registered sources.
    """
    reg = sources.set_index("source_id")
    out = []
    for sid in dict.fromkeys(source_ids):
        if sid not in reg.index:
            raise KeyError(f"source {sid!r} is not in the sources table")
        r = reg.loc[sid]
        if r["kind"] == "document":
            bits = [r["issuer"], r["document_no"], r["issued_date"]]
            out.append(" ".join(str(b) for b in bits if isinstance(b, str) and b))
        else:
            out.append(str(r["title"]) if not isinstance(r["url"], str) else str(r["url"]))
    return out
