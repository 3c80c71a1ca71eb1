import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { analyseFront, ParetoInputError } from './analyse-front.js';
import { bruteForceRanks } from './brute-force.testing.js';

const base = { maxPlotPoints: 50, hypervolumeSamples: 2000, seed: 1 };

describe('analyseFront', () => {
  it('mixed minimise/maximise ranks equal the brute force on negated columns; NaN rows are excluded', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rng = createRng(seed);
      const n = 150;
      const m = 2 + (seed % 4);
      const maximise = Array.from({ length: m }, (_, j) => (j + seed) % 2 === 0);
      const columns = Array.from({ length: m }, () => Float64Array.from({ length: n }, () => rng.int(6)));
      columns[seed % m]![seed % n] = Number.NaN;
      const a = analyseFront({ ...base, columns, maximise });
      expect(a.nExcluded).toBe(1);
      expect(a.excluded).toEqual([{ index: seed % n, objective: seed % m, reason: 'missing' }]);
      expect(a.rank[seed % n]).toBe(0);
      const valid = Array.from({ length: n }, (_, i) => i).filter((i) => i !== seed % n);
      const x = new Float64Array(valid.length * m);
      for (let j = 0; j < m; j++) {
        valid.forEach((i, k) => (x[j * valid.length + k] = (maximise[j] ? -1 : 1) * columns[j]![i]!));
      }
      const expected = bruteForceRanks(x, valid.length, m);
      expect(valid.map((i) => a.rank[i]! - 1)).toEqual([...expected]);
      expect(a.front.length).toBe(a.frontSizes[0]);
      expect(a.frontSizes.reduce((s, v) => s + v, 0)).toBe(n - 1);
    }
  });

  it('reports ideal, nadir and the default reference in the columns own directions', () => {
    const a = analyseFront({
      ...base,
      columns: [Float64Array.from([1, 2, 3, 4]), Float64Array.from([10, 20, 30, 5])],
      maximise: [false, true],
    });
    // Front: (1, 10), (2, 20), (3, 30) minimise f1 / maximise f2; (4, 5) is dominated.
    expect([...a.front]).toEqual([0, 1, 2]);
    expect(a.ideal).toEqual([1, 30]);
    expect(a.nadir).toEqual([3, 10]);
    expect(a.hypervolume.reference).toEqual([3.2, 8]);
    expect(a.hypervolume.source).toBe('default');
    // In minimised units: points (1,−10) (2,−20) (3,−30), reference (3.2, −8).
    expect(a.hypervolume.value).toBeCloseTo(2.2 * 2 + 1.2 * 10 + 0.2 * 10, 12);
    expect(a.knee).not.toBeNull();
  });

  it('thinning plots a subset of the front that keeps the knee and the lexicographic choice', () => {
    const n = 2000;
    const t = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    const a = analyseFront({
      ...base,
      columns: [t, Float64Array.from(t, (v) => 1 - v * v)],
      maximise: [false, false],
      lexicographic: [{ objective: 1, tolerance: 0.01 }],
    });
    expect(a.front.length).toBe(n);
    expect(a.plot.rows.length).toBeLessThanOrEqual(50);
    expect(a.plot.epsilon).toBeGreaterThan(0);
    const front = new Set(a.front);
    for (const r of a.plot.rows) expect(front.has(r)).toBe(true);
    expect([...a.plot.rows]).toContain(a.knee!.row);
    expect([...a.plot.rows]).toContain(a.lexicographic!.row);
  });

  it('refuses every row missing and a reference of the wrong length', () => {
    const nan = Float64Array.from([Number.NaN, 1]);
    expect(() =>
      analyseFront({ ...base, columns: [nan, Float64Array.from([1, Number.NaN])], maximise: [false, false] }),
    ).toThrow(ParetoInputError);
    expect(() =>
      analyseFront({
        ...base,
        columns: [Float64Array.from([1]), Float64Array.from([2])],
        maximise: [false, false],
        reference: [1, 2, 3],
      }),
    ).toThrow(/3 values for 2 objectives/);
  });
});
