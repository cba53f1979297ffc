"""Administrative units of Vietnam by vintage, read offline from installed packages.

Owns the project's ``units`` table and the legacy→2025 ``crosswalk``. Name matching
lives in `matching`; text keys in `textnorm`.

Vintages (a unit code is only meaningful together with its vintage):

* ``pre2023``: communes before the 2023–2025 commune rearrangement, from the GSO list
  shipped in the ``vietnam-provinces`` 0.5.0 package (data retrieved 2023-05-07). Optional:
  absent when that package is not installed.
* ``legacy``: the 63-province set in force until 30 Jun 2025 (``vietnamadminunits`` data).
* ``2025``: the 34-province set in force from 1 Jul 2025 (``vietnamadminunits`` data).

Only the packages' data files are read (``dataset.db``, ``converter_2025.json``,
``nested-divisions.json``). Nothing here calls the network or a geocoder.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ntm_analysis.lexicon import vocabulary

VINTAGES = ("pre2023", "legacy", "2025")
LEVELS = ("province", "district", "commune")

UNIT_COLUMNS = [
    "admin_vintage",
    "unit_code",
    "unit_name",
    "unit_name_short",
    "unit_type",
    "level",
    "parent_code",
    "province_code",
    "province_name",
    "district_name",
    "lat",
    "lon",
    "area_km2",
    "region",
    "source_id",
    "source_locator",
]
CROSSWALK_COLUMNS = [
    "legacy_code",
    "legacy_level",
    "legacy_name",
    "code_2025",
    "name_2025",
    "is_split",
    "is_main",
    "source_id",
    "source_locator",
]

# Legacy province codes that make up the new (2025) Hải Phòng, with their region label.
HAIPHONG_REGIONS = {"31": "East", "30": "West"}  # old Hải Phòng, old Hải Dương
HAIPHONG_2025_CODE = "31"

_VAU = "vietnamadminunits"
_VP = "vietnam_provinces"
_VP_VERSION = "0.5.0"


class GazetteerUnavailable(RuntimeError):
    """A vintage's source package is not installed."""


def _package_dir(name: str) -> Path:
    # find_spec locates the package without importing (and so without running) it.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerUnavailable(f"package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _source_id(dist: str) -> str:
    version = importlib.metadata.version(dist)
    return f"pkg_{dist.replace('-', '_')}_{version.replace('.', '_')}"


def _vau_data(filename: str) -> Path:
    return _package_dir(_VAU) / "data" / filename


def _read_table(table: str) -> pd.DataFrame:
    uri = f"file:{_vau_data('dataset.db')}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        return pd.read_sql_query(f"SELECT * FROM [{table}]", conn)


def _region(province_code: pd.Series) -> pd.Series:
    return province_code.map(HAIPHONG_REGIONS).astype("string")


def _frame(rows: pd.DataFrame, **constants: object) -> pd.DataFrame:
    out = rows.assign(**constants)
    for col in UNIT_COLUMNS:
        if col not in out:
            out[col] = None
    out = out[UNIT_COLUMNS]
    str_cols = [c for c in UNIT_COLUMNS if c not in ("lat", "lon", "area_km2")]
    out[str_cols] = out[str_cols].astype("string")
    return out.astype({"lat": "float64", "lon": "float64", "area_km2": "float64"})


# ---------------------------------------------------------------------------- legacy


def _provinces(raw: pd.DataFrame, loc: str) -> pd.DataFrame:
    """The province rows of a package table (one per province code), typed by the vocabulary's
    province-level unit types ("Tỉnh", "Thành phố")."""
    types = "|".join(sorted(vocabulary.unit_type_names("province"), key=len, reverse=True))
    return (
        raw.drop_duplicates("provinceCode")
        .assign(unit_type=lambda d: d["province"].str.extract(rf"^({types})")[0])
        .rename(
            columns={
                "provinceCode": "unit_code",
                "province": "unit_name",
                "provinceShort": "unit_name_short",
                "provinceLat": "lat",
                "provinceLon": "lon",
            }
        )
        .assign(
            level="province",
            parent_code=None,
            province_code=lambda d: d["unit_code"],
            province_name=lambda d: d["unit_name"],
            source_locator=lambda d: loc + "#provinceCode=" + d["unit_code"],
        )
    )


