/**
 * Neyman–Pearson thresholds: a cut-off on the classifier's score whose false-positive rate is at most α with
 * probability at least 1 − δ over the draw of the held-out data, whatever the score distribution — the
 * guarantee the classification job promises ("P" must rarely be wrong).
 *
 * Direction: a higher score means "more likely positive" (calibrated P(y = 1), a log-odds, ...).
 *
 * τ+ (Tong, Feng & Li 2018, "Neyman–Pearson classification algorithms and NP receiver operating
 * characteristics", Science Advances 4(2), Proposition 1): with the n held-out negatives' scores sorted,
 * t(1) ≤ … ≤ t(n), take the smallest rank k with
 *     v(k) = P(Bin(n, 1 − α) ≥ k) = Σ_{j=k}^{n} C(n, j)(1 − α)^j α^(n−j) ≤ δ
 * and τ+ = t(k). Predicting positive when score > τ+ then has population FPR ≤ α with probability ≥ 1 − δ
 * (for continuous scores; ties only make it more conservative). v(k) = I_{1−α}(k, n − k + 1), the regularised
 * incomplete beta. Equivalently, n − k is the largest count of held-out false positives whose one-sided
 * Clopper–Pearson upper bound at confidence 1 − δ is still ≤ α; the result reports that bound.
 * If even k = n fails ((1 − α)^n > δ: too few negatives, n < log δ / log(1 − α), e.g. 59 for α = δ = 0.05),
 * no threshold from the data carries the guarantee; τ+ = +∞ (nothing is called positive) and feasible = false.
 *
 * τ− is the mirror image on the positives: negate their scores, apply the rule with β (the tolerated
 * false-negative rate), negate back. Predicting negative when score < τ− has FNR ≤ β with probability ≥ 1 − δ.
 *
 * Three-way rule: P if score > τ+, else N if score < τ−, else gray. When τ− > τ+ (well separated classes) the
 * two regions overlap; giving P priority there keeps both guarantees, since the P region is still {score > τ+}
 * and the N region shrinks to a subset of {score < τ−}.
 */
import { incompleteBeta } from '../stats/incomplete-beta.js';
import { clopperPearsonUpper } from './clopper-pearson.js';

/** v(k) = P(Bin(n, 1 − α) ≥ k): the probability that the rank-k order statistic violates FPR ≤ α. */
export function npViolationProbability(n: number, k: number, alpha: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return incompleteBeta(1 - alpha, k, n - k + 1);
}

/** The smallest rank k (1-based) with v(k) ≤ δ, or null when none exists. v is decreasing in k, so binary search. */
export function npRank(n: number, alpha: number, delta: number): number | null {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`npRank: n must be an integer ≥ 0, got ${n}`);
  if (!(alpha > 0 && alpha < 1) || !(delta > 0 && delta < 1))
    throw new RangeError('npRank: α and δ must be in (0, 1)');
  if (n === 0 || npViolationProbability(n, n, alpha) > delta) return null;
  let lo = 1;
  let hi = n; // invariant: v(hi) ≤ δ, and v(k) > δ for k < lo
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (npViolationProbability(n, mid, alpha) <= delta) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface NpThreshold {
  /** τ: the cut-off in score units (±∞ when infeasible). */
  threshold: number;
  /** k: 1-based rank of the order statistic used (null when infeasible). */
  rank: number | null;
  n: number;
  /** The tolerated error rate (α for τ+, β for τ−) and δ = 1 − confidence. */
  alpha: number;
  delta: number;
  feasible: boolean;
  /** v(k): the exact probability (for continuous scores) that the error rate exceeds α; ≤ δ. */
  violationProbability: number;
  /** Held-out rows of the class on the wrong side of τ (score > τ+ for negatives, < τ− for positives). */
  observedErrors: number;
  /** One-sided Clopper–Pearson upper bound at confidence 1 − δ on the error rate, from observedErrors of n. */
  errorRateUpperBound: number;
}

function orderStatisticThreshold(
  scores: ArrayLike<number>,
  alpha: number,
  confidence: number,
  where: string,
): NpThreshold {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`${where}: confidence must be in (0, 1), got ${confidence}`);
  const delta = 1 - confidence;
  const sorted = Float64Array.from(scores).sort();
  for (const s of sorted) if (Number.isNaN(s)) throw new RangeError(`${where}: a score is NaN`);
  const n = sorted.length;
  const k = npRank(n, alpha, delta);
  if (k === null) {
    return {
      threshold: Number.POSITIVE_INFINITY,
      rank: null,
      n,
      alpha,
      delta,
      feasible: false,
      violationProbability: n === 0 ? 1 : npViolationProbability(n, n, alpha),
      observedErrors: 0,
      errorRateUpperBound: n === 0 ? 1 : clopperPearsonUpper(0, n, confidence),
    };
  }
  const threshold = sorted[k - 1]!;
  let errors = 0;
  for (const s of sorted) if (s > threshold) errors++;
  return {
    threshold,
    rank: k,
    n,
    alpha,
    delta,
    feasible: true,
    violationProbability: npViolationProbability(n, k, alpha),
    observedErrors: errors,
    errorRateUpperBound: clopperPearsonUpper(errors, n, confidence),
  };
}

/**
 * τ+ from the held-out NEGATIVES' scores (not mutated): P(FPR of "score > τ+" ≤ α) ≥ confidence.
 * confidence = 1 − δ, e.g. 0.95.
 */
export function npUpperThreshold(
  negativeScores: ArrayLike<number>,
  alpha: number,
  confidence: number,
): NpThreshold {
  return orderStatisticThreshold(negativeScores, alpha, confidence, 'npUpperThreshold');
}

/**
 * τ− from the held-out POSITIVES' scores (not mutated): P(FNR of "score < τ−" ≤ β) ≥ confidence.
 * Infeasible → τ− = −∞ (nothing is called negative).
 */
export function npLowerThreshold(
  positiveScores: ArrayLike<number>,
  beta: number,
  confidence: number,
): NpThreshold {
  const mirrored = orderStatisticThreshold(
    Float64Array.from(positiveScores, (s) => -s),
    beta,
    confidence,
    'npLowerThreshold',
  );
  return { ...mirrored, threshold: -mirrored.threshold };
}

/** 1 = positive, 0 = negative, −1 = gray (undecided). */
export type ThreeWayLabel = 1 | 0 | -1;

/** The three-way decision for one score (see the module comment for the order of the tests). NaN → gray. */
export function threeWayLabel(score: number, tauPlus: number, tauMinus: number): ThreeWayLabel {
  if (score > tauPlus) return 1;
  if (score < tauMinus) return 0;
  return -1;
}

/** threeWayLabel for every score (new Int8Array; `scores` not mutated). */
export function threeWayLabels(scores: ArrayLike<number>, tauPlus: number, tauMinus: number): Int8Array {
  return Int8Array.from(scores, (s) => threeWayLabel(s, tauPlus, tauMinus));
}
