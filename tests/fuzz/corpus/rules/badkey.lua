-- SPDX-License-Identifier: MIT
-- A ruleset that is valid but for one unknown registration key: `rules
-- check` must exit 1 and name the key.
directive {
  id = "fz",
  title = "Bộ quy tắc thử: khóa lạ",
  reference = "0/TEST",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

unit_kind { id = "commune", label = "Xã" }

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y",
  compile_due = "04/03/Y",
  advance = false,
  deadline_colour = "red",
}
