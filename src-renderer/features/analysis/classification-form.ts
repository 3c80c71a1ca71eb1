/**
 * The `classification` form as data: its fields read from the shared zod schema, the values a user edits (the
 * positive label as typed text), the parameters sent to the server, the candidate positive labels a preview
 * reveals, and the validation messages, computed with that same schema before submit.
 */
import type { z } from 'zod';
import { ClassificationParameters } from '../../../src-shared/api/job-types.js';
import { isMissing } from '../data/parse-preview.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { fieldParameters, initialFieldValues } from './field-values.js';
import type { FieldValues } from './field-values.js';
import { problemOf } from './linear-form.js';
import type { FieldProblem } from './linear-form.js';
import { describeFields } from './schema-fields.js';
import type { FieldSpec } from './schema-fields.js';

/** Shown in this order; the rest are in "advanced". */
export const CL_MAIN_FIELDS = [
  'models_to_use',
  'outer_splits',
  'cv_splits',
  'n_trials_inner',
  'alpha',
  'beta',
  'confidence',
] as const;
export const CL_ADVANCED_FIELDS = ['random_seed'] as const;

/** The contract accepts `logistic` as another name of `logistic_regression`; the form offers one box for both. */
const MODEL_ALIASES: Readonly<Record<string, string>> = { logistic: 'logistic_regression' };

function withoutAliases(spec: FieldSpec): FieldSpec {
  if (spec.kind !== 'enum-list') return spec;
  const canonical = (o: string) => MODEL_ALIASES[o] ?? o;
  return {
    ...spec,
    options: spec.options.filter((o) => !Object.hasOwn(MODEL_ALIASES, o)),
    defaultValue: [...new Set(spec.defaultValue.map(canonical))],
  };
}

const shape = ClassificationParameters.shape as unknown as Record<string, z.ZodType>;
export const CLASSIFICATION_FIELDS: FieldSpec[] = describeFields(shape, [
  ...CL_MAIN_FIELDS,
  ...CL_ADVANCED_FIELDS,
]).map(withoutAliases);

const DEFAULT_POSITIVE = String(ClassificationParameters.shape.positive_label.parse(undefined));

export interface ClassificationFormValues {
  target: string;
  /** The target value that means "positive", as typed or chosen; sent as a number when the column is numeric. */
  positive: string;
  /** Empty: the server's default (every column except the target). */
  features: string[];
  fields: FieldValues;
}

export function initialClassificationValues(): ClassificationFormValues {
  return {
    target: '',
    positive: DEFAULT_POSITIVE,
    features: [],
    fields: initialFieldValues(CLASSIFICATION_FIELDS),
  };
}

const isNumericColumn = (columns: readonly ColumnSummary[] | null | undefined, name: string) =>
  columns?.find((c) => c.name === name)?.kind === 'numeric';

/** The label as the server should compare it: a number for a numeric column (NaN for the schema to report). */
function positiveLabel(values: ClassificationFormValues, numeric: boolean): string | number {
  const text = values.positive.trim();
  if (!numeric) return text;
  return text === '' ? Number.NaN : Number(text);
}

/** `columns`: the preview's, to tell a numeric target column (null or undefined: no preview, the label is text). */
export function toClassificationParameters(
  values: ClassificationFormValues,
  columns?: readonly ColumnSummary[] | null,
): Record<string, unknown> {
  const params = fieldParameters(CLASSIFICATION_FIELDS, values.fields);
  params.target_column = values.target.trim();
  params.positive_label = positiveLabel(values, isNumericColumn(columns, values.target.trim()));
  if (values.features.length > 0) params.feature_columns = values.features;
  return params;
}

const FIELD_OF: Record<string, string> = { target_column: 'target', feature_columns: 'features' };

/**
 * `choices`: the target's values offered as a list (see labelChoices); with two or more, the label must be one of
 * them. An empty label or one not offered is "invalid", for which the form shows its own message.
 */
export function validateClassification(
  values: ClassificationFormValues,
  columns?: readonly ColumnSummary[] | null,
  choices: readonly string[] = [],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const target = values.target.trim();
  if (target === '') problems.push({ field: 'target', code: 'required_column' });
  if (values.features.includes(target)) problems.push({ field: 'features', code: 'target_is_feature' });
  const offered = choices.length < 2 || keptPositive(values.positive, choices) !== '';
  if (values.positive.trim() === '' || !offered) problems.push({ field: 'positive_label', code: 'invalid' });
  const parsed = ClassificationParameters.safeParse(toClassificationParameters(values, columns));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const top = String(issue.path[0] ?? '');
    const field = FIELD_OF[top] ?? top;
    if (problems.some((p) => p.field === field)) continue;
    if (field === 'models_to_use') problems.push({ field, code: 'required_model' });
    else if (field === 'positive_label') problems.push({ field, code: 'not_a_number' });
    else problems.push(problemOf(field, issue));
  }
  return problems;
}

/** How many candidate labels are offered at most (a usable target has two). */
export const MAX_LABEL_CHOICES = 20;

/**
 * The distinct values of `target` the preview shows: those of its first rows, plus the minimum and maximum of a
 * numeric column (summarised over every row, so both classes of a 0/1 column are there even when the first rows
 * hold one). Numbers are compared as numbers ("1.0" = "1") and sorted; texts keep their first-seen order.
 */
export function labelChoices(
  columns: readonly ColumnSummary[] | null | undefined,
  rows: readonly (readonly string[])[] | null,
  target: string,
): string[] {
  const index = columns ? columns.findIndex((c) => c.name === target) : -1;
  if (!columns || index < 0) return [];
  const column = columns[index]!;
  const numeric = column.kind === 'numeric';
  const seen = new Set<string>();
  for (const row of rows ?? []) {
    const raw = row[index];
    if (raw === undefined || isMissing(raw)) continue;
    seen.add(numeric ? String(Number(raw.trim())) : raw.trim());
  }
  if (numeric && column.min !== null && column.max !== null) {
    seen.add(String(column.min));
    seen.add(String(column.max));
  }
  const choices = [...seen];
  if (numeric) choices.sort((a, b) => Number(a) - Number(b));
  return choices.slice(0, MAX_LABEL_CHOICES);
}

/** After the target changes: keep the label if the new column has it (or nothing is known), else clear it. */
export function keptPositive(current: string, choices: readonly string[]): string {
  if (choices.length === 0) return current;
  const trimmed = current.trim();
  return choices.find((c) => c === trimmed || (trimmed !== '' && Number(c) === Number(trimmed))) ?? '';
}
