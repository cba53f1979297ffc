"""Every message `ntm check` and `ntm ingest` give about a spreadsheet, in English and
Vietnamese, in one catalogue.

Code builds a `Msg` (a catalogue key and its arguments) and never a sentence; the sentence is
made when the message is shown, in the language asked for (``vi`` by default, like the
charts). An argument may itself be a `Msg` or a `Both` (a label in both languages), rendered
in the same language. Templates use `str.format` fields (``{name!r}`` quotes a text).

>>> m = msg("year_out_of_range", year=1899)
>>> m.render("en"), m.render("vi")
('year 1899 is out of range (1990–2100)', 'năm 1899 nằm ngoài khoảng 1990–2100')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ntm_analysis.sources.sheets.message_numbers import NUMBERS
from ntm_analysis.sources.sheets.message_places import PLACES

LANGS = ("vi", "en")
# Messages that tell rather than object: shown, but `ntm check` still passes.
NOTICES = frozenset(
    {
        "sheet_hidden",
        "sheet_hidden_unread",
        "rows_hidden",
        "column_repeated",
        "merged_recorded",
        "town_recorded",
        "settled_by_type",
        "nil_cells",
        "budget_from_title",
        "set_from_names",
        "notes_only",
        "column_derived",
        "decision_before_year",
        "summary_not_checked",
        "next_table",
        "columns_hidden",
        "name_merged_down",
        "commune_read_as",
    }
)

# key: (English, Vietnamese)
CATALOGUE: dict[str, tuple[str, str]] = {
    # ---- files
    "no_such_file": ("no such file", "không có tệp này"),
    "password": (
        "workbook is password-protected; save an unprotected copy",
        "bảng tính có mật khẩu; hãy lưu một bản không đặt mật khẩu",
    ),
    "file_empty": ("file is empty", "tệp rỗng (0 byte)"),
    "not_utf8": (
        "not UTF-8 text; save the CSV as UTF-8 (Excel: CSV UTF-8)",
        "không phải văn bản UTF-8; hãy lưu CSV dạng UTF-8 (Excel: CSV UTF-8)",
    ),
    "not_utf8_at": (
        "not UTF-8 text ({reason} at byte {start}); save the CSV as UTF-8",
        "không phải văn bản UTF-8 (trình đọc tệp báo {reason!r} ở byte {start}); hãy lưu CSV "
        "dạng UTF-8",
    ),
    "not_spreadsheet": (
        "not a spreadsheet (expected .xlsx, .xls or .csv)",
        "không phải bảng tính (cần tệp .xlsx, .xls hoặc .csv)",
    ),
    "zip_without_workbook": (
        "not a spreadsheet (a zip archive without a workbook)",
        "không phải bảng tính (tệp nén không chứa bảng tính)",
    ),
    "corrupt": (
        "corrupt workbook ({reason})",
        "bảng tính bị hỏng (trình đọc tệp báo {reason!r})",
    ),
    "csv_cell_too_long": (
        "line {line}: {reason}; a cell longer than {limit} KiB is not a table cell (is the "
        "delimiter or a quote mark wrong?)",
        "dòng {line} (trình đọc tệp báo {reason!r}): một ô dài hơn {limit} KiB không phải ô "
        "của bảng (sai dấu phân cách hoặc thiếu dấu ngoặc kép?)",
    ),
    "csv_too_large": (
        "the file is larger than {limit} MiB; split it",
        "tệp lớn hơn {limit} MiB; hãy chia thành các tệp nhỏ hơn",
    ),
    "archive_too_large": (
        "too large to read: {reason}",
        "tệp quá lớn để đọc (trình đọc tệp báo {reason!r})",
    ),
    "as_given": ("{reason}", "{reason}"),
    "file_crashed": (
        "the file could not be read to the end ({reason}); nothing of it was kept — please "
        "report this file to the toolkit's maintainers",
        "không đọc được hết tệp (lỗi {reason}); không lấy dữ liệu nào của tệp — hãy gửi tệp này "
        "cho người duy trì bộ công cụ",
    ),
    "not_a_decision_date": (
        "{text!r} in the decision-date column is not a date (day/month/year)",
        "{text!r} ở cột ngày quyết định không phải ngày (ngày/tháng/năm)",
    ),
    "decision_date_impossible": (
        "{text!r} in the decision-date column is not a day of the calendar",
        "{text!r} ở cột ngày quyết định không phải ngày có thật",
    ),
    "decision_before_year": (
        "decision dated {text!r}, before the year of the record ({year}); is the year or the "
        "date wrong?",
        "quyết định ghi ngày {text!r}, trước năm của dòng ({year}); năm hay ngày ghi sai?",
    ),
    # ---- what `ntm check` and `ntm ingest` print at the end
    "run_check": (
        "{errors} problem(s), {notices} notice(s) in {files} file(s); rows read {rows_in}: "
        "written {rows_out}, not written {rows_rejected} (totals and headings included)",
        "{errors} lỗi, {notices} lưu ý trong {files} tệp; đọc {rows_in} dòng: ghi {rows_out}, "
        "không ghi {rows_rejected} (kể cả dòng tổng và dòng tiêu đề nhóm)",
    ),
    "run_sheet": (
        "{where}: {kind}: rows in {rows_in} = out {rows_out} + rejected {rows_rejected} "
        "({records} records)",
        "{where}: {kind}: dòng đọc {rows_in} = ghi {rows_out} + loại {rows_rejected} "
        "({records} bản ghi)",
    ),
    "run_total": (
        "total: rows in {rows_in} = rows out {rows_out} + rows rejected {rows_rejected}; "
        "records written: {records}",
        "tổng: dòng đọc {rows_in} = dòng ghi {rows_out} + dòng loại {rows_rejected}; "
        "bản ghi đã ghi: {records}",
    ),
    "run_none": ("none", "không có"),
    "run_unreadable": ("; {n} file(s) unreadable", "; {n} tệp không đọc được"),
    "run_unread": (
        "; {n} file(s) without a known table",
        "; {n} tệp không có bảng quen thuộc",
    ),
    "run_rejects": (
        "rejects: {path} ({n} row(s)); tables under {output}",
        "dòng bị loại: {path} ({n} dòng); các bảng ở {output}",
    ),
    "run_annotated": ("annotated copy: {path}", "bản có ghi chú: {path}"),
    "run_unbalanced": (
        "error: {where}: rows in != rows out + rows rejected",
        "lỗi: {where}: số dòng đọc khác số dòng ghi cộng số dòng loại",
    ),
    "no_worksheet": ("workbook has no worksheet", "bảng tính không có trang tính nào"),
    # ---- sheets
    "sheet_empty": ("sheet is empty", "trang tính trống"),
    "sheet_hidden": (
        "note: the sheet is hidden in Excel; it was read like the others",
        "lưu ý: trang tính này đang bị ẩn trong Excel; vẫn được đọc như các trang khác",
    ),
    "sheet_hidden_unread": (
        "note: the sheet is hidden in Excel; it was looked at like the others",
        "lưu ý: trang tính này đang bị ẩn trong Excel; vẫn được xem xét như các trang khác",
    ),
    "rows_hidden": (
        "note: row(s) {rows} are hidden in Excel; they were read like the others",
        "lưu ý: dòng {rows} đang bị ẩn trong Excel; vẫn được đọc như các dòng khác",
    ),
    "no_header": (
        "no known table header found in the first {scan} rows (see data/raw/templates); "
        "{n} non-blank row(s) not read",
        "không tìm thấy dòng tiêu đề bảng quen thuộc trong {scan} dòng đầu (xem "
        "data/raw/templates); {n} dòng có dữ liệu không được đọc",
    ),
    "no_header_reason": ("no known table header", "không nhận ra tiêu đề bảng"),
    "year_columns_no_source": (
        "the amounts of each year name no source: add a 'Nguồn vốn' column or name the budget "
        "in the title",
        "số tiền các năm không ghi nguồn vốn: thêm cột 'Nguồn vốn' hoặc ghi nguồn vốn trong tên "
        "biểu",
    ),
    "years_differ_total": (
        "the years add up to {parts}, not the total {total}",
        "các năm cộng lại được {parts}, khác tổng {total}",
    ),
    "notes_only": (
        "note: the sheet holds {n} line(s) of text and no table; it is not read",
        "lưu ý: trang tính chỉ có {n} dòng chữ, không có bảng; không được đọc",
    ),
    "notes_only_reason": ("text only, no table", "chỉ có chữ, không có bảng"),
    "budget_parts_no_source": (
        "columns {columns} give investment or recurrent funds without saying whose budget "
        "they are from, and the title above the header names neither the {first} nor the "
        "{second}: write the source on a line above the header ('Nguồn vốn: {example}' or "
        "'Nguồn vốn: {other}') or before each column's name ('{example} - {column}'); the "
        "sheet is not read",
        "cột {columns} ghi vốn đầu tư phát triển hoặc vốn sự nghiệp nhưng không nói của ngân "
        "sách nào, và tên biểu phía trên dòng tiêu đề không nêu {first} hay {second}: ghi "
        "nguồn vốn trên một dòng phía trên dòng tiêu đề ('Nguồn vốn: {example}' hoặc 'Nguồn "
        "vốn: {other}') hoặc ghi trước tên từng cột ('{example} - {column}'); trang tính "
        "không được đọc",
    ),
    "budget_parts_many_sources": (
        "columns {columns} give investment or recurrent funds without saying whose budget "
        "they are from, and the title above the header names {n} sources ({sources}), so "
        "which one they belong to is not known: write the source before each column's name "
        "('{example} - {column}') or give each source its own sheet; the sheet is not read",
        "cột {columns} ghi vốn đầu tư phát triển hoặc vốn sự nghiệp nhưng không nói của ngân "
        "sách nào, và tên biểu phía trên dòng tiêu đề nêu {n} nguồn ({sources}) nên không "
        "biết các cột này thuộc nguồn nào: ghi nguồn vốn trước tên từng cột ('{example} - "
        "{column}') hoặc tách mỗi nguồn vốn ra một trang tính riêng; trang tính không được "
        "đọc",
    ),
    "budget_from_title": (
        "note: columns {columns} name no budget; the title in row {row} states the {budget}, "
        "so they are read as {categories}",
        "lưu ý: cột {columns} không ghi của ngân sách nào; tên biểu ở dòng {row} nêu nguồn "
        "{budget} nên các cột này được đọc là {categories}",
    ),
    "row_above_header": (
        "this row is above the table's header but looks like one of its rows; it is not "
        "read (is the header placed right?)",
        "dòng này nằm phía trên dòng tiêu đề của bảng nhưng giống một dòng dữ liệu; dòng này "
        "không được đọc (dòng tiêu đề có đặt đúng chỗ không?)",
    ),
    "header_no_rows": ("the table has a header but no rows", "bảng có tiêu đề nhưng không có dòng"),
    "amount_no_source": (
        "column {text!r} gives amounts without their source, beside columns that name theirs; "
        "its values are not read: name the source in its header (e.g. 'Vốn khác')",
        "cột {text!r} ghi số tiền mà không nêu nguồn vốn, bên cạnh các cột có nêu nguồn; các "
        "giá trị của cột không được đọc: hãy ghi nguồn vốn ở tiêu đề cột (ví dụ 'Vốn khác')",
    ),
    "column_not_read": (
        "column {text!r} not recognised; its values are not read",
        "không nhận ra cột {text!r}; các giá trị của cột không được đọc",
    ),
    "column_unknown": ("column {text!r} not recognised", "không nhận ra cột {text!r}"),
    "column_derived": (
        "note: column {text!r} is worked out from the criteria marks; it is not read",
        "lưu ý: cột {text!r} được suy ra từ các tiêu chí đã đánh dấu; không được đọc",
    ),
    "column_no_header": (
        "this column has values but no header; they are not read",
        "cột này có giá trị nhưng không có tiêu đề; các giá trị không được đọc",
    ),
    "column_repeated": (
        "note: column {text!r} repeats column {first}; both are read ({what})",
        "lưu ý: cột {text!r} trùng tên với cột {first}; cả hai đều được đọc ({what})",
    ),
    "every_row": (
        "on every row ({n} rows): {message}",
        "ở mọi dòng ({n} dòng): {message}",
    ),
    "states_several": (
        "the sheet states several {what} values: {shown}",
        "trang tính ghi nhiều giá trị {what} khác nhau: {shown}",
    ),
    "formula_unsaved": (
        "formula {formula!r} has no saved value (the workbook was written by a program or "
        "not recalculated): open it in Excel or LibreOffice and save it again",
        "công thức {formula!r} chưa có giá trị lưu sẵn (tệp do phần mềm tạo hoặc chưa tính "
        "lại): mở bằng Excel hoặc LibreOffice rồi lưu lại",
    ),
    # ---- summary, group and note rows
    "summary_row": (
        "summary row: checked against the rows it sums, not ingested",
        "dòng tổng: được đối chiếu với các dòng cộng vào, không nhập như dữ liệu",
    ),
    "name_merged_down": (
        "the name in merged cells {cells} is read on each of its {rows} rows",
        "tên trong ô gộp {cells} được đọc cho cả {rows} dòng của ô",
    ),
    "commune_read_as": (
        "{name!r} is read as {unit}, the nearest name in the list; correct the name if that "
        "is not the commune meant",
        "{name!r} được đọc là {unit}, tên gần nhất trong danh mục; nếu không đúng xã, hãy "
        "sửa lại tên",
    ),
    "next_table": (
        "another table starts here ({text!r}): the table above ends on the row before, and "
        "this one is read on its own",
        "một bảng khác bắt đầu ở đây ({text!r}): bảng phía trên kết thúc ở dòng trước, bảng "
        "này được đọc riêng",
    ),
    "columns_hidden": (
        "hidden columns {cols} are read like the others",
        "các cột bị ẩn {cols} vẫn được đọc như các cột khác",
    ),
    "summary_row_unchecked": (
        "summary row: not checked (none of its figures could be compared with the rows), "
        "not ingested",
        "dòng tổng: không được đối chiếu (không số nào so được với các dòng), không nhập như "
        "dữ liệu",
    ),
    "summary_not_checked": (
        "summary row not checked: none of its figures could be compared with the rows it sums",
        "dòng tổng không được đối chiếu: không số nào của dòng so được với các dòng cộng vào",
    ),
    "summary_tier_mismatch": (
        "summary row gives {total} communes but {count} of the {n} rows it sums have reached "
        "a tier (NTM or above)",
        "dòng tổng ghi {total} xã nhưng trong {n} dòng cộng vào có {count} xã đã đạt chuẩn "
        "(NTM trở lên)",
    ),
    "group_row": (
        "group heading: {text!r}, not data",
        "dòng tiêu đề nhóm: {text!r}, không phải dữ liệu",
    ),
    "district_row": (
        "district heading: sets the district {district!r} for the rows below, not data",
        "dòng tiêu đề huyện: xác định huyện {district!r} cho các dòng bên dưới, không phải dữ liệu",
    ),
    "summary_mismatch": (
        "summary row gives {total} but the rows above add up to {sum}",
        "dòng tổng ghi {total} nhưng các dòng phía trên cộng lại được {sum}",
    ),
    "summary_mismatch_rows": (
        "summary row gives {total} but rows {first}–{last} add up to {sum}",
        "dòng tổng ghi {total} nhưng các dòng {first}–{last} cộng lại được {sum}",
    ),
    "summary_count_mismatch": (
        "summary row gives {total} communes meeting the criterion but {count} of rows "
        "{first}–{last} are marked met",
        "dòng tổng ghi {total} xã đạt tiêu chí nhưng các dòng {first}–{last} có {count} xã "
        "được đánh dấu đạt",
    ),
    # ---- numbers and cells
    **NUMBERS,
    "year_blank": ("year is blank", "năm để trống"),
    "not_a_year": ("{text!r} is not a year", "{text!r} không phải là năm"),
    "year_out_of_range": (
        "year {year} is out of range (1990–2100)",
        "năm {year} nằm ngoài khoảng 1990–2100",
    ),
    "year_missing": (
        "year not stated: add a 'Năm' column or 'Năm: 2024' above the header, or pass --year",
        "chưa ghi năm: thêm cột 'Năm' hoặc dòng 'Năm: 2024' phía trên tiêu đề, hoặc dùng --year",
    ),
    "year_missing_sheet": (
        "year not stated: add a 'Năm' column, 'Năm: 2024' above the header, a sheet named "
        "2024, or pass --year",
        "chưa ghi năm: thêm cột 'Năm', dòng 'Năm: 2024' phía trên tiêu đề, đặt tên trang "
        "tính là 2024, hoặc dùng --year",
    ),
    "year_missing_reason": ("year not stated", "chưa ghi năm"),
    # ---- duplicates
    "duplicate_first": (
        "duplicate {what} {shown!r}: again on row(s) {rows}",
        "{what} {shown!r} bị lặp: còn ở dòng {rows}",
    ),
    "duplicate_later": (
        "duplicate {what} {shown!r}: already on row {row}",
        "{what} {shown!r} bị lặp: đã có ở dòng {row}",
    ),
    "duplicate_commune_year": (
        "duplicate commune {name!r} in {year}: already on row {row}",
        "xã {name!r} năm {year} bị lặp: đã có ở dòng {row}",
    ),
    "duplicate_funding": (
        "duplicate: {area} {period} {category} already on row {row}",
        "bị lặp: {area} {period} {category} đã có ở dòng {row}",
    ),
    **PLACES,
    # ---- criteria sheets
    "criterion_not_in_set": (
        "criterion {n} does not exist in {set_id} (criteria {lo}–{hi}); the column is not read",
        "tiêu chí {n} không có trong bộ {set_id} (tiêu chí {lo}–{hi}); cột không được đọc",
    ),
    "criterion_name_unknown": (
        "column {text!r} names no criterion of {set_id} ({reason}); the column is not read",
        "cột {text!r} không ứng với tiêu chí nào của bộ {set_id} ({reason}); cột không được đọc",
    ),
    "criterion_twice": (
        "criterion {n} has two columns ({first} and {second}); neither is read",
        "tiêu chí {n} có hai cột ({first} và {second}); không cột nào được đọc",
    ),
    "not_a_status": (
        "cell {text!r} is not a criterion status (Đạt/x/1/✓ = met; Chưa đạt/0/blank = not met)",
        "ô {text!r} không phải kết quả tiêu chí (Đạt/x/1/✓ = đạt; Chưa đạt/0/để trống = chưa đạt)",
    ),
    "set_from_names": (
        "note: criteria set not stated: {set_id} taken, the one set holding all {n} "
        "criteria the header names",
        "lưu ý: chưa ghi bộ tiêu chí: lấy bộ {set_id}, bộ duy nhất có đủ {n} tiêu chí được "
        "ghi tên ở dòng tiêu đề",
    ),
    "set_missing": (
        "criteria set not stated: write 'Bộ tiêu chí: xã NTM' or 'xã NTM nâng cao' above the "
        "header, or pass --criteria-set",
        "chưa ghi bộ tiêu chí: ghi 'Bộ tiêu chí: xã NTM' hoặc 'xã NTM nâng cao' phía trên "
        "tiêu đề, hoặc dùng --criteria-set",
    ),
    "set_missing_reason": ("criteria set not stated", "chưa ghi bộ tiêu chí"),
    "no_criterion_column": (
        "no criterion column of {set_id} to read",
        "không có cột tiêu chí nào của bộ {set_id} để đọc",
    ),
    "row_not_filled": (
        "no criterion is marked on this row (a blank is 'not met' only beside other marks): "
        "write Chưa đạt or 0 for a criterion not met",
        "dòng này chưa đánh dấu tiêu chí nào (ô trống chỉ được hiểu là 'chưa đạt' khi dòng có "
        "đánh dấu khác): ghi Chưa đạt hoặc 0 cho tiêu chí chưa đạt",
    ),
    "score_mismatch": (
        "criteria met {score} but {marked} of the criteria are marked met on this row",
        "số tiêu chí đạt ghi {score} nhưng dòng này có {marked} tiêu chí được đánh dấu đạt",
    ),
    # ---- tier sheets
    "not_a_tier": (
        "cell {text!r} is not a tier (Chưa đạt, NTM, NTM nâng cao, kiểu mẫu)",
        "ô {text!r} không phải mức đạt chuẩn (Chưa đạt, NTM, NTM nâng cao, kiểu mẫu)",
    ),
    "tier_missing": (
        "tier not stated: add a 'Mức đạt chuẩn' column, or name the tier in the title "
        "('Danh sách xã đạt chuẩn NTM nâng cao năm 2024')",
        "chưa ghi mức đạt chuẩn: thêm cột 'Mức đạt chuẩn' hoặc ghi mức đạt chuẩn trong tiêu "
        "đề ('Danh sách xã đạt chuẩn NTM nâng cao năm 2024')",
    ),
    "tier_missing_reason": ("tier not stated", "chưa ghi mức đạt chuẩn"),
    "no_tier_in_years": ("no tier in any year column", "không có mức đạt chuẩn ở cột năm nào"),
    "not_a_set": (
        "{text!r} is not a known criteria set (e.g. xã NTM, xã NTM nâng cao)",
        "{text!r} không phải bộ tiêu chí đã biết (ví dụ xã NTM, xã NTM nâng cao)",
    ),
    "met_without_set": (
        "criteria met given but the criteria set is not stated ('Bộ tiêu chí: …' above the header)",
        "có số tiêu chí đạt nhưng chưa ghi bộ tiêu chí ('Bộ tiêu chí: …' phía trên tiêu đề)",
    ),
    "score_unreadable": (
        "criteria met: {text!r} is not a score: write 17, 17/19 or 17 tiêu chí",
        "số tiêu chí đạt: không đọc được {text!r}: ghi 17, 17/19 hoặc 17 tiêu chí",
    ),
    "score_above_of": (
        "criteria met {text!r}: {met} is more than {of}",
        "số tiêu chí đạt {text!r}: {met} lớn hơn {of}",
    ),
    "score_other_size": (
        "criteria met {text!r}: the set {set_id} has {size} criteria, not {of}",
        "số tiêu chí đạt {text!r}: bộ {set_id} có {size} tiêu chí, không phải {of}",
    ),
    "met_above_set": (
        "criteria met {met} is above the {size} criteria of {set_id}",
        "số tiêu chí đạt {met} lớn hơn {size} tiêu chí của bộ {set_id}",
    ),
    "not_a_model_field": (
        "{text!r} is not a model field ({fields})",
        "{text!r} không phải lĩnh vực kiểu mẫu ({fields})",
    ),
    "model_field_not_model": (
        "a model field is only for model (kiểu mẫu) communes",
        "lĩnh vực kiểu mẫu chỉ ghi cho xã NTM kiểu mẫu",
    ),
    "no_tier_no_count": (
        "neither a tier nor a criteria count is given",
        "không có mức đạt chuẩn cũng không có số tiêu chí đạt",
    ),
    # ---- money
    "flow_missing": (
        "funding flow not stated: write 'Loại vốn: {first}' (or {rest}) above the header, or "
        "pass --flow",
        "chưa ghi loại vốn: ghi 'Loại vốn: {first}' (hoặc {rest}) phía trên tiêu đề, hoặc "
        "dùng --flow",
    ),
    "flow_missing_reason": ("funding flow not stated", "chưa ghi loại vốn"),
    "period_missing": ("year or period not stated", "chưa ghi năm hoặc giai đoạn"),
    "not_a_period": (
        "{text!r} is not a year or period (2024, 2021-2025)",
        "{text!r} không phải năm hoặc giai đoạn (2024, 2021-2025)",
    ),
    "not_a_flow": (
        "{text!r} is not a funding flow ({flows})",
        "{text!r} không phải loại vốn ({flows})",
    ),
    "not_a_source": ("{text!r} is not a source of funds", "{text!r} không phải nguồn vốn"),
    "parts_above_total": (
        "sources add up to {parts}, more than the total {total}",
        "các nguồn cộng lại được {parts}, lớn hơn tổng {total}",
    ),
    "parts_differ_total": (
        "sources add up to {parts}, not the total {total}",
        "các nguồn cộng lại được {parts}, khác tổng {total}",
    ),
    # ---- area figures
    "order_exceeds": (
        "{lo_label} ({lo}) exceed {hi_label} ({hi})",
        "{lo_label} ({lo}) vượt {hi_label} ({hi})",
    ),
    "works_exceed": (
        "{lo_label} ({lo}) exceed the planned works ({hi})",
        "{lo_label} ({lo}) vượt số công trình kế hoạch ({hi})",
    ),
    "progress_above": ("progress {value}% is above 100%", "tiến độ {value}% vượt 100%"),
    "empty_counts": ("no count in the row", "dòng không có số liệu"),
    "empty_amounts": ("no amount in the row", "dòng không có số tiền"),
    "empty_figures": ("no figure in the row", "dòng không có số liệu"),
    # ---- data model: the rules of `model.validate` (each key's English text is the rule's
    # own reason, so that `ingest` finds the key of a reason it is given)
    "model_rule": ("{table}: {reason}", "{table}: {reason}"),
    "model_value": (
        "column {column}: {value!r} is not a valid value in the data dictionary",
        "cột {column}: giá trị {value!r} không hợp lệ theo từ điển dữ liệu",
    ),
    "model_value_missing": ("column {column}: a value is required", "cột {column} cần có giá trị"),
    "rule_unknown_source": (
        "source_id is not registered in sources",
        "source_id chưa được đăng ký trong bảng sources",
    ),
    "rule_area_code_vintage": (
        "admin_vintage is required when area_code is given",
        "cần ghi admin_vintage khi có area_code",
    ),
    "rule_unit_code_vintage": (
        "admin_vintage is required when unit_code is given",
        "cần ghi admin_vintage khi có unit_code",
    ),
    "rule_undated": (
        "a year, as_of date or period is required",
        "cần có năm, ngày số liệu (as_of) hoặc giai đoạn",
    ),
    "rule_percent": (
        "a percentage must lie between 0 and 100",
        "tỷ lệ phần trăm phải nằm trong khoảng 0–100",
    ),
    "rule_period_reversed": (
        "period ends before it starts",
        "giai đoạn kết thúc trước khi bắt đầu",
    ),
    "rule_unknown_set": (
        "criteria_set is not in the criteria reference",
        "bộ tiêu chí (criteria_set) không có trong danh mục tiêu chí",
    ),
    "rule_score_without_set": (
        "criteria_set is required when criteria_met or criteria_total is given",
        "cần ghi bộ tiêu chí (criteria_set) khi có số tiêu chí đạt (criteria_met) hoặc tổng "
        "số tiêu chí (criteria_total)",
    ),
    "rule_met_above_total": (
        "criteria_met is larger than criteria_total",
        "số tiêu chí đạt (criteria_met) lớn hơn tổng số tiêu chí (criteria_total)",
    ),
    "rule_total_not_set_size": (
        "criteria_total differs from the number of criteria in criteria_set",
        "tổng số tiêu chí (criteria_total) khác số tiêu chí của bộ tiêu chí (criteria_set)",
    ),
    "rule_field_without_model": (
        "model_field is only for tier model",
        "lĩnh vực kiểu mẫu (model_field) chỉ ghi cho xã NTM kiểu mẫu",
    ),
    "rule_no_tier_no_score": (
        "a tier or a criteria_met count is required",
        "cần có mức đạt chuẩn (tier) hoặc số tiêu chí đạt (criteria_met)",
    ),
    "rule_criterion_not_in_set": (
        "criterion_no does not exist in criteria_set",
        "tiêu chí (criterion_no) không có trong bộ tiêu chí (criteria_set)",
    ),
    "rule_duplicate_assessment": (
        "duplicate: same commune, year, set, criterion and source as an earlier row",
        "bị lặp: cùng xã, năm, bộ tiêu chí, tiêu chí và nguồn với một dòng phía trước",
    ),
}


@dataclass(frozen=True)
class Both:
    """A label given in both languages (a vocabulary label, a measure's name)."""

    en: str
    vi: str

    def render(self, lang: str = "vi") -> str:
        """The label in ``lang``."""
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class Figure:
    """A number, with the money unit it is counted in (a multiplier of đồng) or none,
    written as each language writes numbers: 3.100,5 triệu đồng / 3,100.5 million VND.

    >>> Figure(Decimal("3100.5"), 10**6).render("en"), Figure(Decimal(2)).render("vi")
    ('3,100.5 million VND', '2')
    """

    value: Decimal
    unit: int | None = None

    def render(self, lang: str = "vi") -> str:
        from ntm_analysis.lexicon import vocabulary
        from ntm_analysis.lexicon.numbers import format_number

        text = format_number(self.value)
        if lang != "vi":
            text = text.replace(".", "\0").replace(",", ".").replace("\0", ",")
        if self.unit is None:
            return text
        names = {t.value: (t.label_vi, t.label_en) for t in vocabulary.terms("money_units")}
        vi, en = names.get(self.unit, (str(self.unit), str(self.unit)))
        return f"{text} {vi if lang == 'vi' else en}"


def figure(x: object, unit: int | None = None) -> Figure:
    """A `Figure` of a number (Decimal, int or the text of one)."""
    return Figure(Decimal(x), unit)  # type: ignore[arg-type]


def vintage_label(vintage: str) -> Both:
    """How messages name a gazetteer vintage."""
    return VINTAGES.get(vintage, Both(vintage, vintage))


@dataclass(frozen=True)
class Msg:
    """A catalogue key and its arguments; `render` makes the sentence."""

    key: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "vi") -> str:
        """The message in ``lang`` (``vi`` or ``en``)."""
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
        en, vi = CATALOGUE[self.key]
        values = {k: v.render(lang) if hasattr(v, "render") else v for k, v in self.args}
        return (vi if lang == "vi" else en).format(**values)

    def __str__(self) -> str:
        return self.render("en")


VINTAGES = {
    "pre2023": Both("pre2023", "danh mục đơn vị hành chính ngày 07/5/2023"),
    "legacy": Both("legacy", "danh mục đơn vị hành chính trước 01/7/2025"),
    "2025": Both("2025", "danh mục đơn vị hành chính từ 01/7/2025"),
}


def msg(key: str, **args: object) -> Msg:
    """A `Msg`; ``key`` must be in `CATALOGUE`."""
    if key not in CATALOGUE:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Msg(key, tuple(args.items()))


def text(value: str) -> Msg:
    """A text given as it is in every language (a reason from another module)."""
    return msg("as_given", reason=value)
