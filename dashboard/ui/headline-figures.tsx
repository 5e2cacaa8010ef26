// The first screen's four figures, one per question a leader asks (issue 18): how much is overdue, are
// documents settled on time, what falls due next, and is the Plan 222 online target met. Each carries
// its change against the previous period and the same period a year earlier (kpi.md, Comparisons).
// Colour is kept for a state with an absolute meaning (a target missed, a change for the worse), and
// every colour has its words beside it.
import { Suspense } from 'react';
import type { ComparedSummary, KpiSummary } from '@/lib/api';
import { compareFigure, type Better } from '@/lib/changes';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { getT, type Lang, type T } from '@/lib/i18n';

type Figures = Pick<KpiSummary, 'incoming'>;

interface Figure {
  key: string;
  label: string;
  value: (f: Figures) => number | null;
  unit: 'count' | 'rate';
  better: Better;
  note?: string;
}

export async function HeadlineFigures({ summary, comparison }: { summary: KpiSummary; comparison: Promise<ComparedSummary | null> }) {
  const { t, lang } = await getT();
  const online = summary.target;
  const figures: Figure[] = [
    { key: 'open_overdue', label: t('Quá hạn chưa xử lý'), value: (f) => f.incoming.open_overdue, unit: 'count', better: 'lower',
      note: t('đến ngày {date}', { date: formatDate(summary.period.as_of) }) },
    { key: 'on_time_rate', label: t('Tỷ lệ giải quyết đúng hạn'), value: (f) => f.incoming.on_time_rate, unit: 'rate', better: 'higher',
      note: t('{n} văn bản giải quyết có hạn', { n: formatCount(summary.incoming.completed_on_time + summary.incoming.completed_late, lang) }) },
    { key: 'open_due_soon', label: t('Sắp đến hạn'), value: (f) => f.incoming.open_due_soon, unit: 'count', better: 'neither',
      note: t('trong 3 ngày làm việc tới') },
    { key: 'online_rate', label: t('Tỷ lệ xử lý trên hệ thống'), value: (f) => f.incoming.online_rate, unit: 'rate', better: 'higher',
      note: online.online_rate === null ? t('Kỳ này chưa có chỉ tiêu') : t('Chỉ tiêu Kế hoạch 222: {rate}', { rate: formatPercent(online.online_rate, lang) }) },
  ];
  const shown = (figure: Figure, value: number | null) => (figure.unit === 'rate' ? formatPercent(value, lang) : formatCount(value, lang));
  return (
    <div className="headline" data-testid="headline">
      {figures.map((figure) => {
        const value = figure.value(summary);
        const state = figure.key === 'online_rate' ? (online.met === null ? undefined : online.met ? 'met' : 'missed')
          : figure.key === 'open_overdue' && value === 0 ? 'met' : undefined;
        return (
          <section key={figure.key} className={`card figure ${state ?? ''}`} aria-label={figure.label} data-figure={figure.key} data-value={value ?? ''}>
            <h3>{figure.label}</h3>
            <p className="value">{shown(figure, value)}</p>
            {figure.note ? <p className="note">{figure.note}</p> : null}
            {state ? <p className={`badge ${state}`}>{figure.key === 'open_overdue' ? t('Không có văn bản quá hạn') : state === 'met' ? t('Đạt chỉ tiêu') : t('Chưa đạt chỉ tiêu')}</p> : null}
            {/* The changes come a moment after the figure (two more periods to sum up); the lines
                waiting for them have the same words, so the card keeps its height (on a phone a
                longer change may take one more line). */}
            <Suspense fallback={<PendingChanges t={t} />}>
              <FigureChanges comparison={comparison} figure={figure} value={value} shown={(v) => shown(figure, v)} t={t} lang={lang} />
            </Suspense>
          </section>
        );
      })}
    </div>
  );
}

/** A figure's changes against the previous period and the same period a year earlier. */
async function FigureChanges({ comparison, figure, value, shown, t, lang }: {
  comparison: Promise<ComparedSummary | null>; figure: Figure; value: number | null; shown: (value: number | null) => string; t: T; lang: Lang;
}) {
  const compared = await comparison;
  if (!compared) return <ul className="changes"><li className="change neutral">{t('Không tải được số liệu so sánh.')}</li></ul>;
  return <ChangeLines compared={compared.comparison} now={value} of={figure.value} better={figure.better} unit={figure.unit} shown={shown} t={t} lang={lang} />;
}

function PendingChanges({ t }: { t: T }) {
  return (
    <ul className="changes" aria-busy="true">
      <li className="change neutral">… {t('so với kỳ trước')}</li>
      <li className="change neutral">… {t('so với cùng kỳ năm trước')}</li>
    </ul>
  );
}

type Compared = ComparedSummary['comparison'];
type ComparedPeriod = NonNullable<Compared['previous']>;

/** A figure's two comparisons, the previous period and the same period a year earlier: "▲ 20 so với
 * kỳ trước", with the other period's figure and dates in each line's title. */
export function ChangeLines({ compared, now, of, better, unit, shown, t, lang }: {
  compared: Compared; now: number | null; of: (period: ComparedPeriod) => number | null;
  better: Better; unit: 'count' | 'per_day' | 'rate'; shown: (value: number | null) => string; t: T; lang: Lang;
}) {
  const lines = [['previous', compared.previous, t('so với kỳ trước')], ['last_year', compared.last_year, t('so với cùng kỳ năm trước')]] as const;
  return (
    <ul className="changes">
      {lines.map(([kind, other, whom]) => {
        const change = other ? compareFigure(now, of(other), better, unit, lang) : null;
        const title = other ? t('{whom} ({from} – {to}): {value}', { whom, from: formatDate(other.period.from), to: formatDate(other.period.to), value: shown(of(other)) }) : undefined;
        const words = change === null || change.arrow === '' ? t('chưa có số liệu {whom}', { whom })
          : change.arrow === '=' ? t('không đổi {whom}', { whom })
          : `${change.arrow} ${change.amount} ${whom}`;
        const judged = change?.judgement === 'better' ? t('(tốt hơn)') : change?.judgement === 'worse' ? t('(kém hơn)') : '';
        return (
          <li key={kind} className={`change ${change?.judgement ?? 'neutral'}`} data-compare={kind} title={title}>
            {words}{judged ? <span className="sr-only"> {judged}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
