/** The learner-specific part of a model file, one schema per model kind, so a loaded file is checked down to each tree node before anything predicts with it. */
import { z } from 'zod';
import { BOOSTING_LOSSES, GP_KERNEL_NAMES, LearnerTask } from './learner-params.js';
import { Float, FloatArray, IntArray } from './float-json.js';

/**
 * Glossary:
 * - kind: which model structure the JSON holds ('gradient-boosting', 'random-forest' (also extra trees),
 *   'gaussian-process', 'linear'); each has its own `version`, so a model kind can change without a new file format.
 * - tree: flat arrays indexed by node, node 0 the root; an internal node (feature ≥ 0) sends x[feature] ≤
 *   threshold to `left`, NaN to `left` when default_left is 1; a leaf has feature −1 and predicts `value`.
 *   Children always have larger indices than their parent (checked), so no file can make prediction loop.
 * - Numbers that may be non-finite or −0 are Floats (see float-json.ts); counts and indices are integers.
 * Field names mirror each engine model's own `toJSON()` output, so the schema checks exactly what is written.
 */

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}

export const TreeJson = z
  .strictObject({
    feature: IntArray,
    threshold: FloatArray,
    left: IntArray,
    right: IntArray,
    default_left: IntArray,
    value: FloatArray,
    cover: FloatArray,
  })
  .superRefine((t, ctx) => {
    const m = t.feature.length;
    if (m === 0) return issue(ctx, ['feature'], 'a tree needs at least one node');
    for (const key of ['threshold', 'left', 'right', 'default_left', 'value', 'cover'] as const) {
      if (t[key].length !== m)
        return issue(ctx, [key], `has ${t[key].length} entries, expected ${m} (one per node)`);
    }
    for (let node = 0; node < m; node++) {
      if (t.feature[node]! < 0) continue;
      for (const key of ['left', 'right'] as const) {
        const c = t[key][node]!;
        if (!(c > node && c < m))
          return issue(ctx, [key, node], `child ${c} of node ${node} must be in (${node}, ${m})`);
      }
      if (t.default_left[node] !== 0 && t.default_left[node] !== 1)
        return issue(ctx, ['default_left', node], 'must be 0 or 1');
    }
  });
export type TreeJson = z.output<typeof TreeJson>;

/** Every split feature of every tree is below nFeatures. */
function checkTreeFeatures(trees: TreeJson[], nFeatures: number, ctx: Ctx): void {
  trees.forEach((t, k) => {
    const bad = t.feature.findIndex((f) => f >= nFeatures);
    if (bad >= 0)
      issue(ctx, ['trees', k, 'feature', bad], `feature ${t.feature[bad]} but the model has ${nFeatures}`);
  });
}

const version1 = (what: string) =>
  z.literal(1, {
    error: (iss) => `${what} version ${String(iss.input)} is not supported (this version of 0.00sec reads 1)`,
  });

export const GradientBoostingModelJson = z
  .strictObject({
    kind: z.literal('gradient-boosting'),
    version: version1('gradient-boosting model'),
    task: LearnerTask,
    loss: z.enum(BOOSTING_LOSSES),
    n_features: z.int().min(1),
    n_outputs: z.int().min(1),
    base_score: FloatArray,
    params: z.strictObject({
      nEstimators: z.int(),
      learningRate: Float,
      numLeaves: z.int(),
      maxDepth: z.int(),
      minDataInLeaf: z.int(),
      minChildWeight: Float,
      lambda: Float,
      alpha: Float,
      minSplitGain: Float,
      subsample: Float,
      colsampleByTree: Float,
      maxBin: z.int(),
      loss: z.enum(BOOSTING_LOSSES),
      huberDelta: Float,
      earlyStoppingRounds: z.int().nullable(),
      baseScore: Float.nullable(),
      seed: z.int(),
    }),
    n_rounds: z.int().min(0),
    validation_loss: FloatArray,
    split_importance: FloatArray,
    gain_importance: FloatArray,
    trees: z.array(TreeJson),
  })
  .superRefine((m, ctx) => {
    if (m.base_score.length !== m.n_outputs)
      issue(ctx, ['base_score'], `has ${m.base_score.length} entries, expected n_outputs = ${m.n_outputs}`);
    if (m.trees.length !== m.n_rounds * m.n_outputs)
      issue(
        ctx,
        ['trees'],
        `has ${m.trees.length} trees, expected n_rounds × n_outputs = ${m.n_rounds * m.n_outputs}`,
      );
    if (
      (m.loss === 'softmax') !== (m.task === 'multiclass') ||
      (m.loss === 'log-loss') !== (m.task === 'binary')
    )
      issue(ctx, ['loss'], `loss '${m.loss}' does not fit task '${m.task}'`);
    if ((m.task === 'multiclass') !== m.n_outputs > 1)
      issue(ctx, ['n_outputs'], `${m.n_outputs} outputs do not fit task '${m.task}'`);
    checkTreeFeatures(m.trees, m.n_features, ctx);
  });

