-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: scoring schemes wrong in every way the rules can
-- only tell once they have all run, each to be reported at its line at
-- once (core/rules/test_scheme.c, tests/e2e/scoring.py).  Never shipped.

directive {
  id = "score-bad",
  title = "Bộ tiêu chí sai",
  reference = "02/TEST",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }
unit_kind { id = "department", label = "Phòng", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",    level = "xa" }

period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "28/11/Y", compile_due = "04/12/Y",
}
period_type { code = "DX", label = "Đột xuất số {n} năm {year}", adhoc = true }

form {
  id = "hs", name = "Biểu số 01", title = "Hồ sơ",
  fields = {
    { "hs_tiep_nhan", "Tổng số hồ sơ tiếp nhận", "int", "sum" },
    { "ghi_chu",      "Ghi chú",                 "text", "list" },
    { "to_cnso",      "Số tổ công nghệ số",      "int", "snap", level = "xa" },
  },
}

scheme {
  id = "bad-2023", title = "Sai", max = 100, years = { from = 2023 },
  period = "DX",
  groups = {
    { id = "phong", label = "Các phòng", kinds = { "department", "ward" } },
    { id = "xa",    label = "Các xã",    kinds = { "commune", "department" } },
    { id = "trong", label = "Không có phần", kinds = { "commune" } },
  },
}

part { group = "phong", id = "1", title = "Một", max = 60 }
part { group = "phong", id = "2", title = "Hai", max = 30 }
part { group = "phong", id = "2", title = "Hai lần", max = 10 }
part { group = "nhom", id = "3", title = "Không nhóm", max = 10 }
part { id = "4", title = "Không rõ nhóm", max = 10 }
part { group = "xa", id = "1", title = "Một", max = 100 }

criterion { group = "phong", part = "1", id = "1.1", title = "Ít điểm",
  max = 50, kind = "assessed" }
criterion { group = "phong", part = "1", id = "1.1", title = "Hai lần",
  max = 10, kind = "assessed" }
criterion { group = "phong", part = "9", id = "1.2", title = "Không phần",
  max = 10, kind = "assessed" }
criterion { group = "phong", part = "2", id = "2.1", title = "Của xã",
  max = 10, kind = "figure", form = "hs", field = "to_cnso",
  bands = { { ">=", 1, 10 } } }
criterion { group = "phong", part = "2", id = "2.2", title = "Không biểu",
  max = 10, kind = "figure", form = "bm9", field = "x",
  bands = { { ">=", 1, 10 } } }
criterion { group = "phong", part = "2", id = "2.3", title = "Không trường",
  max = 5, kind = "figure", form = "hs", field = "khong_co",
  bands = { { ">=", 1, 5 } } }
criterion { group = "phong", part = "2", id = "2.4", title = "Chữ",
  max = 3, kind = "self", form = "hs", field = "ghi_chu" }
criterion { group = "phong", part = "2", id = "2.5", title = "Không chỉ tiêu",
  max = 2, kind = "figure", form = "hs", indicator = "ty_le",
  period = "Q9", proportional = { from = 0, to = 100 } }
criterion { group = "xa", part = "1", id = "1.1", title = "Kỳ",
  max = 100, kind = "discipline", periods = { "Y", "DX", "Q2" },
  points = { on_time = 100, late = 50, partial = 25, missing = 0, returned = 25 } }

scheme {
  id = "bad-2024", title = "Trùng năm", max = 10, years = { from = 2020, to = 2023 },
  groups = { { id = "all", label = "Tất cả", kinds = { "commune" } } },
}
part { scheme = "khong-co", id = "1", title = "Không sơ đồ", max = 10 }
part { id = "1", title = "Một", max = 10 }
criterion { part = "1", id = "1", title = "Không kỳ", max = 10, kind = "figure",
  form = "hs", field = "hs_tiep_nhan", bands = { { ">=", 1, 10 } } }
