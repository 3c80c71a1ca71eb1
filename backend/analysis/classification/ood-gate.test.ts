import { describe, expect, it } from 'vitest';
import { columnMajor, loadClassificationReference } from '../__fixtures__/classification-reference.js';
import { createRng } from '../random/rng.js';
import { fitOodGate, oodGateFrom, reweightingConsistency } from './ood-gate.js';
import { fitMinCovDet } from './robust-covariance.js';

const ref = loadClassificationReference().mcd;
const flat = (m: number[][]) => Float64Array.from(m.flat());
const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return m;
};

describe('Minimum Covariance Determinant (FAST-MCD)', () => {
  it('matches scikit-learn MinCovDet: reweighted estimates to 1e-12 for every seed, raw optimum loosely', () => {
    const { x, n, p } = columnMajor(ref.x_rows);
    const rawLogDets: string[] = [];
    for (const seed of [0, 1, 2, 3]) {
      const mcd = fitMinCovDet(x, n, p, { seed });
      rawLogDets.push(mcd.rawLogDet.toFixed(6));
      // FAST-MCD is randomised: different starts may stop in different local minima of det over h-subsets whose
      // rows differ only at the edge of the inlier cloud. The objective must be close to scikit-learn's ...
      expect(Math.abs(mcd.rawLogDet - ref.raw_logdet)).toBeLessThan(0.01);
      // ... and the reweighted estimate, which the gate uses, is then the same set of rows and the same numbers.
      expect([...mcd.support]).toEqual(ref.support);
      expect(maxRel(mcd.location, ref.location)).toBeLessThan(1e-12);
      expect(maxRel(mcd.covariance, flat(ref.covariance))).toBeLessThan(1e-12);
      expect(maxRel(mcd.distances, ref.dist)).toBeLessThan(1e-10);
      for (let i = 0; i < n; i++) if (ref.outlier[i] === 1) expect(mcd.support[i]).toBe(0);
    }
    // Seed 1 reaches scikit-learn's h-subset: then the raw estimates agree to rounding as well.
    const same = fitMinCovDet(x, n, p, { seed: 1 });
    expect([...same.rawSupport]).toEqual(ref.raw_support);
    expect(Math.abs(same.rawLogDet - ref.raw_logdet)).toBeLessThan(1e-10);
    expect(maxRel(same.rawLocation, ref.raw_location)).toBeLessThan(1e-12);
    expect(maxRel(same.rawCovariance, flat(ref.raw_covariance))).toBeLessThan(1e-12);
    console.log(
      `MCD raw log det for seeds 0–3: ${rawLogDets.join(', ')} (scikit-learn ${ref.raw_logdet.toFixed(6)}); reweighted support ${ref.support.reduce((a, b) => a + b, 0)} of ${n} rows, identical`,
    );
  });

  it('uses the Croux–Haesbroeck factor c = P(χ²_{p+2} ≤ χ²_p(0.975))/0.975 for the reweighted covariance', () => {
    // scipy: chi2.cdf(chi2.ppf(0.975, p), p + 2) / 0.975 for p = 1 and 10.
    expect(reweightingConsistency(1)).toBeCloseTo(0.8512241920471104, 12);
    expect(reweightingConsistency(10)).toBeCloseTo(0.9656611822504876, 12);
  });

  it('is deterministic for a seed and handles p = 1 by the shortest half', () => {
    const { x, n, p } = columnMajor(ref.x_rows);
    expect(fitMinCovDet(x, n, p, { seed: 3 }).rawLogDet).toBe(fitMinCovDet(x, n, p, { seed: 3 }).rawLogDet);
    const one = Float64Array.from([1, 1.1, 0.9, 1.05, 0.95, 1.02, 50, 60, 1.01]);
    const m = fitMinCovDet(one, one.length, 1);
    expect(m.location[0]!).toBeGreaterThan(0.9);
    expect(m.location[0]!).toBeLessThan(1.1);
    expect(m.support[6]).toBe(0);
  });

  it('rejects singular cores and bad shapes with a clear message', () => {
    const n = 20;
    const x = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) x[i] = i; // second column constant
    expect(() => fitMinCovDet(x, n, 2)).toThrow(/singular/);
    expect(() => fitMinCovDet(new Float64Array(4), 2, 2)).toThrow(/n > p/);
  });
});

describe('out-of-distribution gate', () => {
  it('flags the planted outliers and about 1 % of Gaussian inliers, with scikit-learn distances', () => {
    const { x, n, p } = columnMajor(ref.x_rows);
    const gate = fitOodGate(x, n, p);
    const flags = gate.flags(x, n);
    let outliersFlagged = 0;
    let inliersFlagged = 0;
    for (let i = 0; i < n; i++) {
      if (ref.outlier[i] === 1) outliersFlagged += flags[i]!;
      else inliersFlagged += flags[i]!;
    }
    expect(outliersFlagged).toBe(30);
    expect(inliersFlagged).toBeLessThanOrEqual(6);
    const probe = columnMajor([
      [2, -1, 0.5],
      [9, 8, -6],
      [4, 3, 1],
    ]);
    const d = gate.distances(probe.x, 3);
    // scikit-learn's MinCovDet.mahalanobis uses the uncorrected reweighted covariance: d²_sklearn = d²_ours / c.
    const c = reweightingConsistency(3);
    expect(
      maxRel(
        Float64Array.from(d, (v) => (v * v) / c),
        ref.mahalanobis_new,
      ),
    ).toBeLessThan(1e-10);
    expect(gate.thresholdSquared).toBeCloseTo(11.344866730144373, 12); // scipy.stats.chi2.ppf(0.99, 3)
    const restored = oodGateFrom(
      Float64Array.from(gate.toJSON().location),
      Float64Array.from(gate.toJSON().covariance),
      0.99,
    );
    expect([...restored.flags(probe.x, 3)]).toEqual([...gate.flags(probe.x, 3)]);
    expect(gate.flags(Float64Array.from([Number.NaN, 0, 0]), 1)[0]).toBe(1);
  });

  it('keeps its false-alarm rate near 1 − quantile on fresh Gaussian rows', () => {
    const rng = createRng(9);
    const n = 400;
    const p = 4;
    const train = Float64Array.from({ length: n * p }, () => rng.normal());
    const gate = fitOodGate(train, n, p, { quantile: 0.99 });
    const m = 20000;
    const fresh = Float64Array.from({ length: m * p }, () => rng.normal());
    const rate = gate.flags(fresh, m).reduce((a, b) => a + b, 0) / m;
    console.log(
      `OOD gate: ${(100 * rate).toFixed(2)} % of fresh in-distribution rows flagged (nominal 1 %; the rest is the finite-sample spread of a 50 %-breakdown MCD at n = 400)`,
    );
    expect(rate).toBeGreaterThan(0.005);
    expect(rate).toBeLessThan(0.02);
  });
});
