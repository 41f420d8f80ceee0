-- SPDX-License-Identifier: MIT
--
-- Hướng dẫn thực hiện chế độ thông tin, báo cáo kết quả công tác cải cách
-- hành chính định kỳ của UBND huyện, thực hiện Công văn số 1131/SNV-CCHC
-- ngày 10/5/2023 của Sở Nội vụ; thay thế Công văn số 381/UBND-NV ngày
-- 08/3/2023 của UBND huyện.
--
-- Everything here is read from the guidance (seed: huong-dan-bao-cao-cchc.txt,
-- section "2. Về thời gian báo cáo").  Dates are DD/MM/Y, Y being the
-- period's year: "10/12/Y-1" is 10 December of the year before.

directive {
  id = "fz",
  title = "Hướng dẫn thực hiện chế độ thông tin, báo cáo kết quả công tác "
       .. "cải cách hành chính định kỳ",
  reference = "1131/SNV-CCHC",
  issued = "2023-05-10",
  issuer = "Sở Nội vụ",
  replaces = "Công văn số 381/UBND-NV ngày 08/3/2023 của UBND huyện",
  -- No earlier ruleset is available, and a district needs last year's
  -- figures beside this year's: this one governs every period from 2022.
  in_force = { from = "2022-01-01" },
  -- "gửi về UBND huyện … trước ngày 28": read as "no later than the 28th",
  -- any time of that day in Vietnam time.
  deadline = { inclusive = true, utc_offset = "+07:00" },
  -- A money field that names no unit of its own.
  money_unit = "triệu đồng",
  reading = "\"trước ngày 28\" được hiểu là \"chậm nhất ngày 28\": báo cáo "
         .. "nhận được trong ngày 28 (giờ Việt Nam, UTC+07:00) là đúng hạn.",
  -- The narrative report (outline.lua), as the guidance calls it beside
  -- the forms' "Biểu số 01 …": "báo cáo bằng văn bản".
  report_name = "Báo cáo bằng văn bản",
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

-- Departments that lead CCHC tasks and answer for particular forms.
role { id = "noi_vu",  label = "Phòng Nội vụ" }
role { id = "tu_phap", label = "Phòng Tư pháp" }
role { id = "vp_ubnd", label = "Văn phòng HĐND - UBND huyện" }
role { id = "tckh",    label = "Phòng Tài chính - Kế hoạch" }
role { id = "vhtt",    label = "Phòng Văn hóa - Thông tin" }

-- 3. Gửi báo cáo: qua hệ thống I-Office, đồng thời gửi bản mềm qua thư
-- điện tử hoặc Zalo.  ("file", a file handed over otherwise, is always
-- accepted.)
channel { id = "ioffice", label = "Hệ thống quản lý văn bản I-Office" }
channel { id = "email",   label = "Thư điện tử" }
channel { id = "zalo",    label = "Zalo" }

include "periods.lua"
include "outline.lua"
for _, form in ipairs { "bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7",
                        "pl1a", "pl1b" } do
  include("forms/" .. form .. ".lua")
end
include "responsibilities.lua"
include "wording.lua"
-- How the district follows, assesses and ranks its units every year.
include "scoring.lua"

--@ forms/bm1.lua
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

--@ forms/bm2.lua
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

--@ forms/bm3.lua
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

--@ forms/bm4.lua
-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 4 — Cải cách tổ chức bộ máy.  "Phòng Nội vụ: Báo cáo và cung cấp
-- số liệu tại biểu mẫu 1; biểu mẫu 4; biểu mẫu 5" (seed, "1. Về nội dung
-- báo cáo"); communes send it too.  Rebuilt in the catalogue (forms.md,
-- bm4) from outline A.II.3.  The district's own bodies are asked of Phòng
-- Nội vụ only (level huyen); the commune apparatus — its cán bộ, công chức,
-- its part-timers, its thôn, khối, bản (A.II.3.4) — of communes only (xa).

form {
  id = "bm4",
  name = "Biểu số 04",
  title = "Cải cách tổ chức bộ máy",
  section = "A.II.3",
  owner = "Phòng Nội vụ",
  fields = {
    -- id                   label                                                              type   aggregation
    { "co_quan_chuyen_mon", "Số cơ quan chuyên môn thuộc UBND huyện",                          "int", "snap",
      level = "huyen" },
    { "dvsn_cong_lap",      "Số đơn vị sự nghiệp công lập",                                    "int", "snap",
      level = "huyen" },
    -- A.II.3.1 "Số đầu mối tổ chức hành chính và đơn vị sự nghiệp giảm
    -- trong kỳ báo cáo".
    { "dau_moi_giam",       "Số đầu mối tổ chức giảm trong kỳ",                                "int", "sum" },
    -- A.II.3.1 "nêu rõ tổng số biên chế hiện có/tổng số biên chế được
    -- giao".  Over the quota is a finding to report, not a typing error:
    -- warn only.
    { "bien_che_giao",      "Biên chế được giao",                                              "int", "snap" },
    { "bien_che_co_mat",    "Biên chế hiện có",                                                "int", "snap",
      expect = "<= bien_che_giao" },
    { "hd_lao_dong",        "Số hợp đồng lao động",                                            "int", "snap" },
    { "cbcc_xa_quy_dinh",   "Số cán bộ, công chức cấp xã theo quy định",                       "int", "snap",
      level = "xa" },
    { "cbcc_xa_co_mat",     "Số cán bộ, công chức cấp xã hiện có",                             "int", "snap",
      level = "xa", expect = "<= cbcc_xa_quy_dinh" },
    { "khong_chuyen_trach", "Số người hoạt động không chuyên trách cấp xã",                    "int", "snap",
      level = "xa" },
    -- A.II.3.4 "Việc sắp xếp kiện toàn, tổ chức lại các đơn vị hành chính
    -- cấp xã, xóm, khối, bản".
    { "thon_khoi",          "Số thôn, khối, bản",                                              "int", "snap",
      level = "xa" },
    { "thon_khoi_sap_xep",  "Số thôn, khối, bản được sắp xếp trong kỳ",                        "int", "sum",
      level = "xa" },
    -- A.II.3.1 "Việc rà soát, sửa đổi, bổ sung … hệ thống quy chế nội bộ".
    { "quy_che_ban_hanh",   "Số quy chế, quy định về chức năng, nhiệm vụ ban hành, sửa đổi",   "int", "sum" },
  },
  indicators = {
    { "ty_le_bien_che", "Tỷ lệ biên chế hiện có trên biên chế được giao",
      num = "bien_che_co_mat", den = "bien_che_giao" },
  },
}

--@ forms/bm5.lua
-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 5 — Cải cách chế độ công vụ.  "Phòng Nội vụ: Báo cáo và cung cấp
-- số liệu tại biểu mẫu 1; biểu mẫu 4; biểu mẫu 5" (seed, "1. Về nội dung
-- báo cáo"); communes send it too.  Rebuilt in the catalogue (forms.md,
-- bm5) from outline A.II.4: job positions, recruitment, appointment,
-- promotion exams, rotation, training, discipline, downsizing, and the
-- commune cadre (A.II.4.9).

form {
  id = "bm5",
  name = "Biểu số 05",
  title = "Cải cách chế độ công vụ",
  section = "A.II.4",
  owner = "Phòng Nội vụ",
  fields = {
    -- id                   label                                                                type     aggregation
    -- A.II.4.1 "Ghi rõ số lượng các đơn vị có cơ cấu công chức, viên chức
    -- được phê duyệt".
    { "vtvl_don_vi",        "Số cơ quan, đơn vị phải xây dựng vị trí việc làm",                  "int",   "snap",
      level = "huyen" },
    { "vtvl_da_duyet",      "Số cơ quan, đơn vị có vị trí việc làm được phê duyệt",              "int",   "snap",
      level = "huyen", check = "<= vtvl_don_vi" },
    -- A.II.4.2 "Ghi rõ số công chức, viên chức được tuyển dụng mới …";
    -- "bổ nhiệm (bổ nhiệm mới, bổ nhiệm lại)".
    { "tuyen_dung_cc",      "Số công chức được tuyển dụng",                                      "int",   "sum" },
    { "tuyen_dung_vc",      "Số viên chức được tuyển dụng",                                      "int",   "sum" },
    { "bo_nhiem_moi",       "Số người được bổ nhiệm mới",                                        "int",   "sum" },
    { "bo_nhiem_lai",       "Số người được bổ nhiệm lại",                                        "int",   "sum" },
    -- A.II.4.3 "thi nâng ngạch công chức, thăng hạng viên chức".
    { "thi_nang_ngach",     "Số người thi nâng ngạch, thăng hạng",                               "int",   "sum" },
    -- A.II.4.7 "Số lượng thực hiện trong kỳ báo cáo".
    { "chuyen_doi_vi_tri",  "Số người chuyển đổi vị trí công tác",                               "int",   "sum" },
    -- A.II.4.5.
    { "dao_tao_luot",       "Số lượt cán bộ, công chức, viên chức được đào tạo, bồi dưỡng",      "int",   "sum" },
    -- A.II.4.2 "khen thưởng, kỷ luật"; A.II.4.4.
    { "ky_luat",            "Số cán bộ, công chức, viên chức bị kỷ luật",                        "int",   "sum" },
    -- A.II.4.8 "Nêu rõ số người và kinh phí giải quyết chế độ chính sách …
    -- theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP".
    { "tinh_gian",          "Số người nghỉ theo chính sách tinh giản biên chế",                  "int",   "sum" },
    { "tinh_gian_kinh_phi", "Kinh phí giải quyết chính sách tinh giản",                          "money", "sum" },
    -- A.II.4.9 "số lượng (tỷ lệ %) công chức cấp xã đạt chuẩn theo quy
    -- định; số lượng (tỷ lệ %) số cán bộ, công chức cấp xã được bồi dưỡng".
    { "cc_xa_tong",         "Tổng số cán bộ, công chức cấp xã",                                  "int",   "snap",
      level = "xa" },
    { "cc_xa_dat_chuan",    "Số cán bộ, công chức cấp xã đạt chuẩn",                             "int",   "snap",
      level = "xa", check = "<= cc_xa_tong" },
    { "cc_xa_boi_duong",    "Số cán bộ, công chức cấp xã được bồi dưỡng trong kỳ",               "int",   "sum",
      level = "xa" },
  },
  indicators = {
    { "ty_le_vtvl", "Tỷ lệ cơ quan, đơn vị có vị trí việc làm được phê duyệt",
      num = "vtvl_da_duyet", den = "vtvl_don_vi" },
    { "ty_le_cc_xa_dat_chuan", "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
      num = "cc_xa_dat_chuan", den = "cc_xa_tong" },
  },
}

