import { describe, expect, it } from 'vitest';
import { randomForestFromJson } from '../forest/random-forest.js';
import { addTreePredictions } from '../trees/tree.js';
import { FAST_PARAMS, makeData, sameBits } from './learner-data.testing.js';
import { learnerByName } from './learner-registry.js';
import type { GaussianProcessLearnerModel } from './gaussian-process-learner.js';
import { predictWithUncertainty, uncertaintyOf } from './prediction-uncertainty.js';

describe('predictWithUncertainty', () => {
  const d = makeData('regression', 80, 3, 7);
  const fresh = makeData('regression', 30, 3, 8);

  for (const name of ['random_forest', 'extra_trees'] as const) {
    it(`${name}: mean = predict bit for bit, sd = population sd of the tree predictions (two-pass)`, () => {
      const model = learnerByName(name).fit(d.x, d.y, d.n, d.p, { ...FAST_PARAMS[name], task: 'regression' });
      const r = predictWithUncertainty(model, fresh.x, fresh.n);
      expect(r.kind).toBe('tree_spread');
      expect(sameBits(r.mean, model.predict(fresh.x, fresh.n))).toBe(true);
      const trees = randomForestFromJson(model.toJSON()).trees;
      const per = trees.map((t) => {
        const out = new Float64Array(fresh.n);
        addTreePredictions(t, fresh.x, fresh.n, out, 1);
        return out;
      });
      for (let i = 0; i < fresh.n; i++) {
        const v = per.map((p) => p[i]!);
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
        expect(r.sd![i]).toBeCloseTo(sd, 12);
      }
    });
  }

  it('gaussian_process: the predictive sd; boosting and linear models: none', () => {
    const gp = learnerByName('gaussian_process').fit(d.x, d.y, d.n, d.p, {
      ...FAST_PARAMS.gaussian_process,
      task: 'regression',
    });
    const r = predictWithUncertainty(gp, fresh.x, fresh.n);
    expect(r.kind).toBe('gp_predictive_sd');
    expect(sameBits(r.mean, gp.predict(fresh.x, fresh.n))).toBe(true);
    expect(sameBits(r.sd!, (gp as GaussianProcessLearnerModel).predictWithStd(fresh.x, fresh.n).std)).toBe(
      true,
    );
    for (const name of ['gradient_boosting', 'ols'] as const) {
      const m = learnerByName(name).fit(d.x, d.y, d.n, d.p, { ...FAST_PARAMS[name], task: 'regression' });
      expect(uncertaintyOf(m)).toBeNull();
      const o = predictWithUncertainty(m, fresh.x, fresh.n);
      expect(o.sd).toBeNull();
      expect(sameBits(o.mean, m.predict(fresh.x, fresh.n))).toBe(true);
    }
  });
});
