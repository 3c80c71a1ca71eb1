/** Householder QR with column pivoting: the numerically stable route to least squares and its numerical rank. */

const EPS = 2 ** -52;

/**
 * A factorisation A·P = Q·R of an n×p matrix, stored LAPACK-style (dgeqp3) in one column-major array.
 *
 * - `qr[i + k·n]` for i ≤ k holds R (upper triangle, first `rank` columns fully meaningful);
 *   for i > k it holds v_i of the k-th Householder vector, whose v_k = 1 is implicit.
 * - H_k = I − tau[k]·v·vᵀ, and Q = H_0·H_1·…·H_{rank−1}.
 * - `pivot[k]` is the column of A that sits at position k of A·P.
 * - Only the first `rank` reflectors are formed: the factorisation stops when the largest remaining
 *   column norm is at most `tolerance`, and the columns at positions ≥ rank are numerically in the span
 *   of those before them.
 */
export interface PivotedQr {
  readonly n: number;
  readonly p: number;
  readonly qr: Float64Array;
  readonly tau: Float64Array;
  readonly pivot: Int32Array;
  readonly rank: number;
  /** Absolute threshold on |R_kk| used to decide the rank (see householderQr). */
  readonly tolerance: number;
}

export interface HouseholderQrOptions {
  /** Columns (indices into A) to factor first, in this order, exempt from pivoting; e.g. an intercept. */
  leading?: readonly number[];
  /**
   * Relative rank tolerance: a column is dropped when its remaining norm is ≤ relTol·max_j ‖A_j‖.
   * Default max(n, p)·eps (LAPACK's convention for SVD-based rank, with the largest column norm standing
   * in for |R_11|, which it equals under full pivoting).
   */
  relativeTolerance?: number;
}

/** Euclidean norm of a[from..to) (unit stride), scaled to avoid overflow and underflow. Pure. */
export function norm2(a: Float64Array, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(a[i]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = a[i]! / scale;
    sum += v * v;
  }
  return scale * Math.sqrt(sum);
}

function swapColumns(a: Float64Array, n: number, j: number, k: number): void {
  if (j === k) return;
  const oj = j * n;
  const ok = k * n;
  for (let i = 0; i < n; i++) {
    const t = a[oj + i]!;
    a[oj + i] = a[ok + i]!;
    a[ok + i] = t;
  }
}

/**
 * Businger–Golub Householder QR with column pivoting of the column-major n×p matrix `a` (not mutated:
 * the factorisation works on a copy). At each step the remaining column of largest norm is moved to the
 * front (ties within a relative 1e-10 go to the column that comes first in `a`, so of two proportional
 * columns of equal norm the later one is the one left out). Remaining norms are recomputed rather than downdated, which costs a second
 * pass but cannot lose accuracy to cancellation. Numerical rank: the number of steps taken before the
 * largest remaining norm falls to relativeTolerance·max_j ‖A_j‖ or below. Units are those of `a`.
 */
export function householderQr(
  a: Float64Array,
  n: number,
  p: number,
  options: HouseholderQrOptions = {},
): PivotedQr {
  if (a.length !== n * p) throw new RangeError(`householderQr: expected ${n * p} values, got ${a.length}`);
  const qr = Float64Array.from(a);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) pivot[j] = j;
  const norms = new Float64Array(p);
  let maxNorm = 0;
  for (let j = 0; j < p; j++) {
    norms[j] = norm2(qr, j * n, (j + 1) * n);
    maxNorm = Math.max(maxNorm, norms[j]!);
  }
  const tolerance = (options.relativeTolerance ?? Math.max(n, p) * EPS) * maxNorm;
  const leading = options.leading ?? [];
  const steps = Math.min(n, p);
  const tau = new Float64Array(steps);
  let rank = 0;

  for (let k = 0; k < steps; k++) {
    // Choose the pivot: a requested leading column, else the largest remaining norm.
    let best = k;
    if (k < leading.length) {
      best = pivot.indexOf(leading[k]!);
      if (best < k) throw new RangeError('householderQr: leading columns must be distinct');
    } else {
      let max = 0;
      for (let j = k; j < p; j++) max = Math.max(max, norms[j]!);
      const cut = max * (1 - 1e-10);
      let bestColumn = p;
      for (let j = k; j < p; j++) {
        if (norms[j]! >= cut && pivot[j]! < bestColumn) {
          best = j;
          bestColumn = pivot[j]!;
        }
      }
    }
    if (!(norms[best]! > tolerance)) break;
    if (best !== k) {
      swapColumns(qr, n, best, k);
      const tp = pivot[best]!;
      pivot[best] = pivot[k]!;
      pivot[k] = tp;
      const tn = norms[best]!;
      norms[best] = norms[k]!;
      norms[k] = tn;
    }

    // Householder vector for column k, rows k..n−1 (LAPACK dlarfg).
    const ok = k * n;
    const alpha = qr[ok + k]!;
    const xnorm = norm2(qr, ok + k + 1, ok + n);
    if (xnorm === 0) {
      tau[k] = 0;
    } else {
      const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
      tau[k] = (beta - alpha) / beta;
      const scale = 1 / (alpha - beta);
      for (let i = k + 1; i < n; i++) qr[ok + i]! *= scale;
      qr[ok + k] = beta;
    }
    rank = k + 1;

    // Apply H_k to the remaining columns and recompute their norms below row k.
    const t = tau[k]!;
    for (let j = k + 1; j < p; j++) {
      const oj = j * n;
      if (t !== 0) {
        let w = qr[oj + k]!;
        for (let i = k + 1; i < n; i++) w += qr[ok + i]! * qr[oj + i]!;
        w *= t;
        qr[oj + k]! -= w;
        for (let i = k + 1; i < n; i++) qr[oj + i]! -= w * qr[ok + i]!;
      }
      norms[j] = norm2(qr, oj + k + 1, oj + n);
    }
  }
  return { n, p, qr, tau, pivot, rank, tolerance };
}

