# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["vi"]
# # 02 · Phía Đông và phía Tây của Hải Phòng mới
#
# **Câu hỏi.** Phía Đông (Hải Phòng cũ) và phía Tây (Hải Dương cũ) cách nhau bao xa về xã
# NTM nâng cao và kiểu mẫu, và các số liệu cho phép nói đến đâu?
#
# **Dành cho** các ban của HĐND chuẩn bị báo cáo giám sát; nhà nghiên cứu; chuyên viên phân tích.
#
# **Nguồn.** Kết luận của thành phố về kết quả NTM năm trước khi hợp nhất, thông báo kết luận
# giám sát của Ban Đô thị HĐND thành phố mới, các trang web mà bảng tham chiếu của dự án dẫn,
# và danh mục đơn vị hành chính cài sẵn (ba thời kỳ). Mỗi con số dưới đây ghi nguồn ngay sau nó.
#
# **Lưu ý.** Hai phía đo xã theo hai bộ tiêu chí khác nhau. Nhiều tỷ lệ in ra không kèm mẫu
# số, và mẫu số thay đổi khi xã sáp nhập hay thành phường: một tỷ lệ giảm không có nghĩa là
# có xã mất chuẩn. Số "tính toán" là phép tính của dự án trên số liệu nguồn; "manh mối" là cách
# đọc có thể, chưa phải kết luận.

# %% tags=["parameters"]
AREA = "Hải Phòng"  # the new city formed from two old provinces (another area: its own data)
YEAR = 2025  # year of the report: its targets against the latest shares, its findings
AS_OF = "2025-11"  # figures dated up to this date (at any precision)
LANG = "vi"
PROCESSED = None  # folder of the built tables; None = the project's data/processed
FIG_DIR = "../reports/figures"

# %% [markdown] tags=["en"]
# # 02 · The East and the West of the new Hải Phòng
#
# **Question.** How far apart are the East (old Hải Phòng) and the West (old Hải Dương) on
# advanced and model NTM communes, and how much do the figures allow us to say?
#
# **For** People's Council committees preparing supervision reports; researchers; analysts.
#
# **Sources.** The city's conclusions on its last NTM year before the merger, the supervision
# conclusions of the new city's People's Council Urban Committee, the web pages the project's
# reference tables cite, and the installed lists of administrative units (three vintages).
# Every figure below names its source right after it.
#
# **Caveats.** The two parts measured communes against different criteria. Many shares are
# printed without a base, and bases change when communes merge or become wards: a falling
# share does not mean a commune lost its tier. "Computed" marks the project's arithmetic on
# source figures; a "lead" is a possible reading, not a conclusion.

# %%
from IPython.display import Markdown, display

from ntm_analysis.analysis import areas, east_west
from ntm_analysis.model import tables
from ntm_analysis.present import charts, figures, findings, key_figures, readable
from ntm_analysis.present import east_west_tables as reader
from ntm_analysis.present import east_west_text as text
from ntm_analysis.present.maps import classes, status_layer

data = tables.load_tables(PROCESSED)
facts, sources, targets = data["facts"], data["sources"], data["targets"]
HERE = east_west.covers(AREA)  # the new Hải Phòng: the two parts; another area: its own data
ew = east_west.analyse(data, AREA, AS_OF) if HERE else None
if not HERE:
    display(Markdown(text.other_area(AREA, LANG)))
    figs = key_figures.key_figures_table(data, AREA, YEAR, AS_OF, LANG)
    display(figs if len(figs) else readable.no_data(key_figures.WHAT, AREA, LANG, YEAR))

# %% [markdown] tags=["vi"]
# ## 1. Hai phía, hai bộ tiêu chí

# %% [markdown] tags=["en"]
# ## 1. Two parts, two sets of criteria

# %%
Markdown(text.criteria(facts, sources, LANG) if HERE else text.not_here(LANG))

# %% [markdown] tags=["vi"]
# ## 2. Tỷ lệ xã theo mức đạt chuẩn, kèm mẫu số và thời điểm
# Mỗi điểm là một tỷ lệ do một nguồn nêu (hoặc tính từ số xã và tổng số xã của cùng một văn
# bản). Điểm đặc: mẫu số do nguồn nêu; hình thoi: mẫu số đối chiếu được (mục 3); điểm rỗng:
# không rõ mẫu số. Hai điểm chỉ được nối khi cùng một mẫu số do nguồn nêu.

# %% [markdown] tags=["en"]
# ## 2. Shares of communes by tier, with their bases and dates
# Each point is one share one source states (or computes from a count and a total in the same
# document). Filled: base stated by the source; diamond: base reconciled (section 3); hollow:
# base unknown. Two points are joined only when both state the same base.

# %%
if HERE:
    fig = figures.east_west_shares(ew.points, LANG, note=figures.text("criteria_note", LANG))
    _ = charts.save_figure(fig, "02-east-west-shares", FIG_DIR)
    display(reader.points_table(ew.points, data, LANG))
else:
    display(Markdown(text.not_here(LANG)))

# %% tags=["analyst"]
if HERE:
    display(
        ew.points[
            ["area", "tier", "date", "share_pct", "basis", "count", "base", "base_basis"]
        ].assign(sources=ew.points["sources"], rows=ew.points["raw_rows"])
    )

