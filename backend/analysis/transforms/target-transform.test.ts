import { describe, expect, it } from 'vitest';
import { loadTransformReference } from '../__fixtures__/transform-reference.js';
import { createRng } from '../random/rng.js';
import { brentMinimize } from './brent.js';
import {
  AUTO_TRANSFORM_CANDIDATES,
  boxCoxLambda,
  boxCoxLogLikelihood,
  chooseTransform,
  fitTransform,
  makeTransform,
  positiveShift,
  skewness,
  TRANSFORM_NAMES,
  yeoJohnsonLambda,
  yeoJohnsonLogLikelihood,
  type FittedTransform,
} from './target-transform.js';

const ref = loadTransformReference();

/** |a − b| / max(1, |a|, |b|): relative for large values, absolute near zero (STYLE.md §5). */
function scaledError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

function maxScaledError(a: Float64Array, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, scaledError(a[i]!, b[i]!));
  return m;
}

/** Round-trip error relative to max(1, |y| + shift): the shift's own rounding is the floor. */
function roundTrip(t: FittedTransform, y: Float64Array): number {
  const back = t.inverse(t.forward(y));
  let m = 0;
  for (let i = 0; i < y.length; i++)
    m = Math.max(m, Math.abs(back[i]! - y[i]!) / Math.max(1, Math.abs(y[i]!) + t.shift));
  return m;
}

/*
 * Tolerances against scipy (see the glossary in target-transform.ts): the profile likelihood is flat at its
 * maximum, so two correct Brent runs whose log/pow differ by an ulp can stop ~1e-7 apart. So:
 *  - λ: |ours − scipy| ≤ 1e-6 · max(1, |λ|) (relative, absolute below |λ| = 1 where λ ≈ 0 has no relative scale);
 *    and |ours − true| ≤ 2e-6 · |true|, the true maximiser computed by mpmath (scipy's own gamma_200 Yeo-Johnson
 *    λ misses that by 2e-5 relative; ours by 1.1e-6);
 *  - optimality: our λ's log-likelihood is at least scipy's λ's (both by our llf), to 1e-13 relative;
 *  - our llf at scipy's λ equals scipy's recorded llf to 1e-13 relative;
 *  - transformed values at scipy's λ: 1e-9 scaled (they agree to ~1e-15); at our own λ: within what the λ
 *    difference allows (≤ 2e-6 scaled on these data sets);
 *  - inverse(forward(y)) = y to 1e-12, relative to max(1, |y| + shift).
 */
describe('Box-Cox and Yeo-Johnson against scipy.stats (' + JSON.stringify(ref.versions) + ')', () => {
  it.each(ref.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const y = Float64Array.from(c.y);
    const yCopy = y.slice();
    const shifted = y.map((v) => v + c.box_cox.shift);

    const bc = fitTransform('box_cox', y);
    expect(bc.shift).toBe(c.box_cox.shift);
    const bcRef = c.box_cox.lambda;
    expect(Math.abs(bc.lambda! - bcRef)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(bcRef)));
    expect(Math.abs(bc.lambda! - c.box_cox.mp_lambda)).toBeLessThanOrEqual(
      2e-6 * Math.abs(c.box_cox.mp_lambda),
    );
    const bcLlf = boxCoxLogLikelihood(bc.lambda!, shifted);
    const bcLlfRef = boxCoxLogLikelihood(bcRef, shifted);
    expect(bcLlf).toBeGreaterThanOrEqual(bcLlfRef - 1e-13 * Math.abs(bcLlfRef));
    expect(scaledError(bcLlfRef, c.box_cox.llf_at_lambda)).toBeLessThan(1e-13);
    expect(
      maxScaledError(makeTransform('box_cox', bcRef, bc.shift).forward(y), c.box_cox.values),
    ).toBeLessThan(1e-9);
    expect(maxScaledError(bc.forward(y), c.box_cox.values)).toBeLessThan(2e-6);
    expect(roundTrip(bc, y)).toBeLessThan(1e-12);

    const yj = fitTransform('yeo_johnson', y);
    expect(yj.shift).toBe(0);
    const yjRef = c.yeo_johnson.lambda;
    expect(Math.abs(yj.lambda! - yjRef)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(yjRef)));
    const yjTrue = c.yeo_johnson.mp_lambda;
    expect(Math.abs(yj.lambda! - yjTrue)).toBeLessThanOrEqual(2e-6 * Math.abs(yjTrue));
    const yjLlf = yeoJohnsonLogLikelihood(yj.lambda!, y);
    const yjLlfRef = yeoJohnsonLogLikelihood(yjRef, y);
    expect(yjLlf).toBeGreaterThanOrEqual(yjLlfRef - 1e-13 * Math.abs(yjLlfRef));
    expect(scaledError(yjLlfRef, c.yeo_johnson.llf_at_lambda)).toBeLessThan(1e-13);
    expect(
      maxScaledError(makeTransform('yeo_johnson', yjRef, 0).forward(y), c.yeo_johnson.values),
    ).toBeLessThan(1e-9);
    expect(maxScaledError(yj.forward(y), c.yeo_johnson.values)).toBeLessThan(2e-6);
    expect(roundTrip(yj, y)).toBeLessThan(1e-12);

    expect(scaledError(skewness(y), c.skew)).toBeLessThan(1e-12);
    expect(y).toEqual(yCopy); // not mutated
  });

  it('boxCoxLambda rejects non-positive and constant data; yeoJohnsonLambda rejects constant data', () => {
    expect(() => boxCoxLambda(Float64Array.from([1, 2, 0]))).toThrow(RangeError);
    expect(() => boxCoxLambda(Float64Array.from([1, 2, -1]))).toThrow(RangeError);
    expect(() => boxCoxLambda(Float64Array.from([3, 3, 3]))).toThrow(RangeError);
    expect(() => yeoJohnsonLambda(Float64Array.from([-2, -2]))).toThrow(RangeError);
    expect(() => fitTransform('box_cox', new Float64Array(0))).toThrow(RangeError);
    expect(() => fitTransform('log', Float64Array.from([1, Number.NaN]))).toThrow(RangeError);
    expect(() => fitTransform('sqrt', Float64Array.from([1, Number.POSITIVE_INFINITY]))).toThrow(RangeError);
  });
});

