// A redirect to a path of this portal, relative (RFC 9110 allows it): behind the API's server Next
// does not know the host name the browser used, and an absolute URL could name another host.
import { NextResponse } from 'next/server';

// Only to resolve a candidate against: a value whose origin changes is not a path of this portal.
const here = 'http://portal.invalid';

/** Browsers turn `\` into `/` and drop tabs and line breaks, so `/\evil`, `/<TAB>/evil` mean `//evil`. */
const looksLocal = (value: string) => value.startsWith('/') && !value.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(value);

/**
 * `value` when it is a path of this portal, else the overview: never send a person elsewhere. Checked
 * as written and after each round of percent-decoding (a `%5C` or `%2F` a later hop might decode),
 * then re-serialised by the URL parser, so the Location header holds ASCII only (no 500 on CRLF or
 * Vietnamese letters).
 */
export function localPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048 || /\s/.test(value) || !looksLocal(value)) return '/';
  let decoded = value;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return '/'; // a malformed escape: not something this portal wrote
    }
    if (next === decoded) break;
    if (!looksLocal(next)) return '/';
    decoded = next;
  }
  const url = new URL(value, here);
  if (url.origin !== here) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return looksLocal(path) ? path : '/';
}

export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location } });
}
