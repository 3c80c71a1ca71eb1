/** Test helper: typed access to gp-reference.json, the scikit-learn GaussianProcessRegressor values written by generate-gp-reference.py. */
import reference from './gp-reference.json' with { type: 'json' };
import type { GpKernelName } from '../../gaussian-process/kernels.js';

export interface GpDataset {
  name: string;
  n: number;
  p: number;
  x_columns: number[][];
  y: number[];
  n_test: number;
  test_columns: number[][];
}

export interface GpFixedCase {
  dataset: string;
  kernel: GpKernelName;
  normalize_y: boolean;
  alpha: number;
  signal_variance: number;
  length_scales: number[];
  noise_variance: number;
  /** sklearn kernel_.theta: [log c, log ℓ…, log σ_n²]. */
  theta: number[];
  lml: number;
  lml_recomputed: number;
  gradient: number[];
  mean: number[];
  std: number[];
}

export interface GpOptimizedCase {
  dataset: string;
  kernel: GpKernelName;
  lml: number;
  theta: number[];
  kernel_repr: string;
}

export interface GpReference {
  versions: Record<string, string>;
  datasets: GpDataset[];
  fixed: GpFixedCase[];
  optimized: GpOptimizedCase[];
}

export function loadGpReference(): GpReference {
  return reference as GpReference;
}

/** A data set as column-major Float64Arrays (x: n×p, test: nTest×p). */
export function gpDataset(
  ref: GpReference,
  name: string,
): { n: number; p: number; x: Float64Array; y: Float64Array; nTest: number; test: Float64Array } {
  const d = ref.datasets.find((s) => s.name === name);
  if (!d) throw new Error(`gp-reference.json has no data set '${name}'`);
  return {
    n: d.n,
    p: d.p,
    x: Float64Array.from(d.x_columns.flat()),
    y: Float64Array.from(d.y),
    nTest: d.n_test,
    test: Float64Array.from(d.test_columns.flat()),
  };
}
