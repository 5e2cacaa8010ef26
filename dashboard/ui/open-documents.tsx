// The agency's overdue documents with the unit and the person handling each ("rõ người, rõ việc").
// Person-level: shown only to a signed-in person whose agencies include this one; the API audits it.
import { AccessError, fetchOpenDocuments, fetchWorkload, type Workload } from '@/lib/api';
import { formatCount, formatDate } from '@/lib/format';

const roles: Record<string, string> = { lead: 'Chủ trì', support: 'Phối hợp', info: 'Để biết' };

export async function OpenDocuments({ agency, signedIn, here }: { agency: string; signedIn: boolean; here: string }) {
  if (!signedIn) {
    return (
      <section className="chart" aria-labelledby="documents-title">
        <h2 id="documents-title">Văn bản quá hạn và người xử lý</h2>
        <p><a href={`/dang-nhap?next=${encodeURIComponent(here)}`}>Đăng nhập</a> để xem danh sách văn bản quá hạn, đơn vị và cán bộ đang xử lý.</p>
      </section>
    );
  }
  let list, load: Workload;
  try {
    [list, load] = await Promise.all([fetchOpenDocuments({ agency, overdue: true, page_size: 20 }), fetchWorkload(agency)]);
  } catch (error) {
    return (
      <section className="chart" aria-labelledby="documents-title">
        <h2 id="documents-title">Văn bản quá hạn và người xử lý</h2>
        <p role="alert">{error instanceof AccessError ? error.message : 'Không tải được danh sách văn bản.'}</p>
      </section>
    );
  }
  return (
    <>
    <section className="chart" aria-labelledby="workload-title">
      <h2 id="workload-title">Ai đang giữ văn bản</h2>
      <div className="workload">
        <table className="documents">
          <caption>Đơn vị chủ trì (nhiều văn bản quá hạn nhất trước)</caption>
          <thead><tr><th scope="col">Đơn vị</th><th scope="col">Đang xử lý</th><th scope="col">Quá hạn</th></tr></thead>
          <tbody>{load.units.map((u) => <tr key={u.unit}><td>{u.unit || 'Chưa giao đơn vị'}</td><td>{formatCount(u.open)}</td><td className="overdue">{formatCount(u.overdue)}</td></tr>)}</tbody>
        </table>
        <table className="documents">
          <caption>Cán bộ chủ trì xử lý</caption>
          <thead><tr><th scope="col">Cán bộ</th><th scope="col">Đơn vị</th><th scope="col">Đang xử lý</th><th scope="col">Quá hạn</th></tr></thead>
          <tbody>{load.staff.map((s) => <tr key={`${s.unit}/${s.staff}`}><td>{s.staff}</td><td>{s.unit}</td><td>{formatCount(s.open)}</td><td className="overdue">{formatCount(s.overdue)}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
    <section className="chart" aria-labelledby="documents-title">
      <h2 id="documents-title">Văn bản quá hạn và người xử lý ({formatCount(list.total)} văn bản{list.total > list.documents.length ? `, ${list.documents.length} quá hạn lâu nhất` : ''})</h2>
      <div className="table-scroll">
        <table className="documents">
          <caption className="sr-only">Văn bản đến quá hạn chưa xử lý, quá hạn lâu nhất trước</caption>
          <thead><tr><th scope="col">Số đến</th><th scope="col">Trích yếu</th><th scope="col">Hạn xử lý</th><th scope="col">Quá hạn</th><th scope="col">Đơn vị, cán bộ xử lý</th></tr></thead>
          <tbody>
            {list.documents.map((d) => (
              <tr key={`${d.agency_code}/${d.received_date}/${d.reg_number}`}>
                <td>{d.reg_number} ({formatDate(d.received_date)})</td>
                <td>{d.summary}<br /><small>{d.source_notation} — {d.issuer_name}</small></td>
                <td>{d.due_date ? formatDate(d.due_date) : '—'}</td>
                <td className="overdue">{formatCount(d.days_overdue)} ngày</td>
                <td>{d.assignees.length === 0 ? 'Chưa giao xử lý' : d.assignees.map((a, i) => (
                  <span key={i}>{i > 0 ? <br /> : null}{roles[a.role] ?? a.role}: {[a.unit, a.staff_name].filter(Boolean).join(' — ') || '—'}</span>
                ))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
    </>
  );
}