describe('brentMinimize (scipy.optimize.brent port)', () => {
  it('finds the minimum of a parabola from scipy docs examples', () => {
    // scipy: optimize.brent(lambda x: x**2, brack=(1, 2)) == 0.0
    expect(brentMinimize((x) => x * x, [1, 2]).x).toBe(0);
    const r = brentMinimize((x) => (x - 3.5) ** 2 + 1, [-2, 2]);
    expect(Math.abs(r.x - 3.5)).toBeLessThan(1e-7);
    expect(r.fx).toBeCloseTo(1, 12);
  });
});

describe('shift rule and simple transforms', () => {
  const positive = Float64Array.from([0.5, 1, 2, 10, 100]);
  const withZero = Float64Array.from([0, 1, 2, 10]);
  const withNegative = Float64Array.from([-3.5, -1, 0, 2.25, 7]);

  it('positiveShift is 1 − min(y) when min(y) ≤ 0, else 0', () => {
    expect(positiveShift(positive)).toBe(0);
    expect(positiveShift(withZero)).toBe(1);
    expect(positiveShift(withNegative)).toBe(4.5);
    expect(positiveShift(Float64Array.from([-0, 3]))).toBe(1);
  });

  it('log, log10 and sqrt apply the shift and invert exactly', () => {
    for (const y of [positive, withZero, withNegative]) {
      for (const name of ['log', 'log10', 'sqrt'] as const) {
        const t = fitTransform(name, y);
        expect(t.lambda).toBeNull();
        expect(t.shift).toBe(positiveShift(y));
        const z = t.forward(y);
        const f = { log: Math.log, log10: Math.log10, sqrt: Math.sqrt }[name];
        for (let i = 0; i < y.length; i++) expect(z[i]).toBe(f(y[i]! + t.shift));
        expect(roundTrip(t, y)).toBeLessThan(1e-12);
      }
    }
  });

  it("'none' is the identity and reports no λ or shift", () => {
    const t = fitTransform('none', withNegative);
    expect(t).toMatchObject({ name: 'none', lambda: null, shift: 0 });
    expect(t.forward(withNegative)).toEqual(withNegative);
    expect(t.inverse(withNegative)).toEqual(withNegative);
  });

  it('forward gives NaN outside the domain; inverse returns the limits outside the range', () => {
    const log = makeTransform('log', null, 0);
    expect(log.forward(Float64Array.from([0, -1]))).toEqual(Float64Array.from([Number.NaN, Number.NaN]));
    const sqrt = makeTransform('sqrt', null, 2);
    expect(Array.from(sqrt.inverse(Float64Array.from([-1, 0, 3])))).toEqual([-2, -2, 7]);
    const bcPos = makeTransform('box_cox', 0.5, 1); // z ≤ −1/λ = −2 is below the range: y + shift → 0
    expect(Array.from(bcPos.inverse(Float64Array.from([-2, -5])))).toEqual([-1, -1]);
    const bcNeg = makeTransform('box_cox', -0.5, 0); // z ≥ 2 is above the range: y → +∞
    expect(Array.from(bcNeg.inverse(Float64Array.from([2, 3])))).toEqual([Infinity, Infinity]);
    const yjNeg = makeTransform('yeo_johnson', -1, 0); // z ≥ 1 above the range
    expect(yjNeg.inverse(Float64Array.from([1]))[0]).toBe(Infinity);
    const yjBig = makeTransform('yeo_johnson', 3, 0); // z ≤ −1 below the range
    expect(yjBig.inverse(Float64Array.from([-1]))[0]).toBe(-Infinity);
  });

  it('writes into a caller-supplied out and checks its length', () => {
    const t = makeTransform('log', null, 0);
    const out = new Float64Array(positive.length);
    expect(t.forward(positive, out)).toBe(out);
    expect(() => t.forward(positive, new Float64Array(2))).toThrow(RangeError);
  });
});

