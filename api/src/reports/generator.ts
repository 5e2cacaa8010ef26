// Generates a report and archives it: figures (report.ts) → file (render.ts) → archive (archive.ts).
// The portal, the API, the scheduler and `npm run report` all come through here, so every file
// handed out is in the archive. One report at a time: a PDF holds a Chromium and a yearly city
// report half a gigabyte, and two cores gain nothing from running two; the rest wait in line, and
// beyond `maxWaiting` a caller is told to come back rather than left hanging.
import { randomUUID } from 'node:crypto';
import type { Warehouse } from '@vanban/common';
import { dataAsOf } from '../kpi/kpi-summary.js';
import { BusyError, QuotaExceededError } from '../request-errors.js';
import { ReportArchive, type ArchiveEntry, type RequestedVia } from './archive.js';
import { contentTypes, renderReport, reportFileName, type ReportFormat } from './render.js';
import { buildReport, firstDataDay, reportPeriods, type ReportRequest } from './report.js';

export interface GenerateRequest extends ReportRequest { format: ReportFormat }

export interface Requester {
  /** "person:<subject>", "client:<id>", "api_key:<id>", "scheduler", "operator:<user>". */
  by: string;
  via: RequestedVia;
  /** A person's name, shown in the report center instead of their account. */
  name?: string;
}

export interface GenerateOptions {
  /** A fixed id (the scheduler's, derived from the parameters); a random one otherwise. */
  id?: string;
  progress?: (line: string) => void;
}

export class ReportsBusyError extends BusyError {
  constructor(message: string) {
    super(message, 503, 30);
  }
}

/**
 * The bytes of archived reports one requester may have made through the API (archiveQuotaBytes,
 * default 200 MB: a yearly city PDF is about 1 MB). Over it a new report is refused with 409 rather
 * than older ones dropped: the archive is the record of what was handed out, and a dropped report
 * could not be downloaded again byte for byte. Scheduled reports and an operator's `npm run report`
 * are not counted (the schedule bounds the first; the operator holds the server). Identical
 * requests do not count either: the archived copy is handed out again.
 */
export const defaultArchiveQuotaBytes = 200 * 1024 * 1024;

export interface GeneratorOptions {
  /** Reports waiting beyond the one being made before callers are told to come back (503). */
  maxWaiting?: number;
  /** Bytes of archived reports per API requester; see defaultArchiveQuotaBytes. */
  archiveQuotaBytes?: number;
}

export class ReportGenerator {
  readonly archive: ReportArchive;
  private line: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  private readonly maxWaiting: number;
  private readonly quotaBytes: number;

  constructor(private readonly client: Warehouse, private readonly today: () => string, options: GeneratorOptions = {}) {
    this.archive = new ReportArchive(client);
    this.maxWaiting = options.maxWaiting ?? 8;
    this.quotaBytes = options.archiveQuotaBytes ?? defaultArchiveQuotaBytes;
  }

  /**
   * The report, made and archived; or, when the archive already holds the same report computed from
   * the same data (`reused`), that one. Impossible dates are refused before anything is queued.
   */
  async generate(request: GenerateRequest, requester: Requester, options: GenerateOptions = {}): Promise<{ entry: ArchiveEntry; bytes: Buffer; reused: boolean }> {
    // Impossible or not begun: refused before anything is read; then a period before the first data.
    reportPeriods(request, this.today());
    reportPeriods(request, this.today(), await firstDataDay(this.client));
    if (this.waiting >= this.maxWaiting) throw new ReportsBusyError(`${this.waiting} reports are being generated or waiting; try again in a minute`);
    this.waiting++;
    const run = this.line.then(() => this.run(request, requester, options)).finally(() => { this.waiting--; });
    this.line = run.catch(() => undefined);
    return run;
  }

  private async run(request: GenerateRequest, requester: Requester, options: GenerateOptions): Promise<{ entry: ArchiveEntry; bytes: Buffer; reused: boolean }> {
    const started = Date.now();
    // A scheduled report's id already derives from its parameters: the scheduler finds it by id.
    if (!options.id) {
      const today = this.today();
      const { period } = reportPeriods(request);
      const same = await this.archive.findSame({
        period_kind: request.period, calendar: request.calendar, period_from: period.from, period_to: period.to,
        scope_code: request.scope, agency_kind: request.kind ?? '', view: request.view, format: request.format,
        data_as_of: await dataAsOf(this.client),
      }, period.to < today ? null : today);
      const bytes = same && await this.archive.file(same.id);
      if (same && bytes) {
        options.progress?.(`report: the archive holds this report from the same data (${same.id}); handed out again`);
        return { entry: same, bytes, reused: true };
      }
      if (requester.via === 'api') {
        const used = await this.archive.usage(requester.by, 'api');
        if (used >= this.quotaBytes) {
          throw new QuotaExceededError(`The reports archived at your request take ${mb(used)} MB, the quota per requester is ${mb(this.quotaBytes)} MB; earlier reports stay downloadable from the archive`);
        }
      }
    }
    const report = await buildReport(this.client, request, this.today(), options.progress);
    options.progress?.(`report: rendering ${request.format}…`);
    const bytes = await renderReport(report, request.format);
    options.progress?.(`report: archiving ${bytes.length.toLocaleString('en')} bytes…`);
    const entry = await this.archive.store({
      id: options.id ?? randomUUID(),
      generated_at: new Date().toISOString(),
      requested_by: requester.by,
      requested_by_name: requester.name ?? '',
      requested_via: requester.via,
      period_kind: request.period,
      calendar: request.calendar,
      period_from: report.period.from,
      period_to: report.period.to,
      scope_code: report.total.agency.code,
      scope_name: report.total.agency.name,
      agency_kind: request.kind ?? '',
      view: request.view,
      format: request.format,
      file_name: reportFileName(report, request.format),
      content_type: contentTypes[request.format],
      data_as_of: report.total.data_as_of,
      duration_ms: Date.now() - started,
    }, bytes);
    return { entry, bytes, reused: false };
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
