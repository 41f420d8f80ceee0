-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 5 — Cải cách chế độ công vụ.  Sở Nội vụ answers for it;
-- communes and wards send it too.  Job positions are approved for the
-- province's bodies (level tỉnh); the commune cadre (level xã) is now the
-- cán bộ, công chức of the merged commune or ward.

form {
  id = "bm5",
  name = "Biểu số 05",
  title = "Cải cách chế độ công vụ",
  section = "A.II.4",
  owner = "Sở Nội vụ",
  fields = {
    { "vtvl_don_vi",        "Số cơ quan, đơn vị phải xây dựng vị trí việc làm",             "int",   "snap",
      level = "tinh" },
    { "vtvl_da_duyet",      "Số cơ quan, đơn vị có vị trí việc làm được phê duyệt",         "int",   "snap",
      level = "tinh", check = "<= vtvl_don_vi" },
    { "tuyen_dung_cc",      "Số công chức được tuyển dụng",                                 "int",   "sum" },
    { "tuyen_dung_vc",      "Số viên chức được tuyển dụng",                                 "int",   "sum" },
    { "bo_nhiem_moi",       "Số người được bổ nhiệm mới",                                   "int",   "sum" },
    { "bo_nhiem_lai",       "Số người được bổ nhiệm lại",                                   "int",   "sum" },
    { "thi_nang_ngach",     "Số người thi nâng ngạch, thăng hạng",                          "int",   "sum" },
    { "chuyen_doi_vi_tri",  "Số người chuyển đổi vị trí công tác",                          "int",   "sum" },
    { "dao_tao_luot",       "Số lượt cán bộ, công chức, viên chức được đào tạo, bồi dưỡng", "int",   "sum" },
    { "ky_luat",            "Số cán bộ, công chức, viên chức bị kỷ luật",                   "int",   "sum" },
    -- Nghị định số 178/2024/NĐ-CP: who left when the apparatus was
    -- rearranged, and what their settlements cost.
    { "tinh_gian",          "Số người nghỉ theo chính sách khi sắp xếp tổ chức bộ máy",     "int",   "sum" },
    { "tinh_gian_kinh_phi", "Kinh phí giải quyết chính sách",                               "money", "sum" },
    { "cc_xa_tong",         "Tổng số cán bộ, công chức cấp xã",                             "int",   "snap",
      level = "xa" },
    { "cc_xa_dat_chuan",    "Số cán bộ, công chức cấp xã đạt chuẩn",                        "int",   "snap",
      level = "xa", check = "<= cc_xa_tong" },
    { "cc_xa_boi_duong",    "Số cán bộ, công chức cấp xã được bồi dưỡng trong kỳ",          "int",   "sum",
      level = "xa" },
  },
  indicators = {
    { "ty_le_vtvl", "Tỷ lệ cơ quan, đơn vị có vị trí việc làm được phê duyệt",
      num = "vtvl_da_duyet", den = "vtvl_don_vi" },
    { "ty_le_cc_xa_dat_chuan", "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
      num = "cc_xa_dat_chuan", den = "cc_xa_tong" },
  },
}
