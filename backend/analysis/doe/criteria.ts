/**
 * Judges a finished design by every usual optimality criterion and gives the diagnostics the result view plots,
 * all as JSON-safe numbers (null where a value is infinite or undefined).
 *
 * Definitions (X: the design's model matrix, n runs × p terms, coded units; M = XᵀX; d(x) = f(x)ᵀM⁻¹f(x), the
 * prediction variance at x in units of σ²; the candidate region: all N candidate rows, excluded ones included):
 * - logDet = ln det M (natural log); null when M is singular (information-matrix.ts glossary);
 * - dEfficiency = 100 · det(M/n)^(1/p); 100 for an orthogonal ±1 design (M = n·I); 0 when M is singular;
 * - a = trace M⁻¹; null when singular;
 * - i = mean over the candidates of d(x) = trace(B·M⁻¹) with the moment matrix B = mean of f(x)f(x)ᵀ; null when
 *   singular;
 * - gEfficiency = 100 · p / (n · max over the candidates of d(x)); 0 when singular;
 * - vif: with an intercept column, VIF_k = [R⁻¹]_kk with R the correlation matrix of the non-intercept columns
 *   (= 1/(1 − R²_k) of column k regressed on the others with an intercept); without one, the uncentred form
 *   VIF_k = [M⁻¹]_kk·M_kk; null for a column constant over the design or when the matrix is singular;
 * - correlation: Pearson correlation between the non-intercept model columns over the design runs; null entries
 *   for a column constant over the design;
 * - fds: the fraction-of-design-space curve: d(x) at every candidate (or at a seeded sample of them), sorted;
 *   `variance[k]` is its quantile at `fraction[k]` = 0, 0.02, …, 1 (linear interpolation between order
 *   statistics, position fraction·(m − 1)).
 */
import { createRng } from '../random/rng.js';
import { informationMatrix, invertSpd, toRowMajor } from './information-matrix.js';

export interface DesignCriteria {
  logDet: number | null;
  dEfficiency: number | null;
  a: number | null;
  i: number | null;
  gEfficiency: number | null;
  /** Model columns the VIFs and correlations refer to (every column except the intercept), in order. */
  columns: number[];
  vif: (number | null)[];
  correlation: (number | null)[][];
  fds: { fraction: number[]; variance: (number | null)[] };
}

export interface CriteriaOptions {
  /** The intercept's column in the model matrix, or null if the model has none. Default: a column of all ones, if any. */
  interceptColumn?: number | null;
  /** Use a seeded sample of at most this many candidates for the FDS curve (default: all). */
  fdsSample?: number;
  seed?: number;
}

/** `x` if finite, else null (for JSON). */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Fractions 0, 0.02, …, 1 of the FDS curve. */
export const FDS_FRACTIONS: readonly number[] = Array.from({ length: 51 }, (_, k) => k / 50);

/** Linear-interpolation quantile of the ascending sorted `s` at `f` ∈ [0, 1]. Pure. */
function quantileSorted(s: Float64Array, f: number): number {
  const pos = f * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (pos - lo) * (s[hi]! - s[lo]!);
}

function detectIntercept(x: Float64Array, n: number, p: number): number | null {
  for (let j = 0; j < p; j++) {
    let ones = true;
    for (let i = 0; i < n && ones; i++) ones = x[j * n + i] === 1;
    if (ones && n > 0) return j;
  }
  return null;
}

/** Pearson correlations of the columns `cols` of the column-major n×p matrix x; null for constant columns. Pure. */
export function columnCorrelation(x: Float64Array, n: number, cols: readonly number[]): (number | null)[][] {
  const k = cols.length;
  const centred = cols.map((c) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[c * n + i]!;
    mean /= n;
    const v = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      v[i] = x[c * n + i]! - mean;
      ss += v[i]! * v[i]!;
    }
    const scale = Math.sqrt(ss);
    // A column whose spread is at rounding level of its values is constant.
    let maxAbs = 0;
    for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(x[c * n + i]!));
    const constant = !(scale > 1e-12 * maxAbs * Math.sqrt(n)) || scale === 0;
    return { v, scale: constant ? 0 : scale };
  });
  const out: (number | null)[][] = [];
  for (let a = 0; a < k; a++) {
    const row: (number | null)[] = [];
    for (let b = 0; b < k; b++) {
      const ca = centred[a]!;
      const cb = centred[b]!;
      if (ca.scale === 0 || cb.scale === 0) {
        row.push(null);
        continue;
      }
      if (a === b) {
        row.push(1);
        continue;
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += ca.v[i]! * cb.v[i]!;
      row.push(Math.max(-1, Math.min(1, s / (ca.scale * cb.scale))));
    }
    out.push(row);
  }
  return out;
}

