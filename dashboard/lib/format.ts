// Presentation of the API's numbers: Vietnamese style by default (1.234.567; 97,3 %, the % after a
// no-break space), English style in English (1,234,567; 97.3%); "—" for a figure that has no value;
// dates as dd/mm/yyyy in both.
import { shownPercent } from '@vanban/api/shown-percent';
import type { Lang } from './i18n';

const locales = { vi: 'vi-VN', en: 'en-GB' } as const;
const integers = { vi: new Intl.NumberFormat(locales.vi, { maximumFractionDigits: 0 }), en: new Intl.NumberFormat(locales.en, { maximumFractionDigits: 0 }) };
const decimals = {
  vi: new Intl.NumberFormat(locales.vi, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat(locales.en, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

export function formatCount(value: number | null | undefined, lang: Lang = 'vi'): string {
  return value === null || value === undefined ? '—' : integers[lang].format(value);
}

/** Vietnamese writes a space before the per cent sign (97,3 %), English none (97.3%). */
const percentSign = { vi: '\u00a0%', en: '%' } as const;

/** One decimal; a rate short of 100 % (or of another multiple of 5 %) never shows as it, nor one above 0 as 0,0 %: shownPercent. */
export function formatPercent(rate: number | null | undefined, lang: Lang = 'vi'): string {
  return rate === null || rate === undefined ? '—' : `${decimals[lang].format(shownPercent(rate))}${percentSign[lang]}`;
}

/** A number of days with one decimal, without its unit (the caller's text says "ngày" / "days"). */
export function formatDecimal(value: number | null | undefined, lang: Lang = 'vi'): string {
  return value === null || value === undefined ? '—' : decimals[lang].format(value);
}

/** "2026-11-24T09:30:12.123+07:00" → "09:30 24/11/2026" (the time is already local to Hanoi); null when there is none. */
export function formatAsOf(iso: string | null): string | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${match[4]}:${match[5]} ${match[3]}/${match[2]}/${match[1]}` : iso;
}

export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
