-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: a scoring scheme small enough that the evaluator's
-- tests (core/aggregate/test_score.c) can say what every point comes
-- from.  Two groups scored apart, every kind of criterion, bands and a
-- proportion.  Never installed or shipped.

directive {
  id = "fz",
  title = "Bộ tiêu chí thử nghiệm",
  reference = "01/TEST",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

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
period_type { code = "DX", label = "Đột xuất số {n} năm {year}", adhoc = true }

form {
  id = "hs", name = "Biểu số 01", title = "Hồ sơ thủ tục hành chính",
  fields = {
    { "hs_tiep_nhan", "Tổng số hồ sơ tiếp nhận",      "int", "sum" },
    { "hs_dung_han",  "Số hồ sơ giải quyết đúng hạn", "int", "sum",
      check = "<= hs_tiep_nhan" },
    { "ty_le_so_hoa", "Tỷ lệ hồ sơ số hóa",           "pct", "snap" },
    { "cong_khai",    "Đã công khai TTHC",            "bool", "count_true" },
    { "tu_cham",      "Điểm tự chấm",                 "money", "snap" },
    -- Asked of communes only.
    { "to_cnso",      "Số tổ công nghệ số",           "int", "snap", level = "xa" },
  },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
      num = "hs_dung_han", den = "hs_tiep_nhan" },
  },
}

responsibility { kinds = { "department", "commune", "town" }, parts = { "hs" } }

scheme {
  id = "test-2023",
  title = "Bộ tiêu chí năm 2023",
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

-- Departments: 4 + 6.
part { group = "phong", id = "1", title = "Chấp hành", max = 4 }
part { group = "phong", id = "2", title = "Kết quả",   max = 6 }

criterion { group = "phong", part = "1", id = "1.1", title = "Chế độ báo cáo",
  max = 2, kind = "discipline",
  points = { on_time = 2, late = 1, partial = 0.5, missing = 0, returned = 0.5 } }
criterion { group = "phong", part = "1", id = "1.2", title = "Đánh giá của Hội đồng",
  max = 2, kind = "assessed" }
criterion { group = "phong", part = "2", id = "2.1", title = "Hồ sơ đúng hạn",
  max = 2, kind = "figure", form = "hs", indicator = "ty_le_dung_han",
  bands = { { ">=", 100, 2 }, { ">=", 95, 1.5 }, { ">", 80, 1 } } }
criterion { group = "phong", part = "2", id = "2.2", title = "Hồ sơ số hóa",
  max = 2, kind = "figure", form = "hs", field = "ty_le_so_hoa",
  proportional = { from = 50, to = 100 } }
criterion { group = "phong", part = "2", id = "2.3", title = "Tự chấm",
  max = 2, kind = "self", form = "hs", field = "tu_cham" }

-- Communes and towns: one part, the Q1 and Y reports only.
part { group = "xa", id = "1", title = "Toàn bộ", max = 10 }
criterion { group = "xa", part = "1", id = "1.1", title = "Chế độ báo cáo",
  max = 4, kind = "discipline", periods = { "Q1", "Y" },
  points = { on_time = 4, late = 2, partial = 1, missing = 0, returned = 1 } }
criterion { group = "xa", part = "1", id = "1.2", title = "Tổ công nghệ số",
  max = 3, kind = "figure", form = "hs", field = "to_cnso",
  bands = { { ">=", 3, 3 }, { ">=", 1, 1.5 } } }
criterion { group = "xa", part = "1", id = "1.3", title = "Công khai TTHC",
  max = 3, kind = "figure", form = "hs", field = "cong_khai", period = "H1",
  bands = { { ">=", 1, 3 } } }

-- From 2024: one group, lower is better, whole points.
scheme {
  id = "test-2024",
  title = "Bộ tiêu chí từ năm 2024",
  max = 100,
  years = { from = 2024 },
  period = "Y",
  decimals = 0,
  groups = {
    { id = "all", label = "Mọi đơn vị", kinds = { "department", "commune", "town" } },
  },
}
part { scheme = "test-2024", id = "I", title = "Toàn bộ", max = 100 }
criterion { scheme = "test-2024", part = "I", id = "I.1", title = "Hồ sơ ít",
  max = 50, kind = "figure", form = "hs", field = "hs_tiep_nhan",
  bands = { { "<=", 10, 50 }, { "<", 20, 25 } } }
criterion { scheme = "test-2024", part = "I", id = "I.2", title = "Chưa số hóa",
  max = 30, kind = "figure", form = "hs", field = "ty_le_so_hoa",
  proportional = { from = 100, to = 0 } }
-- No dossier at all: nothing was late, full marks.
criterion { scheme = "test-2024", part = "I", id = "I.3", title = "Hồ sơ đúng hạn",
  max = 20, kind = "figure", form = "hs", indicator = "ty_le_dung_han",
  bands = { { ">=", 90, 20 } }, if_none = 20 }
