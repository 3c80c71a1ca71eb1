/**
 * The `nonlinear_analysis` form as data: its fields read from the shared zod schema, the values a user edits, the
 * parameters sent to the server, and the validation messages, computed with that same schema before submit.
 */
import type { z } from 'zod';
import { NonlinearAnalysisParameters } from '../../../src-shared/api/job-types.js';
import { fieldParameters, initialFieldValues } from './field-values.js';
import type { FieldValues } from './field-values.js';
import { problemOf } from './linear-form.js';
import type { FieldProblem } from './linear-form.js';
import { describeFields } from './schema-fields.js';
import type { FieldSpec } from './schema-fields.js';

/** Shown in this order; the rest are in "advanced". */
export const NL_MAIN_FIELDS = ['models_to_use', 'outer_splits', 'cv_splits', 'n_trials'] as const;
export const NL_ADVANCED_FIELDS = ['enable_shap', 'random_seed'] as const;

const shape = NonlinearAnalysisParameters.shape as unknown as Record<string, z.ZodType>;
export const NONLINEAR_FIELDS: FieldSpec[] = describeFields(shape, [
  ...NL_MAIN_FIELDS,
  ...NL_ADVANCED_FIELDS,
]);

export interface NonlinearFormValues {
  targets: string[];
  /** Empty: the server's default (every column except the targets). */
  features: string[];
  /** Empty: rows with identical features are kept together (the server's default). */
  group: string;
  fields: FieldValues;
}

export function initialNonlinearValues(): NonlinearFormValues {
  return { targets: [], features: [], group: '', fields: initialFieldValues(NONLINEAR_FIELDS) };
}

export function toNonlinearParameters(values: NonlinearFormValues): Record<string, unknown> {
  const params = fieldParameters(NONLINEAR_FIELDS, values.fields);
  params.target_columns = values.targets;
  if (values.features.length > 0) params.feature_columns = values.features;
  if (values.group.trim() !== '') params.group_column = values.group.trim();
  return params;
}

const FIELD_OF: Record<string, string> = {
  target_columns: 'targets',
  feature_columns: 'features',
  group_column: 'group',
};

export function validateNonlinear(values: NonlinearFormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.targets.length === 0) problems.push({ field: 'targets', code: 'required_target' });
  if (values.features.some((f) => values.targets.includes(f))) {
    problems.push({ field: 'features', code: 'target_is_feature' });
  }
  const group = values.group.trim();
  if (group && (values.targets.includes(group) || values.features.includes(group))) {
    problems.push({ field: 'group', code: 'group_is_used' });
  }
  const parsed = NonlinearAnalysisParameters.safeParse(toNonlinearParameters(values));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const top = String(issue.path[0] ?? '');
    const field = FIELD_OF[top] ?? top;
    if (problems.some((p) => p.field === field)) continue;
    problems.push(field === 'models_to_use' ? { field, code: 'required_model' } : problemOf(field, issue));
  }
  return problems;
}
