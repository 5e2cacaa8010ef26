// A redirect to a path of this portal, relative (RFC 9110 allows it): behind the API's server Next
// does not know the host name the browser used, and an absolute URL could name another host.
import { NextResponse } from 'next/server';

/** `value` when it is a path of this portal, else the overview: never send a person elsewhere. */
export function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)/.test(value) ? value : '/';
}

export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location } });
}