export const RandomForestModelJson = z
  .strictObject({
    kind: z.literal('random-forest'),
    version: version1('random-forest model'),
    task: z.enum(['regression', 'binary']),
    n_features: z.int().min(1),
    params: z.strictObject({
      nTrees: z.int().min(1),
      maxFeatures: z.union([z.enum(['sqrt', 'log2', 'all']), Float, z.strictObject({ count: z.int() })]),
      maxDepth: z.int().nullable(),
      minSamplesSplit: z.int(),
      minSamplesLeaf: z.int(),
      bootstrap: z.boolean(),
      maxSamples: Float.nullable(),
      splitter: z.enum(['best', 'random']),
      oobScore: z.boolean(),
      seed: z.int(),
    }),
    trees: z.array(TreeJson).min(1),
    oob: z.strictObject({ n_rows: z.int(), score: Float.nullable(), accuracy: Float.nullable() }).nullable(),
  })
  .superRefine((m, ctx) => {
    if (m.trees.length !== m.params.nTrees)
      issue(ctx, ['trees'], `has ${m.trees.length} trees, expected params.nTrees = ${m.params.nTrees}`);
    checkTreeFeatures(m.trees, m.n_features, ctx);
  });

/** Column scaling applied before a model sees x: (x − mean) / scale per column. */
export const InputScaling = z.strictObject({ mean: FloatArray, scale: FloatArray });

export const GaussianProcessModelJson = z
  .strictObject({
    kind: z.literal('gaussian-process'),
    version: version1('gaussian-process model'),
    kernel: z.enum(GP_KERNEL_NAMES),
    nFeatures: z.int().min(1),
    nTrain: z.int().min(1),
    normalizeY: z.boolean(),
    alpha: Float,
    theta: FloatArray,
    x: FloatArray,
    y: FloatArray,
    logMarginalLikelihood: Float,
    jitter: Float,
    starts: z.array(
      z.strictObject({
        logMarginalLikelihood: Float,
        converged: z.boolean(),
        iterations: z.int(),
        evaluations: z.int(),
      }),
    ),
    input_scaling: InputScaling.nullable(),
  })
  .superRefine((m, ctx) => {
    const p = m.nFeatures;
    const n = m.nTrain;
    if (m.theta.length !== p + 2)
      issue(ctx, ['theta'], `has ${m.theta.length} entries, expected nFeatures + 2`);
    if (m.x.length !== n * p) issue(ctx, ['x'], `has ${m.x.length} entries, expected nTrain × nFeatures`);
    if (m.y.length !== n) issue(ctx, ['y'], `has ${m.y.length} entries, expected nTrain`);
    if (m.input_scaling && (m.input_scaling.mean.length !== p || m.input_scaling.scale.length !== p))
      issue(ctx, ['input_scaling'], `mean and scale need nFeatures = ${p} entries each`);
  });

export const LINEAR_ESTIMATORS = ['ols', 'ridge', 'lasso', 'elastic_net', 'logistic_regression'] as const;

export const LinearModelJson = z
  .strictObject({
    kind: z.literal('linear'),
    version: version1('linear model'),
    estimator: z.enum(LINEAR_ESTIMATORS),
    /** 'identity': η is the prediction; 'logit': P(y = 1) = 1/(1 + e^−η). */
    link: z.enum(['identity', 'logit']),
    n_features: z.int().min(1),
    /** η = intercept + Σ_j coefficients[j]·x_j, in the units of the model's input columns. */
    intercept: Float,
    coefficients: FloatArray,
    /** Training column means: the reference point of the contributions coefficient × (x − mean). */
    feature_means: FloatArray,
    /** Columns OLS found aliased (linear combinations of others); their coefficient is 0. */
    aliased: IntArray,
    n_iter: z.int(),
    converged: z.boolean(),
  })
  .superRefine((m, ctx) => {
    if (m.coefficients.length !== m.n_features)
      issue(
        ctx,
        ['coefficients'],
        `has ${m.coefficients.length} entries, expected n_features = ${m.n_features}`,
      );
    if (m.feature_means.length !== m.n_features)
      issue(
        ctx,
        ['feature_means'],
        `has ${m.feature_means.length} entries, expected n_features = ${m.n_features}`,
      );
    if ((m.link === 'logit') !== (m.estimator === 'logistic_regression'))
      issue(ctx, ['link'], `link '${m.link}' does not fit estimator '${m.estimator}'`);
  });

export const LearnerModelJson = z.discriminatedUnion('kind', [
  GradientBoostingModelJson,
  RandomForestModelJson,
  GaussianProcessModelJson,
  LinearModelJson,
]);
/** A model as loaded (Floats decoded to numbers). */
export type LearnerModelJson = z.output<typeof LearnerModelJson>;
export type LearnerModelKind = LearnerModelJson['kind'];
