-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: the summaries of a report's sections (section{
-- summary = … }), every kind of placeholder, rendered by
-- core/aggregate/test_summary.c from tests/data/summary-agg.json.  Its
-- wording words a change as cchc-1131's does.

directive {
  id = "summaries",
  title = "Hướng dẫn thử các câu tổng hợp",
  reference = "TEST/S",
  in_force = { from = "2023-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  money_unit = "triệu đồng",
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }
unit_kind { id = "department", label = "Phòng", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",    level = "xa" }

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "01/01/Y", to = "31/03/Y" },
  unit_due = "05/04/Y", compile_due = "10/04/Y",
}

section { id = "A", title = "CÔNG TÁC CHỈ ĐẠO", forms = { "cd" },
  summary = {
    "Ban hành {cd.vb} văn bản, {cd.vb:change}.",
    "Cấp xã {cd.vb@xa} văn bản (cùng kỳ {cd.vb@xa:last}; {cd.vb@xa:diff}; {cd.vb@xa:pct}).",
    "Kinh phí {cd.kinh_phi} triệu đồng, {cd.kinh_phi:change}.",
    "Hoàn thành {cd.ty_le_ht}, {cd.ty_le_ht:change}; khắc phục {cd.ty_le_kp}.",
    "{cd.ds} văn bản, trong đó {cd.ds[ke_hoach]} kế hoạch; {cd.co_kh} đơn vị có kế hoạch.",
    "{cd:units} đơn vị báo cáo ({cd@xa:units} xã), {cd:missing} chưa gửi; {{ngoặc}}.",
  },
  -- A unit's own report: its own figures, no levels, no unit counts.
  unit_summary = {
    "Đơn vị ban hành {cd.vb} văn bản, {cd.vb:change}.",
    "Hoàn thành {cd.ty_le_ht}.",
  } }
section { id = "B", title = "SỐ LIỆU KHÁC", forms = { "cd" },
  summary = "Họp {cd.hop}, {cd.hop:change}; tồn tại {cd.ton_tai:change}; xã {cd.thon@xa}, {cd.thon:change}." }

form {
  id = "cd", name = "Biểu thử", title = "Chỉ đạo, điều hành",
  section = "A",
  fields = {
    { "vb",       "Số văn bản",             "int",   "sum" },
    { "kinh_phi", "Kinh phí",               "money", "sum" },
    { "ke_hoach", "Số nhiệm vụ",            "int",   "snap" },
    { "xong",     "Số nhiệm vụ hoàn thành", "int",   "snap" },
    { "ton_tai",  "Số tồn tại",             "int",   "sum" },
    { "da_xu_ly", "Số tồn tại đã xử lý",    "int",   "sum" },
    { "hop",      "Số cuộc họp",            "int",   "sum" },
    { "thon",     "Số thôn",                "int",   "snap", level = "xa" },
    { "co_kh",    "Có kế hoạch",            "bool",  "count_true" },
    { "ds", "Danh mục văn bản", "table", "count_by", count_by = "loai",
      columns = {
        { "so",   "Số, ký hiệu", "text", required = true },
        { "loai", "Loại",        "enum", required = true,
          values = { { "ke_hoach", "Kế hoạch" }, { "cong_van", "Công văn" } } },
      } },
  },
  indicators = {
    { "ty_le_ht", "Tỷ lệ hoàn thành", num = "xong", den = "ke_hoach" },
    { "ty_le_kp", "Tỷ lệ khắc phục",  num = "da_xu_ly", den = "ton_tai" },
  },
}

wording {
  summary = {
    up          = "tăng {amount} ({pct}) so với cùng kỳ năm trước",
    down        = "giảm {amount} ({pct}) so với cùng kỳ năm trước",
    up_plain    = "tăng {amount} so với cùng kỳ năm trước",
    down_plain  = "giảm {amount} so với cùng kỳ năm trước",
    same        = "bằng cùng kỳ năm trước",
    no_previous = "chưa có số liệu cùng kỳ năm trước để so sánh",
    points      = "điểm phần trăm",
  },
}
