/** The working memory of one exchange start: M⁻¹, the candidates' variances and the design, kept up to date by rank-two updates. */
import type { PreparedDesignProblem } from './exchange.js';
import {
  exchangeScratch,
  exchangeUpdate,
  informationFromRows,
  invertSpd,
  symmetricTimes,
  type ExchangeScratch,
} from './information-matrix.js';

/**
 * Mutable working memory of one start (O(N) arrays), reusable across starts run on the same thread; pass it to
 * `exchangeStart` to avoid reallocating. Construct with `new DesignState(prepared)`.
 */
export class DesignState {
  readonly inv: Float64Array;
  /** G = M⁻¹BM⁻¹, for the trace criteria. */
  readonly g: Float64Array;
  readonly d: Float64Array;
  readonly e: Float64Array;
  readonly blocked: Uint8Array;
  readonly selected: Int32Array;
  size = 0;
  logDet = 0;
  trace = 0;
  /** The trace criterion's weight (null: D). */
  weight: Float64Array | null = null;
  /** Diagonal added to M (used only while completing a start); null: none. */
  ridge: Float64Array | null = null;
  updates = 0;
  private readonly m: Float64Array;
  private readonly scratch: ExchangeScratch;
  private readonly u: Float64Array;
  private readonly gy: Float64Array;
  private readonly gx: Float64Array;
  private readonly t0: Float64Array;
  private readonly t1: Float64Array;

  constructor(private readonly prep: PreparedDesignProblem) {
    const { p, nCandidates: n } = prep;
    this.inv = new Float64Array(p * p);
    this.g = new Float64Array(p * p);
    this.m = new Float64Array(p * p);
    this.d = new Float64Array(n);
    this.e = new Float64Array(n);
    this.t0 = new Float64Array(n);
    this.t1 = new Float64Array(n);
    this.blocked = new Uint8Array(n);
    this.selected = new Int32Array(prep.nNew);
    this.scratch = exchangeScratch(p);
    this.u = new Float64Array(p);
    this.gy = new Float64Array(p);
    this.gx = new Float64Array(p);
  }

  reset(): void {
    this.blocked.set(this.prep.excluded);
    this.size = 0;
    this.weight = null;
    this.ridge = null;
  }

  /** Criterion value in "larger is better" form. */
  objective(): number {
    return this.weight === null ? this.logDet : -this.trace;
  }

