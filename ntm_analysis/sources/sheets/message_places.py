"""The messages about places (communes, districts, provinces and their names) of the
spreadsheet catalogue (`messages.CATALOGUE`), in English and Vietnamese."""

from __future__ import annotations

# key: (English, Vietnamese)
PLACES: dict[str, tuple[str, str]] = {
    "commune_blank": ("commune name is blank", "tên xã để trống"),
    "province_missing": (
        "province not stated: add a 'Tỉnh' column or 'Tỉnh: …' above the header",
        "chưa ghi tỉnh: thêm cột 'Tỉnh' hoặc dòng 'Tỉnh: …' phía trên tiêu đề",
    ),
    "ambiguous_commune": (
        "ambiguous commune {name!r} in {province}: {candidates}; add the district or the "
        "commune code",
        "tên xã {name!r} ở {province} không rõ là xã nào: {candidates}; hãy thêm huyện hoặc mã xã",
    ),
    "ambiguous_commune_in_district": (
        "ambiguous commune {name!r} in {province}: {candidates}; write the unit type (Xã, "
        "Thị trấn, Phường) before the name or add the commune code",
        "tên xã {name!r} ở {province} không rõ là đơn vị nào: {candidates}; hãy ghi loại đơn vị "
        "(Xã, Thị trấn, Phường) trước tên hoặc thêm mã xã",
    ),
    "ambiguous_commune_spelling": (
        "ambiguous commune {name!r} in {province}: {candidates}; write the name exactly as "
        "one of them, with its diacritics, or add the commune code",
        "tên xã {name!r} ở {province} không rõ là xã nào: {candidates}; hãy ghi đúng tên "
        "của một xã trên (đủ dấu) hoặc thêm mã xã",
    ),
    "ambiguous_commune_code": (
        "ambiguous commune {name!r} in {province}: {candidates}; add the commune code",
        "tên xã {name!r} ở {province} không rõ là xã nào: {candidates}; hãy thêm mã xã",
    ),
    "unknown_commune": (
        "unknown commune {name!r} in {where}{hint}",
        "không tìm thấy xã {name!r} ở {where}{hint}",
    ),
    "commune_in_district": (
        "; there is a commune of that name in {district}: is it under the wrong district?",
        "; có xã tên này ở {district}: có phải ghi nhầm dưới huyện khác?",
    ),
    "unknown_district_heading": (
        "heading names district {district!r}, which {province} does not have; the communes "
        "under it are not placed",
        "dòng tiêu đề ghi huyện {district!r}, nhưng {province} không có huyện này; các xã bên "
        "dưới không được ghi",
    ),
    "under_unknown_district": (
        "under the heading of district {district!r}, which the province does not have",
        "nằm dưới dòng tiêu đề huyện {district!r}, là huyện tỉnh không có",
    ),
    "did_you_mean": ("; did you mean {candidates}?", "; có phải là {candidates}?"),
    "not_a_name": (
        "{name!r} is not a place name (it starts with {start!r}, like a formula)",
        "{name!r} không phải tên địa danh (bắt đầu bằng {start!r}, giống công thức)",
    ),
    "name_elsewhere": (
        "{name!r} is not a commune of {where}; the nearest name, {near}, is on row {row} "
        "already, so it is not taken for it",
        "{name!r} không phải xã của {where}; tên gần nhất là {near} đã có ở dòng {row}, nên "
        "không gán cho xã đó",
    ),
    "merged_into": (
        ", merged into {successor} according to the row's note",
        ", đã sáp nhập vào {successor} theo ghi chú của dòng",
    ),
    "note_merged": (
        "; the row's note says it was merged ({note!r}): give its figures under the commune "
        "it was merged into",
        "; ghi chú của dòng cho biết xã đã sáp nhập ({note!r}): hãy ghi số liệu vào xã mà nó "
        "đã sáp nhập",
    ),
    "merged_recorded": (
        "note: {name!r} is not in the {vintage} list; recorded under its code {code} of the "
        "{earlier} list{successor}{now}",
        "lưu ý: {name!r} không có trong {vintage}; được ghi theo mã {code} của {earlier}"
        "{successor}{now}",
    ),
    "code_now": (
        "; in the {vintage} list that code is {now}",
        "; trong {vintage}, mã này là {now}",
    ),
    "not_in_programme": (
        "{name!r} is a {unit_type}, not a commune (xã) of the programme",
        "{name!r} là {unit_type}, không phải xã thuộc Chương trình",
    ),
    "settled_by_type": (
        "note: {name!r} is also the name of {others}, which is not a commune (xã) of the "
        "programme; recorded as the xã (code {code}); write the type or the code to be sure",
        "lưu ý: {name!r} cũng là tên của {others}, không phải xã thuộc Chương trình; được ghi "
        "là xã (mã {code}); hãy ghi rõ loại đơn vị hoặc mã xã cho chắc chắn",
    ),
    "town_recorded": (
        "note: {name!r} is a {unit_type}, not a commune (xã) of the programme; recorded as a "
        "unit of commune level",
        "lưu ý: {name!r} là {unit_type}, không phải xã thuộc Chương trình; được ghi là đơn vị "
        "cấp xã",
    ),
    "code_mismatch": (
        "commune code {given!r} does not match {name!r} (the gazetteer has {matched} = {code})",
        "mã xã {given!r} không khớp với {name!r} (danh mục ghi {matched} = {code})",
    ),
    "ambiguous_area": (
        "ambiguous {level} {name!r}: {shown}; add the province",
        "tên {level} {name!r} không rõ: {shown}; hãy thêm tỉnh",
    ),
    "unknown_area": ("unknown {level} {name!r}{hint}", "không tìm thấy {level} {name!r}{hint}"),
    "did_you_mean_names": ("; did you mean {names}?", "; có phải là {names}?"),
    "area_blank": ("area name is blank", "tên địa bàn để trống"),
}
