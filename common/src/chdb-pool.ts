// Several chDB connections on one data directory behind one client, as a ClickHouse server gives a
// client several HTTP connections: one chDB connection runs one query at a time, so with a single
// one an API request waits for the whole of a model refresh (measured at scale 1: a city KPI
// summary of 50 ms took 2.75 s behind a 2.7 s query). Connections on the same directory share the
// process's one engine and its data and run in parallel.
// chdb's Node binding runs queries with bound parameters one at a time across all of them (its own
// guard: libchdb's parameter state is not kept per connection), so the pool writes a query's
// parameters into its SQL as typed literals (inline-parameters.ts) and sends it unbound: the two
// reads of a summary, and two API requests, then overlap as they do on a server. Setting them on
// the query's own connection instead (`SET param_<name> = '…'`) was tried before: under CI load a
// refresh test once hung for good (a query whose promise never settled), the failure chdb's guard is
// there for; a literal involves no parameter state at all.
// A connection keeps session state: chdb applies a query's settings with SET on its connection, and
// they stay there. The embedded client therefore restates, with every query, each setting any query
// of the product changes (common/src/clickhouse.ts); nothing else is kept in a session (no
// temporary table), so any connection can take any query. The pool remembers what each connection
// was last SET to and passes on only the settings whose value differs: chdb runs every SET as a
// statement of its own before the query (three SETs cost about 0.3 ms at p50 and up to a millisecond
// at p95 on a `select 1` of 0.7 ms), and nearly every query states the same values as the one before.
// Query priorities were tried on top (the builds at 2, everything else at 1): a city summary under a
// back-to-back request load took 61 ms at p50 instead of 90, but a refresh took 10.6 s instead of
// 4.4, so the builds run at the same priority as the rest.
import type { createClient } from '@clickhouse/client';
import { inlineParameters } from './inline-parameters.js';

/** The client's pluggable connection (chdb's implements it). */
export type ChdbConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export class ChdbConnectionPool implements ChdbConnection {
  private readonly idle: ChdbConnection[] = [];
  private readonly all: ChdbConnection[] = [];
  private readonly waiting: Array<{ resolve: (connection: ChdbConnection) => void; reject: (error: Error) => void }> = [];
  private closed = false;

  constructor(private readonly open: () => ChdbConnection, private readonly size: number) {}

  /** Per connection, each setting's value as its session holds it (as chdb writes it in its SET). */
  private readonly sessionSettings = new WeakMap<ChdbConnection, Map<string, string>>();

  ping: ChdbConnection['ping'] = (params) => this.with((c) => c.ping(params));
  query: ChdbConnection['query'] = (params) => this.withSettings(unbound(params), (c, p) => c.query(p));
  // chdb runs nothing for an insert or an exec without rows, not even the SETs.
  insert: ChdbConnection['insert'] = (params) => this.withSettings(params, (c, p) => c.insert(p), false);
  command: ChdbConnection['command'] = (params) => this.withSettings(unbound(params), (c, p) => c.command(p));
  exec: ChdbConnection['exec'] = (params) => this.withSettings(unbound(params), (c, p) => c.exec(p), false);

  /** Closes every connection; a query waiting for one, or asked for later, is refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(closedError());
    await Promise.all(this.all.map((c) => c.close()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  /**
   * Runs `operation` on a connection with the settings of `params` that its session does not hold
   * already. What was sent is held afterwards when chdb surely ran its SETs (`setsAlways`); otherwise,
   * and after a failure (chdb may have run some of the SETs, or all and then failed on the query),
   * it is not known, so the next query on the connection states it again.
   */
  private withSettings<P extends { clickhouse_settings?: Record<string, unknown> }, T>(
    params: P, operation: (connection: ChdbConnection, params: P) => Promise<T>, setsAlways = true,
  ): Promise<T> {
    return this.with(async (connection) => {
      let held = this.sessionSettings.get(connection);
      if (!held) this.sessionSettings.set(connection, held = new Map());
      const sent = Object.entries(params.clickhouse_settings ?? {})
        .filter(([name, value]) => value !== undefined && (queryOptions.has(name) || held.get(name) !== settingValue(value)));
      const forget = () => { for (const [name] of sent) held.delete(name); };
      try {
        const result = await operation(connection, { ...params, clickhouse_settings: Object.fromEntries(sent) });
        if (!setsAlways) forget();
        else for (const [name, value] of sent) if (!queryOptions.has(name)) held.set(name, settingValue(value));
        return result;
      } catch (error) {
        forget();
        throw error;
      }
    });
  }

  /**
   * Runs `operation` on an idle connection, opening one up to `size`, else waiting for one. A
   * connection whose query failed is replaced: chdb can hand what a failed query had written (a JSON
   * header, the rows before the error) to the next query on the same connection, in front of its
   * own answer (seen with chdb 3.4: a failed `FORMAT JSON` query's header, then a parse error or
   * another query's rows in the next answer). Opening a connection costs under a millisecond.
   * Known limit: a query aborted by its signal (no caller passes one today) goes on inside chdb after
   * its promise rejects, so its replacement can run beside it, one query more than `size`.
   */
  private async with<T>(operation: (connection: ChdbConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    let failed = false;
    try {
      // chDB materialises results before the promise settles, so the connection is free after it.
      return await operation(connection);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.release(failed ? this.replace(connection) : connection);
    }
  }

  /** A new connection in the place of `failed`, which is closed (opened first: the engine stays open); `failed` if none opens. */
  private replace(failed: ChdbConnection): ChdbConnection {
    if (this.closed) return failed;
    let fresh: ChdbConnection;
    try {
      fresh = this.open();
    } catch {
      return failed;
    }
    this.all[this.all.indexOf(failed)] = fresh;
    failed.close().catch(() => {});
    return fresh;
  }

  private acquire(): Promise<ChdbConnection> | ChdbConnection {
    if (this.closed) throw closedError();
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.all.length < this.size) {
      const opened = this.open();
      this.all.push(opened);
      return opened;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: ChdbConnection): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next.resolve(connection);
    else this.idle.push(connection);
  }
}

/**
 * The longest SQL the pool sends with its parameters written in. ClickHouse refuses a query text
 * longer than max_query_size (256 KiB by default), which bound values do not count towards: a query
 * whose values would take it past this (the ids of a large ingest batch) is sent bound, as before.
 */
const maxInlinedQueryLength = 100_000;

/** The query with its parameters written in (see above); as it is when it has none, one has no value, or it would be too long. */
function unbound<P extends { query: string; query_params?: Record<string, unknown> }>(params: P): P {
  const values = params.query_params;
  if (!values || Object.keys(values).length === 0) return params;
  const query = inlineParameters(params.query, values);
  return query === undefined || query.length > maxInlinedQueryLength ? params : { ...params, query, query_params: undefined };
}

/** Settings chdb turns into options of the query itself rather than SETs on the session: always passed on. */
const queryOptions = new Set(['default_format']);

/** A setting's value as chdb states it in its SET (booleans as 1 and 0; a number and its text set the same). */
function settingValue(value: unknown): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

const closedError = () => new Error('the embedded warehouse connection is closed');
