-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 2 — Cải cách thể chế.  Phòng Tư pháp "Báo cáo và cung cấp số
-- liệu tại biểu mẫu 2" (seed, "1. Về nội dung báo cáo"); communes send it
-- too.  Rebuilt in the catalogue (forms.md, bm2) from outline A.II.1 and
-- part B.2: VBQPPL issued, checked, reviewed; law enforcement follow-up;
-- legal dissemination; grassroots mediation.

form {
  id = "bm2",
  name = "Biểu số 02",
  title = "Cải cách thể chế",
  section = "A.II.1",
  owner = "Phòng Tư pháp",
  fields = {
    -- id                    label                                                 type   aggregation
    -- A.II.1.2 "Kết quả xây dựng, ban hành văn bản quy phạm pháp luật".
    { "vb_qppl_hdnd",       "Số VBQPPL do HĐND ban hành",                          "int", "sum" },
    { "vb_qppl_ubnd",       "Số VBQPPL do UBND ban hành",                          "int", "sum" },
    -- A.II.1.5 "nêu rõ số lượng văn bản đã được kiểm tra, rà soát; tiến độ,
    -- kết quả xử lý văn bản sau kiểm tra, rà soát".
    { "vb_kiem_tra",        "Số VBQPPL được kiểm tra",                             "int", "sum" },
    { "vb_trai_luat",       "Số văn bản phát hiện trái pháp luật, sai sót",        "int", "sum",
      check = "<= vb_kiem_tra" },
    { "vb_da_xu_ly",        "Số văn bản trái pháp luật đã xử lý",                  "int", "sum",
      check = "<= vb_trai_luat" },
    { "vb_ra_soat",         "Số VBQPPL được rà soát",                              "int", "sum" },
    { "vb_can_xu_ly",       "Số văn bản cần sửa đổi, bổ sung, thay thế, bãi bỏ",   "int", "sum",
      check = "<= vb_ra_soat" },
    -- A.II.1.3 and B.2 "kiểm tra về tình hình THPL".
    { "thpl_kiem_tra",      "Số cuộc kiểm tra tình hình thi hành pháp luật",       "int", "sum" },
    -- A.II.1.4 "nêu rõ số lượng các cuộc tuyên truyền đã thực hiện".
    { "pbgdpl_cuoc",        "Số cuộc tuyên truyền, phổ biến, giáo dục pháp luật",  "int", "sum" },
    { "pbgdpl_luot",        "Số lượt người tham dự",                               "int", "sum" },
    { "hoa_giai_tiep_nhan", "Số vụ việc hòa giải ở cơ sở tiếp nhận",               "int", "sum" },
    { "hoa_giai_thanh",     "Số vụ việc hòa giải thành",                           "int", "sum",
      check = "<= hoa_giai_tiep_nhan" },
    -- A district figure: a commune does not count the district's communes.
    { "xa_dat_chuan_tcpl",  "Số xã đạt chuẩn tiếp cận pháp luật",                  "int", "snap",
      level = "huyen" },
  },
  indicators = {
    { "ty_le_xu_ly_trai_luat", "Tỷ lệ văn bản trái pháp luật, sai sót đã được xử lý",
      num = "vb_da_xu_ly", den = "vb_trai_luat" },
    { "ty_le_hoa_giai_thanh", "Tỷ lệ vụ việc hòa giải thành",
      num = "hoa_giai_thanh", den = "hoa_giai_tiep_nhan" },
  },
}
