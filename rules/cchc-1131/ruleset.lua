-- SPDX-License-Identifier: MIT
--
-- Hướng dẫn thực hiện chế độ thông tin, báo cáo kết quả công tác cải cách
-- hành chính định kỳ của UBND huyện, thực hiện Công văn số 1131/SNV-CCHC
-- ngày 10/5/2023 của Sở Nội vụ; thay thế Công văn số 381/UBND-NV ngày
-- 08/3/2023 của UBND huyện.
--
-- Everything here is read from the guidance (seed: huong-dan-bao-cao-cchc.txt,
-- section "2. Về thời gian báo cáo").  Dates are DD/MM/Y, Y being the
-- period's year: "10/12/Y-1" is 10 December of the year before.

directive {
  id = "cchc-1131",
  title = "Hướng dẫn thực hiện chế độ thông tin, báo cáo kết quả công tác "
       .. "cải cách hành chính định kỳ",
  reference = "1131/SNV-CCHC",
  issued = "2023-05-10",
  issuer = "Sở Nội vụ",
  replaces = "Công văn số 381/UBND-NV ngày 08/3/2023 của UBND huyện",
  -- No earlier ruleset is available, and a district needs last year's
  -- figures beside this year's: this one governs every period from 2022.
  in_force = { from = "2022-01-01" },
  -- "gửi về UBND huyện … trước ngày 28": read as "no later than the 28th",
  -- any time of that day in Vietnam time.
  deadline = { inclusive = true, utc_offset = "+07:00" },
  -- A money field that names no unit of its own.
  money_unit = "triệu đồng",
  reading = "\"trước ngày 28\" được hiểu là \"chậm nhất ngày 28\": báo cáo "
         .. "nhận được trong ngày 28 (giờ Việt Nam, UTC+07:00) là đúng hạn.",
  -- The narrative report (outline.lua), as the guidance calls it beside
  -- the forms' "Biểu số 01 …": "báo cáo bằng văn bản".
  report_name = "Báo cáo bằng văn bản",
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

-- Departments that lead CCHC tasks and answer for particular forms.
role { id = "noi_vu",  label = "Phòng Nội vụ" }
role { id = "tu_phap", label = "Phòng Tư pháp" }
role { id = "vp_ubnd", label = "Văn phòng HĐND - UBND huyện" }
role { id = "tckh",    label = "Phòng Tài chính - Kế hoạch" }
role { id = "vhtt",    label = "Phòng Văn hóa - Thông tin" }

-- 3. Gửi báo cáo: qua hệ thống I-Office, đồng thời gửi bản mềm qua thư
-- điện tử hoặc Zalo.  ("file", a file handed over otherwise, is always
-- accepted.)
channel { id = "ioffice", label = "Hệ thống quản lý văn bản I-Office" }
channel { id = "email",   label = "Thư điện tử" }
channel { id = "zalo",    label = "Zalo" }

include "periods.lua"
include "outline.lua"
for _, form in ipairs { "bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7",
                        "pl1a", "pl1b" } do
  include("forms/" .. form .. ".lua")
end
include "responsibilities.lua"
include "wording.lua"
-- How the district follows, assesses and ranks its units every year.
include "scoring.lua"
