/** Binary logistic regression (L2, elastic-net or unpenalised with Wald inference) matching scikit-learn and statsmodels to near machine precision. */
import type { AbortSignalLike } from '../linear/ols.js';
import { householderQr, invertR } from '../linear/householder-qr.js';
import { ConvergenceError } from './convergence-error.js';
import { checkShape, predictLinear, type FitContext, type LinearFit } from './linear-fit.js';
import { normalTwoSidedP } from './normal-tail.js';

export type LogisticPenalty = 'l2' | 'elasticnet' | 'none';

export interface LogisticOptions {
  penalty: LogisticPenalty;
  /** Inverse penalty strength C > 0 (scikit-learn's `C`; default 1). Ignored for 'none'. */
  C?: number;
  /** Share of the L1 part for 'elasticnet', in [0, 1] (scikit-learn's `l1_ratio`). Required there, ignored otherwise. */
  l1Ratio?: number;
  /** Fit an unpenalised intercept (default true). */
  fitIntercept?: boolean;
  /**
   * Stop when every component of the (minimum-norm sub)gradient of the objective, divided by C·n and by
   * max(1, max_i |x_ij|) of its column, is at most tol (default 1e-12), or when a step no longer changes
   * any parameter by more than a few ulps.
   */
  tol?: number;
  /** Maximum number of (proximal) Newton steps (default 100). */
  maxIter?: number;
}

/** Wald inference of an unpenalised fit, in statsmodels `Logit` order: the intercept (when fitted) first, then the coefficients. */
export interface LogisticInference {
  estimates: Float64Array;
  /** √diag of the inverse Fisher information (XᵀWX)⁻¹ at the estimate; units of the estimate. */
  standardErrors: Float64Array;
  /** estimate / standard error (dimensionless). */
  z: Float64Array;
  /** Two-sided p-values from the standard normal distribution. */
  pValues: Float64Array;
  /** (XᵀWX)⁻¹, k×k column-major (k = estimates.length). */
  covariance: Float64Array;
  /** Maximised log-likelihood Σ yᵢ·log μᵢ + (1 − yᵢ)·log(1 − μᵢ) (nats). */
  logLikelihood: number;
}

export interface LogisticFit extends LinearFit {
  /** Present only for penalty 'none': Wald inference is not valid for penalised estimates. */
  inference?: LogisticInference;
}

const EPS = 2 ** -52;
/** |η| beyond which a fitted probability is within about 1e-13 of 0 or 1. */
const SATURATED_ETA = 30;

/** log(1 + e^η), without overflow or cancellation. Pure. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** The logistic function 1/(1 + e^−η), accurate in both tails. Pure. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/**
 * P(y = 1 | x) = sigmoid(intercept + x·w) for a column-major n×p `x`, written into `out` (allocated
 * when omitted) and returned. Mutates only `out`. Dimensionless.
 */
export function predictProbabilities(
  fit: LinearFit,
  x: Float64Array,
  n: number,
  p: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  predictLinear(fit, x, n, p, out);
  for (let i = 0; i < n; i++) out[i] = sigmoid(out[i]!);
  return out;
}

/** The problem in a common form: parameters β = (b, w) (b only when fitted), objective C·Σ logloss + l2/2‖w‖² + l1‖w‖₁. */
interface Problem {
  n: number;
  /** Number of parameters, p + (intercept ? 1 : 0). */
  k: number;
  /** Column-major n×k design with the column of ones first when the intercept is fitted. */
  a: Float64Array;
  y: Float64Array;
  c: number;
  l2: number;
  l1: number;
  /** 0 for the intercept, 1 for penalised coefficients. */
  penalised: Uint8Array;
  /** max(1, max_i |a_ij|) per column: makes the gradient test independent of column units. */
  columnScale: Float64Array;
}

/** Writes η = A·β into `eta`. */
function linearPredictor(pr: Problem, beta: Float64Array, eta: Float64Array): void {
  eta.fill(0);
  for (let j = 0; j < pr.k; j++) {
    const bj = beta[j]!;
    if (bj === 0) continue;
    const o = j * pr.n;
    for (let i = 0; i < pr.n; i++) eta[i]! += bj * pr.a[o + i]!;
  }
}

