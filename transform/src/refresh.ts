// Keeps the models up to date while ingest runs: each accepted batch names the source tables it
// touched, and the refresher rebuilds only the models downstream of those tables. Batches that
// arrive while a build runs are coalesced into the next build, so a burst of small batches costs
// one rebuild, and at most one build runs at a time.
import type { Warehouse } from '@vanban/common';
import { buildModels, type BuildResult } from './build.js';
import { affectedModels, loadModels, type Model } from './project.js';

export interface RefresherOptions {
  log?: (line: string) => void;
  /** Wait before retrying a failed refresh when no new batch comes to trigger it; default 5 s. */
  retryMs?: number;
  /** Called after each refresh, with what was rebuilt; errors are reported here too. */
  onRefresh?: (result: { models: string[]; ms: number } | { error: Error }) => void;
}

export class ModelRefresher {
  private readonly models: Model[] = loadModels();
  private pending = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(private readonly client: Warehouse, private readonly options: RefresherOptions = {}) {}

  /** Marks source tables (bare names, e.g. `incoming_document`) as changed and starts a refresh. */
  notify(tables: Iterable<string>): void {
    for (const table of tables) this.pending.add(table);
    if (this.pending.size > 0 && !this.running) this.running = this.drain();
  }

  /** Resolves when every change notified so far is in the models. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const tables = this.pending;
        this.pending = new Set();
        const models = affectedModels(this.models, tables).filter((m) => m.config.materialized === 'table');
        const started = Date.now();
        try {
          // Views read the raw tables directly; only tables need rebuilding.
          const result: BuildResult = await buildModels(this.client, { models: this.models, select: models.map((m) => m.name), skipCalendar: true });
          const ms = Date.now() - started;
          this.options.log?.(`refreshed ${result.models.length} models after changes to ${[...tables].join(', ')} in ${(ms / 1000).toFixed(1)} s`);
          this.options.onRefresh?.({ models: result.models.map((m) => m.name), ms });
        } catch (error) {
          // The tables stay marked and are retried with whatever comes next, or after a pause.
          for (const table of tables) this.pending.add(table);
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
