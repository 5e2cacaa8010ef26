// Reads the KPI API (the same figures the IOC receives); the portal never computes a KPI itself.
import { headers as requestHeaders } from 'next/headers';
import { apiBaseUrl } from './config';
import { apiErrorSentence } from './messages';
import { readSession } from './session';

// The contract types are the API's own, so the portal cannot drift from what the API answers.
export type { AgencyNode, AgencyTree, ArchiveEntry, Backlog, BacklogRow, Breakdown, BreakdownRow, ComparedSummary, FailingReport, KpiSummary, OpenDocuments, Performance, Series, Workload } from '@vanban/api';
import type { AgencyTree, ArchiveEntry, Backlog, Breakdown, ComparedSummary, FailingReport, KpiSummary, OpenDocuments, Performance, Series, Workload } from '@vanban/api';

/** A sentence for the page; `status` and `code` are the API's (none when it could not be reached). */
export class ApiError extends Error {
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
  }
}

/** The API refused: not signed in (401) or outside the person's agencies (403). */
export class AccessError extends ApiError {
  constructor(override readonly status: 401 | 403) {
    super(status === 401 ? 'Cần đăng nhập để xem nội dung này.' : 'Tài khoản của bạn không được xem số liệu của cơ quan này.', status);
  }
}

/**
 * The portal's identity towards the API in the same process: its key (made by the API at start, kept
 * in this process only) and the visitor it reads for (the address the API gave this request), so
 * each visitor has their own allowance instead of sharing 127.0.0.1's. Grants no rights; see
 * api/src/auth/portal-identity.ts.
 */
async function portalHeaders(): Promise<Record<string, string>> {
  const key = (globalThis as unknown as Record<symbol, string | undefined>)[Symbol.for('vanban.portal-key')];
  if (!key) return {};
  const visitor = (await requestHeaders()).get('x-vanban-visitor');
  return { 'x-vanban-portal': key, ...(visitor ? { 'x-vanban-visitor': visitor } : {}) };
}

/** Calls the API as the signed-in person, if any; a failed connection becomes a sentence a leader can act on. */
async function callApi(path: string, init: RequestInit = {}): Promise<Response> {
  const session = await readSession();
  const portal = await portalHeaders();
  try {
    return await fetch(`${apiBaseUrl}${path}`, {
      ...init,
      cache: 'no-store',
      headers: { ...(init.headers as Record<string, string> | undefined), ...portal, ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
    });
  } catch {
    throw new ApiError('Không kết nối được máy chủ số liệu. Vui lòng thử lại sau.');
  }
}

/** The API's answer as JSON, or the refusal or error as an ApiError in Vietnamese. */
async function answerOf<T>(response: Response, looksRight: (body: unknown) => boolean): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 401 || response.status === 403) throw new AccessError(response.status);
  if (!response.ok) {
    const code = (body as { error?: { code?: string } } | null)?.error?.code;
    throw new ApiError(apiErrorSentence(response.status, code), response.status, code);
  }
  if (!looksRight(body)) throw new ApiError('Máy chủ số liệu trả về dữ liệu không đúng định dạng.', response.status);
  return body as T;
}

async function apiGet<T>(path: string, params: Record<string, string>, looksRight: (body: unknown) => boolean): Promise<T> {
  return answerOf<T>(await callApi(`${path}?${new URLSearchParams(params)}`), looksRight);
}

/**
 * A read revalidated with the ETag of the answer already held (the API's read cache): no body when
 * it is still current (304), so a screen that polls (the IOC wall) costs the API no computation.
 */
export async function fetchIfChanged<T>(path: '/api/v1/kpis' | '/api/v1/kpis/backlog', params: Record<string, string>, etag?: string): Promise<{ etag: string | null; body?: T }> {
  const response = await callApi(`${path}?${new URLSearchParams(params)}`, etag ? { headers: { 'if-none-match': etag } } : {});
  if (response.status === 304) return { etag: etag ?? null };
  return { etag: response.headers.get('etag'), body: await answerOf<T>(response, (b) => has(b, 'period')) };
}

const has = (body: unknown, key: string) => !!body && typeof body === 'object' && key in body;

export type ViewParams = { agency: string; from: string; to: string; view: string };

export function fetchKpis(params: ViewParams & { scope?: string }): Promise<KpiSummary> {
  return apiGet('/api/v1/kpis', { ...params, scope: params.scope ?? 'subtree' }, (b) => has(b, 'incoming') && has(b, 'period'));
}

/** The summary with the previous period and the same period a year earlier (kpi.md, Comparisons). */
export function fetchComparedKpis(params: ViewParams): Promise<ComparedSummary> {
  return apiGet('/api/v1/kpis', { ...params, scope: 'subtree', compare: 'true' }, (b) => has(b, 'incoming') && has(b, 'comparison'));
}

export function fetchBreakdown(params: ViewParams & { rank_by?: string; kind?: string }): Promise<Breakdown> {
  const { kind, ...rest } = params;
  return apiGet('/api/v1/kpis/breakdown', { ...rest, rank_by: params.rank_by ?? 'on_time_rate', ...(kind ? { kind } : {}) }, (b) => has(b, 'children'));
}

