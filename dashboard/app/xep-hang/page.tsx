// Rankings: every department, district (before 2025-07-01) or commune of the city ranked by one
// rate; an agency ranks only when the rate rests on at least `minVolume` documents. Exportable.
import { AccessError, ApiError, fetchBreakdown, fetchMe, type Breakdown } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView, viewQuery, type Search } from '@/lib/params';
import { minVolume, rankingColumns, rankingKind, rankingKinds, rankingRate, rankingRates } from '@/lib/rankings';
import { Filters } from '@/ui/filters';
import { Header } from '@/ui/header';

export const dynamic = 'force-dynamic';

export default async function Rankings({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const { t, lang } = await getT();
  const view = readView(params);
  const kind = rankingKind(params['kind']);
  const rate = rankingRate(params['rank_by']);
  const query = viewQuery(view);
  const here = (change: Record<string, string>) => `/xep-hang${query}&${new URLSearchParams({ kind, rank_by: rate.key, ...change })}`;
  let ranking: Breakdown;
  try {
    ranking = await fetchBreakdown({ agency: cityCode, from: view.from, to: view.to, view: view.view, rank_by: rate.key, kind });
  } catch (error) {
    // A person whose rights stop below the city may not read the city-wide rankings: said in a
    // sentence, with the way to their own agency, not as a failure.
    const own = error instanceof AccessError && error.status === 403 ? await fetchMe().then((me) => me.agency).catch(() => null) : null;
    return (
      <main className="page"><Header here={here({})} /><h1>{t('Xếp hạng')}</h1>
        {own ? (
          <p className="note" data-testid="rankings-denied">
            {t('Bảng xếp hạng toàn Thành phố chỉ dành cho tài khoản được xem số liệu của cả Thành phố.')}{' '}
            <a href={`/co-quan/${encodeURIComponent(own)}${query}`}>{t('Xem số liệu của cơ quan bạn')}</a>
          </p>
        ) : <p role="alert" className="error">{error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.')}</p>}
      </main>
    );
  }
  const columns = rankingColumns(rate.label);
  return (
    <main className="page">
      <Header asOf={ranking.data_as_of} here={here({})} />
      <nav aria-label={t('Vị trí trong cơ cấu')} className="breadcrumb"><a href={`/${query}`}>UBND Thành phố Hà Nội</a></nav>
      <h1>{t('Xếp hạng {kind} theo {rate}', { kind: t(kindLabels[kind]!).toLowerCase(), rate: t(rate.label).toLowerCase() })}</h1>
      <Filters path="/xep-hang" view={view} extra={{ kind, rank_by: rate.key }} />
      <nav className="filters compact" aria-label={t('Loại cơ quan')}>
        {rankingKinds.map((k) => <a key={k} href={here({ kind: k })} aria-current={k === kind ? 'true' : undefined}>{t(kindLabels[k]!)}</a>)}
      </nav>
      <nav className="filters compact" aria-label={t('Xếp hạng theo chỉ tiêu')}>
        {rankingRates.map((r) => <a key={r.key} href={here({ rank_by: r.key })} aria-current={r.key === rate.key ? 'true' : undefined}>{t(r.label)}</a>)}
      </nav>
      <p className="period">
        {t('Từ {from} đến {to}', { from: formatDate(view.from), to: formatDate(view.to) })} · {t('{n} cơ quan', { n: formatCount(ranking.children.length, lang) })}
        {' · '}{t('chỉ xếp hạng khi có từ {n} {volume}', { n: minVolume, volume: t(rate.volume) })}
        {' · '}<a href={`/xep-hang/excel${query}&${new URLSearchParams({ kind, rank_by: rate.key })}`} download>{t('Tải bảng xếp hạng (Excel)')}</a>
      </p>
      <div className="table-scroll chart">
        <table className="breakdown">
          <caption className="sr-only">{t('Bảng xếp hạng, cao nhất trước; cơ quan chưa đủ số văn bản xếp sau cùng, không có hạng')}</caption>
          <thead><tr>{columns.map((c) => <th key={c.header} scope="col">{t(c.header)}</th>)}</tr></thead>
          <tbody>
            {ranking.children.map((row) => (
              <tr key={row.agency.code}>
                <td>{row.rank ?? '—'}</td>
                <td>{row.agency.code}</td>
                <th scope="row"><a href={`/co-quan/${encodeURIComponent(row.agency.code)}${query}`}>{row.agency.name}</a></th>
                <td>{formatPercent(row.value, lang)}</td>
                <td>{formatCount(row.volume, lang)}</td>
                <td>{formatCount(row.kpis.incoming.received, lang)}</td>
                <td>{formatCount(row.kpis.incoming.completed, lang)}</td>
                <td>{formatCount(row.kpis.incoming.open_overdue, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
