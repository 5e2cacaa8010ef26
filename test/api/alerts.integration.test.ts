// The IOC's threshold alerts as the IOC receives them: a local HTTP receiver checks each webhook's
// HMAC signature, fails on purpose to see the retries, and counts one alert per crossing, across a
// restart of the monitor, a clearing and a new crossing; the data-age alert the same way. Which
// agencies cross is counted here on the documents themselves (kpi.md open_overdue), not by the product.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows, type Warehouse } from '@vanban/common';
import { AlertMonitor, buildApp, signBody, signatureHeader, type AlertBody, type AlertConfig } from '@vanban/api';
import { MonitorLease } from '../../api/src/alerts/leader.js';
import { simulatedWarehouse } from '../support/warehouse.js';

const today = '2025-09-30';
const secret = 'a-shared-secret-of-the-ioc';
const simulated = await simulatedWarehouse('api-alerts', { seed: 11, scale: 0.001, until: today });
const { warehouse } = simulated;

/** What the receiver got: every request, and whether it answered it with a failure. */
const received: { alertId: string; body: string; signature: string; failed: boolean }[] = [];
let failing = 0;
const receiver = createServer((request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const failed = failing > 0;
    if (failed) failing--;
    received.push({ alertId: String(request.headers['x-vanban-alert-id']), body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers[signatureHeader]), failed });
    response.writeHead(failed ? 503 : 204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ioc/alerts`;
after(async () => {
  receiver.close();
  await simulated.remove();
});

const quiet = { info: () => {}, error: () => {} };
// Each look is a monitor of its own, as after a restart: the one before it holds no lease.
const monitor = (config: Partial<AlertConfig>, now = new Date()) => new AlertMonitor(warehouse, {
  overdueThreshold: 1, dataAgeSeconds: 1e9, everySeconds: 3600, maxAttempts: 4, retryBaseMs: 20, leaseSeconds: 0.001,
  webhook: { url, secret }, portalUrl: 'https://vanban.example.vn', ...config,
}, () => today, quiet, () => now);

async function look(config: Partial<AlertConfig>, now?: Date): Promise<AlertBody[]> {
  const m = monitor(config, now);
  const raised = await m.tick();
  await m.idle();
  return raised;
}

/** kpi.md open_overdue at today per agency, counted on the fact rows: open at A (r ≤ A, not completed by A), due before A. */
const overdueByAgency = await queryRows<{ code: string; overdue: number }>(warehouse, `
  select a.code as code, toUInt32(count()) as overdue
  from analytics.fct_incoming_document as d final
  join analytics.dim_agency as a on a.agency_id = d.agency_id
  where d.status not in ('withdrawn', 'returned') and d.received_date <= toDate32('${today}')
    and (d.completed_date is null or d.completed_date > toDate32('${today}'))
    and d.due_date < toDate32('${today}')
    and (a.valid_to is null or a.valid_to >= toDate32('${today}'))
  group by code order by overdue desc`);
// A threshold three agencies (or a few more, with ties) reach.
const threshold = Number(overdueByAgency[2]!.overdue);
const crossing = new Set(overdueByAgency.filter((a) => Number(a.overdue) >= threshold).map((a) => `overdue:${a.code}`));
const log = (event: string) => queryRows<{ alert_id: string; condition: string; attempt: number }>(warehouse,
  `select alert_id, condition, attempt from vanban_alerts.alert_log where event = '${event}' order by at`);

test('an agency crossing the overdue threshold is alerted once, signed, retried after failures, and not again while it holds', { timeout: 300_000 }, async () => {
  assert.ok(threshold > 0 && crossing.size >= 3, `threshold ${threshold}: ${[...crossing].join(', ')}`);
  failing = 2;
  const raised = await look({ overdueThreshold: threshold });
  assert.deepEqual(new Set(raised.map((a) => a.condition)), crossing, 'one alert per agency at or over the threshold');
  for (const alert of raised) {
    const code = alert.condition.slice('overdue:'.length);
    assert.equal(alert.value, Number(overdueByAgency.find((a) => a.code === code)!.overdue), `${code}: its overdue count`);
    assert.equal(alert.threshold, threshold);
    assert.match(alert.message, /văn bản đến quá hạn chưa xử lý/);
    assert.equal(alert.link, `https://vanban.example.vn/co-quan/${encodeURIComponent(code)}`);
  }
  // Every request signed: HMAC-SHA256 of the body under the shared secret.
  for (const request of received) assert.equal(request.signature, signBody(secret, request.body), 'signature of the body');
  assert.notEqual(received[0]!.signature, signBody('another secret', received[0]!.body));
  const delivered = received.filter((r) => !r.failed);
  assert.equal(received.filter((r) => r.failed).length, 2, 'the receiver failed twice');
  assert.deepEqual(delivered.map((r) => r.alertId).sort(), raised.map((a) => a.id).sort(), 'each alert delivered exactly once, the failed ones retried');
  for (const request of delivered) assert.deepEqual(JSON.parse(request.body), raised.find((a) => a.id === request.alertId));
  const failures = await log('attempt_failed');
  assert.equal(failures.length, 2, 'the failed attempts recorded');
  for (const failure of failures) assert.ok((await log('delivered')).some((d) => d.alert_id === failure.alert_id && d.attempt > failure.attempt), 'and then delivered on a later attempt');

  const before = received.length;
  assert.deepEqual(await look({ overdueThreshold: threshold }), [], 'a second look while the condition holds raises nothing');
  assert.deepEqual(await look({ overdueThreshold: threshold }), [], 'nor does a restarted monitor (its state is in the alert log)');
  assert.equal(received.length, before, 'nothing sent again');
});