  /** G ← M⁻¹·B·M⁻¹ and trace(B·M⁻¹) from the current inverse. */
  private recomputeWeighted(): void {
    const { p } = this.prep;
    const w = this.weight!;
    const { inv, g, m } = this;
    // m ← B·M⁻¹ (column-major products of symmetric matrices).
    let trace = 0;
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += w[k * p + i]! * inv[j * p + k]!;
        m[j * p + i] = s;
      }
      trace += m[j * p + j]!;
    }
    for (let j = 0; j < p; j++)
      for (let i = 0; i <= j; i++) {
        let s = 0;
        for (let k = 0; k < p; k++) s += inv[k * p + i]! * m[j * p + k]!;
        g[j * p + i] = s;
        g[i * p + j] = s;
      }
    this.trace = trace;
  }

  /**
   * Recomputes M⁻¹, ln det and (trace criteria) G and the trace from the design rows, but not the candidates'
   * variances: O(p³). Returns false when the design is singular.
   */
  refreshInverse(): boolean {
    const { p, rows, fixedRows, nFixed } = this.prep;
    informationFromRows(p, rows, this.selected, this.size, fixedRows, nFixed, this.m);
    if (this.ridge !== null) for (let k = 0; k < p; k++) this.m[k * p + k]! += this.ridge[k]!;
    const logDet = invertSpd(this.m, p, this.inv);
    if (logDet === null) return false;
    this.logDet = logDet;
    if (this.weight !== null) this.recomputeWeighted();
    this.updates = 0;
    return true;
  }

  /**
   * Recomputes M⁻¹, ln det, G, the trace and every candidate's d (and e) from the design rows: O(N·p²). Returns
   * false when the design is singular.
   */
  refresh(): boolean {
    if (!this.refreshInverse()) return false;
    const { p, nCandidates: n, rows } = this.prep;
    const { inv, g, d, e, u: x } = this;
    if (this.weight === null) {
      varianceSweep(inv, p, rows, n, d);
      return true;
    }
    for (let j = 0; j < n; j++) {
      const o = j * p;
      for (let a = 0; a < p; a++) x[a] = rows[o + a]!;
      let sd = 0;
      let se = 0;
      for (let a = 0; a < p; a++) {
        const xa = x[a]!;
        if (xa === 0) continue;
        const oa = a * p;
        let td = 0.5 * inv[oa + a]! * xa;
        let te = 0.5 * g[oa + a]! * xa;
        for (let b = a + 1; b < p; b++) {
          const xb = x[b]!;
          td += inv[oa + b]! * xb;
          te += g[oa + b]! * xb;
        }
        sd += td * xa;
        se += te * xa;
      }
      d[j] = 2 * sd;
      e[j] = 2 * se;
    }
    return true;
  }

  /** Makes the design exactly the candidates `selected` (in that order) under `weight`, and refreshes. */
  load(selected: ArrayLike<number>, weight: Float64Array | null): boolean {
    this.reset();
    for (let t = 0; t < selected.length; t++) {
      this.selected[t] = selected[t]!;
      this.blocked[selected[t]!] = 1;
    }
    this.size = selected.length;
    this.weight = weight;
    return this.refresh();
  }

  /**
   * Periodic upkeep against rounding drift after REFRESH_EVERY updates. Under D only M⁻¹ is recomputed (O(p³)):
   * each d is updated from the current M⁻¹, so its error stays at the rounding of the increments; the trace
   * criteria recompute everything, as their e updates involve G as well.
   */
  upkeep(): void {
    if (this.weight === null && this.ridge === null) {
      if (!this.refreshInverse()) throw new Error('upkeep: the design became singular');
    } else this.refresh();
  }

  /** Switches to a trace criterion with weight B (or back to D with null) and refreshes. */
  useWeight(weight: Float64Array | null): boolean {
    this.weight = weight;
    return this.refresh();
  }

  /** Adds candidate j (nonsingular design required), updating M⁻¹, ln det, G, trace and every d, e. */
  add(j: number): void {
    const { p, nCandidates: n, rows } = this.prep;
    const { inv, d, e, g, u, gy } = this;
    const dj = d[j]!;
    const c = 1 + dj;
    symmetricTimes(inv, p, rows, j * p, u);
    const weighted = this.weight !== null;
    const ej = e[j]!;
    if (weighted) symmetricTimes(g, p, rows, j * p, gy);
    for (let z = 0; z < n; z++) {
      const o = z * p;
      let t = 0;
      let q = 0;
      if (weighted) {
        for (let k = 0; k < p; k++) {
          const x = rows[o + k]!;
          t += u[k]! * x;
          q += gy[k]! * x;
        }
        e[z] = e[z]! - (2 * q * t) / c + (t * t * ej) / (c * c);
      } else {
        for (let k = 0; k < p; k++) t += u[k]! * rows[o + k]!;
      }
      d[z] = d[z]! - (t * t) / c;
    }
    for (let b = 0; b < p; b++) {
      const ub = u[b]! / c;
      const ob = b * p;
      for (let a = 0; a < p; a++) inv[ob + a]! -= u[a]! * ub;
    }
    if (weighted) {
      for (let b = 0; b < p; b++) {
        const ob = b * p;
        for (let a = 0; a < p; a++)
          g[ob + a]! += -(gy[a]! * u[b]! + u[a]! * gy[b]!) / c + (u[a]! * u[b]! * ej) / (c * c);
      }
      this.trace -= ej / c;
    }
    this.logDet += Math.log(c);
    this.selected[this.size++] = j;
    this.blocked[j] = 1;
    this.updates++;
  }

  /** Replaces the design point at position t by candidate j, updating everything like `add`. */
  exchange(t: number, j: number): void {
    if (!this.tryExchange(t, j)) throw new Error('exchange: singular exchange was accepted');
  }

  /** `exchange`, unless the result would be singular: then returns false and changes nothing. */
  tryExchange(t: number, j: number): boolean {
    const { p, nCandidates: n, rows } = this.prep;
    const { inv, d, e, g, gy, gx, scratch, t0, t1 } = this;
    const i = this.selected[t]!;
    const weighted = this.weight !== null;
    let w00 = 0;
    let w01 = 0;
    let w11 = 0;
    if (weighted) {
      symmetricTimes(g, p, rows, j * p, gy);
      symmetricTimes(g, p, rows, i * p, gx);
      w00 = e[j]!;
      w11 = e[i]!;
      for (let k = 0; k < p; k++) w01 += gx[k]! * rows[j * p + k]!;
    }
    const logRatio = exchangeUpdate(inv, p, rows, j * p, rows, i * p, scratch);
    if (logRatio === null) return false;
    const { v, sInv } = scratch;
    const s00 = sInv[0]!;
    const s01 = sInv[1]!;
    const s11 = sInv[3]!;
    // P = S⁻¹·W·S⁻¹ for the e update and the trace change tr(S⁻¹W).
    const a00 = s00 * w00 + s01 * w01;
    const a01 = s00 * w01 + s01 * w11;
    const a10 = s01 * w00 + s11 * w01;
    const a11 = s01 * w01 + s11 * w11;
    const p00 = a00 * s00 + a01 * s01;
    const p01 = a00 * s01 + a01 * s11;
    const p11 = a10 * s01 + a11 * s11;
    if (!weighted) {
      // The O(N·p) part of a D exchange: two dot products per candidate, split over four accumulators so the
      // adds do not wait on each other.
      const va = v.subarray(0, p);
      const vb = v.subarray(p, 2 * p);
      const p2 = p & ~1;
      for (let z = 0; z < n; z++) {
        const o = z * p;
        let a0 = 0;
        let a1 = 0;
        let b0 = 0;
        let b1 = 0;
        for (let k = 0; k < p2; k += 2) {
          const x0 = rows[o + k]!;
          const x1 = rows[o + k + 1]!;
          a0 += va[k]! * x0;
          b0 += vb[k]! * x0;
          a1 += va[k + 1]! * x1;
          b1 += vb[k + 1]! * x1;
        }
        if (p2 < p) {
          const x = rows[o + p2]!;
          a0 += va[p2]! * x;
          b0 += vb[p2]! * x;
        }
        const ta = a0 + a1;
        const tb = b0 + b1;
        d[z] = d[z]! - (s00 * ta * ta + 2 * s01 * ta * tb + s11 * tb * tb);
      }
    }
    if (weighted) {
      for (let z = 0; z < n; z++) {
        const o = z * p;
        let ta = 0;
        let tb = 0;
        for (let k = 0; k < p; k++) {
          const x = rows[o + k]!;
          ta += v[k]! * x;
          tb += v[p + k]! * x;
        }
        t0[z] = ta;
        t1[z] = tb;
        d[z] = d[z]! - (s00 * ta * ta + 2 * s01 * ta * tb + s11 * tb * tb);
      }
      for (let z = 0; z < n; z++) {
        const o = z * p;
        let qa = 0;
        let qb = 0;
        for (let k = 0; k < p; k++) {
          const x = rows[o + k]!;
          qa += gy[k]! * x;
          qb += gx[k]! * x;
        }
        const ta = t0[z]!;
        const tb = t1[z]!;
        const cross = qa * (s00 * ta + s01 * tb) + qb * (s01 * ta + s11 * tb);
        e[z] = e[z]! - 2 * cross + (p00 * ta * ta + 2 * p01 * ta * tb + p11 * tb * tb);
      }
      // G' = G − (GU)S⁻¹Vᵀ − V S⁻¹(GU)ᵀ + V·P·Vᵀ with GU = [gy, gx], V = [v0, v1].
      for (let b = 0; b < p; b++) {
        const vb0 = v[b]!;
        const vb1 = v[p + b]!;
        const c0 = s00 * vb0 + s01 * vb1;
        const c1 = s01 * vb0 + s11 * vb1;
        const r0 = p00 * vb0 + p01 * vb1;
        const r1 = p01 * vb0 + p11 * vb1;
        const gb0 = gy[b]!;
        const gb1 = gx[b]!;
        const k0 = s00 * gb0 + s01 * gb1;
        const k1 = s01 * gb0 + s11 * gb1;
        const ob = b * p;
        for (let a = 0; a < p; a++) {
          const va0 = v[a]!;
          const va1 = v[p + a]!;
          g[ob + a]! += -(gy[a]! * c0 + gx[a]! * c1) - (va0 * k0 + va1 * k1) + va0 * r0 + va1 * r1;
        }
      }
      this.trace -= s00 * w00 + 2 * s01 * w01 + s11 * w11;
    }
    this.logDet += logRatio;
    this.blocked[i] = this.prep.excluded[i]!;
    this.blocked[j] = 1;
    this.selected[t] = j;
    this.updates++;
    return true;
  }
}

