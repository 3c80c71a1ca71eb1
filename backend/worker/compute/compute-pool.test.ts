import { afterAll, describe, expect, it } from 'vitest';
import { optimalDesign, type DesignProblem } from '../../analysis/doe/exchange.js';
import { exchangeStartKernel, optimalDesignParallel } from '../../analysis/doe/exchange-kernel.js';
import { DesignError } from '../../analysis/doe/design-error.js';
import { KERNELS } from '../../analysis/parallel/kernels.js';
import { serialMap } from '../../analysis/parallel/parallel-map.js';
import { createRng } from '../../analysis/random/rng.js';
import { ComputePool } from './compute-pool.js';

/** Column-major full quadratic model matrix (intercept, 3 linear, 3 interactions, 3 squares) of random points. */
function quadratic3(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) {
    const f = [2 * rng.next() - 1, 2 * rng.next() - 1, 2 * rng.next() - 1];
    const row = [
      1,
      f[0]!,
      f[1]!,
      f[2]!,
      f[0]! * f[1]!,
      f[0]! * f[2]!,
      f[1]! * f[2]!,
      f[0]! ** 2,
      f[1]! ** 2,
      f[2]! ** 2,
    ];
    row.forEach((v, k) => (x[k * n + i] = v));
  }
  return x;
}

// Large enough (N ≥ 4·(working set + runs)) for the working-set path of the D exchange.
const N = 9000;
const problem: DesignProblem = {
  candidates: quadratic3(N, 11),
  nCandidates: N,
  p: 10,
  fixed: new Float64Array(0),
  nFixed: 0,
  nNew: 14,
  criterion: 'D',
  nStarts: 6,
  seed: 5,
};

const pools: ComputePool[] = [];
function pool(threads: number): ComputePool {
  const p = new ComputePool({ threads });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('ComputePool', () => {
  it('registers every kernel under its own name', () => {
    expect(KERNELS[exchangeStartKernel.name]).toBe(exchangeStartKernel);
  });

  it('gives bit-identical designs for the serial map, 1 thread and 3 threads', async () => {
    const sync = optimalDesign(problem);
    const serial = await optimalDesignParallel(problem, serialMap);
    const one = await optimalDesignParallel(problem, pool(1));
    const three = await optimalDesignParallel(problem, pool(3));
    for (const r of [serial, one, three]) {
      expect(Array.from(r.selected)).toEqual(Array.from(sync.selected));
      expect(r.logDet).toBe(sync.logDet);
      expect(r.value).toBe(sync.value);
      expect(r.bestStart).toBe(sync.bestStart);
    }
  });

  it('reports progress once per start and reuses its threads across calls', async () => {
    const p = pool(2);
    const fractions: number[] = [];
    await optimalDesignParallel({ ...problem, nStarts: 4, onProgress: (f) => fractions.push(f) }, p);
    expect(fractions).toEqual([0.25, 0.5, 0.75, 1]);
    const again = await optimalDesignParallel({ ...problem, nStarts: 2 }, p);
    expect(again.starts).toBe(2);
  });

  it('passes DesignErrors from the threads through with their reason', async () => {
    const bad = { ...problem, nCandidates: 5, candidates: problem.candidates.subarray(0, 50), nNew: 5 };
    await expect(optimalDesignParallel(bad, pool(2))).rejects.toBeInstanceOf(DesignError);
  });

  it('stops outstanding work when the signal aborts, then runs the next call normally', async () => {
    const p = pool(2);
    const controller = new AbortController();
    const started = performance.now();
    const call = optimalDesignParallel(
      { ...problem, nStarts: 200, signal: controller.signal, onProgress: () => controller.abort() },
      p,
    );
    await expect(call).rejects.toThrow(/abort/i);
    expect(performance.now() - started).toBeLessThan(20_000);
    const after = await optimalDesignParallel({ ...problem, nStarts: 2 }, p);
    expect(after.starts).toBe(2);
  });

  it('rejects when onResult throws, and on an unknown kernel', async () => {
    const p = pool(1);
    await expect(
      optimalDesignParallel(
        {
          ...problem,
          onProgress: () => {
            throw new Error('stop here');
          },
        },
        p,
      ),
    ).rejects.toThrow('stop here');
    const fake = { name: 'no-such-kernel', setup: () => null, run: () => 0 };
    await expect(p.map(fake, {}, [1])).rejects.toThrow(/no compute kernel named 'no-such-kernel'/);
  });
});
