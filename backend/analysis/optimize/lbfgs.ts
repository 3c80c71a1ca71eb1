/** Limited-memory BFGS with box bounds, so smooth fits with a handful of bounded parameters (GP hyperparameters) need no SciPy. */
import type { AbortSignalLike } from '../linear/ols.js';

/**
 * Glossary:
 * - objective: f(x) → number that also writes ∇f(x) into a caller-supplied `gradient` (length = dimension).
 *   It may return +∞ or NaN for an infeasible point (a failed factorisation, say); the line search then
 *   backs off. Infinite values at the starting point end the run at once (`reason: 'non-finite'`).
 * - active variable: one sitting on a bound with the gradient pushing it outwards; it is held fixed for the
 *   step. The others are free.
 * - projected gradient: P(x − ∇f) − x, with P the projection on the box; zero exactly at a KKT point.
 */

export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Lower bounds (−∞ allowed); default all −∞. Not mutated. */
  lower?: Float64Array;
  /** Upper bounds (+∞ allowed); default all +∞. Equal bounds fix a variable. Not mutated. */
  upper?: Float64Array;
  /** Number of correction pairs kept (SciPy's m); default 10. */
  memory?: number;
  /** Stop when max |projected gradient| ≤ gtol (SciPy's pgtol); default 1e-5. */
  gtol?: number;
  /** Stop when (f_prev − f) / max(|f_prev|, |f|, 1) ≤ ftol (SciPy's factr·ε); default 2.220446049250313e-9. */
  ftol?: number;
  /** Default 15000, as SciPy. */
  maxIterations?: number;
  /** Objective evaluations, line searches included; default 15000, as SciPy. */
  maxEvaluations?: number;
  signal?: AbortSignalLike;
}

export type LbfgsReason =
  'gtol' | 'ftol' | 'max-iterations' | 'max-evaluations' | 'line-search-failed' | 'non-finite';

export interface LbfgsResult {
  /** The best point found (always feasible). */
  x: Float64Array;
  fx: number;
  gradient: Float64Array;
  /** max |projected gradient| at x. */
  projectedGradientNorm: number;
  iterations: number;
  evaluations: number;
  /** True for 'gtol' and 'ftol'. */
  converged: boolean;
  reason: LbfgsReason;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_SEARCH = 40;
const EPS = 2.220446049250313e-16;

/** max_i |P(x_i − g_i) − x_i|. */
function projectedGradientNorm(x: Float64Array, g: Float64Array, lo: Float64Array, hi: Float64Array): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const moved = Math.min(Math.max(xi - g[i]!, lo[i]!), hi[i]!);
    const v = Math.abs(moved - xi);
    if (v > norm) norm = v;
  }
  return norm;
}

/**
 * Minimises a smooth `objective` from `x0` subject to lower ≤ x ≤ upper (x0 is first clipped into the box; it is
 * not mutated). Each iteration fixes the active variables, takes the L-BFGS two-loop direction in the free ones
 * (correction pairs restricted to the free coordinates, H₀ = γI with γ = sᵀy/yᵀy of the newest pair), cuts the
 * step at the first bound it would cross, and runs a strong-Wolfe line search (Nocedal & Wright Alg. 3.5/3.6,
 * c₁ = 1e-4, c₂ = 0.9, safeguarded cubic interpolation) on [0, step to that bound]; reaching the bound with
 * sufficient decrease is accepted, and the variable becomes active. This is the projected active-set variant of
 * L-BFGS-B, not Byrd–Lu–Nocedal–Zhu's generalised Cauchy point; on problems with few active bounds it takes the
 * same path as unconstrained L-BFGS. A pair is stored only if sᵀy > ε·yᵀy, so the inverse-Hessian stays positive
 * definite. Deterministic: same objective and inputs → same iterates.
 */