# %% [markdown] tags=["vi"]
# ## 3. Đối chiếu mẫu số
# Từng bước, mỗi bước ghi nguồn: mẫu số của phía Đông và phía Tây trong các văn bản, danh mục
# đơn vị trước và sau các đợt sắp xếp.

# %% [markdown] tags=["en"]
# ## 3. Reconciling the bases
# Step by step, each step with its source: the bases of the East and the West in the
# documents, and the unit lists before and after each reorganisation.

# %%
if HERE:
    display(
        Markdown(
            "\n\n".join(
                [
                    text.east_base(ew.bases, facts, sources, LANG),
                    text.west_base(ew.bases, ew.matches, sources, facts, LANG),
                    text.east_fall(ew.bases, ew.xa_by_district, facts, sources, LANG),
                    text.after_reform(ew.units_2025, ew.type_conflicts, facts, sources, LANG),
                ]
            )
        )
    )
    display(reader.bases_table(ew.bases, data, LANG))
    display(reader.districts_xa_table(ew.xa_by_district, data, LANG))
    display(reader.units_2025_table(ew.units_2025, data, LANG))
else:
    display(Markdown(text.not_here(LANG)))

# %% tags=["analyst"]
if HERE:
    display(ew.bases, ew.matches, ew.xa_by_district, ew.units_2025, ew.type_conflicts)

# %% [markdown] tags=["vi"]
# ## 4. Thành phố gộp: không có tỷ lệ chung

# %% [markdown] tags=["en"]
# ## 4. The merged city: no pooled rate

# %%
Markdown(text.merged(ew.merged, facts, ew.bases, sources, LANG) if HERE else text.not_here(LANG))

# %% [markdown] tags=["vi"]
# ## 5. Các huyện phía Đông

# %% [markdown] tags=["en"]
# ## 5. The East's districts

# %%
if HERE:
    display(Markdown(text.districts(ew.districts, facts, sources, LANG)))
    display(reader.east_districts_table(ew.districts, data, LANG))
else:
    display(Markdown(text.not_here(LANG)))

# %% tags=["analyst"]
if HERE:
    display(ew.districts, ew.district_model_counts)

# %% [markdown] tags=["vi"]
# ## 6. Mục tiêu của phía Đông và tỷ lệ kiểu mẫu được báo cáo

# %% [markdown] tags=["en"]
# ## 6. The East's own target and the reported model share

# %%
Markdown(
    "\n\n".join(
        [
            text.target_against_share(ew.points, ew.bases, targets, facts, sources, YEAR, LANG),
            text.readings(
                ew.reading_share,
                ew.readings,
                ew.bases,
                ew.district_model_counts,
                facts,
                sources,
                LANG,
            ),
        ]
    )
    if HERE
    else text.not_here(LANG)
)

# %% tags=["analyst"]
if HERE:
    display(ew.readings)

# %% [markdown] tags=["vi"]
# ## 7. Tình trạng từng xã
# Bảng tình trạng dùng chung với bản đồ (notebook 04) và lệnh `ntm status`: mỗi xã của địa bàn
# (với Hải Phòng mới: của hai phía) theo danh mục đơn vị trước 01/7/2025, có thuộc chương
# trình hay không, mức đạt chuẩn thấp nhất mà văn bản xác định và căn cứ (văn bản về chính xã,
# hay văn bản nêu mọi xã của địa bàn đạt). Phường, thị trấn và các xã được loại trừ không tính
# vào mẫu số.

# %% [markdown] tags=["en"]
# ## 7. Commune by commune
# The status table shared with the map (notebook 04) and `ntm status`: each commune of the
# area (for the new Hải Phòng, of its two parts) in the units before 1 Jul 2025, whether it is
# in the programme, the lowest tier a document establishes for it and what that rests on (the
# commune's own record, or a statement that every commune of its area reached the tier).
# Wards, townships and excluded communes are left out of the denominator.

# %%
parts = east_west.part_names(data["units"]) if HERE else areas.legacy_names(AREA)
layer, why = status_layer.area_layer(parts, "legacy", data, LANG, AS_OF)
if layer is None:
    display(Markdown(why))
else:
    display(Markdown(classes.summary_sentence(layer, LANG)))
    display(classes.legend_reader_table(layer, LANG))

# %% [markdown] tags=["vi"]
# ## 8. Chỗ các nguồn không khớp nhau
# Các phát hiện của `ntm check-facts` về địa bàn (với Hải Phòng mới: về hai phía và các huyện,
# xã của chúng) thuộc năm của báo cáo và dựa trên số liệu ghi ngày đến thời điểm số liệu của
# báo cáo.

# %% [markdown] tags=["en"]
# ## 8. Where the sources disagree
# The `ntm check-facts` findings about the area (for the new Hải Phòng: about the two parts and
# their districts and communes) that concern the report's year and rest on figures dated up
# to its data date.

# %%
if HERE:
    shown, left_out = reader.findings_table(data, LANG, YEAR, AS_OF)
else:
    shown, left_out = findings.dated_findings_table(data, AREA or None, LANG, YEAR, AS_OF)
display(shown if len(shown) else readable.no_data(findings.WHAT, AREA, LANG, YEAR))
findings.left_out_sentence(left_out, LANG, YEAR, AS_OF)

# %% tags=["analyst"]
if HERE:
    display(
        east_west.dated_part_findings(data, YEAR, AS_OF)[0][
            ["check", "area", "measure", "when", "message", "caveat"]
        ]
    )

# %%
Markdown(text.open_questions(LANG)) if HERE else None
