/** Test helper: typed access to doe-reference.json (exact optima of small design problems, enumerated by generate-doe-reference.py), and the same polynomial model builder the script uses. */
import reference from './doe-reference.json' with { type: 'json' };

export type PolynomialModel = 'linear' | 'interactions' | 'quadratic';

export interface DoeOptimum {
  value: number;
  /** One optimal design: ascending candidate indices. */
  design: number[];
}

export interface DoeProblem {
  name: string;
  model: PolynomialModel;
  terms: string[];
  points: number[][];
  fixed: number[][];
  n_new: number;
  designs: number;
  nonsingular: number;
  optimum: { D: DoeOptimum; A: DoeOptimum; I: DoeOptimum };
}

export const DOE_REFERENCE = reference as unknown as { generator: string; numpy: string; problems: DoeProblem[] };

export function doeProblem(name: string): DoeProblem {
  const found = DOE_REFERENCE.problems.find((p) => p.name === name);
  if (found === undefined) throw new Error(`doe-reference.json has no problem ${name}`);
  return found;
}

/** One model row, in the script's column order: intercept, main effects, a:b (a < b), squares. */
export function polynomialRow(x: ArrayLike<number>, model: PolynomialModel): number[] {
  const k = x.length;
  const row = [1];
  for (let a = 0; a < k; a++) row.push(x[a]!);
  if (model !== 'linear') for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) row.push(x[a]! * x[b]!);
  if (model === 'quadratic') for (let a = 0; a < k; a++) row.push(x[a]! ** 2);
  return row;
}

/** Column-major model matrix of `points` and its number of columns. */
export function polynomialMatrix(points: readonly ArrayLike<number>[], model: PolynomialModel): { x: Float64Array; p: number } {
  const rows = points.map((pt) => polynomialRow(pt, model));
  const n = rows.length;
  const p = rows[0]?.length ?? polynomialRow(new Float64Array(0), model).length;
  const x = new Float64Array(n * p);
  rows.forEach((r, i) => r.forEach((v, j) => (x[j * n + i] = v)));
  return { x, p };
}

/** Every point of the grid levels^k, last factor varying fastest (itertools.product order). */
export function gridPoints(levels: readonly number[], k: number): number[][] {
  let out: number[][] = [[]];
  for (let f = 0; f < k; f++) out = out.flatMap((pt) => levels.map((l) => [...pt, l]));
  return out;
}
