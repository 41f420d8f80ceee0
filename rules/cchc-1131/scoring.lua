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
