"""What a commune formed by a merger inherits from the communes it was formed from.

The rule is data (``ntm_analysis/data/merged_commune_rules.csv``, one row per reform, each with
the document and page it comes from). For the 2023–2025 rearrangement the Ministry of
Agriculture and Rural Development's letter 5424/BNN-VPĐP (09/08/2023) has a merged commune
assessed and acknowledged anew by the province; for the communes formed on 01/07/2025 no rule
was found. So a 2025 commune gets no tier from its predecessors: `predecessor_summary` lists
their statuses and says what they share ("all at least advanced", or which are unknown),
and only a rule of kind ``inherit_lowest`` would turn that into a tier.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ntm_analysis import paths
from ntm_analysis.analysis.status_terms import TIER_RANK, at_least, record_text
from ntm_analysis.lexicon import formats, vocabulary

RULES_FILE = paths.PACKAGE_DATA / "merged_commune_rules.csv"
RULE_KINDS = ("review_required", "none_found", "inherit_lowest")
SUMMARY_COLUMNS = [
    "n_predecessors",
    "n_in_programme",
    "n_known",
    "predecessor_floor",
    "predecessor_top",
    "predecessor_state",
    "inherited_tier",
    "predecessors",
    "predecessor_as_of",
]
_TEXT = {
    "part": {"vi": "một phần", "en": "part"},
    "out": {"vi": "ngoài chương trình", "en": "outside the programme"},
    "unknown": {"vi": "chưa rõ", "en": "unknown"},
}


@cache
def merged_commune_rules() -> pd.DataFrame:
    """The rules per reform (see the module docstring), with their documents and pages."""
    rules = pd.read_csv(RULES_FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    bad = set(rules["rule"]) - set(RULE_KINDS)
    if bad:
        raise ValueError(f"{RULES_FILE.name}: unknown rule kinds {sorted(bad)}")
    return rules


def rule_for(vintage: str) -> dict[str, str]:
    """The rule for units of ``vintage`` formed by a merger ({} when none is recorded)."""
    rules = merged_commune_rules()
    hit = rules[rules["vintage"] == vintage]
    return hit.iloc[-1].to_dict() if len(hit) else {}


def cited_rule(lang: str = "vi") -> str:
    """The rule that governs merged communes, as a reader finds it: document, issuer, date."""
    rules = merged_commune_rules()
    doc = rules[rules["document"] != ""]
    if doc.empty:
        return ""
    r = doc.iloc[-1]
    date = formats.date(r["issued_date"], lang)
    return f"{r['issuer']}, {r['document']}, {date}"


def _predecessor_text(r: pd.Series, lang: str) -> str:
    name = vocabulary.strip_unit_type(str(r["legacy_name"]), "commune")
    if r["legacy_type"] != "Xã":
        name = str(r["legacy_name"])
    part = f" ({_TEXT['part'][lang]})" if r["part"] else ""
    if not r["in_programme"]:
        return f"{name}{part}: {_TEXT['out'][lang]}"
    if pd.isna(r["tier_at_least"]):
        return f"{name}{part}: {_TEXT['unknown'][lang]}"
    return (
        f"{name}{part}: {record_text(str(r['tier_at_least']), str(r['basis']), r['as_of'], lang)}"
    )


def predecessor_summary(
    legacy_status: pd.DataFrame,
    crosswalk: pd.DataFrame,
    vintage: str = "2025",
    lang: str = "vi",
) -> pd.DataFrame:
    """For each 2025 unit, what its legacy communes' statuses say. Columns `SUMMARY_COLUMNS`.

    Args:
        legacy_status: The legacy status table (`status.status_table`) indexed by unit code,
            with ``unit_name``, ``unit_type``, ``in_programme``, ``tier_at_least``, ``basis``
            and ``as_of``.
        crosswalk: `gazetteer.load_crosswalk` rows (legacy communes only are used).
        vintage: The vintage of the new units (selects the rule).
        lang: Language of the ``predecessors`` text.

    ``predecessor_floor`` is the lowest tier all predecessors in the programme are known to
    hold (NA when one of them is unknown); ``predecessor_state`` is ``all_known``,
    ``partly_known``, ``none_known`` or ``none_in_programme``; ``inherited_tier`` is the floor
    only where the reform's rule is ``inherit_lowest``.
    """
    cw = crosswalk[crosswalk["legacy_level"] == "commune"]
    st = legacy_status.reindex(cw["legacy_code"].astype(str))
    links = pd.DataFrame(
        {
            "code_2025": cw["code_2025"].astype(str).to_numpy(),
            # the gazetteer's own name (the converter's key may differ in case: "Đồng ý")
            "legacy_name": st["unit_name"]
            .astype("object")
            .fillna(pd.Series(cw["legacy_name"].to_numpy(), index=st.index))
            .astype(str)
            .to_numpy(),
            "legacy_type": st["unit_type"].astype("object").to_numpy(),
            "part": (
                cw["is_split"].astype(bool) & ~cw["is_main"].fillna(False).astype(bool)
            ).to_numpy(),
            "in_programme": st["in_programme"].astype("object").to_numpy(),
            "tier_at_least": st["tier_at_least"].astype("object").to_numpy(),
            "basis": st["basis"].astype("object").to_numpy(),
            "as_of": st["as_of"].astype("object").fillna("").to_numpy(),
        }
    )
    links["in_programme"] = links["in_programme"].fillna(False).astype(bool)
    links["rank"] = links["tier_at_least"].map(TIER_RANK).astype("float64")
    inside = links[links["in_programme"]]
    g_all, g_in = links.groupby("code_2025"), inside.groupby("code_2025")
    out = pd.DataFrame({"n_predecessors": g_all.size()})
    out["n_in_programme"] = g_in.size().reindex(out.index).fillna(0).astype(int)
    out["n_known"] = g_in["rank"].count().reindex(out.index).fillna(0).astype(int)
    low, high = g_in["rank"].min().reindex(out.index), g_in["rank"].max().reindex(out.index)
    by_rank = {v: k for k, v in TIER_RANK.items()}
    all_known = (out["n_known"] == out["n_in_programme"]) & (out["n_in_programme"] > 0)
    out["predecessor_floor"] = low.map(by_rank).where(all_known)
    out["predecessor_top"] = high.map(by_rank)
    out["predecessor_state"] = "partly_known"
    out.loc[all_known, "predecessor_state"] = "all_known"
    out.loc[out["n_known"] == 0, "predecessor_state"] = "none_known"
    out.loc[out["n_in_programme"] == 0, "predecessor_state"] = "none_in_programme"
    inherit = rule_for(vintage).get("rule") == "inherit_lowest"
    out["inherited_tier"] = out["predecessor_floor"] if inherit else pd.NA
    links["text"] = [_predecessor_text(r, lang) for _, r in links.iterrows()]
    out["predecessors"] = g_all["text"].agg("; ".join).reindex(out.index)
    dated = links[links["as_of"] != ""]
    out["predecessor_as_of"] = dated.groupby("code_2025")["as_of"].max().reindex(out.index)
    out.index.name = "unit_code"
    return out[SUMMARY_COLUMNS]


def summary_text(row: pd.Series, lang: str = "vi") -> str:
    """One line on a 2025 unit's predecessors: 'Mọi xã cũ: ít nhất NTM nâng cao' or which
    are unknown.

    >>> summary_text(pd.Series({"predecessor_state": "all_known", "predecessor_floor": "advanced"}),
    ...     "en")
    'All former communes: at least advanced NTM'
    """
    state = row.get("predecessor_state")
    if state == "all_known":
        head = "Mọi xã cũ" if lang == "vi" else "All former communes"
        return f"{head}: {at_least(str(row['predecessor_floor']), lang)}"
    if state == "partly_known":
        k, n = row["predecessors_known"], row["predecessors_in_programme"]
        return (
            f"Chỉ {k}/{n} xã cũ có số liệu"
            if lang == "vi"
            else f"Only {k} of {n} former communes known"
        )
    if state == "none_in_programme":
        return (
            "Không có xã cũ thuộc chương trình"
            if lang == "vi"
            else "No former commune in the programme"
        )
    return "Các xã cũ không có số liệu" if lang == "vi" else "No former commune has a record"


def mixed(row: pd.Series) -> bool:
    """True when the known predecessors do not all hold the same tier."""
    return (
        bool(
            pd.notna(row.get("predecessor_top"))
            and pd.notna(row.get("predecessor_floor"))
            and row["predecessor_top"] != row["predecessor_floor"]
        )
        or row.get("predecessor_state") == "partly_known"
    )
