/**
 * `algorithm: 'coordinate'`: designs for continuous factors without a candidate list (coordinate exchange, see
 * backend/analysis/doe/coordinate-exchange.ts), shaped like a candidate-list design so the rest of the job
 * (diagnostics, run list, design.csv, form) is shared.
 *
 * Glossary:
 * - region sample: REGION_SAMPLE seeded uniform points of the factor box, its two extreme corners first (so the
 *   range coding is exactly the box); it stands in for the candidates in the I / G efficiency, the FDS curve and
 *   the PCA projection, and `n_candidates` counts it plus the new runs;
 * - the new runs are appended after the region sample; `selected` points at them.
 * Only continuous factors with min < max are accepted (a level list, a categorical factor, one-hot groups and
 * constraints need a candidate list: use 'fedorov'); `step` is ignored, each coordinate is searched on a grid of
 * LEVELS_PER_COORDINATE points. Existing runs in the uploaded file are kept as fixed runs.
 */
import type { JobParameters } from '../../../../src-shared/api/job-types.js';
import type { Warning } from '../../../../src-shared/api/results.js';
import { candidateSetFromColumns, type CandidateSet } from '../../../analysis/doe/candidates/index.js';
import { coordinateExchange } from '../../../analysis/doe/coordinate-exchange.js';
import { DesignError } from '../../../analysis/doe/design-error.js';
import type { DesignSolution } from '../../../analysis/doe/exchange.js';
import { buildDesign, type ColumnData } from '../../../analysis/linear/design-spec.js';
import { createRng, deriveSeed } from '../../../analysis/random/rng.js';
import { TableError, readTable, type Table } from '../../../ingest/index.js';
import { TaskError } from '../task.js';
import { existingFromFile, type DesignInputs } from './optimization-inputs.js';
import { designModel, type DesignModel } from './optimization-model.js';

type Params = JobParameters['optimization'];

export const REGION_SAMPLE = 2000;
export const LEVELS_PER_COORDINATE = 21;

export interface CoordinateResult {
  inputs: DesignInputs;
  model: DesignModel;
  solution: DesignSolution;
}

interface Box {
  names: string[];
  lo: number[];
  hi: number[];
}

/** The factor box, or a TaskError naming the first factor coordinate exchange cannot handle. */
function factorBox(params: Params): Box {
  const bad = (message: string, field = 'parameters.factors'): never => {
    throw new TaskError('ZS_ERR_INPUT', `algorithm 'coordinate': ${message}`, { field });
  };
  if (params.factors === undefined)
    bad(
      "needs factor definitions with min and max (it builds runs without a candidate list); use 'fedorov' with a candidate file",
    );
  if (params.one_hot_groups !== undefined && params.one_hot_groups.length > 0)
    bad("one-hot groups need a candidate list; use 'fedorov'", 'parameters.one_hot_groups');
  if (params.constraints !== undefined && params.constraints.length > 0)
    bad("constraints need a candidate list; use 'fedorov'", 'parameters.constraints');
  const box: Box = { names: [], lo: [], hi: [] };
  params.factors!.forEach((f, i) => {
    if (f.type === 'categorical' || f.levels !== undefined)
      bad(
        `factor '${f.name}' is ${f.type === 'categorical' ? 'categorical' : 'given as a level list'}; coordinate exchange needs continuous factors with min and max (use 'fedorov' for discrete levels)`,
        `parameters.factors.${i}`,
      );
    if (f.min === undefined || f.max === undefined || !(f.max > f.min))
      bad(`factor '${f.name}' needs min < max`, `parameters.factors.${i}`);
    box.names.push(f.name);
    box.lo.push(f.min!);
    box.hi.push(f.max!);
  });
  return box;
}

/** The region sample plus `runs` (column-major nRuns×k, original units) as a candidate set. */
function regionSet(box: Box, seed: number, runs: Float64Array, nRuns: number): CandidateSet {
  const k = box.names.length;
  const n = REGION_SAMPLE + nRuns;
  const rng = createRng(deriveSeed(seed, 2));
  const columns = box.names.map((_, f) => {
    const col = new Float64Array(n);
    col[0] = box.lo[f]!;
    col[1] = box.hi[f]!;
    return col;
  });
  for (let i = 2; i < REGION_SAMPLE; i++)
    for (let f = 0; f < k; f++) columns[f]![i] = box.lo[f]! + (box.hi[f]! - box.lo[f]!) * rng.next();
  for (let r = 0; r < nRuns; r++)
    for (let f = 0; f < k; f++) columns[f]![REGION_SAMPLE + r] = runs[f * nRuns + r]!;
  return candidateSetFromColumns(
    box.names.map((name) => ({ kind: 'numeric' as const, name })),
    columns,
    n,
  );
}

