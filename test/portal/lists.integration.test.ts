// Lists a leader acts on, in a real browser (Debian's Chromium via Playwright) against the API and the
// built portal over a simulated Hanoi that runs past the 2025 reorganisation: the overdue list
// filtered, paged and exported; who holds documents, per agency; rankings that open on a kind that
// exists, sorted and cut to the first or last ten; finding an agency by a name typed without
// diacritics. Everything on screen or in a file is compared with the API's answer for the same view.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable, chromiumPath, portalUnderTest } from '../support/portal.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'test-artifacts', 'portal-lists');
const docs = path.join(root, 'docs');
const city = '000.00.00.H26';
const today = '2026-03-31';
const period2026 = 'from=2026-01-01&to=2026-03-31&view=as_was';
const period2025 = 'from=2025-01-01&to=2025-06-30&view=as_was';
const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

let browser: Browser | undefined;
let base = '';
let token = '';
let close = async () => {};

before(async () => {
  if (!chromiumAvailable()) return;
  mkdirSync(artifacts, { recursive: true });
  ({ base, browser, close } = await portalUnderTest('portal-lists', { seed: 21, scale: 0.001, until: today }, today));
  const signIn = await (await fetch(`${base}/api/demo/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lanhdao', password: 'demo' }) })).json() as { access_token: string };
  token = signIn.access_token;
});
after(() => close());

/** The API's answer as the leader. */
async function api<T>(pathAndQuery: string): Promise<T> {
  const response = await fetch(`${base}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `${pathAndQuery}: ${await response.clone().text()}`);
  return response.json() as Promise<T>;
}

interface Listed {
  agency_code: string; agency_name: string; reg_number: number; received_date: string; due_date: string | null; urgency: string; days_overdue: number;
  assignees: { role: string; unit: string | null; staff_name: string | null }[];
}
interface ListAnswer { total: number; documents: Listed[] }
const key = (d: Listed) => `${d.agency_code}/${d.received_date}/${d.reg_number}`;

async function everyOverdue(query: string): Promise<Listed[]> {
  const all: Listed[] = [];
  for (let page = 1; ; page++) {
    const answer = await api<ListAnswer>(`/api/v1/documents/open?overdue=true&page_size=200&page=${page}&${query}`);
    all.push(...answer.documents);
    if (answer.documents.length === 0 || all.length >= answer.total) return all;
  }
}

async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${base}/dang-nhap?next=${encodeURIComponent(`/?${period2026}`)}`);
  await page.getByLabel('Tài khoản').selectOption('lanhdao');
  await page.getByLabel('Mật khẩu').fill('demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Lãnh đạo UBND Thành phố').waitFor();
  return { context, page };
}

async function assertAccessible(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], `${name}: no serious or critical accessibility violation`);
}

/** The rows of the overdue table on screen, by their key. */
const shownKeys = (page: Page) => page.getByTestId('overdue-list').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

test('the overdue list: filtered by agency and urgency, paged and exported as the API lists it; signed out it asks to sign in', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  // Signed out, the list is not shown: a sentence with the way to sign in.
  const anonymous = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const outside = await anonymous.newPage();
  await outside.goto(`${base}/co-quan/${city}/van-ban-qua-han?${period2026}`);
  await outside.getByRole('link', { name: 'Đăng nhập' }).last().waitFor();
  assert.equal(await outside.getByTestId('overdue-list').count(), 0, 'no document signed out');
  await anonymous.close();

  const { context, page } = await signedIn();
  await page.goto(`${base}/?${period2026}`);
  // The agency whose subtree holds most overdue documents of one urgency (more than a page of them).
  const all = await everyOverdue(`agency=${city}`);
  assert.ok(all.length > 0, 'the simulated city has overdue documents');
  const trees = await Promise.all([today, '2025-06-30'].map((date) => api<{ agencies: { code: string; parent_code: string | null }[] }>(`/api/v1/agencies?date=${date}`)));
  const parent = new Map(trees.flatMap((tree) => tree.agencies.map((a) => [a.code, a.parent_code] as const)).reverse());
  const tally = new Map<string, number>();
  for (const d of all) {
    for (let at: string | null | undefined = d.agency_code; at && at !== city; at = parent.get(at)) tally.set(`${at}|${d.urgency}`, (tally.get(`${at}|${d.urgency}`) ?? 0) + 1);
  }
  const [choice] = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  const [agency, urgency] = choice![0].split('|') as [string, string];
  assert.ok(choice![1] > 20, `a filtered list of more than one page (${choice![1]})`);

  await page.getByRole('link', { name: /^Xem toàn bộ .* văn bản quá hạn/ }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/van-ban-qua-han'));
  assert.equal(await page.title(), 'Văn bản quá hạn chưa xử lý, UBND Thành phố Hà Nội — Phân tích xử lý văn bản', 'the tab names whose list it is');
  const form = page.getByRole('form', { name: 'Lọc văn bản quá hạn' });
  await form.getByLabel('Cơ quan nhận').selectOption(agency);
  await form.getByLabel('Độ khẩn').selectOption(urgency);
  await form.getByRole('button', { name: 'Lọc' }).click();
  await page.waitForURL((url) => url.searchParams.get('khan') === urgency);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('from'), '2026-01-01', 'the period is kept');
  assert.equal(url.searchParams.get('co_quan'), agency);

  const filtered = `agency=${encodeURIComponent(agency)}&urgency=${urgency}`;
  const first = await api<ListAnswer>(`/api/v1/documents/open?overdue=true&page_size=20&${filtered}`);
  // (the API's subtree may hold more: agencies ended before the trees the test read)
  assert.ok(first.total >= choice![1], `the API holds at least what the test counted (${first.total} ≥ ${choice![1]})`);
  assert.equal(await page.locator('#overdue-title').getAttribute('data-total'), String(first.total));
  assert.match(await page.locator('#overdue-title').innerText(), new RegExp(`^${count.format(first.total).replace(/\./g, '\\.')} văn bản quá hạn`));
  assert.deepEqual(await shownKeys(page), first.documents.map(key), 'page 1 as the API lists it');
  const firstRow = page.getByTestId('overdue-list').locator('tbody tr').first();
  assert.match(await firstRow.innerText(), new RegExp(`${count.format(first.documents[0]!.days_overdue)} ngày làm việc`));
  assert.ok((await firstRow.innerText()).includes(first.documents[0]!.agency_name), 'the receiving agency is shown');
  // Urgency, dates and who handles it, in each row as the API lists them (labels from kpi.md's Vietnamese).
  const urgencies: Record<string, string> = { normal: 'Thường', urgent: 'Khẩn', very_urgent: 'Thượng khẩn', flash: 'Hỏa tốc' };
  const roles: Record<string, string> = { lead: 'Chủ trì', support: 'Phối hợp', info: 'Để biết' };
  const dmy = (iso: string) => iso.split('-').reverse().join('/');
  const rowsShown = await page.getByTestId('overdue-list').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
  first.documents.forEach((d, i) => {
    const cells = rowsShown[i]!;
    assert.deepEqual([cells[3], cells[4], cells[5]], [urgencies[d.urgency], dmy(d.received_date), d.due_date ? dmy(d.due_date) : '—'], `row ${i + 1}: urgency and dates`);
    const handlers = d.assignees.map((a) => `${roles[a.role]}: ${[a.unit, a.staff_name].filter(Boolean).join(' — ') || '—'}`);
    assert.equal(cells[7], handlers.length === 0 ? 'Chưa giao xử lý' : [...handlers, `thuộc ${d.agency_name}`].join('\n'), `row ${i + 1}: who handles it, with their agency`);
  });
  assert.ok(first.documents.some((d) => d.assignees.some((a) => a.role === 'lead' && a.staff_name)), 'some row names its lead person');
  await page.screenshot({ path: path.join(docs, 'portal-overdue-list-1440x900.png') });
  await assertAccessible(page, 'overdue list');

  await page.getByRole('navigation', { name: 'Các trang của danh sách' }).getByRole('link', { name: 'Trang 2', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('trang') === '2');
  const second = await api<ListAnswer>(`/api/v1/documents/open?overdue=true&page_size=20&page=2&${filtered}`);
  assert.deepEqual(await shownKeys(page), second.documents.map(key), 'page 2 as the API lists it');
  assert.equal(new URL(page.url()).searchParams.get('khan'), urgency, 'paging keeps the filters');

  // The Excel file: the whole filtered list, in the list's order.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải danh sách đã lọc (Excel)' }).click()]);
  const file = path.join(artifacts, download.suggestedFilename());
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Văn bản quá hạn')!;
  const headers = (sheet.getRow(4).values as unknown[]).slice(1).map(String);
  const column = (name: string) => headers.indexOf(name) + 1;
  const rows = [];
  for (let r = 5; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const received = row.getCell(column('Ngày đến')).value as Date;
    rows.push({ key: `${row.getCell(column('Mã cơ quan nhận')).value}/${received.toISOString().slice(0, 10)}/${row.getCell(column('Số đến')).value}`, days: row.getCell(column('Số ngày làm việc quá hạn')).value });
  }
  const whole = await everyOverdue(filtered);
  assert.deepEqual(rows, whole.map((d) => ({ key: key(d), days: d.days_overdue })), 'the workbook holds the filtered list');

  // Newest overdue first: the same filter, the other order, as the API orders it.
  await page.getByRole('form', { name: 'Lọc văn bản quá hạn' }).getByLabel('Thứ tự').selectOption('moi-qua-han');
  await page.getByRole('form', { name: 'Lọc văn bản quá hạn' }).getByRole('button', { name: 'Lọc' }).click();
  await page.waitForURL((u) => u.searchParams.get('thu_tu') === 'moi-qua-han');
  const newest = await api<ListAnswer>(`/api/v1/documents/open?overdue=true&page_size=20&order=newest_overdue&${filtered}`);
  assert.deepEqual(await shownKeys(page), newest.documents.map(key));

  // A filter value the portal does not know is said, not sent on.
  await page.goto(`${base}/co-quan/${city}/van-ban-qua-han?${period2026}&khan=rat-khan`);
  await page.getByTestId('rejected-filters').waitFor();
  const excel = await fetch(`${base}/co-quan/${city}/van-ban-qua-han/excel?${period2026}&khan=rat-khan`, { headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
  assert.equal(excel.status, 400, 'an unknown filter in the file\'s address is a 400');

  // The session ended while the list was open (signed out in another tab, say): the file's link
  // shows why there is no file instead of saving that sentence as one (the links carried the
  // `download` attribute, under which the browser saves whatever comes, errors included; the files
  // are attachments by their own headers).
  await page.goto(`${base}/co-quan/${city}/van-ban-qua-han?${period2026}`);
  await context.clearCookies();
  await page.getByRole('link', { name: 'Tải danh sách đã lọc (Excel)' }).click();
  await page.getByText('Vui lòng đăng nhập để tải danh sách văn bản quá hạn.').waitFor({ timeout: 15_000 });
  await context.close();
});

test('who holds documents: units and people of each agency, as the API groups them', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const { context, page } = await signedIn();
  await page.goto(`${base}/?${period2026}`);
  const load = await api<{ units: { agency_code: string; agency_name: string; unit: string; open: number; overdue: number }[]; staff: { agency_name: string; staff: string }[] }>(`/api/v1/documents/workload?agency=${city}&limit=10`);
  const holders = page.getByTestId('holders');
  const units = await holders.getByTestId('holder-units').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
  assert.deepEqual(units, load.units.map((u) => [u.unit || 'Chưa giao đơn vị', u.agency_name, count.format(u.open), count.format(u.overdue)]));
  const staff = await holders.getByTestId('holder-staff').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
  assert.deepEqual(staff.map((s) => [s[0], s[2]]), load.staff.map((s) => [s.staff, s.agency_name]));
  // On a phone the two tables scroll in their own boxes, which a keyboard can reach, and the page
  // stays as wide as the phone (the five columns of the officers' table widened it).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/?${period2026}`);
  await holders.getByTestId('holder-staff').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the phone');
  for (const name of ['Đơn vị chủ trì (nhiều văn bản quá hạn nhất trước)', 'Cán bộ chủ trì xử lý']) {
    assert.equal(await holders.getByRole('region', { name }).getAttribute('tabindex'), '0', name);
  }
  await context.close();
});

