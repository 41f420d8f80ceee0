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
--
-- summary: the sentences of the district's report that give a section's
-- figures, as Phòng Nội vụ writes them, filled from the period's
-- aggregate (docs/rules.md, "Summaries").  Each figure is said once, in
-- the section whose guidance asks for it (the forms' comments name it);
-- a section that names forms opens with how many units its figures come
-- from.  Money is in the directive's unit, "triệu đồng"; the words of a
-- change from last year are wording.lua's (summary = …).
--
-- unit_summary: the same figures as a commune or a department writes
-- them in its own report to the district (baocao report --unit), from
-- its own submission: no unit counts, no split by level.  A sentence of
-- figures the unit does not give (a department's communes' officials) is
-- left out of its report as a sentence of dashes is.

-- A ---------------------------------------------------------------------

section { id = "A", title = "ĐỀ CƯƠNG CHI TIẾT" }

section { id = "A.I", title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
  -- bm1 carries the figures; pl1a the plan's tasks (departments), pl1b the
  -- documents whose "số, ký hiệu, ngày, tháng, năm" A.I.1–4 ask for.
  forms = { "bm1", "pl1a", "pl1b" },
  summary = {
    "Số liệu về công tác chỉ đạo, điều hành được tổng hợp từ báo cáo của {bm1:units} cơ quan, đơn vị ({bm1@huyen:units} phòng, ban, ngành cấp huyện và {bm1@xa:units} xã, thị trấn).",
    "Các cơ quan, đơn vị đã gửi kèm danh mục {pl1b.van_ban} văn bản chỉ đạo, điều hành về CCHC ban hành trong kỳ, trong đó {pl1b.van_ban[ke_hoach]} kế hoạch, {pl1b.van_ban[quyet_dinh]} quyết định, {pl1b.van_ban[chi_thi]} chỉ thị và {pl1b.van_ban[cong_van]} công văn (chi tiết tại Phụ lục 1B).",
  },
  unit_summary = {
    "Kèm theo báo cáo là danh mục {pl1b.van_ban} văn bản chỉ đạo, điều hành về CCHC đơn vị ban hành trong kỳ, trong đó {pl1b.van_ban[ke_hoach]} kế hoạch, {pl1b.van_ban[quyet_dinh]} quyết định, {pl1b.van_ban[chi_thi]} chỉ thị và {pl1b.van_ban[cong_van]} công văn (chi tiết tại Phụ lục 1B).",
  } }

section { id = "A.I.1",
  title = "Ban hành các văn bản chỉ đạo, điều hành (các phòng, ngành, đơn vị tham mưu về CCHC)",
  summary = {
    "Trong kỳ, UBND huyện, các phòng, ban, ngành và UBND các xã, thị trấn đã ban hành {bm1.vb_chi_dao} văn bản chỉ đạo, điều hành về CCHC, {bm1.vb_chi_dao:change}; trong đó cấp huyện {bm1.vb_chi_dao@huyen} văn bản, cấp xã {bm1.vb_chi_dao@xa} văn bản.",
    "Tổ chức {bm1.hop_giao_ban} cuộc họp, hội nghị giao ban về công tác CCHC, {bm1.hop_giao_ban:change}.",
    "Có {bm1.sang_kien} sáng kiến, mô hình, giải pháp mới về CCHC được triển khai, {bm1.sang_kien:change}.",
    "Kinh phí bố trí cho công tác CCHC là {bm1.kinh_phi_cchc} triệu đồng, {bm1.kinh_phi_cchc:change}.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị đã ban hành {bm1.vb_chi_dao} văn bản chỉ đạo, điều hành về CCHC, {bm1.vb_chi_dao:change}.",
    "Tổ chức {bm1.hop_giao_ban} cuộc họp, hội nghị giao ban về công tác CCHC, {bm1.hop_giao_ban:change}.",
    "Có {bm1.sang_kien} sáng kiến, mô hình, giải pháp mới về CCHC được triển khai, {bm1.sang_kien:change}.",
    "Kinh phí bố trí cho công tác CCHC của đơn vị là {bm1.kinh_phi_cchc} triệu đồng, {bm1.kinh_phi_cchc:change}.",
  },
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
  summary = {
    "Kế hoạch CCHC năm của các cơ quan, đơn vị đề ra {bm1.nv_ke_hoach} nhiệm vụ; đến thời điểm báo cáo đã hoàn thành {bm1.nv_hoan_thanh} nhiệm vụ, đạt {bm1.ty_le_hoan_thanh_nv}, {bm1.ty_le_hoan_thanh_nv:change}.",
    "Các phòng, ban, ngành được giao chủ trì {pl1a.nhiem_vu} nhiệm vụ trong Kế hoạch CCHC năm của UBND huyện: hoàn thành đúng hạn {pl1a.nhiem_vu[ht_dung_han]}, hoàn thành quá hạn {pl1a.nhiem_vu[ht_qua_han]}, đang thực hiện {pl1a.nhiem_vu[dang_th]}, chưa thực hiện {pl1a.nhiem_vu[chua_th]} nhiệm vụ; tỷ lệ hoàn thành đạt {pl1a.ty_le_hoan_thanh} (chi tiết tại Phụ lục 1A).",
  },
  unit_summary = {
    "Kế hoạch CCHC năm của đơn vị đề ra {bm1.nv_ke_hoach} nhiệm vụ; đến thời điểm báo cáo đã hoàn thành {bm1.nv_hoan_thanh} nhiệm vụ, đạt {bm1.ty_le_hoan_thanh_nv}, {bm1.ty_le_hoan_thanh_nv:change}.",
    "Đơn vị được giao chủ trì {pl1a.nhiem_vu} nhiệm vụ trong Kế hoạch CCHC năm của UBND huyện: hoàn thành đúng hạn {pl1a.nhiem_vu[ht_dung_han]}, hoàn thành quá hạn {pl1a.nhiem_vu[ht_qua_han]}, đang thực hiện {pl1a.nhiem_vu[dang_th]}, chưa thực hiện {pl1a.nhiem_vu[chua_th]} nhiệm vụ; tỷ lệ hoàn thành đạt {pl1a.ty_le_hoan_thanh} (chi tiết tại Phụ lục 1A).",
  },
  guidance = [[
- Xây dựng và ban hành kế hoạch CCHC năm của cơ quan, đơn vị (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành Kế hoạch).
- Ban hành các văn bản hướng dẫn triển khai, đôn đốc, tổ chức thực hiện nhiệm vụ (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản); mức độ thực hiện kế hoạch đến thời điểm báo cáo.
- Kết quả thực hiện nhiệm vụ Kế hoạch: Số nhiệm vụ đã thực hiện trên tổng số nhiệm vụ đề ra tại thời điểm báo cáo.]] }

section { id = "A.I.3", title = "Kiểm tra cải cách hành chính",
  summary = {
    "Trong kỳ, đã kiểm tra công tác CCHC tại {bm1.kt_don_vi} cơ quan, đơn vị, {bm1.kt_don_vi:change}.",
    "Qua kiểm tra phát hiện {bm1.kt_ton_tai} tồn tại, hạn chế; đến thời điểm báo cáo đã xử lý {bm1.kt_da_xu_ly}, đạt {bm1.ty_le_khac_phuc}.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị đã kiểm tra công tác CCHC tại {bm1.kt_don_vi} cơ quan, đơn vị, {bm1.kt_don_vi:change}.",
    "Qua kiểm tra phát hiện {bm1.kt_ton_tai} tồn tại, hạn chế; đến thời điểm báo cáo đã xử lý {bm1.kt_da_xu_ly}, đạt {bm1.ty_le_khac_phuc}.",
  },
  guidance = [[
- Ban hành Kế hoạch kiểm tra CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Kết quả thực hiện, trong đó nêu rõ số đơn vị được kiểm tra, số vấn đề phát hiện qua kiểm tra, việc xử lý các vấn đề phát hiện qua kiểm tra.]] }

section { id = "A.I.4", title = "Công tác tuyên truyền CCHC",
  summary = {
    "Đăng tải {bm1.tt_tin_bai} tin, bài, phóng sự về CCHC, {bm1.tt_tin_bai:change}; tổ chức {bm1.tt_hoi_nghi} hội nghị, lớp tập huấn, hội thi tuyên truyền về CCHC, {bm1.tt_hoi_nghi:change}.",
  },
  unit_summary = {
    "Đơn vị đã đăng tải {bm1.tt_tin_bai} tin, bài, phóng sự về CCHC, {bm1.tt_tin_bai:change}; tổ chức {bm1.tt_hoi_nghi} hội nghị, lớp tập huấn, hội thi tuyên truyền về CCHC, {bm1.tt_hoi_nghi:change}.",
  },
  guidance = [[
- Ban hành Kế hoạch tuyên truyền CCHC (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản).
- Kết quả thực hiện kế hoạch: nội dung, hình thức và kết quả thực hiện; nêu rõ số lượng các tin, bài viết, phóng sự chuyên đề về CCHC đã thực hiện kế hoạch tuyên truyền.]] }

section { id = "A.II", title = "KẾT QUẢ CỤ THỂ" }

-- A.II.1 -----------------------------------------------------------------

section { id = "A.II.1", title = "Cải cách thể chế", forms = { "bm2" },
  summary = {
    "Số liệu về cải cách thể chế được tổng hợp từ báo cáo của {bm2:units} cơ quan, đơn vị ({bm2@huyen:units} phòng, ban, ngành cấp huyện và {bm2@xa:units} xã, thị trấn).",
  } }

section { id = "A.II.1.1",
  title = "Việc tham mưu trình Cấp ủy ban hành Nghị quyết, Kết luận, Chỉ thị,… về công tác CCHC",
  guidance = [[Ghi rõ số, ký hiệu, ngày, tháng, năm ban hành văn bản.]] }

section { id = "A.II.1.2",
  title = "Kết quả xây dựng, ban hành văn bản quy phạm pháp luật",
  summary = {
    "Trong kỳ, HĐND, UBND huyện và các xã, thị trấn đã ban hành {bm2.vb_qppl_hdnd} văn bản quy phạm pháp luật của HĐND, {bm2.vb_qppl_hdnd:change}, và {bm2.vb_qppl_ubnd} văn bản quy phạm pháp luật của UBND, {bm2.vb_qppl_ubnd:change}.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị đã tham mưu ban hành {bm2.vb_qppl_hdnd} văn bản quy phạm pháp luật của HĐND, {bm2.vb_qppl_hdnd:change}, và {bm2.vb_qppl_ubnd} văn bản quy phạm pháp luật của UBND, {bm2.vb_qppl_ubnd:change}.",
  } }

-- "theo dõi, thi hành pháp luật" is the seed's ("theo dõi thi hành pháp
-- luật" is meant); kept.
section { id = "A.II.1.3",
  title = "Kết quả tổ chức thi hành pháp luật và theo dõi, thi hành pháp luật",
  summary = {
    "Tổ chức {bm2.thpl_kiem_tra} cuộc kiểm tra tình hình thi hành pháp luật, {bm2.thpl_kiem_tra:change}.",
  },
  unit_summary = {
    "Đơn vị đã tổ chức {bm2.thpl_kiem_tra} cuộc kiểm tra tình hình thi hành pháp luật, {bm2.thpl_kiem_tra:change}.",
  } }

section { id = "A.II.1.4",
  title = "Tình hình thực hiện tuyên truyền, phổ biến giáo dục pháp luật",
  summary = {
    "Tổ chức {bm2.pbgdpl_cuoc} cuộc tuyên truyền, phổ biến, giáo dục pháp luật với {bm2.pbgdpl_luot} lượt người tham dự; số cuộc {bm2.pbgdpl_cuoc:change}.",
    "Các tổ hòa giải ở cơ sở tiếp nhận {bm2.hoa_giai_tiep_nhan} vụ việc, hòa giải thành {bm2.hoa_giai_thanh} vụ việc, đạt {bm2.ty_le_hoa_giai_thanh}.",
    "Toàn huyện có {bm2.xa_dat_chuan_tcpl} xã đạt chuẩn tiếp cận pháp luật.",
  },
  unit_summary = {
    "Đơn vị đã tổ chức {bm2.pbgdpl_cuoc} cuộc tuyên truyền, phổ biến, giáo dục pháp luật với {bm2.pbgdpl_luot} lượt người tham dự; số cuộc {bm2.pbgdpl_cuoc:change}.",
    "Các tổ hòa giải ở cơ sở tiếp nhận {bm2.hoa_giai_tiep_nhan} vụ việc, hòa giải thành {bm2.hoa_giai_thanh} vụ việc, đạt {bm2.ty_le_hoa_giai_thanh}.",
  },
  guidance = [[Nêu rõ số lượng các cuộc tuyên truyền đã thực hiện, kết quả đạt được.]] }

section { id = "A.II.1.5",
  title = "Kết quả kiểm tra, rà soát và hệ thống hóa văn bản quy phạm pháp luật",
  summary = {
    "Kiểm tra {bm2.vb_kiem_tra} văn bản quy phạm pháp luật, phát hiện {bm2.vb_trai_luat} văn bản trái pháp luật, sai sót; đã xử lý {bm2.vb_da_xu_ly} văn bản, đạt {bm2.ty_le_xu_ly_trai_luat}.",
    "Rà soát {bm2.vb_ra_soat} văn bản quy phạm pháp luật, trong đó {bm2.vb_can_xu_ly} văn bản cần sửa đổi, bổ sung, thay thế hoặc bãi bỏ.",
  },
  unit_summary = {
    "Đơn vị đã kiểm tra {bm2.vb_kiem_tra} văn bản quy phạm pháp luật, phát hiện {bm2.vb_trai_luat} văn bản trái pháp luật, sai sót; đã xử lý {bm2.vb_da_xu_ly} văn bản, đạt {bm2.ty_le_xu_ly_trai_luat}.",
    "Rà soát {bm2.vb_ra_soat} văn bản quy phạm pháp luật, trong đó {bm2.vb_can_xu_ly} văn bản cần sửa đổi, bổ sung, thay thế hoặc bãi bỏ.",
  },
  guidance = [[Nêu rõ số lượng văn bản đã được kiểm tra, rà soát; tiến độ, kết quả xử lý văn bản sau kiểm tra, rà soát; kết quả hệ thống hóa văn bản quy phạm pháp luật.]] }

-- A.II.2 -----------------------------------------------------------------

section { id = "A.II.2",
  title = "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
  forms = { "bm3" },
  summary = {
    "Số liệu về cải cách thủ tục hành chính được tổng hợp từ báo cáo của {bm3:units} cơ quan, đơn vị ({bm3@huyen:units} phòng, ban, ngành cấp huyện và {bm3@xa:units} xã, thị trấn).",
    "Tổng số TTHC thuộc thẩm quyền giải quyết của các cơ quan, đơn vị là {bm3.tthc_tong} (cấp huyện {bm3.tthc_tong@huyen}, cấp xã {bm3.tthc_tong@xa}), trong đó {bm3.tthc_mot_cua} TTHC được tiếp nhận, trả kết quả tại Bộ phận Một cửa.",
  },
  unit_summary = {
    "Tổng số TTHC thuộc thẩm quyền giải quyết của đơn vị là {bm3.tthc_tong}, trong đó {bm3.tthc_mot_cua} TTHC được tiếp nhận, trả kết quả tại Bộ phận Một cửa.",
  } }

-- The seed closes a bracket it never opened after "đóng tại địa
-- phương)"; dropped.
section { id = "A.II.2.1", title = "Cải cách thủ tục hành chính",
  summary = {
    "Số TTHC đã công khai đầy đủ, đúng quy định là {bm3.tthc_cong_khai}/{bm3.tthc_tong} TTHC hiện hành.",
    "Khảo sát sự hài lòng của người dân, tổ chức: phát ra {bm1.ks_phieu_phat} phiếu, thu về {bm1.ks_phieu_thu} phiếu, trong đó {bm1.ks_hai_long} phiếu hài lòng, rất hài lòng, đạt {bm1.ty_le_hai_long}, {bm1.ty_le_hai_long:change}.",
  },
  unit_summary = {
    "Đơn vị đã công khai đầy đủ, đúng quy định {bm3.tthc_cong_khai}/{bm3.tthc_tong} TTHC hiện hành.",
    "Khảo sát sự hài lòng của người dân, tổ chức: phát ra {bm1.ks_phieu_phat} phiếu, thu về {bm1.ks_phieu_thu} phiếu, trong đó {bm1.ks_hai_long} phiếu hài lòng, rất hài lòng, đạt {bm1.ty_le_hai_long}, {bm1.ty_le_hai_long:change}.",
  },
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
  summary = {
    "Trong kỳ, các cơ quan, đơn vị đã tiếp nhận {bm3.hs_tiep_nhan} hồ sơ TTHC, {bm3.hs_tiep_nhan:change}; trong đó {bm3.hs_ky_truoc} hồ sơ từ kỳ trước chuyển qua, {bm3.hs_truc_tuyen} hồ sơ tiếp nhận trực tuyến và {bm3.hs_truc_tiep} hồ sơ tiếp nhận trực tiếp, qua dịch vụ bưu chính công ích; tỷ lệ hồ sơ tiếp nhận trực tuyến đạt {bm3.ty_le_truc_tuyen}, {bm3.ty_le_truc_tuyen:change}.",
    "Đã giải quyết {bm3.hs_da_giai_quyet} hồ sơ, trong đó trước hạn {bm3.hs_truoc_han}, đúng hạn {bm3.hs_dung_han}, quá hạn {bm3.hs_qua_han} hồ sơ; tỷ lệ hồ sơ giải quyết đúng hạn đạt {bm3.ty_le_dung_han}, {bm3.ty_le_dung_han:change}.",
    "Đang giải quyết {bm3.hs_dang_giai_quyet} hồ sơ, trong đó {bm3.hs_dang_trong_han} hồ sơ còn trong hạn và {bm3.hs_dang_qua_han} hồ sơ đã quá hạn.",
    "Các cơ quan, đơn vị đã có văn bản xin lỗi đối với {bm3.hs_xin_loi} hồ sơ quá hạn, đạt {bm3.ty_le_xin_loi}; số hóa {bm3.hs_so_hoa} hồ sơ khi tiếp nhận, đạt {bm3.ty_le_so_hoa}; trả {bm3.hs_bcci} kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.",
    "Tiếp nhận {bm3.pakn_tiep_nhan} phản ánh, kiến nghị của cá nhân, tổ chức về TTHC, đã xử lý {bm3.pakn_da_xu_ly}.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị đã tiếp nhận {bm3.hs_tiep_nhan} hồ sơ TTHC, {bm3.hs_tiep_nhan:change}; trong đó {bm3.hs_ky_truoc} hồ sơ từ kỳ trước chuyển qua, {bm3.hs_truc_tuyen} hồ sơ tiếp nhận trực tuyến và {bm3.hs_truc_tiep} hồ sơ tiếp nhận trực tiếp, qua dịch vụ bưu chính công ích; tỷ lệ hồ sơ tiếp nhận trực tuyến đạt {bm3.ty_le_truc_tuyen}, {bm3.ty_le_truc_tuyen:change}.",
    "Đã giải quyết {bm3.hs_da_giai_quyet} hồ sơ, trong đó trước hạn {bm3.hs_truoc_han}, đúng hạn {bm3.hs_dung_han}, quá hạn {bm3.hs_qua_han} hồ sơ; tỷ lệ hồ sơ giải quyết đúng hạn đạt {bm3.ty_le_dung_han}, {bm3.ty_le_dung_han:change}.",
    "Đang giải quyết {bm3.hs_dang_giai_quyet} hồ sơ, trong đó {bm3.hs_dang_trong_han} hồ sơ còn trong hạn và {bm3.hs_dang_qua_han} hồ sơ đã quá hạn.",
    "Đơn vị đã có văn bản xin lỗi đối với {bm3.hs_xin_loi} hồ sơ quá hạn, đạt {bm3.ty_le_xin_loi}; số hóa {bm3.hs_so_hoa} hồ sơ khi tiếp nhận, đạt {bm3.ty_le_so_hoa}; trả {bm3.hs_bcci} kết quả giải quyết TTHC qua dịch vụ bưu chính công ích.",
    "Tiếp nhận {bm3.pakn_tiep_nhan} phản ánh, kiến nghị của cá nhân, tổ chức về TTHC, đã xử lý {bm3.pakn_da_xu_ly}.",
  },
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
  forms = { "bm4" },
  summary = {
    "Số liệu về cải cách tổ chức bộ máy được tổng hợp từ báo cáo của {bm4:units} cơ quan, đơn vị ({bm4@huyen:units} phòng, ban, ngành cấp huyện và {bm4@xa:units} xã, thị trấn).",
    "UBND huyện có {bm4.co_quan_chuyen_mon} cơ quan chuyên môn và {bm4.dvsn_cong_lap} đơn vị sự nghiệp công lập; trong kỳ giảm {bm4.dau_moi_giam} đầu mối tổ chức.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị giảm {bm4.dau_moi_giam} đầu mối tổ chức.",
  } }

