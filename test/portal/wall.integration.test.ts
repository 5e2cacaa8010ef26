// The IOC wall (/man-hinh) in a real browser: Debian's Chromium driven by Playwright against the API
// and the built portal over a simulated Hanoi. The figures on screen are the API's for the same
// period; new e-office activity (Debezium change events ingested and the models rebuilt, as in
// production) reaches the open page without a reload; the data's age ticks, turns red when stale or
// when the feed is lost, and a poll of unchanged figures is a 304. Screenshots go to
// test-artifacts/portal/ and docs/.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryRows } from '@vanban/common';
import { debeziumMessages, ingestMessages, LsnClock, type SourceRow } from '@vanban/ingest';
import { buildModels } from '@vanban/transform';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable, chromiumPath, portalUnderTest } from '../support/portal.js';
import type { SimulatedWarehouse } from '../support/warehouse.js';
import { expectedPercent } from '../support/shown-rate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'test-artifacts', 'portal');
const city = '000.00.00.H26';
const today = '2025-09-30';
// The wall shows the year so far, as the overview opens with.
const period = { from: '2025-01-01', to: today };
const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const rate = (r: number | null) => (r === null ? '—' : `${percent.format(expectedPercent(r))}\u00a0%`);
const red = 'rgb(198, 40, 40)'; // --alarm in dashboard/app/man-hinh/wall.css

let simulated: SimulatedWarehouse | undefined;
let browser: Browser | undefined;
let base = '';
let close = async () => {};

before(async () => {
  if (!chromiumAvailable()) return;
  mkdirSync(artifacts, { recursive: true });
  ({ simulated, base, browser, close } = await portalUnderTest('wall', { seed: 21, scale: 0.001, until: today }, today));
});
after(() => close());

interface Incoming {
  received: number; completed: number; completed_on_time: number; completed_late: number;
  open_on_time: number; open_overdue: number; open_due_soon: number; on_time_rate: number | null; online_rate: number | null;
}
interface Kpis { data_as_of: string | null; period: { as_of: string }; incoming: Incoming; target: { online_rate: number | null; met: boolean | null } }
interface Breakdown { children: { agency: { code: string }; kpis: { incoming: { open_overdue: number } } }[] }

async function api<T>(endpoint: string, extra: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${base}${endpoint}?${new URLSearchParams({ agency: city, ...period, view: 'as_was', ...extra })}`);
  assert.equal(response.status, 200, endpoint);
  return response.json() as Promise<T>;
}

/** What the wall must show, worked out from the API's answers independently of the portal's code. */
async function expectedWall() {
  const kpis = await api<Kpis>('/api/v1/kpis', { scope: 'subtree' });
  const breakdown = await api<Breakdown>('/api/v1/kpis/breakdown');
  const i = kpis.incoming;
  const overdue = breakdown.children.filter((r) => r.kpis.incoming.open_overdue > 0)
    .sort((a, b) => b.kpis.incoming.open_overdue - a.kpis.incoming.open_overdue || a.agency.code.localeCompare(b.agency.code));
  return {
    kpis,
    figures: {
      'overdue': count.format(i.open_overdue), 'on-time-rate': rate(i.on_time_rate), 'due-soon': count.format(i.open_due_soon),
      'online-rate': rate(i.online_rate), 'received': count.format(i.received), 'completed': count.format(i.completed),
    },
    // kpi.md, the five buckets: open on time counts what is not due soon.
    buckets: {
      'completed-on-time': i.completed_on_time, 'completed-late': i.completed_late, 'open-on-time': i.open_on_time - i.open_due_soon,
      'due-soon': i.open_due_soon, 'overdue': i.open_overdue,
    },
    top: overdue.slice(0, 10).map((r) => `${r.agency.code}=${count.format(r.kpis.incoming.open_overdue)}`),
    total: i.open_overdue,
  };
}

/** What the wall shows now. (No named helpers inside the browser's functions: tsx would wrap them in its own.) */
async function wallOnScreen(page: Page) {
  const pairs = (selector: string, key: string, value: string) => page.locator(selector).evaluateAll((nodes, [k, v]) =>
    nodes.map((n) => [n.getAttribute(k!) ?? '', ((n.querySelector(v!) as HTMLElement | null)?.innerText ?? '').trim()]), [key, value]);
  return {
    figures: Object.fromEntries(await pairs('[data-figure]', 'data-figure', '.wall-value')),
    buckets: Object.fromEntries((await pairs('[data-bucket]', 'data-bucket', 'strong')).map(([k, v]) => [k, Number(v!.replace(/\./g, ''))])),
    top: (await pairs('[data-testid="wall-overdue"] li[data-code]', 'data-code', 'strong')).map(([k, v]) => `${k}=${v}`),
    total: Number(await page.getByTestId('wall-overdue-total').getAttribute('data-overdue')),
  };
}

async function assertWallEqualsApi(page: Page, label: string) {
  const expected = await expectedWall();
  const shown = await wallOnScreen(page);
  assert.deepEqual(shown.figures, expected.figures, `${label}: the six figures are the API's`);
  assert.deepEqual(shown.buckets, expected.buckets, `${label}: the five buckets are the API's`);
  assert.deepEqual(shown.top, expected.top, `${label}: the ten agencies with the most overdue documents`);
  assert.equal(shown.total, expected.total, `${label}: the overdue list adds up to the overdue figure`);
  return expected;
}