test('rankings: open on a kind with agencies in 2026 and in 2025, sort by a column, first and last ten', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  type Ranking = { children: { rank: number | null; agency: { code: string; name: string }; kpis: { incoming: { open_overdue: number } } }[] };
  const ranking = (period: string, kind: string) => api<Ranking>(`/api/v1/kpis/breakdown?agency=${city}&${period}&kind=${kind}&rank_by=on_time_rate`);
  const rows = page.getByTestId('ranking').locator('tbody tr');
  const codes = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));

  for (const period of [period2026, period2025]) {
    const counts = await Promise.all(['district', 'commune', 'department'].map(async (kind) => [kind, (await ranking(period, kind)).children.length] as const));
    const expected = counts.find(([, n]) => n > 0)![0];
    await page.goto(`${base}/xep-hang?${period}`);
    const current = page.getByRole('navigation', { name: 'Loại cơ quan' }).locator('[aria-current="true"]');
    const api = await ranking(period, expected);
    assert.ok(api.children.length > 0);
    assert.deepEqual(await codes(), api.children.map((c) => c.agency.code), `${period}: opens on ${expected}, as the API ranks it`);
    assert.ok((await current.getAttribute('href'))!.includes(`kind=${expected}`), `${period}: ${expected} is the chosen kind`);
    for (const [kind, n] of counts.filter(([, n]) => n === 0)) {
      assert.equal(n, 0);
      assert.equal(await page.getByRole('navigation', { name: 'Loại cơ quan' }).locator(`a[href*="kind=${kind}"]`).count(), 0, `${kind}: no link to an empty ranking`);
      await page.getByTestId('kinds-without-agencies').waitFor();
    }
  }
  // 2026: no district existed; asked for anyway, a sentence and no table or file.
  await page.goto(`${base}/xep-hang?${period2026}&kind=district`);
  await page.getByTestId('empty-ranking').waitFor();
  assert.equal(await page.getByRole('link', { name: /Excel/ }).count(), 0, 'no Excel link for an empty ranking');
  assert.equal((await fetch(`${base}/xep-hang/excel?${period2026}&kind=district`)).status, 404);

  // Districts over their last years: enough documents for most to rank.
  const periodLong = 'from=2022-01-01&to=2025-06-30&view=as_was';
  // One rank per kind everywhere: the overview's table of districts and /xep-hang give each
  // district the rank the API's city-wide ranking gives it.
  const byDistrict = await api<Ranking>(`/api/v1/kpis/breakdown?agency=${city}&${periodLong}&kind=district&rank_by=on_time_rate`);
  const rankOf = new Map(byDistrict.children.map((c) => [c.agency.code, c.rank === null ? '—' : String(c.rank)]));
  assert.ok([...rankOf.values()].some((rank) => rank !== '—'), 'some districts rank');
  await page.goto(`${base}/?${periodLong}`);
  const overviewRows = page.locator('section[aria-labelledby="kind-district"] tbody tr');
  await overviewRows.first().waitFor();
  const onOverview = await overviewRows.evaluateAll((trs) => trs.map((tr) => [
    decodeURIComponent(new URL(tr.querySelector('th a')!.getAttribute('href')!, location.href).pathname.split('/').pop()!), tr.querySelector('td')!.textContent!.trim()]));
  await page.goto(`${base}/xep-hang?${periodLong}&kind=district`);
  const onRankings = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-code')!, tr.querySelector('td')!.textContent!.trim()]));
  assert.ok(onOverview.length > 0 && onRankings.length > 0);
  for (const [where, shown] of [['overview', onOverview], ['xep-hang', onRankings]] as const) {
    for (const [code, rank] of shown) assert.equal(rank, rankOf.get(code!), `${where}: ${code}`);
  }
  // By the online rate, sorted by the overdue column, highest first, ties in ranking order.
  const rankingPage = `${base}/xep-hang?${periodLong}&kind=district&rank_by=online_rate`;
  await page.goto(rankingPage);
  const districts = await api<Ranking>(`/api/v1/kpis/breakdown?agency=${city}&${periodLong}&kind=district&rank_by=online_rate`);
  const ranked = districts.children.filter((c) => c.rank !== null);
  assert.ok(ranked.length > 10, `more than ten districts rank (${ranked.length})`);
  await page.getByRole('columnheader', { name: 'Quá hạn chưa xử lý' }).getByRole('link').click();
  await page.waitForURL((u) => u.searchParams.get('sap_xep') === 'qua-han');
  assert.equal(await page.getByRole('columnheader', { name: 'Quá hạn chưa xử lý' }).getAttribute('aria-sort'), 'descending');
  const byOverdue = districts.children.map((c, i) => ({ c, i })).sort((a, b) => b.c.kpis.incoming.open_overdue - a.c.kpis.incoming.open_overdue || a.i - b.i).map(({ c }) => c.agency.code);
  assert.deepEqual(await codes(), byOverdue);
  // Again: the other way round.
  await page.getByRole('columnheader', { name: 'Quá hạn chưa xử lý' }).getByRole('link').click();
  await page.waitForURL((u) => u.searchParams.get('chieu') === 'tang');
  assert.equal(await page.getByRole('columnheader', { name: 'Quá hạn chưa xử lý' }).getAttribute('aria-sort'), 'ascending');
  const ascending = districts.children.map((c, i) => ({ c, i })).sort((a, b) => a.c.kpis.incoming.open_overdue - b.c.kpis.incoming.open_overdue || a.i - b.i).map(({ c }) => c.agency.code);
  assert.deepEqual(await codes(), ascending);

  // The first and the last ten ranked, in ranking order.
  await page.goto(rankingPage);
  await page.getByRole('link', { name: '10 cơ quan đứng đầu' }).click();
  await page.waitForURL((u) => u.searchParams.get('hien') === 'dau');
  assert.deepEqual(await codes(), ranked.slice(0, 10).map((c) => c.agency.code));
  await page.getByRole('link', { name: '10 cơ quan cuối bảng' }).click();
  await page.waitForURL((u) => u.searchParams.get('hien') === 'cuoi');
  assert.deepEqual(await codes(), ranked.slice(-10).map((c) => c.agency.code));
  // The file holds the rows on screen.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Excel/ }).click()]);
  const file = path.join(artifacts, download.suggestedFilename());
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  assert.deepEqual(workbook.getWorksheet('Xếp hạng')!.getColumn(2).values.slice(5).map(String), ranked.slice(-10).map((c) => c.agency.code));
  // Its title gives the period as the page does, dd/mm/yyyy (it wrote 2022-01-01).
  assert.match(String(workbook.getWorksheet('Xếp hạng')!.getCell('A1').value), /, từ \d{2}\/\d{2}\/\d{4} đến \d{2}\/\d{2}\/\d{4} \(/);
  // The header keeps the period.
  assert.ok((await page.getByRole('navigation', { name: 'Các trang' }).getByRole('link', { name: 'Tổng quan' }).getAttribute('href'))!.includes('from=2022-01-01'), 'the header keeps the period');
  await page.goto(`${base}/xep-hang?${period2026}`);
  await page.screenshot({ path: path.join(docs, 'portal-rankings-1440x900.png') });
  await assertAccessible(page, 'rankings');
  await context.close();
});

