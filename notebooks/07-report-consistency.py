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
# # 07 · Số liệu trong các báo cáo có khớp nhau không
#
# **Câu hỏi.** Ở đâu các văn bản nguồn tự mâu thuẫn hoặc mâu thuẫn với nhau?
#
# **Dành cho** cán bộ giám sát cần một bảng để đưa vào báo cáo.
#
# **Nguồn.** Mọi bảng số liệu đã xử lý; các phát hiện do `ntm check-facts` tìm ra.
#
# **Lưu ý.** Mỗi phát hiện là một câu hỏi gửi cơ quan ban hành, không phải một đính chính:
# số liệu gốc không bị sửa. Số kế hoạch và số đạt được của cùng một chỉ tiêu không được so
# sánh như hai số liệu mâu thuẫn. Khi chọn năm báo cáo hoặc ngày số liệu, phát hiện về năm
# khác hoặc dựa trên số liệu ghi ngày sau ngày đó được để ra ngoài, và báo cáo ghi số lượng.

# %% tags=["parameters"]
AREA = ""  # tỉnh/thành phố hoặc huyện; "" = mọi địa bàn
YEAR = None  # năm báo cáo; None = mọi năm
AS_OF = None  # ngày số liệu, "YYYY-MM-DD"; None = mọi ngày
LANG = "vi"  # "vi" hoặc "en"
PROCESSED = None  # thư mục bảng đã xử lý; None = data/processed của dự án
FIG_DIR = None  # thư mục lưu biểu đồ; None = reports/figures của dự án

# %% [markdown] tags=["en"]
# # 07 · Consistency of the reported figures
#
# **Question.** Where do the source documents contradict themselves or each other?
#
# **For** supervisors who need a table to paste into a report.
#
# **Sources.** Every processed table; findings come from `ntm check-facts`.
#
# **Caveats.** A finding is a question to the issuing body, not a correction: the data is
# never changed. Plans and achievements of the same measure are not compared as rivals. With
# a report year or a data date, findings about other years or resting on figures dated after
# that date are left out, and the report says how many.

# %%
from ntm_analysis.lexicon import formats
from ntm_analysis.model import tables
from ntm_analysis.present import findings, readable

data = tables.load_tables(PROCESSED)
found, left_out = findings.dated_findings_table(data, AREA or None, LANG, YEAR, AS_OF)
place = AREA or {"vi": "mọi địa bàn", "en": "all areas"}[LANG]
readable.say(
    LANG,
    vi="Số phát hiện cho {place}: {n}. {left}",
    en="Findings for {place}: {n}. {left}",
    place=place,
    n=formats.number(len(found), LANG),
    left=findings.left_out_sentence(left_out, LANG, YEAR, AS_OF),
)

# %% [markdown] tags=["vi"]
# ## Các phát hiện và văn bản nguồn của từng bên

# %% [markdown] tags=["en"]
# ## Findings, with the documents they come from

# %%
found if len(found) else readable.no_data(findings.WHAT, place, LANG)

# %% [markdown] tags=["vi"]
# ## Các dòng số liệu không nhận được khi xử lý
# Dòng bị loại vẫn được liệt kê cùng lý do (`data/processed/rejects.csv`); lý do ghi bằng tiếng
# Anh như trong tệp.

# %% [markdown] tags=["en"]
# ## Rows the build could not accept
# Rejected rows stay listed with their reason (`data/processed/rejects.csv`).

# %%
rejects = tables.load_rejects(PROCESSED)
findings.rejects_table(rejects, LANG) if len(rejects) else readable.say(
    LANG,
    vi="Lần xử lý gần nhất không loại dòng nào.",
    en="The last build rejected no row.",
)
