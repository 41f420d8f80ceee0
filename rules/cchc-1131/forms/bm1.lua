-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 1 — Công tác chỉ đạo, điều hành CCHC.  The guidance asks UBND
-- các xã, thị trấn for "biểu mẫu 1 đến biểu mẫu 7" and Phòng Nội vụ for
-- "biểu mẫu 1; biểu mẫu 4; biểu mẫu 5" (seed, "1. Về nội dung báo cáo"),
-- but its annexes are not in the seed: the rows below are the catalogue's
-- reconstruction (shared/spec/forms.md, bm1) from outline A.I — documents
-- issued, the year's plan, giao ban meetings, inspection, propaganda,
-- initiatives, satisfaction surveys.  Field ids are a contract.

form {
  id = "bm1",
  name = "Biểu số 01",
  title = "Công tác chỉ đạo, điều hành CCHC",
  section = "A.I",
  owner = "Phòng Nội vụ",
  fields = {
    -- id               label                                                     type     aggregation
    -- A.I.1: "ghi rõ số, ký hiệu …" — the documents themselves go in pl1b.
    { "vb_chi_dao",    "Số văn bản chỉ đạo, điều hành về CCHC ban hành trong kỳ",   "int",   "sum" },
    -- A.I.2 "Số nhiệm vụ đã thực hiện trên tổng số nhiệm vụ đề ra tại thời
    -- điểm báo cáo": both are stocks at the window's end.
    { "nv_ke_hoach",   "Số nhiệm vụ trong Kế hoạch CCHC năm",                       "int",   "snap" },
    { "nv_hoan_thanh", "Số nhiệm vụ đã hoàn thành",                                 "int",   "snap",
      check = "<= nv_ke_hoach" },
    -- A.I.1 "Việc tổ chức các hội nghị giao ban công tác CCHC (nêu rõ số cuộc)".
    { "hop_giao_ban",  "Số cuộc họp, hội nghị giao ban về CCHC",                    "int",   "sum" },
    -- A.I.3 "số đơn vị được kiểm tra, số vấn đề phát hiện qua kiểm tra,
    -- việc xử lý các vấn đề phát hiện qua kiểm tra".
    { "kt_don_vi",     "Số cơ quan, đơn vị được kiểm tra CCHC",                     "int",   "sum" },
    { "kt_ton_tai",    "Số tồn tại, hạn chế phát hiện qua kiểm tra",                "int",   "sum" },
    { "kt_da_xu_ly",   "Số tồn tại, hạn chế đã xử lý",                              "int",   "sum",
      check = "<= kt_ton_tai" },
    -- A.I.4 "nêu rõ số lượng các tin, bài viết, phóng sự chuyên đề về CCHC".
    { "tt_tin_bai",    "Số tin, bài, phóng sự về CCHC",                             "int",   "sum" },
    { "tt_hoi_nghi",   "Số hội nghị, tập huấn, hội thi tuyên truyền CCHC",          "int",   "sum" },
    -- A.I.1 "Những sáng kiến trong triển khai công tác CCHC …".
    { "sang_kien",     "Số sáng kiến, mô hình, giải pháp mới về CCHC",              "int",   "sum" },
    -- A.II.2.1 "Kết quả thực hiện khảo sát, đánh giá mức độ hài lòng …":
    -- returned ≤ sent, satisfied ≤ returned.
    { "ks_phieu_phat", "Số phiếu khảo sát sự hài lòng phát ra",                     "int",   "sum" },
    { "ks_phieu_thu",  "Số phiếu thu về",                                           "int",   "sum",
      check = "<= ks_phieu_phat" },
    { "ks_hai_long",   "Số phiếu hài lòng, rất hài lòng",                           "int",   "sum",
      check = "<= ks_phieu_thu" },
    -- Money is in million VND ("triệu đồng"), the type's default unit.
    { "kinh_phi_cchc", "Kinh phí bố trí cho công tác CCHC",                         "money", "sum" },
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
