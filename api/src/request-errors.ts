// The caller's mistakes that any module may raise; errors.ts turns them into the API's error format.
// A leaf module, so the KPI and report code can throw them without importing the HTTP layer.

/**
 * 400: the request names something impossible (a date that does not exist, an empty level); `code`
 * tells a client which (`period_not_started`…), `bad_request` by default.
 */
export class BadRequestError extends Error {
  constructor(message: string, readonly code: string = 'bad_request') {
    super(message);
  }
}

/** 404 with a code that names what is missing ("report_not_found"). */
export class NotFoundError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** 409: the caller's share of something finite (their archived reports) is used up. */
export class QuotaExceededError extends Error {}

/**
 * 429 (this caller has too much running) or 503 (the server has): try again after
 * `retryAfterSeconds`, said in a Retry-After header.
 */
export class BusyError extends Error {
  constructor(message: string, readonly status: 429 | 503, readonly retryAfterSeconds: number) {
    super(message);
  }
}