section { id = "A.II.3.1",
  title = "Tình hình thực hiện các quy định về tổ chức bộ máy, biên chế của cơ quan, đơn vị và các đơn vị trực thuộc (kể cả các đơn vị sự nghiệp công lập)",
  summary = {
    "Tổng số biên chế hiện có là {bm4.bien_che_co_mat}/{bm4.bien_che_giao} biên chế được giao, đạt {bm4.ty_le_bien_che}; ngoài ra có {bm4.hd_lao_dong} hợp đồng lao động.",
    "Trong kỳ, các cơ quan, đơn vị ban hành, sửa đổi {bm4.quy_che_ban_hanh} quy chế, quy định về chức năng, nhiệm vụ, {bm4.quy_che_ban_hanh:change}.",
  },
  unit_summary = {
    "Biên chế hiện có của đơn vị là {bm4.bien_che_co_mat}/{bm4.bien_che_giao} biên chế được giao, đạt {bm4.ty_le_bien_che}; ngoài ra có {bm4.hd_lao_dong} hợp đồng lao động.",
    "Trong kỳ, đơn vị ban hành, sửa đổi {bm4.quy_che_ban_hanh} quy chế, quy định về chức năng, nhiệm vụ, {bm4.quy_che_ban_hanh:change}.",
  },
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
  title = "Việc sắp xếp kiện toàn, tổ chức lại các đơn vị hành chính cấp xã, xóm, khối, bản",
  summary = {
    "Toàn huyện có {bm4.thon_khoi} thôn, khối, bản; trong kỳ đã sắp xếp {bm4.thon_khoi_sap_xep} thôn, khối, bản.",
  },
  unit_summary = {
    "Địa phương có {bm4.thon_khoi} thôn, khối, bản; trong kỳ đã sắp xếp {bm4.thon_khoi_sap_xep} thôn, khối, bản.",
  } }

