// The portal's charts and maps in a real browser (Debian's Chromium, SVG renderer): numbers inside
// the charts are written the Vietnamese way and equal the API's, the unfinished month says so, the
// on-time line is not red, and every district and commune tile has the colour of its figure's bin in
// the legend on screen. Screenshots go to test-artifacts/portal/.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable, chromiumPath, portalUnderTest } from '../support/portal.js';
import { expectedPercent } from '../support/shown-rate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'test-artifacts', 'portal');
const city = '000.00.00.H26';
// A business day in the middle of a month, so the period's last month is unfinished.
const today = '2025-09-17';
const period = { from: '2025-01-01', to: today, view: 'as_was' };
const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const percent = (rate: number | null) => (rate === null ? '—' : `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(expectedPercent(rate))}\u00a0%`);
/** English number style: "1,198" (a thousands comma) or "67.6" (a decimal point). */
const englishNumber = /\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)/;

let browser: Browser | undefined;
let base = '';
let close = async () => {};

before(async () => {
  if (!chromiumAvailable()) return;
  mkdirSync(artifacts, { recursive: true });
  ({ base, browser, close } = await portalUnderTest('charts', { seed: 21, scale: 0.003, until: today }, today));
});
after(() => close());

interface Incoming { received: number; open_overdue: number; on_time_rate: number | null; stages: Record<string, { median: number | null; p90: number | null }> }
interface SeriesAnswer { points: { from: string; to: string; as_of: string; kpis: { incoming: Incoming } }[] }
interface BreakdownAnswer { children: { agency: { code: string; name: string; kind: string }; kpis: { incoming: Incoming } }[] }

async function api<T>(route: string, params: Record<string, string>): Promise<T> {
  const response = await fetch(`${base}/api/v1/${route}?${new URLSearchParams(params)}`);
  assert.equal(response.status, 200, route);
  return response.json() as Promise<T>;
}

async function overview(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(`${base}/?${new URLSearchParams(period)}`);
  await page.getByRole('heading', { level: 1, name: 'UBND Thành phố Hà Nội' }).waitFor();
  return page;
}

/** The chart of a section once ECharts has drawn it (its svg holds text). */
async function drawnChart(section: Locator): Promise<Locator> {
  const chart = section.locator('.echart');
  await chart.locator('svg text').first().waitFor();
  await chart.scrollIntoViewIfNeeded();
  return chart;
}

const texts = (chart: Locator) => chart.locator('svg text').evaluateAll((nodes) => nodes.map((n) => n.textContent ?? '').filter(Boolean));

/** The chart's tooltip after moving the mouse to (x, y), as text. */
async function tooltipAt(page: Page, chart: Locator, x: number, y: number): Promise<string> {
  await page.mouse.move(x - 3, y - 3);
  await page.mouse.move(x, y, { steps: 3 });
  const tooltip = chart.locator('.chart-tooltip');
  await tooltip.waitFor({ state: 'visible' });
  // Runs of white space become one space, but the no-break space before a Vietnamese % stays.
  return (await tooltip.innerText()).replace(/[^\S\u00a0]+/g, ' ');
}

