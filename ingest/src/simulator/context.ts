// The state the simulation carries from day to day: ids, registers, the queue of scheduled
// actions, and the curves that shape Hanoi's adoption of the system.
import type { SourceChange, SourceRow } from '../source-tables.js';
import type { Agency, Organisation } from './agencies.js';
import { dayNumber, localOffsetMs, msPerDay, type WorkingCalendar } from './calendar.js';
import { ActionQueue, type Scheduled } from './heap.js';
import { Rng } from './rng.js';

export interface Action extends Scheduled { run: (at: string) => SourceChange[] }

export type TableCounter = 'incoming_document' | 'outgoing_document' | 'dispatch' | 'assignment' | 'deadline_extension' | 'processing_log' | 'work_file' | 'work_file_item';

export class SimulationContext {
  readonly queue = new ActionQueue<Action>();
  readonly rng: Rng;
  private seq = 0;
  private readonly ids = new Map<TableCounter, number>();
  private readonly registers = new Map<string, number>();
  /** Open work files per agency for the current year, to file completed documents in. */
  readonly openWorkFiles = new Map<number, { year: number; ids: number[] }>();

  constructor(
    readonly org: Organisation,
    readonly calendar: WorkingCalendar,
    readonly scale: number,
    readonly untilDay: number,
    seed: number,
  ) {
    this.rng = new Rng(seed, 2);
  }

  nextId(table: TableCounter): number {
    const id = (this.ids.get(table) ?? 0) + 1;
    this.ids.set(table, id);
    return id;
  }

  /** Số đến / số đi: restarts at 1 on 1 January in each agency's register. */
  nextNumber(register: 'in' | 'out', agencyId: number, year: number): number {
    const key = `${register}:${agencyId}:${year}`;
    const n = (this.registers.get(key) ?? 0) + 1;
    this.registers.set(key, n);
    return n;
  }

  schedule(timeMs: number, run: (at: string) => SourceChange[]): void {
    if (timeMs >= (this.untilDay + 1) * msPerDay - localOffsetMs) return; // after the end of the simulation
    this.queue.push({ timeMs, seq: this.seq++, run });
  }

  /** A time during office hours (08:00–17:00 local) of the n-th working day after `day`. */
  officeTime(day: number, workingDaysLater = 0): number {
    const d = this.calendar.addWorkingDays(day, workingDaysLater);
    return d * msPerDay - localOffsetMs + (8 * 60 + Math.floor(this.rng.next() * 9 * 60)) * 60_000 + this.rng.int(0, 59_999);
  }

  log(fields: { incomingId?: number; outgoingId?: number; actor: number; action: string; at: string; note?: string }): SourceChange {
    const row: SourceRow = {
      id: this.nextId('processing_log'), incoming_id: fields.incomingId ?? null, outgoing_id: fields.outgoingId ?? null,
      actor_id: fields.actor, action: fields.action, at: fields.at, note: fields.note ?? null, created_at: fields.at, updated_at: fields.at,
    };
    return { table: 'processing_log', op: 'c', before: null, after: row };
  }

  valid(agency: Agency, day: number): boolean {
    return agency.validFrom <= day && (agency.validTo === null || agency.validTo >= day);
  }
}

const rolloutStart = dayNumber('2022-01-01');
const rolloutEnd = dayNumber('2024-07-01');

/** How far the rollout of Plan 222 has come on a day: 0 in January 2022, 1 from mid-2024. */
export function rollout(day: number): number {
  return Math.min(1, Math.max(0, (day - rolloutStart) / (rolloutEnd - rolloutStart)));
}

/** Share of documents handled on the system: Plan 222 expected departments first, communes last. */
export function adoption(agency: Agency, day: number): number {
  const x = rollout(day);
  const base = { city: 0.88 + 0.12 * x, department: 0.8 + 0.195 * x, district: 0.68 + 0.305 * x, commune: 0.45 + 0.52 * x }[agency.kind];
  return Math.min(1, Math.max(0.05, base + agency.adoptionOffset * (1 - x)));
}

/**
 * Seasonality: a year-end peak, and a slowdown around Tết on that year's own date (between 21 January
 * and 20 February; 2025-01-29, 2026-02-17), so that a month is compared with the same month a year
 * earlier as a leader would: documents thin out the week before the break, almost stop during it,
 * and pick up over the weeks after ("ra Giêng"). A year whose Tết the calendar does not declare has
 * no slowdown.
 */
export function season(day: number, calendar: Pick<WorkingCalendar, 'lunarNewYear'>): number {
  const date = new Date(day * msPerDay);
  const byMonth = [1, 1, 1, 1, 1, 1, 0.95, 0.95, 1, 1.05, 1.15, 1.3][date.getUTCMonth()]!;
  const tet = calendar.lunarNewYear(date.getUTCFullYear());
  if (tet === undefined) return byMonth;
  const sinceTet = day - tet;
  const tetFactor = sinceTet < -7 ? 1 : sinceTet < 0 ? 0.85 : sinceTet < 7 ? 0.5 : sinceTet < 21 ? 0.75 : 1;
  return byMonth * tetFactor;
}

export function iso(timeMs: number): string {
  return new Date(timeMs).toISOString().replace('Z', '000Z');
}

export function localDayOf(timeMs: number): number {
  return Math.floor((timeMs + localOffsetMs) / msPerDay);
}