/** Reads the existing runs, runs the coordinate exchange and returns the design in the candidate-list shape. */
export async function coordinateDesign(
  input: Uint8Array,
  fileName: string,
  params: Params,
  signal: AbortSignal,
  onProgress: (fraction: number, stage: string) => void,
): Promise<CoordinateResult> {
  const box = factorBox(params);
  const k = box.names.length;
  let table: Table | null;
  try {
    table = await readTable(input, { filename: fileName, sheet: params.sheet });
  } catch (err) {
    if (err instanceof TableError && (err.code === 'no_data_rows' || err.code === 'empty_file')) table = null;
    else throw err;
  }
  const warnings: Warning[] = [];
  const sample = regionSet(box, params.random_seed, new Float64Array(0), 0);
  const existing = existingFromFile(table, sample, params, warnings);
  existing.matched.fill(-1); // runs are never chosen from a list here, so none is "taken"
  // The model recipe and coding from the region sample (its corners fix the range coding to the box).
  const recipe = designModel(sample, existing.columns, existing.n, params);
  const p = recipe.terms.length;
  if (existing.n + params.num_points < p) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${existing.n} existing + ${params.num_points} new runs cannot estimate the ${p} model terms; ask for at least ${p - existing.n} new runs or choose a smaller model`,
      { field: 'parameters.num_points', terms: p },
    );
  }
  const coding = box.names.map((name) => recipe.coding[name]!);
  const one: ColumnData = { numeric: {}, text: {} };
  for (const name of box.names) one.numeric[name] = new Float64Array(1);
  // f(x) of coded settings x: back to original units, then the job's own model recipe (and its coding).
  const modelRow = (x: Float64Array): Float64Array => {
    box.names.forEach((name, f) => (one.numeric[name]![0] = coding[f]!.center + coding[f]!.scale * x[f]!));
    return buildDesign(recipe.spec, one, 1);
  };
  const fixedCoded = new Float64Array(existing.n * k);
  for (let f = 0; f < k; f++)
    for (let r = 0; r < existing.n; r++)
      fixedCoded[f * existing.n + r] = (existing.columns[f]![r]! - coding[f]!.center) / coding[f]!.scale;

  let design;
  try {
    design = coordinateExchange({
      nFactors: k,
      levelsPerCoordinate: LEVELS_PER_COORDINATE,
      modelRow,
      nRuns: params.num_points,
      fixedRows: fixedCoded,
      nFixed: existing.n,
      criterion: params.criterion,
      nStarts: params.n_starts,
      seed: params.random_seed,
      signal,
      onProgress,
    });
  } catch (err) {
    if (err instanceof DesignError) throw new TaskError('ZS_ERR_INPUT', err.message, { reason: err.reason });
    throw err;
  }
  const nRuns = params.num_points;
  const runs = new Float64Array(nRuns * k);
  for (let f = 0; f < k; f++)
    for (let r = 0; r < nRuns; r++) {
      // Round off the coding's rounding so a run at a bound prints as the bound.
      const v = coding[f]!.center + coding[f]!.scale * design.factors[f * nRuns + r]!;
      runs[f * nRuns + r] = Number(v.toPrecision(12));
    }
  const set = regionSet(box, params.random_seed, runs, nRuns);
  const model = designModel(set, existing.columns, existing.n, params);
  const selected = Int32Array.from({ length: nRuns }, (_, r) => REGION_SAMPLE + r);
  return {
    inputs: {
      set,
      generated: false,
      filtering: { examined: 0, removed: 0, constraints: [] },
      existing,
      warnings,
    },
    model,
    solution: {
      selected,
      logDet: design.logDet,
      value: design.value,
      bestStart: design.bestStart,
      starts: design.starts,
    },
  };
}