--@ forms/bm6.lua
-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 6 — Cải cách tài chính công.  "Phòng Tài chính - Kế hoạch: Báo
-- cáo và cung cấp số liệu tại biểu mẫu 6" (seed, "1. Về nội dung báo cáo");
-- communes send it too.  Rebuilt in the catalogue (forms.md, bm6) from
-- outline A.II.5 and part B.3.  Money is in million VND ("triệu đồng"),
-- the type's default unit; amounts keep at most 2 decimals.

form {
  id = "bm6",
  name = "Biểu số 06",
  title = "Cải cách tài chính công",
  section = "A.II.5",
  owner = "Phòng Tài chính - Kế hoạch",
  fields = {
    -- id                    label                                                                 type     aggregation
    -- A.II.5.1 "Tiến độ, kết quả thực hiện thu ngân sách nhà nước theo Kế
    -- hoạch được các cấp thẩm quyền giao": the estimate is the year's, the
    -- revenue what came in over the window.
    { "thu_ns_du_toan",      "Dự toán thu ngân sách được giao",                                    "money", "snap" },
    { "thu_ns_thuc_hien",    "Thu ngân sách thực hiện lũy kế",                                     "money", "sum" },
    -- A.II.5.1 "Kết quả thực hiện Kế hoạch giải ngân vốn đầu tư công".
    -- Disbursing past the plan happens (a plan raised late in the year):
    -- warn only.
    { "dtc_ke_hoach",        "Kế hoạch vốn đầu tư công",                                           "money", "snap" },
    { "dtc_giai_ngan",       "Vốn đầu tư công đã giải ngân lũy kế",                                "money", "sum",
      expect = "<= dtc_ke_hoach" },
    -- A.II.5.1 "Tiến độ, kết quả thực hiện các kiến nghị sau thanh tra,
    -- kiểm tra, kiểm toán nhà nước về tài chính, ngân sách".
    { "kn_thanh_tra",        "Số kiến nghị sau thanh tra, kiểm tra, kiểm toán về tài chính",       "int",   "sum" },
    { "kn_da_thuc_hien",     "Số kiến nghị đã thực hiện",                                          "int",   "sum",
      check = "<= kn_thanh_tra" },
    -- A.II.5.3 and B.3 "theo Nghị định số 60/2021/NĐ-CP … (tự chủ 100% chi
    -- thường xuyên và chi đầu tư; tự chủ 100% chi thường xuyên; tự chủ một
    -- phần chi thường xuyên; do nhà nước đảm bảo 100% chi thường xuyên)":
    -- the four groups of the decree.  Public service units are the
    -- district's, so these are asked of the district level only.
    { "tu_chu_nhom1",        "Số ĐVSNCL tự bảo đảm chi thường xuyên và chi đầu tư",                "int",   "snap",
      level = "huyen" },
    { "tu_chu_nhom2",        "Số ĐVSNCL tự bảo đảm chi thường xuyên",                              "int",   "snap",
      level = "huyen" },
    { "tu_chu_nhom3",        "Số ĐVSNCL tự bảo đảm một phần chi thường xuyên",                     "int",   "snap",
      level = "huyen" },
    { "tu_chu_nhom4",        "Số ĐVSNCL do NSNN bảo đảm chi thường xuyên",                         "int",   "snap",
      level = "huyen" },
    -- B.3 "Thực hiện chế độ tự chủ, tự chịu trách nhiệm về sử dụng biên chế
    -- và kinh phí quản lý hành chính … theo Nghị định 130/2005/NĐ-CP".
    { "khoan_bien_che",      "Số cơ quan thực hiện khoán biên chế, kinh phí quản lý hành chính",   "int",   "snap" },
    -- Counted across units: how many published their budget as required.
    { "cong_khai_ngan_sach", "Đã công khai ngân sách đúng quy định",                               "bool",  "count_true" },
  },
  indicators = {
    { "ty_le_thu_ns", "Tỷ lệ thu ngân sách so với dự toán được giao",
      num = "thu_ns_thuc_hien", den = "thu_ns_du_toan" },
    { "ty_le_giai_ngan", "Tỷ lệ giải ngân vốn đầu tư công",
      num = "dtc_giai_ngan", den = "dtc_ke_hoach" },
    { "ty_le_kien_nghi", "Tỷ lệ kiến nghị sau thanh tra, kiểm tra, kiểm toán đã thực hiện",
      num = "kn_da_thuc_hien", den = "kn_thanh_tra" },
  },
}

--@ forms/bm7.lua
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

--@ forms/pl1a.lua
-- SPDX-License-Identifier: MIT
--
-- Phụ lục 1A — Kết quả thực hiện nhiệm vụ Kế hoạch CCHC năm.  "Các phòng,
-- ban, ngành cung cấp số liệu theo phụ lục 1A, 1B", and they "rà soát Kế
-- hoạch CCHC năm 2023 những nhiệm vụ được UBND huyện giao, đánh giá mức độ
-- thực hiện nhiệm vụ đã hoàn thành, chưa hoàn thành, thời gian nào hoàn
-- thành, báo cáo rõ kết quả thực hiện" (seed, "1. Về nội dung báo cáo").
-- The annex is not in the seed: the catalogue (forms.md, pl1a) makes it a
-- table, one row per task the district's plan gives the unit, so that
-- "thời gian nào hoàn thành" can be checked against the deadline.

form {
  id = "pl1a",
  name = "Phụ lục 1A",
  title = "Kết quả thực hiện nhiệm vụ Kế hoạch CCHC năm",
  section = "A.I",
  owner = "Các phòng, ban, ngành cấp huyện",
  fields = {
    { "nhiem_vu", "Nhiệm vụ được giao trong Kế hoạch CCHC năm của UBND huyện", "table", "count_by",
      count_by = "trang_thai",
      columns = {
        -- id                label                  type
        { "noi_dung",        "Nội dung nhiệm vụ",   "text", required = true },
        -- The fields of the outline (chi_dao: A.I; the_che: A.II.1;
        -- tthc: A.II.2; bo_may: A.II.3; cong_vu: A.II.4; tai_chinh:
        -- A.II.5; cqs: A.II.6; khac: A.II.7 and the rest), each labelled
        -- with its heading in the outline.
        { "linh_vuc",        "Lĩnh vực",            "enum", required = true,
          values = {
            { "chi_dao",   "Công tác chỉ đạo, điều hành" },
            { "the_che",   "Cải cách thể chế" },
            { "tthc",      "Cải cách thủ tục hành chính" },
            { "bo_may",    "Cải cách tổ chức bộ máy hành chính nhà nước" },
            { "cong_vu",   "Cải cách chế độ công vụ" },
            { "tai_chinh", "Cải cách tài chính công" },
            { "cqs",       "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số" },
            { "khac",      "Khác" },
          } },
        { "thoi_han",        "Thời hạn hoàn thành", "date", required = true },
        -- "đã hoàn thành, chưa hoàn thành, thời gian nào hoàn thành".
        { "trang_thai",      "Tình trạng",          "enum", required = true,
          values = {
            { "ht_dung_han", "Hoàn thành đúng hạn" },
            { "ht_qua_han",  "Hoàn thành quá hạn" },
            { "dang_th",     "Đang thực hiện" },
            { "chua_th",     "Chưa thực hiện" },
          } },
        -- A finished task says when it was finished.
        { "ngay_hoan_thanh", "Ngày hoàn thành",     "date",
          required_when = { trang_thai = { "ht_dung_han", "ht_qua_han" } } },
        { "ghi_chu",         "Ghi chú",             "text" },
      },
      -- "On time" and "late" must agree with the dates given.
      row_checks = {
        { "ngay_hoan_thanh <= thoi_han", when = { trang_thai = "ht_dung_han" } },
        { "ngay_hoan_thanh > thoi_han",  when = { trang_thai = "ht_qua_han" } },
      },
    },
  },
  indicators = {
    -- Finished, on time or late, out of all the unit's tasks.
    { "ty_le_hoan_thanh", "Tỷ lệ nhiệm vụ hoàn thành",
      rows = "nhiem_vu", where = { trang_thai = { "ht_dung_han", "ht_qua_han" } } },
  },
}

