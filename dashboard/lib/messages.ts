// The error sentences a page shows, chosen by code from fixed lists: from its URL (`?loi=`), so a
// link from elsewhere cannot put its own words on the portal's pages, and from the API's errors.

/** Why a sign-in did not happen (/dang-nhap?loi=…). */
export const signInErrors: Record<string, string> = {
  '1': 'Không đăng nhập được: tài khoản hoặc mật khẩu không đúng, hoặc phiên đăng nhập đã hết hạn.',
  'phien': 'Phiên đăng nhập không hợp lệ hoặc đã quá thời gian chờ. Vui lòng bấm đăng nhập lại.',
  'het-han': 'Phiên đăng nhập đã hết hạn và không gia hạn được. Vui lòng đăng nhập lại.',
  'sso': 'Không kết nối được máy chủ đăng nhập của Thành phố. Vui lòng thử lại sau.',
};

/** Why a report could not be made (/bao-cao?loi=…), completing "Không lập được báo cáo: …". */
export const reportErrors: Record<string, string> = {
  'dang-nhap': 'cần đăng nhập lại.',
  'quyen': 'tài khoản của bạn không được lập báo cáo cho cơ quan này.',
  'yeu-cau': 'loại báo cáo, ngày hoặc phạm vi đã chọn không hợp lệ, hoặc nằm ngoài khoảng thời gian có số liệu.',
  'co-quan': 'không có cơ quan nào mang mã định danh đã nhập.',
  'chua-bat-dau': 'kỳ báo cáo đã chọn chưa bắt đầu, chưa có số liệu để báo cáo.',
  'truoc-du-lieu': 'kỳ báo cáo đã chọn kết thúc trước ngày đầu tiên có số liệu trên hệ thống.',
  'ban': 'máy chủ đang lập nhiều báo cáo; vui lòng thử lại sau ít phút.',
  'han-muc': 'các báo cáo bạn đã yêu cầu đã dùng hết hạn mức lưu trữ.',
  'pdf': 'máy chủ chưa lập được báo cáo PDF; vui lòng chọn Excel.',
  'ket-noi': 'không kết nối được máy chủ số liệu. Vui lòng thử lại sau.',
  'khac': 'lỗi không xác định.',
};

/** Why a subscription to the digest could not be saved (/ban-tin?loi=…), completing "Không lưu được đăng ký: …". */
export const digestErrors: Record<string, string> = {
  'dang-nhap': 'cần đăng nhập lại.',
  'quyen': 'tài khoản của bạn không được nhận bản tin của cơ quan này.',
  'dia-chi': 'địa chỉ thư điện tử không hợp lệ.',
  'co-quan': 'không có cơ quan nào mang mã định danh đã chọn.',
  'ket-noi': 'không kết nối được máy chủ số liệu. Vui lòng thử lại sau.',
  'khac': 'lỗi không xác định.',
};

/** The digest error code for an API refusal. */
export function digestErrorCode(status: number | undefined, code: string | undefined): string {
  if (status === 401) return 'dang-nhap';
  if (status === 403) return 'quyen';
  if (status === 404 || code === 'agency_not_found') return 'co-quan';
  if (status === 400) return 'dia-chi';
  if (status === undefined) return 'ket-noi';
  return 'khac';
}

/** The sentence for a code of `list`, or none for any other value. */
export function messageOf(list: Record<string, string>, code: unknown): string | null {
  return typeof code === 'string' && Object.hasOwn(list, code) ? list[code]! : null;
}

/** The report error code for an API refusal (its status and `error.code`). */
export function reportErrorCode(status: number | undefined, code: string | undefined): string {
  if (status === 401) return 'dang-nhap';
  if (status === 403) return 'quyen';
  if (code === 'agency_not_found') return 'co-quan';
  if (code === 'period_not_started') return 'chua-bat-dau';
  if (code === 'period_before_data') return 'truoc-du-lieu';
  if (code === 'quota_exceeded') return 'han-muc';
  if (code === 'pdf_unavailable') return 'pdf';
  if (status === 429 || code === 'busy' || code === 'rate_limited') return 'ban';
  if (status === 400) return 'yeu-cau';
  if (status === undefined) return 'ket-noi';
  return 'khac';
}

/**
 * The sentence a page shows for an API error, chosen by its status and code. The API's own message
 * is English (written for the IOC's engineers) and stays out of the page: a leader reads what
 * happened and what to do, in a fixed sentence the language switch can translate.
 */
export function apiErrorSentence(status: number, code: string | undefined): string {
  if (status === 429 || code === 'rate_limited') return 'Máy chủ số liệu đang nhận quá nhiều yêu cầu từ bạn. Vui lòng thử lại sau ít phút.';
  if (status === 503 || code === 'busy') return 'Máy chủ số liệu đang bận. Vui lòng thử lại sau ít phút.';
  if (status === 404 && code === 'agency_not_found') return 'Không có cơ quan nào mang mã định danh này.';
  if (status === 400) return 'Máy chủ số liệu không nhận yêu cầu này: kỳ, ngày hoặc lựa chọn không hợp lệ.';
  if (status >= 500) return 'Máy chủ số liệu gặp lỗi khi trả lời; lỗi đã được ghi lại. Vui lòng thử lại sau.';
  return 'Máy chủ số liệu không trả lời được yêu cầu này.';
}
