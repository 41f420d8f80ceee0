-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 7 — Xây dựng, phát triển chính quyền điện tử, chính quyền số.
-- "Phòng Văn hóa - Thông tin: Báo cáo và cung cấp số liệu tại biểu mẫu 7"
-- (seed, "1. Về nội dung báo cáo"); communes send it too.  Rebuilt in the
-- catalogue (forms.md, bm7) from outline A.II.6 and part B.5.

form {
  id = "bm7",
  name = "Biểu số 07",
  title = "Xây dựng, phát triển chính quyền điện tử, chính quyền số",
  section = "A.II.6",
  owner = "Phòng Văn hóa và Thông tin",
  fields = {
    -- id                  label                                                        type    aggregation
    -- A.II.6.1 "nêu rõ việc xây dựng, ban hành kế hoạch ứng dụng CNTT";
    -- counted across units: how many have one.
    { "ke_hoach_cds",      "Có kế hoạch ứng dụng CNTT, chuyển đổi số năm",              "bool", "count_true" },
    -- A.II.6.2 "hạ tầng kỹ thuật (cơ sở vật chất, trang thiết bị …)".
    { "cbcc",              "Số cán bộ, công chức",                                      "int",  "snap" },
    { "may_tinh",          "Số máy tính phục vụ công việc",                             "int",  "snap" },
    -- A.II.6.5 "các ứng dụng, dịch vụ nội bộ": electronic documents.
    -- Signed ≤ electronic ≤ all outgoing.
    { "vb_di_tong",        "Tổng số văn bản đi",                                        "int",  "sum" },
    { "vb_di_dien_tu",     "Số văn bản đi dạng điện tử",                                "int",  "sum",
      check = "<= vb_di_tong" },
    { "vb_di_ky_so",       "Số văn bản điện tử có ký số",                               "int",  "sum",
      check = "<= vb_di_dien_tu" },
    { "chu_ky_so",         "Số chứng thư chữ ký số đã cấp",                             "int",  "snap" },
    -- B.1, B.5 "Kết quả sử dụng hệ thống giao ban trực tuyến".
    { "hop_truc_tuyen",    "Số cuộc họp trực tuyến",                                    "int",  "sum" },
    -- A.II.6.8, B.5 "Kết quả hoạt động Cổng (trang) thông tin điện tử; sử
    -- dụng hệ thống thư điện tử công vụ".
    { "tin_bai_cong_ttdt", "Số tin, bài đăng trên cổng/trang thông tin điện tử",        "int",  "sum" },
    { "thu_cong_vu_cap",   "Số hộp thư điện tử công vụ đã cấp",                         "int",  "snap" },
    { "thu_cong_vu_dung",  "Số hộp thư điện tử công vụ sử dụng thường xuyên",           "int",  "snap",
      check = "<= thu_cong_vu_cap" },
    -- Community digital technology teams are set up in communes.
    { "to_cong_nghe_so",   "Số tổ công nghệ số cộng đồng",                              "int",  "snap",
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
