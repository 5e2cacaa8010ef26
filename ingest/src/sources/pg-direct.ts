// Direct source for a single machine without Kafka: PostgreSQL logical replication (pgoutput, our
// `eoffice` publication with its secrecy row filter) read with pg-logical-replication. Each
// committed transaction is turned into the change events Debezium would publish for it (same LSNs),
// so the same decoder and writers apply. The slot is acknowledged only after ClickHouse accepted
// the batch: the library's own timer, which acknowledges what was merely received, is disabled.
//
// First start: the slot is created, then ClickHouse copies every table once (copyFromPostgres) with
// the slot's confirmed position as version; changes after that position stream in with higher LSNs,
// so a row read "too new" is simply confirmed by its stream event and nothing is lost or doubled.
import pg from 'pg';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { documentChildren, sourceTables, tablesWithSecrecy, isSourceTable, type SourceChange, type SourceRow, type SourceTable, type SourceTransaction } from '../source-tables.js';
import { encodeTransaction, LsnClock } from '../debezium/encode.js';
import { topicFor } from '../debezium/envelope.js';
import { BatchBuilder } from '../writers/batch-builder.js';
import { writeBatch, type BatchResult } from '../writers/raw-writer.js';

export interface DirectSourceOptions {
  databaseUrl: string;
  slot?: string;
  publication?: string;
  /** Changes per write at most; a smaller batch is written after `flushMs` of quiet. */
  batchSize?: number;
  flushMs?: number;
  onBatch?: (batch: BatchResult) => void | Promise<void>;
  log?: (line: string) => void;
  /** Called once if the stream stops on an error; a supervisor should then restart the ingest. */
  onFailure?: (error: Error) => void;
}

export interface DirectIngest { stop(): Promise<void> }

/** "16/B374D848" → 0x16B374D848 */
export function parseLsn(lsn: string): number {
  const [high, low] = lsn.split('/');
  return parseInt(high!, 16) * 2 ** 32 + parseInt(low!, 16);
}

/** 0x16B374D848 → "16/B374D848" */
export function formatLsn(lsn: number): string {
  return `${Math.floor(lsn / 2 ** 32).toString(16).toUpperCase()}/${(lsn % 2 ** 32).toString(16).toUpperCase()}`;
}

/**
 * The position to report as flushed once a transaction is written: its commit's end LSN. The
 * library adds one to what it is given (it treats the LSN as the last byte received), and PostgreSQL
 * skips a later transaction whose commit record starts before the reported position, so one is taken
 * off here: otherwise, after a restart, a transaction starting exactly at the end LSN would be lost.
 */
function acknowledgement(commitEndLsn: string): string {
  return formatLsn(parseLsn(commitEndLsn) - 1);
}

/** LSNs handed out from a list: the WAL positions of a replicated transaction's changes, then its commit. */
class ListedLsns extends LsnClock {
  constructor(private readonly lsns: number[]) {
    super();
  }
  override take(): number {
    return this.lsns.shift() ?? 0;
  }
}

const pgTimestamp = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([+-]\d{2})(?::?(\d{2}))?$/;

/** PostgreSQL's text form of a timestamptz → ISO-8601 UTC with microseconds, keeping every digit. */
export function isoUtc(text: string): string {
  const match = pgTimestamp.exec(text);
  if (!match) throw new Error(`unexpected timestamptz text ${JSON.stringify(text)}`);
  const [, date, time, fraction = '', offsetHours, offsetMinutes = '00'] = match;
  const micros = fraction.padEnd(6, '0');
  if (Number(offsetHours) === 0 && offsetMinutes === '00') return `${date}T${time}.${micros}Z`;
  // Not UTC (the session's TimeZone is set to UTC, so this is a fallback): shift by the offset.
  const shifted = new Date(Date.parse(`${date}T${time}${offsetHours}:${offsetMinutes}`)).toISOString();
  return `${shifted.slice(0, 19)}.${micros}Z`;
}

/** A row in pgoutput's text form → the source contract's values. */
function sourceRow(table: SourceTable, raw: Record<string, unknown>): SourceRow {
  const row: Record<string, SourceRow[string]> = {};
  for (const column of sourceTables[table]) {
    const value = raw[column.name];
    if (value === null || value === undefined) {
      row[column.name] = null;
      continue;
    }
    const text = String(value);
    switch (column.type) {
      case 'int4':
      case 'int8':
        row[column.name] = Number(text);
        break;
      case 'bool':
        row[column.name] = text === 't' || text === 'true';
        break;
      case 'date':
        row[column.name] = text.slice(0, 10);
        break;
      case 'timestamptz':
        // PostgreSQL also has 'infinity' and years past 9999: passed on as they are, the decoder
        // dead-letters the change (the stream goes on) rather than the stream stopping here.
        row[column.name] = pgTimestamp.test(text) ? isoUtc(text) : text;
        break;
      case 'text':
        row[column.name] = text;
        break;
    }
  }
  return row as SourceRow;
}

