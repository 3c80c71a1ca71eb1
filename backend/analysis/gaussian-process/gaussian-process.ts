/** Gaussian-process regression, because on small, expensive experiments its predictive standard deviation is what decides where to measure next. */
import type { FitContext, TrainedModel } from '../learners/trained-model.js';
import { minimizeLbfgs } from '../optimize/lbfgs.js';
import { createRng, deriveSeed } from '../random/rng.js';
import {
  cholesky,
  choleskyInverse,
  choleskyInto,
  solveLower,
  solveUpper,
  type CholeskyFactor,
} from './cholesky.js';
import {
  GP_KERNELS,
  contractKernelGradient,
  crossKernelScaled,
  kernelMatrix,
  priorVariance,
  scaleRows,
  type GpKernelName,
} from './kernels.js';

/**
 * Glossary (see kernels.ts for the kernel itself):
 * - x: column-major n×p Float64Array (x[i + j·n] = row i, feature j); y: length n, in the target's units.
 * - normalizeY (scikit-learn's normalize_y): the GP is fitted to (y − ȳ)/s_y, s_y the population standard
 *   deviation (ddof 0); predictions are mapped back, so σ_f² and σ_n² are then in units of s_y². If s_y = 0
 *   (constant y) s_y is taken as 1, as scikit-learn does: the predicted mean is that constant everywhere, and the
 *   fitted σ_f², σ_n² run to their lower bounds, so the predicted std is small (≈ √(lower σ_f² + lower σ_n²) in
 *   y's units with default bounds, about 0.0045) but not zero.
 * - alpha: added to the diagonal of K for numerical stability (scikit-learn's `alpha`; default 1e-10). It is not
 *   part of the kernel, so it does not enter the prior variance of new points.
 * - log marginal likelihood (LML): log N(y_norm | 0, K + alpha·I) = −½ yᵀK⁻¹y − ½ log det K − (n/2) log 2π, of
 *   the normalised y (scikit-learn's log_marginal_likelihood_value_, which likewise omits the −n log s_y of the
 *   change of variables).
 */

export interface GaussianProcessHyperparameters {
  /** σ_f² > 0, units of (normalised) y². Default 1 (scikit-learn's ConstantKernel(1.0)). */
  signalVariance?: number;
  /** ℓ_j > 0 in each feature's units: one value for all features or one per feature. Default 1. */
  lengthScales?: number | readonly number[] | Float64Array;
  /** σ_n² > 0, units of (normalised) y². Default 1 (scikit-learn's WhiteKernel(1.0)). */
  noiseVariance?: number;
}

export type HyperparameterRange = readonly [lower: number, upper: number];

/** Bounds on the hyperparameters themselves (not their logs); 0 < lower ≤ upper < ∞. lower = upper fixes one. */
export interface GaussianProcessBounds {
  /** Default [1e-5, 1e5], as scikit-learn. */
  signalVariance?: HyperparameterRange;
  /** One range for all features or one per feature; default [1e-5, 1e5]. */
  lengthScales?: HyperparameterRange | readonly HyperparameterRange[];
  /** Default [1e-5, 1e5]. */
  noiseVariance?: HyperparameterRange;
}

export interface GaussianProcessOptions {
  kernel: GpKernelName;
  /** Default true. */
  normalizeY?: boolean;
  /** Maximise the LML over the hyperparameters within `bounds`; false keeps `initial` as given. Default true. */
  optimize?: boolean;
  /** Extra optimiser starts, drawn log-uniformly within the bounds (scikit-learn's n_restarts_optimizer). Default 5. */
  nRestarts?: number;
  /** Diagonal jitter, ≥ 0, units of normalised y². Default 1e-10. */
  alpha?: number;
  /** Seed of the restart draws (restart r uses createRng(deriveSeed(seed, r))). Default 0. */
  seed?: number;
  /** Starting point of the first optimiser run, or the kernel itself when optimize is false. */
  initial?: GaussianProcessHyperparameters;
  bounds?: GaussianProcessBounds;
}

export interface GaussianProcessStart {
  /** LML reached from this start (−∞ if its starting kernel matrix was not positive definite). */
  logMarginalLikelihood: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
}

