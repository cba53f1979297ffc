"""The sentences of notebook 02 (the East and the West of the new Hải Phòng), in vi or en.

Each function takes the frames of `analysis.east_west` and the processed tables and returns
Markdown: every figure formatted from the data, every statement cited, computed values and
leads labelled as such.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.analysis import dating, east_west
from ntm_analysis.analysis.findings import decimals
from ntm_analysis.lexicon import criteria as criteria_sets
from ntm_analysis.present.charts import VINTAGE_LABELS
from ntm_analysis.present.sentences import (
    COMPUTED,
    LEAD,
    bullets,
    cite_ids,
    cite_rows,
    listing,
    n,
    pct,
    rows_of,
    say,
)

PART = {
    "east": {"vi": "phía Đông (Hải Phòng cũ)", "en": "the East (old Hải Phòng)"},
    "west": {"vi": "phía Tây (Hải Dương cũ)", "en": "the West (old Hải Dương)"},
}
TIER = {
    "advanced": {"vi": "NTM nâng cao", "en": "advanced NTM"},
    "model": {"vi": "NTM kiểu mẫu", "en": "model NTM"},
}


def criteria(facts: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """The two parts measured their communes against different criteria."""
    row = east_west.criteria_differ(facts)
    if row is None:
        return ""
    text = {
        "vi": "Hai phía không đo các xã theo cùng một chuẩn: bộ tiêu chí xã giai đoạn "
        "{period} của hai địa phương khác nhau khá nhiều, và theo Ban Đô thị HĐND thành phố "
        "thì tiêu chí của Hải Phòng (cũ) về cơ bản cao hơn của Hải Dương (cũ) {cite}. Vì thế "
        "tỷ lệ xã đạt chuẩn của phía Đông và phía Tây không so được như hai kết quả trên "
        "một thước đo.",
        "en": "The two parts did not measure their communes against one standard: their "
        "{period} commune criteria differed considerably, and according to the city People's "
        "Council's Urban Committee old Hải Phòng's were basically higher than old Hải Dương's "
        "{cite}. The East's and the West's shares are therefore not two results on one scale.",
    }
    return say(text, lang, period=_period(), cite=cite_rows(pd.DataFrame([row]), sources, lang))


def _period(criteria_set: str = "commune_ntm_2021_2025") -> str:
    """The programme phase of a criteria set, as its registry gives it ("2021–2025")."""
    sets = criteria_sets.criteria_sets().set_index("criteria_set")
    return str(sets.at[criteria_set, "period"]).replace("-", "–")


def _finest(dates: pd.Series) -> str:
    """The most precise of several statements of one date ("2025-01-01" over "2025")."""
    given = [str(d) for d in dates.dropna()]
    return max(given, key=len) if given else ""


def _year(rows: pd.DataFrame) -> str:
    years = rows["year"].dropna() if len(rows) else []
    return str(int(years.iloc[0])) if len(years) else "–"


def _base(table: pd.DataFrame, area: str, base_id: str) -> pd.Series:
    return table[(table["area"] == area) & (table["base_id"] == base_id)].iloc[0]


def east_base(bases: pd.DataFrame, facts: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """137 = the pre-2023 xã less the four Cát Hải communes."""
    pre = _base(bases, "east", "pre2023_xa")
    less = _base(bases, "east", "pre2023_xa_less_excepted")
    excepted = facts[facts["measure"] == "commune_excepted_from_model_target"]
    stated = rows_of(facts, less["checked_against"] or "")
    seed = stated[stated["source_id"].isin(sources.loc[sources["kind"] == "document", "source_id"])]
    agree = {"vi": "khớp", "en": "matching"} if less["agrees"] else {"vi": "khác", "en": "unlike"}
    text = {
        "vi": "**Phía Đông, {base} xã.** Danh mục đơn vị {pre_list} có {pre} xã thuộc Hải "
        "Phòng {gaz}; bỏ {k} xã của huyện Cát Hải mà kết luận của thành phố loại khỏi mục tiêu "
        "kiểu mẫu ({names}) {cite_ex} còn {base} xã ({computed}), {agree} mẫu số {base} mà "
        "thành phố dùng cho kết quả năm {year} {cite_base}. Các tỷ lệ phía Đông {when} tính "
        "trên mẫu số này.",
        "en": "**The East, {base} communes.** The unit list {pre_list} has {pre} xã in Hải "
        "Phòng {gaz}; leaving out the {k} Cát Hải communes the city's conclusions exclude from "
        "the model target ({names}) {cite_ex} leaves {base} ({computed}), {agree} the base of "
        "{base} the city uses for its {year} results {cite_base}. The East's shares of {when} "
        "rest on it.",
    }
    return say(
        text,
        lang,
        base=n(less["value"], lang),
        pre=n(pre["value"], lang),
        gaz=cite_ids(pre["sources"].split(";")[:1], sources, lang),
        k=n(len(excepted), lang),
        names=listing(excepted["area_name"], lang),
        cite_ex=cite_rows(excepted.head(1), sources, lang),
        computed=COMPUTED[lang],
        agree=agree[lang],
        cite_base=cite_rows(seed.head(1), sources, lang),
        pre_list=VINTAGE_LABELS["pre2023"][lang],
        year=_year(seed),
        when=dating.label(seed.iloc[0]["as_of"] if len(seed) else "", lang),
    )


def west_base(
    bases: pd.DataFrame,
    matches: pd.DataFrame,
    sources: pd.DataFrame,
    facts: pd.DataFrame,
    lang: str,
) -> str:
    """151 legacy xã reproduce the supervision's West shares."""
    legacy = _base(bases, "west", "legacy_xa")
    good = matches[(matches["area"] == "west") & matches["reproduces"]]
    good = good.drop_duplicates(["tier", "date"]).sort_values(["date", "tier"])
    items = [
        say(
            {
                "vi": "{c}/{b} = {v}, in ra {p} ({tier}, {when})",
                "en": "{c}/{b} = {v}, printed {p} ({tier}, {when})",
            },
            lang,
            c=n(r.count, lang),
            b=n(r.base, lang),
            v=pct(r.computed_pct, lang, decimals(r.share_pct) + 1),
            p=pct(r.share_pct, lang, decimals(r.share_pct)),
            tier=TIER[r.tier][lang],
            when=dating.label(r.date, lang),
        )
        for r in good.itertuples()
    ]
    counts = rows_of(facts, list(good["count_row"].drop_duplicates()))
    text = {
        "vi": "**Phía Tây, {b} xã.** Danh mục đơn vị {legacy_list} có {b} xã thuộc Hải Dương "
        "{gaz}. Các số xã nâng cao và kiểu mẫu mà các trang đã đọc nêu {cite_c}, chia cho {b}, "
        "cho lại đúng các tỷ lệ đã in, làm tròn hoặc cắt bớt như bản in: {items} "
        "({computed}). Vậy các tỷ lệ phía Tây {last} khớp với số xã {count_date} trên {b} "
        "xã; nguồn không tự nêu mẫu số này.",
        "en": "**The West, {b} communes.** The unit list {legacy_list} has {b} xã "
        "in Hải Dương {gaz}. The advanced and model counts the pages state {cite_c}, divided "
        "by {b}, give back the printed shares, rounded or cut to the printed precision: "
        "{items} ({computed}). "
        "The West's shares of {last} thus match the counts of {count_date} over {b} "
        "communes; no source prints this base itself.",
    }
    return say(
        text,
        lang,
        b=n(legacy["value"], lang),
        gaz=cite_ids(legacy["sources"].split(";")[1:], sources, lang),
        cite_c=cite_ids(counts["source_id"], sources, lang),
        items="; ".join(items),
        computed=COMPUTED[lang],
        legacy_list=VINTAGE_LABELS["legacy"][lang],
        last=dating.label(good.iloc[-1]["date"], lang),
        count_date=dating.label(good.iloc[-1]["count_date"], lang),
    )


