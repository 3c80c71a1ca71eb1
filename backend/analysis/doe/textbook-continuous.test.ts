/**
 * Cross-check against the tabulated continuous D-optimum designs for the second-order model on the 3ᵏ grid
 * (Farrell, Kiefer & Walbran 1967; tabulated in Atkinson, Donev & Tobias, *Optimum Experimental Designs*, ch. 11):
 * for k = 2 the optimum puts weight 0.1458 on each corner, 0.0802 on each edge midpoint and 0.096 on the centre.
 *
 * Two independent facts are used. (1) The General Equivalence Theorem: ξ* is D-optimal iff max_x d(x, ξ*) = p,
 * where d(x, ξ) = f(x)ᵀ M(ξ)⁻¹ f(x); so the published weights can be certified here without trusting our exchange.
 * (2) Every exact N-run design ξ_N satisfies det M(ξ_N) ≤ det M(ξ*), and good exact designs approach the bound as
 * N grows. So the exchange must never beat ξ* (that would be a bug) and must come within a fraction of a percent.
 */
import { describe, expect, it } from 'vitest';
import { gridPoints, polynomialMatrix } from '../__fixtures__/doe-reference.js';
import { optimalDesign } from './exchange.js';
import { invertSpd } from './information-matrix.js';

/** M(w) = Σ w_c f(x_c) f(x_c)ᵀ, row-major p×p, from the column-major n×p candidate matrix. */
function weightedInformation(x: Float64Array, n: number, p: number, w: ArrayLike<number>): Float64Array {
  const m = new Float64Array(p * p);
  for (let c = 0; c < n; c++) {
    const wc = w[c]!;
    if (wc === 0) continue;
    for (let a = 0; a < p; a++) {
      const fa = x[a * n + c]! * wc;
      for (let b = 0; b < p; b++) m[a * p + b]! += fa * x[b * n + c]!;
    }
  }
  return m;
}

/** ln det M(w) and the variance function d(x_c) = f(x_c)ᵀ M⁻¹ f(x_c) at every candidate. */
function varianceFunction(x: Float64Array, n: number, p: number, w: ArrayLike<number>) {
  const inv = new Float64Array(p * p);
  const logDet = invertSpd(weightedInformation(x, n, p, w), p, inv);
  if (logDet === null) throw new Error('singular information matrix');
  const d = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let s = 0;
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) s += x[a * n + c]! * inv[a * p + b]! * x[b * n + c]!;
    d[c] = s;
  }
  return { logDet, d };
}

/** Titterington's multiplicative algorithm, w ← w·d/p, run until the equivalence theorem certifies the optimum. */
function continuousOptimum(x: Float64Array, n: number, p: number) {
  let w = new Float64Array(n).fill(1 / n);
  for (let iter = 0; iter < 200_000; iter++) {
    const { d } = varianceFunction(x, n, p, w);
    if (Math.max(...d) <= p * (1 + 1e-9)) break;
    w = w.map((wc, c) => (wc * d[c]!) / p);
  }
  return w;
}

/**
 * ln det of (XᵀX)/N for the N runs chosen by the exchange, and the runs per grid point. Replicates are allowed by
 * listing every grid point N times (the exchange picks distinct candidate rows).
 */
function exactLogDetPerRun(x: Float64Array, n: number, p: number, runs: number, seed: number) {
  const copies = new Float64Array(n * runs * p);
  for (let j = 0; j < p; j++)
    for (let r = 0; r < runs; r++) copies.set(x.subarray(j * n, (j + 1) * n), j * n * runs + r * n);
  const sol = optimalDesign({
    candidates: copies,
    nCandidates: n * runs,
    p,
    fixed: new Float64Array(0),
    nFixed: 0,
    nNew: runs,
    criterion: 'D',
    nStarts: 10,
    seed,
  });
  const counts = new Int32Array(n);
  for (const j of sol.selected) counts[j % n]!++;
  return { logDet: sol.logDet! - p * Math.log(runs), counts };
}

const kind = (pt: readonly number[]) => pt.filter((v) => v !== 0).length; // 0 centre, k vertex