export interface GaussianProcessJson {
  kind: 'gaussian-process';
  version: 1;
  kernel: GpKernelName;
  nFeatures: number;
  nTrain: number;
  normalizeY: boolean;
  alpha: number;
  /** Log-hyperparameters [log σ_f², log ℓ_1..ℓ_p, log σ_n²]. */
  theta: number[];
  /** Training inputs, column-major, as given. */
  x: number[];
  /** Training targets, as given (not normalised). */
  y: number[];
  logMarginalLikelihood: number;
  jitter: number;
  starts: GaussianProcessStart[];
  [key: string]: unknown;
}

const LOG_2PI = Math.log(2 * Math.PI);
const DEFAULT_RANGE: HyperparameterRange = [1e-5, 1e5];

/** Optimiser settings: tighter than SciPy's defaults (ftol 2.2e-9, gtol 1e-5) so we stop nearer the optimum. */
const OPTIMIZER = { ftol: 1e-12, gtol: 1e-7, maxIterations: 2000, maxEvaluations: 5000 } as const;

interface Data {
  kernel: GpKernelName;
  x: Float64Array;
  y: Float64Array;
  n: number;
  p: number;
  yNorm: Float64Array;
  yMean: number;
  yStd: number;
  alpha: number;
}

interface Evaluation {
  value: number;
  factor: CholeskyFactor | null;
  weights: Float64Array | null;
}

function describeEntry(name: string, v: number): string {
  return Number.isNaN(v) ? `${name} is NaN` : `${name} is ${v > 0 ? '+' : '−'}∞`;
}

function checkFiniteMatrix(where: string, x: Float64Array, n: number, p: number): void {
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      const v = x[i + j * n]!;
      if (!Number.isFinite(v)) {
        throw new RangeError(
          `${where}: ${describeEntry(`x[row ${i}, feature ${j}]`, v)}; Gaussian processes need complete, finite inputs (impute or drop the row)`,
        );
      }
    }
  }
}

function mean(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s / a.length;
}

function makeData(
  kernel: GpKernelName,
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  normalizeY: boolean,
  alpha: number,
): Data {
  let yMean = 0;
  let yStd = 1;
  if (normalizeY) {
    yMean = mean(y);
    let ss = 0;
    for (const v of y) ss += (v - yMean) * (v - yMean);
    yStd = Math.sqrt(ss / n);
    if (yStd === 0) yStd = 1;
  }
  const yNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) yNorm[i] = (y[i]! - yMean) / yStd;
  return { kernel, x, y, n, p, yNorm, yMean, yStd, alpha };
}

/**
 * LML at θ. `retry` allows the Cholesky jitter retry (the final model); without it a matrix that is not
 * numerically positive definite gives −∞, as in scikit-learn. With `gradient` (length p + 2) also writes ∂LML/∂θ
 * = ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) (zeros when the value is −∞).
 */
function evaluate(d: Data, theta: Float64Array, retry: boolean, gradient: Float64Array | null): Evaluation {
  const { n, p } = d;
  const k = kernelMatrix(d.kernel, d.x, n, p, theta);
  for (let i = 0; i < n; i++) k[i * n + i] = k[i * n + i]! + d.alpha;
  let factor: CholeskyFactor;
  if (retry) {
    factor = cholesky(k, n, true);
  } else {
    const l = new Float64Array(n * n);
    if (!choleskyInto(k, n, 0, l)) {
      gradient?.fill(0);
      return { value: -Infinity, factor: null, weights: null };
    }
    factor = { n, l, jitter: 0 };
  }
  const weights = Float64Array.from(d.yNorm);
  solveLower(factor, weights);
  solveUpper(factor, weights);
  let quad = 0;
  for (let i = 0; i < n; i++) quad += d.yNorm[i]! * weights[i]!;
  let logDiag = 0;
  for (let i = 0; i < n; i++) logDiag += Math.log(factor.l[i * n + i]!);
  const value = -0.5 * quad - logDiag - (n / 2) * LOG_2PI;
  if (gradient) {
    const w = choleskyInverse(factor);
    for (let i = 0; i < n; i++) {
      const ai = weights[i]!;
      for (let j = 0; j <= i; j++) w[i * n + j] = ai * weights[j]! - w[i * n + j]!;
    }
    contractKernelGradient(d.kernel, d.x, n, p, theta, w, gradient);
    for (let i = 0; i < gradient.length; i++) gradient[i] = 0.5 * gradient[i]!;
  }
  return { value, factor, weights };
}

