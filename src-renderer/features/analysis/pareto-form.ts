/**
 * The `pareto` form as data: the objectives (2 to 6 columns, each minimised or maximised, in the order the user
 * lists them), the other fields read from the shared zod schema, and the validation messages of that same schema.
 */
import type { z } from 'zod';
import { ParetoParameters } from '../../../src-shared/api/job-types.js';
import { fieldParameters, initialFieldValues } from './field-values.js';
import type { FieldValues } from './field-values.js';
import { problemOf } from './linear-form.js';
import type { FieldProblem } from './linear-form.js';
import { describeFields } from './schema-fields.js';
import type { FieldSpec } from './schema-fields.js';

export const MIN_OBJECTIVES = 2;
export const MAX_OBJECTIVES = 6;
export const DIRECTIONS = ['minimize', 'maximize'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PARETO_ADVANCED_FIELDS = ['max_plot_points', 'hypervolume_samples', 'random_seed'] as const;
const shape = ParetoParameters.shape as unknown as Record<string, z.ZodType>;
export const PARETO_FIELDS: FieldSpec[] = describeFields(shape, PARETO_ADVANCED_FIELDS);

export interface Objective {
  column: string;
  direction: Direction;
}

export interface ParetoFormValues {
  objectives: Objective[];
  fields: FieldValues;
}

export function initialParetoValues(): ParetoFormValues {
  return {
    objectives: [
      { column: '', direction: 'minimize' },
      { column: '', direction: 'minimize' },
    ],
    fields: initialFieldValues(PARETO_FIELDS),
  };
}

export function toParetoParameters(values: ParetoFormValues): Record<string, unknown> {
  return {
    ...fieldParameters(PARETO_FIELDS, values.fields),
    objectives: values.objectives.map((o) => ({ column: o.column.trim(), direction: o.direction })),
  };
}

/** Problems of the objectives are keyed `objectives` (the list) or `objective.<i>` (one row's column). */
export function validatePareto(values: ParetoFormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  values.objectives.forEach((o, i) => {
    const column = o.column.trim();
    if (column === '') problems.push({ field: `objective.${i}`, code: 'required_column' });
    else if (seen.has(column)) problems.push({ field: `objective.${i}`, code: 'duplicate_objective' });
    seen.add(column);
  });
  const parsed = ParetoParameters.safeParse(toParetoParameters(values));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const [top, index] = issue.path;
    if (top === 'objectives' && index === undefined) {
      problems.push(
        issue.code === 'too_big'
          ? { field: 'objectives', code: 'too_many_objectives', limit: MAX_OBJECTIVES }
          : { field: 'objectives', code: 'too_few_objectives', limit: MIN_OBJECTIVES },
      );
      continue;
    }
    const field = top === 'objectives' ? `objective.${String(index)}` : String(top ?? '');
    if (problems.some((p) => p.field === field)) continue;
    problems.push(problemOf(field, issue));
  }
  return problems;
}
