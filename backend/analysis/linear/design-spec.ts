/**
 * Turns the user's choice of model terms into one recorded recipe (DesignSpec) so that fitting, prediction,
 * cross-validation folds and the exported Excel calculator all build exactly the same columns.
 *
 * Glossary:
 * - base column: a column of the input table (numeric, or text with levels);
 * - factor: one base column inside a term, raised to a power (numeric) or tested for one level (text);
 * - term: a product of factors, one column of the design matrix; `(Intercept)` has no factors;
 * - source: a term with its text levels collapsed to the column (`材料:回転速度` for
 *   `材料[Steel]:回転速度`), which is what the sequential ANOVA reports one row for.
 */
import { parseFormula, type ColumnKind, type FormulaTerm } from './model-formula.js';
import { INTERCEPT_TERM } from './ols.js';

export { FormulaError } from './model-formula.js';

export type TermFactor =
  { kind: 'numeric'; column: string; power: number } | { kind: 'level'; column: string; level: string };

/** The intercept: name '(Intercept)', factors []. */
export interface Term {
  name: string;
  factors: TermFactor[];
}

export interface DesignSpec {
  terms: Term[];
  /** Coding of numeric base columns when standardising: value_coded = (x - center) / scale; null = raw units. */
  coding: Record<string, { center: number; scale: number }> | null;
  /** Text columns: all levels (sorted by code point) and the reference level (the first), which gets no column. */
  categorical: Record<string, { levels: string[]; reference: string }>;
}

export interface ColumnData {
  numeric: Record<string, Float64Array>;
  text: Record<string, (string | null)[]>;
}

export const MODEL_PRESETS = ['linear', 'interactions', 'quadratic'] as const;

function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Orders strings by Unicode code point (as Python's sort does), not by UTF-16 code unit. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** The display name of a term: `a`, `a^2`, `col[level]`, joined by `:` in factor order. */
export function termName(factors: readonly TermFactor[]): string {
  if (factors.length === 0) return INTERCEPT_TERM;
  return factors
    .map((f) =>
      f.kind === 'level' ? `${f.column}[${f.level}]` : f.power === 1 ? f.column : `${f.column}^${f.power}`,
    )
    .join(':');
}

/** The ANOVA source of a term: its name with each text level collapsed to the column (`材料:回転速度`). */
export function termSource(term: Term): string {
  if (term.factors.length === 0) return INTERCEPT_TERM;
  return term.factors
    .map((f) => (f.kind === 'level' ? f.column : f.power === 1 ? f.column : `${f.column}^${f.power}`))
    .join(':');
}

function columnKinds(features: readonly string[], data: ColumnData): Map<string, ColumnKind> {
  const kinds = new Map<string, ColumnKind>();
  for (const f of features) {
    if (kinds.has(f)) throw new RangeError(`designSpec: feature '${f}' is listed twice`);
    if (own(data.numeric, f) !== undefined) kinds.set(f, 'numeric');
    else if (own(data.text, f) !== undefined) kinds.set(f, 'text');
    else throw new RangeError(`designSpec: feature '${f}' is not in the data`);
  }
  return kinds;
}

/** Formula-level terms for a preset: main effects, then two-factor interactions, then squares. */
function presetTerms(
  model: string,
  features: readonly string[],
  kinds: Map<string, ColumnKind>,
): FormulaTerm[] {
  const terms: FormulaTerm[] = features.map((column) => ({ factors: [{ column, power: 1 }], position: 0 }));
  if (model === 'interactions' || model === 'quadratic') {
    for (let i = 0; i < features.length; i++) {
      for (let j = i + 1; j < features.length; j++) {
        terms.push({
          factors: [
            { column: features[i]!, power: 1 },
            { column: features[j]!, power: 1 },
          ],
          position: 0,
        });
      }
    }
  }
  if (model === 'quadratic') {
    for (const column of features) {
      if (kinds.get(column) === 'numeric') terms.push({ factors: [{ column, power: 2 }], position: 0 });
    }
  }
  return terms;
}

/** Mean and population standard deviation (ddof 0, as scikit-learn's StandardScaler) of the finite values. */
function centerScale(x: Float64Array): { center: number; scale: number } {
  let count = 0;
  let sum = 0;
  for (const v of x) {
    if (Number.isFinite(v)) {
      count++;
      sum += v;
    }
  }
  if (count === 0) return { center: 0, scale: 1 };
  let mean = sum / count;
  let drift = 0;
  for (const v of x) if (Number.isFinite(v)) drift += v - mean;
  mean += drift / count;
  let ss = 0;
  for (const v of x) if (Number.isFinite(v)) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / count);
  return { center: mean, scale: sd > 0 && Number.isFinite(sd) ? sd : 1 };
}

