// The daily digest as its readers receive it: people subscribe through the API (as the portal's
// form does), a real Postfix from Debian on 127.0.0.1 takes the messages, and a fake clock walks the
// schedule over a working day, a weekend, the National Day holidays (1–2/9/2025) and two more working
// days, with two replicas ticking at once, a restart, an SMTP server that refuses, and a replica that
// died holding a claim. The messages are read back from the maildir: one per person per working day,
// none on the weekend or the holidays, Vietnamese subject and body, and figures equal to the API's
// (the due-soon count to /api/v1/kpis; the overdue and unassigned ones counted here on the facts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { queryRows } from '@vanban/common';
import { buildApp, DigestScheduler, localToday, smtpMailer, type DigestConfig, type Mailer } from '@vanban/api';
import { simulatedWarehouse } from '../support/warehouse.js';
import { startPostfix } from '../support/postfix.js';
import { waitFor } from '../support/cdc.js';

const simulated = await simulatedWarehouse('api-digest', { seed: 31, scale: 0.001, until: '2025-09-04' });
const { warehouse } = simulated;
const postfix = await startPostfix('digest');
after(async () => {
  await postfix.stop();
  await simulated.remove();
});

const city = '000.00.00.H26';
/** The fake clock, in Hanoi time (UTC+7): the scheduler's now and the API's today. */
let clock = new Date('2025-08-29T07:00:00+07:00');
const setClock = (hanoi: string) => { clock = new Date(`${hanoi}+07:00`); };
const app = await buildApp({ warehouse, today: () => localToday(clock), logLevel: 'silent' });
after(() => app.close());

const config: DigestConfig = {
  from: 'Theo dõi văn bản Hà Nội <vanban@vanban.test>', at: '07:30', everySeconds: 3600, maxAttempts: 3,
  retryBaseSeconds: 2, leaseSeconds: 5, documentsPerList: 5, portalUrl: 'https://vanban.example.vn',
};
const quiet = { info: () => {}, error: () => {} };
const scheduler = (mailer: Mailer = smtpMailer(postfix.url), replica?: string) => new DigestScheduler(warehouse, mailer, config, quiet, () => clock, replica);

const signIn = async (username: string) => {
  const answer = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username, password: 'demo' } })).json();
  return { authorization: `Bearer ${answer.access_token}`, agency: answer.agency as string | null };
};
const leader = await signIn('lanhdao');
const clerk = await signIn('vanthuxa');
const subscribe = (who: { authorization: string }, payload: object) =>
  app.inject({ method: 'PUT', url: '/api/v1/digest/subscription', headers: { authorization: who.authorization }, payload });

/** Each subscriber's address and scope. */
const readers = [
  { email: 'lanhdao@vanban.test', agency: city, who: leader },
  { email: 'vanthuxa@vanban.test', agency: clerk.agency!, who: clerk },
];

test('subscribing: a person signed in, to an agency they may read down to the person, with a real address', async () => {
  const anonymous = await app.inject({ method: 'PUT', url: '/api/v1/digest/subscription', payload: { email: 'a@vanban.test', agency: city } });
  assert.equal(anonymous.statusCode, 401);
  const beyond = await subscribe(clerk, { email: 'vanthuxa@vanban.test', agency: city });
  assert.equal(beyond.statusCode, 403, 'a commune clerk cannot subscribe to the city');
  const badAddress = await subscribe(clerk, { email: 'not an address', agency: clerk.agency });
  assert.equal(badAddress.statusCode, 400);
  assert.doesNotMatch(badAddress.body, /select|clickhouse|at .*\.ts/i);
  const unknown = await subscribe(leader, { email: 'lanhdao@vanban.test', agency: '999.99.99.X99' });
  assert.ok([400, 404].includes(unknown.statusCode), `an unknown agency: ${unknown.statusCode}`);

  for (const reader of readers) {
    const answer = await subscribe(reader.who, { email: reader.email, agency: reader.agency });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.json().subscription.active, true);
    assert.equal(answer.json().subscription.agency, reader.agency);
  }
  // Unsubscribing and subscribing again leaves one active subscription.
  const off = await app.inject({ method: 'DELETE', url: '/api/v1/digest/subscription', headers: { authorization: clerk.authorization } });
  assert.equal(off.json().subscription.active, false);
  assert.equal((await subscribe(clerk, { email: 'vanthuxa@vanban.test', agency: clerk.agency })).json().subscription.active, true);
  const audited = await queryRows<{ n: number }>(warehouse, "select toUInt32(count()) as n from vanban_audit.access_log where action in ('digest.subscribe', 'digest.unsubscribe')");
  assert.equal(Number(audited[0]!.n), 4, 'every change audited');
});

