// The portal as an attacker tries it (issue 13): a hostile agency name arriving over CDC, links that
// would send a leader to another site, forms posted from another site, framing, cookies behind
// https, altered cookies and messages put in the URL. Served like the other portal tests (API +
// built portal on 127.0.0.1, demo mode), with Debian's Chromium for what only a browser shows.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeWarehouse, connectWarehouse, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable, chromiumPath, freePort, launchChromium, servePortal } from '../support/portal.js';

/** Put before every district's name: a browser that treats it as HTML runs the handler. */
const hostile = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const view = 'from=2025-01-01&to=2025-06-30&view=as_was';

let warehouse: Warehouse | undefined;
let dataDir = '';
let browser: Browser | undefined;
let base = '';
let close = async () => {};

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'portal-security-'));
  warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  await migrateRaw(warehouse);
  // The simulated city, with every district renamed in the source system to carry markup: the rows
  // reach the warehouse as Debezium events, like any rename.
  const renamed = function* () {
    for (const tx of simulate({ seed: 23, scale: 0.0005, until: '2025-06-30' })) {
      yield {
        ...tx,
        changes: tx.changes.map((change) => {
          if (change.table !== 'agency') return change;
          const rename = (row: typeof change.after) => (row && row['kind'] === 'district' ? { ...row, name: `${hostile}${String(row['name'])}` } : row);
          return { ...change, before: rename(change.before), after: rename(change.after) };
        }),
      };
    }
  };
  await ingestMessages(warehouse, debeziumMessages(renamed()), { source: 'simulator' });
  await buildModels(warehouse);
  const served = await servePortal({ warehouse, today: () => '2025-06-30' });
  base = served.base;
  if (chromiumAvailable()) browser = await launchChromium();
  close = async () => {
    await browser?.close();
    await served.close();
  };
});
after(async () => {
  await close();
  if (warehouse) await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A page that records every Content-Security-Policy violation and console complaint about one. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; violations: string[] }> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
  });
  return { page, violations };
}

const manual = (url: string, init: RequestInit = {}) => fetch(url, { ...init, redirect: 'manual' });
/** A page's HTML without its scripts: Next.js's router data repeats the URL, which is not shown. */
const shownHtml = async (url: string) => (await (await fetch(url)).text()).replace(/<script[\s\S]*?<\/script>/g, '');

test('an agency name with markup is shown as text in the map tooltip and never runs', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const { page, violations } = await watchedPage(context);
  await page.goto(`${base}/?${view}&map=open_overdue`);
  const map = page.locator('.map');
  await map.locator('svg path').nth(29).waitFor(); // the 30 districts are drawn
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // ECharts's tooltip is a div in the map's container; the district's name is in it, as text.
  const tooltip = map.locator('div').filter({ hasText: 'onerror' }).last();
  await tooltip.waitFor({ state: 'visible' });
  const shown = await tooltip.innerText();
  assert.ok(shown.includes(hostile), `the name is shown literally: ${shown}`);
  assert.match(shown, /UBND (Quận|Huyện|Thị xã) /);
  assert.equal(await map.locator('img').count(), 0, 'no element made from the name');
  // The same names in the tables (React text) and the breakdown: shown, never run.
  assert.ok((await page.getByRole('region', { name: /^Quận, huyện, thị xã/ }).innerText()).includes(hostile));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'the onerror handler never ran');
  assert.deepEqual(violations, [], 'nothing was blocked: the name never became markup');
  await context.close();
});

