-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: a province (Sở Nội vụ) that collects CCHC figures
-- from its districts, as 1131/SNV-CCHC has each district collect them
-- from its departments and communes.  Here a district is one reporting
-- unit: what it sends is its own submission, the file
-- `baocao export PERIOD --format submission` writes from the district's
-- database (docs/formats.md).  It asks the districts for two of the
-- district's forms, with the same ids, fields and money unit, so that a
-- district's file is imported as any unit's; a provincial department
-- (sở) sends the same.  Never installed or shipped.

directive {
  id = "province-districts",
  title = "Hướng dẫn báo cáo CCHC của các huyện và sở, ngành (bản thử "
       .. "nghiệm, chỉ dùng cho kiểm thử)",
  reference = "TEST/SNV-CCHC",
  issued = "2022-01-01",
  issuer = "Sở Nội vụ (kiểm thử)",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
  -- The district's own unit: an amount sent up is the same number.
  money_unit = "triệu đồng",
}

level { id = "tinh",  label = "Sở, ban, ngành cấp tỉnh" }
level { id = "huyen", label = "Cấp huyện" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "department", label = "Sở, ban, ngành cấp tỉnh", level = "tinh" }
unit_kind { id = "district",   label = "Huyện, thị xã, thành phố", level = "huyen" }

role { id = "tai_chinh", label = "Sở Tài chính" }

include "periods.lua"
include "forms.lua"

-- Each district sends its public finance and its list of documents;
-- of the departments, the Sở Tài chính the finance, every one the list.
responsibility { kinds = { "district" }, parts = { "bm6", "pl1b" } }
responsibility { kinds = { "department" }, parts = { "pl1b" } }
responsibility { role = "tai_chinh", parts = { "bm6" } }
