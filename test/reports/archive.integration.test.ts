// Reports over the API and on schedule: a report generated on demand is archived with who asked and
// its SHA-256, listed to those whose subtree holds its scope, and downloaded again byte for byte;
// the scheduler makes each closed period's report once, waits for data past a cut-off, and an
// archived file that no longer matches its hash is refused rather than served.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { buildApp, ReportGenerator, ReportScheduler, dueReports, lastClosedPeriod, sha256, type ArchiveEntry } from '@vanban/api';
import { simulatedWarehouse } from '../support/warehouse.js';

const today = '2025-09-30';
const city = '000.00.00.H26';
const simulated = await simulatedWarehouse('report-archive', { seed: 25, scale: 0.0005, until: today });
const app = await buildApp({ warehouse: simulated.warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await simulated.remove();
});

const signIn = async (username: string) => {
  const body = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username, password: 'demo' } })).json();
  return { authorization: `Bearer ${body.access_token}` };
};
const quietLog = { info: () => undefined, error: (_: object, message: string) => assert.fail(message) };

test('a report made through the API is archived with its requester and comes back byte for byte', async () => {
  const homeAffairs = await signIn('sonoivu');
  const wanted = { period: 'monthly', at: '2025-06-01', scope: city, format: 'xlsx' };
  const anonymous = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: wanted });
  assert.equal(anonymous.statusCode, 401, 'anonymous callers may read the archive but not make reports');

  const made = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload: wanted });
  assert.equal(made.statusCode, 201, made.body);
  const entry = made.json() as ArchiveEntry & { download_url: string };
  assert.equal(made.headers['location'], `/api/v1/reports/${entry.id}`);
  assert.deepEqual(
    { by: entry.requested_by, via: entry.requested_via, from: entry.period_from, to: entry.period_to, scope: entry.scope_code, format: entry.format, view: entry.view },
    { by: 'person:sonoivu', via: 'api', from: '2025-05-15', to: '2025-06-14', scope: city, format: 'xlsx', view: 'as_was' },
  );
  assert.equal(entry.requested_by_name, 'Sở Nội vụ', 'the person\'s name as their token gives it');
  assert.equal(entry.file_name, `bao-cao_2025-05-15_2025-06-14_${city}.xlsx`);

  const first = await app.inject({ url: entry.download_url });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(first.headers['content-disposition'], `attachment; filename="${entry.file_name}"`);
  assert.equal(sha256(first.rawPayload), entry.sha256);
  assert.equal(first.rawPayload.length, entry.size);
  assert.equal(first.headers['repr-digest'], `sha-256=:${createHash('sha256').update(first.rawPayload).digest('base64')}:`);
  const again = await app.inject({ url: entry.download_url });
  assert.ok(again.rawPayload.equals(first.rawPayload), 'the second download is the same bytes');
  assert.equal((await app.inject({ url: entry.download_url, headers: { 'if-none-match': `"${entry.sha256}"` } })).statusCode, 304);

  // The archived file is the report: its summary sheet carries the API's figure.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(first.rawPayload.buffer.slice(first.rawPayload.byteOffset, first.rawPayload.byteOffset + first.rawPayload.byteLength) as ArrayBuffer);
  const kpis = (await app.inject({ url: `/api/v1/kpis?agency=${city}&from=2025-05-15&to=2025-06-14` })).json();
  const received = workbook.getWorksheet('Tổng hợp')!.getRows(1, 20)!.find((row) => row.getCell(1).value === 'Văn bản đến')!;
  assert.equal(received.getCell(2).value, kpis.incoming.received);

  const listed = (await app.inject({ url: '/api/v1/reports?format=xlsx', headers: homeAffairs })).json().reports as ArchiveEntry[];
  assert.deepEqual(listed.find((row) => row.id === entry.id), entry);
  assert.equal((await app.inject({ url: `/api/v1/reports/${entry.id}` })).json().sha256, entry.sha256);
});

