import { describe, expect, it } from 'vitest';
import { nestedCrossValidation } from '../model-selection/nested-cv.js';
import { makeData } from './learner-data.testing.js';
import { selectionCandidate, selectionLearner } from './selection-learner.js';

describe('registry learners inside the linear study’s nested CV', () => {
  it('adapts fit/predict and answers probabilities for binary models', () => {
    const { x, y, n, p } = makeData('binary');
    const model = selectionLearner('logistic').fit(x, y, n, p, { C: 10 });
    const proba = model.predict(x, n, p);
    expect(proba.every((v) => v > 0 && v < 1)).toBe(true);
    expect(() => model.predict(x, n / 2, 2 * p)).toThrow(/fitted on 3 columns, got 6/);
  });

  it('nested CV searches a ridge grid and a forest side by side', () => {
    const { x, y, n, p } = makeData('regression', 60);
    const result = nestedCrossValidation({
      x,
      y,
      n,
      p,
      candidates: [
        selectionCandidate('ridge', [{ alpha: 0.1 }, { alpha: 10 }]),
        selectionCandidate('random_forest', [{ n_estimators: 10 }]),
      ],
      innerSplits: 3,
      outerSplits: 3,
      metric: 'rmse',
      seed: 1,
    });
    expect(result.metrics.r2).toBeGreaterThan(0.5);
    expect(result.candidates.map((c) => c.candidate)).toEqual(['ridge', 'random_forest']);
  });
});