def east_fall(
    bases: pd.DataFrame,
    by_district: pd.DataFrame,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str,
) -> str:
    """The East's xã fell when An Dương and Thủy Nguyên became urban in January 2025."""
    pre, legacy = _base(bases, "east", "pre2023_xa"), _base(bases, "east", "legacy_xa")
    less = _base(bases, "east", "legacy_xa_less_excepted")
    urban = by_district[by_district["type_legacy"].isin(["Quận", "Thành phố"])]
    merged = by_district[~by_district.index.isin(urban.index) & (by_district["change"] < 0)]
    stated = rows_of(facts, legacy["checked_against"] or "")
    effective = facts[
        (facts["area_level"] == "district")
        & facts["measure"].isin(["units_xa", "units_phuong"])
        & (facts["admin_vintage"] == "legacy")
    ]
    urban_items = [
        f"{r.district} {n(r.pre2023, lang)} → {n(r.legacy, lang)}" for r in urban.itertuples()
    ]
    merged_items = [
        f"{r.district} {n(r.pre2023, lang)} → {n(r.legacy, lang)}" for r in merged.itertuples()
    ]
    text = {
        "vi": "**Số xã phía Đông giảm từ {month}.** Khi An Dương thành quận và Thủy "
        "Nguyên thành thành phố (từ {day}) {cite_eff}, xã ở đó thành phường: {urban}; "
        "giữa hai danh mục, các xã còn được sáp nhập ở {merged}. Danh mục {legacy_list} "
        "còn {legacy} xã "
        "(trước sắp xếp: {pre}), đúng số trang tin nêu cho thời điểm đó {cite_l}; bỏ thêm {k} "
        "xã Cát Hải còn {less} xã ({computed}). Một tỷ lệ phía Đông năm {year} có thể tính trên "
        "{base137}, {legacy} hay {less} xã — nguồn không nói.",
        "en": "**The East's xã fell from {month}.** When An Dương became an urban "
        "district and Thủy Nguyên a city (from {day}) {cite_eff}, their communes became "
        "wards: {urban}; between the two lists, communes were also merged in {merged}. The list "
        "{legacy_list} has {legacy} xã (before the mergers: {pre}), the number a news page "
        "states for that date {cite_l}; less the {k} Cát Hải communes, {less} ({computed}). "
        "A {year} share for the East may rest on {base137}, {legacy} or {less} communes — the "
        "sources do not say.",
    }
    return say(
        text,
        lang,
        cite_eff=cite_ids(effective["source_id"], sources, lang),
        urban=listing(urban_items, lang),
        merged=listing(merged_items, lang),
        legacy=n(legacy["value"], lang),
        pre=n(pre["value"], lang),
        cite_l=cite_ids(stated["source_id"], sources, lang),
        k=n(_base(bases, "east", "excepted")["value"], lang),
        less=n(less["value"], lang),
        computed=COMPUTED[lang],
        base137=n(_base(bases, "east", "pre2023_xa_less_excepted")["value"], lang),
        month=dating.label(_finest(effective["as_of"])[:7], lang),
        day=dating.label(_finest(effective["as_of"]), lang),
        legacy_list=VINTAGE_LABELS["legacy"][lang],
        year=_year(effective),
    )


