// Property-based contract test: schemathesis (PyPI, installed by infra/api/schemathesis-install.sh)
// generates valid and invalid requests for every operation of the OpenAPI document and checks that
// the API never answers 5xx and every answer matches the document (status code, content type,
// body schema). The API runs as served, over HTTP on 127.0.0.1, with a key that reaches everything.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { authConfigSchema, buildApp } from '@vanban/api';
import { requireOrSkip } from '../support/ci.js';
import { apiAudience, startProvider } from '../support/oidc.js';
import { simulatedWarehouse } from '../support/warehouse.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemathesis = path.join(root, '.venv', 'schemathesis', 'bin', 'schemathesis');

test('schemathesis finds no server error and no answer outside the OpenAPI document', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(existsSync(schemathesis), 'schemathesis (bash infra/api/schemathesis-install.sh)', t)) return;
  const simulated = await simulatedWarehouse('api-schemathesis', { seed: 13, scale: 0.0005, until: '2023-03-31' });
  after(() => simulated.remove());
  const { warehouse } = simulated;
  // Production mode, as served: schemathesis sends a bearer token (the OpenAPI document offers both
  // schemes) and an API key; the token, from a real provider, is the one that counts.
  const provider = await startProvider();
  after(() => provider.stop());
  const token = await provider.clientCredentials('integration', 'kpi:read agencies:read documents:read reports:read reports:generate');
  const key = 'schemathesis-key';
  const app = await buildApp({
    warehouse, today: () => '2023-03-31', logLevel: 'silent',
    auth: authConfigSchema.parse({
      mode: 'production',
      oidc: { issuer: provider.issuer, audience: apiAudience },
      clients: [{ client_id: 'integration', agency: null, rate_limit_per_minute: 1_000_000 }],
      api_keys: [{ id: 'schemathesis', sha256: createHash('sha256').update(key).digest('hex'), scopes: ['kpi:read', 'agencies:read', 'documents:read'], agency: null, rate_limit_per_minute: 1_000_000 }],
    }),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  after(() => app.close());

  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(schemathesis, [
      'run', `${address}/api/docs/json`,
      '--checks', 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      '--max-examples', '40', '--seed', '222', '--workers', '2',
      '--header', `X-API-Key: ${key}`,
      '--header', `Authorization: Bearer ${token}`,
      '--suppress-health-check', 'too_slow,filter_too_much',
      // A daily series of ~90 points is ~90 summary queries (seconds while other suites load the
      // machine); the check here is the answers, not their speed (bench:api measures that).
      '--request-timeout', '60',
    ], { env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('close', resolve);
  });
  const report = output.join('');
  assert.equal(code, 0, report);
  assert.match(report, /passed/i);
  assert.doesNotMatch(report, /Server error|Response violates schema|Undocumented HTTP status/i);
  for (const line of report.slice(report.indexOf('SUMMARY')).split('\n')) if (line.trim()) t.diagnostic(line);
});
