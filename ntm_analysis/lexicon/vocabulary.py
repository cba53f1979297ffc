"""The programme's words as data: tiers, criterion statuses, funding categories, money units,
funding flows, model-commune fields, admin-unit types, document types (Thông báo, Báo cáo…),
the units figures are stated in, the names of the measures readers see, and the words of table
rows that sum or head other rows (aggregates: "Tổng cộng", "Toàn huyện", "Trong đó"), and the
caveats a curated note states about a figure's scope or base (caveats: "scope ambiguous").

Each domain is two small CSV files in ``ntm_analysis/data/lexicon``: its keys with labels and
attributes in ``terms.csv`` (one row per domain and key), and its spellings in
``<domain>.csv`` (``key, text, scope``). Every channel — spreadsheets, report extraction,
matching, the data dictionary, charts and maps — reads them from here; a spelling is added by
adding a row.

Scopes: ``any`` (anywhere), ``cell`` (only as a whole cell, e.g. "x", "NC"), ``header`` (table
headers, titles and notes, not running text), ``prose`` (running text only), ``abbrev`` (an
abbreviated unit-type prefix such as "TT." or "P."). "A … B" in a spelling means A, then B
later in the same text.

Matching is diacritic-aware: a letter written with a mark in the spelling matches that letter
or the bare letter, never another mark, so "đồng" matches "đồng" and "dong" but not "đóng"
("Nhân dân đóng góp" is a funding category, never a unit). Where spellings overlap, the
longest wins.

>>> tier_of("Xã NTM nâng cao"), status_of("Đ"), money_unit_of("ĐVT: Triệu đồng")
('advanced', 'met', 'trieu')
>>> funding_category_of("Nhân dân đóng góp"), money_unit_of("Nhân dân đóng góp")
('community', None)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ntm_analysis.lexicon.textnorm import normalize, strip_diacritics
from ntm_analysis.paths import PACKAGE_DATA

LEXICON_DIR = PACKAGE_DATA / "lexicon"
DOMAINS = (
    "tiers",
    "criterion_statuses",
    "funding_categories",
    "money_units",
    "funding_flows",
    "model_fields",
    "unit_types",
    "document_types",
    "value_units",
    "measures",
    "aggregates",
    "caveats",
)
SCOPES = ("any", "cell", "header", "prose", "abbrev")
LANGS = ("vi", "en")
GAP = "…"


@dataclass(frozen=True)
class Term:
    """One key of a domain with its labels and attributes (a row of ``terms.csv``)."""

    domain: str
    key: str
    order: int
    value: int | None
    level: str
    label_vi: str
    label_en: str
    short_vi: str
    short_en: str

    def label(self, lang: str = "vi", short: bool = False) -> str:
        """The display name in ``lang`` (``short`` for the abbreviated form)."""
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
        return getattr(self, f"{'short' if short else 'label'}_{lang}")


@dataclass(frozen=True)
class Spelling:
    """One way a key is written: the text as given in its domain's CSV, and its scope."""

    domain: str
    key: str
    text: str
    scope: str


@dataclass(frozen=True)
class Found:
    """A spelling found in a text: the key, and where (start, end) in that text."""

    domain: str
    key: str
    start: int
    end: int
    spelling: str


def _check_domain(domain: str) -> None:
    if domain not in DOMAINS:
        raise KeyError(f"no vocabulary domain {domain!r}; domains are {', '.join(DOMAINS)}")