def after_reform(
    units_2025: pd.DataFrame,
    conflicts: pd.DataFrame,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str,
) -> str:
    """The new city's xã, phường and đặc khu after July 2025, stated and in the gazetteer."""
    city = facts[
        (facts["admin_vintage"] == "2025")
        & (facts["area_code"] == "31")
        & facts["measure"].isin(["units_xa", "units_phuong", "units_dac_khu"])
    ].set_index("measure")
    if city.empty:
        return ""
    parts = []
    for area in ("east", "west"):
        u = units_2025[(units_2025["area"] == area) & units_2025["stated"].notna()]
        parts.append(
            f"{PART[area][lang]}: "
            + ", ".join(f"{n(r.stated, lang)} {r.unit_type.lower()}" for r in u.itertuples())
        )
    text = {
        "vi": "**Từ {when}.** Thành phố mới có {xa} xã, {ph} phường và {dk} đặc khu; "
        "{parts} {cite}. {gaz}",
        "en": "**From {when}.** The new city has {xa} xã, {ph} phường and {dk} đặc khu; "
        "{parts} {cite}. {gaz}",
    }
    gaz = ""
    if len(conflicts):
        names = listing([f"{r.unit_name} ({r.unit_type})" for r in conflicts.itertuples()], lang)
        gaz = say(
            {
                "vi": "Danh mục đơn vị cài sẵn ghi loại trái với tên của {k} đơn vị: {names}; "
                "đếm theo tên thì khớp số nêu trên, đếm theo loại của gói thì lệch.",
                "en": "The installed unit list gives {k} units a type their names contradict: "
                "{names}; counted by name the parts match the figures above, counted by the "
                "package's type they do not.",
            },
            lang,
            k=n(len(conflicts), lang),
            names=names,
        )
    src = facts[facts["measure"].str.startswith("successor_units_")]
    return say(
        text,
        lang,
        xa=n(city.at["units_xa", "value"], lang),
        ph=n(city.at["units_phuong", "value"], lang),
        dk=n(city.at["units_dac_khu", "value"], lang),
        parts="; ".join(parts),
        when=dating.label(city["as_of"].dropna().min(), lang),
        cite=cite_ids(src["source_id"], sources, lang),
        gaz=gaz,
    )


