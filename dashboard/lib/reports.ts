// How the report center names what the archive holds: the period, who asked, the file's size.
import type { ArchiveEntry } from './api';
import { hanoiTime } from '@vanban/api/periods';
import { formatAsOf, formatDate } from './format';
import type { T } from './i18n';

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
export function periodText(entry: ArchiveEntry, t: T): string {
  const kind = reportPeriods.find((p) => p.key === entry.period_kind)?.label ?? entry.period_kind;
  return `${t(kind)}${entry.calendar ? ` (${t('theo lịch')})` : ''} · ${formatDate(entry.period_from)} – ${formatDate(entry.period_to)}`;
}

export function scopeText(entry: ArchiveEntry, t: T): string {
  const level = reportLevels.find((l) => l.key === entry.agency_kind && l.key !== '');
  return level ? `${entry.scope_name} — ${t(level.label).toLowerCase()}` : entry.scope_name;
}

/** "Lịch tự động", "Qua API", the person's account, or the operator's. */
export function requesterText(entry: ArchiveEntry, t: T): string {
  if (entry.requested_via === 'schedule') return t('Lịch tự động');
  const [kind, ...rest] = entry.requested_by.split(':');
  const who = rest.join(':');
  if (kind === 'operator') return t('Quản trị viên {who} (dòng lệnh)', { who });
  if (kind === 'client' || kind === 'api_key') return t('Hệ thống {who} (API)', { who });
  return who;
}

/** "2026-11-25T02:03:04.123Z" → "09:03 25/11/2026", Hanoi time. */
export function generatedText(iso: string): string {
  return formatAsOf(hanoiTime(Date.parse(iso))) ?? iso;
}

export function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
