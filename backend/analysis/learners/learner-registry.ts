/** Every learner by name, with its validated parameters and its fit, so the tuning pipeline and prediction jobs can fit or restore any model from a name and a JSON object. */
import type { z } from 'zod';
import { LearnerModelJson } from '../../../src-shared/models/learner-model-json.js';
import {
  LEARNER_ALIASES,
  LEARNER_NAMES,
  LEARNER_PARAMS,
  LEARNER_TASKS_SUPPORTED,
  canonicalLearnerName,
  type LearnerParams,
} from '../../../src-shared/models/learner-params.js';
import type { MissingPolicy } from './check-input.js';
import { fitGaussianProcessLearner, gaussianProcessLearnerFromJson } from './gaussian-process-learner.js';
import type { FitContext, LearnerModel, LearnerName, LearnerTask } from './learner-model.js';
import {
  fitElasticNetLearner,
  fitLogisticLearner,
  fitOlsLearner,
  fitRidgeLearner,
  linearFromJson,
} from './linear-learners.js';
import { boostedTreesFromJson, fitBoostedTrees, fitForestLearner, forestFromJson } from './tree-learners.js';

/**
 * Glossary:
 * - params: a plain object (from a job, a tuning trial or a test) checked by the learner's zod schema in
 *   src-shared/models/learner-params.ts, which also documents every default; unknown keys are errors.
 * - fit(x, y, n, p, params, ctx): x column-major n×p, y length n (class labels 0..K−1 for classification); the
 *   task is `params.task`. Deterministic: the same data, params and seed give a bit-identical `toJSON()`.
 */

export interface LearnerDefinition {
  name: LearnerName;
  aliases: readonly string[];
  tasks: readonly LearnerTask[];
  /** How NaN in x is treated (see check-input.ts). */
  missingValues: MissingPolicy;
  /** Whether `explain` gives per-row contributions ('tree-shap', 'linear') or throws ('none'). */
  explanation: 'tree-shap' | 'linear' | 'none';
  params: z.ZodType;
  /** Validates `params` (throws LearnerParamsError naming the field), then fits. */
  fit(
    x: Float64Array,
    y: Float64Array,
    n: number,
    p: number,
    params?: unknown,
    ctx?: FitContext,
  ): LearnerModel;
}

/** Parameters a learner's schema rejects; the message names learner and field. */
export class LearnerParamsError extends RangeError {
  override readonly name = 'LearnerParamsError';
}

/** Validated parameters of `learner` with defaults filled in. Throws LearnerParamsError. */
export function parseLearnerParams<L extends LearnerName>(learner: L, params: unknown): LearnerParams<L> {
  const r = LEARNER_PARAMS[learner].safeParse(params ?? {});
  if (r.success) return r.data as LearnerParams<L>;
  const text = r.error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(params)'}: ${i.message}`,
  );
  throw new LearnerParamsError(`${learner} params: ${text.join('; ')}`);
}

type FitWith<L extends LearnerName> = (
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  params: LearnerParams<L>,
  ctx?: FitContext,
) => LearnerModel;

function define<L extends LearnerName>(
  name: L,
  missingValues: MissingPolicy,
  explanation: LearnerDefinition['explanation'],
  fit: FitWith<L>,
): LearnerDefinition {
  return {
    name,
    aliases: Object.keys(LEARNER_ALIASES).filter((a) => LEARNER_ALIASES[a] === name),
    tasks: LEARNER_TASKS_SUPPORTED[name],
    missingValues,
    explanation,
    params: LEARNER_PARAMS[name],
    fit: (x, y, n, p, params, ctx) => fit(x, y, n, p, parseLearnerParams(name, params), ctx),
  };
}

const DEFINITIONS: Readonly<Record<LearnerName, LearnerDefinition>> = {
  gradient_boosting: define('gradient_boosting', 'native', 'tree-shap', fitBoostedTrees),
  random_forest: define('random_forest', 'predict-only', 'tree-shap', (x, y, n, p, params, ctx) =>
    fitForestLearner('random_forest', x, y, n, p, params, ctx),
  ),
  extra_trees: define('extra_trees', 'predict-only', 'tree-shap', (x, y, n, p, params, ctx) =>
    fitForestLearner('extra_trees', x, y, n, p, params, ctx),
  ),
  gaussian_process: define('gaussian_process', 'error', 'none', fitGaussianProcessLearner),
  ols: define('ols', 'error', 'linear', fitOlsLearner),
  ridge: define('ridge', 'error', 'linear', fitRidgeLearner),
  lasso: define('lasso', 'error', 'linear', (x, y, n, p, params, ctx) =>
    fitElasticNetLearner('lasso', x, y, n, p, params, ctx),
  ),
  elastic_net: define('elastic_net', 'error', 'linear', (x, y, n, p, params, ctx) =>
    fitElasticNetLearner('elastic_net', x, y, n, p, params, ctx),
  ),
  logistic_regression: define('logistic_regression', 'error', 'linear', fitLogisticLearner),
};

/** All learners, in `LEARNER_NAMES` order. */
export const LEARNERS: readonly LearnerDefinition[] = LEARNER_NAMES.map((name) => DEFINITIONS[name]);

/** The learner for a name or alias (case-insensitive); throws a RangeError listing the known names. */
export function learnerByName(name: string): LearnerDefinition {
  const canonical = canonicalLearnerName(name);
  if (canonical === undefined)
    throw new RangeError(
      `unknown learner '${name}'; known: ${[...LEARNER_NAMES, ...Object.keys(LEARNER_ALIASES)].join(', ')}`,
    );
  return DEFINITIONS[canonical];
}

/**
 * Restores a model from its `toJSON()` output (or the parsed JSON of one): validated by `LearnerModelJson`
 * (a RangeError names the first bad field), then rebuilt; it predicts bit for bit what the saved model did.
 */
export function learnerModelFromJson(json: unknown): LearnerModel {
  const r = LearnerModelJson.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new RangeError(`model JSON: ${i.path.length > 0 ? i.path.join('.') : '(model)'}: ${i.message}`);
  }
  return modelFromParsedJson(r.data);
}

/** Rebuilds a model from JSON already validated by `LearnerModelJson`. */
export function modelFromParsedJson(m: LearnerModelJson): LearnerModel {
  switch (m.kind) {
    case 'gradient-boosting':
      return boostedTreesFromJson(m);
    case 'random-forest':
      return forestFromJson(m);
    case 'gaussian-process':
      return gaussianProcessLearnerFromJson(m);
    case 'linear':
      return linearFromJson(m);
  }
}
