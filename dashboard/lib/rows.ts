// The rows of a breakdown as the portal shows them (kpi.md, Grouped views): every row, the agency's
// own register and the agencies dissolved or merged included, so that the rows of a list or table
// add up to the headline figures.
import type { BacklogRow, BreakdownRow } from './api';

type T = (text: string, values?: Record<string, string | number>) => string;
/** What names a row, in the breakdown and in the backlog alike. */
type Row = Pick<BreakdownRow, 'agency' | 'row' | 'holds'>;

/** The name a row is shown under: the agency, its own register, or the agencies dissolved. */
export function rowLabel(row: Row, t: T): string {
  if (row.row === 'own') return t('{name} (văn bản của chính cơ quan)', { name: row.agency.name });
  if (row.row === 'rest') return t('Các cơ quan đã giải thể, sáp nhập ({n})', { n: row.holds?.length ?? 0 });
  return row.agency.name;
}

/** The page a row links to; the remainder has none (it names its agencies in a tooltip instead). */
export function rowHref(row: Row, query: string): string | null {
  if (row.row === 'rest') return null;
  return row.agency.kind === 'city' ? `/${query}` : `/co-quan/${encodeURIComponent(row.agency.code)}${query}`;
}

/** The names the remainder stands for, for its tooltip. */
export function heldNames(row: Row): string | undefined {
  return row.row === 'rest' ? (row.holds ?? []).map((a) => a.name).join(', ') : undefined;
}

/**
 * The "most overdue" list: the `top` rows with the largest overdue backlog, then what every other
 * row holds together, so that the list adds up to the agency's overdue figure.
 */
export function overdueList(rows: BacklogRow[], top = 5): { shown: BacklogRow[]; others: number; otherRows: number; total: number } {
  const overdue = rows.filter((r) => r.open_overdue > 0)
    .sort((a, b) => b.open_overdue - a.open_overdue || a.agency.code.localeCompare(b.agency.code));
  const shown = overdue.slice(0, top);
  const rest = overdue.slice(top);
  return {
    shown,
    others: rest.reduce((n, r) => n + r.open_overdue, 0),
    otherRows: rest.length,
    total: overdue.reduce((n, r) => n + r.open_overdue, 0),
  };
}
