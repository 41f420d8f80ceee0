-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: no directive of this name exists, and it is never
-- installed or shipped.  It stands for "the next guidance" so the tests can
-- show rulesets over time: from 2025 it supersedes cchc-1131, which keeps
-- governing every period before (and every period recorded under it).
-- It repeats cchc-1131's catalogue with one visible change, the Q1 unit
-- deadline (15/02 instead of 28/02), so a test can tell which ruleset
-- answered.  Keep the rest in step with rules/cchc-1131.

directive {
  id = "fz",
  title = "Hướng dẫn báo cáo CCHC (bản thử nghiệm, chỉ dùng cho kiểm thử)",
  reference = "TEST/2025",
  issued = "2024-11-15",
  issuer = "Bộ kiểm thử baocao",
  supersedes = "cchc-1131",
  in_force = { from = "2025-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

role { id = "noi_vu",  label = "Phòng Nội vụ" }
role { id = "tu_phap", label = "Phòng Tư pháp" }
role { id = "vp_ubnd", label = "Văn phòng HĐND - UBND huyện" }
role { id = "tckh",    label = "Phòng Tài chính - Kế hoạch" }
role { id = "vhtt",    label = "Phòng Văn hóa - Thông tin" }

include "periods.lua"

--@ periods.lua
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
