import { statutoryPeriod } from '@vanban/api/periods';

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

/** The statutory reporting periods (kpi.md; defined once, in the API's periods module) that hold `today`. */
export function statutoryPeriods(today: string): Record<string, Period> {
  const month = statutoryPeriod('monthly', today);
  const quarter = statutoryPeriod('quarterly', today);
  const half = statutoryPeriod('half', today);
  const year = statutoryPeriod('yearly', today);
  return {
    report_month: { ...range(month), label: 'Báo cáo tháng {m}/{y}', values: { m: month.number, y: month.year }, statutory: true },
    report_quarter: { ...range(quarter), label: 'Báo cáo quý {q}/{y}', values: { q: quarter.number, y: quarter.year }, statutory: true },
    report_half: { ...range(half), label: half.number === 1 ? 'Báo cáo 6 tháng đầu năm {y}' : 'Báo cáo 6 tháng cuối năm {y}', values: { y: half.year }, statutory: true },
    report_year: { ...range(year), label: 'Báo cáo năm {y}', values: { y: year.year }, statutory: true },
  };
}

const range = ({ from, to }: { from: string; to: string }) => ({ from, to });

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
