// One agency's page (drill-down from the overview): the same view as the city's, for this agency.
import type { Metadata } from 'next';
import { fetchKpis } from '@/lib/api';
import { formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { titled } from '@/lib/page-title';
import { agencyCodeOf, readView, type Search } from '@/lib/params';
import { AgencyView } from '@/ui/agency-view';

export const dynamic = 'force-dynamic';

/** "UBND Phường Phúc Xá, 01/01/2025–30/09/2025": the same request as the page's (fetch memoises it). */
export async function generateMetadata({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Search }): Promise<Metadata> {
  const agency = agencyCodeOf((await params).code);
  const view = readView(await searchParams);
  const { t } = await getT();
  const name = await fetchKpis({ agency, from: view.from, to: view.to, view: view.view }).then((s) => s.agency.name, () => t('Cơ quan không tìm thấy'));
  return titled(`${name}, ${formatDate(view.from)}–${formatDate(view.to)}`);
}

export default async function AgencyPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Search }) {
  const { code } = await params;
  const agency = agencyCodeOf(code);
  return <AgencyView code={agency} path={`/co-quan/${encodeURIComponent(agency)}`} params={await searchParams} />;
}
