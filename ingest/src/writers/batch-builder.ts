// Decodes change messages into a batch for the raw tables: rows as TabSeparated text per table,
// field-less tombstones and purges for documents that turned out secret (or, behind the row filter,
// were deleted: the same thing seen from there), secret counts and dead letters. Rows of the
// documents' child tables are kept apart with the documents they point at, so that the writer keeps
// only those whose documents are clear (writers/document-guard.ts). It does no I/O and its output is
// plain data, so it can run in a worker thread.
import { randomUUID } from 'node:crypto';
import { documentChildren, sourceTables, type DocumentTable, type SourceChange, type SourceTable } from '../source-tables.js';
import { decodeMessage, decodeSourceChange, tombstoneOf, type DecodeOutcome, type RawRow, type RawValue } from '../debezium/decode.js';
import { topicFor } from '../debezium/envelope.js';
import type { ChangeMessage } from '../debezium/envelope.js';
import { escapeTabText } from '../tab-text.js';

export interface SecretCount { source_table: string; agency_id: number; day: string; position: string }
export interface DeadLetter {
  source: string; position: string; reason: string; payload: string;
  /**
   * For a child table's message: the documents it names, as far as they could be read from the
   * text, and what the batch itself says of them. Without them the payload is withheld, since
   * it may be a secret document's note.
   */
  documents?: ChildDocuments;
}

/** What the stream so far in this batch says of a child row's documents. */
export const Verdict = { Unknown: 0, Clear: 1, Withheld: 2 } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** The documents one child row (or dead letter) points at; null where the column is null or absent. */
export interface ChildDocuments { incoming: number | null; outgoing: number | null; verdict: Verdict }

/**
 * Rows of a child table (assignment, processing_log, …), with the documents each one points at and
 * the batch's own verdict on them: Clear when the document was written in this batch before the
 * row, Withheld when the batch saw it secret or deleted before the row (or made secret after it),
 * Unknown otherwise (the writer's guard decides).
 */
export interface ChildRows { table: SourceTable; lines: string[]; incoming: (number | null)[]; outgoing: (number | null)[]; verdicts: Verdict[] }

/** A decoded batch, ready to write; structured-cloneable (no Maps, no functions). */
export interface PreparedBatch {
  batchId: string;
  events: number;
  skipped: number;
  maxLsn: number;
  maxSourceTsMs: number;
  /** The oldest source commit time among this batch's changes (maxSourceTsMs when it has none). */
  minSourceTsMs: number;
  /** TabSeparated rows per table, in `rawColumns(table)` order. */
  rows: { table: SourceTable; count: number; body: string }[];
  /** JSONEachRow delete markers of secret (or, behind the row filter, deleted) documents: their other columns take defaults. */
  tombstones: { table: SourceTable; lines: string[] }[];
  /**
   * Ids of documents that turned out secret, or were deleted behind the row filter: every stored
   * version of them, of their facts and of their children is purged first.
   */
  purge: { table: SourceTable; ids: number[] }[];
  /** Rows of child tables, written only where their documents are clear. */
  children: ChildRows[];
  secrets: SecretCount[];
  deadLetters: DeadLetter[];
}

export class BatchBuilder {
  /**
   * @param behindRowFilter the messages come through the publication's secrecy row filter (Kafka,
   *   pg-direct), where a document made secret arrives as a delete of its last clean version,
   *   which cannot be told from a real delete: either way nothing of it may stay, so a deleted
   *   document is withdrawn as a secret one is (every stored version of it, its facts and its
   *   children purged, a field-less tombstone written) without being counted as secret. The
   *   simulator's stream says secret outright, and its real deletes come after the children's own
   *   deletes, which must then be written.
   */
  constructor(private readonly options: { behindRowFilter?: boolean } = {}) {}

  /**
   * Rows per table, already serialised as TabSeparated lines: turning each decoded row into text at
   * once keeps the objects short-lived (measured: a quarter of ingest time went to GC otherwise),
   * and ClickHouse parses TabSeparated in half the time of JSONEachRow (measured on chDB).
   */
  private rows = new Map<SourceTable, { ids: number[]; lines: string[] }>();
  private tombstones = new Map<SourceTable, string[]>();
  private purge = new Map<SourceTable, Set<number>>();
  private children = new Map<SourceTable, ChildRows>();
  /** The newest state of each document seen in this batch, in stream order. */
  private documents: Record<DocumentTable, Map<number, Verdict>> = { incoming_document: new Map(), outgoing_document: new Map() };
  private secrets: SecretCount[] = [];
  private deadLetters: DeadLetter[] = [];
  private events = 0;
  private skipped = 0;
  private maxLsn = 0;
  private maxSourceTsMs = 0;
  private minSourceTsMs = Number.POSITIVE_INFINITY;

  /** Messages taken since the last `take()`. */
  get pending(): number {
    return this.events;
  }

