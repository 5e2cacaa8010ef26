// The archive of every generated report file (vanban_reports.archive, created by the ingest
// migrations): parameters, who asked and how, when, size and SHA-256, and the file itself, so a
// download months later returns the very bytes first handed out. A file whose bytes no longer hash
// to what was stored is refused, never served.
import { createHash } from 'node:crypto';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { isProvisional, type ReportKind, type ReportRequest } from './report.js';
import type { ReportFormat } from './render.js';

export type RequestedVia = 'api' | 'schedule' | 'cli';

export interface ArchiveEntry {
  id: string;
  /** ISO 8601, UTC. */
  generated_at: string;
  /** Who asked: "person:<subject>", "client:<id>", "api_key:<id>", "scheduler", "operator:<user>". */
  requested_by: string;
  /** A person's name as their token gave it; '' for the scheduler, clients, keys and operators. */
  requested_by_name: string;
  requested_via: RequestedVia;
  period_kind: ReportRequest['period'];
  calendar: boolean;
  period_from: string;
  period_to: string;
  scope_code: string;
  scope_name: string;
  /** The one level reported on, or '' for every level below the scope. */
  agency_kind: ReportKind | '';
  view: ReportRequest['view'];
  format: ReportFormat;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  data_as_of: string | null;
  duration_ms: number;
  /** Tạm tính: made before its data reached past the period's last day (report.ts isProvisional). */
  provisional: boolean;
}

export interface ArchiveFilter {
  /** Only scopes at or below this agency; null = every scope. */
  root: string | null;
  period_kind?: string;
  format?: string;
  limit: number;
}

export class ArchiveCorruptedError extends Error {}

const entriesSql = readSql(new URL('./archive_entries.sql', import.meta.url));
const fileSql = readSql(new URL('./archive_file.sql', import.meta.url));
const sameSql = readSql(new URL('./archive_same.sql', import.meta.url));
const usageSql = readSql(new URL('./archive_usage.sql', import.meta.url));

/** What makes two reports the same report: their parameters and the data they were computed from. */
export type SameReport = Pick<ArchiveEntry, 'period_kind' | 'calendar' | 'period_from' | 'period_to' | 'scope_code' | 'agency_kind' | 'view' | 'format' | 'data_as_of'>;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class ReportArchive {
  constructor(readonly client: Warehouse) {}

  async store(entry: Omit<ArchiveEntry, 'size' | 'sha256' | 'provisional'>, bytes: Buffer): Promise<ArchiveEntry> {
    const stored: ArchiveEntry = { ...entry, size: bytes.length, sha256: sha256(bytes), provisional: isProvisional(entry.period_to, entry.data_as_of) };
    const { provisional: _derived, ...columns } = stored;
    await this.client.insert({
      table: 'vanban_reports.archive',
      // ClickHouse's basic DateTime64 text: "2026-11-25 09:00:00.123", UTC like the column.
      values: [{ ...columns, generated_at: stored.generated_at.replace('T', ' ').replace('Z', ''), content_base64: bytes.toString('base64') }],
      format: 'JSONEachRow',
    });
    return stored;
  }

  async list(filter: ArchiveFilter): Promise<ArchiveEntry[]> {
    return this.entries({ id: '', root: filter.root ?? '', period_kind: filter.period_kind ?? '', format: filter.format ?? '', limit: filter.limit });
  }

  async find(id: string): Promise<ArchiveEntry | null> {
    const [entry] = await this.entries({ id, root: '', period_kind: '', format: '', limit: 1 });
    return entry ?? null;
  }

  /**
   * An archived report with the same parameters and the same data, if any. `generatedOn`: for a
   * period still open on the day asked, only a report generated that (Hanoi) day is the same.
   */
  async findSame(report: SameReport, generatedOn: string | null): Promise<ArchiveEntry | null> {
    const [row] = await queryRows<{ id: string }>(this.client, sameSql, { ...report, today: generatedOn ?? '' });
    return row ? this.find(row.id) : null;
  }

  /** The bytes of the files archived for one requester through one way in. */
  async usage(requestedBy: string, via: RequestedVia): Promise<number> {
    const [row] = await queryRows<{ bytes: string }>(this.client, usageSql, { requested_by: requestedBy, requested_via: via });
    return Number(row?.bytes ?? 0);
  }

  /** The stored bytes, checked against the stored SHA-256. */
  async file(id: string): Promise<Buffer | null> {
    const [row] = await queryRows<{ content_base64: string; sha256: string }>(this.client, fileSql, { id });
    if (!row) return null;
    const bytes = Buffer.from(row.content_base64, 'base64');
    if (sha256(bytes) !== row.sha256) throw new ArchiveCorruptedError(`The archived report ${id} no longer matches its SHA-256 ${row.sha256}; it is not served`);
    return bytes;
  }

  private async entries(params: { id: string; root: string; period_kind: string; format: string; limit: number }): Promise<ArchiveEntry[]> {
    const rows = await queryRows<ArchiveEntry>(this.client, entriesSql, params);
    return rows.map((row) => ({
      ...row, calendar: Boolean(row.calendar), size: Number(row.size), duration_ms: Number(row.duration_ms),
      provisional: isProvisional(row.period_to, row.data_as_of),
    }));
  }
}
