-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 3 — Cải cách TTHC, cơ chế một cửa, một cửa liên thông.
-- Văn phòng UBND tỉnh answers for it; communes and wards, which now settle
-- most of the dossiers the district used to, send it too.  The dossier
-- rows still add up as on the national form (Biểu 06/VPCP/KSTT):
--
--   tiếp nhận  = từ kỳ trước + trực tuyến + trực tiếp/bưu chính
--   đã giải quyết = trước hạn + đúng hạn + quá hạn
--   đang giải quyết = còn trong hạn + đã quá hạn
--   tiếp nhận  = đã giải quyết + đang giải quyết
--
-- New: the dossiers received from applicants of another commune or ward
-- (TTHC không phụ thuộc địa giới hành chính, from 1 July 2025).

form {
  id = "bm3",
  name = "Biểu số 03",
  title = "Cải cách TTHC, cơ chế một cửa, một cửa liên thông",
  section = "A.II.2",
  owner = "Văn phòng UBND tỉnh",
  fields = {
    { "tthc_tong",          "Số TTHC thuộc thẩm quyền giải quyết",                         "int", "snap" },
    { "tthc_mot_cua",       "Số TTHC tiếp nhận, trả kết quả tại Bộ phận Một cửa",          "int", "snap",
      check = "<= tthc_tong" },
    { "tthc_cong_khai",     "Số TTHC công khai đầy đủ, đúng quy định",                     "int", "snap",
      check = "<= tthc_tong" },
    { "dvc_toan_trinh",     "Số dịch vụ công trực tuyến toàn trình",                       "int", "snap" },
    { "dvc_mot_phan",       "Số dịch vụ công trực tuyến một phần",                         "int", "snap",
      check = "dvc_toan_trinh + dvc_mot_phan <= tthc_tong" },
    { "hs_ky_truoc",        "Số hồ sơ từ kỳ trước chuyển qua",                             "int", "sum" },
    { "hs_truc_tuyen",      "Số hồ sơ tiếp nhận trực tuyến",                               "int", "sum" },
    { "hs_truc_tiep",       "Số hồ sơ tiếp nhận trực tiếp, qua bưu chính",                 "int", "sum" },
    { "hs_tiep_nhan",       "Tổng số hồ sơ tiếp nhận",                                     "int", "sum",
      check = "= hs_ky_truoc + hs_truc_tuyen + hs_truc_tiep" },
    { "hs_phi_dia_gioi",    "Số hồ sơ tiếp nhận không phụ thuộc địa giới hành chính",      "int", "sum",
      check = "<= hs_truc_tuyen + hs_truc_tiep" },
    { "hs_truoc_han",       "Đã giải quyết trước hạn",                                     "int", "sum" },
    { "hs_dung_han",        "Đã giải quyết đúng hạn",                                      "int", "sum" },
    { "hs_qua_han",         "Đã giải quyết quá hạn",                                       "int", "sum" },
    { "hs_da_giai_quyet",   "Tổng số hồ sơ đã giải quyết",                                 "int", "sum",
      check = "= hs_truoc_han + hs_dung_han + hs_qua_han" },
    { "hs_dang_trong_han",  "Đang giải quyết, còn trong hạn",                              "int", "sum" },
    { "hs_dang_qua_han",    "Đang giải quyết, đã quá hạn",                                 "int", "sum" },
    { "hs_dang_giai_quyet", "Tổng số hồ sơ đang giải quyết",                               "int", "sum",
      check = "= hs_dang_trong_han + hs_dang_qua_han" },
    { "hs_xin_loi",         "Số hồ sơ quá hạn đã có văn bản xin lỗi",                      "int", "sum",
      check = "<= hs_qua_han + hs_dang_qua_han" },
    { "hs_so_hoa",          "Số hồ sơ được số hóa khi tiếp nhận",                          "int", "sum",
      check = "<= hs_truc_tuyen + hs_truc_tiep" },
    { "hs_bcci",            "Số kết quả trả qua dịch vụ bưu chính công ích",               "int", "sum",
      check = "<= hs_da_giai_quyet" },
    { "pakn_tiep_nhan",     "Số phản ánh, kiến nghị về TTHC tiếp nhận",                    "int", "sum" },
    { "pakn_da_xu_ly",      "Số phản ánh, kiến nghị đã xử lý",                             "int", "sum",
      check = "<= pakn_tiep_nhan" },
  },
  checks = {
    "hs_tiep_nhan = hs_da_giai_quyet + hs_dang_giai_quyet",
  },
  -- What a unit still had in hand at its previous report is what it
  -- carries over; for a commune formed by a merger, its predecessors'.
  carry = { { "hs_ky_truoc", from = "hs_dang_giai_quyet" } },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
      num = "hs_truoc_han + hs_dung_han", den = "hs_da_giai_quyet" },
    { "ty_le_truc_tuyen", "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
      num = "hs_truc_tuyen", den = "hs_truc_tuyen + hs_truc_tiep" },
    { "ty_le_phi_dia_gioi", "Tỷ lệ hồ sơ tiếp nhận không phụ thuộc địa giới hành chính",
      num = "hs_phi_dia_gioi", den = "hs_truc_tuyen + hs_truc_tiep" },
    { "ty_le_so_hoa", "Tỷ lệ hồ sơ được số hóa khi tiếp nhận",
      num = "hs_so_hoa", den = "hs_truc_tuyen + hs_truc_tiep" },
    { "ty_le_xin_loi", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi",
      num = "hs_xin_loi", den = "hs_qua_han + hs_dang_qua_han" },
  },
}