/** Runs one look of each of `replicas` at once at the clock's time; the digests they sent together. */
async function look(hanoi: string, replicas: DigestScheduler[]) {
  setClock(hanoi);
  const sent = (await Promise.all(replicas.map((r) => r.tick()))).flat();
  await postfix.flushed();
  return sent;
}

const messagesOf = (email: string) => Promise.all(postfix.messages(email).map((raw) => simpleParser(raw)));

test('one message per person per working day, across two replicas, a restart, a weekend and a holiday', { timeout: 600_000 }, async () => {
  let [a, b] = [scheduler(undefined, 'replica-a'), scheduler(undefined, 'replica-b')];
  assert.equal((await look('2025-08-29T07:00:00', [a, b])).length, 0, 'before 07:30 nothing goes out');
  const friday = await look('2025-08-29T07:31:00', [a, b]);
  assert.deepEqual(friday.map((d) => d.email).sort(), readers.map((r) => r.email).sort(), 'each reader once, whichever replica sent it');
  assert.equal((await look('2025-08-29T09:00:00', [a, b])).length, 0, 'a later look the same day sends nothing');
  // A restart: new processes, new replica ids; the log says what went out.
  [a, b] = [scheduler(undefined, 'replica-a2'), scheduler(undefined, 'replica-b2')];
  assert.equal((await look('2025-08-29T16:00:00', [a, b])).length, 0, 'nor after a restart');
  for (const day of ['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']) {
    assert.equal((await look(`${day}T08:00:00`, [a, b])).length, 0, `${day}: a weekend day or a holiday`);
  }
  const wednesday = await look('2025-09-03T07:45:00', [a, b]);
  assert.equal(wednesday.length, readers.length);
  for (const digest of wednesday) assert.equal(digest.content.since, '2025-08-29', 'newly overdue since the previous digest, across the holidays');

  // Thursday: the SMTP server refuses (nothing listens there), then the retry after the backoff gets through.
  const refused = scheduler(smtpMailer('smtp://127.0.0.1:9'), 'replica-refused');
  assert.equal((await look('2025-09-04T07:30:00', [refused])).length, 0);
  const failed = await queryRows<{ subscriber: string; detail: string }>(warehouse, "select subscriber, detail from vanban_digest.delivery_log where day = '2025-09-04' and event = 'failed'");
  assert.equal(failed.length, readers.length, 'each failure recorded');
  assert.match(failed[0]!.detail, /ECONNREFUSED|connect/i);
  assert.equal((await look('2025-09-04T07:31:00', [a])).length, 0, 'not retried before the backoff');
  await new Promise((resolve) => setTimeout(resolve, config.retryBaseSeconds * 1000));
  assert.equal((await look('2025-09-04T07:32:00', [a, b])).length, readers.length, 'retried after it');

  const days = ['29/08/2025', '03/09/2025', '04/09/2025'];
  for (const reader of readers) {
    const messages = await messagesOf(reader.email);
    assert.deepEqual(messages.map((m) => /ngày (\d\d\/\d\d\/\d{4})/.exec(m.subject ?? '')?.[1]), days, `${reader.email}: one message each working day`);
    assert.equal(new Set(messages.map((m) => m.messageId)).size, days.length);
  }
  const sentRows = await queryRows<{ n: number }>(warehouse, "select toUInt32(count()) as n from vanban_digest.delivery_log where event = 'sent'");
  assert.equal(Number(sentRows[0]!.n), readers.length * days.length, 'every message recorded once');
});