test('pages carry a nonce-based CSP, no framing, nosniff and Referrer-Policy; the portal renders with no CSP violation', { timeout: 180_000 }, async (t) => {
  const first = await fetch(`${base}/bao-cao`);
  const second = await fetch(`${base}/bao-cao`);
  assert.equal(first.status, 200);
  const csp = first.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, 'scripts run only with the nonce');
  assert.notEqual(csp, second.headers.get('content-security-policy'), 'a fresh nonce per page');
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const html = await first.text();
  assert.ok(html.includes(`nonce="${nonce}"`), 'Next.js puts the nonce on its scripts');
  for (const response of [first, await fetch(`${base}/?${view}`), await fetch(`${base}/dang-nhap`), await manual(`${base}/phien/thoat`)]) {
    assert.equal(response.headers.get('x-frame-options'), 'DENY', response.url);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', response.url);
    assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin', response.url);
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, response.url);
  }

  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const { page, violations } = await watchedPage(context);
  // Every kind of page, with its charts drawn (the client scripts ran under the policy).
  await page.goto(`${base}/?${view}`);
  await page.locator('[role="img"] svg').first().waitFor();
  await page.locator('.map svg path').nth(29).waitFor();
  await page.getByRole('region', { name: /^Quận, huyện, thị xã/ }).getByRole('row').nth(1).getByRole('link').click();
  await page.waitForURL(/\/co-quan\//);
  await page.locator('[role="img"] svg').first().waitFor();
  await page.goto(`${base}/xep-hang?${view}&kind=commune`);
  await page.locator('table.breakdown tbody tr').first().waitFor();
  await page.goto(`${base}/dang-nhap?next=%2Fbao-cao`);
  await page.getByLabel('Tài khoản').selectOption('sonoivu');
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/bao-cao');
  await page.getByRole('form', { name: 'Lập báo cáo' }).waitFor();
  await page.goto(`${base}/ngon-ngu?lang=en&next=%2Fbao-cao`);
  await page.getByRole('heading', { level: 1, name: 'Periodic reports' }).waitFor();
  assert.deepEqual(violations, [], 'no Content-Security-Policy violation in Chromium');

  // Another site cannot show /bao-cao in a frame.
  const framing: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><title>framing</title><iframe src="${base}/bao-cao" width="800" height="600"></iframe>`);
  });
  const framingPort = await freePort();
  await new Promise<void>((resolve) => framing.listen(framingPort, '127.0.0.1', resolve));
  try {
    const framer = await context.newPage();
    await framer.goto(`http://127.0.0.1:${framingPort}/`);
    await framer.waitForTimeout(1500);
    const frame = framer.frames().find((f) => f !== framer.mainFrame());
    const inside = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    assert.ok(!/Báo cáo định kỳ|Periodic reports/.test(inside), `the report center is not shown inside another site's page: ${inside.slice(0, 80)}`);
  } finally {
    await new Promise((resolve) => framing.close(resolve));
  }
  await context.close();
});

test('redirects stay on the portal: encoded backslash, tab, double slash and CRLF in `next` go to the overview, never 500', async () => {
  const vectors = ['/%5Cevil.example', '/%5C%5Cevil.example', '/%09/evil.example', '//evil.example', '/\\evil.example', '/%2F%2Fevil.example', '/%0d%0aSet-Cookie:%20x=1', '%2F%0D%0ALocation:%20https://evil.example', 'https://evil.example/'];
  for (const next of vectors) {
    // As a link carries it: the vector is the query's raw text (so %5C reaches the portal as "\").
    const response = await manual(`${base}/ngon-ngu?lang=vi&next=${next.replace(/\\/g, '%5C')}`);
    assert.equal(response.status, 303, `${next}: ${response.status}`);
    assert.equal(response.headers.get('location'), '/', next);
    assert.equal(response.headers.get('set-cookie')?.includes('x=1'), false, next);
  }
  const kept = await manual(`${base}/ngon-ngu?lang=vi&next=${encodeURIComponent('/co-quan/000.00.31.H26?from=2025-01-01')}`);
  assert.equal(kept.headers.get('location'), '/co-quan/000.00.31.H26?from=2025-01-01');

  // The sign-in form's `next`, with a right and a wrong password.
  const signIn = (password: string, next: string) => manual(`${base}/phien`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ username: 'lanhdao', password, next }),
  });
  for (const next of ['/\\evil.example', '/\t/evil.example', '/\r\nSet-Cookie: x=1']) {
    const good = await signIn('demo', next);
    assert.equal(good.status, 303, JSON.stringify(next));
    assert.equal(good.headers.get('location'), '/', JSON.stringify(next));
    const bad = await signIn('wrong', next);
    assert.equal(bad.headers.get('location'), '/dang-nhap?loi=1&next=%2F', JSON.stringify(next));
  }
  // The sign-in page does not carry a foreign `next` into its form.
  const page = await shownHtml(`${base}/dang-nhap?next=%5C%5Cevil.example`);
  assert.match(page, /<input type="hidden" name="next" value="\/"\/>/);
  assert.doesNotMatch(page, /evil\.example/);
});

test('an agency address with a stray percent sign is an unknown agency, never a 500', async () => {
  // `%25` arrives as "%" once the address is decoded: a second decoding threw (URIError) and the
  // page, the chasing letter and the Excel list answered 500.
  for (const address of ['/co-quan/%25', '/co-quan/%25/van-ban-qua-han', '/co-quan/%25/van-ban-qua-han/excel', '/co-quan/%25/cong-van-don-doc']) {
    const response = await manual(`${base}${address}?${view}`);
    assert.ok(response.status < 500, `${address}: ${response.status}`);
    assert.doesNotMatch(await response.text(), /URIError|at .*\.js:\d+/, address);
  }
  // The portal's own links still reach the agency.
  const page = await fetch(`${base}/co-quan/${encodeURIComponent('000.00.00.H26')}?${view}`);
  assert.equal(page.status, 200);
});