/** The full objective at β (η must be A·β). */
function objective(pr: Problem, beta: Float64Array, eta: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < pr.n; i++) loss += softplus(eta[i]!) - pr.y[i]! * eta[i]!;
  let sq = 0;
  let abs = 0;
  for (let j = 0; j < pr.k; j++) {
    if (pr.penalised[j] === 0) continue;
    sq += beta[j]! * beta[j]!;
    abs += Math.abs(beta[j]!);
  }
  return pr.c * loss + 0.5 * pr.l2 * sq + pr.l1 * abs;
}

/** Gradient and Hessian of the logloss part C·Σ logloss at η; the Hessian is k×k column-major, full (both triangles). */
function derivatives(
  pr: Problem,
  eta: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
  weights: Float64Array,
  resid: Float64Array,
): void {
  const { n, k, a, c } = pr;
  for (let i = 0; i < n; i++) {
    const mu = sigmoid(eta[i]!);
    resid[i] = mu - pr.y[i]!;
    weights[i] = mu * (1 - mu);
  }
  for (let j = 0; j < k; j++) {
    const oj = j * n;
    let g = 0;
    for (let i = 0; i < n; i++) g += a[oj + i]! * resid[i]!;
    grad[j] = c * g;
    for (let m = 0; m <= j; m++) {
      const om = m * n;
      let h = 0;
      for (let i = 0; i < n; i++) h += a[oj + i]! * weights[i]! * a[om + i]!;
      h *= c;
      hess[j + m * k] = h;
      hess[m + j * k] = h;
    }
  }
}

/** Solves H·d = g in place (d overwrites g) by Cholesky; returns false if H is not numerically positive definite. */
function choleskySolve(h: Float64Array, k: number, g: Float64Array): boolean {
  const l = Float64Array.from(h);
  for (let j = 0; j < k; j++) {
    let s = l[j + j * k]!;
    for (let m = 0; m < j; m++) s -= l[j + m * k]! * l[j + m * k]!;
    if (!(s > EPS * Math.abs(h[j + j * k]!)) || !(s > 0)) return false;
    const d = Math.sqrt(s);
    l[j + j * k] = d;
    for (let i = j + 1; i < k; i++) {
      let t = l[i + j * k]!;
      for (let m = 0; m < j; m++) t -= l[i + m * k]! * l[j + m * k]!;
      l[i + j * k] = t / d;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = g[i]!;
    for (let m = 0; m < i; m++) s -= l[i + m * k]! * g[m]!;
    g[i] = s / l[i + i * k]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = g[i]!;
    for (let m = i + 1; m < k; m++) s -= l[m + i * k]! * g[m]!;
    g[i] = s / l[i + i * k]!;
  }
  return true;
}

/**
 * Newton direction d = −(H + l2·I_w)⁻¹(g + l2·w) for the smooth objective (H, g of the logloss part).
 * Writes d; returns false when the matrix is not numerically positive definite.
 */
function newtonStep(
  pr: Problem,
  beta: Float64Array,
  g: Float64Array,
  h: Float64Array,
  d: Float64Array,
): boolean {
  const { k } = pr;
  const m = Float64Array.from(h);
  for (let j = 0; j < k; j++) {
    d[j] = g[j]!;
    if (pr.penalised[j] === 1 && pr.l2 > 0) {
      d[j]! += pr.l2 * beta[j]!;
      m[j + j * k]! += pr.l2;
    }
  }
  if (!choleskySolve(m, k, d)) return false;
  for (let j = 0; j < k; j++) d[j] = -d[j]!;
  return true;
}

/**
 * Proximal Newton direction for the elastic net: minimises gᵀd + ½dᵀHd + l2/2‖w + d_w‖² + l1‖w + d_w‖₁
 * over d by cyclic coordinate descent (g, H of the logloss part only). Writes d; mutates nothing else.
 */
function proximalDirection(
  pr: Problem,
  beta: Float64Array,
  g: Float64Array,
  h: Float64Array,
  d: Float64Array,
): void {
  const { k, l1, l2 } = pr;
  const hd = new Float64Array(k);
  d.fill(0);
  for (let sweep = 0; sweep < 10_000; sweep++) {
    let change = 0;
    let size = 0;
    for (let j = 0; j < k; j++) {
      const hjj = h[j + j * k]!;
      const old = d[j]!;
      const r = g[j]! + hd[j]! - hjj * old;
      let next: number;
      if (pr.penalised[j] === 0) {
        next = hjj > 0 ? -r / hjj : 0;
      } else {
        const z = hjj * beta[j]! - r;
        const shrunk = Math.abs(z) - l1;
        const v = shrunk > 0 && hjj + l2 > 0 ? (Math.sign(z) * shrunk) / (hjj + l2) : 0;
        next = v - beta[j]!;
      }
      const delta = next - old;
      if (delta !== 0) {
        d[j] = next;
        for (let m = 0; m < k; m++) hd[m]! += h[m + j * k]! * delta;
      }
      change = Math.max(change, Math.abs(delta));
      size = Math.max(size, Math.abs(beta[j]! + next));
    }
    if (change <= 1e-15 * Math.max(size, 1e-300)) return;
  }
}

/** Largest scaled component of the minimum-norm subgradient of the objective (the stopping measure); `lossGrad` is the logloss part. */
function optimality(pr: Problem, beta: Float64Array, lossGrad: Float64Array): number {
  let worst = 0;
  const scale = pr.c * pr.n;
  for (let j = 0; j < pr.k; j++) {
    let g = lossGrad[j]!;
    if (pr.penalised[j] === 1) {
      g += pr.l2 * beta[j]!;
      if (beta[j] !== 0) g += pr.l1 * Math.sign(beta[j]!);
      else g = Math.max(0, Math.abs(g) - pr.l1);
    }
    worst = Math.max(worst, Math.abs(g) / (scale * pr.columnScale[j]!));
  }
  return worst;
}

function checkLabels(y: Float64Array): void {
  let ones = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new RangeError(`fitLogistic: y[${i}] = ${v}; labels must be 0 or 1`);
    ones += v;
  }
  if (ones === 0 || ones === y.length)
    throw new RangeError('fitLogistic: y must contain both classes (0 and 1)');
}

