-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: modelled on the guidance a province's Sở Nội vụ
-- issued once the district tier was abolished (Luật Tổ chức chính quyền
-- địa phương 2025; the two-tier local government from 1 July 2025).  The
-- document number below is invented; the ruleset is never installed or
-- shipped.  It is what tests/e2e/two_tier.py runs beside a copy of
-- rules/cchc-1131 to show a district's reporting carried into the
-- province's across the change.
--
-- What changes against cchc-1131:
--   - there is no district: the province (Sở Nội vụ for UBND tỉnh)
--     collects directly from its departments (sở, ban, ngành) and from
--     the communes and wards;
--   - the levels are tỉnh and xã; the province's departments answer at
--     level tỉnh what the district's phòng answered at level huyện;
--   - departments merged in 2025 took over forms: Sở Tài chính (with the
--     former Sở Kế hoạch và Đầu tư) bm6, Sở Khoa học và Công nghệ (with
--     the former Sở Thông tin và Truyền thông) bm7;
--   - deadlines are earlier (the 25th), as a province has more units to
--     compile than a district had;
--   - bm3 asks for the dossiers received wherever the applicant lives
--     (thủ tục hành chính không phụ thuộc địa giới hành chính), and the
--     outline for the running of the two-tier government.
-- Data windows stay those of cchc-1131 (cut-off on the 10th), so that a
-- period compares with the same period of last year over the same days.

directive {
  id = "two-tier-2025",
  title = "Hướng dẫn chế độ báo cáo công tác cải cách hành chính định kỳ "
       .. "khi thực hiện mô hình chính quyền địa phương hai cấp",
  reference = "2468/SNV-CCHC",
  issued = "2025-07-08",
  issuer = "Sở Nội vụ tỉnh Nghệ An",
  replaces = "Công văn số 1131/SNV-CCHC ngày 10/5/2023 của Sở Nội vụ",
  -- From the day the district tier ended: every period whose data window
  -- ends on or after 1 July 2025 (2025-Q3 on) is reported under it;
  -- cchc-1131 keeps every period before (2025-H1 ends on 10 June).
  supersedes = "cchc-1131",
  in_force = { from = "2025-07-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  money_unit = "triệu đồng",
  reading = "\"trước ngày 25\" được hiểu là \"chậm nhất ngày 25\": báo cáo "
         .. "nhận được trong ngày 25 (giờ Việt Nam, UTC+07:00) là đúng hạn.",
  report_name = "Báo cáo bằng văn bản",
}

level { id = "tinh", label = "Cấp tỉnh", was = { "huyen" } }
level { id = "xa",   label = "Cấp xã" }

-- The province collects; it does not report to itself.
unit_kind { id = "province", label = "Tỉnh" }
unit_kind { id = "so",       label = "Sở, ban, ngành cấp tỉnh", level = "tinh" }
unit_kind { id = "xa",       label = "Xã",                      level = "xa" }
unit_kind { id = "phuong",   label = "Phường",                  level = "xa" }

-- The departments that lead CCHC tasks of the province's programme and
-- answer for particular forms.
role { id = "noi_vu",    label = "Sở Nội vụ" }
role { id = "tu_phap",   label = "Sở Tư pháp" }
role { id = "vp_ubnd",   label = "Văn phòng UBND tỉnh" }
role { id = "tai_chinh", label = "Sở Tài chính" }
role { id = "khcn",      label = "Sở Khoa học và Công nghệ" }

-- Gửi báo cáo qua Hệ thống quản lý văn bản và điều hành của tỉnh, đồng
-- thời gửi bản mềm qua thư điện tử công vụ.
channel { id = "ioffice", label = "Hệ thống quản lý văn bản và điều hành" }
channel { id = "email",   label = "Thư điện tử công vụ" }

include "periods.lua"
include "outline.lua"
for _, form in ipairs { "bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7",
                        "pl1a", "pl1b" } do
  include("forms/" .. form .. ".lua")
end
include "responsibilities.lua"
include "wording.lua"
