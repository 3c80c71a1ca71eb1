/**
 * Builds the coded model matrices of the candidates and of the runs already done with the same recipe
 * (design-spec.ts), so the exchange, the diagnostics and any later fit all see exactly the same columns.
 *
 * Glossary:
 * - coding `range`: center = (max + min) / 2, scale = (max − min) / 2 over the candidates, so each numeric factor
 *   runs from −1 to 1; `standardize`: mean and population SD over the candidates;
 * - a one-hot group enters a preset model as one categorical factor (its first member is the reference level);
 *   its term `A11|A13[A13]` is shown as `A13`. In an explicit formula its members are 0/1 columns by name.
 */
import type { JobParameters } from '../../../../src-shared/api/job-types.js';
import {
  factorColumn,
  type CandidateFactor,
  type CandidateSet,
} from '../../../analysis/doe/candidates/index.js';
import {
  FormulaError,
  buildDesign,
  designSpec,
  type ColumnData,
  type DesignSpec,
} from '../../../analysis/linear/design-spec.js';
import { TaskError } from '../task.js';

type Params = JobParameters['optimization'];

export interface DesignModel {
  spec: DesignSpec;
  /** Display names of the p terms (one-hot levels shown as their member column). */
  terms: string[];
  coding: Record<string, { center: number; scale: number }>;
  /** Column-major N×p candidate model matrix. */
  candidates: Float64Array;
  /** Column-major E×p model rows of the existing runs. */
  fixed: Float64Array;
  /** Coded factor values of the candidates for the PCA: column-major N×q, one column per numeric factor and per one-hot member / categorical level. */
  codedFactors: { values: Float64Array; q: number; n: number };
  codedExisting: { values: Float64Array; q: number; n: number };
}

const PRESETS: Record<string, string> = {
  main_effects: 'linear',
  interactions: 'interactions',
  quadratic: 'quadratic',
};

function isPreset(model: string): boolean {
  return Object.hasOwn(PRESETS, model);
}

/** Column data of rows given as candidate-set columns (one per factor). */
function columnData(
  factors: readonly CandidateFactor[],
  columns: ReadonlyArray<Float64Array | Int32Array>,
  preset: boolean,
): ColumnData {
  const data: ColumnData = { numeric: {}, text: {} };
  factors.forEach((f, j) => {
    const col = columns[j]!;
    if (f.kind === 'numeric') data.numeric[f.name] = col as Float64Array;
    else if (f.kind === 'categorical') data.text[f.name] = Array.from(col, (k) => f.levels[k] ?? null);
    else if (preset) data.text[f.name] = Array.from(col, (k) => f.columns[k] ?? null);
    else f.columns.forEach((c, m) => (data.numeric[c] = Float64Array.from(col, (k) => (k === m ? 1 : 0))));
  });
  return data;
}

/** Up to five distinct values of x (enough for powers up to 4, the formula's limit), range, mean and SD. */
function levelSummary(x: Float64Array): {
  distinct: number[];
  min: number;
  max: number;
  mean: number;
  sd: number;
} {
  const distinct: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of x) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (distinct.length < 5 && !distinct.includes(v)) distinct.push(v);
  }
  const mean = sum / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return { distinct, min, max, mean, sd: Math.sqrt(ss / x.length) };
}

/**
 * Checks the factors against the model, codes them and builds both model matrices. Throws TaskError for a bad
 * formula, a factor with one level, a quadratic term of a two-level factor, or fewer candidates than terms.
 */
