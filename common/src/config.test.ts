import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig } from './config.js';
import { parseArgs } from './args.js';

test('defaults, then environment, then explicit overrides', () => {
  const defaults = loadConfig({}, {});
  assert.equal(defaults.port, 3000);
  assert.equal(defaults.host, '127.0.0.1');
  assert.equal(defaults.dataDir, path.resolve('.data'));
  assert.equal(defaults.clickhouseUrl, undefined);
  assert.deepEqual(defaults.simulation, { seed: 222, scale: 0.003 });

  const fromEnv = loadConfig({}, { PORT: '4000', SIM_SCALE: '0.5', DATA_DIR: '/tmp/x' });
  assert.equal(fromEnv.port, 4000);
  assert.equal(fromEnv.simulation.scale, 0.5);
  assert.equal(fromEnv.dataDir, '/tmp/x');

  const overridden = loadConfig({ port: 5000, simulation: { scale: 2 } }, { PORT: '4000', SIM_SCALE: '0.5' });
  assert.equal(overridden.port, 5000);
  assert.equal(overridden.simulation.scale, 2);
});

test('the report schedule defaults to the city in both formats and reads comma lists from the environment', () => {
  const defaults = loadConfig({}, {});
  assert.deepEqual(defaults.reports, {
    schedule: 'on', scopes: ['000.00.00.H26'], views: ['as_was'], formats: ['xlsx', 'pdf'], periods: ['monthly', 'quarterly', 'half', 'yearly'], everyMinutes: 15,
  });
  const configured = loadConfig({}, { REPORT_SCOPES: '000.00.00.H26, 000.00.10.H26', REPORT_FORMATS: 'pdf', REPORT_PERIODS: 'yearly', REPORT_SCHEDULE: 'off' });
  assert.deepEqual(configured.reports.scopes, ['000.00.00.H26', '000.00.10.H26']);
  assert.deepEqual(configured.reports.formats, ['pdf']);
  assert.deepEqual(configured.reports.periods, ['yearly']);
  assert.equal(configured.reports.schedule, 'off');
  assert.throws(() => loadConfig({}, { REPORT_FORMATS: 'docx' }), /reports\.formats/);
});

test('invalid settings are refused with a readable reason', () => {
  assert.throws(() => loadConfig({}, { PORT: 'abc' }), /Invalid configuration.*port/s);
  assert.throws(() => loadConfig({}, { SIM_UNTIL: '2025/01/01' }), /YYYY-MM-DD/);
  assert.throws(() => loadConfig({}, { CLICKHOUSE_URL: 'not a url' }), /clickhouseUrl/);
});

test('flags are parsed and unknown ones refused', () => {
  assert.deepEqual(parseArgs(['--seed', '7', '--scale=0.5', '--fast'], { seed: 'string', scale: 'string', fast: 'boolean' }),
    { seed: '7', scale: '0.5', fast: true });
  assert.throws(() => parseArgs(['--nope', '1'], { seed: 'string' }), /Unknown option --nope/);
  assert.throws(() => parseArgs(['--seed'], { seed: 'string' }), /needs a value/);
});
