/** The covariance functions of our Gaussian processes and their derivatives, shaped exactly as scikit-learn's ConstantKernel·RBF/Matern(ARD) + WhiteKernel so hyperparameters transfer one to one. */

/**
 * Glossary:
 * - k(x, x') = σ_f² · ρ(r) + σ_n² · [x and x' are the same training row], with the scaled distance
 *   r² = Σ_j (x_j − x'_j)² / ℓ_j² (one length scale ℓ_j per feature, in that feature's units: ARD).
 * - ρ: 'rbf' exp(−r²/2); 'matern12' exp(−r); 'matern32' (1 + √3 r) exp(−√3 r);
 *   'matern52' (1 + √5 r + 5r²/3) exp(−√5 r) (Matérn ν = 1/2, 3/2, 5/2).
 * - σ_f² (signal variance) and σ_n² (white-noise variance) are in units of the (normalised) target squared.
 * - θ (theta): the log-hyperparameters [log σ_f², log ℓ_1, …, log ℓ_p, log σ_n²], length p + 2, in the order of
 *   scikit-learn's `(ConstantKernel * RBF) + WhiteKernel`.theta.
 * - The white-noise term lives only on the diagonal of the training matrix K(X, X): a cross-covariance
 *   K(X*, X) never contains it, while the prior variance at a new point does (as WhiteKernel.diag).
 * - Training x is column-major n×p (x[i + j·n]); kernel matrices are row-major (K[i·nb + j]).
 */

export type GpKernelName = 'rbf' | 'matern12' | 'matern32' | 'matern52';

export const GP_KERNELS: readonly GpKernelName[] = ['rbf', 'matern12', 'matern32', 'matern52'];

const SQRT3 = Math.sqrt(3);
const SQRT5 = Math.sqrt(5);

/** Number of log-hyperparameters for p features: p + 2. */
export function thetaLength(p: number): number {
  return p + 2;
}

/** ρ(r) from r² (dimensionless). */
export function correlation(kind: GpKernelName, r2: number): number {
  switch (kind) {
    case 'rbf':
      return Math.exp(-0.5 * r2);
    case 'matern12':
      return Math.exp(-Math.sqrt(r2));
    case 'matern32': {
      const t = SQRT3 * Math.sqrt(r2);
      return (1 + t) * Math.exp(-t);
    }
    case 'matern52': {
      const t = SQRT5 * Math.sqrt(r2);
      return (1 + t + (t * t) / 3) * Math.exp(-t);
    }
  }
}

/**
 * h(r) with ∂ρ/∂log ℓ_j = h(r) · (x_j − x'_j)²/ℓ_j²: 'rbf' ρ; 'matern12' exp(−r)/r (0 at r = 0, as scikit-learn);
 * 'matern32' 3 exp(−√3 r); 'matern52' (5/3)(1 + √5 r) exp(−√5 r).
 */
function lengthScaleFactor(kind: GpKernelName, r2: number): number {
  switch (kind) {
    case 'rbf':
      return Math.exp(-0.5 * r2);
    case 'matern12': {
      if (r2 === 0) return 0;
      const r = Math.sqrt(r2);
      return Math.exp(-r) / r;
    }
    case 'matern32':
      return 3 * Math.exp(-SQRT3 * Math.sqrt(r2));
    case 'matern52': {
      const t = SQRT5 * Math.sqrt(r2);
      return (5 / 3) * (1 + t) * Math.exp(-t);
    }
  }
}

/** Row-major n×p copy of the column-major x with feature j divided by ℓ_j = exp(θ[1 + j]). New array. */
export function scaleRows(x: Float64Array, n: number, p: number, theta: Float64Array): Float64Array {
  const out = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const ell = Math.exp(theta[1 + j]!);
    const col = j * n;
    for (let i = 0; i < n; i++) out[i * p + j] = x[col + i]! / ell;
  }
  return out;
}

function squaredDistance(a: Float64Array, ia: number, b: Float64Array, ib: number, p: number): number {
  let s = 0;
  for (let k = 0; k < p; k++) {
    const d = a[ia + k]! - b[ib + k]!;
    s += d * d;
  }
  return s;
}

/**
 * Training covariance K(X, X) + σ_n² I as a row-major n×n matrix (new array), for column-major x (not mutated).
 * scikit-learn's GaussianProcessRegressor adds its `alpha` on top of this; the caller does that.
 */
