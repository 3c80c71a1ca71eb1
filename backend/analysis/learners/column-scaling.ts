/** Standardises model columns before a scale-sensitive learner (penalised linear models, Gaussian processes) sees them, so one penalty or length-scale range suits columns in rpm and in mm alike. */

export interface ColumnScaling {
  /** Per column, units of that column. */
  mean: Float64Array;
  /** Per column population standard deviation (ddof 0), units of that column; 1 for a constant column. */
  scale: Float64Array;
}

/** Column means (two-pass) and population standard deviations of a finite column-major n×p x. Pure. */
export function fitColumnScaling(x: Float64Array, n: number, p: number): ColumnScaling {
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j * n + i]!;
    let m = s / n;
    let c = 0;
    for (let i = 0; i < n; i++) c += x[j * n + i]! - m;
    m += c / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[j * n + i]! - m) ** 2;
    mean[j] = m;
    scale[j] = Math.sqrt(v / n) || 1;
  }
  return { mean, scale };
}

/** (x − mean) / scale per column, as a new column-major n×p array. Pure. */
export function applyColumnScaling(s: ColumnScaling, x: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const m = s.mean[j]!;
    const d = s.scale[j]!;
    for (let i = 0; i < n; i++) out[j * n + i] = (x[j * n + i]! - m) / d;
  }
  return out;
}

/** Identity scaling (mean 0, scale 1) for p columns. */
export function identityScaling(p: number): ColumnScaling {
  return { mean: new Float64Array(p), scale: new Float64Array(p).fill(1) };
}
