import { describe, expect, it } from 'vitest';
import { r2, rocAuc } from '../model-selection/metrics.js';
import { FAST_PARAMS, makeData, sameBits } from './learner-data.testing.js';
import { LEARNERS, LearnerParamsError, learnerByName, learnerModelFromJson } from './learner-registry.js';

describe('learnerByName', () => {
  it('finds every learner by name and the aliases, case-insensitively', () => {
    expect(LEARNERS.map((l) => l.name)).toEqual([
      'gradient_boosting',
      'random_forest',
      'extra_trees',
      'gaussian_process',
      'ols',
      'ridge',
      'lasso',
      'elastic_net',
      'logistic_regression',
    ]);
    expect(learnerByName('LightGBM').name).toBe('gradient_boosting');
    expect(learnerByName('xgboost').name).toBe('gradient_boosting');
    expect(learnerByName('logistic').name).toBe('logistic_regression');
    expect(learnerByName('gradient_boosting').aliases).toContain('lightgbm');
    expect(() => learnerByName('svm')).toThrow(/unknown learner 'svm'; known: gradient_boosting/);
  });

  it('validates params with zod: defaults filled in, bad or unknown fields named', () => {
    const { x, y, n, p } = makeData('regression', 30);
    const gb = learnerByName('gradient_boosting');
    expect(gb.params.parse({})).toMatchObject({
      task: 'regression',
      n_estimators: 100,
      num_leaves: 31,
      seed: 0,
    });
    expect(() => gb.fit(x, y, n, p, { num_leaves: 1 })).toThrow(LearnerParamsError);
    expect(() => gb.fit(x, y, n, p, { num_leaves: 1 })).toThrow(/gradient_boosting params: num_leaves: /);
    expect(() => gb.fit(x, y, n, p, { numLeaves: 8 })).toThrow(/Unrecognized key.*numLeaves/);
    expect(() => learnerByName('ols').fit(x, y, n, p, { task: 'binary' })).toThrow(
      /ols does not fit 'binary' models \(it supports regression\)/,
    );
    expect(() => learnerByName('random_forest').fit(x, y, n, p, { task: 'multiclass' })).toThrow(
      /use gradient_boosting for multiclass/,
    );
    expect(() => gb.fit(x, y, n, p, { loss: 'log-loss' })).toThrow(
      /loss 'log-loss' is for binary models, not regression/,
    );
  });
});

describe('every learner through the common interface', () => {
  for (const def of LEARNERS) {
    for (const task of def.tasks) {
      it(`${def.name} (${task}): fits, predicts, round-trips its JSON bit for bit, deterministically`, () => {
        const { x, y, n, p } = makeData(task);
        const params = { ...FAST_PARAMS[def.name], task };
        const model = def.fit(x, y, n, p, params);
        expect(model.learner).toBe(def.name);
        expect(model.task).toBe(task);
        expect(model.nFeatures).toBe(p);
        const pred = model.predict(x, n);
        expect(pred.length).toBe(n);
        if (task === 'regression') {
          expect(model.nClasses).toBe(0);
          expect(r2(y, pred)).toBeGreaterThan(0.5);
          expect(() => model.predictProba(x, n)).toThrow(TypeError);
        } else {
          const k = task === 'binary' ? 2 : 3;
          expect(model.nClasses).toBe(k);
          const proba = model.predictProba(x, n);
          expect(proba.length).toBe(task === 'binary' ? n : n * k);
          for (const v of pred) expect(Number.isInteger(v) && v >= 0 && v < k).toBe(true);
          if (task === 'binary') expect(rocAuc(y, proba)).toBeGreaterThan(0.8);
          else {
            for (let i = 0; i < n; i++) {
              let s = 0;
              for (let c = 0; c < k; c++) s += proba[c * n + i]!;
              expect(s).toBeCloseTo(1, 12);
            }
            let hits = 0;
            for (let i = 0; i < n; i++) if (pred[i] === y[i]) hits++;
            expect(hits / n).toBeGreaterThan(0.8);
          }
        }

        // Determinism: same data, params and seed → identical JSON text.
        const json = JSON.stringify(model.toJSON());
        expect(JSON.stringify(def.fit(x, y, n, p, params).toJSON())).toBe(json);

        // In-memory round trip through the validated JSON.
        const restored = learnerModelFromJson(JSON.parse(JSON.stringify(model.toJSON())));
        expect(restored.learner).toBe(def.name);
        expect(sameBits(restored.predict(x, n), pred)).toBe(true);
        if (task !== 'regression')
          expect(sameBits(restored.predictProba(x, n), model.predictProba(x, n))).toBe(true);
      });
    }
  }

  it('a different seed gives a different forest', () => {
    const { x, y, n, p } = makeData('regression');
    const rf = learnerByName('random_forest');
    const a = JSON.stringify(rf.fit(x, y, n, p, { n_estimators: 5, seed: 1 }).toJSON());
    const b = JSON.stringify(rf.fit(x, y, n, p, { n_estimators: 5, seed: 2 }).toJSON());
    expect(a).not.toBe(b);
  });

  it('learnerModelFromJson names the first bad field', () => {
    const { x, y, n, p } = makeData('regression');
    const json = learnerByName('gradient_boosting').fit(x, y, n, p, FAST_PARAMS.gradient_boosting).toJSON();
    const bad = JSON.parse(JSON.stringify(json)) as { trees: { left: number[] }[] };
    bad.trees[1]!.left[0] = 0;
    expect(() => learnerModelFromJson(bad)).toThrow(/model JSON: trees\.1\.left\.0: child 0 of node 0/);
    expect(() => learnerModelFromJson({ kind: 'svm' })).toThrow(/model JSON: kind: Invalid discriminator/);
  });
});
