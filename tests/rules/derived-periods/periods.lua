-- SPDX-License-Identifier: MIT
--
-- cchc-1131's reports (its windows and deadlines), and three periods
-- computed from them.  Q1, H1 and Y count from 10 December of the year
-- before, Q3 from 10 June; each window shares its cut-off day with the
-- next, so the second quarter alone is 10/03 – 10/06.

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y", compile_due = "04/03/Y",
}

period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "28/05/Y", compile_due = "04/06/Y",
  advance = true,
}

period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "28/08/Y", compile_due = "04/09/Y",
}

period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "28/11/Y", compile_due = "04/12/Y",
  advance = true,
}

period_type { code = "DX", label = "Báo cáo đột xuất số {n} năm {year}", adhoc = true }

-- The tables ask for these too; no unit sends them.
period_type { code = "Q2", label = "Riêng quý II năm {year}", derived = "H1 - Q1" }
period_type { code = "M9", label = "9 tháng năm {year}",      derived = "H1 + Q3" }
period_type { code = "Q4", label = "Riêng quý IV năm {year}", derived = "Y − M9" }
