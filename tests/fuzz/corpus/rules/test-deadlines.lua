-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: no directive of this name exists, and it is never
-- installed or shipped.  It stands for a guidance whose deadlines count
-- working days and differ by kind and level of unit, on the shared
-- holidays of the rules directory (rules/_common/holidays-vn.lua).  From
-- 2026 it supersedes cchc-1131.  Its one form is small, and it owes
-- by kind alone (the units' roles are cchc-1131's): the tests look at
-- deadlines, not at figures.

directive {
  id = "fz",
  title = "Hướng dẫn báo cáo (bản thử nghiệm hạn tính theo ngày làm việc)",
  reference = "TEST/WD",
  issued = "2025-12-01",
  issuer = "Bộ kiểm thử baocao",
  supersedes = "cchc-1131",
  in_force = { from = "2026-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}

level { id = "huyen", label = "Cấp huyện" }
level { id = "xa",    label = "Cấp xã" }

unit_kind { id = "province",   label = "Tỉnh" }
unit_kind { id = "district",   label = "Huyện" }
unit_kind { id = "department", label = "Phòng, ban, ngành cấp huyện", level = "huyen" }
unit_kind { id = "commune",    label = "Xã",       level = "xa" }
unit_kind { id = "town",       label = "Thị trấn", level = "xa" }

include "_common/holidays-vn.lua"
include "periods.lua"

form {
  id = "bm1",
  name = "Biểu số 01",
  title = "Văn bản chỉ đạo",
  fields = {
    { "vb_chi_dao", "Số văn bản chỉ đạo ban hành trong kỳ", "int", "sum" },
  },
}

responsibility { kinds = { "department", "commune", "town" }, parts = { "bm1" } }

--@ periods.lua
-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY: each type shows one way a deadline is counted.  The days
-- named are those of 2026 (rules/_common/holidays-vn.lua).

-- Working days after a window that ends Tuesday 10/3: units by the 5th
-- (Tuesday 17/3), the weekend 14–15/3 skipped; communes and the town
-- (level xa) by the 3rd, Friday 13/3; the town's own kind by 20/03.
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = {
    default = "+5wd after window",
    level = { xa = "+3wd after window" },
    kind = { town = "20/03/Y" },
  },
  compile_due = "+10wd after window",
  advance = false,
}

-- Across Tết: the window ends Tuesday 10/2/2026, Tết Bính Ngọ is 14–22/2;
-- the 5th working day is Tuesday 24/2.
period_type {
  code = "T1", label = "Tháng Giêng năm {year}",
  window = { from = "11/01/Y", to = "10/02/Y" },
  unit_due = "+5wd after window",
  compile_due = "+7wd after window",
  advance = false,
}

-- Communes by the 25th, departments by the 28th (the rest of the units);
-- advanced by a document, each unit keeps the earlier of the two.
period_type {
  code = "H1", label = "6 tháng đầu năm {year}",
  window = { from = "10/12/Y-1", to = "10/06/Y" },
  unit_due = { default = "28/05/Y", level = { xa = "25/05/Y" } },
  compile_due = "04/06/Y",
  advance = true,
}

-- A Saturday worked: the window ends Thursday 20/8/2026, Saturday 22/8
-- is worked for Monday 31/8, so the 5th working day is Wednesday 26/8;
-- compilation skips Quốc khánh (29/8–2/9): Monday 7/9.
period_type {
  code = "Q3", label = "Quý III năm {year}",
  window = { from = "10/06/Y", to = "20/08/Y" },
  unit_due = "+5wd after window",
  compile_due = "+10wd after window",
  advance = false,
}

period_type {
  code = "DX", label = "Báo cáo đột xuất số {n} năm {year}",
  adhoc = true,
}

--@ _common/holidays-vn.lua
-- SPDX-License-Identifier: MIT
--
-- Ngày nghỉ lễ, Tết của cán bộ, công chức, viên chức (cơ quan hành chính,
-- sự nghiệp, tổ chức chính trị, chính trị - xã hội nghỉ thứ Bảy, Chủ nhật
-- hằng tuần), 2023–2027: the days off a deadline in working days skips
-- ("+5wd after window").  A ruleset uses them with
--
--     include "_common/holidays-vn.lua"
--
-- What the law fixes: Bộ luật Lao động số 45/2019/QH14, Điều 112 khoản 1
-- (nghỉ lễ, tết hưởng nguyên lương): Tết Dương lịch 01 ngày (1/1); Tết Âm
-- lịch 05 ngày; Ngày Chiến thắng 01 ngày (30/4); Ngày Quốc tế lao động 01
-- ngày (1/5); Quốc khánh 02 ngày (2/9 và 01 ngày liền kề trước hoặc sau);
-- Giỗ Tổ Hùng Vương 01 ngày (10/3 âm lịch).  Điều 112 khoản 3: the Prime
-- Minister sets each year the days of Tết Âm lịch and the day next to 2/9.
-- Điều 111 khoản 3: a holiday on a weekly day off (Saturday, Sunday) is
-- made up on the next working day (nghỉ bù).  The Government swaps a
-- working day for a Saturday each year or so (hoán đổi ngày làm việc):
-- those Saturdays are working_day{}s.  The Ministry of Labour, Invalids
-- and Social Affairs (Bộ LĐTBXH) gave notice of them until 2024; the
-- Ministry of Home Affairs (Bộ Nội vụ), which took over its labour
-- duties in 2025, from then.
--
-- Each holiday{} below is the whole break as the notice gives it, its
-- Saturdays and Sundays included (they are days off either way).  A year
-- is known to a count only through the holidays registered in it: a year
-- missing here is an error for a deadline counted through it, never
-- counted as if it had no holiday.  Register a year whole.
--
-- Not registered: ngày 24/11, "Ngày Văn hóa Việt Nam".  The Politburo
-- chose it in January 2026 (Nghị quyết 80-NQ/TW) with the aim of making
-- it a paid day off, but no amendment of Điều 112 making it one could be
-- confirmed; add it here once the law does.

-- 2023 -----------------------------------------------------------------
-- Tết Âm lịch and Quốc khánh: Công văn số 8056/VPCP-KGVX ngày 01/12/2022
-- của Văn phòng Chính phủ (Phó Thủ tướng Vũ Đức Đam đồng ý đề xuất của Bộ
-- LĐTBXH).  The rest by the law alone: 1/1 a Sunday, made up on Monday
-- 2/1; Giỗ Tổ (10/3 âm lịch) a Saturday, 29/4, and 30/4 a Sunday, made up
-- on 2/5 and 3/5 after 1/5, a Monday: five days from 29/4 to 3/5, no swap.
holiday { from = "2023-01-01", to = "2023-01-02", label = "Tết Dương lịch" }
holiday { from = "2023-01-20", to = "2023-01-26", label = "Tết Nguyên đán Quý Mão" }
holiday { from = "2023-04-29", to = "2023-05-03",
          label = "Giỗ Tổ Hùng Vương, Ngày Chiến thắng và Ngày Quốc tế lao động" }
holiday { from = "2023-09-01", to = "2023-09-04", label = "Quốc khánh" }

-- 2024 -----------------------------------------------------------------
-- Tết Âm lịch and Quốc khánh: Công văn số 8662/VPCP-KGVX ngày 03/11/2023
-- (on Bộ LĐTBXH's Công văn số 4594/LĐTBXH-ATLĐ ngày 27/10/2023).  30/4 –
-- 1/5: Công văn số 2450/VPCP-KGVX ngày 12/4/2024, Monday 29/4 swapped for
-- Saturday 4/5.  1/1 (a Monday) and Giỗ Tổ (Thursday 18/4) by the law.
holiday { date = "2024-01-01", label = "Tết Dương lịch" }
holiday { from = "2024-02-08", to = "2024-02-14", label = "Tết Nguyên đán Giáp Thìn" }
holiday { date = "2024-04-18", label = "Giỗ Tổ Hùng Vương" }
holiday { from = "2024-04-27", to = "2024-05-01",
          label = "Ngày Chiến thắng và Ngày Quốc tế lao động" }
working_day { date = "2024-05-04", label = "Làm bù ngày 29/4/2024" }
holiday { from = "2024-08-31", to = "2024-09-03", label = "Quốc khánh" }

-- 2025 -----------------------------------------------------------------
-- Công văn số 8726/VPCP-KGVX ngày 26/11/2024 on Tết Âm lịch and the year's
-- holidays, made known by Thông báo số 6150/TB-BLĐTBXH (Bộ LĐTBXH,
-- 12/2024): Tết from Saturday 25/1 to Sunday 2/2 (its five days Monday
-- 27/1 to Friday 31/1: no swap); 30/4 – 4/5 with Friday 2/5 swapped for
-- Saturday 26/4; Quốc khánh Saturday 30/8 to Tuesday 2/9 (2/9 and Monday
-- 1/9), as Bộ Nội vụ announced again in August 2025.  1/1 (a Wednesday)
-- and Giỗ Tổ (Monday 7/4) by the law.
holiday { date = "2025-01-01", label = "Tết Dương lịch" }
holiday { from = "2025-01-25", to = "2025-02-02", label = "Tết Nguyên đán Ất Tỵ" }
holiday { date = "2025-04-07", label = "Giỗ Tổ Hùng Vương" }
working_day { date = "2025-04-26", label = "Làm bù ngày 02/5/2025" }
holiday { from = "2025-04-30", to = "2025-05-04",
          label = "Ngày Chiến thắng và Ngày Quốc tế lao động" }
holiday { from = "2025-08-30", to = "2025-09-02", label = "Quốc khánh" }

-- 2026 -----------------------------------------------------------------
-- Tết Dương lịch: Công văn số 12729/VPCP-KGVX ngày 25/12/2025 (Phó Thủ
-- tướng Phạm Thị Thanh Trà đồng ý đề xuất của Bộ Nội vụ): Thursday 1/1 to
-- Sunday 4/1, Friday 2/1 swapped for Saturday 10/1.  Tết Âm lịch and
-- Quốc khánh: Công văn số 9859/VPCP-KGVX (10/2025), on Bộ Nội vụ's Công
-- văn số 8764/BNV-CVL, made known by Thông báo số 9441/TB-BNV ngày
-- 16/10/2025: Tết Saturday 14/2 to Sunday 22/2 (its five days Monday 16/2
-- to Friday 20/2); Quốc khánh Saturday 29/8 to Wednesday 2/9 (2/9 and
-- Tuesday 1/9), Monday 31/8 swapped for Saturday 22/8.
-- Giỗ Tổ (10/3 âm lịch) falls on Sunday 26/4, made up on Monday 27/4, and
-- 30/4 – 1/5 are a Thursday and a Friday: by the law alone; no notice
-- swapping a day around them could be confirmed, so none is written.
holiday { from = "2026-01-01", to = "2026-01-04", label = "Tết Dương lịch" }
working_day { date = "2026-01-10", label = "Làm bù ngày 02/01/2026" }
holiday { from = "2026-02-14", to = "2026-02-22", label = "Tết Nguyên đán Bính Ngọ" }
holiday { from = "2026-04-26", to = "2026-04-27", label = "Giỗ Tổ Hùng Vương" }
holiday { from = "2026-04-30", to = "2026-05-01",
          label = "Ngày Chiến thắng và Ngày Quốc tế lao động" }
working_day { date = "2026-08-22", label = "Làm bù ngày 31/8/2026" }
holiday { from = "2026-08-29", to = "2026-09-02", label = "Quốc khánh" }

-- 2027 -----------------------------------------------------------------
-- No notice for 2027 could be confirmed: only what the law fixes is here.
-- 1/1 a Friday; Giỗ Tổ (10/3 âm lịch) Friday 16/4; 30/4 a Friday and 1/5
-- a Saturday, made up on Monday 3/5 (2/5 is a Sunday).  Two breaks the
-- law leaves to the Prime Minister are not yet decided, and a deadline
-- counted through them is refused until they are: the five days of Tết
-- Đinh Mùi (mùng 1 Tết is Saturday 6/2; the span below is every day they
-- could fall on, with the weekends next to them), and the day next to
-- Quốc khánh (2/9 is a Thursday: Wednesday 1/9 or Friday 3/9).  When the
-- notices come out, replace those two with the days they set, and add
-- any swapped Saturday.
holiday { date = "2027-01-01", label = "Tết Dương lịch" }
holiday { from = "2027-02-01", to = "2027-02-14", undecided = true,
          label = "Tết Nguyên đán Đinh Mùi (ngày nghỉ cụ thể chưa quyết định)" }
holiday { date = "2027-04-16", label = "Giỗ Tổ Hùng Vương" }
holiday { from = "2027-04-30", to = "2027-05-03",
          label = "Ngày Chiến thắng và Ngày Quốc tế lao động" }
holiday { from = "2027-09-01", to = "2027-09-03", undecided = true,
          label = "Quốc khánh (ngày liền kề 2/9 chưa quyết định)" }
