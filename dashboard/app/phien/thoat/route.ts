// GET /phien/thoat — signs out: forgets the token and returns to the overview.
import type { NextResponse } from 'next/server';
import { nameCookie, tokenCookie } from '@/lib/session';
import { seeOther } from '@/lib/redirect';

export async function GET(): Promise<NextResponse> {
  const response = seeOther('/');
  response.cookies.delete(tokenCookie);
  response.cookies.delete(nameCookie);
  return response;
}
