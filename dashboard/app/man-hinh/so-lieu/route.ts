// GET /man-hinh/so-lieu — what the IOC wall polls: its figures as JSON with an ETag. With the ETag
// it holds in If-None-Match, a wall whose figures have not changed gets 304 and keeps its screen;
// the API is asked the same way, so an unchanged minute costs neither side a computation.
import type { NextRequest } from 'next/server';
import { ApiError } from '@/lib/api';
import { getT } from '@/lib/i18n';
import { loadWall } from '../snapshot';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest): Promise<Response> {
  const { t, lang } = await getT();
  try {
    const { etag, snapshot } = await loadWall(request.headers.get('if-none-match'), t, lang);
    // Revalidated on every poll: the answer changes whenever a build lands.
    const headers: Record<string, string> = { 'cache-control': 'private, no-cache', ...(etag ? { etag } : {}) };
    return snapshot ? Response.json(snapshot, { headers }) : new Response(null, { status: 304, headers });
  } catch (error) {
    // The wall keeps its last figures and says it lost the feed; the reason goes with the answer
    // (and to the server's log when it is not the API's own sentence).
    if (!(error instanceof ApiError)) console.error('man-hinh/so-lieu:', error);
    const message = error instanceof ApiError ? t(error.message) : t('Đã xảy ra lỗi khi tải số liệu.');
    // The API's own refusal where it refused (401/403/429…), 502 where it could not be reached or answered nonsense.
    const status = error instanceof ApiError && error.status && error.status >= 400 ? error.status : 502;
    return Response.json({ error: { message } }, { status, headers: { 'cache-control': 'no-store' } });
  }
}
