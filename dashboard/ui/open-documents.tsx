// The agency's overdue documents with the unit and the person handling each ("rõ người, rõ việc").
// Person-level: shown only to a signed-in person whose agencies include this one; the API audits it.
import { AccessError, fetchOpenDocuments, fetchWorkload, type Workload } from '@/lib/api';
import { formatCount, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';

const roles: Record<string, string> = { lead: 'Chủ trì', support: 'Phối hợp', info: 'Để biết' };

export async function OpenDocuments({ agency, signedIn, here }: { agency: string; signedIn: boolean; here: string }) {
  const { t, lang } = await getT();
  const count = (n: number) => formatCount(n, lang);
  if (!signedIn) {
    return (
      <section className="chart" aria-labelledby="documents-title">
        <h2 id="documents-title">{t('Văn bản quá hạn và người xử lý')}</h2>
        <p><a href={`/dang-nhap?next=${encodeURIComponent(here)}`}>{t('Đăng nhập')}</a>{' '}{t('{link} để xem danh sách văn bản quá hạn, đơn vị và cán bộ đang xử lý.', { link: '' }).trim()}</p>
      </section>
    );
  }
  let list, load: Workload;
  try {
    [list, load] = await Promise.all([fetchOpenDocuments({ agency, overdue: true, page_size: 20 }), fetchWorkload(agency)]);
  } catch (error) {
    return (
      <section className="chart" aria-labelledby="documents-title">
        <h2 id="documents-title">{t('Văn bản quá hạn và người xử lý')}</h2>
        <p role="alert">{error instanceof AccessError ? t(error.message) : t('Không tải được danh sách văn bản.')}</p>
      </section>
    );
  }
  return (
    <>
    <section className="chart" aria-labelledby="workload-title">
      <h2 id="workload-title">{t('Ai đang giữ văn bản')}</h2>
      <div className="workload">
        <table className="documents">
          <caption>{t('Đơn vị chủ trì (nhiều văn bản quá hạn nhất trước)')}</caption>
          <thead><tr><th scope="col">{t('Đơn vị')}</th><th scope="col">{t('Đang xử lý')}</th><th scope="col">{t('Quá hạn')}</th></tr></thead>
          <tbody>{load.units.map((u) => <tr key={u.unit}><td>{u.unit || t('Chưa giao đơn vị')}</td><td>{count(u.open)}</td><td className="overdue">{count(u.overdue)}</td></tr>)}</tbody>
        </table>
        <table className="documents">
          <caption>{t('Cán bộ chủ trì xử lý')}</caption>
          <thead><tr><th scope="col">{t('Cán bộ')}</th><th scope="col">{t('Đơn vị')}</th><th scope="col">{t('Đang xử lý')}</th><th scope="col">{t('Quá hạn')}</th></tr></thead>
          <tbody>{load.staff.map((s) => <tr key={`${s.unit}/${s.staff}`}><td>{s.staff}</td><td>{s.unit}</td><td>{count(s.open)}</td><td className="overdue">{count(s.overdue)}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
    <section className="chart" aria-labelledby="documents-title">
      <h2 id="documents-title">{list.total > list.documents.length
        ? t('Văn bản quá hạn và người xử lý ({n} văn bản, {shown} quá hạn lâu nhất)', { n: count(list.total), shown: list.documents.length })
        : t('Văn bản quá hạn và người xử lý ({n} văn bản)', { n: count(list.total) })}</h2>
      <div className="table-scroll">
        <table className="documents">
          <caption className="sr-only">{t('Văn bản đến quá hạn chưa xử lý, quá hạn lâu nhất trước')}</caption>
          <thead><tr><th scope="col">{t('Số đến')}</th><th scope="col">{t('Trích yếu')}</th><th scope="col">{t('Hạn xử lý')}</th><th scope="col">{t('Quá hạn')}</th><th scope="col">{t('Đơn vị, cán bộ xử lý')}</th></tr></thead>
          <tbody>
            {list.documents.map((d) => (
              <tr key={`${d.agency_code}/${d.received_date}/${d.reg_number}`}>
                <td>{d.reg_number} ({formatDate(d.received_date)})</td>
                <td>{d.summary}<br /><small>{d.source_notation} — {d.issuer_name}</small></td>
                <td>{d.due_date ? formatDate(d.due_date) : '—'}</td>
                <td className="overdue">{t('{n} ngày làm việc', { n: count(d.days_overdue) })}</td>
                <td>{d.assignees.length === 0 ? t('Chưa giao xử lý') : d.assignees.map((a, i) => (
                  <span key={i}>{i > 0 ? <br /> : null}{t(roles[a.role] ?? a.role)}: {[a.unit, a.staff_name].filter(Boolean).join(' — ') || '—'}</span>
                ))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.total > 0 ? (
        <p className="letter">
          {t('Soạn công văn đôn đốc (dự thảo theo Nghị định 30/2020/NĐ-CP) về các văn bản quá hạn của chính cơ quan:')}{' '}
          <a href={`/co-quan/${encodeURIComponent(agency)}/cong-van-don-doc?format=docx`} download>{t('Word (DOCX)')}</a>{' · '}
          <a href={`/co-quan/${encodeURIComponent(agency)}/cong-van-don-doc?format=pdf`} download>PDF</a>
        </p>
      ) : null}
    </section>
    </>
  );
}
