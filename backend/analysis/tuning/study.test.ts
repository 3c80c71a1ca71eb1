import { describe, expect, it } from 'vitest';
import { createMedianPruner } from './median-pruner.js';
import { optimize, optimizeConcurrently, TrialPruned } from './run-study.js';
import { Study } from './study.js';
import { branin, mixedCategorical } from './test-functions.js';
import type { SearchSpace } from './search-space.js';

const GRID_SPACE: SearchSpace = {
  lr: { kind: 'float', low: 1e-4, high: 0.3, log: true },
  frac: { kind: 'float', low: 0.1, high: 0.95, step: 0.05 },
  depth: { kind: 'int', low: 2, high: 12 },
  trees: { kind: 'int', low: 50, high: 480, step: 50 }, // high is shrunk onto the grid: 450
  leaves: { kind: 'int', low: 1, high: 300, log: true },
  mode: { kind: 'categorical', choices: ['sqrt', 'fraction', null] },
  share: { kind: 'float', low: 0.3, high: 1, when: { param: 'mode', in: ['fraction'] } },
};

function onGrid(v: number, low: number, step: number): boolean {
  const k = (v - low) / step;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

describe('Study', () => {
  it('is deterministic: the same seed gives the same trials, another seed different ones', () => {
    const run = (seed: number) => {
      const s = new Study({ space: mixedCategorical.space, seed });
      optimize(s, (t) => mixedCategorical.evaluate(t.params), { nTrials: 30 });
      return s.trials.map((t) => t.params);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('keeps log, int and stepped parameters in bounds and on their grids, and honours conditions', () => {
    const s = new Study({ space: GRID_SPACE, seed: 3 });
    optimize(
      s,
      (t) =>
        Math.log(t.params.lr as number) ** 2 +
        (t.params.depth as number) +
        (t.params.mode === 'fraction' ? (t.params.share as number) : 1),
      { nTrials: 60 },
    );
    const seenTrees = new Set<number>();
    for (const { params: p } of s.trials) {
      const lr = p.lr as number;
      expect(lr).toBeGreaterThanOrEqual(1e-4);
      expect(lr).toBeLessThanOrEqual(0.3);
      const frac = p.frac as number;
      expect(frac).toBeGreaterThanOrEqual(0.1);
      expect(frac).toBeLessThanOrEqual(0.95 + 1e-12);
      expect(onGrid(frac, 0.1, 0.05)).toBe(true);
      expect(Number.isInteger(p.depth)).toBe(true);
      expect(p.depth).toBeGreaterThanOrEqual(2);
      expect(p.depth).toBeLessThanOrEqual(12);
      const trees = p.trees as number;
      expect(Number.isInteger(trees) && onGrid(trees, 50, 50) && trees >= 50 && trees <= 450).toBe(true);
      seenTrees.add(trees);
      expect(Number.isInteger(p.leaves) && (p.leaves as number) >= 1 && (p.leaves as number) <= 300).toBe(
        true,
      );
      expect(['sqrt', 'fraction', null]).toContain(p.mode);
      if (p.mode === 'fraction') expect(p.share as number).toBeGreaterThanOrEqual(0.3);
      else expect(p.share).toBeUndefined();
    }
    expect(seenTrees.size).toBeGreaterThan(3);
  });

  it('maximises when asked: the same objective negated reaches the same optimum region', () => {
    const s = new Study({ space: branin.space, seed: 5, direction: 'maximize' });
    optimize(s, (t) => -branin.evaluate(t.params), { nTrials: 80 });
    const best = s.bestTrial!;
    expect(best.value!).toBeGreaterThan(-0.6);
    expect(best.value).toBe(Math.max(...s.trials.map((t) => t.value ?? -Infinity)));
  });

  it('supports several outstanding asks; with the constant liar, concurrent asks spread out', () => {
    const spread = (constantLiar: boolean) => {
      const s = new Study({
        space: { x: { kind: 'float', low: 0, high: 1 } },
        seed: 11,
        sampler: { constantLiar },
      });
      optimize(s, (t) => ((t.params.x as number) - 0.3) ** 2, { nTrials: 20 });
      const pending = Array.from({ length: 8 }, () => s.ask());
      const xs = pending.map((a) => a.params.x as number);
      for (const a of pending) s.tell(a.id, ((a.params.x as number) - 0.3) ** 2);
      return Math.max(...xs) - Math.min(...xs);
    };
    const withLiar = spread(true);
    const without = spread(false);
    console.log(
      `spread of 8 concurrent asks: constant liar ${withLiar.toFixed(3)}, ignoring running ${without.toFixed(3)}`,
    );
    expect(withLiar).toBeGreaterThan(without);
  });

  it('runs trials concurrently with optimizeConcurrently', async () => {
    const s = new Study({ space: branin.space, seed: 2 });
    let inFlight = 0;
    let maxInFlight = 0;
    await optimizeConcurrently(
      s,
      async (t) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        await Promise.resolve();
        inFlight--;
        return branin.evaluate(t.params);
      },
      { nTrials: 40, concurrency: 4 },
    );
    expect(maxInFlight).toBe(4);
    expect(s.trials.filter((t) => t.state === 'complete')).toHaveLength(40);
  });

  it('records pruned and failed trials; NaN fails a trial; errors are rethrown unless caught', () => {
    const s = new Study({ space: branin.space, seed: 1 });
    optimize(
      s,
      (t) => {
        if (t.id % 5 === 1) throw new TrialPruned();
        if (t.id % 5 === 2) return Number.NaN;
        if (t.id % 5 === 3) throw new Error('fit diverged');
        return branin.evaluate(t.params);
      },
      { nTrials: 20, catchErrors: true },
    );
    const states = s.trials.map((t) => t.state);
    expect(states.filter((x) => x === 'pruned')).toHaveLength(4);
    expect(states.filter((x) => x === 'failed')).toHaveLength(8);
    expect(() =>
      optimize(
        s,
        () => {
          throw new Error('boom');
        },
        { nTrials: 1 },
      ),
    ).toThrow('boom');
    expect(s.trials.at(-1)!.state).toBe('failed');
    expect(() => s.tell(0, 1)).toThrow(/already/);
  });

  it('rejects invalid spaces with a message naming the parameter', () => {
    expect(() => new Study({ space: {} })).toThrow(/no parameters/);
    expect(() => new Study({ space: { a: { kind: 'float', low: 0, high: 1, log: true } } })).toThrow(
      /'a'.*low must be > 0/,
    );
    expect(() => new Study({ space: { a: { kind: 'int', low: 1.5, high: 3 } } })).toThrow(/int 'a'/);
    expect(
      () => new Study({ space: { b: { kind: 'float', low: 0, high: 1, when: { param: 'a', in: [1] } } } }),
    ).toThrow(/'b'/);
  });

  it('gives a fixed parameter its only value', () => {
    const s = new Study({
      space: {
        a: { kind: 'int', low: 3, high: 3 },
        b: { kind: 'categorical', choices: ['only'] },
        x: { kind: 'float', low: 0, high: 1 },
      },
    });
    optimize(s, (t) => t.params.x as number, { nTrials: 15 });
    expect(s.trials.every((t) => t.params.a === 3 && t.params.b === 'only')).toBe(true);
  });
});

describe('median pruner in a study', () => {
  it('prunes curves worse than the median of completed trials at the same step, after startup and warm-up', () => {
    const s = new Study({
      space: { x: { kind: 'float', low: 0, high: 1 } },
      seed: 4,
      pruner: createMedianPruner({ nStartupTrials: 3, nWarmupSteps: 2 }),
    });
    optimize(
      s,
      (t) => {
        const x = t.params.x as number;
        for (let step = 0; step < 6; step++) {
          t.report(step, x + 1 / (step + 1));
          if (t.shouldPrune()) throw new TrialPruned();
        }
        return x;
      },
      { nTrials: 40 },
    );
    const trials = s.trials;
    expect(trials.slice(0, 3).every((t) => t.state === 'complete')).toBe(true);
    const pruned = trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(5);
    for (const t of pruned) expect(Math.max(...t.intermediateValues.keys())).toBeGreaterThanOrEqual(2);
    console.log(`median pruner: ${pruned.length} of 40 trials pruned`);
  });
});
