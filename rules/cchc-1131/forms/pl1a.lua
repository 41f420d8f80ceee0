-- SPDX-License-Identifier: MIT
--
-- Phụ lục 1A — Kết quả thực hiện nhiệm vụ Kế hoạch CCHC năm.  "Các phòng,
-- ban, ngành cung cấp số liệu theo phụ lục 1A, 1B", and they "rà soát Kế
-- hoạch CCHC năm 2023 những nhiệm vụ được UBND huyện giao, đánh giá mức độ
-- thực hiện nhiệm vụ đã hoàn thành, chưa hoàn thành, thời gian nào hoàn
-- thành, báo cáo rõ kết quả thực hiện" (seed, "1. Về nội dung báo cáo").
-- The annex is not in the seed: the catalogue (forms.md, pl1a) makes it a
-- table, one row per task the district's plan gives the unit, so that
-- "thời gian nào hoàn thành" can be checked against the deadline.

form {
  id = "pl1a",
  name = "Phụ lục 1A",
  title = "Kết quả thực hiện nhiệm vụ Kế hoạch CCHC năm",
  section = "A.I",
  owner = "Các phòng, ban, ngành cấp huyện",
  fields = {
    { "nhiem_vu", "Nhiệm vụ được giao trong Kế hoạch CCHC năm của UBND huyện", "table", "count_by",
      count_by = "trang_thai",
      columns = {
        -- id                label                  type
        { "noi_dung",        "Nội dung nhiệm vụ",   "text", required = true },
        -- The fields of the outline (chi_dao: A.I; the_che: A.II.1;
        -- tthc: A.II.2; bo_may: A.II.3; cong_vu: A.II.4; tai_chinh:
        -- A.II.5; cqs: A.II.6; khac: A.II.7 and the rest), each labelled
        -- with its heading in the outline.
        { "linh_vuc",        "Lĩnh vực",            "enum", required = true,
          values = {
            { "chi_dao",   "Công tác chỉ đạo, điều hành" },
            { "the_che",   "Cải cách thể chế" },
            { "tthc",      "Cải cách thủ tục hành chính" },
            { "bo_may",    "Cải cách tổ chức bộ máy hành chính nhà nước" },
            { "cong_vu",   "Cải cách chế độ công vụ" },
            { "tai_chinh", "Cải cách tài chính công" },
            { "cqs",       "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số" },
            { "khac",      "Khác" },
          } },
        { "thoi_han",        "Thời hạn hoàn thành", "date", required = true },
        -- "đã hoàn thành, chưa hoàn thành, thời gian nào hoàn thành".
        { "trang_thai",      "Tình trạng",          "enum", required = true,
          values = {
            { "ht_dung_han", "Hoàn thành đúng hạn" },
            { "ht_qua_han",  "Hoàn thành quá hạn" },
            { "dang_th",     "Đang thực hiện" },
            { "chua_th",     "Chưa thực hiện" },
          } },
        -- A finished task says when it was finished.
        { "ngay_hoan_thanh", "Ngày hoàn thành",     "date",
          required_when = { trang_thai = { "ht_dung_han", "ht_qua_han" } } },
        { "ghi_chu",         "Ghi chú",             "text" },
      },
      -- "On time" and "late" must agree with the dates given.
      row_checks = {
        { "ngay_hoan_thanh <= thoi_han", when = { trang_thai = "ht_dung_han" } },
        { "ngay_hoan_thanh > thoi_han",  when = { trang_thai = "ht_qua_han" } },
      },
    },
  },
  indicators = {
    -- Finished, on time or late, out of all the unit's tasks.
    { "ty_le_hoan_thanh", "Tỷ lệ nhiệm vụ hoàn thành",
      rows = "nhiem_vu", where = { trang_thai = { "ht_dung_han", "ht_qua_han" } } },
  },
}
