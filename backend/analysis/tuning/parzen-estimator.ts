/**
 * The univariate Parzen estimators l(x) and g(x) of TPE, built exactly as Optuna 3.1 builds them (its
 * `_ParzenEstimator` with multivariate=False), so our sampler inherits its tested bandwidth heuristics.
 *
 * Numeric parameter (internal units, Parzen bounds [lo, hi], see search-space.ts): a mixture of Gaussians
 * truncated to [lo, hi], one per observation plus a prior component N((lo + hi)/2, (hi − lo)²).
 * - Bandwidth of an observation: the larger gap to its neighbours after sorting all centres (the prior's
 *   included) between the two bounds; with `considerEndpoints` false (Optuna's default) the first and last
 *   centres use their inner gap instead of the gap to the bound.
 * - Magic clip (Bergstra et al. 2011, kept by Optuna): bandwidths are clipped to
 *   [(hi − lo)/min(100, 1 + #centres), hi − lo], so a tight cluster of observations cannot collapse l(x).
 * - Grid parameters (int, stepped float) use the probability mass of [x − q/2, x + q/2] ∩ [lo, hi] rather
 *   than the density, as Optuna does.
 * - Continuous densities are the true truncated-normal densities, with the −log σ that Optuna 3.1's
 *   `_truncnorm.logpdf` omitted (optuna/optuna#5109, fixed by #5110 in Optuna 3.5); log-scaled ints use the
 *   density in log space, as Optuna 3.1 does.
 * Categorical parameter: each observation contributes a categorical distribution with the prior weight
 * spread evenly, prior/(n + 1) on every choice, plus 1 on its own choice; the prior component is uniform.
 * Since a mixture of categoricals is a categorical, the estimator keeps only the mixed probabilities.
 * Component weights: Optuna's `default_weights` (1 for the 25 newest observations, a linear ramp from 1/n
 * up to 1 for older ones), then the prior weight, normalised to sum 1.
 */
import type { Rng } from '../random/rng.js';
import { logGaussMass, sampleTruncatedNormal } from './truncated-normal.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
import type { NumericDomain } from './search-space.js';

export interface ParzenOptions {
  /** Weight of the prior component (Optuna's prior_weight, default 1). */
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
}

export interface ParzenEstimator {
  /** Draws `size` internal values (float, or choice indices for categorical). Advances `rng`. */
  sample(rng: Rng, size: number): Float64Array;
  /** log density (numeric) or log probability (grid, categorical) of each internal value. */
  logPdf(values: Float64Array): Float64Array;
}

/** Optuna's default_weights(n): ones for n < 25; otherwise a ramp 1/n..1 over the oldest n − 25, then 25 ones. */
export function observationWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n >= 25) {
    const m = n - 25;
    // np.linspace(1/n, 1, num=m)
    for (let i = 0; i < m; i++) w[i] = m === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (m - 1);
  }
  return w;
}

/** Observation weights with the prior appended, normalised. */
function mixtureWeights(n: number, priorWeight: number): Float64Array {
  const w = new Float64Array(n + 1);
  w.set(observationWeights(n));
  w[n] = priorWeight;
  let s = 0;
  for (const v of w) s += v;
  for (let i = 0; i <= n; i++) w[i]! /= s;
  return w;
}

/** Index drawn with probabilities `p` (summing to 1) from one uniform. */
function drawIndex(p: Float64Array, rng: Rng): number {
  const u = rng.next();
  let c = 0;
  for (let i = 0; i < p.length - 1; i++) {
    c += p[i]!;
    if (u < c) return i;
  }
  return p.length - 1;
}

