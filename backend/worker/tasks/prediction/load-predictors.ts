/** Reads the model job's files (handed over by the executor) into one Predictor per target, with errors that say which file or parameter to fix. */
import { ModelFileError } from '../../../../src-shared/models/model-file.js';
import { TaskError, type ReferencedJob } from '../task.js';
import { linearModelPredictors } from './linear-model-predictor.js';
import { modelFilePredictor } from './model-file-predictor.js';
import type { Predictor } from './predictor.js';

const FIELD = 'parameters.model_job_id';

function parseJson(name: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new TaskError(
      'ZS_ERR_INPUT',
      `${name} of the model job is not valid JSON: ${(err as Error).message}`,
      {
        field: FIELD,
        file: name,
      },
    );
  }
}

/** Predictors of every model file of `job`, in file-name order; only `targets` when given. */
export function loadPredictors(
  job: ReferencedJob | undefined,
  targets: readonly string[] | undefined,
): Predictor[] {
  if (!job || job.files.length === 0)
    throw new TaskError('ZS_ERR_INPUT', 'The model job has no model files.', { field: FIELD });
  const predictors: Predictor[] = [];
  const files = [...job.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of files) {
    const json = parseJson(f.name, f.bytes);
    try {
      if (f.name === 'linear-model.json') predictors.push(...linearModelPredictors(f.name, json));
      else predictors.push(modelFilePredictor(f.name, json));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new TaskError('ZS_ERR_INPUT', `${f.name} of job ${job.jobId} cannot be used: ${message}`, {
        field: FIELD,
        file: f.name,
        ...(err instanceof ModelFileError ? { model_field: err.field } : {}),
      });
    }
  }
  const seen = new Set<string>();
  for (const p of predictors) {
    if (seen.has(p.target))
      throw new TaskError('ZS_ERR_INPUT', `The model job has two models of target "${p.target}".`, {
        field: FIELD,
      });
    seen.add(p.target);
  }
  if (!targets) return predictors;
  const unknown = targets.filter((t) => !seen.has(t));
  if (unknown.length > 0)
    throw new TaskError(
      'ZS_ERR_INPUT',
      `The model job has no model of ${unknown.map((t) => `"${t}"`).join(', ')}; it has ${[...seen].map((t) => `"${t}"`).join(', ')}.`,
      { field: 'parameters.targets', targets: unknown },
    );
  return predictors.filter((p) => targets.includes(p.target));
}
