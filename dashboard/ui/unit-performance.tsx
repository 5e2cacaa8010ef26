// Units and people ranked by the on-time rate of the documents they lead over the period (kpi.md,
// Where documents wait: per unit and per person), worst first. Signed in only: people are
// person-level data (the API audits each read); a section the person may not read is left out
// with a sentence.
import { AccessError, fetchPerformance, type Performance } from '@/lib/api';
import { formatCount, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { ScrollTable } from './scroll-table';

export async function UnitPerformance({ agency, from, to, signedIn, here }: { agency: string; from: string; to: string; signedIn: boolean; here: string }) {
  const { t, lang } = await getT();
  const title = t('Đơn vị và cán bộ: tỷ lệ giải quyết đúng hạn trong kỳ');
  if (!signedIn) {
    return (
      <section className="chart" aria-labelledby="performance-title">
        <h2 id="performance-title">{title}</h2>
        <p><a href={`/dang-nhap?next=${encodeURIComponent(here)}`}>{t('Đăng nhập')}</a>{' '}{t('để xem đơn vị và cán bộ xếp theo tỷ lệ giải quyết đúng hạn.')}</p>
      </section>
    );
  }
  const read = (level: 'units' | 'people') => fetchPerformance(level, { agency, from, to, limit: 10 })
    .catch((error: unknown) => { if (error instanceof AccessError) return 'denied' as const; throw error; });
  let units: Performance | 'denied', people: Performance | 'denied';
  try {
    [units, people] = await Promise.all([read('units'), read('people')]);
  } catch {
    return (
      <section className="chart" aria-labelledby="performance-title">
        <h2 id="performance-title">{title}</h2>
        <p role="alert">{t('Không tải được số liệu đơn vị và cán bộ.')}</p>
      </section>
    );
  }
  const count = (n: number) => formatCount(n, lang);
  const table = (answer: Performance | 'denied', caption: string, person: boolean) => (answer === 'denied'
    ? <p className="note">{t('Tài khoản của bạn không được xem mục này.')}</p>
    : (
      <ScrollTable label={caption}>
        <table className="documents" data-testid={person ? 'people-performance' : 'unit-performance'}>
          <caption>{caption}</caption>
          <thead><tr>
            <th scope="col">{t('Hạng')}</th>
            {person ? <th scope="col">{t('Cán bộ')}</th> : null}
            <th scope="col">{t('Đơn vị')}</th>
            <th scope="col">{t('Đã giải quyết')}</th><th scope="col">{t('Tỷ lệ đúng hạn')}</th><th scope="col">{t('Quá hạn đang giữ')}</th>
          </tr></thead>
          <tbody>{answer.rows.map((row) => (
            <tr key={`${row.agency.code}/${row.unit.id}/${row.person?.id ?? ''}`}>
              <td>{row.rank === null ? '—' : count(row.rank)}</td>
              {person ? <td>{row.person?.name ?? t('Chưa xác định')}</td> : null}
              <td>{row.unit.name ?? t('Chưa giao đơn vị')}{row.agency.code !== agency ? <><br /><small>{row.agency.name}</small></> : null}</td>
              <td>{count(row.assignments_completed)}</td>
              <td className={row.assignment_on_time_rate !== null && row.assignment_on_time_rate < 0.8 ? 'overdue' : undefined}>{formatPercent(row.assignment_on_time_rate, lang)}</td>
              <td>{count(row.assignments_open_overdue)}</td>
            </tr>
          ))}</tbody>
        </table>
      </ScrollTable>
    ));
  return (
    <section className="chart" aria-labelledby="performance-title" data-testid="performance">
      <h2 id="performance-title">{title}</h2>
      <p className="note">{t('Xếp từ thấp đến cao theo tỷ lệ giải quyết đúng hạn các văn bản được giao chủ trì (ít nhất 5 văn bản giải quyết trong kỳ); hạng 1 là thấp nhất.')}</p>
      <div className="workload">
        {table(units, t('Đơn vị chủ trì'), false)}
        {table(people, t('Cán bộ chủ trì'), true)}
      </div>
    </section>
  );
}