/**
 * Builds the spec from the `model` parameter: 'linear' (main effects), 'interactions' (+ all two-factor
 * interactions), 'quadratic' (+ squares of numeric columns), or an explicit formula (see model-formula.ts;
 * a column literally named like a preset is written in backticks). `features` are the columns the model
 * may use, in order; each must be in `data.numeric` or `data.text`.
 *
 * - Text columns: levels are the distinct non-null values, sorted by code point; the first is the
 *   reference and gets no column, every other level one term `col[level]` (also inside interactions:
 *   `材料[Steel]:回転速度`). A text column with a single level contributes no terms.
 * - Intercept: `options.intercept`, unless the formula says `1` or `-1`/`0`; it is the first term.
 * - Coding (`options.standardize`): every numeric column used gets center = mean and scale = population
 *   SD of its finite values (scale 1 for a constant column); powers and interactions are formed from the
 *   coded values, so `x^2` is ((x − center)/scale)².
 *
 * Pure. Throws FormulaError for a formula the user must fix, RangeError for a caller error (a feature
 * missing from the data, listed twice, or a text column without any value).
 */
export function designSpec(
  model: string,
  features: string[],
  data: ColumnData,
  options: { intercept: boolean; standardize: boolean },
): DesignSpec {
  const kinds = columnKinds(features, data);
  let formulaTerms: FormulaTerm[];
  let intercept = options.intercept;
  if ((MODEL_PRESETS as readonly string[]).includes(model)) {
    formulaTerms = presetTerms(model, features, kinds);
  } else {
    const parsed = parseFormula(model, kinds);
    formulaTerms = parsed.terms;
    if (parsed.intercept !== null) intercept = parsed.intercept;
  }

  const used = new Set<string>();
  for (const t of formulaTerms) for (const f of t.factors) used.add(f.column);

  const categorical: [string, { levels: string[]; reference: string }][] = [];
  const numericUsed: string[] = [];
  for (const column of features) {
    if (!used.has(column)) continue;
    if (kinds.get(column) === 'numeric') {
      numericUsed.push(column);
      continue;
    }
    const levels = [...new Set(own(data.text, column)!.filter((v): v is string => v !== null))].sort(
      compareCodePoints,
    );
    if (levels.length === 0) throw new RangeError(`designSpec: text column '${column}' has no values`);
    categorical.push([column, { levels, reference: levels[0]! }]);
  }
  const categories = Object.fromEntries(categorical);

  const terms: Term[] = intercept ? [{ name: INTERCEPT_TERM, factors: [] }] : [];
  for (const t of formulaTerms) {
    // Cartesian product over the non-reference levels of each text factor, in factor order.
    let expanded: TermFactor[][] = [[]];
    for (const f of t.factors) {
      if (kinds.get(f.column) === 'numeric') {
        expanded = expanded.map((fs) => [...fs, { kind: 'numeric', column: f.column, power: f.power }]);
      } else {
        const levels = own(categories, f.column)!.levels.slice(1);
        expanded = expanded.flatMap((fs) =>
          levels.map((level): TermFactor[] => [...fs, { kind: 'level', column: f.column, level }]),
        );
      }
    }
    for (const factors of expanded) terms.push({ name: termName(factors), factors });
  }

  const coding = options.standardize
    ? Object.fromEntries(numericUsed.map((c) => [c, centerScale(own(data.numeric, c)!)]))
    : null;
  return { terms, coding, categorical: categories };
}

