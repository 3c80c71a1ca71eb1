/**
 * Keeps XᵀX of a design, its inverse and its log determinant exact enough to compare thousands of candidate
 * exchanges: full recomputation by Cholesky, plus the rank-one and exchange (rank-two) updates that make each
 * exchange O(p²) instead of O(p³).
 *
 * Glossary:
 * - row-major rows: a design or candidate set stored one model row after another (row r at r·p .. r·p + p − 1),
 *   so a row is contiguous; the engine's column-major inputs are transposed once with `toRowMajor`;
 * - information matrix M = XᵀX (p×p, symmetric; stored full, column-major = row-major);
 * - d(x) = xᵀM⁻¹x, the (unscaled) prediction variance at x; d(x, y) = xᵀM⁻¹y;
 * - singular: a Cholesky pivot fell to `SINGULAR_TOLERANCE` times its column's diagonal or below, i.e. that
 *   column is explained by the previous ones to within 1 − 1e-10 (uncentred R²).
 */

/** Relative pivot threshold for calling an information matrix singular (see the glossary). */
export const SINGULAR_TOLERANCE = 1e-10;

/**
 * Transposes a column-major n×p matrix into row-major order (row r at r·p). Writes into `out` (length n·p,
 * allocated if omitted); does not mutate `a`. Returns `out`.
 */
export function toRowMajor(
  a: Float64Array,
  n: number,
  p: number,
  out: Float64Array = new Float64Array(n * p),
): Float64Array {
  if (a.length < n * p) throw new RangeError(`toRowMajor: expected ${n * p} values, got ${a.length}`);
  for (let j = 0; j < p; j++) {
    const oj = j * n;
    for (let i = 0; i < n; i++) out[i * p + j] = a[oj + i]!;
  }
  return out;
}

/** m ← m + weight·x·xᵀ for the p-vector x = a[offset .. offset + p). Mutates `m` (p×p, both triangles). */
export function addOuterProduct(
  m: Float64Array,
  p: number,
  a: Float64Array,
  offset: number,
  weight = 1,
): void {
  for (let j = 0; j < p; j++) {
    const wj = weight * a[offset + j]!;
    if (wj === 0) continue;
    const oj = j * p;
    for (let i = 0; i < p; i++) m[oj + i]! += wj * a[offset + i]!;
  }
}

/**
 * XᵀX of a design made of the `nFixed` row-major rows in `fixedRows` plus the candidate rows `selected[0..nSelected)`
 * of the row-major candidate set `candidateRows` (p columns). Writes into `out` (p×p, allocated if omitted); mutates
 * nothing else. Units: products of the model-column units.
 */
export function informationFromRows(
  p: number,
  candidateRows: Float64Array,
  selected: ArrayLike<number>,
  nSelected: number,
  fixedRows: Float64Array,
  nFixed: number,
  out: Float64Array = new Float64Array(p * p),
): Float64Array {
  out.fill(0);
  for (let r = 0; r < nFixed; r++) addOuterProduct(out, p, fixedRows, r * p);
  for (let r = 0; r < nSelected; r++) addOuterProduct(out, p, candidateRows, selected[r]! * p);
  return out;
}

/**
 * XᵀX of the column-major n×p matrix `x`. Writes into `out` (allocated if omitted); does not mutate `x`.
 */
export function informationMatrix(
  x: Float64Array,
  n: number,
  p: number,
  out: Float64Array = new Float64Array(p * p),
): Float64Array {
  if (x.length < n * p) throw new RangeError(`informationMatrix: expected ${n * p} values, got ${x.length}`);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      let s = 0;
      const oj = j * n;
      const ok = k * n;
      for (let i = 0; i < n; i++) s += x[oj + i]! * x[ok + i]!;
      out[j * p + k] = s;
      out[k * p + j] = s;
    }
  }
  return out;
}

/**
 * Cholesky factor M = L·Lᵀ of the symmetric p×p matrix `m` (only its lower triangle is read). Writes L into the
 * lower triangle of `out` (upper triangle zeroed); `m` is not mutated unless it is `out`. Returns ln det M, or
 * null when M is singular in the sense of the module glossary (then `out` holds a partial factor).
 */
