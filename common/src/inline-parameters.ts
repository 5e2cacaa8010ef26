// Query parameters written into the SQL as typed literals, for the embedded warehouse only: chdb's
// Node binding runs every query with bound parameters one at a time across the whole process (its
// guard around libchdb's parameter state, see chdb-pool.ts), so the two reads of one KPI summary, and
// any two API requests, never overlapped. A query without parameters runs in parallel like any other.
// Each `{name:Type}` becomes `_CAST(<literal>, 'Type')`, which is what ClickHouse itself substitutes
// for a bound parameter (ReplaceQueryParameterVisitor); `{name:Identifier}` becomes the name, which
// must be a plain identifier. Only placeholders in the code are replaced: string literals, quoted
// identifiers and comments are skipped, so a value can never end a comment or a string early. A
// string value is escaped as ClickHouse reads a quoted literal (backslash and quote escaped, control
// characters as escapes), so it can never leave its quotes.

import { TupleParam } from '@clickhouse/client';

export type QueryParams = Record<string, unknown>;

/** Thrown for a value the inliner cannot write as a literal; the query is then not sent. */
export class ParameterValueError extends Error {}

const plainIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*):([^{}]+)\}/y;

const escapes: Record<string, string> = {
  '\\': '\\\\', "'": "\\'", '\0': '\\0', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t',
};

/** A JS string as a single-quoted ClickHouse string literal. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/[\\'\0\b\f\n\r\t]/g, (c) => escapes[c]!)}'`;
}

/** A JS value as a ClickHouse literal: what the placeholder's _CAST then converts to its type. */
function literal(value: unknown, name: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ParameterValueError(`query parameter ${name}: ${value} is not a finite number`);
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new ParameterValueError(`query parameter ${name}: ${value} is beyond 2^53; pass it as a string or a bigint`);
    }
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, name)).join(', ')}]`;
  // A tuple as the client binds one for a server (@clickhouse/client's TupleParam).
  if (value instanceof TupleParam) {
    // `(x)` would be x in brackets, not a tuple of one: ClickHouse's tuple() says it either way.
    return `tuple(${(value.values as unknown[]).map((item) => literal(item, name)).join(', ')})`;
  }
  throw new ParameterValueError(`query parameter ${name}: a ${value instanceof Date ? 'Date' : typeof value} cannot be written as a literal; pass a string`);
}

/** The substitution of one placeholder, or undefined when the query gives it no value. */
function substitute(name: string, type: string, params: QueryParams): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined;
  const value = params[name];
  if (type.trim() === 'Identifier') {
    if (typeof value !== 'string' || !plainIdentifier.test(value)) {
      throw new ParameterValueError(`query parameter ${name}: ${JSON.stringify(value)} is not a plain identifier`);
    }
    return value;
  }
  return `_CAST(${literal(value, name)}, ${stringLiteral(type.trim())})`;
}

/** Where the token starting at `at` ends when it is a string, a quoted identifier or a comment; else undefined. */
function skipQuotedOrComment(sql: string, at: number): number | undefined {
  const c = sql[at];
  if (c === "'" || c === '"' || c === '`') {
    let i = at + 1;
    while (i < sql.length) {
      if (sql[i] === '\\') { i += 2; continue; }
      if (sql[i] === c) {
        if (sql[i + 1] === c) { i += 2; continue; } // a doubled quote stands for itself
        return i + 1;
      }
      i++;
    }
    return sql.length;
  }
  if (c === '-' && sql[at + 1] === '-') {
    const end = sql.indexOf('\n', at);
    return end === -1 ? sql.length : end;
  }
  if (c === '/' && sql[at + 1] === '*') {
    const end = sql.indexOf('*/', at + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return undefined;
}

/**
 * The SQL with every placeholder replaced by its value, or undefined when some placeholder has no
 * value (the query then goes to the engine bound, to fail as ClickHouse fails it).
 */
export function inlineParameters(sql: string, params: QueryParams): string | undefined {
  let out = '';
  let copied = 0;
  for (let at = 0; at < sql.length;) {
    const skipped = skipQuotedOrComment(sql, at);
    if (skipped !== undefined) { at = skipped; continue; }
    if (sql[at] === '{') {
      placeholder.lastIndex = at;
      const match = placeholder.exec(sql);
      if (match) {
        const replacement = substitute(match[1]!, match[2]!, params);
        if (replacement === undefined) return undefined;
        out += sql.slice(copied, at) + replacement;
        at = copied = at + match[0].length;
        continue;
      }
    }
    at++;
  }
  return out + sql.slice(copied);
}
