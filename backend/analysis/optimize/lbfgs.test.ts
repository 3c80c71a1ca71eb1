import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from './lbfgs.js';

/** Extended Rosenbrock: Σ 100 (x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})², minimum 0 at all ones. */
const rosenbrock: Objective = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i += 2) {
    const a = x[i]!;
    const b = x[i + 1]!;
    const t = b - a * a;
    f += 100 * t * t + (1 - a) * (1 - a);
    g[i] = -400 * a * t - 2 * (1 - a);
    g[i + 1] = 200 * t;
  }
  return f;
};

/** Separable quadratic Σ w_i (x_i − c_i)², w_i = i + 1, c_i = i − 2. */
const quadratic: Objective = (x, g) => {
  let f = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i]! - (i - 2);
    f += (i + 1) * r * r;
    g[i] = 2 * (i + 1) * r;
  }
  return f;
};

describe('minimizeLbfgs', () => {
  it('solves the 2-D Rosenbrock function from (−1.2, 1)', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { gtol: 1e-10, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
    expect(r.fx).toBeLessThan(1e-16);
    expect(r.iterations).toBeLessThan(100);
  });

  it('solves a 10-D extended Rosenbrock function', () => {
    const x0 = new Float64Array(10);
    for (let i = 0; i < 10; i += 2) {
      x0[i] = -1.2;
      x0[i + 1] = 1;
    }
    const r = minimizeLbfgs(rosenbrock, x0, { gtol: 1e-9, ftol: 0 });
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(Math.abs(v - 1)).toBeLessThan(1e-7);
  });

  it('finds the minimum of Rosenbrock on a box that excludes (1, 1): x₁ = 0.5 on its upper bound', () => {
    // With x₁ ≤ 0.5, the minimiser is x₁ = 0.5, x₂ = 0.25 (f = 0.25); the gradient in x₁ is −1 there (active).
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      lower: Float64Array.of(-2, -2),
      upper: Float64Array.of(0.5, 2),
      gtol: 1e-10,
    });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(0.5);
    expect(r.x[1]).toBeCloseTo(0.25, 9);
    expect(r.fx).toBeCloseTo(0.25, 12);
  });

  it('minimises an unconstrained quadratic to rounding level', () => {
    const r = minimizeLbfgs(quadratic, new Float64Array(6).fill(3), { gtol: 1e-12, ftol: 0 });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 6; i++) expect(Math.abs(r.x[i]! - (i - 2))).toBeLessThan(1e-10);
  });

  it('clips a bounded quadratic to the box (KKT: the active bounds have outward gradients)', () => {
    const lower = Float64Array.of(-1, -1, -1, -1, -1, -1);
    const upper = Float64Array.of(1, 1, 1, 1, 1, 0.5);
    const r = minimizeLbfgs(quadratic, new Float64Array(6), { lower, upper, gtol: 1e-12 });
    expect(r.converged).toBe(true);
    expect(Array.from(r.x)).toEqual([-1, -1, 0, 1, 1, 0.5].map((v, i) => (i === 2 ? r.x[2] : v)));
    expect(Math.abs(r.x[2]!)).toBeLessThan(1e-12);
    expect(r.projectedGradientNorm).toBeLessThan(1e-12);
  });

  it('keeps variables with equal bounds fixed and starts from a clipped x0', () => {
    const lower = Float64Array.of(0.5, -10, -10);
    const upper = Float64Array.of(0.5, 10, 10);
    const r = minimizeLbfgs(quadratic, Float64Array.of(7, 7, 7), { lower, upper, gtol: 1e-12, ftol: 0 });
    expect(r.x[0]).toBe(0.5);
    expect(Math.abs(r.x[1]! + 1)).toBeLessThan(1e-10);
    expect(Math.abs(r.x[2]!)).toBeLessThan(1e-10);
  });

  it('backs off from infinite values (a barrier at x < 0) instead of failing', () => {
    // f = x − log x on x > 0 (minimum at 1), +∞ elsewhere; a unit step from x = 3 overshoots into the barrier.
    const f: Objective = (x, g) => {
      const v = x[0]!;
      if (v <= 0) {
        g[0] = NaN;
        return Infinity;
      }
      g[0] = 1 - 1 / v;
      return v - Math.log(v);
    };
    const r = minimizeLbfgs(f, Float64Array.of(30), { gtol: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
  });

  it('reports a non-finite start and is deterministic', () => {
    const bad = minimizeLbfgs(() => Infinity, Float64Array.of(1));
    expect(bad.reason).toBe('non-finite');
    expect(bad.converged).toBe(false);
    const a = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1));
    const b = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.evaluations).toBe(b.evaluations);
  });

  it('stops at the iteration limit and checks its inputs and the abort signal', () => {
    const r = minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 3 });
    expect(r.reason).toBe('max-iterations');
    expect(r.iterations).toBe(3);
    expect(() => minimizeLbfgs(quadratic, Float64Array.of(NaN))).toThrow(/x0\[0\]/);
    expect(() =>
      minimizeLbfgs(quadratic, Float64Array.of(0), { lower: Float64Array.of(1), upper: Float64Array.of(0) }),
    ).toThrow(/lower/);
    const signal = {
      aborted: true,
      throwIfAborted: () => {
        throw new Error('aborted');
      },
    };
    expect(() => minimizeLbfgs(quadratic, Float64Array.of(0), { signal })).toThrow('aborted');
  });
});
