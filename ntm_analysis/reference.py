"""Stage the curated reference tables (``data/raw/reference/*.csv``) into data-model rows.

The reference files are verbatim copies of the project's curated tables (Hải Phòng/Hải Dương
commune recognitions and aggregates, province figures, programme targets); every row cites
the web page it was read from. This stager turns each row into a row of `facts`, `targets`
or `commune_status`, registers each cited page as a `sources` row (``web_`` + the first ten
hex digits of the URL's SHA-1) and leaves every judgement to the build's validation: a row
that cannot be typed is rejected there with its reason, never dropped here.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

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


def _unit(unit: str) -> tuple[str, str]:
    """Our unit name and the qualifier a unit text implies ("tỷ đồng (more than)")."""
    u = unit.strip()
    qualifier = "exact"
    if "more than" in u or "trên" in u:
        qualifier = "more_than"
    elif "approx" in u or "khoảng" in u:
        qualifier = "approx"
    elif "(dưới)" in u:
        qualifier = "less_than"
    low = u.lower()
    if low.startswith("%") or low.startswith("% "):
        return "pct", qualifier
    if low.startswith("tỷ đồng") or low.startswith("bn vnd"):
        return ("bn_vnd_per_commune" if "per commune" in low else "bn_vnd"), qualifier
    if low.startswith("million vnd/person/year") or low.startswith("mn vnd/person/year"):
        return "mn_vnd_per_person_year", qualifier
    if low.startswith("criteria"):
        return "criteria_per_commune" if "commune" in low else "criteria", qualifier
    return u, qualifier


def _when(year: str) -> dict[str, str]:
    if _YEAR.match(year):
        return {"year": year, "period": ""}
    if _RANGE.match(year):
        return {"year": "", "period": year}
    return {"year": "", "period": ""}


_AS_OF = re.compile(r"as of (?:(\d{1,2})/)?(\d{1,2})/(\d{4})")


def as_of_in(note: str) -> str:
    """ISO date of an "as of DD/MM/YYYY" or "as of MM/YYYY" phrase in a curated note.

    >>> as_of_in("as of 03/01/2025 (43.04%)"), as_of_in("as of 08/2017"), as_of_in("")
    ('2025-01-03', '2017-08', '')
    """
    m = _AS_OF.search(note or "")
    if not m:
        return ""
    day, month, year = m.groups()
    return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _sources(urls: pd.Series) -> pd.DataFrame:
    urls = sorted({u for u in urls if u})
    return pd.DataFrame(
        {
            "source_id": [web_source_id(u) for u in urls],
            "kind": "web",
            "issuer": [urlparse(u).netloc or "project seed" for u in urls],
            "title": "Page cited by the curated reference tables (stored copy read via search)",
            "url": urls,
            "note": "see data/README.md for what the curation verified",
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
        district = r["district_old"]
        area = {
            "area_name": district or r["province_old"],
            "area_level": "district" if district else "province",
            "area_code": "" if district else _PROVINCE_CODES.get(r["province_old"], ""),
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


def _province_area(name: str) -> dict[str, str]:
    if name == "National":
        return {"area_name": "Việt Nam", "area_level": "country"}
    if name.startswith("National (region"):
        return {"area_name": name, "area_level": "region"}
    return {"area_name": name, "area_level": "province"}


def _province_figures(raw_dir: Path) -> pd.DataFrame:
    df = _read(raw_dir, "province_figures.csv")
    rows = []
    for r in df.to_dict("records"):
        unit, qualifier = _unit(r["unit"])
        as_of = r["as_of"] if _ISO.match(r["as_of"]) else ""
        when = _when(r["year"])
        if not (when["year"] or when["period"] or as_of):  # "2022 (mid-year)", "… 2021-2025 period"
            span = re.search(r"(\d{4})-(\d{4})", r["as_of"])
            single = re.search(r"\b(\d{4})\b", r["as_of"])
            if span:
                when["period"] = span.group(0)
            elif single:
                when["year"] = single.group(1)
        note = "; ".join(
            x
            for x in (
                r["note"],
                "" if as_of or not r["as_of"] else f"as of: {r['as_of']}",
                f"unit as curated: {r['unit']}",
            )
            if x
        )
        rows.append(
            {
                **_province_area(r["province"]),
                "area_code": "",
                "admin_vintage": "",
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
        q = (
            "at_least"
            if item.endswith("_min")
            else ("at_most" if item.endswith("_max") else qualifier)
        )
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
    if facts:
        out["facts"] = pd.concat(facts, ignore_index=True)
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
        src = _sources(urls)
        out["sources"] = src.assign(raw_row="reference:" + src["source_id"])
    return out
