// The agency's overdue documents with the unit and the person handling each ("rõ người, rõ việc"),
// and who holds the open ones. Person-level: shown only to a signed-in person whose agencies include
// this one; the API audits it. The section shows the most overdue; its form and link lead to the
// whole list (filters, pages, Excel) on /co-quan/{code}/van-ban-qua-han, keeping the period.
import { AccessError, fetchOpenDocuments, fetchWorkload, type Workload } from '@/lib/api';
import { formatCount } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { readView, viewQuery } from '@/lib/params';
import { OverdueFilterForm } from './overdue-filter-form';
import { ScrollTable } from './scroll-table';
import { OverdueTable } from './overdue-table';
import '@/app/lists.css';

/** How many of the most overdue the agency's page shows; the list page has them all. */
const shownOnAgencyPage = 20;

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
    [list, load] = await Promise.all([fetchOpenDocuments({ agency, overdue: true, page_size: shownOnAgencyPage }), fetchWorkload(agency)]);
  } catch (error) {
    return (
      <section className="chart" aria-labelledby="documents-title">
        <h2 id="documents-title">{t('Văn bản quá hạn và người xử lý')}</h2>
        <p role="alert">{error instanceof AccessError ? t(error.message) : t('Không tải được danh sách văn bản.')}</p>
      </section>
    );
  }
  // The page's period travels in `here`: kept in every link out of the section.
  const view = readView(Object.fromEntries(new URL(here, 'http://portal').searchParams));
  const query = viewQuery(view);
  const listPath = `/co-quan/${encodeURIComponent(agency)}/van-ban-qua-han`;
  return (
    <>
    <Holders load={load} />
    <section className="chart" aria-labelledby="documents-title">
      <h2 id="documents-title">{list.total > list.documents.length
        ? t('Văn bản quá hạn và người xử lý ({n} văn bản, {shown} quá hạn lâu nhất)', { n: count(list.total), shown: list.documents.length })
        : t('Văn bản quá hạn và người xử lý ({n} văn bản)', { n: count(list.total) })}</h2>
      {list.total > 0 ? (
        <>
          <OverdueFilterForm action={listPath} view={view} filters={{ agency: null, kind: null, urgency: null, order: 'qua-han-lau', page: 1 }} rootName={list.agency.name} />
          <p className="download-list"><a href={`${listPath}${query}`}>{t('Xem toàn bộ {n} văn bản quá hạn: lọc theo cơ quan, độ khẩn, tải Excel', { n: count(list.total) })}</a></p>
        </>
      ) : null}
      <OverdueTable list={list} query={query} caption={t('Văn bản đến quá hạn chưa xử lý, quá hạn lâu nhất trước')} />
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

/**
 * Who holds the open documents: units and people of each agency, never units of different agencies
 * added up by name (every district had its "Phòng Nội vụ"; kpi.md, Grouped views).
 */
async function Holders({ load }: { load: Workload }) {
  const { t, lang } = await getT();
  const count = (n: number) => formatCount(n, lang);
  return (
    <section className="chart" aria-labelledby="workload-title" data-testid="holders">
      <h2 id="workload-title">{t('Ai đang giữ văn bản')}</h2>
      <div className="workload">
        <ScrollTable label={t('Đơn vị chủ trì (nhiều văn bản quá hạn nhất trước)')}>
          <table className="documents" data-testid="holder-units">
            <caption>{t('Đơn vị chủ trì (nhiều văn bản quá hạn nhất trước)')}</caption>
            <thead><tr><th scope="col">{t('Đơn vị')}</th><th scope="col">{t('Cơ quan')}</th><th scope="col">{t('Đang xử lý')}</th><th scope="col">{t('Quá hạn')}</th></tr></thead>
            <tbody>{load.units.map((u) => (
              <tr key={`${u.agency_code}/${u.unit}`} data-agency={u.agency_code}>
                <td>{u.unit || t('Chưa giao đơn vị')}</td><td>{u.agency_name}</td><td>{count(u.open)}</td><td className="overdue">{count(u.overdue)}</td>
              </tr>
            ))}</tbody>
          </table>
        </ScrollTable>
        <ScrollTable label={t('Cán bộ chủ trì xử lý')}>
          <table className="documents" data-testid="holder-staff">
            <caption>{t('Cán bộ chủ trì xử lý')}</caption>
            <thead><tr><th scope="col">{t('Cán bộ')}</th><th scope="col">{t('Đơn vị')}</th><th scope="col">{t('Cơ quan')}</th><th scope="col">{t('Đang xử lý')}</th><th scope="col">{t('Quá hạn')}</th></tr></thead>
            <tbody>{load.staff.map((s) => (
              <tr key={`${s.agency_code}/${s.unit}/${s.staff}`} data-agency={s.agency_code}>
                <td>{s.staff}</td><td>{s.unit}</td><td>{s.agency_name}</td><td>{count(s.open)}</td><td className="overdue">{count(s.overdue)}</td>
              </tr>
            ))}</tbody>
          </table>
        </ScrollTable>
      </div>
    </section>
  );
}
