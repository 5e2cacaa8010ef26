// Reads the KPI API (the same figures the IOC receives); the portal never computes a KPI itself.
import { apiBaseUrl } from './config';

export interface KpiSummary {
  agency: { code: string; name: string; kind: string };
  period: { from: string; to: string; as_of: string };
  data_as_of: string | null;
  incoming: {
    received: number; returned: number; completed: number; completed_on_time: number; completed_late: number;
    completed_no_deadline: number; open_on_time: number; open_overdue: number; on_time_rate: number | null;
    cohort_completion_rate: number | null; online_rate: number | null; interconnected_rate: number | null;
    processing_days: { mean: number | null; median: number | null; p90: number | null };
  };
  outgoing: { issued: number; digitally_signed_rate: number | null; electronic_dispatch_rate: number | null; drafting_days: { median: number | null; p90: number | null } };
  work_files: { opened: number; electronic_rate: number | null };
  adoption: { agencies: number; active: number; adoption_rate: number | null };
  target: { online_rate: number | null; met: boolean | null };
}

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
