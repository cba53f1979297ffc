"""Patterns that turn one sentence into facts, one function per family of statements.

Each reader gets the sentence (original text, folded text and line map) and the document
`Context`, and returns fact dicts in the JSON-lines contract (see `ntm_analysis.sources.reports`).
Fields that start with ``_`` are for the resolver (names still to correct) and are removed
before output. Spans already used by one reader are recorded in ``used`` so that a number
is not read twice (a ratio's "đạt 100%" is not also a stand-alone percentage).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ntm_analysis.lexicon.criteria import get_criterion
from ntm_analysis.lexicon.numbers import NumberFormatError, parse_amount, parse_number
from ntm_analysis.lexicon.textnorm import fold, ocr_similarity
from ntm_analysis.sources.reports import terms as T
from ntm_analysis.sources.reports.context import Context
from ntm_analysis.sources.reports.names import (
    Unit,
    capture_name,
    resolve_district,
    resolve_province,
)
from ntm_analysis.sources.reports.sentences import Sentence

Fact = dict
CRITERIA_SETS = ("commune_ntm_2021_2025", "commune_advanced_2021_2025")

_UNIT_WORD = re.compile(rf"(?P<xa>{T.XA})|(?P<thon>{T.THON}|{T.BAN})|(?P<huyen>{T.HUYEN})")
_COUNT = re.compile(
    rf"(?<![\w/.,])(?:{T.RATIO}|(?P<n>\d{{1,4}}))\s{{0,2}}(?=(?:{_UNIT_WORD.pattern}))"
)
_PCT_OF = re.compile(rf"{T.PCT}\s{{1,2}}(?:{T.SO}|{T.W('các')})\s{{1,2}}(?={_UNIT_WORD.pattern})")
_TRIGGER = re.compile(rf"{T.DAT}|{T.CONG_NHAN}|{T.HOAN_THANH}|{T.W('được')}\s{T.CONG_NHAN}")
_STOCK_BEFORE = re.compile(
    rf"(?:{T.NANG_TONG}|{T.TONG_SO}|{T.W('lũy kế')}|{T.W('luỹ kế')}|{T.W('có')}|{T.W('toàn')})"
    rf"[^;]{{0,40}}$"
)
_FLOW_BEFORE = re.compile(
    rf"(?:{T.THEM}|{T.CONG_NHAN}|{T.W('tăng')}|{T.W('đăng ký')}|{T.W('phấn đấu')})[^;,]{{0,30}}$"
)
_FLOW_AFTER = re.compile(
    rf"{T.W('được')}{T.SEP}{T.CONG_NHAN}|{T.W('mới')}{T.SEP}{T.DAT}|^\W{{0,3}}{T.W('đăng ký')}"
)
_PCT_AFTER = re.compile(rf"^\W{{0,3}}(?:{T.DAT}|{T.CHIEM}|{T.W('bằng')})?\W{{0,3}}{T.PCT}")
_DECISION = re.compile(
    r"(?:Quyết định|Quyet dinh|QĐ|QD)\s*(?:số|so|s6|sé)?\s*(\d+[\w/.\-–Đđ]*)", re.I
)
_AREA = re.compile(
    rf"(?P<kind>{T.W('tỉnh')}|{T.W('thành phố')}|{T.W('huyện')}|{T.W('thị xã')}|{T.W('quận')})"
)
_QUALIFIER = [
    (re.compile(rf"(?:{T.W('trên')}|{T.W('hơn')}|{T.W('vượt')})\W{{0,2}}$"), "more_than"),
    (
        re.compile(rf"(?:{T.W('khoảng')}|{T.W('gần')}|{T.W('xấp xỉ')}|{T.W('ước')})\W{{0,2}}$"),
        "approx",
    ),
    (re.compile(rf"(?:{T.W('dưới')})\W{{0,2}}$"), "less_than"),
]
_FIELDS = {
    "education": "giáo dục",
    "culture": "văn hóa",
    "production": "sản xuất",
    "environment": "môi trường",
    "tourism": "du lịch",
    "health": "y tế",
    "security": "an ninh",
    "digital": "chuyển đổi số",
}


# ---------------------------------------------------------------------------- helpers


def _blank_parens(folded: str) -> str:
    """Replace parenthesised text (and the brackets) by spaces, keeping length."""
    out, depth = [], 0
    for ch in folded:
        if ch == "(":
            depth += 1
        if depth:
            out.append(" ")
        else:
            out.append(ch)
        if ch == ")" and depth:
            depth -= 1
    return "".join(out)


def _clause_start(folded: str, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ``;`` (or ``:``) before it."""
    cut = max(folded.rfind(";", 0, pos), folded.rfind(":", 0, pos))
    return cut + 1


def _decimal(text: str) -> Decimal:
    """`numbers.parse_number`, or an English decimal point ("286.5") that cannot be a
    Vietnamese thousands separator (the NUM pattern admits only 1–2 digits after it)."""
    try:
        return parse_number(text)
    except NumberFormatError:
        if re.fullmatch(r"\d+\.\d{1,2}", text.strip()):
            return Decimal(text.strip())
        raise


def _number(text: str) -> float | int:
    value = _decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def _qualifier(before: str) -> str:
    for rx, q in _QUALIFIER:
        if rx.search(before[-14:]):
            return q
    return "exact"


def _unit_level(m: re.Match) -> str:
    return "commune" if m.group("xa") else "village" if m.group("thon") else "district"


def _is_rural_thon(folded: str, start: int) -> bool:
    """``thôn`` that is part of ``nông thôn`` (rural), not a village."""
    return bool(re.search(r"n\S{1,3}g\W{1,2}$", folded[max(0, start - 7) : start]))


def _base(s: Sentence, ctx: Context, kind: str, start: int, end: int, target: bool | None) -> Fact:
    """A new fact at ``s.text[start:end]``; ``target`` None means: decide by position."""
    if target is None:
        target = target_at(s, ctx, start)
    return {
        "kind": kind,
        "line": s.line_at(start),
        "page": s.page_at(start),
        "text": s.text[start:end].strip(),
        "confidence": 0.9,
        "is_target": target,
        "_start": start,
    }


def _year_near(folded: str, start: int, end: int, ctx: Context) -> int | None:
    """A year stated in the clause around the span (in or after it first), else earlier in the
    sentence, else the context's."""
    clause_end = min(
        [i for i in (folded.find(";", end), folded.find(".", end)) if i >= 0] or [len(folded)]
    )
    after = re.search(T.YEAR, folded[start:clause_end])
    if after:
        return int(after.group("year"))
    before = list(re.finditer(T.YEAR, folded[_clause_start(folded, start) : start]))
    if before:
        return int(before[-1].group("year"))
    earlier = list(re.finditer(T.YEAR, folded[:start]))  # "… năm 2024 …; trong đó …"
    if earlier:
        return int(earlier[-1].group("year"))
    return ctx.year


def _markers(folded: str) -> list[tuple[int, bool]]:
    """Plan (True) and achievement (False) markers by position; a plan word right after an
    achievement word ("vượt mức kế hoạch", "so với kế hoạch") or right before one ("đăng ký
    đã được công nhận") is not a plan."""
    done = [(m.start(), m.end()) for m in T.ACHIEVED.finditer(folded)]
    out = [(a, False) for a, _ in done]
    for m in T.PLAN.finditer(folded):
        after_done = any(0 <= m.start() - e <= 12 for _, e in done)
        # "3/3 xã đăng ký đã được công nhận": the registration is reported as achieved
        done_next = any(0 <= a - m.end() <= 6 for a, _ in done)
        if not after_done and not done_next:
            out.append((m.start(), True))
    return sorted(out)


def sentence_target(s: Sentence) -> bool | None:
    """What the sentence's own markers say (the last one wins), or None without markers."""
    marks = _markers(s.folded)
    return marks[-1][1] if marks else None