function buildProblem(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: LogisticOptions,
): Problem {
  const fitIntercept = options.fitIntercept ?? true;
  const offset = fitIntercept ? 1 : 0;
  const k = p + offset;
  const a = new Float64Array(n * k);
  if (fitIntercept) a.fill(1, 0, n);
  a.set(x, offset * n);
  const penalised = new Uint8Array(k).fill(1);
  if (fitIntercept) penalised[0] = 0;
  const columnScale = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let m = 1;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[j * n + i]!));
    columnScale[j] = m;
  }
  let c = 1;
  let l2 = 0;
  let l1 = 0;
  if (options.penalty !== 'none') {
    c = options.C ?? 1;
    if (!(c > 0) || !Number.isFinite(c))
      throw new RangeError(`fitLogistic: C must be finite and > 0, got ${c}`);
    if (options.penalty === 'l2') {
      l2 = 1;
    } else if (options.penalty === 'elasticnet') {
      const r = options.l1Ratio;
      if (r === undefined || !(r >= 0 && r <= 1)) {
        throw new RangeError(`fitLogistic: penalty 'elasticnet' needs l1Ratio in [0, 1], got ${r}`);
      }
      l1 = r;
      l2 = 1 - r;
    } else {
      throw new RangeError(`fitLogistic: unknown penalty ${String(options.penalty)}`);
    }
  }
  return { n, k, a, y, c, l2, l1, penalised, columnScale };
}

/** Throws a RangeError unless [1, X] has full column rank (otherwise the unpenalised MLE is not unique). */
function checkFullRank(pr: Problem): void {
  const f = householderQr(pr.a, pr.n, pr.k, pr.penalised[0] === 0 ? { leading: [0] } : {});
  if (f.rank < pr.k) {
    throw new RangeError(
      `fitLogistic: the design has rank ${f.rank} < ${pr.k} parameters (collinear columns or n too small); the unpenalised fit is not identifiable`,
    );
  }
}

/** Wald inference from the QR factorisation of W^½·A, never forming AᵀWA. */
function waldInference(pr: Problem, beta: Float64Array, eta: Float64Array): LogisticInference {
  const { n, k } = pr;
  const wa = new Float64Array(n * k);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const mu = sigmoid(eta[i]!);
    const s = Math.sqrt(mu * (1 - mu));
    for (let j = 0; j < k; j++) wa[i + j * n] = s * pr.a[i + j * n]!;
    logLikelihood -= softplus(eta[i]!) - pr.y[i]! * eta[i]!;
  }
  const f = householderQr(wa, n, k);
  if (f.rank < k) {
    throw new ConvergenceError('fitLogistic: the Fisher information is singular at the estimate', 0);
  }
  const rInv = invertR(f);
  const covariance = new Float64Array(k * k);
  for (let u = 0; u < k; u++) {
    for (let v = 0; v < k; v++) {
      let s = 0;
      for (let m = Math.max(u, v); m < k; m++) s += rInv[u + m * k]! * rInv[v + m * k]!;
      covariance[f.pivot[u]! + f.pivot[v]! * k] = s;
    }
  }
  const standardErrors = new Float64Array(k);
  const z = new Float64Array(k);
  const pValues = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    standardErrors[j] = Math.sqrt(covariance[j + j * k]!);
    z[j] = beta[j]! / standardErrors[j]!;
    pValues[j] = normalTwoSidedP(z[j]!);
  }
  return { estimates: Float64Array.from(beta), standardErrors, z, pValues, covariance, logLikelihood };
}

