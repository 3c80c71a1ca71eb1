import { describe, expect, it } from 'vitest';
import {
  ModelFileError,
  modelColumnsOf,
  parseModelFile,
  serializeModelFile,
  type ModelFileInput,
} from './model-file.js';

/** A hand-written linear model file: y = 1 + 2·speed + 0.5·[brush = steel]. */
function linearFile(): ModelFileInput {
  const features = [
    { name: 'speed', type: 'numeric' as const, min: 0, max: 10 },
    { name: 'brush', type: 'categorical' as const, categories: ['nylon', 'steel'], min: null, max: null },
  ];
  return {
    format: 'zerosec-model',
    version: 1,
    learner: 'ridge',
    task: 'regression',
    features,
    preprocessing: {
      categorical_encoding: 'one-hot',
      unknown_category: 'error',
      columns: modelColumnsOf(features),
    },
    target: { name: 'wear' },
    model: {
      kind: 'linear',
      version: 1,
      estimator: 'ridge',
      link: 'identity',
      n_features: 3,
      intercept: -0,
      coefficients: [2, 0, 0.5],
      feature_means: [5, 0.5, 0.5],
      aliased: [],
      n_iter: 1,
      converged: true,
    },
    trained_at: '2025-06-01T12:00:00+09:00',
    metrics: { cv_r2: 0.9, cv_auc: null },
  };
}

const errorOf = (input: unknown): ModelFileError => {
  try {
    parseModelFile(input);
  } catch (e) {
    if (e instanceof ModelFileError) return e;
    throw e;
  }
  throw new Error('expected a ModelFileError');
};

describe('model file schema', () => {
  it('round-trips through JSON text, −0 included', () => {
    const text = serializeModelFile(linearFile());
    expect(text).toContain('"intercept":"-0"');
    const file = parseModelFile(text);
    expect(file.model.kind).toBe('linear');
    expect(Object.is((file.model as { intercept: number }).intercept, -0)).toBe(true);
    expect(serializeModelFile(file)).toBe(text);
  });

  it('names the field of the first problem', () => {
    /** The file with the value at `path` set to `v`. */
    const edit = (path: (string | number)[], v: unknown): unknown => {
      const m = JSON.parse(serializeModelFile(linearFile())) as Record<string | number, unknown>;
      let o = m;
      for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[path.at(-1)!] = v;
      return m;
    };
    expect(errorOf(edit(['version'], 7)).message).toMatch(
      /version 7, newer than this version of 0\.00sec reads \(1\)/,
    );
    expect(errorOf(edit(['version'], 0)).field).toBe('version');
    expect(errorOf(edit(['model', 'coefficients'], [1, 2])).field).toBe('model.coefficients');
    expect(errorOf(edit(['model', 'link'], 'logit')).field).toBe('model.link');
    expect(errorOf(edit(['features', 1, 'categories'], ['a', 'a'])).field).toBe('features.1.categories');
    expect(errorOf(edit(['task'], 'binary')).field).toBe('target.classes');
    expect(errorOf(edit(['trained_at'], 'yesterday')).field).toBe('trained_at');
    expect(errorOf(edit(['extra'], 1)).message).toMatch(/Unrecognized key.*extra/);
    expect(errorOf('[]').message).toBe('model file must be a JSON object');
  });
});
