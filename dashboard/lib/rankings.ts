// What a ranking can be by, and how each row reads: shared by the rankings page and its Excel export,
// so that the file holds exactly the rows on screen, in the same order.
import { fetchBreakdown, type Breakdown, type BreakdownRow } from './api';

export const rankingRates = [
  { key: 'on_time_rate', label: 'Tỷ lệ giải quyết đúng hạn', volume: 'văn bản đã giải quyết có hạn' },
  { key: 'online_rate', label: 'Tỷ lệ xử lý trên hệ thống', volume: 'văn bản đến' },
  { key: 'cohort_completion_rate', label: 'Tỷ lệ văn bản đến đã giải quyết', volume: 'văn bản đến' },
  { key: 'interconnected_rate', label: 'Tỷ lệ văn bản đến liên thông', volume: 'văn bản đến' },
  { key: 'digitally_signed_rate', label: 'Tỷ lệ văn bản đi ký số', volume: 'văn bản đi' },
  { key: 'electronic_dispatch_rate', label: 'Tỷ lệ gửi văn bản điện tử', volume: 'văn bản đi' },
] as const;

/** The kinds ranked, in the order a leader looks for them when none is chosen (districts first while they existed). */
export const rankingKinds = ['district', 'commune', 'department'] as const;
export type RankingKind = (typeof rankingKinds)[number];

export const minVolume = 30;

export function rankingRate(key: unknown) {
  return rankingRates.find((r) => r.key === key) ?? rankingRates[0];
}

/** The kind asked for, or null when none (or an unknown one) was. */
export function rankingKind(key: unknown): RankingKind | null {
  return rankingKinds.find((k) => k === key) ?? null;
}

/** The ranking of every kind over the period: which kinds have agencies in it, and their rows. */
export async function fetchKindRankings(view: { from: string; to: string; view: string }, agency: string, rankBy: string): Promise<Map<RankingKind, Breakdown>> {
  const answers = await Promise.all(rankingKinds.map((kind) => fetchBreakdown({ agency, from: view.from, to: view.to, view: view.view, rank_by: rankBy, kind })));
  return new Map(rankingKinds.map((kind, i) => [kind, answers[i]!]));
}

/**
 * The kind to show: the one asked for (even empty: the page then says so), else the first kind that
 * had agencies in the period (after 2025-07-01 there are no districts), else null.
 */
export function chooseKind(asked: RankingKind | null, rankings: Map<RankingKind, Breakdown>): RankingKind | null {
  if (asked) return asked;
  return rankingKinds.find((kind) => (rankings.get(kind)?.children.length ?? 0) > 0) ?? null;
}

type Value = string | number | null;
export interface RankingColumn { key: string; header: string; value: (r: BreakdownRow) => Value; percent?: boolean; descendingFirst?: boolean }

/** The columns of a ranking, as the page shows them and the Excel file holds them; `key` is the sort parameter. */
export function rankingColumns(rateLabel: string): RankingColumn[] {
  return [
    { key: 'hang', header: 'Hạng', value: (r) => r.rank },
    { key: 'ma', header: 'Mã định danh', value: (r) => r.agency.code },
    { key: 'ten', header: 'Cơ quan, đơn vị', value: (r) => r.agency.name },
    { key: 'ty-le', header: rateLabel, value: (r) => r.value, percent: true, descendingFirst: true },
    { key: 'can-cu', header: 'Số văn bản làm căn cứ', value: (r) => r.volume, descendingFirst: true },
    { key: 'den', header: 'Văn bản đến', value: (r) => r.kpis.incoming.received, descendingFirst: true },
    { key: 'da-giai-quyet', header: 'Đã giải quyết', value: (r) => r.kpis.incoming.completed, descendingFirst: true },
    { key: 'qua-han', header: 'Quá hạn chưa xử lý', value: (r) => r.kpis.incoming.open_overdue, descendingFirst: true },
  ];
}

export const rankingShows = { 'tat-ca': 'Tất cả', dau: '10 cơ quan đứng đầu', cuoi: '10 cơ quan cuối bảng' } as const;
export type RankingShow = keyof typeof rankingShows;

export interface RankingOrder { sort: string; descending: boolean; show: RankingShow }

/** The order and selection in the URL (sap_xep, chieu, hien); unknown values fall back to the ranking itself. */
export function rankingOrder(params: Record<string, string | string[] | undefined>, columns: RankingColumn[]): RankingOrder {
  const column = columns.find((c) => c.key === params['sap_xep']) ?? columns[0]!;
  const direction = params['chieu'];
  return {
    sort: column.key,
    descending: direction === 'giam' ? true : direction === 'tang' ? false : Boolean(column.descendingFirst),
    show: typeof params['hien'] === 'string' && params['hien'] in rankingShows ? (params['hien'] as RankingShow) : 'tat-ca',
  };
}

/** The order's URL parameters, the defaults left out. */
export function orderParams(order: RankingOrder, columns: RankingColumn[]): Record<string, string> {
  const column = columns.find((c) => c.key === order.sort)!;
  const natural = order.descending === Boolean(column.descendingFirst);
  return {
    ...(order.sort !== 'hang' || !natural ? { sap_xep: order.sort } : {}),
    ...(natural ? {} : { chieu: order.descending ? 'giam' : 'tang' }),
    ...(order.show !== 'tat-ca' ? { hien: order.show } : {}),
  };
}

const ten = 10;

/**
 * The rows to show: the ten ranked first or last (by the API's rank; unranked agencies are in neither),
 * or all; then sorted by the chosen column, missing values last either way, ties in ranking order.
 */
export function arrangeRanking(rows: BreakdownRow[], order: RankingOrder, columns: RankingColumn[]): BreakdownRow[] {
  const ranked = rows.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const chosen = order.show === 'dau' ? ranked.slice(0, ten) : order.show === 'cuoi' ? ranked.slice(-ten) : rows;
  const column = columns.find((c) => c.key === order.sort) ?? columns[0]!;
  const position = new Map(rows.map((r, i) => [r, i]));
  const compare = (a: Value, b: Value) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'vi'));
  return [...chosen].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? position.get(a)! - position.get(b)! : x === null ? 1 : -1;
    return (order.descending ? -compare(x, y) : compare(x, y)) || position.get(a)! - position.get(b)!;
  });
}
