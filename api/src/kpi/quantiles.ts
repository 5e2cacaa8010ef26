// Exact quantiles from a histogram of integer values, by the nearest-rank rule of kpi.md:
// pXX of n sorted values is v_k with k = ceil(XX · n / 100), computed in integers.

export type Histogram = ReadonlyArray<readonly [value: number, count: number]>;

export function nearestRank(histogram: Histogram, percent: number): number | null {
  const n = histogram.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) return null;
  const k = Math.floor((percent * n + 99) / 100); // ceil(percent·n/100) for integer percent
  let seen = 0;
  for (const [value, count] of histogram) {
    seen += count;
    if (seen >= k) return value;
  }
  return histogram[histogram.length - 1]![0];
}

/** numerator / denominator, or null when there is nothing to divide by (never 0 or 1 by default). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
