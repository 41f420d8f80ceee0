-- SPDX-License-Identifier: MIT
-- An enum's choices in both syntaxes, mixed in one list, and one given
-- alone (core/rules/test_ruleset.c, enum_choices_with_labels).
directive {
  id = "t", title = "T", reference = "1/T",
  in_force = { from = "2022-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}
period_type {
  code = "Q1", label = "Q1 {year}",
  window = { from = "10/12/Y-1", to = "10/03/Y" },
  unit_due = "28/02/Y", compile_due = "04/03/Y",
}
form { id = "bm", title = "B", fields = {
  { "van_ban", "Văn bản", "table", "count_by", count_by = "loai", columns = {
    { "loai", "Loại văn bản", "enum",
      values = { { "nghi_quyet", "Nghị quyết" }, "khac", { "ke_hoach", "Kế hoạch" } } },
  } },
  { "mot", "Một lựa chọn", "enum", "list", values = "duy_nhat" },
} }