--@ forms/pl1b.lua
-- SPDX-License-Identifier: MIT
--
-- Phụ lục 1B — Danh mục văn bản chỉ đạo, điều hành CCHC ban hành trong kỳ.
-- Every unit sends it: "Các phòng, ban, ngành cung cấp số liệu theo phụ lục
-- 1A, 1B", "UBND các xã, thị trấn cung cấp số liệu theo phụ lục 1B và biểu
-- mẫu 1 đến biểu mẫu 7" (seed, "1. Về nội dung báo cáo").  The outline
-- asks again and again to "ghi rõ số, ký hiệu, ngày, tháng, năm ban hành
-- văn bản" (A.I.1–4, A.II.1.1, A.II.2.1): the catalogue (forms.md, pl1b)
-- lists those documents here once.  An empty table is a valid answer ("no
-- document issued in the window"), distinct from a missing pl1b.

form {
  id = "pl1b",
  name = "Phụ lục 1B",
  title = "Danh mục văn bản chỉ đạo, điều hành CCHC ban hành trong kỳ",
  section = "A.I",
  owner = "Mọi cơ quan, đơn vị",
  fields = {
    { "van_ban", "Danh mục văn bản chỉ đạo, điều hành CCHC", "table", "count_by",
      count_by = "loai",
      columns = {
        -- id           label                 type
        -- Số, ký hiệu as Nghị định 30/2020/NĐ-CP writes it: the number, a
        -- slash, then the code — "12/KH-UBND", "15/QĐ-UBND", "123/UBND-NV";
        -- a QPPL number carries its year, "05/2023/NQ-HĐND".  After the
        -- slash: letters (bytes \128-\255 are the UTF-8 of Đ, Ư …),
        -- digits, '-' and '/', starting and ending with a letter or digit.
        -- Refused: "abc", "12", "/KH", "12/", "12/KH-".
        { "so_ky_hieu", "Số, ký hiệu",        "text", required = true,
          pattern = "^%d+/[%w\128-\255][%w%-/\128-\255]*[%w\128-\255]$",
          example = "12/KH-UBND" },
        -- A document dated outside the window may be a typo or a late
        -- entry: warn, do not refuse.
        { "ngay",       "Ngày ban hành",      "date", required = true, in_window = "warn" },
        { "loai",       "Loại văn bản",       "enum", required = true,
          -- The kinds of document Nghị định 30/2020/NĐ-CP names.
          values = {
            { "nghi_quyet", "Nghị quyết" },
            { "chi_thi",    "Chỉ thị" },
            { "ke_hoach",   "Kế hoạch" },
            { "quyet_dinh", "Quyết định" },
            { "cong_van",   "Công văn" },
            { "bao_cao",    "Báo cáo" },
            { "khac",       "Khác" },
          } },
        { "trich_yeu",  "Trích yếu nội dung", "text", required = true },
      },
    },
  },
}

--@ outline.lua
-- SPDX-License-Identifier: MIT
--
-- The narrative report: "ĐỀ CƯƠNG BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH
-- quý/6 tháng/năm…" attached to the guidance (seed, after the signature).
-- Ids follow the seed's numbering (A, A.I, A.II.2.1 …).  Titles and guidance
-- are the seed's words; only the PDF's line wraps are undone, bullets kept
-- one per line, and plain typos fixed ("việt xử lý", "viện chức", "kết quả"
-- opening 4.5, "VBQPPl", "triên khai", "CNTTcủa", "tự chủ tự chủ", missing
-- spaces, a stray ")" in A.II.2.1 and A.II.5.3).  Where
-- a heading carries its instruction in brackets ("(nêu rõ …)", "(ghi rõ
-- …)"), the title keeps the heading and the guidance the instruction.
-- Headings with no instruction of their own have no guidance.
--
-- The seed's own irregularities are kept as they are, not invented over:
-- A.II.3 has no 3.3; A.II.4 has two 4.2 (merged below); its 4.10 and 4.11
-- repeat 4.8 and 4.9 word for word (kept once); part B numbers its lists
-- 1, 2, 3, 5 (B.4, Phòng Nội vụ, is ours: see there).

-- A ---------------------------------------------------------------------

section { id = "A", title = "ĐỀ CƯƠNG CHI TIẾT" }

section { id = "A.I", title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
  -- bm1 carries the figures; pl1a the plan's tasks (departments), pl1b the
  -- documents whose "số, ký hiệu, ngày, tháng, năm" A.I.1–4 ask for.
  forms = { "bm1", "pl1a", "pl1b" } }

section { id = "A.I.1",
  title = "Ban hành các văn bản chỉ đạo, điều hành (các phòng, ngành, đơn vị tham mưu về CCHC)",
  guidance = [[
- Việc tham mưu trình Cấp ủy ban hành Nghị quyết, Kết luận, Chỉ thị,… về công tác CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Đánh giá về các hoạt động chỉ đạo, điều hành nổi bật của lãnh đạo cấp ủy, cơ quan, đơn vị, địa phương đối với công tác CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản, chỉ thị; số cuộc họp giao ban, chuyên đề quán triệt thực hiện các nhiệm vụ CCHC,…).
- Quyết định phân công người đứng đầu cơ quan, đơn vị phụ trách và bố trí công chức tham mưu về công tác CCHC (nếu có thay đổi gửi văn bản kèm theo báo cáo về UBND huyện để theo dõi).
- Đánh giá, cập nhật tiến độ thực hiện Kế hoạch CCHC năm (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành Kế hoạch, kết quả thực hiện).
- Việc tổ chức các hội nghị giao ban công tác CCHC (nêu rõ số cuộc).
- Xây dựng, sửa đổi, bổ sung các văn bản phối hợp với các cơ quan liên quan trong việc triển khai nhiệm vụ CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Công tác đánh giá thực hiện CCHC gắn với thi đua, khen thưởng.
- Những sáng kiến trong triển khai công tác CCHC. Đánh giá về những mô hình, sáng kiến, giải pháp mới trong CCHC được thí điểm, nhân rộng và triển khai có hiệu quả tại địa phương (Tổng hợp từng nội dung, nêu rõ tính mới, tính sáng tạo và tính hiệu quả trong triển khai).
- Kết quả thực hiện nhiệm vụ UBND tỉnh giao; số nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ được giao trong kỳ báo cáo.]] }

section { id = "A.I.2", title = "Xây dựng, tổ chức thực hiện kế hoạch",
  guidance = [[
- Xây dựng và ban hành kế hoạch CCHC năm của cơ quan, đơn vị (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành Kế hoạch).
- Ban hành các văn bản hướng dẫn triển khai, đôn đốc, tổ chức thực hiện nhiệm vụ (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản); mức độ thực hiện kế hoạch đến thời điểm báo cáo.
- Kết quả thực hiện nhiệm vụ Kế hoạch: Số nhiệm vụ đã thực hiện trên tổng số nhiệm vụ đề ra tại thời điểm báo cáo.]] }

section { id = "A.I.3", title = "Kiểm tra cải cách hành chính",
  guidance = [[
- Ban hành Kế hoạch kiểm tra CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Kết quả thực hiện, trong đó nêu rõ số đơn vị được kiểm tra, số vấn đề phát hiện qua kiểm tra, việc xử lý các vấn đề phát hiện qua kiểm tra.]] }

section { id = "A.I.4", title = "Công tác tuyên truyền CCHC",
  guidance = [[
- Ban hành Kế hoạch tuyên truyền CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Kết quả thực hiện kế hoạch: nội dung, hình thức và kết quả thực hiện; nêu rõ số lượng các tin, bài viết, phóng sự chuyên đề về CCHC đã thực hiện kế hoạch tuyên truyền.]] }

section { id = "A.II", title = "KẾT QUẢ CỤ THỂ" }

-- A.II.1 -----------------------------------------------------------------

section { id = "A.II.1", title = "Cải cách thể chế", forms = { "bm2" } }

section { id = "A.II.1.1",
  title = "Việc tham mưu trình Cấp ủy ban hành Nghị quyết, Kết luận, Chỉ thị,… về công tác CCHC",
  guidance = [[Ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản.]] }

section { id = "A.II.1.2",
  title = "Kết quả xây dựng, ban hành văn bản quy phạm pháp luật" }

-- "theo dõi, thi hành pháp luật" is the seed's ("theo dõi thi hành pháp
-- luật" is meant); kept.
section { id = "A.II.1.3",
  title = "Kết quả tổ chức thi hành pháp luật và theo dõi, thi hành pháp luật" }

section { id = "A.II.1.4",
  title = "Tình hình thực hiện tuyên truyền, phổ biến giáo dục pháp luật",
  guidance = [[Nêu rõ số lượng các cuộc tuyên truyền đã thực hiện, kết quả đạt được.]] }

section { id = "A.II.1.5",
  title = "Kết quả kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp luật",
  guidance = [[Nêu rõ số lượng văn bản đã được kiểm tra, rà soát; tiến độ, kết quả xử lý văn bản sau kiểm tra, rà soát; kết quả hệ thống hóa văn bản quy phạm pháp luật.]] }

-- A.II.2 -----------------------------------------------------------------

section { id = "A.II.2",
  title = "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
  forms = { "bm3" } }

-- The seed closes a bracket it never opened after "đóng tại địa
-- phương)"; dropped.
section { id = "A.II.2.1", title = "Cải cách thủ tục hành chính",
  guidance = [[
- Việc tham mưu ban hành các văn bản,… về công tác CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Kết quả rà soát, cắt giảm, đơn giản hóa, rút ngắn thời gian giải quyết TTHC (nêu rõ số lượng TTHC được rà soát; số lượng TTHC đã được phê duyệt, thực thi phương án cắt giảm, đơn giản hóa; đánh giá về cắt giảm chi phí tuân thủ và những hiệu quả sau khi cắt giảm, đơn giản hóa). (nêu cụ thể và lập phụ lục kèm theo báo cáo).
- Tổng hợp, cập nhật số lượng TTHC thuộc thẩm quyền giải quyết của phòng, ngành, cấp huyện, UBND cấp xã và số lượng TTHC thuộc các cơ quan ngành dọc đóng tại địa phương. Việc xây dựng, phê duyệt và áp dụng các quy trình điện tử, quy trình nội bộ trong giải quyết TTHC.
- Việc tham mưu công bố/cập nhật TTHC.
- Việc công khai các TTHC theo quy định trên cổng, trang thông tin điện tử của Sở, cơ quan, đơn vị; tại Bộ phận một cửa và các hình thức khác (báo cáo cụ thể số lượng TTHC đã công khai/tổng số TTHC hiện hành).
- Kết quả thực hiện khảo sát, đánh giá mức độ hài lòng của nhân dân, doanh nghiệp về TTHC thuộc thẩm quyền giải quyết.
- Kết quả triển khai các yêu cầu, nhiệm vụ đột xuất về cải cách TTHC.
- Việc kiểm soát các TTHC ban hành mới (nếu có).]] }

