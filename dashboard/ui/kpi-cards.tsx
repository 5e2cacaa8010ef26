// The figures below the first screen: the counts with their rate per working day and its change
// (kpi.md, Comparisons: a month holding Tết is not read as a collapse), and every Plan 222 target
// with met or missed (kpi.md, All targets).
import type { ComparedSummary, KpiSummary } from '@/lib/api';
import { formatCount, formatDecimal, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { ChangeLines } from './headline-figures';
import { KpiCard } from './kpi-card';

type PlannedFigure = ComparedSummary['targets'][number]['figure'];
type PerDay = keyof ComparedSummary['per_working_day'];

export async function KpiCards({ summary, comparison }: { summary: KpiSummary; comparison: Promise<ComparedSummary | null> }) {
  const { t, lang } = await getT();
  const compared = await comparison;
  const { incoming, outgoing, work_files: files, adoption } = summary;
  const count = (n: number | null) => formatCount(n, lang);
  const percent = (r: number | null) => formatPercent(r, lang);
  const days = (d: number | null) => (d === null ? '—' : t('{d} ngày', { d: formatDecimal(d, lang) }));
  const target = (figure: PlannedFigure) => {
    const planned = summary.targets.find((p) => p.figure === figure);
    if (!planned || planned.target === null) return { note: t('Kỳ này chưa có chỉ tiêu') };
    return {
      note: t('Chỉ tiêu Kế hoạch 222: {rate}', { rate: percent(planned.target) }),
      status: planned.met === null ? undefined : planned.met ? 'met' as const : 'missed' as const,
      statusText: planned.met ? t('Đạt chỉ tiêu') : t('Chưa đạt chỉ tiêu'),
    };
  };
  // A count per working day and its changes, compared per working day.
  const perDay = (key: PerDay) => {
    if (!compared) return <p className="note">{t('Không tải được số liệu so sánh.')}</p>;
    const now = compared.per_working_day[key];
    return (
      <>
        <p className="note" data-per-day={key}>{t('{n} mỗi ngày làm việc ({days} ngày làm việc)', { n: formatDecimal(now, lang), days: count(summary.working_days) })}</p>
        <ChangeLines compared={compared.comparison} now={now} of={(other) => other.per_working_day[key]} better="neither" unit="per_day"
          shown={(v) => formatDecimal(v, lang)} t={t} lang={lang} />
      </>
    );
  };
  return (
    <section aria-labelledby="other-figures-title">
      <h2 id="other-figures-title" className="section-title">{t('Các số liệu khác và chỉ tiêu Kế hoạch 222')}</h2>
      <div className="cards">
        <KpiCard label={t('Văn bản đến')} value={count(incoming.received)} note={t('{n} văn bản trả lại', { n: count(incoming.returned) })}>{perDay('received')}</KpiCard>
        <KpiCard label={t('Đã giải quyết')} value={count(incoming.completed)} note={t('{n} quá hạn khi giải quyết', { n: count(incoming.completed_late) })}>{perDay('completed')}</KpiCard>
        <KpiCard label={t('Đang xử lý trong hạn')} value={count(incoming.open_on_time)} />
        <KpiCard label={t('Thời gian xử lý trung vị')} value={days(incoming.processing_days.median)} note={t('90 % xong trong {days} làm việc', { days: days(incoming.processing_days.p90) })} />
        <KpiCard label={t('Tỷ lệ văn bản đến liên thông')} value={percent(incoming.interconnected_rate)} {...target('incoming.interconnected_rate')} />
        <KpiCard label={t('Văn bản đi đã ban hành')} value={count(outgoing.issued)}>{perDay('issued')}</KpiCard>
        <KpiCard label={t('Tỷ lệ ký số')} value={percent(outgoing.digitally_signed_rate)} />
        <KpiCard label={t('Tỷ lệ gửi điện tử')} value={percent(outgoing.electronic_dispatch_rate)} {...target('outgoing.electronic_dispatch_rate')} />
        <KpiCard label={t('Hồ sơ công việc điện tử')} value={percent(files.electronic_rate)} {...target('work_files.electronic_rate')}>
          <p className="note">{t('{n} hồ sơ mở trong kỳ', { n: count(files.opened) })}</p>
        </KpiCard>
        <KpiCard label={t('Tỷ lệ cơ quan sử dụng hệ thống')} value={percent(adoption.adoption_rate)} {...target('adoption.adoption_rate')}>
          <p className="note">{t('{active}/{all} cơ quan', { active: count(adoption.active), all: count(adoption.agencies) })}</p>
        </KpiCard>
      </div>
    </section>
  );
}
