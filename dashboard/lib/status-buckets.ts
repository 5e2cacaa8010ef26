// The five status buckets of kpi.md ("Status at the as-of date"), the ones leaders know, defined
// once so that the agency page's bar and the IOC wall count and name them the same way.
import type { KpiSummary } from './api';

export type StatusBucketKey = 'completed-on-time' | 'completed-late' | 'open-on-time' | 'due-soon' | 'overdue';
export interface StatusBucket { key: StatusBucketKey; label: string; value: number }

/** The buckets in the order of a document's life; `t` puts the labels in the page's language. */
export function statusBuckets(incoming: KpiSummary['incoming'], t: (text: string) => string): StatusBucket[] {
  return [
    { key: 'completed-on-time', label: t('Giải quyết đúng hạn'), value: incoming.completed_on_time },
    { key: 'completed-late', label: t('Giải quyết quá hạn'), value: incoming.completed_late },
    // open_due_soon is part of open_on_time (kpi.md): the bucket is what is left of it.
    { key: 'open-on-time', label: t('Đang xử lý trong hạn'), value: incoming.open_on_time - incoming.open_due_soon },
    { key: 'due-soon', label: t('Sắp đến hạn (≤ 3 ngày làm việc)'), value: incoming.open_due_soon },
    { key: 'overdue', label: t('Quá hạn chưa xử lý'), value: incoming.open_overdue },
  ];
}
