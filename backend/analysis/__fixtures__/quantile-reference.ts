/** Test helper: typed access to quantile-reference.json, the scipy values written by generate-quantile-reference.py. */
import reference from './quantile-reference.json' with { type: 'json' };

export interface QuantileReference {
  versions: Record<string, string>;
  gamma: { a: number; x: number; p: number; q: number }[];
  chi2: { df: number; p: number; ppf: number; isf: number }[];
  beta: { a: number; b: number; p: number; ppf: number; isf: number }[];
  normal: { p: number; ppf: number }[];
}

export function loadQuantileReference(): QuantileReference {
  return reference as unknown as QuantileReference;
}
