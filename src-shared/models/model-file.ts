/** The versioned model file: a fitted model with the feature schema and preprocessing it needs, so a model saved today predicts the same numbers when loaded by any later 0.00sec, or says clearly why it cannot. */
import { z } from 'zod';
import { TARGET_TRANSFORMS } from '../api/linear-result.js';
import { ClassificationBlock } from './classification-block.js';
import { encodeFloatsDeep } from './float-json.js';
import { LearnerModelJson, type LearnerModelKind } from './learner-model-json.js';
import { LearnerName, LearnerTask } from './learner-params.js';

/**
 * Glossary:
 * - feature: a column of the user's table the model reads ('numeric', or 'categorical' with its `categories`);
 *   `min`/`max` are the training range of a numeric feature (NaN ignored; null when every value was missing).
 * - model column: one input column of the fitted model. Preprocessing turns features into model columns: a numeric
 *   feature is one column as it is (NaN = missing); a categorical feature becomes one 0/1 column per category in
 *   `categories` order (one-hot), all NaN for a missing value; a category not seen in training is an error.
 *   `preprocessing.columns` lists the model columns in order, so a loader can check the layout.
 * - target: regression predictions are in `transform`-ed units inside the model and mapped back through its
 *   inverse; classification models predict class k = `classes[k]`.
 * - classification: optional block of a binary classifier (classification-block.ts): calibration, P / N / gray
 *   thresholds and the out-of-distribution gate; its labels must be `target.classes` (negative, positive).
 * - Format: JSON; non-finite doubles and −0 inside `model` are written as float tokens (float-json.ts).
 */

export const MODEL_FILE_FORMAT = 'zerosec-model';
export const MODEL_FILE_VERSION = 1;

export const FeatureSpec = z
  .strictObject({
    name: z.string().min(1),
    type: z.enum(['numeric', 'categorical']),
    categories: z.array(z.string()).min(1).optional(),
    min: z.number().nullable(),
    max: z.number().nullable(),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'categorical') {
      if (!f.categories)
        ctx.addIssue({
          code: 'custom',
          message: 'a categorical feature needs categories',
          path: ['categories'],
        });
      else if (new Set(f.categories).size !== f.categories.length)
        ctx.addIssue({ code: 'custom', message: 'categories must be distinct', path: ['categories'] });
    } else if (f.categories) {
      ctx.addIssue({ code: 'custom', message: 'a numeric feature has no categories', path: ['categories'] });
    }
    if (f.min !== null && f.max !== null && f.min > f.max)
      ctx.addIssue({ code: 'custom', message: `min ${f.min} exceeds max ${f.max}`, path: ['min'] });
  });
export type FeatureSpec = z.output<typeof FeatureSpec>;

export const ModelColumn = z.strictObject({ feature: z.string(), category: z.string().nullable() });
export type ModelColumn = z.output<typeof ModelColumn>;

export const Preprocessing = z.strictObject({
  categorical_encoding: z.literal('one-hot'),
  unknown_category: z.literal('error'),
  columns: z.array(ModelColumn).min(1),
});
export type Preprocessing = z.output<typeof Preprocessing>;

export const TargetTransformSpec = z.strictObject({
  name: z.enum(TARGET_TRANSFORMS),
  lambda: z.number().nullable(),
  shift: z.number(),
});

export const TargetSpec = z.strictObject({
  name: z.string().min(1),
  transform: TargetTransformSpec.optional(),
  classes: z.array(z.string()).min(2).optional(),
});
export type TargetSpec = z.output<typeof TargetSpec>;

/** Which model kind each learner writes. */
export const MODEL_KIND_OF_LEARNER: Readonly<Record<LearnerName, LearnerModelKind>> = {
  gradient_boosting: 'gradient-boosting',
  random_forest: 'random-forest',
  extra_trees: 'random-forest',
  gaussian_process: 'gaussian-process',
  ols: 'linear',
  ridge: 'linear',
  lasso: 'linear',
  elastic_net: 'linear',
  logistic_regression: 'linear',
};

/** The model columns a feature list produces (see the glossary). Pure. */
export function modelColumnsOf(features: readonly FeatureSpec[]): ModelColumn[] {
  return features.flatMap((f): ModelColumn[] =>
    f.type === 'numeric'
      ? [{ feature: f.name, category: null }]
      : (f.categories ?? []).map((c) => ({ feature: f.name, category: c })),
  );
}

function nFeaturesOf(model: LearnerModelJson): number {
  switch (model.kind) {
    case 'gaussian-process':
      return model.nFeatures;
    default:
      return model.n_features;
  }
}

function nOutputsOf(model: LearnerModelJson): number {
  return model.kind === 'gradient-boosting' ? model.n_outputs : 1;
}