/** Vietnamese letters without their marks, by a table (not Unicode decomposition, which the portal uses). */
const plain: Record<string, string> = Object.fromEntries([
  ['a', 'àáảãạăằắẳẵặâầấẩẫậ'], ['e', 'èéẻẽẹêềếểễệ'], ['i', 'ìíỉĩị'], ['o', 'òóỏõọôồốổỗộơờớởỡợ'], ['u', 'ùúủũụưừứửữự'], ['y', 'ỳýỷỹỵ'], ['d', 'đ'],
].flatMap(([to, from]) => [...from!].map((c) => [c, to!])));
const stripMarks = (name: string) => [...name.toLowerCase()].map((c) => plain[c] ?? c).join('');

test('finding an agency by a name typed without diacritics, from the header and from a 404', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  // A commune of before the reorganisation (ended: found too, marked), ideally Phúc Xá.
  const before = await api<{ agencies: { code: string; name: string; kind: string; parent_code: string | null }[] }>('/api/v1/agencies?date=2025-06-30');
  const communes = before.agencies.filter((a) => a.kind === 'commune' && stripMarks(a.name) !== a.name.toLowerCase());
  const target = communes.find((a) => a.name.includes('Phúc Xá')) ?? communes[0]!;
  const typed = stripMarks(target.name).replace(/^(phuong|xa|thi tran) /, '');
  await page.goto(`${base}/xep-hang?${period2025}`);
  await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill(typed);
  await page.getByRole('search', { name: 'Tìm theo tên', exact: true }).getByRole('button', { name: 'Tìm' }).click();
  await page.waitForURL((u) => u.pathname === '/tim-co-quan');
  const result = page.getByTestId('search-results').locator(`li[data-code="${target.code}"]`);
  await result.waitFor();
  const parentName = before.agencies.find((a) => a.code === target.parent_code)?.name;
  if (parentName) assert.ok((await result.innerText()).includes(parentName), 'the parent is named');
  assert.ok((await result.innerText()).includes('Xã, phường, thị trấn'), 'the kind is named');
  await result.getByRole('link', { name: target.name }).click();
  await page.waitForURL((u) => u.pathname === `/co-quan/${encodeURIComponent(target.code)}` || u.pathname === `/co-quan/${target.code}`);
  assert.equal(new URL(page.url()).searchParams.get('from'), '2025-01-01', 'the period is kept');
  await page.getByRole('heading', { level: 1, name: target.name }).waitFor();

  // An unknown agency: the 404 has a search box that finds it.
  const response = await page.goto(`${base}/co-quan/999.99.99.X99`);
  assert.equal(response!.status(), 404);
  await page.getByLabel('Tên cơ quan, đơn vị (gõ có dấu hoặc không dấu)').fill(typed);
  await page.getByRole('search', { name: 'Tìm cơ quan theo tên', exact: true }).getByRole('button', { name: 'Tìm' }).click();
  await page.getByTestId('search-results').locator(`li[data-code="${target.code}"]`).waitFor();
  await assertAccessible(page, 'search results');
  await context.close();
});
