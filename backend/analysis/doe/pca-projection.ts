/**
 * Gives the design view a 2-D picture of where the chosen runs sit among the candidates: the first two principal
 * components of the coded factor settings.
 *
 * Glossary: rows are coded factor settings (column-major n×k); the components are the eigenvectors of the sample
 * covariance (divisor n − 1) of all candidate rows, by cyclic Jacobi rotations; each is signed so that its entry of
 * largest magnitude is positive; `explained` is each eigenvalue over the trace (0 when the trace is 0).
 */
import { createRng } from '../random/rng.js';

export interface PrincipalPlane {
  k: number;
  /** Column means of the rows the plane was fitted on. */
  center: Float64Array;
  /** Column-major k×2 loadings (the second column is zero when k = 1). */
  components: Float64Array;
  /** Fraction of the total variance along each component. */
  explained: [number, number];
}

/** Eigen-decomposition of the symmetric k×k `a` by cyclic Jacobi; returns eigenvalues and column-major vectors. */
export function symmetricEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        const x = m[j * k + i]! ** 2;
        total += x;
        if (i !== j) off += x;
      }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[q * k + p]!;
        if (apq === 0) continue;
        const theta = (m[q * k + q]! - m[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[p * k + r]!;
          const mrq = m[q * k + r]!;
          m[p * k + r] = c * mrp - s * mrq;
          m[q * k + r] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[r * k + p]!;
          const mqr = m[r * k + q]!;
          m[r * k + p] = c * mpr - s * mqr;
          m[r * k + q] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[p * k + r]!;
          const vrq = v[q * k + r]!;
          v[p * k + r] = c * vrp - s * vrq;
          v[q * k + r] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = m[i * k + i]!;
  return { values, vectors: v };
}

/** The principal plane of the column-major n×k `rows` (n ≥ 1). Pure. */
export function principalPlane(rows: Float64Array, n: number, k: number): PrincipalPlane {
  if (rows.length !== n * k || n < 1 || k < 1)
    throw new RangeError(`principalPlane: expected ${n}×${k} values, n ≥ 1`);
  const center = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rows[j * n + i]!;
    center[j] = s / n;
  }
  const cov = new Float64Array(k * k);
  const div = Math.max(1, n - 1);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (rows[a * n + i]! - center[a]!) * (rows[b * n + i]! - center[b]!);
      cov[a * k + b] = s / div;
      cov[b * k + a] = s / div;
    }
  const { values, vectors } = symmetricEigen(cov, k);
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => values[y]! - values[x]! || x - y);
  const components = new Float64Array(k * 2);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += Math.max(0, values[i]!);
  const explained: [number, number] = [0, 0];
  for (let c = 0; c < Math.min(2, k); c++) {
    const col = order[c]!;
    let big = 0;
    for (let r = 0; r < k; r++)
      if (Math.abs(vectors[col * k + r]!) > Math.abs(big)) big = vectors[col * k + r]!;
    const sign = big < 0 ? -1 : 1;
    for (let r = 0; r < k; r++) components[c * k + r] = sign * vectors[col * k + r]!;
    explained[c] = trace > 0 ? Math.max(0, values[col]!) / trace : 0;
  }
  return { k, center, components, explained };
}

/** Coordinates on the plane of the column-major n×k `rows`, as [pc1, pc2] pairs. Pure. */
export function projectRows(plane: PrincipalPlane, rows: Float64Array, n: number): [number, number][] {
  const { k, center, components } = plane;
  if (rows.length !== n * k) throw new RangeError(`projectRows: expected ${n}×${k} values`);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    let s1 = 0;
    let s2 = 0;
    for (let j = 0; j < k; j++) {
      const x = rows[j * n + i]! - center[j]!;
      s1 += x * components[j]!;
      s2 += x * components[k + j]!;
    }
    out.push([s1, s2]);
  }
  return out;
}

/** At most `max` distinct indices of 0..n−1, ascending, chosen by a seeded partial shuffle (all when n ≤ max). Pure. */
export function sampleIndices(n: number, max: number, seed: number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const r = i + rng.int(n - i);
    const t = idx[r]!;
    idx[r] = idx[i]!;
    idx[i] = t;
  }
  return idx.slice(0, max).sort();
}

function gather(rows: Float64Array, n: number, k: number, indices: ArrayLike<number>): Float64Array {
  const m = indices.length;
  const out = new Float64Array(m * k);
  for (let j = 0; j < k; j++) for (let r = 0; r < m; r++) out[j * m + r] = rows[j * n + indices[r]!]!;
  return out;
}

export interface DesignProjection {
  explained: [number, number];
  /** Candidate indices of the `candidates` points, ascending. */
  sample: Int32Array;
  candidates: [number, number][];
  existing: [number, number][];
  selected: [number, number][];
}

/**
 * The plane fitted on all candidates (column-major N×k coded settings), and the projections of a seeded sample of
 * at most `maxSample` (default 2000) candidates, of the existing runs (column-major E×k) and of the selected
 * candidates. Pure.
 */
export function designProjection(
  candidates: Float64Array,
  nCandidates: number,
  k: number,
  existing: Float64Array,
  nExisting: number,
  selected: ArrayLike<number>,
  seed: number,
  maxSample = 2000,
): DesignProjection {
  const plane = principalPlane(candidates, nCandidates, k);
  const sample = sampleIndices(nCandidates, maxSample, seed);
  return {
    explained: plane.explained,
    sample,
    candidates: projectRows(plane, gather(candidates, nCandidates, k, sample), sample.length),
    existing: projectRows(plane, existing, nExisting),
    selected: projectRows(plane, gather(candidates, nCandidates, k, selected), selected.length),
  };
}
