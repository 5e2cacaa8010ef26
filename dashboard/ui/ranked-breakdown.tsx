// The children by kind with one rank per kind everywhere: the city-wide rankings by kind (the ones
// /xep-hang shows), not a ranking among siblings. Its own requests, so it streams in below the fold.
import type { Breakdown, ViewParams } from '@/lib/api';
import { ApiError, fetchBreakdown } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { rankingKinds } from '@/lib/rankings';
import { BreakdownTable } from './breakdown-table';

export async function RankedBreakdown({ breakdown, peers, base, query }: { breakdown: Breakdown; peers: Breakdown | undefined; base: ViewParams; query: string }) {
  let ranks: Map<string, number | null> | undefined;
  try {
    const kinds = [...new Set(breakdown.children.filter((r) => r.row === 'child').map((r) => r.agency.kind))].filter((k) => (rankingKinds as readonly string[]).includes(k));
    const rankings = await Promise.all(kinds.map((kind) => (peers?.kind === kind ? Promise.resolve(peers)
      : fetchBreakdown({ ...base, agency: cityCode, rank_by: 'on_time_rate', kind }))));
    ranks = new Map(rankings.flatMap((ranking) => ranking.children.map((row) => [row.agency.code, row.rank] as const)));
  } catch (error) {
    // Without the right to read the city-wide rankings (or when they cannot be read now: the server
    // busy) the table has no rank column (a rank among siblings would contradict /xep-hang).
    if (!(error instanceof ApiError)) throw error;
  }
  return <BreakdownTable rows={breakdown.children} query={query} ranks={ranks} />;
}