/** "rgb(r, g, b)" or "#rrggbb" → [r, g, b]. */
function rgb(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as [number, number, number];
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  assert.ok(match, `a colour: ${colour}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
const isRed = ([r, g, b]: [number, number, number]) => r > 150 && r > 2 * g && r > 2 * b;
const sameColour = (a: string, b: string) => rgb(a).join() === rgb(b).join();

test('the monthly trend: Vietnamese numbers on the axes and in the tooltip, the API\'s figures, the unfinished month marked, no red line', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const page = await overview();
  const chart = await drawnChart(page.getByTestId('trend'));
  const labels = await texts(chart);
  assert.ok(labels.length > 10, 'axis labels and legend are drawn');
  for (const label of labels) assert.doesNotMatch(label, englishNumber, `axis text "${label}" is written the Vietnamese way`);

  const series = await api<SeriesAnswer>('kpis/series', { agency: city, ...period, interval: 'month' });
  const lastYear = await api<SeriesAnswer>('kpis/series', { agency: city, from: '2024-01-01', to: '2024-09-17', view: period.view, interval: 'month' });
  const last = series.points.at(-1)!;
  assert.ok(last.as_of < '2025-09-30', 'the period ends inside September');
  // The unfinished month is marked on its axis label (drawn as its own text line).
  assert.ok(labels.some((label) => label.includes('(đến ngày 17/09)')), `the unfinished month is marked: ${labels.join(' | ')}`);

  // Hover every month (the axis's category labels give the x; the grid is above them) and compare.
  const months = await chart.locator('svg text').evaluateAll((nodes) => nodes
    .filter((n) => /^\d{2}\/\d{4}/.test(n.textContent ?? ''))
    .map((n) => { const box = n.getBoundingClientRect(); return { label: n.textContent!.slice(0, 7), x: box.x + box.width / 2, y: box.y }; }));
  assert.equal(months.length, series.points.length, 'one category label per month');
  let thousands = false;
  for (const [i, point] of series.points.entries()) {
    const month = months[i]!;
    const text = await tooltipAt(page, chart, month.x, month.y - 60);
    assert.doesNotMatch(text, englishNumber, `tooltip of ${month.label}: ${text}`);
    const { incoming } = point.kpis;
    const value = (name: string) => new RegExp(`${name}\\s*([\\d.,]+(?:\\u00a0%)?|—|-)`, 'u').exec(text)?.[1];
    assert.equal(value('Văn bản đến'), count.format(incoming.received), `${month.label}: received as the API gives it (${text})`);
    assert.equal(value('Quá hạn chưa xử lý \\(cuối tháng\\)'), count.format(incoming.open_overdue), `${month.label}: the overdue backlog`);
    assert.equal(value('Tỷ lệ đúng hạn \\(%\\)'), percent(incoming.on_time_rate), `${month.label}: on-time rate`);
    const before = lastYear.points[i]!.kpis.incoming.received;
    assert.equal(value('Văn bản đến cùng kỳ năm trước'), count.format(before), `${month.label}: the same month of 2024`);
    if (i === series.points.length - 1) assert.match(text, /\(đến ngày 17\/09\)/, 'the tooltip says the month is unfinished');
    thousands ||= incoming.received >= 1000;
  }
  assert.ok(thousands, 'a month with a thousand documents or more was read (scale of the simulation)');
  assert.ok(labels.some((label) => /^\d{1,3}(\.\d{3})+$/.test(label)), `an axis label with thousands, written 1.000: ${labels.join(' | ')}`);

  // The on-time line (and every other series) is not red.
  const colours = await chart.locator('svg path').evaluateAll((nodes) => nodes.flatMap((n) => [getComputedStyle(n).stroke, getComputedStyle(n).fill]).filter((c) => c.startsWith('rgb')));
  const reds = colours.filter((c) => isRed(rgb(c)));
  assert.deepEqual(reds, [], 'no red in the trend chart');
  await page.mouse.move(months.at(-1)!.x, months.at(-1)!.y - 60);
  await page.screenshot({ path: path.join(artifacts, 'charts-1440x900.png') });
  await page.context().close();
});

test('where documents wait: the stage chart\'s labels and tooltip are the API\'s working days, written the Vietnamese way', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const page = await overview();
  const chart = await drawnChart(page.getByTestId('stages'));
  for (const label of await texts(chart)) assert.doesNotMatch(label, englishNumber, `stage chart text "${label}"`);
  const { incoming } = await api<{ incoming: Incoming }>('kpis', { agency: city, ...period });
  const handling = incoming.stages['handling_days']!;
  assert.ok(handling.median !== null, 'documents were completed in the period');
  // The widest median bar (dark blue) is "Giao → giải quyết xong" or another step: the tooltip names it.
  const bars = await chart.locator('svg path').evaluateAll((nodes) => nodes
    .filter((n) => getComputedStyle(n).fill === 'rgb(31, 78, 140)')
    .map((n) => { const box = n.getBoundingClientRect(); return { x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width }; })
    .sort((a, b) => b.width - a.width));
  assert.ok(bars[0] && bars[0].width > 20, 'a median bar is drawn');
  const text = await tooltipAt(page, chart, bars[0].x, bars[0].y);
  assert.match(text, /^Trung vị/, text);
  const steps: Record<string, string> = { 'Chuyển đến (liên thông)': 'delivery_days', 'Tiếp nhận → trình lãnh đạo': 'to_leader_days', 'Trình → giao xử lý': 'to_assign_days', 'Giao → giải quyết xong': 'handling_days' };
  const step = Object.keys(steps).find((name) => text.includes(name));
  assert.ok(step, `the tooltip names a step: ${text}`);
  assert.match(text, new RegExp(`${count.format(incoming.stages[steps[step]!]!.median!).replace('.', '\\.')} ngày làm việc$`), text);
  await page.context().close();
});

test('in English the same charts write English numbers (1,500; 67.6%)', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([{ name: 'vanban_lang', value: 'en', url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/?${new URLSearchParams(period)}`);
  const chart = await drawnChart(page.getByTestId('trend'));
  const labels = await texts(chart);
  assert.ok(labels.some((label) => /^\d{1,3}(,\d{3})+$/.test(label)), `an axis label with thousands, written 1,000: ${labels.join(' | ')}`);
  assert.ok(labels.some((label) => label.includes('(to 17/09)')), 'the unfinished month is marked in English');
  const months = await chart.locator('svg text').evaluateAll((nodes) => nodes
    .filter((n) => /^\d{2}\/\d{4}/.test(n.textContent ?? ''))
    .map((n) => { const box = n.getBoundingClientRect(); return { x: box.x + box.width / 2, y: box.y }; }));
  const text = await tooltipAt(page, chart, months[0]!.x, months[0]!.y - 60);
  const series = await api<SeriesAnswer>('kpis/series', { agency: city, ...period, interval: 'month' });
  const rate = series.points[0]!.kpis.incoming.on_time_rate;
  const english = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (rate !== null) assert.ok(text.includes(`${english.format(expectedPercent(rate))}%`), `the on-time rate in English style: ${text}`);
  await context.close();
});

