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
        -- The fields of the outline's part A.II (chi_dao: A.I; the_che:
        -- A.II.1; tthc: A.II.2; bo_may: A.II.3; cong_vu: A.II.4;
        -- tai_chinh: A.II.5; cqs — chính quyền điện tử, chính quyền số:
        -- A.II.6; khac: A.II.7 and the rest).
        { "linh_vuc",        "Lĩnh vực",            "enum", required = true,
          values = { "chi_dao", "the_che", "tthc", "bo_may", "cong_vu", "tai_chinh", "cqs", "khac" } },
        { "thoi_han",        "Thời hạn hoàn thành", "date", required = true },
        -- "đã hoàn thành, chưa hoàn thành, thời gian nào hoàn thành":
        -- ht_dung_han hoàn thành đúng hạn, ht_qua_han hoàn thành quá hạn,
        -- dang_th đang thực hiện, chua_th chưa thực hiện.
        { "trang_thai",      "Tình trạng",          "enum", required = true,
          values = { "ht_dung_han", "ht_qua_han", "dang_th", "chua_th" } },
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
