"""What a sheet says about itself above and around its table: the title block, note rows and
the sheet name.

Offices put a form's context in its title block rather than in columns: the national motto,
the agency lines ("UBND HUYỆN CAN LỘC"), "Số: …/BC-UBND", the title with the criteria set,
the year and the area inside it ("BIỂU TỔNG HỢP … XÃ NTM NÂNG CAO NĂM 2024 - HUYỆN CAN LỘC",
"… ĐẾN 31/12/2024"), "(Kèm theo Báo cáo số …)", "ĐVT: triệu đồng", labelled lines ("Tỉnh:
…", "Năm: 2024"), and a place-and-date line. `read_context` turns those texts into
statements (province, district, year, period, criteria set, money unit, funding flow, the
report attached to), each with where it was read. Area names are taken only when the
gazetteer knows them; a district name that is unique in the gazetteer implies its province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ntm_analysis.lexicon import criteria, vocabulary
from ntm_analysis.lexicon.textnorm import fold, normalize
from ntm_analysis.places import gazetteer
from ntm_analysis.sources.reports.terms import PLAN

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
_SET_ID = re.compile(r"\b(commune|district|village)_[a-z0-9_]+\b")
_LABELS = {
    "province": ("tinh", "tinh thanh pho", "thanh pho", "province", "ten tinh"),
    "district": (
        "huyen",
        "quan huyen",
        "huyen thi xa thanh pho",
        "huyen thi xa",
        "district",
        "ten huyen",
    ),
    "year": ("nam", "year", "nam bao cao", "nam danh gia", "nam thuc hien"),
}
# Lines that state nothing about the data: the motto, a document number, a place and date.
_SKIP = re.compile(
    r"^(cong hoa xa hoi chu nghia viet nam|doc lap tu do hanh phuc|so \S*\d|"
    r"[a-z ]{2,40} ngay \S+ thang \S+ nam \d{4}$|ngay \S+ thang \S+ nam \d{4}$)"
)
_ATTACHED = re.compile(r"^\(?\s*(kem theo|ban hanh kem theo|phu luc|phu bieu)\b")
_ENGLISH_TITLE = re.compile(r"\b(results?|report|criteria|funding|communes?|summary)\b")
_YEAR_WORDS = re.compile(r"\b(nam|year|den|tinh den|as of|by)\b")
# A title stating that the communes listed hold a tier: "(danh sách) xã (được công nhận)"
# right before a tier's spelling (tiers.csv: "đạt chuẩn NTM nâng cao", "NTM kiểu mẫu"). A
# title that assesses or follows progress ("mức độ đạt chuẩn", "đánh giá", "rà soát", "tiến
# độ", criteria) asks; it does not state.
_LISTED_TIER = re.compile(r"\bxa (?:da |duoc )?(?:cong nhan )?")
_NOT_A_LIST = re.compile(
    r"\b(tieu chi|criteria|muc do|muc dat|danh gia|tham dinh|ra soat|tien do|tinh hinh)\b"
)
_AS_OF = re.compile(r"\b(den|tinh den|luy ke|hien nay|as of)\b")
_STATED_TIERS = ("ntm", "advanced", "model")


def money_unit(text: str) -> int | None:
    """The money multiplier a text states (tỷ đồng → 10**9), or None.

    The unit words are the vocabulary's (`vocabulary.money_unit_of`), matched with their
    diacritics, so "Nhân dân đóng góp" names a source of funds, not the unit đồng.

    >>> money_unit("Đơn vị tính: triệu đồng"), money_unit("(billion VND)"), money_unit("Xã")
    (1000000, 1000000000, None)
    >>> money_unit("Nhân dân đóng góp"), money_unit("Nhan dan dong gop")
    (None, None)
    """
    key = vocabulary.money_unit_of(text)
    return None if key is None else vocabulary.multiplier(key)


def flow_word(text: str) -> str | None:
    """The funding flow a title, note or cell states (giải ngân → disbursed), or None.

    >>> flow_word("Loại vốn: giải ngân"), flow_word("Nhân dân đóng góp")
    ('disbursed', None)
    """
    return vocabulary.flow_of(text)


def budgets_in(text: str) -> list[str]:
    """The state budgets (`vocabulary.funding_budgets`) a title line names, in order: a part
    ("vốn đầu tư … NSTW") names its whole.

    >>> budgets_in("BIỂU TỔNG HỢP VỐN NGÂN SÁCH TRUNG ƯƠNG THỰC HIỆN CHƯƠNG TRÌNH NĂM 2024")
    ['central']
    >>> budgets_in("Nguồn vốn: NSTW và NSĐP"), budgets_in("KẾT QUẢ HUY ĐỘNG VỐN NĂM 2024")
    (['central', 'provincial'], [])
    """
    out: list[str] = []
    for f in vocabulary.scan(text, ("funding_categories",)):
        whole = vocabulary.funding_whole(f.key)
        if whole in vocabulary.funding_budgets() and whole not in out:
            out.append(whole)
    return out


def criteria_set_of(text: str) -> str | None:
    """The criteria set a title or note names, or None.

    >>> criteria_set_of("Bộ tiêu chí xã NTM nâng cao giai đoạn 2021-2025")
    'commune_advanced_2021_2025'
    >>> criteria_set_of("Bo tieu chi: commune_ntm_2021_2025")
    'commune_ntm_2021_2025'
    >>> criteria_set_of("KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NTM NÂNG CAO NĂM 2024")
    'commune_advanced_2021_2025'
    """
    raw = normalize(text).lower()
    m = _SET_ID.search(raw)
    if m and m.group(0) in set(criteria.known_sets()):
        return m.group(0)
    key = fold(text)
    if not re.search(r"\b(tieu chi|criteria)\b", key):
        return None
    named = {f.key for f in vocabulary.scan(text, ("tiers",))}
    if not (re.search(r"\b(xa|commune)\b", key) or "ntm" in named):
        return None
    if "2026 2030" in key or ("2026" in key and "2021 2025" not in key):
        return "commune_ntm_2026_2030"
    tier = vocabulary.tier_of(text)
    if tier == "model":
        return None
    return "commune_advanced_2021_2025" if tier == "advanced" else "commune_ntm_2021_2025"


def tier_stated(text: str) -> tuple[str, str] | None:
    """The tier a list's title says its communes hold, and whether it states recognitions in
    a year ("… ĐẠT CHUẨN NTM NÂNG CAO NĂM 2023") or a standing as of a date ("… ĐẾN
    31/12/2023": an assessment); None for other titles, plans and registrations included.

    >>> tier_stated("DANH SÁCH XÃ ĐẠT CHUẨN NÔNG THÔN MỚI NÂNG CAO NĂM 2023")
    ('advanced', 'recognition')
    >>> tier_stated("DANH SÁCH XÃ ĐẠT CHUẨN NÔNG THÔN MỚI TÍNH ĐẾN 31/12/2022")
    ('ntm', 'assessment')
    >>> [tier_stated(t) for t in ("DANH SÁCH XÃ ĐĂNG KÝ ĐẠT CHUẨN NTM NĂM 2025",
    ...     "KẾT QUẢ ĐÁNH GIÁ XÃ ĐẠT CHUẨN NTM NĂM 2023")]
    [None, None]
    """
    key = fold(text)
    if not _lists_tier(key) or _NOT_A_LIST.search(key) or PLAN.search(key):
        return None
    tier = vocabulary.tier_of(text)
    if tier not in _STATED_TIERS:
        return None
    return str(tier), "assessment" if _AS_OF.search(key) else "recognition"


def _lists_tier(key: str) -> bool:
    """Whether folded ``key`` says "xã" (and "đã / được công nhận") right before a tier."""
    starts = {f.start for f in vocabulary.scan(key, ("tiers",)) if f.key in _STATED_TIERS}
    return any(m.end() in starts for m in _LISTED_TIER.finditer(key))


@dataclass
class Stated:
    """A value stated in the title block, a note row or the sheet name, and where."""

    value: object
    row: int | None  # 0-based; None for the sheet name
    col: int | None


def _label_value(text: str) -> tuple[str, str] | None:
    """Split "Label: value" into folded label and value text."""
    m = re.match(r"^\(?\s*([^:：]{1,40}?)\s*[:：]\s*(.+?)\s*\)?$", text)
    if not m:
        return None
    return fold(m.group(1)), m.group(2).strip()


# ---------------------------------------------------------------------------- area names


@lru_cache(maxsize=1)
def _areas() -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]], set[str]]:
    """Folded province names → names; folded district names → (name, province) pairs; the
    folded names of provinces that are cities."""
    units = pd.concat(
        [gazetteer.load_units(v) for v in gazetteer.available_vintages()], ignore_index=True
    )
    provinces: dict[str, list[str]] = {}
    cities: set[str] = set()  # provinces that are cities (Thành phố Hải Phòng)
    p = units[units["level"] == "province"].drop_duplicates("unit_name_short")
    for name, utype in zip(p["unit_name_short"], p["unit_type"].fillna(""), strict=True):
        provinces.setdefault(fold(name), []).append(str(name))
        if utype != vocabulary.unit_type_names("province")[0]:
            cities.add(fold(name))
    districts: dict[str, list[tuple[str, str]]] = {}
    d = units[units["level"] == "district"].drop_duplicates(["unit_name", "province_name"])
    for name, prov in zip(d["unit_name_short"], d["province_name"], strict=True):
        short = vocabulary.strip_unit_type(str(prov), "province")
        pair = (str(name), short)
        districts.setdefault(fold(str(name)), [])
        if pair not in districts[fold(str(name))]:
            districts[fold(str(name))].append(pair)
    return provinces, districts, cities


@lru_cache(maxsize=1)
def _area_types() -> tuple[tuple[str, ...], ...]:
    """Unit types of province and district level as folded word tuples, longest first."""
    names = {fold(n) for lv in ("province", "district") for n in vocabulary.unit_type_names(lv)}
    abbrevs = {
        a for lv in ("province", "district") for a in vocabulary.unit_type_abbreviations(lv)
    } - {"t", "h", "q"}
    return tuple(sorted((tuple(x.split()) for x in names | abbrevs), key=len, reverse=True))


def _name_at(words: list[str], i: int, kind: str) -> tuple[tuple[str, str, str] | None, int]:
    """The area named by the words after a unit type at ``i`` and how many words it took."""
    provinces, districts, cities = _areas()
    for n in range(min(4, len(words) - i), 0, -1):
        name = " ".join(words[i : i + n])
        city = kind in ("thanh pho", "tp")
        if (kind == "tinh" or (city and name in cities)) and len(provinces.get(name, [])) == 1:
            return ("province", provinces[name][0], ""), n
        if kind != "tinh" and name in districts:
            found = districts[name]
            prov = found[0][1] if len({p for _, p in found}) == 1 else ""
            return ("district", found[0][0], prov), n
    return None, 0


def areas_in(text: str) -> list[tuple[str, str, str]]:
    """(level, name, province) of each province or district a title text names.

    >>> areas_in("BIỂU TỔNG HỢP ... NĂM 2024 - HUYỆN CAN LỘC")
    [('district', 'Can Lộc', 'Hà Tĩnh')]
    >>> areas_in("Huyện Can Lộc, tỉnh Hà Tĩnh")
    [('district', 'Can Lộc', 'Hà Tĩnh'), ('province', 'Hà Tĩnh', '')]
    """
    words = re.sub(r"\b(ubnd|uy ban nhan dan)\b", " ", fold(text)).split()
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(words):
        for t in _area_types():
            if tuple(words[i : i + len(t)]) == t:
                found, n = _name_at(words, i + len(t), " ".join(t))
                if found:
                    out.append(found)
                    i += len(t) + n - 1
                break
        i += 1
    return out


@lru_cache(maxsize=1)
def _unit_names() -> dict[str, frozenset[str]]:
    """Folded short names of every unit of each level, over every vintage."""
    return {level: frozenset(k for _, k in pairs) for level, pairs in _named_units().items()}


@lru_cache(maxsize=1)
def _named_units() -> dict[str, frozenset[tuple[str, str]]]:
    """(folded province short name, folded short name) of every unit of each level, over
    every vintage."""
    units = pd.concat(
        [gazetteer.load_units(v) for v in gazetteer.available_vintages()], ignore_index=True
    )
    prov = (
        units["province_name"]
        .fillna("")
        .map(lambda n: fold(vocabulary.strip_unit_type(str(n), "province")))
    )
    short = units["unit_name_short"].fillna("").map(fold)
    return {
        level: frozenset(zip(prov[units["level"] == level], short[units["level"] == level]))
        for level in ("province", "district", "commune")
    }


def name_levels(text: str, province: str = "") -> frozenset[str]:
    """The levels at which the gazetteer (any vintage) knows a name, within ``province``
    when it is given: a name with its type has that type's level only.

    >>> sorted(name_levels("Xã Liên Thành")), sorted(name_levels("Bắc Sơn", "Lạng Sơn"))
    (['commune'], ['commune', 'district'])
    """
    key = fold(text)
    levels: tuple[str, ...] = ("province", "district", "commune")
    for t, level in _unit_types():
        if key.startswith(t + " "):
            key, levels = key[len(t) + 1 :], (level,)
            break
    prov = fold(vocabulary.strip_unit_type(normalize(province), "province"))
    named = _named_units()
    if not prov:
        return frozenset(lv for lv in levels if key in _unit_names()[lv])
    return frozenset(lv for lv in levels if (prov if lv != "province" else key, key) in named[lv])


@lru_cache(maxsize=1)
def _unit_types() -> tuple[tuple[str, str], ...]:
    """(folded unit type, level) of every type, abbreviations with a dot included, longest
    first."""
    out = set()
    for level in ("province", "district", "commune"):
        out |= {(fold(n), level) for n in vocabulary.unit_type_names(level)}
        out |= {(a, level) for a in vocabulary.unit_type_abbreviations(level) if len(a) > 1}
    return tuple(sorted(out, key=lambda t: -len(t[0])))


@lru_cache(maxsize=65536)
def is_place(text: str) -> bool:
    """A cell that names one unit with its type ("Xã Liên Thành", "Huyện Yên Thành",
    "TT. Nghèn"): a place, the label of a data row or a heading, never a column header.

    >>> is_place("Xã Liên Thành"), is_place("Tên xã"), is_place("Xã, phường")
    (True, False, False)
    """
    key = fold(text)
    typed = [(key[len(t) + 1 :], lv) for t, lv in _unit_types() if key.startswith(t + " ")]
    if not typed:  # the gazetteer's names load only for a typed cell, the legacy ones first
        return False
    return any(n in _legacy_names()[lv] for n, lv in typed) or any(
        n in _unit_names()[lv] for n, lv in typed
    )


@lru_cache(maxsize=1)
def _legacy_names() -> dict[str, frozenset[str]]:
    """Folded short names of every legacy unit of each level (most sheets name these)."""
    units = gazetteer.load_units("legacy")
    short = units["unit_name_short"].fillna("").map(fold)
    return {
        lv: frozenset(short[units["level"] == lv]) for lv in ("province", "district", "commune")
    }


@lru_cache(maxsize=65536)
def names_a_unit(text: str) -> bool:
    """A cell written as a unit's type and a proper name ("Xã Hoa Mai", "Huyện Tân Kỳ"),
    known to the gazetteer or not; a type before the programme's words ("Xã NTM nâng cao",
    "Xã đạt chuẩn") names no unit.

    >>> [names_a_unit(t) for t in ("Xã Hoa Mai", "Xã NTM nâng cao", "Xã đạt chuẩn", "Tên xã")]
    [True, False, False, False]
    """
    words = normalize(text).split()
    key = fold(" ".join(words))
    for t, _ in _unit_types():
        if key.startswith(t + " "):
            rest = words[len(t.split()) :]
            return bool(rest) and rest[0][:1].isupper() and not vocabulary.tier_of(" ".join(rest))
    return False


_NAMED_BEFORE = {"district": "huyen", "province": "tinh"}


def _english_areas(text: str) -> str:
    """An English title's areas with their type after the name ("Duc Tho district, Ha Tinh
    province") as a Vietnamese title writes them ("huyen duc tho tinh ha tinh")."""
    out = []
    for part in re.split(r"[,;()]", text):
        words = fold(part).split()
        if len(words) > 1 and words[-1] in _NAMED_BEFORE:
            # the name is the last words before the type: at most four
            out.append(f"{_NAMED_BEFORE[words[-1]]} {' '.join(words[-5:-1])}")
    return " ".join(out)


