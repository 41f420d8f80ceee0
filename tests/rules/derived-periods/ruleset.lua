-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: no directive of this name exists, and it is never
-- installed or shipped.  It stands for a directive whose tables ask for
-- figures of periods no unit reports: the second quarter alone, the first
-- nine months, the fourth quarter alone, computed from the cumulative
-- reports of cchc-1131's windows (periods.lua).  One small form holds a
-- figure of each kind the arithmetic treats its own way: flows summed
-- over the window (sum, money), stocks at its end (snap, count_true),
-- indicators of each, and a table.

directive {
  id = "derived-periods",
  title = "Hướng dẫn báo cáo CCHC có kỳ tính từ các kỳ khác (bản thử nghiệm)",
  reference = "TEST/DERIVED",
  issued = "2022-12-01",
  issuer = "Bộ kiểm thử baocao",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  money_unit = "triệu đồng",
  report_name = "Báo cáo bằng văn bản",
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã", level = "xa" }

channel { id = "email", label = "Thư điện tử" }

include "periods.lua"
include "forms/mc.lua"

section { id = "A", title = "KẾT QUẢ THỰC HIỆN", forms = { "mc" } }

responsibility { kinds = { "department", "commune" },
                 parts = { "report", "mc" }, sections = { "A" } }
