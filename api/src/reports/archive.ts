// The archive of every generated report file (vanban_reports.archive, created by the ingest
// migrations): parameters, who asked and how, when, size and SHA-256, and the file itself, so a
// download months later returns the very bytes first handed out. A file whose bytes no longer hash
// to what was stored is refused, never served.
import { createHash } from 'node:crypto';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import type { ReportKind, ReportRequest } from './report.js';
import type { ReportFormat } from './render.js';

export type RequestedVia = 'api' | 'schedule' | 'cli';

export interface ArchiveEntry {
  id: string;
  /** ISO 8601, UTC. */
  generated_at: string;
  /** Who asked: "person:<subject>", "client:<id>", "api_key:<id>", "scheduler", "operator:<user>". */
  requested_by: string;
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

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class ReportArchive {
  constructor(readonly client: Warehouse) {}

  async store(entry: Omit<ArchiveEntry, 'size' | 'sha256'>, bytes: Buffer): Promise<ArchiveEntry> {
    const stored: ArchiveEntry = { ...entry, size: bytes.length, sha256: sha256(bytes) };
    await this.client.insert({
      table: 'vanban_reports.archive',
      // ClickHouse's basic DateTime64 text: "2026-11-25 09:00:00.123", UTC like the column.
      values: [{ ...stored, generated_at: stored.generated_at.replace('T', ' ').replace('Z', ''), content_base64: bytes.toString('base64') }],
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
    return rows.map((row) => ({ ...row, calendar: Boolean(row.calendar), size: Number(row.size), duration_ms: Number(row.duration_ms) }));
  }
}
