import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng.js';
import { lossByName, medianInPlace, sigmoid } from './losses.js';
import type { LossName } from './losses.js';

const N = 40;
const rng = createRng(5);
const yReg = Float64Array.from({ length: N }, () => rng.normal() * 3);
const yBin = Float64Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : 0));
const yCls = Float64Array.from({ length: N }, (_, i) => i % 3);

const cases: [LossName, Float64Array, number][] = [
  ['squared-error', yReg, 1],
  ['absolute-error', yReg, 1],
  ['huber', yReg, 1],
  ['log-loss', yBin, 1],
  ['softmax', yCls, 3],
];

describe('loss gradients', () => {
  it.each(cases)('%s: gradient = d(total loss)/dF by central differences', (name, y, K) => {
    const loss = lossByName(name, 0.8, K);
    const f = Float64Array.from({ length: N * K }, () => rng.normal() * 2);
    const grad = new Float64Array(N * K);
    const hess = new Float64Array(N * K);
    loss.gradients(y, f, N, grad, hess);
    const eps = 1e-6;
    for (let c = 0; c < N * K; c += 7) {
      const fp = f.slice();
      const fm = f.slice();
      fp[c]! += eps;
      fm[c]! -= eps;
      const numeric = ((loss.evaluate(y, fp, N) - loss.evaluate(y, fm, N)) * N) / (2 * eps);
      expect(grad[c]).toBeCloseTo(numeric, 5);
      // A constant hessian is declared, not written.
      if (loss.constHess > 0) expect(hess[c]).toBe(0);
      else expect(hess[c]).toBeGreaterThan(0);
    }
  });

  it('log-loss hessian is p(1 − p); softmax uses K/(K − 1)·p(1 − p)', () => {
    const f = Float64Array.of(0.3);
    const g = new Float64Array(1);
    const h = new Float64Array(1);
    lossByName('log-loss', 1, 1).gradients(Float64Array.of(1), f, 1, g, h);
    const q = sigmoid(0.3);
    expect(g[0]).toBeCloseTo(q - 1, 15);
    expect(h[0]).toBeCloseTo(q * (1 - q), 15);
    const f3 = Float64Array.of(0.1, -0.2, 0.5);
    const g3 = new Float64Array(3);
    const h3 = new Float64Array(3);
    lossByName('softmax', 1, 3).gradients(Float64Array.of(2), f3, 1, g3, h3);
    const e = [...f3].map(Math.exp);
    const s = e[0]! + e[1]! + e[2]!;
    expect(g3[2]).toBeCloseTo(e[2]! / s - 1, 14);
    expect(h3[0]).toBeCloseTo(1.5 * (e[0]! / s) * (1 - e[0]! / s), 14);
  });
});

describe('base scores', () => {
  it('mean, median, log-odds and centred log priors', () => {
    const y = Float64Array.of(1, 2, 10, 3);
    expect(lossByName('squared-error', 1, 1).baseScore(y, 4)[0]).toBe(4);
    expect(lossByName('absolute-error', 1, 1).baseScore(y, 4)[0]).toBe(2.5);
    expect(lossByName('huber', 1, 1).baseScore(y, 4)[0]).toBe(2.5);
    expect(lossByName('log-loss', 1, 1).baseScore(Float64Array.of(1, 0, 0, 0), 4)[0]).toBeCloseTo(
      Math.log(1 / 3),
      15,
    );
    const pri = lossByName('softmax', 1, 2).baseScore(Float64Array.of(0, 1, 1, 1), 4);
    expect(pri[1]! - pri[0]!).toBeCloseTo(Math.log(3), 14);
    expect(pri[0]! + pri[1]!).toBeCloseTo(0, 15);
  });

  it('medianInPlace handles odd, even and empty', () => {
    expect(medianInPlace(Float64Array.of(3, 1, 2), 3)).toBe(2);
    expect(medianInPlace(Float64Array.of(4, 1, 3, 2), 4)).toBe(2.5);
    expect(medianInPlace(new Float64Array(0), 0)).toBeNaN();
  });
});

describe('target checks', () => {
  it('name the first bad row', () => {
    expect(() => lossByName('squared-error', 1, 1).checkTarget(Float64Array.of(1, Number.NaN), 2)).toThrow(
      /y\[1\] is NaN/,
    );
    expect(() => lossByName('log-loss', 1, 1).checkTarget(Float64Array.of(0, 2), 2)).toThrow(/y\[1\] is 2/);
    expect(() => lossByName('log-loss', 1, 1).checkTarget(Float64Array.of(1, 1), 2)).toThrow(
      /both classes.*every label is 1/,
    );
    expect(() => lossByName('softmax', 1, 3).checkTarget(Float64Array.of(0, 2, 2), 3)).toThrow(/class 1/);
    expect(() => lossByName('softmax', 1, 3).checkTarget(Float64Array.of(0, 1.5, 2), 3)).toThrow(
      /integer class/,
    );
    expect(() => lossByName('huber', 0, 1)).toThrow(/huberDelta/);
  });
});
