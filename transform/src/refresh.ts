// Keeps the models up to date while ingest runs: each accepted batch names the source tables it
// touched, and the refresher rebuilds only the models downstream of those tables. Batches that
// arrive while a build runs are coalesced into the next build, so a burst of small batches costs
// one rebuild, and at most one build runs at a time.
// data_as_of must not claim a batch the build did not include. A batch is notified after its rows
// and its progress row are written, so the ingest watermark is read BEFORE the changed tables are
// taken: every batch the watermark counts has been notified by then, unless its notification came
// late, which the refresher sees (it arrives while the build runs, with commit times the watermark
// already counts). Such a build claims only what was committed before the oldest change of those
// late batches, and the next one, which includes them, claims the rest. (It used to claim nothing
// then; with several Kafka topics some batch nearly always comes late, and data_as_of stood still
// for several builds: 7 s of staleness at 1,000 changes/s where a build took 1.7 s.) A batch notified
// while the watermark is being read is taken by that build, which may not count it: its tables are
// marked again, so one more build claims it (without that, at the end of a burst, data_as_of stayed
// behind the last batch until something else came).
// Documents that turned secret are purged from the facts by ingest (writers/document-facts.ts); a
// build that read the raw tables just before such a purge may still write their rows after it, so
// once a build that began after the notification has finished, every earlier build has too, and the
// refresher purges those documents again (purgeFacts).
// The operator's calendar directory is watched too: a new or edited file is loaded and the models
// that use the calendar are rebuilt, without a restart; a file that does not parse is reported and
// the calendar in use stays.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '@vanban/common';
import { buildModels, ingestWatermark, type BuildResult } from './build.js';
import { operatorCalendarFiles, readCalendar } from './calendar.js';
import { affectedModels, dbtThreads, loadModels, type Model } from './project.js';
import { verifyModels, type ModelCheck } from './verify.js';

/** The calendar seed, as models ref it: a change of the calendar is a change of this. */
const calendarSeed = 'vn_calendar';

/** What the operator's calendar files say, as one value: their names and contents. */
function calendarFingerprint(dir: string): string {
  const hash = createHash('sha256');
  for (const file of operatorCalendarFiles(dir)) hash.update(`${path.basename(file)}\n`).update(readFileSync(file));
  return hash.digest('hex');
}

export interface RefresherOptions {
  log?: (line: string) => void;
  /** Wait before retrying a failed refresh when no new batch comes to trigger it; default 5 s. */
  retryMs?: number;
  /** Called after each refresh, with what was rebuilt; errors are reported here too. */
  onRefresh?: (result: { models: string[]; ms: number } | { error: Error }) => void;
  /** The operator's calendar directory (CALENDAR_DIR), looked at by watchCalendar(). */
  calendarDir?: string;
  /** How often watchCalendar() looks at it; default 30 s. */
  calendarCheckMs?: number;
  /** Each model's time in each refresh (the build's own log lines); default none, only the summary line. */
  buildLog?: (line: string) => void;
  /** Purges the facts of documents that turned secret (ingest's purgeDocumentFacts); see the file's comment. */
  purgeFacts?: (client: Warehouse, purged: PurgedDocuments, queryId: string) => Promise<void>;
}

/** Documents that turned secret, by source table (ingest's BatchResult.purged). */
export type PurgedDocuments = { table: 'incoming_document' | 'outgoing_document'; ids: number[] }[];

export class ModelRefresher {
  private readonly models: Model[] = loadModels();
  private pending = new Set<string>();
  /** Oldest commit times (ms) of the batches notified since the running build took its tables; NaN: unknown. */
  private late: number[] = [];
  private running: Promise<void> | undefined;
  /** The calendar files last seen (a change marks the seed pending: the next build loads them). */
  private calendarSeen: string | undefined;
  private calendarTimer: NodeJS.Timeout | undefined;
  private verifyTimer: NodeJS.Timeout | undefined;
  /** Documents purged since the running build began: purged again after the next build. */
  private purged: PurgedDocuments = [];
  /**
   * The tables of batches notified while a build reads the ingest watermark (undefined: no read under
   * way). The build takes them, but the watermark it read may not count them, so it may claim less
   * than it holds: they are marked again, for one more build that claims them.
   */
  private notifiedDuringWatermark: Set<string> | undefined;

  constructor(private readonly client: Warehouse, private readonly options: RefresherOptions = {}) {}

  /** Looks at the calendar directory every calendarCheckMs from now on (the files there now are in use). */
  watchCalendar(): void {
    const dir = this.options.calendarDir;
    if (dir === undefined || this.calendarTimer) return;
    this.calendarSeen = calendarFingerprint(dir);
    this.calendarTimer = setInterval(() => this.checkCalendar(dir), this.options.calendarCheckMs ?? 30_000);
    this.calendarTimer.unref();
  }

  /**
   * Builds every model from scratch into a shadow database and compares it with the live tables,
   * repairing a difference (verify.ts). It runs between builds: what was notified before is built
   * first, and what is notified meanwhile waits for it.
   */
  async verify(): Promise<ModelCheck[]> {
    // Taken in the same turn as the last build is seen to end, so no build can start in between.
    while (this.running) await this.running;
    const checks = verifyModels(this.client, { log: this.options.log });
    this.running = checks.then(() => undefined, () => undefined).finally(() => {
      this.running = undefined;
      this.start();
    });
    return checks;
  }