def target_at(s: Sentence, ctx: Context, pos: int, inherit: bool = True) -> bool:
    """Whether the statement at ``pos`` is a plan, target or registration (not an achievement).

    Markers in its own ``;``-clause decide; else the last marker before it in the sentence;
    else (with ``inherit``) the sentence before in the same paragraph, else whether the
    section is a plan. Assessments (criteria counts) do not inherit: they state a current
    score even inside a plan.
    """
    folded = s.folded
    a = folded.rfind(";", 0, pos) + 1
    b = folded.find(";", pos)
    b = len(folded) if b < 0 else b
    marks = _markers(folded)
    in_before = [t for p, t in marks if a <= p < pos]
    in_after = [t for p, t in marks if pos <= p < b]
    if in_before or in_after:
        return in_before[-1] if in_before else in_after[0]
    before = [t for p, t in marks if p < pos]
    if before:
        return before[-1]
    if not inherit:
        return False
    if ctx.para_target is not None and ctx.para_target[0] == s.para:
        return ctx.para_target[1]
    return ctx.plan


# ---------------------------------------------------------------------------- areas


class Areas:
    """Places named in one sentence, in order, for assigning an area to each fact."""

    def __init__(self, s: Sentence, ctx: Context) -> None:
        self.items: list[tuple[int, Unit]] = []
        for m in _AREA.finditer(_blank_parens(s.folded)):
            kind = fold(m.group("kind"))
            if re.search(
                rf"(?:{T.W('ngân sách')}|{T.W('cấp')}|{T.W('vốn')}|{T.W('ubnd')}|{T.W('được')}"
                rf"|{T.W('ủy ban nhân dân')}|{T.W('uỷ ban nhân dân')})\W{{1,2}}$",
                s.folded[max(0, m.start() - 18) : m.start()],
            ):
                continue  # "ngân sách tỉnh", "được UBND tỉnh công nhận": not the fact's place
            cap = capture_name(s.text, m.end())
            unit: Unit | None = None
            if cap is None:
                if kind in ("thanh pho", "tinh") and ctx.province:
                    if kind == "tinh" or ctx.province_is_city:
                        unit = ctx.province
            elif kind == "tinh" or kind == "thanh pho":
                unit = resolve_province(cap[0], ctx.vintage) or resolve_province(cap[0])
                if unit is None and kind == "thanh pho":
                    unit = resolve_district(cap[0], ctx.province.code if ctx.province else None)
            else:
                unit = resolve_district(cap[0], ctx.province.code if ctx.province else None)
            if unit is None:
                continue
            end = cap[1] if cap else m.end()
            if re.match(r"\s*\(\s*c[u\W]\s*\)", s.folded[end : end + 8]):
                unit = Unit(f"{unit.name} (cũ)", unit.code, unit.level, "legacy", unit.score)
            self.items.append((m.start(), unit))
        self.ctx = ctx
        self.folded = s.folded

    def at(self, pos: int, unit_level: str | None = None, window_end: int | None = None) -> Unit:
        """The area for a fact at ``pos``: the last place named before it (or in its window).

        A count of districts cannot sit in a district, nor communes in a commune.
        """
        rank = {"province": 0, "district": 1, "commune": 2, "village": 3}
        ok = (lambda u: rank[u.level] < rank[unit_level]) if unit_level else (lambda u: True)
        if window_end:  # a place after the figure counts within the figure's own clause only
            cuts = [i for i in (self.folded.find(c, pos) for c in ",;") if i >= 0]
            window_end = min([window_end, *cuts])
        inside = [u for p, u in self.items if pos <= p < (window_end or pos) and ok(u)]
        if inside:
            return inside[0]
        before = [u for p, u in self.items if p < pos and ok(u)]
        if before:
            return before[-1]
        district = self.ctx.district
        if district is not None and ok(district):
            return district
        return self.ctx.province  # type: ignore[return-value]


def _set_area(f: Fact, unit: Unit | None) -> None:
    f["area"] = unit.name if unit else None
    f["area_level"] = unit.level if unit else None
    f["area_code"] = unit.code if unit else None
    f["admin_vintage"] = unit.vintage if unit else None


# ---------------------------------------------------------------------------- counts


def read_counts(s: Sentence, ctx: Context, target: bool, areas: Areas, used: set) -> list[Fact]:
    """Stocks (``tier_count``) and flows (``recognised_count``) of units by tier."""
    folded = s.folded
    bare = _blank_parens(folded)
    facts: list[Fact] = []
    matches = list(_COUNT.finditer(bare))
    last_tier: str | None = None
    last_flow = False
    last_end = 0
    for i, m in enumerate(matches):
        um = _UNIT_WORD.match(bare, m.end())
        if um is None or (um.group("thon") and _is_rural_thon(bare, um.start())):
            continue
        if m.group("n") and re.search(T.YEAR + r"$", bare[: m.end()].rstrip()):
            continue  # "Năm 2022 xã …": a year, not a count
        level = _unit_level(um)
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(bare)
        semi = bare.find(";", um.end())
        stop = min(nxt, semi if semi >= 0 else len(bare))
        window = bare[um.end() : stop]
        trig = _TRIGGER.search(window[:90])
        tier = None
        tier_end = um.end()
        if trig:
            seg = window[trig.start() : trig.start() + 70]
            seg = re.split(r"[;]", seg)[0]
            tier = T.tier_of(seg)
            if tier:
                tm = [
                    x.end()
                    for x in (
                        re.search(p, seg)
                        for p in (T.KIEU_MAU, T.NANG_CAO, T.NTM, T.DAT_CHUAN, T.HOAN_THANH_NV)
                    )
                    if x
                ]
                tier_end = um.end() + trig.start() + max(tm)
        else:  # "công nhận thêm 12 khu dân cư NTM kiểu mẫu": the tier right after the unit
            direct = re.match(
                rf"\W{{0,3}}{T.NTM}(?:\W{{1,3}}(?:{T.NANG_CAO}|{T.KIEU_MAU}))?", window
            )
            if direct and re.search(rf"{T.CONG_NHAN}|{T.THEM}|{T.CO}", bare[: m.start()][-40:]):
                tier, tier_end = T.tier_of(direct.group(0)), um.end() + direct.end()
        before = bare[_clause_start(bare, m.start()) : m.start()]
        sm = _STOCK_BEFORE.search(before)
        # "có thêm 4 xã …, 3 xã …": a "thêm" after the stock word makes both flows
        stock_before = sm and not re.search(T.THEM, before[sm.start() :])
        inherited = False
        if tier is None:
            nt = re.search(rf"{T.NANG_TONG}(?P<mid>.*?){T.LEN}\W*$", before)
            wide = bare[bare.rfind(";", 0, m.start()) + 1 : m.start()]
            ts = re.search(rf"{T.TONG_SO}\W{{1,3}}{T.XA}(?P<mid>[^:]*):?\W*$", wide)
            if nt:
                tier = _explicit_tier(nt.group("mid")) or last_tier
                inherited = _explicit_tier(nt.group("mid")) is None
            elif ts and m.group("total"):
                tier = None  # "Tổng số xã …: 17/17 xã" — a total, no tier
            else:
                continue
            if tier is None and not ts:
                continue
        if (m.start(), "count") in used:
            continue
        used.add((m.start(), "count"))
        flow_marker = (_FLOW_BEFORE.search(before) and not stock_before) or _FLOW_AFTER.search(
            window[:40]
        )
        gap = " ".join(bare[last_end : m.start()].split())  # a "(A, B, C)" list is no gap
        is_flow = bool(flow_marker) or (
            last_flow
            and not m.group("total")
            and not stock_before
            and (";" in gap or len(gap) < 25)
        )
        if m.group("total"):
            is_flow = False
        kind = "recognised_count" if is_flow else "tier_count"
        end = max(tier_end, um.end())
        f = _base(s, ctx, kind, m.start(), end, target)
        f.update(unit_level=level, tier=tier)
        if m.group("total"):
            f.update(count=_number(m.group("count")), total=_number(m.group("total")))
        else:
            f.update(count=int(m.group("n")))
            if not is_flow:
                f["total"] = None
        if kind == "tier_count":
            pm = _PCT_AFTER.search(bare[um.end() : um.end() + 25])
            pm_base = um.end()
            if pm is None and trig:
                pm = re.search(rf"{T.CHIEM}\W{{0,3}}{T.PCT}", window[:120])
            if pm is None:  # "… đạt chuẩn NTM (chiếm 81,02%)", "… (75%)"
                pm = re.match(
                    rf"\s*\(\s*(?:{T.CHIEM}|{T.DAT}|{T.W('bằng')})?\W{{0,3}}{T.PCT}\s*\)",
                    folded[tier_end : tier_end + 30],
                )
                pm_base = tier_end
            f["pct"] = None
            if pm is not None:
                f["pct"] = _number(pm.group("pct"))
                used.add((pm_base + pm.start("pct"), "pct"))
                end = max(end, pm_base + pm.end())
                f["text"] = s.text[m.start() : end].strip()
        f["year"] = _year_near(folded, m.start(), end, ctx)
        if kind == "recognised_count":
            dm = _DECISION.search(s.text[m.start() : stop + 60])
            f["decision"] = dm.group(1).rstrip(".,;") if dm else None
        if inherited:
            f["confidence"] = 0.7
        if tier is None:
            f["confidence"] = 0.6
        _set_area(f, areas.at(m.start(), level, stop))
        facts.append(f)
        last_tier, last_flow, last_end = tier or last_tier, is_flow, end
        if kind == "recognised_count" and level == "commune" and tier:
            facts.extend(_listed_after(s, ctx, f, end, tier, areas))
    facts.extend(_read_pct_of(s, ctx, target, areas, used, bare))
    facts.extend(_read_rate_of(s, ctx, target, areas, used, bare))
    return facts