function maxAbsEta(eta: Float64Array): number {
  let m = 0;
  for (let i = 0; i < eta.length; i++) m = Math.max(m, Math.abs(eta[i]!));
  return m;
}

function separationError(nIter: number): ConvergenceError {
  return new ConvergenceError(
    'fitLogistic: the classes are perfectly or quasi-perfectly separated, so the unpenalised maximum-likelihood coefficients are infinite; use a penalised fit (l2 or elasticnet) or remove the separating predictor',
    nIter,
  );
}

/**
 * Binary logistic regression for labels y ∈ {0, 1} on a column-major n×p `x` (no intercept column).
 * Objectives, with logloss(y, η) = log(1 + e^η) − y·η and η = b + x·w (b unpenalised, omitted when
 * fitIntercept is false):
 *
 * - 'l2' (scikit-learn `LogisticRegression(penalty='l2', C)`): ½‖w‖² + C·Σ logloss;
 * - 'elasticnet' (scikit-learn `penalty='elasticnet', solver='saga', l1_ratio`):
 *   (1 − l1Ratio)/2·‖w‖² + l1Ratio·‖w‖₁ + C·Σ logloss;
 * - 'none' (statsmodels `Logit`): Σ logloss, i.e. maximum likelihood, with Wald inference (standard
 *   errors from the inverse Fisher information, z, two-sided normal p) in `inference`.
 *
 * Method: Newton's method with Cholesky steps ('l2', 'none') or proximal Newton with the step found by
 * coordinate descent on the quadratic model ('elasticnet'), both from β = 0 and with a backtracking
 * (Armijo) line search on the exact objective; converges quadratically near the optimum. See `tol`.
 *
 * Errors: RangeError for bad input (labels other than 0/1, one class only, and for 'none' a design
 * without full column rank). For 'none', ConvergenceError when the classes are (quasi-)perfectly
 * separated (every fitted probability within 1e-10 of its label, or no convergence with fitted
 * probabilities numerically 0 or 1, |η| > 30), or when Newton fails to converge. Penalised fits always
 * have a finite optimum; they return converged = false instead of throwing. Inputs are not mutated.
 */
