"""``ntm template``: a blank criteria form for one district, pre-filled with its communes.

The form is laid out as offices lay theirs (national motto, agency line, a title naming the
criteria set, the year and the area, a header of two rows with a merged banner over the
criteria of the set, a score and a note column, a signature block), so that what an office
fills in is read back by ``ntm check`` / ``ntm ingest`` without options. The rows are the
district's communes (xã) of the legacy vintage, with their codes; towns and wards are not in
the commune programme and are left out. Criterion cells accept x / Đạt / Chưa đạt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pandas as pd

from ntm_analysis.lexicon import criteria, vocabulary
from ntm_analysis.lexicon.textnorm import fold
from ntm_analysis.places import gazetteer

_SET_WORDS = {
    "commune_ntm_2021_2025": "XÃ NÔNG THÔN MỚI GIAI ĐOẠN 2021-2025",
    "commune_advanced_2021_2025": "XÃ NÔNG THÔN MỚI NÂNG CAO GIAI ĐOẠN 2021-2025",
    "commune_ntm_2026_2030": "XÃ NÔNG THÔN MỚI GIAI ĐOẠN 2026-2030",
}


class TemplateError(ValueError):
    """The district cannot be found, is ambiguous, or the set has no criteria on file."""


def district_communes(district: str, province: str | None = None) -> pd.DataFrame:
    """The communes (xã) of a legacy district: unit_code, unit_name_short, district and
    province names, in code order.

    Raises:
        TemplateError: no such district, or several (name the province).
    """
    units = gazetteer.load_units("legacy")
    dists = units[units["level"] == "district"]
    key = fold(vocabulary.strip_unit_type(district.strip(), "district"))
    hit = dists[dists["unit_name_short"].map(fold) == key]
    if province:
        pkey = fold(vocabulary.strip_unit_type(province.strip(), "province"))
        hit = hit[
            hit["province_name"].map(lambda p: fold(vocabulary.strip_unit_type(p, "province")))
            == pkey
        ]
    if hit.empty:
        raise TemplateError(f"no district {district!r} in the gazetteer")
    if len(hit) > 1:
        shown = ", ".join(
            f"{n} ({p})" for n, p in zip(hit["unit_name"], hit["province_name"], strict=True)
        )
        raise TemplateError(f"several districts are named {district!r}: {shown}; add --province")
    d = hit.iloc[0]
    commune_type = vocabulary.unit_type_names("commune")[0]
    c = units[(units["level"] == "commune") & (units["parent_code"] == d["unit_code"])]
    c = c[c["unit_type"] == commune_type].sort_values("unit_code")
    return c.assign(district=d["unit_name"], province=d["province_name"])


def _criteria_of(set_id: str) -> list[tuple[int, str]]:
    table = criteria.criteria_table()
    rows = table[table["criteria_set"] == set_id].sort_values("criterion_no")
    if rows.empty:
        raise TemplateError(f"no criteria of {set_id} are on file")
    return list(zip(rows["criterion_no"].astype(int), rows["criterion_name_vi"], strict=True))


def _title(ws, width: int, communes: pd.DataFrame, set_id: str, year: int) -> int:
    from openpyxl.styles import Alignment, Font

    district = str(communes["district"].iloc[0])
    province = str(communes["province"].iloc[0])
    left = 3
    ws.cell(1, 1, f"UBND {district.upper()}")
    ws.cell(1, left + 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    ws.cell(2, left + 1, "Độc lập - Tự do - Hạnh phúc")
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=left + 1, end_row=r, end_column=width)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=left)
    words = _SET_WORDS.get(set_id, "XÃ NÔNG THÔN MỚI")
    ws.cell(4, 1, f"BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ {words} NĂM {year}")
    ws.cell(5, 1, f"{district}, {province}")
    ws.cell(6, 1, f"Bộ tiêu chí: {set_id}")
    for r in (4, 5, 6):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
    for r in (1, 2, 4):
        for c in (1, left + 1):
            ws.cell(r, c).font = Font(bold=True, size=12 if r == 4 else 11)
            ws.cell(r, c).alignment = Alignment(horizontal="center")
    return 8


def write_template(
    out: str | Path, district: str, set_id: str, year: int, province: str | None = None
) -> Path:
    """Write the blank criteria form of ``district`` for ``set_id`` and ``year`` to ``out``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    communes = district_communes(district, province)
    crit = _criteria_of(set_id)
    width = 3 + len(crit) + 2
    wb = Workbook()
    ws = wb.active
    ws.title = f"Tieu chi {year}"
    h = _title(ws, width, communes, set_id, year)
    heads = ["TT", "Tên xã", "Mã xã"]
    for c, text in enumerate(heads, start=1):
        ws.cell(h, c, text)
        ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    ws.cell(h, 4, "Kết quả thực hiện các tiêu chí (x = đạt; để trống = chưa đạt)")
    ws.merge_cells(start_row=h, start_column=4, end_row=h, end_column=3 + len(crit))
    for k, (n, name) in enumerate(crit):
        ws.cell(h + 1, 4 + k, f"TC{n} {name}")
    for c, text in ((width - 1, "Số tiêu chí đạt"), (width, "Ghi chú")):
        ws.cell(h, c, text)
        ws.merge_cells(start_row=h, start_column=c, end_row=h + 1, end_column=c)
    for r in (h, h + 1):
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = box
    first = h + 2
    for i, u in enumerate(communes.itertuples(index=False), start=1):
        ws.append([i, u.unit_name_short, u.unit_code])
        for c in range(1, width + 1):
            ws.cell(first + i - 1, c).border = box
    last = first + len(communes) - 1
    marks = DataValidation(type="list", formula1='"x,Đạt,Chưa đạt"', allow_blank=True)
    marks.add(f"D{first}:{get_column_letter(3 + len(crit))}{last}")
    score = DataValidation(type="whole", operator="between", formula1="0", formula2=str(len(crit)))
    score.add(f"{get_column_letter(width - 1)}{first}:{get_column_letter(width - 1)}{last}")
    ws.add_data_validation(marks)
    ws.add_data_validation(score)
    ws.cell(last + 2, 1, "Ghi chú: x hoặc Đạt = đạt; để trống hoặc Chưa đạt = chưa đạt.")
    ws.cell(last + 4, 1, "Người lập biểu")
    ws.cell(last + 4, width - 5, "TM. ỦY BAN NHÂN DÂN")
    ws.cell(last + 5, width - 5, "CHỦ TỊCH")
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 8
    for c in range(4, width - 1):
        ws.column_dimensions[get_column_letter(c)].width = 9
    ws.column_dimensions[get_column_letter(width)].width = 24
    ws.freeze_panes = ws.cell(first, 4)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _template_cli(args: argparse.Namespace) -> int:
    try:
        path = write_template(
            args.output, args.district, args.criteria_set, args.year, args.province
        )
    except TemplateError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    n = len(district_communes(args.district, args.province))
    print(f"{path}: {n} communes of {args.district}, {args.criteria_set}, {args.year}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``ntm template``."""
    p = sub.add_parser(
        "template",
        help="write a blank criteria form for a district, pre-filled with its communes",
        description="Write a blank criteria form (xlsx) for one district: motto, agency line, "
        "a title naming the criteria set, the year and the area, one row per commune (xã) of "
        "the district from the gazetteer (legacy vintage, with codes; towns and wards are "
        "not in the commune programme), one column per criterion of the set, a score and a "
        "note column. What an office fills in passes `ntm check` and `ntm ingest` as it is.",
    )
    p.add_argument("--district", required=True, help='district name, e.g. "Can Lộc"')
    p.add_argument("--province", help="province, when several districts share the name")
    p.add_argument(
        "--criteria-set",
        required=True,
        choices=[s for s in criteria.known_sets() if s.startswith("commune_")],
        help="criteria set of the form",
    )
    p.add_argument(
        "--year",
        type=int,
        default=dt.date.today().year,
        help="year of the form (default: this year)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="file to write")
    p.set_defaults(func=_template_cli)
