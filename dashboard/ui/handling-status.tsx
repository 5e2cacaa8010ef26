// "Rõ người, rõ việc" on an agency's page (kpi.md): the five status buckets leaders know as one bar,
// the overdue documents by working days overdue, where documents wait (one chart: delivery → to the
// leader → to assignment → handling, median and p90) with the share passed on in time, and the
// deadline extensions. Every number is the API's, formatted in the page's language.
import type { KpiSummary } from '@/lib/api';
import { stagesOption, type StagePoint } from '@/lib/charts';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { EChart } from './echart';

export async function HandlingStatus({ summary }: { summary: KpiSummary }) {
  const { t, lang } = await getT();
  const count = (n: number) => formatCount(n, lang);
  const { incoming } = summary;
  const buckets = [
    { key: 'completed-on-time', label: t('Giải quyết đúng hạn'), value: incoming.completed_on_time },
    { key: 'completed-late', label: t('Giải quyết quá hạn'), value: incoming.completed_late },
    { key: 'open-on-time', label: t('Đang xử lý trong hạn'), value: incoming.open_on_time - incoming.open_due_soon },
    { key: 'due-soon', label: t('Sắp đến hạn (≤ 3 ngày làm việc)'), value: incoming.open_due_soon },
    { key: 'overdue', label: t('Quá hạn chưa xử lý'), value: incoming.open_overdue },
  ];
  const total = buckets.reduce((sum, b) => sum + b.value, 0);
  const ages = [
    { key: '1_5', label: t('1–5 ngày') }, { key: '6_10', label: t('6–10 ngày') },
    { key: '11_20', label: t('11–20 ngày') }, { key: 'over_20', label: t('trên 20 ngày') },
  ] as const;
  const days = (d: number | null) => (d === null ? '—' : t('{n} ngày làm việc', { n: count(d) }));
  const stages: StagePoint[] = [
    { label: t('Chuyển đến (liên thông)'), ...incoming.stages.delivery_days },
    { label: t('Tiếp nhận → trình lãnh đạo'), ...incoming.stages.to_leader_days },
    { label: t('Trình → giao xử lý'), ...incoming.stages.to_assign_days },
    { label: t('Giao → giải quyết xong'), ...incoming.stages.handling_days },
  ];
  return (
    <>
      <section className="chart" aria-labelledby="status-title" data-testid="status">
        <h2 id="status-title">{t('Tình trạng xử lý văn bản đến (đến ngày {date})', { date: formatDate(summary.period.as_of) })}</h2>
        {total > 0 ? (
          <div className="status-bar" role="img" aria-label={buckets.map((b) => `${b.label}: ${count(b.value)}`).join('; ')}>
            {buckets.filter((b) => b.value > 0).map((b) => <span key={b.key} className={`status-${b.key}`} style={{ flexGrow: b.value }} title={`${b.label}: ${count(b.value)}`} />)}
          </div>
        ) : null}
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
      <section className="chart" aria-labelledby="stages-title" data-testid="stages">
        <h2 id="stages-title">{t('Văn bản chờ ở khâu nào')}</h2>
        <p className="note">{t('Số ngày làm việc ở từng khâu của các văn bản giải quyết xong trong kỳ: trung vị và 90% văn bản.')}</p>
        <EChart
          label={stages.map((s) => `${s.label}: ${t('trung vị')} ${days(s.median)}, ${t('90% văn bản')} ${days(s.p90)}`).join('; ')}
          option={stagesOption(stages, t, lang)}
          downloadText={t('Tải ảnh biểu đồ')}
          fileName={`van-ban-cho-o-dau-${summary.agency.code}-${summary.period.from}-${summary.period.to}`}
          height={240}
        />
        <table className="documents">
          <caption className="sr-only">{t('Số ngày làm việc ở từng khâu')}</caption>
          <thead><tr><th scope="col">{t('Khâu')}</th><th scope="col">{t('Trung vị')}</th><th scope="col">{t('90% văn bản')}</th></tr></thead>
          <tbody>{stages.map((s) => <tr key={s.label}><td>{s.label}</td><td>{days(s.median)}</td><td>{days(s.p90)}</td></tr>)}</tbody>
        </table>
        <p className="note" data-testid="timely">
          {t('Trình lãnh đạo kịp thời (trong ngày làm việc tiếp theo; văn bản khẩn trong ngày):')} <strong>{formatPercent(incoming.timely_transfer_rate, lang)}</strong>
          {' · '}{t('Gia hạn: {n} văn bản, {late} văn bản gia hạn sau khi đã hết hạn', { n: count(incoming.extended), late: count(incoming.extended_after_expiry) })}
          {' · '}{t('Tỷ lệ đúng hạn theo hạn ban đầu:')} <strong>{formatPercent(incoming.on_time_rate_original, lang)}</strong>
        </p>
      </section>
    </>
  );
}
