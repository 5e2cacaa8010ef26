// The monthly trend with its own requests (the months of the period and the same days a year
// earlier), so that it streams in after the first screen instead of holding it back.
import { ApiError, fetchSeries, type ViewParams } from '@/lib/api';
import { yearBefore } from '@/lib/charts';
import { getT } from '@/lib/i18n';
import { TrendChart } from './trend-chart';

export async function TrendSection({ base, today }: { base: ViewParams; today: string }) {
  const [series, lastYear] = await Promise.all([
    // A refusal (a period of more months than a series holds, the server busy) is said where the
    // chart would be; thrown, it replaced the whole page with Next's error.
    fetchSeries({ ...base, interval: 'month' }).catch((error: unknown) => { if (error instanceof ApiError) return error; throw error; }),
    // An agency that did not exist a year earlier (or a refusal) leaves that line out, not the chart.
    fetchSeries({ ...base, from: yearBefore(base.from), to: yearBefore(base.to < today ? base.to : today), interval: 'month' })
      .catch((error: unknown) => { if (error instanceof ApiError) return null; throw error; }),
  ]);
  if (series instanceof ApiError) {
    const { t } = await getT();
    return <p role="alert" className="error">{t(series.message)}</p>;
  }
  return <TrendChart series={series} lastYear={lastYear} agency={base.agency} from={base.from} to={base.to} />;
}
