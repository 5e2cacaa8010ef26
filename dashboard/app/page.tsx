// Overview of the city: the agency view of the City People's Committee.
import { cityCode } from '@/lib/config';
import type { Search } from '@/lib/params';
import { AgencyView } from '@/ui/agency-view';

export const dynamic = 'force-dynamic';

export default async function Overview({ searchParams }: { searchParams: Search }) {
  return <AgencyView code={cityCode} path="/" params={await searchParams} />;
}