  add(message: ChangeMessage): void {
    this.apply(decodeMessage(message), message.source, message.position, () => message.value ?? '');
  }

  /** A simulator change taken straight, without its Debezium message (bulk loads): decoded the same way. */
  addChange(change: SourceChange, lsn: number, txId: number, tsMs: number): void {
    this.apply(decodeSourceChange(change, lsn, txId, tsMs), topicFor(change.table), String(lsn), () => JSON.stringify(change));
  }

  private apply(outcome: DecodeOutcome, source: string, position: string, text: () => string): void {
    this.events++;
    switch (outcome.kind) {
      case 'row': {
        const document = outcome.table === 'incoming_document' || outcome.table === 'outgoing_document' ? outcome.table : undefined;
        const deleted = outcome.values[sourceTables[outcome.table].length + 1] === 1;
        if (document && deleted && this.options.behindRowFilter) {
          this.withdraw(document, tombstoneOf(document, outcome.values, outcome.sourceTsMs), true);
        } else {
          if (documentChildren[outcome.table]) this.pushChild(outcome.table, outcome.values);
          else this.push(outcome.table, outcome.id, outcome.values);
          if (document) this.documents[document].set(outcome.id, deleted ? Verdict.Withheld : Verdict.Clear);
        }
        this.advance(outcome.lsn, outcome.sourceTsMs);
        return;
      }
      case 'secret': {
        this.withdraw(outcome.table, outcome.tombstone, outcome.purge);
        this.secrets.push({
          source_table: outcome.table,
          agency_id: outcome.agencyId ?? 0,
          day: outcome.day ?? '1970-01-01',
          position: String(outcome.lsn),
        });
        this.advance(outcome.lsn, outcome.sourceTsMs);
        return;
      }
      case 'skip':
        this.skipped++;
        return;
      case 'dead-letter': {
        const letter: DeadLetter = {
          source,
          position,
          reason: outcome.redacted ? withoutValues(outcome.reason) : outcome.reason,
          payload: outcome.redacted ? withheldPayload : text(),
        };
        const table = source.slice(source.lastIndexOf('.') + 1) as SourceTable;
        if (!outcome.redacted && documentChildren[table]) {
          // A child's broken event may hold a secret document's note: keep its payload only if the
          // documents it names can be read from it and turn out clear (decided by the writer).
          const documents = namedDocuments(letter.payload);
          if (documents) letter.documents = { ...documents, verdict: this.verdict(documents.incoming, documents.outgoing) };
          else withhold(letter);
        }
        this.deadLetters.push(letter);
        return;
      }
    }
  }

  /** Everything added since the last call, as one batch; undefined when nothing was added. */
  take(): PreparedBatch | undefined {
    if (this.events === 0) return undefined;
    const batch: PreparedBatch = {
      batchId: randomUUID(),
      events: this.events,
      skipped: this.skipped,
      maxLsn: this.maxLsn,
      maxSourceTsMs: this.maxSourceTsMs,
      minSourceTsMs: Number.isFinite(this.minSourceTsMs) ? this.minSourceTsMs : this.maxSourceTsMs,
      rows: [...this.rows].map(([table, rows]) => ({ table, count: rows.lines.length, body: rows.lines.join('\n') })),
      tombstones: [...this.tombstones].map(([table, lines]) => ({ table, lines })),
      purge: [...this.purge].map(([table, ids]) => ({ table, ids: [...ids] })),
      children: [...this.children.values()],
      secrets: this.secrets,
      deadLetters: this.deadLetters,
    };
    this.rows = new Map();
    this.tombstones = new Map();
    this.purge = new Map();
    this.children = new Map();
    this.documents = { incoming_document: new Map(), outgoing_document: new Map() };
    this.secrets = [];
    this.deadLetters = [];
    this.events = 0;
    this.skipped = 0;
    this.minSourceTsMs = Number.POSITIVE_INFINITY;
    return batch;
  }

  /**
   * Keeps no field of a document (or other row) that must not stay: a tombstone by id in its place,
   * and with `purge` its earlier versions, in this batch and in the table (the writer purges those),
   * and its children with it.
   */
  private withdraw(table: SourceTable, tombstone: RawRow, purge: boolean): void {
    const id = tombstone['id'] as number;
    if (table === 'incoming_document' || table === 'outgoing_document') {
      this.documents[table].set(id, Verdict.Withheld);
      // Its children already in this batch go with it; those stored earlier are purged by the writer.
      if (purge) this.withholdChildrenOf(table, id);
    }
    if (purge) {
      const buffered = this.rows.get(table);
      if (buffered) {
        const keep = buffered.ids.map((rowId) => rowId !== id);
        this.rows.set(table, { ids: buffered.ids.filter((_, i) => keep[i]), lines: buffered.lines.filter((_, i) => keep[i]) });
      }
      setOf(this.purge, table).add(id);
    }
    let tombstones = this.tombstones.get(table);
    if (!tombstones) this.tombstones.set(table, (tombstones = []));
    tombstones.push(JSON.stringify(tombstone));
  }

