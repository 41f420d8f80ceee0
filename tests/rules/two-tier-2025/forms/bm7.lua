-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 7 — Chính quyền điện tử, chính quyền số.  Sở Khoa học và Công
-- nghệ (which took in Sở Thông tin và Truyền thông in 2025) answers for
-- it; communes and wards send it too.

form {
  id = "bm7",
  name = "Biểu số 07",
  title = "Xây dựng, phát triển chính quyền điện tử, chính quyền số",
  section = "A.II.6",
  owner = "Sở Khoa học và Công nghệ",
  fields = {
    { "ke_hoach_cds",      "Có kế hoạch chuyển đổi số năm",                         "bool", "count_true" },
    { "cbcc",              "Số cán bộ, công chức",                                  "int",  "snap" },
    { "may_tinh",          "Số máy tính phục vụ công việc",                         "int",  "snap" },
    -- Signed ≤ electronic ≤ all outgoing.
    { "vb_di_tong",        "Tổng số văn bản đi",                                    "int",  "sum" },
    { "vb_di_dien_tu",     "Số văn bản đi dạng điện tử",                            "int",  "sum",
      check = "<= vb_di_tong" },
    { "vb_di_ky_so",       "Số văn bản điện tử có ký số",                           "int",  "sum",
      check = "<= vb_di_dien_tu" },
    { "chu_ky_so",         "Số chứng thư chữ ký số đã cấp",                         "int",  "snap" },
    { "hop_truc_tuyen",    "Số cuộc họp trực tuyến",                                "int",  "sum" },
    { "tin_bai_cong_ttdt", "Số tin, bài đăng trên cổng/trang thông tin điện tử",    "int",  "sum" },
    { "thu_cong_vu_cap",   "Số hộp thư điện tử công vụ đã cấp",                     "int",  "snap" },
    { "thu_cong_vu_dung",  "Số hộp thư điện tử công vụ sử dụng thường xuyên",       "int",  "snap",
      check = "<= thu_cong_vu_cap" },
    { "to_cong_nghe_so",   "Số tổ công nghệ số cộng đồng",                          "int",  "snap",
      level = "xa" },
  },
  indicators = {
    { "ty_le_vb_dien_tu", "Tỷ lệ văn bản đi dạng điện tử",
      num = "vb_di_dien_tu", den = "vb_di_tong" },
    { "ty_le_ky_so", "Tỷ lệ văn bản điện tử có ký số",
      num = "vb_di_ky_so", den = "vb_di_dien_tu" },
    { "ty_le_thu_cong_vu", "Tỷ lệ hộp thư điện tử công vụ sử dụng thường xuyên",
      num = "thu_cong_vu_dung", den = "thu_cong_vu_cap" },
  },
}
