"""Stage the curated reference tables (``data/raw/reference/*.csv``) into data-model rows.

The reference files are verbatim copies of the project's curated tables (Hải Phòng/Hải Dương
commune recognitions and aggregates, province figures, programme targets); every row cites
the web page it was read from. This stager turns each row into a row of `facts`, `targets`
or `commune_status`, registers each cited page as a `sources` row (``web_`` + the first ten
hex digits of the URL's SHA-1) and leaves every judgement to the build's validation: a row
that cannot be typed is rejected there with its reason, never dropped here.

Two explicit tables carry the mapping decisions: `UNITS` (curated unit text -> our unit and
qualifier; the curated text stays in the note) and ``data/raw/mappings/reference_dates.csv``
(the year or period of curated rows whose page gives no date, each with its reason). Dates are
never guessed from free text. Province rows get the province code of the installed gazetteer
package, so that a document and a web page stating the same province can be compared; district
rows of the Hải Phòng/Hải Dương aggregates get their legacy district code (looked up by name
within the row's province), so that a district's statements can be placed on its communes.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.model.citations import UNTITLED_PAGE

REFERENCE_DIR = "reference"
_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^(\d{4})-(\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_NUM_RANGE = re.compile(r"^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$")


def web_source_id(url: str) -> str:
    """Stable source id of a cited web page.

    >>> web_source_id("https://example.org/a")
    'web_579f2a2cee'
    """
    return "web_" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]


def _read(raw_dir: Path, name: str) -> pd.DataFrame:
    path = raw_dir / REFERENCE_DIR / name
    if not path.is_file():
        return pd.DataFrame()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    # line 1 is the header; records hold no embedded newlines in these files
    return df.assign(raw_row=[f"{REFERENCE_DIR}/{name}:{i + 2}" for i in range(len(df))])


def _locator(row: pd.Series) -> str:
    return f"cited page; curated row {row['raw_row'].split(':')[-1]} of {row['raw_row']}"


# Curated unit text -> (our unit, qualifier). Qualifiers come only from an explicit "(more
# than)"/"(khoảng)"/"(dưới)"; "xã (trên 7.669; …)" reads "out of 7,669", not "more than". The
# curated text is kept in every row's note, so denominators and scopes are not lost.
UNITS: dict[str, tuple[str, str]] = {
    "communes": ("communes", "exact"),
    "communes (of 114 ethnic-minority/mountain communes)": ("communes", "exact"),
    "communes and towns": ("communes_and_towns", "exact"),
    "số xã": ("communes", "exact"),
    "xã (trên 7.669; 79,3%)": ("communes", "exact"),
    "xã (42,4%)": ("communes", "exact"),
    "xã (12,3%)": ("communes", "exact"),
    "district-level units": ("districts", "exact"),
    "district-level units (of 18)": ("districts", "exact"),
    "districts": ("districts", "exact"),
    "district": ("districts", "exact"),
    "city": ("districts", "exact"),
    "units (of 6)": ("districts", "exact"),
    "units (of 10)": ("districts", "exact"),
    "units (of 10 district-level)": ("districts", "exact"),
    "units (of 12)": ("districts", "exact"),
    "units (of 13)": ("districts", "exact"),
    "units (7 huyện + 1 city)": ("districts", "exact"),
    "đơn vị cấp huyện/tỉnh": ("districts_per_province", "exact"),
    "provinces": ("provinces", "exact"),
    "tỉnh, thành phố": ("provinces", "exact"),
    "tỉnh, thành phố (khoảng)": ("provinces", "approx"),
    "thôn/bản": ("villages", "exact"),
    "thôn/làng": ("villages", "exact"),
    "works": ("works", "exact"),
    "flag": ("flag", "exact"),
    "m2": ("m2", "exact"),
    "criteria (of 18)": ("criteria", "exact"),
    "criteria (of 19)": ("criteria", "exact"),
    "tiêu chí": ("criteria", "exact"),
    "chỉ tiêu": ("indicators", "exact"),
    "nhóm xã": ("commune_groups", "exact"),
    "criteria/commune": ("criteria_per_commune", "exact"),
    "tiêu chí/xã": ("criteria_per_commune", "exact"),
    "%": ("pct", "exact"),
    "% (dưới)": ("pct", "less_than"),
    "% (khoảng)": ("pct", "approx"),
    "% (trong số xã; xem README về mẫu số)": ("pct", "exact"),
    "% of communes": ("pct", "exact"),
    "% of district-level units": ("pct", "exact"),
    "% of mobilised resources": ("pct", "exact"),
    "% households": ("pct", "exact"),
    "% households (central poverty line)": ("pct", "exact"),
    "% households (multidimensional 2021-2025)": ("pct", "exact"),
    "% households (multidimensional, NTM communes)": ("pct", "exact"),
    "% households (multidimensional, province-wide)": ("pct", "exact"),
    "% số huyện đạt chuẩn": ("pct", "exact"),
    "% số thôn, bản (xã ĐBKK biên giới, núi, bãi ngang, hải đảo)": ("pct", "exact"),
    "% số xã": ("pct", "exact"),
    "% số xã (khoảng)": ("pct", "approx"),
    "% số xã cả nước": ("pct", "exact"),
    "% đơn vị cấp huyện": ("pct", "exact"),
    "điểm %/năm": ("pct_points_per_year", "exact"),
    "lần": ("times", "exact"),
    "tỷ lệ (1/2 bình quân cả nước)": ("ratio", "exact"),
    "bn VND": ("bn_vnd", "exact"),
    "tỷ đồng": ("bn_vnd", "exact"),
    "tỷ đồng (more than)": ("bn_vnd", "more_than"),
    "tỷ đồng (approx.)": ("bn_vnd", "approx"),
    "tỷ đồng (khoảng)": ("bn_vnd", "approx"),
    "tỷ đồng (khoảng; nguồn ghi 1,044 triệu tỷ)": ("bn_vnd", "approx"),
    "bn VND per commune": ("bn_vnd_per_commune", "exact"),
    "mn VND/person/year": ("mn_vnd_per_person_year", "exact"),
    "million VND/person/year": ("mn_vnd_per_person_year", "exact"),
    "million VND/person/year (more than)": ("mn_vnd_per_person_year", "more_than"),
    "million VND/person/year (6.5 per month x 12)": ("mn_vnd_per_person_year", "exact"),
}


def _unit(unit: str) -> tuple[str, str]:
    """Our unit and qualifier for a curated unit text; an unknown text is kept as given.

    >>> _unit("tỷ đồng (more than)"), _unit("xã (trên 7.669; 79,3%)"), _unit("hộ")
    (('bn_vnd', 'more_than'), ('communes', 'exact'), ('hộ', 'exact'))
    """
    return UNITS.get(unit.strip(), (unit.strip(), "exact"))


_BOUND = re.compile(r"_(min|max)(?:_\d{4})?$")


def bound_qualifier(item: str) -> str | None:
    """``at_least``/``at_most`` for a programme item named as a lower or upper bound.

    The bound may be followed by the year it is due ("…_min_2025"); Resolution 25's 2025
    targets are floors, not exact values.

    >>> bound_qualifier("communes_ntm_share_min_2025"), bound_qualifier("state_budget_total_min")
    ('at_least', 'at_least')
    >>> bound_qualifier("multidim_poor_household_rate_2030_max"), bound_qualifier("central_budget")
    ('at_most', None)
    """
    m = _BOUND.search(item)
    if not m:
        return None
    return "at_least" if m.group(1) == "min" else "at_most"


_NOTE_BOUND = re.compile(
    r"\b(more than|over|at least)\s+([\d.,]+)\s*(trillion|bn|billion)?", re.IGNORECASE
)
_BOUND_OF = {"more than": "more_than", "over": "more_than", "at least": "at_least"}


def note_qualifier(note: str, value: str, unit: str) -> str | None:
    """The qualifier a curated note states for the row's own value ("more than 35 trillion"
    for 35000 bn VND), or None; a bound stated for another number in the note does not count.

    >>> note_qualifier("planned need (more than 35 trillion)", "35000", "bn_vnd")
    'more_than'
    >>> note_qualifier("over 40,000 cases donated land", "800000", "m2") is None
    True
    """
    for m in _NOTE_BOUND.finditer(note or ""):
        try:
            number = float(m.group(2).replace(",", ""))
        except ValueError:
            continue
        if (m.group(3) or "").lower() == "trillion" and unit == "bn_vnd":
            number *= 1000
        try:
            if abs(number - float(value)) < 1e-9:
                return _BOUND_OF[m.group(1).lower()]
        except ValueError:
            return None
    return None


def _when(year: str) -> dict[str, str]:
    if _YEAR.match(year):
        return {"year": year, "period": ""}
    if _RANGE.match(year):
        return {"year": "", "period": year}
    return {"year": "", "period": ""}


_LEADING_DATE = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)(?=$|\s)")


def leading_date(as_of: str) -> str:
    """The ISO date a curated ``as_of`` text starts with; the rest stays in the note.

    The curated column mixes dates and words; a date followed by a comment keeps its date
    ("2021-02 (end of month)" is February 2021), while a text that does not start with a
    whole date (a year, "2021-06/07", "2024-Q2", "end-of-year") gives none.

    >>> leading_date("2021-02 (end of month)"), leading_date("2022-04-26"), leading_date("2021")
    ('2021-02', '2022-04-26', '')
    >>> leading_date("2021-06/07 (after first half of 2021)"), leading_date("2024-Q2")
    ('', '')
    """
    m = _LEADING_DATE.match((as_of or "").strip())
    return m.group(1) if m else ""


_AS_OF = re.compile(r"(?:as of |by end-)(?:(\d{1,2})/)?(\d{1,2})/(\d{4})")


def as_of_in(note: str) -> str:
    """ISO date of an "as of DD/MM/YYYY", "as of MM/YYYY" or "by end-MM/YYYY" phrase in a
    curated note (the month, at the precision the note gives).

    >>> as_of_in("as of 03/01/2025 (43.04%)"), as_of_in("as of 08/2017"), as_of_in("")
    ('2025-01-03', '2017-08', '')
    >>> as_of_in("262 model works completed by end-10/2025")
    '2025-10'
    """
    m = _AS_OF.search(note or "")
    if not m:
        return ""
    day, month, year = m.groups()
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


DATING_FILE = "mappings/reference_dates.csv"
DATING_COLUMNS = ["raw_row", "year", "as_of", "period", "reason", "evidence_url"]


def load_dating(raw_dir: Path) -> pd.DataFrame:
    """Explicit dates for curated rows whose page gives none (``data/raw/mappings``).

    Each row names a staged row (``reference/<file>:<line>``) and the year, as-of date or period
    to file it under, with the reason and the page that bounds the date. Dates are never guessed
    from free text: a curated row that is undated and not listed here stays undated, and the
    build rejects it with that reason.
    """
    path = raw_dir / DATING_FILE
    if not path.is_file():
        return pd.DataFrame(columns=DATING_COLUMNS)
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = set(DATING_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    dupes = df["raw_row"][df["raw_row"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"{path}: rows listed twice: {dupes}")
    return df


def _apply_dating(rows: pd.DataFrame, dating: pd.DataFrame) -> pd.DataFrame:
    """Overwrite year/as_of/period of the listed rows and say so in their note."""
    if rows.empty or dating.empty:
        return rows
    d = dating.set_index("raw_row")
    hit = rows["raw_row"].isin(d.index)
    for col in ("year", "as_of", "period"):
        rows.loc[hit, col] = rows.loc[hit, "raw_row"].map(d[col])
    how = (
        "date not given by the page; filed by "
        + DATING_FILE
        + ": "
        + rows.loc[hit, "raw_row"].map(d["reason"])
    )
    rows.loc[hit, "note"] = (rows.loc[hit, "note"].fillna("") + "; " + how).str.lstrip("; ")
    return rows


MEASURES_FILE = "mappings/reference_measures.csv"


def _apply_measures(rows: pd.DataFrame, raw_dir: Path) -> pd.DataFrame:
    """Refile the listed rows under the measure their own note states (``MEASURES_FILE``:
    ``raw_row, measure, reason``), keeping the curated measure and the reason in the note."""
    path = raw_dir / MEASURES_FILE
    if rows.empty or not path.is_file():
        return rows
    m = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    m = m.set_index("raw_row")
    hit = rows["raw_row"].isin(m.index)
    how = rows.loc[hit, "raw_row"].map(m["reason"])
    was = "measure as curated: " + rows.loc[hit, "measure"] + f"; refiled by {MEASURES_FILE}: "
    rows.loc[hit, "measure"] = rows.loc[hit, "raw_row"].map(m["measure"])
    rows.loc[hit, "note"] = (rows.loc[hit, "note"].fillna("") + "; " + was + how).str.lstrip("; ")
    return rows


def _unused_dating(dating: pd.DataFrame, staged: list[str]) -> list[str]:
    return sorted(set(dating["raw_row"]) - set(staged))


def _province_codes() -> dict[str, dict[str, str]]:
    """Province short name -> code, per vintage, read from the installed gazetteer data.

    Reads ``vietnamadminunits``' own ``dataset.db`` (legacy = the 63 provinces before
    1 Jul 2025; 2025 = the 34 after). Empty when the package is not installed.
    """
    try:
        from importlib.resources import files

        db = files("vietnamadminunits") / "data" / "dataset.db"
    except ModuleNotFoundError:
        return {"legacy": {}, "2025": {}}
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        q = "SELECT DISTINCT provinceShort, provinceCode FROM {}"
        out = {
            "legacy": dict(con.execute(q.format("admin_units_legacy")).fetchall()),
            "2025": dict(con.execute(q.format("admin_units")).fetchall()),
        }
    finally:
        con.close()
    # the legacy table names Thừa Thiên Huế by its 2025 short name
    huế = out["legacy"].get("Huế") or out["legacy"].get("Thừa Thiên Huế")
    if huế:
        out["legacy"]["Thừa Thiên Huế"] = huế
    return out


_DISTRICT_PREFIX = re.compile(r"^(?:tp|tx|thanh pho|thi xa|quan|huyen)\s+")


def _district_key(name: str) -> str:
    """Folded district name without its type ("TP Hải Dương" -> "hai duong")."""
    return _DISTRICT_PREFIX.sub("", fold(name))


@cache
def _district_codes() -> dict[tuple[str, str], str]:
    """(legacy province code, folded district name) -> legacy district code, from the
    installed gazetteer data (empty when the package is not installed)."""
    try:
        from importlib.resources import files

        db = files("vietnamadminunits") / "data" / "dataset.db"
    except ModuleNotFoundError:
        return {}
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT provinceCode, districtShort, districtCode FROM admin_units_legacy"
        ).fetchall()
    finally:
        con.close()
    return {(p, _district_key(d)): c for p, d, c in rows}


PAGES_FILE = "mappings/web_pages.csv"
PAGES_COLUMNS = ["url", "title", "published", "evidence"]


def load_pages(raw_dir: Path) -> pd.DataFrame:
    """Printed titles and publication dates of cited pages (``data/raw/mappings/web_pages.csv``),
    each read from a stored copy of the page; pages not listed are cited by their address."""
    path = raw_dir / PAGES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=PAGES_COLUMNS)
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = set(PAGES_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    dupes = df["url"][df["url"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"{path}: pages listed twice: {dupes}")
    return df


def _sources(urls: pd.Series, pages: pd.DataFrame | None = None) -> pd.DataFrame:
    urls = sorted({u for u in urls if u})
    known = (pages if pages is not None else pd.DataFrame(columns=PAGES_COLUMNS)).set_index("url")
    title = known["title"].to_dict()
    published = known["published"].to_dict()
    return pd.DataFrame(
        {
            "source_id": [web_source_id(u) for u in urls],
            "kind": "web",
            "issuer": [urlparse(u).netloc or "project seed" for u in urls],
            "issued_date": [published.get(u, "") for u in urls],
            "title": [title.get(u) or UNTITLED_PAGE for u in urls],
            "url": urls,
            "note": [
                "page cited by the curated reference tables"
                + ("; title and date from " + PAGES_FILE if u in title else "")
                + "; see data/README.md for what the curation verified"
                for u in urls
            ],
        }
    )


def _recognitions(raw_dir: Path) -> pd.DataFrame:
    df = _read(raw_dir, "haiphong_commune_recognitions.csv")
    if df.empty:
        return df
    return pd.DataFrame(
        {
            "commune_name": df["commune_old"],
            "district_name": df["district_old"],
            "province_name": df["province_old"],
            "unit_code": df["legacy_ward_code"],
            "admin_vintage": df["legacy_ward_code"].map(lambda c: "legacy" if c else ""),
            "year": df["year"],
            "record_kind": "recognition",
            "tier": df["tier"],
            "model_field": df["model_field"],
            "decision": df["decision"],
            "source_id": df["source_url"].map(web_source_id),
            "source_locator": df.apply(_locator, axis=1),
            "note": df["note"],
            "raw_row": df["raw_row"],
        }
    )


_PROVINCE_CODES = {"Hải Phòng": "31", "Hải Dương": "30"}
# Region codes of the programme's regional targets (see the reference README).
REGIONS = {
    "TDMNPB": "Trung du và miền núi phía Bắc",
    "DBSH": "Đồng bằng sông Hồng",
    "BTB": "Bắc Trung Bộ",
    "DHNTB": "Duyên hải Nam Trung Bộ",
    "TN": "Tây Nguyên",
    "DNB": "Đông Nam Bộ",
    "DBSCL": "Đồng bằng sông Cửu Long",
}


def _aggregates(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    df = _read(raw_dir, "haiphong_aggregates.csv")
    if df.empty:
        return df, df
    rows_f, rows_t = [], []
    for r in df.to_dict("records"):
        unit, qualifier = _unit(r["unit"])
        if qualifier == "exact":
            qualifier = note_qualifier(r["note"], r["value"], unit) or qualifier
        district = r["district_old"]
        province = _PROVINCE_CODES.get(r["province_old"], "")
        area = {
            "area_name": district or r["province_old"],
            "area_level": "district" if district else "province",
            "area_code": _district_codes().get((province, _district_key(district)), "")
            if district
            else province,
        }
        area["admin_vintage"] = "legacy" if area["area_code"] else ""
        common = {
            **area,
            "unit": unit,
            "qualifier": qualifier,
            "source_id": web_source_id(r["source_url"]),
            "source_locator": _locator(pd.Series(r)),
            "note": "; ".join(x for x in (r["note"], f"unit as curated: {r['unit']}") if x),
            "raw_row": r["raw_row"],
        }
        when = _when(r["year"])
        if r["measure"].startswith("target_"):
            year = when["year"] or r["year"][-4:]
            rows_t.append(
                {
                    **common,
                    "year": year,
                    "measure": r["measure"][len("target_") :],
                    "target_value": r["value"],
                }
            )
        else:
            rows_f.append(
                {
                    **common,
                    **when,
                    "as_of": as_of_in(r["note"]),
                    "measure": r["measure"],
                    "value": r["value"],
                }
            )
    return pd.DataFrame(rows_f), pd.DataFrame(rows_t)


_POST_2025 = " [post-2025 merged province]"


def _province_area(name: str, codes: dict[str, dict[str, str]]) -> dict[str, str]:
    """Area columns of a curated province name (legacy code; 2025 code for merged provinces)."""
    if name == "National":
        return {
            "area_name": "Việt Nam",
            "area_level": "country",
            "area_code": "",
            "admin_vintage": "",
        }
    if name.startswith("National (region"):
        return {"area_name": name, "area_level": "region", "area_code": "", "admin_vintage": ""}
    vintage = "2025" if name.endswith(_POST_2025) else "legacy"
    short = name.removesuffix(_POST_2025)
    code = codes[vintage].get(short, "")
    return {
        "area_name": short,
        "area_level": "province",
        "area_code": code,
        "admin_vintage": vintage if code else "",
    }


def _province_figures(raw_dir: Path) -> pd.DataFrame:
    df = _read(raw_dir, "province_figures.csv")
    codes = _province_codes()
    rows = []
    for r in df.to_dict("records"):
        unit, qualifier = _unit(r["unit"])
        as_of = leading_date(r["as_of"])
        when = _when(r["year"])
        note = "; ".join(
            x
            for x in (
                r["note"],
                "" if r["as_of"].strip() in ("", as_of) else f"as of: {r['as_of']}",
                f"unit as curated: {r['unit']}",
            )
            if x
        )
        rows.append(
            {
                **_province_area(r["province"], codes),
                **when,
                "as_of": as_of,
                "measure": r["measure"],
                "value": r["value"],
                "unit": unit,
                "qualifier": qualifier,
                "source_id": web_source_id(r["source_url"]),
                "source_locator": _locator(pd.Series(r)),
                "note": note,
                "raw_row": r["raw_row"],
            }
        )
    return pd.DataFrame(rows)


def _program(raw_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    df = _read(raw_dir, "program_targets.csv")
    rows_f, rows_t = [], []
    for r in df.to_dict("records"):
        unit, qualifier = _unit(r["unit"])
        common = {
            "area_name": "Việt Nam",
            "area_level": "country",
            "area_code": "",
            "admin_vintage": "",
            "unit": unit,
            "source_id": web_source_id(r["source_url"]),
            "source_locator": _locator(pd.Series(r)),
            "note": "; ".join(x for x in (r["legal_basis"], f"unit as curated: {r['unit']}") if x),
            "raw_row": r["raw_row"],
        }
        period = r["period"][:9]
        item, value = r["item"], r["value"]
        if item.startswith("result_"):  # reported outcome, e.g. result_2025-06_communes_ntm
            _, as_of, measure = item.split("_", 2)
            rows_f.append(
                {
                    **common,
                    "year": as_of[:4],
                    "as_of": as_of,
                    "period": "",
                    "measure": measure,
                    "value": value,
                    "qualifier": qualifier,
                }
            )
            continue
        if _ISO.match(value):  # a date (effective date of a decision): kept as its year
            rows_f.append(
                {
                    **common,
                    "year": value[:4],
                    "as_of": value,
                    "period": "",
                    "measure": f"{item}_year",
                    "value": value[:4],
                    "unit": "year",
                    "qualifier": "exact",
                }
            )
            continue
        year = period[-4:]
        m = _NUM_RANGE.match(value)
        if m:  # a range target "17-19": two rows, at least the low end, at most the high
            for bound, q in ((m.group(1), "at_least"), (m.group(2), "at_most")):
                rows_t.append(
                    {
                        **common,
                        "year": year,
                        "measure": item,
                        "target_value": bound,
                        "qualifier": q,
                        "note": f"{common['note']}; range {value}",
                    }
                )
            continue
        q = bound_qualifier(item) or qualifier
        region = re.match(r"^(.*)_region_([A-Z]+)$", item)
        area = {}
        if region:  # communes_ntm_share_2025_region_DBSH: a regional target
            item = region.group(1)
            area = {
                "area_name": REGIONS.get(region.group(2), region.group(2)),
                "area_level": "region",
            }
        rows_t.append(
            {
                **common,
                **area,
                "year": year,
                "measure": item,
                "target_value": value,
                "qualifier": q,
                "note": f"{common['note']}; period {r['period']}",
            }
        )
    return pd.DataFrame(rows_f), pd.DataFrame(rows_t)


def stage(raw_dir: Path) -> dict[str, pd.DataFrame]:
    """Data-model rows from the reference files present under ``raw_dir/reference``."""
    facts_a, targets_a = _aggregates(raw_dir)
    facts_p, targets_p = _program(raw_dir)
    facts = [f for f in (facts_a, _province_figures(raw_dir), facts_p) if not f.empty]
    targets = [t for t in (targets_a, targets_p) if not t.empty]
    out: dict[str, pd.DataFrame] = {}
    recog = _recognitions(raw_dir)
    if not recog.empty:
        out["commune_status"] = recog
    dating = load_dating(raw_dir)
    if facts:
        staged = _apply_measures(pd.concat(facts, ignore_index=True), raw_dir)
        out["facts"] = _apply_dating(staged, dating)
        unused = _unused_dating(dating, out["facts"]["raw_row"].tolist())
        if unused:
            warnings.warn(
                f"{DATING_FILE}: rows naming no staged fact: {', '.join(unused)}", stacklevel=2
            )
    if targets:
        out["targets"] = pd.concat(targets, ignore_index=True)
    urls = [
        _read(raw_dir, n).get("source_url", pd.Series(dtype=str))
        for n in (
            "haiphong_commune_recognitions.csv",
            "haiphong_aggregates.csv",
            "province_figures.csv",
            "program_targets.csv",
        )
    ]
    urls = pd.concat(urls, ignore_index=True) if urls else pd.Series(dtype=str)
    if len(urls):
        src = _sources(urls, load_pages(raw_dir))
        out["sources"] = src.assign(raw_row="reference:" + src["source_id"])
    return out
