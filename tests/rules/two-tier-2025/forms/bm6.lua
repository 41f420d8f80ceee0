-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 6 — Cải cách tài chính công.  Sở Tài chính (which took in Sở
-- Kế hoạch và Đầu tư in 2025) answers for it; communes and wards send it
-- too.  The four groups of public service units under Nghị định số
-- 60/2021/NĐ-CP are the province's (level tỉnh).

form {
  id = "bm6",
  name = "Biểu số 06",
  title = "Cải cách tài chính công",
  section = "A.II.5",
  owner = "Sở Tài chính",
  fields = {
    { "thu_ns_du_toan",      "Dự toán thu ngân sách được giao",                               "money", "snap" },
    { "thu_ns_thuc_hien",    "Thu ngân sách thực hiện lũy kế",                                "money", "sum" },
    { "dtc_ke_hoach",        "Kế hoạch vốn đầu tư công",                                      "money", "snap" },
    -- Past the plan happens (a plan raised late in the year): warn only.
    { "dtc_giai_ngan",       "Vốn đầu tư công đã giải ngân lũy kế",                           "money", "sum",
      expect = "<= dtc_ke_hoach" },
    { "kn_thanh_tra",        "Số kiến nghị sau thanh tra, kiểm tra, kiểm toán về tài chính",  "int",   "sum" },
    { "kn_da_thuc_hien",     "Số kiến nghị đã thực hiện",                                     "int",   "sum",
      check = "<= kn_thanh_tra" },
    { "tu_chu_nhom1",        "Số ĐVSNCL tự bảo đảm chi thường xuyên và chi đầu tư",           "int",   "snap",
      level = "tinh" },
    { "tu_chu_nhom2",        "Số ĐVSNCL tự bảo đảm chi thường xuyên",                         "int",   "snap",
      level = "tinh" },
    { "tu_chu_nhom3",        "Số ĐVSNCL tự bảo đảm một phần chi thường xuyên",                "int",   "snap",
      level = "tinh" },
    { "tu_chu_nhom4",        "Số ĐVSNCL do NSNN bảo đảm chi thường xuyên",                    "int",   "snap",
      level = "tinh" },
    { "khoan_bien_che",      "Số cơ quan thực hiện khoán biên chế, kinh phí quản lý hành chính", "int", "snap" },
    { "cong_khai_ngan_sach", "Đã công khai ngân sách đúng quy định",                          "bool",  "count_true" },
  },
  indicators = {
    { "ty_le_thu_ns", "Tỷ lệ thu ngân sách so với dự toán được giao",
      num = "thu_ns_thuc_hien", den = "thu_ns_du_toan" },
    { "ty_le_giai_ngan", "Tỷ lệ giải ngân vốn đầu tư công",
      num = "dtc_giai_ngan", den = "dtc_ke_hoach" },
    { "ty_le_kien_nghi", "Tỷ lệ kiến nghị sau thanh tra, kiểm tra, kiểm toán đã thực hiện",
      num = "kn_da_thuc_hien", den = "kn_thanh_tra" },
  },
}
