import { afterAll, describe, expect, it } from 'vitest';
import { tunableLearner } from '../../../analysis/learners/tunable-learner.js';
import { tunedNestedCvParallel } from '../../../analysis/learners/tuned-cv-kernel.js';
import { tunedNestedCv } from '../../../analysis/model-selection/tuned-nested-cv.js';
import { createRng } from '../../../analysis/random/rng.js';
import { ComputePool } from '../../compute/compute-pool.js';

function data(n: number) {
  const rng = createRng(11);
  const p = 4;
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  const y = Float64Array.from(
    { length: n },
    (_, i) => 5 * Math.sin(3 * x[i]!) + 2 * x[i + n]! + rng.normal(),
  );
  return { x, y, n, p };
}

describe('tuned nested CV on the compute pool', () => {
  const pool = new ComputePool({ threads: 2 });
  afterAll(() => pool.close());

  it('gives the serial result bit for bit (OOF, per-model scores, final model)', async () => {
    const d = data(80);
    const options = { outerSplits: 3, innerSplits: 3, nTrials: 4, seed: 21 };
    const names = ['random_forest', 'gradient_boosting'];
    const serial = tunedNestedCv({
      ...d,
      ...options,
      learners: names.map((m) => tunableLearner(m, { task: 'regression', prune: true })),
    });
    const fractions: number[] = [];
    const parallel = await tunedNestedCvParallel(
      { ...d, ...options, learners: names, prune: true, onProgress: (f) => fractions.push(f) },
      pool,
    );
    expect(Array.from(parallel.cv.oof)).toEqual(Array.from(serial.cv.oof));
    expect(parallel.cv.chosen).toEqual(serial.cv.chosen);
    expect(JSON.stringify(parallel.cv.learners)).toBe(JSON.stringify(serial.cv.learners));
    expect(parallel.final.params).toEqual(serial.final.params);
    expect(JSON.stringify(parallel.final.model.toJSON())).toBe(JSON.stringify(serial.final.model.toJSON()));
    expect(fractions.at(-1)).toBe(1);
  }, 180_000);

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      tunedNestedCvParallel(
        {
          ...data(40),
          outerSplits: 2,
          innerSplits: 2,
          nTrials: 2,
          seed: 1,
          learners: ['extra_trees'],
          prune: false,
          signal: controller.signal,
        },
        pool,
      ),
    ).rejects.toThrow();
  });
});
