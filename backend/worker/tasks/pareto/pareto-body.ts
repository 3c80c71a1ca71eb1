/** Maps the engine's analysis (backend/analysis/pareto) onto the result body the UI plots (src-shared/api/pareto-result.ts). */
import type { ParetoBody } from '../../../../src-shared/api/pareto-result.js';
import type { ParetoAnalysis } from '../../../analysis/pareto/index.js';
import { rowNumberOf, type Table } from '../../../ingest/index.js';
import type { Objectives } from './pareto-inputs.js';

/** Front sizes listed in the body (the CSV has every rank). */
const MAX_LISTED_FRONTS = 1000;

type Cell = number | string | null;

/** Every column of table row i: numbers as numbers, text as text, missing as null. */
export function tableRow(table: Table, i: number): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  for (const c of table.columns) {
    if (c.values) {
      const v = c.values[i]!;
      row[c.name] = Number.isFinite(v) ? v : null;
    } else row[c.name] = c.raw[i] ?? null;
  }
  return row;
}

const byName = (names: readonly string[], values: readonly number[]) =>
  Object.fromEntries(names.map((name, j) => [name, values[j]!]));

function pointAt(table: Table, objectives: Objectives, i: number) {
  return {
    row: rowNumberOf(table, i),
    values: byName(
      objectives.names,
      objectives.columns.map((c) => c[i]!),
    ),
  };
}

export function paretoBody(table: Table, objectives: Objectives, a: ParetoAnalysis): ParetoBody {
  const { names } = objectives;
  const plotRows = [...a.plot.rows];
  return {
    objectives: names.map((column, j) => ({ column, direction: objectives.maximise[j] ? 'max' : 'min' })),
    n_evaluated: a.nEvaluated,
    n_front: a.front.length,
    front: plotRows.map((i) => tableRow(table, i)),
    n_rows: a.n,
    n_excluded: a.nExcluded,
    excluded: a.excluded.map((e) => ({
      row: rowNumberOf(table, e.index),
      column: names[e.objective]!,
      reason: e.reason,
    })),
    n_fronts: a.frontSizes.length,
    front_sizes: a.frontSizes.slice(0, MAX_LISTED_FRONTS),
    plot: {
      rows: plotRows.map((i) => rowNumberOf(table, i)),
      crowding_distance: plotRows.map((i) => (Number.isFinite(a.crowding[i]!) ? a.crowding[i]! : null)),
      thinned: a.plot.epsilon !== null,
      epsilon: a.plot.epsilon,
    },
    ideal: byName(names, a.ideal),
    nadir: byName(names, a.nadir),
    hypervolume: {
      value: a.hypervolume.value,
      method: a.hypervolume.method,
      standard_error: a.hypervolume.standardError,
      samples: a.hypervolume.samples,
      reference_point: byName(names, a.hypervolume.reference),
      reference_source: a.hypervolume.source,
      n_outside: a.hypervolume.outside,
    },
    knee: a.knee && {
      ...pointAt(table, objectives, a.knee.row),
      method: a.knee.method,
      distance: a.knee.distance,
    },
    lexicographic: a.lexicographic && {
      steps: a.lexicographic.steps.map((s) => ({
        column: names[s.objective]!,
        tolerance: s.tolerance,
        best: s.best,
        n_kept: s.kept,
      })),
      choice: pointAt(table, objectives, a.lexicographic.row),
    },
  };
}
