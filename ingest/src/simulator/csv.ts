// Reads the reference CSV files (UTF-8, a header line, no quoted fields; a trailing free-text
// column may contain commas and is joined back).
import { readFileSync } from 'node:fs';

export function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').replace(/\r/g, '').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    names.forEach((name, i) => {
      row[name] = i === names.length - 1 ? cells.slice(i).join(',') : (cells[i] ?? '');
    });
    return row;
  });
}