export function fitLogistic(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: LogisticOptions,
  context: FitContext = {},
): LogisticFit {
  checkShape('fitLogistic', x, y, n, p);
  checkLabels(y);
  const tol = options.tol ?? 1e-12;
  const maxIter = options.maxIter ?? 100;
  if (!(tol >= 0) || !Number.isFinite(tol))
    throw new RangeError(`fitLogistic: tol must be finite and ≥ 0, got ${tol}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`fitLogistic: maxIter must be a positive integer, got ${maxIter}`);
  const pr = buildProblem(x, y, n, p, options);
  const unpenalised = options.penalty === 'none';
  if (unpenalised) checkFullRank(pr);
  const result = newton(pr, tol, maxIter, unpenalised, context.signal, context.onProgress);
  const { beta, eta } = result;
  const offset = pr.penalised[0] === 0 ? 1 : 0;
  const fit: LogisticFit = {
    intercept: offset === 1 ? beta[0]! : 0,
    coefficients: beta.slice(offset),
    nIter: result.nIter,
    converged: result.converged,
  };
  if (unpenalised) fit.inference = waldInference(pr, beta, eta);
  return fit;
}

function newton(
  pr: Problem,
  tol: number,
  maxIter: number,
  unpenalised: boolean,
  signal: AbortSignalLike | undefined,
  onProgress: ((fraction: number) => void) | undefined,
): { beta: Float64Array; eta: Float64Array; nIter: number; converged: boolean } {
  const { n, k } = pr;
  const beta = new Float64Array(k);
  const eta = new Float64Array(n);
  const trialBeta = new Float64Array(k);
  const trialEta = new Float64Array(n);
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const weights = new Float64Array(n);
  const resid = new Float64Array(n);
  const d = new Float64Array(k);
  const proximal = pr.l1 > 0;
  let f = objective(pr, beta, eta);
  let polishing = false;
  for (let iter = 0; iter < maxIter; iter++) {
    signal?.throwIfAborted();
    derivatives(pr, eta, grad, hess, weights, resid);
    if (unpenalised) {
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(resid[i]!));
      if (worst < 1e-10) throw separationError(iter);
    }
    if (optimality(pr, beta, grad) <= tol) {
      // Under quasi-separation the gradient vanishes while the coefficients still run off to infinity:
      // a Newton step that is still large where fitted probabilities are saturated gives that away.
      if (unpenalised && maxAbsEta(eta) > SATURATED_ETA) {
        const ok = newtonStep(pr, beta, grad, hess, d);
        let big = !ok;
        for (let j = 0; j < k && !big; j++) big = Math.abs(d[j]!) > 1e-6 * (1 + Math.abs(beta[j]!));
        if (big) throw separationError(iter);
      }
      // One more (quadratically convergent) step takes the iterate from tol to rounding level.
      polishing = true;
    }

    // Direction d (to be added to β) and the predicted decrease Δ < 0 of the objective's model.
    let decrease: number;
    if (proximal) {
      proximalDirection(pr, beta, grad, hess, d);
      decrease = 0;
      for (let j = 0; j < k; j++) {
        decrease += grad[j]! * d[j]!;
        if (pr.penalised[j] === 1) {
          const b = beta[j]!;
          const v = b + d[j]!;
          decrease += 0.5 * pr.l2 * (v * v - b * b) + pr.l1 * (Math.abs(v) - Math.abs(b));
        }
      }
    } else {
      if (!newtonStep(pr, beta, grad, hess, d)) {
        if (unpenalised && maxAbsEta(eta) > SATURATED_ETA) throw separationError(iter);
        throw new ConvergenceError('fitLogistic: the Hessian is not positive definite', iter);
      }
      decrease = 0;
      for (let j = 0; j < k; j++)
        decrease += (grad[j]! + (pr.penalised[j] === 1 ? pr.l2 * beta[j]! : 0)) * d[j]!;
    }

    // Backtracking line search, with a few ulps of slack so that rounding cannot stall the last steps.
    let t = 1;
    let accepted = false;
    let fTrial = f;
    for (let halving = 0; halving < 60; halving++) {
      for (let j = 0; j < k; j++) trialBeta[j] = beta[j]! + t * d[j]!;
      linearPredictor(pr, trialBeta, trialEta);
      fTrial = objective(pr, trialBeta, trialEta);
      if (fTrial <= f + 1e-4 * t * Math.min(decrease, 0) + 8 * EPS * Math.abs(f)) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    let moved = 0;
    for (let j = 0; j < k; j++) {
      if (Math.abs(trialBeta[j]! - beta[j]!) > 4 * EPS * Math.abs(beta[j]!)) moved++;
    }
    if (polishing) {
      if (accepted) {
        beta.set(trialBeta);
        eta.set(trialEta);
      }
      onProgress?.(1);
      return { beta, eta, nIter: iter + 1, converged: true };
    }
    if (!accepted || moved === 0) {
      // No representable improvement: the iterate is optimal to working precision.
      const separated = unpenalised && maxAbsEta(eta) > SATURATED_ETA;
      if (separated) throw separationError(iter + 1);
      return {
        beta,
        eta,
        nIter: iter + 1,
        converged: accepted || optimality(pr, beta, grad) <= Math.sqrt(tol),
      };
    }
    beta.set(trialBeta);
    eta.set(trialEta);
    f = fTrial;
    onProgress?.((iter + 1) / maxIter);
  }
  derivatives(pr, eta, grad, hess, weights, resid);
  const converged = optimality(pr, beta, grad) <= tol;
  if (unpenalised && (!converged || maxAbsEta(eta) > SATURATED_ETA)) {
    if (maxAbsEta(eta) > SATURATED_ETA) throw separationError(maxIter);
    throw new ConvergenceError(
      `fitLogistic: Newton's method did not converge in ${maxIter} iterations`,
      maxIter,
    );
  }
  return { beta, eta, nIter: maxIter, converged };
}
