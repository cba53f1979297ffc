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
# # 06 · Các tiêu chí xã còn thiếu
#
# **Câu hỏi.** Các xã còn thiếu những tiêu chí nào, tiêu chí nào thiếu nhiều nhất, và cơ quan
# nào hướng dẫn thực hiện từng tiêu chí?
#
# **Dành cho** văn phòng điều phối nông thôn mới cấp huyện, cấp tỉnh khi lập kế hoạch hỗ trợ.
#
# **Nguồn.** Kết quả đánh giá tiêu chí theo xã trong dữ liệu (Thông báo kiểm tra tại huyện Bắc
# Sơn, kế hoạch của xã Hợp Thịnh và các bảng tính đã nhập); văn bản hướng dẫn từng tiêu chí.
#
# **Lưu ý.** Cùng một số thứ tự là hai tiêu chí khác nhau trong bộ tiêu chí xã NTM và bộ tiêu
# chí xã NTM nâng cao, nên mỗi bảng màu chỉ thể hiện một bộ. Kế hoạch của xã Hợp Thịnh chỉ
# nêu các tiêu chí chưa đạt; các tiêu chí khác được thể hiện là "không rõ", không phải "đạt".

# %% tags=["parameters"]
AREA = ""  # tỉnh/thành phố hoặc huyện, ví dụ "Lạng Sơn" hoặc "Bắc Sơn"; "" = mọi nơi có số liệu
YEAR = None  # đánh giá gần nhất đến hết năm này; None = mới nhất
AS_OF = None  # ngày số liệu, "YYYY-MM-DD"; None = mọi ngày
LANG = "vi"  # "vi" hoặc "en"
PROCESSED = None  # thư mục bảng đã xử lý; None = data/processed của dự án
FIG_DIR = None  # thư mục lưu biểu đồ; None = reports/figures của dự án

# %% [markdown] tags=["en"]
# # 06 · Criteria gaps by commune
#
# **Question.** Which criteria do communes still miss, which are missed most often, and which
# body guides each criterion?
#
# **For** district and provincial coordination offices planning support.
#
# **Sources.** The commune criteria assessments in the data (the Bắc Sơn inspection notice,
# the Hợp Thịnh plan and any ingested spreadsheets); the guidance documents of each criterion.
#
# **Caveats.** One number names different criteria in the basic and the advanced commune set,
# so each grid shows one set. Hợp Thịnh's plan lists only its unmet criteria; the others are
# shown as unknown, not as met.

# %%
from IPython.display import display

from ntm_analysis.lexicon import formats
from ntm_analysis.model import tables
from ntm_analysis.present import charts, criteria_gaps, readable

data = tables.load_tables(PROCESSED)
year = int(AS_OF[:4]) if AS_OF else YEAR
status = criteria_gaps.area_status(data["criteria_status"], AREA, year)
place = AREA or {"vi": "các địa phương", "en": "all areas"}[LANG]
if status.empty:
    display(readable.no_data(criteria_gaps.WHAT, place, LANG, year))
else:
    display(
        readable.say(
            LANG,
            vi="Có {communes} xã với {rows} kết quả đánh giá tiêu chí, theo {sets} bộ tiêu chí.",
            en="{communes} communes with {rows} criterion assessments, in {sets} criteria sets.",
            communes=formats.number(status["commune_name"].nunique(), LANG),
            rows=formats.number(len(status), LANG),
            sets=formats.number(status["criteria_set"].nunique(), LANG),
        )
    )

# %% [markdown] tags=["vi"]
# ## Bảng màu theo xã, mỗi bộ tiêu chí một bảng
# Xanh: đạt; đỏ: chưa đạt; xám gạch chéo: nguồn không nêu.

# %% [markdown] tags=["en"]
# ## One grid per criteria set
# Green: met; red: not met; hatched grey: not stated by the source.

# %%
for cset, fig in criteria_gaps.grids(status, LANG, AREA):
    _ = charts.save_figure(fig, f"06-criteria-{cset}", FIG_DIR)

# %% [markdown] tags=["vi"]
# ## Lĩnh vực còn nhiều xã chưa đạt, gộp cả hai bộ tiêu chí
# Mỗi lĩnh vực gọi theo tên tiêu chí của bộ tiêu chí xã NTM.

# %% [markdown] tags=["en"]
# ## The most often unmet topics, across sets
# Each topic is named after its criterion of the basic commune set.

# %%
criteria_gaps.topics_table(status, data["sources"], LANG) if len(status) else readable.no_data(
    criteria_gaps.WHAT, place, LANG, year
)

# %% [markdown] tags=["vi"]
# ## Tiêu chí chưa đạt và cơ quan hướng dẫn
# Mỗi dòng là một tiêu chí của một bộ, tiêu chí có nhiều xã chưa đạt nhất đứng trước. Cột "Cơ
# quan hướng dẫn" ghi cơ quan có văn bản hướng dẫn tiêu chí đó trong dữ liệu (một bộ, ngành
# trung ương, hoặc một sở theo ví dụ của một tỉnh). Đây không phải phân công theo Quyết định
# 318/QĐ-TTg (văn bản đó chưa có trong dữ liệu), và tỉnh có thể phân công khác; tiêu chí chưa
# có văn bản hướng dẫn trong dữ liệu ghi "chưa có nguồn".

# %% [markdown] tags=["en"]
# ## Unmet criteria and who guides them
# One row per criterion of a set, most often unmet first. "Guided by" is the body whose
# guidance document for the criterion is on file (a ministry, or a provincial department shown
# by one province's example). This is not the assignment clause of QĐ 318/QĐ-TTg, whose text
# is not in the data, and a province may assign differently; criteria with no document on
# file say so instead of guessing.

# %%
criteria_gaps.unmet_table(status, data["sources"], LANG) if len(status) else readable.no_data(
    criteria_gaps.WHAT, place, LANG, year
)