export function minimizeLbfgs(
  objective: Objective,
  x0: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const dim = x0.length;
  const lo = options.lower ?? new Float64Array(dim).fill(-Infinity);
  const hi = options.upper ?? new Float64Array(dim).fill(Infinity);
  if (lo.length !== dim || hi.length !== dim)
    throw new RangeError('minimizeLbfgs: bounds must have the length of x0');
  for (let i = 0; i < dim; i++) {
    if (!(lo[i]! <= hi[i]!)) throw new RangeError(`minimizeLbfgs: lower[${i}] > upper[${i}] or NaN`);
    if (!Number.isFinite(x0[i]!)) throw new RangeError(`minimizeLbfgs: x0[${i}] is not finite`);
  }
  const m = options.memory ?? 10;
  const gtol = options.gtol ?? 1e-5;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const maxIterations = options.maxIterations ?? 15000;
  const maxEvaluations = options.maxEvaluations ?? 15000;
  const signal = options.signal;

  const x = new Float64Array(dim);
  for (let i = 0; i < dim; i++) x[i] = Math.min(Math.max(x0[i]!, lo[i]!), hi[i]!);
  const g = new Float64Array(dim);
  let evaluations = 0;
  const evaluate = (point: Float64Array, grad: Float64Array): number => {
    signal?.throwIfAborted();
    evaluations++;
    const v = objective(point, grad);
    return Number.isNaN(v) ? Infinity : v;
  };
  let fx = evaluate(x, g);
  const finish = (reason: LbfgsReason, iterations: number): LbfgsResult => ({
    x,
    fx,
    gradient: g,
    projectedGradientNorm: projectedGradientNorm(x, g, lo, hi),
    iterations,
    evaluations,
    converged: reason === 'gtol' || reason === 'ftol',
    reason,
  });
  if (!Number.isFinite(fx)) return finish('non-finite', 0);
  for (let i = 0; i < dim; i++) if (!Number.isFinite(g[i]!)) return finish('non-finite', 0);

  const sMem: Float64Array[] = [];
  const yMem: Float64Array[] = [];
  const free = new Uint8Array(dim);
  const d = new Float64Array(dim);
  const q = new Float64Array(dim);
  const alphas = new Float64Array(m);
  const xNew = new Float64Array(dim);
  const gNew = new Float64Array(dim);
  const xTry = new Float64Array(dim);
  const gTry = new Float64Array(dim);

  const dotFree = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < dim; i++) if (free[i]) s += a[i]! * b[i]!;
    return s;
  };

  for (let iter = 0; iter < maxIterations; iter++) {
    if (projectedGradientNorm(x, g, lo, hi) <= gtol) return finish('gtol', iter);

    // Active set: on a bound with the gradient pushing outwards (or a fixed variable).
    for (let i = 0; i < dim; i++) {
      const xi = x[i]!;
      const gi = g[i]!;
      const atLo = xi <= lo[i]!;
      const atHi = xi >= hi[i]!;
      free[i] = (atLo && atHi) || (atLo && gi >= 0) || (atHi && gi <= 0) ? 0 : 1;
    }

    // Two-loop recursion on the free coordinates.
    for (let i = 0; i < dim; i++) q[i] = free[i] ? g[i]! : 0;
    let gamma = 1;
    let gammaSet = false;
    const used: number[] = [];
    for (let k = sMem.length - 1; k >= 0; k--) {
      const s = sMem[k]!;
      const y = yMem[k]!;
      const sy = dotFree(s, y);
      const yy = dotFree(y, y);
      if (!(sy > EPS * yy) || yy === 0) continue;
      if (!gammaSet) {
        gamma = sy / yy;
        gammaSet = true;
      }
      const a = dotFree(s, q) / sy;
      alphas[k] = a;
      for (let i = 0; i < dim; i++) if (free[i]) q[i] = q[i]! - a * y[i]!;
      used.push(k);
    }
    if (!gammaSet) {
      // First step (or memory unusable): a steepest-descent step of length at most 1 in the max norm.
      let gmax = 0;
      for (let i = 0; i < dim; i++) if (free[i]) gmax = Math.max(gmax, Math.abs(g[i]!));
      gamma = gmax > 1 ? 1 / gmax : 1;
    }
    for (let i = 0; i < dim; i++) q[i] = q[i]! * gamma;
    for (let u = used.length - 1; u >= 0; u--) {
      const k = used[u]!;
      const s = sMem[k]!;
      const y = yMem[k]!;
      const b = dotFree(y, q) / dotFree(s, y);
      const a = alphas[k]!;
      for (let i = 0; i < dim; i++) if (free[i]) q[i] = q[i]! + (a - b) * s[i]!;
    }
    for (let i = 0; i < dim; i++) d[i] = free[i] ? -q[i]! : 0;

    // Never step outwards from a bound the variable sits on.
    for (let i = 0; i < dim; i++) {
      if ((x[i]! <= lo[i]! && d[i]! < 0) || (x[i]! >= hi[i]! && d[i]! > 0)) d[i] = 0;
    }
    let slope = 0;
    for (let i = 0; i < dim; i++) slope += g[i]! * d[i]!;
    if (!(slope < 0)) {
      // Not a descent direction: drop the memory and fall back to the projected steepest descent.
      sMem.length = 0;
      yMem.length = 0;
      let gmax = 0;
      for (let i = 0; i < dim; i++) if (free[i]) gmax = Math.max(gmax, Math.abs(g[i]!));
      const scale = gmax > 1 ? 1 / gmax : 1;
      slope = 0;
      for (let i = 0; i < dim; i++) {
        let di = free[i] ? -g[i]! * scale : 0;
        if ((x[i]! <= lo[i]! && di < 0) || (x[i]! >= hi[i]! && di > 0)) di = 0;
        d[i] = di;
        slope += g[i]! * di;
      }
      if (!(slope < 0)) return finish('gtol', iter);
    }

    // Largest feasible step along d.
    let stepMax = Infinity;
    for (let i = 0; i < dim; i++) {
      const di = d[i]!;
      if (di < 0) stepMax = Math.min(stepMax, (lo[i]! - x[i]!) / di);
      else if (di > 0) stepMax = Math.min(stepMax, (hi[i]! - x[i]!) / di);
    }
    if (!(stepMax > 0)) return finish('line-search-failed', iter);

    const ls = strongWolfe(
      (t) => {
        for (let i = 0; i < dim; i++) {
          let v = x[i]! + t * d[i]!;
          if (t === stepMax) {
            // Land exactly on the bound that limited the step.
            if (d[i]! < 0 && (lo[i]! - x[i]!) / d[i]! === stepMax) v = lo[i]!;
            else if (d[i]! > 0 && (hi[i]! - x[i]!) / d[i]! === stepMax) v = hi[i]!;
          }
          xTry[i] = Math.min(Math.max(v, lo[i]!), hi[i]!);
        }
        const f = evaluate(xTry, gTry);
        let dphi = 0;
        for (let i = 0; i < dim; i++) dphi += gTry[i]! * d[i]!;
        return { f, dphi: Number.isFinite(dphi) ? dphi : NaN };
      },
      () => {
        xNew.set(xTry);
        gNew.set(gTry);
      },
      fx,
      slope,
      Math.min(1, stepMax),
      stepMax,
      () => evaluations >= maxEvaluations,
    );
    if (ls === null) {
      if (sMem.length > 0) {
        // Retry from steepest descent once before giving up.
        sMem.length = 0;
        yMem.length = 0;
        continue;
      }
      return finish(evaluations >= maxEvaluations ? 'max-evaluations' : 'line-search-failed', iter);
    }

    const fPrev = fx;
    const s = new Float64Array(dim);
    const y = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    x.set(xNew);
    g.set(gNew);
    fx = ls;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < dim; i++) {
      sy += s[i]! * y[i]!;
      yy += y[i]! * y[i]!;
    }
    if (sy > EPS * yy) {
      if (sMem.length === m) {
        sMem.shift();
        yMem.shift();
      }
      sMem.push(s);
      yMem.push(y);
    }
    if ((fPrev - fx) / Math.max(Math.abs(fPrev), Math.abs(fx), 1) <= ftol) {
      return finish(projectedGradientNorm(x, g, lo, hi) <= gtol ? 'gtol' : 'ftol', iter + 1);
    }
    if (evaluations >= maxEvaluations) return finish('max-evaluations', iter + 1);
  }
  return finish('max-iterations', maxIterations);
}