@cache
def _terms() -> dict[str, tuple[Term, ...]]:
    out: dict[str, list[Term]] = {d: [] for d in DOMAINS}
    with (LEXICON_DIR / "terms.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            _check_domain(r["domain"])
            out[r["domain"]].append(
                Term(
                    domain=r["domain"],
                    key=r["key"],
                    order=int(r["order"]),
                    value=int(r["value"]) if r["value"] else None,
                    level=r["level"],
                    label_vi=r["label_vi"],
                    label_en=r["label_en"],
                    short_vi=r["short_vi"],
                    short_en=r["short_en"],
                )
            )
    return {d: tuple(sorted(ts, key=lambda t: t.order)) for d, ts in out.items()}


def terms(domain: str) -> tuple[Term, ...]:
    """The keys of ``domain`` in their stated order."""
    _check_domain(domain)
    return _terms()[domain]


def keys(domain: str, level: str | None = None) -> tuple[str, ...]:
    """The keys of ``domain`` in order; with ``level``, only keys of that level ('' = none).

    >>> keys("tiers", level="")
    ('none', 'ntm', 'advanced', 'model')
    """
    return tuple(t.key for t in terms(domain) if level is None or t.level == level)


def term(domain: str, key: str) -> Term:
    """The term ``key`` of ``domain``; KeyError names the known keys."""
    for t in terms(domain):
        if t.key == key:
            return t
    raise KeyError(f"{key!r} is not a key of {domain} ({', '.join(keys(domain))})")


def label(domain: str, key: str, lang: str = "vi", short: bool = False) -> str:
    """Display name of ``key``.

    >>> label("tiers", "advanced"), label("funding_categories", "community", "en")
    ('NTM nâng cao', 'Community contributions')
    """
    return term(domain, key).label(lang, short)


@cache
def spellings(domain: str) -> tuple[Spelling, ...]:
    """Every spelling of ``domain`` (rows of ``<domain>.csv``), checked against its keys."""
    known = set(keys(domain))
    out = []
    with (LEXICON_DIR / f"{domain}.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["key"] not in known:
                raise ValueError(f"{domain}.csv: {r['key']!r} is not a key in terms.csv")
            if r["scope"] not in SCOPES:
                raise ValueError(f"{domain}.csv: scope {r['scope']!r} is not one of {SCOPES}")
            out.append(Spelling(domain, r["key"], normalize(r["text"]), r["scope"]))
    return tuple(out)


# ---------------------------------------------------------------------------- matching


def _char_pattern(ch: str) -> str:
    bare = strip_diacritics(ch)
    if bare != ch and bare.isalpha():
        return f"[{re.escape(ch)}{re.escape(bare)}]"
    if ch == " ":
        return r"\s+"
    if ch == ".":
        return r"\.\s*"
    return re.escape(ch)


def spelling_pattern(text: str) -> str:
    """Regex (use with re.IGNORECASE) for a spelling, diacritic-aware, on word boundaries.

    >>> rx = re.compile(spelling_pattern("triệu đồng"), re.I)
    >>> [bool(rx.search(t)) for t in ("Triệu đồng", "trieu dong", "triệu đóng")]
    [True, True, False]
    """
    parts = []
    for piece in normalize(text).split(GAP):
        piece = piece.strip()
        body = "".join(_char_pattern(c) for c in piece)
        start = r"(?<!\w)" if piece[:1].isalnum() else ""
        end = r"(?!\w)" if piece[-1:].isalnum() else ""
        parts.append(f"{start}{body}{end}")
    return r".{0,60}?".join(parts)


def _scopes(scope: str) -> tuple[str, ...]:
    return {"header": ("any", "header"), "prose": ("any", "prose"), "cell": SCOPES}[scope]


@cache
def _compiled(domain: str, scope: str) -> tuple[tuple[Spelling, re.Pattern[str]], ...]:
    chosen = [s for s in spellings(domain) if s.scope in _scopes(scope) and s.scope != "abbrev"]
    # longer spellings first, so that among overlaps the longest wins
    chosen.sort(key=lambda s: -len(s.text.replace(GAP, "")))
    return tuple((s, re.compile(spelling_pattern(s.text), re.I)) for s in chosen)


def scan(text: str, domains: tuple[str, ...] | list[str], scope: str = "header") -> list[Found]:
    """Spellings of ``domains`` found in ``text``: non-overlapping, longest first, in order.

    >>> [(f.domain, f.key) for f in scan("Nhân dân đóng góp (triệu đồng)",
    ...                                   ["funding_categories", "money_units"])]
    [('funding_categories', 'community'), ('money_units', 'trieu')]
    """
    text = normalize(text)
    cands = []
    for d in domains:
        _check_domain(d)
        for s, rx in _compiled(d, scope):
            cands.extend((s, m.start(), m.end()) for m in rx.finditer(text))
    cands.sort(key=lambda c: (-len(c[0].text.replace(GAP, "")), c[1]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, a, b in cands:
        if any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        out.append(Found(s.domain, s.key, a, b, s.text))
    return sorted(out, key=lambda f: f.start)


def cell_key(domain: str, value: object) -> str | None:
    """The key a whole cell spells (any scope but prose), or None.

    >>> cell_key("criterion_statuses", " x "), cell_key("tiers", "NTMKM")
    ('met', 'model')
    """
    text = normalize(str(value)).strip(" .:;,")
    if not text:
        return None
    for s, rx in _compiled(domain, "cell"):
        if s.scope != "prose" and rx.fullmatch(text):
            return s.key
    return None


def first_key(
    domain: str, text: str, scope: str = "header", context: tuple[str, ...] = ()
) -> str | None:
    """The key of ``domain`` named in ``text`` that comes first in the domain's order.

    ``context`` lists other domains scanned at the same time, so that their longer spellings
    take their words first ("đóng góp" is not the unit "đồng").
    """
    found = [f.key for f in scan(text, (domain, *context), scope) if f.domain == domain]
    if not found:
        return None
    order = {k: i for i, k in enumerate(keys(domain))}
    return min(found, key=order.__getitem__)


# ---------------------------------------------------------------------------- per domain

# When a label names several tiers ("chưa đạt chuẩn NTM nâng cao"), the first of these wins.
_TIER_PRECEDENCE = ("model", "advanced", "none", "completed", "ntm")


def tier_of(text: str, scope: str = "header") -> str | None:
    """The tier a label or cell names (model, advanced, ntm, none, completed) or None.

    >>> tier_of("Đạt chuẩn NTM nâng cao"), tier_of("NC"), tier_of("chưa đạt chuẩn")
    ('advanced', 'advanced', 'none')
    """
    whole = cell_key("tiers", text)
    if whole:
        return whole
    found = {f.key for f in scan(text, ("tiers",), scope)}
    return next((t for t in _TIER_PRECEDENCE if t in found), None)


def status_of(value: object) -> str | None:
    """met / not_met / unknown for a criterion cell, or None when it is not a status."""
    return cell_key("criterion_statuses", value)


def money_unit_of(text: str, scope: str = "header") -> str | None:
    """The money unit key a text states (largest first when several), or None."""
    found = [
        f.key
        for f in scan(text, ("money_units", "funding_categories", "funding_flows"), scope)
        if f.domain == "money_units"
    ]
    return found[0] if found else None


def multiplier(unit_key: str) -> int:
    """VND per unit of a money-unit key (trieu → 1000000)."""
    value = term("money_units", unit_key).value
    if value is None:
        raise ValueError(f"money unit {unit_key!r} has no value in terms.csv")
    return value


def funding_category_of(text: str, scope: str = "header") -> str | None:
    """The funding category a header or phrase names (the first in the domain's order)."""
    return first_key("funding_categories", text, scope, context=("money_units", "funding_flows"))


def funding_whole(key: str) -> str:
    """The category a funding category is a part of ("central_investment" → "central"), or
    the key itself: a part's key is its whole's key and a suffix.

    >>> funding_whole("provincial_recurrent"), funding_whole("provincial")
    ('provincial', 'provincial')
    """
    head = key.rsplit("_", 1)[0]
    return head if head != key and head in keys("funding_categories") else key


def funding_budgets() -> tuple[str, ...]:
    """The budgets of the state (categories of level ``budget`` that are no part of another):
    the sources a title may state for the columns under it."""
    return tuple(k for k in keys("funding_categories", level="budget") if funding_whole(k) == k)


def flow_of(text: str, scope: str = "header") -> str | None:
    """The funding flow a title, note or phrase names, or None."""
    found = [
        f.key
        for f in scan(text, ("funding_flows", "funding_categories"), scope)
        if f.domain == "funding_flows"
    ]
    return found[0] if found else None


def model_field_of(text: str) -> str | None:
    """The model-commune field a cell or phrase names, or None."""
    return cell_key("model_fields", text) or first_key("model_fields", text)


def unit_type_names(level: str) -> tuple[str, ...]:
    """Full type names of one admin level, as written (e.g. 'Xã', 'Phường', 'Thị trấn')."""
    return tuple(dict.fromkeys(t.label_vi for t in terms("unit_types") if t.level == level))


def strip_unit_type(name: str, level: str) -> str:
    """``name`` without a leading full type name of ``level``, as written (case kept).

    >>> strip_unit_type("Thị trấn Bắc Sơn", "commune"), strip_unit_type("Xã", "commune")
    ('Bắc Sơn', 'Xã')
    """
    return _type_prefix(level).sub("", name, count=1)


@cache
def _type_prefix(level: str) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in unit_type_names(level))
    return re.compile(rf"^(?:{names})\s+")


def unit_type_abbreviations(level: str) -> dict[str, str]:
    """Abbreviated prefixes of one level, lower case without marks → full type name.

    >>> unit_type_abbreviations("commune")["tt"]
    'Thị trấn'
    """
    names = {t.key: t.label_vi for t in terms("unit_types") if t.level == level}
    return {
        strip_diacritics(s.text).lower(): names[s.key]
        for s in spellings("unit_types")
        if s.scope == "abbrev" and s.key in names
    }


def unit_type_of(prefix: str, level: str | None = None) -> str | None:
    """The unit-type key of a written prefix ('Xã', 'TT.', 'phuong'), optionally within a level."""
    text = normalize(prefix).rstrip(".").strip()
    bare = strip_diacritics(text).lower()
    for s in spellings("unit_types"):
        t = term("unit_types", s.key)
        if level and t.level != level:
            continue
        if s.scope == "abbrev" and bare == strip_diacritics(s.text).lower():
            return s.key
        if s.scope != "abbrev" and re.fullmatch(spelling_pattern(s.text), text, re.I):
            return s.key
    return None


def document_type_of(document_no: str) -> str:
    """The document type a Vietnamese document number names ('02/TB-VP' → thong_bao); a number
    without a type abbreviation ('687/UBND-NN') is a công văn (Nghị định 30/2020/NĐ-CP).

    >>> document_type_of("02/TB-VP"), document_type_of("687/UBND-NN"), document_type_of("")
    ('thong_bao', 'cong_van', 'cong_van')
    """
    symbol = normalize(document_no or "").split("/", 1)[-1].split("-", 1)[0].strip().upper()
    for t in terms("document_types"):
        if t.short_vi and t.short_vi.upper() == symbol:
            return t.key
    return "cong_van"


def has_label(domain: str, key: str) -> bool:
    """True when ``key`` is a key of ``domain``."""
    return key in keys(domain)
