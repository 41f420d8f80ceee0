-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset (see renamed-2024): the third directive, from 2026.
-- "cb"'s figure is renamed a second time, "so_cong_chuc", and lists both
-- names it had (renamed_from = { "so_cb", "so_can_bo" }): compared with
-- 2025 it is so_cb, with 2024 so_can_bo.  Everything else is as in
-- renamed-2025.

directive {
  id = "renamed-2026",
  title = "Chế độ báo cáo thử nghiệm, lần đổi tên thứ hai (chỉ dùng cho kiểm thử)",
  reference = "TEST/RENAMED/2026",
  issued = "2025-11-20",
  issuer = "Bộ kiểm thử baocao",
  supersedes = "renamed-2025",
  in_force = { from = "2026-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  money_unit = "triệu đồng",
}

level { id = "tinh", label = "Cấp tỉnh" }
level { id = "xa",   label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Sở, ban, ngành", level = "tinh" }
unit_kind { id = "commune",    label = "Xã",             level = "xa" }

include "periods.lua"

form {
  id = "dvc",
  name = "Biểu số 01",
  title = "Giải quyết thủ tục hành chính, dịch vụ công",
  fields = {
    { "hs_ky_truoc",   "Số hồ sơ từ kỳ trước chuyển qua",  "int",   "sum" },
    { "ho_so_nhan",    "Tổng số hồ sơ tiếp nhận",          "int",   "sum" },
    { "hs_truc_tuyen", "Trong đó: tiếp nhận trực tuyến",   "int",   "sum",
      check = "<= ho_so_nhan" },
    { "hs_giai_quyet", "Số hồ sơ đã giải quyết",           "int",   "sum",
      check = "<= ho_so_nhan" },
    { "ho_so_ton",     "Số hồ sơ đang giải quyết",         "int",   "sum" },
    { "kinh_phi",      "Kinh phí cho một cửa",             "money", "sum" },
    { "co_mot_cua",    "Có bộ phận một cửa hiện đại",      "bool" },
    { "ghi_chu",       "Ghi chú",                          "text" },
  },
  indicators = {
    { "ty_le_giai_quyet", "Tỷ lệ hồ sơ đã giải quyết",
      num = "hs_giai_quyet", den = "ho_so_nhan" },
  },
  carry = { { "hs_ky_truoc", from = "ho_so_ton" } },
}

form {
  id = "cb",
  name = "Biểu số 02",
  title = "Cán bộ, công chức",
  fields = {
    { "so_cong_chuc", "Số cán bộ, công chức", "int", "snap",
      renamed_from = { "so_cb", "so_can_bo" } },
  },
}

responsibility { kinds = { "department", "commune" }, parts = { "dvc", "cb" } }
