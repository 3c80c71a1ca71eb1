/** Small pieces both studies use: JSON-safe numbers, feature ranges, and term bookkeeping. */
import { buildDesign, designSpec, type ColumnData, type DesignSpec } from '../linear/design-spec.js';
import type { StudyInput } from './study-types.js';
import { INTERCEPT_TERM } from '../linear/ols.js';

/** null for NaN and ±Infinity, so results stay JSON. */
export const finite = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

export function numericRanges(data: ColumnData): Record<string, { min: number; max: number }> {
  const out: Record<string, { min: number; max: number }> = {};
  for (const [name, values] of Object.entries(data.numeric)) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out[name] = { min, max };
  }
  return out;
}

/** The design without its intercept column (learners add their own), and whether it had one. */
export function withoutIntercept(
  design: Float64Array,
  terms: string[],
  n: number,
): { x: Float64Array; p: number; intercept: boolean } {
  const intercept = terms[0] === INTERCEPT_TERM;
  return intercept
    ? { x: design.subarray(n), p: terms.length - 1, intercept }
    : { x: design, p: terms.length, intercept };
}

/** The model terms of a study and its training design, with and without the intercept column. */
export function studyDesign(input: StudyInput): {
  spec: DesignSpec;
  terms: string[];
  design: Float64Array;
  x: Float64Array;
  p: number;
  intercept: boolean;
} {
  const { features, train, options: o } = input;
  const spec = designSpec(o.model, features, train.data, {
    intercept: o.intercept,
    standardize: o.standardize,
  });
  const terms = spec.terms.map((t) => t.name);
  const design = buildDesign(spec, train.data, train.n);
  return { spec, terms, design, ...withoutIntercept(design, terms, train.n) };
}
