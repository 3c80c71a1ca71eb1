/**
 * result.json: the typed, versioned record every job writes, and what the UI plots and the offline cache keeps.
 *
 * Naming used in every job type: coefficient rows `{term, estimate, std_error, t, p, ci_low, ci_high}`
 * (the intercept's term is `(Intercept)`); metrics `r2 rmse mae roc_auc ...` prefixed `oof_` for
 * out-of-fold and `in_sample_` for in-sample values. A number that does not exist (a p-value of an
 * exact fit, say) is `null`, never NaN. Bodies of engines that land later are extended by their issues;
 * `schema_version` changes when a body changes incompatibly.
 */
import { z } from 'zod';
import type { JobType } from './job-types.js';
import { JOB_PARAMETER_SCHEMAS } from './job-types.js';
import { ClassificationBody } from './classification-result.js';
import { LinearAnalysisBody } from './linear-result.js';
import { NonlinearAnalysisBody } from './nonlinear-result.js';
import { OptimizationBody } from './optimization-result.js';
import { ParetoBody } from './pareto-result.js';
import { PredictionBody } from './prediction-result.js';
import { LogInputSource } from '../logs/experiment-log-api.js';

export const RESULT_SCHEMA_VERSION = 1;
export const INTERCEPT_TERM = '(Intercept)';

export { CoefficientRow } from './linear-result.js';

export const Warning = z.strictObject({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Warning = z.infer<typeof Warning>;

export { LinearAnalysisBody } from './linear-result.js';

export { OptimizationBody } from './optimization-result.js';

export { ParetoBody } from './pareto-result.js';

export { NonlinearAnalysisBody } from './nonlinear-result.js';

export { ClassificationBody } from './classification-result.js';

export { PredictionBody } from './prediction-result.js';

export const RESULT_BODY_SCHEMAS = {
  optimization: OptimizationBody,
  linear_analysis: LinearAnalysisBody,
  nonlinear_analysis: NonlinearAnalysisBody,
  classification: ClassificationBody,
  prediction: PredictionBody,
  pareto: ParetoBody,
} as const satisfies Record<JobType, z.ZodType>;

export type ResultBodies = { [K in JobType]: z.infer<(typeof RESULT_BODY_SCHEMAS)[K]> };

/** The fields every result.json has around its body (also read by the UI's own lenient decoders). */
export const envelopeFields = {
  job_id: z.uuid(),
  schema_version: z.literal(RESULT_SCHEMA_VERSION),
  engine_version: z.string(),
  /** sha256 of the input file exactly as uploaded. */
  input_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  started_at: z.iso.datetime({ offset: true }),
  finished_at: z.iso.datetime({ offset: true }),
  warnings: z.array(Warning),
  /** Set when the input was written from an experiment log: which log, revision and filter (view) it holds. */
  input_source: LogInputSource.optional(),
};

function envelopeOf<K extends JobType>(type: K) {
  return z.strictObject({
    ...envelopeFields,
    job_type: z.literal(type),
    parameters: JOB_PARAMETER_SCHEMAS[type],
    body: RESULT_BODY_SCHEMAS[type],
  });
}

export const ResultEnvelope = z.discriminatedUnion('job_type', [
  envelopeOf('optimization'),
  envelopeOf('linear_analysis'),
  envelopeOf('nonlinear_analysis'),
  envelopeOf('classification'),
  envelopeOf('prediction'),
  envelopeOf('pareto'),
]);
export type ResultEnvelope = z.infer<typeof ResultEnvelope>;
export type ResultEnvelopeOf<K extends JobType> = Extract<ResultEnvelope, { job_type: K }>;
