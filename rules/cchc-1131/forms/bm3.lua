-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 3 — Cải cách TTHC, cơ chế một cửa, một cửa liên thông.
-- "Văn phòng HĐND - UBND huyện: Báo cáo và cung cấp số liệu tại biểu mẫu 3"
-- (seed, "1. Về nội dung báo cáo"); communes send it too.  Rebuilt in the
-- catalogue (forms.md, bm3) from outline A.II.2 and part B.1; the dossier
-- rows follow Biểu 06/VPCP/KSTT of Thông tư 01/2020/TT-VPCP, so the three
-- totals must add up exactly as on the national form:
--
--   tiếp nhận  = từ kỳ trước + trực tuyến + trực tiếp/bưu chính
--   đã giải quyết = trước hạn + đúng hạn + quá hạn
--   đang giải quyết = còn trong hạn + đã quá hạn
--   tiếp nhận  = đã giải quyết + đang giải quyết

form {
  id = "bm3",
  name = "Biểu số 03",
  title = "Cải cách TTHC, cơ chế một cửa, một cửa liên thông",
  section = "A.II.2",
  owner = "Văn phòng HĐND-UBND",
  fields = {
    -- id                   label                                                         type   aggregation
    -- A.II.2.1 "Tổng hợp, cập nhật số lượng TTHC thuộc thẩm quyền giải quyết",
    -- "số lượng TTHC đã công khai/tổng số TTHC hiện hành"; A.II.2.2 "số TTHC
    -- thực hiện theo cơ chế một cửa".
    { "tthc_tong",         "Số TTHC thuộc thẩm quyền giải quyết",                          "int", "snap" },
    { "tthc_mot_cua",      "Số TTHC tiếp nhận, trả kết quả tại Bộ phận Một cửa",           "int", "snap",
      check = "<= tthc_tong" },
    { "tthc_cong_khai",    "Số TTHC công khai đầy đủ, đúng quy định",                      "int", "snap",
      check = "<= tthc_tong" },
    -- A.II.6.8 "tổng số dịch vụ công mức độ 3,4 đã cung cấp": today's
    -- "toàn trình" and "một phần".  Each is a procedure, so together they
    -- cannot exceed the procedures the unit handles.
    { "dvc_toan_trinh",    "Số dịch vụ công trực tuyến toàn trình",                        "int", "snap" },
    { "dvc_mot_phan",      "Số dịch vụ công trực tuyến một phần",                          "int", "snap",
      check = "dvc_toan_trinh + dvc_mot_phan <= tthc_tong" },
    -- A.II.2.2 "thống kê rõ tổng số hồ sơ đã tiếp nhận, hồ sơ đã giải quyết
    -- đúng thời gian quy định, số hồ sơ chậm, số hồ sơ tồn đọng".
    { "hs_ky_truoc",       "Số hồ sơ từ kỳ trước chuyển qua",                              "int", "sum" },
    { "hs_truc_tuyen",     "Số hồ sơ tiếp nhận trực tuyến",                                "int", "sum" },
    { "hs_truc_tiep",      "Số hồ sơ tiếp nhận trực tiếp, qua bưu chính",                  "int", "sum" },
    { "hs_tiep_nhan",      "Tổng số hồ sơ tiếp nhận",                                      "int", "sum",
      check = "= hs_ky_truoc + hs_truc_tuyen + hs_truc_tiep" },
    { "hs_truoc_han",      "Đã giải quyết trước hạn",                                      "int", "sum" },
    { "hs_dung_han",       "Đã giải quyết đúng hạn",                                       "int", "sum" },
    { "hs_qua_han",        "Đã giải quyết quá hạn",                                        "int", "sum" },
    { "hs_da_giai_quyet",  "Tổng số hồ sơ đã giải quyết",                                  "int", "sum",
      check = "= hs_truoc_han + hs_dung_han + hs_qua_han" },
    { "hs_dang_trong_han", "Đang giải quyết, còn trong hạn",                               "int", "sum" },
    { "hs_dang_qua_han",   "Đang giải quyết, đã quá hạn",                                  "int", "sum" },
    { "hs_dang_giai_quyet", "Tổng số hồ sơ đang giải quyết",                               "int", "sum",
      check = "= hs_dang_trong_han + hs_dang_qua_han" },
    -- B.1 "Kết quả thực hiện việc xin lỗi người dân, tổ chức khi để xảy ra
    -- trễ hẹn": only a late dossier, settled or not, calls for an apology.
    { "hs_xin_loi",        "Số hồ sơ quá hạn đã có văn bản xin lỗi",                       "int", "sum",
      check = "<= hs_qua_han + hs_dang_qua_han" },
    -- A.II.2.2 "Kết quả thực hiện số hóa hồ sơ, giấy tờ": only dossiers
    -- received in the window can be digitised on receipt.
    { "hs_so_hoa",         "Số hồ sơ được số hóa khi tiếp nhận",                           "int", "sum",
      check = "<= hs_truc_tuyen + hs_truc_tiep" },
    -- B.1 "Kết quả trả hồ sơ qua dịch vụ bưu chính công ích".
    { "hs_bcci",           "Số kết quả trả qua dịch vụ bưu chính công ích",                "int", "sum",
      check = "<= hs_da_giai_quyet" },
    -- A.II.2.2 "tiếp nhận, xử lý phản ánh kiến nghị của cá nhân, tổ chức đối
    -- với TTHC".
    { "pakn_tiep_nhan",    "Số phản ánh, kiến nghị về TTHC tiếp nhận",                     "int", "sum" },
    { "pakn_da_xu_ly",     "Số phản ánh, kiến nghị đã xử lý",                              "int", "sum",
      check = "<= pakn_tiep_nhan" },
  },
  checks = {
    -- Every dossier received is either settled or still being settled.
    "hs_tiep_nhan = hs_da_giai_quyet + hs_dang_giai_quyet",
  },
  -- What was still being settled at the end of the unit's previous report
  -- is what this one carries over; a difference is worth a look, not a
  -- refusal (a dossier withdrawn in between, a corrected earlier figure).
  carry = { { "hs_ky_truoc", from = "hs_dang_giai_quyet" } },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
      num = "hs_truoc_han + hs_dung_han", den = "hs_da_giai_quyet" },
    { "ty_le_truc_tuyen", "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
      num = "hs_truc_tuyen", den = "hs_truc_tuyen + hs_truc_tiep" },
    { "ty_le_so_hoa", "Tỷ lệ hồ sơ được số hóa khi tiếp nhận",
      num = "hs_so_hoa", den = "hs_truc_tuyen + hs_truc_tiep" },
    { "ty_le_xin_loi", "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi",
      num = "hs_xin_loi", den = "hs_qua_han + hs_dang_qua_han" },
  },
}
