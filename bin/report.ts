// `npm run report -- --period monthly|quarterly|half|yearly|calendar --at YYYY-MM-DD --scope CODE
//   [--view as_was|as_is] --format xlsx|pdf --out FILE [--data-dir DIR]`: one periodic report for the
// Department of Home Affairs (shared/spec/reports.md). `--period calendar` takes calendar months with
// `--calendar-of monthly|quarterly|half|yearly` (default yearly); the others are the statutory
// periods cut off on the 14th. Reads the embedded warehouse of `--data-dir`, else the configured server.
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { closeWarehouse, connectWarehouse, loadConfig, parseArgs } from '@vanban/common';
import { buildReport, localToday, reportPdf, reportWorkbook } from '@vanban/api';
import type { ReportPeriodKind } from '@vanban/api/periods';

const kinds = ['monthly', 'quarterly', 'half', 'yearly'] as const;

async function main() {
  const flags = parseArgs(process.argv.slice(2), {
    period: 'string', 'calendar-of': 'string', at: 'string', scope: 'string', view: 'string', format: 'string', out: 'string', 'data-dir': 'string',
  });
  const period = String(flags['period'] ?? '');
  const calendar = period === 'calendar';
  const kind = (calendar ? String(flags['calendar-of'] ?? 'yearly') : period) as ReportPeriodKind;
  if (!(kinds as readonly string[]).includes(kind)) throw new Error(`--period must be one of ${[...kinds, 'calendar'].join(', ')} (got "${period}")`);
  const at = String(flags['at'] ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at)) throw new Error('--at YYYY-MM-DD is required: a date inside the period');
  const scope = String(flags['scope'] ?? '000.00.00.H26');
  const view = flags['view'] === 'as_is' ? 'as_is' : 'as_was';
  const format = String(flags['format'] ?? 'xlsx');
  if (format !== 'xlsx' && format !== 'pdf') throw new Error(`--format must be xlsx or pdf (got "${format}")`);
  const out = flags['out'] as string | undefined;
  if (!out) throw new Error('--out FILE is required');

  const config = loadConfig({ dataDir: flags['data-dir'] as string | undefined });
  const warehouse = await connectWarehouse(config);
  const started = Date.now();
  try {
    const report = await buildReport(warehouse, { period: kind, calendar, at, scope, view }, config.today ?? localToday(), (line) => console.error(line));
    console.error(`report: rendering ${format}…`);
    const file = format === 'pdf' ? await reportPdf(report) : await reportWorkbook(report);
    writeFileSync(out, file);
    console.error(`report: ${out} (${file.length.toLocaleString('en')} bytes, sha256 ${createHash('sha256').update(file).digest('hex')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await closeWarehouse(warehouse);
  }
}

main().catch((error: unknown) => {
  console.error(`report failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
