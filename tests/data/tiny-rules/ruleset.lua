-- SPDX-License-Identifier: MIT
-- The smallest ruleset a store keeps (core/store/test_store.c): one unit
-- kind, one period type in a file of its own.
directive {
  id = "tiny", title = "Hướng dẫn thử", reference = "1/T",
  in_force = { from = "2023-01-01" },
  deadline = { inclusive = true, utc_offset = "+07:00" },
}
unit_kind { id = "department", label = "Phòng" }
include "periods/q.lua"
