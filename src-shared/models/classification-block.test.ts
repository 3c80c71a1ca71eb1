import { describe, expect, it } from 'vitest';
import type { ClassificationBlock } from './classification-block.js';
import {
  ModelFileError,
  modelColumnsOf,
  parseModelFile,
  serializeModelFile,
  type ModelFileInput,
} from './model-file.js';

/** A logistic model file on a numeric and a categorical feature, classes OK (negative) / NG (positive). */
function binaryFile(classification?: ClassificationBlock): ModelFileInput {
  const features = [
    { name: 'speed', type: 'numeric' as const, min: 0, max: 10 },
    { name: 'brush', type: 'categorical' as const, categories: ['nylon', 'steel'], min: null, max: null },
  ];
  return {
    format: 'zerosec-model',
    version: 1,
    learner: 'logistic_regression',
    task: 'binary',
    features,
    preprocessing: {
      categorical_encoding: 'one-hot',
      unknown_category: 'error',
      columns: modelColumnsOf(features),
    },
    target: { name: '合否', classes: ['OK', 'NG'] },
    model: {
      kind: 'linear',
      version: 1,
      estimator: 'logistic_regression',
      link: 'logit',
      n_features: 3,
      intercept: -1,
      coefficients: [0.4, 0, 0.5],
      feature_means: [5, 0.5, 0.5],
      aliased: [],
      n_iter: 6,
      converged: true,
    },
    ...(classification ? { classification } : {}),
  };
}

const block = (): ClassificationBlock => ({
  version: 1,
  positive_label: 'NG',
  negative_label: 'OK',
  calibration: { method: 'isotonic', xThresholds: [0.1, 0.5, 0.9], yThresholds: [0, 0.4, 1] },
  thresholds: { tau_pos: 0.8, tau_neg: 0.1 },
  guarantee: { alpha: 0.05, beta: 0.05, confidence: 0.95, tau_pos_feasible: true, tau_neg_feasible: true },
  ood: {
    kind: 'ood-gate',
    version: 1,
    p: 1,
    columns: ['speed'],
    location: [5],
    covariance: [4],
    quantile: 0.99,
    thresholdSquared: 6.634896601021214,
  },
});

const errorOf = (file: unknown): ModelFileError => {
  try {
    parseModelFile(file);
  } catch (e) {
    if (e instanceof ModelFileError) return e;
    throw e;
  }
  throw new Error('expected a ModelFileError');
};

describe('model file classification block', () => {
  it('is optional: a binary file without it loads, and one with it round-trips through JSON text', () => {
    expect(parseModelFile(serializeModelFile(binaryFile())).classification).toBeUndefined();
    const text = serializeModelFile(binaryFile(block()));
    const file = parseModelFile(text);
    expect(file.classification).toEqual(block());
    expect(serializeModelFile(file)).toBe(text);
  });

  it('names the problem: labels that are not the classes, a regression model, a gate on a categorical feature, a newer block', () => {
    expect(errorOf(binaryFile({ ...block(), positive_label: 'OK', negative_label: 'NG' })).message).toMatch(
      /classification\.positive_label: negative_label, positive_label must equal target\.classes/,
    );
    const ood = { ...block().ood!, columns: ['brush'] };
    expect(errorOf(binaryFile({ ...block(), ood })).field).toBe('classification.ood.columns.0');
    expect(errorOf({ ...binaryFile(block()), classification: { ...block(), version: 2 } }).field).toBe(
      'classification.version',
    );
    expect(errorOf(binaryFile({ ...block(), thresholds: { tau_pos: 1.5, tau_neg: 0 } })).field).toBe(
      'classification.thresholds.tau_pos',
    );
    const file = binaryFile(block());
    const regression = {
      ...file,
      task: 'regression',
      target: { name: 'wear' },
      learner: 'ridge',
      model: { ...(file.model as Record<string, unknown>), link: 'identity', estimator: 'ridge' },
    };
    expect(errorOf(regression).message).toMatch(/only a binary model has a classification block/);
  });
});