export function cholesky(
  m: Float64Array,
  p: number,
  out: Float64Array = new Float64Array(p * p),
  tolerance = SINGULAR_TOLERANCE,
): number | null {
  let logDet = 0;
  for (let j = 0; j < p; j++) {
    const diag = m[j * p + j]!;
    let s = diag;
    for (let k = 0; k < j; k++) {
      const l = out[k * p + j]!;
      s -= l * l;
    }
    if (!(diag > 0) || !(s > tolerance * diag) || !Number.isFinite(s)) return null;
    const ljj = Math.sqrt(s);
    out[j * p + j] = ljj;
    logDet += Math.log(s);
    for (let i = j + 1; i < p; i++) {
      let t = m[j * p + i]!;
      for (let k = 0; k < j; k++) t -= out[k * p + i]! * out[k * p + j]!;
      out[j * p + i] = t / ljj;
    }
    for (let i = 0; i < j; i++) out[j * p + i] = 0;
  }
  return logDet;
}

/** ln det of the symmetric positive definite p×p matrix `m`, or null when it is singular. Pure. */
export function logDetSpd(m: Float64Array, p: number): number | null {
  return cholesky(m, p);
}

/**
 * Inverse of the symmetric positive definite p×p matrix `m` through its Cholesky factor: M⁻¹ = L⁻ᵀL⁻¹. Writes the
 * full symmetric inverse into `out` (allocated if omitted); does not mutate `m`. Returns ln det M, or null when M is
 * singular (then `out` is unspecified).
 */
export function invertSpd(
  m: Float64Array,
  p: number,
  out: Float64Array = new Float64Array(p * p),
): number | null {
  const l = new Float64Array(p * p);
  const logDet = cholesky(m, p, l);
  if (logDet === null) return null;
  // W = L⁻¹ (lower triangular), column by column by forward substitution.
  const w = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    w[c * p + c] = 1 / l[c * p + c]!;
    for (let i = c + 1; i < p; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[k * p + i]! * w[c * p + k]!;
      w[c * p + i] = s / l[i * p + i]!;
    }
  }
  // M⁻¹[i, j] = Σ_k W[k, i]·W[k, j] over k ≥ max(i, j).
  for (let j = 0; j < p; j++) {
    for (let i = 0; i <= j; i++) {
      let s = 0;
      for (let k = j; k < p; k++) s += w[i * p + k]! * w[j * p + k]!;
      out[j * p + i] = s;
      out[i * p + j] = s;
    }
  }
  return logDet;
}

/** out ← A·x for the symmetric p×p matrix A and x = a[offset .. offset + p). Writes `out` (length p); returns it. */
export function symmetricTimes(
  inv: Float64Array,
  p: number,
  a: Float64Array,
  offset: number,
  out: Float64Array,
): Float64Array {
  out.fill(0, 0, p);
  for (let j = 0; j < p; j++) {
    const xj = a[offset + j]!;
    if (xj === 0) continue;
    const oj = j * p;
    for (let i = 0; i < p; i++) out[i]! += inv[oj + i]! * xj;
  }
  return out;
}

/** Dot product of u[0..p) with a[offset .. offset + p). Pure. */
export function dot(u: Float64Array, a: Float64Array, offset: number, p: number): number {
  let s = 0;
  for (let k = 0; k < p; k++) s += u[k]! * a[offset + k]!;
  return s;
}

/** xᵀ·A·x for the symmetric p×p matrix A (both triangles stored) and x = a[offset .. offset + p). Pure. */
export function quadraticForm(inv: Float64Array, p: number, a: Float64Array, offset: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    const xj = a[offset + j]!;
    if (xj === 0) continue;
    const oj = j * p;
    let t = 0.5 * inv[oj + j]! * xj;
    for (let i = j + 1; i < p; i++) t += inv[oj + i]! * a[offset + i]!;
    s += t * xj;
  }
  return 2 * s;
}

/**
 * Rank-one update of an inverse: given inv = M⁻¹, sets inv ← (M + sign·x·xᵀ)⁻¹ by Sherman–Morrison, and returns the
 * change in ln det M by the matrix determinant lemma, ln(1 + sign·xᵀM⁻¹x). `sign` is +1 to add the row x, −1 to
 * remove it. Returns null (and leaves `inv` unchanged) when the result would be singular, i.e.
 * 1 + sign·d(x) ≤ SINGULAR_TOLERANCE. Mutates `inv` and `work` (length ≥ p).
 */