export function kernelMatrix(
  kind: GpKernelName,
  x: Float64Array,
  n: number,
  p: number,
  theta: Float64Array,
): Float64Array {
  const xs = scaleRows(x, n, p, theta);
  const signal = Math.exp(theta[0]!);
  const noise = Math.exp(theta[p + 1]!);
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    k[i * n + i] = signal + noise;
    for (let j = 0; j < i; j++) {
      const v = signal * correlation(kind, squaredDistance(xs, i * p, xs, j * p, p));
      k[i * n + j] = v;
      k[j * n + i] = v;
    }
  }
  return k;
}

/**
 * Cross-covariance K(A, B) without the white-noise term, row-major na×nb (K[i·nb + j]), from rows already scaled
 * by `scaleRows` (row-major, not mutated). New array.
 */
export function crossKernelScaled(
  kind: GpKernelName,
  aScaled: Float64Array,
  na: number,
  bScaled: Float64Array,
  nb: number,
  p: number,
  theta: Float64Array,
): Float64Array {
  const signal = Math.exp(theta[0]!);
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      out[i * nb + j] = signal * correlation(kind, squaredDistance(aScaled, i * p, bScaled, j * p, p));
    }
  }
  return out;
}

/** Prior variance k(x*, x*) at any new point: σ_f² + σ_n² (scikit-learn's kernel.diag includes the white noise). */
export function priorVariance(p: number, theta: Float64Array): number {
  return Math.exp(theta[0]!) + Math.exp(theta[p + 1]!);
}

/**
 * ∂K/∂θ_k for every log-hyperparameter, as p + 2 row-major n×n matrices (new arrays; O(n²p) memory — for
 * tests and inspection; the likelihood uses `contractKernelGradient`).
 */
export function kernelGradient(
  kind: GpKernelName,
  x: Float64Array,
  n: number,
  p: number,
  theta: Float64Array,
): Float64Array[] {
  const xs = scaleRows(x, n, p, theta);
  const signal = Math.exp(theta[0]!);
  const noise = Math.exp(theta[p + 1]!);
  const out = Array.from({ length: p + 2 }, () => new Float64Array(n * n));
  for (let i = 0; i < n; i++) {
    out[0]![i * n + i] = signal;
    out[p + 1]![i * n + i] = noise;
    for (let j = 0; j < i; j++) {
      const r2 = squaredDistance(xs, i * p, xs, j * p, p);
      const v = signal * correlation(kind, r2);
      out[0]![i * n + j] = v;
      out[0]![j * n + i] = v;
      const h = signal * lengthScaleFactor(kind, r2);
      for (let k = 0; k < p; k++) {
        const d = xs[i * p + k]! - xs[j * p + k]!;
        const g = h * d * d;
        out[1 + k]![i * n + j] = g;
        out[1 + k]![j * n + i] = g;
      }
    }
  }
  return out;
}

/**
 * out[k] = Σ_ij W_ij ∂K_ij/∂θ_k for a symmetric row-major n×n weight matrix W (only its lower triangle is read),
 * without forming the p + 2 derivative matrices: O(n²p) time, O(p) extra memory. Writes `out` (length p + 2);
 * reads the rest. With W = ααᵀ − K⁻¹ and a factor ½ this is the gradient of the log marginal likelihood.
 */
export function contractKernelGradient(
  kind: GpKernelName,
  x: Float64Array,
  n: number,
  p: number,
  theta: Float64Array,
  w: Float64Array,
  out: Float64Array,
): Float64Array {
  const xs = scaleRows(x, n, p, theta);
  const signal = Math.exp(theta[0]!);
  const noise = Math.exp(theta[p + 1]!);
  out.fill(0);
  let traceW = 0;
  for (let i = 0; i < n; i++) traceW += w[i * n + i]!;
  let sSignal = traceW; // Σ W_ij ρ_ij; ρ_ii = 1
  for (let i = 0; i < n; i++) {
    const ri = i * p;
    for (let j = 0; j < i; j++) {
      const wij = 2 * w[i * n + j]!; // the (i, j) and (j, i) terms
      if (wij === 0) continue;
      const rj = j * p;
      const r2 = squaredDistance(xs, ri, xs, rj, p);
      sSignal += wij * correlation(kind, r2);
      const h = wij * lengthScaleFactor(kind, r2);
      if (h === 0) continue;
      for (let k = 0; k < p; k++) {
        const d = xs[ri + k]! - xs[rj + k]!;
        out[1 + k] = out[1 + k]! + h * d * d;
      }
    }
  }
  out[0] = signal * sSignal;
  for (let k = 0; k < p; k++) out[1 + k] = signal * out[1 + k]!;
  out[p + 1] = noise * traceW;
  return out;
}