def merged(
    merged_table: pd.DataFrame,
    facts: pd.DataFrame,
    bases: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str,
) -> str:
    """Why the merged city has no pooled rate, then each part's latest count on its own base
    side by side (never added up)."""
    items = []
    for r in merged_table.itertuples():
        items.append(
            say(
                {
                    "vi": "{tier}: phía Đông {ec}/{eb} xã ({ew}); phía Tây {wc}/{wb} xã ({ww})",
                    "en": "{tier}: the East {ec} of {eb} communes ({ew}); the West {wc} of "
                    "{wb} ({ww})",
                },
                lang,
                tier=TIER[r.tier][lang],
                ec=n(r.east_count, lang),
                wc=n(r.west_count, lang),
                eb=n(r.east_base, lang),
                wb=n(r.west_base, lang),
                ew=dating.label(r.east_date, lang),
                ww=dating.label(r.west_date, lang),
            )
        )
    head = {
        "vi": "Không có tỷ lệ chung cho thành phố gộp: hai phía đo xã theo hai bộ tiêu chí khác "
        "nhau và ở hai thời điểm khác nhau, nên cộng số xã và mẫu số của hai phía là gộp các "
        "số trên hai cơ sở khác nhau; không nguồn nào nêu một tỷ lệ chung. Số của từng phía, "
        "trên mẫu số của chính nó {cite}:",
        "en": "There is no pooled rate for the merged city: the two parts measured their "
        "communes against different criteria and at different dates, so adding their counts "
        "and bases would pool figures on different bases; no source states a pooled rate. "
        "Each part on its own base {cite}:",
    }
    used = [
        r for col in ("east_rows", "west_rows") for x in merged_table[col] for r in x.split("; ")
    ]
    gaz = bases[bases["area"] == "west"]["sources"].iloc[0].split(";")[1:]
    cite = cite_rows(rows_of(facts, list(dict.fromkeys(used))), sources, lang)
    cite = cite[:-1] + "; " + cite_ids(gaz, sources, lang)[1:]
    return say(head, lang, cite=cite) + "\n\n" + bullets(items)