export const ModelFile = z
  .strictObject({
    format: z.literal(MODEL_FILE_FORMAT, { error: `format must be '${MODEL_FILE_FORMAT}'` }),
    version: z.literal(MODEL_FILE_VERSION),
    learner: LearnerName,
    task: LearnerTask,
    features: z.array(FeatureSpec).min(1),
    preprocessing: Preprocessing,
    target: TargetSpec,
    model: LearnerModelJson,
    /** ISO 8601 time the model was trained, supplied by the caller (the engine reads no clock). */
    trained_at: z.iso.datetime({ offset: true }).optional(),
    /** Named scores (e.g. cv_r2), null where undefined. */
    metrics: z.record(z.string(), z.number().nullable()).optional(),
    classification: ClassificationBlock.optional(),
  })
  .superRefine((f, ctx) => {
    const add = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', message, path });
    const names = new Set<string>();
    f.features.forEach((feat, k) => {
      if (names.has(feat.name)) add(['features', k, 'name'], `duplicate feature name '${feat.name}'`);
      names.add(feat.name);
    });
    const expected = modelColumnsOf(f.features);
    const got = f.preprocessing.columns;
    if (
      expected.length !== got.length ||
      expected.some((c, k) => c.feature !== got[k]!.feature || c.category !== got[k]!.category)
    )
      add(['preprocessing', 'columns'], 'do not match the one-hot layout of `features`');
    if (nFeaturesOf(f.model) !== got.length)
      add(['model'], `reads ${nFeaturesOf(f.model)} columns but preprocessing produces ${got.length}`);
    if (MODEL_KIND_OF_LEARNER[f.learner] !== f.model.kind)
      add(['model', 'kind'], `'${f.model.kind}' is not what learner '${f.learner}' writes`);
    if ('task' in f.model && f.model.task !== f.task)
      add(['model', 'task'], `'${f.model.task}' but the file says '${f.task}'`);
    const k = f.task === 'multiclass' ? nOutputsOf(f.model) : 2;
    if (f.task === 'regression') {
      if (f.target.classes) add(['target', 'classes'], 'a regression model has no classes');
    } else {
      if (!f.target.classes || f.target.classes.length !== k)
        add(['target', 'classes'], `a ${f.task} model needs ${k} class names`);
      if (f.target.transform) add(['target', 'transform'], 'only regression targets are transformed');
    }
    if (f.classification) {
      const c = f.classification;
      if (f.task !== 'binary')
        add(['classification'], `only a binary model has a classification block, not ${f.task}`);
      else if (f.target.classes?.[0] !== c.negative_label || f.target.classes[1] !== c.positive_label)
        add(['classification', 'positive_label'], 'negative_label, positive_label must equal target.classes');
      const numeric = new Set(f.features.filter((x) => x.type === 'numeric').map((x) => x.name));
      c.ood?.columns.forEach((name, j) => {
        if (!numeric.has(name))
          add(['classification', 'ood', 'columns', j], `'${name}' is not a numeric feature`);
      });
    }
  });
/** A model file as loaded. */
export type ModelFile = z.output<typeof ModelFile>;
/** A model file as written (Floats may still be plain numbers, including non-finite ones). */
export type ModelFileInput = Omit<ModelFile, 'model'> & { model: unknown };

/** A model file that cannot be loaded; `field` is the path of the first problem (e.g. 'model.trees.3.left.5'). */
export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  constructor(
    message: string,
    readonly field: string,
    readonly issues: readonly string[] = [message],
  ) {
    super(message);
  }
}

const pathOf = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? '(file)' : path.map(String).join('.');

/**
 * Checks and decodes a model file (its JSON text or the parsed value). Throws ModelFileError: for a file newer
 * than this app reads, naming the version; for a malformed one, naming the first bad field (all issues in
 * `issues`). Pure.
 */
export function parseModelFile(input: string | unknown): ModelFile {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new ModelFileError(`model file is not valid JSON: ${(e as Error).message}`, '(file)');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ModelFileError('model file must be a JSON object', '(file)');
  const head = value as { format?: unknown; version?: unknown };
  if (head.format !== MODEL_FILE_FORMAT)
    throw new ModelFileError(
      `format: expected '${MODEL_FILE_FORMAT}', got ${JSON.stringify(head.format) ?? 'nothing'}`,
      'format',
    );
  if (typeof head.version === 'number' && Number.isInteger(head.version) && head.version > MODEL_FILE_VERSION)
    throw new ModelFileError(
      `version: this model file has version ${head.version}, newer than this version of 0.00sec reads (${MODEL_FILE_VERSION}); update 0.00sec to load it`,
      'version',
    );
  const parsed = ModelFile.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`);
  const first = parsed.error.issues[0]!;
  throw new ModelFileError(
    `model file: ${issues[0]}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    pathOf(first.path),
    issues,
  );
}

/** The JSON text of a model file; numbers in `model` that JSON cannot hold are written as float tokens. Pure. */
export function serializeModelFile(file: ModelFileInput): string {
  return JSON.stringify({ ...file, model: encodeFloatsDeep(file.model) });
}
