// Reads the KPI API (the same figures the IOC receives); the portal never computes a KPI itself.
import { apiBaseUrl } from './config';

// The contract type is the API's own, so the portal cannot drift from what the API answers.
export type { KpiSummary } from '@vanban/api';
import type { KpiSummary } from '@vanban/api';

export class ApiError extends Error {}

function isKpiSummary(body: unknown): body is KpiSummary {
  const b = body as Partial<KpiSummary> | null;
  return !!b && typeof b === 'object' && typeof b.incoming?.received === 'number' && typeof b.outgoing?.issued === 'number' && !!b.period;
}

export async function fetchKpis(params: { agency: string; from: string; to: string; view: string; scope?: string }): Promise<KpiSummary> {
  const query = new URLSearchParams({ agency: params.agency, from: params.from, to: params.to, view: params.view, scope: params.scope ?? 'subtree' });
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}/api/v1/kpis?${query}`, { cache: 'no-store' });
  } catch {
    throw new ApiError('Không kết nối được máy chủ số liệu. Vui lòng thử lại sau.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiError(message ? `Máy chủ số liệu báo lỗi: ${message}` : `Máy chủ số liệu trả lời mã ${response.status}.`);
  }
  if (!isKpiSummary(body)) throw new ApiError('Máy chủ số liệu trả về dữ liệu không đúng định dạng.');
  return body;
}
