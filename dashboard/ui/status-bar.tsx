// The five status buckets of kpi.md ("Status at the as-of date") as one bar, on the first screen: what
// was settled on time or late, and what is still open on time, due soon or overdue — with the overdue
// documents by working days overdue. The buckets add up to the documents of the period.
import type { KpiSummary } from '@/lib/api';
import { formatCount, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { statusBuckets } from '@/lib/status-buckets';

export async function StatusBar({ summary }: { summary: KpiSummary }) {
  const { t, lang } = await getT();
  const count = (n: number) => formatCount(n, lang);
  const { incoming } = summary;
  const buckets = statusBuckets(incoming, t);
  const total = buckets.reduce((sum, b) => sum + b.value, 0);
  const ages = [
    { key: '1_5', label: t('1–5 ngày') }, { key: '6_10', label: t('6–10 ngày') },
    { key: '11_20', label: t('11–20 ngày') }, { key: 'over_20', label: t('trên 20 ngày') },
  ] as const;
  return (
    <section className="chart status" aria-labelledby="status-title" data-testid="status">
      <h2 id="status-title">{t('Tình trạng xử lý văn bản đến (đến ngày {date})', { date: formatDate(summary.period.as_of) })}</h2>
      {total > 0 ? (
        <div className="status-bar" role="img" aria-label={buckets.map((b) => `${b.label}: ${count(b.value)}`).join('; ')}>
          {buckets.filter((b) => b.value > 0).map((b) => <span key={b.key} className={`status-${b.key}`} style={{ flexGrow: b.value }} title={`${b.label}: ${count(b.value)}`} />)}
        </div>
      ) : <p className="note">{t('Kỳ này không có văn bản đến nào.')}</p>}
      <ul className="status-legend">
        {buckets.map((b) => <li key={b.key} data-bucket={b.key}><span className={`swatch status-${b.key}`} aria-hidden="true" />{b.label}: <strong>{count(b.value)}</strong></li>)}
      </ul>
      {incoming.open_overdue > 0 ? (
        <p className="note" data-testid="overdue-by-age">
          {t('Quá hạn theo số ngày làm việc:')}{' '}
          {ages.map((a, i) => <span key={a.key} data-age={a.key}>{i > 0 ? ' · ' : ''}{a.label}: <strong>{count(incoming.open_overdue_by_age[a.key])}</strong></span>)}
        </p>
      ) : null}
    </section>
  );
}
