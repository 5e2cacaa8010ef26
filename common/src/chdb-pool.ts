// Several chDB connections on one data directory behind one client, as a ClickHouse server gives a
// client several HTTP connections: one chDB connection runs one query at a time, so with a single
// one an API request waits for the whole of a model refresh (measured at scale 1: a city KPI
// summary of 50 ms took 2.75 s behind a 2.7 s query). Connections on the same directory share the
// process's one engine and its data and run in parallel.
// A connection keeps session state: chdb applies a query's settings with SET on its connection, and
// they stay there. The embedded client therefore restates, with every query, each setting any query
// of the product changes (common/src/clickhouse.ts); nothing else is kept in a session (no
// temporary table), so any connection can take any query.
// Query parameters go the same way, as `SET param_name = '…'` on the query's own connection
// (asSessionParameters): chdb's own binding runs every query with parameters one at a time across
// all connections (libchdb's binder is not isolated per connection), which put the two halves of
// a KPI summary, and every API request, in one line (one agency at scale 1: 27 ms, of which
// 12 ms waiting). A parameter stays on its connection until a query sets it again, so a query that
// names a parameter it was not given is refused here rather than run with another query's value.
// Query priorities were tried on top (the builds at 2, everything else at 1): a city summary under a
// back-to-back request load took 61 ms at p50 instead of 90, but a refresh took 10.6 s instead of
// 4.4, so the builds run at the same priority as the rest.
import type { createClient } from '@clickhouse/client';
import { formatQueryParams } from '@clickhouse/client-common';

/** The client's pluggable connection (chdb's implements it). */
export type ChdbConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export class ChdbConnectionPool implements ChdbConnection {
  private readonly idle: ChdbConnection[] = [];
  private readonly all: ChdbConnection[] = [];
  private readonly waiting: Array<{ resolve: (connection: ChdbConnection) => void; reject: (error: Error) => void }> = [];
  private closed = false;

  constructor(private readonly open: () => ChdbConnection, private readonly size: number) {}

  ping: ChdbConnection['ping'] = (params) => this.with((c) => c.ping(params));
  query: ChdbConnection['query'] = (params) => this.with((c) => c.query(asSessionParameters(params)));
  insert: ChdbConnection['insert'] = (params) => this.with((c) => c.insert(asSessionParameters(params)));
  command: ChdbConnection['command'] = (params) => this.with((c) => c.command(asSessionParameters(params)));
  exec: ChdbConnection['exec'] = (params) => this.with((c) => c.exec(asSessionParameters(params)));

  /** Closes every connection; a query waiting for one, or asked for later, is refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(closedError());
    await Promise.all(this.all.map((c) => c.close()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  /** Runs `operation` on an idle connection, opening one up to `size`, else waiting for one. */
  private async with<T>(operation: (connection: ChdbConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      // chDB materialises results before the promise settles, so the connection is free after it.
      return await operation(connection);
    } finally {
      this.release(connection);
    }
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
 * The query's parameters as `param_<name>` settings, which chdb SETs on the query's connection before
 * it (ClickHouse binds `{name:Type}` from them as from the HTTP interface's `param_<name>`). The value
 * text is the one the HTTP client sends a server (formatQueryParams); chdb writes a setting as a
 * string literal doubling only `'`, so the backslashes of that text are doubled here, or a `\'` in
 * a value would end the literal.
 */
export function asSessionParameters<P extends { query: string; query_params?: Record<string, unknown>; clickhouse_settings?: object }>(params: P): P {
  const given = params.query_params ?? {};
  // A parameter another query left on the connection would otherwise stand in for a missing one.
  for (const [, name] of params.query.matchAll(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/g)) {
    if (!Object.hasOwn(given, name!)) throw new Error(`The query uses the parameter {${name}} but was not given it`);
  }
  const entries = Object.entries(given);
  if (entries.length === 0) return params;
  const settings: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid query parameter name: ${JSON.stringify(name)}`);
    settings[`param_${name}`] = formatQueryParams({ value }).replaceAll('\\', '\\\\');
  }
  return { ...params, query_params: undefined, clickhouse_settings: { ...params.clickhouse_settings, ...settings } };
}

const closedError = () => new Error('the embedded warehouse connection is closed');
