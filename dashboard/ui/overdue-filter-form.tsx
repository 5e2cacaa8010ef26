// The overdue list's filters as a plain GET form (works without script, every filtered list is a
// link): the receiving agency within the page's agency, its kind, the urgency and the order; the
// chosen period and view travel along as hidden fields so that going back keeps them.
import type { AgencyEntry } from '@/lib/agency-index';
import { getT } from '@/lib/i18n';
import { kindLabels, kindOrder } from '@/lib/kinds';
import { urgencyLabels, type OverdueFilters } from '@/lib/overdue';
import type { PortalView } from '@/lib/params';
import '@/app/lists.css';

export async function OverdueFilterForm({ action, view, filters, subtree, rootName }: {
  /** `subtree`: the agencies to choose from (none: the form has no agency choice). */
  action: string; view: Pick<PortalView, 'from' | 'to' | 'view'>; filters: OverdueFilters; subtree?: AgencyEntry[]; rootName: string;
}) {
  const { t } = await getT();
  const kinds = kindOrder.filter((kind) => subtree?.some((a) => a.kind === kind));
  return (
    <form method="get" action={action} className="overdue-filters" aria-label={t('Lọc văn bản quá hạn')}>
      <input type="hidden" name="from" value={view.from} />
      <input type="hidden" name="to" value={view.to} />
      <input type="hidden" name="view" value={view.view} />
      {subtree ? <label>{t('Cơ quan nhận')}
        <select name="co_quan" defaultValue={filters.agency ?? ''}>
          <option value="">{t('Tất cả ({name})', { name: rootName })}</option>
          {kinds.map((kind) => (
            <optgroup key={kind} label={t(kindLabels[kind] ?? kind)}>
              {subtree.filter((a) => a.kind === kind).map((a) => (
                <option key={a.code} value={a.code}>{a.name}{a.ended ? ` (${t('đã giải thể/sáp nhập')})` : ''}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label> : null}
      <label>{t('Loại cơ quan')}
        <select name="loai" defaultValue={filters.kind ?? ''}>
          <option value="">{t('Tất cả')}</option>
          {kindOrder.map((kind) => <option key={kind} value={kind}>{t(kindLabels[kind] ?? kind)}</option>)}
        </select>
      </label>
      <label>{t('Độ khẩn')}
        <select name="khan" defaultValue={filters.urgency ?? ''}>
          <option value="">{t('Tất cả')}</option>
          {Object.entries(urgencyLabels).map(([key, label]) => <option key={key} value={key}>{t(label)}</option>)}
        </select>
      </label>
      <label>{t('Thứ tự')}
        <select name="thu_tu" defaultValue={filters.order}>
          <option value="qua-han-lau">{t('Quá hạn lâu nhất trước')}</option>
          <option value="moi-qua-han">{t('Mới quá hạn trước')}</option>
        </select>
      </label>
      <button type="submit">{t('Lọc')}</button>
    </form>
  );
}
