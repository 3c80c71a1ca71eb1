import { describe, expect, it } from 'vitest';
import { LEARNER_NAMES, LEARNER_PARAMS, canonicalLearnerName } from './learner-params.js';

describe('learner parameters', () => {
  it('every learner accepts {} and fills its documented defaults', () => {
    for (const name of LEARNER_NAMES) expect(LEARNER_PARAMS[name].safeParse({}).success).toBe(true);
    expect(LEARNER_PARAMS.extra_trees.parse({}).bootstrap).toBe(false);
    expect(LEARNER_PARAMS.random_forest.parse({}).bootstrap).toBe(true);
    expect(LEARNER_PARAMS.logistic_regression.parse({}).task).toBe('binary');
    expect(LEARNER_PARAMS.gaussian_process.parse({}).kernel).toBe('matern52');
    expect(LEARNER_PARAMS.gradient_boosting.shape.learning_rate.description).toMatch(/Shrinkage/);
  });

  it('rejects out-of-range values, unknown keys and unsupported tasks', () => {
    expect(LEARNER_PARAMS.ridge.safeParse({ alpha: -1 }).success).toBe(false);
    expect(LEARNER_PARAMS.ridge.safeParse({ alpha: Infinity }).success).toBe(false);
    expect(LEARNER_PARAMS.ridge.safeParse({ lambda: 1 }).success).toBe(false);
    const r = LEARNER_PARAMS.gaussian_process.safeParse({ task: 'binary' });
    expect(r.error!.issues[0]!.message).toBe(
      "gaussian_process does not fit 'binary' models (it supports regression)",
    );
  });

  it('resolves aliases case-insensitively', () => {
    expect(canonicalLearnerName(' XGBoost ')).toBe('gradient_boosting');
    expect(canonicalLearnerName('lightgbm')).toBe('gradient_boosting');
    expect(canonicalLearnerName('Ridge')).toBe('ridge');
    expect(canonicalLearnerName('svm')).toBeUndefined();
  });
});
