-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY: the period types of cchc-1131, except that Q1 units are due
-- on 15/02 rather than 28/02 (the one change the tests look for).

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "15/02/Y",
  compile_due = "04/03/Y",
  advance = false,
}

period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "28/05/Y",
  compile_due = "04/06/Y",
  advance = true,
}

period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "28/08/Y",
  compile_due = "04/09/Y",
  advance = false,
}

period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "28/11/Y",
  compile_due = "04/12/Y",
  advance = true,
}

period_type {
  code = "DX", label = "Báo cáo đột xuất số {n} năm {year}",
  adhoc = true,
}
