// SQL lives in .sql files next to the code that runs it; this reads them once and caches them.
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

export function readSql(url: URL): string {
  const key = url.href;
  let text = cache.get(key);
  if (text === undefined) {
    text = readFileSync(url, 'utf8');
    cache.set(key, text);
  }
  return text;
}

/** Splits a migration file into statements on semicolons at line ends, ignoring `--` comments. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .map((line) => (line.trimStart().startsWith('--') ? '' : line))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
