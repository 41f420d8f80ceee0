-- SPDX-License-Identifier: MIT
--
-- The words of this directive's documents that differ from baocao's own:
-- the signers at the foot of every sheet, and the templates' cover, which
-- names the guidance and where to send it.  Every other key is said in
-- baocao's own words (Vietnamese under a Vietnamese locale).

wording {
  sheet = {
    period        = "Kỳ báo cáo: {period}",
    window        = "(Từ ngày {from} đến ngày {to})",
    drawn_by      = "NGƯỜI LẬP BIỂU",
    drawn_by_note = "(Ký, ghi rõ họ tên)",
    head          = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
    head_note     = "(Ký tên, đóng dấu)",
  },
  template = {
    title     = "Biểu mẫu báo cáo công tác cải cách hành chính",
    subtitle  = "(Theo {directive})",
    send_via  = "Gửi lại chính tệp Excel này về Sở Nội vụ qua: {channels}.",
  },
  html = {
    title = "Báo cáo tổng hợp kết quả công tác cải cách hành chính của tỉnh",
  },
}
