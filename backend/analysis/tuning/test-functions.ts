/**
 * Standard optimisation test functions with known minima, so the sampler can be compared with random search
 * (and with Optuna) on problems whose difficulty is well documented (Surjanovic & Bingham, "Virtual Library of
 * Simulation Experiments"). Used by tests and benchmarks only.
 */
import type { Params, SearchSpace } from './search-space.js';

export interface TestFunction {
  name: string;
  space: SearchSpace;
  /** Global minimum value. */
  minimum: number;
  evaluate(params: Readonly<Params>): number;
}

/** Branin–Hoo on [−5, 10] × [0, 15]: three global minima of 0.397887 (5/(4π) + …). */
export const branin: TestFunction = {
  name: 'branin',
  space: { x1: { kind: 'float', low: -5, high: 10 }, x2: { kind: 'float', low: 0, high: 15 } },
  minimum: 0.39788735772973816,
  evaluate(p) {
    const x1 = p.x1 as number;
    const x2 = p.x2 as number;
    const b = 5.1 / (4 * Math.PI * Math.PI);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};

const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

/** Hartmann 6-D on [0, 1]⁶: global minimum −3.32237 at (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573). */
export const hartmann6: TestFunction = {
  name: 'hartmann6',
  space: Object.fromEntries(
    Array.from({ length: 6 }, (_, j) => [`x${j}`, { kind: 'float', low: 0, high: 1 }]),
  ),
  minimum: -3.3223680114155147,
  evaluate(p) {
    let s = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 6; j++) inner += H6_A[i]![j]! * ((p[`x${j}`] as number) - H6_P[i]![j]!) ** 2;
      s += H6_ALPHA[i]! * Math.exp(-inner);
    }
    return -s;
  },
};

const MIXED_OFFSET: Record<string, number> = {
  rbf: 0,
  matern12: 1.5,
  matern32: 0.6,
  matern52: 0.3,
  linear: 3,
};
const MIXED_SHIFT: Record<string, number> = { rbf: 1.2, matern12: -2, matern32: 0.5, matern52: 0, linear: 3 };

/**
 * A mixed space shaped like a model search space: a categorical "kernel" (5 choices) that shifts the optimum
 * of a continuous x and adds an offset, a log-scaled float (optimum at 1e-2, of 1e-5..1e2), a log-scaled int
 * (optimum 40 of 1..1000), a stepped float and a boolean. Minimum 0 at kernel 'rbf', x = 1.2, lr = 0.01,
 * n = 40, frac = 0.7, flag true.
 */
export const mixedCategorical: TestFunction = {
  name: 'mixed-categorical',
  space: {
    kernel: { kind: 'categorical', choices: ['rbf', 'matern12', 'matern32', 'matern52', 'linear'] },
    x: { kind: 'float', low: -5, high: 5 },
    lr: { kind: 'float', low: 1e-5, high: 100, log: true },
    n: { kind: 'int', low: 1, high: 1000, log: true },
    frac: { kind: 'float', low: 0.1, high: 1, step: 0.05 },
    flag: { kind: 'categorical', choices: [true, false] },
  },
  minimum: 0,
  evaluate(p) {
    const k = p.kernel as string;
    return (
      MIXED_OFFSET[k]! +
      0.5 * ((p.x as number) - MIXED_SHIFT[k]!) ** 2 +
      0.3 * Math.log10((p.lr as number) / 1e-2) ** 2 +
      0.5 * Math.log((p.n as number) / 40) ** 2 +
      4 * ((p.frac as number) - 0.7) ** 2 +
      (p.flag ? 0 : 0.8)
    );
  },
};
