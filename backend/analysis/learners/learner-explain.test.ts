import { describe, expect, it } from 'vitest';
import { FAST_PARAMS, makeData } from './learner-data.testing.js';
import { ExplanationNotSupportedError, type Explanation } from './learner-model.js';
import { LEARNERS, learnerByName } from './learner-registry.js';

/** max over rows and outputs of |base + Σ φ − prediction| relative to max(1, |prediction|). */
function efficiencyError(e: Explanation): number {
  let worst = 0;
  for (let k = 0; k < e.nOutputs; k++) {
    for (let i = 0; i < e.n; i++) {
      let s = e.baseValue[k]!;
      for (let j = 0; j < e.p; j++) s += e.values[i + e.n * j + e.n * e.p * k]!;
      const f = e.prediction[i + e.n * k]!;
      worst = Math.max(worst, Math.abs(s - f) / Math.max(1, Math.abs(f)));
    }
  }
  return worst;
}

const logit = (q: number) => Math.log(q / (1 - q));

describe('explain through the common interface', () => {
  for (const def of LEARNERS.filter((d) => d.explanation !== 'none')) {
    for (const task of def.tasks) {
      it(`${def.name} (${task}): base value + Σ contributions = the explained output (1e-9); interactions sum to φ`, () => {
        const { x, y, n, p } = makeData(task);
        const model = def.fit(x, y, n, p, { ...FAST_PARAMS[def.name], task });
        const e = model.explain(x, n, { interactions: true });
        expect(e.method).toBe(def.explanation);
        expect(e.nOutputs).toBe(task === 'multiclass' ? 3 : 1);
        expect(e.values.length).toBe(n * p * e.nOutputs);
        expect(efficiencyError(e)).toBeLessThan(1e-9);

        // The explained output is the model's own output on its stated scale.
        if (task === 'regression') expect(e.output).toBe('value');
        if (task === 'regression') expect([...e.prediction]).toEqual([...model.predict(x, n)]);
        if (task === 'binary') {
          const proba = model.predictProba(x, n);
          for (let i = 0; i < n; i++) {
            const expected = e.output === 'probability' ? proba[i]! : logit(proba[i]!);
            expect(e.prediction[i]).toBeCloseTo(expected, 9);
          }
        }
        if (task === 'multiclass') {
          expect(e.output).toBe('class-score');
          const proba = model.predictProba(x, n);
          for (let i = 0; i < n; i++) {
            let z = 0;
            for (let k = 0; k < 3; k++) z += Math.exp(e.prediction[i + n * k]!);
            for (let k = 0; k < 3; k++)
              expect(Math.exp(e.prediction[i + n * k]!) / z).toBeCloseTo(proba[i + n * k]!, 12);
          }
        }

        const inter = e.interactions!;
        expect(inter.length).toBe(n * p * p * e.nOutputs);
        for (let k = 0; k < e.nOutputs; k++)
          for (let i = 0; i < n; i += 7)
            for (let j = 0; j < p; j++) {
              let s = 0;
              for (let l = 0; l < p; l++) s += inter[i + n * (j + p * l) + n * p * p * k]!;
              expect(s).toBeCloseTo(e.values[i + n * j + n * p * k]!, 9);
            }
      });
    }
  }

  it('linear models: φ_ij = b_j·(x_ij − mean_j) exactly, and the base value is the mean training prediction', () => {
    const { x, y, n, p } = makeData('regression');
    const model = learnerByName('ridge').fit(x, y, n, p, { alpha: 0.5 });
    const { coefficients } = model.toJSON() as { coefficients: number[] };
    const e = model.explain(x, n);
    const pred = model.predict(x, n);
    let meanPred = 0;
    for (const v of pred) meanPred += v / n;
    expect(e.baseValue[0]).toBeCloseTo(meanPred, 12);
    for (let j = 0; j < p; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += x[i + n * j]! / n;
      for (let i = 0; i < n; i++)
        expect(e.values[i + n * j]).toBeCloseTo(coefficients[j]! * (x[i + n * j]! - m), 14);
    }
    expect(e.interactions).toBeUndefined();
  });

  it('gaussian_process: explain is an explicit, documented error pointing to permutation importance', () => {
    const { x, y, n, p } = makeData('regression', 20);
    const model = learnerByName('gaussian_process').fit(x, y, n, p, { n_restarts: 0 });
    expect(() => model.explain(x, n)).toThrow(ExplanationNotSupportedError);
    expect(() => model.explain(x, n)).toThrow(/permutationImportance/);
  });
});
