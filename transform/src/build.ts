// Builds every dbt model in dependency order against ClickHouse or chDB, one at a time or, for the
// refresher, as many at once as dbt's `threads` (schedule.ts). A table is built under a temporary
// name and swapped in with EXCHANGE TABLES, so readers never see a half-built table.
// Incremental models are appended to (materialize). Each build adds one row to
// analytics._model_builds: what it built and the watermark it vouches for (data_as_of).
// Builds before the models were incremental published versions of the wide tables
// (`name__b<build id>`) in that row's `published`; builds now publish none, and drop the versions
// the older builds left once no reader can still be on them.
import { queryRows, splitStatements, type Warehouse } from '@vanban/common';
import { loadCalendar } from './calendar.js';
import { logDataQuality } from './data-quality.js';
import { buildOrder, loadModels, modelsDatabase, plainMacro, type Model } from './project.js';
import { runInDependencyOrder } from './schedule.js';

/** The build log's DDL: the same statements dbt's on-run-start hook runs (dbt/macros/model_builds.sql). */
const buildLogDdl = plainMacro('model_builds.sql', 'create_model_builds');

/** A version an older build published (see above). */
const versionPattern = /^(\w+?)__b(\d+)$/;

export interface BuildOptions {
  calendarDir?: string;
  log?: (line: string) => void;
  /** Build only these models (and nothing else); default all. */
  select?: string[];
  /** Skip reloading the calendar seed (a refresh after ingest: the calendar has not changed). */
  skipCalendar?: boolean;
  /** The project's models when the caller has rendered them already (the refresher keeps them). */
  models?: Model[];
  /**
   * The ingest watermark the caller read before choosing what to build (the refresher); default:
   * read here, before any model.
   */
  watermark?: string | null;
  /**
   * Asked once the models are built: the data_as_of the build vouches for, given the watermark (the
   * refresher claims less when a batch applied before the watermark was read had not been notified
   * in time to be built: what was committed before that batch's oldest change). Null: it claims
   * nothing new. Default: the watermark.
   */
  vouchedAsOf?: (watermark: string | null) => string | null;
  /** How long a superseded version stays for readers that resolved it just before; default 60 s. */
  retainVersionsMs?: number;
  /**
   * Rebuild these incremental models from scratch (dbt's --full-refresh), or all of them (true):
   * what a change of the calendar asks of the facts that compute working days.
   */
  fullRefresh?: boolean | readonly string[];
  /**
   * Models built at once (the refresher: dbt's `threads`, dbt/profiles.yml). Default 1: a model built
   * whole keeps both cores busy by itself, and two at once were slower (scale 1, full build: 177.8 s
   * at two against 168.2 s at one, the same warehouse within the hour).
   */
  threads?: number;
}

export interface BuildResult { models: { name: string; ms: number; rows: number }[] }

