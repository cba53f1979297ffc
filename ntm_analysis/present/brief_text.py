"""The words of the ``ntm brief`` pack (`brief`) in Vietnamese and English: headings, the
sentences that introduce its tables, figures and findings, the notes on reading the figures,
the recipients and signer blocks. Numbers are filled in by `brief`, written by
`lexicon.formats`; programme words (tiers, measures) come from the vocabulary, not from here.
"""

from __future__ import annotations

T = {
    "kind": {"vi": "Báo cáo", "en": "Report"},
    "subject": {
        "vi": "Tình hình thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
        "trên địa bàn {area}{year}",
        "en": "The National Target Program on New Rural Development in {area}{year}",
    },
    "issuer": {"vi": "……………………", "en": "……………………"},
    "number": {"vi": "Số:        /BC-……", "en": "No.:        /BC-……"},
    "place_date": {
        "vi": "……, ngày … tháng … năm ……",
        "en": "……, day … month … year ……",
    },
    "purpose": {
        "vi": "Tài liệu tổng hợp số liệu phục vụ Hội đồng nhân dân, lập bằng bộ công cụ "
        "ntm-analysis từ các văn bản và trang tin được dẫn ở cuối tài liệu{as_of}. Mỗi số liệu "
        "ghi nguồn bằng số thứ tự [n] trong danh mục nguồn.",
        "en": "A compilation of figures for the People's Council, made with the ntm-analysis "
        "toolkit from the documents and pages listed at the end{as_of}. Each figure names its "
        "source by its number [n] in that list.",
    },
    "as_of": {"vi": "; số liệu đến {d}", "en": "; data as of {d}"},
    "h1": {"vi": "I. Số liệu chính", "en": "I. Key figures"},
    "h2": {"vi": "II. Biểu đồ", "en": "II. Charts"},
    "h3": {"vi": "III. Bản đồ hiện trạng các xã", "en": "III. Map of the communes' status"},
    "h4": {"vi": "IV. Kết quả rà soát số liệu", "en": "IV. Consistency of the figures"},
    "h5": {"vi": "V. Lưu ý khi sử dụng số liệu", "en": "V. How to read the figures"},
    "h6": {"vi": "Danh mục nguồn số liệu", "en": "List of sources"},
    "key_intro": {
        "vi": "{table} nêu {n} chính của {area} từ {m}; số liệu mới nhất là {d}.",
        "en": "{table} gives {n} for {area} from {m}; the latest is dated {d}.",
    },
    "inside_intro": {
        "vi": "{table} nêu {n} do {m} nêu cho {units} thuộc {area} (tên đơn vị ở cột Địa bàn), "
        "số liệu mới nhất là {d}; đó không phải số liệu của cả {area}.",
        "en": "{table} gives {n} stated for {units} of {area} (from {m}; the unit is named in "
        "the Area column), the latest dated {d}; they are not figures of {area} as a whole.",
    },
    "n_key": {"vi": ("số liệu", "số liệu"), "en": ("key figure", "key figures")},
    "n_figures": {"vi": ("số liệu", "số liệu"), "en": ("figure", "figures")},
    "n_sources": {"vi": ("nguồn", "nguồn"), "en": ("source", "sources")},
    "no_own": {
        "vi": "Dữ liệu hiện có không có số liệu do văn bản nêu cho toàn {area}.",
        "en": "The data at hand holds no figure stated for {area} as a whole.",
    },
    "recognised_intro": {
        "vi": "{table} đếm, theo năm và mức đạt chuẩn, các xã thuộc {area} được công nhận mà "
        "văn bản trong dữ liệu nêu tên; đây là số tính toán, không phải tổng số xã được công "
        "nhận của {area}.",
        "en": "{table} counts, by year and tier, the communes of {area} that the records at "
        "hand name as recognised; these are computed counts, not {area}'s totals.",
    },
    "recognised_table": {
        "vi": "Số xã được công nhận theo năm, đếm từ các xã có tên trong văn bản (tính toán)",
        "en": "Communes recognised by year, counted from the communes named in the records "
        "(computed)",
    },
    "units": {
        "province": {"vi": "các huyện, xã", "en": "the districts and communes"},
        "district": {"vi": "các xã", "en": "the communes"},
    },
    "table": {"vi": "Bảng {n}", "en": "Table {n}"},
    "and": {"vi": " và ", "en": " and "},
    "key_table": {"vi": "Số liệu chính của {area}", "en": "Key figures of {area}"},
    "inside_table": {
        "vi": "Số liệu của {units} thuộc {area}",
        "en": "Figures of {units} of {area}",
    },
    "findings_table": {
        "vi": "Các điểm không khớp giữa số liệu",
        "en": "Findings",
    },
    "unmet_table": {
        "vi": "Tiêu chí chưa đạt và cơ quan hướng dẫn",
        "en": "Unmet criteria and who guides them",
    },
    "figure": {"vi": "Hình {n}. {title}", "en": "Figure {n}. {title}"},
    "no_charts": {
        "vi": "Dữ liệu hiện có không đủ để vẽ biểu đồ cho {area}.",
        "en": "The data at hand is not enough for a chart of {area}.",
    },
    "findings_intro": {
        "vi": "Rà soát tự động tìm thấy {n} điểm không khớp giữa các số liệu về {area} "
        "({table}). Mỗi điểm là câu hỏi cần cơ quan ban hành làm rõ, không phải đính chính; số "
        "liệu gốc được giữ nguyên.",
        "en": "The automatic checks found {n} disagreements between figures on {area} "
        "({table}). Each is a question for the issuing body, not a correction; the figures "
        "stay as stated.",
    },
    "base_changes": {
        "vi": "Ngoài ra, bảng ghi {n} trường hợp số đơn vị thay đổi giữa hai thời điểm mà ghi "
        "chú của số liệu đã nêu (sáp nhập, sắp xếp): đó là thay đổi mẫu số, không tính là điểm "
        "không khớp.",
        "en": "The table also lists {n} changes in the number of units between two dates that "
        "the figures' notes record (mergers, reorganisation): changes of base, not counted as "
        "disagreements.",
    },
    "no_findings": {
        "vi": "Rà soát tự động không tìm thấy điểm không khớp nào giữa các số liệu về {area}.",
        "en": "The automatic checks found no disagreement between the figures on {area}.",
    },
    "nothing_to_check": {
        "vi": "Dữ liệu hiện có không có số liệu nào về {area} nên không có gì để rà soát.",
        "en": "The data at hand holds no figures on {area}, so there was nothing to check.",
    },
    "caveats": {
        "vi": [
            "Số liệu được ghi đúng như nguồn nêu; tỷ lệ tính từ số xã và tổng số xã của cùng "
            "một nguồn được ghi rõ là số tính toán (điểm vuông trên biểu đồ).",
            "Tổng số xã thay đổi do sáp nhập xã giai đoạn 2023–2025 và sắp xếp đơn vị hành "
            "chính từ 01/7/2025; các tỷ lệ khác mẫu số hoặc không rõ mẫu số không nên so sánh "
            "trực tiếp, và trên biểu đồ không được nối với nhau.",
            'Xã chưa có số liệu được thể hiện trên bản đồ là "không có số liệu", không có '
            "nghĩa là chưa đạt chuẩn.",
        ],
        "en": [
            "Figures are given as their sources state them; shares computed from a commune "
            "count and total of the same source are marked as computed (square points).",
            "The number of communes changed with the 2023–2025 commune mergers and the reform "
            "of 1 Jul 2025; shares on different or unknown bases are not to be compared "
            "directly, and charts never join them with a line.",
            'Communes without a record show on the map as "no data", which does not mean '
            "they fall short.",
        ],
    },
    "latest_caveat": {
        "vi": "Các số liệu trong {tables} là số mới nhất của từng chỉ tiêu nên có thể khác "
        "thời điểm; cần đọc kèm cột thời điểm và nguồn. Số ghi “tính toán” không phải số văn "
        "bản nêu mà được tính từ số văn bản nêu, như ghi ở tên chỉ tiêu.",
        "en": "The figures in {tables} are the latest of each measure, so dates differ; read "
        "each with its date and source. Figures marked “computed” are not stated by a source "
        "but worked out from what sources state, as the measure's name says.",
    },
    "merged": {
        "vi": "{area} từ 01/7/2025 gồm {parts} trước sắp xếp; số liệu của từng phần được trình "
        "bày riêng, không cộng gộp.",
        "en": "Since 1 Jul 2025 {area} comprises the former {parts}; their figures are shown "
        "apart, never added up.",
    },
    "recipients": {
        "vi": ["- Thường trực HĐND;", "- Các Ban của HĐND;", "- Lưu: VT."],
        "en": ["- Standing Committee of the People's Council;", "- Council committees;", "- File."],
    },
    "signer": {"vi": ["NGƯỜI LẬP BÁO CÁO"], "en": ["PREPARED BY"]},
    "map_title": {"vi": "Mức đạt chuẩn của các xã – {area}", "en": "Commune tiers – {area}"},
    "ntm_pct": {"vi": "Tỷ lệ xã đạt chuẩn NTM (%)", "en": "Communes meeting NTM (%)"},
    "funding_title": {
        "vi": "Nguồn vốn theo nguồn – {area}, {period}",
        "en": "Funding – {area}, {period}",
    },
}


def t(key: str, lang: str, **kw: object) -> str:
    """A text of the brief in ``lang``."""
    return T[key][lang].format(**kw)  # type: ignore[union-attr]
