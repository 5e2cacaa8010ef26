import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiErrorSentence, messageOf, reportErrorCode, reportErrors, signInErrors } from './messages.js';
import { translator } from './i18n.js';
import { readPending } from './oidc-pending.js';
import { contentSecurityPolicy, sameOrigin, secureCookies } from './security.js';

const withPublicUrl = (value: string | undefined, run: () => void) => {
  const before = process.env['PORTAL_PUBLIC_URL'];
  if (value === undefined) delete process.env['PORTAL_PUBLIC_URL'];
  else process.env['PORTAL_PUBLIC_URL'] = value;
  try {
    run();
  } finally {
    if (before === undefined) delete process.env['PORTAL_PUBLIC_URL'];
    else process.env['PORTAL_PUBLIC_URL'] = before;
  }
};

test('a form is ours when its Origin (or Referer) names the host it was sent to, or the public address', () => {
  withPublicUrl(undefined, () => {
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' })), true);
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', referer: 'http://127.0.0.1:3000/dang-nhap?next=%2F' })), true);
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'http://evil.example' })), false);
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' })), false);
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'null' })), false);
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000' })), false, 'neither header: refused');
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'not a url' })), false);
    // Behind a proxy that keeps the browser's host in X-Forwarded-Host.
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'vanban.hanoi.gov.vn', origin: 'https://vanban.hanoi.gov.vn' })), true);
  });
  withPublicUrl('https://vanban.hanoi.gov.vn', () => {
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'https://vanban.hanoi.gov.vn' })), true);
    assert.equal(sameOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'https://vanban.hanoi.gov.vn.evil.example' })), false);
  });
});

test('cookies are Secure over https only: public address, TLS, or X-Forwarded-Proto', () => {
  withPublicUrl(undefined, () => {
    assert.equal(secureCookies({ headers: new Headers() }), false);
    assert.equal(secureCookies({ headers: new Headers({ 'x-forwarded-proto': 'https' }) }), true);
    assert.equal(secureCookies({ headers: new Headers({ 'x-forwarded-proto': 'https, http' }) }), true);
    assert.equal(secureCookies({ headers: new Headers({ 'x-forwarded-proto': 'http' }) }), false);
    assert.equal(secureCookies({ headers: new Headers(), nextUrl: { protocol: 'https:' } }), true);
  });
  withPublicUrl('https://vanban.hanoi.gov.vn', () => assert.equal(secureCookies({ headers: new Headers() }), true));
  withPublicUrl('http://127.0.0.1:3000', () => assert.equal(secureCookies({ headers: new Headers() }), false));
});

test('the policy: scripts by nonce only, nothing frames the portal', () => {
  const csp = contentSecurityPolicy('abc123');
  assert.match(csp, /script-src 'self' 'nonce-abc123' 'strict-dynamic'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-eval/);
});

test('messages from the URL: only the fixed sentences, by code', () => {
  assert.equal(messageOf(reportErrors, 'ban'), reportErrors['ban']);
  assert.equal(messageOf(reportErrors, 'Tài khoản bị khóa, gọi 0900'), null);
  assert.equal(messageOf(reportErrors, 'toString'), null, 'not an inherited property');
  assert.equal(messageOf(signInErrors, ['phien']), null);
  assert.equal(reportErrorCode(401, 'unauthorized'), 'dang-nhap');
  assert.equal(reportErrorCode(403, 'forbidden'), 'quyen');
  assert.equal(reportErrorCode(404, 'agency_not_found'), 'co-quan');
  assert.equal(reportErrorCode(409, 'quota_exceeded'), 'han-muc');
  assert.equal(reportErrorCode(400, 'bad_request'), 'yeu-cau');
  assert.equal(reportErrorCode(undefined, undefined), 'ket-noi');
  assert.equal(reportErrorCode(500, 'internal'), 'khac');
  for (const code of Object.keys(reportErrors)) assert.ok(reportErrors[code]!.endsWith('.'), code);
});

test('the pending OpenID sign-in cookie is read defensively', () => {
  assert.deepEqual(readPending(JSON.stringify({ state: 's', verifier: 'v', next: '/bao-cao' })), { state: 's', verifier: 'v', next: '/bao-cao' });
  for (const value of [undefined, '', 'not-json', 'null', '[]', '5', '{"state":5,"verifier":"v"}', '{"state":"s"}', '{"state":"","verifier":"v"}']) {
    assert.equal(readPending(value), undefined, String(value));
  }
  assert.equal(readPending('{"state":"s","verifier":"v","next":7}')?.next, '/');
});

test('an API error reaches the page as a fixed Vietnamese sentence, never the API\'s English message', () => {
  const english = translator('en');
  const cases: [number, string | undefined, RegExp][] = [
    [429, 'rate_limited', /quá nhiều yêu cầu/], [503, 'busy', /đang bận/], [503, 'pdf_unavailable', /đang bận/],
    [404, 'agency_not_found', /Không có cơ quan/], [400, 'bad_request', /không hợp lệ/], [500, 'internal', /đã được ghi lại/],
    [502, undefined, /gặp lỗi/], [409, 'quota_exceeded', /không trả lời được/],
  ];
  for (const [status, code, meaning] of cases) {
    const sentence = apiErrorSentence(status, code);
    assert.match(sentence, meaning, `${status} ${code}`);
    assert.match(sentence, /^Máy chủ số liệu|^Không có cơ quan/, 'says who answered');
    assert.notEqual(english(sentence), sentence, `"${sentence}" has its English in i18n.ts`);
  }
});