export function rankOneUpdate(
  inv: Float64Array,
  p: number,
  a: Float64Array,
  offset: number,
  sign: 1 | -1,
  work: Float64Array,
): number | null {
  const u = symmetricTimes(inv, p, a, offset, work);
  const d = dot(u, a, offset, p);
  const c = 1 + sign * d;
  if (!(c > SINGULAR_TOLERANCE)) return null;
  const f = sign / c;
  for (let j = 0; j < p; j++) {
    const uj = f * u[j]!;
    const oj = j * p;
    for (let i = 0; i < p; i++) inv[oj + i]! -= u[i]! * uj;
  }
  return Math.log(c);
}

/**
 * Ratio det(M')/det(M) for the exchange M' = M + y·yᵀ − x·xᵀ (y enters, x leaves), from the variances in the
 * current design: (1 + d(y))·(1 − d(x)) + d(x, y)². Its excess over 1 is Fedorov's delta
 * Δ = d(y) − d(x) − d(x)·d(y) + d(x, y)². Pure.
 */
export function exchangeDetRatio(dIn: number, dOut: number, dInOut: number): number {
  return (1 + dIn) * (1 - dOut) + dInOut * dInOut;
}

/**
 * Working arrays of an exchange update, filled by `exchangeUpdate` for callers that update other quantities too:
 * `v` holds M⁻¹y at [0, p) and M⁻¹x at [p, 2p) (in the inverse before the update), `sInv` the 2×2 inverse (row-major)
 * of S = [[1 + d(y), d(x, y)], [d(x, y), d(x) − 1]], so that M'⁻¹ = M⁻¹ − V·S⁻¹·Vᵀ (Woodbury).
 */
export interface ExchangeScratch {
  v: Float64Array;
  sInv: Float64Array;
}

/** Allocates the working arrays of `exchangeUpdate` for p model columns. */
export function exchangeScratch(p: number): ExchangeScratch {
  return { v: new Float64Array(2 * p), sInv: new Float64Array(4) };
}

/**
 * Exchange update of an inverse (Woodbury, rank two): inv ← (M + y·yᵀ − x·xᵀ)⁻¹ with y = a[inOffset ..),
 * x = b[outOffset ..). Returns ln of the determinant ratio (see exchangeDetRatio), or null and leaves `inv`
 * unchanged when the new matrix would be singular (ratio ≤ SINGULAR_TOLERANCE). Mutates `inv` and `scratch`.
 */
export function exchangeUpdate(
  inv: Float64Array,
  p: number,
  a: Float64Array,
  inOffset: number,
  b: Float64Array,
  outOffset: number,
  scratch: ExchangeScratch,
): number | null {
  const { v, sInv } = scratch;
  const vy = v.subarray(0, p);
  const vx = v.subarray(p, 2 * p);
  symmetricTimes(inv, p, a, inOffset, vy);
  symmetricTimes(inv, p, b, outOffset, vx);
  const dy = dot(vy, a, inOffset, p);
  const dx = dot(vx, b, outOffset, p);
  const dxy = dot(vx, a, inOffset, p);
  const ratio = exchangeDetRatio(dy, dx, dxy);
  if (!(ratio > SINGULAR_TOLERANCE)) return null;
  // S = [[1 + dy, dxy], [dxy, dx − 1]], det S = −ratio.
  const detS = -ratio;
  sInv[0] = (dx - 1) / detS;
  sInv[1] = -dxy / detS;
  sInv[2] = -dxy / detS;
  sInv[3] = (1 + dy) / detS;
  const s00 = sInv[0];
  const s01 = sInv[1];
  const s11 = sInv[3];
  for (let j = 0; j < p; j++) {
    // Column j of V·S⁻¹·Vᵀ: V·(S⁻¹·[vy_j, vx_j]).
    const c0 = s00 * vy[j]! + s01 * vx[j]!;
    const c1 = s01 * vy[j]! + s11 * vx[j]!;
    const oj = j * p;
    for (let i = 0; i < p; i++) inv[oj + i]! -= vy[i]! * c0 + vx[i]! * c1;
  }
  return Math.log(ratio);
}