export function designModel(
  set: CandidateSet,
  existingColumns: ReadonlyArray<Float64Array | Int32Array>,
  nExisting: number,
  params: Params,
): DesignModel {
  const preset = isPreset(params.model);
  const columns = set.factors.map((_, j) => factorColumn(set, j));
  const data = columnData(set.factors, columns, preset);
  const features = preset
    ? set.factors.map((f) => f.name)
    : set.factors.flatMap((f) => (f.kind === 'one_hot' ? f.columns : [f.name]));

  let spec: DesignSpec;
  try {
    spec = designSpec(preset ? PRESETS[params.model]! : params.model, features, data, {
      intercept: params.intercept,
      standardize: false,
    });
  } catch (err) {
    if (err instanceof FormulaError) {
      throw new TaskError('ZS_ERR_INPUT', `model: ${err.message}`, {
        field: 'parameters.model',
        position: err.position,
      });
    }
    throw err;
  }

  // Factors with too few levels for the terms that use them.
  const used = new Map<string, number>(); // column → highest power used
  for (const t of spec.terms) {
    for (const f of t.factors)
      if (f.kind === 'numeric') used.set(f.column, Math.max(used.get(f.column) ?? 0, f.power));
  }
  const coding: Record<string, { center: number; scale: number }> = {};
  for (const f of set.factors) {
    if (f.kind !== 'numeric') continue;
    const s = levelSummary(data.numeric[f.name]!);
    const power = used.get(f.name) ?? 0;
    if (power > 0 && s.distinct.length === 1) {
      throw new TaskError(
        'ZS_ERR_INPUT',
        `factor '${f.name}' has a single level (${s.distinct[0]}) among the candidates, so its effect cannot be estimated; give it more levels or remove it from the factors`,
        { factor: f.name, levels: 1 },
      );
    }
    if (power >= 2 && s.distinct.length <= power) {
      throw new TaskError(
        'ZS_ERR_INPUT',
        `factor '${f.name}' has only ${s.distinct.length} levels among the candidates, but the model has the term ${f.name}^${power}, which needs at least ${power + 1}; give it more levels or choose a model without it`,
        { factor: f.name, levels: s.distinct.length },
      );
    }
    const range = { center: (s.max + s.min) / 2, scale: (s.max - s.min) / 2 };
    const std = { center: s.mean, scale: s.sd };
    const c = params.coding === 'range' ? range : std;
    coding[f.name] = { center: c.center, scale: c.scale > 0 && Number.isFinite(c.scale) ? c.scale : 1 };
  }
  spec.coding = coding;

  const p = spec.terms.length;
  if (set.count < p) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `there are fewer candidates (${set.count}) than model terms (${p}); add levels or factors' values, relax the constraints, or choose a smaller model`,
      { candidates: set.count, terms: p },
    );
  }

  const candidates = buildDesign(spec, data, set.count);
  const fixedData = columnData(set.factors, existingColumns, preset);
  const fixed = buildDesign(spec, fixedData, nExisting);

  const groupOf = new Map(set.factors.filter((f) => f.kind === 'one_hot').map((f) => [f.name, f]));
  const terms = spec.terms.map((t) =>
    t.factors.length === 0
      ? t.name
      : t.factors
          .map((f) =>
            f.kind === 'level'
              ? groupOf.has(f.column)
                ? f.level
                : `${f.column}[${f.level}]`
              : f.power === 1
                ? f.column
                : `${f.column}^${f.power}`,
          )
          .join(':'),
  );
  return {
    spec,
    terms,
    coding,
    candidates,
    fixed,
    codedFactors: codedFactorMatrix(set.factors, columns, set.count, coding),
    codedExisting: codedFactorMatrix(set.factors, existingColumns, nExisting, coding),
  };
}

/** Column-major n×q matrix of the coded numeric factors and 0/1 indicators of every level / member. */
function codedFactorMatrix(
  factors: readonly CandidateFactor[],
  columns: ReadonlyArray<Float64Array | Int32Array>,
  n: number,
  coding: Record<string, { center: number; scale: number }>,
): { values: Float64Array; q: number; n: number } {
  const q = factors.reduce(
    (s, f) => s + (f.kind === 'numeric' ? 1 : f.kind === 'categorical' ? f.levels.length : f.columns.length),
    0,
  );
  const values = new Float64Array(n * q);
  let k = 0;
  factors.forEach((f, j) => {
    const col = columns[j]!;
    if (f.kind === 'numeric') {
      const { center, scale } = coding[f.name]!;
      for (let i = 0; i < n; i++) values[k * n + i] = (col[i]! - center) / scale;
      k++;
      return;
    }
    const levels = f.kind === 'categorical' ? f.levels.length : f.columns.length;
    for (let m = 0; m < levels; m++, k++)
      for (let i = 0; i < n; i++) values[k * n + i] = col[i] === m ? 1 : 0;
  });
  return { values, q, n };
}