_LIST_INTRO = re.compile(
    rf"\W{{0,3}}(?:(?:{T.W('bao gồm')}|{T.W('gồm')}|{T.W('là')})\W{{1,3}})?"
    rf"(?:{T.W('các')}\W{{1,3}})?(?:{T.XA}\W{{0,3}})?:?\s*"
)


def _listed_after(
    s: Sentence, ctx: Context, count: Fact, end: int, tier: str, areas: Areas
) -> list[Fact]:
    """Communes named after a count ("thêm 3 xã … nâng cao, gồm các xã: A, B, C", "… (A, B)",
    "… là xã A và xã B") as ``recognised_commune`` facts of the same tier and time."""
    folded = s.folded
    par = folded[end : end + 3].lstrip().startswith("(")
    intro = _LIST_INTRO.match(folded, end)
    if intro is None or (intro.end() == end and not par):
        return []
    if not par and not re.search(rf"{T.W('gồm')}|{T.W('là')}", folded[end : intro.end()]):
        return []
    names, names_end = _names_after(s.text, folded, intro.end(), T.XA)
    if len(names) < 1 or (count.get("count") and len(names) > count["count"]):
        return []
    out = list(
        _named_facts(
            s,
            ctx,
            "recognised_commune",
            "commune",
            names,
            count["_start"],
            names_end,
            tier,
            count["is_target"],
            areas,
        )
    )
    for f in out:
        f["year"] = count["year"]
    return out


def _explicit_tier(folded: str) -> str | None:
    """A tier only when named (NTM, nâng cao, kiểu mẫu); a bare "đạt chuẩn" names none."""
    tier = T.tier_of(folded)
    if tier == "ntm" and not re.search(T.NTM, folded):
        return None
    return tier


_RATE_OF = re.compile(
    rf"(?:{T.W('tỷ lệ')}|{T.W('tỉ lệ')})\W{{1,3}}(?:{T.SO}\W{{1,3}})?(?={_UNIT_WORD.pattern})"
)


def _read_rate_of(
    s: Sentence, ctx: Context, target: bool, areas: Areas, used: set, bare: str
) -> Iterator[Fact]:
    """``Tỷ lệ xã đạt chuẩn NTM đạt 66,3%``: a stock stated as a rate only."""
    for m in _RATE_OF.finditer(bare):
        um = _UNIT_WORD.match(bare, m.end())
        if um is None or (um.group("thon") and _is_rural_thon(bare, um.start())):
            continue
        stop = min([j for j in (bare.find(";", um.end()),) if j >= 0] + [len(bare)])
        window = bare[um.end() : min(stop, um.end() + 80)]
        pm = re.search(rf"(?:{T.DAT}|{T.W('là')}|{T.CHIEM})?\W{{0,3}}{T.PCT}", window)
        trig = _TRIGGER.search(window[: pm.start()]) if pm else None
        if trig is None or pm is None:
            continue
        tier = T.tier_of(window[trig.start() : pm.start()])
        pct_at = um.end() + pm.start("pct")
        if tier is None or (pct_at, "pct") in used:
            continue
        used.add((pct_at, "pct"))
        end = um.end() + pm.end()
        f = _base(s, ctx, "tier_count", m.start(), end, target)
        f.update(unit_level=_unit_level(um), tier=tier, count=None, total=None)
        f["pct"] = _number(pm.group("pct"))
        f["year"] = _year_near(s.folded, m.start(), end, ctx)
        _set_area(f, areas.at(m.start(), _unit_level(um), stop))
        yield f


def _read_pct_of(
    s: Sentence, ctx: Context, target: bool, areas: Areas, used: set, bare: str
) -> Iterator[Fact]:
    """``58,4% số xã đạt chuẩn NTM kiểu mẫu``: a stock stated as a share only."""
    for m in _PCT_OF.finditer(bare):
        um = _UNIT_WORD.match(bare, m.end())
        if um is None or (m.start("pct"), "pct") in used:
            continue
        stop = min([j for j in (bare.find(";", um.end()),) if j >= 0] + [len(bare)])
        window = bare[um.end() : stop]
        trig = _TRIGGER.search(window[:90])
        if not trig:
            continue
        seg = window[trig.start() : trig.start() + 70]
        tier = T.tier_of(seg)
        if tier is None:
            continue
        used.add((m.start("pct"), "pct"))
        end = um.end() + trig.start() + len(seg.rstrip())
        f = _base(s, ctx, "tier_count", m.start(), min(end, stop), target)
        f.update(unit_level=_unit_level(um), tier=tier, count=None, total=None)
        f["pct"] = _number(m.group("pct"))
        f["year"] = _year_near(s.folded, m.start(), end, ctx)
        _set_area(f, areas.at(m.start(), _unit_level(um), stop))
        yield f


# ---------------------------------------------------------------------------- named units


def _names_after(text: str, folded: str, pos: int, unit_re: str) -> tuple[list[str], int]:
    """Names listed from ``pos``: "Long Đống", "xã A, xã B và C", "04 huyện (A, B)"."""
    names: list[str] = []
    i = pos
    while True:
        cap = capture_name(text, i)
        if cap is None:
            break
        names.append(cap[0])
        i = cap[1]
        sep = re.match(rf"\s*(?:,|và|va|\W{{0,1}}&)\s*(?:{unit_re}\s+)?", folded[i:])
        if not sep or not sep.group(0).strip():
            break
        nxt = capture_name(text, i + sep.end())
        if nxt is None:
            break
        i += sep.end()
    return names, i


_AGENT = (
    rf"{T.W('thủ tướng')}(?:\W{{1,3}}{T.W('chính phủ')})?|{T.W('chủ tịch')}\W{{1,3}}"
    rf"(?:{T.W('ubnd')}|{T.W('ủy ban nhân dân')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
    rf"|(?:{T.W('ubnd')}|{T.W('ủy ban nhân dân')})(?:\W{{1,3}}[a-z]+){{0,3}}?"
)
_NAMED_TRIGGER = re.compile(
    rf"\W{{0,3}}(?:(?:{T.W('đã')}|{T.W('được')}|{T.W('cơ bản')}|{T.W('sẽ')}|{T.W('dự kiến')}"
    rf"|{T.W('phấn đấu')}|(?<![a-z])ph[a-z&4]{{1,2}}n\W{{1,2}}d[a-z&4]{{0,2}}u|{T.W('tiếp tục')}"
    rf"|{T.W('sớm')}|{T.W('đăng ký')}|{T.W('năm')}\s\d{{4}}|{T.W('trong năm')}\s\d{{4}})"
    rf"\W{{1,3}}){{0,3}}"
    rf"(?:{T.DAT}|{T.CONG_NHAN}|{T.HOAN_THANH}|(?<![a-z])d[a-z&]{{1,4}}c\W{{1,3}}{T.CONG_NHAN}"
    # "được Thủ tướng Chính phủ / UBND tỉnh công nhận": the body that recognises in between
    rf"|(?<![a-z])d[a-z&]{{1,4}}c\W{{1,3}}(?:{_AGENT})\W{{1,3}}{T.CONG_NHAN})"
)


