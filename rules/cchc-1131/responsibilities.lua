-- SPDX-License-Identifier: MIT
--
-- Who owes what, every period (seed, "1. Về nội dung báo cáo"):
--
--   "Các phòng, ban, ngành cấp huyện, UBND các xã, thị trấn … xây dựng báo
--   cáo theo nội dung đề cương và phụ lục kèm theo.
--   Các phòng, ban, ngành cung cấp số liệu theo phụ lục 1A, 1B.
--   UBND các xã, thị trấn cung cấp số liệu theo phụ lục 1B và biểu mẫu 1
--   đến biểu mẫu 7."
--
-- A unit owes the union of every line matching its kind or one of its
-- roles: Phòng Nội vụ, a department, owes report, pl1a, pl1b, bm1, bm4,
-- bm5, with sections A.I–A.V and B.4.

-- Part A of the outline, which every reporting unit writes.  Its report is
-- complete when each of these has text in it or in a sub-section.
local part_a = { "A.I", "A.II", "A.III", "A.IV", "A.V" }

responsibility { kinds = { "department" },
                 parts = { "report", "pl1a", "pl1b" },
                 sections = part_a }

responsibility { kinds = { "commune", "town" },
                 parts = { "report", "pl1b", "bm1", "bm2", "bm3", "bm4", "bm5", "bm6", "bm7" },
                 sections = part_a }

-- "Đối với các đơn vị: Văn phòng HĐND - UBND huyện, Phòng Nội vụ, Phòng Tư
-- pháp, Phòng Tài chính - Kế hoạch, Phòng Văn hóa - Thông tin ngoài các nội
-- dung báo cáo theo đề cương đề nghị cung cấp thông tin, số liệu theo các
-- biểu mẫu …", and part B of the outline asks each of them for a report on
-- the tasks it leads in the district's 2021–2025 CCHC programme.
--
-- Part B numbers its lists 1 (Văn phòng), 2 (Tư pháp), 3 (Tài chính - Kế
-- hoạch), 5 (Văn hóa - Thông tin): there is no 4, and no list for Phòng Nội
-- vụ, though B's introduction names it.  The gap is taken to be Nội vụ's:
-- it owes B.4, whose guidance is that introduction's (outline.lua).

-- "Phòng Nội vụ: Báo cáo và cung cấp số liệu tại biểu mẫu 1; biểu mẫu 4;
-- biểu mẫu 5"
responsibility { role = "noi_vu",  parts = { "bm1", "bm4", "bm5" }, sections = { "B.4" } }
-- "Phòng Tư pháp: … biểu mẫu 2"
responsibility { role = "tu_phap", parts = { "bm2" },               sections = { "B.2" } }
-- "Văn phòng HĐND - UBND huyện: … biểu mẫu 3"
responsibility { role = "vp_ubnd", parts = { "bm3" },               sections = { "B.1" } }
-- "Phòng Tài chính - Kế hoạch: … biểu mẫu 6"
responsibility { role = "tckh",    parts = { "bm6" },               sections = { "B.3" } }
-- "Phòng Văn hóa - Thông tin: … biểu mẫu 7"
responsibility { role = "vhtt",    parts = { "bm7" },               sections = { "B.5" } }
