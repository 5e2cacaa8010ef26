// One agency (the city on the overview) for one period and view: headline KPIs against the Plan 222
// targets, the monthly trend, the children with the largest overdue backlog, every child by kind
// with a drill-down link, and where the agency stands in the 2025 reorganisation.
import { notFound } from 'next/navigation';
import type { AgencyNode, Breakdown, KpiSummary, Series } from '@/lib/api';
import { AccessError, ApiError, fetchBreakdown, fetchKpis, fetchSeries, fetchTree } from '@/lib/api';
import { trendOption } from '@/lib/charts';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { getT, type Lang, type T } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView, viewQuery } from '@/lib/params';
import { BreakdownTable } from './breakdown-table';
import { EChart } from './echart';
import { Filters } from './filters';
import { Header } from './header';
import { KpiCards } from './kpi-cards';
import { MapSection } from './map-section';
import { OpenDocuments } from './open-documents';
import { HandlingStatus } from './handling-status';
import { UnitPerformance } from './unit-performance';
import { readSession } from '@/lib/session';
import { cityCode, portalToday } from '@/lib/config';
import { minVolume, rankingKinds } from '@/lib/rankings';
import { heldNames, overdueList, rowHref, rowLabel } from '@/lib/rows';

export async function AgencyView({ code, path, params }: { code: string; path: string; params: Record<string, string | string[] | undefined> }) {
  const view = readView(params);
  const query = viewQuery(view);
  const { t, lang } = await getT();
  const base = { agency: code, from: view.from, to: view.to, view: view.view };
  let summary: KpiSummary, series: Series, breakdown: Breakdown, tree: AgencyNode[], peers: Breakdown | 'denied' | undefined;
  let kindRanks: Map<string, number | null> | undefined;
  try {
    const today = portalToday();
    const summaryAnswer = fetchKpis(base);
    [summary, series, breakdown, tree, peers] = await Promise.all([
      summaryAnswer,
      fetchSeries({ ...base, interval: 'month' }),
      fetchBreakdown({ ...base, rank_by: 'on_time_rate' }),
      // The structure of the period's first day (the agency may have ended before its last).
      fetchTree(view.from < today ? view.from : today).then((answer) => answer.agencies),
      // Peers: every agency of the same kind in the city, ranked (a kind the rankings cover).
      summaryAnswer.then((s) => (rankingKinds as readonly string[]).includes(s.agency.kind) && code !== cityCode
        // A person whose rights stop below the city may not read the city-wide ranking: that section
        // is left out with a sentence, never the whole page.
        ? fetchBreakdown({ ...base, agency: cityCode, rank_by: 'on_time_rate', kind: s.agency.kind })
          .catch((error: unknown) => { if (error instanceof AccessError) return 'denied' as const; throw error; })
        : undefined),
    ]);
  } catch (error) {
    // An agency code nobody has: the portal's 404 page, not a 200 with the API's English sentence.
    if (error instanceof ApiError && error.status === 404) notFound();
    return (
      <main className="page">
        <Header here={`${path}${query}`} />
        <h1>{t('Không tải được số liệu')}</h1>
        <p role="alert" className="error">{error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.')}</p>
        <p><a href="/">{t('Về trang tổng quan Thành phố')}</a></p>
      </main>
    );
  }
  // One rank per kind everywhere: the children's ranks are the city-wide rankings by kind (the ones
  // /xep-hang shows), not a ranking among siblings over their subtrees.
  try {
    const kinds = [...new Set(breakdown.children.filter((r) => r.row === 'child').map((r) => r.agency.kind))].filter((k) => (rankingKinds as readonly string[]).includes(k));
    const rankings = await Promise.all(kinds.map((kind) => (peers && peers !== 'denied' && peers.kind === kind ? Promise.resolve(peers)
      : fetchBreakdown({ ...base, agency: cityCode, rank_by: 'on_time_rate', kind }))));
    kindRanks = new Map(rankings.flatMap((ranking) => ranking.children.map((row) => [row.agency.code, row.rank] as const)));
  } catch (error) {
    // Without the right to read the city-wide rankings, the table keeps the API's ranks among siblings.
    if (!(error instanceof AccessError)) throw error;
  }
  const { chain, node } = ancestry(tree, code);
  const backlog = overdueList(breakdown.children);
  const points = series.points.map((p) => ({ label: `${p.from.slice(5, 7)}/${p.from.slice(0, 4)}`, kpi: p.kpis }));
  return (
    <main className="page">
      <Header asOf={summary.data_as_of} here={`${path}${query}`} />
      {chain.length > 0 ? (
        <nav aria-label={t('Vị trí trong cơ cấu')} className="breadcrumb">
          {chain.map((a) => <a key={a.code} href={a.kind === 'city' ? `/${query}` : `/co-quan/${encodeURIComponent(a.code)}${query}`}>{a.name}</a>)}
        </nav>
      ) : null}
      <h1>{summary.agency.name}</h1>
      <p className="subtitle">{t(kindLabels[summary.agency.kind] ?? summary.agency.kind)} · {t('mã định danh {code}', { code: summary.agency.code })}{summary.agency.ended ? ` · ${t('đã giải thể/sáp nhập')}` : ''}</p>
      <Filters path={path} view={view} />
      {peers === 'denied'
        ? <p className="note" data-testid="peers-denied">{t('Tài khoản của bạn không được xem xếp hạng toàn Thành phố, nên vị trí của cơ quan so với các cơ quan cùng cấp không hiển thị.')}</p>
        : peers ? <PeerStanding peers={peers} code={code} query={query} t={t} lang={lang} /> : null}
      <h2 className="period">{t('Từ {from} đến {to}, {view}', { from: formatDate(view.from), to: formatDate(view.to), view: t(view.view === 'as_is' ? 'theo cơ cấu hiện nay' : 'theo cơ cấu tại thời điểm phát sinh') })}</h2>
      <KpiCards summary={summary} />
      <HandlingStatus summary={summary} />
      <section className="chart" aria-labelledby="trend-title">
        <h2 id="trend-title">{t('Diễn biến theo tháng')}</h2>
        <EChart
          label={t('Biểu đồ văn bản đến, đã giải quyết, tỷ lệ đúng hạn và tỷ lệ xử lý trên hệ thống theo tháng, từ {from} đến {to}', { from: formatDate(view.from), to: formatDate(view.to) })}
          option={trendOption(points.map((m) => ({ label: m.label, received: m.kpi.incoming.received, completed: m.kpi.incoming.completed, onTimeRate: m.kpi.incoming.on_time_rate, onlineRate: m.kpi.incoming.online_rate })), t)}
          downloadText={t('Tải ảnh biểu đồ')}
          fileName={`xu-ly-van-ban-${summary.agency.code}-${view.from}-${view.to}`}
        />
        <table className="sr-only">
          <caption>{t('Số liệu theo tháng')}</caption>
          <thead><tr><th>{t('Tháng')}</th><th>{t('Văn bản đến')}</th><th>{t('Đã giải quyết')}</th><th>{t('Tỷ lệ đúng hạn')}</th><th>{t('Quá hạn chưa xử lý')}</th></tr></thead>
          <tbody>{points.map((m) => <tr key={m.label}><td>{m.label}</td><td>{formatCount(m.kpi.incoming.received, lang)}</td><td>{formatCount(m.kpi.incoming.completed, lang)}</td><td>{formatPercent(m.kpi.incoming.on_time_rate, lang)}</td><td>{formatCount(m.kpi.incoming.open_overdue, lang)}</td></tr>)}</tbody>
        </table>
      </section>
      {backlog.shown.length > 0 ? (
        <section className="chart" aria-labelledby="backlog-title" data-testid="backlog">
          <h2 id="backlog-title">{t('Nhiều văn bản quá hạn chưa xử lý nhất')}</h2>
          <ol className="backlog">
            {backlog.shown.map((c) => {
              const href = rowHref(c, query);
              return (
                <li key={`${c.row}:${c.agency.code}`} data-overdue={c.kpis.incoming.open_overdue} title={heldNames(c)}>
                  {href ? <a href={href}>{rowLabel(c, t)}</a> : <span>{rowLabel(c, t)}</span>}
                  {' '}{t('{n} văn bản quá hạn', { n: formatCount(c.kpis.incoming.open_overdue, lang) })}
                </li>
              );
            })}
          </ol>
          {backlog.otherRows > 0 ? <p className="note" data-overdue={backlog.others}>{t('{rows} cơ quan, đơn vị khác: {n} văn bản quá hạn', { rows: formatCount(backlog.otherRows, lang), n: formatCount(backlog.others, lang) })}</p> : null}
          <p className="note" data-testid="backlog-total" data-overdue={backlog.total}>{t('Cộng: {n} văn bản quá hạn chưa xử lý', { n: formatCount(backlog.total, lang) })}</p>
        </section>
      ) : null}
      <OpenDocuments agency={code} signedIn={Boolean(await readSession())} here={`${path}${query}`} />
      <UnitPerformance agency={code} from={view.from} to={view.to} signedIn={Boolean(await readSession())} here={`${path}${query}`} />
      <MapSection rows={breakdown.children} treeOfFrom={tree} query={query} path={path} metricKey={params['map']} />
      <BreakdownTable rows={breakdown.children} query={query} ranks={kindRanks} />
      {node && (node.predecessors.length > 0 || node.successors.length > 0 || node.absorbed.length > 0) ? (
        <section className="chart" aria-labelledby="succession-title">
          <h2 id="succession-title">{t('Sắp xếp tổ chức năm 2025')}</h2>
          <Succession label={t('Hình thành từ')} codes={node.predecessors} query={query} />
          <Succession label={t('Đã sáp nhập vào')} codes={node.successors} query={query} />
          <Succession label={t('Số liệu theo cơ cấu hiện nay gồm cả')} codes={node.absorbed} query={query} />
        </section>
      ) : null}
      <footer className="footnote">
        {t('Số liệu theo định nghĩa chỉ tiêu thống nhất (ngày làm việc theo lịch nghỉ lễ của cơ quan nhà nước); văn bản mật không thuộc phạm vi thống kê.')}
        {' '}{t('Xếp hạng chỉ áp dụng khi tỷ lệ dựa trên ít nhất {n} văn bản.', { n: minVolume })}
      </footer>
    </main>
  );
}

function PeerStanding({ peers, code, query, t, lang }: { peers: Breakdown; code: string; query: string; t: T; lang: Lang }) {
  const own = peers.children.find((row) => row.agency.code === code);
  if (!own || !peers.kind) return null;
  const ranked = peers.children.filter((row) => row.rank !== null).length;
  const link = `/xep-hang${query}&${new URLSearchParams({ kind: peers.kind, rank_by: 'on_time_rate' })}`;
  return (
    <p className="peers">
      {t('So với {n} {kind} của Thành phố:', { n: formatCount(peers.children.length, lang), kind: t(kindLabels[peers.kind] ?? peers.kind).toLowerCase() })}{' '}
      {own.rank === null
        ? t('chưa xếp hạng tỷ lệ đúng hạn (dưới {n} văn bản đã giải quyết có hạn)', { n: peers.min_volume })
        : <strong>{t('hạng {rank} về tỷ lệ giải quyết đúng hạn', { rank: `${own.rank}/${ranked}` })}</strong>}
      {' · '}<a href={link}>{t('Xem bảng xếp hạng')}</a>
    </p>
  );
}

function Succession({ label, codes, query }: { label: string; codes: string[]; query: string }) {
  if (codes.length === 0) return null;
  return (
    <p>
      {label}:{' '}
      {codes.map((code, i) => <span key={code}>{i > 0 ? ', ' : ''}<a href={`/co-quan/${encodeURIComponent(code)}${query}`}>{code}</a></span>)}
    </p>
  );
}

/** The agency's node and the chain from the root down to it, in the tree of one day. */
function ancestry(agencies: AgencyNode[], code: string): { chain: AgencyNode[]; node: AgencyNode | undefined } {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const node = byCode.get(code);
  const chain: AgencyNode[] = [];
  for (let at = node ? byCode.get(node.parent_code ?? '') : undefined; at; at = byCode.get(at.parent_code ?? '')) chain.unshift(at);
  return { chain, node };
}
