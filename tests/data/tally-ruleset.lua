-- SPDX-License-Identifier: MIT
-- A ruleset of one form for the tally's corners (core/aggregate/
-- test_tally.c): two int fields, a date list, a table counted by tt, a
-- money field, a ratio and a count of rows meeting two conditions.
directive {
  id = "t", title = "T", reference = "1/T",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}
period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "15/12/Y-1", to = "14/12/Y" },
  unit_due = "10/12/Y", compile_due = "15/12/Y",
}
level { id = "huyen", label = "Huyện" }
level { id = "xa", label = "Xã" }
section { id = "A", title = "A" }
form {
  id = "f", title = "F", section = "A", owner = "x",
  fields = {
    { "a", "A", "int", "sum" },
    { "b", "B", "int", "sum" },
    { "ngay", "Ngày", "date", "list" },
    { "ds", "Danh sách", "table", "count_by",
      count_by = "tt",
      columns = {
        { "ten", "Tên", "text" },
        { "loai", "Loại", "enum", values = { "p", "q" } },
        { "tt", "Tình trạng", "enum", values = { "xong", "dang" } },
      } },
    { "m", "Kinh phí", "money", "sum" },
  },
  indicators = {
    { "ty_le", "Tỷ lệ", num = "a", den = "a + b" },
    { "xong_p", "Xong loại p", rows = "ds",
      where = { tt = { "xong" }, loai = { "p" } } },
  },
}
