/**
 * Reads a result.json (from the server or the offline cache) into what a view can draw, and says plainly when the
 * file is of a version or job type this UI has no view for, instead of drawing something wrong.
 */
import { z } from 'zod';
import { LinearAnalysisParameters } from '../../../src-shared/api/job-types.js';
import { LinearAnalysisBody } from '../../../src-shared/api/linear-result.js';
import { ResultEnvelope, envelopeFields } from '../../../src-shared/api/results.js';
import type { ResultEnvelopeOf } from '../../../src-shared/api/results.js';

/**
 * The envelope every job's result.json shares (src-shared/api/results.ts), with any schema version accepted here so
 * that a newer file is reported as such rather than as broken.
 */
const envelope = { ...envelopeFields, schema_version: z.number().int() };

export const LinearResultEnvelope = z.strictObject({
  ...envelope,
  job_type: z.literal('linear_analysis'),
  parameters: LinearAnalysisParameters,
  body: LinearAnalysisBody,
});
export type LinearResultEnvelope = z.infer<typeof LinearResultEnvelope>;

const AnyEnvelope = z.object({ job_type: z.string(), schema_version: z.unknown(), body: z.unknown() });

export type OptimizationResult = ResultEnvelopeOf<'optimization'>;
export type NonlinearResult = ResultEnvelopeOf<'nonlinear_analysis'>;
export type ClassificationResult = ResultEnvelopeOf<'classification'>;
export type PredictionResult = ResultEnvelopeOf<'prediction'>;
export type ParetoResult = ResultEnvelopeOf<'pareto'>;

export type DecodedResult =
  | { kind: 'linear'; result: LinearResultEnvelope }
  | { kind: 'optimization'; result: OptimizationResult }
  | { kind: 'nonlinear_analysis'; result: NonlinearResult }
  | { kind: 'classification'; result: ClassificationResult }
  | { kind: 'prediction'; result: PredictionResult }
  | { kind: 'pareto'; result: ParetoResult }
  /** A result in a shape this UI does not know (an older or newer body). */
  | { kind: 'unsupported_version'; jobType: string; schemaVersion: string }
  | { kind: 'unsupported_type'; jobType: string }
  | { kind: 'invalid' };

const OTHER_TYPES = ['optimization', 'nonlinear_analysis', 'classification', 'prediction', 'pareto'] as const;

export function decodeResult(json: unknown): DecodedResult {
  const head = AnyEnvelope.safeParse(json);
  if (!head.success) return { kind: 'invalid' };
  const { job_type: jobType, schema_version: version } = head.data;
  if (jobType === 'linear_analysis') {
    const linear = LinearResultEnvelope.safeParse(json);
    if (linear.success) return { kind: 'linear', result: linear.data };
    return { kind: 'unsupported_version', jobType, schemaVersion: String(version) };
  }
  if (!(OTHER_TYPES as readonly string[]).includes(jobType)) return { kind: 'unsupported_type', jobType };
  const parsed = ResultEnvelope.safeParse(json);
  if (!parsed.success) return { kind: 'unsupported_version', jobType, schemaVersion: String(version) };
  const result = parsed.data;
  switch (result.job_type) {
    case 'optimization':
      return { kind: 'optimization', result };
    case 'nonlinear_analysis':
      return { kind: 'nonlinear_analysis', result };
    case 'classification':
      return { kind: 'classification', result };
    case 'prediction':
      return { kind: 'prediction', result };
    case 'pareto':
      return { kind: 'pareto', result };
    default:
      return { kind: 'unsupported_version', jobType, schemaVersion: String(version) };
  }
}
