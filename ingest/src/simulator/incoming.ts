// The life of an incoming document (văn bản đến): registration by the clerk, assignment by a leader
// with a deadline in working days, forwarding to a specialist, deadline extensions, completion —
// or a return, a withdrawal, a deletion of a mistaken registration, or a standing backlog.
import type { SourceChange, SourceRow } from '../source-tables.js';
import type { Agency } from './agencies.js';
import { dateOf } from './calendar.js';
import { adoption, localDayOf, type SimulationContext } from './context.js';
import { docTypes, ministries, subjectFor } from './names.js';
import { draftOutgoing } from './outgoing.js';

export interface IncomingOrigin {
  channel: 'internal' | 'national_axis' | 'email' | 'paper';
  issuerCode: string | null;
  issuerName: string;
  notation: string;
  docType: string;
  summary: string;
  issuedDay: number;
  urgency: string;
  fromDispatchId: number | null;
  /** Runs in the registration transaction (e.g. the sender's dispatch moves to "accepted"). */
  onRegistered?: (at: string) => SourceChange[];
}

interface IncomingState {
  row: SourceRow;
  logs: SourceRow[];
  assignments: SourceRow[];
}

const secrecyLevels = ['confidential', 'secret', 'top_secret'] as const;

/** A document arriving from outside the city system (ministries, email, paper). */
export function externalOrigin(ctx: SimulationContext, day: number): IncomingOrigin {
  const rng = ctx.rng;
  const x = Math.min(1, Math.max(0, (day - 18993) / 912));
  const channel = rng.weighted([['national_axis', 0.45 + 0.3 * x], ['email', 0.2 - 0.1 * x], ['paper', 0.35 - 0.2 * x]] as const);
  const docType = rng.weighted(docTypes);
  const [code, name, short] = rng.pick(ministries);
  const issuedDay = day - rng.int(0, 4);
  const year = new Date(issuedDay * 86_400_000).getUTCFullYear();
  return {
    channel, issuerCode: channel === 'paper' ? null : code, issuerName: name,
    notation: `${rng.int(1, 2999)}/${docType}-${short}`, docType, summary: subjectFor(rng, docType, year), issuedDay,
    urgency: rng.weighted([['normal', 80], ['urgent', 12], ['very_urgent', 5], ['flash', 3]] as const), fromDispatchId: null,
  };
}

function deadlineDays(ctx: SimulationContext, urgency: string): number {
  if (urgency === 'flash') return 1;
  if (urgency === 'very_urgent') return 2;
  if (urgency === 'urgent') return 5;
  return ctx.rng.pick([7, 10, 10, 15, 15, 20, 30]);
}

export function registerIncoming(ctx: SimulationContext, agency: Agency, timeMs: number, origin: IncomingOrigin): void {
  ctx.schedule(timeMs, (at) => {
    const rng = ctx.rng;
    const day = localDayOf(timeMs);
    const year = new Date(day * 86_400_000).getUTCFullYear();
    const secret = rng.chance(0.001);
    const onSystem = rng.chance(adoption(agency, day));
    const informational = origin.docType === 'GM' || origin.docType === 'TB';
    const hasDeadline = rng.chance(informational ? 0.4 : 0.87);
    const dueDay = hasDeadline ? ctx.calendar.addWorkingDays(day, deadlineDays(ctx, origin.urgency)) : null;
    const row: SourceRow = {
      id: ctx.nextId('incoming_document'), agency_id: agency.id, reg_number: ctx.nextNumber('in', agency.id, year),
      received_at: at, source_notation: origin.notation, doc_type: origin.docType, issuer_code: origin.issuerCode,
      issuer_name: origin.issuerName, issued_date: dateOf(Math.min(origin.issuedDay, day)), summary: origin.summary,
      urgency: origin.urgency, secrecy: secret ? rng.pick(secrecyLevels) : 'none', channel: origin.channel,
      due_date: dueDay === null ? null : dateOf(dueDay), status: 'registered', handled_on_system: onSystem,
      completed_at: null, from_dispatch_id: origin.fromDispatchId, created_at: at, updated_at: at,
    };
    const changes: SourceChange[] = [{ table: 'incoming_document', op: 'c', before: null, after: row }];
    changes.push(...(origin.onRegistered?.(at) ?? []));
    if (secret) {
      // Secret documents are outside the system's scope: registered, perhaps closed, nothing else.
      if (rng.chance(0.7)) scheduleSecretCompletion(ctx, row, ctx.officeTime(day, rng.int(1, 15)));
      return changes;
    }
    const state: IncomingState = { row, logs: [], assignments: [] };
    const clerk = rng.pick(agency.clerks);
    const registerLog = ctx.log({ incomingId: row['id'] as number, actor: clerk, action: 'register', at });
    state.logs.push(registerLog.after!);
    changes.push(registerLog);
    plan(ctx, agency, state, day, dueDay);
    return changes;
  });
}

