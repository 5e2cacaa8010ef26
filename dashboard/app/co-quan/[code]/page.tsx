// One agency's page (drill-down from the overview): the same view as the city's, for this agency.
import type { Search } from '@/lib/params';
import { AgencyView } from '@/ui/agency-view';

export const dynamic = 'force-dynamic';

export default async function AgencyPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Search }) {
  const { code } = await params;
  const agency = decodeURIComponent(code);
  return <AgencyView code={agency} path={`/co-quan/${encodeURIComponent(agency)}`} params={await searchParams} />;
}
