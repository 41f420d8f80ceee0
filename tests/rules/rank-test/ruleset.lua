-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: what tests/e2e/rank.py scores and ranks.  Two
-- groups scored apart (departments, communes and towns), every kind of
-- criterion, classes.  Q1, H1 and Y reports; the figures read from Y,
-- or the widest period a unit has sent.  Never installed or shipped.

directive {
  id = "rank-test",
  title = "Bộ tiêu chí xếp hạng thử nghiệm",
  reference = "02/TEST",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

channel { id = "email", label = "Thư điện tử" }

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y", compile_due = "04/03/Y",
}
period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "28/05/Y", compile_due = "04/06/Y",
}
period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "28/11/Y", compile_due = "04/12/Y",
}

form {
  id = "hs", name = "Biểu số 01", title = "Hồ sơ thủ tục hành chính",
  fields = {
    { "hs_tiep_nhan", "Tổng số hồ sơ tiếp nhận",      "int", "sum" },
    { "hs_dung_han",  "Số hồ sơ giải quyết đúng hạn", "int", "sum",
      check = "<= hs_tiep_nhan" },
    { "ty_le_so_hoa", "Tỷ lệ hồ sơ số hóa",           "pct", "snap" },
    { "tu_cham",      "Điểm tự chấm",                 "money", "snap" },
  },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ đúng hạn",
      num = "hs_dung_han", den = "hs_tiep_nhan" },
  },
}

responsibility { kinds = { "department", "commune", "town" }, parts = { "hs" } }

scheme {
  id = "rank-2023",
  title = "Bộ tiêu chí đánh giá, xếp hạng năm 2023",
  max = 10,
  years = { from = 2023, to = 2023 },
  period = "Y",
  groups = {
    { id = "phong", label = "Các phòng", kinds = { "department" } },
    { id = "xa",    label = "Các xã, thị trấn", kinds = { "commune", "town" } },
  },
  classes = {
    { id = "tot",  label = "Tốt",        min = 9 },
    { id = "kha",  label = "Khá",        min = 7 },
    { id = "tb",   label = "Trung bình", min = 5 },
  },
}

part { group = "phong", id = "I", title = "Chấp hành", max = 4 }
part { group = "phong", id = "II", title = "Kết quả",  max = 6 }
criterion { group = "phong", part = "I", id = "1.1", title = "Chế độ báo cáo",
  max = 2, kind = "discipline",
  points = { on_time = 2, late = 1, partial = 0.5, missing = 0, returned = 0.5 } }
criterion { group = "phong", part = "I", id = "1.2", title = "Đánh giá của Hội đồng",
  max = 2, kind = "assessed" }
criterion { group = "phong", part = "II", id = "2.1", title = "Hồ sơ đúng hạn",
  max = 2, kind = "figure", form = "hs", indicator = "ty_le_dung_han",
  bands = { { ">=", 100, 2 }, { ">=", 95, 1.5 }, { ">", 80, 1 } } }
criterion { group = "phong", part = "II", id = "2.2", title = "Hồ sơ số hóa",
  max = 2, kind = "figure", form = "hs", field = "ty_le_so_hoa",
  proportional = { from = 50, to = 100 } }
criterion { group = "phong", part = "II", id = "2.3", title = "Tự chấm",
  max = 2, kind = "self", form = "hs", field = "tu_cham" }

part { group = "xa", id = "I", title = "Toàn bộ", max = 10 }
criterion { group = "xa", part = "I", id = "1.1", title = "Chế độ báo cáo",
  max = 4, kind = "discipline",
  points = { on_time = 4, late = 2, partial = 1, missing = 0, returned = 1 } }
criterion { group = "xa", part = "I", id = "1.2", title = "Hồ sơ đúng hạn",
  max = 4, kind = "figure", form = "hs", indicator = "ty_le_dung_han",
  bands = { { ">=", 95, 4 }, { ">=", 80, 2 } } }
criterion { group = "xa", part = "I", id = "1.3", title = "Đánh giá của Hội đồng",
  max = 2, kind = "assessed" }