-- A.II.4 -----------------------------------------------------------------

section { id = "A.II.4", title = "Cải cách chế độ công vụ công chức",
  forms = { "bm5" },
  summary = {
    "Số liệu về cải cách chế độ công vụ được tổng hợp từ báo cáo của {bm5:units} cơ quan, đơn vị ({bm5@huyen:units} phòng, ban, ngành cấp huyện và {bm5@xa:units} xã, thị trấn).",
  } }

section { id = "A.II.4.1",
  title = "Kết quả xây dựng, ban hành các quy định về vị trí việc làm của công chức, viên chức",
  summary = {
    "Có {bm5.vtvl_da_duyet}/{bm5.vtvl_don_vi} cơ quan, đơn vị có vị trí việc làm được phê duyệt, đạt {bm5.ty_le_vtvl}.",
  },
  unit_summary = {
    "Số cơ quan, đơn vị có vị trí việc làm được phê duyệt là {bm5.vtvl_da_duyet}/{bm5.vtvl_don_vi}, đạt {bm5.ty_le_vtvl}.",
  },
  guidance = [[Nêu rõ việc xây dựng, phê duyệt cơ cấu công chức, viên chức theo vị trí việc làm tại ngành (huyện), các đơn vị trực thuộc (bao gồm cả các đơn vị sự nghiệp công lập). Ghi rõ số lượng các đơn vị có cơ cấu công chức, viên chức được phê duyệt; mức độ thực hiện cơ cấu công chức trên thực tế của các cơ quan, đơn vị này.]] }

