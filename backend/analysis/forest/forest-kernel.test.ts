import { describe, expect, it } from 'vitest';
import { KERNELS } from '../parallel/kernels.js';
import { serialMap, type ParallelMap } from '../parallel/parallel-map.js';
import { createRng } from '../random/rng.js';
import { fitForestParallel, forestTreesKernel, treeBlocks } from './forest-kernel.js';
import { fitForest, resolveForestParams, type ForestInput, type ForestParams } from './random-forest.js';

function regressionData(n: number, p: number, seed: number): ForestInput {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.next());
  const y = Float64Array.from(
    { length: n },
    (_, i) => 10 * x[i]! * x[i + n]! + 5 * x[i + 2 * n]! + rng.normal(),
  );
  return { x, n, p, y, task: 'regression' };
}

function binaryData(n: number, p: number, seed: number): ForestInput {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n * p }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => (x[i]! - x[i + n]! + 0.5 * rng.normal() > 0 ? 1 : 0));
  return { x, n, p, y, task: 'binary' };
}

/** A ParallelMap stand-in that runs items last to first (as threads finishing out of order might). */
const reverseMap: ParallelMap = {
  lanes: 3,
  async map(kernel, shared, items, options = {}) {
    const context = kernel.setup(shared);
    const out = new Array(items.length);
    for (let i = items.length - 1; i >= 0; i--) {
      options.signal?.throwIfAborted();
      out[i] = kernel.run(context, items[i]!, options.signal);
      options.onResult?.(i, out[i]);
    }
    return out;
  },
};

const cases: Array<[string, ForestInput, ForestParams, 'forest' | 'extra']> = [
  [
    'regression forest with OOB',
    regressionData(300, 6, 1),
    { nTrees: 13, oobScore: true, seed: 9 },
    'forest',
  ],
  [
    'binary forest, one feature per split, depth 5',
    binaryData(250, 4, 2),
    { nTrees: 11, maxFeatures: { count: 1 }, maxDepth: 5, oobScore: true, seed: 3 },
    'forest',
  ],
  [
    'extra trees on 70 % subsamples',
    regressionData(200, 5, 4),
    { nTrees: 9, maxSamples: 0.7, seed: 5 },
    'extra',
  ],
];

describe('fitForestParallel', () => {
  it('is registered under its own name', () => {
    expect(KERNELS[forestTreesKernel.name]).toBe(forestTreesKernel);
  });

  it.each(cases)('%s: same JSON as fitForest for any map and block size', async (_, d, p, kind) => {
    const params = resolveForestParams(
      p,
      d.task,
      kind === 'extra' ? { bootstrap: false, splitter: 'random' } : undefined,
    );
    const reference = JSON.stringify(fitForest(d, params));
    for (const map of [serialMap, reverseMap])
      for (const treesPerItem of [undefined, 1, 4, 100])
        expect(JSON.stringify(await fitForestParallel(d, params, map, {}, { treesPerItem }))).toBe(reference);
  });

  it('reports the fraction of trees grown per block; stops on abort', async () => {
    const d = regressionData(100, 4, 6);
    const params = resolveForestParams({ nTrees: 10 }, 'regression');
    const seen: number[] = [];
    await fitForestParallel(d, params, serialMap, { onProgress: (f) => seen.push(f) }, { treesPerItem: 4 });
    expect(seen).toEqual([0.4, 0.8, 1]);
    const controller = new AbortController();
    const progress: number[] = [];
    const call = fitForestParallel(
      d,
      params,
      serialMap,
      { signal: controller.signal, onProgress: (f) => (progress.push(f), controller.abort()) },
      { treesPerItem: 2 },
    );
    await expect(call).rejects.toThrow(/abort/i);
    expect(progress).toEqual([0.2]);
  });

  it('rejects bad input and bad block sizes on the calling thread, before any tree', async () => {
    const d = regressionData(20, 3, 7);
    const params = resolveForestParams({ nTrees: 3 }, 'regression');
    const x = d.x.slice();
    x[5] = Number.NaN;
    await expect(fitForestParallel({ ...d, x }, params)).rejects.toThrow(/row 5, column 0/);
    await expect(
      fitForestParallel(d, resolveForestParams({ maxFeatures: 5 }, 'regression')),
    ).rejects.toBeInstanceOf(RangeError);
    await expect(fitForestParallel(d, params, serialMap, {}, { treesPerItem: 0 })).rejects.toThrow(
      /treesPerItem/,
    );
    expect(treeBlocks(7, 3)).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 3 },
      { first: 6, count: 1 },
    ]);
  });
});
