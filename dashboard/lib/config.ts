// The portal's configuration, read once: where the API answers (same origin in the demo).
export const apiBaseUrl = process.env['API_BASE_URL'] ?? 'http://127.0.0.1:3000';
export const cityCode = '000.00.00.H26';
