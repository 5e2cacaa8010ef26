// One page of overdue documents as a leader reads them: which agency received it, how urgent, when
// it came and was due, how many working days it is late (kpi.md: never calendar days), and the unit
// and person leading it in that agency ("rõ người, rõ việc").
import type { OpenDocuments } from '@/lib/api';
import { formatCount, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { roleLabels, urgencyLabels } from '@/lib/overdue';
import '@/app/lists.css';
import { ScrollTable } from './scroll-table';

export async function OverdueTable({ list, caption, query }: { list: OpenDocuments; caption: string; query: string }) {
  const { t, lang } = await getT();
  return (
    <ScrollTable label={caption}>
      <table className="documents overdue-list" data-testid="overdue-list">
        <caption className="sr-only">{caption}</caption>
        <thead><tr>
          <th scope="col">{t('Số đến')}</th>
          <th scope="col">{t('Trích yếu')}</th>
          <th scope="col">{t('Cơ quan nhận')}</th>
          <th scope="col">{t('Độ khẩn')}</th>
          <th scope="col">{t('Ngày đến')}</th>
          <th scope="col">{t('Hạn xử lý')}</th>
          <th scope="col">{t('Quá hạn')}</th>
          <th scope="col">{t('Đơn vị, cán bộ xử lý')}</th>
        </tr></thead>
        <tbody>
          {list.documents.map((d) => (
            <tr key={`${d.agency_code}/${d.received_date}/${d.reg_number}`} data-key={`${d.agency_code}/${d.received_date}/${d.reg_number}`}>
              <td>{d.reg_number}</td>
              <td>{d.summary}<br /><small>{d.source_notation} — {d.issuer_name}</small></td>
              <td><a href={`/co-quan/${encodeURIComponent(d.agency_code)}${query}`}>{d.agency_name}</a><br /><small>{t(kindLabels[d.agency_kind] ?? d.agency_kind)}</small></td>
              <td>{d.urgency === 'normal' ? t('Thường') : <span className={`urgency urgency-${d.urgency}`}>{t(urgencyLabels[d.urgency] ?? d.urgency)}</span>}</td>
              <td>{formatDate(d.received_date)}</td>
              <td>{d.due_date ? formatDate(d.due_date) : '—'}</td>
              <td className="overdue">{t('{n} ngày làm việc', { n: formatCount(d.days_overdue, lang) })}</td>
              <td>{d.assignees.length === 0 ? t('Chưa giao xử lý') : d.assignees.map((a, i) => (
                <span key={i}>{i > 0 ? <br /> : null}{t(roleLabels[a.role] ?? a.role)}: {[a.unit, a.staff_name].filter(Boolean).join(' — ') || '—'}</span>
              ))}{d.assignees.length > 0 ? <><br /><small>{t('thuộc {agency}', { agency: d.agency_name })}</small></> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
