// How a rate is shown, in per cent to one decimal (the portal, its charts and the PDF reports): as
// it rounds, except at the ends. A rate short of 100 % never shows as 100,0 %, and one above 0 never
// as 0,0 %: from 2023 every Plan 222 target is 100 % (kpi.md), and 99,96 % shown as "100,0 %" beside
// "not met" reads as a contradiction (the API judges the exact value).

/** The rate × 100, to be written with one decimal. */
export function shownPercent(rate: number): number {
  const value = rate * 100;
  if (rate < 1 && value >= 99.95) return 99.9;
  if (rate > 0 && value < 0.05) return 0.1;
  return value;
}

/**
 * The Excel number format of a cell holding a rate (the exact rate, so that it computes as one):
 * per cent with one decimal, or as many more as it takes for a rate short of 100 % not to show as
 * 100,0 % and one above 0 not as 0,0 % (Excel rounds what it shows, half away from zero, as
 * Math.round does for these positive numbers).
 */
export function percentFormat(rate: number | null | undefined): string {
  let decimals = 1;
  if (typeof rate === 'number' && rate > 0 && rate < 1) {
    const shown = (places: number) => Math.round(rate * 100 * 10 ** places) / 10 ** places;
    while (decimals < 12 && (shown(decimals) >= 100 || shown(decimals) <= 0)) decimals++;
  }
  return `0.${'0'.repeat(decimals)}%`;
}