-- The seed has two items numbered 4.2: "Kết quả thực hiện tuyển dụng công
-- chức, viên chức (Ghi rõ …)" with a paragraph that breaks off at a page
-- end ("… bổ nhiệm (bổ nhiệm mới, bổ nhiệm lại)"), then "Kết quả thực hiện
-- bổ nhiệm, đề bạt, khen thưởng, kỷ luật …".  One section: the title joins
-- both headings; the first heading's bracket repeats the paragraph word for
-- word and is given once.
section { id = "A.II.4.2",
  title = "Kết quả thực hiện tuyển dụng công chức, viên chức; bổ nhiệm, đề bạt, khen thưởng, kỷ luật đối với cán bộ, công chức, viên chức",
  summary = {
    "Trong kỳ, tuyển dụng {bm5.tuyen_dung_cc} công chức và {bm5.tuyen_dung_vc} viên chức; bổ nhiệm mới {bm5.bo_nhiem_moi} người, bổ nhiệm lại {bm5.bo_nhiem_lai} người.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị tuyển dụng {bm5.tuyen_dung_cc} công chức và {bm5.tuyen_dung_vc} viên chức; bổ nhiệm mới {bm5.bo_nhiem_moi} người, bổ nhiệm lại {bm5.bo_nhiem_lai} người.",
  },
  guidance = [[
Nêu rõ tình hình thực hiện các quy định về tuyển dụng công chức, viên chức (Ghi rõ số công chức, viên chức được tuyển dụng mới, tuyển dụng theo trường hợp đặc biệt); tình hình thực hiện các quy định về sử dụng, bổ nhiệm (bổ nhiệm mới, bổ nhiệm lại).
Kết quả thực hiện bổ nhiệm, đề bạt, khen thưởng, kỷ luật đối với cán bộ, công chức, viên chức thuộc ngành, huyện trong niên độ báo cáo.]] }