def _units_legacy() -> pd.DataFrame:
    raw = _read_table("admin_units_legacy")
    source_id = _source_id(_VAU)
    loc = "dataset.db:admin_units_legacy"
    prov = _provinces(raw, loc)
    dist = (
        raw.drop_duplicates("districtCode")
        .rename(
            columns={
                "districtCode": "unit_code",
                "district": "unit_name",
                "districtShort": "unit_name_short",
                "districtType": "unit_type",
                "districtLat": "lat",
                "districtLon": "lon",
                "provinceCode": "province_code",
                "province": "province_name",
            }
        )
        .assign(
            level="district",
            parent_code=lambda d: d["province_code"],
            source_locator=lambda d: loc + "#districtCode=" + d["unit_code"],
        )
    )
    comm = (
        raw.dropna(subset=["wardCode"])
        .rename(
            columns={
                "wardCode": "unit_code",
                "ward": "unit_name",
                "wardShort": "unit_name_short",
                "wardType": "unit_type",
                "wardLat": "lat",
                "wardLon": "lon",
                "provinceCode": "province_code",
                "province": "province_name",
                "district": "district_name",
            }
        )
        .assign(
            level="commune",
            parent_code=lambda d: d["districtCode"],
            source_locator=lambda d: loc + "#wardCode=" + d["unit_code"],
        )
    )
    out = pd.concat([prov, dist, comm], ignore_index=True)
    out["district_name"] = out["district_name"].where(out["level"] == "commune")
    out["region"] = _region(out["province_code"])
    out["unit_name_short"] = _without_type_qualifier(out["unit_name_short"])
    return _frame(out, admin_vintage="legacy", source_id=source_id)


def _without_type_qualifier(short: pd.Series) -> pd.Series:
    """Short names without the type the package appends to tell namesakes apart ("Mỹ Thọ
    (Xã)", "Cao Lãnh (Huyện)" → "Mỹ Thọ", "Cao Lãnh"): the type is in ``unit_name`` and
    ``unit_type``, and a name is written without it."""
    from ntm_analysis.lexicon import vocabulary

    types = {n for level in LEVELS for n in vocabulary.unit_type_names(level)}
    pattern = r"\s*\((?:" + "|".join(sorted(types, key=len, reverse=True)) + r")\)$"
    return short.str.replace(pattern, "", regex=True)


# ---------------------------------------------------------------------------- 2025


