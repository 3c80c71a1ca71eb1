/**
 * The `optimization` (design of experiments) form as data: its fields read from the shared zod schema, the values a
 * user edits, the parameters sent to the server, and the validation messages, computed with that same schema.
 * The candidate file is the current data set; its factor columns default to every numeric column.
 */
import type { z } from 'zod';
import { OptimizationParameters } from '../../../src-shared/api/job-types.js';
import { fieldParameters, initialFieldValues } from './field-values.js';
import { problemOf } from './linear-form.js';
import type { FieldProblem } from './linear-form.js';
import { describeFields } from './schema-fields.js';
import type { FieldSpec } from './schema-fields.js';

/** Candidates generated from factor levels, the data set being the runs already done (an experiment log's). */
export interface GeneratedCandidates {
  factors: Array<{ name: string; type?: 'continuous' | 'categorical'; levels?: (number | string)[] }>;
  one_hot_groups: string[][];
  /** Candidates before the one-hot rule: the product of the level counts. */
  gridSize: number;
}

/** Shown in this order; the rest are in "advanced". */
export const OPT_MAIN_FIELDS = ['num_points', 'model', 'criterion', 'n_starts'] as const;
export const OPT_ADVANCED_FIELDS = [
  'algorithm',
  'coding',
  'intercept',
  'randomize_run_order',
  'random_seed',
] as const;

const shape = OptimizationParameters.shape as unknown as Record<string, z.ZodType>;
export const OPTIMIZATION_FIELDS: FieldSpec[] = describeFields(shape, [
  ...OPT_MAIN_FIELDS,
  ...OPT_ADVANCED_FIELDS,
]);

export interface OptimizationFormValues {
  /** Null: not touched yet, so the default (the numeric columns except `existing`) is used. */
  factors: string[] | null;
  /** Empty: no column marks runs already done. */
  existing: string;
  /** Numbers as typed text, so an empty box is an error rather than 0. */
  fields: Record<string, string | boolean | string[]>;
  /** Generate the candidates (when offered) instead of choosing among the data set's rows. */
  generate: boolean;
}

export function initialOptimizationValues(): OptimizationFormValues {
  return { factors: null, existing: '', fields: initialFieldValues(OPTIMIZATION_FIELDS), generate: false };
}

/**
 * The factor columns in effect: the user's choice, or the numeric columns except the done-runs column;
 * with no preview (XLSX, `numeric` null) and no choice, none: the server's default applies.
 */
export function effectiveFactors(
  values: OptimizationFormValues,
  numeric: readonly string[] | null,
): string[] {
  if (values.factors) return values.factors;
  return numeric ? numeric.filter((name) => name !== values.existing) : [];
}

export function toOptimizationParameters(
  values: OptimizationFormValues,
  numeric: readonly string[] | null,
  generated: GeneratedCandidates | null = null,
): Record<string, unknown> {
  const params = fieldParameters(OPTIMIZATION_FIELDS, values.fields);
  if (generated && values.generate) {
    // Every row of the data set is then a run already done; the factors come from the definitions.
    params.factors = generated.factors;
    if (generated.one_hot_groups.length > 0) params.one_hot_groups = generated.one_hot_groups;
    return params;
  }
  const factors = effectiveFactors(values, numeric);
  if (factors.length > 0) params.feature_columns = factors;
  if (values.existing.trim() !== '') params.existing_column = values.existing.trim();
  return params;
}

export function validateOptimization(
  values: OptimizationFormValues,
  numeric: readonly string[] | null,
  generated: GeneratedCandidates | null = null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (generated && values.generate) {
    const parsed = OptimizationParameters.safeParse(toOptimizationParameters(values, numeric, generated));
    if (parsed.success) return problems;
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!problems.some((p) => p.field === field)) problems.push(problemOf(field, issue));
    }
    return problems;
  }
  const factors = effectiveFactors(values, numeric);
  // With a preview the columns are known, so an empty choice is an error; typed names (XLSX) may be left empty.
  if (numeric !== null && factors.length === 0) problems.push({ field: 'factors', code: 'required_factor' });
  if (values.existing && factors.includes(values.existing)) {
    problems.push({ field: 'existing', code: 'existing_is_factor' });
  }
  const parsed = OptimizationParameters.safeParse(toOptimizationParameters(values, numeric));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const top = String(issue.path[0] ?? '');
    const field = top === 'feature_columns' ? 'factors' : top === 'existing_column' ? 'existing' : top;
    if (problems.some((p) => p.field === field)) continue;
    problems.push(problemOf(field, issue));
  }
  return problems;
}