test('a condition that stops holding is cleared, and crossing again is a new alert', { timeout: 300_000 }, async () => {
  const before = received.length;
  const highest = Number(overdueByAgency[0]!.overdue);
  assert.deepEqual(await look({ overdueThreshold: highest + 1 }), [], 'nobody over a threshold above the highest count');
  assert.deepEqual(new Set((await log('cleared')).map((c) => c.condition)), crossing, 'every alert cleared');
  assert.equal(received.length, before, 'a clearing sends nothing');
  const again = await look({ overdueThreshold: threshold });
  assert.deepEqual(new Set(again.map((a) => a.condition)), crossing, 'crossing again: a new alert each');
  assert.equal(received.length, before + crossing.size);
});

test('data older than the limit is alerted once; an alert the receiver never takes is given up after the last attempt, and not resent', { timeout: 300_000 }, async () => {
  const [{ ms }] = await queryRows<{ ms: string }>(warehouse, 'select toUnixTimestamp64Milli(max(data_as_of)) as ms from analytics._model_builds') as [{ ms: string }];
  const asOf = Number(ms);
  const high = { overdueThreshold: 1_000_000 };
  assert.deepEqual(await look({ ...high, dataAgeSeconds: 600 }, new Date(asOf + 599_000)), [], 'fresh enough');
  const stale = await look({ ...high, dataAgeSeconds: 600 }, new Date(asOf + 601_000));
  assert.deepEqual(stale.map((a) => [a.type, a.value, a.threshold]), [['data_age', 601, 600]]);
  assert.match(stale[0]!.message, /Số liệu đã cũ 10 phút/);
  assert.deepEqual(await look({ ...high, dataAgeSeconds: 600 }, new Date(asOf + 900_000)), [], 'once while it holds');

  // Fresh again, then stale with a receiver that always fails: two attempts, then given up.
  await look({ ...high, dataAgeSeconds: 600 }, new Date(asOf));
  failing = 1_000;
  const before = received.length;
  const [alert] = await look({ ...high, dataAgeSeconds: 600, maxAttempts: 2 }, new Date(asOf + 700_000));
  assert.equal(received.length, before + 2, 'two attempts');
  assert.ok((await log('gave_up')).some((g) => g.alert_id === alert!.id && g.attempt === 2), 'given up, recorded');
  failing = 0;
  await look({ ...high, dataAgeSeconds: 600 }, new Date(asOf + 800_000));
  assert.equal(received.length, before + 2, 'a given-up alert is not resent');

  // The operator sees them in /metrics.
  const app = await buildApp({ warehouse, today: () => today, logLevel: 'silent' });
  const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  await app.close();
  const counted = (event: string) => Number(new RegExp(`vanban_alert_events_total\\{event="${event}"\\} (\\d+)`).exec(metrics)?.[1]);
  assert.equal(counted('gave_up'), 1);
  assert.equal(counted('raised'), (await log('raised')).length);
  assert.equal(counted('delivered'), received.filter((r) => !r.failed).length);
});

