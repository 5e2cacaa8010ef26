// Vietnamese presentation of the API's numbers: 1.234.567; 97,3%; "—" for a figure that has no value.
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

export function formatPercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${oneDecimal.format(rate * 100)}%`;
}

export function formatDays(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${oneDecimal.format(value)} ngày`;
}

/** "2026-11-24T09:30:12.123+07:00" → "09:30 24/11/2026" (the time is already local to Hanoi). */
export function formatAsOf(iso: string | null): string {
  if (!iso) return 'chưa có dữ liệu';
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return match ? `${match[4]}:${match[5]} ${match[3]}/${match[2]}/${match[1]}` : iso;
}

export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
