// GET /ngon-ngu?lang=en|vi&next=/path — switches the portal's language and returns to the page.
import type { NextRequest, NextResponse } from 'next/server';
import { langCookie } from '@/lib/i18n';
import { localPath, seeOther } from '@/lib/redirect';
import { secureCookies } from '@/lib/security';

export async function GET(request: NextRequest): Promise<NextResponse> {
  const params = request.nextUrl.searchParams;
  const response = seeOther(localPath(params.get('next')));
  response.cookies.set(langCookie, params.get('lang') === 'en' ? 'en' : 'vi', { sameSite: 'lax', path: '/', maxAge: 365 * 86_400, secure: secureCookies(request) });
  return response;
}