test('two replicas: one of them raises and delivers each alert; when it stops, the other takes over its pending delivery after the lease', { timeout: 300_000 }, async () => {
  const [{ ms }] = await queryRows<{ ms: string }>(warehouse, 'select toUnixTimestamp64Milli(max(data_as_of)) as ms from analytics._model_builds') as [{ ms: string }];
  const asOf = Number(ms);
  await look({ overdueThreshold: 1_000_000, dataAgeSeconds: 600 }, new Date(asOf)); // fresh again: the data-age alert cleared
  // Two replicas that see the same stale data; the receiver fails, so the alert stays pending. (They
  // start once the monitors of the looks before are past the lease: those processes are gone.)
  // The lease is what separates 'the leader went away' from 'the leader is slow': 5 s, so that a
  // loaded runner taking two seconds between two calls below is not read as the leader gone.
  const settings = { overdueThreshold: 1_000_000, dataAgeSeconds: 600, leaseSeconds: 5, maxAttempts: 30, retryBaseMs: 500 };
  await new Promise((resolve) => setTimeout(resolve, settings.leaseSeconds * 1000 + 200));
  const first = monitor(settings, new Date(asOf + 700_000));
  await new Promise((resolve) => setTimeout(resolve, 10)); // started after the first
  const second = monitor(settings, new Date(asOf + 700_000));
  failing = 1_000;
  const before = received.length;
  const raised = (await Promise.all([first.tick(), second.tick()])).flat();
  assert.equal(raised.length, 1, 'one alert, raised by one replica');
  await first.stop(); // the leader (started first) goes away with its delivery pending
  assert.equal(received.length, before + 1, 'one attempt, by the leader alone');
  failing = 0;
  await second.tick();
  await second.idle();
  assert.equal(received.length, before + 1, 'within the lease the other replica does not take over');
  await new Promise((resolve) => setTimeout(resolve, settings.leaseSeconds * 1000 + 200));
  assert.deepEqual(await second.tick(), [], 'taking over raises nothing new');
  await second.idle();
  const deliveries = received.slice(before).filter((r) => !r.failed);
  assert.deepEqual(deliveries.map((r) => r.alertId), [raised[0]!.id], 'the pending alert delivered once, by the replica that took over');
  await second.stop();
});

test('two replicas starting together, one whose first heartbeat is slow to be written: one leader, the one that started first', { timeout: 60_000 }, async () => {
  const leaseMs = 1_000;
  await sleep(leaseMs + 200); // the heartbeats of the tests before have aged past the lease
  // The first replica's writes take 300 ms: the second asks before the first's heartbeat is there.
  const slowWrites = new Proxy(warehouse, {
    get(target, key) {
      if (key === 'insert') return async (...args: Parameters<Warehouse['insert']>) => { await sleep(300); return target.insert(...args); };
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const first = new MonitorLease(slowWrites, 'replica-first', leaseMs);
  await sleep(10); // started after the first
  const second = new MonitorLease(warehouse, 'replica-second', leaseMs);
  assert.deepEqual(await Promise.all([first.lead(), second.lead()]), [true, false], 'the replica that started first leads, alone');
  assert.deepEqual(await Promise.all([first.lead(), second.lead()]), [true, false], 'and keeps leading');
});
