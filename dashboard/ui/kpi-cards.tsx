// The headline figures of a KPI summary, with the Plan 222 target where one applies.
import type { KpiSummary } from '@/lib/api';
import { formatCount, formatDate, formatDecimal, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { KpiCard } from './kpi-card';

export async function KpiCards({ summary }: { summary: KpiSummary }) {
  const { t, lang } = await getT();
  const { incoming, outgoing, work_files: files, adoption, target } = summary;
  const count = (n: number | null) => formatCount(n, lang);
  const percent = (r: number | null) => formatPercent(r, lang);
  const days = (d: number | null) => (d === null ? '—' : t('{d} ngày', { d: formatDecimal(d, lang) }));
  return (
    <div className="cards">
      <KpiCard label={t('Văn bản đến')} value={count(incoming.received)} note={t('{n} văn bản trả lại', { n: count(incoming.returned) })} />
      <KpiCard label={t('Đã giải quyết')} value={count(incoming.completed)} note={t('{n} quá hạn khi giải quyết', { n: count(incoming.completed_late) })} />
      <KpiCard label={t('Tỷ lệ giải quyết đúng hạn')} value={percent(incoming.on_time_rate)} />
      <KpiCard label={t('Quá hạn chưa xử lý')} value={count(incoming.open_overdue)} note={t('đến ngày {date}', { date: formatDate(summary.period.as_of) })} />
      <KpiCard label={t('Đang xử lý trong hạn')} value={count(incoming.open_on_time)} />
      <KpiCard
        label={t('Tỷ lệ xử lý trên hệ thống')}
        value={percent(incoming.online_rate)}
        note={target.online_rate === null ? t('Kỳ này chưa có chỉ tiêu') : t('Chỉ tiêu Kế hoạch 222: {rate}', { rate: percent(target.online_rate) })}
        status={target.met === null ? undefined : target.met ? 'met' : 'missed'}
        statusText={target.met ? t('Đạt chỉ tiêu') : t('Chưa đạt chỉ tiêu')}
      />
      <KpiCard label={t('Thời gian xử lý trung vị')} value={days(incoming.processing_days.median)} note={t('90% xong trong {days} làm việc', { days: days(incoming.processing_days.p90) })} />
      <KpiCard label={t('Văn bản đi đã ban hành')} value={count(outgoing.issued)} />
      <KpiCard label={t('Tỷ lệ ký số')} value={percent(outgoing.digitally_signed_rate)} />
      <KpiCard label={t('Tỷ lệ gửi điện tử')} value={percent(outgoing.electronic_dispatch_rate)} />
      <KpiCard label={t('Hồ sơ công việc điện tử')} value={percent(files.electronic_rate)} note={t('{n} hồ sơ mở trong kỳ', { n: count(files.opened) })} />
      <KpiCard label={t('Tỷ lệ cơ quan sử dụng hệ thống')} value={percent(adoption.adoption_rate)} note={t('{active}/{all} cơ quan', { active: count(adoption.active), all: count(adoption.agencies) })} />
    </div>
  );
}