/** The breakdown's rows with only their open documents at the period's end (the first screen's list). */
export function fetchBacklog(params: ViewParams): Promise<Backlog> {
  return apiGet('/api/v1/kpis/backlog', { ...params }, (b) => has(b, 'children'));
}

export function fetchSeries(params: ViewParams & { interval: 'day' | 'week' | 'month' }): Promise<Series> {
  return apiGet('/api/v1/kpis/series', { ...params }, (b) => has(b, 'points'));
}

export function fetchTree(date: string, view: 'as_was' | 'as_is' = 'as_was'): Promise<AgencyTree> {
  return apiGet('/api/v1/agencies', { date, view }, (b) => has(b, 'agencies'));
}

/** `urgency`, `kind`, `order`, `page`: the leaders' filters and paging, passed on only when chosen. */
export function fetchOpenDocuments(params: { agency: string; overdue: boolean; page_size: number; page?: number; urgency?: string; kind?: string; order?: string }): Promise<OpenDocuments> {
  const { agency, overdue, page_size, page, ...chosen } = params;
  const narrowing = Object.fromEntries(Object.entries(chosen).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return apiGet('/api/v1/documents/open', { agency, overdue: String(overdue), page_size: String(page_size), ...(page ? { page: String(page) } : {}), ...narrowing }, (b) => has(b, 'documents'));
}

/** Units (kpi:read) or people (documents:read, audited) ranked by the on-time rate of what they lead over the period. */
export function fetchPerformance(level: 'units' | 'people', params: { agency: string; from: string; to: string; limit: number }): Promise<Performance> {
  return apiGet(`/api/v1/performance/${level}`, { agency: params.agency, from: params.from, to: params.to, limit: String(params.limit) }, (b) => has(b, 'rows'));
}

export function fetchWorkload(agency: string, limit = 10): Promise<Workload> {
  return apiGet('/api/v1/documents/workload', { agency, limit: String(limit) }, (b) => has(b, 'units'));
}

/** The draft chasing letter to an agency as the API makes it (bytes and headers), for the portal to pass on. */
export function fetchChasingLetter(agency: string, format: 'docx' | 'pdf'): Promise<Response> {
  return callApi(`/api/v1/documents/chasing-letter?${new URLSearchParams({ agency, format })}`);
}

/** The report archive the signed-in person may see, newest first. */
export function fetchReports(limit = 100): Promise<{ reports: ArchiveEntry[] }> {
  return apiGet('/api/v1/reports', { limit: String(limit) }, (b) => has(b, 'reports'));
}

export interface ReportOrder { period: string; calendar: boolean; at: string; scope: string; kind?: string; view: string; format: string }

/** Makes a report now; it comes back archived. */
export async function generateReport(order: ReportOrder): Promise<ArchiveEntry> {
  const response = await callApi('/api/v1/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
  return answerOf<ArchiveEntry>(response, (b) => has(b, 'sha256'));
}

/** An archived file as the API sends it (bytes and headers), for the portal to pass on unchanged. */
export function fetchReportFile(id: string): Promise<Response> {
  return callApi(`/api/v1/reports/${encodeURIComponent(id)}/file`);
}

/** The signed-in person's subscription to the daily digest (api/src/routes/digest), with the latest messages. */
export interface DigestSubscription {
  subscription: { name: string; email: string; agency: string; active: boolean; updated_at: string } | null;
  suggested: { name: string | null; email: string | null; agency: string | null };
  sending: boolean;
  at: string;
  deliveries: { day: string; event: 'sent' | 'failed' | 'gave_up'; email: string; subject: string; at: string }[];
}

export async function fetchDigestSubscription(): Promise<DigestSubscription> {
  return answerOf<DigestSubscription>(await callApi('/api/v1/digest/subscription'), (b) => has(b, 'suggested'));
}

/** Subscribes (or changes the address or agency); `null` unsubscribes. */
export async function saveDigestSubscription(order: { email: string; agency: string } | null): Promise<DigestSubscription> {
  const response = order
    ? await callApi('/api/v1/digest/subscription', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) })
    : await callApi('/api/v1/digest/subscription', { method: 'DELETE' });
  return answerOf<DigestSubscription>(response, (b) => has(b, 'suggested'));
}

/** The signed-in person as the API sees them: the agency whose subtree they may read (null: every agency). */
export async function fetchMe(): Promise<{ kind: string; name: string | null; agency: string | null }> {
  return answerOf(await callApi('/api/v1/me'), (b) => has(b, 'agency'));
}

/** The scheduled reports failing now in the caller's subtree, and when each is tried again. */
export async function fetchFailingReports(): Promise<FailingReport[]> {
  return (await answerOf<{ failing: FailingReport[] }>(await callApi('/api/v1/reports/schedule'), (b) => has(b, 'failing'))).failing;
}

/** Signs in with the demo's seeded accounts (npm start); production signs in through OpenID Connect. */
export async function demoSignIn(username: string, password: string): Promise<{ access_token: string; name: string; expires_in: number } | undefined> {
  const response = await fetch(`${apiBaseUrl}/api/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await portalHeaders()) },
    body: JSON.stringify({ username, password }),
    cache: 'no-store',
  });
  return response.ok ? (response.json() as Promise<{ access_token: string; name: string; expires_in: number }>) : undefined;
}