section { id = "A.II.2.2", title = "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
  guidance = [[
Tình hình triển khai và kết quả thực hiện cơ chế một cửa, cơ chế một cửa liên thông. Trong đó cần làm rõ:
- Tình hình tổ chức và hoạt động của Trung tâm Phục vụ hành chính công, Bộ phận Một cửa cấp huyện, cấp xã (Đánh giá về cơ sở vật chất, trang thiết bị, phần mềm ứng dụng, nhân sự, cơ chế phối hợp, chế độ hỗ trợ cho công chức, viên chức và người lao động).
+ Việc sửa đổi, bổ sung quy chế hoạt động, kiện toàn, bố trí nhân sự của bộ phận một cửa;
+ Việc đầu tư nâng cấp cơ sở vật chất của bộ phận một cửa; trang thiết bị, phần mềm ứng dụng.
+ Việc thực hiện chế độ hỗ trợ, các chế độ đãi ngộ khác đối với công chức, viên chức làm việc tại bộ phận một cửa.
+ Tình hình thực hiện cơ chế một cửa tại các đơn vị cấp xã trong đó ghi rõ tổng số đơn vị thực hiện, số đơn vị thực hiện tốt, khá, trung bình và yếu; số đơn vị đạt yêu cầu về cơ sở vật chất, trang thiết bị.
+ Số kinh phí thực hiện đầu tư nâng cấp bộ phận một cửa của đơn vị và các đơn vị cấp xã (kinh phí đơn vị bố trí, kinh phí do tỉnh hỗ trợ)
- Các lĩnh vực và số TTHC giải quyết qua Trung tâm phục vụ Hành chính công, bộ phận một cửa (ghi rõ các lĩnh vực, số TTHC thực hiện theo cơ chế một cửa; lĩnh vực, số TTHC thực hiện theo cơ chế liên thông).
- Kết quả thực hiện số hóa hồ sơ, giấy tờ, kết quả tiếp nhận và giải quyết TTHC trong kỳ báo cáo. Trong đó, thống kê rõ tổng số hồ sơ đã tiếp nhận, hồ sơ đã giải quyết đúng thời gian quy định, số hồ sơ chậm, số hồ sơ tồn đọng và nguyên nhân, giải pháp...
- Việc ứng dụng công nghệ thông tin, xây dựng và áp dụng các quy trình điện tử, quy trình nội bộ trong giải quyết TTHC.
- Việc công khai kết quả giải quyết TTHC trên Cổng Thông tin điện tử và tại bộ phận một cửa của đơn vị trong kỳ báo cáo.
- Kết quả thực hiện tiếp nhận, xử lý phản ánh kiến nghị của cá nhân, tổ chức đối với TTHC thuộc thẩm quyền giải quyết.]] }

-- A.II.3 -----------------------------------------------------------------

section { id = "A.II.3", title = "Cải cách tổ chức bộ máy hành chính nhà nước",
  forms = { "bm4" } }

section { id = "A.II.3.1",
  title = "Tình hình thực hiện các quy định về tổ chức bộ máy, biên chế của cơ quan, đơn vị và các đơn vị trực thuộc (kể cả các đơn vị sự nghiệp công lập)",
  guidance = [[
- Đánh giá kết quả rà soát, hoàn thiện các quy định về vị trí, chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức của các cơ quan, tổ chức hành chính và đơn vị sự nghiệp công lập tại địa phương.
- Kết quả rà soát, sắp xếp, tổ chức lại các cơ quan, tổ chức hành chính và đơn vị sự nghiệp công lập tại địa phương. (Số đầu mối tổ chức hành chính và đơn vị sự nghiệp giảm trong kỳ báo cáo).
- Việc rà soát, sửa đổi, bổ sung, tình hình thực hiện hệ thống quy chế nội bộ.
- Đánh giá về tình hình quản lý, sử dụng biên chế công chức, viên chức. (nêu rõ tổng số biên chế hiện có/tổng số biên chế được giao).
- Đánh giá kết quả thực hiện các quy định về phân cấp quản lý nhà nước giữa các cấp chính quyền ở địa phương]] }

section { id = "A.II.3.2",
  title = "Việc rà soát, tham mưu phân cấp, thanh tra, kiểm tra, xử lý sau phân cấp (đối với ngành), tổ chức thực hiện các nhiệm vụ đã được phân cấp (đối với huyện)" }

-- The seed goes from 3.2 to 3.4; there is no 3.3 to report under.
section { id = "A.II.3.4",
  title = "Việc sắp xếp kiện toàn, tổ chức lại các đơn vị hành chính cấp xã, xóm, khối, bản" }

-- A.II.4 -----------------------------------------------------------------

section { id = "A.II.4", title = "Cải cách chế độ công vụ công chức",
  forms = { "bm5" } }

section { id = "A.II.4.1",
  title = "Kết quả xây dựng, ban hành các quy định về vị trí việc làm của công chức, viên chức",
  guidance = [[Nêu rõ việc xây dựng, phê duyệt cơ cấu công chức, viên chức theo vị trí việc làm tại ngành (huyện), các đơn vị trực thuộc (bao gồm cả các đơn vị sự nghiệp công lập). Ghi rõ số lượng các đơn vị có cơ cấu công chức, viên chức được phê duyệt; mức độ thực hiện cơ cấu công chức trên thực tế của các cơ quan, đơn vị này.]] }

-- The seed has two items numbered 4.2: "Kết quả thực hiện tuyển dụng công
-- chức, viên chức (Ghi rõ …)" with a paragraph that breaks off at a page
-- end ("… bổ nhiệm (bổ nhiệm mới, bổ nhiệm lại)"), then "Kết quả thực hiện
-- bổ nhiệm, đề bạt, khen thưởng, kỷ luật …".  One section: the title joins
-- both headings; the first heading's bracket repeats the paragraph word for
-- word and is given once.
section { id = "A.II.4.2",
  title = "Kết quả thực hiện tuyển dụng công chức, viên chức; bổ nhiệm, đề bạt, khen thưởng, kỷ luật đối với cán bộ, công chức, viên chức",
  guidance = [[
Nêu rõ tình hình thực hiện các quy định về tuyển dụng công chức, viên chức (Ghi rõ số công chức, viên chức được tuyển dụng mới, tuyển dụng theo trường hợp đặc biệt); tình hình thực hiện các quy định về sử dụng, bổ nhiệm (bổ nhiệm mới, bổ nhiệm lại).
Kết quả thực hiện bổ nhiệm, đề bạt, khen thưởng, kỷ luật đối với cán bộ, công chức, viên chức thuộc ngành, huyện trong niên độ báo cáo.]] }

section { id = "A.II.4.3",
  title = "Kết quả thực hiện thi nâng ngạch công chức, thăng hạng viên chức và thi tuyển cạnh tranh để bổ nhiệm vào các chức danh lãnh đạo tại các cơ quan, đơn vị" }

section { id = "A.II.4.4",
  title = "Tình hình chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức tại địa phương" }

section { id = "A.II.4.5",
  title = "Kết quả thực hiện công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
  guidance = [[Tình hình xây dựng, phê duyệt và thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức của cơ quan, đơn vị. Nêu rõ kết quả thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức đã được phê duyệt]] }

section { id = "A.II.4.6",
  title = "Tình hình ban hành và kết quả thực hiện các cơ chế, chính sách thu hút nguồn nhân lực chất lượng cao vào làm việc tại các cơ quan nhà nước ở địa phương" }

section { id = "A.II.4.7",
  title = "Kết quả thực hiện các quy định về chuyển đổi đối với từng vị trí công tác đối với cán bộ, công chức, viên chức thuộc ngành, huyện theo quy định",
  guidance = [[
Tình hình thực hiện các quy định về chuyển đổi định kỳ vị trí công tác đối với cán bộ, công chức, viên chức thuộc cơ quan, đơn vị.
Kết quả cụ thể của việc chuyển đổi đối với từng vị trí công tác đã được quy định (Số lượng thực hiện trong kỳ báo cáo; tổng số kể từ khi thực hiện Nghị định đến thời điểm báo cáo).]] }

-- The seed's 4.10 repeats this item word for word.
section { id = "A.II.4.8",
  title = "Kết quả giải quyết cho nghỉ hưởng chế độ, chính sách đối với công chức, viên chức",
  guidance = [[Nêu rõ số người và kinh phí giải quyết chế độ chính sách đối với những trường hợp được nghỉ theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 108/2014/NĐ-CP.]] }

-- The seed's 4.11 repeats this item without "(UBND cấp huyện báo cáo)".
section { id = "A.II.4.9",
  title = "Cán bộ, công chức cấp xã (UBND cấp huyện báo cáo)",
  guidance = [[Báo cáo số lượng, chất lượng đội ngũ cán bộ, công chức cấp xã, trong đó nêu rõ số lượng (tỷ lệ %) công chức cấp xã đạt chuẩn theo quy định; số lượng (tỷ lệ %) số cán bộ, công chức cấp xã được bồi dưỡng chuyên môn, nghiệp vụ và tập huấn trong kỳ báo cáo.]] }

-- A.II.5 -----------------------------------------------------------------

section { id = "A.II.5", title = "Cải cách tài chính công", forms = { "bm6" } }

section { id = "A.II.5.1",
  title = "Kết quả thực hiện các quy định về quản lý tài chính - ngân sách tại địa phương",
  guidance = [[
+ Tiến độ, kết quả thực hiện thu ngân sách nhà nước theo Kế hoạch được các cấp thẩm quyền giao.
+ Kết quả thực hiện Kế hoạch giải ngân vốn đầu tư công.
+ Tiến độ, kết quả thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách.]] }

section { id = "A.II.5.2",
  title = "Kết quả thực hiện quy định về quản lý, sử dụng tài sản công" }

section { id = "A.II.5.3",
  title = "Kết quả thực hiện cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập thực hiện theo Nghị định số 60/2021/NĐ-CP và các văn bản có liên quan" }

section { id = "A.II.5.4",
  title = "Về đẩy mạnh xã hội hoá, các lĩnh vực thuộc phạm vi quản lý của ngành, địa phương" }

-- A.II.6 -----------------------------------------------------------------

section { id = "A.II.6", title = "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
  forms = { "bm7" } }

section { id = "A.II.6.1",
  title = "Kết quả hoàn thiện thể chế phục vụ xây dựng, phát triển Chính quyền điện tử, Chính quyền số ở địa phương",
  guidance = [[Nêu rõ việc xây dựng, ban hành kế hoạch ứng dụng CNTT của cơ quan, đơn vị, ngành, huyện.]] }

section { id = "A.II.6.2",
  title = "Kết quả xây dựng, phát triển hạ tầng kỹ thuật (cơ sở vật chất, trang thiết bị, phần mềm điện tử,…)" }

section { id = "A.II.6.3", title = "Kết quả xây dựng, phát triển các hệ thống nền tảng" }

section { id = "A.II.6.4", title = "Kết quả xây dựng, phát triển dữ liệu" }

section { id = "A.II.6.5", title = "Kết quả xây dựng, phát triển các ứng dụng, dịch vụ nội bộ" }