def read_named(s: Sentence, ctx: Context, target: bool, areas: Areas, used: set) -> list[Fact]:
    """``recognised_commune`` / ``recognised_district`` / ``recognised_village`` facts."""
    facts: list[Fact] = []
    folded, bare = s.folded, _blank_parens(s.folded)
    specs = (
        ("recognised_commune", "commune", T.XA),
        ("recognised_village", "village", T.THON),
        ("recognised_district", "district", T.W("huyện")),
    )
    for kind, key, unit_re in specs:
        covered = 0
        for m in re.finditer(unit_re, bare):
            if m.start() < covered or (key == "village" and _is_rural_thon(bare, m.start())):
                continue
            if key == "district" and re.search(
                rf"(?:{T.W('thuộc')}|{T.W('của')}|{T.W('tại')}|{T.W('trên địa bàn')})\W{{1,2}}$",
                bare[max(0, m.start() - 16) : m.start()],
            ):
                continue  # "5 xã thuộc huyện X đạt chuẩn": X locates the communes
            names, end = _names_after(s.text, folded, m.end(), unit_re)
            covered = end
            if not names and key == "district":
                facts.extend(_this_district(s, ctx, m, bare, target))
                continue
            if not names:
                continue
            stop = min([j for j in (bare.find(";", end),) if j >= 0] + [len(bare)])
            window = bare[end:stop]
            if window[:1] == " " and window.strip():  # "Xã A (huyện B) được công nhận …"
                skip = len(window) - len(window.lstrip())
                if skip > 3:
                    end, window = end + skip - 1, window[skip - 1 :]
            trig = _NAMED_TRIGGER.match(window)
            if not trig or re.search(T.TIEU_CHI, window[: trig.end() + 25]):
                continue
            if re.match(rf"\W{{0,3}}(?:{T.THEM}\W{{1,3}}|cho\W{{1,3}})?\d", window[trig.end() :]):
                continue  # "huyện X được công nhận thêm 5 xã …": a count of its communes
            if re.search(T.CHUA_DAT, window[: trig.end() + 5]):
                continue
            seg = window[trig.end() - 4 : trig.end() + 60]
            tier = T.tier_of(seg)
            if tier is None or (tier == "completed" and key != "district"):
                continue
            tier_end = end + trig.end() + len(re.split(r"[,;(]", seg[4:])[0])
            facts.extend(
                _named_facts(s, ctx, kind, key, names, m.start(), tier_end, tier, target, areas)
            )
    facts.extend(_read_named_after_tier(s, ctx, target, areas, used))
    named = {fold(f["district"]) for f in facts if f["kind"] == "recognised_district"}
    aims = _read_district_aim(s, ctx, target, areas)
    facts.extend(f for f in aims if fold(f["district"]) not in named)
    return facts


def _this_district(
    s: Sentence, ctx: Context, m: re.Match, bare: str, target: bool | None
) -> list[Fact]:
    """ "Huyện đã đạt chuẩn NTM nâng cao năm 2023" with no name: the district the report is
    about (its header or section), never "toàn huyện có …" (a stock)."""
    unit = ctx.district
    if unit is None or unit.level != "district":
        return []
    lead = bare[: m.start()]
    lead = lead[lead.rfind(";") + 1 :]
    if re.sub(r"^\W*(?:[a-z0-9]{1,3}[.)]\W*)?", "", lead).strip():
        return []  # only as the subject ("Huyện đã đạt …"), not "công nhận huyện đạt chuẩn …"
    if re.search(
        rf"{T.W('toàn')}\W{{1,2}}$|{T.W('các')}\W{{1,2}}$", bare[max(0, m.start() - 8) : m.start()]
    ):
        return []
    trig = re.match(
        rf"\W{{0,3}}(?:(?:{T.W('đã')}|{T.W('được')}|{T.W('cơ bản')})\W{{1,3}})?"
        rf"(?:{T.W('công nhận')}\W{{1,3}})?{T.DAT_CHUAN}",
        bare[m.end() :],
    )
    if trig is None:
        return []
    seg = bare[m.end() + trig.end() : m.end() + trig.end() + 40]
    seg = re.split(r"[,;(]", seg)[0]
    tier = T.tier_of("dat chuan " + seg)
    if tier is None:
        return []
    end = m.end() + trig.end() + len(seg.rstrip())
    f = _base(s, ctx, "recognised_district", m.start(), end, target)
    f.update(district=unit.name, tier=tier, year=_year_near(s.folded, m.start(), end, ctx))
    f["code"], f["admin_vintage"] = unit.code, unit.vintage
    f["_resolved"] = True
    return [f]


_DISTRICT_AIM = re.compile(
    rf"(?:{T.HOAN_THANH}\W{{1,3}}(?:{T.W('các')}\W{{1,3}})?{T.TIEU_CHI}|{T.DAT_CHUAN})\W{{1,3}}"
    rf"{T.W('huyện')}\W{{1,3}}(?P<tier>{T.NTM}(?:\W{{1,3}}(?:{T.NANG_CAO}|{T.KIEU_MAU}))?)"
)


def _read_district_aim(s: Sentence, ctx: Context, target: bool, areas: Areas) -> list[Fact]:
    """ "(Huyện X …) hoàn thành các tiêu chí huyện NTM nâng cao": the district of the sentence
    (or of the section) aims at a tier."""
    m = _DISTRICT_AIM.search(s.folded)
    if not m:
        return []
    districts = {u.code: u for _, u in areas.items if u.level == "district"}
    if len(districts) > 1:
        return []
    unit = next(iter(districts.values()), None) or ctx.district
    if unit is None or unit.level != "district":
        return []
    f = _base(s, ctx, "recognised_district", m.start(), m.end(), target)
    f.update(district=unit.name, tier=T.tier_of(m.group("tier")))
    f["year"] = _year_near(s.folded, m.start(), m.end(), ctx)
    f["code"], f["admin_vintage"] = unit.code, unit.vintage
    f["_resolved"] = True
    return [f]


def _field(folded_after: str) -> str | None:
    """The model commune's field: right after the tier ("kiểu mẫu về giáo dục") or named as
    "lĩnh vực …" later in the sentence ("kiểu mẫu năm 2024 (lĩnh vực văn hóa)")."""
    direct = re.match(
        rf"\W{{0,3}}(?:{T.W('về')}|{T.W('lĩnh vực')}|{T.W('trên lĩnh vực')})?\W{{0,3}}"
        r"(?P<f>[a-z0-9 ]{2,20})",
        folded_after,
    )
    later = re.search(rf"{T.W('lĩnh vực')}\W{{1,3}}(?P<f>[a-z0-9 ]{{2,20}})", folded_after)
    for m in (direct, later):
        if m is None:
            continue
        for key, vi in _FIELDS.items():
            if re.match(T.W(vi), m.group("f")):
                return key
        if re.match(r"chuy\S{0,2}n\s{1,2}d\S{0,2}i\s{1,2}s", m.group("f")):
            return "digital"  # "chuyển đổi s6": the last word damaged
    return None


def _named_facts(
    s: Sentence,
    ctx: Context,
    kind: str,
    key: str,
    names: list[str],
    start: int,
    end: int,
    tier: str,
    target: bool,
    areas: Areas,
) -> Iterator[Fact]:
    year = _year_near(s.folded, start, end, ctx)
    fld = None
    km = re.search(T.KIEU_MAU, s.folded[start : end + 40]) if tier == "model" else None
    if km:
        after = start + km.end()
        fld = _field(s.folded[after : after + 90])
    for name in names:
        f = _base(s, ctx, kind, start, end, target)
        f[key] = name
        f.update(tier=tier, year=year)
        if key != "district":
            f["field"] = _FIELDS.get(fld) if fld else None  # as the contract names it
            f["field_key"] = fld  # the data dictionary's model_field key
            f["_district"] = areas.at(start, "commune")
        else:
            f["_province"] = ctx.province
        yield f