test('a commune clerk sees and makes only reports of their own commune', async () => {
  const clerk = await signIn('vanthuxa');
  const homeAffairs = await signIn('sonoivu');
  const commune = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'vanthuxa', password: 'demo' } })).json().agency as string;
  const cityReport = (await app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload: { period: 'quarterly', at: '2025-05-01', scope: city, format: 'xlsx' } })).json() as ArchiveEntry;
  const refused = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: clerk, payload: { period: 'quarterly', at: '2025-05-01', scope: city, format: 'xlsx' } });
  assert.equal(refused.statusCode, 403);
  const own = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: clerk, payload: { period: 'quarterly', at: '2025-05-01', scope: commune, format: 'xlsx', view: 'as_is' } });
  assert.equal(own.statusCode, 201, own.body);

  const seen = ((await app.inject({ url: '/api/v1/reports', headers: clerk })).json().reports as ArchiveEntry[]).map((row) => row.scope_code);
  assert.ok(seen.length > 0 && seen.every((code) => code === commune), `the clerk lists only their commune's reports: ${seen.join(', ')}`);
  for (const url of [`/api/v1/reports/${cityReport.id}`, `/api/v1/reports/${cityReport.id}/file`]) {
    const hidden = await app.inject({ url, headers: clerk });
    assert.equal(hidden.statusCode, 404, `${url} does not exist for the clerk`);
    assert.equal(hidden.json().error.code, 'report_not_found');
  }
});

test('impossible report requests get a clear 400', async () => {
  const homeAffairs = await signIn('sonoivu');
  const ask = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload });
  const impossibleDate = await ask({ period: 'monthly', at: '2025-02-30', scope: city, format: 'pdf' });
  assert.equal(impossibleDate.statusCode, 400);
  assert.match(impossibleDate.json().error.message, /at must match format "date"/);
  assert.equal((await ask({ period: 'weekly', at: '2025-02-01', scope: city, format: 'pdf' })).statusCode, 400);
  const antiquity = await ask({ period: 'yearly', at: '0163-12-06', scope: city, format: 'xlsx' });
  assert.equal(antiquity.statusCode, 400, 'found by schemathesis: a year the warehouse cannot hold');
  assert.match(antiquity.json().error.message, /outside the dates the warehouse holds/);
  assert.equal((await ask({ period: 'monthly', at: '2025-02-01', scope: city, format: 'docx' })).statusCode, 400);
  assert.equal((await ask({ period: 'monthly', at: '2025-02-01', scope: 'XYZ', format: 'xlsx' })).statusCode, 404);
  const noDistricts = await ask({ period: 'monthly', at: '2025-09-01', scope: city, kind: 'district', view: 'as_was', format: 'xlsx' });
  assert.equal(noDistricts.statusCode, 400, 'no district exists today (abolished 2025-07-01)');
  assert.match(noDistricts.json().error.message, /No agency of kind district/);
});

test('honest about time: a period not begun or before the first data is refused; one not yet over is archived as provisional (tạm tính)', async () => {
  const homeAffairs = await signIn('sonoivu');
  const ask = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload });
  const future = await ask({ period: 'monthly', at: '2025-11-01', scope: city, format: 'xlsx' });
  assert.equal(future.statusCode, 400);
  assert.equal(future.json().error.code, 'period_not_started');
  assert.match(future.json().error.message, /starts after today \(2025-09-30\)/);
  const early = await ask({ period: 'quarterly', at: '2021-06-01', scope: city, format: 'xlsx' });
  assert.equal(early.statusCode, 400);
  assert.equal(early.json().error.code, 'period_before_data');

  // The current monthly period (15/09 – 14/10/2025) on 30/09: provisional, said in the file and the archive.
  const current = await ask({ period: 'monthly', at: today, scope: city, format: 'xlsx' });
  assert.equal(current.statusCode, 201, current.body);
  const entry = current.json() as ArchiveEntry;
  assert.equal(entry.provisional, true);
  assert.match(entry.file_name, /_tam-tinh\.xlsx$/);
  const file = await app.inject({ url: `/api/v1/reports/${entry.id}/file`, headers: homeAffairs });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  const summary = workbook.worksheets[0]!;
  assert.match(String(summary.getCell('A1').value), /\(TẠM TÍNH\)$/);
  assert.match(String(summary.getCell('A3').value), /^TẠM TÍNH — số liệu đến \d\d:\d\d ngày \d\d\/\d\d\/\d{4}$/);
  assert.match(summary.headerFooter.oddHeader ?? '', /TẠM TÍNH/, 'printed pages say so at the top');
  const listed = (await app.inject({ url: '/api/v1/reports?limit=500', headers: homeAffairs })).json().reports as ArchiveEntry[];
  assert.equal(listed.find((r) => r.id === entry.id)?.provisional, true);
  // A closed period whose data reach past its end is final.
  const closed = (await ask({ period: 'monthly', at: '2025-06-01', scope: city, format: 'xlsx' })).json() as ArchiveEntry;
  assert.equal(closed.provisional, false);
  assert.doesNotMatch(closed.file_name, /tam-tinh/);
});