section { id = "A.II.6.6",
  title = "Kết quả xây dựng, phát triển ứng dụng, dịch vụ phục vụ người dân, doanh nghiệp" }

section { id = "A.II.6.7", title = "Kết quả xây dựng, phát triển đô thị thông minh" }

-- "dịch vụ công trực tuyến mức tại cơ quan" is the seed's: a level
-- ("mức độ 3, 4") went missing; kept as written.
section { id = "A.II.6.8",
  title = "Đánh giá kết quả cung cấp dịch vụ công trực tuyến mức tại cơ quan, đơn vị",
  guidance = [[
Trong đó nêu rõ tổng số dịch vụ công mức độ 3,4 đã cung cấp và kết quả giải quyết hồ sơ trong kỳ báo cáo.
- Tình hình hoạt động của cổng, trang thông tin điện tử của cơ quan, đơn vị. Số đơn vị trực thuộc, đơn vị cấp xã đã có trang hoặc cổng thông tin điện tử.]] }

-- A.II.7 -----------------------------------------------------------------

section { id = "A.II.7", title = "Thực hiện một số nhiệm vụ khác",
  guidance = [[
- Các hoạt động hướng tới doanh nghiệp.
- Công tác giải quyết đơn thư, khiếu nại tố cáo của công dân.
- Chế độ hội họp, thông tin, báo cáo.]] }

-- A.III – A.V -------------------------------------------------------------

-- The seed prints its one paragraph after "2. Tồn tại, hạn chế", but it
-- asks for both "ưu điểm và tồn tại hạn chế": it guides the whole of III.
-- "năm 2023" and "giai đoạn 2016-2023" are the seed's.
section { id = "A.III", title = "ĐÁNH GIÁ CHUNG",
  guidance = [[Đánh giá đầy đủ, khái quát trên các tất cả các nhiệm vụ lớn. Trong đó, đề cập rõ ưu điểm và tồn tại hạn chế trong việc thực hiện các nhiệm vụ trọng tâm của năm 2023; việc thực hiện các mục tiêu trong đề án CCHC giai đoạn 2016-2023 của đơn vị.]] }

section { id = "A.III.1", title = "Ưu điểm" }
section { id = "A.III.2", title = "Tồn tại, hạn chế" }
section { id = "A.III.3", title = "Nguyên nhân" }

section { id = "A.IV",
  title = "PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC TRONG KỲ (NĂM, SÁU THÁNG, QUÍ) TỚI",
  guidance = [[Nêu khái quát phương hướng, nhiệm vụ trọng tâm trong công tác CCHC của phòng, ngành, cơ quan, đơn vị, UBND xã, thị trấn kỳ tới hoặc năm tới.]] }

section { id = "A.V", title = "KIẾN NGHỊ, ĐỀ XUẤT",
  guidance = [[Nêu những kiến nghị, đề xuất đối với các cơ quan cấp trên có thẩm quyền để thực hiện tốt hơn, hiệu quả hơn công tác CCHC trong thời gian tới.]] }

-- B ---------------------------------------------------------------------
-- Owed, besides part A, by the departments that lead tasks of the
-- district's 2021–2025 programme (responsibilities.lua, by role).

section { id = "B",
  title = "ĐỐI VỚI CÁC PHÒNG NGÀNH ĐƯỢC GIAO CHỦ TRÌ MỘT SỐ NHIỆM VỤ TRONG CHƯƠNG TRÌNH CCHC GIAI ĐOẠN 2021-2025",
  guidance = [[Đối với các phòng: Tư pháp, Nội vụ, Văn hóa thông tin, Tài chính kế hoạch, Văn phòng HĐND-UBND ngoài nội dung báo cáo theo Đề cương cần tổng hợp, báo cáo rõ, chi tiết, đầy đủ đối với các nhiệm vụ được giao chủ trì trong Chương trình CCHC nhà nước huyện Tân Kỳ giai đoạn 2021-2025. Cụ thể:]] }

-- "quy trình quy trình điện tử quy trình nội bộ" is the seed's; kept.
section { id = "B.1", title = "Văn phòng UBND huyện",
  guidance = [[
- Kết quả thực hiện nhiệm vụ Chính phủ, Thủ tướng chính phủ, UBND tỉnh giao (nêu rõ số nhiệm vụ được giao; số nhiệm vụ đã hoàn thành, số nhiệm vụ chưa hoàn thành) nguyên nhân, giải pháp thực hiện.
- Việc cắt giảm và nâng cao chất lượng TTHC trên tất cả các lĩnh vực quản lý nhà nước.
- Việc rà soát, đơn giản hóa những TTHC liên quan giữa các cơ quan hành chính nhà nước và trong nội bộ cơ quan hành chính nhà nước.
- Kiểm soát việc ban hành các TTHC mới, công bố quy trình quy trình điện tử quy trình nội bộ trong giải quyết TTHC.
- Công khai TTHC, cung cấp thông tin, cập nhật cơ sở dữ liệu quốc gia về TTHC.
- Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về các quy định hành chính.
- Kết quả hoạt động Trung tâm phục vụ hành chính công.
- Tình hình chung về thực hiện cơ chế một cửa, cơ chế một cửa liên thông tại các đơn vị, địa phương.
- Kết quả triển khai công bố quy trình nội bộ giải quyết TTHC; Đánh giá kết quả, chất lượng giải quyết TTHC của đơn vị, địa phương.
- Kết quả vận hành hệ thống một cửa điện tử; khai thác dịch vụ công trực tuyến.
- Kết quả thực hiện việc xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn trong giải quyết hồ sơ TTHC của các ngành, địa phương.
- Việc thực hiện chế độ báo cáo trên Hệ thống thông tin báo cáo (nêu rõ tỷ lệ % báo cáo định kỳ được gửi, nhận qua Hệ thống thông tin báo cáo quốc gia).
- Việc áp dụng, duy trì, hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001: 2008 vào hoạt động của các cơ quan hành chính nhà nước và chuyển đổi phiên bản tiêu chuẩn ISO 9001:2008 sang phiên bản ISO 9001:2015.
- Kết quả thực hiện duy trì, cải tiến Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015.
- Kết quả sử dụng hệ thống giao ban trực tuyến.
- Kết quả trả hồ sơ qua dịch vụ bưu chính công ích.]] }

section { id = "B.2", title = "Phòng Tư pháp",
  guidance = [[
Tổng hợp kết quả chung toàn huyện thực hiện về các nội dung sau:
- Việc đổi mới và nâng cao chất lượng ban hành văn bản QPPL.
- Kết quả, tiến độ thẩm định dự thảo văn bản QPPL, góp ý dự thảo văn bản QPPL do các phòng, ngành gửi đến trước khi trình ban hành, kết quả ban hành văn bản QPPL ở cấp huyện
- Kết quả ban hành văn bản QPPL của các phòng, ngành, địa phương (số lượng, tiến độ, nội dung hình thức).
- Kết quả kiểm tra, rà soát VBQPPL (nêu rõ số VBQPPL đã kiểm tra, rà soát theo thẩm quyền; số VBQPPL cần xử lý sau kiểm tra, rà soát, tiến độ thực hiện)
- Kết quả triển khai thực hiện các hoạt động về theo dõi thi hành pháp luật: thu thập thông tin, kiểm tra về tình hình THPL. Thực hiện điều tra, khảo sát tình hình THPL.]] }

section { id = "B.3", title = "Phòng Tài chính Kế hoạch",
  guidance = [[
Tổng hợp kết quả và tiến độ thực hiện của các cơ quan, đơn vị trên địa bàn huyện về các nội dung:
- Việc phân bổ ngân sách các dự án liên quan đến công tác CCHC.
- Các hoạt động hướng tới doanh nghiệp. Kết quả thành lập mới doanh nghiệp trong kỳ báo cáo so với cùng kỳ, kết quả mức độ thu hút đầu tư so với cùng kỳ.
- Việc ban hành sửa đổi, bổ sung, triển khai các quy định về quản lý ngân sách, tài sản công.
- Thực hiện chế độ tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí quản lý hành chính đối với các cơ quan nhà nước theo Nghị định 130/2005/NĐ-CP ngày 17/10/2005 và Nghị định số 117/2013/NĐ-CP ngày 07/10/2013 của Chính phủ Sửa đổi, bổ sung một số điều của Nghị định số 130/2005/NĐ-CP tại cơ quan hành chính các cấp ở địa phương.
- Thực hiện chế độ tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí quản lý hành chính đối với cơ quan hành chính nhà nước các cấp ở địa phương.
- Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về thực hiện nhiệm vụ, tổ chức bộ máy, biên chế và tài chính đối với các đơn vị sự nghiệp công lập theo Nghị định số 60/2021/NĐ-CP của Chính phủ. Trong đó nêu rõ số đơn vị tự chủ tăng thêm (tự chủ 100% chi thường xuyên và chi đầu tư; tự chủ 100% chi thường xuyên; tự chủ một phần chi thường xuyên; do nhà nước đảm bảo 100% chi thường xuyên; đã chuyển đổi thành công ty cổ phần) trong niên độ báo cáo.
- Kết quả tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách.
- Kết quả thực hiện quy định về sắp xếp lại, xử lý nhà, đất theo quy định; Kiểm tra việc thực hiện các quy định về quản lý tài sản công.
- Việc đổi mới cơ chế phân bổ ngân sách dựa trên kết quả hoạt động của cơ quan hành chính nhà nước.]] }

-- The seed's part B numbers its lists 1, 2, 3, 5 and has no list for
-- Phòng Nội vụ, though its introduction names Nội vụ among the departments
-- that must "tổng hợp, báo cáo rõ, chi tiết, đầy đủ đối với các nhiệm vụ
-- được giao chủ trì".  B.4 fills the gap with that general guidance, in
-- the introduction's own words; Nội vụ's figures come in bm1, bm4, bm5.
section { id = "B.4", title = "Phòng Nội vụ",
  guidance = [[Ngoài nội dung báo cáo theo Đề cương, tổng hợp, báo cáo rõ, chi tiết, đầy đủ đối với các nhiệm vụ được giao chủ trì trong Chương trình CCHC nhà nước huyện Tân Kỳ giai đoạn 2021-2025.]] }