export async function startDirectIngest(client: Warehouse, options: DirectSourceOptions): Promise<DirectIngest> {
  const slot = options.slot ?? 'vanban_direct';
  const publication = options.publication ?? 'eoffice';
  const log = options.log ?? (() => undefined);
  // Behind the row filter a document made secret arrives as a delete (its children go with it).
  const builder = new BatchBuilder({ behindRowFilter: true });
  let ackLsn: string | undefined; // newest commit whose batch is written
  let pendingLsn: string | undefined; // newest commit in the builder
  let writing: Promise<void> = Promise.resolve();
  let failure: Error | undefined;

  const service = new LogicalReplicationService(
    // TimeZone=UTC: pgoutput renders timestamptz in the session's zone; UTC keeps them exact.
    { connectionString: options.databaseUrl, replication: 'database', options: '-c TimeZone=UTC' } as pg.ClientConfig & { replication: 'database' },
    { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
  );

  /**
   * Any error stops the stream before anything after it is acknowledged: the library would carry on
   * with the next message, which would lose the failed transaction once a later one is acknowledged.
   */
  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    log(`stopping: ${error.message}; the slot keeps everything not yet written`);
    void service.stop();
    options.onFailure?.(error);
  };

  /** Writes what the builder holds, then acknowledges its last commit to the slot. */
  const flush = (): Promise<void> => {
    // After a failure nothing more is written or acknowledged: a later batch's acknowledgement
    // would also cover the one that failed.
    if (failure) return writing;
    const batch = builder.take();
    const upTo = pendingLsn;
    if (!batch) return writing;
    writing = writing.then(async () => {
      const result = await writeBatch(client, batch, {
        source: 'pg-direct',
        // One stream in source order, after a copy of the documents: a child's document, if clean, is
        // in the batch before it or already in the warehouse, so the default (warehouse) guard
        // decides; a look-up in the source would also write WAL (page pruning) that no commit of
        // ours acknowledges.
        onDeadLetter: (l) => log(`dead letter at ${l.position}: ${l.reason}`) });
      if (upTo) {
        ackLsn = acknowledgement(upTo);
        await service.acknowledge(ackLsn);
      }
      await options.onBatch?.(result);
    }).catch((error: Error) => fail(error));
    return writing;
  };

  const flushedBefore = await snapshotIfNew(client, options, slot, log);

  let transaction: { txId: number; commitTime: string; changes: SourceChange[]; lsns: number[] } | undefined;
  service.on('data', async (lsn: string, message: Pgoutput.Message) => {
    if (failure) return;
    try {
      await apply(lsn, message);
    } catch (error) {
      fail(error as Error);
    }
  });
  const apply = async (lsn: string, message: Pgoutput.Message) => {
    switch (message.tag) {
      case 'begin':
        transaction = { txId: message.xid, commitTime: new Date(Number(message.commitTime) / 1000).toISOString(), changes: [], lsns: [] };
        return;
      case 'insert':
      case 'update':
      case 'delete': {
        const table = message.relation.name;
        if (!transaction || message.relation.schema !== 'eoffice' || !isSourceTable(table)) return;
        const before = message.tag === 'insert' || !message.old ? null : sourceRow(table, message.old);
        const after = message.tag === 'delete' ? null : sourceRow(table, message.new);
        transaction.changes.push({ table, op: message.tag === 'insert' ? 'c' : message.tag === 'update' ? 'u' : 'd', before, after });
        transaction.lsns.push(parseLsn(lsn));
        return;
      }
      case 'commit': {
        if (!transaction) return;
        const tx: SourceTransaction = { txId: transaction.txId, commitTime: transaction.commitTime, changes: transaction.changes };
        for (const change of encodeTransaction(tx, new ListedLsns([...transaction.lsns, parseLsn(message.commitEndLsn ?? lsn)]))) builder.add(change);
        pendingLsn = message.commitEndLsn ?? lsn;
        transaction = undefined;
        if (builder.pending >= (options.batchSize ?? 20_000)) await flush(); // flow control holds the stream meanwhile
        return;
      }
      case 'truncate':
        // Not applied (a truncate of the e-office's tables is an operator's act, to be resynchronised
        // on purpose): dead-lettered as the Kafka path does, so that it is seen and the rest goes on.
        for (const relation of message.relations) {
          const table = relation.name;
          if (relation.schema !== 'eoffice' || !isSourceTable(table)) continue;
          log(`truncate of ${table} received: not applied; run npm run cdc:resync -- ${table}`);
          builder.add({
            source: topicFor(table), position: lsn, key: null,
            value: JSON.stringify({ op: 't', before: null, after: null, source: { table, lsn: parseLsn(lsn), txId: transaction?.txId ?? 0, ts_ms: Date.now() } }),
          });
        }
        return;
      default:
        return;
    }
  };
  // PostgreSQL asks for a status now and then; answer with what is safely written, never more. Before
  // the first batch of this run that is what the slot already holds as flushed: unanswered, the
  // server ends the connection after wal_sender_timeout (60 s) of a quiet source.
  service.on('heartbeat', async (_lsn: string, _timestamp: number, shouldRespond: boolean) => {
    const answer = ackLsn ?? flushedBefore;
    if (shouldRespond && answer) await service.acknowledge(answer);
  });
  service.on('error', (error: Error) => log(`replication error: ${error.message}`));

  const timer = setInterval(() => {
    if (failure) return;
    void flush();
  }, options.flushMs ?? 500);
  const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [publication] });
  // Keep PostgreSQL's text for every column: the default parsers turn timestamptz into milliseconds.
  // Done as each relation message is parsed, before the rows that follow it are.
  const parse = plugin.parse.bind(plugin);
  plugin.parse = (buffer: Buffer) => {
    const message = parse(buffer);
    if (message.tag === 'relation') for (const column of message.columns) column.parser = (raw: unknown) => raw;
    return message;
  };
  // The stream ending other than by stop() (the server gone, the connection cut) is a failure: the
  // supervisor restarts the ingest from the slot. Only logged, the process stayed up ingesting nothing.
  let stopping = false;
  const streaming = service.subscribe(plugin, slot).then(
    () => { if (!stopping) fail(new Error('the replication stream ended')); },
    (error: Error) => { if (!stopping) fail(new Error(`the replication stream stopped: ${error.message}`)); },
  );
  log(`streaming from slot ${slot} (publication ${publication})`);

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await flush();
      await service.stop();
      await streaming;
    },
  };
}

