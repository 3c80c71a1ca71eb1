/**
 * When and how long to wait before repeating a failed call, kept free of axios so the arithmetic can be tested
 * exactly and reused by other transports.
 *
 * Backoff is "full jitter" (AWS architecture blog, 2015): a uniform random wait in [0, min(cap, base·2^(n-1))], which
 * spreads clients that failed together. A server's `Retry-After` wins over the backoff, but is capped as well, so one
 * odd header cannot park a client for an hour.
 */

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  retries: number;
  /** Base of the exponential backoff, milliseconds. */
  baseDelayMs: number;
  /** Longest single wait, for both the backoff and `Retry-After`, milliseconds. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses worth repeating: the server is overloaded, down or asked us to slow down. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Milliseconds a `Retry-After` value asks for: delta-seconds (`120`) or an HTTP date. Null when absent or unreadable;
 * a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names its weekday or month; without letters Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * The wait before retry number `retryNumber` (1 for the first retry). `random` returns [0, 1), injectable for tests.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retryNumber: number,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(policy.maxDelayMs, retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.floor(random() * ceiling);
}
