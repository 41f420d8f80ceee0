-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 4 — Cải cách tổ chức bộ máy.  "Phòng Nội vụ: Báo cáo và cung cấp
-- số liệu tại biểu mẫu 1; biểu mẫu 4; biểu mẫu 5" (seed, "1. Về nội dung
-- báo cáo"); communes send it too.  Rebuilt in the catalogue (forms.md,
-- bm4) from outline A.II.3.  The district's own bodies are asked of Phòng
-- Nội vụ only (level huyen); the commune apparatus — its cán bộ, công chức,
-- its part-timers, its thôn, khối, bản (A.II.3.4) — of communes only (xa).

form {
  id = "bm4",
  name = "Biểu số 04",
  title = "Cải cách tổ chức bộ máy",
  section = "A.II.3",
  owner = "Phòng Nội vụ",
  fields = {
    -- id                   label                                                              type   aggregation
    { "co_quan_chuyen_mon", "Số cơ quan chuyên môn thuộc UBND huyện",                          "int", "snap",
      level = "huyen" },
    { "dvsn_cong_lap",      "Số đơn vị sự nghiệp công lập",                                    "int", "snap",
      level = "huyen" },
    -- A.II.3.1 "Số đầu mối tổ chức hành chính và đơn vị sự nghiệp giảm
    -- trong kỳ báo cáo".
    { "dau_moi_giam",       "Số đầu mối tổ chức giảm trong kỳ",                                "int", "sum" },
    -- A.II.3.1 "nêu rõ tổng số biên chế hiện có/tổng số biên chế được
    -- giao".  Over the quota is a finding to report, not a typing error:
    -- warn only.
    { "bien_che_giao",      "Biên chế được giao",                                              "int", "snap" },
    { "bien_che_co_mat",    "Biên chế hiện có",                                                "int", "snap",
      expect = "<= bien_che_giao" },
    { "hd_lao_dong",        "Số hợp đồng lao động",                                            "int", "snap" },
    { "cbcc_xa_quy_dinh",   "Số cán bộ, công chức cấp xã theo quy định",                       "int", "snap",
      level = "xa" },
    { "cbcc_xa_co_mat",     "Số cán bộ, công chức cấp xã hiện có",                             "int", "snap",
      level = "xa", expect = "<= cbcc_xa_quy_dinh" },
    { "khong_chuyen_trach", "Số người hoạt động không chuyên trách cấp xã",                    "int", "snap",
      level = "xa" },
    -- A.II.3.4 "Việc sắp xếp kiện toàn, tổ chức lại các đơn vị hành chính
    -- cấp xã, xóm, khối, bản".
    { "thon_khoi",          "Số thôn, khối, bản",                                              "int", "snap",
      level = "xa" },
    { "thon_khoi_sap_xep",  "Số thôn, khối, bản được sắp xếp trong kỳ",                        "int", "sum",
      level = "xa" },
    -- A.II.3.1 "Việc rà soát, sửa đổi, bổ sung … hệ thống quy chế nội bộ".
    { "quy_che_ban_hanh",   "Số quy chế, quy định về chức năng, nhiệm vụ ban hành, sửa đổi",   "int", "sum" },
  },
  indicators = {
    { "ty_le_bien_che", "Tỷ lệ biên chế hiện có trên biên chế được giao",
      num = "bien_che_co_mat", den = "bien_che_giao" },
  },
}