def _read_named_after_tier(
    s: Sentence, ctx: Context, target: bool, areas: Areas, used: set
) -> list[Fact]:
    """Names after the tier: "công nhận huyện đạt chuẩn NTM nâng cao cho 04 huyện (A, B)",
    "Xã phấn đấu đạt chuẩn NTM (xã Long Đống)"."""
    out: list[Fact] = []
    folded = s.folded
    done = 0
    for m in re.finditer(rf"(?P<pre>{T.DAT_CHUAN}|{T.CONG_NHAN})", folded):
        if m.start() < done:
            continue
        seg = folded[m.start() : m.start() + 60]
        seg = re.split(r"[;(]|\bcho\b", seg)[0]
        tier = T.tier_of(seg)
        if tier is None:
            continue
        tail = folded[m.start() + len(seg) : m.start() + len(seg) + 30]
        cm = re.match(
            rf"\s*(?:cho\s+)?(?:(?P<n>\d{{1,3}})\s+)?(?P<u>{T.W('huyện')}|{T.XA})?\s*(?P<par>\()?"
            rf"\s*(?:(?P<u2>{T.W('huyện')}|{T.XA})\s+)?",
            tail,
        )
        if not cm or not (cm.group("par") or cm.group("u")):
            continue
        unit = cm.group("u") or cm.group("u2") or ""
        key = "district" if fold(unit).startswith("h") else "commune"
        if not unit and not cm.group("par"):
            continue
        if not unit:
            # "(xã Long Đống)" needs the type word; bare parentheses are not names
            continue
        pos = m.start() + len(seg) + cm.end()
        names, end = _names_after(s.text, folded, pos, T.XA if key == "commune" else T.HUYEN)
        if not names:
            continue
        kind = "recognised_district" if key == "district" else "recognised_commune"
        done = end
        if cm.group("n"):
            used.add((m.start() + len(seg) + cm.start("n"), "count"))
        out.extend(_named_facts(s, ctx, kind, key, names, m.start(), end, tier, target, areas))
        if cm.group("n") and key == "district":
            f = _base(s, ctx, "recognised_count", m.start(), end + 1, target)
            f.update(unit_level="district", tier=tier, count=int(cm.group("n")))
            f["year"] = _year_near(folded, m.start(), end, ctx)
            f["decision"] = None
            _set_area(f, areas.at(m.start(), "district"))
            out.append(f)
    return out


# ---------------------------------------------------------------------------- criteria

_AVG = re.compile(
    rf"{T.BINH_QUAN}\W{{1,3}}(?:[a-z]+\W{{1,3}}){{0,9}}?(?:{T.DAT}\W{{1,3}})?(?P<v>{T.NUM})"
    rf"\s{{0,2}}{T.TIEU_CHI}"
)
_RANGE = (
    rf"(?:(?P<below>{T.W('dưới')})\W{{1,3}})?(?:{T.W('từ')}\W{{1,3}})?(?P<lo>\d{{1,2}})"
    rf"(?:(?:\s?[-–]\s?|\s(?:{T.W('đến')}|{T.W('tới')})\s)(?P<hi>\d{{1,2}}))?"
)
# label first: "(Số) xã đạt 15-18 tiêu chí: 06 xã", "đạt từ 10-14 tiêu chí: 30 xã"
_BAND = re.compile(
    rf"(?:{T.XA}\W{{1,3}})?(?<![a-z]){T.DAT}\W{{1,3}}{_RANGE}"
    rf"(?:\s?/\s?(?P<of>\d{{1,2}}))?\s{{1,2}}{T.TIEU_CHI}[^:;]{{0,12}}?[:\s]\W{{0,3}}"
    rf"(?P<n>\d{{1,3}})\s{{1,2}}{T.XA}"
)
# count first: "06 xã đạt (từ) 15-18 tiêu chí", "03 xã đạt dưới 15 tiêu chí"
_BAND2 = re.compile(
    rf"(?<![\w/])(?P<n>\d{{1,3}})\s{{1,2}}{T.XA}[\s,]{{1,3}}{T.DAT}\W{{1,3}}{_RANGE}"
    rf"\s{{1,2}}{T.TIEU_CHI}"
)
_MET = re.compile(
    rf"(?P<verb>{T.DAT}|{T.HOAN_THANH})\W{{1,3}}(?P<met>\d{{1,2}})\s?/\s?(?P<of>\d{{1,2}})"
    rf"\s{{0,2}}{T.TIEU_CHI}"
)
_ITEM = re.compile(
    rf"{T.TIEU_CHI}[ \t]{{1,2}}(?:s\S?\.?[ \t]{{1,2}})?(?P<no>\d{{1,2}})(?!\d|\s?/|\s?{T.XA})"
    r"\s?[-–:.]?\s?"
)
_ITEM_MORE = re.compile(
    r"[,;]\s{0,2}(?P<so>s[o6]\S?\.?)\s{1,2}(?P<no>\d{1,2})(?!\d|\s?/)\s?[-–:.]?\s?"
)
_ITEM_NUM_FIRST = re.compile(
    r"(?<![\d/])(?P<no>\d{1,2})\s?[-–.]\s?(?P<name>[^\d:;,()]{3,60}?)(?=\s*[;.,)]|\s*$)"
)
_ITEM_REV = re.compile(r"(?P<name>[^:;,()]{3,60}?)\s?[-–]\s?(?P<no>\d{1,2})(?=\s*[;.,)]|\s*$)")
_STATUS = re.compile(
    rf"(?P<not>{T.CHUA_DAT})|(?P<diff>{T.KHO_DAT})|(?P<met>{T.W('đã đạt')}|{T.DAT}\W{{1,3}}\d)"
)


def read_criteria(s: Sentence, ctx: Context, target: bool, areas: Areas) -> list[Fact]:
    """``avg_criteria``, ``criteria_band_count``, ``criteria_count`` and ``criteria_status``."""
    facts: list[Fact] = []
    folded = s.folded
    for m in _AVG.finditer(folded):
        f = _base(s, ctx, "avg_criteria", m.start(), m.end(), target_at(s, ctx, m.start(), False))
        f["value"] = _number(m.group("v"))
        f["year"] = _year_near(folded, m.start(), m.end(), ctx)
        _set_area(f, areas.at(m.start(), "commune"))
        facts.append(f)
    taken: set[int] = set()
    for rx in (_BAND, _BAND2):
        for m in rx.finditer(folded):
            if m.start("n") in taken:
                continue
            taken.add(m.start("n"))
            lo, hi = int(m.group("lo")), int(m.group("hi") or m.group("lo"))
            if m.group("below"):  # "dưới 15 tiêu chí": 0 to 14
                lo, hi = 0, lo - 1
            end = m.end()
            names: list[str] = []
            par = re.match(
                rf"\s*\(\s*(?:(?:{T.W('gồm')}|{T.W('là')})\W{{1,3}})?(?:{T.XA}\s+)?", folded[end:]
            )
            if par:
                close = folded.find(")", end)
                names, _ = _names_after(s.text, folded, end + par.end(), T.XA)
                end = close + 1 if close > 0 else end
            f = _base(s, ctx, "criteria_band_count", m.start(), end, False)
            f.update(count=int(m.group("n")), min_met=lo, max_met=hi)
            f["of"] = int(m.group("of")) if m.groupdict().get("of") else None
            f["communes"] = names
            f["year"] = _year_near(folded, m.start(), m.end(), ctx)
            f["_district"] = areas.at(m.start(), "commune")
            _set_area(f, f["_district"])
            facts.append(f)
    for m in _MET.finditer(folded):
        if re.search(T.CHUA_DAT, folded[max(0, m.start() - 30) : m.start() + 6]):
            continue
        before = folded[_clause_start(folded, m.start()) : m.start()]
        commune = None
        xm = list(re.finditer(T.XA, before))
        if xm:
            cap = capture_name(s.text, _clause_start(folded, m.start()) + xm[-1].end())
            commune = cap[0] if cap else None
        scope = None
        if (
            commune is None
            and re.search(T.THON, before)
            and not _is_rural_thon(before, len(before))
        ):
            scope = s.text[_clause_start(folded, m.start()) : m.start()].strip(" -:;,") or None
        elif commune is None:
            commune = ctx.commune
        f = _base(s, ctx, "criteria_count", m.start(), m.end(), target_at(s, ctx, m.start(), False))
        f.update(commune=commune, met=int(m.group("met")), of=int(m.group("of")))
        f["criteria_set"] = _set_named_after(folded[m.end() : m.end() + 45])
        if scope:
            f["scope"] = scope
            f["unit_level"] = "village"
        f["year"] = _year_near(folded, m.start(), m.end(), ctx)
        f["_district"] = areas.at(m.start(), "commune")
        facts.append(f)
    facts.extend(_read_status(s, ctx, target, areas))
    return facts