interface Trial {
  f: number;
  /** φ'(t) = ∇f(x + t d)·d; NaN if the gradient was not finite. */
  dphi: number;
}

/** Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), or NaN if it has none (N&W eq. 3.59). */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (gb + d2 - d1)) / (gb - ga + 2 * d2);
}

/**
 * Strong-Wolfe line search on φ(t) = f(x + t d), t ∈ (0, tMax]. `trial(t)` evaluates φ at t (the caller keeps
 * the point); `accept()` copies the last evaluated point as the chosen one. Returns φ at the accepted step, or
 * null if no step with sufficient decrease was found. Accepts t = tMax with sufficient decrease and φ' < 0
 * (a bound was reached).
 */
function strongWolfe(
  trial: (t: number) => Trial,
  accept: () => void,
  f0: number,
  g0: number,
  t0: number,
  tMax: number,
  outOfBudget: () => boolean,
): number | null {
  let tPrev = 0;
  let fPrev = f0;
  let gPrev = g0;
  let t = t0;
  let best: number | null = null;
  const armijo = (tt: number, f: number): boolean => f <= f0 + C1 * tt * g0;

  const zoom = (
    tLoIn: number,
    fLoIn: number,
    gLoIn: number,
    tHiIn: number,
    fHiIn: number,
    gHiIn: number,
  ): number | null => {
    let tLo = tLoIn;
    let fLo = fLoIn;
    let gLo = gLoIn;
    let tHi = tHiIn;
    let fHi = fHiIn;
    let gHi = gHiIn;
    for (let k = 0; k < MAX_LINE_SEARCH; k++) {
      if (outOfBudget()) return best;
      const width = Math.abs(tHi - tLo);
      if (width <= EPS * Math.max(Math.abs(tLo), Math.abs(tHi))) return best;
      let tj = Number.isFinite(fHi) && Number.isFinite(gHi) ? cubicMin(tLo, fLo, gLo, tHi, fHi, gHi) : NaN;
      const left = Math.min(tLo, tHi);
      const right = Math.max(tLo, tHi);
      const margin = 0.1 * width;
      if (!(tj >= left + margin && tj <= right - margin)) tj = 0.5 * (tLo + tHi);
      const r = trial(tj);
      if (!armijo(tj, r.f) || r.f >= fLo || Number.isNaN(r.dphi)) {
        tHi = tj;
        fHi = r.f;
        gHi = r.dphi;
      } else {
        accept();
        best = r.f;
        if (Math.abs(r.dphi) <= -C2 * g0) return r.f;
        if (r.dphi * (tHi - tLo) >= 0) {
          tHi = tLo;
          fHi = fLo;
          gHi = gLo;
        }
        tLo = tj;
        fLo = r.f;
        gLo = r.dphi;
      }
    }
    return best;
  };

  for (let k = 0; k < MAX_LINE_SEARCH; k++) {
    if (outOfBudget()) return best;
    const r = trial(t);
    if (!armijo(t, r.f) || Number.isNaN(r.dphi) || (k > 0 && r.f >= fPrev)) {
      return zoom(tPrev, fPrev, gPrev, t, r.f, r.dphi);
    }
    accept();
    best = r.f;
    if (Math.abs(r.dphi) <= -C2 * g0) return r.f;
    if (r.dphi >= 0) return zoom(t, r.f, r.dphi, tPrev, fPrev, gPrev);
    if (t >= tMax) return r.f;
    tPrev = t;
    fPrev = r.f;
    gPrev = r.dphi;
    t = Math.min(4 * t, tMax);
  }
  return best;
}