section { id = "B.5", title = "Phòng Văn hóa Thông tin",
  guidance = [[
Tổng hợp kết quả và tiến độ thực hiện của các cơ quan, đơn vị trên địa bàn huyện về các nội dung:
- Việc xây dựng và kết quả thực hiện Kế hoạch ứng dụng CNTT của huyện.
- Kết quả xây dựng, phát triển đô thị thông minh.
- Kết quả triển khai kiến trúc Chính quyền điện tử.
- Kết quả trả hồ sơ qua dịch vụ Bưu chính công ích (BCCI).
- Kết quả khai thác dịch vụ công trực tuyến mức độ 3,4.
- Kết quả hoạt động Cổng (trang) thông tin điện tử; sử dụng hệ thống thư điện tử công vụ.
- Việc phối hợp thông tin, tuyên truyền về CCHC.
- Kết quả sử dụng hệ thống giao ban trực tuyến.]] }

-- C ---------------------------------------------------------------------
-- Guidance for units on instructing their own sub-units; nobody owes it.

section { id = "C",
  title = "ĐỐI VỚI CÁC CƠ QUAN, PHÒNG, BAN, NGÀNH, ĐƠN VỊ TRỰC THUỘC HUYỆN; CÁC XÃ, THỊ TRẤN",
  guidance = [[Các cơ quan, phòng, ban, ngành đơn vị trực thuộc huyện; UBND các xã, thị trấn thực hiện chế độ báo cáo về thời gian theo hướng dẫn tại công văn nêu trên. Riêng nội dung báo cáo của các đơn vị này, các phòng, ban, ngành, UBND các xã, thị trấn xây dựng văn bản hướng dẫn cho các lĩnh vực, bộ phận chuyên môn thực hiện căn cứ vào Đề cương báo cáo trên đây và tình hình thực tế của các đơn vị trực thuộc, các đơn vị cấp xã nhưng phải đảm bảo đủ thông tin để phòng, ngành, huyện tổng hợp báo cáo UBND huyện, Ban Thường vụ Huyện ủy và UBND tỉnh./.]] }

--@ periods.lua
-- SPDX-License-Identifier: MIT
--
-- 2. Về thời gian báo cáo.  There is no separate Q2 or Q4 report: the
-- 6-month and annual reports take their place.  Q1, H1 and Y are
-- cumulative from 10 December of the previous year; Q3 covers 10/6–10/9.
-- Every unit deadline falls before its window's end, exactly as the
-- guidance writes it (`rules check` warns): units estimate the last days.

-- a) Báo cáo quý I
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y",      -- các phòng, ban, ngành; UBND xã, thị trấn
  compile_due = "04/03/Y",   -- Phòng Nội vụ tổng hợp, trình UBND huyện
  advance = false,
}

-- b) Báo cáo 6 tháng đầu năm
period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "28/05/Y",
  compile_due = "04/06/Y",
  -- "theo yêu cầu của Tỉnh nếu cần phải báo cáo sớm hơn, UBND huyện sẽ
  -- có văn bản riêng"
  advance = true,
}

-- c) Báo cáo quý III
period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "28/08/Y",
  compile_due = "04/09/Y",
  advance = false,
}

-- d) Báo cáo năm
period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "28/11/Y",
  compile_due = "04/12/Y",
  advance = true,
}

-- e) Báo cáo đột xuất: window, deadline and forms come with the request.
period_type {
  code = "DX", label = "Báo cáo đột xuất số {n} năm {year}",
  adhoc = true,
}

--@ responsibilities.lua
-- SPDX-License-Identifier: MIT
--
-- Who owes what, every period (seed, "1. Về nội dung báo cáo"):
--
--   "Các phòng, ban, ngành cấp huyện, UBND các xã, thị trấn … xây dựng báo
--   cáo theo nội dung đề cương và phụ lục kèm theo.
--   Các phòng, ban, ngành cung cấp số liệu theo phụ lục 1A, 1B.
--   UBND các xã, thị trấn cung cấp số liệu theo phụ lục 1B và biểu mẫu 1
--   đến biểu mẫu 7."
--
-- A unit owes the union of every line matching its kind or one of its
-- roles: Phòng Nội vụ, a department, owes report, pl1a, pl1b, bm1, bm4,
-- bm5, with sections A.I–A.V and B.4.

-- Part A of the outline, which every reporting unit writes.  Its report is
-- complete when each of these has text in it or in a sub-section.
local part_a = { "A.I", "A.II", "A.III", "A.IV", "A.V" }

responsibility { kinds = { "department" },
                 parts = { "report", "pl1a", "pl1b" },
                 sections = part_a }

responsibility { kinds = { "commune", "town" },
                 parts = { "report", "pl1b", "bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7" },
                 sections = part_a }

-- "Đối với các đơn vị: Văn phòng HĐND - UBND huyện, Phòng Nội vụ, Phòng Tư
-- pháp, Phòng Tài chính - Kế hoạch, Phòng Văn hóa - Thông tin ngoài các nội
-- dung báo cáo theo đề cương đề nghị cung cấp thông tin, số liệu theo các
-- biểu mẫu …", and part B of the outline asks each of them for a report on
-- the tasks it leads in the district's 2021–2025 CCHC programme.
--
-- Part B numbers its lists 1 (Văn phòng), 2 (Tư pháp), 3 (Tài chính - Kế
-- hoạch), 5 (Văn hóa - Thông tin): there is no 4, and no list for Phòng Nội
-- vụ, though B's introduction names it.  The gap is taken to be Nội vụ's:
-- it owes B.4, whose guidance is that introduction's (outline.lua).

-- "Phòng Nội vụ: Báo cáo và cung cấp số liệu tại biểu mẫu 1; biểu mẫu 4;
-- biểu mẫu 5"
responsibility { role = "noi_vu",  parts = { "bm1", "bm4", "bm5" }, sections = { "B.4" } }
-- "Phòng Tư pháp: … biểu mẫu 2"
responsibility { role = "tu_phap", parts = { "bm2" },               sections = { "B.2" } }
-- "Văn phòng HĐND - UBND huyện: … biểu mẫu 3"
responsibility { role = "vp_ubnd", parts = { "bm3" },               sections = { "B.1" } }
-- "Phòng Tài chính - Kế hoạch: … biểu mẫu 6"
responsibility { role = "tckh",    parts = { "bm6" },               sections = { "B.3" } }
-- "Phòng Văn hóa - Thông tin: … biểu mẫu 7"
responsibility { role = "vhtt",    parts = { "bm7" },               sections = { "B.5" } }

--@ scoring.lua
-- SPDX-License-Identifier: MIT
--
-- Bộ tiêu chí theo dõi, đánh giá, xếp hạng kết quả CCHC hằng năm.
--
-- The guidance says why the reports exist: they are "cơ sở để UBND huyện …
-- theo dõi, đánh giá, xếp hạng công tác cải cách hành chính hàng năm đối
-- với các cơ quan, đơn vị, địa phương" (seed, "1. Về nội dung báo cáo").
-- It gives no criteria of its own: this scheme is the district's, built
-- from what its forms and indicators measure, on the lines of the
-- provincial PAR index (Bộ chỉ số CCHC) — discipline in reporting, the
-- unit's own figures, the assessment council's points for what no figure
-- shows.  THE DISTRICT ADAPTS IT to the criteria and the points the
-- province issues each year: a new year's criteria are a new scheme{}
-- with years = { from = … } (and this one given a years.to), so that
-- past years stay scored as they were.
--
-- Departments and communes are scored apart, on what each owes: a
-- department sends the report, pl1a and pl1b (and the forms of its role,
-- which other departments do not send, so no department is scored on
-- them); a commune or town sends the report, pl1b and bm1 to bm7.
--
-- Figures are read from the year's report (period Y, cumulative from
-- 10 December of the year before).  A unit that did not exist for the
-- whole year is scored on the periods it existed for (docs/rules.md,
-- "Scoring schemes").

-- What a period scores in each state, for a criterion of max points:
-- complete and on time, all of them; late, half; partial or sent back
-- to be done again, a quarter; nothing, nothing.
local function discipline(max)
  return { on_time = max, late = max / 2, partial = max / 4, missing = 0,
           returned = max / 4 }
end

scheme {
  id = "cchc-huyen",
  title = "Bộ tiêu chí đánh giá, xếp hạng kết quả cải cách hành chính "
       .. "các cơ quan, đơn vị, địa phương thuộc UBND huyện",
  max = 100,
  period = "Y",
  groups = {
    { id = "phong", label = "Các phòng, ban, ngành cấp huyện",
      kinds = { "department" } },
    { id = "xa",    label = "UBND các xã, thị trấn",
      kinds = { "commune", "town" } },
  },
  classes = {
    { id = "tot",        label = "Tốt",        min = 80 },
    { id = "kha",        label = "Khá",        min = 65 },
    { id = "trung_binh", label = "Trung bình", min = 50 },
    { id = "yeu",        label = "Yếu",        min = 0 },
  },
}

-- ---- Các phòng, ban, ngành cấp huyện -------------------------------------

part { group = "phong", id = "I", max = 30,
  title = "Công tác chỉ đạo, điều hành CCHC" }

criterion { group = "phong", part = "I", id = "1.1", max = 10,
  title = "Thực hiện chế độ báo cáo CCHC (quý, 6 tháng, năm)",
  kind = "discipline", points = discipline(10) }

-- Phụ lục 1A: the tasks the district's plan gives the department.
criterion { group = "phong", part = "I", id = "1.2", max = 15,
  title = "Tỷ lệ nhiệm vụ Kế hoạch CCHC năm hoàn thành",
  kind = "figure", form = "pl1a", indicator = "ty_le_hoan_thanh",
  bands = { { ">=", 100, 15 }, { ">=", 90, 12 }, { ">=", 80, 9 },
            { ">=", 70, 6 }, { ">=", 50, 3 } } }

criterion { group = "phong", part = "I", id = "1.3", max = 5,
  title = "Ban hành văn bản chỉ đạo, điều hành, kế hoạch CCHC, kiểm tra, "
       .. "tuyên truyền CCHC",
  kind = "assessed" }

-- What a department does for each field of the programme shows in its
-- narrative report, not in a figure every department sends: the
-- council scores it.
part { group = "phong", id = "II", max = 60,
  title = "Kết quả thực hiện các nhiệm vụ CCHC được giao" }