async function freshness(page: Page) {
  return page.getByTestId('wall-freshness').evaluate((e) => ({
    state: e.getAttribute('data-state'), text: (e as HTMLElement).innerText, background: getComputedStyle(e).backgroundColor,
  }));
}

async function assertFitsScreen(page: Page, label: string) {
  const fit = await page.evaluate(() => {
    const d = document.documentElement;
    // An agency's name among them: a reader cannot hover a wall to see what was cut.
    const boxes = [...document.querySelectorAll('.wall-top, .wall-figure, .wall-status, .wall-overdue, .wall-foot, .wall-agency')];
    return {
      page: { scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight, width: innerWidth, height: innerHeight },
      overflowing: boxes.filter((b) => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1).map((b) => b.className),
    };
  });
  assert.ok(fit.page.scrollWidth <= fit.page.width && fit.page.scrollHeight <= fit.page.height, `${label}: no scrollbar (${JSON.stringify(fit.page)})`);
  assert.deepEqual(fit.overflowing, [], `${label}: nothing overflows its box`);
}

/** "09:30 06/12/2026" from the API's data_as_of, as the wall writes it. */
const asOfText = (iso: string) => `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * New activity in the e-office system, now: clerks register `n` documents received on 1 August 2025,
 * due on 15 August and still open, at an agency that received documents then. They go the way every
 * change does — Debezium change events ingested, the models rebuilt — so data_as_of moves to now.
 */
async function registerOverdueDocuments(n: number): Promise<void> {
  const warehouse = simulated!.warehouse;
  const [agency] = await queryRows<{ id: string }>(warehouse,
    "select toString(agency_id) as id from eoffice_raw.incoming_document final where received_at >= '2025-08-01' and received_at < '2025-08-02' and secrecy = 'none' limit 1");
  assert.ok(agency, 'an agency received documents on 1 August 2025');
  const now = new Date().toISOString().replace('Z', '000Z');
  const at = '2025-08-01T02:00:00.000000Z';
  const document = (k: number): SourceRow => ({
    id: 970_000_000 + k, agency_id: Number(agency.id), reg_number: 97_000 + k, received_at: at, source_notation: `${k}/IOC-THU`, doc_type: 'CV',
    issuer_code: null, issuer_name: 'Đơn vị thử màn hình IOC', issued_date: '2025-07-31', summary: 'Văn bản thử của màn hình IOC', urgency: 'normal',
    secrecy: 'none', channel: 'paper', due_date: '2025-08-15', status: 'registered', handled_on_system: true, completed_at: null,
    from_dispatch_id: null, created_at: now, updated_at: now,
  });
  const tx = { txId: 3e9, commitTime: now, changes: Array.from({ length: n }, (_, k) => ({ table: 'incoming_document' as const, op: 'c' as const, before: null, after: document(k) })) };
  const totals = await ingestMessages(warehouse, debeziumMessages([tx], new LsnClock(2 ** 44)), { source: 'test' });
  assert.equal(totals.deadLetters, 0);
  await buildModels(warehouse);
}

async function newPage(width: number, height: number): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser!.newContext({ viewport: { width, height }, locale: 'vi-VN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

test('the wall shows the API\'s figures full screen, and new activity reaches it without a reload', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const { context, page, problems } = await newPage(1920, 1080);
  const polls: number[] = [];
  page.on('response', (response) => { if (new URL(response.url()).pathname === '/man-hinh/so-lieu') polls.push(response.status()); });
  // Documents loaded (the App Router's own history.replaceState is a navigation too, a load it is not).
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(`${base}/man-hinh?giay=5`);
  await page.getByRole('heading', { level: 1, name: 'UBND Thành phố Hà Nội — Tình hình xử lý văn bản' }).waitFor();
  assert.match(await page.title(), /^Màn hình IOC — UBND Thành phố Hà Nội/);
  const before = await assertWallEqualsApi(page, 'on opening');
  assert.ok(before.kpis.incoming.received > 0 && before.total > 0, 'the period has documents and overdue ones');
  // Nothing to click on a wall (the layout's skip link, shown on keyboard focus only, aside).
  assert.equal(await page.locator('a:not(.skip-link), button, input, select').count(), 0, 'nothing to click on a wall');
  // The simulated history ends on 30 September 2025: its figures are long stale, and the wall says so in red.
  const old = await freshness(page);
  assert.equal(old.state, 'stale');
  assert.equal(old.background, red);
  assert.ok(old.text.includes(`Số liệu đến ${asOfText(before.kpis.data_as_of!)}`), old.text);
  assert.match(old.text, /Số liệu cũ: quá 15 phút chưa cập nhật/);
  assert.match(old.text, /cập nhật \d+ ngày trước/);
  await assertFitsScreen(page, '1920×1080');
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], 'no serious or critical accessibility violation');

  // Unchanged figures: the next poll is a 304 and the screen stays as it is.
  const deadline = Date.now() + 15_000;
  while (!polls.includes(304) && Date.now() < deadline) await page.waitForTimeout(250);
  assert.ok(polls.includes(304), `a poll of unchanged figures is answered 304 (${polls.join(', ')})`);
  await assertWallEqualsApi(page, 'after a 304');

  // New activity while the page stays open.
  await page.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
  await registerOverdueDocuments(3);
  // The API reads data_as_of at most every 0.5 s (api/src/http/read-cache.ts, asOfTtlMs): right after
  // the build, an answer may still be the one of a moment before, as the IOC would see it.
  let after = await expectedWall();
  for (const deadline = Date.now() + 5_000; after.kpis.data_as_of === before.kpis.data_as_of && Date.now() < deadline;) {
    await page.waitForTimeout(100);
    after = await expectedWall();
  }
  assert.equal(after.kpis.incoming.received, before.kpis.incoming.received + 3, 'the API counts the new documents');
  assert.equal(after.kpis.incoming.open_overdue, before.kpis.incoming.open_overdue + 3, 'the new documents are overdue');
  await page.waitForFunction((expected) => document.querySelector('[data-figure="received"] .wall-value')?.textContent === expected,
    after.figures.received, { timeout: 30_000 });
  await assertWallEqualsApi(page, 'after new activity');
  assert.equal(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload), true, 'the page was not reloaded');
  assert.equal(loads, 1, 'no document loaded after the first');
  // data_as_of is now: fresh, no red, and the age ticks by itself.
  const fresh = await freshness(page);
  assert.equal(fresh.state, 'fresh', fresh.text);
  assert.notEqual(fresh.background, red);
  assert.ok(fresh.text.includes(`Số liệu đến ${asOfText(after.kpis.data_as_of!)}`), fresh.text);
  assert.match(fresh.text, /cập nhật \d+ giây trước/);
  mkdirSync(path.join(root, 'docs'), { recursive: true });
  await page.screenshot({ path: path.join(root, 'docs', 'portal-wall-1920x1080.png') });
  await page.screenshot({ path: path.join(artifacts, 'wall-1920x1080.png') });

  // The feed lost: the figures stay, the age says so in red; back when the feed is.
  await page.route('**/man-hinh/so-lieu', (route) => route.abort('connectionfailed'));
  await page.waitForFunction(() => document.querySelector('[data-testid="wall-freshness"]')?.getAttribute('data-state') === 'offline', undefined, { timeout: 15_000 });
  const lost = await freshness(page);
  assert.match(lost.text, /Mất kết nối, đang thử lại/);
  assert.equal(lost.background, red);
  assert.equal((await wallOnScreen(page)).figures['received'], after.figures.received, 'the last figures stay on screen');
  const lostProblems = problems.length;
  await page.unroute('**/man-hinh/so-lieu');
  await page.waitForFunction(() => document.querySelector('[data-testid="wall-freshness"]')?.getAttribute('data-state') === 'fresh', undefined, { timeout: 15_000 });
  // The aborted requests are the browser's own console errors; nothing else may be there.
  assert.deepEqual(problems.slice(0, lostProblems).filter((p) => !/ERR_FAILED|ERR_CONNECTION|Failed to load resource/.test(p)), [], 'no console errors (hydration included)');
  assert.equal(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload), true, 'still the same page');
  await context.close();
});

test('the age ticks every second without a request; a tiny stale threshold turns it red; 3840×2160 fits', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const { context, page, problems } = await newPage(1920, 1080);
  const polls: string[] = [];
  page.on('request', (request) => { if (new URL(request.url()).pathname === '/man-hinh/so-lieu') polls.push(request.url()); });
  await page.goto(`${base}/man-hinh?giay=300`);
  const age = page.getByTestId('wall-freshness').locator('[data-part="age"]');
  await age.waitFor();
  // Whatever unit the text is in (seconds or, here, days), the age under it (ms) moves every second.
  const ages = [];
  for (let i = 0; i < 3; i++) {
    ages.push(Number(await age.getAttribute('data-age-ms')));
    await page.waitForTimeout(1100);
  }
  assert.ok(ages[0]! < ages[1]! && ages[1]! < ages[2]!, `the age ticks (${ages.join(', ')})`);
  assert.deepEqual(polls, [], 'without asking the server');

  // ?cu=0: any age is stale — red, with the words.
  await page.goto(`${base}/man-hinh?cu=0`);
  const zero = await freshness(page);
  assert.equal(zero.state, 'stale');
  assert.equal(zero.background, red);
  assert.match(zero.text, /Số liệu cũ: quá 0 phút chưa cập nhật/);
  assert.deepEqual(problems, [], 'no console errors (hydration included)');
  await context.close();

  const big = await newPage(3840, 2160);
  await big.page.goto(`${base}/man-hinh`);
  await big.page.getByTestId('wall-overdue').waitFor();
  await assertFitsScreen(big.page, '3840×2160');
  // The type grows with the screen: twice the width, twice the figures.
  const size = await big.page.locator('[data-figure="overdue"] .wall-value').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 150, `large type at 3840×2160 (${size}px)`);
  await big.page.screenshot({ path: path.join(artifacts, 'wall-3840x2160.png') });
  assert.deepEqual(big.problems, [], 'no console errors at 3840×2160');
  await big.context.close();
});

test('the wall\'s feed: JSON with an ETag, 304 while the figures are current', { timeout: 60_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const first = await fetch(`${base}/man-hinh/so-lieu`);
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.ok(etag, 'an ETag');
  const body = await first.json() as { figures: { received: number }; period: { from: string; to: string } };
  assert.deepEqual({ from: body.period.from, to: body.period.to }, period);
  assert.equal(body.figures.received, (await api<Kpis>('/api/v1/kpis', { scope: 'subtree' })).incoming.received);
  const again = await fetch(`${base}/man-hinh/so-lieu`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  // In English the labels differ, so the ETag does too.
  const english = await fetch(`${base}/man-hinh/so-lieu`, { headers: { 'if-none-match': etag, cookie: 'vanban_lang=en' } });
  assert.equal(english.status, 200);
  assert.notEqual(english.headers.get('etag'), etag);
});