/*
 * Round trips over the special λ (0 and 2 switch formulas) and ±0. The data stay within a few units: for large
 * |λ·log(1 + |y|)| the transform saturates (y = 3000 at λ = −3 maps to 1/3 − 1e-11) and no inverse can recover
 * more digits than the forward kept.
 */
describe('Yeo-Johnson and Box-Cox inverses, including the special λ (0, 2) and ±0', () => {
  const rng = createRng(2026);
  const y = new Float64Array(400);
  for (let i = 0; i < y.length; i++) y[i] = rng.normal() * 2 ** (rng.int(4) - 2);
  y[0] = 0;
  y[1] = -0;
  it.each([-3, -1, -0.5, 0, 1e-20, 0.3, 1, 1.7, 2, 2 + 1e-17, 2.5, 4])('yeo_johnson λ = %d', (lambda) => {
    const t = makeTransform('yeo_johnson', lambda, 0);
    expect(roundTrip(t, y)).toBeLessThan(1e-12);
    const z = t.forward(y);
    // Sign is preserved and ±0 maps to 0.
    for (let i = 0; i < y.length; i++) expect(Math.sign(z[i]!) === Math.sign(y[i]!) || z[i] === 0).toBe(true);
  });
  it.each([-3, -1, -0.25, 0, 1e-20, 0.5, 1, 2, 3])('box_cox λ = %d (shift applied)', (lambda) => {
    const t = makeTransform('box_cox', lambda, positiveShift(y));
    expect(roundTrip(t, y)).toBeLessThan(1e-12);
  });
});

describe('chooseTransform (auto)', () => {
  const cases = ref.cases;
  it('prefers none for near-symmetric data (within the tolerance)', () => {
    const c = cases.find((k) => k.name === 'near_symmetric_40')!;
    const choice = chooseTransform(Float64Array.from(c.y));
    expect(choice.transform.name).toBe('none');
    expect(choice.scores.map((s) => s.name)).toEqual([...AUTO_TRANSFORM_CANDIDATES]);
  });

  it('picks the candidate with the smallest |skewness| for skewed data, and that is what it fitted', () => {
    const c = cases.find((k) => k.name === 'lognormal_50')!;
    const y = Float64Array.from(c.y);
    const choice = chooseTransform(y);
    expect(choice.transform.name).not.toBe('none');
    const min = Math.min(...choice.scores.map((s) => s.absSkewness));
    const chosen = choice.scores.find((s) => s.name === choice.transform.name)!;
    expect(chosen.absSkewness).toBe(min);
    expect(Math.abs(skewness(choice.transform.forward(y)))).toBe(min);
    // Restricting the candidates restricts the choice.
    expect(chooseTransform(y, ['none', 'sqrt']).transform.name).toBe('sqrt');
  });

  it("skips candidates that cannot be fitted and falls back to 'none' on constant y", () => {
    const constant = Float64Array.from([4, 4, 4, 4]);
    const choice = chooseTransform(constant);
    expect(choice.transform.name).toBe('none');
    expect(choice.scores.every((s) => Number.isNaN(s.absSkewness))).toBe(true);
    expect(chooseTransform(constant, ['box_cox']).transform.name).toBe('none');
  });

  it('every transform name can be fitted on data with negatives', () => {
    const y = Float64Array.from(cases.find((k) => k.name === 'with_negatives_60')!.y);
    for (const name of TRANSFORM_NAMES) {
      const t = fitTransform(name, y);
      expect(t.name).toBe(name);
      expect(roundTrip(t, y)).toBeLessThan(1e-12);
    }
  });
});
