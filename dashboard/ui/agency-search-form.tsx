// The search for an agency by name as a form of its own (the search page, the 404 page): a GET to
// /tim-co-quan that keeps the period and view being read.
import { getT } from '@/lib/i18n';
import '@/app/lists.css';

export async function AgencySearchForm({ q = '', view = '' }: { q?: string; view?: string }) {
  const { t } = await getT();
  return (
    <form role="search" method="get" action="/tim-co-quan" className="agency-search" aria-label={t('Tìm cơ quan theo tên')}>
      <label>{t('Tên cơ quan, đơn vị (gõ có dấu hoặc không dấu)')}
        <input type="search" name="q" defaultValue={q} maxLength={100} required />
      </label>
      {[...new URLSearchParams(view)].map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit">{t('Tìm')}</button>
    </form>
  );
}