section { id = "A.II.4.3",
  title = "Kết quả thực hiện thi nâng ngạch công chức, thăng hạng viên chức và thi tuyển cạnh tranh để bổ nhiệm vào các chức danh lãnh đạo tại các cơ quan, đơn vị",
  summary = {
    "Có {bm5.thi_nang_ngach} người dự thi nâng ngạch công chức, thăng hạng viên chức, {bm5.thi_nang_ngach:change}.",
  },
  unit_summary = {
    "Đơn vị có {bm5.thi_nang_ngach} người dự thi nâng ngạch công chức, thăng hạng viên chức, {bm5.thi_nang_ngach:change}.",
  } }

section { id = "A.II.4.4",
  title = "Tình hình chấp hành kỷ luật, kỷ cương hành chính của cán bộ, công chức, viên chức tại địa phương",
  summary = {
    "Trong kỳ, {bm5.ky_luat} cán bộ, công chức, viên chức bị xử lý kỷ luật, {bm5.ky_luat:change}.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị có {bm5.ky_luat} cán bộ, công chức, viên chức bị xử lý kỷ luật, {bm5.ky_luat:change}.",
  } }

section { id = "A.II.4.5",
  title = "Kết quả thực hiện công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
  summary = {
    "Cử {bm5.dao_tao_luot} lượt cán bộ, công chức, viên chức tham gia đào tạo, bồi dưỡng, {bm5.dao_tao_luot:change}.",
  },
  unit_summary = {
    "Đơn vị đã cử {bm5.dao_tao_luot} lượt cán bộ, công chức, viên chức tham gia đào tạo, bồi dưỡng, {bm5.dao_tao_luot:change}.",
  },
  guidance = [[Tình hình xây dựng, phê duyệt và thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức của cơ quan, đơn vị. Nêu rõ kết quả thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức đã được phê duyệt]] }

