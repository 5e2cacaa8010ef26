// The whole overdue list of an agency's subtree, as of today, for a leader to act on: filtered by the
// receiving agency, its kind and the urgency, in either order, a page at a time, and exportable to
// Excel as filtered. Person-level (named staff): signed in only; the API audits every read.
import { notFound } from 'next/navigation';
import { AccessError, ApiError, fetchOpenDocuments, type OpenDocuments } from '@/lib/api';
import { agencyIndex, subtreeOf, type AgencyEntry } from '@/lib/agency-index';
import { cityCode, portalToday } from '@/lib/config';
import { formatCount, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { overdueParams, overdueQuery, pageNumbers, pageSize, readOverdueFilters } from '@/lib/overdue';
import { agencyCodeOf, readView, viewQuery, type Search } from '@/lib/params';
import { readSession } from '@/lib/session';
import { Header } from '@/ui/header';
import { OverdueFilterForm } from '@/ui/overdue-filter-form';
import { OverdueTable } from '@/ui/overdue-table';
import '@/app/lists.css';
import { titled } from '@/lib/page-title';
import type { Metadata } from 'next';

export const dynamic = 'force-dynamic';

/** The tab names the agency whose list it is (the tree is read through the API's cache). */
export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const code = agencyCodeOf((await params).code);
  const { t } = await getT();
  const name = await agencyIndex(portalToday()).then((index) => index.find((a) => a.code === code)?.name, () => undefined);
  return titled(name ? t('Văn bản quá hạn chưa xử lý, {agency}', { agency: name }) : t('Văn bản quá hạn chưa xử lý'));
}

const paramNames: Record<string, string> = { co_quan: 'Cơ quan nhận', loai: 'Loại cơ quan', khan: 'Độ khẩn', thu_tu: 'Thứ tự', trang: 'Trang' };

export default async function OverdueListPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Search }) {
  const code = agencyCodeOf((await params).code);
  const search = await searchParams;
  const { t, lang } = await getT();
  const view = readView(search);
  const query = viewQuery(view);
  const path = `/co-quan/${encodeURIComponent(code)}/van-ban-qua-han`;
  const agencyHref = code === cityCode ? `/${query}` : `/co-quan/${encodeURIComponent(code)}${query}`;
  const kept = (extra: Record<string, string>) => `${path}${query}${Object.keys(extra).length > 0 ? `&${new URLSearchParams(extra)}` : ''}`;
  const title = t('Văn bản quá hạn chưa xử lý');
  if (!(await readSession())) {
    return (
      <main id="noi-dung" className="page">
        <Header here={kept({})} />
        <h1>{title}</h1>
        <p><a href={`/dang-nhap?next=${encodeURIComponent(kept({}))}`}>{t('Đăng nhập')}</a>{' '}{t('để xem danh sách văn bản quá hạn, đơn vị và cán bộ đang xử lý.')}</p>
      </main>
    );
  }
  let index: AgencyEntry[], subtree: AgencyEntry[], list: OpenDocuments;
  let read: ReturnType<typeof readOverdueFilters>;
  try {
    index = await agencyIndex(portalToday());
    subtree = subtreeOf(index, code);
    read = readOverdueFilters(search, subtree);
    list = await fetchOpenDocuments(overdueQuery(code, read.filters));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    return (
      <main id="noi-dung" className="page">
        <Header here={kept({})} />
        <h1>{title}</h1>
        <p role="alert" className="error">{error instanceof AccessError ? t(error.message) : error instanceof ApiError ? t(error.message) : t('Không tải được danh sách văn bản.')}</p>
        <p><a href={agencyHref}>{t('Quay lại trang cơ quan')}</a></p>
      </main>
    );
  }
  const { filters, rejected } = read;
  const rootName = index.find((a) => a.code === code)?.name ?? code;
  const chosen = overdueParams(filters);
  const lastPage = Math.max(1, Math.ceil(list.total / pageSize));
  const here = kept(chosen);
  return (
    <main id="noi-dung" className="page">
      <Header here={here} />
      <nav aria-label={t('Vị trí trong cơ cấu')} className="breadcrumb"><a href={agencyHref}>{rootName}</a></nav>
      <h1>{title}</h1>
      <p className="subtitle">{t('{name}, tính đến ngày {date}; số ngày quá hạn là ngày làm việc (không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ).', { name: rootName, date: formatDate(list.as_of) })}</p>
      {rejected.length > 0 ? (
        <p className="note" role="status" data-testid="rejected-filters">
          {t('Không áp dụng giá trị không hợp lệ: {list}.', { list: rejected.map(([name, value]) => `${t(paramNames[name] ?? name)} “${value.slice(0, 64)}”`).join(', ') })}
        </p>
      ) : null}
      <OverdueFilterForm action={path} view={view} filters={filters} subtree={subtree} rootName={rootName} />
      <section className="chart" aria-labelledby="overdue-title">
        <h2 id="overdue-title" data-total={list.total}>{t('{n} văn bản quá hạn', { n: formatCount(list.total, lang) })}
          {list.total > 0 ? ` · ${t('trang {page}/{pages}', { page: formatCount(filters.page, lang), pages: formatCount(lastPage, lang) })}` : ''}</h2>
        {list.total > 0 ? (
          <p className="download-list">
            <a href={`${path}/excel${query}${Object.keys(overdueParams(filters, { page: 1 })).length > 0 ? `&${new URLSearchParams(overdueParams(filters, { page: 1 }))}` : ''}`}>{t('Tải danh sách đã lọc (Excel)')}</a>
          </p>
        ) : <p className="note">{t('Không có văn bản quá hạn nào khớp với bộ lọc.')}</p>}
        {list.documents.length > 0 ? <OverdueTable list={list} query={query} caption={t('Văn bản đến quá hạn chưa xử lý, trang {page}', { page: filters.page })} /> : null}
        {list.total > 0 && list.documents.length === 0 ? (
          <p className="note">{t('Trang {page} không có văn bản; danh sách có {pages} trang.', { page: filters.page, pages: lastPage })} <a href={kept(overdueParams(filters, { page: lastPage }))}>{t('Đến trang cuối')}</a></p>
        ) : null}
        {lastPage > 1 ? (
          <nav className="pager" aria-label={t('Các trang của danh sách')}>
            {filters.page > 1 ? <a href={kept(overdueParams(filters, { page: Math.min(filters.page - 1, lastPage) }))} rel="prev">{t('‹ Trang trước')}</a> : null}
            {pageNumbers(Math.min(filters.page, lastPage), lastPage).map((n, i) => (n === null
              ? <span key={`gap-${i}`} aria-hidden="true">…</span>
              : <a key={n} href={kept(overdueParams(filters, { page: n }))} aria-current={n === filters.page ? 'page' : undefined} aria-label={t('Trang {n}', { n })}>{n}</a>))}
            {filters.page < lastPage ? <a href={kept(overdueParams(filters, { page: filters.page + 1 }))} rel="next">{t('Trang sau ›')}</a> : null}
          </nav>
        ) : null}
      </section>
    </main>
  );
}
