/** Exact (Clopper–Pearson) binomial confidence bounds, so a reported error rate comes with a bound that holds for any sample size. */
import { betaIsf, betaQuantile } from '../stats/beta-quantile.js';

function check(k: number, n: number, confidence: number, where: string): void {
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(k) && k >= 0 && k <= n))
    throw new RangeError(`${where}: need integers 0 ≤ k ≤ n, n ≥ 1; got k = ${k}, n = ${n}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`${where}: confidence must be in (0, 1), got ${confidence}`);
}

/**
 * One-sided upper bound U on a binomial proportion after k successes in n trials: P(Bin(n, U) ≤ k) = 1 − c,
 * i.e. U = Beta quantile c of (k + 1, n − k); U = 1 when k = n. Covers the true p with probability ≥ c.
 */
export function clopperPearsonUpper(k: number, n: number, confidence: number): number {
  check(k, n, confidence, 'clopperPearsonUpper');
  if (k === n) return 1;
  return betaIsf(1 - confidence, k + 1, n - k);
}

/** One-sided lower bound L: Beta quantile 1 − c of (k, n − k + 1); L = 0 when k = 0. */
export function clopperPearsonLower(k: number, n: number, confidence: number): number {
  check(k, n, confidence, 'clopperPearsonLower');
  if (k === 0) return 0;
  return betaQuantile(1 - confidence, k, n - k + 1);
}

/** Two-sided interval at confidence c: each one-sided bound at (1 + c)/2. */
export function clopperPearsonInterval(
  k: number,
  n: number,
  confidence: number,
): { lower: number; upper: number } {
  check(k, n, confidence, 'clopperPearsonInterval');
  const tail = (1 - confidence) / 2;
  return {
    lower: k === 0 ? 0 : betaQuantile(tail, k, n - k + 1),
    upper: k === n ? 1 : betaIsf(tail, k + 1, n - k),
  };
}
