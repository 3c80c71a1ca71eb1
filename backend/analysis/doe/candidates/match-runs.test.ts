import { describe, expect, it } from 'vitest';
import { candidateSetFromColumns, type CandidateFactor } from './candidate-set.js';
import { generateGrid } from './generate-grid.js';
import { matchRuns } from './match-runs.js';

describe('matchRuns', () => {
  const grid = generateGrid({
    factors: [
      { name: 'x', min: 0.1, max: 0.5, step: 0.1 },
      { name: 'y', levels: [1000, 2000, 3000] },
      { name: 'm', type: 'categorical', levels: ['SUS', 'AL'] },
    ],
    oneHotGroups: [['A11', 'A13']],
  });

  it('matches within relative 1e-6 / absolute 1e-9 and exactly on categorical factors', () => {
    const runs = [
      Int32Array.of(0, 1, 1, 0, 1, 0), // one-hot member index
      Float64Array.of(0.30000000000000004, 0.1 + 1e-10, 0.2, 0.4, 0.5, 0.3),
      Float64Array.of(2000.0015, 1000, 3000, 2000, 3000.01, 2000),
      Int32Array.of(1, 0, 1, -1, 0, 0),
    ];
    const m = matchRuns(grid.set, runs, 6);
    const expectIndex = (a: number, x: number, y: number, mat: number) => a * 30 + x * 6 + y * 2 + mat;
    expect([...m]).toEqual([
      expectIndex(0, 2, 1, 1), // 2000.0015 is within 1e-6 relative of 2000
      expectIndex(1, 0, 0, 0), // absolute 1e-10 off
      expectIndex(1, 1, 2, 1),
      -1, // unknown level
      -1, // 3000.01 is 3.3e-6 relative off
      expectIndex(0, 2, 1, 0),
    ]);
  });

  it('handles NaN, values outside the grid, and no runs', () => {
    const runs = [
      Int32Array.of(0, 0),
      Float64Array.of(Number.NaN, 0.6),
      Float64Array.of(1000, 1000),
      Int32Array.of(0, 0),
    ];
    expect([...matchRuns(grid.set, runs, 2)]).toEqual([-1, -1]);
    expect(
      matchRuns(
        grid.set,
        [new Int32Array(0), new Float64Array(0), new Float64Array(0), new Int32Array(0)],
        0,
      ),
    ).toHaveLength(0);
  });

  it('matches 10,000 runs against 100,000 candidates by hash (no E·N loop)', () => {
    const big = generateGrid({
      factors: Array.from({ length: 5 }, (_, j) => ({
        name: `f${j}`,
        min: 0,
        max: 9 * (j + 1),
        step: j + 1,
      })),
    });
    expect(big.set.count).toBe(100_000);
    const E = 10_000;
    const runs = big.set.factors.map(() => new Float64Array(E));
    for (let r = 0; r < E; r++) {
      for (let j = 0; j < 5; j++) runs[j]![r] = ((r * (j + 3)) % 10) * (j + 1) * (1 + 1e-8);
    }
    const m = matchRuns(big.set, runs, E);
    for (let r = 0; r < E; r++) {
      let expected = 0;
      for (let j = 0; j < 5; j++) expected = expected * 10 + ((r * (j + 3)) % 10);
      expect(m[r]).toBe(expected);
    }
  }, 30_000);

  it('first of duplicate candidates wins; clusters merge values closer than the tolerance', () => {
    const factors: CandidateFactor[] = [{ kind: 'numeric', name: 'x' }];
    const set = candidateSetFromColumns(factors, [Float64Array.of(1, 2, 2, 1 + 1e-12)], 4, 3);
    expect([...matchRuns(set, [Float64Array.of(2, 1, 1 + 5e-10, 3)], 4)]).toEqual([1, 0, 0, -1]);
  });
});
