// The colour scales of the portal's maps and tiles: fixed bins on absolute thresholds, so a colour
// means the same on every page, in every period and for every agency (never "worst of the ones
// shown"). Red-orange only marks a bad state; the palette is blue ↔ orange (readable with the common
// colour-vision deficiencies), every swatch names the text colour that keeps a contrast ≥ 4.5 on it.
import { formatCount, formatPercent } from './format';
import type { Lang, T } from './i18n';

/**
 * The thresholds, in one place, and why:
 * - on_time_rate: kpi.md sets no Plan 222 target for it, and the legal deadlines (Decree 30/2020)
 *   bind every document, so the norm is 100 %. ≥ 95 % (at most one document in twenty late) reads as
 *   good, 80 % to 95 % as "watch", below 80 % (more than one in five late) as bad. A product choice,
 *   stated in the legend; change it here only.
 * - online_rate: against the Plan 222 target of the row's kind and period (kpi.md, Targets): met is
 *   good, up to 10 percentage points short is "watch", further is bad. Without a target (periods
 *   ending before 2022-10-01) the colours only grade the level, in a neutral palette.
 * - open_overdue: every overdue document has missed a legal deadline, so only 0 is good; 1–10 watch,
 *   11–50 bad, more than 50 worse. A stock at the as-of date, so the bins do not depend on the
 *   period's length.
 * - received: volume, neither good nor bad: neutral decades (below 100, hundreds, thousands, ten
 *   thousand and more).
 */
export const thresholds = {
  onTimeRate: { good: 0.95, watch: 0.8 },
  onlineShortfall: 0.1,
  onlineLevels: [0.5, 0.8, 0.95],
  overdue: [1, 11, 51],
  received: [100, 1000, 10000],
} as const;

export type Tone = 'good' | 'watch' | 'bad' | 'worse' | 'level1' | 'level2' | 'level3' | 'level4' | 'none';

/** Fill and the text colour on it (contrast ≥ 4.5, checked in scales.test.ts). */
export const swatches: Record<Tone, { fill: string; ink: string }> = {
  good: { fill: '#1f5f99', ink: '#ffffff' },
  watch: { fill: '#fdd49e', ink: '#1a1a1a' },
  bad: { fill: '#b4490c', ink: '#ffffff' },
  worse: { fill: '#7f2704', ink: '#ffffff' },
  level1: { fill: '#efedf5', ink: '#1a1a1a' },
  level2: { fill: '#bcbddc', ink: '#1a1a1a' },
  level3: { fill: '#6a51a3', ink: '#ffffff' },
  level4: { fill: '#3f007d', ink: '#ffffff' },
  none: { fill: '#e5e7eb', ink: '#1a1a1a' },
};

/** A bin holds the values in [min, max) (null: unbounded), in the API's units (rates as fractions). */
export interface Bin { tone: Tone; min: number | null; max: number | null; label: string }
export interface Scale { bins: Bin[]; none: Bin; note?: string }

export function binOf(scale: Scale, value: number | null): Bin {
  if (value === null) return scale.none;
  return scale.bins.find((b) => (b.min === null || value >= b.min) && (b.max === null || value < b.max)) ?? scale.none;
}

const noData = (t: T): Bin => ({ tone: 'none', min: null, max: null, label: t('Không có số liệu') });

/** Bins over ascending cut points: [< c0], [c0, c1), …, [≥ cn]. */
function cut(points: readonly number[], tones: Tone[], labels: string[]): Bin[] {
  return tones.map((tone, i) => ({ tone, min: i === 0 ? null : points[i - 1]!, max: i === points.length ? null : points[i]!, label: labels[i]! }));
}

export function onTimeScale(t: T, lang: Lang): Scale {
  const p = (r: number) => formatPercent(r, lang);
  const { good, watch } = thresholds.onTimeRate;
  return {
    bins: cut([watch, good], ['bad', 'watch', 'good'], [
      t('Thấp: dưới {v}', { v: p(watch) }), t('Cần chú ý: {a} đến dưới {b}', { a: p(watch), b: p(good) }), t('Tốt: từ {v} trở lên', { v: p(good) }),
    ]),
    none: noData(t),
    note: t('Kế hoạch 222 không đặt chỉ tiêu cho tỷ lệ đúng hạn: các mức màu là ngưỡng của hệ thống phân tích, theo yêu cầu mọi văn bản đều giải quyết đúng hạn.'),
  };
}

/** The online rate against `target` (null: no target this period, neutral levels). */
export function onlineScale(target: number | null, t: T, lang: Lang): Scale {
  const p = (r: number) => formatPercent(r, lang);
  if (target === null) {
    const [a, b, c] = thresholds.onlineLevels;
    return {
      bins: cut(thresholds.onlineLevels, ['level1', 'level2', 'level3', 'level4'], [
        t('Dưới {v}', { v: p(a) }), t('{a} đến dưới {b}', { a: p(a), b: p(b) }), t('{a} đến dưới {b}', { a: p(b), b: p(c) }), t('Từ {v} trở lên', { v: p(c) }),
      ]),
      none: noData(t),
      note: t('Kỳ này chưa có chỉ tiêu Kế hoạch 222: màu chỉ phân mức, không đánh giá.'),
    };
  }
  const short = Math.max(0, target - thresholds.onlineShortfall);
  return {
    bins: cut([short, target], ['bad', 'watch', 'good'], [
      t('Chưa đạt, thiếu hơn 10 điểm %: dưới {v}', { v: p(short) }),
      t('Chưa đạt, thiếu không quá 10 điểm %: {a} đến dưới {b}', { a: p(short), b: p(target) }),
      t('Đạt chỉ tiêu Kế hoạch 222: từ {v}', { v: p(target) }),
    ]),
    none: noData(t),
  };
}

export function overdueScale(t: T, lang: Lang): Scale {
  const n = (v: number) => formatCount(v, lang);
  const [a, b, c] = thresholds.overdue;
  return {
    bins: cut([a, b, c], ['good', 'watch', 'bad', 'worse'], [
      t('Không có văn bản quá hạn'), t('{a}–{b} văn bản', { a: n(a), b: n(b - 1) }), t('{a}–{b} văn bản', { a: n(b), b: n(c - 1) }), t('Trên {v} văn bản', { v: n(c - 1) }),
    ]),
    none: noData(t),
  };
}

export function volumeScale(t: T, lang: Lang): Scale {
  const n = (v: number) => formatCount(v, lang);
  const [a, b, c] = thresholds.received;
  return {
    bins: cut([a, b, c], ['level1', 'level2', 'level3', 'level4'], [
      t('Dưới {v}', { v: n(a) }), t('{a}–{b}', { a: n(a), b: n(b - 1) }), t('{a}–{b}', { a: n(b), b: n(c - 1) }), t('Từ {v} trở lên', { v: n(c) }),
    ]),
    none: noData(t),
    note: t('Số văn bản đến không tốt hay xấu: màu chỉ phân mức.'),
  };
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
