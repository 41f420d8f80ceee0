-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 1 — Công tác chỉ đạo, điều hành CCHC.  The rows of cchc-1131's
-- bm1 under the same ids, so that a commune's figures compare with its
-- predecessors' of last year; Sở Nội vụ answers for it at level tỉnh.

form {
  id = "bm1",
  name = "Biểu số 01",
  title = "Công tác chỉ đạo, điều hành CCHC",
  section = "A.I",
  owner = "Sở Nội vụ",
  fields = {
    { "vb_chi_dao",    "Số văn bản chỉ đạo, điều hành về CCHC ban hành trong kỳ", "int", "sum" },
    -- Stocks at the window's end.
    { "nv_ke_hoach",   "Số nhiệm vụ trong Kế hoạch CCHC năm",                     "int", "snap" },
    { "nv_hoan_thanh", "Số nhiệm vụ đã hoàn thành",                               "int", "snap",
      check = "<= nv_ke_hoach" },
    { "hop_giao_ban",  "Số cuộc họp, hội nghị giao ban về CCHC",                  "int", "sum" },
    { "kt_don_vi",     "Số cơ quan, đơn vị được kiểm tra CCHC",                   "int", "sum" },
    { "kt_ton_tai",    "Số tồn tại, hạn chế phát hiện qua kiểm tra",              "int", "sum" },
    { "kt_da_xu_ly",   "Số tồn tại, hạn chế đã xử lý",                            "int", "sum",
      check = "<= kt_ton_tai" },
    { "tt_tin_bai",    "Số tin, bài, phóng sự về CCHC",                           "int", "sum" },
    { "tt_hoi_nghi",   "Số hội nghị, tập huấn, hội thi tuyên truyền CCHC",        "int", "sum" },
    { "sang_kien",     "Số sáng kiến, mô hình, giải pháp mới về CCHC",            "int", "sum" },
    { "ks_phieu_phat", "Số phiếu khảo sát sự hài lòng phát ra",                   "int", "sum" },
    { "ks_phieu_thu",  "Số phiếu thu về",                                         "int", "sum",
      check = "<= ks_phieu_phat" },
    { "ks_hai_long",   "Số phiếu hài lòng, rất hài lòng",                         "int", "sum",
      check = "<= ks_phieu_thu" },
    { "kinh_phi_cchc", "Kinh phí bố trí cho công tác CCHC",                       "money", "sum" },
  },
  indicators = {
    { "ty_le_hoan_thanh_nv", "Tỷ lệ nhiệm vụ hoàn thành",
      num = "nv_hoan_thanh", den = "nv_ke_hoach" },
    { "ty_le_khac_phuc", "Tỷ lệ tồn tại, hạn chế qua kiểm tra đã được xử lý",
      num = "kt_da_xu_ly", den = "kt_ton_tai" },
    { "ty_le_hai_long", "Tỷ lệ phiếu hài lòng, rất hài lòng",
      num = "ks_hai_long", den = "ks_phieu_thu" },
  },
}
