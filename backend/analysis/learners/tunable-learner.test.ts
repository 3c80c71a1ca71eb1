import { describe, expect, it } from 'vitest';
import { tunedNestedCv } from '../model-selection/tuned-nested-cv.js';
import { r2 } from '../model-selection/metrics.js';
import { createRng } from '../random/rng.js';
import { MODEL_ALIASES } from '../tuning/search-spaces.js';
import { alphaMax, tunableLearner } from './tunable-learner.js';

function friedman(n: number, seed: number) {
  const rng = createRng(seed);
  const p = 5;
  const x = new Float64Array(n * p);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const y = new Float64Array(n);
  const c = (i: number, j: number) => x[i + j * n]!;
  for (let i = 0; i < n; i++)
    y[i] =
      10 * Math.sin(Math.PI * c(i, 0) * c(i, 1)) +
      20 * (c(i, 2) - 0.5) ** 2 +
      10 * c(i, 3) +
      5 * c(i, 4) +
      rng.normal();
  return { x, y, n, p };
}

describe('tunableLearner', () => {
  it('every regression model name fits through its search space and predicts finite values', () => {
    const { x, y, n, p } = friedman(60, 1);
    for (const name of Object.keys(MODEL_ALIASES).filter((m) => !m.startsWith('logistic'))) {
      const learner = tunableLearner(name, { task: 'regression' });
      const study = learner.createStudy(3);
      const { id, params } = study.ask();
      const model = learner.fit(x, y, n, p, params, 7);
      expect(model.predict(x, n).every(Number.isFinite), name).toBe(true);
      study.tell(id, 1);
    }
  });

  it('a Lasso at α = α_max keeps no coefficient, and just below it keeps one', () => {
    const { x, y, n, p } = friedman(80, 2);
    const lasso = tunableLearner('lasso', { task: 'regression' });
    const flat = lasso.fit(x, y, n, p, { alphaRatio: 1 }, 0).predict(x, n);
    expect(Math.max(...flat) - Math.min(...flat)).toBeLessThan(1e-9);
    const one = lasso.fit(x, y, n, p, { alphaRatio: 0.9 }, 0).predict(x, n);
    expect(Math.max(...one) - Math.min(...one)).toBeGreaterThan(1e-3);
    expect(alphaMax(x, y, n, p, 0.5)).toBeCloseTo(2 * alphaMax(x, y, n, p, 1), 12);
  });

  it('tuned nested CV with a forest and boosting finds the Friedman signal', () => {
    const { x, y, n, p } = friedman(200, 3);
    const out = tunedNestedCv({
      x,
      y,
      n,
      p,
      learners: [
        tunableLearner('random_forest', { task: 'regression' }),
        tunableLearner('xgboost', { task: 'regression', prune: true }),
      ],
      outerSplits: 3,
      innerSplits: 3,
      nTrials: 4,
      seed: 5,
    });
    const score = r2(y, out.cv.oof);
    console.log(
      `Friedman #1 (n = 200): nested-CV OOF R² ${score.toFixed(3)}, chosen ${out.cv.chosen.join(', ')}`,
    );
    expect(score).toBeGreaterThan(0.6);
    expect(out.final.model.toJSON()).toBeTruthy();
  });
});