@lru_cache(maxsize=1)
def _crosswalk_links() -> pd.DataFrame:
    """(legacy unit code, 2025 unit code, is_split, is_main) from converter_2025.json."""
    legacy = _read_table("admin_units_legacy")
    new = _read_table("admin_units")
    conv = json.loads(_vau_data("converter_2025.json").read_text(encoding="utf-8"))

    def accented(name: pd.Series) -> pd.Series:
        return name.str.lower().str.replace(" ", "", regex=False)

    # Old units are keyed province_district_ward; duplicates use an accented ward key.
    base = legacy["provinceKey"] + "_" + legacy["districtKey"] + "_"
    wards = legacy.dropna(subset=["wardCode"])
    islands = legacy[legacy["wardCode"].isna()]
    keyed = pd.concat(
        [
            pd.DataFrame({"key": base[wards.index] + wards["wardKey"], "code": wards["wardCode"]}),
            pd.DataFrame(
                {"key": base[wards.index] + accented(wards["ward"]), "code": wards["wardCode"]}
            ),
        ]
    ).assign(level="commune")
    keyed = pd.concat(
        [
            keyed,
            pd.DataFrame(
                {"key": base[islands.index], "code": islands["districtCode"], "level": "district"}
            ),
        ]
    ).drop_duplicates("key")
    old_code = dict(zip(keyed["key"], keyed["code"], strict=True))
    old_level = dict(zip(keyed["key"], keyed["level"], strict=True))
    new_code: dict[tuple[str, str], str] = {}
    for prov_key, ward_key, ward_acc, code in zip(
        new["provinceKey"], new["wardKey"], accented(new["ward"]), new["wardCode"], strict=True
    ):
        new_code[(prov_key, ward_key)] = code
        new_code[(prov_key, ward_acc)] = code

    rows = []
    for prov_key, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, olds in wards.items():
            for old in olds:
                rows.append(
                    (old, new_code[(prov_key, new_key)], False, None, "NO_DIVIDED", prov_key)
                )
    for prov_key, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in olds.items():
            for t in targets:
                code = new_code[(prov_key, t["newWardKey"])]
                rows.append((old, code, True, bool(t["isDefaultNewWard"]), "DIVIDED", prov_key))
    links = pd.DataFrame(
        rows, columns=["old_key", "code_2025", "is_split", "is_main", "dict", "prov_key"]
    )
    links["legacy_code"] = links["old_key"].map(old_code)
    links["legacy_level"] = links["old_key"].map(old_level)
    missing = links["legacy_code"].isna()
    if missing.any():  # pragma: no cover - guards a package data change
        raise ValueError(f"converter keys without a legacy unit: {links.loc[missing, 'old_key']}")
    return links


def _units_2025() -> pd.DataFrame:
    raw = _read_table("admin_units")
    source_id = _source_id(_VAU)
    loc = "dataset.db:admin_units"
    prov = _provinces(raw, loc)
    comm = raw.rename(
        columns={
            "wardCode": "unit_code",
            "ward": "unit_name",
            "wardShort": "unit_name_short",
            "wardType": "unit_type",
            "wardLat": "lat",
            "wardLon": "lon",
            "wardAreaKm2": "area_km2",
            "provinceCode": "province_code",
            "province": "province_name",
        }
    ).assign(
        level="commune",
        parent_code=lambda d: d["province_code"],
        source_locator=lambda d: loc + "#wardCode=" + d["unit_code"],
    )
    out = pd.concat([prov, comm], ignore_index=True)
    out["region"] = out["unit_code"].map(_regions_2025()).where(out["level"] == "commune")
    return _frame(out, admin_vintage="2025", source_id=source_id)


def _regions_2025() -> dict[str, str]:
    """East/West for each 2025 Hải Phòng unit, from the legacy province its parts came from.

    A unit drawing on both old provinces would get "East/West"; none does in 1.0.4.
    """
    links = _crosswalk_links()
    links = links[links["prov_key"] == "thanhphohaiphong"]
    # A split unit counts only where its main part went, so that a stray secondary link
    # (1.0.4 maps Hòa Bình, Vĩnh Bảo also to two West units) does not blur the label.
    links = links[~links["is_split"] | links["is_main"].fillna(False).astype(bool)]
    old_prov = links["legacy_code"].str[:5].map(_legacy_province_of_code())
    regions = (
        old_prov.map(HAIPHONG_REGIONS)
        .groupby(links["code_2025"])
        .agg(lambda s: "/".join(sorted(set(s), key=["East", "West"].index)))
    )
    return regions.to_dict()


@lru_cache(maxsize=1)
def _legacy_province_of_code() -> dict[str, str]:
    legacy = _read_table("admin_units_legacy")
    pairs = pd.concat(
        [
            legacy[["wardCode", "provinceCode"]].dropna().set_axis(["code", "prov"], axis=1),
            legacy[["districtCode", "provinceCode"]].set_axis(["code", "prov"], axis=1),
        ]
    ).drop_duplicates("code")
    return dict(zip(pairs["code"], pairs["prov"], strict=True))


# ---------------------------------------------------------------------------- pre2023


