// Generates a report and archives it: figures (report.ts) → file (render.ts) → archive (archive.ts).
// The portal, the API, the scheduler and `npm run report` all come through here, so every file
// handed out is in the archive. One report at a time: a PDF holds a Chromium and a yearly city
// report half a gigabyte, and two cores gain nothing from running two; the rest wait in line, and
// beyond `maxWaiting` a caller is told to come back rather than left hanging.
import { randomUUID } from 'node:crypto';
import type { Warehouse } from '@vanban/common';
import { ReportArchive, type ArchiveEntry, type RequestedVia } from './archive.js';
import { contentTypes, renderReport, reportFileName, type ReportFormat } from './render.js';
import { buildReport, type ReportRequest } from './report.js';

export interface GenerateRequest extends ReportRequest { format: ReportFormat }

export interface Requester {
  /** "person:<subject>", "client:<id>", "api_key:<id>", "scheduler", "operator:<user>". */
  by: string;
  via: RequestedVia;
}

export interface GenerateOptions {
  /** A fixed id (the scheduler's, derived from the parameters); a random one otherwise. */
  id?: string;
  progress?: (line: string) => void;
}

export class ReportsBusyError extends Error {
  readonly retryAfterSeconds = 30;
}

export class ReportGenerator {
  readonly archive: ReportArchive;
  private line: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly client: Warehouse, private readonly today: () => string, private readonly maxWaiting = 8) {
    this.archive = new ReportArchive(client);
  }

  generate(request: GenerateRequest, requester: Requester, options: GenerateOptions = {}): Promise<{ entry: ArchiveEntry; bytes: Buffer }> {
    if (this.waiting >= this.maxWaiting) throw new ReportsBusyError(`${this.waiting} reports are being generated or waiting; try again in a minute`);
    this.waiting++;
    const run = this.line.then(() => this.run(request, requester, options)).finally(() => { this.waiting--; });
    this.line = run.catch(() => undefined);
    return run;
  }

  private async run(request: GenerateRequest, requester: Requester, options: GenerateOptions): Promise<{ entry: ArchiveEntry; bytes: Buffer }> {
    const started = Date.now();
    const report = await buildReport(this.client, request, this.today(), options.progress);
    options.progress?.(`report: rendering ${request.format}…`);
    const bytes = await renderReport(report, request.format);
    options.progress?.(`report: archiving ${bytes.length.toLocaleString('en')} bytes…`);
    const entry = await this.archive.store({
      id: options.id ?? randomUUID(),
      generated_at: new Date().toISOString(),
      requested_by: requester.by,
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
    return { entry, bytes };
  }
}