/** The legend's bins on screen: bounds in the API's units and the swatch's colour. */
async function legendBins(page: Page) {
  const legend = page.getByTestId('map-legend');
  await legend.waitFor();
  assert.ok(await legend.isVisible(), 'the map has a visible legend');
  return legend.locator('li').evaluateAll((items) => items.map((li) => ({
    tone: li.getAttribute('data-tone')!,
    min: li.hasAttribute('data-min') ? Number(li.getAttribute('data-min')) : null,
    max: li.hasAttribute('data-max') ? Number(li.getAttribute('data-max')) : null,
    fill: getComputedStyle(li.querySelector('.swatch')!).backgroundColor,
  })));
}

type LegendBin = Awaited<ReturnType<typeof legendBins>>[number];
function expectedBin(bins: LegendBin[], value: number | null): LegendBin {
  const bin = value === null ? bins.find((b) => b.tone === 'none')
    : bins.find((b) => b.tone !== 'none' && (b.min === null || value >= b.min) && (b.max === null || value < b.max));
  assert.ok(bin, `a legend bin holds ${value}`);
  return bin;
}

for (const metric of [
  { key: 'on_time_rate', value: (i: Incoming) => i.on_time_rate, text: percent },
  { key: 'open_overdue', value: (i: Incoming) => i.open_overdue, text: (v: number | null) => (v === null ? '—' : count.format(v)) },
]) {
  test(`the map by ${metric.key}: one legend, and every district and commune tile has the colour of its API figure's bin`, { timeout: 180_000 }, async (t) => {
    if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/?${new URLSearchParams({ ...period, map: metric.key })}#ban-do`);
    const bins = await legendBins(page);
    assert.ok(bins.length >= 4, 'the legend shows the bins and "no data"');
    assert.ok(bins.some((b) => b.tone === 'none'), 'the legend has a "no data" swatch');
    const breakdown = await api<BreakdownAnswer>('kpis/breakdown', { agency: city, ...period, rank_by: 'on_time_rate' });
    const byCode = new Map(breakdown.children.map((row) => [row.agency.code, row]));
    const byName = new Map(breakdown.children.map((row) => [row.agency.name, row]));

    // The commune tiles.
    const tiles = await page.locator('a.tile').evaluateAll((links) => links.map((a) => ({
      code: decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname.split('/').pop()!),
      background: getComputedStyle(a).backgroundColor, figure: a.querySelector('strong')?.textContent ?? '',
    })));
    assert.ok(tiles.length >= 100, 'a tile for each new commune');
    for (const tile of tiles) {
      const row = byCode.get(tile.code);
      assert.ok(row, `${tile.code} is a child in the API's breakdown`);
      const value = metric.value(row.kpis.incoming);
      assert.equal(tile.figure, metric.text(value), `${tile.code}: the tile shows the API's figure`);
      assert.ok(sameColour(tile.background, expectedBin(bins, value).fill), `${tile.code}: ${value} is coloured as its bin (${tile.background})`);
    }

    // The districts: hover the largest areas, read the name in the tooltip, compare the fill under the mouse.
    const map = page.locator('.map');
    await map.locator('svg path').nth(29).waitFor();
    await page.waitForLoadState('networkidle');
    await map.scrollIntoViewIfNeeded();
    const areas = await map.locator('svg path').evaluateAll((nodes) => nodes
      .map((n, index) => { const box = n.getBoundingClientRect(); return { index, x: box.x + box.width / 2, y: box.y + box.height / 2, size: box.width * box.height }; })
      .sort((a, b) => b.size - a.size).slice(0, 8));
    let checked = 0;
    for (const area of areas) {
      const under = await page.evaluate(({ x, y }) => {
        const element = document.elementFromPoint(x, y);
        return element instanceof SVGPathElement ? getComputedStyle(element).fill : null;
      }, area);
      if (!under) continue; // the centre of a crescent-shaped district is outside it
      const text = await tooltipAt(page, map, area.x, area.y).catch(() => '');
      const name = [...byName.keys()].filter((n) => text.startsWith(n)).sort((a, b) => b.length - a.length)[0];
      if (!name) continue;
      const value = metric.value(byName.get(name)!.kpis.incoming);
      assert.ok(text.includes(metric.text(value)), `${name}: the tooltip gives the API's figure (${text})`);
      assert.ok(sameColour(under, expectedBin(bins, value).fill), `${name}: ${value} is coloured as its bin (${under})`);
      checked++;
    }
    assert.ok(checked >= 3, `districts checked under the mouse: ${checked}`);
    if (metric.key === 'on_time_rate') await page.screenshot({ path: path.join(artifacts, 'map-legend-1440x900.png') });
    await context.close();
  });
}