/** The coded value of a numeric base column (identity when the spec has no coding). */
function coded(spec: DesignSpec, column: string, x: number): number {
  const c = spec.coding === null ? undefined : own(spec.coding, column);
  return c === undefined ? x : (x - c.center) / c.scale;
}

/** x^power by repeated multiplication (the same rounding in buildDesign and termValues). */
function power(x: number, k: number): number {
  let v = 1;
  for (let i = 0; i < k; i++) v *= x;
  return v;
}

function levelValue(spec: DesignSpec, column: string, level: string, value: string | null): number {
  const cat = own(spec.categorical, column);
  if (value === null || cat === undefined || !cat.levels.includes(value)) return Number.NaN;
  return value === level ? 1 : 0;
}

/**
 * Column-major n×p design matrix (p = spec.terms.length); a term's value is the product of its factors
 * (numeric: coded value ^ power; level: 1 if equal else 0). Units: those of the (coded) base columns.
 * A missing value (NaN, null) or a text value that is not one of the spec's levels gives NaN in every
 * term that uses it, so the caller can drop the row. Pure; throws RangeError when a column the spec uses
 * is missing or not of length n.
 */
export function buildDesign(spec: DesignSpec, data: ColumnData, n: number): Float64Array {
  const p = spec.terms.length;
  const out = new Float64Array(n * p);
  const cache = new Map<string, Float64Array>();
  const factorColumn = (f: TermFactor): Float64Array => {
    const key = JSON.stringify(f.kind === 'numeric' ? [f.column, f.power] : [f.column, null, f.level]);
    const hit = cache.get(key);
    if (hit) return hit;
    const col = new Float64Array(n);
    if (f.kind === 'numeric') {
      const x = own(data.numeric, f.column);
      if (x === undefined || x.length !== n)
        throw new RangeError(`buildDesign: numeric column '${f.column}' missing or not of length ${n}`);
      for (let i = 0; i < n; i++) col[i] = power(coded(spec, f.column, x[i]!), f.power);
    } else {
      const x = own(data.text, f.column);
      if (x === undefined || x.length !== n)
        throw new RangeError(`buildDesign: text column '${f.column}' missing or not of length ${n}`);
      for (let i = 0; i < n; i++) col[i] = levelValue(spec, f.column, f.level, x[i]!);
    }
    cache.set(key, col);
    return col;
  };
  spec.terms.forEach((term, j) => {
    const o = j * n;
    out.fill(1, o, o + n);
    for (const f of term.factors) {
      const col = factorColumn(f);
      for (let i = 0; i < n; i++) out[o + i]! *= col[i]!;
    }
  });
  return out;
}

/**
 * Evaluates one row (for prediction and for checking the Excel calculator): the p term values, with
 * exactly the arithmetic of buildDesign. A numeric column given as text is parsed with Number(); a
 * missing or unparsable value, or an unknown level, gives NaN in the terms that use it. Pure.
 */
export function termValues(spec: DesignSpec, row: Record<string, number | string | null>): Float64Array {
  const out = new Float64Array(spec.terms.length);
  spec.terms.forEach((term, j) => {
    let v = 1;
    for (const f of term.factors) {
      const raw = own(row, f.column) ?? null;
      if (f.kind === 'numeric') {
        const x =
          typeof raw === 'number' ? raw : raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
        v *= power(coded(spec, f.column, x), f.power);
      } else {
        v *= levelValue(spec, f.column, f.level, raw === null ? null : String(raw));
      }
    }
    out[j] = v;
  });
  return out;
}
