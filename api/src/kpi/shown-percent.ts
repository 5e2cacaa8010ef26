// How a rate is shown, in per cent to one decimal (the portal, its charts and the PDF reports): as
// it rounds, except where rounding would carry it onto a line it has not reached. Every target and
// colour band the product judges a rate by is a multiple of 5 % (kpi.md: 100 % from 2023, 80 and
// 70 % in 2022; the portal's bands at 95 and 80 % on time, and target − 10 points online), so a rate
// short of a multiple of 5 % never shows as it: 99,96 % shown as "100,0 %" beside "not met", or
// 94,96 % as "95,0 %" in the band "80,0 % đến dưới 95,0 %", reads as a contradiction (the API and
// the colours judge the exact value). And one above 0 never shows as 0,0 %.

/** Whether `shown` (a per cent, rounded) is a multiple of 5 % above the exact per cent `exact`. */
function roundedOntoALine(exact: number, shown: number): boolean {
  return shown > exact && Math.abs(shown / 5 - Math.round(shown / 5)) < 1e-9;
}

/** The rate × 100, to be written with one decimal. */
export function shownPercent(rate: number): number {
  const value = rate * 100;
  if (rate > 0 && value < 0.05) return 0.1;
  const rounded = Math.round(value * 10) / 10;
  return roundedOntoALine(value, rounded) ? (Math.round(rounded * 10) - 1) / 10 : value;
}

/**
 * The Excel number format of a cell holding a rate (the exact rate, so that it computes as one):
 * per cent with one decimal, or as many more as it takes for a rate short of a multiple of 5 % not
 * to show as it and one above 0 not as 0,0 % (Excel rounds what it shows, half away from zero, as
 * Math.round does for these positive numbers).
 */
export function percentFormat(rate: number | null | undefined): string {
  let decimals = 1;
  if (typeof rate === 'number' && rate > 0 && rate < 1) {
    const shown = (places: number) => Math.round(rate * 100 * 10 ** places) / 10 ** places;
    while (decimals < 12 && (roundedOntoALine(rate * 100, shown(decimals)) || shown(decimals) <= 0)) decimals++;
  }
  return `0.${'0'.repeat(decimals)}%`;
}
