// `npm run bench:reports -- --data-dir DIR [--runs N] [--at YYYY-MM-DD]`: the yearly city report with
// every agency, in both formats, as an operator runs it (`npm run report`, its own process each time,
// so the figures include start-up, the warehouse opening and, for the PDF, Chromium): wall time and
// the command's peak memory (the process's max RSS; Chromium's own processes are not in it, so the PDF
// also reports the peak of the whole process tree sampled every 50 ms). DIR is a warehouse kept by
// `npm run bench -- --data-dir DIR`. Results in bench-results/bench-reports.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '@vanban/common';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Resident memory (MB) of a process and all its descendants, from /proc. */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))![1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch { /* gone meanwhile */ }
  }
  let kb = 0;
  const visit = (p: number) => {
    try { kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0); } catch { /* gone */ }
    for (const child of children.get(p) ?? []) visit(child);
  };
  visit(pid);
  return kb / 1024;
}

async function runReport(dataDir: string, at: string, format: 'xlsx' | 'pdf', out: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin/report.ts'),
    '--period', 'yearly', '--at', at, '--scope', '000.00.00.H26', '--format', format, '--out', out, '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  let treePeak = 0;
  const sampler = setInterval(() => { treePeak = Math.max(treePeak, treeRssMb(child.pid!)); }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`npm run report --format ${format} failed:\n${stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const inner = /in ([\d.]+) s, peak memory (\d+) MB/.exec(stderr)!;
  const agencies = [...stderr.matchAll(/(\d+) agencies of kind/g)].reduce((n, m) => n + Number(m[1]), 0);
  return { seconds, generate_seconds: Number(inner[1]), peak_rss_mb: Number(inner[2]), tree_peak_rss_mb: Math.round(treePeak), agencies, bytes: readFileSync(out).length };
}

async function main() {
  const flags = parseArgs(process.argv.slice(2), { 'data-dir': 'string', runs: 'string', at: 'string' });
  const dataDir = flags['data-dir'] as string | undefined;
  if (!dataDir) throw new Error('--data-dir DIR is required: a warehouse kept by `npm run bench -- --data-dir DIR`');
  const runs = Number(flags['runs'] ?? 3);
  const at = String(flags['at'] ?? '2025-06-01');
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-reports-'));
  const results: Record<string, unknown> = { machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) }, data_dir: dataDir, report: `yearly statutory period containing ${at}, city, every agency, as_was` };
  try {
    for (const format of ['xlsx', 'pdf'] as const) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const sample = await runReport(dataDir, at, format, path.join(scratch, `report.${format}`));
        console.error(`${format} run ${i + 1}/${runs}: ${sample.seconds.toFixed(1)} s (generation ${sample.generate_seconds} s), peak ${sample.peak_rss_mb} MB (with Chromium ${sample.tree_peak_rss_mb} MB), ${sample.agencies} agencies, ${sample.bytes.toLocaleString('en')} bytes`);
        samples.push(sample);
      }
      results[format] = {
        runs: samples,
        seconds_max: Math.max(...samples.map((s) => s.seconds)),
        peak_rss_mb_max: Math.max(...samples.map((s) => s.peak_rss_mb)),
        tree_peak_rss_mb_max: Math.max(...samples.map((s) => s.tree_peak_rss_mb)),
      };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  const file = path.join(root, 'bench-results', 'bench-reports.json');
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  console.error(`written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(`bench:reports failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
