// The overdue list a leader acts on: its filters as they travel in the page's URL (Vietnamese
// parameter names, like the rest of the portal's state), what each one means for the API, and the
// page links. A value the portal does not know is set aside with a sentence, never sent on.
import type { AgencyEntry } from './agency-index';
import { kindOrder } from './kinds';

export const roleLabels: Record<string, string> = { lead: 'Chủ trì', support: 'Phối hợp', info: 'Để biết' };
export const urgencyLabels: Record<string, string> = { normal: 'Thường', urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' };
export const overdueOrders = { 'qua-han-lau': 'most_overdue', 'moi-qua-han': 'newest_overdue' } as const;
export const pageSize = 20;
/** The Excel file holds the whole filtered list up to this many rows (the API's pages of 200). */
export const excelRowLimit = 5_000;

export interface OverdueFilters {
  /** The receiving agency within the page's agency (its subtree), or none: the whole subtree. */
  agency: string | null;
  kind: string | null;
  urgency: string | null;
  order: keyof typeof overdueOrders;
  page: number;
}

/** The filters as read, and the values set aside (parameter and value), for the sentence that says so. */
export function readOverdueFilters(params: Record<string, string | string[] | undefined>, subtree: AgencyEntry[] | null): { filters: OverdueFilters; rejected: [string, string][] } {
  const rejected: [string, string][] = [];
  const one = (name: string, ok: (v: string) => boolean): string | null => {
    const value = params[name];
    if (value === undefined || value === '') return null;
    if (typeof value === 'string' && ok(value)) return value;
    rejected.push([name, String(value)]);
    return null;
  };
  // The agency filter is checked against the page's subtree (null: not known, checked by the API).
  const agency = one('co_quan', (v) => v.length <= 64 && (subtree === null || subtree.some((a) => a.code === v)));
  const kind = one('loai', (v) => kindOrder.includes(v));
  const urgency = one('khan', (v) => v in urgencyLabels);
  const order = (one('thu_tu', (v) => v in overdueOrders) ?? 'qua-han-lau') as keyof typeof overdueOrders;
  const page = Number(one('trang', (v) => /^[1-9]\d{0,4}$/.test(v)) ?? 1);
  return { filters: { agency, kind, urgency, order, page }, rejected };
}

/** The filters as URL parameters (defaults left out, so links stay short). */
export function overdueParams(filters: OverdueFilters, change: Partial<OverdueFilters> = {}): Record<string, string> {
  const f = { ...filters, ...change };
  return {
    ...(f.agency ? { co_quan: f.agency } : {}),
    ...(f.kind ? { loai: f.kind } : {}),
    ...(f.urgency ? { khan: f.urgency } : {}),
    ...(f.order !== 'qua-han-lau' ? { thu_tu: f.order } : {}),
    ...(f.page > 1 ? { trang: String(f.page) } : {}),
  };
}

/** The API's query for one page of the filtered list of `root`'s subtree. */
export function overdueQuery(root: string, filters: OverdueFilters, page = filters.page, size = pageSize) {
  return {
    agency: filters.agency ?? root,
    overdue: true,
    page,
    page_size: size,
    order: overdueOrders[filters.order],
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.urgency ? { urgency: filters.urgency } : {}),
  };
}

/** The page numbers to link: the first, the last, and two either side of the current one; null marks a gap. */
export function pageNumbers(current: number, last: number): (number | null)[] {
  const shown = [...new Set([1, last, ...[-2, -1, 0, 1, 2].map((d) => current + d)])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}
