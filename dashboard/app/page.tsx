// Overview of the city: the agency view of the City People's Committee. A person whose rights stop
// below the city (a commune clerk, a department's staff) lands on their own agency instead, with the
// period and view they asked for.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { fetchMe } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { titled } from '@/lib/page-title';
import { readView, type Search } from '@/lib/params';
import { readSession } from '@/lib/session';
import { AgencyView } from '@/ui/agency-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  const view = readView(await searchParams);
  return titled(`${(await getT()).t('Tổng quan Thành phố')}, ${formatDate(view.from)}–${formatDate(view.to)}`);
}

export default async function Overview({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const own = (await readSession()) ? await fetchMe().then((me) => me.agency).catch(() => null) : null;
  if (own && own !== cityCode) {
    const kept = new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])));
    redirect(`/co-quan/${encodeURIComponent(own)}${kept.size > 0 ? `?${kept}` : ''}`);
  }
  return <AgencyView code={cityCode} path="/" params={params} />;
}
