// Escaping shared by ClickHouse's TabSeparated and PostgreSQL's COPY text format, which agree on
// it: backslash, tab, newline and carriage return are written as \\, \t, \n and \r.
const needsEscape = /[\t\n\r\\]/;
const escapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };

export function escapeTabText(text: string): string {
  return needsEscape.test(text) ? text.replace(/[\t\n\r\\]/g, (c) => escapes[c]!) : text;
}
