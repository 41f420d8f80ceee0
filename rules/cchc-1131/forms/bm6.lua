-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 6 — Cải cách tài chính công.  "Phòng Tài chính - Kế hoạch: Báo
-- cáo và cung cấp số liệu tại biểu mẫu 6" (seed, "1. Về nội dung báo cáo");
-- communes send it too.  Rebuilt in the catalogue (forms.md, bm6) from
-- outline A.II.5 and part B.3.  Money is in million VND ("triệu đồng"),
-- the type's default unit; amounts keep at most 2 decimals.

form {
  id = "bm6",
  name = "Biểu số 06",
  title = "Cải cách tài chính công",
  section = "A.II.5",
  owner = "Phòng Tài chính - Kế hoạch",
  fields = {
    -- id                    label                                                                 type     aggregation
    -- A.II.5.1 "Tiến độ, kết quả thực hiện thu ngân sách nhà nước theo Kế
    -- hoạch được các cấp thẩm quyền giao": the estimate is the year's, the
    -- revenue what came in over the window.
    { "thu_ns_du_toan",      "Dự toán thu ngân sách được giao",                                    "money", "snap" },
    { "thu_ns_thuc_hien",    "Thu ngân sách thực hiện lũy kế",                                     "money", "sum" },
    -- A.II.5.1 "Kết quả thực hiện Kế hoạch giải ngân vốn đầu tư công".
    -- Disbursing past the plan happens (a plan raised late in the year):
    -- warn only.
    { "dtc_ke_hoach",        "Kế hoạch vốn đầu tư công",                                           "money", "snap" },
    { "dtc_giai_ngan",       "Vốn đầu tư công đã giải ngân lũy kế",                                "money", "sum",
      expect = "<= dtc_ke_hoach" },
    -- A.II.5.1 "Tiến độ, kết quả thực hiện các kiến nghị sau thanh tra,
    -- kiểm tra, kiểm toán nhà nước về tài chính, ngân sách".
    { "kn_thanh_tra",        "Số kiến nghị sau thanh tra, kiểm tra, kiểm toán về tài chính",       "int",   "sum" },
    { "kn_da_thuc_hien",     "Số kiến nghị đã thực hiện",                                          "int",   "sum",
      check = "<= kn_thanh_tra" },
    -- A.II.5.3 and B.3 "theo Nghị định số 60/2021/NĐ-CP … (tự chủ 100% chi
    -- thường xuyên và chi đầu tư; tự chủ 100% chi thường xuyên; tự chủ một
    -- phần chi thường xuyên; do nhà nước đảm bảo 100% chi thường xuyên)":
    -- the four groups of the decree.  Public service units are the
    -- district's, so these are asked of the district level only.
    { "tu_chu_nhom1",        "Số ĐVSNCL tự bảo đảm chi thường xuyên và chi đầu tư",                "int",   "snap",
      level = "huyen" },
    { "tu_chu_nhom2",        "Số ĐVSNCL tự bảo đảm chi thường xuyên",                              "int",   "snap",
      level = "huyen" },
    { "tu_chu_nhom3",        "Số ĐVSNCL tự bảo đảm một phần chi thường xuyên",                     "int",   "snap",
      level = "huyen" },
    { "tu_chu_nhom4",        "Số ĐVSNCL do NSNN bảo đảm chi thường xuyên",                         "int",   "snap",
      level = "huyen" },
    -- B.3 "Thực hiện chế độ tự chủ, tự chịu trách nhiệm về sử dụng biên chế
    -- và kinh phí quản lý hành chính … theo Nghị định 130/2005/NĐ-CP".
    { "khoan_bien_che",      "Số cơ quan thực hiện khoán biên chế, kinh phí quản lý hành chính",   "int",   "snap" },
    -- Counted across units: how many published their budget as required.
    { "cong_khai_ngan_sach", "Đã công khai ngân sách đúng quy định",                               "bool",  "count_true" },
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