/** An incremental model's table holds other columns than the model now gives (an earlier version built it). */
export class OutdatedTableError extends Error {
  constructor(readonly model: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * The columns of the model's existing table, in their order (dbt-clickhouse's insert names them:
 * clickhouse__insert_into); undefined when there is none. A view of that name (what a versioned
 * model used to leave) counts as none and is dropped, as dbt-clickhouse fully refreshes over a view.
 */
async function existingTableColumns(client: Warehouse, database: string, table: string): Promise<string[] | undefined> {
  const [existing] = await queryRows<{ engine: string }>(client,
    'select engine from system.tables where database = {db:String} and name = {table:String}', { db: database, table });
  if (!existing) return undefined;
  if (existing.engine === 'View') {
    await client.command({ query: `drop view ${database}.${table}` });
    return undefined;
  }
  const rows = await queryRows<{ name: string }>(client,
    'select name from system.columns where database = {db:String} and table = {table:String} order by position', { db: database, table });
  return rows.map((row) => row.name);
}

// One statement per model: ClickHouse's CREATE OR REPLACE builds the new table under a hidden name
// and swaps it in atomically, so readers never see a half-built table and a failed build leaves the
// old one in place. Each statement costs a few milliseconds of planning, which adds up over 30 models
// refreshed every second.
// An incremental model does what dbt-clickhouse's incremental materialization does with the append
// strategy: the first run (or a full refresh) creates the table from the model with is_incremental()
// false; every later run inserts the rows of the model with is_incremental() true.
export async function materialize(
  client: Warehouse, model: Model, table: string = model.name, sql: string = model.sql, fullRefresh = false,
  incrementalSql = model.incrementalSql, database: string = modelsDatabase,
): Promise<void> {
  const target = `${database}.${table}`;
  const queryId = `transform-${model.name}-${Date.now()}`;
  if (model.config.materialized === 'view') {
    await client.command({ query: `create or replace view ${target} as ${model.sql}`, query_id: queryId });
    return;
  }
  if (model.config.materialized === 'incremental' && !fullRefresh) {
    const columns = await existingTableColumns(client, database, table);
    if (columns) {
      try {
        await client.command({ query: `insert into ${target} (${columns.map((c) => `\`${c}\``).join(', ')})\n${incrementalSql}`, query_id: queryId });
      } catch (error) {
        // The full build's columns: the incremental SQL reads the table itself (held rows), so with
        // other columns it fails to analyse before any comparison could be made.
        const modelColumns = (await queryRows<{ name: string }>(client, `describe (${sql})`)).map((row) => row.name);
        if (modelColumns.join() !== columns.join()) {
          throw new OutdatedTableError(model.name, `the table holds columns (${columns.join(', ')}) other than the model's (${modelColumns.join(', ')}): `
            + 'rebuild it with `npm run models -- --full-refresh` (dbt build --full-refresh)', { cause: error });
        }
        throw error;
      }
      return;
    }
  }
  const engine = model.config.engine ?? 'MergeTree()';
  const orderBy = model.config.order_by ?? 'tuple()';
  const partition = model.config.partition_by ? ` partition by ${model.config.partition_by}` : '';
  const settings = model.config.settings ? ` settings ${model.config.settings}` : '';
  await client.command({ query: `create or replace table ${target} engine = ${engine}${partition} order by ${orderBy}${settings} as ${sql}`, query_id: queryId });
}

/** The latest build's id, read from the end of the log (a row per build: it grows). */
async function lastBuildId(client: Warehouse): Promise<number> {
  const [row] = await queryRows<{ id: string }>(client,
    `select toString(build_id) as id from ${modelsDatabase}._model_builds order by built_at desc limit 1`);
  return Number(row?.id ?? 0);
}

/**
 * Drops versions nobody should still be reading: superseded more than `retainMs` ago (a reader
 * resolves the current versions immediately before its query, and a running query keeps the
 * storage it opened even when the table is dropped), or never published and older than an hour
 * (a failed build's; a concurrent build's are younger).
 */
async function retireVersions(client: Warehouse, current: Record<string, string>, retainMs: number): Promise<void> {
  const tables = await queryRows<{ name: string }>(client,
    'select name from system.tables where database = {db:String} and match(name, {pattern:String})',
    { db: modelsDatabase, pattern: "^\\w+__b[0-9]+$" });
  const now = Date.now();
  for (const { name } of tables) {
    const match = versionPattern.exec(name);
    if (!match || current[match[1]!] === name) continue;
    const [row] = await queryRows<{ at: string | null }>(client,
      `select if(count() = 0, null, toString(toUnixTimestamp64Milli(min(built_at)))) as at from ${modelsDatabase}._model_builds
       where build_id > {id:UInt64} and published[{model:String}] != {name:String}`,
      { id: match[2]!, model: match[1]!, name });
    const retiredAt = row?.at === null || row?.at === undefined ? null : Number(row.at);
    const drop = retiredAt === null ? now - Number(match[2]) > 3_600_000 : now - retiredAt > retainMs;
    if (drop) await client.command({ query: `drop table if exists ${modelsDatabase}.${name}` });
  }
}

/** Row counts of the built tables, in one query rather than one per model. */
async function tableRows(client: Warehouse, names: string[]): Promise<Map<string, number>> {
  const result = await client.query({
    query: 'select name, total_rows as n from system.tables where database = {db:String} and has({names:Array(String)}, name)',
    query_params: { db: modelsDatabase, names },
    format: 'JSONEachRow',
  });
  return new Map((await result.json<{ name: string; n: number | string | null }>()).map((row) => [row.name, Number(row.n ?? 0)]));
}

/**
 * The source commit time of the newest change ingested so far: what a build starting now includes.
 * The progress table grows by a row per batch (a row a second under steady change), so the batches
 * applied in the last hour are read first (its order key ends in applied_at); only when there are
 * none is the whole table read. A batch applied earlier with a newer commit than all of the last
 * hour's (a replay of old changes for an hour) makes the watermark lower: data_as_of then claims
 * less than the models hold, never more.
 */
