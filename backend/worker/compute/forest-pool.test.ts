import { afterAll, describe, expect, it } from 'vitest';
import { fitForestParallel } from '../../analysis/forest/forest-kernel.js';
import {
  fitForest,
  resolveForestParams,
  type ForestInput,
  type ResolvedForestParams,
} from '../../analysis/forest/random-forest.js';
import { serialMap } from '../../analysis/parallel/parallel-map.js';
import { createRng } from '../../analysis/random/rng.js';
import { ComputePool } from './compute-pool.js';

function data(n: number, p: number, seed: number, task: ForestInput['task']): ForestInput {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  const y = Float64Array.from({ length: n }, (_, i) => {
    const f = 10 * Math.sin(Math.PI * x[i]! * x[i + n]!) + 10 * x[i + 2 * n]! + rng.normal();
    return task === 'regression' ? f : f > 10 ? 1 : 0;
  });
  return { x, n, p, y, task };
}

const pools: ComputePool[] = [];
function pool(threads: number): ComputePool {
  const p = new ComputePool({ threads });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('forest trees on the compute pool', () => {
  const cases: Array<[string, ForestInput, ResolvedForestParams]> = [
    [
      'regression forest with OOB',
      data(500, 6, 1, 'regression'),
      resolveForestParams({ nTrees: 17, oobScore: true, maxFeatures: 0.5, seed: 11 }, 'regression'),
    ],
    [
      'binary forest with OOB',
      data(500, 6, 2, 'binary'),
      resolveForestParams({ nTrees: 17, oobScore: true, seed: 12 }, 'binary'),
    ],
    [
      'binary extra trees on 60 % subsamples',
      data(400, 5, 3, 'binary'),
      resolveForestParams({ nTrees: 10, maxSamples: 0.6, seed: 13 }, 'binary', {
        bootstrap: false,
        splitter: 'random',
      }),
    ],
  ];

  // One pool per thread count for all cases: thread start-up (the TypeScript loader) dominates small fits.
  const sized = new Map<number, ComputePool>();
  it.each(cases)('%s: bit-identical JSON for serial, 1 thread and 3 threads', async (_, d, params) => {
    const reference = JSON.stringify(fitForest(d, params));
    expect(JSON.stringify(await fitForestParallel(d, params, serialMap))).toBe(reference);
    for (const threads of [1, 3]) {
      const p = sized.get(threads) ?? pool(threads);
      sized.set(threads, p);
      expect(JSON.stringify(await fitForestParallel(d, params, p))).toBe(reference);
      expect(JSON.stringify(await fitForestParallel(d, params, p, {}, { treesPerItem: 1 }))).toBe(reference);
    }
  });

  it('stops outstanding trees when the signal aborts, then fits the next forest normally', async () => {
    const p = pool(2);
    const d = data(2000, 6, 4, 'regression');
    const params = resolveForestParams({ nTrees: 400, seed: 1 }, 'regression');
    const controller = new AbortController();
    const progress: number[] = [];
    const started = performance.now();
    const call = fitForestParallel(
      d,
      params,
      p,
      { signal: controller.signal, onProgress: (f) => (progress.push(f), controller.abort()) },
      { treesPerItem: 1 },
    );
    await expect(call).rejects.toThrow(/abort/i);
    expect(progress).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(20_000);
    const small = resolveForestParams({ nTrees: 5, seed: 2 }, 'regression');
    expect(JSON.stringify(await fitForestParallel(d, small, p))).toBe(JSON.stringify(fitForest(d, small)));
  });
});
