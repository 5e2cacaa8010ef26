// Period and view choices, as links (every choice is a URL) plus a custom date range.
import { formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { viewQuery, type PortalView } from '@/lib/params';

/** `extra`: the page's own parameters (kind, rank_by…), kept across period and view changes. */
export async function Filters({ path, view, extra = {} }: { path: string; view: PortalView; extra?: Record<string, string> }) {
  const { t } = await getT();
  const tail = Object.keys(extra).length > 0 ? `&${new URLSearchParams(extra)}` : '';
  return (
    <nav className="filters" aria-label={t('Chọn kỳ báo cáo và cách tính')}>
      {[false, true].map((statutory) => (
        <span key={String(statutory)} className="preset-group" role="group" aria-label={statutory ? t('Kỳ báo cáo (số liệu chốt ngày 14)') : t('Kỳ theo lịch')}>
          {Object.entries(view.presets).filter(([, p]) => Boolean(p.statutory) === statutory).map(([key, p]) => (
            <a key={key} href={`${path}${viewQuery(view, { from: p.from, to: p.to })}${tail}`} aria-current={p.from === view.from && p.to === view.to ? 'true' : undefined}
              title={t('Từ {from} đến {to}', { from: formatDate(p.from), to: formatDate(p.to) })}>{t(p.label, p.values)}</a>
          ))}
        </span>
      ))}
      <form method="get" action={path} className="custom">
        {/* Typed as day/month/year, as the page writes dates: a date field would show the browser's
            own order (month first in an English browser) beside the page's 30/06/2025. */}
        <label>{t('Từ')} <input type="text" name="from" defaultValue={formatDate(view.from)} size={10} maxLength={20} autoComplete="off" aria-describedby="date-format" placeholder={t('ngày/tháng/năm')} /></label>
        <label>{t('Đến')} <input type="text" name="to" defaultValue={formatDate(view.to)} size={10} maxLength={20} autoComplete="off" aria-describedby="date-format" placeholder={t('ngày/tháng/năm')} /></label>
        <span id="date-format" className="sr-only">{t('Ngày viết theo thứ tự ngày/tháng/năm, ví dụ 30/06/2025.')}</span>
        <input type="hidden" name="view" value={view.view} />
        {Object.entries(extra).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        <button type="submit">{t('Xem')}</button>
      </form>
      <span className="views" role="group" aria-label={t('Cách tính theo cơ cấu tổ chức')}>
        <a href={`${path}${viewQuery(view, { view: 'as_was' })}${tail}`} aria-current={view.view === 'as_was' ? 'true' : undefined}>{t('Theo cơ cấu tại thời điểm phát sinh')}</a>
        <a href={`${path}${viewQuery(view, { view: 'as_is' })}${tail}`} aria-current={view.view === 'as_is' ? 'true' : undefined}>{t('Theo cơ cấu hiện nay')}</a>
        <details className="explain">
          <summary>{t('Khác nhau thế nào?')}</summary>
          <div className="explain-body">
            <p>{t('Theo cơ cấu tại thời điểm phát sinh: mỗi văn bản tính cho cơ quan đã nhận hoặc ban hành nó, kể cả cơ quan nay đã giải thể, sáp nhập.')}</p>
            <p>{t('Theo cơ cấu hiện nay: văn bản của cơ quan đã giải thể, sáp nhập tính cho cơ quan kế thừa, để so sánh các cơ quan đang hoạt động qua nhiều năm.')}</p>
          </div>
        </details>
      </span>
    </nav>
  );
}
