/** How sure a fitted regression model is of each prediction, for the models that can say: so a prediction job can report a standard deviation beside the value without knowing the kind of model. */
import { leafOf } from '../trees/tree.js';
import { GaussianProcessLearnerModel } from './gaussian-process-learner.js';
import type { LearnerModel } from './learner-model.js';
import { TreeEnsembleModel } from './tree-ensemble-model.js';

/**
 * - 'gp_predictive_sd': a Gaussian process's predictive standard deviation of a new observation (noise included),
 *   y's units.
 * - 'tree_spread': the population standard deviation (ddof 0) of a regression forest's individual tree predictions,
 *   y's units. It shows where the trees disagree (sparse or extrapolated regions); it is not a calibrated
 *   prediction interval.
 * Other models (boosting, linear) report none.
 */
export type UncertaintyKind = 'gp_predictive_sd' | 'tree_spread';

/** Which uncertainty `model` offers, or null. */
export function uncertaintyOf(model: LearnerModel): UncertaintyKind | null {
  if (model.task !== 'regression') return null;
  if (model instanceof GaussianProcessLearnerModel) return 'gp_predictive_sd';
  if (
    model instanceof TreeEnsembleModel &&
    (model.learner === 'random_forest' || model.learner === 'extra_trees')
  )
    return 'tree_spread';
  return null;
}

/**
 * `model.predict(x, n)` (bit for bit the same numbers) and, when the model offers one, the standard deviation of
 * each prediction (see UncertaintyKind); `sd` is null otherwise. x column-major n×p, not mutated. Pure.
 */
export function predictWithUncertainty(
  model: LearnerModel,
  x: Float64Array,
  n: number,
): { mean: Float64Array; sd: Float64Array | null; kind: UncertaintyKind | null } {
  const kind = uncertaintyOf(model);
  if (kind === 'gp_predictive_sd') {
    const { mean, std } = (model as GaussianProcessLearnerModel).predictWithStd(x, n);
    return { mean, sd: std, kind };
  }
  if (kind === 'tree_spread') {
    if (x.length !== n * model.nFeatures)
      throw new RangeError(
        `${model.learner}: x has ${x.length} values, expected n·p = ${n * model.nFeatures}`,
      );
    const trees = (model as TreeEnsembleModel).ensembles[0]!.trees;
    // The mean sums the trees in order and divides once, exactly as the forest's predict does; the spread is
    // accumulated beside it with Welford's update (no cancellation from a sum of squares).
    const sum = new Float64Array(n);
    const running = new Float64Array(n);
    const m2 = new Float64Array(n);
    trees.forEach((tree, t) => {
      for (let i = 0; i < n; i++) {
        const v = tree.value[leafOf(tree, x, n, i)]!;
        sum[i]! += v;
        const delta = v - running[i]!;
        running[i]! += delta / (t + 1);
        m2[i]! += delta * (v - running[i]!);
      }
    });
    const k = trees.length;
    const sd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sum[i] = sum[i]! / k;
      sd[i] = Math.sqrt(Math.max(0, m2[i]! / k));
    }
    return { mean: sum, sd, kind };
  }
  return { mean: model.predict(x, n), sd: null, kind: null };
}
