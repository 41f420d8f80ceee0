-- SPDX-License-Identifier: MIT
--
-- The narrative report: "ĐỀ CƯƠNG BÁO CÁO CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
-- attached to the guidance.  Part A keeps cchc-1131's headings, so that a
-- unit writes under the same numbers as before, with fewer sub-sections
-- and the district's words made the province's; A.II.7 is new: how the
-- two-tier local government runs.  Part B is owed by the departments that
-- lead tasks of the province's CCHC programme.

-- A ---------------------------------------------------------------------

section { id = "A", title = "ĐỀ CƯƠNG CHI TIẾT" }

section { id = "A.I", title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
  forms = { "bm1", "pl1a", "pl1b" } }

section { id = "A.I.1", title = "Ban hành các văn bản chỉ đạo, điều hành",
  guidance = [[
- Văn bản chỉ đạo, điều hành về công tác CCHC ban hành trong kỳ (ghi rõ số, ký hiệu, ngày, tháng, năm ban hành; liệt kê tại Phụ lục 1B).
- Việc phân công người đứng đầu phụ trách và bố trí công chức tham mưu công tác CCHC sau khi sắp xếp tổ chức bộ máy.
- Những sáng kiến, mô hình, giải pháp mới trong CCHC được triển khai có hiệu quả.]] }

section { id = "A.I.2", title = "Xây dựng, tổ chức thực hiện kế hoạch",
  guidance = [[Kế hoạch CCHC năm của cơ quan, đơn vị (ghi rõ số, ký hiệu, ngày ban hành); số nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ đề ra tại thời điểm báo cáo.]] }

section { id = "A.I.3", title = "Kiểm tra cải cách hành chính",
  guidance = [[Số cơ quan, đơn vị được kiểm tra; số tồn tại, hạn chế phát hiện qua kiểm tra và kết quả xử lý.]] }

section { id = "A.I.4", title = "Công tác tuyên truyền CCHC",
  guidance = [[Nội dung, hình thức tuyên truyền; số tin, bài, phóng sự về CCHC và về vận hành chính quyền địa phương hai cấp.]] }

section { id = "A.II", title = "KẾT QUẢ CỤ THỂ" }

section { id = "A.II.1", title = "Cải cách thể chế", forms = { "bm2" },
  guidance = [[Kết quả xây dựng, ban hành, kiểm tra, rà soát văn bản quy phạm pháp luật; việc rà soát văn bản của cấp huyện trước đây để xử lý theo thẩm quyền sau khi kết thúc hoạt động của cấp huyện; phổ biến, giáo dục pháp luật; hòa giải ở cơ sở.]] }

section { id = "A.II.2",
  title = "Cải cách thủ tục hành chính và thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
  forms = { "bm3" },
  guidance = [[
- Số TTHC thuộc thẩm quyền giải quyết; số TTHC công khai; việc công bố lại TTHC sau khi phân cấp, phân quyền cho cấp xã.
- Kết quả tiếp nhận, giải quyết hồ sơ TTHC trong kỳ (tổng số hồ sơ tiếp nhận, đã giải quyết đúng hạn, quá hạn, đang giải quyết); số hồ sơ tiếp nhận không phụ thuộc vào địa giới hành chính.
- Tình hình hoạt động của Trung tâm Phục vụ hành chính công tỉnh và Trung tâm phục vụ hành chính công cấp xã.]] }

section { id = "A.II.3", title = "Cải cách tổ chức bộ máy hành chính nhà nước",
  forms = { "bm4" },
  guidance = [[Kết quả sắp xếp tổ chức bộ máy, đơn vị hành chính; tình hình quản lý, sử dụng biên chế (nêu rõ tổng số biên chế hiện có/tổng số biên chế được giao); việc sắp xếp thôn, tổ dân phố.]] }

