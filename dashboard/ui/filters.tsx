// Period and view choices, as links (every choice is a URL) plus a custom date range.
import { viewQuery, type PortalView } from '@/lib/params';

export function Filters({ path, view }: { path: string; view: PortalView }) {
  return (
    <nav className="filters" aria-label="Chọn kỳ báo cáo và cách tính">
      {Object.entries(view.presets).map(([key, p]) => (
        <a key={key} href={`${path}${viewQuery(view, { from: p.from, to: p.to })}`} aria-current={p.from === view.from && p.to === view.to ? 'true' : undefined}>{p.label}</a>
      ))}
      <form method="get" action={path} className="custom">
        <label>Từ <input type="date" name="from" defaultValue={view.from} /></label>
        <label>Đến <input type="date" name="to" defaultValue={view.to} /></label>
        <input type="hidden" name="view" value={view.view} />
        <button type="submit">Xem</button>
      </form>
      <span className="views" role="group" aria-label="Cách tính theo cơ cấu tổ chức">
        <a href={`${path}${viewQuery(view, { view: 'as_was' })}`} aria-current={view.view === 'as_was' ? 'true' : undefined}>Theo cơ cấu tại thời điểm phát sinh</a>
        <a href={`${path}${viewQuery(view, { view: 'as_is' })}`} aria-current={view.view === 'as_is' ? 'true' : undefined}>Theo cơ cấu hiện nay</a>
      </span>
    </nav>
  );
}
