-- SPDX-License-Identifier: MIT
--
-- Who owes what, every period: "Các sở, ban, ngành cấp tỉnh; UBND các xã,
-- phường xây dựng báo cáo theo đề cương kèm theo.  Các sở, ban, ngành
-- cung cấp số liệu theo phụ lục 1A, 1B; UBND các xã, phường cung cấp số
-- liệu theo phụ lục 1B và biểu mẫu 1 đến biểu mẫu 7" — cchc-1131's
-- division, the province's departments in the district's phòng's place.

-- Part A of the outline, which every reporting unit writes.
local part_a = { "A.I", "A.II", "A.III", "A.IV", "A.V" }

responsibility { kinds = { "so" },
                 parts = { "report", "pl1a", "pl1b" },
                 sections = part_a }

-- A ward owes what a commune owes: the two-tier law gives them the same
-- tasks of state administration.
responsibility { kinds = { "xa", "phuong" },
                 parts = { "report", "pl1b", "bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7" },
                 sections = part_a }

-- "Ngoài các nội dung báo cáo theo đề cương, các cơ quan được giao chủ trì
-- nhiệm vụ trong Chương trình CCHC của tỉnh cung cấp số liệu theo biểu
-- mẫu và báo cáo rõ các nhiệm vụ được giao tại Phần B":
responsibility { role = "noi_vu",    parts = { "bm1", "bm4", "bm5" }, sections = { "B.1" } }
responsibility { role = "tu_phap",   parts = { "bm2" },               sections = { "B.2" } }
responsibility { role = "vp_ubnd",   parts = { "bm3" },               sections = { "B.3" } }
responsibility { role = "tai_chinh", parts = { "bm6" },               sections = { "B.4" } }
responsibility { role = "khcn",      parts = { "bm7" },               sections = { "B.5" } }
