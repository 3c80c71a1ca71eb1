/** Test helper: typed access to transform-reference.json, the scipy.stats Box-Cox / Yeo-Johnson values written by generate-transform-reference.py. */
import reference from './transform-reference.json' with { type: 'json' };

export interface TransformReferenceCase {
  name: string;
  y: number[];
  /** scipy.stats.skew(y), biased. */
  skew: number;
  /** scipy.stats.boxcox(y + shift), shift = 1 − min(y) when min(y) ≤ 0. */
  box_cox: { shift: number; lambda: number; values: number[]; llf_at_lambda: number; mp_lambda: number };
  /** scipy.stats.yeojohnson(y). mp_lambda (both blocks): the true maximiser, by mpmath at 40 digits. */
  yeo_johnson: { lambda: number; values: number[]; llf_at_lambda: number; mp_lambda: number };
}

export interface TransformReference {
  versions: Record<string, string>;
  cases: TransformReferenceCase[];
}

export function loadTransformReference(): TransformReference {
  return reference as TransformReference;
}
