"""The place of each data row: communes matched to the gazetteer, provinces and districts coded.

A commune row is matched by name within its province (and district, for the legacy vintage)
taken from its own columns, from the district heading above it, or from what the sheet
states. A name is never assigned to another unit:

* a name that is not a place (blank, or text a spreadsheet would run as a formula, "=…") is
  rejected;
* a name the vintage lacks is looked up in the earlier vintage (`EARLIER`): a commune merged
  away before the vintage is recorded under its own earlier code, with a notice and the
  successor its row's note names ("Đã sáp nhập vào TT Nghèn"); a name found in neither is
  rejected with the note's hint;
* a fuzzy match to a commune whose own name is on another row of the sheet is refused;
* unknown and ambiguous names are rejected with the candidates the gazetteer offers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import process

from ntm_analysis.lexicon import vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model.csv_files import is_formula_like
from ntm_analysis.places import gazetteer
from ntm_analysis.places.matching import match_units
from ntm_analysis.places.name_forms import casefold_key
from ntm_analysis.sources.sheets.cells import strip_area_prefix, strip_commune_prefix
from ntm_analysis.sources.sheets.messages import Both, Msg, msg, vintage_label
from ntm_analysis.sources.sheets.sheet import Sheet

# A row number written before a name in its cell ("3. Xã Liên Minh", "12) Hoằng Đạt").
_NUMBERED_NAME = r"^\d{1,4}\s*[.)]\s+(?=\D)"
# The vintage a name missing from a vintage is looked up in.
EARLIER = {"legacy": "pre2023", "2025": "legacy"}
_MERGED_NOTE = re.compile(
    r"\b(sap nhap|nhap vao|hop nhat|merged)\b(?:\s+(?:vao|voi|into|with))?\s*(?P<into>.*)$"
)
_COLUMNS = ["code", "short", "status", "cands", "province", "district", "name", "type", "vintage"]


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
        self.cache: dict[tuple[str, str, str, str], tuple] = {}
        self._names: dict[str, dict[str, tuple[str, str, str, str]]] = {}

    def match(
        self, prov: pd.Series, dist: pd.Series, comm: pd.Series, vintage: str | None = None
    ) -> pd.DataFrame:
        """Code, short name, status, candidates, province, district, name, unit type and
        vintage per row, matched in ``vintage`` (default: the run's)."""
        vintage = vintage or self.vintage
        keys = [
            (vintage, *k) for k in zip(prov.tolist(), dist.tolist(), comm.tolist(), strict=True)
        ]
        todo = sorted({k for k in keys if k not in self.cache})
        if todo:
            df = pd.DataFrame([k[1:] for k in todo], columns=["province", "district", "commune"])
            out = match_units(df, vintage=vintage)
            names = self.names(vintage)
            for k, row in zip(todo, out.itertuples(index=False), strict=True):
                short, dist_name, prov_name, utype = names.get(
                    row.ward_code, (None, k[2], k[1], "")
                )
                self.cache[k] = (
                    row.ward_code,
                    short or strip_commune_prefix(k[3]),
                    row.match_status,
                    row.match_candidates,
                    prov_name,
                    dist_name,
                    row.matched_name,
                    utype,
                    vintage,
                )
        vals = [self.cache[k] for k in keys]
        return pd.DataFrame(vals, index=prov.index, columns=_COLUMNS)

    def names(self, vintage: str | None = None) -> dict[str, tuple[str, str, str, str]]:
        """Commune code -> (short name, district short name, province short name, type)."""
        vintage = vintage or self.vintage
        if vintage not in self._names:
            u = gazetteer.load_units(vintage)
            c = u[u["level"] == "commune"]
            prov = c["province_name"].fillna("").str.replace(_PROVINCE_PREFIX, "", regex=True)
            dist = c["district_name"].fillna("").str.replace(_DISTRICT_PREFIX, "", regex=True)
            short, utype = c["unit_name_short"].tolist(), c["unit_type"].fillna("").tolist()
            self._names[vintage] = dict(
                zip(
                    c["unit_code"].tolist(),
                    zip(short, dist.tolist(), prov.tolist(), utype, strict=True),
                    strict=True,
                )
            )
        return self._names[vintage]


def area_columns(sh: Sheet) -> tuple[pd.Series, pd.Series]:
    """Province and district text of every data row, from columns, the district heading
    above the row, or the title block."""
    n = len(sh.data)
    prov = sh.text("province")
    dist = sh.text("district")
    p_stated = sh.stated("province")
    d_stated = sh.stated("district")
    if prov is None:
        prov = pd.Series([str(p_stated or "")] * n, index=sh.data.index, dtype=object)
    elif p_stated:
        prov = prov.where(prov != "", str(p_stated))
    heading = sh.heading_district()
    if dist is None:
        dist = heading.where(heading != "", str(d_stated or ""))
    else:
        dist = dist.where(dist != "", heading.where(heading != "", str(d_stated or "")))
    return prov, dist


def _where(province: str, district: str) -> str:
    return province + (f" / {district}" if district else "")


def _merged_into(note: str) -> str | None:
    """What a row's note says the commune was merged into ("" when it says merged only)."""
    if not note:
        return None
    m = _MERGED_NOTE.search(fold(note))
    if not m:
        return None
    words = note.split()
    tail = len(m.group("into").split())
    return " ".join(words[len(words) - tail :]).strip(" .;") if tail else ""


def _elsewhere(communes: Communes, comm: pd.Series, prov: pd.Series, m: pd.DataFrame) -> dict:
    """Where in its province a name not found in its district is ("Quang Vĩnh" under Can
    Lộc is a commune of Đức Thọ): row → district, for names matched exactly once there."""
    rows = comm.index[(m["status"] == "unmatched").to_numpy() & (m["district"] != "").to_numpy()]
    rows = [r for r in rows if comm[r] and prov[r]]
    if not rows:
        return {}
    blank = pd.Series([""] * len(rows), index=rows, dtype=object)
    found = communes.match(prov.loc[rows], blank, comm.loc[rows])
    return {r: d for r, st, d in zip(rows, found["status"], found["district"]) if st == "exact"}


def _ambiguous_key(district: str, cands: str, written: str) -> str:
    """The hint for a name several units share: the district when none is known; the unit
    type when the candidates differ in it; else the exact spelling or the code (Xã Hoằng
    Trung and Xã Hoằng Trường are both xã), or the code alone when the name is already
    written as one of them ("Ia Bang" beside Ia Băng)."""
    if not district:
        return "ambiguous_commune"
    names = [p.partition(":")[2] for p in (cands or "").split("|") if ":" in p]
    types = {fold(n[: len(n) - len(strip_commune_prefix(n))].strip()) for n in names}
    if len(types) > 1:
        return "ambiguous_commune_in_district"
    mine = casefold_key(strip_commune_prefix(written))
    if any(casefold_key(strip_commune_prefix(n)) == mine for n in names):
        return "ambiguous_commune_code"
    return "ambiguous_commune_spelling"


def _reject_unmatched(
    sh: Sheet, comm: pd.Series, provs, dists, m: pd.DataFrame, bad, elsewhere: dict
) -> None:
    c_col = sh.col_of.get("commune")
    p_col = sh.col_of.get("province", c_col)
    names, status, cands = comm.to_numpy(), m["status"].to_numpy(), m["cands"].to_numpy()
    for i in np.flatnonzero(bad):
        r, name, p = comm.index[i], names[i], provs[i]
        if not name:
            sh.reject(r, c_col, msg("commune_blank"))
        elif is_formula_like(name):
            sh.reject(r, c_col, msg("not_a_name", name=name, start=name[:1]))
        elif not p:
            sh.reject(r, p_col, msg("province_missing"))
        elif status[i] == "ambiguous":
            sh.reject(
                r,
                c_col,
                msg(
                    _ambiguous_key(dists[i], cands[i], name),
                    name=name,
                    province=_where(p, dists[i]),
                    candidates=_candidates_text(cands[i]),
                ),
            )
        else:
            hint: object = ""
            if _merged_into(sh.note(r)) is not None:
                hint = msg("note_merged", note=sh.note(r))
            elif r in elsewhere:
                hint = msg("commune_in_district", district=elsewhere[r])
            elif cands[i]:
                hint = msg("did_you_mean", candidates=_candidates_text(cands[i]))
            sh.reject(
                r, c_col, msg("unknown_commune", name=name, where=_where(p, dists[i]), hint=hint)
            )


@lru_cache(maxsize=4)
def _district_keys(vintage: str) -> dict[str, set[str]]:
    """Folded district names of each folded province name."""
    u = gazetteer.load_units(vintage)
    d = u[u["level"] == "district"]
    out: dict[str, set[str]] = {}
    for p, n in zip(d["province_name"].fillna(""), d["unit_name_short"].fillna(""), strict=True):
        out.setdefault(fold(strip_area_prefix(p)), set()).add(fold(n))
    return out


def _unknown_headings(sh: Sheet, prov: pd.Series, dist: pd.Series, vintage: str) -> np.ndarray:
    """A district heading naming no district of the province ("II. HUYỆN ABC") is an error
    at the heading, and the rows under it are rejected: they are never placed by guess in
    whatever district of the province has a commune of that name."""
    bad = np.zeros(len(dist), dtype=bool)
    if vintage == "2025" or not _available(vintage):
        return bad
    known = _district_keys(vintage)
    marks = sorted(sh.headings)
    for i, h_row in enumerate(marks):
        name = sh.headings[h_row].district
        end = marks[i + 1] if i + 1 < len(marks) else None
        under = (dist.index > h_row) & (dist.index < (end if end is not None else 1 << 40))
        under &= (dist == name).to_numpy()
        p = next((prov[r] for r in dist.index[under] if prov[r]), "")
        districts = known.get(fold(strip_area_prefix(p)))
        if not name or not districts or fold(strip_area_prefix(name)) in districts:
            continue
        c = sh.col_of.get("commune")
        sh.problem(h_row, c, msg("unknown_district_heading", district=name, province=p))
        for r in dist.index[under]:
            sh.reject(r, c, msg("under_unknown_district", district=name), report=False)
        bad |= under
    return bad


@lru_cache(maxsize=4)
def _available(vintage: str) -> bool:
    try:
        gazetteer.load_units(vintage)
    except gazetteer.GazetteerUnavailable:
        return False
    return True


def _earlier_fits(status: str, e_status: str, written: str, e_short: str) -> bool:
    """Whether the earlier vintage's match of a name stands in for the vintage's own: an
    exact match always (a fuzzy one to a look-alike never beats the name's own unit); a
    fuzzy one only where the vintage has none and the name differs from the unit in
    diacritics, case or type prefix alone ("Thi tran Yen Thanh")."""
    if e_status == "exact":
        return True
    return (
        e_status == "fuzzy"
        and status in ("ambiguous", "unmatched")
        and fold(strip_commune_prefix(written)) == fold(e_short)
    )


def _earlier(
    communes: Communes, prov, dist, comm, m: pd.DataFrame
) -> tuple[pd.DataFrame, dict[int, tuple[str, str]]]:
    """Rows the vintage lacks, looked up in the earlier vintage. A unit the vintage has
    under the same code and name takes its current record; any other keeps its earlier code
    (status ``merged``): merged away, or its code now names another unit (the successor
    that kept the code, or the unit renamed), which is never assigned silently. Returns the
    records and, per merged row, its code and what the vintage now calls that code."""
    earlier = EARLIER.get(communes.vintage)
    todo = (m["status"] != "exact") & (comm != "")
    # the earlier list is loaded only when a name needs it
    if earlier is None or not todo.any() or not _available(earlier):
        return m, {}
    idx = comm.index[todo]
    e = communes.match(prov[idx], dist[idx], comm[idx], vintage=earlier)
    current = communes.names()
    m = m.copy()
    merged: dict[int, tuple[str, str]] = {}
    for r in idx:
        if not _earlier_fits(m.at[r, "status"], e.at[r, "status"], comm[r], e.at[r, "short"]):
            continue
        code = e.at[r, "code"]
        now = current.get(code)
        if now is not None and fold(now[0]) == fold(e.at[r, "short"]):
            short, d, p, utype = now
            m.loc[r, _COLUMNS[:7]] = [code, short, e.at[r, "status"], "", p, d, e.at[r, "name"]]
            m.loc[r, _COLUMNS[7:]] = [utype, communes.vintage]
            continue
        m.loc[r, _COLUMNS] = e.loc[r, _COLUMNS].to_list()
        m.at[r, "status"] = "merged"
        merged[r] = (code, "" if now is None else " ".join(x for x in (now[3], now[0]) if x))
    return m, merged


def _merged_notices(
    sh: Sheet, communes: Communes, prov, dist, comm, merged: dict[int, tuple[str, str]]
) -> None:
    """A notice on each row recorded under its earlier code, naming the successor the row's
    note gives and the unit the vintage now gives that code."""
    earlier = EARLIER[communes.vintage]
    for r, (code, now) in merged.items():
        if r in sh.row_reasons:
            continue
        into = _merged_into(sh.note(r))
        if into:
            into = _successor(communes, prov[r], dist[r], into)
        parts = [msg("merged_into", successor=into) if into else ""]
        if now:
            parts.append(msg("code_now", vintage=vintage_label(communes.vintage), now=now))
        sh.problem(
            r,
            sh.col_of.get("commune"),
            msg(
                "merged_recorded",
                name=comm[r],
                vintage=vintage_label(communes.vintage),
                code=code,
                earlier=vintage_label(earlier),
                successor=parts[0],
                now=parts[1] if now else "",
            ),
        )


def _successor(communes: Communes, prov: str, dist: str, written: str) -> str:
    """The unit a note names as successor, with its code when the gazetteer knows it."""
    one = pd.Series([written])
    m = communes.match(pd.Series([prov]), pd.Series([dist]), one)
    if m.at[0, "status"] == "exact":
        return f"{m.at[0, 'name']} ({m.at[0, 'code']})"
    return written


def _refuse_taken(sh: Sheet, comm: pd.Series, m: pd.DataFrame, provs, dists) -> np.ndarray:
    """Fuzzy matches to a commune whose own name is on another row: refused (True)."""
    status, codes = m["status"].to_numpy(), m["code"].to_numpy()
    exact_rows: dict[str, int] = {}
    for r, s, code in zip(comm.index, status, codes, strict=True):
        if s == "exact" and code not in exact_rows:
            exact_rows[code] = r
    refused = np.zeros(len(comm), dtype=bool)
    for i in np.flatnonzero(status == "fuzzy"):
        r, code = comm.index[i], codes[i]
        if code in exact_rows and exact_rows[code] != r:
            refused[i] = True
            sh.reject(
                r,
                sh.col_of.get("commune"),
                msg(
                    "name_elsewhere",
                    name=comm.iat[i],
                    where=_where(provs[i], dists[i]),
                    near=m["name"].iat[i],
                    row=exact_rows[code] + 1,
                ),
            )
    return refused


def _programme_only(
    sh: Sheet, comm: pd.Series, m: pd.DataFrame, bad: np.ndarray, reject: bool
) -> dict[int, Msg]:
    """Wards and towns (phường, thị trấn) are not communes of the programme: rejected where
    the table is the programme's (``reject``), else kept at their level; returns the notice
    of each row kept."""
    commune_type = vocabulary.unit_type_names("commune")[0]
    types = m["type"].to_numpy()
    other = ~bad & (types != "") & (types != commune_type) & pd.notna(m["code"]).to_numpy()
    kept: dict[int, Msg] = {}
    for i in np.flatnonzero(other):
        r = comm.index[i]
        args = {"name": comm.iat[i], "unit_type": types[i].lower()}
        if reject:
            bad[i] = True
            sh.reject(r, sh.col_of.get("commune"), msg("not_in_programme", **args))
        else:
            kept[r] = msg("town_recorded", **args)
    return kept


def commune_rows(
    sh: Sheet, communes: Communes, key_extra: pd.Series | None = None, programme: bool = False
) -> pd.DataFrame | None:
    """Match the commune column; rows with unknown/ambiguous names are rejected with hints.

    ``key_extra`` (e.g. the year) is part of what makes two rows duplicates; ``programme``
    rejects units that are not communes of the programme (wards, towns).
    """
    comm = sh.text("commune")
    c_col = sh.col_of.get("commune")
    if comm is None:
        return None
    comm = comm.str.replace(_NUMBERED_NAME, "", regex=True)  # "3. Xã Liên Minh"
    prov, dist = area_columns(sh)
    if sh.opts.vintage == "2025":
        dist = pd.Series([""] * len(dist), index=dist.index, dtype=object)
    formula = comm.map(is_formula_like).to_numpy(dtype=bool)
    m = communes.match(prov, dist, comm.where(~formula, ""))
    m, merged = _earlier(communes, prov, dist, comm.where(~formula, ""), m)
    # a row whose note says its commune was merged is never matched to a look-alike
    said_merged = [_merged_into(sh.note(r)) is not None for r in comm.index]
    m.loc[(m["status"] == "fuzzy").to_numpy() & np.array(said_merged, dtype=bool), "status"] = (
        "unmatched"
    )
    settled = _settle_ambiguous(sh, communes, comm, m, programme)
    names, provs, dists = comm.to_numpy(), prov.to_numpy(), dist.to_numpy()
    status, codes = m["status"].to_numpy(), m["code"].to_numpy()
    bad = (names == "") | formula | (provs == "") | np.isin(status, ["ambiguous", "unmatched"])
    heads = _unknown_headings(sh, prov, dist, communes.vintage)
    _reject_unmatched(sh, comm, provs, dists, m, bad & ~heads, _elsewhere(communes, comm, prov, m))
    bad |= heads
    bad |= _refuse_taken(sh, comm, m, provs, dists)
    towns = _programme_only(sh, comm, m, bad, reject=programme)
    _check_codes(sh, comm, m, bad)
    notes = _record_notes(sh, comm, m, merged, communes.vintage)
    out = pd.DataFrame(
        {
            "commune_name": m["short"].to_numpy(),
            "district_name": m["district"].to_numpy(),
            "province_name": m["province"].to_numpy(),
            "unit_code": codes,
            "admin_vintage": m["vintage"].to_numpy(),
            "note": notes,
        },
        index=comm.index,
    )
    missing = pd.isna(codes)
    # a code is a unit only with its vintage: Diễn Hải (17419, pre2023) is not Hùng Hải
    key = pd.Series(
        [
            ("name:" + fold(n) if n else "") if miss else f"{code}@{v}"
            for n, code, v, miss in zip(
                list(names), list(codes), m["vintage"].tolist(), missing.tolist(), strict=True
            )
        ],
        index=comm.index,
        dtype=object,
    )
    if key_extra is not None:
        key = key.where(key == "", key + "|" + key_extra.astype(str))
    sh.reject_duplicates(key, c_col, Both("commune", "xã"), comm)
    _merged_notices(sh, communes, prov, dist, comm, merged)
    for r, notice in (towns | settled | _read_as(comm, m, bad)).items():
        if r not in sh.row_reasons:
            sh.problem(r, c_col, notice)
    return out


def _settle_ambiguous(
    sh: Sheet, communes: Communes, comm: pd.Series, m: pd.DataFrame, programme: bool
) -> dict[int, Msg]:
    """Names that fit several units of the same area, settled where the sheet itself says
    which: the row's commune code is one of them, or (in a programme table) only one of them
    is a xã — "Yên Viên" beside Thị trấn Yên Viên. Changes ``m`` in place; returns the
    notice of each row settled by type (one settled by its code needs none)."""
    given = sh.text("unit_code")
    commune_type = vocabulary.unit_type_names("commune")[0]
    notices: dict[int, Msg] = {}
    for i in np.flatnonzero((m["status"] == "ambiguous").to_numpy()):
        vintage = m["vintage"].iat[i]
        names = communes.names(vintage)
        cands = [c.split(":", 1)[0] for c in str(m["cands"].iat[i] or "").split("|") if c]
        known = [c for c in cands if c in names]
        code = given.iat[i] if given is not None else ""
        if code not in known:
            xa = [c for c in known if names[c][3] == commune_type]
            if not (programme and len(xa) == 1 and len(known) > 1):
                continue
            code = xa[0]
            others = [f"{names[c][3]} {names[c][0]}" for c in known if c != code]
            notices[comm.index[i]] = msg(
                "settled_by_type", name=comm.iat[i], others=", ".join(others), code=code
            )
        short, dist_name, prov_name, utype = names[code]
        m.iloc[i, [m.columns.get_loc(c) for c in _COLUMNS[:8]]] = [
            code,
            short,
            "exact",
            "",
            prov_name,
            dist_name,
            f"{utype} {short}",
            utype,
        ]
    return notices


def _read_as(comm: pd.Series, m: pd.DataFrame, bad: np.ndarray) -> dict[int, Msg]:
    """A notice for each name read as a unit written otherwise ("Tùng Ãnh" read as Xã Tùng
    Ảnh): a fuzzy match is said, never made silently."""
    out: dict[int, Msg] = {}
    rows = zip(
        comm.index,
        comm.tolist(),
        m["status"].tolist(),
        m["name"].tolist(),
        m["code"].tolist(),
        bad.tolist(),
        strict=True,
    )
    for r, written, status, name, code, is_bad in rows:
        if status != "fuzzy" or is_bad or not name:
            continue
        mine, theirs = strip_commune_prefix(written), strip_commune_prefix(str(name))
        # a name typed without any diacritics ("Long Dong") is that unit's name, not a typo
        if mine.isascii() and fold(mine) == fold(theirs):
            continue
        if casefold_key(mine) != casefold_key(theirs):
            out[r] = msg("commune_read_as", name=written, unit=f"{name} ({code})")
    return out


def _record_notes(
    sh: Sheet, comm: pd.Series, m: pd.DataFrame, merged: dict[int, tuple[str, str]], vintage: str
) -> list[str | None]:
    """Each record's note: how the sheet wrote a name matched fuzzily (not when it wrote the
    unit's own name), the earlier list a merged-away name is from, and the row's own note."""
    out: list[str | None] = []
    notes = sh.text("note")
    own = notes.loc[comm.index].tolist() if notes is not None else [""] * len(comm)
    differs: dict[tuple[str, str], bool] = {}  # names repeat on every sheet of a workbook
    rows = zip(
        comm.index, comm.tolist(), m["status"].tolist(), m["short"].tolist(), own, strict=True
    )
    for r, n, s, short, note in rows:
        lead = None
        if s == "merged":
            now = merged[r][1]
            why = f"its code is {now} in the {vintage} list" if now else "merged away"
            lead = f"{n!r} is only in the {EARLIER[vintage]} list ({why})"
        elif s in ("fuzzy", "exact"):
            pair = (n, str(short))
            written = differs.get(pair)
            if written is None:
                written = casefold_key(strip_commune_prefix(n)) != casefold_key(pair[1])
                differs[pair] = written
            lead = f"name written {n!r} in the sheet" if written else None
        out.append(f"{lead}; {note}" if lead and note else lead or note or None)
    return out


def _check_codes(sh: Sheet, comm: pd.Series, m: pd.DataFrame, bad: np.ndarray) -> None:
    given = sh.text("unit_code")
    if given is None:
        return
    codes = m["code"].to_numpy()
    g = given.to_numpy()
    wrong = (g != "") & ~bad & (g != np.where(pd.isna(codes), "", codes).astype(str))
    for i in np.flatnonzero(wrong):
        sh.reject(
            comm.index[i],
            sh.col_of["unit_code"],
            msg(
                "code_mismatch",
                given=g[i],
                name=comm.iat[i],
                matched=m["name"].iat[i],
                code=codes[i],
            ),
        )


_AREA_INDEX: dict[str, pd.DataFrame] = {}
_AREA_LEVEL = {"province": Both("province", "tỉnh"), "district": Both("district", "huyện")}


def _area_units(vintage: str) -> pd.DataFrame:
    if vintage not in _AREA_INDEX:
        u = gazetteer.load_units(vintage)
        u = u[u["level"].isin(["province", "district"])].copy()
        u["key"] = u["unit_name_short"].map(fold)
        u["pkey"] = u["province_name"].map(lambda s: fold(re.sub(_PROVINCE_PREFIX, "", s)))
        _AREA_INDEX[vintage] = u
    return _AREA_INDEX[vintage]


def _area_code(
    sh: Sheet, r: int, c: int | None, name: str, level: str, province: str
) -> tuple[str, str]:
    """Gazetteer code and short name of a province or district name ("Huyen Cao Loc" → Cao
    Lộc); unknown names are rejected with hints (code "", the name as written)."""
    what = _AREA_LEVEL[level]
    written = strip_area_prefix(name)
    if is_formula_like(name):
        sh.reject(r, c, msg("not_a_name", name=name, start=name[:1]))
        return "", written
    units = _area_units(sh.opts.vintage)
    key = fold(strip_area_prefix(name))
    pool = units[units["level"] == level]
    if level == "district" and province:
        pool = pool[pool["pkey"] == fold(strip_area_prefix(province))]
    hit = pool[pool["key"] == key]
    if len(hit) == 1:
        return str(hit["unit_code"].iloc[0]), str(hit["unit_name_short"].iloc[0])
    if len(hit) > 1:
        shown = ", ".join(f"{n} ({cd})" for n, cd in zip(hit["unit_name"], hit["unit_code"]))
        sh.reject(r, c, msg("ambiguous_area", level=what, name=name, shown=shown))
        return "", written
    best = process.extract(key, pool["key"].tolist(), limit=3, score_cutoff=60)
    hint: object = ""
    if best:
        names = [pool["unit_name"].iloc[i] for _, _, i in best]
        hint = msg("did_you_mean_names", names=", ".join(names))
    sh.reject(r, c, msg("unknown_area", level=what, name=name, hint=hint))
    return "", written


def _written_note(written: str, name: str) -> str | None:
    """The note on a record whose area the sheet wrote otherwise than the gazetteer."""
    if casefold_key(written) == casefold_key(name):
        return None
    return f"name written {written!r} in the sheet"


def area_notes(df: pd.DataFrame) -> pd.DataFrame:
    """Records of an area-level sheet: how the sheet wrote each area's name goes first in
    their note; the helper columns of `area_of_rows` are dropped."""
    notes = [
        "; ".join(dict.fromkeys(x for n in (a, b) if isinstance(n, str) for x in n.split("; ")))
        or None
        for a, b in zip(df["_note"], df["note"], strict=True)
    ]
    return df.assign(note=notes).drop(columns=["_note", "_parent"])


def area_of_rows(sh: Sheet, communes: Communes) -> pd.DataFrame | None:
    """area_name / area_level / area_code / admin_vintage of each row of an area-level sheet."""
    if "commune" in sh.col_of:
        units = commune_rows(sh, communes)
        if units is None:
            return None
        return pd.DataFrame(
            {
                "area_name": units["commune_name"],
                "area_level": "commune",
                "area_code": units["unit_code"],
                "admin_vintage": units["admin_vintage"],
                "_parent": units["province_name"],
                "_note": units["note"].where(units["note"].notna(), None),
            }
        )
    prov, dist = area_columns(sh)
    rows = []
    d_col = sh.col_of.get("district")
    p_col = sh.col_of.get("province")
    for r in sh.data.index:
        p, d = prov[r], dist[r]
        if d_col is not None and dist[r]:
            code, name = _area_code(sh, r, d_col, d, "district", p)
            rows.append((r, name, "district", code, p, _written_note(strip_area_prefix(d), name)))
        elif p:
            code, name = _area_code(sh, r, p_col, p, "province", "")
            rows.append((r, name, "province", code, "", _written_note(strip_area_prefix(p), name)))
        else:
            sh.reject(r, d_col if d_col is not None else p_col, msg("area_blank"))
            rows.append((r, "", "", "", "", None))
    columns = ["_r", "area_name", "area_level", "area_code", "_parent", "_note"]
    out = pd.DataFrame(rows, columns=columns)
    out["admin_vintage"] = np.where(out["area_code"] != "", sh.opts.vintage, "")
    return out.set_index("_r")
