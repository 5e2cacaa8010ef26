// One agency (the city on the overview) for one period and view: headline KPIs against the Plan 222
// targets, the monthly trend, the children with the largest overdue backlog, every child by kind
// with a drill-down link, and where the agency stands in the 2025 reorganisation.
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import type { AgencyNode, Backlog, Breakdown, ComparedSummary, KpiSummary, ViewParams } from '@/lib/api';
import { AccessError, ApiError, fetchBacklog, fetchBreakdown, fetchComparedKpis, fetchKpis, fetchTree } from '@/lib/api';
import { formatCount, formatDate } from '@/lib/format';
import { getT, type Lang, type T } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView, viewQuery } from '@/lib/params';
import { Filters } from './filters';
import { Header } from './header';
import { KpiCards } from './kpi-cards';
import { MapSection } from './map-section';
import { OpenDocuments } from './open-documents';
import { HandlingStatus } from './handling-status';
import { HeadlineFigures } from './headline-figures';
import { StatusBar } from './status-bar';
import { SuccessionSection } from './succession-section';
import { TrendSection } from './trend-section';
import { RankedBreakdown } from './ranked-breakdown';
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
  const today = portalToday();
  // What the first screen needs, alone on the warehouse: the comparisons and the sections below the
  // fold ask for their own figures only once it is sent, and stream in after it (Suspense), so the
  // leader's four figures and ten agencies are neither held back by them nor share the cores with
  // their queries. (Hydration waits for the whole page: client/hydrate-after-parse.ts.)
  let summary: KpiSummary, rows: Backlog, tree: AgencyNode[], peers: Breakdown | 'denied' | undefined;
  try {
    const summaryAnswer = fetchKpis(base);
    [summary, rows, tree, peers] = await Promise.all([
      summaryAnswer,
      // The ten rows with the most overdue documents need only what is open at the end: the full
      // breakdown (every figure of every row) is read below, for the map and the tables.
      fetchBacklog(base),
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
  // The same figures over the previous period and a year earlier: two more summaries (the API keeps
  // this one). Their changes stream into the four figures; a failure leaves a sentence there.
  const comparison: Promise<ComparedSummary | null> = fetchComparedKpis(base).catch(() => null);
  const { chain, node } = ancestry(tree, code);
  const signedIn = Boolean(await readSession());
  const backlog = overdueList(rows.children, 10);
  const peerSection = peers === 'denied'
    ? <p className="note" data-testid="peers-denied">{t('Tài khoản của bạn không được xem xếp hạng toàn Thành phố, nên vị trí của cơ quan so với các cơ quan cùng cấp không hiển thị.')}</p>
    : peers ? <PeerStanding peers={peers} code={code} query={query} t={t} lang={lang} /> : null;
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
      <h2 className="period">{t('Từ {from} đến {to}, {view}', { from: formatDate(view.from), to: formatDate(view.to), view: t(view.view === 'as_is' ? 'theo cơ cấu hiện nay' : 'theo cơ cấu tại thời điểm phát sinh') })}</h2>
      {view.problem ? <p role="alert" className="error" data-testid="view-problem">{t(view.problem.text, view.problem.values)} {t('Đang hiển thị số liệu từ đầu năm đến nay.')}</p> : null}
      <div className="first-screen" id="noi-dung" tabIndex={-1}>
        <HeadlineFigures summary={summary} comparison={comparison} />
        <StatusBar summary={summary} />
        <section className="chart backlog-top" aria-labelledby="backlog-title" data-testid="backlog">
          <h2 id="backlog-title">{t('Nhiều văn bản quá hạn chưa xử lý nhất')}</h2>
          {backlog.shown.length === 0 ? <p className="note">{t('Không có văn bản quá hạn chưa xử lý.')}</p> : null}
          <ol className="backlog">
            {backlog.shown.map((c) => {
              const href = rowHref(c, query);
              return (
                <li key={`${c.row}:${c.agency.code}`} data-overdue={c.open_overdue} title={heldNames(c)}>
                  {href ? <a href={href}>{rowLabel(c, t)}</a> : <span>{rowLabel(c, t)}</span>}
                  {' '}{t('{n} văn bản quá hạn', { n: formatCount(c.open_overdue, lang) })}
                </li>
              );
            })}
          </ol>
          {backlog.otherRows > 0 ? <p className="note" data-overdue={backlog.others}>{t('{rows} cơ quan, đơn vị khác: {n} văn bản quá hạn', { rows: formatCount(backlog.otherRows, lang), n: formatCount(backlog.others, lang) })}</p> : null}
          <p className="note" data-testid="backlog-total" data-overdue={backlog.total}>{t('Cộng: {n} văn bản quá hạn chưa xử lý', { n: formatCount(backlog.total, lang) })}</p>
        </section>
      </div>
      {peerSection}
      {/* One boundary for every section below: they appear together, so a section arriving never
          moves another one that is already on screen (and the link a person is tapping with it). */}
      <Suspense fallback={<Loading title={t('Các số liệu khác và chỉ tiêu Kế hoạch 222')} text={t('Đang tải…')} />}>
        <KpiCards summary={summary} comparison={comparison} />
        <HandlingStatus summary={summary} />
        <TrendSection base={base} today={today} />
        <OpenDocuments agency={code} signedIn={signedIn} here={`${path}${query}`} />
        <UnitPerformance agency={code} from={view.from} to={view.to} signedIn={signedIn} here={`${path}${query}`} />
        <RowSections base={base} tree={tree} peers={peers === 'denied' ? undefined : peers} query={query} path={path} metricKey={params['map']} />
        {node ? <SuccessionSection node={node} tree={tree} query={query} /> : null}
      </Suspense>
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

/** The map and the tables of the agency's rows, from its breakdown (every figure of every row). */
async function RowSections({ base, tree, peers, query, path, metricKey }: {
  base: ViewParams; tree: AgencyNode[]; peers: Breakdown | undefined; query: string; path: string; metricKey: string | string[] | undefined;
}) {
  let breakdown: Breakdown;
  try {
    breakdown = await fetchBreakdown({ ...base, rank_by: 'on_time_rate' });
  } catch (error) {
    // Streamed after the first screen: a failure here is said where the section would be.
    if (!(error instanceof ApiError)) throw error;
    const { t } = await getT();
    return <p role="alert" className="error">{t(error.message)}</p>;
  }
  return (
    <>
      <MapSection rows={breakdown.children} treeOfFrom={tree} query={query} path={path} metricKey={metricKey} />
      <RankedBreakdown breakdown={breakdown} peers={peers} base={base} query={query} />
    </>
  );
}

/** A section's place while its figures stream in (its heading, so nothing jumps). */
function Loading({ title, text }: { title: string; text: string }) {
  return <section className="chart loading" aria-busy="true"><h2>{title}</h2><p className="note">{text}</p></section>;
}

/** The agency's node and the chain from the root down to it, in the tree of one day. */
function ancestry(agencies: AgencyNode[], code: string): { chain: AgencyNode[]; node: AgencyNode | undefined } {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const node = byCode.get(code);
  const chain: AgencyNode[] = [];
  for (let at = node ? byCode.get(node.parent_code ?? '') : undefined; at; at = byCode.get(at.parent_code ?? '')) chain.unshift(at);
  return { chain, node };
}
