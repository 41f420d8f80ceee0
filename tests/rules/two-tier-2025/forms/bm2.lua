-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 2 — Cải cách thể chế.  Sở Tư pháp answers for it; communes and
-- wards send it too.  The district's figure of its communes meeting the
-- legal-access standard is now the province's, of its communes and wards.

form {
  id = "bm2",
  name = "Biểu số 02",
  title = "Cải cách thể chế",
  section = "A.II.1",
  owner = "Sở Tư pháp",
  fields = {
    { "vb_qppl_hdnd",       "Số VBQPPL do HĐND ban hành",                          "int", "sum" },
    { "vb_qppl_ubnd",       "Số VBQPPL do UBND ban hành",                          "int", "sum" },
    { "vb_kiem_tra",        "Số VBQPPL được kiểm tra",                             "int", "sum" },
    { "vb_trai_luat",       "Số văn bản phát hiện trái pháp luật, sai sót",        "int", "sum",
      check = "<= vb_kiem_tra" },
    { "vb_da_xu_ly",        "Số văn bản trái pháp luật đã xử lý",                  "int", "sum",
      check = "<= vb_trai_luat" },
    -- Includes the former district's documents the commune now answers for.
    { "vb_ra_soat",         "Số VBQPPL được rà soát",                              "int", "sum" },
    { "vb_can_xu_ly",       "Số văn bản cần sửa đổi, bổ sung, thay thế, bãi bỏ",   "int", "sum",
      check = "<= vb_ra_soat" },
    { "thpl_kiem_tra",      "Số cuộc kiểm tra tình hình thi hành pháp luật",       "int", "sum" },
    { "pbgdpl_cuoc",        "Số cuộc tuyên truyền, phổ biến, giáo dục pháp luật",  "int", "sum" },
    { "pbgdpl_luot",        "Số lượt người tham dự",                               "int", "sum" },
    { "hoa_giai_tiep_nhan", "Số vụ việc hòa giải ở cơ sở tiếp nhận",               "int", "sum" },
    { "hoa_giai_thanh",     "Số vụ việc hòa giải thành",                           "int", "sum",
      check = "<= hoa_giai_tiep_nhan" },
    { "xa_dat_chuan_tcpl",  "Số xã, phường đạt chuẩn tiếp cận pháp luật",          "int", "snap",
      level = "tinh" },
  },
  indicators = {
    { "ty_le_xu_ly_trai_luat", "Tỷ lệ văn bản trái pháp luật, sai sót đã được xử lý",
      num = "vb_da_xu_ly", den = "vb_trai_luat" },
    { "ty_le_hoa_giai_thanh", "Tỷ lệ vụ việc hòa giải thành",
      num = "hoa_giai_thanh", den = "hoa_giai_tiep_nhan" },
  },
}
