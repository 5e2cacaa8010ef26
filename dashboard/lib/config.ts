// The portal's configuration, read once: where the API answers (same origin in the demo).
import { localToday } from '@vanban/api/periods';
export const apiBaseUrl = process.env['API_BASE_URL'] ?? 'http://127.0.0.1:3000';
export const cityCode = '000.00.00.H26';

/**
 * The business date the portal's default periods start from: the server's BUSINESS_TODAY when it
 * replays a past day (the API reads the same variable), else today in Hanoi. A period that starts
 * after the API's today is refused, so both must agree.
 */
export function portalToday(): string {
  const given = process.env['BUSINESS_TODAY'];
  return given && /^\d{4}-\d{2}-\d{2}$/.test(given) ? given : localToday();
}
