// Period choices of the overview, kept in the URL so every view is a shareable link.
/** `label` is a text of lib/i18n.ts with `{…}` places that `values` fill. */
export interface Period { from: string; to: string; label: string; values?: Record<string, number>; statutory?: boolean }

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function presets(today: string): Record<string, Period> {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const quarterStart = Math.floor((m - 1) / 3) * 3 + 1;
  const [pm, py] = m === 1 ? [12, y - 1] : [m - 1, y];
  const half = m <= 6 ? 1 : 2;
  return {
    ytd: { from: iso(y, 1, 1), to: today, label: 'Từ đầu năm {y}', values: { y } },
    quarter: { from: iso(y, quarterStart, 1), to: today, label: 'Quý {q}/{y}', values: { q: (quarterStart + 2) / 3, y } },
    half: { from: iso(y, half === 1 ? 1 : 7, 1), to: today, label: half === 1 ? '6 tháng đầu năm {y}' : '6 tháng cuối năm {y}', values: { y } },
    last_month: { from: iso(py, pm, 1), to: iso(py, pm, lastDay(py, pm)), label: 'Tháng {m}/{y}', values: { m: pm, y: py } },
    last_year: { from: iso(y - 1, 1, 1), to: iso(y - 1, 12, 31), label: 'Năm {y}', values: { y: y - 1 } },
    ...statutoryPeriods(today),
  };
}

/**
 * The reporting periods of Decree 09/2019/NĐ-CP (kpi.md) that contain `today`: data cut off on the
 * 14th — a month runs from the 15th of the month before, a quarter from the 15th of the month before
 * it, six months and a year from 15 December of the year before.
 */
export function statutoryPeriods(today: string): Record<string, Period> {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  // The reporting month that holds today: after the 14th it is the next calendar month.
  const [ry, rm] = d >= 15 ? (m === 12 ? [y + 1, 1] : [y, m + 1]) : [y, m];
  const monthStart = (year: number, month: number) => (month === 1 ? iso(year - 1, 12, 15) : iso(year, month - 1, 15));
  const quarterEnd = Math.ceil(rm / 3) * 3;
  const halfEnd = rm <= 6 ? 6 : 12;
  return {
    report_month: { from: monthStart(ry, rm), to: iso(ry, rm, 14), label: 'Báo cáo tháng {m}/{y}', values: { m: rm, y: ry }, statutory: true },
    report_quarter: { from: monthStart(ry, quarterEnd - 2), to: iso(ry, quarterEnd, 14), label: 'Báo cáo quý {q}/{y}', values: { q: quarterEnd / 3, y: ry }, statutory: true },
    report_half: { from: monthStart(ry, halfEnd - 5), to: iso(ry, halfEnd, 14), label: halfEnd === 6 ? 'Báo cáo 6 tháng đầu năm {y}' : 'Báo cáo 6 tháng cuối năm {y}', values: { y: ry }, statutory: true },
    report_year: { from: iso(ry - 1, 12, 15), to: iso(ry, 12, 14), label: 'Báo cáo năm {y}', values: { y: ry }, statutory: true },
  };
}

/** The months [from, to] covers, at most `limit` of the latest, each clipped to the period. */
export function monthsOf(from: string, to: string, limit = 24): Period[] {
  const months: Period[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  while (iso(y, m, 1) <= to) {
    const start = iso(y, m, 1) < from ? from : iso(y, m, 1);
    const end = iso(y, m, lastDay(y, m)) > to ? to : iso(y, m, lastDay(y, m));
    months.push({ from: start, to: end, label: `${pad(m)}/${y}` });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months.slice(-limit);
}

export function todayInHanoi(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}
