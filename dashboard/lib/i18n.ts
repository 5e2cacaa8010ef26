// The portal's languages: Vietnamese by default, English on request (a cookie set by the switch in
// the header). Texts are written in Vietnamese where they are used and looked up here for English;
// `{name}` marks a value put in at render time. A text missing here stays Vietnamese.
import { cookies } from 'next/headers';

export type Lang = 'vi' | 'en';
export type T = (text: string, values?: Record<string, string | number>) => string;
export const langCookie = 'vanban_lang';

const english: Record<string, string> = {
  // The API's errors as a page says them (lib/api.ts)
  'Không kết nối được máy chủ số liệu. Vui lòng thử lại sau.': 'The data server could not be reached. Please try again later.',
  'Máy chủ số liệu trả về dữ liệu không đúng định dạng.': 'The data server answered in an unexpected format.',
  'Máy chủ số liệu đang nhận quá nhiều yêu cầu từ bạn. Vui lòng thử lại sau ít phút.': 'The data server is receiving too many requests from you. Please try again in a few minutes.',
  'Máy chủ số liệu đang bận. Vui lòng thử lại sau ít phút.': 'The data server is busy. Please try again in a few minutes.',
  'Không có cơ quan nào mang mã định danh này.': 'No agency has this code.',
  'Máy chủ số liệu không nhận yêu cầu này: kỳ, ngày hoặc lựa chọn không hợp lệ.': 'The data server refused this request: the period, a date or a choice is not valid.',
  'Máy chủ số liệu gặp lỗi khi trả lời; lỗi đã được ghi lại. Vui lòng thử lại sau.': 'The data server failed to answer; the error is logged. Please try again later.',
  'Máy chủ số liệu không trả lời được yêu cầu này.': 'The data server could not answer this request.',
  // Masthead and navigation
  'UBND THÀNH PHỐ HÀ NỘI': "HANOI PEOPLE'S COMMITTEE",
  'Phân tích xử lý văn bản': 'Document processing analytics',
  'Các trang': 'Pages', 'Tổng quan': 'Overview', 'Xếp hạng': 'Rankings', 'Báo cáo': 'Reports',
  'Dữ liệu cập nhật đến {asOf}': 'Data as of {asOf}', 'chưa có dữ liệu': 'no data yet',
  'Đăng nhập': 'Sign in', 'Đăng xuất': 'Sign out', 'Ngôn ngữ': 'Language',
  'Vị trí trong cơ cấu': 'Place in the structure',
  // Periods and views
  'Chọn kỳ báo cáo và cách tính': 'Period and counting', 'Kỳ theo lịch': 'Calendar periods',
  'Kỳ báo cáo (số liệu chốt ngày 14)': 'Reporting periods (data cut off on the 14th)',
  'Từ': 'From', 'Đến': 'To', 'Xem': 'Show', 'ngày/tháng/năm': 'day/month/year',
  'Ngày viết theo thứ tự ngày/tháng/năm, ví dụ 30/06/2025.': 'Dates are written day/month/year, for example 30/06/2025.', 'Từ {from} đến {to}': 'From {from} to {to}',
  'Bảng số liệu: {name}': 'Figures: {name}',
  'Cách tính theo cơ cấu tổ chức': 'Counting by organisation',
  'Theo cơ cấu tại thời điểm phát sinh': 'As the structure was', 'Theo cơ cấu hiện nay': 'As the structure is now',
  'theo cơ cấu tại thời điểm phát sinh': 'as the structure was', 'theo cơ cấu hiện nay': 'as the structure is now',
  'Từ đầu năm {y}': 'Year {y} to date', 'Quý {q}/{y}': 'Q{q} {y}', '6 tháng đầu năm {y}': 'First half of {y}',
  '6 tháng cuối năm {y}': 'Second half of {y}', 'Tháng {m}/{y}': '{m}/{y}', 'Năm {y}': 'Year {y}',
  'Báo cáo tháng {m}/{y}': 'Monthly report {m}/{y}', 'Báo cáo quý {q}/{y}': 'Quarterly report Q{q} {y}',
  'Báo cáo 6 tháng đầu năm {y}': 'Half-year report H1 {y}', 'Báo cáo 6 tháng cuối năm {y}': 'Half-year report H2 {y}',
  'Báo cáo năm {y}': 'Annual report {y}',
  // Report center
  'Báo cáo định kỳ': 'Periodic reports',
  'Báo cáo tình hình xử lý văn bản gửi UBND Thành phố: tự động lập sau mỗi kỳ chốt số liệu (ngày 14), hoặc lập ngay theo yêu cầu. Mọi tệp đã lập được lưu trữ và tải lại đúng từng byte.':
    "Reports on document handling for the City People's Committee: made automatically after each cut-off (the 14th), or now on request. Every file made is archived and downloads again byte for byte.",
  'Không lập được báo cáo: {reason}': 'The report could not be made: {reason}',
  'Lập báo cáo': 'Make a report', 'Loại báo cáo': 'Report', 'Kỳ': 'Period', 'Một ngày trong kỳ': 'A day in the period',
  'Phạm vi (mã định danh)': 'Scope (agency code)', 'Cấp': 'Level', 'Định dạng': 'Format', 'Tất cả các cấp': 'Every level',
  'Báo cáo tháng': 'Monthly report', 'Báo cáo quý': 'Quarterly report', 'Báo cáo 6 tháng': 'Half-year report', 'Báo cáo năm': 'Annual report',
  'theo lịch': 'calendar',
  'Đang lập báo cáo… Báo cáo năm của toàn Thành phố mất vài giây.': 'Making the report… an annual report of the whole city takes a few seconds.',
  'cần đăng nhập lại.': 'please sign in again.', 'tài khoản của bạn không được lập báo cáo cho cơ quan này.': 'your account may not make reports for this agency.',
  'loại báo cáo, ngày hoặc phạm vi đã chọn không hợp lệ, hoặc nằm ngoài khoảng thời gian có số liệu.': 'the report, date or scope chosen is not valid, or lies outside the dates with figures.',
  'không có cơ quan nào mang mã định danh đã nhập.': 'no agency has the identifier entered.',
  'máy chủ đang lập nhiều báo cáo; vui lòng thử lại sau ít phút.': 'the server is making many reports; please try again in a few minutes.',
  'các báo cáo bạn đã yêu cầu đã dùng hết hạn mức lưu trữ.': 'the reports you asked for have used up your archive quota.',
  'máy chủ chưa lập được báo cáo PDF; vui lòng chọn Excel.': 'the server cannot make PDF reports yet; please choose Excel.',
  'không kết nối được máy chủ số liệu. Vui lòng thử lại sau.': 'the data server could not be reached. Please try again later.',
  'lỗi không xác định.': 'an unknown error.',
  'để lập báo cáo mới.': 'to make a new report.', 'Báo cáo đã lập': 'Reports made', 'Chưa có báo cáo nào.': 'No report yet.',
  'Các báo cáo đã lập, mới nhất trước': 'Reports made, newest first', 'Kỳ báo cáo': 'Period', 'Phạm vi': 'Scope',
  'Người yêu cầu': 'Requested by', 'Thời điểm lập': 'Made at', 'Tệp': 'File', 'Tải về': 'Download',
  'Lịch tự động': 'Schedule', 'Quản trị viên {who} (dòng lệnh)': 'Operator {who} (command line)', 'Hệ thống {who} (API)': 'System {who} (API)',
  // Kinds
  'Thành phố': 'City', 'Sở, ban, ngành': 'Departments', 'Quận, huyện, thị xã': 'Districts',
  'Xã, phường, thị trấn': 'Communes and wards', 'Đơn vị khác': 'Other units',
  // KPI cards
  'Văn bản đến': 'Incoming documents', '{n} văn bản trả lại': '{n} returned',
  'Đã giải quyết': 'Completed', '{n} quá hạn khi giải quyết': '{n} completed late',
  'Tỷ lệ giải quyết đúng hạn': 'On-time completion rate', 'Quá hạn chưa xử lý': 'Open and overdue',
  'đến ngày {date}': 'on {date}', 'Đang xử lý trong hạn': 'Open, within deadline',
  'Tỷ lệ xử lý trên hệ thống': 'Handled on the system', 'Kỳ này chưa có chỉ tiêu': 'No target for this period',
  'Chỉ tiêu Kế hoạch 222: {rate}': 'Plan 222 target: {rate}', 'Đạt chỉ tiêu': 'Target met', 'Chưa đạt chỉ tiêu': 'Target missed',
  'Thời gian xử lý trung vị': 'Median processing time', '90 % xong trong {days} làm việc': '90% done within {days} (working days)',
  '{d} ngày': '{d} days', '{n} ngày': '{n} days', '{n} ngày làm việc': '{n} working days',
  'Soạn công văn đôn đốc (dự thảo theo Nghị định 30/2020/NĐ-CP) về các văn bản quá hạn của chính cơ quan:': 'Draft a chasing letter (Decree 30/2020 layout) about the agency\'s own overdue documents:',
  'Word (DOCX)': 'Word (DOCX)', 'Văn bản đi đã ban hành': 'Outgoing documents issued', 'Tỷ lệ ký số': 'Digitally signed',
  'Tỷ lệ gửi điện tử': 'Sent electronically', 'Hồ sơ công việc điện tử': 'Electronic work files',
  '{n} hồ sơ mở trong kỳ': '{n} files opened', 'Tỷ lệ cơ quan sử dụng hệ thống': 'Agencies using the system',
  '{active}/{all} cơ quan': '{active}/{all} agencies',
  // Agency view
  'Không tải được số liệu': 'The figures could not be loaded', 'Đã xảy ra lỗi khi tải số liệu.': 'Something went wrong loading the figures.',
  'Không tải được số liệu so sánh.': 'The comparisons could not be loaded.',
  'Về trang tổng quan Thành phố': 'Back to the city overview', 'mã định danh {code}': 'identifier {code}',
  'đã giải thể/sáp nhập': 'dissolved or merged', 'Từ {from} đến {to}, {view}': 'From {from} to {to}, {view}',
  'Diễn biến theo tháng': 'Monthly trend', 'Số liệu theo tháng': 'Figures by month', 'Tháng': 'Month',
  'Tỷ lệ đúng hạn': 'On-time rate', 'Tải ảnh biểu đồ': 'Download chart image', 'Văn bản': 'Documents',
  'Tỷ lệ đúng hạn (%)': 'On-time rate (%)', 'Tỷ lệ xử lý trên hệ thống (%)': 'Handled on the system (%)',
  'Biểu đồ văn bản đến, đã giải quyết, tỷ lệ đúng hạn và tỷ lệ xử lý trên hệ thống theo tháng, từ {from} đến {to}':
    'Chart of incoming and completed documents, on-time rate and share handled on the system by month, from {from} to {to}',
  'Nhiều văn bản quá hạn chưa xử lý nhất': 'Largest overdue backlogs', '{n} văn bản quá hạn': '{n} overdue',
  'Sắp xếp tổ chức năm 2025': 'The 2025 reorganisation', 'Hình thành từ': 'Formed from', 'Đã sáp nhập vào': 'Merged into',
  'Số liệu theo cơ cấu hiện nay gồm cả': 'Counted now together with',
  'Số liệu theo định nghĩa chỉ tiêu thống nhất (ngày làm việc theo lịch nghỉ lễ của cơ quan nhà nước); văn bản mật không thuộc phạm vi thống kê.':
    'Figures follow the common KPI definitions (working days by the public holiday calendar); classified documents are outside the statistics.',
  'Xếp hạng chỉ áp dụng khi tỷ lệ dựa trên ít nhất {n} văn bản.': 'A rank is given only when the rate rests on at least {n} documents.',
  'So với {n} {kind} của Thành phố:': 'Among the city\'s {n} {kind}:',
  'chưa xếp hạng tỷ lệ đúng hạn (dưới {n} văn bản đã giải quyết có hạn)': 'not ranked on the on-time rate (fewer than {n} completed documents with a deadline)',
  'hạng {rank} về tỷ lệ giải quyết đúng hạn': 'rank {rank} on the on-time rate', 'Xem bảng xếp hạng': 'See the ranking',
  // Breakdown table
  '{kind}: xếp hạng theo tỷ lệ giải quyết đúng hạn (chỉ xếp hạng khi có từ {n} văn bản)': '{kind}: ranked by on-time rate (only with at least {n} documents)',
  'Hạng': 'Rank', 'Cơ quan, đơn vị': 'Agency', 'Xử lý trên hệ thống': 'On the system', 'Chưa đủ {n} văn bản để xếp hạng': 'Fewer than {n} documents: not ranked',
  // Map
  'Bản đồ: {metric}': 'Map: {metric}', 'Chỉ tiêu tô màu trên bản đồ': 'Figure the map shows',
  'Đang tải bản đồ…': 'Loading the map…',
  'Không tải được bản đồ các quận, huyện. Số liệu của từng quận, huyện có ở bảng bên dưới.': 'The map of the districts could not be loaded. Each district\'s figures are in the table below.',
  'Bản đồ các quận, huyện, thị xã tô màu theo {metric}; bấm vào một quận, huyện để xem chi tiết (danh sách đầy đủ ở bảng bên dưới)':
    'Map of the districts coloured by {metric}; click a district for its page (the full list is in the table below)',
  'Xã, phường mới (từ 01/07/2025) chưa có bản đồ ranh giới: mỗi ô là một xã, phường, xếp theo quận, huyện cũ của đơn vị đầu tiên hợp thành.':
    'The new communes (from 1 July 2025) have no published boundaries yet: each tile is one commune, grouped by the former district of its first predecessor.',
  'Không rõ nguồn gốc': 'Origin unknown', 'cao': 'high', 'thấp': 'low',
  // Handling status, where documents wait, units and people
  'Tình trạng xử lý văn bản đến (đến ngày {date})': 'Incoming documents by status (as of {date})',
  'Giải quyết đúng hạn': 'Completed on time', 'Giải quyết quá hạn': 'Completed late',
  'Sắp đến hạn (≤ 3 ngày làm việc)': 'Due soon (≤ 3 working days)',
  'Quá hạn theo số ngày làm việc:': 'Overdue by working days:',
  '1–5 ngày': '1–5 days', '6–10 ngày': '6–10 days', '11–20 ngày': '11–20 days', 'trên 20 ngày': 'over 20 days',
  'Văn bản chờ ở khâu nào': 'Where documents wait',
  'Số ngày làm việc ở từng khâu': 'Working days at each step',
  'Số ngày làm việc ở từng khâu của các văn bản giải quyết xong trong kỳ: trung vị và 90 % văn bản.':
    'Working days at each step of the documents completed in the period: the median and 90% of documents.',
  'Khâu': 'Step', 'Trung vị': 'Median', 'trung vị': 'median', '90 % văn bản': '90% of documents', 'ngày làm việc': 'working days',
  'Chuyển đến (liên thông)': 'Delivery (interconnected)', 'Tiếp nhận → trình lãnh đạo': 'Registered → submitted to the leader',
  'Trình → giao xử lý': 'Submitted → assigned', 'Giao → giải quyết xong': 'Assigned → completed',
  'Trình lãnh đạo kịp thời (trong ngày làm việc tiếp theo; văn bản khẩn trong ngày):':
    'Submitted to the leader in time (by the next working day; urgent ones the same day):',
  'Gia hạn: {n} văn bản, {late} văn bản gia hạn sau khi đã hết hạn': 'Extended: {n} documents, {late} of them after the deadline had passed',
  'Tỷ lệ đúng hạn theo hạn ban đầu:': 'On-time rate against the original deadline:',
  'Đơn vị và cán bộ: tỷ lệ giải quyết đúng hạn trong kỳ': 'Units and officers: on-time rate in the period',
  'Xếp từ thấp đến cao theo tỷ lệ giải quyết đúng hạn các văn bản được giao chủ trì (ít nhất 5 văn bản giải quyết trong kỳ); hạng 1 là thấp nhất.':
    'Ranked from the lowest on-time rate of the documents they lead (at least 5 completed in the period); rank 1 is the lowest.',
  'Đơn vị chủ trì': 'Lead unit', 'Cán bộ chủ trì': 'Lead officer', 'Quá hạn đang giữ': 'Overdue held now', 'Chưa xác định': 'Unknown',
  'Không tải được số liệu đơn vị và cán bộ.': 'The units and officers could not be loaded.',
  'Tài khoản của bạn không được xem mục này.': 'Your account may not see this section.',
  'để xem đơn vị và cán bộ xếp theo tỷ lệ giải quyết đúng hạn.': 'to see units and officers ranked by their on-time rate.',
  'Cộng: {n} văn bản quá hạn chưa xử lý': 'Total: {n} overdue documents',
  '{rows} cơ quan, đơn vị khác: {n} văn bản quá hạn': '{rows} other agencies and units: {n} overdue documents',
  'Các dòng không thuộc cơ quan cấp dưới nào, để các bảng cộng lại đúng bằng số liệu của cơ quan':
    'Rows that belong to no agency below, so that the tables add up to the agency\'s figures',
  'Văn bản của chính cơ quan và của cơ quan đã giải thể, sáp nhập': 'The agency\'s own documents and those of agencies dissolved or merged',
  'Các cơ quan đã giải thể, sáp nhập ({n})': 'Agencies dissolved or merged ({n})',
  '{name} (văn bản của chính cơ quan)': '{name} (its own documents)',
  'Cách tính kỳ': 'Period kind', 'Đã lập báo cáo {period}': 'Report made: {period}', 'cùng tệp, lập {n} lần': 'the same file, made {n} times',
  'Báo cáo tự động chưa lập được': 'Scheduled reports not made yet',
  'lập không được lúc {at} ({n} lần), sẽ thử lại lúc {next}': 'failed at {at} ({n} times), tried again at {next}',
  'Bảng xếp hạng toàn Thành phố chỉ dành cho tài khoản được xem số liệu của cả Thành phố.': 'The city-wide rankings are for accounts that may read the whole city\'s figures.',
  'Xem số liệu của cơ quan bạn': 'See your agency\'s figures',
  'Không tìm thấy trang': 'Page not found', 'Về trang tổng quan': 'Back to the overview',
  'Địa chỉ này không có trong cổng, hoặc không có cơ quan nào mang mã định danh đó.': 'This address is not in the portal, or no agency has that code.',
  'TẠM TÍNH': 'PROVISIONAL', 'số liệu đến {asOf}': 'data as of {asOf}',
  'kỳ báo cáo đã chọn chưa bắt đầu, chưa có số liệu để báo cáo.': 'the chosen period has not begun: there is nothing to report yet.',
  'kỳ báo cáo đã chọn kết thúc trước ngày đầu tiên có số liệu trên hệ thống.': 'the chosen period ends before the first day with data in the system.',
  // The daily digest
  'Bản tin': 'Digest', 'Bản tin hằng ngày': 'Daily digest',
  'để đăng ký nhận bản tin qua thư điện tử.': 'to subscribe to the digest by e-mail.',
  'Mỗi ngày làm việc, từ {at}, bản tin gửi qua thư điện tử: văn bản sắp đến hạn, văn bản mới quá hạn, văn bản chưa giao xử lý (kèm đơn vị, người xử lý) và các cơ quan có số văn bản tồn tăng. Không gửi vào ngày nghỉ, ngày lễ.':
    'Every working day from {at}, an e-mail: documents due soon, newly overdue and not yet assigned (with the unit and person handling them), and the agencies whose backlog grew. None on weekends and public holidays.',
  'Không lưu được đăng ký: {reason}': 'The subscription could not be saved: {reason}',
  'Đã lưu đăng ký nhận bản tin.': 'Your subscription is saved.', 'Đã hủy đăng ký nhận bản tin.': 'You are unsubscribed.',
  'Máy chủ này chưa được cấu hình gửi thư: đăng ký được lưu, nhưng bản tin chưa được gửi. Vui lòng báo quản trị hệ thống.':
    'This server is not set up to send mail: subscriptions are kept, but no digest is sent yet. Please tell the system administrator.',
  'Bạn đang nhận bản tin của {agency} tại {email}.': 'You receive the digest of {agency} at {email}.',
  'Bạn chưa đăng ký nhận bản tin.': 'You have not subscribed to the digest.',
  'Đăng ký nhận bản tin': 'Subscribe to the digest', 'Thư điện tử': 'E-mail', 'Cơ quan': 'Agency',
  'Lưu thay đổi': 'Save changes', 'Đăng ký': 'Subscribe', 'Hủy đăng ký': 'Unsubscribe',
  'Bản tin đã gửi cho bạn': 'Digests sent to you', 'Chưa có bản tin nào.': 'No digest yet.',
  'Các bản tin gần nhất, mới nhất trước': 'The latest digests, newest first',
  'Ngày': 'Day', 'Tình trạng': 'Status', 'Thời điểm': 'Time', 'Tiêu đề': 'Subject',
  'Đã gửi': 'Sent', 'Gửi không được, sẽ gửi lại': 'Not delivered, will be retried', 'Đã thôi gửi lại sau nhiều lần không được': 'Given up after repeated failures',
  'tài khoản của bạn không được nhận bản tin của cơ quan này.': 'your account may not receive this agency\'s digest.',
  'địa chỉ thư điện tử không hợp lệ.': 'the e-mail address is not valid.',
  'không có cơ quan nào mang mã định danh đã chọn.': 'no agency has the chosen code.',
  // Documents and workload
  'Văn bản quá hạn và người xử lý': 'Overdue documents and who handles them',
  'Đang tải…': 'Loading…',
  '{link} để xem danh sách văn bản quá hạn, đơn vị và cán bộ đang xử lý.': '{link} to see the overdue documents and the units and staff handling them.',
  'Không tải được danh sách văn bản.': 'The document list could not be loaded.',
  'Ai đang giữ văn bản': 'Who holds the documents', 'Đơn vị chủ trì (nhiều văn bản quá hạn nhất trước)': 'Lead units (most overdue first)',
  'Đơn vị': 'Unit', 'Đang xử lý': 'Open', 'Quá hạn': 'Overdue', 'Chưa giao đơn vị': 'No unit assigned',
  'Cán bộ chủ trì xử lý': 'Lead officers', 'Cán bộ': 'Officer',
  'Văn bản quá hạn và người xử lý ({n} văn bản)': 'Overdue documents and who handles them ({n})',
  'Văn bản quá hạn và người xử lý ({n} văn bản, {shown} quá hạn lâu nhất)': 'Overdue documents and who handles them ({n}; the {shown} most overdue)',
  'Văn bản đến quá hạn chưa xử lý, quá hạn lâu nhất trước': 'Overdue incoming documents, most overdue first',
  'Số đến': 'Reg. no.', 'Trích yếu': 'Subject', 'Hạn xử lý': 'Deadline', 'Đơn vị, cán bộ xử lý': 'Handled by',
  'Chưa giao xử lý': 'Not assigned yet', 'Chủ trì': 'Lead', 'Phối hợp': 'Support', 'Để biết': 'For information',
  'Cần đăng nhập để xem nội dung này.': 'Please sign in to see this.',
  'Tài khoản của bạn không được xem số liệu của cơ quan này.': 'Your account may not see this agency\'s figures.',
  'Tài khoản của bạn không được xem xếp hạng toàn Thành phố, nên vị trí của cơ quan so với các cơ quan cùng cấp không hiển thị.': 'Your account may not see the city-wide ranking, so this agency\'s standing among its peers is not shown.',
  // Rankings
  'Xếp hạng {kind} theo {rate}': 'Ranking of {kind} by {rate}', 'Loại cơ quan': 'Kind of agency', 'Xếp hạng theo chỉ tiêu': 'Rank by',
  '{n} cơ quan': '{n} agencies', 'chỉ xếp hạng khi có từ {n} {volume}': 'ranked only with at least {n} {volume}',
  'Tải bảng xếp hạng (Excel)': 'Download the ranking (Excel)',
  'Bảng xếp hạng, cao nhất trước; cơ quan chưa đủ số văn bản xếp sau cùng, không có hạng': 'Ranking, best first; agencies without enough documents last, unranked',
  'Mã định danh': 'Identifier', 'Số văn bản làm căn cứ': 'Documents counted',
  'Tỷ lệ văn bản đến đã giải quyết': 'Share of incoming completed', 'Tỷ lệ văn bản đến liên thông': 'Share received interconnected',
  'Tỷ lệ văn bản đi ký số': 'Outgoing digitally signed', 'Tỷ lệ gửi văn bản điện tử': 'Outgoing sent electronically',
  'văn bản đã giải quyết có hạn': 'completed documents with a deadline', 'văn bản đi': 'outgoing documents', 'văn bản đến': 'incoming documents',
  // Sign-in
  'Đăng nhập bằng tài khoản của Thành phố (SSO)': 'Sign in with your city account (SSO)',
  'Không đăng nhập được: tài khoản hoặc mật khẩu không đúng, hoặc phiên đăng nhập đã hết hạn.': 'Sign-in failed: wrong account or password, or the sign-in expired.',
  'Phiên đăng nhập không hợp lệ hoặc đã quá thời gian chờ. Vui lòng bấm đăng nhập lại.': 'The sign-in was not valid or took too long. Please sign in again.',
  'Phiên đăng nhập đã hết hạn và không gia hạn được. Vui lòng đăng nhập lại.': 'Your session has expired and could not be renewed. Please sign in again.',
  'Không kết nối được máy chủ đăng nhập của Thành phố. Vui lòng thử lại sau.': 'The city\'s sign-in server could not be reached. Please try again later.',
  'Tài khoản': 'Account', 'Mật khẩu': 'Password', 'Bản trình diễn: mật khẩu của các tài khoản mẫu là {code}.': 'Demo: the sample accounts\' password is {code}.',
  // The IOC wall (/man-hinh)
  'Màn hình IOC — UBND Thành phố Hà Nội': 'IOC wall — Hanoi People\'s Committee',
  'UBND Thành phố Hà Nội — Tình hình xử lý văn bản': 'Hanoi People\'s Committee — Document handling',
  'Số liệu đến {asOf}': 'Data as of {asOf}', 'Chưa có số liệu': 'No figures yet',
  'cập nhật {n} giây trước': 'updated {n} s ago', 'cập nhật {n} phút trước': 'updated {n} min ago',
  'cập nhật {n} giờ trước': 'updated {n} h ago', 'cập nhật {n} ngày trước': 'updated {n} days ago',
  'Số liệu cũ: quá {n} phút chưa cập nhật': 'Stale: no update for over {n} minutes', 'Mất kết nối, đang thử lại': 'Connection lost, retrying',
  'Cần đôn đốc': 'Needs chasing', 'Không có văn bản quá hạn': 'No overdue documents', 'Trong kỳ chưa có văn bản đến.': 'No incoming documents in the period yet.',
  '{n} cơ quan có nhiều văn bản quá hạn nhất': 'The {n} agencies with the most overdue documents',
  'Không có cơ quan nào có văn bản quá hạn.': 'No agency has overdue documents.', 'Tự cập nhật mỗi {n} giây': 'Refreshes itself every {n} seconds',
  // The first screen (headline figures and their changes), dates explained, titles, skip link
  'Bỏ qua, đến nội dung chính': 'Skip to the main content', 'Tổng quan Thành phố': 'City overview', 'Cơ quan không tìm thấy': 'Agency not found',
  'Sắp đến hạn': 'Due soon', 'trong 3 ngày làm việc tới': 'within the next 3 working days', '{n} văn bản giải quyết có hạn': '{n} settled documents with a deadline',
  'Không có văn bản quá hạn chưa xử lý.': 'No document is overdue.',
  'so với kỳ trước': 'on the previous period', 'so với cùng kỳ năm trước': 'on the same period last year',
  '{whom} ({from} – {to}): {value}': '{whom} ({from} – {to}): {value}', 'chưa có số liệu {whom}': 'no figure {whom}', 'không đổi {whom}': 'unchanged {whom}',
  '(tốt hơn)': '(better)', '(kém hơn)': '(worse)',
  'Các số liệu khác và chỉ tiêu Kế hoạch 222': 'Other figures and the Plan 222 targets',
  '{n} mỗi ngày làm việc ({days} ngày làm việc)': '{n} per working day ({days} working days)',
  'Kỳ này không có văn bản đến nào.': 'No incoming document in this period.',
  'Đang hiển thị số liệu từ đầu năm đến nay.': 'Showing the year to date instead.',
  'Cần chọn cả ngày bắt đầu và ngày kết thúc của kỳ.': 'Choose both the first and the last day of the period.',
  'Tiếp nhận từ cơ quan đã giải thể, sáp nhập': 'Took in the dissolved or merged agencies',
  'Khác nhau thế nào?': 'What is the difference?',
  'Theo cơ cấu tại thời điểm phát sinh: mỗi văn bản tính cho cơ quan đã nhận hoặc ban hành nó, kể cả cơ quan nay đã giải thể, sáp nhập.': 'As the structure was: each document counts for the agency that received or issued it, including agencies since dissolved or merged.',
  'Theo cơ cấu hiện nay: văn bản của cơ quan đã giải thể, sáp nhập tính cho cơ quan kế thừa, để so sánh các cơ quan đang hoạt động qua nhiều năm.': 'As the structure is now: the documents of a dissolved or merged agency count for its successor, so that agencies working today compare across the years.',
  'Ngày “{day}” không có trong lịch.': 'There is no day “{day}” in the calendar.',
  'Ngày bắt đầu ({from}) sau ngày kết thúc ({to}).': 'The first day ({from}) is after the last ({to}).',
  'Kỳ bắt đầu ngày {from}, sau ngày hôm nay ({today}): chưa có số liệu.': 'The period starts on {from}, after today ({today}): there are no figures yet.',
  // Charts and map scales (lib/charts.ts, lib/scales.ts)
  '(chưa đến)': '(not yet)', '(đến ngày {date})': '(to {date})', '(từ ngày {date})': '(from {date})',
  'Quá hạn chưa xử lý (cuối tháng)': 'Open and overdue (month end)', 'Văn bản đến cùng kỳ năm trước': 'Received, same months last year',
  'Biểu đồ văn bản đến, đã giải quyết, quá hạn chưa xử lý, tỷ lệ đúng hạn và tỷ lệ xử lý trên hệ thống theo tháng, từ {from} đến {to}':
    'Chart of documents received, completed, open and overdue, on-time rate and share handled on the system by month, from {from} to {to}',
  'Cột nhạt, gạch chéo: tháng chưa trọn (đến ngày số liệu hoặc bị kỳ báo cáo cắt ngắn), không so sánh trực tiếp với tháng đủ.':
    'Light, hatched bars: a month not complete (up to the data date, or cut by the period); not comparable with a whole month.',
  'Chú giải: {metric}': 'Key: {metric}', 'Không có số liệu': 'No data',
  'Thấp: dưới {v}': 'Low: below {v}', 'Cần chú ý: {a} đến dưới {b}': 'Watch: {a} to below {b}', 'Tốt: từ {v} trở lên': 'Good: {v} or more',
  'Kế hoạch 222 không đặt chỉ tiêu cho tỷ lệ đúng hạn: các mức màu là ngưỡng của hệ thống phân tích, theo yêu cầu mọi văn bản đều giải quyết đúng hạn.':
    'Plan 222 sets no target for the on-time rate: these levels are the analytics system\'s thresholds, as every document is due on time.',
  'Dưới {v}': 'Below {v}', '{a} đến dưới {b}': '{a} to below {b}', 'Từ {v} trở lên': '{v} or more',
  'Kỳ này chưa có chỉ tiêu Kế hoạch 222: màu chỉ phân mức, không đánh giá.': 'No Plan 222 target for this period: colours grade the level, they do not judge it.',
  'Chưa đạt, thiếu hơn 10 điểm %: dưới {v}': 'Missed by more than 10 points: below {v}',
  'Chưa đạt, thiếu không quá 10 điểm %: {a} đến dưới {b}': 'Missed by up to 10 points: {a} to below {b}',
  'Đạt chỉ tiêu Kế hoạch 222: từ {v}': 'Plan 222 target met: {v} or more',
  '{a}–{b} văn bản': '{a}–{b} documents', 'Trên {v} văn bản': 'More than {v} documents',
  'Số văn bản đến không tốt hay xấu: màu chỉ phân mức.': 'The number received is neither good nor bad: colours only grade it.',
  'Mỗi cơ quan được so với chỉ tiêu của cấp mình.': 'Each agency is compared with the target of its own level.',
  // Lists a leader acts on: the overdue list, rankings, finding an agency
  'Văn bản quá hạn chưa xử lý': 'Overdue documents not yet handled', 'Văn bản quá hạn chưa xử lý, {agency}': 'Overdue documents not yet handled, {agency}',
  'Cơ quan nhận': 'Receiving agency', 'Độ khẩn': 'Urgency', 'Ngày đến': 'Received',
  'Thường': 'Normal', 'Khẩn': 'Urgent', 'Thượng khẩn': 'Very urgent', 'Hỏa tốc': 'Flash', 'Thứ tự': 'Order', 'Lọc': 'Filter', 'Tất cả': 'All', 'Tất cả ({name})': 'All ({name})',
  'Lọc văn bản quá hạn': 'Filter the overdue documents', 'Quá hạn lâu nhất trước': 'Most overdue first', 'Mới quá hạn trước': 'Newest overdue first',
  'Tải danh sách đã lọc (Excel)': 'Download the filtered list (Excel)', 'Không có văn bản quá hạn nào khớp với bộ lọc.': 'No overdue document matches the filters.',
  'Văn bản đến quá hạn chưa xử lý, trang {page}': 'Overdue incoming documents, page {page}', 'trang {page}/{pages}': 'page {page}/{pages}',
  'Trang {page} không có văn bản; danh sách có {pages} trang.': 'Page {page} is empty; the list has {pages} pages.', 'Đến trang cuối': 'Go to the last page',
  'Các trang của danh sách': 'Pages of the list', '‹ Trang trước': '‹ Previous page', 'Trang sau ›': 'Next page ›', 'Trang {n}': 'Page {n}',
  'Không áp dụng giá trị không hợp lệ: {list}.': 'Not applied, not a valid value: {list}.', 'Quay lại trang cơ quan': 'Back to the agency\'s page',
  '{name}, tính đến ngày {date}; số ngày quá hạn là ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ).': '{name}, as of {date}; days overdue are working days (no Saturdays, Sundays or public holidays).',
  'Xem toàn bộ {n} văn bản quá hạn: lọc theo cơ quan, độ khẩn, tải Excel': 'See all {n} overdue documents: filter by agency and urgency, download as Excel',
  'để xem danh sách văn bản quá hạn, đơn vị và cán bộ đang xử lý.': 'to see the overdue documents and the units and staff handling them.', 'thuộc {agency}': 'of {agency}',
  '10 cơ quan đứng đầu': 'Top ten', '10 cơ quan cuối bảng': 'Bottom ten', 'Phạm vi hiển thị': 'Rows shown', 'đang hiện {n}': 'showing {n}', 'Sắp xếp theo cột này': 'Sort by this column',
  'Bảng xếp hạng, cao nhất trước; cơ quan chưa đủ số văn bản xếp sau cùng, không có hạng. Bấm tiêu đề cột để sắp xếp.': 'Ranking, best first; agencies without enough documents last, unranked. Select a column heading to sort.',
  'Trong kỳ này không có {kinds} nào nên không có bảng xếp hạng của loại này (đã giải thể, sáp nhập hoặc chưa thành lập).': 'No {kinds} existed in this period, so there is no ranking of that kind (dissolved, merged or not yet formed).',
  'Không có {kind} nào trong kỳ từ {from} đến {to}.': 'No {kind} existed from {from} to {to}.', 'Không có cơ quan nào để xếp hạng trong kỳ này.': 'No agency to rank in this period.', 'Xem xếp hạng': 'See the ranking of',
  'Tìm cơ quan': 'Find an agency', 'Tìm': 'Search', 'Tìm kiếm': 'Search', 'Tìm theo tên': 'Search by name', 'Tìm cơ quan theo tên': 'Find an agency by name',
  'Tìm cơ quan, đơn vị theo tên…': 'Find an agency by name…', 'Tên cơ quan, đơn vị (gõ có dấu hoặc không dấu)': 'Agency name (with or without diacritics)',
  'Gõ tên hoặc một phần tên cơ quan, đơn vị, có dấu hoặc không dấu (ví dụ: “phuc xa”).': 'Type an agency\'s name or part of it, with or without diacritics (e.g. “phuc xa”).',
  'Không tìm thấy cơ quan nào có tên “{q}”.': 'No agency named “{q}”.', '{n} cơ quan có tên “{q}”': '{n} agencies named “{q}”', '(hiện {shown} kết quả đầu)': '(first {shown} shown)',
  'Trang': 'Page', 'Chưa có cơ quan nào đủ {n} {volume} để xếp hạng trong kỳ này.': 'No agency has the {n} {volume} needed to rank in this period.',
  'Chỉ tìm theo {n} ký tự đầu.': 'Only the first {n} characters are searched.', 'thuộc {name}': 'under {name}', 'từ {date}': 'from {date}', 'Đơn vị của tôi': 'My agency',
};

export function translator(lang: Lang): T {
  return (text, values = {}) => (lang === 'en' ? english[text] ?? text : text).replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export async function currentLang(): Promise<Lang> {
  return (await cookies()).get(langCookie)?.value === 'en' ? 'en' : 'vi';
}

/** The translator of the request's language, for server components. */
export async function getT(): Promise<{ t: T; lang: Lang }> {
  const lang = await currentLang();
  return { t: translator(lang), lang };
}
