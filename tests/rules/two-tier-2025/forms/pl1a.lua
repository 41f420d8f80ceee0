-- SPDX-License-Identifier: MIT
--
-- Phụ lục 1A — Kết quả thực hiện nhiệm vụ Kế hoạch CCHC năm: one row per
-- task the province's plan gives the department (the sở send it; communes
-- and wards report their plan's figures in bm1).

form {
  id = "pl1a",
  name = "Phụ lục 1A",
  title = "Kết quả thực hiện nhiệm vụ Kế hoạch CCHC năm",
  section = "A.I",
  owner = "Các sở, ban, ngành cấp tỉnh",
  fields = {
    { "nhiem_vu", "Nhiệm vụ được giao trong Kế hoạch CCHC năm của UBND tỉnh", "table", "count_by",
      count_by = "trang_thai",
      columns = {
        { "noi_dung",        "Nội dung nhiệm vụ",   "text", required = true },
        { "linh_vuc",        "Lĩnh vực",            "enum", required = true,
          values = {
            { "chi_dao",   "Công tác chỉ đạo, điều hành" },
            { "the_che",   "Cải cách thể chế" },
            { "tthc",      "Cải cách thủ tục hành chính" },
            { "bo_may",    "Cải cách tổ chức bộ máy hành chính nhà nước" },
            { "cong_vu",   "Cải cách chế độ công vụ" },
            { "tai_chinh", "Cải cách tài chính công" },
            { "cqs",       "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số" },
            { "hai_cap",   "Vận hành chính quyền địa phương hai cấp" },
            { "khac",      "Khác" },
          } },
        { "thoi_han",        "Thời hạn hoàn thành", "date", required = true },
        { "trang_thai",      "Tình trạng",          "enum", required = true,
          values = {
            { "ht_dung_han", "Hoàn thành đúng hạn" },
            { "ht_qua_han",  "Hoàn thành quá hạn" },
            { "dang_th",     "Đang thực hiện" },
            { "chua_th",     "Chưa thực hiện" },
          } },
        { "ngay_hoan_thanh", "Ngày hoàn thành",     "date",
          required_when = { trang_thai = { "ht_dung_han", "ht_qua_han" } } },
        { "ghi_chu",         "Ghi chú",             "text" },
      },
      row_checks = {
        { "ngay_hoan_thanh <= thoi_han", when = { trang_thai = "ht_dung_han" } },
        { "ngay_hoan_thanh > thoi_han",  when = { trang_thai = "ht_qua_han" } },
      },
    },
  },
  indicators = {
    { "ty_le_hoan_thanh", "Tỷ lệ nhiệm vụ hoàn thành",
      rows = "nhiem_vu", where = { trang_thai = { "ht_dung_han", "ht_qua_han" } } },
  },
}
