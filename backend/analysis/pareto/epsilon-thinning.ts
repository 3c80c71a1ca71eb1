/**
 * Thins a large front for plotting only: a browser cannot draw a million-point front usefully, but the exported
 * table must keep every front row, so this returns which rows to plot and never touches the data itself.
 *
 * Method: ε-box thinning (after Laumanns, Thiele, Deb & Zitzler 2002, "Combining convergence and diversity in
 * evolutionary multiobjective optimization"). In the front normalised to [0, 1] per objective, each point falls
 * in the box ⌊x / ε⌋; one point per occupied box is kept, the one with the smallest sum of normalised values
 * (ties: lowest position). Every dropped point x then has a kept y in its box with y_j − ε < x_j for every j: it
 * is additively ε-dominated by a plotted point. ε is the smallest found (by bisection in log scale, to about 1 %)
 * whose kept count, plus the `mustKeep` points (extremes, knee, ...), is at most `maxPoints`.
 */

export interface Thinning {
  /** Positions kept, ascending. */
  kept: Int32Array;
  /** Normalised units; null when nothing had to be dropped. */
  epsilon: number | null;
}

const SAFE_KEY_SPAN = 2 ** 52;

/** Representatives of the ε-boxes of `x` (row-major s × m in [0, 1]) plus `mustKeep`, as a 0/1 mask. */
function boxMask(
  x: Float64Array,
  s: number,
  m: number,
  epsilon: number,
  mustKeep: readonly number[],
): Uint8Array {
  const span = Math.floor(1 / epsilon) + 1;
  const numeric = span ** m < SAFE_KEY_SPAN;
  const best = new Map<number | string, number>();
  const sums = new Float64Array(s);
  const cell = new Array<number>(m);
  for (let k = 0; k < s; k++) {
    let key = 0;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const v = x[k * m + j]!;
      sum += v;
      const b = Math.floor(v / epsilon);
      if (numeric) key = key * span + b;
      else cell[j] = b;
    }
    sums[k] = sum;
    const id = numeric ? key : cell.join(',');
    const held = best.get(id);
    if (held === undefined || sum < sums[held]!) best.set(id, k);
  }
  const mask = new Uint8Array(s);
  for (const k of best.values()) mask[k] = 1;
  for (const k of mustKeep) mask[k] = 1;
  return mask;
}

function countOf(mask: Uint8Array): number {
  let c = 0;
  for (let k = 0; k < mask.length; k++) c += mask[k]!;
  return c;
}

/**
 * Chooses at most `maxPoints` positions of the normalised front `x` (row-major s × m, from normaliseFront) to
 * plot, always including `mustKeep` (positions; at most maxPoints − 1 of them). Mutates nothing.
 */
export function thinFront(
  x: Float64Array,
  s: number,
  m: number,
  maxPoints: number,
  mustKeep: readonly number[] = [],
): Thinning {
  if (s <= maxPoints) return { kept: Int32Array.from({ length: s }, (_, k) => k), epsilon: null };
  const evaluate = (eps: number) => {
    const mask = boxMask(x, s, m, eps, mustKeep);
    return { mask, count: countOf(mask) };
  };
  // Bracket: lo too fine (too many points), hi coarse enough. A front of s points spread over an (m − 1)-dimensional
  // surface fills about (1/ε)^(m − 1) boxes, which gives the first guess.
  let hi = Math.min(2, Math.max(1e-9, maxPoints ** (-1 / Math.max(1, m - 1))));
  let atHi = evaluate(hi);
  while (atHi.count > maxPoints && hi < 2) {
    hi = Math.min(2, hi * 2);
    atHi = evaluate(hi);
  }
  let lo = hi / 2;
  let atLo = evaluate(lo);
  while (atLo.count <= maxPoints && lo > 1e-12) {
    hi = lo;
    atHi = atLo;
    lo /= 2;
    atLo = evaluate(lo);
  }
  while (hi / lo > 1.01) {
    const mid = Math.sqrt(lo * hi);
    const at = evaluate(mid);
    if (at.count <= maxPoints) {
      hi = mid;
      atHi = at;
    } else lo = mid;
  }
  const kept: number[] = [];
  for (let k = 0; k < s; k++) if (atHi.mask[k] === 1) kept.push(k);
  return { kept: Int32Array.from(kept), epsilon: hi };
}