test('reports outside the dates the warehouse holds are a 400 and archive nothing (0000, 0001, 9999)', async () => {
  const homeAffairs = await signIn('sonoivu');
  const before = (await app.inject({ url: '/api/v1/reports?limit=500', headers: homeAffairs })).json().reports.length;
  for (const [at, calendar] of [['9999-12-31', false], ['0000-01-01', false], ['0001-01-01', true], ['0001-01-01', false], ['2035-12-31', false], ['2000-01-05', false]] as const) {
    const answer = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload: { period: 'yearly', calendar, at, scope: city, format: 'xlsx' } });
    assert.equal(answer.statusCode, 400, `${at}: ${answer.body}`);
    assert.match(answer.json().error.message, /outside the dates the warehouse holds/, at);
  }
  assert.equal((await app.inject({ url: '/api/v1/reports?limit=500', headers: homeAffairs })).json().reports.length, before, 'nothing archived');
});

test('the same report from the same data is handed out again, not archived twice; a requester\'s archive has a quota', async () => {
  const homeAffairs = await signIn('sonoivu');
  const wanted = { period: 'monthly', at: '2025-04-01', scope: city, format: 'xlsx' };
  const first = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload: wanted });
  assert.equal(first.statusCode, 201, first.body);
  const second = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload: wanted });
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(second.json().id, first.json().id, 'the archived one');
  const copies = (await app.inject({ url: '/api/v1/reports?limit=500', headers: homeAffairs })).json().reports
    .filter((entry: ArchiveEntry) => entry.period_from === '2025-03-15' && entry.period_to === '2025-04-14' && entry.format === 'xlsx' && entry.view === 'as_was');
  assert.equal(copies.length, 1);
  const otherView = await app.inject({ method: 'POST', url: '/api/v1/reports', headers: homeAffairs, payload: { ...wanted, view: 'as_is' } });
  assert.equal(otherView.statusCode, 201, 'other parameters, another report');

  // A quota smaller than what sonoivu already archived: new reports refused, duplicates still handed out.
  const generator = new ReportGenerator(simulated.warehouse, () => today, { archiveQuotaBytes: 1000 });
  const requester = { by: 'person:sonoivu', via: 'api' as const };
  await assert.rejects(generator.generate({ ...wanted, at: '2025-03-01', calendar: false, kind: null, view: 'as_was', format: 'xlsx' } as never, requester),
    (error: Error) => error.constructor.name === 'QuotaExceededError' && /quota per requester is 0\.0 MB/.test(error.message));
  const again = await generator.generate({ ...wanted, calendar: false, kind: null, view: 'as_was' } as never, requester);
  assert.equal(again.reused, true);
  assert.equal(again.entry.id, first.json().id);
  // Over HTTP the refusal is a 409 in the API's format (the default quota is large; this caller's is not).
  const tight = await buildApp({ warehouse: simulated.warehouse, today: () => today, logLevel: 'silent' });
  after(() => tight.close());
  (tight.reports as unknown as { quotaBytes: number }).quotaBytes = 1000;
  const tightToken = (await tight.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'sonoivu', password: 'demo' } })).json().access_token;
  const refused = await tight.inject({ method: 'POST', url: '/api/v1/reports', headers: { authorization: `Bearer ${tightToken}` }, payload: { ...wanted, at: '2025-02-01' } });
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal(refused.json().error.code, 'quota_exceeded');
});

test('an archived file that no longer matches its SHA-256 is refused, not served', async () => {
  await simulated.warehouse.insert({
    table: 'vanban_reports.archive',
    values: [{
      id: 'tampered', generated_at: '2025-09-30 10:00:00.000', requested_by: 'scheduler', requested_via: 'schedule', period_kind: 'monthly', calendar: false,
      period_from: '2025-08-15', period_to: '2025-09-14', scope_code: city, scope_name: 'UBND Thành phố Hà Nội', agency_kind: '', view: 'as_was', format: 'pdf',
      file_name: 'x.pdf', content_type: 'application/pdf', size: 5, sha256: sha256(Buffer.from('hello')), data_as_of: null, duration_ms: 1,
      content_base64: Buffer.from('hellO').toString('base64'),
    }],
    format: 'JSONEachRow',
  });
  const response = await app.inject({ url: '/api/v1/reports/tampered/file' });
  assert.equal(response.statusCode, 500);
  assert.equal(response.json().error.code, 'archive_corrupted');
});