/**
 * Creates the slot and copies the tables once, if the slot is new or an earlier copy did not
 * finish (no completion row in the progress table). Returns what the slot holds as flushed.
 */
async function snapshotIfNew(client: Warehouse, options: DirectSourceOptions, slot: string, log: (line: string) => void): Promise<string | undefined> {
  const source = new pg.Client({ connectionString: options.databaseUrl });
  await source.connect();
  try {
    const existing = await source.query<{ lsn: string | null }>('select confirmed_flush_lsn::text as lsn from pg_replication_slots where slot_name = $1', [slot]);
    const done = await queryRows<{ n: string }>(client, "select count() as n from eoffice_raw._ingest_progress where source = 'pg-direct-snapshot' and batch_id = {slot:String}", { slot });
    if (existing.rows.length > 0 && Number(done[0]?.n) > 0) return existing.rows[0]!.lsn ?? undefined;
    let position: string;
    if (existing.rows.length === 0) {
      const created = await source.query<{ lsn: string }>("select lsn::text as lsn from pg_create_logical_replication_slot($1, 'pgoutput')", [slot]);
      position = created.rows[0]!.lsn;
    } else {
      position = existing.rows[0]!.lsn ?? '0/0';
    }
    log(`snapshot of the source at ${position}`);
    await copyFromPostgres(client, options.databaseUrl, position, log);
    await client.insert({
      table: 'eoffice_raw._ingest_progress',
      values: [{ source: 'pg-direct-snapshot', batch_id: slot, max_lsn: parseLsn(position), max_source_ts: new Date().toISOString(), events: 0 }],
      format: 'JSONEachRow',
    });
    return position;
  } finally {
    await source.end();
  }
}

const snapshotSql = readSql(new URL('./snapshot_table.sql', import.meta.url));
const childFilterSql = readSql(new URL('./snapshot_child_filter.sql', import.meta.url))
  .split('\n').filter((line) => !line.startsWith('--')).join('\n');

/** The copy's filter: documents that are not secret, and children of documents that are not secret. */
function copyFilter(table: SourceTable): string {
  if (tablesWithSecrecy.has(table)) return "where secrecy = 'none'";
  const links = documentChildren[table];
  if (!links) return '';
  return `where ${links.map((link) => childFilterSql.replaceAll('{column}', link.column).replaceAll('{document}', link.document)).join(' and ')}`;
}

/**
 * Copies every source table into the raw tables with ClickHouse reading PostgreSQL directly, each row
 * versioned `lsn`: the position of a replication slot created before the copy. Whatever changes
 * after that position reaches the warehouse through the slot (Debezium or the direct path) with a
 * higher LSN, so the copy and the stream meet with no gap and no double counting.
 */
export async function copyFromPostgres(client: Warehouse, databaseUrl: string, lsn: string, log: (line: string) => void = () => undefined): Promise<void> {
  const version = parseLsn(lsn);
  for (const table of Object.keys(sourceTables) as SourceTable[]) {
    const started = Date.now();
    await bulkCopy(client, databaseUrl, table, copyFilter(table), version);
    log(`snapshot: ${table} copied by ClickHouse in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** One table copied from PostgreSQL by ClickHouse itself (snapshot_table.sql). */
async function bulkCopy(client: Warehouse, databaseUrl: string, table: SourceTable, filter: string, version: number): Promise<void> {
  const url = new URL(databaseUrl);
  const columns = sourceTables[table].map((column) => column.name).join(', ');
  await client.command({
    query: snapshotSql.replaceAll('{table}', table).replaceAll('{columns}', columns).replaceAll('{filter}', filter),
    query_params: {
      version,
      address: `${url.hostname}:${url.port || '5432'}`,
      database: url.pathname.slice(1),
      source_table: table,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    },
  });
}
