// One agency (the city on the overview) for one period and view: headline KPIs against the Plan 222
// targets, the monthly trend, the children with the largest overdue backlog, every child by kind
// with a drill-down link, and where the agency stands in the 2025 reorganisation.
import type { AgencyNode, Breakdown, KpiSummary, Series } from '@/lib/api';
import { ApiError, fetchBreakdown, fetchKpis, fetchSeries, fetchTree } from '@/lib/api';
import { trendOption } from '@/lib/charts';
import { formatCount, formatDate, formatPercent } from '@/lib/format';
import { kindLabels } from '@/lib/kinds';
import { readView, viewQuery } from '@/lib/params';
import { todayInHanoi } from '@/lib/periods';
import { BreakdownTable } from './breakdown-table';
import { EChart } from './echart';
import { Filters } from './filters';
import { Header } from './header';
import { KpiCards } from './kpi-cards';
import { MapSection } from './map-section';
import { OpenDocuments } from './open-documents';
import { readSession } from '@/lib/session';
import { cityCode } from '@/lib/config';
import { rankingKinds } from '@/lib/rankings';

const minVolume = 30;

export async function AgencyView({ code, path, params }: { code: string; path: string; params: Record<string, string | string[] | undefined> }) {
  const view = readView(params);
  const query = viewQuery(view);
  const base = { agency: code, from: view.from, to: view.to, view: view.view };
  let summary: KpiSummary, series: Series, breakdown: Breakdown, tree: AgencyNode[], peers: Breakdown | undefined;
  try {
    const today = todayInHanoi();
    const summaryAnswer = fetchKpis(base);
    [summary, series, breakdown, tree, peers] = await Promise.all([
      summaryAnswer,
      fetchSeries({ ...base, interval: 'month' }),
      fetchBreakdown({ ...base, rank_by: 'on_time_rate' }),
      // The structure of the period's first day (the agency may have ended before its last).
      fetchTree(view.from < today ? view.from : today).then((t) => t.agencies),
      // Peers: every agency of the same kind in the city, ranked (a kind the rankings cover).
      summaryAnswer.then((s) => (rankingKinds as readonly string[]).includes(s.agency.kind) && code !== cityCode
        ? fetchBreakdown({ ...base, agency: cityCode, rank_by: 'on_time_rate', kind: s.agency.kind }) : undefined),
    ]);
  } catch (error) {
    return (
      <main className="page">
        <Header here={`${path}${query}`} />
        <h1>Không tải được số liệu</h1>
        <p role="alert" className="error">{error instanceof ApiError ? error.message : 'Đã xảy ra lỗi khi tải số liệu.'}</p>
        <p><a href="/">Về trang tổng quan Thành phố</a></p>
      </main>
    );
  }
  const { chain, node } = ancestry(tree, code);
  const backlog = [...breakdown.children].filter((c) => c.kpis.incoming.open_overdue > 0)
    .sort((a, b) => b.kpis.incoming.open_overdue - a.kpis.incoming.open_overdue).slice(0, 5);
  const points = series.points.map((p) => ({ label: `${p.from.slice(5, 7)}/${p.from.slice(0, 4)}`, kpi: p.kpis }));
  return (
    <main className="page">
      <Header asOf={summary.data_as_of} here={`${path}${query}`} />
      {chain.length > 0 ? (
        <nav aria-label="Vị trí trong cơ cấu" className="breadcrumb">
          {chain.map((a) => <a key={a.code} href={a.kind === 'city' ? `/${query}` : `/co-quan/${encodeURIComponent(a.code)}${query}`}>{a.name}</a>)}
        </nav>
      ) : null}
      <h1>{summary.agency.name}</h1>
      <p className="subtitle">{kindLabels[summary.agency.kind] ?? summary.agency.kind} · mã định danh {summary.agency.code}{summary.agency.ended ? ' · đã giải thể/sáp nhập' : ''}</p>
      <Filters path={path} view={view} />
      {peers ? <PeerStanding peers={peers} code={code} query={query} /> : null}
      <h2 className="period">Từ {formatDate(view.from)} đến {formatDate(view.to)}, {view.view === 'as_is' ? 'theo cơ cấu hiện nay' : 'theo cơ cấu tại thời điểm phát sinh'}</h2>
      <KpiCards summary={summary} />
      <section className="chart" aria-labelledby="trend-title">
        <h2 id="trend-title">Diễn biến theo tháng</h2>
        <EChart
          label={`Biểu đồ văn bản đến, đã giải quyết, tỷ lệ đúng hạn và tỷ lệ xử lý trên hệ thống theo tháng, từ ${formatDate(view.from)} đến ${formatDate(view.to)}`}
          option={trendOption(points.map((m) => ({ label: m.label, received: m.kpi.incoming.received, completed: m.kpi.incoming.completed, onTimeRate: m.kpi.incoming.on_time_rate, onlineRate: m.kpi.incoming.online_rate })))}
          fileName={`xu-ly-van-ban-${summary.agency.code}-${view.from}-${view.to}`}
        />
        <table className="sr-only">
          <caption>Số liệu theo tháng</caption>
          <thead><tr><th>Tháng</th><th>Văn bản đến</th><th>Đã giải quyết</th><th>Tỷ lệ đúng hạn</th><th>Quá hạn chưa xử lý</th></tr></thead>
          <tbody>{points.map((m) => <tr key={m.label}><td>{m.label}</td><td>{formatCount(m.kpi.incoming.received)}</td><td>{formatCount(m.kpi.incoming.completed)}</td><td>{formatPercent(m.kpi.incoming.on_time_rate)}</td><td>{formatCount(m.kpi.incoming.open_overdue)}</td></tr>)}</tbody>
        </table>
      </section>
      {backlog.length > 0 ? (
        <section className="chart" aria-labelledby="backlog-title">
          <h2 id="backlog-title">Nhiều văn bản quá hạn chưa xử lý nhất</h2>
          <ol className="backlog">
            {backlog.map((c) => (
              <li key={c.agency.code}>
                <a href={`/co-quan/${encodeURIComponent(c.agency.code)}${query}`}>{c.agency.name}</a>
                <strong>{formatCount(c.kpis.incoming.open_overdue)}</strong> văn bản quá hạn
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <OpenDocuments agency={code} signedIn={Boolean(await readSession())} here={`${path}${query}`} />
      <MapSection rows={breakdown.children} treeOfFrom={tree} query={query} path={path} metricKey={params['map']} />
      <BreakdownTable rows={breakdown.children} query={query} minVolume={minVolume} />
      {node && (node.predecessors.length > 0 || node.successors.length > 0 || node.absorbed.length > 0) ? (
        <section className="chart" aria-labelledby="succession-title">
          <h2 id="succession-title">Sắp xếp tổ chức năm 2025</h2>
          <Succession label="Hình thành từ" codes={node.predecessors} query={query} />
          <Succession label="Đã sáp nhập vào" codes={node.successors} query={query} />
          <Succession label="Số liệu theo cơ cấu hiện nay gồm cả" codes={node.absorbed} query={query} />
        </section>
      ) : null}
      <footer className="footnote">
        Số liệu theo định nghĩa chỉ tiêu thống nhất (ngày làm việc theo lịch nghỉ lễ của cơ quan nhà nước); văn bản mật không thuộc phạm vi thống kê.
        Xếp hạng chỉ áp dụng khi tỷ lệ dựa trên ít nhất {minVolume} văn bản.
      </footer>
    </main>
  );
}

function PeerStanding({ peers, code, query }: { peers: Breakdown; code: string; query: string }) {
  const own = peers.children.find((row) => row.agency.code === code);
  if (!own || !peers.kind) return null;
  const ranked = peers.children.filter((row) => row.rank !== null).length;
  const link = `/xep-hang${query}&${new URLSearchParams({ kind: peers.kind, rank_by: 'on_time_rate' })}`;
  return (
    <p className="peers">
      So với {formatCount(peers.children.length)} {kindLabels[peers.kind]?.toLowerCase()} của Thành phố:{' '}
      {own.rank === null
        ? `chưa xếp hạng tỷ lệ đúng hạn (dưới ${peers.min_volume} văn bản đã giải quyết có hạn)`
        : <>hạng <strong>{own.rank}/{ranked}</strong> về tỷ lệ giải quyết đúng hạn</>}
      {' · '}<a href={link}>Xem bảng xếp hạng</a>
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