def _add_areas(
    out: dict[str, list[Stated]], text: str, r: int | None, c: int | None, labelled: str
) -> None:
    found = areas_in(text) or areas_in(_english_areas(text))
    for level, name, prov in found:
        if labelled and level != labelled:
            continue
        out.setdefault(level, []).append(Stated(name, r, c))
        if prov:
            out.setdefault("implied_province", []).append(Stated(prov, r, c))


# ---------------------------------------------------------------------------- context


def _year_of(text: str, key: str) -> int | None:
    """The one year a title line states ("NĂM 2024", "ĐẾN 31/12/2024"), or None."""
    years = set(_YEAR.findall(text))
    if len(years) == 1 and (_YEAR_WORDS.search(key) or re.search(r"\d/\d{4}", text)):
        return int(years.pop())
    # an English title names the year bare: "Commune criteria results 2023, Duc Tho …"
    if len(years) == 1 and _ENGLISH_TITLE.search(key) and len(re.findall(r"\d", text)) == 4:
        return int(years.pop())
    return None


def _statements(out: dict[str, list[Stated]], r: int, c: int, text: str) -> None:
    """Add what one text of the title block or a note row states."""
    key = fold(text)
    if _SKIP.match(key):
        return
    if _ATTACHED.match(key):
        out.setdefault("attached", []).append(Stated(text.strip("() "), r, c))
        rest = _annex_title(text)
        if rest:  # "PHỤ LỤC KẾT QUẢ … NÂNG CAO NĂM 2024": the title follows the label
            _statements(out, r, c, rest)
        return
    lv = _label_value(text)
    label = lv[0] if lv else ""
    value = lv[1] if lv else text
    for level in ("province", "district"):
        if lv and label in _LABELS[level]:
            out.setdefault(level, []).append(Stated(value, r, c))
            return
    unit = money_unit(text)
    if unit is not None:
        out.setdefault("unit", []).append(Stated(unit, r, c))
    cs = criteria_set_of(text)
    if cs:
        out.setdefault("criteria_set", []).append(Stated(cs, r, c))
    flow = flow_word(text)
    if flow:
        out.setdefault("flow", []).append(Stated(flow, r, c))
    listed = tier_stated(text)
    if listed:
        out.setdefault("tier", []).append(Stated(listed[0], r, c))
        out.setdefault("tier_record", []).append(Stated(listed[1], r, c))
    if lv and label in _LABELS["year"] and _YEAR.fullmatch(value.strip()):
        out.setdefault("year", []).append(Stated(int(value.strip()), r, c))
        return
    rest = text
    p = _PERIOD.search(text)
    if p:
        rest = _PERIOD.sub(" ", text)
        if not cs:
            out.setdefault("period", []).append(Stated(f"{p.group(1)}-{p.group(2)}", r, c))
    year = _year_of(rest, fold(rest))
    if year is not None:
        out.setdefault("year", []).append(Stated(year, r, c))
    _add_areas(out, text, r, c, "")


