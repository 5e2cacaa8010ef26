// `npm run bench:portal -- --data-dir D`: how fast the leaders' portal opens, measured in Debian's
// Chromium through Playwright against the API and portal on 127.0.0.1, over a warehouse kept by
// `npm run bench -- --data-dir D`:
//   * Largest Contentful Paint of the city overview: the first page after the server starts (its own
//     figure), then cold (a period never asked before, so every API answer is computed) and warm
//     (the same view again: answers from the ETag-keyed cache);
//   * interaction latency: from a click on a period to the new view's figures on screen;
//   * Largest Contentful Paint of the IOC wall (/man-hinh) at 1920×1080, cold (the first open after
//     the overview's runs: its period is the year so far, not yet asked) and warm.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { closeWarehouse, connectWarehouse, parseArgs } from '@vanban/common';
import { localToday } from '@vanban/api';
import { launchChromium, servePortal } from '../test/support/portal.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50_ms: Math.round(percentile(sorted, 50)), p95_ms: Math.round(percentile(sorted, 95)), max_ms: Math.round(sorted.at(-1)!) };
};

/** The page's Largest Contentful Paint, from the browser's own performance timeline. */
async function largestContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1]!.startTime);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  }));
}

async function main() {
  const flags = parseArgs(process.argv.slice(2), { 'data-dir': 'string', runs: 'string' });
  const dataDir = flags['data-dir'] as string | undefined;
  if (!dataDir) throw new Error('--data-dir D is required: a warehouse made by `npm run bench -- --data-dir D`');
  const runs = Number(flags['runs'] ?? 10);
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  const { base, close } = await servePortal({ warehouse, today: localToday, logLevel: 'warn' });
  const browser = await launchChromium();
  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) }, data_dir: dataDir,
  };
  try {
    const open = async (url: string, ready = 'section.card', viewport = { width: 1440, height: 900 }) => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(url);
      await page.locator(ready).first().waitFor();
      const lcp = await largestContentfulPaint(page);
      await context.close();
      return lcp;
    };
    // The first page after the server starts also loads the portal's modules and opens the
    // warehouse's files: a figure of its own (a restart), not a sample of the leaders' steady state.
    // Its period (2024) is none of the cold runs'.
    report['overview_lcp_first_after_start_ms'] = Math.round(await open(`${base}/?from=2024-01-01&to=2024-06-30&view=as_was`));
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A different month of 2025 each run: nothing cached for it yet.
      const month = String((i % 12) + 1).padStart(2, '0');
      const url = `${base}/?from=2025-${month}-01&to=2025-${month}-${i >= 12 ? '27' : '28'}&view=as_was`;
      cold.push(await open(url));
      warm.push(await open(url));
      console.error(`run ${i + 1}/${runs}: LCP cold ${Math.round(cold.at(-1)!)} ms, warm ${Math.round(warm.at(-1)!)} ms`);
    }
    report['overview_lcp_cold'] = summary(cold);
    report['overview_lcp_warm'] = summary(warm);

    // The IOC wall: one URL (the year so far), so only its first open is cold; the rest are what a
    // wall's reload or a second screen costs (answers from the API's cache).
    const wall = (n: number) => open(`${base}/man-hinh`, '[data-figure]', { width: 1920, height: 1080 }).then((lcp) => {
      console.error(`wall ${n}: LCP ${Math.round(lcp)} ms`);
      return lcp;
    });
    const wallCold = await wall(0);
    const wallWarm: number[] = [];
    for (let i = 1; i <= runs; i++) wallWarm.push(await wall(i));
    report['wall_lcp_cold_ms'] = Math.round(wallCold);
    report['wall_lcp_warm'] = summary(wallWarm);

    // Interaction: a click on another period, until its figures are on screen.
    const interaction: number[] = [];
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/?from=2024-01-01&to=2024-12-31&view=as_was`);
    for (let i = 0; i < runs; i++) {
      const links = page.getByRole('group', { name: 'Kỳ theo lịch' }).getByRole('link');
      const link = links.nth(i % (await links.count()));
      const before = await page.locator('h2.period').innerText();
      const started = Date.now();
      await link.click();
      await page.waitForFunction((text) => document.querySelector('h2.period')?.textContent !== text && document.querySelector('section.card .value') !== null, before)
        .catch(() => undefined); // the same period again: nothing changes but the load
      await page.waitForLoadState('load');
      interaction.push(Date.now() - started);
    }
    await context.close();
    report['period_click_to_figures'] = summary(interaction);
  } finally {
    await browser.close();
    await close();
    await closeWarehouse(warehouse);
  }
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  writeFileSync(path.join(root, 'bench-results', 'bench-portal.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(`bench:portal failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
