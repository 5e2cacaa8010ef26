// Period choices of the overview, kept in the URL so every view is a shareable link.
export interface Period { from: string; to: string; label: string }

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function presets(today: string): Record<string, Period> {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const quarterStart = Math.floor((m - 1) / 3) * 3 + 1;
  const [pm, py] = m === 1 ? [12, y - 1] : [m - 1, y];
  return {
    ytd: { from: iso(y, 1, 1), to: today, label: `Từ đầu năm ${y}` },
    quarter: { from: iso(y, quarterStart, 1), to: today, label: `Quý ${(quarterStart + 2) / 3}/${y}` },
    last_month: { from: iso(py, pm, 1), to: iso(py, pm, lastDay(py, pm)), label: `Tháng ${pm}/${py}` },
    last_year: { from: iso(y - 1, 1, 1), to: iso(y - 1, 12, 31), label: `Năm ${y - 1}` },
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