  /** Runs verify() every `everyMs` from now on (0: never); a failure is logged and retried next time. */
  scheduleVerification(everyMs: number): void {
    if (everyMs <= 0 || this.verifyTimer) return;
    this.verifyTimer = setInterval(() => {
      this.verify().catch((error: Error) => this.options.log?.(`models not checked against a full build: ${error.message}`));
    }, everyMs);
    this.verifyTimer.unref();
  }

  /** Stops watching the calendar and checking the models (the timers of watchCalendar and scheduleVerification). */
  stop(): void {
    clearInterval(this.verifyTimer);
    this.verifyTimer = undefined;
    clearInterval(this.calendarTimer);
    this.calendarTimer = undefined;
  }

  private checkCalendar(dir: string): void {
    const seen = calendarFingerprint(dir);
    if (seen === this.calendarSeen) return;
    this.calendarSeen = seen;
    try {
      readCalendar(dir);
    } catch (error) {
      this.options.log?.(`calendar not loaded, the calendar in use stays: ${(error as Error).message}`);
      this.options.onRefresh?.({ error: error as Error });
      return;
    }
    this.options.log?.(`calendar changed in ${dir}: loading it and rebuilding the models that use it`);
    this.pending.add(calendarSeed);
    this.start();
  }

  /**
   * Marks source tables (bare names, e.g. `incoming_document`) as changed and starts a refresh.
   * `commits` is the batch's oldest and newest source commit times (BatchResult.minSourceTsMs,
   * maxSourceTsMs): without them, a notification that arrives during a build keeps that build from
   * advancing data_as_of.
   * `purged`: the documents the batch purged as secret (BatchResult.purged).
   */
  notify(tables: Iterable<string>, commits?: { minSourceTsMs: number; maxSourceTsMs: number }, purged: PurgedDocuments = []): void {
    this.purged.push(...purged.filter((p) => p.ids.length > 0));
    let any = false;
    for (const table of tables) {
      this.pending.add(table);
      this.notifiedDuringWatermark?.add(table);
      any = true;
    }
    if (any) this.late.push(commits?.minSourceTsMs ?? Number.NaN);
    this.start();
  }

  private start(): void {
    if (this.pending.size > 0 && !this.running) this.running = this.drain();
  }

  /** Resolves when every change notified so far is in the models. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        let tables = new Set<string>();
        let purged: PurgedDocuments = [];
        const started = Date.now();
        try {
          // The watermark first, then the tables (see the file's comment).
          this.notifiedDuringWatermark = new Set();
          let watermark: string | null;
          try {
            watermark = await ingestWatermark(this.client);
          } finally {
            tables = this.pending;
            this.pending = new Set(this.notifiedDuringWatermark);
            this.notifiedDuringWatermark = undefined;
          }
          this.late = [];
          purged = this.purged;
          this.purged = [];
          const watermarkMs = watermark === null ? Number.NEGATIVE_INFINITY : Date.parse(`${watermark.replace(' ', 'T')}Z`);
          // A batch notified from now on that the watermark counts is not in this build: the build
          // vouches for what was committed before its oldest change.
          const vouchedAsOf = (): string | null => {
            // A late batch of unknown commit times: nothing new is claimed.
            if (watermark === null || this.late.some((ts) => Number.isNaN(ts))) return null;
            const oldest = Math.min(...this.late); // Infinity when none came late
            return oldest > watermarkMs ? watermark : new Date(oldest - 1).toISOString().replace('T', ' ').replace('Z', '');
          };
          // Views read the raw tables directly; only tables need rebuilding, and incremental models
          // take in what changed. A new calendar changes the working days of every document, so the
          // incremental models that count them are rebuilt from scratch (dbt build --full-refresh).
          const models = affectedModels(this.models, tables).filter((m) => m.config.materialized !== 'view');
          const calendarChanged = tables.has(calendarSeed);
          const fullRefresh = calendarChanged ? affectedModels(this.models, [calendarSeed]).map((m) => m.name) : [];
          // A failed build puts the seed back among the pending tables, so the calendar is loaded on the retry.
          // Appends are small and wait on reads more than on the cores: two at once, as dbt's threads
          // (transform/src/schedule.ts); a calendar change rebuilds whole facts, one at a time.
          const result: BuildResult = await buildModels(this.client, {
            models: this.models, select: models.map((m) => m.name), skipCalendar: !calendarChanged, fullRefresh, log: this.options.buildLog, calendarDir: this.options.calendarDir, watermark, vouchedAsOf,
            threads: calendarChanged ? 1 : dbtThreads,
          });
          if (purged.length > 0 && this.options.purgeFacts) await this.options.purgeFacts(this.client, purged, `refresh-${started}`);
          const ms = Date.now() - started;
          this.options.log?.(`refreshed ${result.models.length} models after changes to ${[...tables].join(', ')} in ${(ms / 1000).toFixed(1)} s`);
          this.options.onRefresh?.({ models: result.models.map((m) => m.name), ms });
        } catch (error) {
          // The tables stay marked and are retried with whatever comes next, or after a pause.
          for (const table of tables) this.pending.add(table);
          this.purged.push(...purged);
          this.options.onRefresh?.({ error: error as Error });
          this.options.log?.(`refresh failed, will retry: ${(error as Error).message}`);
          setTimeout(() => this.notify([]), this.options.retryMs ?? 5000).unref();
          return;
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
