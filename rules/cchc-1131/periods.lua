-- SPDX-License-Identifier: MIT
--
-- 2. Về thời gian báo cáo.  There is no separate Q2 or Q4 report: the
-- 6-month and annual reports take their place.  Q1, H1 and Y are
-- cumulative from 10 December of the previous year; Q3 covers 10/6–10/9.
-- Every unit deadline falls before its window's end, exactly as the
-- guidance writes it (`rules check` warns): units estimate the last days.

-- a) Báo cáo quý I
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y",      -- các phòng, ban, ngành; UBND xã, thị trấn
  compile_due = "04/03/Y",   -- Phòng Nội vụ tổng hợp, trình UBND huyện
  advance = false,
}

-- b) Báo cáo 6 tháng đầu năm
period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "28/05/Y",
  compile_due = "04/06/Y",
  -- "theo yêu cầu của Tỉnh nếu cần phải báo cáo sớm hơn, UBND huyện sẽ
  -- có văn bản riêng"
  advance = true,
}

-- c) Báo cáo quý III
period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "10/09/Y" },
  unit_due = "28/08/Y",
  compile_due = "04/09/Y",
  advance = false,
}

-- d) Báo cáo năm
period_type {
  code = "Y", label = "Năm {year}",
  window = { from = "10/12/Y-1", to = "10/12/Y" },
  unit_due = "28/11/Y",
  compile_due = "04/12/Y",
  advance = true,
}

-- e) Báo cáo đột xuất: window, deadline and forms come with the request.
period_type {
  code = "DX", label = "Báo cáo đột xuất số {n} năm {year}",
  adhoc = true,
}
