-- SPDX-License-Identifier: MIT
--
-- The words of the official documents baocao drafts under this
-- directive (baocao report, the reminder letters), laid out as Nghị định
-- 30/2020/NĐ-CP lays out every administrative document.  Which body
-- issues a document and where it sits come from the units' data: here
-- only how a unit's name becomes its header's lines.  {name} is filled
-- where the text is used; docs/rules.md ("Document words") lists which
-- names each word takes.  The national title and motto, "Số:", the place
-- and date, "Kính gửi:" and "Nơi nhận:" are the decree's and not worded
-- here; bodies, types and signers are set in capitals whatever is written.

document {
  -- How a unit is named in the header: its place is its name past one of
  -- the prefixes ("UBND huyện Tân Kỳ" is in Tân Kỳ); a department is in
  -- its parent's place, and its header names the body above it first.
  issuers = {
    province = {
      prefix = { "UBND tỉnh", "Ủy ban nhân dân tỉnh", "Tỉnh" },
      body = { "Ủy ban nhân dân", "tỉnh {place}" },
      above = "UBND tỉnh {place}",
    },
    district = {
      prefix = { "UBND huyện", "Ủy ban nhân dân huyện", "Huyện" },
      body = { "Ủy ban nhân dân", "huyện {place}" },
      above = "UBND huyện {place}",
    },
    commune = {
      prefix = { "UBND xã", "Ủy ban nhân dân xã", "Xã" },
      body = { "Ủy ban nhân dân", "xã {place}" },
      above = "UBND xã {place}",
    },
    town = {
      prefix = { "UBND thị trấn", "Ủy ban nhân dân thị trấn", "Thị trấn" },
      body = { "Ủy ban nhân dân", "thị trấn {place}" },
      above = "UBND thị trấn {place}",
    },
    department = { body = "{name}", parent_line = true },
  },

  -- The period as running text names it, in a title or a letter.
  periods = {
    Q1 = "quý I năm {year}",
    H1 = "6 tháng đầu năm {year}",
    Q3 = "quý III năm {year}",
    Y  = "năm {year}",
    DX = "đột xuất số {n} năm {year}",
  },

  -- The district's report of a period, which Phòng Nội vụ drafts and
  -- the chairman or a vice-chairman signs, to Sở Nội vụ.
  report = {
    type = "Báo cáo",
    number = "{number}/BC-UBND",
    title = "Kết quả công tác cải cách hành chính {period}",
    authority = { "TM. Ủy ban nhân dân", "KT. Chủ tịch" },
    signer = "Phó Chủ tịch",
    recipients = {
      "- Sở Nội vụ (để báo cáo);",
      "- Thường trực Huyện ủy (để báo cáo);",
      "- Thường trực HĐND huyện;",
      "- Chủ tịch, các Phó Chủ tịch UBND huyện;",
      "- Phòng Nội vụ;",
      "- Lưu: VT, NV.",
    },
  },

  -- A unit's own report to the district, by the same outline.
  unit_report = {
    type = "Báo cáo",
    number = "{number}/BC-UBND",
    title = "Kết quả công tác cải cách hành chính {period}",
    authority = { "TM. Ủy ban nhân dân" },
    signer = "Chủ tịch",
    recipients = {
      "- {parent} (qua Phòng Nội vụ);",
      "- Lưu: VT.",
    },
    -- A department reports under its head's name, with its own symbol
    -- the clerk writes in (--number 12/BC-PNV).
    department = {
      number = "{number}/BC",
      authority = {},
      signer = "Thủ trưởng đơn vị",
      recipients = {
        "- {parent} (qua Phòng Nội vụ);",
        "- Lưu: VT.",
      },
    },
  },

  -- The letter that urges the units late with their reports.
  reminder = {
    number = "{number}/UBND-NV",
    about = "V/v đôn đốc gửi báo cáo kết quả công tác cải cách hành chính {period}",
    to = {
      "- Các phòng, ban, ngành cấp huyện;",
      "- UBND các xã, thị trấn.",
    },
    authority = { "TM. Ủy ban nhân dân", "KT. Chủ tịch" },
    signer = "Phó Chủ tịch",
    recipients = {
      "- Như trên;",
      "- Chủ tịch, các Phó Chủ tịch UBND huyện;",
      "- Lưu: VT, NV.",
    },
  },
}
