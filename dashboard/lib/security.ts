// What the portal's answers carry against other sites: a Content-Security-Policy with a fresh nonce
// per request (Next.js puts it on its own scripts), no framing, no MIME sniffing, no full URLs in
// Referer; a same-origin check for the forms; and the Secure flag for cookies behind https.

/**
 * The policy for one response. Scripts: only those carrying the nonce and what they load
 * ('strict-dynamic': Next.js's chunks, ECharts); styles allow inline because React renders `style`
 * attributes and ECharts styles its SVG inline (a style cannot run code). Nothing may frame a page.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Set on every answer of the portal (pages, files, redirects). */
export const securityHeaders: Record<string, string> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

const firstValue = (value: string | null) => value?.split(',')[0]?.trim().toLowerCase() || undefined;

const publicUrl = () => process.env['PORTAL_PUBLIC_URL'] || undefined;

/**
 * Whether a state-changing request (a form's POST) comes from the portal's own pages: its Origin
 * (or, without one, its Referer) must name the host the request was sent to (Host, or the
 * X-Forwarded-Host of a proxy in front), or PORTAL_PUBLIC_URL's host. A browser always sends one of
 * them with a form's POST and another site cannot forge them; a request with neither is refused.
 */
export function sameOrigin(headers: Headers): boolean {
  const claimed = headers.get('origin') ?? headers.get('referer');
  if (!claimed || claimed === 'null') return false;
  let host: string;
  try {
    host = new URL(claimed).host.toLowerCase();
  } catch {
    return false;
  }
  const own = [firstValue(headers.get('host')), firstValue(headers.get('x-forwarded-host'))];
  const configured = publicUrl();
  if (configured) {
    try {
      own.push(new URL(configured).host.toLowerCase());
    } catch {
      // a malformed PORTAL_PUBLIC_URL names no host
    }
  }
  return own.includes(host);
}

/**
 * Cookies get the Secure flag when the portal is reached over https: PORTAL_PUBLIC_URL is https, or
 * the request came over TLS, or a proxy that terminated TLS says so in X-Forwarded-Proto. (A forged
 * X-Forwarded-Proto can only make the forger's own cookies stricter.)
 */
export function secureCookies(request: { headers: Headers; nextUrl?: { protocol: string } }): boolean {
  return publicUrl()?.toLowerCase().startsWith('https:') === true
    || request.nextUrl?.protocol === 'https:'
    || firstValue(request.headers.get('x-forwarded-proto')) === 'https';
}

export const csrfRefusal = 'Yêu cầu bị từ chối: biểu mẫu này không được gửi từ trang của Cổng phân tích xử lý văn bản. Vui lòng mở lại trang và gửi lại.';
