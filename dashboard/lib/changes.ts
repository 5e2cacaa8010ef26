// A figure against the same figure of another period (kpi.md, Comparisons), as a leader reads it:
// up or down, by how much, and whether that is better or worse. Counts compare whole; rates compare
// per working day to one decimal, rates in percentage points, because "on-time rate +3 %" is ambiguous and "+3 points" is not.
import { formatCount, formatDecimal } from './format';
import type { Lang } from './i18n';

/** Which way is good for a figure; `neither` for counts that are workload, not performance. */
export type Better = 'higher' | 'lower' | 'neither';

export interface Change {
  /** ▲, ▼, = or none when either side has no value. */
  arrow: '▲' | '▼' | '=' | '';
  judgement: 'better' | 'worse' | 'neutral';
  /** The difference as written ("12", "3,4 điểm %"), without its sign; '' when there is none. */
  amount: string;
}

export function compareFigure(now: number | null, before: number | null, better: Better, unit: 'count' | 'per_day' | 'rate', lang: Lang = 'vi'): Change {
  if (now === null || before === null) return { arrow: '', judgement: 'neutral', amount: '' };
  // Rates compare to one decimal of a percentage point, as they are shown; counts exactly.
  // Each side rounded as it is shown, so the arrow never contradicts the two figures on screen.
  const shown = (v: number) => (unit === 'rate' ? Math.round(v * 1000) : unit === 'per_day' ? Math.round(v * 10) : v);
  const delta = unit === 'count' ? now - before : (shown(now) - shown(before)) / 10;
  if (delta === 0) return { arrow: '=', judgement: 'neutral', amount: '' };
  const up = delta > 0;
  const judgement = better === 'neither' ? 'neutral' : (up === (better === 'higher') ? 'better' : 'worse');
  const amount = unit === 'rate' ? `${formatDecimal(Math.abs(delta), lang)} ${lang === 'vi' ? 'điểm %' : 'points'}`
    : unit === 'per_day' ? formatDecimal(Math.abs(delta), lang) : formatCount(Math.abs(delta), lang);
  return { arrow: up ? '▲' : '▼', judgement, amount };
}
