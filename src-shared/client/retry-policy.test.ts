/** Pins the backoff arithmetic: full-jitter bounds, the cap, and both Retry-After forms. */
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = { retries: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('draws uniformly below base·2^(n-1)', () => {
    expect(retryDelayMs(policy, 1, null, () => 0)).toBe(0);
    expect(retryDelayMs(policy, 1, null, () => 0.999)).toBe(99);
    expect(retryDelayMs(policy, 3, null, () => 0.5)).toBe(200);
  });

  it('never exceeds the cap', () => {
    expect(retryDelayMs(policy, 30, null, () => 0.999)).toBe(999);
  });

  it('uses Retry-After instead of the backoff, capped', () => {
    expect(retryDelayMs(policy, 1, 700, () => 0)).toBe(700);
    expect(retryDelayMs(policy, 1, 60_000, () => 0)).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('reads an HTTP date, clamping the past to 0', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 599].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 422].some(isRetryableStatus)).toBe(false);
  });
});