_ANNEX_NUMBER = re.compile(r"(so|\d+[a-z]?|[ivxlc]+)")
_ENCLOSED = re.compile(r"\([^()]*\)")


def _annex_title(text: str) -> str:
    """The title written after an annex label ("PHỤ LỤC 02: KẾT QUẢ … NĂM 2024" → "KẾT QUẢ …
    NĂM 2024"), with a bracketed "(Kèm theo …)" left out; "" when only the label and the
    report it is attached to are written.

    >>> _annex_title("PHỤ LỤC II: KẾT QUẢ THỰC HIỆN TIÊU CHÍ NĂM 2024")
    'KẾT QUẢ THỰC HIỆN TIÊU CHÍ NĂM 2024'
    >>> _annex_title("Phụ lục số 3 (Kèm theo Báo cáo số 12/BC-UBND ngày 10/12/2024)")
    ''
    """
    words = normalize(text).split()
    keys = [fold(w) for w in words]
    if keys[:2] not in (["phu", "luc"], ["phu", "bieu"]):
        return ""
    n = 2
    while n < min(len(words), 4) and _ANNEX_NUMBER.fullmatch(keys[n]):
        n += 1
    rest = " ".join(words[n:])
    rest = _ENCLOSED.sub(lambda b: "" if _ATTACHED.match(fold(b.group(0))) else b.group(0), rest)
    rest = rest.strip(" :.-–")
    return rest if re.search(r"\w\w", rest) else ""


def read_context(texts: list[tuple[int, int, str]], sheet: str) -> dict[str, list[Stated]]:
    """What the title block / note texts and the sheet name state: province, district, year,
    period, criteria set, money unit, flow, the report the table is attached to. Each key
    maps to every statement found; ``implied_province`` holds the province a unique district
    name implies."""
    out: dict[str, list[Stated]] = {}
    for r, c, text in texts:
        _statements(out, r, c, normalize(text))
    m = re.fullmatch(r"(?:nam |year )?((?:19|20)\d\d)", fold(sheet))
    if m:
        out.setdefault("year", []).append(Stated(int(m.group(1)), None, None))
    return out


def known_district(name: str, province: str = "") -> tuple[str, str] | None:
    """(district, province) of a district name the gazetteer knows (within ``province`` when
    given, else only when the name is unique), or None."""
    districts = _areas()[1]
    key = fold(vocabulary.strip_unit_type(normalize(name), "district"))
    found = districts.get(key, [])
    if province:
        found = [f for f in found if fold(f[1]) == fold(province)]
    return found[0] if len({p for _, p in found}) == 1 and found else None
