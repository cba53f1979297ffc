"""The place of each data row: communes matched to the gazetteer, provinces and districts coded.

A commune row is matched by name within its province (and district, for the legacy vintage)
taken from its own columns or from what the sheet states; an area-level row is coded from its
district or province name. A blank, unknown or ambiguous name rejects the row with the
candidates the gazetteer offers; a name is never assigned to another unit.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from rapidfuzz import process

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import match_units
from ntm_analysis.sources.sheets.cells import strip_area_prefix, strip_commune_prefix
from ntm_analysis.sources.sheets.sheet import Sheet


def _type_prefix(level: str) -> str:
    """Regex of a gazetteer name's leading unit type at ``level`` ("Tỉnh ", "Thành phố ")."""
    names = "|".join(map(re.escape, vocabulary.unit_type_names(level)))
    return rf"^(?:{names})\s+"


_PROVINCE_PREFIX = _type_prefix("province")
_DISTRICT_PREFIX = _type_prefix("district")


def _candidates_text(cands: str) -> str:
    out = []
    for part in (cands or "").split("|"):
        code, _, name = part.partition(":")
        if name:
            out.append(f"{name} ({code})")
    return ", ".join(out)


class Communes:
    """Commune matching with a cache shared by every sheet of a run."""

    def __init__(self, vintage: str):
        self.vintage = vintage
        self.cache: dict[tuple[str, str, str], tuple] = {}
        self._names: dict[str, tuple[str, str, str]] | None = None

    def match(self, prov: pd.Series, dist: pd.Series, comm: pd.Series) -> pd.DataFrame:
        """Code, short name, match status, candidates, province, district and name per row."""
        keys = list(zip(prov, dist, comm, strict=True))
        todo = sorted({k for k in keys if k not in self.cache})
        if todo:
            df = pd.DataFrame(todo, columns=["province", "district", "commune"])
            out = match_units(df, vintage=self.vintage)
            names = self.names()
            for k, row in zip(todo, out.itertuples(index=False), strict=True):
                short, dist_name, prov_name = names.get(row.ward_code, (None, k[1], k[0]))
                self.cache[k] = (
                    row.ward_code,
                    short or strip_commune_prefix(k[2]),
                    row.match_status,
                    row.match_candidates,
                    prov_name,
                    dist_name,
                    row.matched_name,
                )
        vals = [self.cache[k] for k in keys]
        return pd.DataFrame(
            vals,
            index=prov.index,
            columns=["code", "short", "status", "cands", "province", "district", "name"],
        )

    def names(self) -> dict[str, tuple[str, str, str]]:
        """Commune code -> (short name, district short name, province short name)."""
        if self._names is None:
            u = gazetteer.load_units(self.vintage)
            c = u[u["level"] == "commune"]
            prov = c["province_name"].fillna("").str.replace(_PROVINCE_PREFIX, "", regex=True)
            dist = c["district_name"].fillna("").str.replace(_DISTRICT_PREFIX, "", regex=True)
            self._names = dict(
                zip(
                    c["unit_code"],
                    zip(c["unit_name_short"], dist, prov, strict=True),
                    strict=True,
                )
            )
        return self._names


def area_columns(sh: Sheet) -> tuple[pd.Series, pd.Series]:
    """Province and district text of every data row, from columns or the title block."""
    n = len(sh.data)
    prov = sh.text("province")
    dist = sh.text("district")
    p_stated = sh.stated("province")
    d_stated = sh.stated("district")
    if prov is None:
        prov = pd.Series([str(p_stated or "")] * n, index=sh.data.index, dtype=object)
    elif p_stated:
        prov = prov.where(prov != "", str(p_stated))
    if dist is None:
        dist = pd.Series([str(d_stated or "")] * n, index=sh.data.index, dtype=object)
    elif d_stated:
        dist = dist.where(dist != "", str(d_stated))
    return prov, dist


def _reject_unmatched(sh: Sheet, comm: pd.Series, provs, dists, m: pd.DataFrame, bad) -> None:
    c_col = sh.col_of.get("commune")
    p_col = sh.col_of.get("province", c_col)
    names, status, cands = comm.to_numpy(), m["status"].to_numpy(), m["cands"].to_numpy()
    for i in np.flatnonzero(bad):
        r, name, p = comm.index[i], names[i], provs[i]
        if not name:
            sh.reject(r, c_col, "commune name is blank")
        elif not p:
            sh.reject(
                r, p_col, "province not stated: add a 'Tỉnh' column or 'Tỉnh: …' above the header"
            )
        elif status[i] == "ambiguous":
            sh.reject(
                r,
                c_col,
                f"ambiguous commune {name!r} in {p}: {_candidates_text(cands[i])}; "
                "add the district or the commune code",
            )
        else:
            where = p + (f" / {dists[i]}" if dists[i] else "")
            hint = f"; did you mean {_candidates_text(cands[i])}?" if cands[i] else ""
            sh.reject(r, c_col, f"unknown commune {name!r} in {where}{hint}")


