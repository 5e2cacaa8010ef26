// The safety net under the incremental models: every model is built from scratch into a shadow
// database and compared with the live table, as its readers read it (FINAL, without the run's
// _version and watermark): row count and an order-independent checksum. A difference is logged,
// recorded in analytics._model_checks (which the API's /metrics counts) and repaired by exchanging
// the live table with the shadow one, which holds exactly a full build. The refresher runs it
// between its builds (ModelRefresher.verify), so no incremental run writes while it compares.
import { queryRows, type Warehouse } from '@vanban/common';
import { materialize } from './build.js';
import { buildOrder, isChangeSet, loadModels, modelsDatabase, type Model } from './project.js';

export const shadowDatabase = `${modelsDatabase}_shadow`;

export interface ModelCheck { model: string; live: string; shadow: string; equal: boolean; repaired: boolean }

const checksDdl = `create table if not exists ${modelsDatabase}._model_checks
(
    checked_at DateTime64(3, 'UTC') default now64(3),
    model String,
    live String comment 'rows/checksum of the live table as read',
    shadow String comment 'rows/checksum of a full build of the same raw data',
    equal UInt8,
    repaired UInt8
)
engine = MergeTree
order by checked_at`;

/** Rows and an order-independent checksum of a model's table as its readers read it ("rows/checksum"). */
export async function modelDigest(client: Warehouse, database: string, model: Model): Promise<string> {
  const from = model.config.materialized === 'incremental'
    ? `(select * except (_version, _ingested_at) from ${database}.${model.name} final)`
    : `${database}.${model.name}`;
  const [row] = await queryRows<{ n: string; h: string }>(client, `select toString(count()) as n, toString(groupBitXor(cityHash64(tuple(*)))) as h from ${from}`);
  return `${row!.n}/${row!.h}`;
}

/** The models a full build can be compared with: tables, change sets left out (bookkeeping). */
export function comparedModels(models: Model[]): Model[] {
  return models.filter((m) => m.config.materialized !== 'view' && !isChangeSet(m));
}

/** modelDigest of every compared model, by name. */
export async function modelDigests(client: Warehouse, database: string = modelsDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const model of comparedModels(loadModels())) out[model.name] = await modelDigest(client, database, model);
  return out;
}

export interface VerifyOptions {
  log?: (line: string) => void;
  /** Exchange a differing live table with its shadow (default true). */
  repair?: boolean;
}

export async function verifyModels(client: Warehouse, options: VerifyOptions = {}): Promise<ModelCheck[]> {
  const live = buildOrder(loadModels());
  const shadow = new Map(loadModels({}, shadowDatabase).map((m) => [m.name, m]));
  await client.command({ query: `drop database if exists ${shadowDatabase} sync` });
  await client.command({ query: `create database ${shadowDatabase}` });
  try {
    // The seed as the live models read it (loaded with the operator's files by the runner).
    await client.command({ query: `create table ${shadowDatabase}.vn_calendar engine = MergeTree order by date as select * from ${modelsDatabase}.vn_calendar` });
    // Change sets are the live build's bookkeeping; a full build neither reads nor has them.
    for (const model of live.filter((m) => !isChangeSet(m))) {
      const twin = shadow.get(model.name)!;
      await materialize(client, twin, twin.name, twin.sql, true, undefined, shadowDatabase);
    }
    await client.command({ query: checksDdl });
    const checks: ModelCheck[] = [];
    for (const model of comparedModels(live)) {
      const [liveDigest, shadowDigest] = [await modelDigest(client, modelsDatabase, model), await modelDigest(client, shadowDatabase, model)];
      const equal = liveDigest === shadowDigest;
      const repaired = !equal && options.repair !== false;
      if (!equal) {
        options.log?.(`model ${model.name} differs from a full build (live ${liveDigest}, full ${shadowDigest})${repaired ? ': replaced by the full build' : ''}`);
        if (repaired) await client.command({ query: `exchange tables ${modelsDatabase}.${model.name} and ${shadowDatabase}.${model.name}` });
      }
      checks.push({ model: model.name, live: liveDigest, shadow: shadowDigest, equal, repaired });
    }
    await client.insert({
      table: `${modelsDatabase}._model_checks`,
      values: checks.map((c) => ({ model: c.model, live: c.live, shadow: c.shadow, equal: c.equal ? 1 : 0, repaired: c.repaired ? 1 : 0 })),
      format: 'JSONEachRow',
    });
    options.log?.(`models checked against a full build: ${checks.filter((c) => !c.equal).length} of ${checks.length} differed`);
    return checks;
  } finally {
    await client.command({ query: `drop database if exists ${shadowDatabase} sync` });
  }
}