/** The numeric estimator of `observations` (internal units, chronological order). */
export function numericParzen(
  observations: Float64Array,
  domain: NumericDomain,
  options: ParzenOptions,
): ParzenEstimator {
  const n = observations.length;
  const { lo, hi, q } = domain;
  const weights = mixtureWeights(n, options.priorWeight);
  const mus = new Float64Array(n + 1);
  mus.set(observations);
  mus[n] = 0.5 * (lo + hi);
  const m = n + 1;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => mus[a]! - mus[b]! || a - b);
  const padded = new Float64Array(m + 2);
  padded[0] = lo;
  for (let k = 0; k < m; k++) padded[k + 1] = mus[order[k]!]!;
  padded[m + 1] = hi;
  const sortedSigmas = new Float64Array(m);
  for (let k = 0; k < m; k++)
    sortedSigmas[k] = Math.max(padded[k + 1]! - padded[k]!, padded[k + 2]! - padded[k + 1]!);
  if (!options.considerEndpoints && m + 2 >= 4) {
    sortedSigmas[0] = padded[2]! - padded[1]!;
    sortedSigmas[m - 1] = padded[m]! - padded[m - 1]!;
  }
  const maxSigma = hi - lo;
  const minSigma = options.considerMagicClip ? (hi - lo) / Math.min(100, 1 + m) : 1e-12;
  const sigmas = new Float64Array(m);
  for (let k = 0; k < m; k++) sigmas[order[k]!] = Math.min(Math.max(sortedSigmas[k]!, minSigma), maxSigma);
  sigmas[n] = hi - lo; // the prior's bandwidth is the whole range
  const logW = weights.map(Math.log);
  const logAccept = sigmas.map((s, i) => logGaussMass((lo - mus[i]!) / s, (hi - mus[i]!) / s));
  // Per-component constant of the continuous log density: −log(σ√(2π)) − log P(accept).
  const logNorm = sigmas.map((s, i) => -LOG_SQRT_2PI - Math.log(s) - logAccept[i]!);

  return {
    sample(rng, size) {
      const out = new Float64Array(size);
      for (let t = 0; t < size; t++) {
        const i = drawIndex(weights, rng);
        out[t] = sampleTruncatedNormal(mus[i]!, sigmas[i]!, lo, hi, rng);
      }
      return out;
    },
    logPdf(values) {
      const out = new Float64Array(values.length);
      const terms = new Float64Array(m);
      for (let t = 0; t < values.length; t++) {
        const x = values[t]!;
        let max = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < m; i++) {
          const mu = mus[i]!;
          const s = sigmas[i]!;
          let lp: number;
          if (q === null) {
            const z = (x - mu) / s;
            lp = x < lo || x > hi ? Number.NEGATIVE_INFINITY : -0.5 * z * z + logNorm[i]!;
          } else
            lp =
              logGaussMass((Math.max(x - q / 2, lo) - mu) / s, (Math.min(x + q / 2, hi) - mu) / s) -
              logAccept[i]!;
          terms[i] = lp + logW[i]!;
          if (terms[i]! > max) max = terms[i]!;
        }
        if (max === Number.NEGATIVE_INFINITY) {
          out[t] = max;
          continue;
        }
        let s = 0;
        for (let i = 0; i < m; i++) s += Math.exp(terms[i]! - max);
        out[t] = max + Math.log(s);
      }
      return out;
    },
  };
}

/** The categorical estimator of `observations` (choice indices, chronological order) over `k` choices. */
export function categoricalParzen(
  observations: Float64Array,
  k: number,
  options: ParzenOptions,
): ParzenEstimator {
  const n = observations.length;
  const weights = mixtureWeights(n, options.priorWeight);
  const probs = new Float64Array(k);
  // Component i < n: (prior/(n + 1) on every choice, +1 on its own) / (prior·k/(n + 1) + 1); the prior: 1/k.
  const spread = options.priorWeight / (n + 1);
  const rowSum = spread * k + 1;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) probs[c]! += (weights[i]! * spread) / rowSum;
    probs[observations[i]!]! += weights[i]! / rowSum;
  }
  for (let c = 0; c < k; c++) probs[c]! += weights[n]! / k;
  const logProbs = probs.map(Math.log);
  return {
    sample(rng, size) {
      const out = new Float64Array(size);
      for (let t = 0; t < size; t++) out[t] = drawIndex(probs, rng);
      return out;
    },
    logPdf(values) {
      return values.map((c) => logProbs[c]!);
    },
  };
}
