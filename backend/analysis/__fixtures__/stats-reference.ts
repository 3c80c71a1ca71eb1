/** Test helper: typed access to stats-reference.json, the scipy/mpmath/statsmodels values written by generate-stats-reference.py. */
import reference from './stats-reference.json' with { type: 'json' };

export interface OlsReference {
  name: string;
  n: number;
  p: number;
  terms: string[];
  has_intercept: boolean;
  x_columns: number[][];
  y: number[];
  params: number[];
  bse: number[];
  tvalues: number[];
  pvalues: number[];
  conf_int_low: number[];
  conf_int_high: number[];
  rsquared: number;
  rsquared_adj: number;
  fvalue: number;
  f_pvalue: number;
  ssr: number;
  df_model: number;
  df_resid: number;
}

export interface StatsReference {
  versions: Record<string, string>;
  log_gamma: { x: number; scipy: number | null; mp: number }[];
  incomplete_beta: { x: number; a: number; b: number; scipy: number | null; mp: number; mp_complement: number }[];
  t_sf: { t: number; df: number; sf_scipy: number | null; sf_mp: number; two_sided_mp: number }[];
  t_ppf: { p: number; df: number; ppf_scipy: number | null; ppf_mp: number }[];
  f_sf: { f: number; d1: number; d2: number; sf_scipy: number | null; sf_mp: number }[];
  ols: OlsReference[];
}

export function loadStatsReference(): StatsReference {
  return reference as unknown as StatsReference;
}

/**
 * Relative error of `actual` against `expected`; below `floor` (default: the subnormal range) the
 * difference is measured absolutely, since such references carry no relative precision.
 */
export function relativeError(actual: number, expected: number, floor = 2.2250738585072014e-308): number {
  if (actual === expected) return 0;
  const scale = Math.abs(expected);
  if (scale < floor) return Math.abs(actual - expected) / floor;
  return Math.abs(actual - expected) / scale;
}