function positive(where: string, name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v))
    throw new RangeError(`${where}: ${name} must be finite and > 0, got ${v}`);
  return v;
}

function range(where: string, name: string, r: HyperparameterRange): HyperparameterRange {
  const [lo, hi] = r;
  positive(where, `${name} lower bound`, lo);
  positive(where, `${name} upper bound`, hi);
  if (lo > hi) throw new RangeError(`${where}: ${name} bounds [${lo}, ${hi}] are reversed`);
  return r;
}

function isRangeList(
  v: HyperparameterRange | readonly HyperparameterRange[],
): v is readonly HyperparameterRange[] {
  return typeof v[0] !== 'number';
}

function initialTheta(where: string, p: number, init: GaussianProcessHyperparameters): Float64Array {
  const theta = new Float64Array(p + 2);
  theta[0] = Math.log(positive(where, 'initial signalVariance', init.signalVariance ?? 1));
  const ls = init.lengthScales ?? 1;
  if (typeof ls === 'number') {
    const v = Math.log(positive(where, 'initial lengthScales', ls));
    for (let j = 0; j < p; j++) theta[1 + j] = v;
  } else {
    if (ls.length !== p)
      throw new RangeError(`${where}: ${ls.length} initial lengthScales for ${p} features`);
    for (let j = 0; j < p; j++)
      theta[1 + j] = Math.log(positive(where, `initial lengthScales[${j}]`, ls[j]!));
  }
  theta[p + 1] = Math.log(positive(where, 'initial noiseVariance', init.noiseVariance ?? 1));
  return theta;
}

function logBounds(
  where: string,
  p: number,
  b: GaussianProcessBounds,
): { lower: Float64Array; upper: Float64Array } {
  const lower = new Float64Array(p + 2);
  const upper = new Float64Array(p + 2);
  const put = (i: number, r: HyperparameterRange): void => {
    lower[i] = Math.log(r[0]);
    upper[i] = Math.log(r[1]);
  };
  put(0, range(where, 'signalVariance', b.signalVariance ?? DEFAULT_RANGE));
  const ls = b.lengthScales ?? DEFAULT_RANGE;
  if (isRangeList(ls)) {
    if (ls.length !== p) throw new RangeError(`${where}: ${ls.length} lengthScales bounds for ${p} features`);
    for (let j = 0; j < p; j++) put(1 + j, range(where, `lengthScales[${j}]`, ls[j]!));
  } else {
    const r = range(where, 'lengthScales', ls);
    for (let j = 0; j < p; j++) put(1 + j, r);
  }
  put(p + 1, range(where, 'noiseVariance', b.noiseVariance ?? DEFAULT_RANGE));
  return { lower, upper };
}

/** A fitted Gaussian-process regression. Immutable; every method is pure. */
export class GaussianProcessModel implements TrainedModel {
  readonly kind = 'gaussian-process';
  readonly task = 'regression';
  readonly nFeatures: number;
  readonly kernel: GpKernelName;
  readonly normalizeY: boolean;
  readonly nTrain: number;
  /** Mean and scale used to normalise y (0 and 1 when normalizeY is false). */
  readonly yMean: number;
  readonly yStd: number;
  /** Extra diagonal the final Cholesky needed beyond alpha (0 almost always; see cholesky.ts). */
  readonly jitter: number;
  /** LML of the fitted hyperparameters (with any jitter included). */
  readonly logMarginalLikelihoodValue: number;
  /** One entry per optimiser start (empty when not optimised). */
  readonly starts: readonly GaussianProcessStart[];
  readonly #data: Data;
  readonly #theta: Float64Array;
  readonly #factor: CholeskyFactor;
  readonly #weights: Float64Array;
  readonly #trainScaled: Float64Array;

