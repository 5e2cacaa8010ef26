// `npm run report -- --period monthly|quarterly|half|yearly|calendar --at YYYY-MM-DD --scope CODE
//   [--kind department|district|commune|other] [--view as_was|as_is] --format xlsx|pdf --out FILE
//   [--data-dir DIR]`: one periodic report for the Department of Home Affairs (shared/spec/reports.md),
// written to FILE and kept in the report archive like every other. `--period calendar` takes calendar
// months with `--calendar-of monthly|quarterly|half|yearly` (default yearly); the others are the
// statutory periods cut off on the 14th. `--kind` reports one level below the scope. Reads the
// embedded warehouse of `--data-dir`, else the configured server.
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resourceUsage } from 'node:process';
import { closeWarehouse, connectWarehouse, loadConfig, parseArgs } from '@vanban/common';
import { migrateRaw } from '@vanban/ingest';
import { localToday, reportFormats, reportKinds, ReportGenerator, type ReportFormat, type ReportKind } from '@vanban/api';
import { checkDate, reportPeriodKinds, type ReportPeriodKind } from '@vanban/api/periods';

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

async function main() {
  const flags = parseArgs(process.argv.slice(2), {
    period: 'string', 'calendar-of': 'string', at: 'string', scope: 'string', kind: 'string', view: 'string', format: 'string', out: 'string', 'data-dir': 'string',
  });
  const period = oneOf('period', String(flags['period'] ?? ''), [...reportPeriodKinds, 'calendar'] as const);
  const calendar = period === 'calendar';
  const kind: ReportPeriodKind = period === 'calendar' ? oneOf('calendar-of', String(flags['calendar-of'] ?? 'yearly'), reportPeriodKinds) : period;
  if (flags['at'] === undefined) throw new Error('--at YYYY-MM-DD is required: a real date inside the period');
  // The API's own check (a real date inside the dates the warehouse holds), before any connection;
  // the generator checks the period and the one it is compared with before anything is archived.
  const at = checkDate('--at', String(flags['at']));
  const scope = String(flags['scope'] ?? '000.00.00.H26');
  const level = flags['kind'] === undefined ? null : oneOf<ReportKind>('kind', String(flags['kind']), reportKinds);
  const view = oneOf('view', String(flags['view'] ?? 'as_was'), ['as_was', 'as_is'] as const);
  const format = oneOf<ReportFormat>('format', String(flags['format'] ?? 'xlsx'), reportFormats);
  const out = flags['out'] as string | undefined;
  if (!out) throw new Error('--out FILE is required');

  const config = loadConfig({ dataDir: flags['data-dir'] as string | undefined });
  const warehouse = await connectWarehouse(config);
  const started = Date.now();
  try {
    // An embedded warehouse is ours to bring up to date (the archive table); a server's is the ingest side's.
    if (!config.clickhouseUrl) await migrateRaw(warehouse);
    const generator = new ReportGenerator(warehouse, () => config.today ?? localToday());
    const { entry, bytes, reused } = await generator.generate(
      { period: kind, calendar, at, scope, kind: level, view, format },
      { by: `operator:${userInfo().username}`, via: 'cli' },
      { progress: (line) => console.error(line) },
    );
    writeFileSync(out, bytes);
    // Peak resident memory of this process (Chromium, for a PDF, runs in its own processes).
    const peakMb = Math.round(resourceUsage().maxRSS / 1024);
    console.error(`report: ${out} (${bytes.length.toLocaleString('en')} bytes, sha256 ${entry.sha256}) in ${((Date.now() - started) / 1000).toFixed(1)} s, peak memory ${peakMb} MB; ${reused ? 'the archive already held this report from the same data' : 'archived'} as ${entry.id}`);
  } finally {
    await closeWarehouse(warehouse);
  }
}

main().catch((error: unknown) => {
  console.error(`report failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
