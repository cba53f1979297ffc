"""Write the spreadsheet templates in data/raw/templates (run after changing their layout).

Each template has a title block (area, year, criteria set, money unit, funding flow), a
Vietnamese header row, an English note row under it, and a few example rows copied from the
embedded dataset (the example's source is named in the sheet). `ntm check` passes on every
template; tests/unit/test_ingest.py keeps it so.

    python scripts/make_templates.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ntm_analysis import paths
from ntm_analysis.lexicon import criteria

OUT = paths.RAW / "templates"
BOLD = Font(bold=True)
NOTE = Font(italic=True, color="555555")
FILL = PatternFill("solid", fgColor="DDEBF7")


def _sheet(
    wb: Workbook,
    name: str,
    title: str,
    context: list[str],
    header: list[str],
    english: list[str],
    rows: list[list[object]],
    example_note: str,
) -> None:
    ws = wb.create_sheet(name)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    for line in context:
        ws.append([line])
    ws.append([])
    ws.append(header)
    hdr = ws.max_row
    ws.append(["(" + english[0] + ")", *english[1:]])
    for c in range(1, len(header) + 1):
        ws.cell(hdr, c).font = BOLD
        ws.cell(hdr, c).fill = FILL
        ws.cell(hdr, c).alignment = Alignment(wrap_text=True, vertical="center")
        ws.cell(hdr + 1, c).font = NOTE
        ws.column_dimensions[get_column_letter(c)].width = 14 if c > 2 else 10
    ws.column_dimensions["B"].width = 18
    for r in rows:
        ws.append(r)
    ws.append([])
    ws.append([example_note])
    ws.freeze_panes = ws.cell(hdr + 2, 3)


def criteria_status(wb: Workbook) -> None:
    """Commune × criterion status for a named set (Bắc Sơn 2023 example)."""
    crit = criteria.criteria_table()
    crit = crit[crit["criteria_set"] == "commune_ntm_2021_2025"].sort_values("criterion_no")
    header = ["STT", "Tên xã", "Mã xã"] + [
        f"TC{n} {name}"
        for n, name in zip(crit["criterion_no"], crit["criterion_name_vi"], strict=True)
    ]
    english = ["No.", "Commune", "Commune code"] + [f"Criterion {n}" for n in crit["criterion_no"]]
    unmet = {2, 6, 13, 15, 17}  # Long Đống, 2023: data/raw/criteria_status/ls_2023_bacson_…
    row = [1, "Long Đống", "06328"] + [
        "Chưa đạt" if n in unmet else "Đạt" for n in crit["criterion_no"]
    ]
    _sheet(
        wb,
        "2023",
        "KẾT QUẢ ĐÁNH GIÁ CÁC TIÊU CHÍ",
        [
            "Tỉnh: Lạng Sơn",
            "Huyện: Bắc Sơn",
            "Năm: 2023",
            "Bộ tiêu chí: xã NTM giai đoạn 2021-2025",
        ],
        header,
        english,
        [row],
        "Ghi chú: giá trị Đạt / Chưa đạt (x, 1 = đạt; 0, để trống = chưa đạt). Dòng ví dụ lấy từ "
        "nguồn ls_2023_bacson_inspection (mục II.3.1).",
    )


def commune_tiers(wb: Workbook) -> None:
    """Commune tier by year, long form (Bắc Sơn 2023 example)."""
    _sheet(
        wb,
        "Muc dat chuan",
        "MỨC ĐẠT CHUẨN NÔNG THÔN MỚI CỦA CÁC XÃ",
        ["Tỉnh: Lạng Sơn", "Huyện: Bắc Sơn"],
        [
            "STT",
            "Tên xã",
            "Năm",
            "Mức đạt chuẩn",
            "Số tiêu chí đạt",
            "Bộ tiêu chí",
            "Lĩnh vực kiểu mẫu",
            "Quyết định công nhận",
        ],
        [
            "No.",
            "Commune",
            "Year",
            "Tier",
            "Criteria met",
            "Criteria set",
            "Model field",
            "Decision",
        ],
        [
            [1, "Long Đống", 2023, "Chưa đạt", 14, "xã NTM", None, None],
            [2, "Vũ Sơn", 2023, None, 15, "xã NTM nâng cao", None, None],
        ],
        "Ghi chú: mức đạt chuẩn = Chưa đạt, NTM, NTM nâng cao, NTM kiểu mẫu. Dòng ví dụ lấy từ "
        "nguồn ls_2023_bacson_inspection (mục II.3).",
    )


def area_counts(wb: Workbook) -> None:
    """Tier counts by province or district and year (Hải Phòng, Hải Dương examples)."""
    _sheet(
        wb,
        "So xa",
        "SỐ XÃ ĐẠT CHUẨN THEO ĐỊA BÀN",
        [],
        [
            "STT",
            "Tỉnh",
            "Huyện",
            "Năm",
            "Tổng số xã",
            "Số xã đạt chuẩn NTM",
            "Số xã đạt chuẩn NTM nâng cao",
            "Số xã đạt chuẩn NTM kiểu mẫu",
        ],
        [
            "No.",
            "Province",
            "District",
            "Year",
            "Total communes",
            "NTM communes",
            "Advanced NTM communes",
            "Model NTM communes",
        ],
        [
            [1, "Hải Dương", None, 2020, 178, 160, None, None],
            [2, "Hải Phòng", None, 2024, 137, None, 137, 104],
        ],
        "Ghi chú: dòng ví dụ lấy từ data/raw/reference/haiphong_aggregates.csv (Hải Dương 2020) và "
        "nguồn hp_2024_conclusion (mục I).",
    )


def funding(wb: Workbook) -> None:
    """Funding by area × source × year, one column per source (Bắc Sơn 2023 example)."""
    _sheet(
        wb,
        "Von",
        "NGUỒN VỐN THỰC HIỆN CHƯƠNG TRÌNH",
        ["Đơn vị tính: triệu đồng", "Loại vốn: huy động"],
        [
            "STT",
            "Tỉnh",
            "Huyện",
            "Năm",
            "Vốn trung ương đầu tư phát triển",
            "Vốn trung ương sự nghiệp",
            "Ngân sách tỉnh",
            "Ngân sách huyện",
            "Ngân sách xã",
            "Cộng đồng, người dân",
            "Tín dụng",
            "Doanh nghiệp",
            "Nguồn khác",
            "Tổng cộng",
        ],
        [
            "No.",
            "Province",
            "District",
            "Year",
            "Central investment",
            "Central recurrent",
            "Provincial budget",
            "District budget",
            "Commune budget",
            "Community",
            "Credit",
            "Enterprise",
            "Other",
            "Total",
        ],
        [
            [
                1,
                "Lạng Sơn",
                "Bắc Sơn",
                2023,
                14574,
                1250,
                650,
                None,
                None,
                "3.504,98",
                None,
                None,
                None,
                None,
            ]
        ],
        "Ghi chú: đơn vị triệu đồng; loại vốn = phân bổ, giải ngân, huy động hoặc kế hoạch. Dòng "
        "ví dụ lấy từ nguồn ls_2023_bacson_inspection (mục II.2).",
    )


def works(wb: Workbook) -> None:
    """Works progress by area and works type (Hải Phòng 2024 example)."""
    _sheet(
        wb,
        "Cong trinh",
        "TIẾN ĐỘ THỰC HIỆN CÁC CÔNG TRÌNH",
        ["Đơn vị tính giá trị: triệu đồng"],
        [
            "STT",
            "Tỉnh",
            "Huyện",
            "Năm",
            "Loại công trình",
            "Số công trình kế hoạch",
            "Đã hoàn thành",
            "Đang thi công",
            "Tiến độ (%)",
            "Giá trị",
        ],
        [
            "No.",
            "Province",
            "District",
            "Year",
            "Works type",
            "Planned works",
            "Completed",
            "In progress",
            "Progress (%)",
            "Value",
        ],
        [
            [
                1,
                "Hải Phòng",
                None,
                2024,
                "Công trình xã kiểu mẫu (đợt 2023)",
                789,
                634,
                None,
                None,
                None,
            ]
        ],
        "Ghi chú: dòng ví dụ lấy từ nguồn hp_2024_conclusion (mục I).",
    )


TEMPLATES = {
    "tieu_chi_xa.xlsx": criteria_status,
    "muc_dat_chuan_xa.xlsx": commune_tiers,
    "so_xa_theo_dia_ban.xlsx": area_counts,
    "nguon_von.xlsx": funding,
    "tien_do_cong_trinh.xlsx": works,
}


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, fill in TEMPLATES.items():
        wb = Workbook()
        wb.remove(wb.active)
        fill(wb)
        wb.save(out / name)
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
