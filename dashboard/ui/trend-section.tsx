// The monthly trend with its own requests (the months of the period and the same days a year
// earlier), so that it streams in after the first screen instead of holding it back.
import { ApiError, fetchSeries, type ViewParams } from '@/lib/api';
import { yearBefore } from '@/lib/charts';
import { TrendChart } from './trend-chart';

export async function TrendSection({ base, today }: { base: ViewParams; today: string }) {
  const [series, lastYear] = await Promise.all([
    fetchSeries({ ...base, interval: 'month' }),
    // An agency that did not exist a year earlier (or a refusal) leaves that line out, not the chart.
    fetchSeries({ ...base, from: yearBefore(base.from), to: yearBefore(base.to < today ? base.to : today), interval: 'month' })
      .catch((error: unknown) => { if (error instanceof ApiError) return null; throw error; }),
  ]);
  return <TrendChart series={series} lastYear={lastYear} agency={base.agency} from={base.from} to={base.to} />;
}