def commune_rows(sh: Sheet, communes: Communes) -> pd.DataFrame | None:
    """Match the commune column; rows with unknown/ambiguous names are rejected with hints."""
    comm = sh.text("commune")
    c_col = sh.col_of.get("commune")
    if comm is None:
        return None
    prov, dist = area_columns(sh)
    if sh.opts.vintage == "2025":
        dist = pd.Series([""] * len(dist), index=dist.index, dtype=object)
    m = communes.match(prov, dist, comm)
    names, provs, dists = comm.to_numpy(), prov.to_numpy(), dist.to_numpy()
    status, codes = m["status"].to_numpy(), m["code"].to_numpy()
    bad = (names == "") | (provs == "") | (status == "ambiguous") | (status == "unmatched")
    _reject_unmatched(sh, comm, provs, dists, m, bad)
    given = sh.text("unit_code")
    if given is not None:
        g = given.to_numpy()
        wrong = (g != "") & ~bad & (g != np.where(pd.isna(codes), "", codes).astype(str))
        for i in np.flatnonzero(wrong):
            sh.reject(
                comm.index[i],
                sh.col_of["unit_code"],
                f"commune code {g[i]!r} does not match {names[i]!r} "
                f"(the gazetteer has {m['name'].iat[i]} = {codes[i]})",
            )
    out = pd.DataFrame(
        {
            "commune_name": m["short"].to_numpy(),
            "district_name": m["district"].to_numpy(),
            "province_name": m["province"].to_numpy(),
            "unit_code": codes,
            "note": np.where(
                status == "fuzzy", [f"name written {n!r} in the sheet" for n in names], None
            ),
        },
        index=comm.index,
    )
    missing = pd.isna(codes)
    key = codes.astype(object).copy()
    key[missing] = ["name:" + fold(n) if n else "" for n in names[missing]]
    sh.reject_duplicates(pd.Series(key, index=comm.index), c_col, "commune", comm)
    return out


_AREA_INDEX: dict[str, pd.DataFrame] = {}


def _area_units(vintage: str) -> pd.DataFrame:
    if vintage not in _AREA_INDEX:
        u = gazetteer.load_units(vintage)
        u = u[u["level"].isin(["province", "district"])].copy()
        u["key"] = u["unit_name_short"].map(fold)
        u["pkey"] = u["province_name"].map(lambda s: fold(re.sub(_PROVINCE_PREFIX, "", s)))
        _AREA_INDEX[vintage] = u
    return _AREA_INDEX[vintage]


def _area_code(sh: Sheet, r: int, c: int | None, name: str, level: str, province: str) -> str:
    """Gazetteer code of a province or district name; unknown names are rejected with hints."""
    units = _area_units(sh.opts.vintage)
    key = fold(strip_area_prefix(name))
    pool = units[units["level"] == level]
    if level == "district" and province:
        pool = pool[pool["pkey"] == fold(strip_area_prefix(province))]
    hit = pool[pool["key"] == key]
    if len(hit) == 1:
        return str(hit["unit_code"].iloc[0])
    if len(hit) > 1:
        shown = ", ".join(f"{n} ({cd})" for n, cd in zip(hit["unit_name"], hit["unit_code"]))
        sh.reject(r, c, f"ambiguous {level} {name!r}: {shown}; add the province")
        return ""
    best = process.extract(key, pool["key"].tolist(), limit=3, score_cutoff=60)
    hint = ""
    if best:
        names = [pool["unit_name"].iloc[i] for _, _, i in best]
        hint = f"; did you mean {', '.join(names)}?"
    sh.reject(r, c, f"unknown {level} {name!r}{hint}")
    return ""


def area_of_rows(sh: Sheet, communes: Communes) -> pd.DataFrame | None:
    """area_name / area_level / area_code of each row of an area-level sheet."""
    if "commune" in sh.col_of:
        units = commune_rows(sh, communes)
        if units is None:
            return None
        return pd.DataFrame(
            {
                "area_name": units["commune_name"],
                "area_level": "commune",
                "area_code": units["unit_code"],
                "_parent": units["province_name"],
            }
        )
    prov, dist = area_columns(sh)
    rows = []
    d_col = sh.col_of.get("district")
    p_col = sh.col_of.get("province")
    for r in sh.data.index:
        p, d = prov[r], dist[r]
        if d_col is not None and dist[r]:
            code = _area_code(sh, r, d_col, d, "district", p)
            rows.append((r, strip_area_prefix(d), "district", code, p))
        elif p:
            code = _area_code(sh, r, p_col, p, "province", "")
            rows.append((r, strip_area_prefix(p), "province", code, ""))
        else:
            sh.reject(r, d_col if d_col is not None else p_col, "area name is blank")
            rows.append((r, "", "", "", ""))
    out = pd.DataFrame(rows, columns=["_r", "area_name", "area_level", "area_code", "_parent"])
    return out.set_index("_r")
