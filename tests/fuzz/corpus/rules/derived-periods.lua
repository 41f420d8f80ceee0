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
  id = "fz",
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

--@ forms/mc.lua
-- SPDX-License-Identifier: MIT
--
-- One-stop-shop dossiers: what a derived period does with each kind of
-- figure.

form {
  id = "mc",
  name = "Biểu số 01",
  title = "Kết quả giải quyết thủ tục hành chính",
  section = "A",
  owner = "Văn phòng HĐND-UBND",
  fields = {
    { "tthc_tong",      "Số TTHC thuộc thẩm quyền giải quyết",           "int",   "snap" },
    { "tthc_truc_tuyen", "Số TTHC cung cấp trực tuyến toàn trình",       "int",   "snap",
      check = "<= tthc_tong" },
    { "hs_tiep_nhan",   "Tổng số hồ sơ tiếp nhận",                       "int",   "sum" },
    { "hs_dung_han",    "Số hồ sơ giải quyết đúng hạn",                  "int",   "sum" },
    { "hs_da_giai_quyet", "Tổng số hồ sơ đã giải quyết",                 "int",   "sum",
      check = ">= hs_dung_han" },
    { "kinh_phi",       "Kinh phí số hóa hồ sơ",                         "money", "sum" },
    { "cong_khai",      "Đã công khai TTHC đúng quy định",               "bool",  "count_true" },
    { "ghi_chu",        "Ghi chú",                                       "text",  "list" },
    { "van_ban", "Văn bản chỉ đạo ban hành trong kỳ", "table", "count_by", count_by = "loai",
      columns = {
        { "so_ky_hieu", "Số, ký hiệu", "text", required = true },
        { "loai", "Loại văn bản", "enum", required = true,
          values = { { "ke_hoach", "Kế hoạch" }, { "cong_van", "Công văn" } } },
      } },
  },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
      num = "hs_dung_han", den = "hs_da_giai_quyet" },
    { "ty_le_truc_tuyen", "Tỷ lệ TTHC trực tuyến toàn trình",
      num = "tthc_truc_tuyen", den = "tthc_tong" },
  },
}

--@ periods.lua
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
