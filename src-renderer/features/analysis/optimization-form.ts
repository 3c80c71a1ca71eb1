/**
 * The `optimization` (design of experiments) form as data: its fields read from the shared zod schema, the values a
 * user edits, the parameters sent to the server, and the validation messages, computed with that same schema.
 * The candidates come from the current data set (a candidate file; its factor columns default to every numeric
 * column), from factors defined in the form (factor-design.ts), or from a log's done runs' levels.
 */
import type { z } from 'zod';
import { OptimizationParameters } from '../../../src-shared/api/job-types.js';
import { factorDesignParameters, initialFactorDesign, validateFactorDesign } from './factor-design.js';
import type { FactorDesignDraft } from './factor-design.js';
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

/**
 * `file`: choose among the data set's rows; `factors`: generate from the factors defined in the form;
 * `log_levels`: generate from the levels a log's done runs used (only offered with those runs).
 */
export type CandidateSource = 'file' | 'factors' | 'log_levels';

export interface OptimizationFormValues {
  /** Null: not touched yet, so the default (the numeric columns except `existing`) is used. */
  factors: string[] | null;
  /** Empty: no column marks runs already done. */
  existing: string;
  /** Numbers as typed text, so an empty box is an error rather than 0. */
  fields: Record<string, string | boolean | string[]>;
  source: CandidateSource;
  /** The factors defined in the form (used when `source` is `factors`). */
  design: FactorDesignDraft;
}

export function initialOptimizationValues(): OptimizationFormValues {
  return {
    factors: null,
    existing: '',
    fields: initialFieldValues(OPTIMIZATION_FIELDS),
    source: 'file',
    design: initialFactorDesign(),
  };
}

/** The source in effect: the log's levels only while they are offered. */
export function candidateSource(
  values: OptimizationFormValues,
  generated: GeneratedCandidates | null,
): CandidateSource {
  return values.source === 'log_levels' && !generated ? 'file' : values.source;
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
  const source = candidateSource(values, generated);
  if (source === 'factors') {
    // The data set (if any) holds the runs already done; the candidates come from the definitions.
    return { ...params, ...factorDesignParameters(values.design) };
  }
  if (generated && source === 'log_levels') {
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
  const source = candidateSource(values, generated);
  if (source === 'factors') {
    problems.push(...validateFactorDesign(values.design));
    const parsed = OptimizationParameters.safeParse(toOptimizationParameters(values, numeric, generated));
    if (parsed.success) return problems;
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? '');
      // The editor's own checks name the row and field; the schema only adds limits (50 factors, long lines).
      if (top === 'factors' && problems.some((p) => p.field.startsWith('factors'))) continue;
      if (top === 'one_hot_groups' && problems.some((p) => p.field.startsWith('one_hot_groups'))) continue;
      if (!problems.some((p) => p.field === top)) problems.push(problemOf(top, issue));
    }
    return problems;
  }
  if (generated && source === 'log_levels') {
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