test('a replica that died holding a claim delays the message by the lease, not for ever', { timeout: 120_000 }, async () => {
  const [subscriber] = await queryRows<{ subscriber: string }>(warehouse, `select subscriber from vanban_digest.subscription final where email = '${readers[0]!.email}'`);
  await warehouse.insert({ table: 'vanban_digest.delivery_log', values: [{ day: '2025-09-05', subscriber: subscriber!.subscriber, claim_id: 'claim-of-a-dead-replica', replica: 'dead', event: 'claimed', email: readers[0]!.email, subject: '', detail: '' }], format: 'JSONEachRow' });
  const live = scheduler(undefined, 'replica-live');
  const first = await look('2025-09-05T08:00:00', [live]);
  assert.deepEqual(first.map((d) => d.email), [readers[1]!.email], 'the claimed one waits');
  await new Promise((resolve) => setTimeout(resolve, config.leaseSeconds * 1000 + 200));
  assert.deepEqual((await look('2025-09-05T08:05:00', [live])).map((d) => d.email), [readers[0]!.email], 'then goes out once');
});

test('each message is Vietnamese, links to the portal, and says what the API says', { timeout: 300_000 }, async () => {
  const get = async (url: string, who: { authorization: string }) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: who.authorization } });
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    return response.json();
  };
  const sent = await queryRows<{ day: string; email: string; subject: string; detail: string }>(warehouse,
    "select toString(day) as day, email, subject, detail from vanban_digest.delivery_log where event = 'sent' order by day, email");
  assert.ok(sent.length >= readers.length * 3);
  let listed = 0;
  for (const row of sent) {
    const reader = readers.find((r) => r.email === row.email)!;
    const figures = JSON.parse(row.detail) as { agency: string; since: string; due_soon: number; newly_overdue: number; unassigned: number };
    setClock(`${row.day}T12:00:00`);
    // Due soon: kpi.md open_due_soon of the scope at the day, from the models' cohort table.
    const kpis = await get(`/api/v1/kpis?agency=${reader.agency}&from=${row.day}&to=${row.day}&scope=subtree`, reader.who);
    assert.equal(figures.due_soon, kpis.incoming.open_due_soon, `${row.email} ${row.day}: due soon`);
    // Newly overdue and never assigned, counted here on the fact tables: the city's subtree is every
    // agency that ever was (kpi.md), a commune's its own register.
    const agencies = reader.agency === city ? [] : [reader.agency];
    const [counted] = await queryRows<{ overdue: number; unassigned: number }>(warehouse, `
      select toUInt32(countIf(d.due_date < toDate32({day:String}) and d.due_date >= toDate32({since:String}))) as overdue,
             toUInt32(countIf(d.incoming_id not in (
                 select incoming_id from analytics.fct_incoming_assignment final where assigned_date <= toDate32({day:String})))) as unassigned
      from analytics.fct_incoming_document as d final
      where (empty({agencies:Array(String)}) or d.agency_id in (select agency_id from analytics.dim_agency where code in {agencies:Array(String)}))
        and d.status not in ('withdrawn', 'returned')
        and d.received_date <= toDate32({day:String}) and (d.completed_date is null or d.completed_date > toDate32({day:String}))`, { agencies, day: row.day, since: figures.since });
    assert.equal(figures.newly_overdue, Number(counted!.overdue), `${row.email} ${row.day}: newly overdue since ${figures.since}`);
    assert.equal(figures.unassigned, Number(counted!.unassigned), `${row.email} ${row.day}: never assigned`);
    assert.match(row.subject, /^Bản tin văn bản ngày \d\d\/\d\d\/\d{4} — .+: [\d.]+ sắp đến hạn, [\d.]+ mới quá hạn, [\d.]+ chưa giao xử lý$/);
    listed += figures.due_soon + figures.newly_overdue;
  }
  assert.ok(listed > 0, 'the days chosen have documents due soon or falling overdue');
  const subscribers = new Map((await queryRows<{ email: string; name: string }>(warehouse, 'select email, name from vanban_digest.subscription final')).map((s) => [s.email, s.name]));
  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: leader.authorization } });
  assert.match(metrics.body, new RegExp(`^vanban_digest_messages_total\\{event="sent"\\} ${sent.length}$`, 'm'));

  for (const reader of readers.map((r) => ({ ...r, name: subscribers.get(r.email)! }))) {
    for (const raw of postfix.messages(reader.email)) {
      const message = await simpleParser(raw);
      assert.match(raw, /^List-Unsubscribe: <https:\/\/vanban\.example\.vn\/ban-tin>/m, 'unsubscribing is one click away');
      const text = message.text ?? '';
      assert.ok(text.startsWith(`Kính gửi: ${reader.name}\n`), `greets ${reader.name}`);
      assert.match(text, /Văn bản sắp đến hạn \(trong 3 ngày làm việc\): [\d.]+/);
      assert.match(text, /Văn bản mới quá hạn từ ngày \d\d\/\d\d\/\d{4}: [\d.]+/);
      assert.match(text, /Văn bản chưa giao xử lý: [\d.]+/);
      assert.match(text, /Cơ quan, đơn vị có số văn bản tồn tăng/);
      assert.ok(text.includes(`https://vanban.example.vn/co-quan/${encodeURIComponent(reader.agency)}`), 'a link to the agency in the portal');
      assert.match(String(message.html), /<h2>Văn bản sắp đến hạn/);
    }
  }
});

