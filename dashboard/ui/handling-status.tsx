// "Rõ người, rõ việc" on an agency's page (kpi.md): where documents wait (one chart: delivery → to the
// leader → to assignment → handling, median and p90) with the share passed on in time, and the
// deadline extensions. Every number is the API's, formatted in the page's language. (The status
// buckets are on the first screen: status-bar.tsx.)
import type { KpiSummary } from '@/lib/api';
import { stagesOption, type StagePoint } from '@/lib/charts';
import { formatCount, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { EChart } from './echart';

export async function HandlingStatus({ summary }: { summary: KpiSummary }) {
  const { t, lang } = await getT();
  const count = (n: number) => formatCount(n, lang);
  const { incoming } = summary;
  const days = (d: number | null) => (d === null ? '—' : t('{n} ngày làm việc', { n: count(d) }));
  const stages: StagePoint[] = [
    { label: t('Chuyển đến (liên thông)'), ...incoming.stages.delivery_days },
    { label: t('Tiếp nhận → trình lãnh đạo'), ...incoming.stages.to_leader_days },
    { label: t('Trình → giao xử lý'), ...incoming.stages.to_assign_days },
    { label: t('Giao → giải quyết xong'), ...incoming.stages.handling_days },
  ];
  return (
    <>
      <section className="chart" aria-labelledby="stages-title" data-testid="stages">
        <h2 id="stages-title">{t('Văn bản chờ ở khâu nào')}</h2>
        <p className="note">{t('Số ngày làm việc ở từng khâu của các văn bản giải quyết xong trong kỳ: trung vị và 90 % văn bản.')}</p>
        <EChart
          label={stages.map((s) => `${s.label}: ${t('trung vị')} ${days(s.median)}, ${t('90 % văn bản')} ${days(s.p90)}`).join('; ')}
          {...stagesOption(stages, t)}
          lang={lang}
          downloadText={t('Tải ảnh biểu đồ')}
          fileName={`van-ban-cho-o-dau-${summary.agency.code}-${summary.period.from}-${summary.period.to}`}
          height={240}
        />
        <table className="documents">
          <caption className="sr-only">{t('Số ngày làm việc ở từng khâu')}</caption>
          <thead><tr><th scope="col">{t('Khâu')}</th><th scope="col">{t('Trung vị')}</th><th scope="col">{t('90 % văn bản')}</th></tr></thead>
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
