-- SPDX-License-Identifier: MIT
--
-- Biểu số 06 and Phụ lục 1B as the province asks them of a district: the
-- district's forms (rules/cchc-1131/forms/bm6.lua, pl1b.lua) with the
-- same ids, asked of every level.  The yes/no of bm6 has no sum across a
-- district's units: a district's file leaves it out unless the district
-- answered it itself.

form {
  id = "bm6", name = "Biểu số 06", title = "Cải cách tài chính công",
  fields = {
    { "thu_ns_du_toan",      "Dự toán thu ngân sách được giao",                   "money", "snap" },
    { "thu_ns_thuc_hien",    "Thu ngân sách thực hiện lũy kế",                    "money", "sum" },
    { "dtc_ke_hoach",        "Kế hoạch vốn đầu tư công",                          "money", "snap" },
    { "dtc_giai_ngan",       "Vốn đầu tư công đã giải ngân lũy kế",               "money", "sum",
      expect = "<= dtc_ke_hoach" },
    { "kn_thanh_tra",        "Số kiến nghị sau thanh tra, kiểm tra, kiểm toán",   "int",   "sum" },
    { "kn_da_thuc_hien",     "Số kiến nghị đã thực hiện",                         "int",   "sum",
      check = "<= kn_thanh_tra" },
    { "tu_chu_nhom1",        "Số ĐVSNCL tự bảo đảm chi thường xuyên và chi đầu tư", "int", "snap" },
    { "tu_chu_nhom2",        "Số ĐVSNCL tự bảo đảm chi thường xuyên",             "int",   "snap" },
    { "tu_chu_nhom3",        "Số ĐVSNCL tự bảo đảm một phần chi thường xuyên",    "int",   "snap" },
    { "tu_chu_nhom4",        "Số ĐVSNCL do NSNN bảo đảm chi thường xuyên",        "int",   "snap" },
    { "khoan_bien_che",      "Số cơ quan thực hiện khoán biên chế, kinh phí",     "int",   "snap" },
    { "cong_khai_ngan_sach", "Đã công khai ngân sách đúng quy định",              "bool",  "count_true" },
  },
  indicators = {
    { "ty_le_thu_ns", "Tỷ lệ thu ngân sách so với dự toán được giao",
      num = "thu_ns_thuc_hien", den = "thu_ns_du_toan" },
    { "ty_le_giai_ngan", "Tỷ lệ giải ngân vốn đầu tư công",
      num = "dtc_giai_ngan", den = "dtc_ke_hoach" },
    { "ty_le_kien_nghi", "Tỷ lệ kiến nghị đã thực hiện",
      num = "kn_da_thuc_hien", den = "kn_thanh_tra" },
  },
}

form {
  id = "pl1b", name = "Phụ lục 1B",
  title = "Danh mục văn bản chỉ đạo, điều hành CCHC ban hành trong kỳ",
  fields = {
    -- A district's list is its units' lists, one after the other.
    { "van_ban", "Danh mục văn bản chỉ đạo, điều hành CCHC", "table", "count_by",
      count_by = "loai",
      columns = {
        { "so_ky_hieu", "Số, ký hiệu",        "text", required = true },
        { "ngay",       "Ngày ban hành",      "date", required = true, in_window = "warn" },
        { "loai",       "Loại văn bản",       "enum", required = true,
          values = {
            { "nghi_quyet", "Nghị quyết" }, { "chi_thi", "Chỉ thị" },
            { "ke_hoach", "Kế hoạch" }, { "quyet_dinh", "Quyết định" },
            { "cong_van", "Công văn" }, { "bao_cao", "Báo cáo" },
            { "khac", "Khác" },
          } },
        { "trich_yeu",  "Trích yếu nội dung", "text", required = true },
      },
    },
  },
}
