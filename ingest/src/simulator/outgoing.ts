// The life of an outgoing document (văn bản đi): draft → review → signature (mostly digital, rising
// over time) → issue with a number → one dispatch per recipient. Internal dispatches become incoming
// documents of the recipient agencies.
import type { SourceChange, SourceRow } from '../source-tables.js';
import type { Agency } from './agencies.js';
import { rollout, localDayOf, type SimulationContext } from './context.js';
import { docTypes, ministries, subjectFor } from './names.js';
import { registerIncoming } from './incoming.js';

const secrecyLevels = ['confidential', 'secret', 'top_secret'] as const;

export function draftOutgoing(ctx: SimulationContext, agency: Agency, timeMs: number, repliesTo: number | null = null): void {
  ctx.schedule(timeMs, (at) => {
    const rng = ctx.rng;
    const day = localDayOf(timeMs);
    const docType = repliesTo === null ? rng.weighted(docTypes) : rng.weighted([['CV', 70], ['BC', 25], ['TTr', 5]] as const);
    const drafter = rng.pick(agency.specialists);
    let row: SourceRow = {
      id: ctx.nextId('outgoing_document'), agency_id: agency.id, number: null, notation: `${docType}-${agency.row['short_name']}`,
      doc_type: docType, summary: subjectFor(rng, docType, new Date(day * 86_400_000).getUTCFullYear()),
      drafting_unit_id: rng.pick(agency.units), drafter_id: drafter, signer_id: rng.pick(agency.leaders), drafted_at: at,
      signed_at: null, issued_at: null, digitally_signed: false, urgency: rng.weighted([['normal', 85], ['urgent', 10], ['very_urgent', 3], ['flash', 2]] as const),
      secrecy: rng.chance(0.001) ? rng.pick(secrecyLevels) : 'none', status: 'draft', replies_to_id: repliesTo, created_at: at, updated_at: at,
    };
    const id = row['id'] as number;
    const secret = row['secrecy'] !== 'none';
    const update = (when: string, fields: SourceRow): SourceChange => {
      const before = row;
      row = { ...before, ...fields, updated_at: when };
      return { table: 'outgoing_document', op: 'u', before, after: row };
    };
    const log = (action: string, actor: number, when: string) => (secret ? [] : [ctx.log({ outgoingId: id, actor, action, at: when })]);

    const reviewMs = Math.max(timeMs + 3_600_000, ctx.officeTime(day, Math.round(rng.logNormal(1, 0.8))));
    const signMs = Math.max(reviewMs + 1_800_000, ctx.officeTime(localDayOf(reviewMs), Math.round(rng.logNormal(0.8, 0.9))));
    const issueMs = signMs + rng.int(15, 300) * 60_000;
    ctx.schedule(reviewMs, (when) => [update(when, { status: 'in_review' }), ...log('review', row['signer_id'] as number, when)]);
    ctx.schedule(signMs, (when) => [
      update(when, { status: 'signed', signed_at: when, digitally_signed: rng.chance(0.55 + 0.43 * rollout(localDayOf(signMs))) }),
      ...log('sign', row['signer_id'] as number, when),
    ]);
    ctx.schedule(issueMs, (when) => {
      const year = new Date(localDayOf(issueMs) * 86_400_000).getUTCFullYear();
      const changes = [update(when, { status: 'issued', issued_at: when, number: ctx.nextNumber('out', agency.id, year) }), ...log('issue', agency.clerks[0]!, when)];
      if (!secret) changes.push(...dispatchAll(ctx, agency, row, when));
      if (rng.chance(0.005)) ctx.schedule(issueMs + rng.int(1, 72) * 3_600_000, (w) => [update(w, { status: 'recalled' }), ...log('comment', agency.leaders[0]!, w)]);
      return changes;
    });
    return [{ table: 'outgoing_document', op: 'c', before: null, after: row }, ...log('draft', drafter, at)];
  });
}

function dispatchAll(ctx: SimulationContext, agency: Agency, document: SourceRow, at: string): SourceChange[] {
  const rng = ctx.rng;
  const day = localDayOf(Date.parse(at));
  const x = rollout(day);
  const changes: SourceChange[] = [];
  const recipients = rng.int(1, 4);
  for (let i = 0; i < recipients; i++) {
    const channel = rng.weighted([['internal', 0.55], ['national_axis', 0.15 + 0.1 * x], ['email', 0.2 - 0.12 * x], ['paper', 0.1 - 0.05 * x]] as const);
    const recipient = channel === 'internal' ? internalRecipient(ctx, agency, day) : null;
    const [code, name] = recipient ? [recipient.row['code'] as string, recipient.row['name'] as string] : rng.pick(ministries);
    const row: SourceRow = {
      id: ctx.nextId('dispatch'), outgoing_id: document['id'] as number, recipient_agency_id: recipient?.id ?? null,
      recipient_code: code, recipient_name: name, channel: recipient ? 'internal' : channel === 'internal' ? 'national_axis' : channel,
      sent_at: at, status: '01', status_at: at, created_at: at, updated_at: at,
    };
    changes.push({ table: 'dispatch', op: 'c', before: null, after: row }, ctx.log({ outgoingId: document['id'] as number, actor: agency.clerks[0]!, action: 'send', at }));
    if (recipient) {
      if (rng.chance(0.01)) {
        ctx.schedule(Date.parse(at) + rng.int(1, 24) * 3_600_000, (when) => [{ table: 'dispatch', op: 'u', before: row, after: { ...row, status: '02', status_at: when, updated_at: when } }]);
        continue;
      }
      const arrivalMs = Math.max(Date.parse(at) + rng.int(5, 120) * 60_000, ctx.officeTime(day, rng.chance(0.7) ? 0 : 1));
      registerIncoming(ctx, recipient, arrivalMs, {
        channel: 'internal', issuerCode: agency.row['code'] as string, issuerName: agency.row['name'] as string,
        notation: `${document['number']}/${document['notation']}`, docType: document['doc_type'] as string,
        summary: document['summary'] as string, issuedDay: day, urgency: document['urgency'] as string, fromDispatchId: row['id'] as number,
        // The exchange status moves to 03 (đã tiếp nhận) when the recipient registers it.
        onRegistered: (when) => [{ table: 'dispatch', op: 'u', before: row, after: { ...row, status: '03', status_at: when, updated_at: when } }],
      });
    }
  }
  return changes;
}

/** Recipients inside the city: the city, departments and districts most often; communes of one's own area. */
function internalRecipient(ctx: SimulationContext, sender: Agency, day: number): Agency | null {
  const rng = ctx.rng;
  for (let attempt = 0; attempt < 6; attempt++) {
    const candidate = rng.chance(0.3) ? ctx.org.city : rng.pick(ctx.org.agencies);
    if (candidate.id !== sender.id && ctx.valid(candidate, day)) return candidate;
  }
  return null;
}
