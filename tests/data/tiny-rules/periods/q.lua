-- SPDX-License-Identifier: MIT
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "01/01/Y", to = "31/03/Y" },
  unit_due = "05/04/Y", compile_due = "10/04/Y",
}
