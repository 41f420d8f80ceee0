-- SPDX-License-Identifier: MIT
--
-- Phụ lục 1B — Danh mục văn bản chỉ đạo, điều hành CCHC ban hành trong
-- kỳ.  Every reporting unit sends it; an empty table says "no document
-- issued in the window".

form {
  id = "pl1b",
  name = "Phụ lục 1B",
  title = "Danh mục văn bản chỉ đạo, điều hành CCHC ban hành trong kỳ",
  section = "A.I",
  owner = "Mọi cơ quan, đơn vị",
  fields = {
    { "van_ban", "Danh mục văn bản chỉ đạo, điều hành CCHC", "table", "count_by",
      count_by = "loai",
      columns = {
        -- "12/KH-UBND", "05/2025/NQ-HĐND" (Nghị định 30/2020/NĐ-CP).
        { "so_ky_hieu", "Số, ký hiệu",        "text", required = true,
          pattern = "^%d+/[%w\128-\255][%w%-/\128-\255]*[%w\128-\255]$",
          example = "12/KH-UBND" },
        { "ngay",       "Ngày ban hành",      "date", required = true, in_window = "warn" },
        { "loai",       "Loại văn bản",       "enum", required = true,
          values = {
            { "nghi_quyet", "Nghị quyết" },
            { "chi_thi",    "Chỉ thị" },
            { "ke_hoach",   "Kế hoạch" },
            { "quyet_dinh", "Quyết định" },
            { "cong_van",   "Công văn" },
            { "bao_cao",    "Báo cáo" },
            { "khac",       "Khác" },
          } },
        { "trich_yeu",  "Trích yếu nội dung", "text", required = true },
      },
    },
  },
}