export async function ingestWatermark(client: Warehouse): Promise<string | null> {
  const newest = async (where: string) => (await queryRows<{ ts: string }>(client,
    `select toString(max(max_source_ts)) as ts from eoffice_raw._ingest_progress ${where} having count() > 0`))[0]?.ts;
  return (await newest('where applied_at >= now64(3) - interval 1 hour')) ?? (await newest('')) ?? null;
}

export async function buildModels(client: Warehouse, options: BuildOptions = {}): Promise<BuildResult> {
  const buildStarted = Date.now();
  for (const statement of splitStatements(buildLogDdl)) await client.command({ query: statement });
  // Read before any model: batches that land during the build may or may not be in it, so the
  // build only vouches for what was there when it began.
  const watermark = options.watermark !== undefined ? options.watermark : await ingestWatermark(client);
  if (!options.skipCalendar) {
    const calendarRows = await loadCalendar(client, options.calendarDir);
    options.log?.(`calendar: ${calendarRows} declared days`);
  }
  const buildId = Math.max(buildStarted, (await lastBuildId(client)) + 1);
  const selected = options.select ? new Set(options.select) : undefined;
  const all = buildOrder(options.models ?? loadModels());
  const unknown = [...selected ?? []].filter((name) => !all.some((m) => m.name === name));
  if (unknown.length > 0) throw new Error(`no model named ${unknown.join(', ')} (dbt/models)`);
  const models = all.filter((m) => !selected || selected.has(m.name));
  const timings: { model: Model; ms: number }[] = [];
  const buildOne = async (model: Model) => {
    const started = Date.now();
    const fullRefresh = options.fullRefresh === true || (Array.isArray(options.fullRefresh) && options.fullRefresh.includes(model.name));
    try {
      await materialize(client, model, model.name, model.sql, fullRefresh);
      if (model.config.post_hook) await client.command({ query: model.config.post_hook, query_id: `transform-${model.name}-post-hook-${Date.now()}` });
    } catch (error) {
      throw new Error(`model ${model.name} (${model.file}) failed: ${(error as Error).message}`, { cause: error });
    }
    const ms = Date.now() - started;
    timings.push({ model, ms });
    if (model.config.materialized !== 'view') options.log?.(`[${timings.length}/${models.length}] ${model.name} in ${(ms / 1000).toFixed(1)} s`);
  };
  await runInDependencyOrder(models, options.threads ?? 1, buildOne);
  timings.sort((a, b) => models.indexOf(a.model) - models.indexOf(b.model));
  // Problems in the source are reported, never silently absorbed (dq_ models).
  if (options.log && timings.some((t) => t.model.name === 'dq_outside_calendar')) await logDataQuality(client, options.log);
  const rows = await tableRows(client, timings.map((t) => t.model.name));
  const built: BuildResult['models'] = timings.map(({ model, ms }) => ({ name: model.name, ms, rows: rows.get(model.name) ?? 0 }));
  const published: Record<string, string> = {};
  const vouched = options.vouchedAsOf ? options.vouchedAsOf(watermark) : watermark;
  // The build log's row (published: no versions any more, see above).
  await client.insert({
    table: `${modelsDatabase}._model_builds`,
    values: [{ build_id: buildId, data_as_of: vouched, models: built.map((m) => m.name), seconds: (Date.now() - buildStarted) / 1000, published }],
    format: 'JSONEachRow',
  });
  await retireVersions(client, published, options.retainVersionsMs ?? 60_000);
  return { models: built };
}

/**
 * `buildModels`, rebuilding from scratch (as `--full-refresh --select` would) each incremental model
 * whose table an earlier version built with other columns: for a data directory that outlives an
 * upgrade, as the demo's does (`npm start` reuses its own). The models derive from the raw tables,
 * so nothing is lost; a production warehouse keeps the error, for its operator to decide when.
 */
export async function buildModelsRebuildingOutdated(client: Warehouse, options: Omit<BuildOptions, 'fullRefresh'> = {}): Promise<BuildResult> {
  const rebuilt: string[] = [];
  for (;;) {
    try {
      return await buildModels(client, { ...options, fullRefresh: rebuilt });
    } catch (error) {
      const outdated = (error as Error).cause;
      if (!(outdated instanceof OutdatedTableError) || rebuilt.includes(outdated.model)) throw error;
      options.log?.(`${outdated.model} was built by an earlier version with other columns: rebuilding it from the raw tables`);
      rebuilt.push(outdated.model);
    }
  }
}
