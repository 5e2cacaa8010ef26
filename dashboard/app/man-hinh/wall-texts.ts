// The IOC wall's texts in the page's language, looked up on the server (lib/i18n.ts reads the
// language cookie) and handed to the browser's components, which fill in the values as they change.
import type { T } from '@/lib/i18n';

export function wallTexts(t: T) {
  return {
    title: t('UBND Thành phố Hà Nội — Tình hình xử lý văn bản'),
    period: t('Từ {from} đến {to}'),
    asOf: t('Số liệu đến {asOf}'),
    noData: t('Chưa có số liệu'),
    ageSeconds: t('cập nhật {n} giây trước'),
    ageMinutes: t('cập nhật {n} phút trước'),
    ageHours: t('cập nhật {n} giờ trước'),
    ageDays: t('cập nhật {n} ngày trước'),
    stale: t('Số liệu cũ: quá {n} phút chưa cập nhật'),
    offline: t('Mất kết nối, đang thử lại'),
    overdue: t('Quá hạn chưa xử lý'),
    onDate: t('đến ngày {date}'),
    needsChasing: t('Cần đôn đốc'),
    noneOverdue: t('Không có văn bản quá hạn'),
    onTimeRate: t('Tỷ lệ giải quyết đúng hạn'),
    completedLate: t('{n} quá hạn khi giải quyết'),
    dueSoon: t('Sắp đến hạn (≤ 3 ngày làm việc)'),
    onlineRate: t('Tỷ lệ xử lý trên hệ thống'),
    target: t('Chỉ tiêu Kế hoạch 222: {rate}'),
    noTarget: t('Kỳ này chưa có chỉ tiêu'),
    met: t('Đạt chỉ tiêu'),
    missed: t('Chưa đạt chỉ tiêu'),
    received: t('Văn bản đến'),
    completed: t('Đã giải quyết'),
    status: t('Tình trạng xử lý văn bản đến (đến ngày {date})'),
    noDocuments: t('Trong kỳ chưa có văn bản đến.'),
    topOverdue: t('{n} cơ quan có nhiều văn bản quá hạn nhất'),
    noneOverdueAgencies: t('Không có cơ quan nào có văn bản quá hạn.'),
    otherAgencies: t('{rows} cơ quan, đơn vị khác: {n} văn bản quá hạn'),
    total: t('Cộng: {n} văn bản quá hạn chưa xử lý'),
    refresh: t('Tự cập nhật mỗi {n} giây'),
  };
}

export type WallTexts = ReturnType<typeof wallTexts>;