test('a send slower than the lease keeps its claim: a second replica looking meanwhile does not send it again', { timeout: 120_000 }, async () => {
  // The first message the slow replica sends waits one and a half leases before reaching Postfix, as
  // on a loaded SMTP server or warehouse; the second replica looks once the lease has passed.
  const postman = smtpMailer(postfix.url);
  let holding = true;
  const slow: Mailer = {
    async sendMail(message) {
      if (holding) {
        holding = false;
        await new Promise((resolve) => setTimeout(resolve, config.leaseSeconds * 1500));
      }
      return postman.sendMail(message);
    },
  };
  const day = '2025-09-08';
  setClock(`${day}T08:00:00`);
  const slowLook = scheduler(slow, 'replica-slow').tick();
  const claimOfSlow = `select count() as n from vanban_digest.delivery_log where day = '${day}' and replica = 'replica-slow' and event = 'claimed'`;
  // Polled finely: the other replica must look before the held send ends, 1.5 leases after this claim.
  await waitFor('the slow replica to claim its first digest', 60_000, async () => Number((await queryRows<{ n: number }>(warehouse, claimOfSlow))[0]!.n) > 0, 100);
  await new Promise((resolve) => setTimeout(resolve, config.leaseSeconds * 1000 + 500));
  const other = await scheduler(undefined, 'replica-other').tick();
  const slowSent = await slowLook;
  await postfix.flushed();

  assert.equal(slowSent.length, 1, 'the slow replica sent the message it held, and found the other taken');
  assert.deepEqual(other.map((d) => d.email), readers.map((r) => r.email).filter((email) => email !== slowSent[0]!.email), 'the other replica sent only the message nobody held');
  for (const reader of readers) {
    const ofDay = (await messagesOf(reader.email)).filter((m) => m.subject?.includes('08/09/2025'));
    assert.equal(ofDay.length, 1, `${reader.email}: one message on ${day}`);
  }
  const renewals = await queryRows<{ n: number }>(warehouse, `select count() as n from vanban_digest.delivery_log where day = '${day}' and replica = 'replica-slow' and event = 'renewed'`);
  assert.ok(Number(renewals[0]!.n) >= 3, 'the claim was renewed while the message waited');
});
