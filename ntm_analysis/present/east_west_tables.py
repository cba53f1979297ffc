"""The tables of notebook 02 (the East and the West of the new Hải Phòng) for readers: the
tier shares with their bases, the bases step by step, the xã per East district in two unit
lists, the 2025 units by part and type, the East's districts. Every value is written by
`lexicon.formats`, every row cites its document (with section and line) or page; computed
values and reconciled bases say so; no internal id or row locator is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ntm_analysis.analysis import dating
from ntm_analysis.analysis.findings import decimals
from ntm_analysis.lexicon import formats, vocabulary
from ntm_analysis.model import citations
from ntm_analysis.present import charts, readable
from ntm_analysis.present.charts import VINTAGE_LABELS
from ntm_analysis.present.sentences import citable, cite_rows, rows_of

SHARE_BASIS = {
    "stated": {"vi": "nguồn nêu", "en": "as stated"},
    "computed": {"vi": "tính từ số xã và tổng (tính toán)", "en": "count / total (computed)"},
}
BASE_BASIS = {
    "stated": {"vi": "nguồn nêu", "en": "stated by the source"},
    "reconciled": {"vi": "đối chiếu được (mục 3)", "en": "reconciled (section 3)"},
    "not stated": {"vi": "không rõ", "en": "not known"},
}
STEP_BASIS = {
    "gazetteer": {"vi": "danh mục đơn vị hành chính", "en": "list of administrative units"},
    "stated": {"vi": "nguồn nêu", "en": "stated by the source"},
    "computed": {"vi": "tính toán", "en": "computed"},
}
YES_NO = {True: {"vi": "khớp", "en": "agrees"}, False: {"vi": "không khớp", "en": "differs"}}


def _part(area: str, lang: str) -> str:
    return charts.label(area, lang)


def _cite_rows(raw_rows: Iterable[object], tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The documents (with section and line) or pages that rows named by ``raw_row`` come
    from, without the parentheses of a sentence; '–' for none."""
    wanted = [r.strip() for x in raw_rows if isinstance(x, str) for r in x.split(";") if r.strip()]
    if not wanted:
        return "–"
    text = cite_rows(rows_of(citable(tables), list(dict.fromkeys(wanted))), tables["sources"], lang)
    return text[1:-1] if text else "–"


def _cite_ids(ids: Iterable[object], sources: pd.DataFrame, lang: str) -> str:
    found = [s.strip() for x in ids if isinstance(x, str) for s in x.split(";") if s.strip()]
    cited = citations.resolve(found, sources, lang, strict=False)
    return "; ".join(c.short for c in cited) or "–"


def _share(r: pd.Series, lang: str) -> str:
    if r["basis"] == "stated":
        return formats.percent(r["share_pct"], lang, decimals=decimals(r["share_pct"]))
    return formats.percent(r["share_pct"], lang)


