-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 4 — Cải cách tổ chức bộ máy.  Sở Nội vụ answers for the
-- province's own bodies (level tỉnh), communes and wards for their
-- apparatus (level xã); a ward counts its tổ dân phố where a commune
-- counts its thôn.  cchc-1131's count of a commune's non-specialised
-- part-timers is gone: those posts ended with the reform.

form {
  id = "bm4",
  name = "Biểu số 04",
  title = "Cải cách tổ chức bộ máy",
  section = "A.II.3",
  owner = "Sở Nội vụ",
  fields = {
    { "co_quan_chuyen_mon", "Số cơ quan chuyên môn thuộc UBND tỉnh",                         "int", "snap",
      level = "tinh" },
    { "dvsn_cong_lap",      "Số đơn vị sự nghiệp công lập",                                  "int", "snap",
      level = "tinh" },
    { "dau_moi_giam",       "Số đầu mối tổ chức giảm trong kỳ",                              "int", "sum" },
    -- Over the quota is a finding to report, not a typing error.
    { "bien_che_giao",      "Biên chế được giao",                                            "int", "snap" },
    { "bien_che_co_mat",    "Biên chế hiện có",                                              "int", "snap",
      expect = "<= bien_che_giao" },
    { "hd_lao_dong",        "Số hợp đồng lao động",                                          "int", "snap" },
    { "cbcc_xa_quy_dinh",   "Số cán bộ, công chức cấp xã theo quy định",                     "int", "snap",
      level = "xa" },
    { "cbcc_xa_co_mat",     "Số cán bộ, công chức cấp xã hiện có",                           "int", "snap",
      level = "xa", expect = "<= cbcc_xa_quy_dinh" },
    { "thon_khoi",          "Số thôn, tổ dân phố",                                           "int", "snap",
      level = "xa" },
    { "thon_khoi_sap_xep",  "Số thôn, tổ dân phố được sắp xếp trong kỳ",                     "int", "sum",
      level = "xa" },
    { "quy_che_ban_hanh",   "Số quy chế, quy định về chức năng, nhiệm vụ ban hành, sửa đổi", "int", "sum" },
  },
  indicators = {
    { "ty_le_bien_che", "Tỷ lệ biên chế hiện có trên biên chế được giao",
      num = "bien_che_co_mat", den = "bien_che_giao" },
  },
}
