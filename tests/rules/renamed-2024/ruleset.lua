-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset, never installed or shipped: the first of three
-- (renamed-2024, renamed-2025, renamed-2026) that show reporting across a
-- change of rules.  This one is the plain start: a district with its
-- departments (cấp huyện) and communes (cấp xã), a dossier form and a
-- staff form.  renamed-2025 renames the dossier form, some of its fields
-- and the district level; renamed-2026 renames a staff field once more.

directive {
  id = "renamed-2024",
  title = "Chế độ báo cáo thử nghiệm trước khi đổi tên (chỉ dùng cho kiểm thử)",
  reference = "TEST/RENAMED/2024",
  issued = "2021-12-01",
  issuer = "Bộ kiểm thử baocao",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  money_unit = "triệu đồng",
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",                level = "xa" }

include "periods.lua"

form {
  id = "tthc",
  name = "Biểu số 01",
  title = "Giải quyết thủ tục hành chính",
  fields = {
    { "hs_ky_truoc",   "Số hồ sơ từ kỳ trước chuyển qua",  "int",   "sum" },
    { "hs_tiep_nhan",  "Tổng số hồ sơ tiếp nhận",          "int",   "sum" },
    { "hs_giai_quyet", "Số hồ sơ đã giải quyết",           "int",   "sum",
      check = "<= hs_tiep_nhan" },
    { "hs_ton",        "Số hồ sơ đang giải quyết",         "int",   "sum" },
    { "kinh_phi",      "Kinh phí cho một cửa",             "money", "sum" },
    { "co_mot_cua",    "Có bộ phận một cửa hiện đại",      "bool" },
    { "ghi_chu",       "Ghi chú",                          "text" },
  },
  indicators = {
    { "ty_le_giai_quyet", "Tỷ lệ hồ sơ đã giải quyết",
      num = "hs_giai_quyet", den = "hs_tiep_nhan" },
  },
  carry = { { "hs_ky_truoc", from = "hs_ton" } },
}

form {
  id = "cb",
  name = "Biểu số 02",
  title = "Cán bộ, công chức",
  fields = {
    { "so_can_bo", "Số cán bộ, công chức", "int", "snap" },
  },
}

responsibility { kinds = { "department", "commune" }, parts = { "tthc", "cb" } }
