// A deterministic simulator of Hanoi's e-office activity: the writes the system would make, as
// committed source transactions in commit order. The same seed, scale and until give the same stream.
import path from 'node:path';
import type { SourceTransaction } from '../source-tables.js';
import { buildOrganisation, referenceDir } from './agencies.js';
import { dayNumber, localOffsetMs, msPerDay, WorkingCalendar } from './calendar.js';
import { season, SimulationContext } from './context.js';
import { externalOrigin, registerIncoming } from './incoming.js';
import { draftOutgoing } from './outgoing.js';
import { edgeCaseEvents } from './edge-cases.js';
import { openWorkFile } from './work-files.js';

export { writeToPostgres } from './postgres-writer.js';
export { bulkLoadPostgres } from './postgres-bulk.js';
export { edgeCaseCodes, moverMoved, moverNames, moverRenamed, successionEffective } from './edge-cases.js';

export interface SimulationOptions {
  seed: number;
  /** 1 ≈ Hanoi's real order of magnitude: about five million incoming registrations a year. */
  scale: number;
  /** Last simulated day (local date, inclusive). */
  until: string;
  /** Adds the structures that broke shortcuts (edge-cases.ts): for tests and the oracle. */
  edgeCases?: boolean;
}

const firstDay = dayNumber('2022-01-01');
/** Share of registrations that arrive from outside the city system; the rest are internal deliveries. */
const externalShare = 0.62;
/** Outgoing documents drafted per external incoming registration (replies come on top). */
const outgoingRatio = 0.3;
/** Work files opened per incoming registration. */
const workFileRatio = 1 / 40;

export function* simulate(options: SimulationOptions): Generator<SourceTransaction> {
  const untilDay = dayNumber(options.until);
  const calendar = new WorkingCalendar(path.join(referenceDir, 'calendar', 'vn_calendar.csv'));
  const org = buildOrganisation(options.seed);
  const ctx = new SimulationContext(org, calendar, options.scale, untilDay, options.seed);
  const events = options.edgeCases
    ? [...org.events, ...edgeCaseEvents(org.city.id, { unitId: org.city.units[0]!, staffId: org.city.specialists[0]! })]
    : org.events;
  for (const event of events) ctx.schedule(event.timeMs, () => event.changes);

  let txId = 0;
  let lastMicros = 0;
  const emit = function* (untilMs: number): Generator<SourceTransaction> {
    for (let next = ctx.queue.peek(); next && next.timeMs < untilMs; next = ctx.queue.peek()) {
      ctx.queue.pop();
      // Commit times are strictly increasing, to the microsecond.
      const micros = Math.max(next.timeMs * 1000, lastMicros + 1);
      lastMicros = micros;
      const at = `${new Date(Math.floor(micros / 1000)).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
      const changes = next.run(at);
      if (changes.length > 0) yield { txId: ++txId, commitTime: at, changes };
    }
  };

  for (let day = firstDay; day <= untilDay; day++) {
    const dayStartMs = day * msPerDay - localOffsetMs;
    yield* emit(dayStartMs);
    const working = calendar.isWorkingDay(day);
    const factor = (working ? 1 : 0.03) * season(day, calendar) * options.scale / 250;
    for (const agency of org.agencies) {
      if (!ctx.valid(agency, day)) continue;
      const incoming = ctx.rng.poisson(agency.yearlyVolume * externalShare * factor);
      for (let i = 0; i < incoming; i++) registerIncoming(ctx, agency, ctx.officeTime(day), externalOrigin(ctx, day));
      const outgoing = ctx.rng.poisson(agency.yearlyVolume * externalShare * outgoingRatio * factor);
      for (let i = 0; i < outgoing; i++) draftOutgoing(ctx, agency, ctx.officeTime(day));
      const files = ctx.rng.poisson(agency.yearlyVolume * workFileRatio * factor);
      for (let i = 0; i < files; i++) openWorkFile(ctx, agency, ctx.officeTime(day));
    }
  }
  yield* emit((untilDay + 1) * msPerDay - localOffsetMs);
}

/** A rough count of the changes a simulation produces, for progress bars. */
export function estimateChanges(options: SimulationOptions): number {
  const years = Math.max(0, (dayNumber(options.until) - firstDay + 1) / 365.25);
  return Math.round(options.scale * 5_000_000 * years * 15) + 20_000;
}