section { id = "A.II.4", title = "Cải cách chế độ công vụ", forms = { "bm5" },
  guidance = [[Vị trí việc làm; tuyển dụng, bổ nhiệm; đào tạo, bồi dưỡng; kỷ luật, kỷ cương hành chính; giải quyết chế độ, chính sách đối với người nghỉ do sắp xếp tổ chức bộ máy.]] }

section { id = "A.II.5", title = "Cải cách tài chính công", forms = { "bm6" },
  guidance = [[Thu ngân sách, giải ngân vốn đầu tư công, thực hiện kiến nghị sau thanh tra, kiểm tra, kiểm toán; việc bàn giao, tiếp nhận tài sản, tài chính của cấp huyện trước đây.]] }

section { id = "A.II.6", title = "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
  forms = { "bm7" },
  guidance = [[Hạ tầng, nền tảng, dữ liệu; văn bản điện tử, chữ ký số; dịch vụ công trực tuyến; hoạt động của tổ công nghệ số cộng đồng.]] }

section { id = "A.II.7", title = "Vận hành mô hình chính quyền địa phương hai cấp",
  guidance = [[
- Tình hình bàn giao, tiếp nhận nhiệm vụ, hồ sơ, tài liệu của cấp huyện trước đây.
- Những khó khăn, vướng mắc trong thực hiện nhiệm vụ được phân cấp, phân quyền và đề xuất giải quyết.]] }

section { id = "A.II.8", title = "Thực hiện một số nhiệm vụ khác" }

-- A.III – A.V -------------------------------------------------------------

section { id = "A.III", title = "ĐÁNH GIÁ CHUNG" }
section { id = "A.III.1", title = "Ưu điểm" }
section { id = "A.III.2", title = "Tồn tại, hạn chế" }
section { id = "A.III.3", title = "Nguyên nhân" }

section { id = "A.IV", title = "PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC KỲ TỚI" }

section { id = "A.V", title = "KIẾN NGHỊ, ĐỀ XUẤT" }

-- B ---------------------------------------------------------------------
-- Owed, besides part A, by the departments that lead tasks of the
-- province's CCHC programme (responsibilities.lua, by role).

section { id = "B",
  title = "ĐỐI VỚI CÁC CƠ QUAN ĐƯỢC GIAO CHỦ TRÌ NHIỆM VỤ TRONG CHƯƠNG TRÌNH CCHC CỦA TỈNH",
  guidance = [[Ngoài nội dung báo cáo theo Đề cương, tổng hợp kết quả chung toàn tỉnh đối với các nhiệm vụ được giao chủ trì. Cụ thể:]] }

section { id = "B.1", title = "Sở Nội vụ",
  guidance = [[Công tác chỉ đạo, điều hành CCHC của tỉnh; sắp xếp tổ chức bộ máy, đơn vị hành chính; cải cách chế độ công vụ; kết quả thực hiện Chỉ số CCHC.]] }

section { id = "B.2", title = "Sở Tư pháp",
  guidance = [[Xây dựng, kiểm tra, rà soát văn bản quy phạm pháp luật; theo dõi thi hành pháp luật; xã, phường đạt chuẩn tiếp cận pháp luật.]] }

section { id = "B.3", title = "Văn phòng UBND tỉnh",
  guidance = [[Kiểm soát TTHC; hoạt động của Trung tâm Phục vụ hành chính công; cơ chế một cửa, một cửa liên thông; xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn.]] }

section { id = "B.4", title = "Sở Tài chính",
  guidance = [[Quản lý ngân sách, tài sản công; tự chủ của đơn vị sự nghiệp công lập; đầu tư công và các hoạt động hướng tới doanh nghiệp.]] }

section { id = "B.5", title = "Sở Khoa học và Công nghệ",
  guidance = [[Chuyển đổi số, chính quyền số; hệ thống thông tin giải quyết TTHC; dịch vụ công trực tuyến; tổ công nghệ số cộng đồng.]] }