function applyReflector(f: PivotedQr, k: number, v: Float64Array): void {
  const t = f.tau[k]!;
  if (t === 0) return;
  const { n, qr } = f;
  const ok = k * n;
  let w = v[k]!;
  for (let i = k + 1; i < n; i++) w += qr[ok + i]! * v[i]!;
  w *= t;
  v[k]! -= w;
  for (let i = k + 1; i < n; i++) v[i]! -= w * qr[ok + i]!;
}

/** v ← Qᵀ·v for a vector of length n. Mutates `v` in place; returns it. */
export function applyQt(f: PivotedQr, v: Float64Array): Float64Array {
  for (let k = 0; k < f.rank; k++) applyReflector(f, k, v);
  return v;
}

/** v ← Q·v for a vector of length n. Mutates `v` in place; returns it. */
export function applyQ(f: PivotedQr, v: Float64Array): Float64Array {
  for (let k = f.rank - 1; k >= 0; k--) applyReflector(f, k, v);
  return v;
}

/**
 * Back substitution R_r·x = b with the leading r×r block of R (r = f.rank): reads b[0..r), writes x into
 * `out` (length ≥ r; may be `b` itself, which is then overwritten). Returns `out`.
 */
export function solveR(
  f: PivotedQr,
  b: Float64Array,
  out: Float64Array = new Float64Array(f.rank),
): Float64Array {
  const { n, qr, rank } = f;
  for (let i = 0; i < rank; i++) out[i] = b[i]!;
  for (let i = rank - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let j = i + 1; j < rank; j++) s -= qr[i + j * n]! * out[j]!;
    out[i] = s / qr[i + i * n]!;
  }
  return out;
}

/**
 * Forward substitution R_rᵀ·x = b with the leading r×r block of R: reads b[0..r), writes x into `out`
 * (may be `b` itself). Returns `out`.
 */
export function solveRt(
  f: PivotedQr,
  b: Float64Array,
  out: Float64Array = new Float64Array(f.rank),
): Float64Array {
  const { n, qr, rank } = f;
  for (let i = 0; i < rank; i++) out[i] = b[i]!;
  for (let i = 0; i < rank; i++) {
    let s = out[i]!;
    const oi = i * n;
    for (let j = 0; j < i; j++) s -= qr[j + oi]! * out[j]!;
    out[i] = s / qr[i + oi]!;
  }
  return out;
}

/**
 * R_r⁻¹ for the leading r×r block of R, as a new column-major r×r upper-triangular array (units: the
 * reciprocal of the units of A). Computed column by column by back substitution, never via AᵀA.
 */
export function invertR(f: PivotedQr): Float64Array {
  const { n, qr, rank: r } = f;
  const inv = new Float64Array(r * r);
  for (let c = 0; c < r; c++) {
    const oc = c * r;
    inv[oc + c] = 1 / qr[c + c * n]!;
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let j = i + 1; j <= c; j++) s -= qr[i + j * n]! * inv[oc + j]!;
      inv[oc + i] = s / qr[i + i * n]!;
    }
  }
  return inv;
}
