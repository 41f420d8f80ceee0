-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset (see renamed-2024): the directive that follows it
-- from 2025.  What changed, as a new directive on paper would say it:
--
--   * the district's departments now report as the province's (level
--     "tinh", which was "huyen"); communes stay "xa";
--   * form "tthc" is now form "dvc", with "hs_tiep_nhan" called
--     "ho_so_nhan" and "hs_ton" called "ho_so_ton";
--   * "cb"'s "so_can_bo" is now "so_cb";
--   * "dvc" asks a new figure, "hs_truc_tuyen", that has no past.

directive {
  id = "renamed-2025",
  title = "Chế độ báo cáo thử nghiệm sau khi đổi tên (chỉ dùng cho kiểm thử)",
  reference = "TEST/RENAMED/2025",
  issued = "2024-11-20",
  issuer = "Bộ kiểm thử baocao",
  supersedes = "renamed-2024",
  in_force = { from = "2025-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  money_unit = "triệu đồng",
}

level { id = "tinh", label = "Cấp tỉnh", was = { "huyen" } }
level { id = "xa",   label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Sở, ban, ngành", level = "tinh" }
unit_kind { id = "commune",    label = "Xã",             level = "xa" }

include "periods.lua"

form {
  id = "dvc",
  renamed_from = "tthc",
  name = "Biểu số 01",
  title = "Giải quyết thủ tục hành chính, dịch vụ công",
  fields = {
    { "hs_ky_truoc",   "Số hồ sơ từ kỳ trước chuyển qua",  "int",   "sum" },
    { "ho_so_nhan",    "Tổng số hồ sơ tiếp nhận",          "int",   "sum",
      renamed_from = "hs_tiep_nhan" },
    { "hs_truc_tuyen", "Trong đó: tiếp nhận trực tuyến",   "int",   "sum",
      check = "<= ho_so_nhan" },
    { "hs_giai_quyet", "Số hồ sơ đã giải quyết",           "int",   "sum",
      check = "<= ho_so_nhan" },
    { "ho_so_ton",     "Số hồ sơ đang giải quyết",         "int",   "sum",
      renamed_from = { "hs_ton" } },
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
    { "so_cb", "Số cán bộ, công chức", "int", "snap", renamed_from = "so_can_bo" },
  },
}

responsibility { kinds = { "department", "commune" }, parts = { "dvc", "cb" } }
