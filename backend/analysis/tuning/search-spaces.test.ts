import { describe, expect, it } from 'vitest';
import { optimize } from './run-study.js';
import { validateSearchSpace } from './search-space.js';
import { featureSelectionSpace, MODEL_ALIASES, SEARCH_SPACES, searchSpaceFor } from './search-spaces.js';
import { Study } from './study.js';

describe('model search spaces', () => {
  it('are all valid and can be sampled by a study', () => {
    for (const [name, space] of Object.entries(SEARCH_SPACES)) {
      expect(() => validateSearchSpace(space), name).not.toThrow();
      const s = new Study({ space, seed: 1 });
      optimize(
        s,
        (t) =>
          Object.values(t.params)
            .filter((v) => typeof v === 'number')
            .reduce((a, b) => a + (b as number), 0),
        { nTrials: 15 },
      );
      expect(s.trials).toHaveLength(15);
    }
  });

  it('resolve aliases (lightgbm and xgboost mean gradient boosting) and reject unknown names', () => {
    expect(searchSpaceFor('lightgbm')).toBe(SEARCH_SPACES.gradient_boosting);
    expect(searchSpaceFor('xgboost')).toBe(SEARCH_SPACES.gradient_boosting);
    expect(Object.values(MODEL_ALIASES)).toContain('logistic_regression');
    expect(() => searchSpaceFor('catboost')).toThrow(/catboost/);
  });

  it('feature selection adapts topK to the number of features', () => {
    expect(featureSelectionSpace(12).topK).toEqual({ kind: 'int', low: 5, high: 12 });
    expect(featureSelectionSpace(3).topK).toEqual({ kind: 'int', low: 3, high: 3 });
    expect(featureSelectionSpace(1).topK).toBeUndefined();
    expect(() => featureSelectionSpace(0)).toThrow(RangeError);
  });
});
