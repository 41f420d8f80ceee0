-- SPDX-License-Identifier: MIT
--
-- Thời gian báo cáo.  The windows are cchc-1131's (cumulative from 10
-- December for Q1, H1 and Y; 10/6–10/9 for Q3), so that 2025-Y compares
-- with 2024-Y over the same days.  Units report to Sở Nội vụ by the 25th
-- of the month before the window ends, estimating the last days as they
-- did before (`rules check` warns); Sở Nội vụ compiles for UBND tỉnh by
-- the 5th.

-- a) Báo cáo quý I
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "25/02/Y",      -- các sở, ban, ngành; UBND các xã, phường
  compile_due = "05/03/Y",   -- Sở Nội vụ tổng hợp, trình UBND tỉnh
  advance = false,
}

-- b) Báo cáo 6 tháng đầu năm
period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "25/05/Y",
  compile_due = "05/06/Y",
  -- "trường hợp Bộ Nội vụ yêu cầu báo cáo sớm hơn, Sở Nội vụ sẽ có văn
  -- bản riêng"
  advance = true,
}

-- c) Báo cáo quý III
period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "25/08/Y",
  compile_due = "05/09/Y",
  advance = false,
}

-- d) Báo cáo năm
period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "25/11/Y",
  compile_due = "05/12/Y",
  advance = true,
}

-- e) Báo cáo đột xuất: window, deadline and forms come with the request.
period_type {
  code = "DX", label = "Báo cáo đột xuất số {n} năm {year}",
  adhoc = true,
}
