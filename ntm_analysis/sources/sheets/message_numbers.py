"""The messages about figures (numbers, units, amounts) of the spreadsheet catalogue
(`messages.CATALOGUE`), in English and Vietnamese."""

from __future__ import annotations

# key: (English, Vietnamese)
NUMBERS: dict[str, tuple[str, str]] = {
    "number_unreadable": (
        "{label}: {text!r} is not a number: {why}",
        "{label}: không đọc được số {text!r}: {why}",
    ),
    "number_not_a_number": (
        "only digits, '.' and ',' may be written (a unit goes in the header)",
        "chỉ được ghi chữ số, dấu '.' và dấu ',' (đơn vị ghi ở tiêu đề cột)",
    ),
    "number_two_commas": (
        "more than one decimal ','",
        "có nhiều hơn một dấu phẩy thập phân",
    ),
    "number_point_after_comma": (
        "'.' after the decimal ',' (1,234.5 is the English way; Vietnamese writes 1.234,5)",
        "có dấu '.' sau dấu phẩy thập phân (1,234.5 là cách viết tiếng Anh; cách viết Việt Nam "
        "là 1.234,5)",
    ),
    "number_comma_at_end": (
        "a decimal ',' with no digits after it",
        "dấu phẩy thập phân không có chữ số theo sau",
    ),
    "number_bad_grouping": (
        "'.' must separate groups of three digits (thousands); is it a decimal point?",
        "dấu '.' phải tách từng nhóm ba chữ số (hàng nghìn); đây có phải dấu thập phân không?",
    ),
    "nil_cells": (
        "note: {n} cell(s) written '-' are read as no value, like blank cells ({cells})",
        "lưu ý: {n} ô ghi '-' được hiểu là không có số liệu, như ô để trống ({cells})",
    ),
    "negative": ("{label} {value} is negative", "{label} {value} là số âm"),
    "not_whole": ("{label} {value} is not a whole number", "{label} {value} không phải số nguyên"),
    "ambiguous_point": (
        "{label}: {text!r} is ambiguous: other cells of this column use '.' as the decimal "
        "point (e.g. {example!r}), so it may be {small} or {large}; write it without the dot "
        "or with a decimal comma",
        "{label}: {text!r} không rõ nghĩa: các ô khác trong cột dùng '.' làm dấu thập phân "
        "(ví dụ {example!r}), nên có thể là {small} hoặc {large}; hãy viết không có dấu chấm "
        "hoặc dùng dấu phẩy thập phân",
    ),
    "ambiguous_point_numbers": (
        "{label}: {text!r} is ambiguous: other cells of this column hold decimal numbers "
        "(e.g. {example}), so it may be {small} or {large}; write it with a decimal comma or "
        "without the dot",
        "{label}: {text!r} không rõ nghĩa: các ô khác trong cột là số thập phân (ví dụ "
        "{example}), nên có thể là {small} hoặc {large}; hãy dùng dấu phẩy thập phân hoặc viết "
        "không có dấu chấm",
    ),
    "ambiguous_comma": (
        "{label}: {text!r} is ambiguous: other cells of this column hold whole numbers "
        "(e.g. {example}), so the ',' may group thousands and it may be {small} or {large}; "
        "write it without the comma",
        "{label}: {text!r} không rõ nghĩa: các ô khác trong cột là số nguyên (ví dụ "
        "{example}), dấu ',' có thể là dấu phân cách hàng nghìn kiểu tiếng Anh, nên có thể là "
        "{small} hoặc {large}; hãy viết không có dấu phẩy",
    ),
    "unit_missing_row": (
        "money unit not stated (write 'Đơn vị: triệu đồng' or put it in the header), or pass "
        "--unit",
        "chưa ghi đơn vị tiền (ghi 'Đơn vị: triệu đồng' hoặc ghi trong tiêu đề cột), hoặc dùng "
        "--unit",
    ),
    "unit_missing": (
        "money unit not stated: write 'Đơn vị: triệu đồng' (or tỷ đồng) above or under the "
        "header, or pass --unit",
        "chưa ghi đơn vị tiền: ghi 'Đơn vị: triệu đồng' (hoặc tỷ đồng) phía trên hoặc dưới "
        "tiêu đề, hoặc dùng --unit",
    ),
    "negative_amount": ("{label}: negative amount {value}", "{label}: số tiền âm {value}"),
    "fraction_of_dong": (
        "{label}: {value} is not a whole number of đồng",
        "{label}: {value} không phải một số đồng nguyên",
    ),
    "implausible": (
        "{label}: {amount} is implausible for one {level} (more than {limit}); check the unit",
        "{label}: {amount} là bất hợp lý cho một {level} (hơn {limit}); hãy kiểm tra đơn vị",
    ),
    # ---- years
}
