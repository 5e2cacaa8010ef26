// Rankings: every department, district (while districts existed) or commune of the city ranked by one
// rate; an agency ranks only when the rate rests on at least `minVolume` documents. It opens on a kind
// that has agencies in the period; a kind without any is said in a sentence, with no table or file.
// Columns sort on the server (links, so every order is a shareable URL); the first or last ten can be
// shown alone. Exportable as shown.
import { AccessError, ApiError, fetchMe, type Breakdown } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView, viewQuery, type Search } from '@/lib/params';
import {
  arrangeRanking, chooseKind, fetchKindRankings, minVolume, orderParams, rankingColumns, rankingKind, rankingKinds, rankingOrder,
  rankingRate, rankingRates, rankingShows, type RankingKind, type RankingOrder,
} from '@/lib/rankings';
import { Filters } from '@/ui/filters';
import { Header } from '@/ui/header';
import { ScrollTable } from '@/ui/scroll-table';
import '@/app/lists.css';
import { pageTitle } from '@/lib/page-title';

export const dynamic = 'force-dynamic';
export const generateMetadata = pageTitle('Xếp hạng');

export default async function Rankings({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const { t, lang } = await getT();
  const view = readView(params);
  const asked = rankingKind(params['kind']);
  const rate = rankingRate(params['rank_by']);
  const query = viewQuery(view);
  const columns = rankingColumns(rate.label);
  const order = rankingOrder(params, columns);
  let rankings: Map<RankingKind, Breakdown>;
  try {
    rankings = await fetchKindRankings(view, cityCode, rate.key);
  } catch (error) {
    // A person whose rights stop below the city may not read the city-wide rankings: said in a
    // sentence, with the way to their own agency, not as a failure.
    const own = error instanceof AccessError && error.status === 403 ? await fetchMe().then((me) => me.agency).catch(() => null) : null;
    return (
      <main id="noi-dung" className="page"><Header here={`/xep-hang${query}`} /><h1>{t('Xếp hạng')}</h1>
        {own ? (
          <p className="note" data-testid="rankings-denied">
            {t('Bảng xếp hạng toàn Thành phố chỉ dành cho tài khoản được xem số liệu của cả Thành phố.')}{' '}
            <a href={`/co-quan/${encodeURIComponent(own)}${query}`}>{t('Xem số liệu của cơ quan bạn')}</a>
          </p>
        ) : <p role="alert" className="error">{error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.')}</p>}
      </main>
    );
  }
  const kind = chooseKind(asked, rankings);
  const here = (change: Record<string, string>, keepOrder = true) =>
    `/xep-hang${query}&${new URLSearchParams({ ...(kind ? { kind } : {}), rank_by: rate.key, ...(keepOrder ? orderParams(order, columns) : {}), ...change })}`;
  const withAgencies = rankingKinds.filter((k) => (rankings.get(k)?.children.length ?? 0) > 0);
  const without = rankingKinds.filter((k) => !withAgencies.includes(k));
  const ranking = kind ? rankings.get(kind)! : undefined;
  const kindName = (k: string) => t(kindLabels[k]!).toLowerCase();
  const asOf = [...rankings.values()][0]?.data_as_of;
  return (
    <main id="noi-dung" className="page">
      <Header asOf={asOf} here={here({})} />
      <nav aria-label={t('Vị trí trong cơ cấu')} className="breadcrumb"><a href={`/${query}`}>UBND Thành phố Hà Nội</a></nav>
      <h1>{kind ? t('Xếp hạng {kind} theo {rate}', { kind: kindName(kind), rate: t(rate.label).toLowerCase() }) : t('Xếp hạng')}</h1>
      <Filters path="/xep-hang" view={view} extra={{ ...(kind ? { kind } : {}), rank_by: rate.key, ...orderParams(order, columns) }} />
      <nav className="filters compact" aria-label={t('Loại cơ quan')}>
        {withAgencies.map((k) => <a key={k} href={here({ kind: k }, false)} aria-current={k === kind ? 'true' : undefined}>{t(kindLabels[k]!)}</a>)}
      </nav>
      {without.length > 0 ? (
        <p className="note empty-kinds" data-testid="kinds-without-agencies">
          {t('Trong kỳ này không có {kinds} nào nên không có bảng xếp hạng của loại này (đã giải thể, sáp nhập hoặc chưa thành lập).', { kinds: without.map(kindName).join(', ') })}
        </p>
      ) : null}
      <nav className="filters compact" aria-label={t('Xếp hạng theo chỉ tiêu')}>
        {rankingRates.map((r) => <a key={r.key} href={here({ rank_by: r.key }, false)} aria-current={r.key === rate.key ? 'true' : undefined}>{t(r.label)}</a>)}
      </nav>
      {ranking && ranking.children.length > 0 ? <RankingTable ranking={ranking} kind={kind!} order={order} columns={columns} rate={rate} view={view} query={query} here={here} /> : (
        <p className="note" data-testid="empty-ranking">
          {kind ? t('Không có {kind} nào trong kỳ từ {from} đến {to}.', { kind: kindName(kind), from: formatDate(view.from), to: formatDate(view.to) }) : t('Không có cơ quan nào để xếp hạng trong kỳ này.')}
          {withAgencies.length > 0 ? <>{' '}{t('Xem xếp hạng')}{' '}{withAgencies.map((k, i) => <span key={k}>{i > 0 ? ', ' : ''}<a href={here({ kind: k }, false)}>{kindName(k)}</a></span>)}.</> : null}
        </p>
      )}
    </main>
  );
}

async function RankingTable({ ranking, kind, order, columns, rate, view, query, here }: {
  ranking: Breakdown; kind: RankingKind; order: RankingOrder; columns: ReturnType<typeof rankingColumns>; rate: ReturnType<typeof rankingRate>;
  view: { from: string; to: string }; query: string; here: (change: Record<string, string>, keepOrder?: boolean) => string;
}) {
  const { t, lang } = await getT();
  const rows = arrangeRanking(ranking.children, order, columns);
  const ordered = orderParams(order, columns);
  const sortHref = (key: string) => {
    const column = columns.find((c) => c.key === key)!;
    // The same column again turns the order round; another starts from its natural direction.
    const descending = key === order.sort ? !order.descending : Boolean(column.descendingFirst);
    return here(orderParams({ ...order, sort: key, descending }, columns), false);
  };
  const cell = (key: string, row: (typeof rows)[number]) => {
    switch (key) {
      case 'hang': return <td key={key}>{row.rank ?? '—'}</td>;
      case 'ma': return <td key={key}>{row.agency.code}</td>;
      case 'ten': return <th key={key} scope="row"><a href={`/co-quan/${encodeURIComponent(row.agency.code)}${query}`}>{row.agency.name}</a></th>;
      case 'ty-le': return <td key={key}>{formatPercent(row.value, lang)}</td>;
      default: return <td key={key}>{formatCount(columns.find((c) => c.key === key)!.value(row) as number | null, lang)}</td>;
    }
  };
  return (
    <>
      <nav className="filters compact" aria-label={t('Phạm vi hiển thị')}>
        {Object.entries(rankingShows).map(([key, label]) => (
          <a key={key} href={here(orderParams({ ...order, show: key as RankingOrder['show'] }, columns), false)} aria-current={key === order.show ? 'true' : undefined}>{t(label)}</a>
        ))}
      </nav>
      <p className="period">
        {t('Từ {from} đến {to}', { from: formatDate(view.from), to: formatDate(view.to) })} · {t('{n} cơ quan', { n: formatCount(ranking.children.length, lang) })}
        {order.show !== 'tat-ca' ? ` · ${t('đang hiện {n}', { n: formatCount(rows.length, lang) })}` : ''}
        {' · '}{t('chỉ xếp hạng khi có từ {n} {volume}', { n: minVolume, volume: t(rate.volume) })}
        {rows.length > 0 ? <>{' · '}<a href={`/xep-hang/excel${query}&${new URLSearchParams({ kind, rank_by: rate.key, ...ordered })}`}>{t('Tải bảng xếp hạng (Excel)')}</a></> : null}
      </p>
      {rows.length === 0 ? <p className="note" data-testid="none-ranked">{t('Chưa có cơ quan nào đủ {n} {volume} để xếp hạng trong kỳ này.', { n: minVolume, volume: t(rate.volume) })}</p> : null}
      {rows.length > 0 ? <ScrollTable label={t('Xếp hạng')} className="chart">
        <table className="breakdown" data-testid="ranking">
          <caption className="sr-only">{t('Bảng xếp hạng, cao nhất trước; cơ quan chưa đủ số văn bản xếp sau cùng, không có hạng. Bấm tiêu đề cột để sắp xếp.')}</caption>
          <thead><tr>{columns.map((c) => (
            <th key={c.key} scope="col" aria-sort={c.key === order.sort ? (order.descending ? 'descending' : 'ascending') : undefined} data-key={c.key}>
              <a className="sort" href={sortHref(c.key)} title={t('Sắp xếp theo cột này')}>{t(c.header)}</a>
            </th>
          ))}</tr></thead>
          <tbody>{rows.map((row) => <tr key={row.agency.code} data-code={row.agency.code}>{columns.map((c) => cell(c.key, row))}</tr>)}</tbody>
        </table>
      </ScrollTable> : null}
    </>
  );
}