criterion { group = "phong", part = "II", id = "2.1", max = 10,
  title = "Cải cách thể chế", kind = "assessed" }
criterion { group = "phong", part = "II", id = "2.2", max = 15,
  title = "Cải cách thủ tục hành chính", kind = "assessed" }
criterion { group = "phong", part = "II", id = "2.3", max = 10,
  title = "Cải cách tổ chức bộ máy hành chính nhà nước", kind = "assessed" }
criterion { group = "phong", part = "II", id = "2.4", max = 10,
  title = "Cải cách chế độ công vụ", kind = "assessed" }
criterion { group = "phong", part = "II", id = "2.5", max = 5,
  title = "Cải cách tài chính công", kind = "assessed" }
criterion { group = "phong", part = "II", id = "2.6", max = 10,
  title = "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
  kind = "assessed" }

part { group = "phong", id = "III", max = 10,
  title = "Sáng kiến và tác động của CCHC" }

criterion { group = "phong", part = "III", id = "3.1", max = 5,
  title = "Sáng kiến, mô hình, giải pháp mới trong CCHC", kind = "assessed" }
criterion { group = "phong", part = "III", id = "3.2", max = 5,
  title = "Mức độ hài lòng của người dân, tổ chức", kind = "assessed" }

-- ---- UBND các xã, thị trấn ------------------------------------------------

part { group = "xa", id = "I", max = 20,
  title = "Công tác chỉ đạo, điều hành CCHC" }

criterion { group = "xa", part = "I", id = "1.1", max = 4,
  title = "Thực hiện chế độ báo cáo CCHC (quý, 6 tháng, năm)",
  kind = "discipline", points = discipline(4) }

criterion { group = "xa", part = "I", id = "1.2", max = 4,
  title = "Tỷ lệ nhiệm vụ Kế hoạch CCHC năm hoàn thành",
  kind = "figure", form = "bm1", indicator = "ty_le_hoan_thanh_nv",
  bands = { { ">=", 100, 4 }, { ">=", 80, 3 }, { ">=", 60, 2 } } }

-- Nothing found by inspection is nothing left to put right.
criterion { group = "xa", part = "I", id = "1.3", max = 3,
  title = "Tỷ lệ tồn tại, hạn chế qua kiểm tra CCHC đã được xử lý",
  kind = "figure", form = "bm1", indicator = "ty_le_khac_phuc",
  proportional = { from = 0, to = 100 }, if_none = 3 }

criterion { group = "xa", part = "I", id = "1.4", max = 3,
  title = "Công tác tuyên truyền CCHC", kind = "assessed" }

criterion { group = "xa", part = "I", id = "1.5", max = 2,
  title = "Sáng kiến, mô hình, giải pháp mới trong CCHC", kind = "assessed" }

criterion { group = "xa", part = "I", id = "1.6", max = 4,
  title = "Tỷ lệ phiếu khảo sát hài lòng, rất hài lòng",
  kind = "figure", form = "bm1", indicator = "ty_le_hai_long",
  bands = { { ">=", 90, 4 }, { ">=", 80, 3 }, { ">=", 70, 2 } } }

part { group = "xa", id = "II", max = 10, title = "Cải cách thể chế" }

criterion { group = "xa", part = "II", id = "2.1", max = 4,
  title = "Tỷ lệ văn bản trái pháp luật, sai sót đã được xử lý",
  kind = "figure", form = "bm2", indicator = "ty_le_xu_ly_trai_luat",
  bands = { { ">=", 100, 4 }, { ">=", 80, 2 } }, if_none = 4 }

criterion { group = "xa", part = "II", id = "2.2", max = 3,
  title = "Tỷ lệ vụ việc hòa giải ở cơ sở thành",
  kind = "figure", form = "bm2", indicator = "ty_le_hoa_giai_thanh",
  proportional = { from = 50, to = 100 }, if_none = 3 }

criterion { group = "xa", part = "II", id = "2.3", max = 3,
  title = "Tuyên truyền, phổ biến, giáo dục pháp luật", kind = "assessed" }

part { group = "xa", id = "III", max = 25,
  title = "Cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông" }

criterion { group = "xa", part = "III", id = "3.1", max = 8,
  title = "Tỷ lệ hồ sơ giải quyết đúng hạn",
  kind = "figure", form = "bm3", indicator = "ty_le_dung_han",
  bands = { { ">=", 100, 8 }, { ">=", 98, 6 }, { ">=", 95, 4 },
            { ">=", 90, 2 } } }

-- Half the dossiers received online is full marks.
criterion { group = "xa", part = "III", id = "3.2", max = 5,
  title = "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
  kind = "figure", form = "bm3", indicator = "ty_le_truc_tuyen",
  proportional = { from = 0, to = 50 } }

criterion { group = "xa", part = "III", id = "3.3", max = 4,
  title = "Tỷ lệ hồ sơ được số hóa khi tiếp nhận",
  kind = "figure", form = "bm3", indicator = "ty_le_so_hoa",
  proportional = { from = 0, to = 100 } }

-- No late dossier: no apology owed.
criterion { group = "xa", part = "III", id = "3.4", max = 3,
  title = "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi",
  kind = "figure", form = "bm3", indicator = "ty_le_xin_loi",
  bands = { { ">=", 100, 3 }, { ">=", 80, 1.5 } }, if_none = 3 }

criterion { group = "xa", part = "III", id = "3.5", max = 5,
  title = "Công khai, cập nhật thủ tục hành chính đầy đủ, đúng quy định",
  kind = "assessed" }

part { group = "xa", id = "IV", max = 15,
  title = "Cải cách tổ chức bộ máy và chế độ công vụ" }

criterion { group = "xa", part = "IV", id = "4.1", max = 5,
  title = "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
  kind = "figure", form = "bm5", indicator = "ty_le_cc_xa_dat_chuan",
  bands = { { ">=", 100, 5 }, { ">=", 90, 4 }, { ">=", 80, 2 } } }

criterion { group = "xa", part = "IV", id = "4.2", max = 5,
  title = "Chấp hành kỷ luật, kỷ cương hành chính", kind = "assessed" }

criterion { group = "xa", part = "IV", id = "4.3", max = 5,
  title = "Đào tạo, bồi dưỡng cán bộ, công chức", kind = "assessed" }

part { group = "xa", id = "V", max = 10, title = "Cải cách tài chính công" }

criterion { group = "xa", part = "V", id = "5.1", max = 4,
  title = "Tỷ lệ thu ngân sách so với dự toán được giao",
  kind = "figure", form = "bm6", indicator = "ty_le_thu_ns",
  bands = { { ">=", 100, 4 }, { ">=", 90, 2 } } }

criterion { group = "xa", part = "V", id = "5.2", max = 3,
  title = "Tỷ lệ giải ngân vốn đầu tư công",
  kind = "figure", form = "bm6", indicator = "ty_le_giai_ngan",
  proportional = { from = 0, to = 100 } }

criterion { group = "xa", part = "V", id = "5.3", max = 3,
  title = "Tỷ lệ kiến nghị sau thanh tra, kiểm tra, kiểm toán đã thực hiện",
  kind = "figure", form = "bm6", indicator = "ty_le_kien_nghi",
  bands = { { ">=", 100, 3 }, { ">=", 80, 1.5 } }, if_none = 3 }

part { group = "xa", id = "VI", max = 20,
  title = "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số" }

criterion { group = "xa", part = "VI", id = "6.1", max = 4,
  title = "Tỷ lệ văn bản đi dạng điện tử",
  kind = "figure", form = "bm7", indicator = "ty_le_vb_dien_tu",
  bands = { { ">=", 90, 4 }, { ">=", 70, 2 } } }

criterion { group = "xa", part = "VI", id = "6.2", max = 4,
  title = "Tỷ lệ văn bản điện tử có ký số",
  kind = "figure", form = "bm7", indicator = "ty_le_ky_so",
  proportional = { from = 50, to = 100 } }

criterion { group = "xa", part = "VI", id = "6.3", max = 2,
  title = "Tỷ lệ hộp thư điện tử công vụ sử dụng thường xuyên",
  kind = "figure", form = "bm7", indicator = "ty_le_thu_cong_vu",
  proportional = { from = 50, to = 100 } }

criterion { group = "xa", part = "VI", id = "6.4", max = 2,
  title = "Thành lập tổ công nghệ số cộng đồng",
  kind = "figure", form = "bm7", field = "to_cong_nghe_so",
  bands = { { ">=", 5, 2 }, { ">=", 1, 1 } } }

-- A yes-or-no field scores as 1 or 0.
criterion { group = "xa", part = "VI", id = "6.5", max = 3,
  title = "Ban hành kế hoạch ứng dụng CNTT, chuyển đổi số năm",
  kind = "figure", form = "bm7", field = "ke_hoach_cds",
  bands = { { ">=", 1, 3 } } }

criterion { group = "xa", part = "VI", id = "6.6", max = 5,
  title = "Hiệu quả vận hành Cổng/Trang thông tin điện tử, hệ thống "
       .. "giao ban trực tuyến", kind = "assessed" }

--@ wording.lua
-- SPDX-License-Identifier: MIT
--
-- The words of the documents this directive has baocao write: the
-- templates units fill, the district's workbook and its report as a web
-- page.  {name} is filled where the text is used; which names a key takes
-- is listed in docs/rules.md ("Wording").  A key left out is said in
-- baocao's own words.  The national title and motto, Có/Không and how a
-- date is written are the same for every Vietnamese document (Nghị định
-- 30/2020/NĐ-CP) and are not worded here.

