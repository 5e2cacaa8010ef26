// /man-hinh — the wall for the city's Intelligent Operations Center: the city's figures for the year
// so far in large type on a 1920×1080 or 3840×2160 screen, nothing to click, refreshing itself
// (?giay=N seconds, 5–300) and saying in red when its figures are older than ?cu=N minutes (default
// 15) or the feed is lost. The first figures come with the page, so it paints them at once.
import type { Metadata } from 'next';
import { ApiError } from '@/lib/api';
import { getT } from '@/lib/i18n';
import type { Search } from '@/lib/params';
import { WallScreen } from '@/ui/wall-screen';
import { loadWall, wallTop } from './snapshot';
import { wallSettings, type WallSnapshot } from './wall-model';
import { wallTexts } from './wall-texts';
import './wall.css';
import { titled } from '@/lib/page-title';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return titled(t('Màn hình IOC — UBND Thành phố Hà Nội'));
}

export default async function Wall({ searchParams }: { searchParams: Search }) {
  const settings = wallSettings(await searchParams);
  const { t, lang } = await getT();
  let first: { etag: string | null; snapshot?: WallSnapshot } = { etag: null };
  let failure: string | null = null;
  try {
    first = await loadWall(null, t, lang);
  } catch (error) {
    // The wall still opens, says why it has no figures, and keeps asking until it has them.
    if (!(error instanceof ApiError)) console.error('man-hinh:', error);
    failure = error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.');
  }
  return (
    <WallScreen first={first.snapshot ?? null} firstEtag={first.etag} firstFailure={failure} renderedAt={Date.now()}
      top={wallTop} settings={settings} texts={wallTexts(t)} lang={lang} />
  );
}