def districts(table: pd.DataFrame, facts: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """4 of 6 East districts advanced, against what the sources say of each district."""
    stated = facts[
        (facts["area_code"] == "31")
        & (facts["admin_vintage"] == "legacy")
        & facts["measure"].isin(["districts_advanced", "districts_total"])
    ]
    stated = stated[stated["source_id"] == stated["source_id"].iloc[0]] if len(stated) else stated
    stated = stated.set_index("measure")
    if stated.empty:
        return ""
    dossier = table[table["dossier_2024"]]
    recognised = table[table["advanced_year"].notna()]
    text = {
        "vi": "Ban Đô thị nêu {a}/{t} huyện phía Đông đạt chuẩn NTM nâng cao nhưng không nêu "
        "tên {cite}. Theo danh mục đơn vị {legacy_list}, phía Đông có {h} huyện ({names}) {gaz}. "
        "Kết luận của thành phố nêu {d} huyện đã hoàn thiện hồ sơ huyện nâng cao gửi Trung "
        "ương: {dn} {cite_d}; các trang đã đọc xác nhận công nhận huyện nâng cao cho {rn} "
        "{cite_r}. Rằng {a} "
        "huyện đạt chuẩn chính là {d} huyện gửi hồ sơ là {lead}.",
        "en": "The Urban Committee states that {a} of the East's {t} districts met the "
        "advanced standard, without naming them {cite}. In the unit list {legacy_list} the "
        "East has {h} rural districts ({names}) {gaz}. The city's conclusions name {d} "
        "districts whose advanced-district dossiers went to the centre: {dn} {cite_d}; the "
        "pages read confirm advanced recognitions for {rn} {cite_r}. That the {a} are the {d} with "
        "dossiers is {lead}.",
    }
    return say(
        text,
        lang,
        a=n(stated.at["districts_advanced", "value"], lang),
        t=n(stated.at["districts_total", "value"], lang),
        cite=cite_rows(stated.reset_index().head(1), sources, lang),
        h=n(len(table), lang),
        names=listing(table["district"], lang),
        gaz=cite_ids(["pkg_vietnamadminunits_1_0_4"], sources, lang),
        d=n(len(dossier), lang),
        dn=listing(dossier["district"], lang),
        cite_d=cite_rows(
            facts[facts["measure"] == "district_advanced_dossier"].head(1), sources, lang
        ),
        rn=listing(
            [f"{r.district} ({int(r.advanced_year)})" for r in recognised.itertuples()], lang
        ),
        legacy_list=VINTAGE_LABELS["legacy"][lang],
        cite_r=cite_ids(recognised["advanced_source"], sources, lang),
        lead=LEAD[lang],
    )


def target_against_share(
    points: pd.DataFrame,
    bases: pd.DataFrame,
    targets: pd.DataFrame,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    year: int,
    lang: str,
) -> str:
    """The East's 2025 model target against the 58,4 % the supervision reports."""
    target = targets[
        (targets["measure"] == "communes_model_pct")
        & (targets["area_code"] == "31")
        & (targets["year"] == year)
    ]
    latest = points[(points["area"] == "east") & (points["tier"] == "model")]
    latest = latest.sort_values("date").iloc[-1] if len(latest) else None
    if target.empty or latest is None:
        return ""
    # The base already leaves the excepted communes out (pre-2023 xã less them): the target
    # is every commune of it, the exception is not taken off a second time.
    base = _base(bases, "east", "pre2023_xa_less_excepted")["value"]
    pre = _base(bases, "east", "pre2023_xa")["value"]
    k = _base(bases, "east", "excepted")["value"]
    text = {
        "vi": "**Mục tiêu năm {ty} của phía Đông:** {t} số xã cơ bản đạt tiêu chí kiểu mẫu, "
        "trừ {k} xã của Cát Hải {cite_t}. Mẫu số {b} xã đã bỏ {k} xã này ({pre} − {k}), nên "
        "nếu mẫu số vẫn là {b} xã thì mục tiêu là cả {b} xã ({computed} — kết luận không ghi "
        "mẫu số). Trong thông báo {when}, Ban Đô thị nêu "
        "{v} xã phía Đông đạt kiểu mẫu, không nêu mẫu số {cite_v}; trên {b} xã, {v} là "
        "khoảng {c} xã ({computed}).",
        "en": "**The East's own {ty} target:** {t} of communes basically meeting the model "
        "criteria, the {k} Cát Hải communes excepted {cite_t}. The base of {b} already leaves "
        "those {k} out ({pre} − {k}), so on a base still of {b} the target is all {b} communes "
        "({computed} — the conclusions print no base). In "
        "{when} the Urban Committee reports {v} of the East's communes as model, without a "
        "base {cite_v}; on {b} communes {v} is about {c} ({computed}).",
    }
    v = latest["share_pct"]
    return say(
        text,
        lang,
        t=pct(target.iloc[0]["target_value"], lang),
        ty=int(target.iloc[0]["year"]),
        k=n(k, lang),
        cite_t=cite_rows(target.head(1), sources, lang),
        b=n(base, lang),
        pre=n(pre, lang),
        computed=COMPUTED[lang],
        when=dating.label(latest["date"], lang),
        v=pct(v, lang),
        cite_v=cite_rows(rows_of(facts, latest["raw_rows"]), sources, lang),
        c=n(round(v / 100 * base), lang),
    )


def readings(
    share: float | None,
    readings_table: pd.DataFrame,
    bases: pd.DataFrame,
    district_counts: pd.DataFrame,
    facts: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str,
) -> str:
    """Leads on the 58,4 %: the bases and counts that reproduce it, and a district's fall."""
    if share is None:
        return ""
    lines = []
    for r in readings_table.itertuples():
        match = ""
        if r.cohorts:
            first = r.cohorts.split(" | ")[0]
            years = first.split(" (")[0].split(" + ")
            rows = rows_of(facts, first.split(": ", 1)[1].rstrip(")").split(", "))
            match = say(
                {
                    "vi": "; {c} bằng số xã của đợt xây dựng kiểu mẫu từ năm {y} {cite}",
                    "en": "; {c} equals the communes of the model-building cohort(s) of {y} {cite}",
                },
                lang,
                c=" + ".join(n(v, lang) for v in rows["value"])
                if len(rows) > 1
                else n(r.count, lang),
                y=listing(years, lang),
                cite=cite_rows(rows, sources, lang),
            )
        lines.append(
            say(
                {
                    "vi": "{c}/{b} = {v} → in ra {s} (mẫu số: {what}){match}",
                    "en": "{c}/{b} = {v} → printed {s} (base: {what}){match}",
                },
                lang,
                c=n(r.count, lang),
                b=n(r.base, lang),
                v=pct(r.computed_pct, lang, 2),
                s=pct(share, lang),
                what=_base_name(r.base_id, _base(bases, "east", "excepted")["value"], lang),
                match=match,
            )
        )
    none = bases[
        (bases["area"] == "east")
        & ~bases["base_id"].isin(readings_table["base_id"])
        & (bases["base_id"] != "excepted")
    ]
    if len(none):
        lines.append(
            say(
                {
                    "vi": "Không số xã nguyên nào trên {b} xã cho ra {s}.",
                    "en": "No whole number of communes over {b} gives {s}.",
                },
                lang,
                b=_either([n(v, lang) for v in none["value"]], lang),
                s=pct(share, lang),
            )
        )
    lines += _district_falls(district_counts, sources, lang)
    head = {
        "vi": "**Về {s} ({lead}).** Các phép chia dưới đây ({computed}) chỉ cho biết những cách "
        "đọc có thể; chỉ danh sách xã kiểu mẫu của thành phố kèm đơn vị sau sắp xếp mới xác "
        "định được.",
        "en": "**On the {s} ({lead}).** The divisions below ({computed}) only show the "
        "possible readings; only the city's list of model communes with their post-merger "
        "units can settle it.",
    }
    return say(head, lang, s=pct(share, lang), lead=LEAD[lang], computed=COMPUTED[lang]) + (
        "\n\n" + bullets(lines)
    )


def _either(items: list[str], lang: str) -> str:
    word = " hoặc " if lang == "vi" else " or "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + word + items[-1]


def _base_name(base_id: str, k: int, lang: str) -> str:
    """What a base of `east_west.bases` counts, for readers."""
    vintage = "pre2023" if base_id.startswith("pre2023") else "legacy"
    text = {"vi": "xã {when}", "en": "xã {when}"}
    out = say(text, lang, when=VINTAGE_LABELS[vintage][lang])
    if base_id.endswith("_less_excepted"):
        less = {"vi": " trừ {k} xã Cát Hải", "en": " less the {k} Cát Hải communes"}
        out += say(less, lang, k=n(k, lang))
    return out


def _district_falls(counts: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    out = []
    for name, grp in counts.groupby("district"):
        grp = grp.sort_values("year")
        if len(grp) < 2 or grp["model"].iloc[-1] >= grp["model"].iloc[0]:
            continue
        a, b = grp.iloc[0], grp.iloc[-1]
        out.append(
            say(
                {
                    "vi": "Ở {d}, số xã kiểu mẫu là {a} ({wa}) rồi {b} ({wb}) sau sắp xếp xã, "
                    "khi số xã giảm từ {xa} xuống {xb} {cite}: sáp nhập có thể làm giảm số xã "
                    "kiểu mẫu, nên số đếm sau sắp xếp không nhất thiết bằng số đếm trước đó.",
                    "en": "In {d} the model communes went from {a} ({wa}) to {b} ({wb}) after "
                    "the commune mergers, as its xã fell from {xa} to {xb} {cite}: mergers can "
                    "lower the count of model communes, so a count after the mergers need not "
                    "equal the one before.",
                },
                lang,
                d=name,
                a=n(a["model"], lang),
                wa=dating.label(a["date"], lang),
                b=n(b["model"], lang),
                wb=dating.label(b["date"], lang),
                xa=n(a["xa_pre2023"], lang),
                xb=n(b["xa_legacy"], lang),
                cite=cite_ids(grp["source_id"], sources, lang),
            )
        )
    return out


def other_area(area: str, lang: str) -> str:
    """What notebook 02 says when it runs for an area other than the new Hải Phòng."""
    text = {
        "vi": "**Phần so sánh phía Đông – phía Tây chỉ nói về thành phố Hải Phòng mới**, hợp "
        "nhất từ 01/7/2025 từ hai tỉnh cũ: Hải Phòng (phía Đông) và Hải Dương (phía Tây). "
        "{area} không phải địa bàn đó, nên các mục 1–6 bỏ trống. Dưới đây là các số liệu chính "
        "mà dữ liệu có về {area}; mục 7 và 8 cho tình trạng từng xã và các chỗ nguồn không "
        "khớp nhau của {area}.",
        "en": "**The East–West comparison is about the new city of Hải Phòng only**, formed on "
        "1 Jul 2025 from two old provinces: Hải Phòng (the East) and Hải Dương (the West). "
        "{area} is not that city, so sections 1–6 are left empty. Below are the key figures "
        "the data holds for {area}; sections 7 and 8 give its communes' status and where its "
        "sources disagree.",
    }
    return say(text, lang, area=area or {"vi": "Cả nước", "en": "The whole country"}[lang])


def not_here(lang: str) -> str:
    """The line a section about the two parts shows for another area."""
    return {
        "vi": "*Mục này chỉ nói về thành phố Hải Phòng mới (xem phần đầu).*",
        "en": "*This section is about the new Hải Phòng only (see the top of the report).*",
    }[lang]


def open_questions(lang: str) -> str:
    """The questions the sources leave open about the two parts, and what would settle them."""
    text = {
        "vi": [
            "Tỷ lệ kiểu mẫu của phía Đông trong thông báo giám sát dùng mẫu số nào và đếm những "
            "xã nào? Danh sách xã kiểu mẫu của thành phố, kèm đơn vị sau sắp xếp, sẽ trả lời.",
            "Bốn huyện phía Đông đạt chuẩn nâng cao là những huyện nào? Quyết định công nhận "
            "của Thủ tướng cho từng huyện sẽ trả lời.",
            "Hai bộ tiêu chí xã khác nhau ở những tiêu chí nào? Hai bộ tiêu chí của thành phố và "
            "của tỉnh đặt cạnh nhau sẽ cho biết tỷ lệ của hai phía cách nhau bao nhiêu vì thước "
            "đo.",
        ],
        "en": [
            "Which base and which communes does the East's model share in the supervision use? "
            "The city's list of model communes, with their post-merger units, would settle it.",
            "Which four East districts met the advanced standard? The Prime Minister's "
            "recognition decisions for each district would settle it.",
            "Where do the two commune criteria sets differ? The city's and the province's sets "
            "side by side would show how much of the gap is the yardstick.",
        ],
    }
    head = {
        "vi": "## Câu hỏi còn mở và số liệu sẽ trả lời",
        "en": "## Open questions and the data that would settle them",
    }
    return head[lang] + "\n\n" + bullets(text[lang])
