-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY: each type shows one way a deadline is counted.  The days
-- named are those of 2026 (rules/_common/holidays-vn.lua).

-- Working days after a window that ends Tuesday 10/3: units by the 5th
-- (Tuesday 17/3), the weekend 14–15/3 skipped; communes and the town
-- (level xa) by the 3rd, Friday 13/3; the town's own kind by 20/03.
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = {
    default = "+5wd after window",
    level = { xa = "+3wd after window" },
    kind = { town = "20/03/Y" },
  },
  compile_due = "+10wd after window",
  advance = false,
}

-- Across Tết: the window ends Tuesday 10/2/2026, Tết Bính Ngọ is 14–22/2;
-- the 5th working day is Tuesday 24/2.
period_type {
  code = "T1", label = "Tháng Giêng năm {year}",
  window = { from = "11/01/Y", to = "10/02/Y" },
  unit_due = "+5wd after window",
  compile_due = "+7wd after window",
  advance = false,
}

-- Communes by the 25th, departments by the 28th (the rest of the units);
-- advanced by a document, each unit keeps the earlier of the two.
period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = { default = "28/05/Y", level = { xa = "25/05/Y" } },
  compile_due = "04/06/Y",
  advance = true,
}

-- A Saturday worked: the window ends Thursday 20/8/2026, Saturday 22/8
-- is worked for Monday 31/8, so the 5th working day is Wednesday 26/8;
-- compilation skips Quốc khánh (29/8–2/9): Monday 7/9.
period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "20/08/Y" },
  unit_due = "+5wd after window",
  compile_due = "+10wd after window",
  advance = false,
}

period_type {
  code = "DX", label = "Báo cáo đột xuất số {n} năm {year}",
  adhoc = true,
}
