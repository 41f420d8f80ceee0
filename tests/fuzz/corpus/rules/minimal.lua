directive { id = "fz", title = "t", reference = "r",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" } }
level { id = "huyen", label = "Cấp huyện" }
level { id = "xa", label = "Cấp xã" }
unit_kind { id = "commune", label = "Xã", level = "xa" }
period_type { code = "Q1", label = "Quý I năm {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y", compile_due = "04/03/Y" }
period_type { code = "DX", label = "Đột xuất số {n}", adhoc = true }
section { id = "A", title = "A" }
section { id = "A.I", title = "A.I" }
section { id = "A.II", title = "A.II" }
for i = 1, 6 do section { id = "A.II." .. i, title = "A.II." .. i } end
responsibility { kinds = { "commune" }, parts = { "report" } }
