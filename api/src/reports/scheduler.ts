// Each statutory period's report, right after its cut-off (Decree 09/2019: the 14th). Every
// `everyMinutes` the scheduler looks at the last closed period of each kind — monthly, quarterly,
// six-monthly, yearly — and generates the configured scopes, views and formats that the archive
// does not hold yet. A period's report waits until the warehouse holds data past its cut-off (a CDC
// outage must not freeze an incomplete report into the archive). Its ids derive from the
// parameters, so a restart, a second tick or a second replica finds the report already there.
import { createHash } from 'node:crypto';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { dataAsOf } from '../kpi/kpi-summary.js';
import { previousPeriod, statutoryPeriod, type DateRange, type ReportPeriodKind } from '../kpi/periods.js';
import type { ArchiveEntry } from './archive.js';
import type { GenerateRequest, ReportGenerator } from './generator.js';
import type { ReportFormat } from './render.js';

export interface ReportSchedule {
  scopes: string[];
  views: GenerateRequest['view'][];
  formats: ReportFormat[];
  periods: ReportPeriodKind[];
}

/** Where the scheduler says what it did: the server's logger (pino), or a test's. */
export interface ScheduleLog {
  info(message: string): void;
  error(details: object, message: string): void;
}

export interface DueReport { id: string; period: DateRange; request: GenerateRequest }

/** The last statutory period of `kind` that closed before `today`. */
export function lastClosedPeriod(kind: ReportPeriodKind, today: string): DateRange {
  return previousPeriod(statutoryPeriod(kind, today));
}

/** The id a scheduled report gets: the same parameters, the same id. */
export function scheduledId(request: GenerateRequest, period: DateRange): string {
  const key = JSON.stringify([request.period, period.from, period.to, request.scope, request.view, request.format]);
  return `lich-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** What the schedule asks for on `today`. */
export function dueReports(schedule: ReportSchedule, today: string): DueReport[] {
  return schedule.periods.flatMap((kind) => {
    const period = lastClosedPeriod(kind, today);
    return schedule.scopes.flatMap((scope) => schedule.views.flatMap((view) => schedule.formats.map((format) => {
      const request: GenerateRequest = { period: kind, calendar: false, at: period.to, scope, view, format };
      return { id: scheduledId(request, period), period, request };
    })));
  });
}

export class ReportScheduler {
  private running: Promise<ArchiveEntry[]> | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** How often it looks: when a failed report is tried again. */
  private everyMinutes = 15;

  constructor(
    private readonly generator: ReportGenerator,
    private readonly schedule: ReportSchedule,
    private readonly today: () => string,
    private readonly log: ScheduleLog,
  ) {}

  /** One look: generates what is due and missing; a report that fails is logged and tried next time. */
  tick(): Promise<ArchiveEntry[]> {
    this.running ??= this.generateDue().finally(() => { this.running = null; });
    return this.running;
  }

  start(everyMinutes: number): void {
    this.everyMinutes = everyMinutes;
    const run = () => { this.tick().catch((error: unknown) => this.log.error({ err: error }, 'report schedule: look failed')); };
    run();
    this.timer = setInterval(run, everyMinutes * 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async generateDue(): Promise<ArchiveEntry[]> {
    const asOf = await dataAsOf(this.generator.archive.client);
    const generated: ArchiveEntry[] = [];
    for (const due of dueReports(this.schedule, this.today())) {
      if (await this.generator.archive.find(due.id)) continue;
      const { request } = due;
      const label = `${request.period} ${due.period.from} → ${due.period.to}, ${request.scope}, ${request.view}, ${request.format}`;
      // data_as_of is local time with its offset: its date part past the cut-off means the day after is in.
      if (asOf === null || asOf.slice(0, 10) <= due.period.to) {
        this.log.info(`report schedule: ${label} waits for data past ${due.period.to} (the warehouse holds data to ${asOf ?? 'nothing yet'})`);
        continue;
      }
      try {
        const { entry } = await this.generator.generate(request, { by: 'scheduler', via: 'schedule' }, { id: due.id });
        this.log.info(`report schedule: ${label} → ${entry.file_name} (${entry.size.toLocaleString('en')} bytes, ${entry.duration_ms} ms, sha256 ${entry.sha256})`);
        generated.push(entry);
      } catch (error) {
        this.log.error({ err: error }, `report schedule: ${label} failed; it is tried again at the next look`);
        await this.recordFailure(due, error).catch((recording: unknown) => this.log.error({ err: recording }, 'report schedule: the failure could not be recorded'));
      }
    }
    return generated;
  }

  /** Keeps the failure where the report center shows it (vanban_reports.schedule_failure). */
  private async recordFailure(due: DueReport, error: unknown): Promise<void> {
    const { request, period } = due;
    await this.generator.archive.client.insert({
      table: 'vanban_reports.schedule_failure',
      values: [{
        report_id: due.id, period_kind: request.period, calendar: request.calendar, period_from: period.from, period_to: period.to,
        scope_code: request.scope, agency_kind: request.kind ?? '', view: request.view, format: request.format,
        detail: error instanceof Error ? error.message : String(error),
        retry_after_seconds: Math.round(this.everyMinutes * 60),
      }],
      format: 'JSONEachRow',
    });
  }
}

/** A scheduled report that could not be made, as the report center shows it. */
export interface FailingReport {
  report_id: string; period_kind: ReportPeriodKind; calendar: boolean; period_from: string; period_to: string;
  scope_code: string; agency_kind: string; view: string; format: string;
  failures: number; failed_at: string; next_try_at: string;
}

const failuresSql = readSql(new URL('./schedule_failures.sql', import.meta.url));

/** The scheduled reports failing now in `root`'s subtree (null = every scope). */
export async function failingReports(client: Warehouse, root: string | null): Promise<FailingReport[]> {
  const rows = await queryRows<FailingReport>(client, failuresSql, { root: root ?? '' });
  return rows.map((row) => ({ ...row, calendar: Boolean(row.calendar), failures: Number(row.failures) }));
}