def _set_named_after(folded_after: str) -> str | None:
    """The commune set a score names right after it: "… tiêu chí (xã) NTM (nâng cao)"."""
    m = re.match(
        rf"\W{{0,3}}(?:{T.XA}\W{{1,3}})?(?:{T.W('đạt chuẩn')}\W{{1,3}})?{T.NTM}", folded_after
    )
    if not m or re.match(rf"\W{{0,3}}(?:{T.THON}|{T.HUYEN})", folded_after):
        return None
    rest = folded_after[m.end() : m.end() + 12]
    if re.match(rf"\W{{1,3}}{T.KIEU_MAU}", rest):
        return None  # model communes meet the advanced set plus conditions: no set of their own
    return CRITERIA_SETS[1] if re.match(rf"\W{{1,3}}{T.NANG_CAO}", rest) else CRITERIA_SETS[0]


_OWN_STATUS = re.compile(
    rf"(?:{T.W('còn')}\W{{1,3}})?(?:(?P<not>{T.CHUA_DAT})|(?P<diff>{T.KHO_DAT}))"
)


def _read_status(s: Sentence, ctx: Context, target: bool, areas: Areas) -> list[Fact]:
    """Criteria listed as met / not met / difficult, by number and/or name."""
    folded = s.folded
    markers = list(_STATUS.finditer(folded))
    items: list[tuple[int, int, int, str]] = []  # start, end, number, name
    hits = [(m.start(), m.end(), int(m.group("no"))) for m in _ITEM.finditer(folded)]
    if hits:  # "tiêu chí số 10 (Thu nhập), số 15 (Hành chính công)": later items drop the word
        more = [
            (m.start("so"), m.end(), int(m.group("no")))
            for m in _ITEM_MORE.finditer(folded, hits[0][1])
            if not any(a <= m.start("so") < b for a, b, _ in hits)
        ]
        hits = sorted(hits + more)
    for i, (start, end, no) in enumerate(hits):
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(folded)
        raw = s.text[end:stop]
        name = re.split(r"[;]", raw)[0].strip(" ,.;:-–()")
        items.append((start, end + len(name), no, name))
    if not items:
        gm = re.search(rf"{T.W('gồm')}\W{{0,3}}:?", folded)
        if gm:
            for m in _ITEM_REV.finditer(s.text, gm.end()):
                items.append((m.start(), m.end(), int(m.group("no")), m.group("name").strip()))
            if not items:  # "gồm: 10 - Thu nhập; 15 - Hành chính công"
                for m in _ITEM_NUM_FIRST.finditer(s.text, gm.end()):
                    items.append((m.start(), m.end(), int(m.group("no")), m.group("name").strip()))
    if not items:
        ctx.last_status = None
        return _read_named_list(s, ctx, areas)
    carried = ctx.last_status
    criteria_set = _guess_set([(no, name) for _, _, no, name in items], ctx)
    commune = _commune_before(s, items[0][0]) or ctx.commune
    facts = []
    for start, end, no, name in items:
        before = [mk for mk in markers if mk.start() < start]
        name_at = end - len(name)
        own = _OWN_STATUS.search(folded, name_at, end)  # "số 17 về Môi trường còn khó khăn"
        if own:
            name = s.text[name_at : own.start()].strip(" ,.;:-–")
            status = "not_met" if own.group("not") else "difficult"
        elif before:
            mk = before[-1]
            status = "not_met" if mk.group("not") else "difficult" if mk.group("diff") else "met"
        elif carried:
            status = carried
        else:
            continue
        ctx.last_status = status
        f = _base(s, ctx, "criteria_status", start, end, False)
        f["commune"] = commune
        f["criteria_set"] = criteria_set
        f["criterion_no"] = no
        f["criterion_name"] = _criterion_name(criteria_set, no, name)
        f["status"] = status
        f["year"] = ctx.year
        f["_district"] = areas.at(start, "commune")
        if criteria_set is None or not 1 <= no <= 19:
            f["confidence"] = 0.6
        facts.append(f)
    return facts


_STATUS_WORD = rf"(?P<st>{T.CHUA_DAT}|{T.KHO_DAT}|{T.W('đã đạt')}|{T.DAT})"
_NAMED_LIST = re.compile(
    rf"(?:{_STATUS_WORD}\W{{1,3}}(?:{T.W('các')}\W{{1,3}}|\d{{1,2}}\W{{1,3}})?{T.TIEU_CHI}"
    rf"|(?:\d{{1,2}}\W{{1,3}})?{T.TIEU_CHI}\W{{1,3}}{_STATUS_WORD.replace('st>', 'st2>')})"
    rf"\W{{0,3}}(?:{T.W('là')}|{T.W('gồm')}|{T.W('như')})?\W{{0,3}}:?\s*"
)


def _read_named_list(s: Sentence, ctx: Context, areas: Areas) -> list[Fact]:
    """Criteria listed by name only ("đã đạt các tiêu chí: Giao thông, Thủy lợi, Điện";
    "còn 2 tiêu chí khó đạt là Thu nhập và Nghèo đa chiều"): ``criterion_no`` stays null
    (not printed) and each name must match a reference criterion closely."""
    from ntm_analysis.lexicon.criteria import find_criteria

    folded = s.folded
    facts: list[Fact] = []
    for m in _NAMED_LIST.finditer(folded):
        word = m.group("st") or m.group("st2")
        status = (
            "not_met"
            if re.match(T.CHUA_DAT, word)
            else "difficult"
            if re.match(T.KHO_DAT, word)
            else "met"
        )
        before = folded[: m.start()]
        if any(not _is_rural_thon(folded, t.start()) for t in re.finditer(T.THON, before)):
            continue  # a village's own criteria, not a commune set's
        commune = _commune_before(s, m.start()) or ctx.commune
        if commune is None:
            continue
        stops = [i for i in (folded.find(c, m.end()) for c in ".()") if i >= 0]
        stop = min([*stops, len(folded)])
        bounds = [m.end()]
        for sep in re.finditer(r"\s*(?:[,;+]|\bva\b)\s*", folded[m.end() : stop]):
            bounds += [m.end() + sep.start(), m.end() + sep.end()]
        bounds.append(stop)
        pieces = list(zip(bounds[::2], bounds[1::2]))
        i = 0
        while i < len(pieces):
            # a name may hold a separator ("Thủy lợi và phòng, chống thiên tai"): take the
            # run of up to four pieces that matches a reference name best, longer on ties
            best = None
            for j in range(min(len(pieces), i + 4), i, -1):
                start, end = pieces[i][0], pieces[j - 1][1]
                name = re.sub(
                    rf"^(?:{T.W('tiêu chí')}\W{{1,3}})",
                    "",
                    s.text[start:end].strip(" .:;-–"),
                    flags=re.I,
                )
                if not name:
                    continue
                cand = find_criteria(name, limit=1, min_score=85)
                if not cand.empty and (best is None or cand.at[0, "score"] > best[0]):
                    best = (cand.at[0, "score"], j, start, end, cand.at[0, "criterion_name_vi"])
            if best is None:
                break  # a list of criteria names ends at the first item that is not one
            _, i, start, end, found_name = best
            f = _base(s, ctx, "criteria_status", start, end, False)
            f["commune"] = commune
            f["criteria_set"] = None
            f["criterion_no"] = None
            f["criterion_name"] = found_name
            f["status"] = status
            f["year"] = ctx.year
            f["confidence"] = 0.7
            f["_district"] = areas.at(start, "commune")
            facts.append(f)
    return facts