def points_table(points: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """Each share of `east_west.analyse` (``points``): part, tier, date as given, share, how
    it is known, count and base, how the base is known, the documents or pages."""
    rows = [
        *(
            r["raw_rows"]
            if r["base_basis"] != "reconciled"
            else f"{r['raw_rows']}; {r['count_rows']}"
            for _, r in points.iterrows()
        )
    ]
    frame = points.assign(
        part=[_part(a, lang) for a in points["area"]],
        tier_text=[vocabulary.label("tiers", t, lang) for t in points["tier"]],
        date_text=[dating.label(d, lang) for d in points["date"]],
        share=[_share(r, lang) for _, r in points.iterrows()],
        basis_text=[SHARE_BASIS[b][lang] for b in points["basis"]],
        base_text=[BASE_BASIS[b][lang] for b in points["base_basis"]],
        source=[_cite_rows([x], tables, lang) for x in rows],
    )
    cols = [
        readable.Column("part", "Phía", "Part"),
        readable.Column("tier_text", "Mức", "Tier"),
        readable.Column("date_text", "Thời điểm", "Date"),
        readable.Column("share", "Tỷ lệ", "Share"),
        readable.Column("basis_text", "Tỷ lệ có từ", "Share from"),
        readable.Column("count", "Số xã", "Communes", "integer"),
        readable.Column("base", "Mẫu số", "Base", "integer"),
        readable.Column("base_text", "Mẫu số có từ", "Base from"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    return readable.table(frame, cols, lang)


def _step(base_id: str, lang: str) -> str:
    if base_id == "excepted":
        return {
            "vi": "Xã Cát Hải được loại khỏi mục tiêu kiểu mẫu",
            "en": "Cát Hải communes left out of the model target",
        }[lang]
    vintage = "pre2023" if base_id.startswith("pre2023") else "legacy"
    head = {"vi": "Xã {when}", "en": "Xã {when}"}[lang].format(when=VINTAGE_LABELS[vintage][lang])
    if base_id.endswith("_less_excepted"):
        head += {"vi": ", trừ các xã Cát Hải được loại", "en": ", less the Cát Hải communes"}[lang]
    return head


def bases_table(bases: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """The bases of each part step by step (`east_west.bases`), each with where it comes from
    and the figure a source states for it, where one does."""
    frame = bases.assign(
        part=[_part(a, lang) for a in bases["area"]],
        step=[_step(b, lang) for b in bases["base_id"]],
        basis_text=[STEP_BASIS[b][lang] for b in bases["basis"]],
        source=[_cite_ids([s], tables["sources"], lang) for s in bases["sources"]],
        checked=[_cite_rows([c], tables, lang) for c in bases["checked_against"]],
        agrees_text=[
            YES_NO[bool(a)][lang] if isinstance(a, bool) else "–" for a in bases["agrees"]
        ],
    )
    cols = [
        readable.Column("part", "Phía", "Part"),
        readable.Column("step", "Mẫu số", "Base"),
        readable.Column("value", "Số xã", "Communes", "integer"),
        readable.Column("basis_text", "Căn cứ", "From"),
        readable.Column("source", "Nguồn", "Source"),
        readable.Column("checked", "Số do văn bản nêu", "Figure a document states"),
        readable.Column("agrees_text", "Đối chiếu", "Check"),
    ]
    return readable.table(frame, cols, lang)


def _gazetteer_note(units: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    ids = sorted(set(units.loc[units["admin_vintage"].isin(["pre2023", "legacy"]), "source_id"]))
    head = {"vi": "Nguồn: ", "en": "Source: "}[lang]
    return head + _cite_ids(ids, sources, lang)


UNIT_TYPES = {
    "Huyện": {"vi": "Huyện", "en": "District"},
    "Quận": {"vi": "Quận", "en": "Urban district"},
    "Thành phố": {"vi": "Thành phố", "en": "City"},
    "Thị xã": {"vi": "Thị xã", "en": "Town"},
    "Xã": {"vi": "Xã", "en": "Commune (xã)"},
    "Phường": {"vi": "Phường", "en": "Ward (phường)"},
    "Đặc khu": {"vi": "Đặc khu", "en": "Special zone (đặc khu)"},
}


def _unit_type(value: object, lang: str) -> str:
    return UNIT_TYPES.get(str(value), {}).get(lang, str(value) or "–")


def districts_xa_table(
    table: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"
) -> readable.Table:
    """Xã per East district in the pre-2023 and the legacy list (`east_west.xa_by_district`)."""
    frame = table.assign(kind=[_unit_type(t, lang) for t in table["type_legacy"]])
    cols = [
        readable.Column("district", "Huyện, quận, thành phố", "District"),
        readable.Column("kind", "Loại (trước 01/7/2025)", "Type (before 1 Jul 2025)"),
        readable.Column("pre2023", "Xã trước sắp xếp 2023–2025", "Xã before 2023–2025", "integer"),
        readable.Column("legacy", "Xã trước 01/7/2025", "Xã before 1 Jul 2025", "integer"),
        readable.Column("change", "Thay đổi", "Change", "integer"),
    ]
    note = _gazetteer_note(tables["units"], tables["sources"], lang)
    return readable.table(frame, cols, lang, note=note)


def units_2025_table(table: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """The new city's units by part and type after July 2025 (`east_west.units_2025`)."""
    new = tables["units"][tables["units"]["admin_vintage"] == "2025"]
    frame = table.assign(
        part=[_part(a, lang) for a in table["area"]],
        kind=[_unit_type(t, lang) for t in table["unit_type"]],
        source=[_cite_ids([s], tables["sources"], lang) for s in table["source_id"]],
    )
    cols = [
        readable.Column("part", "Phía", "Part"),
        readable.Column("kind", "Loại đơn vị", "Unit type"),
        readable.Column(
            "gazetteer_type", "Theo loại ghi trong danh mục", "By the list's type", "integer"
        ),
        readable.Column("gazetteer_name", "Theo tên đơn vị", "By the unit's name", "integer"),
        readable.Column("stated", "Nguồn nêu", "Stated", "integer"),
        readable.Column("source", "Nguồn", "Source"),
    ]
    ids = sorted(set(new["source_id"]))
    note = {"vi": "Danh mục đơn vị: ", "en": "Unit list: "}[lang]
    return readable.table(frame, cols, lang, note=note + _cite_ids(ids, tables["sources"], lang))


def east_districts_table(table: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str = "vi"):
    """The East's rural districts and what the sources say of each (`east_west.east_districts`)."""
    src = tables["sources"]
    frame = table.assign(
        dossier=[YES_NO_DOSSIER[bool(d)][lang] for d in table["dossier_2024"]],
        dossier_cite=[_cite_ids([s], src, lang) if s else "–" for s in table["dossier_source"]],
        advanced_cite=[_cite_ids([s], src, lang) for s in table["advanced_source"]],
    )
    cols = [
        readable.Column("district", "Huyện", "District"),
        readable.Column(
            "dossier", "Hồ sơ huyện nâng cao gửi Trung ương (2024)", "Advanced dossier sent (2024)"
        ),
        readable.Column("dossier_cite", "Nguồn về hồ sơ", "Source of the dossier"),
        readable.Column(
            "advanced_year", "Năm công nhận huyện nâng cao", "Recognised advanced in", _year
        ),
        readable.Column("advanced_cite", "Nguồn về công nhận", "Source of the recognition"),
    ]
    return readable.table(frame, cols, lang)


YES_NO_DOSSIER = {
    True: {"vi": "có", "en": "yes"},
    False: {"vi": "nguồn không nêu", "en": "not stated"},
}


def _year(value: object, lang: str) -> str:
    """A year as written (2024, never 2.024); '–' when unknown."""
    text = formats.cell(value, lang)
    return text if text == "–" else str(int(float(str(value))))


def findings_table(
    tables: dict[str, pd.DataFrame],
    lang: str = "vi",
    year: int | None = None,
    as_of: str | None = None,
) -> tuple[readable.Table, int]:
    """The findings about the two parts and their districts and communes of a report of
    ``year`` with data up to ``as_of`` (`east_west.dated_part_findings`) as a reader table,
    and how many were left out (`findings.left_out_sentence` says why)."""
    from ntm_analysis.analysis import east_west
    from ntm_analysis.present import findings

    found, left_out = east_west.dated_part_findings(tables, year, as_of)
    frame = findings.findings_frame(tables, None, lang, found)
    return readable.table(frame, findings.COLUMNS, lang), left_out