  /** @internal Use fitGaussianProcess or gaussianProcessFromJson. */
  constructor(data: Data, normalizeY: boolean, theta: Float64Array, starts: readonly GaussianProcessStart[]) {
    const where = 'GaussianProcessModel';
    const e = evaluate(data, theta, true, null);
    if (!e.factor || !e.weights) throw new RangeError(`${where}: kernel matrix is not positive definite`);
    this.#data = data;
    this.#theta = Float64Array.from(theta);
    this.#factor = e.factor;
    this.#weights = e.weights;
    this.#trainScaled = scaleRows(data.x, data.n, data.p, theta);
    this.nFeatures = data.p;
    this.nTrain = data.n;
    this.kernel = data.kernel;
    this.normalizeY = normalizeY;
    this.yMean = data.yMean;
    this.yStd = data.yStd;
    this.jitter = e.factor.jitter;
    this.logMarginalLikelihoodValue = e.value;
    this.starts = starts;
  }

  /** Log-hyperparameters [log σ_f², log ℓ_1..ℓ_p, log σ_n²] (a copy). */
  get theta(): Float64Array {
    return Float64Array.from(this.#theta);
  }

  /** The fitted hyperparameters on their natural scale (σ², ℓ in feature units). */
  get hyperparameters(): { signalVariance: number; lengthScales: Float64Array; noiseVariance: number } {
    const p = this.nFeatures;
    const lengthScales = new Float64Array(p);
    for (let j = 0; j < p; j++) lengthScales[j] = Math.exp(this.#theta[1 + j]!);
    return {
      signalVariance: Math.exp(this.#theta[0]!),
      lengthScales,
      noiseVariance: Math.exp(this.#theta[p + 1]!),
    };
  }

  #cross(x: Float64Array, n: number, where: string): Float64Array {
    const p = this.nFeatures;
    if (!Number.isInteger(n) || n < 0 || x.length !== n * p) {
      throw new RangeError(`${where}: x must hold n×p = ${n}×${p} values, got ${x.length}`);
    }
    checkFiniteMatrix(where, x, n, p);
    const xs = scaleRows(x, n, p, this.#theta);
    return crossKernelScaled(this.kernel, xs, n, this.#trainScaled, this.nTrain, p, this.#theta);
  }

  #mean(ks: Float64Array, n: number): Float64Array {
    const m = this.nTrain;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += ks[i * m + j]! * this.#weights[j]!;
      out[i] = this.yStd * s + this.yMean;
    }
    return out;
  }

  /** Predictive mean at n new rows (column-major n×p, finite; not mutated), in y's units. */
  predict(x: Float64Array, n: number): Float64Array {
    return this.#mean(this.#cross(x, n, 'GaussianProcessModel.predict'), n);
  }

  /**
   * Predictive mean and standard deviation of a new observation (the white noise included, as scikit-learn's
   * predict(return_std=True) with a WhiteKernel), both in y's units. A variance that rounding makes negative is
   * set to 0.
   */
  predictWithStd(x: Float64Array, n: number): { mean: Float64Array; std: Float64Array } {
    const ks = this.#cross(x, n, 'GaussianProcessModel.predictWithStd');
    const mean = this.#mean(ks, n);
    const m = this.nTrain;
    const prior = priorVariance(this.nFeatures, this.#theta);
    const std = new Float64Array(n);
    const v = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      v.set(ks.subarray(i * m, (i + 1) * m));
      solveLower(this.#factor, v);
      let vv = 0;
      for (let j = 0; j < m; j++) vv += v[j]! * v[j]!;
      const variance = prior - vv;
      std[i] = variance > 0 ? Math.sqrt(variance) * this.yStd : 0;
    }
    return { mean, std };
  }

  /**
   * LML of the training data at log-hyperparameters θ (default: the fitted ones, then including any jitter).
   * For another θ a kernel matrix that is not positive definite gives −∞, as in scikit-learn.
   */
  logMarginalLikelihood(theta?: Float64Array): number {
    if (!theta) return this.logMarginalLikelihoodValue;
    return this.logMarginalLikelihoodWithGradient(theta).value;
  }

  /** LML and its gradient with respect to θ (length p + 2) at θ (default: the fitted θ, without jitter). */
  logMarginalLikelihoodWithGradient(theta?: Float64Array): { value: number; gradient: Float64Array } {
    const t = theta ?? this.#theta;
    if (t.length !== this.nFeatures + 2) {
      throw new RangeError(`logMarginalLikelihood: θ needs ${this.nFeatures + 2} entries, got ${t.length}`);
    }
    const gradient = new Float64Array(t.length);
    const e = evaluate(this.#data, t, false, gradient);
    return { value: e.value, gradient };
  }

  toJSON(): GaussianProcessJson {
    const d = this.#data;
    return {
      kind: 'gaussian-process',
      version: 1,
      kernel: this.kernel,
      nFeatures: this.nFeatures,
      nTrain: this.nTrain,
      normalizeY: this.normalizeY,
      alpha: d.alpha,
      theta: Array.from(this.#theta),
      x: Array.from(d.x),
      y: Array.from(d.y),
      logMarginalLikelihood: this.logMarginalLikelihoodValue,
      jitter: this.jitter,
      starts: this.starts.map((s) => ({ ...s })),
    };
  }
}

function checkInputs(where: string, x: Float64Array, y: Float64Array, n: number, p: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${where}: need at least one row, got n = ${n}`);
  if (!Number.isInteger(p) || p < 1)
    throw new RangeError(`${where}: need at least one feature, got p = ${p}`);
  if (x.length !== n * p)
    throw new RangeError(`${where}: x must hold n×p = ${n}×${p} values, got ${x.length}`);
  if (y.length !== n) throw new RangeError(`${where}: y must hold n = ${n} values, got ${y.length}`);
  checkFiniteMatrix(where, x, n, p);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `${where}: ${describeEntry(`y[${i}]`, v)}; Gaussian processes need finite targets`,
      );
    }
  }
}

/**
 * Fits a Gaussian-process regression to column-major n×p `x` and length-n `y` (neither mutated; both copied),
 * like scikit-learn's GaussianProcessRegressor with kernel ConstantKernel·{RBF, Matern}(ARD) + WhiteKernel.
 *
 * With `optimize` the log marginal likelihood is maximised over θ = log hyperparameters with analytic gradients
 * by bounded L-BFGS (optimize/lbfgs.ts), first from `initial` (clipped into the bounds), then from `nRestarts`
 * points drawn uniformly in log space within the bounds; the best start wins (the first on ties). A start whose
 * kernel matrix is not positive definite scores −∞. The final kernel matrix is factorised with the documented
 * jitter retry (cholesky.ts). Works with more features than rows. NaN or ±∞ anywhere in x or y → RangeError.
 * Deterministic: same data, options and seed → the same model, bit for bit. Checks `ctx.signal` at every
 * likelihood evaluation and reports progress after each start.
 */
export function fitGaussianProcess(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  options: GaussianProcessOptions,
  ctx: FitContext = {},
): GaussianProcessModel {
  const where = 'fitGaussianProcess';
  checkInputs(where, x, y, n, p);
  if (!GP_KERNELS.includes(options.kernel)) {
    throw new RangeError(
      `${where}: unknown kernel '${String(options.kernel)}' (expected ${GP_KERNELS.join(', ')})`,
    );
  }
  const normalizeY = options.normalizeY ?? true;
  const alpha = options.alpha ?? 1e-10;
  if (!(alpha >= 0) || !Number.isFinite(alpha))
    throw new RangeError(`${where}: alpha must be finite and ≥ 0, got ${alpha}`);
  const nRestarts = options.nRestarts ?? 5;
  if (!Number.isInteger(nRestarts) || nRestarts < 0) {
    throw new RangeError(`${where}: nRestarts must be an integer ≥ 0, got ${nRestarts}`);
  }
  const seed = options.seed ?? 0;
  const theta0 = initialTheta(where, p, options.initial ?? {});
  const { lower, upper } = logBounds(where, p, options.bounds ?? {});
  const data = makeData(options.kernel, Float64Array.from(x), Float64Array.from(y), n, p, normalizeY, alpha);
  ctx.signal?.throwIfAborted();

  if (!(options.optimize ?? true)) {
    ctx.onProgress?.(1);
    return new GaussianProcessModel(data, normalizeY, theta0, []);
  }

  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const value = evaluate(data, theta, false, gradient).value;
    for (let i = 0; i < gradient.length; i++) gradient[i] = -gradient[i]!;
    return -value;
  };
  const nStarts = nRestarts + 1;
  const starts: GaussianProcessStart[] = [];
  let best: Float64Array = Float64Array.from(theta0);
  let bestValue = -Infinity;
  for (let r = 0; r < nStarts; r++) {
    let start = theta0;
    if (r > 0) {
      const rng = createRng(deriveSeed(seed, r));
      start = new Float64Array(p + 2);
      for (let k = 0; k < p + 2; k++) start[k] = lower[k]! + (upper[k]! - lower[k]!) * rng.next();
    }
    const res = minimizeLbfgs(objective, start, {
      lower,
      upper,
      ...OPTIMIZER,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const value = -res.fx;
    starts.push({
      logMarginalLikelihood: value,
      converged: res.converged,
      iterations: res.iterations,
      evaluations: res.evaluations,
    });
    if (value > bestValue) {
      bestValue = value;
      best = Float64Array.from(res.x);
    }
    ctx.onProgress?.((r + 1) / nStarts);
  }
  if (bestValue === -Infinity) {
    // Every start failed to factorise; clip the initial point into the box and let the jitter retry decide.
    for (let k = 0; k < p + 2; k++) best[k] = Math.min(Math.max(theta0[k]!, lower[k]!), upper[k]!);
  }
  return new GaussianProcessModel(data, normalizeY, best, starts);
}

function numberArray(where: string, name: string, v: unknown, length: number): Float64Array {
  if (!Array.isArray(v) || v.length !== length)
    throw new RangeError(`${where}: '${name}' must be an array of ${length} numbers`);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const e: unknown = v[i];
    if (typeof e !== 'number' || !Number.isFinite(e))
      throw new RangeError(`${where}: '${name}[${i}]' is not a finite number`);
    out[i] = e;
  }
  return out;
}

/**
 * Restores a model from `toJSON()` output (or its JSON.parse). The Cholesky factor and K⁻¹y are recomputed by
 * the same deterministic code from the stored data and θ, so predictions equal the original's bit for bit.
 * Throws a RangeError on a malformed or unknown-version object.
 */
export function gaussianProcessFromJson(json: unknown): GaussianProcessModel {
  const where = 'gaussianProcessFromJson';
  if (typeof json !== 'object' || json === null) throw new RangeError(`${where}: expected an object`);
  const o = json as Record<string, unknown>;
  if (o.kind !== 'gaussian-process') throw new RangeError(`${where}: kind must be 'gaussian-process'`);
  if (o.version !== 1) throw new RangeError(`${where}: unsupported version ${String(o.version)}`);
  const kernel = o.kernel;
  if (typeof kernel !== 'string' || !GP_KERNELS.includes(kernel as GpKernelName)) {
    throw new RangeError(`${where}: unknown kernel ${String(kernel)}`);
  }
  const p = o.nFeatures;
  const n = o.nTrain;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1) throw new RangeError(`${where}: bad nFeatures`);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new RangeError(`${where}: bad nTrain`);
  if (typeof o.normalizeY !== 'boolean') throw new RangeError(`${where}: normalizeY must be a boolean`);
  const alpha = o.alpha;
  if (typeof alpha !== 'number' || !(alpha >= 0) || !Number.isFinite(alpha))
    throw new RangeError(`${where}: bad alpha`);
  const theta = numberArray(where, 'theta', o.theta, p + 2);
  const x = numberArray(where, 'x', o.x, n * p);
  const y = numberArray(where, 'y', o.y, n);
  const startsIn = Array.isArray(o.starts) ? (o.starts as unknown[]) : [];
  const starts: GaussianProcessStart[] = startsIn.map((s, i) => {
    const r = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    const lml = r.logMarginalLikelihood;
    if (typeof lml !== 'number' && lml !== null) throw new RangeError(`${where}: bad starts[${i}]`);
    return {
      // JSON turns −∞ into null.
      logMarginalLikelihood: typeof lml === 'number' ? lml : -Infinity,
      converged: r.converged === true,
      iterations: typeof r.iterations === 'number' ? r.iterations : 0,
      evaluations: typeof r.evaluations === 'number' ? r.evaluations : 0,
    };
  });
  const data = makeData(kernel as GpKernelName, x, y, n, p, o.normalizeY, alpha);
  return new GaussianProcessModel(data, o.normalizeY, theta, starts);
}
