/**
 * Optuna's MedianPruner (a PercentilePruner at 50 %): stops a trial whose learning curve is already worse
 * than the typical finished trial at the same step, so a study spends its budget on promising settings.
 *
 * Semantics, as optuna.pruners.MedianPruner 3.1:
 * - No pruning until `nStartupTrials` trials have completed (pruned and failed ones do not count).
 * - No pruning at steps below `nWarmupSteps` (steps start at 0).
 * - Checks only at the first report in each interval of `intervalSteps` steps after the warm-up.
 * - The trial's value is its BEST intermediate value so far (Optuna's rule; for a monotone learning curve
 *   that is its value at this step). It is pruned when that is worse than the median of the completed trials'
 *   intermediate values at this step (NaN values ignored, linear interpolation between the middle two) —
 *   provided at least `nMinTrials` completed trials reported at this step. A trial whose reports are all NaN
 *   is pruned.
 */
import type { Direction, FrozenTrial } from './study-types.js';

export interface Pruner {
  /** Whether to stop `trial` after its latest report, given the completed trials of the study. */
  shouldPrune(trial: FrozenTrial, completed: readonly FrozenTrial[], direction: Direction): boolean;
}

export interface MedianPrunerOptions {
  nStartupTrials?: number;
  nWarmupSteps?: number;
  intervalSteps?: number;
  nMinTrials?: number;
}

/** numpy.nanpercentile(values, 50) with the default linear interpolation; NaN when no value is a number. */
export function nanMedian(values: readonly number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const h = (v.length - 1) / 2;
  const lo = Math.floor(h);
  return v[lo]! + (h - lo) * (v[Math.ceil(h)]! - v[lo]!);
}

export function createMedianPruner(options: MedianPrunerOptions = {}): Pruner {
  const nStartupTrials = options.nStartupTrials ?? 5;
  const nWarmupSteps = options.nWarmupSteps ?? 0;
  const intervalSteps = options.intervalSteps ?? 1;
  const nMinTrials = options.nMinTrials ?? 1;
  if (!(nStartupTrials >= 0 && nWarmupSteps >= 0 && intervalSteps >= 1 && nMinTrials >= 1))
    throw new RangeError(
      'median pruner: need nStartupTrials ≥ 0, nWarmupSteps ≥ 0, intervalSteps ≥ 1, nMinTrials ≥ 1',
    );

  return {
    shouldPrune(trial, completed, direction) {
      if (completed.length === 0 || completed.length < nStartupTrials) return false;
      const steps = [...trial.intermediateValues.keys()];
      if (steps.length === 0) return false;
      const step = Math.max(...steps);
      if (step < nWarmupSteps) return false;
      // Optuna's _is_first_in_interval_step: the previous report must lie before this interval's first step.
      const nearestLowerPruningStep =
        Math.floor((step - nWarmupSteps) / intervalSteps) * intervalSteps + nWarmupSteps;
      const secondLast = steps.reduce((acc, s) => (s > acc && s !== step ? s : acc), -1);
      if (secondLast >= nearestLowerPruningStep) return false;
      const own = [...trial.intermediateValues.values()].filter((x) => !Number.isNaN(x));
      if (own.length === 0) return true;
      const best = direction === 'maximize' ? Math.max(...own) : Math.min(...own);
      const atStep: number[] = [];
      for (const t of completed) {
        const v = t.intermediateValues.get(step);
        if (v !== undefined) atStep.push(v);
      }
      if (atStep.length < nMinTrials) return false;
      const median = nanMedian(atStep);
      if (Number.isNaN(median)) return false;
      return direction === 'maximize' ? best < median : best > median;
    },
  };
}
