/**
 * The knee of a front: the point where improving one objective starts to cost most in the others, offered as
 * the default recommendation when the user has no preference between objectives.
 *
 * Method (Das 1999; Deb & Gupta 2011, "Understanding knee points in bicriteria problems"): normalise each
 * objective to [0, 1] over the front (ideal → 0, nadir → 1; an objective with no spread is 0 everywhere), take
 * each objective's extreme point (the best in it; ties by smallest sum of normalised values, then lowest index),
 * pass the hyperplane w·x = 1 through those m extremes, and pick the point farthest from it on the ideal side:
 * distance (1 − w·x) / ‖w‖. When the extremes do not span a hyperplane (two coincide, or an objective has no
 * spread) the plane Σx = 1 is used instead, which picks the smallest sum of normalised objectives.
 */

export interface Knee {
  /** Position in `members`. */
  index: number;
  method: 'extremes_hyperplane' | 'normalised_sum' | 'single_point';
  /** Distance to the plane, normalised units (positive = toward the ideal point). */
  distance: number;
}

/** Each objective scaled to [0, 1] over `members`; row-major s × m. */
export function normaliseFront(
  points: Float64Array,
  n: number,
  m: number,
  members: ArrayLike<number>,
): Float64Array {
  const s = members.length;
  const out = new Float64Array(s * m);
  for (let j = 0; j < m; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < s; k++) {
      const v = points[j * n + members[k]!]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = hi - lo;
    for (let k = 0; k < s; k++) {
      out[k * m + j] = range > 0 && Number.isFinite(range) ? (points[j * n + members[k]!]! - lo) / range : 0;
    }
  }
  return out;
}

/** Solves A w = b (A m × m row-major, overwritten) by Gaussian elimination with partial pivoting; null if singular. */
function solve(a: Float64Array, b: Float64Array, m: number): Float64Array | null {
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]!) > Math.abs(a[p * m + c]!)) p = r;
    if (Math.abs(a[p * m + c]!) < 1e-10) return null;
    if (p !== c) {
      for (let k = 0; k < m; k++) {
        const t = a[c * m + k]!;
        a[c * m + k] = a[p * m + k]!;
        a[p * m + k] = t;
      }
      const t = b[c]!;
      b[c] = b[p]!;
      b[p] = t;
    }
    for (let r = c + 1; r < m; r++) {
      const f = a[r * m + c]! / a[c * m + c]!;
      for (let k = c; k < m; k++) a[r * m + k]! -= f * a[c * m + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const w = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let v = b[r]!;
    for (let k = r + 1; k < m; k++) v -= a[r * m + k]! * w[k]!;
    w[r] = v / a[r * m + r]!;
  }
  return w.every(Number.isFinite) ? w : null;
}

/** The knee point of the front `members` (indices into column-major n × m `points`, all minimised). */
export function kneePoint(
  points: Float64Array,
  n: number,
  m: number,
  members: ArrayLike<number>,
): Knee | null {
  const s = members.length;
  if (s === 0) return null;
  if (s === 1) return { index: 0, method: 'single_point', distance: 0 };
  const x = normaliseFront(points, n, m, members);
  const sum = (k: number) => {
    let t = 0;
    for (let j = 0; j < m; j++) t += x[k * m + j]!;
    return t;
  };
  const a = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let best = 0;
    for (let k = 1; k < s; k++) {
      const d = x[k * m + j]! - x[best * m + j]!;
      if (d < 0 || (d === 0 && sum(k) < sum(best))) best = k;
    }
    a.set(x.subarray(best * m, best * m + m), j * m);
  }
  let w = solve(a, new Float64Array(m).fill(1), m);
  const method = w ? 'extremes_hyperplane' : 'normalised_sum';
  w ??= new Float64Array(m).fill(1);
  const norm = Math.hypot(...w);
  let index = 0;
  let distance = -Infinity;
  for (let k = 0; k < s; k++) {
    let dot = 0;
    for (let j = 0; j < m; j++) dot += w[j]! * x[k * m + j]!;
    const d = (1 - dot) / norm;
    if (d > distance + 1e-12) {
      distance = d;
      index = k;
    }
  }
  return { index, method, distance };
}
