-- SPDX-License-Identifier: MIT
--
-- Biểu mẫu 5 — Cải cách chế độ công vụ.  "Phòng Nội vụ: Báo cáo và cung cấp
-- số liệu tại biểu mẫu 1; biểu mẫu 4; biểu mẫu 5" (seed, "1. Về nội dung
-- báo cáo"); communes send it too.  Rebuilt in the catalogue (forms.md,
-- bm5) from outline A.II.4: job positions, recruitment, appointment,
-- promotion exams, rotation, training, discipline, downsizing, and the
-- commune cadre (A.II.4.9).

form {
  id = "bm5",
  name = "Biểu số 05",
  title = "Cải cách chế độ công vụ",
  section = "A.II.4",
  owner = "Phòng Nội vụ",
  fields = {
    -- id                   label                                                                type     aggregation
    -- A.II.4.1 "Ghi rõ số lượng các đơn vị có cơ cấu công chức, viên chức
    -- được phê duyệt".
    { "vtvl_don_vi",        "Số cơ quan, đơn vị phải xây dựng vị trí việc làm",                  "int",   "snap",
      level = "huyen" },
    { "vtvl_da_duyet",      "Số cơ quan, đơn vị có vị trí việc làm được phê duyệt",              "int",   "snap",
      level = "huyen", check = "<= vtvl_don_vi" },
    -- A.II.4.2 "Ghi rõ số công chức, viên chức được tuyển dụng mới …";
    -- "bổ nhiệm (bổ nhiệm mới, bổ nhiệm lại)".
    { "tuyen_dung_cc",      "Số công chức được tuyển dụng",                                      "int",   "sum" },
    { "tuyen_dung_vc",      "Số viên chức được tuyển dụng",                                      "int",   "sum" },
    { "bo_nhiem_moi",       "Số người được bổ nhiệm mới",                                        "int",   "sum" },
    { "bo_nhiem_lai",       "Số người được bổ nhiệm lại",                                        "int",   "sum" },
    -- A.II.4.3 "thi nâng ngạch công chức, thăng hạng viên chức".
    { "thi_nang_ngach",     "Số người thi nâng ngạch, thăng hạng",                               "int",   "sum" },
    -- A.II.4.7 "Số lượng thực hiện trong kỳ báo cáo".
    { "chuyen_doi_vi_tri",  "Số người chuyển đổi vị trí công tác",                               "int",   "sum" },
    -- A.II.4.5.
    { "dao_tao_luot",       "Số lượt cán bộ, công chức, viên chức được đào tạo, bồi dưỡng",      "int",   "sum" },
    -- A.II.4.2 "khen thưởng, kỷ luật"; A.II.4.4.
    { "ky_luat",            "Số cán bộ, công chức, viên chức bị kỷ luật",                        "int",   "sum" },
    -- A.II.4.8 "Nêu rõ số người và kinh phí giải quyết chế độ chính sách …
    -- theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP".
    { "tinh_gian",          "Số người nghỉ theo chính sách tinh giản biên chế",                  "int",   "sum" },
    { "tinh_gian_kinh_phi", "Kinh phí giải quyết chính sách tinh giản",                          "money", "sum" },
    -- A.II.4.9 "số lượng (tỷ lệ %) công chức cấp xã đạt chuẩn theo quy
    -- định; số lượng (tỷ lệ %) số cán bộ, công chức cấp xã được bồi dưỡng".
    { "cc_xa_tong",         "Tổng số cán bộ, công chức cấp xã",                                  "int",   "snap",
      level = "xa" },
    { "cc_xa_dat_chuan",    "Số cán bộ, công chức cấp xã đạt chuẩn",                             "int",   "snap",
      level = "xa", check = "<= cc_xa_tong" },
    { "cc_xa_boi_duong",    "Số cán bộ, công chức cấp xã được bồi dưỡng trong kỳ",               "int",   "sum",
      level = "xa" },
  },
  indicators = {
    { "ty_le_vtvl", "Tỷ lệ cơ quan, đơn vị có vị trí việc làm được phê duyệt",
      num = "vtvl_da_duyet", den = "vtvl_don_vi" },
    { "ty_le_cc_xa_dat_chuan", "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn",
      num = "cc_xa_dat_chuan", den = "cc_xa_tong" },
  },
}