def _vp_type(division_type: str) -> str:
    kind = "Thành phố" if division_type == "thành phố trung ương" else division_type
    return kind[:1].upper() + kind[1:]


def _short(name: str, unit_type: str) -> str:
    return name[len(unit_type) :].strip() if name.lower().startswith(unit_type.lower()) else name


def _units_pre2023() -> pd.DataFrame:
    pkg = _package_dir(_VP)
    version = importlib.metadata.version("vietnam-provinces")
    if version != _VP_VERSION:
        raise GazetteerUnavailable(
            f"vietnam-provinces {version} is installed; the pre2023 vintage needs {_VP_VERSION}"
        )
    path = pkg / "data" / "nested-divisions.json"
    tree = json.loads(path.read_text(encoding="utf-8"))
    loc = "data/nested-divisions.json#code="
    rows = []
    for p in tree:
        pcode, pname = f"{p['code']:02d}", p["name"]
        ptype = _vp_type(p["division_type"])
        rows.append(
            (pcode, pname, _short(pname, ptype), ptype, "province", None, pcode, pname, None)
        )
        for d in p["districts"]:
            dcode, dname, dtype = f"{d['code']:03d}", d["name"], _vp_type(d["division_type"])
            rows.append(
                (dcode, dname, _short(dname, dtype), dtype, "district", pcode, pcode, pname, None)
            )
            for w in d["wards"]:
                wtype = _vp_type(w["division_type"])
                rows.append(
                    (
                        f"{w['code']:05d}",
                        w["name"],
                        _short(w["name"], wtype),
                        wtype,
                        "commune",
                        dcode,
                        pcode,
                        pname,
                        dname,
                    )
                )
    cols = ["unit_code", "unit_name", "unit_name_short", "unit_type", "level", "parent_code"]
    out = pd.DataFrame(rows, columns=[*cols, "province_code", "province_name", "district_name"])
    out["source_locator"] = loc + out["unit_code"] + " (" + out["level"] + ")"
    out["region"] = _region(out["province_code"])
    return _frame(out, admin_vintage="pre2023", source_id=_source_id("vietnam-provinces"))


# ---------------------------------------------------------------------------- public

_LOADERS = {"pre2023": _units_pre2023, "legacy": _units_legacy, "2025": _units_2025}


@lru_cache(maxsize=8)
def _load(vintage: str) -> pd.DataFrame:
    if vintage not in _LOADERS:
        raise ValueError(f"unknown admin_vintage {vintage!r}; expected one of {VINTAGES}")
    return _LOADERS[vintage]()


def available_vintages() -> tuple[str, ...]:
    """Vintages whose source data is installed (``pre2023`` needs ``vietnam-provinces``)."""
    out = []
    for v in VINTAGES:
        try:
            _load(v)
        except GazetteerUnavailable:
            continue
        out.append(v)
    return tuple(out)


def load_units(vintage: str | None = None) -> pd.DataFrame:
    """The ``units`` table: one row per unit × vintage, with codes, names, coordinates.

    Args:
        vintage: ``"pre2023"``, ``"legacy"`` or ``"2025"``; None stacks every available vintage.

    Returns:
        A new DataFrame with the columns in `UNIT_COLUMNS` (cached underneath; safe to mutate).

    Raises:
        GazetteerUnavailable: the vintage's source package is not installed.
    """
    if vintage is None:
        return pd.concat([_load(v) for v in available_vintages()], ignore_index=True)
    return _load(vintage).copy()


