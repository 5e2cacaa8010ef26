// Builds every dbt model in dependency order against ClickHouse or chDB. A table is built under a
// temporary name and swapped in with EXCHANGE TABLES, so readers never see a half-built table.
import { readSql, splitStatements, type Warehouse } from '@vanban/common';
import { loadCalendar } from './calendar.js';
import { logDataQuality } from './data-quality.js';
import { buildOrder, loadModels, modelsDatabase, type Model } from './project.js';

const buildLogDdl = new URL('../sql/model_builds.sql', import.meta.url);

export interface BuildOptions {
  calendarDir?: string;
  log?: (line: string) => void;
  /** Build only these models (and nothing else); default all. */
  select?: string[];
  /** Skip reloading the calendar seed (a refresh after ingest: the calendar has not changed). */
  skipCalendar?: boolean;
  /** The project's models when the caller has rendered them already (the refresher keeps them). */
  models?: Model[];
}

export interface BuildResult { models: { name: string; ms: number; rows: number }[] }

// One statement per model: ClickHouse's CREATE OR REPLACE builds the new table under a hidden name
// and swaps it in atomically, so readers never see a half-built table and a failed build leaves the
// old one in place. Each statement costs a few milliseconds of planning, which adds up over 30 models
// refreshed every second.
async function materialize(client: Warehouse, model: Model): Promise<void> {
  const target = `${modelsDatabase}.${model.name}`;
  const queryId = `transform-${model.name}-${Date.now()}`;
  if (model.config.materialized === 'view') {
    await client.command({ query: `create or replace view ${target} as ${model.sql}`, query_id: queryId });
    return;
  }
  const engine = model.config.engine ?? 'MergeTree()';
  const orderBy = model.config.order_by ?? 'tuple()';
  const partition = model.config.partition_by ? ` partition by ${model.config.partition_by}` : '';
  await client.command({ query: `create or replace table ${target} engine = ${engine}${partition} order by ${orderBy} as ${model.sql}`, query_id: queryId });
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

/** The source commit time of the newest change ingested so far: what a build starting now includes. */
async function ingestWatermark(client: Warehouse): Promise<string | null> {
  const result = await client.query({
    query: 'select toString(max(max_source_ts)) as ts from eoffice_raw._ingest_progress having count() > 0',
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ ts: string }>();
  return row?.ts ?? null;
}

export async function buildModels(client: Warehouse, options: BuildOptions = {}): Promise<BuildResult> {
  const buildStarted = Date.now();
  await client.command({ query: `create database if not exists ${modelsDatabase}` });
  for (const statement of splitStatements(readSql(buildLogDdl))) await client.command({ query: statement });
  // Read before any model: batches that land during the build may or may not be in it, so the
  // build only vouches for what was there when it began.
  const watermark = await ingestWatermark(client);
  if (!options.skipCalendar) {
    const calendarRows = await loadCalendar(client, options.calendarDir);
    options.log?.(`calendar: ${calendarRows} declared days`);
  }
  const selected = options.select ? new Set(options.select) : undefined;
  const models = buildOrder(options.models ?? loadModels()).filter((m) => !selected || selected.has(m.name));
  const timings: { model: Model; ms: number }[] = [];
  for (const [index, model] of models.entries()) {
    const started = Date.now();
    try {
      await materialize(client, model);
    } catch (error) {
      throw new Error(`model ${model.name} (${model.file}) failed: ${(error as Error).message}`, { cause: error });
    }
    const ms = Date.now() - started;
    timings.push({ model, ms });
    if (model.config.materialized === 'table') options.log?.(`[${index + 1}/${models.length}] ${model.name} in ${(ms / 1000).toFixed(1)} s`);
  }
  // Problems in the source are reported, never silently absorbed (dq_ models).
  if (options.log && timings.some((t) => t.model.name === 'dq_outside_calendar')) await logDataQuality(client, options.log);
  const rows = await tableRows(client, timings.map((t) => t.model.name));
  const built: BuildResult['models'] = timings.map(({ model, ms }) => ({ name: model.name, ms, rows: rows.get(model.name) ?? 0 }));
  await client.insert({
    table: `${modelsDatabase}._model_builds`,
    values: [{ data_as_of: watermark, models: built.map((m) => m.name), seconds: (Date.now() - buildStarted) / 1000 }],
    format: 'JSONEachRow',
  });
  return { models: built };
}
