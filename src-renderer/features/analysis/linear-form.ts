/**
 * The `linear_analysis` form as data: its fields (read from the shared zod schema), the values a user edits, the
 * parameters sent to the server, and the validation messages, computed with that same schema before submit.
 */
import type { z } from 'zod';
import { LinearAnalysisParameters } from '../../../src-shared/api/job-types.js';
import { fieldParameters, initialFieldValues } from './field-values.js';
import { describeFields } from './schema-fields.js';
import type { FieldSpec } from './schema-fields.js';

/** Shown in this order; the rest are in "advanced". */
export const MAIN_FIELDS = ['model', 'transform', 'fit_intercept', 'standardize'] as const;
export const ADVANCED_FIELDS = [
  'models_to_use',
  'selection_metric',
  'prefer_ols_within',
  'outer_splits',
  'cv_splits',
  'train_test_split',
  'random_seed',
] as const;
export type LinearFieldName = (typeof MAIN_FIELDS)[number] | (typeof ADVANCED_FIELDS)[number];

export const CUSTOM_MODEL = '__custom__';

const shape = LinearAnalysisParameters.shape as unknown as Record<string, z.ZodType>;
export const LINEAR_FIELDS: FieldSpec[] = describeFields(shape, [...MAIN_FIELDS, ...ADVANCED_FIELDS]);

/** What the inputs hold: numbers as typed text, so an empty box is an error rather than 0. */
export interface LinearFormValues {
  targets: string[];
  /** Empty: the server's default (every numeric column except the targets). */
  features: string[];
  /** A named model or CUSTOM_MODEL. */
  model: string;
  customModel: string;
  fields: Record<string, string | boolean | string[]>;
}

export function initialValues(): LinearFormValues {
  const fields = initialFieldValues(LINEAR_FIELDS);
  return { targets: [], features: [], model: String(fields.model ?? 'linear'), customModel: '', fields };
}

export function toParameters(values: LinearFormValues): Record<string, unknown> {
  const params = fieldParameters(LINEAR_FIELDS, values.fields);
  params.model = values.model === CUSTOM_MODEL ? values.customModel.trim() : values.model;
  if (values.targets.length === 1) params.target_column = values.targets[0];
  else params.target_columns = values.targets;
  if (values.features.length > 0) params.feature_columns = values.features;
  return params;
}

/** The reverse, for "re-run" and for editing a past job's parameters. */
export function fromParameters(params: Record<string, unknown>): LinearFormValues {
  const values = initialValues();
  for (const f of LINEAR_FIELDS) {
    const v = params[f.name];
    if (v === undefined) continue;
    values.fields[f.name] = f.kind === 'number' ? String(v) : (v as string | boolean | string[]);
  }
  const model = typeof params.model === 'string' ? params.model : 'linear';
  const named = (LINEAR_FIELDS.find((f) => f.name === 'model') as { options?: string[] } | undefined)
    ?.options;
  if (named?.includes(model)) values.model = model;
  else {
    values.model = CUSTOM_MODEL;
    values.customModel = model;
  }
  if (typeof params.target_column === 'string') values.targets = [params.target_column];
  else if (Array.isArray(params.target_columns)) values.targets = params.target_columns as string[];
  if (Array.isArray(params.feature_columns)) values.features = params.feature_columns as string[];
  return values;
}

/** One problem, keyed by the form field that shows it; `code` picks the translated message. */
export interface FieldProblem {
  field: string;
  code:
    | 'required_target'
    | 'target_is_feature'
    | 'required_factor'
    | 'existing_is_factor'
    | 'required_model'
    | 'group_is_used'
    | 'required_model_job'
    | 'required_column'
    | 'duplicate_objective'
    | 'too_few_objectives'
    | 'too_many_objectives'
    | 'too_small'
    | 'too_big'
    | 'not_a_number'
    | 'not_integer'
    | 'invalid'
    | 'factor_rows_required'
    | 'factor_name_required'
    | 'factor_name_duplicate'
    | 'factor_not_a_number'
    | 'factor_min_not_below_max'
    | 'factor_step_not_positive'
    | 'factor_levels_required'
    | 'factor_level_not_numeric'
    | 'group_too_small'
    | 'group_column_twice';
  limit?: number;
  /** The factor row or one-hot group (from 1) a factor-editor problem is in, so the message can name it. */
  row?: number;
  /** The factor row's field the problem is in. */
  part?: 'name' | 'min' | 'max' | 'step' | 'levels';
  /** The offending text (a duplicate name, a level that is not a number). */
  value?: string;
}

export function validate(values: LinearFormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.targets.length === 0) problems.push({ field: 'targets', code: 'required_target' });
  if (values.features.some((f) => values.targets.includes(f))) {
    problems.push({ field: 'features', code: 'target_is_feature' });
  }
  const parsed = LinearAnalysisParameters.safeParse(toParameters(values));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const top = String(issue.path[0] ?? '');
    const field = top === 'target_column' || top === 'target_columns' ? 'targets' : top;
    if (field === 'targets' && problems.some((p) => p.field === 'targets')) continue;
    problems.push(problemOf(field, issue));
  }
  return problems;
}

/** One zod issue as a problem of a form field (shared by the forms of every job type). */
export function problemOf(field: string, issue: z.core.$ZodIssue): FieldProblem {
  if (field === 'targets') return { field, code: 'required_target' };
  switch (issue.code) {
    case 'too_small':
      return { field, code: 'too_small', limit: Number(issue.minimum) };
    case 'too_big':
      return { field, code: 'too_big', limit: Number(issue.maximum) };
    case 'invalid_type':
      return { field, code: issue.expected === 'int' ? 'not_integer' : 'not_a_number' };
    case 'invalid_format':
      return { field, code: 'not_integer' };
    default:
      return { field, code: issue.message.includes('int') ? 'not_integer' : 'invalid' };
  }
}
