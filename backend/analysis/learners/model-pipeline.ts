/** A learner together with its feature schema, one-hot preprocessing and target mapping — the unit a model file saves and loads — so a prediction job needs nothing but the file and named columns. */
import {
  ModelFileError,
  modelColumnsOf,
  parseModelFile,
  serializeModelFile,
  type FeatureSpec,
  type ModelColumn,
  type ModelFileInput,
  type Preprocessing,
  type TargetSpec,
} from '../../../src-shared/models/model-file.js';
import type { ClassificationBlock } from '../../../src-shared/models/classification-block.js';
import { makeTransform, type FittedTransform, type TransformName } from '../transforms/target-transform.js';
import {
  encodeFeatures,
  featureSpecsOf,
  type FeatureColumn,
  type FeatureValues,
} from './feature-encoding.js';
import { learnerByName, modelFromParsedJson } from './learner-registry.js';
import type { Explanation, ExplainOptions, FitContext, LearnerModel, LearnerTask } from './learner-model.js';

/**
 * Glossary:
 * - target (regression): numbers, optionally with a fitted transform {name, lambda, shift} (transforms/): the
 *   learner fits the transformed y and `predict` maps back through the exact inverse. `explain` works on the
 *   transformed scale (contributions do not add up after a nonlinear inverse).
 * - target (classification): string labels; classes default to the sorted distinct labels and class k is
 *   `classes[k]`. Two classes → 'binary', more → 'multiclass' (unless params.task says otherwise).
 * - Missing values follow the learner (learner-registry: missingValues): NaN / null reach tree models as missing
 *   and are errors naming feature and row for the others.
 */

export type TargetColumn =
  | {
      name: string;
      values: Float64Array;
      transform?: { name: TransformName; lambda: number | null; shift: number };
    }
  | { name: string; labels: readonly string[]; classes?: readonly string[] };

export interface PipelineInput {
  learner: string;
  params?: Record<string, unknown>;
  features: readonly FeatureColumn[];
  target: TargetColumn;
  /** Rows. */
  n: number;
}

/** An explanation per model column plus the same contributions summed per feature (one-hot columns added up). */
export interface PipelineExplanation extends Explanation {
  columns: ModelColumn[];
  /** n·F·nOutputs for the F features: row i, feature f, output k at i + n·f + n·F·k. */
  featureValues: Float64Array;
}

export interface ModelFileMeta {
  /** ISO 8601 with offset; the engine reads no clock, so the caller supplies it. */
  trainedAt?: string;
  metrics?: Record<string, number | null>;
}

export class ModelPipeline {
  private readonly transform: FittedTransform | null;

  constructor(
    readonly features: readonly FeatureSpec[],
    readonly target: TargetSpec,
    readonly model: LearnerModel,
    /** A binary classifier's calibration, thresholds and OOD gate (classification jobs); null otherwise. */
    readonly classification: ClassificationBlock | null = null,
  ) {
    const t = target.transform;
    this.transform = t && t.name !== 'none' ? makeTransform(t.name, t.lambda, t.shift) : null;
  }

  get task(): LearnerTask {
    return this.model.task;
  }

  /** The model matrix for named values of n rows (see feature-encoding.ts). */
  encode(values: Readonly<Record<string, FeatureValues>>, n: number): Float64Array {
    const allowNaN = learnerByName(this.model.learner).missingValues !== 'error';
    return encodeFeatures(this.features, values, n, allowNaN).x;
  }

  /** Regression: values in the target's original units. Classification: class indices into `target.classes`. */
  predict(values: Readonly<Record<string, FeatureValues>>, n: number): Float64Array {
    const out = this.model.predict(this.encode(values, n), n);
    return this.transform ? this.transform.inverse(out) : out;
  }

  /** Class labels (classification only). */
  predictLabels(values: Readonly<Record<string, FeatureValues>>, n: number): string[] {
    const classes = this.target.classes;
    if (!classes) throw new TypeError('predictLabels: this is a regression model');
    return Array.from(this.predict(values, n), (k) => classes[k]!);
  }

  predictProba(values: Readonly<Record<string, FeatureValues>>, n: number): Float64Array {
    return this.model.predictProba(this.encode(values, n), n);
  }

  explain(
    values: Readonly<Record<string, FeatureValues>>,
    n: number,
    options?: ExplainOptions,
  ): PipelineExplanation {
    const e = this.model.explain(this.encode(values, n), n, options);
    const columns = modelColumnsOf(this.features);
    const F = this.features.length;
    const featureOf = columns.map((c) => this.features.findIndex((f) => f.name === c.feature));
    const featureValues = new Float64Array(n * F * e.nOutputs);
    for (let k = 0; k < e.nOutputs; k++)
      for (let j = 0; j < e.p; j++)
        for (let i = 0; i < n; i++)
          featureValues[i + n * featureOf[j]! + n * F * k]! += e.values[i + n * j + n * e.p * k]!;
    return { ...e, columns, featureValues };
  }

