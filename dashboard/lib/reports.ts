// How the report center names what the archive holds: the period, who asked, the file's size.
import type { ArchiveEntry } from './api';
import { hanoiTime, previousPeriod, statutoryPeriod, type ReportPeriodKind } from '@vanban/api/periods';
import { formatAsOf, formatCount, formatDate, formatDecimal } from './format';
import type { Lang, T } from './i18n';

export const reportPeriods = [
  { key: 'monthly', label: 'Báo cáo tháng' },
  { key: 'quarterly', label: 'Báo cáo quý' },
  { key: 'half', label: 'Báo cáo 6 tháng' },
  { key: 'yearly', label: 'Báo cáo năm' },
] as const;

export const reportLevels = [
  { key: '', label: 'Tất cả các cấp' },
  { key: 'department', label: 'Sở, ban, ngành' },
  { key: 'district', label: 'Quận, huyện, thị xã' },
  { key: 'commune', label: 'Xã, phường, thị trấn' },
] as const;

/** "Báo cáo quý · 15/03/2025 – 14/06/2025" (statutory) or "… theo lịch". */
export function periodText(entry: Pick<ArchiveEntry, 'period_kind' | 'calendar' | 'period_from' | 'period_to'>, t: T): string {
  const kind = reportPeriods.find((p) => p.key === entry.period_kind)?.label ?? entry.period_kind;
  return `${t(kind)}${entry.calendar ? ` (${t('theo lịch')})` : ''} · ${formatDate(entry.period_from)} – ${formatDate(entry.period_to)}`;
}

export function scopeText(entry: { scope_name: string; agency_kind: string }, t: T): string {
  const level = reportLevels.find((l) => l.key === entry.agency_kind && l.key !== '');
  return level ? `${entry.scope_name} — ${t(level.label).toLowerCase()}` : entry.scope_name;
}

/** "Lịch tự động", "Qua API", the person's name (their account when the token gave none), or the operator's. */
export function requesterText(entry: ArchiveEntry, t: T): string {
  if (entry.requested_via === 'schedule') return t('Lịch tự động');
  const [kind, ...rest] = entry.requested_by.split(':');
  const who = rest.join(':');
  if (kind === 'operator') return t('Quản trị viên {who} (dòng lệnh)', { who });
  if (kind === 'client' || kind === 'api_key') return t('Hệ thống {who} (API)', { who });
  return entry.requested_by_name || who;
}

/** "2026-11-25T02:03:04.123Z" → "09:03 25/11/2026", Hanoi time. */
export function generatedText(iso: string): string {
  return formatAsOf(hanoiTime(Date.parse(iso))) ?? iso;
}

/** A file's size as the page's language writes numbers: "1,2 MB" in Vietnamese, "1.2 MB" in English. */
export function sizeText(bytes: number, lang: Lang = 'vi'): string {
  return bytes >= 1_000_000 ? `${formatDecimal(bytes / 1_000_000, lang)} MB` : `${formatCount(Math.max(1, Math.round(bytes / 1000)), lang)} KB`;
}

const roman = ['I', 'II', 'III', 'IV'];
/** How many periods of each kind the report center offers, the current one included. */
const offered: Record<ReportPeriodKind, number> = { monthly: 13, quarterly: 8, half: 4, yearly: 4 };

export interface PeriodChoice {
  /** "monthly:2026-11-14": the kind and a day inside the period (its last), as the form posts it. */
  value: string;
  kind: ReportPeriodKind;
  /** "Quý III/2026: 15/06–14/09/2026, đã chốt". */
  label: string;
  closed: boolean;
}

/** The statutory periods (cut off on the 14th) the report center offers by name, newest first per kind. */
export function periodChoices(today: string): PeriodChoice[] {
  return (Object.keys(offered) as ReportPeriodKind[]).flatMap((kind) => {
    const choices: PeriodChoice[] = [];
    let period = statutoryPeriod(kind, today);
    for (let i = 0; i < offered[kind]; i++) {
      const name = kind === 'monthly' ? `Tháng ${period.number}/${period.year}`
        : kind === 'quarterly' ? `Quý ${roman[period.number - 1]}/${period.year}`
        : kind === 'half' ? `6 tháng ${period.number === 1 ? 'đầu' : 'cuối'} năm ${period.year}`
        : `Năm ${period.year}`;
      const closed = period.to < today;
      const [from, to] = [formatDate(period.from), formatDate(period.to)];
      // The first day's year only when it differs from the last's ("15/12/2025–14/03/2026").
      const start = period.from.slice(0, 4) === period.to.slice(0, 4) ? from.slice(0, 5) : from;
      choices.push({ value: `${kind}:${period.to}`, kind, closed, label: `${name}: ${start}–${to}, ${closed ? 'đã chốt' : 'chưa hết kỳ (tạm tính)'}` });
      period = statutoryPeriod(kind, previousPeriod(period).to);
    }
    return choices;
  });
}

/** The period offered first: the last monthly one closed, the one a report is most often due for. */
export const defaultPeriodChoice = (today: string) => periodChoices(today).find((c) => c.kind === 'monthly' && c.closed)!.value;

/** The report center's choices, as the form posts them and as the page's URL keeps them. */
export interface FormChoices {
  /** The API's order (POST /api/v1/reports). */
  order: { period: string; calendar: boolean; at: string; scope: string; kind?: string; view: string; format: string };
  /** The same choices under the form's names, for the URL the center comes back to. */
  query: Record<string, string>;
}

/** Reads the form's fields (`field(name)`): the period by name ("quarterly:2026-09-14"), scope, level, view, format. */
export function formChoices(field: (name: string) => string): FormChoices {
  const [period = '', at = ''] = field('ky').split(':');
  const calendar = field('calendar') === 'true';
  const kind = field('kind');
  const view = field('view') === 'as_is' ? 'as_is' : 'as_was';
  const format = field('format') === 'pdf' ? 'pdf' : 'xlsx';
  const scope = field('scope').trim();
  return {
    order: { period, calendar, at, scope, ...(kind ? { kind } : {}), view, format },
    query: { ky: field('ky'), calendar: String(calendar), scope, kind, view, format },
  };
}