def _commune_before(s: Sentence, pos: int) -> str | None:
    """The commune the sentence names before ``pos`` ("Xã Cộng Hòa: các tiêu chí …"), as written."""
    found = None
    for m in re.finditer(T.XA, s.folded[:pos]):
        cap = capture_name(s.text, m.end())
        if cap and cap[1] <= pos:
            found = cap[0]
    return found


def _guess_set(items: list[tuple[int, str]], ctx: Context) -> str | None:
    """Which commune criteria set a numbered list follows: compare printed names by number."""
    scores = {}
    for cs in CRITERIA_SETS:
        total = 0.0
        for no, name in items:
            if not name or not 1 <= no <= 19:
                continue
            total += ocr_similarity(name, get_criterion(cs, no).name_vi)
        scores[cs] = total
    a, b = scores[CRITERIA_SETS[0]], scores[CRITERIA_SETS[1]]
    if abs(a - b) >= 40:
        return CRITERIA_SETS[0] if a > b else CRITERIA_SETS[1]
    if ctx.tier in ("advanced", "model"):
        return CRITERIA_SETS[1]
    if ctx.tier == "ntm":
        return CRITERIA_SETS[0]
    return None


def _criterion_name(criteria_set: str | None, no: int | None, printed: str) -> str:
    """The reference name when the set is known, or when both sets name number ``no`` alike;
    else the printed name without a leading "về" ("tiêu chí số 13 về …")."""
    if no is not None and 1 <= no <= 19:
        if criteria_set:
            return get_criterion(criteria_set, no).name_vi
        names = {get_criterion(cs, no).name_vi for cs in CRITERIA_SETS}
        if len(names) == 1:
            return names.pop()
    return re.sub(r"^(?:về|ve|vé|vê)\s+", "", printed, flags=re.I)


# ---------------------------------------------------------------------------- money

_FUNDING_WORDS = re.compile(
    rf"{T.W('vốn')}|{T.W('ngân sách')}|{T.W('kinh phí')}|{T.W('nguồn lực')}|{T.W('huy động')}"
    rf"|{T.W('đầu tư')}|{T.W('hỗ trợ')}|{T.W('phân bổ')}|{T.W('giải ngân')}|{T.W('đóng góp')}"
)
_CATEGORIES = [
    (
        "central_investment",
        rf"{T.W('trung ương')}.*{T.W('đầu tư')}|{T.W('đầu tư')}.*{T.W('trung ương')}",
    ),
    (
        "central_recurrent",
        rf"{T.W('trung ương')}.*{T.W('sự nghiệp')}|{T.W('sự nghiệp')}.*{T.W('trung ương')}",
    ),
    ("central", rf"{T.W('trung ương')}"),
    ("credit", rf"{T.W('tín dụng')}|{T.W('vốn vay')}|{T.W('ngân hàng')}"),
    ("enterprise", rf"{T.W('doanh nghiệp')}"),
    ("community", rf"{T.W('cộng đồng')}|{T.W('người dân')}|{T.W('nhân dân')}|{T.W('dân góp')}"),
    ("commune", rf"{T.W('ngân sách')}{T.SEP}{T.XA}"),
    ("district", rf"{T.W('ngân sách')}{T.SEP}(?:{T.W('huyện')}|{T.W('thị xã')})"),
    (
        "provincial",
        rf"{T.W('ngân sách')}{T.SEP}(?:{T.W('tỉnh')}|{T.W('thành phố')})"
        rf"|{T.W('tỉnh')}{T.SEP}(?:{T.W('hỗ trợ')}|{T.W('cấp')}|{T.W('bố trí')}|{T.W('phân bổ')})",
    ),
    ("total", rf"{T.W('tổng')}"),
    ("other", rf"{T.W('lồng ghép')}|{T.W('khác')}"),
]


def funding_category(folded: str) -> str:
    """The source category a folded label names ("ngân sách trung ương" → central), else other."""
    return next((cat for cat, rx in _CATEGORIES if re.search(rx, folded)), "other")


def _multiplier(unit: str) -> int | None:
    u = unit.replace(" ", "")
    if re.match(r"ng(?:h[i1]|[a4])nt[yi1]", u):
        return 10**12
    if u.startswith("tr"):
        return 10**6
    if u.startswith(("ty", "ti", "t1")):
        return 10**9
    if u.startswith("ngh") or u.startswith(("ngan", "ng4n")):
        return 10**3
    if u.startswith(("dong", "d0ng", "vnd")):
        return 1
    return None  # "1 dong": an unreadable multiplier


def read_funding(s: Sentence, ctx: Context, target: bool, areas: Areas) -> list[Fact]:
    """Money amounts with their source category (``funding``)."""
    folded = s.folded
    found = list(re.finditer(T.AMOUNT, folded))
    if not found:
        return []
    known = [_multiplier(m.group("unit")) for m in found]
    default = next((k for k in known if k), None)
    facts = []
    prev_end = 0
    for m, mult in zip(found, known):
        after = folded[m.end() : m.end() + 12]
        if re.match(r"\s?/\s?(?!x)", after) or re.match(r"\s?/\s?$", after):
            continue  # a rate per person, per hectare …
        clause_from = max(folded.rfind(";", 0, m.start()), folded.rfind("(", 0, m.start())) + 1
        # the words since the previous amount name this one's source ("…, ngân sách tỉnh 150")
        clause = folded[max(clause_from, prev_end) : m.start()]
        prev_end = m.end()
        context_text = (
            f"{ctx.last_bullet if s.bullet and s.text.lstrip()[:1] == '+' else ''} " + clause
        )
        if not _FUNDING_WORDS.search(folded[: m.start()] + after + folded[m.end() : m.end() + 40]):
            continue
        confidence = 0.9
        if mult is None:
            if default is None:
                continue
            mult, confidence = default, 0.6
        try:
            amount = parse_amount(s.text[m.start() : m.end()])
            if _multiplier(m.group("unit")) is None:
                raise NumberFormatError("unit unreadable")
        except NumberFormatError:
            value = _decimal(m.group("amount")) * Decimal(mult)
            if value != value.to_integral_value():
                continue
            amount = int(value)
        category = "other"
        label = clause[clause.rfind(":") + 1 :] if ":" in clause else ""
        stops = [i for i in (folded.find(c, m.end()) for c in "(;,") if i >= 0]
        tail = folded[m.end() : min([*stops, len(folded)])]
        in_parens = folded.rfind("(", 0, m.start()) > folded.rfind(")", 0, m.start())
        for text in (label, tail, clause, context_text):
            hit = next((cat for cat, rx in _CATEGORIES if re.search(rx, text)), None)
            if hit and not (
                hit == "central"
                and re.search(rf"{T.W('trung ương')}", context_text)
                and text is not context_text
            ):
                category = hit
                break
        if category == "provincial" and not re.search(
            rf"{T.W('ngân sách')}|{T.W('tỉnh')}{T.SEP}(?:{T.W('hỗ trợ')}|{T.W('cấp')}"
            rf"|{T.W('bố trí')}|{T.W('phân bổ')})",
            context_text + tail,
        ):
            category = "other"
        if in_parens and facts and category in ("other", "central"):
            parent = facts[-1]["source_category"]  # a breakdown of the amount before "("
            if parent in ("central", "central_investment", "central_recurrent"):
                category = (
                    "central_investment"
                    if re.search(T.W("đầu tư"), clause)
                    else "central_recurrent"
                    if re.search(T.W("sự nghiệp"), clause)
                    else "central"
                )
            elif category == "other":
                category = parent
        f = _base(s, ctx, "funding", m.start(), m.end(), target)
        f["source_category"] = category
        f["amount_vnd"] = amount
        f["qualifier"] = _qualifier(folded[: m.start()])
        near = f"{clause[-40:]} {tail}"  # the amount's own words, not the next item's
        f["budget_type"] = (
            "investment"
            if re.search(T.W("đầu tư"), near) and not re.search(T.W("sự nghiệp"), near)
            else "recurrent"
            if re.search(T.W("sự nghiệp"), near)
            else None
        )
        flow = None
        scope = f"{ctx.heading} {folded[max(0, m.start() - 120) : m.start()]}"
        for name, rx in (
            ("disbursed", T.W("giải ngân")),
            ("allocated", T.W("phân bổ")),
            ("mobilised", T.W("huy động")),
        ):
            if re.search(rx, scope):
                flow = name
        f["flow"] = "planned" if f["is_target"] and flow is None else flow
        pm = re.search(rf"{T.PERIOD}", folded[_clause_start(folded, m.start()) : m.end() + 40])
        year = _year_near(folded, m.start(), m.end(), ctx)
        f["period"] = pm.group("period").replace(" ", "") if pm else (str(year) if year else None)
        f["per_commune"] = bool(
            re.match(rf"\s?/\s?{T.XA}|\W{{0,2}}{T.W('mỗi xã')}", after)
            or re.search(rf"(?:{T.W('mỗi')}|{T.W('bình quân')})\W{{1,3}}{T.XA}", clause)
        )
        f["confidence"] = confidence
        _set_area(f, areas.at(m.start()))
        facts.append(f)
    return facts