test('a section the API refuses says so in Vietnamese where it stands; the rest of the page stays', async () => {
  // Twenty years: the monthly trend is more points than a series holds, and the API refuses it (400).
  // Thrown, that replaced the whole overview with Next's English "Application error".
  const response = await fetch(`${base}/?from=2005-01-01&to=2025-06-30&view=as_was`);
  const html = await response.text();
  assert.equal(response.status, 200);
  assert.doesNotMatch(html, /Application error|server-side exception/);
  assert.match(html, /role="alert"/);
  assert.match(html, /data-testid="headline-figures"|Văn bản đến/, 'the figures of the period are still there');
});

test('forms posted from another site are refused (403, in Vietnamese); the portal\'s own still work', async () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  const demo = { username: 'lanhdao', password: 'demo', next: '/' };
  const foreign: Record<string, string>[] = [{ origin: 'http://evil.example' }, { referer: 'http://evil.example/page' }, {}, { origin: 'null' }];
  for (const headers of foreign) {
    for (const target of ['/phien', '/bao-cao/lap']) {
      const response = await manual(`${base}${target}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: form(target === '/phien' ? demo : { period: 'monthly', calendar: 'false', at: '2025-05-20', scope: '000.00.00.H26', view: 'as_was', format: 'xlsx' }),
      });
      assert.equal(response.status, 403, `${target} ${JSON.stringify(headers)}`);
      assert.match(await response.text(), /Yêu cầu bị từ chối/);
      assert.equal(response.headers.get('set-cookie'), null, 'no sign-in happened');
    }
  }
  const own = await manual(`${base}/phien`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: form(demo) });
  assert.equal(own.status, 303);
  assert.match(own.headers.get('set-cookie') ?? '', /vanban_token=/);
  const byReferer = await manual(`${base}/phien`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${base}/dang-nhap` }, body: form(demo) });
  assert.equal(byReferer.status, 303);
});

test('cookies are Secure when the portal is reached over https (X-Forwarded-Proto), and only then', async () => {
  const secureFlag = (response: Response) => response.headers.getSetCookie().map((c) => /;\s*Secure/i.test(c));
  const overHttps = await manual(`${base}/ngon-ngu?lang=en&next=/`, { headers: { 'x-forwarded-proto': 'https' } });
  assert.deepEqual(secureFlag(overHttps), [true]);
  const overHttp = await manual(`${base}/ngon-ngu?lang=en&next=/`);
  assert.deepEqual(secureFlag(overHttp), [false]);
  const signIn = await manual(`${base}/phien`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-forwarded-proto': 'https' },
    body: new URLSearchParams({ username: 'lanhdao', password: 'demo', next: '/' }),
  });
  const flags = secureFlag(signIn);
  assert.ok(flags.length >= 2 && flags.every(Boolean), `every session cookie is Secure: ${signIn.headers.getSetCookie().join(' | ')}`);
  assert.ok(signIn.headers.getSetCookie().every((c) => /HttpOnly/i.test(c)));
});

test('an altered OpenID sign-in cookie gives a sentence and a way to try again, not a 500', async () => {
  for (const cookie of ['vanban_oidc=not-json', 'vanban_oidc=%7B%22state%22%3A5%7D', 'vanban_oidc=null', 'vanban_oidc=%5B%5D']) {
    const response = await manual(`${base}/phien/oidc/callback?code=abc&state=xyz`, { headers: { cookie } });
    assert.equal(response.status, 303, cookie);
    assert.match(response.headers.get('location') ?? '', /^\/dang-nhap\?loi=/, cookie);
  }
  const stale = await manual(`${base}/phien/oidc/callback?code=abc&state=xyz`, { headers: { cookie: 'vanban_oidc=not-json' } });
  const page = await (await fetch(`${base}${stale.headers.get('location')}`)).text();
  assert.match(page, /role="alert"[^>]*>[^<]*(Phiên đăng nhập|Không đăng nhập được)/);
  assert.match(page, /Đăng nhập/);
});

test('/bao-cao?loi= shows only the portal\'s own sentences, chosen by code', async () => {
  const planted = 'Tài khoản của bạn bị khóa, hãy gọi 0900 000 000';
  const page = await shownHtml(`${base}/bao-cao?${new URLSearchParams({ loi: planted })}`);
  assert.ok(!page.includes('0900 000 000'), 'text from the URL is not shown');
  assert.doesNotMatch(page, /Không lập được báo cáo/);
  const known = await shownHtml(`${base}/bao-cao?loi=ban`);
  assert.match(known, /Không lập được báo cáo: máy chủ đang lập nhiều báo cáo; vui lòng thử lại sau ít phút\./);
});
