// Reads the KPI API (the same figures the IOC receives); the portal never computes a KPI itself.
import { apiBaseUrl } from './config';
import { readSession } from './session';

// The contract types are the API's own, so the portal cannot drift from what the API answers.
export type { AgencyNode, AgencyTree, Breakdown, BreakdownRow, KpiSummary, OpenDocuments, Series, Workload } from '@vanban/api';
import type { AgencyTree, Breakdown, KpiSummary, OpenDocuments, Series, Workload } from '@vanban/api';

export class ApiError extends Error {}

/** The API refused: not signed in (401) or outside the person's agencies (403). */
export class AccessError extends ApiError {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? 'Cần đăng nhập để xem nội dung này.' : 'Tài khoản của bạn không được xem số liệu của cơ quan này.');
  }
}

/** GET an API path as the signed-in person, if any; errors become a Vietnamese sentence a leader can act on. */
async function apiGet<T>(path: string, params: Record<string, string>, looksRight: (body: unknown) => boolean): Promise<T> {
  const session = await readSession();
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}${path}?${new URLSearchParams(params)}`, {
      cache: 'no-store',
      headers: session ? { authorization: `Bearer ${session.token}` } : {},
    });
  } catch {
    throw new ApiError('Không kết nối được máy chủ số liệu. Vui lòng thử lại sau.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 || response.status === 403) throw new AccessError(response.status);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiError(message ? `Máy chủ số liệu báo lỗi: ${message}` : `Máy chủ số liệu trả lời mã ${response.status}.`);
  }
  if (!looksRight(body)) throw new ApiError('Máy chủ số liệu trả về dữ liệu không đúng định dạng.');
  return body as T;
}

const has = (body: unknown, key: string) => !!body && typeof body === 'object' && key in body;

export type ViewParams = { agency: string; from: string; to: string; view: string };

export function fetchKpis(params: ViewParams & { scope?: string }): Promise<KpiSummary> {
  return apiGet('/api/v1/kpis', { ...params, scope: params.scope ?? 'subtree' }, (b) => has(b, 'incoming') && has(b, 'period'));
}

export function fetchBreakdown(params: ViewParams & { rank_by?: string; kind?: string }): Promise<Breakdown> {
  const { kind, ...rest } = params;
  return apiGet('/api/v1/kpis/breakdown', { ...rest, rank_by: params.rank_by ?? 'on_time_rate', ...(kind ? { kind } : {}) }, (b) => has(b, 'children'));
}

export function fetchSeries(params: ViewParams & { interval: 'day' | 'week' | 'month' }): Promise<Series> {
  return apiGet('/api/v1/kpis/series', { ...params }, (b) => has(b, 'points'));
}

export function fetchTree(date: string, view: 'as_was' | 'as_is' = 'as_was'): Promise<AgencyTree> {
  return apiGet('/api/v1/agencies', { date, view }, (b) => has(b, 'agencies'));
}

export function fetchOpenDocuments(params: { agency: string; overdue: boolean; page_size: number }): Promise<OpenDocuments> {
  return apiGet('/api/v1/documents/open', { agency: params.agency, overdue: String(params.overdue), page_size: String(params.page_size) }, (b) => has(b, 'documents'));
}

export function fetchWorkload(agency: string, limit = 10): Promise<Workload> {
  return apiGet('/api/v1/documents/workload', { agency, limit: String(limit) }, (b) => has(b, 'units'));
}

/** Signs in with the demo's seeded accounts (npm start); production signs in through OpenID Connect. */
export async function demoSignIn(username: string, password: string): Promise<{ access_token: string; name: string; expires_in: number } | undefined> {
  const response = await fetch(`${apiBaseUrl}/api/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    cache: 'no-store',
  });
  return response.ok ? (response.json() as Promise<{ access_token: string; name: string; expires_in: number }>) : undefined;
}