section { id = "A.II.4.6",
  title = "Tình hình ban hành và kết quả thực hiện các cơ chế, chính sách thu hút nguồn nhân lực chất lượng cao vào làm việc tại các cơ quan nhà nước ở địa phương" }

section { id = "A.II.4.7",
  title = "Kết quả thực hiện các quy định về chuyển đổi đối với từng vị trí công tác đối với cán bộ, công chức, viên chức thuộc ngành, huyện theo quy định",
  summary = {
    "Thực hiện chuyển đổi vị trí công tác đối với {bm5.chuyen_doi_vi_tri} người, {bm5.chuyen_doi_vi_tri:change}.",
  },
  unit_summary = {
    "Đơn vị đã thực hiện chuyển đổi vị trí công tác đối với {bm5.chuyen_doi_vi_tri} người, {bm5.chuyen_doi_vi_tri:change}.",
  },
  guidance = [[
Tình hình thực hiện các quy định về chuyển đổi định kỳ vị trí công tác đối với cán bộ, công chức, viên chức thuộc cơ quan, đơn vị.
Kết quả cụ thể của việc chuyển đổi đối với từng vị trí công tác đã được quy định (Số lượng thực hiện trong kỳ báo cáo; tổng số kể từ khi thực hiện Nghị định đến thời điểm báo cáo).]] }

-- The seed's 4.10 repeats this item word for word.
section { id = "A.II.4.8",
  title = "Kết quả giải quyết cho nghỉ hưởng chế độ, chính sách đối với công chức, viên chức",
  summary = {
    "Giải quyết chính sách tinh giản biên chế cho {bm5.tinh_gian} người với kinh phí {bm5.tinh_gian_kinh_phi} triệu đồng.",
  },
  unit_summary = {
    "Đơn vị đã giải quyết chính sách tinh giản biên chế cho {bm5.tinh_gian} người với kinh phí {bm5.tinh_gian_kinh_phi} triệu đồng.",
  },
  guidance = [[Nêu rõ số người và kinh phí giải quyết chế độ chính sách đối với những trường hợp được nghỉ theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 108/2014/NĐ-CP.]] }

-- The seed's 4.11 repeats this item without "(UBND cấp huyện báo cáo)".
section { id = "A.II.4.9",
  title = "Cán bộ, công chức cấp xã (UBND cấp huyện báo cáo)",
  summary = {
    "Cấp xã có {bm4.cbcc_xa_co_mat}/{bm4.cbcc_xa_quy_dinh} cán bộ, công chức theo quy định và {bm4.khong_chuyen_trach} người hoạt động không chuyên trách.",
    "Số cán bộ, công chức cấp xã đạt chuẩn là {bm5.cc_xa_dat_chuan}/{bm5.cc_xa_tong} người, đạt {bm5.ty_le_cc_xa_dat_chuan}; trong kỳ có {bm5.cc_xa_boi_duong} lượt cán bộ, công chức cấp xã được bồi dưỡng chuyên môn, nghiệp vụ.",
  },
  unit_summary = {
    "Đơn vị có {bm4.cbcc_xa_co_mat}/{bm4.cbcc_xa_quy_dinh} cán bộ, công chức theo quy định và {bm4.khong_chuyen_trach} người hoạt động không chuyên trách.",
    "Số cán bộ, công chức đạt chuẩn là {bm5.cc_xa_dat_chuan}/{bm5.cc_xa_tong} người, đạt {bm5.ty_le_cc_xa_dat_chuan}; trong kỳ có {bm5.cc_xa_boi_duong} lượt cán bộ, công chức được bồi dưỡng chuyên môn, nghiệp vụ.",
  },
  guidance = [[Báo cáo số lượng, chất lượng đội ngũ cán bộ, công chức cấp xã, trong đó nêu rõ số lượng (tỷ lệ %) công chức cấp xã đạt chuẩn theo quy định; số lượng (tỷ lệ %) số cán bộ, công chức cấp xã được bồi dưỡng chuyên môn, nghiệp vụ và tập huấn trong kỳ báo cáo.]] }