test('the leader on a tablet: the district map says it is loading, then draws; if its outlines cannot be loaded it says so, and the districts\' figures are in the table below', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 768, height: 1024 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const outlines = '**/ban-do/quan-huyen-2022';
  const section = page.locator('#ban-do');

  // The outlines held back: the map's place says it is loading, and nothing else is said there.
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route(outlines, async (route) => { await held; await route.continue(); });
  await page.goto(`${base}/?${new URLSearchParams(period)}#ban-do`);
  await section.getByRole('status').filter({ hasText: 'Đang tải bản đồ…' }).waitFor();
  assert.equal(await section.getByRole('alert').count(), 0, 'no error while the map loads');
  assert.equal(await section.locator('.map svg path').count(), 0, 'nothing drawn before the outlines come');
  release();
  await section.locator('.map svg path').nth(29).waitFor();
  assert.equal(await section.getByText('Đang tải bản đồ…').count(), 0, 'the loading text goes once the map is drawn');
  await page.unroute(outlines);

  // The outlines refused: the map says it could not be loaded; the page and its tables stay.
  await page.route(outlines, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await page.reload();
  const alert = section.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), 'Không tải được bản đồ các quận, huyện. Số liệu của từng quận, huyện có ở bảng bên dưới.');
  assert.equal(await section.getByRole('img').count(), 0, 'no empty map is left in its place');
  assert.equal(await section.getByText('Đang tải bản đồ…').count(), 0, 'it no longer says it is loading');
  const breakdown = await api<BreakdownAnswer>('kpis/breakdown', { agency: city, ...period, rank_by: 'on_time_rate' });
  const districts = breakdown.children.filter((row) => row.agency.kind === 'district').map((row) => row.agency.name).sort();
  assert.ok(districts.length > 0, 'the period has districts');
  const listed = await page.locator('section[aria-labelledby="kind-district"] tbody th a').allInnerTexts();
  assert.deepEqual(listed.map((name) => name.trim()).sort(), districts, 'the table below lists every district the API gives');
  await alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'map-failed-768x1024.png') });
  await context.close();
});
