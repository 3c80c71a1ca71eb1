/**
 * enable_pareto: the final models predict every candidate of a generated grid (in chunks, typed columns only) and
 * the predictions are ranked by Pareto dominance; the front goes to pareto-candidates.csv and the result body.
 */
import type { z } from 'zod';
import type { CandidateGrid } from '../../../../src-shared/api/job-types.js';
import type { NonlinearPareto } from '../../../../src-shared/api/nonlinear-result.js';
import { CandidateError, factorColumn, generateGrid } from '../../../analysis/doe/candidates/index.js';
import type { FeatureValues } from '../../../analysis/learners/feature-encoding.js';
import type { ModelPipeline } from '../../../analysis/learners/model-pipeline.js';
import { analyseFront } from '../../../analysis/pareto/index.js';
import { toCsv } from '../../../core/export/csv.js';
import { TaskError } from '../task.js';

const CHUNK = 100_000;
const LISTED_FRONT_ROWS = 1000;

export interface ParetoObjective {
  column: string;
  direction: 'minimize' | 'maximize';
}

/** The candidates as named columns: numbers for numeric and one-hot factors, level texts for categorical ones. */
function gridColumns(grid: z.output<typeof CandidateGrid>): {
  n: number;
  columns: Map<string, FeatureValues>;
} {
  let set;
  try {
    set = generateGrid({
      factors: grid.factors,
      oneHotGroups: grid.one_hot_groups,
      constraints: grid.constraints,
    }).set;
  } catch (err) {
    if (err instanceof CandidateError)
      throw new TaskError('ZS_ERR_INPUT', `candidates: ${err.message}`, { field: 'parameters.candidates' });
    throw err;
  }
  const columns = new Map<string, FeatureValues>();
  set.factors.forEach((f, j) => {
    const col = factorColumn(set, j);
    if (f.kind === 'numeric') columns.set(f.name, col as Float64Array);
    else if (f.kind === 'categorical')
      columns.set(
        f.name,
        Array.from(col, (k) => f.levels[k]!),
      );
    else
      f.columns.forEach((name, m) =>
        columns.set(
          name,
          Float64Array.from(col, (k) => (k === m ? 1 : 0)),
        ),
      );
  });
  return { n: set.count, columns };
}

function slice(v: FeatureValues, from: number, to: number): FeatureValues {
  return v instanceof Float64Array ? v.subarray(from, to) : v.slice(from, to);
}

export function paretoOfCandidates(
  grid: z.output<typeof CandidateGrid>,
  models: ReadonlyMap<string, ModelPipeline>,
  objectives: readonly ParetoObjective[],
  seed: number,
): { body: NonlinearPareto; csv: Uint8Array } {
  const { n, columns } = gridColumns(grid);
  for (const [target, pipeline] of models)
    for (const f of pipeline.features)
      if (!columns.has(f.name))
        throw new TaskError(
          'ZS_ERR_INPUT',
          `The model of "${target}" reads "${f.name}", which the candidate factors do not define; add it to candidates.factors.`,
          { field: 'parameters.candidates.factors', column: f.name },
        );
  const predicted = objectives.map((o) => {
    const pipeline = models.get(o.column)!;
    const out = new Float64Array(n);
    for (let from = 0; from < n; from += CHUNK) {
      const to = Math.min(n, from + CHUNK);
      const values = Object.fromEntries(
        pipeline.features.map((f) => [f.name, slice(columns.get(f.name)!, from, to)]),
      );
      out.set(pipeline.predict(values, to - from), from);
    }
    return out;
  });
  const analysis = analyseFront({
    columns: predicted,
    maximise: objectives.map((o) => o.direction === 'maximize'),
    maxPlotPoints: LISTED_FRONT_ROWS,
    hypervolumeSamples: 20_000,
    seed,
  });
  const factorNames = [...columns.keys()];
  const predictedNames = objectives.map((o) => `${o.column}_predicted`);
  const header = ['candidate', ...factorNames, ...predictedNames, 'crowding_distance'];
  const rowOf = (i: number) => [
    i + 1,
    ...factorNames.map((name) => columns.get(name)![i] ?? null),
    ...predicted.map((p) => p[i]!),
    Number.isFinite(analysis.crowding[i]!) ? analysis.crowding[i]! : null,
  ];
  const csv = toCsv(header, Array.from(analysis.front, rowOf));
  const listed = Array.from(analysis.front).slice(0, LISTED_FRONT_ROWS);
  return {
    csv,
    body: {
      objectives: objectives.map((o) => ({ column: o.column, direction: o.direction })),
      n_candidates: n,
      n_front: analysis.front.length,
      columns: [...factorNames, ...predictedNames],
      front: listed.map((i) => ({
        candidate: i + 1,
        values: Object.fromEntries([
          ...factorNames.map((name) => [name, columns.get(name)![i] ?? null]),
          ...predictedNames.map((name, k) => [name, predicted[k]![i]!]),
        ]),
      })),
      knee_candidate: analysis.knee ? analysis.knee.row + 1 : null,
    },
  };
}
