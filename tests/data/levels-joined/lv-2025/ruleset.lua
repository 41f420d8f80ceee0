-- SPDX-License-Identifier: MIT
--
-- Read by core/aggregate/test_aggregate.c (test_compare_across_rules):
-- from 2025 lv-2022's levels p and q are one, pq; r stays r; s is new;
-- form f is g, and its field n is n2.

directive {
  id = "lv-2025", title = "T", reference = "2/T", supersedes = "lv-2022",
  in_force = { from = "2025-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}
period_type {
  code = "Q1", label = "Q1 {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "15/03/Y", compile_due = "20/03/Y",
}

level { id = "pq", label = "PQ", was = { "p", "q" } }
level { id = "r",  label = "R" }
level { id = "s",  label = "S" }

unit_kind { id = "top", label = "Top" }
unit_kind { id = "kp", label = "KP", level = "pq" }
unit_kind { id = "kq", label = "KQ", level = "pq" }
unit_kind { id = "kr", label = "KR", level = "r" }

form {
  id = "g", title = "G", renamed_from = "f",
  fields = {
    { "n2", "N", "int", "sum", renamed_from = "n" },
    { "m", "M", "int", "sum" },
    { "t", "T", "table", "count_by", count_by = "k",
      columns = { { "k", "K", "enum", values = { "x", "y" } } } },
  },
  indicators = { { "i", "I", num = "n2", den = "m" } },
}

responsibility { kinds = { "kp", "kq", "kr" }, parts = { "g" } }
