/**
 * Checks the pareto parameters against each other and against the uploaded table, so every mistake comes back as
 * one message naming the objective, the column or the row to fix, before any sorting starts.
 */
import type { JobParameters } from '../../../../src-shared/api/job-types.js';
import { numericColumn, requireColumns, type Table } from '../../../ingest/index.js';
import { TaskError } from '../task.js';

type Params = JobParameters['pareto'];

export interface Objectives {
  names: string[];
  maximise: boolean[];
  /** Column values, NaN = missing (the table's own arrays: do not mutate). */
  columns: Float64Array[];
  /** Lexicographic priorities as objective positions. */
  lexicographic: { objective: number; tolerance: number }[] | undefined;
}

/** Relations between parameters that zod cannot see: distinct objectives, reference and priorities that fit. */
export function checkParameters(params: Params): void {
  const names = params.objectives.map((o) => o.column);
  names.forEach((name, k) => {
    if (names.indexOf(name) !== k) {
      throw new TaskError('ZS_ERR_INPUT', `column '${name}' is given twice as an objective`, {
        field: `parameters.objectives.${k}.column`,
        column: name,
      });
    }
  });
  if (params.reference_point && params.reference_point.length !== names.length) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `reference_point has ${params.reference_point.length} values but there are ${names.length} objectives (${names.join(', ')}); give one value per objective, in the same order`,
      { field: 'parameters.reference_point' },
    );
  }
  const seen = new Set<string>();
  params.lexicographic?.forEach((p, k) => {
    if (!names.includes(p.column)) {
      throw new TaskError(
        'ZS_ERR_INPUT',
        `lexicographic preference ${k + 1} names '${p.column}', which is not an objective; objectives: ${names.join(', ')}`,
        { field: `parameters.lexicographic.${k}.column`, column: p.column },
      );
    }
    if (seen.has(p.column)) {
      throw new TaskError('ZS_ERR_INPUT', `lexicographic preference lists '${p.column}' twice`, {
        field: `parameters.lexicographic.${k}.column`,
        column: p.column,
      });
    }
    seen.add(p.column);
  });
}

/**
 * The objective columns of the table: throws a TableError for an unknown column (listing the available ones) or
 * a non-numeric cell (naming its row), and a TaskError for a column with no values at all.
 */
export function objectiveColumns(table: Table, params: Params): Objectives {
  const names = params.objectives.map((o) => o.column);
  const found = requireColumns(table, names, 'objective');
  found.forEach((c, k) => {
    if (c.kind === 'empty') {
      throw new TaskError('ZS_ERR_INPUT', `objective column '${c.name}' has no values`, {
        field: `parameters.objectives.${k}.column`,
        column: c.name,
      });
    }
  });
  return {
    names,
    maximise: params.objectives.map((o) => o.direction === 'maximize' || o.direction === 'max'),
    columns: names.map((name) => numericColumn(table, name, 'objective')),
    lexicographic: params.lexicographic?.map((p) => ({
      objective: names.indexOf(p.column),
      tolerance: p.tolerance,
    })),
  };
}