-- A.II.5 -----------------------------------------------------------------

section { id = "A.II.5", title = "Cải cách tài chính công", forms = { "bm6" },
  summary = {
    "Số liệu về cải cách tài chính công được tổng hợp từ báo cáo của {bm6:units} cơ quan, đơn vị ({bm6@huyen:units} phòng, ban, ngành cấp huyện và {bm6@xa:units} xã, thị trấn).",
  } }

section { id = "A.II.5.1",
  title = "Kết quả thực hiện các quy định về quản lý tài chính - ngân sách tại địa phương",
  summary = {
    "Thu ngân sách nhà nước lũy kế đạt {bm6.thu_ns_thuc_hien} triệu đồng, bằng {bm6.ty_le_thu_ns} dự toán được giao ({bm6.thu_ns_du_toan} triệu đồng), {bm6.thu_ns_thuc_hien:change}.",
    "Giải ngân vốn đầu tư công lũy kế {bm6.dtc_giai_ngan} triệu đồng, đạt {bm6.ty_le_giai_ngan} kế hoạch vốn ({bm6.dtc_ke_hoach} triệu đồng), {bm6.ty_le_giai_ngan:change}.",
    "Đã thực hiện {bm6.kn_da_thuc_hien}/{bm6.kn_thanh_tra} kiến nghị sau thanh tra, kiểm tra, kiểm toán về tài chính, ngân sách, đạt {bm6.ty_le_kien_nghi}.",
    "Có {bm6.cong_khai_ngan_sach} cơ quan, đơn vị đã công khai ngân sách đúng quy định.",
  },
  unit_summary = {
    "Thu ngân sách nhà nước lũy kế đạt {bm6.thu_ns_thuc_hien} triệu đồng, bằng {bm6.ty_le_thu_ns} dự toán được giao ({bm6.thu_ns_du_toan} triệu đồng), {bm6.thu_ns_thuc_hien:change}.",
    "Giải ngân vốn đầu tư công lũy kế {bm6.dtc_giai_ngan} triệu đồng, đạt {bm6.ty_le_giai_ngan} kế hoạch vốn ({bm6.dtc_ke_hoach} triệu đồng), {bm6.ty_le_giai_ngan:change}.",
    "Đơn vị đã thực hiện {bm6.kn_da_thuc_hien}/{bm6.kn_thanh_tra} kiến nghị sau thanh tra, kiểm tra, kiểm toán về tài chính, ngân sách, đạt {bm6.ty_le_kien_nghi}.",
    "Số cơ quan, đơn vị đã công khai ngân sách đúng quy định: {bm6.cong_khai_ngan_sach}.",
  },
  guidance = [[
+ Tiến độ, kết quả thực hiện thu ngân sách nhà nước theo Kế hoạch được các cấp thẩm quyền giao.
+ Kết quả thực hiện Kế hoạch giải ngân vốn đầu tư công.
+ Tiến độ, kết quả thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách.]] }

section { id = "A.II.5.2",
  title = "Kết quả thực hiện quy định về quản lý, sử dụng tài sản công" }

section { id = "A.II.5.3",
  title = "Kết quả thực hiện cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập thực hiện theo Nghị định số 60/2021/NĐ-CP và các văn bản có liên quan",
  summary = {
    "Trong số các đơn vị sự nghiệp công lập: {bm6.tu_chu_nhom1} đơn vị tự bảo đảm chi thường xuyên và chi đầu tư, {bm6.tu_chu_nhom2} đơn vị tự bảo đảm chi thường xuyên, {bm6.tu_chu_nhom3} đơn vị tự bảo đảm một phần chi thường xuyên và {bm6.tu_chu_nhom4} đơn vị do ngân sách nhà nước bảo đảm chi thường xuyên.",
    "Có {bm6.khoan_bien_che} cơ quan thực hiện khoán biên chế, kinh phí quản lý hành chính.",
  },
  unit_summary = {
    "Trong số các đơn vị sự nghiệp công lập trực thuộc: {bm6.tu_chu_nhom1} đơn vị tự bảo đảm chi thường xuyên và chi đầu tư, {bm6.tu_chu_nhom2} đơn vị tự bảo đảm chi thường xuyên, {bm6.tu_chu_nhom3} đơn vị tự bảo đảm một phần chi thường xuyên và {bm6.tu_chu_nhom4} đơn vị do ngân sách nhà nước bảo đảm chi thường xuyên.",
    "Số cơ quan thực hiện khoán biên chế, kinh phí quản lý hành chính: {bm6.khoan_bien_che}.",
  } }

section { id = "A.II.5.4",
  title = "Về đẩy mạnh xã hội hoá, các lĩnh vực thuộc phạm vi quản lý của ngành, địa phương" }

-- A.II.6 -----------------------------------------------------------------

section { id = "A.II.6", title = "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
  forms = { "bm7" },
  summary = {
    "Số liệu về xây dựng, phát triển chính quyền điện tử, chính quyền số được tổng hợp từ báo cáo của {bm7:units} cơ quan, đơn vị ({bm7@huyen:units} phòng, ban, ngành cấp huyện và {bm7@xa:units} xã, thị trấn).",
  } }

