-- SPDX-License-Identifier: MIT
--
-- Read by core/aggregate/test_aggregate.c (test_compare_across_rules):
-- levels p, q and r and a form f, until lv-2025 joins p and q into one
-- level and renames f.

directive {
  id = "lv-2022", title = "T", reference = "1/T",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}
period_type {
  code = "Q1", label = "Q1 {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "15/03/Y", compile_due = "20/03/Y",
}

level { id = "p", label = "P" }
level { id = "q", label = "Q" }
level { id = "r", label = "R" }

unit_kind { id = "top", label = "Top" }
unit_kind { id = "kp", label = "KP", level = "p" }
unit_kind { id = "kq", label = "KQ", level = "q" }
unit_kind { id = "kr", label = "KR", level = "r" }

form {
  id = "f", title = "F",
  fields = {
    { "n", "N", "int", "sum" },
    { "m", "M", "int", "sum" },
    { "t", "T", "table", "count_by", count_by = "k",
      columns = { { "k", "K", "enum", values = { "x", "y" } } } },
  },
  indicators = { { "i", "I", num = "n", den = "m" } },
}

responsibility { kinds = { "kp", "kq", "kr" }, parts = { "f" } }
