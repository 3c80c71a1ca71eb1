/**
 * Tree-structured Parzen Estimator sampling (Bergstra et al. 2011) in Optuna 3.1's independent form: each
 * parameter is drawn on its own from l(x)/g(x), so a new trial is a function of the finished trials only.
 *
 * Choices, and where they follow Optuna (TPESampler defaults):
 * - The first `nStartupTrials` (10) finished trials are uniform draws (RandomSampler).
 * - Split: trials ranked best first, the best γ(n) form the "good" set (l), the rest the "bad" set (g);
 *   γ(n) = min(⌈0.1·n⌉, 25) with n the number of finished (complete or pruned) trials.
 * - Ranking: complete trials first, by value (negated when maximising); then pruned trials, deeper ones first
 *   (by last reported step, descending), then by their last intermediate value (NaN last); pruned trials with no
 *   report after those. With `constantLiar`, running trials are ranked last of all, i.e. assumed bad, which
 *   pushes concurrent asks away from points already being evaluated (Optuna's constant_liar).
 * - Failed trials are ignored.
 * - `nEiCandidates` (24) candidates drawn from l; the one maximising log l(x) − log g(x) wins (first on ties).
 * - Conditional parameters: l and g of a parameter are built only from the trials in which it was active
 *   (Optuna's None-filtering); the split itself is over all trials.
 * - Independent (univariate) TPE, not the multivariate variant: it is Optuna's default and what the brief
 *   allows; interactions between parameters are learnt only through the split.
 */
import type { Rng } from '../random/rng.js';
import { categoricalParzen, numericParzen, type ParzenOptions } from './parzen-estimator.js';
import {
  fromInternal,
  isActive,
  isFixed,
  numericDomain,
  sampleUniform,
  toInternal,
  type Params,
  type SearchSpace,
} from './search-space.js';

export interface TpeOptions extends ParzenOptions {
  nStartupTrials: number;
  nEiCandidates: number;
  /** Size of the good set for n finished trials. */
  gamma: (n: number) => number;
  constantLiar: boolean;
}

/** Optuna's default_gamma. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

export const DEFAULT_TPE_OPTIONS: TpeOptions = {
  nStartupTrials: 10,
  nEiCandidates: 24,
  gamma: defaultGamma,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  constantLiar: true,
};

/**
 * A past trial as the sampler sees it. `rank` orders trials best first, compared lexicographically:
 * complete → [−∞, signed value]; pruned → [−last step, signed last value] (NaN value → +∞), or [1, 0] with no
 * report; running (constant liar) → [+∞, +∞]. "Signed" = value for minimisation, −value for maximisation.
 */
export interface TpeObservation {
  params: Params;
  rank: readonly [number, number];
  /** False for running trials (they do not count towards n). */
  finished: boolean;
}

function compareRank(a: readonly [number, number], b: readonly [number, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

/**
 * Parameters for a new trial given the observations (chronological order). Draws from `rng` only; pure
 * otherwise. Parameters are drawn in declaration order so conditions see their parents.
 */
export function sampleTpe(
  space: SearchSpace,
  observations: readonly TpeObservation[],
  options: TpeOptions,
  rng: Rng,
): Params {
  const nFinished = observations.reduce((c, o) => c + (o.finished ? 1 : 0), 0);
  const params: Params = {};
  const startup = nFinished < options.nStartupTrials;
  let below: TpeObservation[] = [];
  let above: TpeObservation[] = [];
  if (!startup) {
    const order = observations
      .map((_, i) => i)
      .sort((a, b) => compareRank(observations[a]!.rank, observations[b]!.rank) || a - b);
    const nBelow = options.gamma(nFinished);
    const inBelow = new Uint8Array(observations.length);
    for (let k = 0; k < nBelow && k < order.length; k++) inBelow[order[k]!] = 1;
    // Chronological order inside each set matters: the weights favour recent trials.
    below = observations.filter((_, i) => inBelow[i] === 1);
    above = observations.filter((_, i) => inBelow[i] === 0);
  }
  for (const [name, spec] of Object.entries(space)) {
    if (!isActive(spec, params)) continue;
    if (isFixed(spec) || startup) {
      params[name] = isFixed(spec)
        ? spec.kind === 'categorical'
          ? spec.choices[0]!
          : spec.low
        : sampleUniform(spec, rng);
      continue;
    }
    const values = (set: TpeObservation[]) =>
      Float64Array.from(
        set.filter((o) => o.params[name] !== undefined),
        (o) => toInternal(spec, o.params[name]!),
      );
    const l =
      spec.kind === 'categorical'
        ? categoricalParzen(values(below), spec.choices.length, options)
        : numericParzen(values(below), numericDomain(spec), options);
    const g =
      spec.kind === 'categorical'
        ? categoricalParzen(values(above), spec.choices.length, options)
        : numericParzen(values(above), numericDomain(spec), options);
    const candidates = l.sample(rng, options.nEiCandidates);
    const logL = l.logPdf(candidates);
    const logG = g.logPdf(candidates);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < candidates.length; c++) {
      const score = logL[c]! - logG[c]!;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    params[name] = fromInternal(spec, candidates[best]!);
  }
  return params;
}
