-- SPDX-License-Identifier: MIT
--
-- TEST-ONLY ruleset: summaries whose placeholders name nothing.  `rules
-- check` must refuse it, naming each bad placeholder at the file:line of
-- its section{} (core/rules/test_summary.c, tests/e2e/summary.py).  The
-- line numbers below are what those tests expect: keep them.

directive {
  id = "summary-broken", title = "Hướng dẫn thử", reference = "TEST/SB",
  in_force = { from = "2023-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}
level { id = "xa", label = "Cấp xã" }
unit_kind { id = "commune", label = "Xã", level = "xa" }
period_type {
  code = "Q1", label = "Quý I năm {year}",
  window = { from = "01/01/Y", to = "31/03/Y" },
  unit_due = "05/04/Y", compile_due = "10/04/Y",
}
form {
  id = "cd", name = "Biểu thử", title = "Chỉ đạo, điều hành",
  fields = { { "vb", "Số văn bản", "int", "sum" } },
}

section { id = "A", title = "CÔNG TÁC CHỈ ĐẠO", forms = { "cd" },
  summary = {
    "Ban hành {cd.vb} văn bản ({cd.khong_co}).",
    "{cd.vb:sau} so với cùng kỳ.",
  } }

section { id = "B", title = "KHÁC",
  summary = "Cấp xã {cd.vb@xa}, cấp tỉnh {cd.vb@tinh}.",
  unit_summary = { "Đơn vị ban hành {cd.khong_co}.", "{cd.vb:sau}." } }
