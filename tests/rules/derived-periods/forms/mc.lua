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
