/** Turns the user's named numeric and categorical columns into the model's numeric matrix (one-hot for categories), the same way at training and at prediction, so a model file's feature schema is all a loader needs. */
import { modelColumnsOf, type FeatureSpec, type ModelColumn } from '../../../src-shared/models/model-file.js';

/**
 * Glossary (see src-shared/models/model-file.ts for the file side):
 * - numeric values: Float64Array, NaN = missing. Categorical values: strings, null = missing.
 * - One-hot: a categorical feature with categories c_1..c_m becomes m 0/1 columns in that order; a missing value
 *   becomes NaN in all m columns (tree learners route it as missing, the others reject it naming the feature); a
 *   category not seen in training is an error naming feature, row and value.
 * - Categories default to the distinct training values sorted by UTF-16 code units (locale-independent, so the
 *   same data always gives the same layout).
 */

export type FeatureValues = Float64Array | readonly (string | null)[];

export type FeatureColumn =
  | { name: string; type: 'numeric'; values: Float64Array }
  | { name: string; type: 'categorical'; values: readonly (string | null)[]; categories?: readonly string[] };

/** Feature specs (categories, training ranges) from training columns of n rows. Throws on a bad column. Pure. */
export function featureSpecsOf(columns: readonly FeatureColumn[], n: number): FeatureSpec[] {
  if (columns.length === 0) throw new RangeError('features: need at least one feature');
  const seen = new Set<string>();
  return columns.map((c) => {
    if (seen.has(c.name)) throw new RangeError(`features: duplicate feature name '${c.name}'`);
    seen.add(c.name);
    if (c.values.length !== n)
      throw new RangeError(`feature '${c.name}': ${c.values.length} values, expected ${n} rows`);
    if (c.type === 'numeric') {
      if (!(c.values instanceof Float64Array))
        throw new TypeError(`feature '${c.name}': numeric values must be a Float64Array`);
      let min = Infinity;
      let max = -Infinity;
      for (const v of c.values) {
        if (Number.isNaN(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const finite = min <= max;
      return { name: c.name, type: 'numeric', min: finite ? min + 0 : null, max: finite ? max + 0 : null };
    }
    const distinct = new Set<string>();
    for (const v of c.values) if (v !== null) distinct.add(v);
    let categories: string[];
    if (c.categories) {
      categories = [...c.categories];
      for (const v of distinct)
        if (!categories.includes(v))
          throw new RangeError(`feature '${c.name}': value '${v}' is not among the given categories`);
    } else {
      categories = [...distinct].sort();
    }
    if (categories.length === 0) throw new RangeError(`feature '${c.name}': every value is missing`);
    return { name: c.name, type: 'categorical', categories, min: null, max: null };
  });
}

/**
 * The model matrix (column-major n×P, P = model columns) for named feature values of n rows. `allowNaN` false
 * makes a missing value an error naming feature and row; ±∞ is always an error. Pure.
 */
export function encodeFeatures(
  specs: readonly FeatureSpec[],
  values: Readonly<Record<string, FeatureValues>>,
  n: number,
  allowNaN: boolean,
): { x: Float64Array; columns: ModelColumn[] } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`encode: need at least one row, got n = ${n}`);
  const columns = modelColumnsOf(specs);
  const x = new Float64Array(n * columns.length);
  let col = 0;
  for (const spec of specs) {
    const v = values[spec.name];
    if (v === undefined) throw new RangeError(`feature '${spec.name}' is missing from the input`);
    if (v.length !== n)
      throw new RangeError(`feature '${spec.name}': ${v.length} values, expected ${n} rows`);
    const missing = (i: number): void => {
      if (!allowNaN)
        throw new RangeError(
          `feature '${spec.name}', row ${i}: value is missing; this learner needs complete rows (impute or drop the row)`,
        );
    };
    if (spec.type === 'numeric') {
      for (let i = 0; i < n; i++) {
        const d = v[i];
        if (typeof d !== 'number') throw new TypeError(`feature '${spec.name}', row ${i}: expected a number`);
        if (Number.isNaN(d)) missing(i);
        else if (!Number.isFinite(d))
          throw new RangeError(
            `feature '${spec.name}', row ${i}: value is ${d}; infinite values are not allowed`,
          );
        x[col * n + i] = d;
      }
      col += 1;
      continue;
    }
    const cats = spec.categories!;
    const index = new Map(cats.map((c, k) => [c, k]));
    for (let i = 0; i < n; i++) {
      const s = v[i];
      if (s === null || (typeof s === 'number' && Number.isNaN(s))) {
        missing(i);
        for (let k = 0; k < cats.length; k++) x[(col + k) * n + i] = Number.NaN;
        continue;
      }
      const k = typeof s === 'string' ? index.get(s) : undefined;
      if (k === undefined)
        throw new RangeError(
          `feature '${spec.name}', row ${i}: category ${JSON.stringify(s)} was not seen in training (known: ${cats.join(', ')})`,
        );
      x[(col + k) * n + i] = 1;
    }
    col += cats.length;
  }
  return { x, columns };
}
