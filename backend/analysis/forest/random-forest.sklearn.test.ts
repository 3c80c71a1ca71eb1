/**
 * Accuracy against scikit-learn's RandomForestRegressor/Classifier on the same data and folds
 * (__fixtures__/learners/generate-forest-reference.py): the mean 5-fold CV R² / AUC within 0.01.
 */
import { describe, expect, it } from 'vitest';
import {
  forestDatasets,
  forestReference,
  type ForestDatasetName,
} from '../__fixtures__/learners/forest-reference.js';
import { r2, rocAuc } from '../model-selection/metrics.js';
import { fitRandomForest } from './random-forest.js';

/** Trees per forest here; scikit-learn used 200 (its score moves by < 0.004 between seeds, see seed_means). */
const N_TREES = 200;

function cvScore(name: ForestDatasetName): number[] {
  const d = forestDatasets[name];
  const scores: number[] = [];
  for (let f = 0; f < 5; f++) {
    const train: number[] = [];
    const test: number[] = [];
    d.fold.forEach((k, i) => (k === f ? test : train).push(i));
    const take = (rows: number[]) => {
      const x = new Float64Array(rows.length * d.p);
      for (let j = 0; j < d.p; j++) rows.forEach((r, i) => (x[i + j * rows.length] = d.x_columns[j]![r]!));
      return { x, y: Float64Array.from(rows, (r) => d.y[r]!) };
    };
    const tr = take(train);
    const te = take(test);
    const model = fitRandomForest(
      { x: tr.x, n: train.length, p: d.p, y: tr.y, task: d.task },
      { nTrees: N_TREES, seed: 0 },
    );
    const pred = model.predict(te.x, test.length);
    scores.push(d.task === 'binary' ? rocAuc(te.y, pred) : r2(te.y, pred));
  }
  return scores;
}

describe('random forest vs scikit-learn (5-fold CV, same folds)', () => {
  for (const name of ['diabetes', 'breast_cancer', 'friedman1'] as const) {
    it(`${name}: mean CV score within 0.01 of scikit-learn's`, () => {
      const ref = forestReference.results[name];
      const ours = cvScore(name);
      const mean = ours.reduce((a, b) => a + b, 0) / ours.length;
      const spread = Math.max(...ref.seed_means) - Math.min(...ref.seed_means);
      console.log(
        `${name.padEnd(13)} ${ref.metric}: ours ${mean.toFixed(4)} [${ours.map((s) => s.toFixed(4)).join(' ')}], ` +
          `scikit-learn ${ref.mean.toFixed(4)} [${ref.fold_scores.map((s) => s.toFixed(4)).join(' ')}], ` +
          `Δ ${(mean - ref.mean).toFixed(4)} (sklearn seed spread ${spread.toFixed(4)})`,
      );
      expect(Math.abs(mean - ref.mean)).toBeLessThan(0.01);
    });
  }
});