@lru_cache(maxsize=1)
def _crosswalk() -> pd.DataFrame:
    links = _crosswalk_links()
    legacy = _load("legacy").set_index(["level", "unit_code"])["unit_name"]
    new = _load("2025").query("level == 'commune'").set_index("unit_code")["unit_name"]
    out = links.assign(
        legacy_name=[
            legacy[(lvl, c)]
            for lvl, c in zip(links["legacy_level"], links["legacy_code"], strict=True)
        ],
        name_2025=links["code_2025"].map(new),
        source_id=_source_id(_VAU),
        source_locator="data/converter_2025.json#DICT_PROVINCE_WARD_"
        + links["dict"]
        + "/"
        + links["prov_key"]
        + "/"
        + links["old_key"],
        is_main=links["is_main"].astype("boolean"),
        is_split=links["is_split"].astype(bool),
    )
    out = out[CROSSWALK_COLUMNS].sort_values(["legacy_code", "code_2025"], ignore_index=True)
    str_cols = ["legacy_code", "legacy_level", "legacy_name", "code_2025", "name_2025"]
    out[str_cols] = out[str_cols].astype("string")
    out[["source_id", "source_locator"]] = out[["source_id", "source_locator"]].astype("string")
    return out


def load_crosswalk() -> pd.DataFrame:
    """Legacy (pre-July-2025) units → 2025 units, one row per (legacy unit, 2025 unit) pair.

    A legacy unit split between several 2025 units has one row per part, ``is_split`` True
    and ``is_main`` True on the part the package names as default (where most of it went).
    Unsplit units have ``is_main`` null. Island districts without communes appear with
    ``legacy_level == "district"``.
    """
    return _crosswalk().copy()


@lru_cache(maxsize=1)
def province_mergers() -> dict[str, tuple[str, ...]]:
    """2025 province name → the legacy provinces it was formed from (short names, as in
    ``unit_name_short``), from the package's province converter; one-to-one provinces map to
    themselves.

    >>> province_mergers()["Hải Phòng"]
    ('Hải Dương', 'Hải Phòng')
    """
    with _vau_data("converter_2025.json").open(encoding="utf-8") as fh:
        table = json.load(fh)["DICT_PROVINCE"]
    uri = f"file:{_vau_data('dataset.db')}?mode=ro"
    query = "SELECT DISTINCT provinceKey, provinceShort FROM {}"
    with sqlite3.connect(uri, uri=True) as conn:  # the keys the converter uses
        new = dict(conn.execute(query.format("admin_units")).fetchall())
        old = dict(conn.execute(query.format("admin_units_legacy")).fetchall())
    return {
        new[k]: tuple(sorted(old[o] for o in olds if o in old))
        for k, olds in table.items()
        if k in new
    }


def successors(legacy_code: str) -> pd.DataFrame:
    """The 2025 units a legacy commune (or island district) went into."""
    cw = _crosswalk()
    return cw[cw["legacy_code"] == legacy_code].reset_index(drop=True)


def source_id_of(vintage: str) -> str:
    """The `sources` id of the package a vintage is read from."""
    return _source_id(_VP.replace("_", "-") if vintage == "pre2023" else _VAU)


def load_sources() -> pd.DataFrame:
    """`sources` rows for the installed packages the units come from (one per package)."""
    rows = [
        {
            "source_id": _source_id(_VAU),
            "kind": "package",
            "issuer": f"{_VAU} (PyPI)",
            "document_no": importlib.metadata.version(_VAU),
            "issued_date": None,
            "title": "Vietnamese administrative units before and after the July-2025 reform "
            "(package data)",
            "province": None,
            "url": f"https://pypi.org/project/{_VAU}/{importlib.metadata.version(_VAU)}/",
            "note": "legacy and 2025 vintages and the crosswalk; data files read offline",
        }
    ]
    if "pre2023" in available_vintages():
        dist = _VP.replace("_", "-")
        rows.append(
            {
                "source_id": _source_id(dist),
                "kind": "package",
                "issuer": f"{dist} (PyPI)",
                "document_no": importlib.metadata.version(dist),
                "issued_date": "2023-05-07",
                "title": "Provinces, districts and communes as listed by the GSO on 2023-05-07 "
                "(package data)",
                "province": None,
                "url": f"https://pypi.org/project/{dist}/{importlib.metadata.version(dist)}/",
                "note": "the pre2023 vintage; only its data file is read, offline; the package "
                "is licensed GPL-3.0-or-later",
            }
        )
    return pd.DataFrame(rows)
