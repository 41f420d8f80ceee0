-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: the directive in force when a district recorded its
-- first-quarter reports, before a late directive (late-new) arrived.  It
-- stands for the district's letter 381/UBND-NV of 8 March 2023, which
-- 1131/SNV-CCHC of 10 May 2023 replaced after 2023-Q1 was due: the case
-- of `baocao period rules` (tests/e2e/repoint.py, core/import/
-- test_repoint.c).  Never installed or shipped.
--
-- Small on purpose: two forms and a two-section outline, so the tests can
-- say exactly what the late directive changes (see late-new).

directive {
  id = "late-old",
  title = "Hướng dẫn báo cáo kết quả công tác CCHC định kỳ (bản thử nghiệm)",
  reference = "381/UBND-NV",
  issued = "2023-03-08",
  issuer = "UBND huyện",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  report_name = "Báo cáo bằng văn bản",
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

role { id = "noi_vu",  label = "Phòng Nội vụ" }
role { id = "tu_phap", label = "Phòng Tư pháp" }
role { id = "vp_ubnd", label = "Văn phòng HĐND - UBND huyện" }
role { id = "tckh",    label = "Phòng Tài chính - Kế hoạch" }
role { id = "vhtt",    label = "Phòng Văn hóa - Thông tin" }

channel { id = "email", label = "Thư điện tử" }

period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y",
  compile_due = "04/03/Y",
}

period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "28/05/Y",
  compile_due = "04/06/Y",
  advance = true,
}

period_type { code = "DX", label = "Báo cáo đột xuất số {n} năm {year}", adhoc = true }

section { id = "I",  title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" }
section { id = "II", title = "KẾT QUẢ THỰC HIỆN", forms = { "hs", "vb" } }

form {
  id = "hs", name = "Biểu số 01",
  title = "Kết quả giải quyết hồ sơ thủ tục hành chính",
  section = "II",
  fields = {
    { "hs_tiep_nhan", "Tổng số hồ sơ tiếp nhận",        "int", "sum" },
    { "hs_dung_han",  "Số hồ sơ giải quyết đúng hạn",   "int", "sum",
      check = "<= hs_tiep_nhan" },
    { "ghi_chu",      "Ghi chú",                          "text", "list" },
  },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
      num = "hs_dung_han", den = "hs_tiep_nhan" },
  },
}

form {
  id = "vb", name = "Biểu số 02",
  title = "Văn bản chỉ đạo, điều hành công tác CCHC",
  section = "I",
  fields = {
    { "vb_ban_hanh", "Số văn bản chỉ đạo, điều hành về CCHC ban hành", "int", "sum" },
    { "van_ban", "Danh mục văn bản", "table", "list",
      columns = {
        { "so_ky_hieu", "Số, ký hiệu", "text", required = true },
        { "ngay", "Ngày ban hành", "date", required = true },
        { "loai", "Loại văn bản", "enum", required = true,
          values = { { "ke_hoach", "Kế hoạch" }, { "cong_van", "Công văn" } } },
      } },
  },
}

responsibility { kinds = { "department" }, parts = { "report", "hs" },
                 sections = { "I" } }
responsibility { kinds = { "commune", "town" }, parts = { "report", "hs", "vb" },
                 sections = { "I", "II" } }
