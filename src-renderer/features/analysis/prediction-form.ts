/**
 * The `prediction` form as data: the finished modelling job whose models predict the current table, and the
 * options read from the shared zod schema; validated with that same schema.
 */
import type { z } from 'zod';
import type { JobStatus, JobType } from '../../../src-shared/api/index.js';
import { PredictionParameters } from '../../../src-shared/api/job-types.js';
import { fieldParameters, initialFieldValues } from './field-values.js';
import type { FieldValues } from './field-values.js';
import { problemOf } from './linear-form.js';
import type { FieldProblem } from './linear-form.js';
import { describeFields } from './schema-fields.js';
import type { FieldSpec } from './schema-fields.js';

/** Job types whose finished jobs leave models a prediction job can apply. */
export const MODEL_JOB_TYPES: readonly JobType[] = [
  'nonlinear_analysis',
  'linear_analysis',
  'classification',
];

export const PREDICTION_FIELD_NAMES = ['unknown_category'] as const;
const shape = PredictionParameters.shape as unknown as Record<string, z.ZodType>;
export const PREDICTION_FIELDS: FieldSpec[] = describeFields(shape, PREDICTION_FIELD_NAMES);

export interface PredictionFormValues {
  modelJobId: string;
  fields: FieldValues;
}

export function initialPredictionValues(): PredictionFormValues {
  return { modelJobId: '', fields: initialFieldValues(PREDICTION_FIELDS) };
}

/** Completed jobs with models, newest first. */
export function modelJobs(jobs: readonly JobStatus[]): JobStatus[] {
  return jobs
    .filter((j) => j.status === 'completed' && MODEL_JOB_TYPES.includes(j.job_type))
    .sort((a, b) => (b.finished_at ?? b.created_at).localeCompare(a.finished_at ?? a.created_at));
}

/** The targets a modelling job was asked for, from its parameters. */
export function targetsOf(job: JobStatus): string[] {
  const p = job.parameters;
  if (Array.isArray(p.target_columns)) return p.target_columns.map(String);
  if (typeof p.target_column === 'string') return [p.target_column];
  return [];
}

export function toPredictionParameters(values: PredictionFormValues): Record<string, unknown> {
  return { ...fieldParameters(PREDICTION_FIELDS, values.fields), model_job_id: values.modelJobId };
}

export function validatePrediction(values: PredictionFormValues): FieldProblem[] {
  if (values.modelJobId === '') return [{ field: 'model_job_id', code: 'required_model_job' }];
  const parsed = PredictionParameters.safeParse(toPredictionParameters(values));
  if (parsed.success) return [];
  const problems: FieldProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (problems.some((p) => p.field === field)) continue;
    problems.push(field === 'model_job_id' ? { field, code: 'required_model_job' } : problemOf(field, issue));
  }
  return problems;
}
