-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: a directive that arrives late.  It stands for
-- 1131/SNV-CCHC, issued on 10 May 2023 by the province and in force for
-- every period whose data window ends from 1 January 2023, so for
-- 2023-Q1, whose reports were due on 28 February and recorded under
-- late-old.  Never installed or shipped (tests/e2e/repoint.py,
-- core/import/test_repoint.c).
--
-- What it changes from late-old, each a thing the tests look for:
--   - Q1's units are due on 20/02, not 28/02: a report received on the
--     25th turns late; H1's on 15/05, not 28/05: earlier than a district's
--     document that had advanced H1 to 20/05, which no longer counts;
--   - Biểu số 01 (hs) requires its total, hs_tiep_nhan, and adds the
--     count of files settled late: a form sent without the total fails;
--   - Biểu số 02 (vb) is no longer asked of anyone;
--   - Biểu số 03 (cds), new, is asked of communes and towns;
--   - the outline gains section III, which communes and towns must
--     write: their reports are no longer complete.

directive {
  id = "late-new",
  title = "Hướng dẫn thực hiện chế độ thông tin, báo cáo kết quả công tác "
       .. "cải cách hành chính định kỳ (bản thử nghiệm)",
  reference = "1131/SNV-CCHC",
  issued = "2023-05-10",
  issuer = "Sở Nội vụ",
  replaces = "Công văn số 381/UBND-NV ngày 08/3/2023 của UBND huyện",
  supersedes = "late-old",
  in_force = { from = "2023-01-01" },
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
  unit_due = "20/02/Y",
  compile_due = "04/03/Y",
}

period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = "15/05/Y",
  compile_due = "04/06/Y",
  advance = true,
}

period_type { code = "DX", label = "Báo cáo đột xuất số {n} năm {year}", adhoc = true }

section { id = "I",   title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" }
section { id = "II",  title = "KẾT QUẢ THỰC HIỆN", forms = { "hs" } }
section { id = "III", title = "CHUYỂN ĐỔI SỐ", forms = { "cds" } }

form {
  id = "hs", name = "Biểu số 01",
  title = "Kết quả giải quyết hồ sơ thủ tục hành chính",
  section = "II",
  fields = {
    { "hs_tiep_nhan", "Tổng số hồ sơ tiếp nhận",        "int", "sum",
      required = true },
    { "hs_dung_han",  "Số hồ sơ giải quyết đúng hạn",   "int", "sum",
      check = "<= hs_tiep_nhan" },
    { "hs_qua_han",   "Số hồ sơ giải quyết quá hạn",    "int", "sum" },
    { "ghi_chu",      "Ghi chú",                          "text", "list" },
  },
  indicators = {
    { "ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
      num = "hs_dung_han", den = "hs_tiep_nhan" },
  },
}

form {
  id = "cds", name = "Biểu số 03",
  title = "Chuyển đổi số",
  section = "III",
  fields = {
    { "to_cong_nghe_so", "Số tổ công nghệ số cộng đồng", "int", "snap" },
  },
}

responsibility { kinds = { "department" }, parts = { "report", "hs" },
                 sections = { "I" } }
responsibility { kinds = { "commune", "town" }, parts = { "report", "hs", "cds" },
                 sections = { "I", "II", "III" } }
