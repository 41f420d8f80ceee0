-- SPDX-License-Identifier: MIT
--
-- Phụ lục 1B — Danh mục văn bản chỉ đạo, điều hành CCHC ban hành trong kỳ.
-- Every unit sends it: "Các phòng, ban, ngành cung cấp số liệu theo phụ lục
-- 1A, 1B", "UBND các xã, thị trấn cung cấp số liệu theo phụ lục 1B và biểu
-- mẫu 1 đến biểu mẫu 7" (seed, "1. Về nội dung báo cáo").  The outline
-- asks again and again to "ghi rõ số, ký hiệu, ngày, tháng, năm ban hành
-- văn bản" (A.I.1–4, A.II.1.1, A.II.2.1): the catalogue (forms.md, pl1b)
-- lists those documents here once.  An empty table is a valid answer ("no
-- document issued in the window"), distinct from a missing pl1b.

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
        -- id           label                 type
        -- Số, ký hiệu as Nghị định 30/2020/NĐ-CP writes it: the number, a
        -- slash, then the code — "12/KH-UBND", "15/QĐ-UBND", "123/UBND-NV";
        -- a QPPL number carries its year, "05/2023/NQ-HĐND".  After the
        -- slash: letters (bytes \128-\255 are the UTF-8 of Đ, Ư …),
        -- digits, '-' and '/', starting and ending with a letter or digit.
        -- Refused: "abc", "12", "/KH", "12/", "12/KH-".
        { "so_ky_hieu", "Số, ký hiệu",        "text", required = true,
          pattern = "^%d+/[%w\128-\255][%w%-/\128-\255]*[%w\128-\255]$",
          example = "12/KH-UBND" },
        -- A document dated outside the window may be a typo or a late
        -- entry: warn, do not refuse.
        { "ngay",       "Ngày ban hành",      "date", required = true, in_window = "warn" },
        { "loai",       "Loại văn bản",       "enum", required = true,
          -- The kinds of document Nghị định 30/2020/NĐ-CP names.
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
