// Loads the working-day calendar: the dbt seed (dbt/seeds/vn_calendar.csv) and then every CSV an
// operator put in the calendar directory, later rows overriding earlier ones for the same date.
// This is how next year's official schedule is added without a release.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '@vanban/common';
import { isCalendarDate } from '@vanban/common/calendar-date';
import { dbtDir, modelsDatabase } from './project.js';

export interface CalendarRow { date: string; kind: 'holiday' | 'day_off' | 'makeup_workday'; name: string; source: string }

const kinds = new Set(['holiday', 'day_off', 'makeup_workday']);

export function parseCalendarCsv(text: string, file: string): CalendarRow[] {
  const [header, ...lines] = text.replace(/\r/g, '').trim().split('\n');
  if (header?.trim() !== 'date,kind,name,source') throw new Error(`${file}: the header must be "date,kind,name,source"`);
  return lines.filter((line) => line.trim() !== '').map((line, index) => {
    const [date = '', kind = '', name = '', ...source] = line.split(',');
    if (!isCalendarDate(date)) throw new Error(`${file}:${index + 2}: "${date}" is not a date YYYY-MM-DD`);
    if (!kinds.has(kind)) throw new Error(`${file}:${index + 2}: kind "${kind}" must be holiday, day_off or makeup_workday`);
    return { date, kind: kind as CalendarRow['kind'], name, source: source.join(',') };
  });
}

/** The operator's calendar files, in the order they apply (later ones override earlier ones). */
export function operatorCalendarFiles(calendarDir: string): string[] {
  if (!existsSync(calendarDir)) return [];
  return readdirSync(calendarDir).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(calendarDir, f));
}

export function readCalendar(calendarDir?: string): CalendarRow[] {
  const files = [path.join(dbtDir, 'seeds', 'vn_calendar.csv'), ...(calendarDir ? operatorCalendarFiles(calendarDir) : [])];
  const byDate = new Map<string, CalendarRow>();
  for (const file of files) for (const row of parseCalendarCsv(readFileSync(file, 'utf8'), file)) byDate.set(row.date, row);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export async function loadCalendar(client: Warehouse, calendarDir?: string): Promise<number> {
  const rows = readCalendar(calendarDir);
  const table = `${modelsDatabase}.vn_calendar`;
  await client.command({ query: `create database if not exists ${modelsDatabase}` });
  await client.command({ query: `create table if not exists ${table} (date Date32, kind LowCardinality(String), name String, source String) engine = MergeTree order by date` });
  await client.command({ query: `truncate table ${table}` });
  await client.insert({ table, values: rows, format: 'JSONEachRow' });
  return rows.length;
}
