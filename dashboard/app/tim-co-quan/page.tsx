// GET /tim-co-quan?q= — finding an agency by name, with or without diacritics ("phuc xa" finds
// "Phúc Xá"), among today's agencies and those ended (marked): each with its kind and parent, linked
// to its page with the period and view being read.
import { ApiError } from '@/lib/api';
import { agencyIndex, type AgencyEntry } from '@/lib/agency-index';
import { findAgencies } from '@/lib/agency-search';
import { cityCode, portalToday } from '@/lib/config';
import { formatCount, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView, viewQuery, type Search } from '@/lib/params';
import { AgencySearchForm } from '@/ui/agency-search-form';
import { Header } from '@/ui/header';
import '@/app/lists.css';
import { pageTitle } from '@/lib/page-title';

export const dynamic = 'force-dynamic';
export const generateMetadata = pageTitle('Tìm cơ quan');

const maxQuery = 100;

export default async function FindAgency({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const { t, lang } = await getT();
  const raw = typeof params['q'] === 'string' ? params['q'] : '';
  const q = raw.slice(0, maxQuery);
  // The view travels only when the page was given one: a bare search keeps the agencies' default.
  const query = params['from'] !== undefined || params['view'] !== undefined ? viewQuery(readView(params)) : '';
  const here = `/tim-co-quan?${new URLSearchParams({ q })}${query ? `&${query.slice(1)}` : ''}`;
  let agencies: AgencyEntry[];
  try {
    agencies = await agencyIndex(portalToday());
  } catch (error) {
    return (
      <main id="noi-dung" className="page">
        <Header here={here} />
        <h1>{t('Tìm cơ quan')}</h1>
        <p role="alert" className="error">{error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.')}</p>
      </main>
    );
  }
  const { total, matches } = findAgencies(agencies, q);
  const href = (code: string) => (code === cityCode ? `/${query}` : `/co-quan/${encodeURIComponent(code)}${query}`);
  return (
    <main id="noi-dung" className="page">
      <Header here={here} />
      <h1>{t('Tìm cơ quan')}</h1>
      <AgencySearchForm q={q} view={query} />
      {raw.length > maxQuery ? <p className="note">{t('Chỉ tìm theo {n} ký tự đầu.', { n: maxQuery })}</p> : null}
      {q.trim() === '' ? <p className="note">{t('Gõ tên hoặc một phần tên cơ quan, đơn vị, có dấu hoặc không dấu (ví dụ: “phuc xa”).')}</p> : (
        <section className="chart" aria-labelledby="results-title">
          <h2 id="results-title" data-total={total}>{total === 0
            ? t('Không tìm thấy cơ quan nào có tên “{q}”.', { q })
            : t('{n} cơ quan có tên “{q}”', { n: formatCount(total, lang), q })}{total > matches.length ? ` ${t('(hiện {shown} kết quả đầu)', { shown: matches.length })}` : ''}</h2>
          <ul className="search-results" data-testid="search-results">
            {matches.map(({ agency, parent }) => (
              <li key={agency.code} data-code={agency.code}>
                <a href={href(agency.code)}>{agency.name}</a>
                {agency.ended ? <span className="tag ended">{t('đã giải thể/sáp nhập')}{agency.valid_to ? ` ${t('từ {date}', { date: formatDate(nextDay(agency.valid_to)) })}` : ''}</span> : null}
                <br /><small>{t(kindLabels[agency.kind] ?? agency.kind)}{parent ? ` · ${t('thuộc {name}', { name: parent.name })}` : ''} · {t('mã định danh {code}', { code: agency.code })}</small>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

/** An agency is ended from the day after its last day (kpi.md). */
function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
