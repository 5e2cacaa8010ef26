// Overview of the city: headline KPIs against the Plan 222 targets and the monthly trend.
import { ApiError, fetchKpis, type KpiSummary } from '@/lib/api';
import { trendOption } from '@/lib/charts';
import { cityCode } from '@/lib/config';
import { formatAsOf, formatCount, formatDate, formatDays, formatPercent } from '@/lib/format';
import { monthsOf, presets, todayInHanoi } from '@/lib/periods';
import { EChart } from '@/ui/echart';
import { KpiCard } from '@/ui/kpi-card';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export default async function Overview({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const today = todayInHanoi();
  const choices = presets(today);
  const preset = choices[String(params['period'] ?? 'ytd')] ?? choices['ytd']!;
  const from = isDate(params['from']) ? params['from'] : preset.from;
  const to = isDate(params['to']) ? params['to'] : preset.to;
  const view = params['view'] === 'as_is' ? 'as_is' : 'as_was';

  let summary: KpiSummary;
  let months: { label: string; kpi: KpiSummary }[];
  try {
    [summary, months] = await Promise.all([
      fetchKpis({ agency: cityCode, from, to, view }),
      Promise.all(monthsOf(from, to).map(async (m) => ({ label: m.label, kpi: await fetchKpis({ agency: cityCode, from: m.from, to: m.to, view }) }))),
    ]);
  } catch (error) {
    const message = error instanceof ApiError ? error.message : 'Đã xảy ra lỗi khi tải số liệu.';
    return (
      <main className="page">
        <Header />
        <p role="alert" className="error">{message}</p>
      </main>
    );
  }
  const { incoming, outgoing, work_files: files, adoption, target } = summary;
  const link = (extra: Record<string, string>) => `?${new URLSearchParams({ view, ...extra })}`;
  return (
    <main className="page">
      <Header asOf={summary.data_as_of} />
      <nav className="filters" aria-label="Chọn kỳ báo cáo">
        {Object.entries(choices).map(([key, p]) => (
          <a key={key} href={link({ period: key })} aria-current={p.from === from && p.to === to ? 'true' : undefined}>{p.label}</a>
        ))}
        <form method="get" className="custom">
          <label>Từ <input type="date" name="from" defaultValue={from} /></label>
          <label>Đến <input type="date" name="to" defaultValue={to} /></label>
          <input type="hidden" name="view" value={view} />
          <button type="submit">Xem</button>
        </form>
        <span className="views">
          <a href={`?${new URLSearchParams({ from, to, view: 'as_was' })}`} aria-current={view === 'as_was' ? 'true' : undefined}>Theo cơ cấu tại thời điểm phát sinh</a>
          <a href={`?${new URLSearchParams({ from, to, view: 'as_is' })}`} aria-current={view === 'as_is' ? 'true' : undefined}>Theo cơ cấu hiện nay</a>
        </span>
      </nav>
      <h2 className="period">Toàn Thành phố, từ {formatDate(from)} đến {formatDate(to)}</h2>
      <div className="cards">
        <KpiCard label="Văn bản đến" value={formatCount(incoming.received)} note={`${formatCount(incoming.returned)} văn bản trả lại`} />
        <KpiCard label="Đã giải quyết" value={formatCount(incoming.completed)} note={`${formatCount(incoming.completed_late)} quá hạn khi giải quyết`} />
        <KpiCard label="Tỷ lệ giải quyết đúng hạn" value={formatPercent(incoming.on_time_rate)} />
        <KpiCard label="Quá hạn chưa xử lý" value={formatCount(incoming.open_overdue)} note={`đến ngày ${formatDate(summary.period.as_of)}`} />
        <KpiCard label="Đang xử lý trong hạn" value={formatCount(incoming.open_on_time)} />
        <KpiCard
          label="Tỷ lệ xử lý trên hệ thống"
          value={formatPercent(incoming.online_rate)}
          note={target.online_rate === null ? 'Kỳ này chưa có chỉ tiêu' : `Chỉ tiêu Kế hoạch 222: ${formatPercent(target.online_rate)}`}
          status={target.met === null ? undefined : target.met ? 'met' : 'missed'}
        />
        <KpiCard label="Thời gian xử lý trung vị" value={formatDays(incoming.processing_days.median)} note={`90% xong trong ${formatDays(incoming.processing_days.p90)} làm việc`} />
        <KpiCard label="Văn bản đi đã ban hành" value={formatCount(outgoing.issued)} />
        <KpiCard label="Tỷ lệ ký số" value={formatPercent(outgoing.digitally_signed_rate)} />
        <KpiCard label="Tỷ lệ gửi điện tử" value={formatPercent(outgoing.electronic_dispatch_rate)} />
        <KpiCard label="Hồ sơ công việc điện tử" value={formatPercent(files.electronic_rate)} note={`${formatCount(files.opened)} hồ sơ mở trong kỳ`} />
        <KpiCard label="Tỷ lệ cơ quan sử dụng hệ thống" value={formatPercent(adoption.adoption_rate)} note={`${formatCount(adoption.active)}/${formatCount(adoption.agencies)} cơ quan`} />
      </div>
      <section className="chart" aria-labelledby="trend-title">
        <h2 id="trend-title">Diễn biến theo tháng</h2>
        <EChart
          label={`Biểu đồ văn bản đến, đã giải quyết, tỷ lệ đúng hạn và tỷ lệ xử lý trên hệ thống theo tháng, từ ${formatDate(from)} đến ${formatDate(to)}`}
          option={trendOption(months.map((m) => ({ label: m.label, received: m.kpi.incoming.received, completed: m.kpi.incoming.completed, onTimeRate: m.kpi.incoming.on_time_rate, onlineRate: m.kpi.incoming.online_rate })))}
        />
        <table className="sr-only">
          <caption>Số liệu theo tháng</caption>
          <thead><tr><th>Tháng</th><th>Văn bản đến</th><th>Đã giải quyết</th><th>Tỷ lệ đúng hạn</th></tr></thead>
          <tbody>{months.map((m) => <tr key={m.label}><td>{m.label}</td><td>{formatCount(m.kpi.incoming.received)}</td><td>{formatCount(m.kpi.incoming.completed)}</td><td>{formatPercent(m.kpi.incoming.on_time_rate)}</td></tr>)}</tbody>
        </table>
      </section>
      <footer className="footnote">
        Số liệu theo định nghĩa chỉ tiêu thống nhất (ngày làm việc theo lịch nghỉ lễ của cơ quan nhà nước); văn bản mật không thuộc phạm vi thống kê.
        Chế độ trình diễn: dữ liệu mô phỏng, không yêu cầu đăng nhập.
      </footer>
    </main>
  );
}

function Header({ asOf }: { asOf?: string | null }) {
  return (
    <header className="header">
      <div>
        <p className="org">UBND THÀNH PHỐ HÀ NỘI</p>
        <h1>Phân tích xử lý văn bản</h1>
      </div>
      {asOf !== undefined ? <p className="freshness">Dữ liệu cập nhật đến {formatAsOf(asOf)}</p> : null}
    </header>
  );
}
