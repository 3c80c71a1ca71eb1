/** How long the supervisor waits before restarting a crashed backend: doubling delays, capped, optionally jittered. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0 for exact delays (tests); 0.2 spreads restarts ±20 %. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, jitter: 0.2 };

/** Delay before restart number `attempt` (1, 2, 3, …): base × 2^(attempt−1), at most maxMs. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exact = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const spread = exact * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(exact + spread));
}