function update(state: IncomingState, at: string, fields: SourceRow): SourceChange {
  const before = state.row;
  state.row = { ...before, ...fields, updated_at: at };
  return { table: 'incoming_document', op: 'u', before, after: state.row };
}

function plan(ctx: SimulationContext, agency: Agency, state: IncomingState, day: number, dueDay: number | null): void {
  const rng = ctx.rng;
  const id = state.row['id'] as number;
  const received = Date.parse(state.row['received_at'] as string);
  if (rng.chance(0.004)) {
    // A mistaken registration, deleted a little later with its log (children first).
    ctx.schedule(received + rng.int(10, 180) * 60_000, () => [
      ...state.logs.map((log) => ({ table: 'processing_log', op: 'd', before: log, after: null }) satisfies SourceChange),
      { table: 'incoming_document', op: 'd', before: state.row, after: null },
    ]);
    return;
  }
  if (rng.chance(0.003)) {
    ctx.schedule(ctx.officeTime(day, rng.int(1, 5)), (at) => [update(state, at, { status: 'withdrawn' }), ctx.log({ incomingId: id, actor: rng.pick(agency.clerks), action: 'withdraw', at })]);
    return;
  }
  if (rng.chance(0.01)) {
    ctx.schedule(ctx.officeTime(day, rng.int(0, 2)), (at) => [update(state, at, { status: 'returned' }), ctx.log({ incomingId: id, actor: rng.pick(agency.leaders), action: 'return', at, note: 'Không thuộc thẩm quyền giải quyết' })]);
    return;
  }
  const onSystem = state.row['handled_on_system'] as boolean;
  // A small standing backlog never completes; chronically late agencies leave more behind.
  if (rng.chance(0.015 * agency.diligence)) {
    if (onSystem) scheduleAssignment(ctx, agency, state, day, dueDay);
    return;
  }
  const baseline = dueDay === null ? 6 : Math.max(1, (dueDay - day) * 0.55);
  const workingDays = Math.max(0, Math.round(rng.logNormal(baseline * agency.diligence, 0.75)));
  let completionMs = ctx.officeTime(day, workingDays);
  if (completionMs <= received) completionMs = received + rng.int(20, 240) * 60_000;
  if (!onSystem) {
    // Handled on paper: only the registration is on the system; most get closed there later.
    if (rng.chance(0.8)) ctx.schedule(completionMs, (at) => [update(state, at, { status: 'completed', completed_at: at })]);
    return;
  }
  // Completion comes after the assignment and any forwarding (at most 10 hours after it).
  const assignMs = scheduleAssignment(ctx, agency, state, day, dueDay);
  if (completionMs < assignMs + 11 * 3_600_000) completionMs = assignMs + 11 * 3_600_000 + rng.int(0, 3_600_000);
  const completionDay = localDayOf(completionMs);
  if (dueDay !== null && completionDay > dueDay && rng.chance(0.35)) {
    // Most extensions are asked for before the deadline; one in three after it had passed (kpi.md
    // extended_after_expiry), decided by the id so that no random draw moves.
    const extendDay = id % 3 === 0 ? dueDay + 1 : Math.max(day, dueDay - 2);
    const extendMs = Math.min(ctx.officeTime(extendDay), completionMs - 60_000);
    if (extendMs > received) {
      ctx.schedule(extendMs, (at) => {
        const previous = state.row['due_date'] as string;
        const newDue = dateOf(ctx.calendar.addWorkingDays(dueDay, rng.int(5, 15)));
        const leader = rng.pick(agency.leaders);
        return [
          { table: 'deadline_extension', op: 'c', before: null, after: { id: ctx.nextId('deadline_extension'), incoming_id: id, previous_due: previous, new_due: newDue, approved_by: leader, approved_at: at, created_at: at, updated_at: at } },
          update(state, at, { due_date: newDue }),
          ctx.log({ incomingId: id, actor: leader, action: 'extend', at }),
        ];
      });
    }
  }
  ctx.schedule(completionMs, (at) => complete(ctx, agency, state, at));
}

