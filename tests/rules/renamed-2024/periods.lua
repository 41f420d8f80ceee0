-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY: cchc-1131's windows, which follow one another (H1 ends on
-- the day Q3 begins, Y on the day next year's Q1 begins): carry-over
-- checks look at the period just before.  Units are due after the
-- window closes.

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "15/03/Y", compile_due = "20/03/Y",
}

period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "15/06/Y", compile_due = "20/06/Y",
}

period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "15/09/Y", compile_due = "20/09/Y",
}

period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "15/12/Y", compile_due = "20/12/Y",
}