describe('tabulated continuous D-optimum designs on the 3ᵏ grid (second-order model)', () => {
  it('k = 2: the published weights satisfy the equivalence theorem, and exact designs approach them', () => {
    const pts = gridPoints([-1, 0, 1], 2);
    const { x, p } = polynomialMatrix(pts, 'quadratic');
    const published = pts.map((pt) => [0.096, 0.0802, 0.1458][kind(pt)]!);
    expect(published.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    const star = varianceFunction(x, pts.length, p, published);
    const maxD = Math.max(...star.d);
    // Four-digit weights: max d sits within 0.1 % of p = 6 (it is exactly p at the unrounded optimum).
    expect(maxD).toBeGreaterThanOrEqual(p);
    expect(maxD).toBeLessThan(p * 1.001);
    const solved = continuousOptimum(x, pts.length, p);
    // Agreement to the published precision: four decimals for corners and edges, three for the centre (0.096).
    const halfUnit = [5e-4, 5e-5, 5e-5];
    for (let c = 0; c < pts.length; c++)
      expect(Math.abs(solved[c]! - published[c]!)).toBeLessThanOrEqual(halfUnit[kind(pts[c]!)]!);
    console.log(
      `3^2 quadratic continuous optimum (multiplicative algorithm, certified max d = p): corner/edge/centre ` +
        [2, 1, 0].map((k) => solved[pts.findIndex((pt) => kind(pt) === k)]!.toFixed(6)).join('/') +
        ' vs published 0.1458/0.0802/0.096',
    );
    const bound = varianceFunction(x, pts.length, p, solved).logDet;

    for (const runs of [9, 30, 100]) {
      const exact = exactLogDetPerRun(x, pts.length, p, runs, runs);
      const efficiency = Math.exp((exact.logDet - bound) / p);
      console.log(
        `3^2 quadratic, N = ${runs}: D-efficiency vs the continuous optimum ${(100 * efficiency).toFixed(3)} %, ` +
          `runs at corners/edges/centre ${[2, 1, 0].map((k) => pts.reduce((s, pt, c) => s + (kind(pt) === k ? exact.counts[c]! : 0), 0)).join('/')}`,
      );
      expect(exact.logDet).toBeLessThanOrEqual(bound + 1e-12);
      if (runs === 100) {
        expect(efficiency).toBeGreaterThan(0.999);
        // N·w* = 14.58 per corner, 8.02 per edge midpoint, 9.6 at the centre: the exact optimum rounds them.
        pts.forEach((pt, c) => {
          const target = 100 * published[c]!;
          expect(Math.abs(exact.counts[c]! - target)).toBeLessThan(1);
        });
      }
    }
  });

  it('k = 3: exact designs never beat the certified continuous optimum and come within 0.5 % at N = 60', () => {
    const pts = gridPoints([-1, 0, 1], 3);
    const { x, p } = polynomialMatrix(pts, 'quadratic');
    const w = continuousOptimum(x, pts.length, p);
    const { logDet: bound, d } = varianceFunction(x, pts.length, p, w);
    expect(Math.max(...d)).toBeLessThanOrEqual(p * (1 + 1e-9));
    const byKind = [0, 1, 2, 3].map((k) => w.filter((_, c) => kind(pts[c]!) === k)[0]!);
    console.log(
      `3^3 quadratic continuous optimum: weight per centre/face-centre/edge-midpoint/vertex ` +
        byKind.map((v) => v.toFixed(4)).join('/'),
    );
    for (const runs of [10, 20, 60]) {
      const exact = exactLogDetPerRun(x, pts.length, p, runs, runs);
      const efficiency = Math.exp((exact.logDet - bound) / p);
      console.log(`3^3 quadratic, N = ${runs}: D-efficiency ${(100 * efficiency).toFixed(3)} %`);
      expect(exact.logDet).toBeLessThanOrEqual(bound + 1e-12);
      if (runs === 60) expect(efficiency).toBeGreaterThan(0.995);
    }
  });
});