# ---------------------------------------------------------------------------- percentages

PERCENT_MEASURES: list[tuple[str, str]] = [
    ("health_insurance_coverage", rf"{T.W('bảo hiểm y tế')}|bhyt"),
    (
        "rural_poverty_rate",
        rf"(?:{T.W('hộ nghèo')}|{T.W('nghèo đa chiều')})[^;%]{{0,25}}"
        rf"{T.W('khu vực')}\W{{1,2}}{T.RURAL}",
    ),
    ("poverty_rate", rf"{T.W('hộ nghèo')}|{T.W('nghèo đa chiều')}|h[o0]\W{{1,2}}ngh\S{{1,3}}o\b"),
    ("near_poverty_rate", rf"{T.W('hộ cận nghèo')}"),
    ("clean_water_households", rf"{T.W('nước sạch')}|{T.W('nước hợp vệ sinh')}"),
    ("schools_national_standard", rf"{T.W('trường')}[^;]{{0,30}}{T.W('chuẩn quốc gia')}"),
    ("trained_labour_certified", rf"{T.W('bằng cấp')}|{T.W('chứng chỉ')}"),
    ("trained_labour", rf"{T.W('lao động')}[^;]{{0,30}}{T.W('đào tạo')}"),
    ("disbursement_rate", rf"{T.W('giải ngân')}"),
    ("waste_collected", rf"{T.W('rác thải')}|{T.W('chất thải')}"),
    ("electricity_households", rf"{T.W('hộ')}[^;]{{0,20}}{T.W('điện')}"),
    ("solid_housing", rf"{T.W('nhà ở')}|{T.W('nhà tạm')}"),
    ("paved_roads", rf"{T.W('cứng hóa')}|{T.W('bê tông')}"),
    ("satisfaction", rf"{T.W('hài lòng')}"),
    ("forest_cover", rf"{T.W('che phủ rừng')}|{T.W('độ che phủ')}"),
    ("works_completed", rf"{T.W('công trình')}[^;]{{0,25}}{T.W('hoàn thành')}"),
    ("construction_progress", rf"{T.W('thi công')}|{T.W('khối lượng')}|{T.W('tiến độ')}"),
]


def _measure(text: str) -> str | None:
    for name, rx in PERCENT_MEASURES:
        if re.search(rx, text):
            return name
    return None


_RATE_NAME = re.compile(
    rf"(?:{T.W('tỷ lệ')}|{T.W('tỉ lệ')})\W{{1,3}}(?P<name>(?:[a-z]+\s){{1,6}}?)"
    rf"(?:(?:{T.W('ước')}\s)?{T.DAT}|{T.W('là')}|{T.W('còn')}|{T.W('giảm còn')}|{T.W('tăng lên')}"
    rf"|{T.CHIEM}|{T.W('ở mức')})?\W{{0,3}}$"
)


def _rate_name(before: str) -> str | None:
    """A snake_case key for "tỷ lệ <name> đạt N%" when the name is not a known measure:
    the folded name itself ("tỷ lệ che phủ rừng" → ``che_phu_rung``)."""
    m = _RATE_NAME.search(before)
    if not m or re.search(rf"{T.XA}|{T.HUYEN}|{T.THON}", m.group("name")):
        return None
    return "_".join(m.group("name").split())[:48] or None


def read_percents(s: Sentence, ctx: Context, target: bool, areas: Areas, used: set) -> list[Fact]:
    """Percentages of a named indicator (``percent``)."""
    folded = s.folded
    facts: list[Fact] = []
    last_measure: str | None = None
    for m in re.finditer(rf"(?<![\d.,]){T.PCT}", folded):
        if (m.start("pct"), "pct") in used:
            continue
        cut = [folded.find(c, m.end()) for c in ",;(."]
        after = folded[m.end() : min([c for c in cut if c >= 0] + [len(folded)])]
        start = max(folded.rfind(c, 0, m.start()) for c in ",;:(") + 1
        before = folded[start : m.start()]
        measure = None
        if re.match(r"\s[a-z]", after):
            measure = _measure(after)
        measure = measure or _measure(before)
        if measure is None and not re.search(rf"{T.W('trong đó')}", before):
            wide_from = max(folded.rfind(c, 0, m.start()) for c in ";:(") + 1
            measure = _measure(folded[wide_from : m.start()])
        if measure is None and re.search(rf"{T.W('trong đó')}", before) and last_measure:
            if re.search(T.RURAL, before):
                measure = f"rural_{last_measure}"
        generic = False
        if measure is None:
            measure = _rate_name(before)
            generic = measure is not None
        if measure is None:
            continue
        if re.search(rf"{T.XA}|{T.HUYEN}", after[:10]):
            continue
        f = _base(
            s,
            ctx,
            "percent",
            start + len(before) - len(before.lstrip()),
            m.end() + (len(after) if re.match(r"\s[a-z]", after) else 0),
            target,
        )
        f["measure"] = measure
        if generic:
            f["confidence"] = 0.6  # a measure named from the text, not one of the known keys
        f["value"] = _number(m.group("pct"))
        f["qualifier"] = _qualifier(before)
        f["year"] = _year_near(folded, m.start(), m.end(), ctx)
        _set_area(f, areas.at(m.start()))
        facts.append(f)
        last_measure = measure
        used.add((m.start("pct"), "pct"))
    return facts


def read_sentence(s: Sentence, ctx: Context) -> list[Fact]:
    """All facts of one sentence, in reading order (a table row: see `tablerows`)."""
    from ntm_analysis.sources.reports.tablerows import cells, read_row

    if cells(s.text) is not None:
        found = read_row(s, ctx)
        if found or ctx.table is not None:
            return found
        # a row of a table the row reader does not know ("| Ngân sách tỉnh | 42,3 tỷ đồng |"):
        # read it as text
    else:
        ctx.table = None
    target = None
    areas = Areas(s, ctx)
    used: set = set()
    facts = read_named(s, ctx, target, areas, used)
    subjects = {f["_start"] for f in facts if f["kind"] == "recognised_district"}
    areas.items = [(p, u) for p, u in areas.items if p not in subjects]
    facts += read_counts(s, ctx, target, areas, used)
    facts += read_criteria(s, ctx, target, areas)
    facts += read_funding(s, ctx, target, areas)
    facts += read_percents(s, ctx, target, areas, used)
    facts.sort(key=lambda f: f["_start"])
    own = sentence_target(s)
    if own is not None:
        ctx.para_target = (s.para, own)
    elif ctx.para_target is not None and ctx.para_target[0] != s.para:
        ctx.para_target = None
    return facts
