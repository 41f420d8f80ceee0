-- SPDX-License-Identifier: MIT
--
-- The districts' windows are theirs (cchc-1131): the province's figures
-- cover what the districts' cover.  A district sends its report a day
-- after it has compiled it (its compile_due, 04/…), the province compiles
-- a week later.

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "05/03/Y", compile_due = "12/03/Y",
}

period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "05/06/Y", compile_due = "12/06/Y",
}

period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "05/09/Y", compile_due = "12/09/Y",
}

period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "05/12/Y", compile_due = "12/12/Y",
}
