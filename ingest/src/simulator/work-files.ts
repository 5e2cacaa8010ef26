// Work files (hồ sơ công việc): opened through the year, kept electronically more and more often,
// closed at year end and partly handed to the agency archive (nộp lưu) the following spring.
import type { SourceChange, SourceRow } from '../source-tables.js';
import type { Agency } from './agencies.js';
import { dayNumber } from './calendar.js';
import { rollout, localDayOf, type SimulationContext } from './context.js';
import { subjectFor } from './names.js';

export function openWorkFile(ctx: SimulationContext, agency: Agency, timeMs: number): void {
  ctx.schedule(timeMs, (at) => {
    const rng = ctx.rng;
    const day = localDayOf(timeMs);
    const year = new Date(day * 86_400_000).getUTCFullYear();
    const id = ctx.nextId('work_file');
    let row: SourceRow = {
      id, agency_id: agency.id, code: `${year}/HS-${id}`, title: `Hồ sơ ${subjectFor(rng, 'KH', year).toLowerCase()}`,
      owner_id: rng.pick(agency.specialists), opened_at: at, closed_at: null, retention_years: rng.pick([5, 10, 10, 20, null]),
      electronic: rng.chance(0.3 + 0.65 * rollout(day)), archived_at: null, created_at: at, updated_at: at,
    };
    const open = ctx.openWorkFiles.get(agency.id);
    if (!open || open.year !== year) ctx.openWorkFiles.set(agency.id, { year, ids: [id] });
    else open.ids.push(id);
    const update = (when: string, fields: SourceRow): SourceChange => {
      const before = row;
      row = { ...before, ...fields, updated_at: when };
      return { table: 'work_file', op: 'u', before, after: row };
    };
    const closeMs = ctx.officeTime(dayNumber(`${year}-12-31`) - 3, 0);
    ctx.schedule(Math.max(closeMs, timeMs + 3_600_000), (when) => [update(when, { closed_at: when })]);
    if (rng.chance(0.6)) ctx.schedule(ctx.officeTime(dayNumber(`${year + 1}-03-01`), rng.int(0, 30)), (when) => [update(when, { archived_at: when })]);
    return [{ table: 'work_file', op: 'c', before: null, after: row }];
  });
}