/**
 * d[j] ← x_jᵀ·A·x_j for every row of the row-major n×p `rows`, A symmetric (upper triangle read). Eight rows at a
 * time, so each element of A is loaded once per eight candidates and the eight sums do not wait on each other
 * (about 1.6× the one-row loop on N = 50,000, p = 28; four rows gave 1.5×). Each row's sum is formed in the same
 * order whether it falls in a block or in the tail, so a candidate's d does not depend on its index.
 */
export function varianceSweep(
  a: Float64Array,
  p: number,
  rows: Float64Array,
  n: number,
  d: Float64Array,
): void {
  let j = 0;
  for (; j + 7 < n; j += 8) {
    const o0 = j * p;
    const o1 = o0 + p;
    const o2 = o1 + p;
    const o3 = o2 + p;
    const o4 = o3 + p;
    const o5 = o4 + p;
    const o6 = o5 + p;
    const o7 = o6 + p;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let c = 0; c < p; c++) {
      const oc = c * p;
      const h = 0.5 * a[oc + c]!;
      let t0 = h * rows[o0 + c]!;
      let t1 = h * rows[o1 + c]!;
      let t2 = h * rows[o2 + c]!;
      let t3 = h * rows[o3 + c]!;
      let t4 = h * rows[o4 + c]!;
      let t5 = h * rows[o5 + c]!;
      let t6 = h * rows[o6 + c]!;
      let t7 = h * rows[o7 + c]!;
      for (let b = c + 1; b < p; b++) {
        const w = a[oc + b]!;
        t0 += w * rows[o0 + b]!;
        t1 += w * rows[o1 + b]!;
        t2 += w * rows[o2 + b]!;
        t3 += w * rows[o3 + b]!;
        t4 += w * rows[o4 + b]!;
        t5 += w * rows[o5 + b]!;
        t6 += w * rows[o6 + b]!;
        t7 += w * rows[o7 + b]!;
      }
      s0 += t0 * rows[o0 + c]!;
      s1 += t1 * rows[o1 + c]!;
      s2 += t2 * rows[o2 + c]!;
      s3 += t3 * rows[o3 + c]!;
      s4 += t4 * rows[o4 + c]!;
      s5 += t5 * rows[o5 + c]!;
      s6 += t6 * rows[o6 + c]!;
      s7 += t7 * rows[o7 + c]!;
    }
    d[j] = 2 * s0;
    d[j + 1] = 2 * s1;
    d[j + 2] = 2 * s2;
    d[j + 3] = 2 * s3;
    d[j + 4] = 2 * s4;
    d[j + 5] = 2 * s5;
    d[j + 6] = 2 * s6;
    d[j + 7] = 2 * s7;
  }
  for (; j < n; j++) {
    const o = j * p;
    let s = 0;
    for (let c = 0; c < p; c++) {
      const oc = c * p;
      const x = rows[o + c]!;
      let t = 0.5 * a[oc + c]! * x;
      for (let b = c + 1; b < p; b++) t += a[oc + b]! * rows[o + b]!;
      s += t * x;
    }
    d[j] = 2 * s;
  }
}