/** VIFs as defined in the module header, for the columns `cols`. Pure. */
export function varianceInflation(
  x: Float64Array,
  n: number,
  p: number,
  cols: readonly number[],
  intercept: number | null,
): (number | null)[] {
  const k = cols.length;
  if (intercept !== null) {
    const corr = columnCorrelation(x, n, cols);
    const live = cols.map((_, a) => corr[a]![a] !== null);
    const idx = cols.map((_, a) => a).filter((a) => live[a]);
    const m = idx.length;
    const r = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) r[b * m + a] = corr[idx[a]!]![idx[b]!]!;
    const inv = new Float64Array(m * m);
    const ok = m === 0 || invertSpd(r, m, inv) !== null;
    const out: (number | null)[] = new Array<number | null>(k).fill(null);
    if (ok) idx.forEach((a, q) => (out[a] = finiteOrNull(inv[q * m + q]!)));
    return out;
  }
  const mtx = informationMatrix(x, n, p);
  const inv = new Float64Array(p * p);
  if (invertSpd(mtx, p, inv) === null) return new Array<number | null>(k).fill(null);
  return cols.map((c) => (mtx[c * p + c]! > 0 ? finiteOrNull(inv[c * p + c]! * mtx[c * p + c]!) : null));
}

/**
 * Evaluates the design `design` (column-major n×p model matrix of all its runs, fixed and new) against the
 * candidate region `candidates` (column-major N×p), by the definitions in the module header. Pure; the seed is
 * used only when `fdsSample` < N.
 */
export function evaluateDesign(
  design: Float64Array,
  n: number,
  p: number,
  candidates: Float64Array,
  nCandidates: number,
  options: CriteriaOptions = {},
): DesignCriteria {
  if (design.length !== n * p) throw new RangeError(`evaluateDesign: expected ${n * p} design values`);
  if (candidates.length !== nCandidates * p)
    throw new RangeError(`evaluateDesign: expected ${nCandidates * p} candidate values`);
  const intercept =
    options.interceptColumn === undefined ? detectIntercept(design, n, p) : options.interceptColumn;
  const columns: number[] = [];
  for (let j = 0; j < p; j++) if (j !== intercept) columns.push(j);
  const m = informationMatrix(design, n, p);
  const inv = new Float64Array(p * p);
  const logDet = n > 0 ? invertSpd(m, p, inv) : null;
  const fdsNull = { fraction: [...FDS_FRACTIONS], variance: FDS_FRACTIONS.map(() => null) };
  const vif = varianceInflation(design, n, p, columns, intercept);
  const correlation = columnCorrelation(design, n, columns);
  if (logDet === null) {
    return {
      logDet: null,
      dEfficiency: 0,
      a: null,
      i: null,
      gEfficiency: 0,
      columns,
      vif,
      correlation,
      fds: fdsNull,
    };
  }
  let a = 0;
  for (let k = 0; k < p; k++) a += inv[k * p + k]!;
  const rows = toRowMajor(candidates, nCandidates, p);
  const variance = new Float64Array(nCandidates);
  let sum = 0;
  let max = 0;
  for (let j = 0; j < nCandidates; j++) {
    const o = j * p;
    let s = 0;
    for (let c = 0; c < p; c++) {
      const xc = rows[o + c]!;
      if (xc === 0) continue;
      let t = 0.5 * inv[c * p + c]! * xc;
      for (let b = c + 1; b < p; b++) t += inv[c * p + b]! * rows[o + b]!;
      s += t * xc;
    }
    const v = Math.max(0, 2 * s);
    variance[j] = v;
    sum += v;
    max = Math.max(max, v);
  }
  let sample = variance;
  const limit = options.fdsSample;
  if (limit !== undefined && limit >= 1 && limit < nCandidates) {
    const rng = createRng(options.seed ?? 0);
    const idx = new Int32Array(nCandidates);
    for (let j = 0; j < nCandidates; j++) idx[j] = j;
    sample = new Float64Array(limit);
    for (let k = 0; k < limit; k++) {
      const r = k + rng.int(nCandidates - k);
      const t = idx[r]!;
      idx[r] = idx[k]!;
      idx[k] = t;
      sample[k] = variance[t]!;
    }
  } else {
    sample = Float64Array.from(variance);
  }
  sample.sort();
  return {
    logDet,
    dEfficiency: finiteOrNull(100 * Math.exp((logDet - p * Math.log(n)) / p)),
    a: finiteOrNull(a),
    i: nCandidates > 0 ? finiteOrNull(sum / nCandidates) : null,
    gEfficiency: nCandidates > 0 && max > 0 ? finiteOrNull((100 * p) / (n * max)) : null,
    columns,
    vif,
    correlation,
    fds: {
      fraction: [...FDS_FRACTIONS],
      variance:
        sample.length > 0
          ? FDS_FRACTIONS.map((f) => finiteOrNull(quantileSorted(sample, f)))
          : fdsNull.variance,
    },
  };
}