test('the scheduler makes each closed period\'s report once, after the data has passed its cut-off', async () => {
  assert.deepEqual(lastClosedPeriod('monthly', '2025-09-30'), { from: '2025-08-15', to: '2025-09-14' });
  assert.deepEqual(lastClosedPeriod('monthly', '2025-09-15'), { from: '2025-08-15', to: '2025-09-14' }, 'the day after the cut-off');
  assert.deepEqual(lastClosedPeriod('monthly', '2025-09-14'), { from: '2025-07-15', to: '2025-08-14' }, 'on the cut-off day the period is still open');
  assert.deepEqual(lastClosedPeriod('yearly', '2025-09-30'), { from: '2023-12-15', to: '2024-12-14' });
  assert.deepEqual(lastClosedPeriod('half', '2025-09-30'), { from: '2024-12-15', to: '2025-06-14' });

  const schedule = { scopes: [city], views: ['as_was' as const], formats: ['xlsx' as const], periods: ['monthly' as const, 'half' as const] };
  const generator = new ReportGenerator(simulated.warehouse, () => today);
  const scheduler = new ReportScheduler(generator, schedule, () => today, quietLog);
  const made = await scheduler.tick();
  assert.deepEqual(made.map((entry) => [entry.period_kind, entry.period_from, entry.period_to, entry.requested_by, entry.requested_via]).sort(), [
    ['half', '2024-12-15', '2025-06-14', 'scheduler', 'schedule'],
    ['monthly', '2025-08-15', '2025-09-14', 'scheduler', 'schedule'],
  ]);
  assert.deepEqual(made.map((entry) => entry.id).sort(), dueReports(schedule, today).map((due) => due.id).sort(), 'ids derive from the parameters');
  assert.deepEqual(await scheduler.tick(), [], 'a second look finds them archived');
  assert.deepEqual(await new ReportScheduler(generator, schedule, () => today, quietLog).tick(), [], 'so does a restarted scheduler');

  // Two months later the warehouse still ends on 30 September: the October period waits.
  const waiting: string[] = [];
  const later = new ReportScheduler(generator, { ...schedule, periods: ['monthly'] }, () => '2025-11-20', { ...quietLog, info: (line: string) => waiting.push(line) });
  assert.deepEqual(await later.tick(), []);
  assert.match(waiting.join('\n'), /monthly 2025-10-15 → 2025-11-14.*waits for data past 2025-11-14/);
});

test('a scheduled report that fails is recorded and shown with the time it is tried again, until the archive holds it', async () => {
  const errors: string[] = [];
  const log = { info: () => undefined, error: (_: object, message: string) => { errors.push(message); } };
  // A scope that no longer exists: every look fails the same way.
  const scheduler = new ReportScheduler(app.reports, { scopes: ['999.99.99.X99'], views: ['as_was'], formats: ['xlsx'], periods: ['monthly'] }, () => today, log);
  await scheduler.tick();
  await scheduler.tick();
  assert.equal(errors.length, 2, 'logged each time');
  const homeAffairs = await signIn('sonoivu');
  const answer = await app.inject({ url: '/api/v1/reports/schedule', headers: homeAffairs });
  assert.equal(answer.statusCode, 200, answer.body);
  const [failing] = answer.json().failing as { scope_code: string; period_from: string; period_to: string; failures: number; failed_at: string; next_try_at: string }[];
  assert.deepEqual({ scope: failing!.scope_code, from: failing!.period_from, to: failing!.period_to, failures: failing!.failures },
    { scope: '999.99.99.X99', from: '2025-08-15', to: '2025-09-14', failures: 2 });
  assert.equal(Date.parse(failing!.next_try_at) - Date.parse(failing!.failed_at), 15 * 60_000, 'tried again at the next look (every 15 minutes by default)');
  assert.doesNotMatch(answer.body, /select|clickhouse|No agency has the code/i, 'what went wrong stays in the server\'s log');
  // A commune clerk does not see the city-wide schedule's failures.
  const clerk = await signIn('vanthuxa');
  assert.deepEqual((await app.inject({ url: '/api/v1/reports/schedule', headers: clerk })).json().failing, []);
});