wording {
  -- Every sheet of a workbook, the templates' and the district's: the
  -- period and its data window under the title, and who signs at the foot.
  sheet = {
    period        = "Kỳ báo cáo: {period}",
    window        = "(Từ ngày {from} đến ngày {to})",
    drawn_by      = "NGƯỜI LẬP BIỂU",
    drawn_by_note = "(Ký, ghi rõ họ tên)",
    head          = "THỦ TRƯỞNG ĐƠN VỊ",
    head_note     = "(Ký tên, đóng dấu)",
  },
  -- The workbook a unit fills (baocao template): its cover, the
  -- messages of its input cells, the heads of its forms' tables.
  template = {
    title                = "Biểu mẫu báo cáo",
    subtitle             = "(Theo {directive})",
    directive_reference  = "{title} - {reference}",
    directive_issued     = "{directive} ngày {date}",
    directive_issuer     = "{directive} của {issuer}",
    cover_sheet          = "Trang bìa",
    report_sheet         = "Báo cáo",
    unit_key             = "Đơn vị báo cáo:",
    coded                = "{name} (mã {code})",
    period_key           = "Kỳ báo cáo:",
    window_key           = "Thời gian lấy số liệu:",
    window               = "Từ ngày {from} đến ngày {to}",
    due_key              = "Hạn gửi báo cáo:",
    due                  = "Ngày {date}",
    due_advanced         = "Ngày {date} (theo {doc})",
    recipient_key        = "Nơi nhận:",
    send_key             = "Cách gửi:",
    send                 = "Gửi lại chính tệp Excel này.",
    send_via             = "Gửi lại chính tệp Excel này qua: {channels}.",
    parts_head           = "I. CÁC PHẦN PHẢI BÁO CÁO",
    parts_sheet          = "Trang tính",
    parts_content        = "Nội dung",
    part_form            = "{name}: {title}",
    part_report          = "Báo cáo theo đề cương",
    part_report_required = "Báo cáo theo đề cương; các mục bắt buộc: {sections}",
    signer_head          = "II. NGƯỜI KÝ BÁO CÁO (THỦ TRƯỞNG ĐƠN VỊ)",
    signer_name_key      = "Họ và tên:",
    signer_title_key     = "Chức vụ:",
    signed_date_key      = "Ngày ký:",
    estimated_key        = "Số liệu ước tính:",
    signer_name          = "Họ và tên người ký báo cáo",
    signer_title         = "Chức vụ của người ký báo cáo",
    signed_date          = "Ngày ký báo cáo",
    estimated            = "Chọn {yes} nếu số liệu những ngày cuối kỳ là ước tính",
    howto_head           = "III. HƯỚNG DẪN ĐIỀN",
    howto = {
      "1. Chỉ nhập vào các ô nền vàng; các ô khác đã được khóa. Không thêm, xóa, đổi tên trang tính, không chèn hay xóa dòng, cột: chương trình đọc số liệu theo đúng vị trí từng ô.",
      "2. Ô số liệu để trống là chưa báo cáo, khác với số 0: số liệu bằng 0 thì nhập 0. Số nhập bằng chữ số, không kèm chữ.",
      "3. Ngày nhập theo dạng ngày/tháng/năm (dd/mm/yyyy). Ô có danh sách thì chọn một giá trị trong danh sách.",
      "4. Bảng: mỗi dòng một mục; dòng để trống không được tính; không có mục nào thì để trống cả bảng. Cột có dấu (*) phải điền ở mọi dòng có nội dung.",
      "5. Cột \"Kiểm tra\" của các biểu ghi các điều kiện số liệu phải thỏa mãn, trong đó [n] là số liệu ở dòng có STT n của biểu; báo cáo không thỏa mãn sẽ bị trả lại.",
      "6. Báo cáo theo đề cương: ghi nội dung vào ô của từng mục; mục có dấu (*) phải có nội dung ở chính mục đó hoặc ở một mục con.",
    },
    hint_int             = "Số nguyên, không âm.",
    hint_money           = "Số không âm, tối đa 2 chữ số thập phân.",
    hint_pct             = "Số từ 0 đến 100.",
    hint_date            = "Ngày, dạng ngày/tháng/năm (dd/mm/yyyy).",
    hint_bool            = "Chọn {yes} hoặc {no}.",
    hint_enum            = "Chọn một giá trị trong danh sách.",
    hint_unit            = "Đơn vị tính: {unit}.",
    hint_example         = "Ví dụ: {example}.",
    hint_required        = "Bắt buộc.",
    invalid              = "Giá trị không hợp lệ",
    form_code            = "{name}",
    content              = "Nội dung",
    value                = "Số liệu",
    check                = "Kiểm tra",
    warning              = "{check} (cảnh báo)",
    cross_checks         = "Điều kiện giữa các dòng:",
    required_note        = "(*) Phải điền ở mọi dòng có nội dung.",
    report_title         = "Nội dung báo cáo",
    report_howto         = "Ghi nội dung vào cột (3), mỗi mục một ô; mục không có nội dung thì để trống. Mục có dấu (*) phải có nội dung ở chính mục đó hoặc ở một mục con.",
    section              = "Mục",
    heading              = "Tiêu đề",
    text                 = "Nội dung báo cáo",
    guidance             = "Hướng dẫn",
  },
  -- The district's workbook (baocao export --format xlsx).
  export = {
    unit                 = "Đơn vị",
    not_reported         = "Chưa báo cáo",
    indicators           = "Chỉ số (%)",
    estimated_note       = "(*) Đơn vị có số liệu ước tính.",
    none                 = "Không có",
    change               = "Tăng (+), giảm (-) so với cùng kỳ (điểm %)",
    this_period          = "Kỳ báo cáo",
    last_year            = "Cùng kỳ năm trước",
    indicators_sheet     = "Tổng hợp chỉ số",
    indicators_title     = "Tổng hợp các chỉ số",
    indicators_note      = "Chỉ số của một cấp tính trên các đơn vị đã báo cáo đủ số liệu của chỉ số.",
    on_time              = "Đúng hạn",
    late                 = "Trễ hạn",
    partial              = "Chưa đủ",
    missing              = "Chưa gửi",
    count_expected       = "Số đơn vị phải báo cáo",
    count_complete       = "Số đơn vị đã gửi đủ",
    count_on_time        = "- trong đó gửi đúng hạn",
    count_late           = "- trong đó gửi trễ hạn",
    count_partial        = "Số đơn vị gửi chưa đủ",
    count_missing        = "Số đơn vị chưa gửi",
    count_reporting_rate = "Tỷ lệ đơn vị gửi đủ (%)",
    count_on_time_rate   = "Tỷ lệ đơn vị gửi đúng hạn (%)",
    status_content       = "Nội dung",
    status_count         = "Số lượng",
    report_part          = "báo cáo",
    status_sheet         = "Tình hình báo cáo",
    status_title         = "Tình hình gửi báo cáo của các đơn vị",
    status_due           = "Hạn gửi báo cáo: {due}. Số liệu tính đến ngày {as_of}.",
    status_owed          = "Số phần phải gửi",
    status_sent          = "Số phần đã gửi",
    status_at            = "Thời điểm gửi",
    status_state         = "Tình trạng",
    status_missing       = "Phần còn thiếu",
    chart_sheet          = "Biểu đồ",
    chart_title          = "Biểu đồ các chỉ số theo đơn vị",
    rates_sheet          = "Chỉ số theo đơn vị",
    rates_title          = "Chỉ số chủ yếu - {level}",
    rates_note           = "Tỷ lệ của đơn vị để trống khi đơn vị chưa báo cáo đủ số liệu để tính.",
  },
  -- The report as a web page (baocao export --format html).
  html = {
    doc_title           = "Báo cáo CCHC",
    title               = "Báo cáo tổng hợp kết quả công tác cải cách hành chính",
    window              = "Số liệu từ ngày {from} đến ngày {to}",
    due                 = "Hạn đơn vị gửi báo cáo: {date}",
    on_time             = "Đúng hạn",
    late                = "Trễ hạn",
    partial             = "Gửi chưa đủ",
    missing             = "Chưa gửi",
    report_part         = "báo cáo bằng văn bản",
    sent_at             = "Gửi lúc {time}",
    status_head         = "I. Tình hình gửi báo cáo",
    as_of               = "Tính đến ngày {date}.",
    card_expected       = "Đơn vị phải báo cáo",
    card_on_time        = "Gửi đủ, đúng hạn",
    card_late           = "Gửi đủ, trễ hạn",
    card_partial        = "Gửi chưa đủ",
    card_missing        = "Chưa gửi",
    card_reporting_rate = "Tỷ lệ gửi đủ báo cáo",
    card_on_time_rate   = "Tỷ lệ đúng hạn",
    states              = "Tỷ lệ đơn vị theo tình trạng",
    late_head           = "Đơn vị chưa gửi đủ hoặc gửi trễ hạn",
    unit                = "Đơn vị",
    state               = "Tình trạng",
    note                = "Ghi chú",
    lacking             = "Thiếu {parts}",
    all_on_time         = "Tất cả các đơn vị đã gửi đủ báo cáo đúng hạn.",
    key_head            = "II. Các chỉ số chính",
    form                = "Biểu",
    indicator           = "Chỉ số",
    this_period_pct     = "Kỳ này (%)",
    last_year_pct       = "Cùng kỳ năm trước (%)",
    change_pp           = "Tăng, giảm (điểm %)",
    this_period         = "Kỳ này",
    last_year           = "Cùng kỳ năm trước",
    no_figures          = "không có số liệu",
    by_level            = "(%, theo cấp)",
    by_unit             = "(%; {level}, từng đơn vị)",
    at_or_above         = "Bằng hoặc cao hơn mức chung",
    below               = "Thấp hơn mức chung",
    reference           = "Mức chung {level}: {value}%",
    no_data             = "Không có số liệu: {units}",
    indicator_note      = "Chỉ số (%); tăng, giảm tính bằng điểm phần trăm",
    field               = "Chỉ tiêu",
    change_pct          = "Tăng, giảm so với cùng kỳ (%)",
    uom_units           = "đơn vị",
    uom_rows            = "dòng",
    form_heading        = "{name}. {title}",
    owner               = "Cơ quan tổng hợp: {owner}.",
    units_reported      = "Số đơn vị đã báo cáo: {counts}.",
    form_empty          = "Chưa có số liệu của biểu này, kỳ này cũng như cùng kỳ năm trước.",
    form_missing        = "Đơn vị chưa gửi biểu này: {units}.",
    forms_head          = "III. Kết quả theo biểu mẫu",
    estimated           = "Đơn vị báo cáo số liệu ước tính: {units}.",
    footer              = "Tổng hợp tự động từ báo cáo của các đơn vị theo bộ quy tắc {ruleset}, lập lúc {time}. Số liệu cùng kỳ là của cùng kỳ năm trước; “–” là không có số liệu.",
  },
}
