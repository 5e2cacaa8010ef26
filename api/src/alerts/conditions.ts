// What the IOC is alerted about (issue 16): an agency whose open overdue documents (kpi.md
// open_overdue at today, its own register) reach the configured threshold, and data older than the
// configured limit (now − data_as_of). Each condition is evaluated afresh on every look.
import type { Warehouse } from '@vanban/common';
import { currentBuild } from '../kpi/current-build.js';
import { groupFigures } from '../kpi/kpi-summary.js';
import { loadAgencyStructure } from '../kpi/structure.js';

export interface AlertThresholds {
  /** An agency alerts when its open overdue documents reach this many. */
  overdueThreshold: number;
  /** The data alerts when data_as_of is older than this. */
  dataAgeSeconds: number;
}

/** A condition that holds now: `condition` names it (one alert at a time per condition). */
export interface HoldingCondition {
  condition: string;
  kind: 'overdue_threshold' | 'data_age';
  agency: { code: string; name: string } | null;
  value: number;
  threshold: number;
  /** One sentence in Vietnamese for the wall display. */
  message: string;
}

const count = (n: number) => n.toLocaleString('vi-VN');

/** Every condition that holds at `now` on business date `today`, and the data_as_of they were judged on. */
export async function holdingConditions(client: Warehouse, thresholds: AlertThresholds, today: string, now: Date): Promise<{ holding: HoldingCondition[]; dataAsOf: string | null }> {
  const build = await currentBuild(client);
  const structure = await loadAgencyStructure(client, build.dataAsOf);
  // The agencies that exist today, each its own group: one grouped read of the open stock at today.
  const agencies = [...structure.byId.values()].filter((a) => a.validFrom <= today && (a.validTo === null || a.validTo >= today));
  const rows = agencies.length === 0 ? [] : await groupFigures(client, agencies.map((a) => a.id), agencies.map((_, i) => i),
    { from: today, to: today, view: 'as_was', asOf: today, today }, { structure });
  const holding: HoldingCondition[] = [];
  for (const row of rows) {
    const agency = agencies[Number(row.grp)]!;
    const overdue = Number(row.open_overdue);
    if (overdue < thresholds.overdueThreshold) continue;
    holding.push({
      condition: `overdue:${agency.code}`, kind: 'overdue_threshold', agency: { code: agency.code, name: agency.name },
      value: overdue, threshold: thresholds.overdueThreshold,
      message: `${agency.name} có ${count(overdue)} văn bản đến quá hạn chưa xử lý (ngưỡng cảnh báo: ${count(thresholds.overdueThreshold)}).`,
    });
  }
  const ageSeconds = build.dataAsOf === null ? Number.POSITIVE_INFINITY : Math.max(0, Math.round((now.getTime() - Date.parse(build.dataAsOf)) / 1000));
  if (ageSeconds > thresholds.dataAgeSeconds) {
    holding.push({
      condition: 'data_age', kind: 'data_age', agency: null,
      value: Number.isFinite(ageSeconds) ? ageSeconds : -1, threshold: thresholds.dataAgeSeconds,
      message: build.dataAsOf === null
        ? 'Kho dữ liệu chưa có số liệu nào được cập nhật.'
        : `Số liệu đã cũ ${count(Math.round(ageSeconds / 60))} phút (cập nhật lần cuối ${build.dataAsOf.slice(11, 16)} ngày ${build.dataAsOf.slice(0, 10).split('-').reverse().join('/')}; giới hạn ${count(Math.round(thresholds.dataAgeSeconds / 60))} phút).`,
    });
  }
  return { holding, dataAsOf: build.dataAsOf };
}