function scheduleAssignment(ctx: SimulationContext, agency: Agency, state: IncomingState, day: number, dueDay: number | null): number {
  const rng = ctx.rng;
  const id = state.row['id'] as number;
  const received = Date.parse(state.row['received_at'] as string);
  const assignMs = Math.max(received + 60_000, ctx.officeTime(day, rng.chance(0.6) ? 0 : 1));
  ctx.schedule(assignMs, (at) => {
    const leader = rng.pick(agency.leaders);
    const roles: string[] = ['lead'];
    if (rng.chance(0.25)) roles.push('support');
    if (rng.chance(0.1)) roles.push('info');
    const changes: SourceChange[] = roles.map((role) => {
      const row: SourceRow = {
        id: ctx.nextId('assignment'), incoming_id: id, assigned_by: leader, assignee_unit_id: rng.pick(agency.units),
        assignee_staff_id: null, role, assigned_at: at, due_date: dueDay === null ? null : dateOf(dueDay),
        status: 'pending', completed_at: null, parent_id: null, created_at: at, updated_at: at,
      };
      state.assignments.push(row);
      return { table: 'assignment', op: 'c', before: null, after: row };
    });
    changes.push(update(state, at, { status: 'assigned' }), ctx.log({ incomingId: id, actor: leader, action: 'assign', at }));
    if (rng.chance(0.6)) {
      const forwardMs = Date.parse(at) + rng.int(30, 600) * 60_000;
      ctx.schedule(forwardMs, (forwardAt) => forward(ctx, agency, state, forwardAt));
    }
    return changes;
  });
  return assignMs;
}

function forward(ctx: SimulationContext, agency: Agency, state: IncomingState, at: string): SourceChange[] {
  if (state.row['status'] !== 'assigned') return [];
  const lead = state.assignments[0]!;
  const specialist = ctx.rng.pick(agency.specialists);
  const row: SourceRow = {
    ...lead, id: ctx.nextId('assignment'), assigned_by: specialist, assignee_staff_id: specialist, role: 'lead',
    assigned_at: at, parent_id: lead['id'] as number, status: 'in_progress', created_at: at, updated_at: at,
  };
  state.assignments.push(row);
  return [
    { table: 'assignment', op: 'c', before: null, after: row },
    update(state, at, { status: 'in_progress' }),
    ctx.log({ incomingId: state.row['id'] as number, actor: specialist, action: 'forward', at }),
  ];
}

function complete(ctx: SimulationContext, agency: Agency, state: IncomingState, at: string): SourceChange[] {
  const rng = ctx.rng;
  const id = state.row['id'] as number;
  const actor = state.assignments.at(-1)?.['assignee_staff_id'] as number | null ?? rng.pick(agency.specialists);
  const changes: SourceChange[] = [update(state, at, { status: 'completed', completed_at: at })];
  state.assignments = state.assignments.map((before) => {
    const after = { ...before, status: 'done', completed_at: at, updated_at: at };
    changes.push({ table: 'assignment', op: 'u', before, after });
    return after;
  });
  changes.push(ctx.log({ incomingId: id, actor, action: 'complete', at }));
  const files = ctx.openWorkFiles.get(agency.id);
  if (files && files.ids.length > 0 && rng.chance(0.4)) {
    changes.push({ table: 'work_file_item', op: 'c', before: null, after: { id: ctx.nextId('work_file_item'), work_file_id: rng.pick(files.ids), incoming_id: id, outgoing_id: null, created_at: at, updated_at: at } });
  }
  if (rng.chance(0.12)) draftOutgoing(ctx, agency, Date.parse(at) + rng.int(30, 2000) * 60_000, id);
  return changes;
}

function scheduleSecretCompletion(ctx: SimulationContext, row: SourceRow, timeMs: number): void {
  ctx.schedule(timeMs, (at) => [{ table: 'incoming_document', op: 'u', before: row, after: { ...row, status: 'completed', completed_at: at, updated_at: at } }]);
}