section { id = "A.II.6.1",
  title = "Kết quả hoàn thiện thể chế phục vụ xây dựng, phát triển Chính quyền điện tử, Chính quyền số ở địa phương",
  summary = {
    "Có {bm7.ke_hoach_cds} cơ quan, đơn vị đã ban hành kế hoạch ứng dụng CNTT, chuyển đổi số năm.",
  },
  unit_summary = {
    "Số kế hoạch ứng dụng CNTT, chuyển đổi số năm đơn vị đã ban hành: {bm7.ke_hoach_cds}.",
  },
  guidance = [[Nêu rõ việc xây dựng, ban hành kế hoạch ứng dụng CNTT của cơ quan, đơn vị, ngành, huyện.]] }

section { id = "A.II.6.2",
  title = "Kết quả xây dựng, phát triển hạ tầng kỹ thuật (cơ sở vật chất, trang thiết bị, phần mềm điện tử,…)",
  summary = {
    "Các cơ quan, đơn vị có {bm7.may_tinh} máy tính phục vụ công việc cho {bm7.cbcc} cán bộ, công chức; đã cấp {bm7.chu_ky_so} chứng thư chữ ký số.",
  },
  unit_summary = {
    "Đơn vị có {bm7.may_tinh} máy tính phục vụ công việc cho {bm7.cbcc} cán bộ, công chức; đã được cấp {bm7.chu_ky_so} chứng thư chữ ký số.",
  } }

section { id = "A.II.6.3", title = "Kết quả xây dựng, phát triển các hệ thống nền tảng" }

section { id = "A.II.6.4", title = "Kết quả xây dựng, phát triển dữ liệu" }

section { id = "A.II.6.5", title = "Kết quả xây dựng, phát triển các ứng dụng, dịch vụ nội bộ",
  summary = {
    "Trong kỳ, các cơ quan, đơn vị phát hành {bm7.vb_di_tong} văn bản đi, trong đó {bm7.vb_di_dien_tu} văn bản điện tử, đạt {bm7.ty_le_vb_dien_tu}, {bm7.ty_le_vb_dien_tu:change}; {bm7.vb_di_ky_so} văn bản điện tử có ký số, đạt {bm7.ty_le_ky_so}.",
    "Tổ chức {bm7.hop_truc_tuyen} cuộc họp trực tuyến, {bm7.hop_truc_tuyen:change}.",
    "Đã cấp {bm7.thu_cong_vu_cap} hộp thư điện tử công vụ, trong đó {bm7.thu_cong_vu_dung} hộp thư được sử dụng thường xuyên, đạt {bm7.ty_le_thu_cong_vu}.",
  },
  unit_summary = {
    "Trong kỳ, đơn vị phát hành {bm7.vb_di_tong} văn bản đi, trong đó {bm7.vb_di_dien_tu} văn bản điện tử, đạt {bm7.ty_le_vb_dien_tu}, {bm7.ty_le_vb_dien_tu:change}; {bm7.vb_di_ky_so} văn bản điện tử có ký số, đạt {bm7.ty_le_ky_so}.",
    "Tổ chức {bm7.hop_truc_tuyen} cuộc họp trực tuyến, {bm7.hop_truc_tuyen:change}.",
    "Đã được cấp {bm7.thu_cong_vu_cap} hộp thư điện tử công vụ, trong đó {bm7.thu_cong_vu_dung} hộp thư được sử dụng thường xuyên, đạt {bm7.ty_le_thu_cong_vu}.",
  } }

section { id = "A.II.6.6",
  title = "Kết quả xây dựng, phát triển ứng dụng, dịch vụ phục vụ người dân, doanh nghiệp",
  summary = {
    "Các xã, thị trấn đã thành lập {bm7.to_cong_nghe_so} tổ công nghệ số cộng đồng.",
  },
  unit_summary = {
    "Đơn vị đã thành lập {bm7.to_cong_nghe_so} tổ công nghệ số cộng đồng.",
  } }

section { id = "A.II.6.7", title = "Kết quả xây dựng, phát triển đô thị thông minh" }

-- "dịch vụ công trực tuyến mức tại cơ quan" is the seed's: a level
-- ("mức độ 3, 4") went missing; kept as written.
section { id = "A.II.6.8",
  title = "Đánh giá kết quả cung cấp dịch vụ công trực tuyến mức tại cơ quan, đơn vị",
  summary = {
    "Các cơ quan, đơn vị đang cung cấp {bm3.dvc_toan_trinh} dịch vụ công trực tuyến toàn trình và {bm3.dvc_mot_phan} dịch vụ công trực tuyến một phần.",
    "Trong kỳ, đăng {bm7.tin_bai_cong_ttdt} tin, bài trên cổng, trang thông tin điện tử, {bm7.tin_bai_cong_ttdt:change}.",
  },
  unit_summary = {
    "Đơn vị đang cung cấp {bm3.dvc_toan_trinh} dịch vụ công trực tuyến toàn trình và {bm3.dvc_mot_phan} dịch vụ công trực tuyến một phần.",
    "Trong kỳ, đơn vị đăng {bm7.tin_bai_cong_ttdt} tin, bài trên cổng, trang thông tin điện tử, {bm7.tin_bai_cong_ttdt:change}.",
  },
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