  /** The model file as a plain object (write it with `serializeModelFile`, or use `saveModelFile`). */
  toModelFile(meta: ModelFileMeta = {}): ModelFileInput {
    const preprocessing: Preprocessing = {
      categorical_encoding: 'one-hot',
      unknown_category: 'error',
      columns: modelColumnsOf(this.features),
    };
    return {
      format: 'zerosec-model',
      version: 1,
      learner: this.model.learner,
      task: this.model.task,
      features: this.features.map((f) => ({
        ...f,
        ...(f.categories ? { categories: [...f.categories] } : {}),
      })),
      preprocessing,
      target: {
        ...this.target,
        ...(this.target.transform ? { transform: { ...this.target.transform } } : {}),
        ...(this.target.classes ? { classes: [...this.target.classes] } : {}),
      },
      model: this.model.toJSON(),
      ...(meta.trainedAt !== undefined ? { trained_at: meta.trainedAt } : {}),
      ...(meta.metrics !== undefined ? { metrics: { ...meta.metrics } } : {}),
      ...(this.classification
        ? { classification: JSON.parse(JSON.stringify(this.classification)) as ClassificationBlock }
        : {}),
    };
  }
}

function targetOf(t: TargetColumn, n: number): { y: Float64Array; spec: TargetSpec; task: LearnerTask } {
  if ('values' in t) {
    if (t.values.length !== n)
      throw new RangeError(`target '${t.name}': ${t.values.length} values, expected ${n}`);
    const spec: TargetSpec = { name: t.name, ...(t.transform ? { transform: { ...t.transform } } : {}) };
    const tr =
      t.transform && t.transform.name !== 'none'
        ? makeTransform(t.transform.name, t.transform.lambda, t.transform.shift)
        : null;
    return { y: tr ? tr.forward(t.values) : t.values, spec, task: 'regression' };
  }
  if (t.labels.length !== n)
    throw new RangeError(`target '${t.name}': ${t.labels.length} labels, expected ${n}`);
  const classes = t.classes ? [...t.classes] : [...new Set(t.labels)].sort();
  const index = new Map(classes.map((c, k) => [c, k]));
  const y = new Float64Array(n);
  t.labels.forEach((label, i) => {
    const k = index.get(label);
    if (k === undefined)
      throw new RangeError(`target '${t.name}', row ${i}: label '${label}' is not among the classes`);
    y[i] = k;
  });
  if (classes.length < 2)
    throw new RangeError(
      `target '${t.name}' has a single class ('${classes[0] ?? ''}'); a classifier needs two or more`,
    );
  return { y, spec: { name: t.name, classes }, task: classes.length === 2 ? 'binary' : 'multiclass' };
}

/** Encodes the features, fits the learner and returns the pipeline. Deterministic (see learner-registry.ts). */
export function fitModelPipeline(input: PipelineInput, ctx?: FitContext): ModelPipeline {
  const { n } = input;
  const def = learnerByName(input.learner);
  const specs = featureSpecsOf(input.features, n);
  const values = Object.fromEntries(input.features.map((f) => [f.name, f.values]));
  const { x } = encodeFeatures(specs, values, n, def.missingValues === 'native');
  const target = targetOf(input.target, n);
  const params = { task: target.task, ...input.params };
  const model = def.fit(x, target.y, n, x.length / n, params, ctx);
  return new ModelPipeline(specs, target.spec, model);
}

/** The JSON text of a pipeline's model file. */
export function saveModelFile(pipeline: ModelPipeline, meta?: ModelFileMeta): string {
  return serializeModelFile(pipeline.toModelFile(meta));
}

/**
 * Loads a model file (JSON text or parsed value): schema-checked (ModelFileError naming the field, or the
 * version when it is newer than this app reads), then rebuilt; predictions equal the saved pipeline's bit for bit.
 * A classification block comes back as `pipeline.classification` (analysis/classification/classification-block.ts
 * restores and applies it).
 */
export function loadModelFile(input: unknown): ModelPipeline {
  const file = parseModelFile(input);
  const model = modelFromParsedJson(file.model);
  if (model.learner !== file.learner)
    throw new ModelFileError(
      `learner: the file says '${file.learner}' but the model was fitted as '${model.learner}'`,
      'learner',
    );
  return new ModelPipeline(file.features, file.target, model, file.classification ?? null);
}
