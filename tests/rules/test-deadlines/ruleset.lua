-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: no directive of this name exists, and it is never
-- installed or shipped.  It stands for a guidance whose deadlines count
-- working days and differ by kind and level of unit, on the shared
-- holidays of the rules directory (rules/_common/holidays-vn.lua).  From
-- 2026 it supersedes cchc-1131.  Its one form is small, and it owes
-- by kind alone (the units' roles are cchc-1131's): the tests look at
-- deadlines, not at figures.

directive {
  id = "test-deadlines",
  title = "Hướng dẫn báo cáo (bản thử nghiệm hạn tính theo ngày làm việc)",
  reference = "TEST/WD",
  issued = "2025-12-01",
  issuer = "Bộ kiểm thử baocao",
  supersedes = "cchc-1131",
  in_force = { from = "2026-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

include "_common/holidays-vn.lua"
include "periods.lua"

form {
  id = "bm1",
  name = "Biểu số 01",
  title = "Văn bản chỉ đạo",
  fields = {
    { "vb_chi_dao", "Số văn bản chỉ đạo ban hành trong kỳ", "int", "sum" },
  },
}

responsibility { kinds = { "department", "commune", "town" }, parts = { "bm1" } }