  private push(table: SourceTable, id: number, values: RawValue[]): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = { ids: [], lines: [] }));
    list.ids.push(id);
    list.lines.push(tsvLine(values));
  }

  private pushChild(table: SourceTable, values: RawValue[]): void {
    let rows = this.children.get(table);
    if (!rows) this.children.set(table, (rows = { table, lines: [], incoming: [], outgoing: [], verdicts: [] }));
    const { incoming, outgoing } = childColumns.get(table)!;
    const incomingId = incoming === undefined ? null : (values[incoming] as number | null);
    const outgoingId = outgoing === undefined ? null : (values[outgoing] as number | null);
    rows.lines.push(tsvLine(values));
    rows.incoming.push(incomingId);
    rows.outgoing.push(outgoingId);
    rows.verdicts.push(this.verdict(incomingId, outgoingId));
  }

  /** What this batch, up to here, says of the documents a child row points at. */
  private verdict(incoming: number | null, outgoing: number | null): Verdict {
    const a = incoming === null ? Verdict.Clear : (this.documents.incoming_document.get(incoming) ?? Verdict.Unknown);
    const b = outgoing === null ? Verdict.Clear : (this.documents.outgoing_document.get(outgoing) ?? Verdict.Unknown);
    if (a === Verdict.Withheld || b === Verdict.Withheld) return Verdict.Withheld;
    return a === Verdict.Clear && b === Verdict.Clear ? Verdict.Clear : Verdict.Unknown;
  }

  private withholdChildrenOf(table: DocumentTable, id: number): void {
    for (const rows of this.children.values()) {
      const ids = table === 'incoming_document' ? rows.incoming : rows.outgoing;
      for (let i = 0; i < ids.length; i++) if (ids[i] === id) rows.verdicts[i] = Verdict.Withheld;
    }
    for (const letter of this.deadLetters) {
      if (letter.documents && letter.documents[table === 'incoming_document' ? 'incoming' : 'outgoing'] === id) letter.documents.verdict = Verdict.Withheld;
    }
  }

  private advance(lsn: number, tsMs: number): void {
    if (lsn > this.maxLsn) this.maxLsn = lsn;
    if (tsMs > this.maxSourceTsMs) this.maxSourceTsMs = tsMs;
    if (tsMs < this.minSourceTsMs) this.minSourceTsMs = tsMs;
  }
}

export const withheldPayload = '(withheld: the payload mentions a secret document)';
export const withheldChildPayload = "(withheld: a child row's payload whose document is not known to be clear)";

/** Where each child table keeps its document ids, as positions in a decoded row's values. */
const childColumns = new Map<SourceTable, { incoming?: number; outgoing?: number }>(
  Object.keys(documentChildren).map((table) => {
    const names = sourceTables[table as SourceTable].map((c) => c.name as string);
    const position = (name: string) => (names.includes(name) ? names.indexOf(name) : undefined);
    return [table as SourceTable, { incoming: position('incoming_id'), outgoing: position('outgoing_id') }];
  }),
);

/**
 * The document ids a broken child event names, read from its text: undefined unless every one is
 * unambiguous (one value per column, a number or null), so that a payload is never kept on a guess.
 */
function namedDocuments(text: string): { incoming: number | null; outgoing: number | null } | undefined {
  const read = (column: string): number | null | undefined => {
    const found = [...text.matchAll(new RegExp(`"${column}"\\s*:\\s*(null|\\d+)\\s*[,}]`, 'g'))].map((m) => m[1]!);
    if (found.length === 0) return null;
    if (new Set(found).size > 1) return undefined;
    return found[0] === 'null' ? null : Number(found[0]);
  };
  const incoming = read('incoming_id');
  const outgoing = read('outgoing_id');
  if (incoming === undefined || outgoing === undefined || (incoming === null && outgoing === null)) return undefined;
  return { incoming, outgoing };
}

/** A reason without the value it quotes ("… should be a string, got …"): the value may be a secret's. */
function withoutValues(reason: string): string {
  return reason.replace(/, got .*$/s, ', got (withheld)');
}

/** A dead letter of a child whose documents are not known to be clear keeps no field of the row. */
export function withhold(letter: DeadLetter): void {
  letter.payload = withheldChildPayload;
  letter.reason = withoutValues(letter.reason);
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function tsvLine(values: RawValue[]): string {
  let line = tsvField(values[0]!);
  for (let i = 1; i < values.length; i++) line += '\t' + tsvField(values[i]!);
  return line;
}

/** One value in ClickHouse's TabSeparated escaping; null is \N. */
function tsvField(value: RawValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeTabText(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}
