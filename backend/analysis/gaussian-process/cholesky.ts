/** Cholesky factorisation of kernel matrices, with a documented jitter retry for ones that are positive definite only in exact arithmetic. */

/**
 * Glossary: matrices are n×n Float64Arrays; the factor L is lower triangular and stored row-major
 * (L[i·n + j], j ≤ i; the strict upper triangle is zero), so the inner products of the factorisation read
 * memory in order. A symmetric input reads the same in either order.
 */

export interface CholeskyFactor {
  n: number;
  /** Row-major lower-triangular factor with A + jitter·I = L Lᵀ. */
  l: Float64Array;
  /** What was added to the diagonal to make the factorisation succeed (0 when none was needed). */
  jitter: number;
}

/** Jitter retry schedule: multiples of the mean diagonal tried in turn after a failed plain factorisation. */
export const JITTER_SCHEDULE: readonly number[] = [1e-10, 1e-9, 1e-8, 1e-7, 1e-6];

/**
 * Factorises the symmetric n×n matrix `a` (only its lower triangle a[i·n + j], j ≤ i is read; not mutated) into
 * `out` (length n², overwritten). Returns false, leaving `out` partly written, if a pivot is not positive and
 * finite, i.e. A + jitter·I is not numerically positive definite.
 */
export function choleskyInto(a: Float64Array, n: number, jitter: number, out: Float64Array): boolean {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j]!;
      if (i === j) s += jitter;
      for (let k = 0; k < j; k++) s -= out[ri + k]! * out[rj + k]!;
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return false;
        out[ri + i] = Math.sqrt(s);
      } else {
        out[ri + j] = s / out[rj + j]!;
      }
    }
  }
  return true;
}

/**
 * Cholesky factor of the symmetric matrix `a` (not mutated). Tries A itself first; if that fails, retries with
 * A + c·d̄·I for c in JITTER_SCHEDULE (d̄ = mean |diagonal|, or 1 if that is 0), and throws a RangeError naming
 * the largest jitter tried if all fail. Deterministic, so refactorising the same matrix gives the same factor
 * and jitter bit for bit. With `retry: false` it throws at the first failure instead.
 */
export function cholesky(a: Float64Array, n: number, retry = true): CholeskyFactor {
  if (a.length !== n * n)
    throw new RangeError(`cholesky: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  const l = new Float64Array(n * n);
  if (choleskyInto(a, n, 0, l)) return { n, l, jitter: 0 };
  if (retry) {
    let meanDiag = 0;
    for (let i = 0; i < n; i++) meanDiag += Math.abs(a[i * n + i]!);
    meanDiag = n > 0 && meanDiag > 0 && Number.isFinite(meanDiag) ? meanDiag / n : 1;
    for (const c of JITTER_SCHEDULE) {
      const jitter = c * meanDiag;
      if (choleskyInto(a, n, jitter, l)) return { n, l, jitter };
    }
  }
  const tried = retry ? ` even with jitter ${JITTER_SCHEDULE[JITTER_SCHEDULE.length - 1]}×mean diagonal` : '';
  throw new RangeError(`cholesky: matrix is not positive definite${tried}`);
}

/** Solves L z = b IN PLACE in `b` (forward substitution). Reads only the factor. */
export function solveLower(f: CholeskyFactor, b: Float64Array): Float64Array {
  const { n, l } = f;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[ri + k]! * b[k]!;
    b[i] = s / l[ri + i]!;
  }
  return b;
}

/** Solves Lᵀ z = b IN PLACE in `b` (back substitution). */
export function solveUpper(f: CholeskyFactor, b: Float64Array): Float64Array {
  const { n, l } = f;
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  return b;
}

/** Solves (L Lᵀ) z = b; returns a new array, `b` is not mutated. */
export function choleskySolve(f: CholeskyFactor, b: Float64Array): Float64Array {
  const z = Float64Array.from(b);
  solveLower(f, z);
  return solveUpper(f, z);
}

/** log det(L Lᵀ) = 2 Σ log L_ii. */
export function choleskyLogDet(f: CholeskyFactor): number {
  let s = 0;
  for (let i = 0; i < f.n; i++) s += Math.log(f.l[i * f.n + i]!);
  return 2 * s;
}

/**
 * (L Lᵀ)⁻¹ as a full symmetric n×n matrix (new array): inverts L by forward substitution, then forms L⁻ᵀL⁻¹.
 * About n³/2 multiply-adds.
 */
export function choleskyInverse(f: CholeskyFactor): Float64Array {
  const { n, l } = f;
  // m = L⁻¹, lower triangular, row-major.
  const m = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    m[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k]! * m[k * n + j]!;
      m[i * n + j] = s / l[i * n + i]!;
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += m[k * n + i]! * m[k * n + j]!;
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  }
  return inv;
}
